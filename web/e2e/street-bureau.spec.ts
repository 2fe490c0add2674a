/**
 * Issue 17 in the browser: the street sets up a round with two communities and a committee user, sees the late one
 * overdue in the control room and extends a phase with a reason; after a (seeded) election the bureau returns the
 * filing with a reason, the committee reads it and files again, the bureau records it; the street's report shows
 * its charts and downloads the Excel; a role cannot open another's screen or API.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { login, shiftDate } from './seed';
import { seedCountedElection, type SeededElection } from './street-bureau-seed';
import { PASSWORD, readWorld } from './world';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let seeded: SeededElection;
let roundOfSetup = '';

test.beforeAll(async () => {
  seeded = await seedCountedElection(readWorld());
});

async function pickDate(page: Page, label: string, day: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  // Tab, not Enter: Enter would also submit the form the picker is in.
  await input.press('Tab');
}

async function asCommittee(page: Page): Promise<void> {
  const world = readWorld();
  const token = await login(world.baseURL, seeded.committeeUser, PASSWORD);
  await page.addInitScript((value) => window.localStorage.setItem('huanjie.token', value), token);
}

test('街道: a round with two communities and a committee user; the late community is overdue; a phase is extended with a reason', async ({ streetPage: page, world, snap }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '换届轮次' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '新建换届' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '新建换届' })).toBeVisible();
  await page.getByLabel('换届名称').fill('2027年张掖路街道社区两委换届选举');
  // A parameter changed from the preset is marked and cannot go without its reason.
  await page.getByRole('button', { name: /调整规则参数/ }).click();
  await page.getByLabel('选举后完成交接（天内）', { exact: true }).fill('5');
  await expect(page.getByRole('button', { name: /已调整1项/ })).toBeVisible();
  await page.getByRole('button', { name: /创建换届/ }).click();
  await expect(page.getByText('请填写调整“选举后完成交接（天内）”的理由')).toBeVisible();
  await page.getByLabel('调整“选举后完成交接（天内）”的理由').fill('街道党工委决定交接延至选举后5日内，便于审计');
  await snap(page, '17-01-round-new');
  await page.getByRole('button', { name: /创建换届/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '社区设置' })).toBeVisible();
  await expect(page.getByText('选举后完成交接（天内）：3 → 5（理由：街道党工委决定交接延至选举后5日内，便于审计）')).toBeVisible();
  const roundId = page.url().split('/').pop()!;

  const addCommunity = async (name: string, code: string, electionDay: string) => {
    await page.getByLabel('社区名称').fill(name);
    await page.getByLabel('代码').fill(code);
    await pickDate(page, '选举日', electionDay);
    await page.getByRole('button', { name: '添加社区' }).click();
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  };
  // 白银路社区 votes in ten days: its voter list was due ten days ago.
  await addCommunity('白银路社区', 'byl', shiftDate(world.today, 10));
  await addCommunity('皋兰路社区', 'gll', shiftDate(world.today, 35));
  await snap(page, '17-02-round-communities');
  // The last days come from the service, with this round's profile: the handover within the adjusted 5 days.
  const zh = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  const gll = page.getByRole('row').filter({ hasText: '皋兰路社区' });
  await expect(gll.getByRole('cell', { name: zh(shiftDate(world.today, 40)), exact: true })).toBeVisible();
  await expect(gll.getByRole('cell', { name: zh(shiftDate(world.today, 30)), exact: true })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await snap(page, '17-02-round-communities-1024');
  await page.setViewportSize({ width: 1366, height: 768 });

  // 推迟选举日: the steering group's decision, with its approval date and reason, shown under the day.
  const later = page.getByRole('row').filter({ hasText: '皋兰路社区' });
  await later.getByRole('button', { name: '推迟选举日' }).click();
  const postponing = page.getByRole('dialog');
  await expect(postponing).toContainText('须经街道换届选举工作领导小组批准');
  await pickDate(page, '新的选举日', shiftDate(world.today, 37));
  await pickDate(page, '领导小组批准日期', world.today);
  await postponing.getByLabel('推迟理由').fill('主任候选人退出，另行提名需时');
  await snap(page, '17-02b-postpone');
  await postponing.getByRole('button', { name: '登记推迟' }).click();
  await expect(later).toContainText('经领导小组批准：主任候选人退出，另行提名需时');
  await snap(page, '17-02c-postponed');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.goto(`/users/${roundId}`);
  await expect(page.getByRole('heading', { level: 1, name: '账户管理' })).toBeVisible();
  await page.getByLabel('用户名').fill('baiyinlu-weiyuan');
  await page.getByLabel('初始密码').fill('Baiyin-Passw0rd!');
  await page.getByRole('button', { name: '创建账户' }).click();
  await expect(page.getByRole('cell', { name: 'baiyinlu-weiyuan' })).toBeVisible();
  await snap(page, '17-03-users');

  await page.goto(`/control-room/${roundId}`);
  const late = page.getByRole('row').filter({ hasText: '白银路社区' });
  await expect(late.getByText(/选民名单公布（/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '皋兰路社区' })).toContainText('无');
  await page.getByLabel('按逾期筛选').click();
  await page.getByTitle('只看逾期').click();
  await expect(page.getByRole('row').filter({ hasText: '皋兰路社区' })).toHaveCount(0);
  await expect(late).toBeVisible();
  await snap(page, '17-04-control-room');

  await late.getByRole('button', { name: '白银路社区' }).click();
  await expect(page.getByRole('dialog')).toContainText('白银路社区（只读）');
  await page.keyboard.press('Escape');

  roundOfSetup = roundId;
});

test('街道: extends a phase with a reason', async ({ streetPage: page, world }) => {
  await page.goto(`/control-room/${roundOfSetup}`);
  await page.getByRole('button', { name: '延长工作阶段' }).click();
  const dialog = page.getByRole('dialog', { name: '延长工作阶段' });
  await dialog.getByLabel('阶段').click();
  await page.getByTitle(/^选举实施/).click();
  await pickDate(page, '延长至', shiftDate(world.today, 50));
  await dialog.getByLabel('延长理由').fill('白银路社区选民登记延误，经领导小组研究延长选举实施阶段');
  await dialog.getByRole('button', { name: '确认延长' }).click();
  // The extension is the API's PATCH /rounds/:id/phases/:phase (with its reason); the screen closes on success.
  await expect(dialog).toBeHidden();
  // The phase now ends on the new day: the dialog's list of phases says so.
  await page.getByRole('button', { name: '延长工作阶段' }).click();
  await dialog.getByLabel('阶段').click();
  const zh = (iso: string) => iso.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日');
  await expect(page.getByTitle(new RegExp(`^选举实施.*至 ${zh(shiftDate(world.today, 50))}`))).toBeVisible();
  // 总结验收 was pushed on (顺延) rather than overlapped: it now starts the day after.
  await expect(page.getByTitle(new RegExp(`^总结验收（${zh(shiftDate(world.today, 51))} 至`))).toBeVisible();
});

test('社区: files the counted election', async ({ page }) => {
  await asCommittee(page);
  await page.goto('/my-filing');
  await expect(page.getByRole('heading', { level: 1, name: '备案情况' })).toBeVisible();
  await page.getByRole('button', { name: '提交备案' }).click();
  await expect(page.getByText('待审核')).toBeVisible();
});

test('民政局: opens the filing from the queue and returns it with a reason', async ({ bureauPage: page, snap }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '备案审核' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '待审核（1）' })).toBeVisible();
  await snap(page, '17-05-filing-queue');
  await page.getByRole('link', { name: seeded.communityName }).click();
  await expect(page.getByRole('heading', { level: 1, name: `备案材料：${seeded.communityName}` })).toBeVisible();
  await expect(page.getByRole('cell', { name: '丁一' })).toBeVisible();
  await snap(page, '17-06-filing');
  await page.getByRole('tab', { name: '选举结果公告' }).click();
  await expect(page.getByTitle('选举结果公告')).toBeVisible();
  await page.getByRole('button', { name: '退回修改' }).click();
  await page.getByLabel(/退回理由/).fill('选举结果公告未写明投票地点，请补正后重新报备');
  await page.getByRole('button', { name: '确认退回' }).click();
  await expect(page.getByText('该备案已退回')).toBeVisible();
});

test('社区: reads the return reason and files again', async ({ page, snap }) => {
  await asCommittee(page);
  await page.goto('/my-filing');
  await expect(page.getByText('退回理由：选举结果公告未写明投票地点，请补正后重新报备')).toBeVisible();
  await snap(page, '17-07-returned');
  await page.getByRole('button', { name: '改正后重新提交备案' }).click();
  await expect(page.getByText('待审核')).toBeVisible();
});

test('民政局: records the filing', async ({ bureauPage: page }) => {
  await page.goto('/filings');
  await page.getByRole('link', { name: seeded.communityName }).click();
  await page.getByRole('button', { name: '予以备案' }).click();
  await expect(page.getByText('该备案已备案')).toBeVisible();
  await page.goto('/filings');
  await expect(page.getByRole('tab', { name: '已备案（1）' })).toBeVisible();
});

test('街道: the round report shows its charts and downloads the Excel', async ({ streetPage: page, snap }) => {
  await page.goto(`/round-report/${seeded.roundId}`);
  await expect(page.getByRole('heading', { level: 1, name: /换届工作报告/ })).toBeVisible();
  await expect(page.getByTestId('chart-sex').locator('svg')).toBeVisible();
  await expect(page.getByRole('cell', { name: seeded.communityName })).toBeVisible();
  await snap(page, '17-08-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载Excel' }).click()]);
  expect(download.suggestedFilename()).toBe('换届工作报告.xlsx');
});

test('民政局: district summary and audit log with the chain verdict', async ({ bureauPage: page, snap }) => {
  await page.goto('/district-summary');
  await expect(page.getByRole('cell', { name: '张掖路街道' })).toBeVisible();
  await snap(page, '17-09-district');
  await page.goto(`/audit?community=${seeded.communityId}`);
  await page.getByRole('button', { name: '校验日志链' }).click();
  await expect(page.getByText(/日志完整/)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'review-return' })).toBeVisible();
  await snap(page, '17-10-audit');
});

test('role boundaries: the street has no bureau menu, is refused its screen, and the API refuses it too', async ({ streetPage: page, world, tokenOf }) => {
  await page.goto('/rounds');
  await expect(page.getByRole('navigation', { name: '主菜单' })).not.toContainText('全区汇总');
  await page.goto('/district-summary');
  await expect(page.getByText('无权访问')).toBeVisible();
  const response = await fetch(`${world.baseURL}/api/v1/districts/${world.districtId}/summary`, { headers: { authorization: `Bearer ${await tokenOf('street')}` } });
  expect(response.status).toBe(403);
});
