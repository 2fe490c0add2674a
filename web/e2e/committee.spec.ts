/**
 * The community election committee's whole job in the browser: import an Excel file with two bad rows (both named),
 * correct one, publish the voter list, add representatives until the 40 check turns green, nominate and publish
 * candidates, download the ballot PDF. A screenshot of each screen goes to test-results/screens/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, SCREENS_DIR } from './fixtures';
import { idNumber, residents, voterWorkbook } from './people';

async function openMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: label === '首页' ? '首页' : label })).toBeVisible();
}

/** Picks an option of an antd Select by its text, from the list that is open. */
async function pickOption(page: Page, select: ReturnType<Page['getByLabel']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).click();
}

async function pickVoter(page: Page, label: string, name: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(name);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

test('a clerk registers voters, publishes the list, completes the representatives, publishes candidates and downloads the ballot', async ({
  committeePage: page,
  world,
  call,
  tokenOf,
  snap,
}) => {
  test.setTimeout(300_000);
  const people = residents(60);
  const badCheckDigit = { ...people[10]!, idNumber: `${people[10]!.idNumber.slice(0, 17)}${people[10]!.idNumber.endsWith('1') ? '2' : '1'}` };
  const minor = { idNumber: idNumber('2015-06-01', 900), name: '李小明', residency: '户籍' as const };
  // Header row 1, residents from row 2: the bad number is row 12, the minor row 31.
  const rows = [...people.slice(0, 10), badCheckDigit, ...people.slice(11, 29), minor, ...people.slice(29)];
  const file = join(SCREENS_DIR, '..', 'voters.xlsx');
  writeFileSync(file, await voterWorkbook(rows));

  // A residents' group, so that the corrected voter can be moved into it and the list filtered by it.
  const committeeToken = await tokenOf('committee');
  await call('POST', `/communities/${world.communityId}/groups`, { name: '第三居民小组', households: 40 }, committeeToken);

  // 首页
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  // The timeline as the server plans it: the election notice comes first (TML-ORDER), the voter list is due next.
  await expect(page.getByRole('alert').filter({ hasText: '下一步' })).toContainText('发布选举公告');
  await expect(page.getByRole('row').filter({ hasText: '选举实施' })).toContainText('发布选举公告、');
  await expect(page.getByRole('link', { name: '公布选民名单' })).toBeVisible();
  await expect(page.getByRole('table', { name: '换届阶段' })).toContainText('进行中');
  await snap(page, '10-home');

  // 选民登记: import with two bad rows, both named by their Excel row.
  await openMenu(page, '选民登记');
  await expect(page.getByText('尚未登记任何选民，不能公布名单')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(file);
  const report = page.getByRole('table', { name: '有误的行' });
  await expect(page.getByRole('status').filter({ hasText: '共61行' })).toContainText('有误2行');
  await expect(report).toContainText('第12行');
  await expect(report).toContainText('第31行');
  await snap(page, '11-voters-import-report');

  // Correct one: the resident with the mistyped number, registered with the right one.
  await page.getByRole('button', { name: '添加选民' }).click();
  const dialog = page.getByRole('dialog', { name: '添加选民' });
  await dialog.getByLabel('身份证号码').fill(people[10]!.idNumber);
  await dialog.getByLabel('姓名').fill(people[10]!.name);
  await snap(page, '12-voters-add');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('共 60 人')).toBeVisible();

  // Search by the last digits of the number.
  await page.getByLabel('按姓名或身份证号后几位查找').fill(people[10]!.idNumber.slice(-4));
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.getByRole('cell', { name: people[10]!.name, exact: true })).toBeVisible();

  // Correct the address found wrong on the door-to-door check (PATCH /voters/:id, audited).
  await page.getByRole('button', { name: `更正 ${people[10]!.name}` }).click();
  const correction = page.getByRole('dialog', { name: '更正选民信息' });
  await correction.getByLabel('住址').fill('秀川社区88号楼');
  await pickOption(page, correction.getByLabel('居民小组'), '第三居民小组');
  await snap(page, '12b-voters-correct');
  await correction.getByRole('button', { name: '保存更正' }).click();
  await expect(correction).toBeHidden();
  await expect(page.getByRole('cell', { name: '秀川社区88号楼' })).toBeVisible();

  // Filters: by residents' group, then those in no group who live here without household registration (居住).
  await page.getByLabel('按姓名或身份证号后几位查找').fill('');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.getByText('共 60 人')).toBeVisible();
  await pickOption(page, page.getByLabel('按居民小组筛选'), '第三居民小组');
  await expect(page.getByText('共 1 人')).toBeVisible();
  await expect(page.getByRole('cell', { name: people[10]!.name, exact: true })).toBeVisible();
  await pickOption(page, page.getByLabel('按居民小组筛选'), '未分小组');
  await expect(page.getByText('共 59 人')).toBeVisible();
  // Every fifth resident lives here without household registration; the one with the mistyped number was re-added as 户籍.
  await pickOption(page, page.getByLabel('按户籍或居住筛选'), '居住');
  await expect(page.getByText('共 11 人')).toBeVisible();
  await expect(page.getByRole('cell', { name: '户籍', exact: true })).toHaveCount(0);
  await snap(page, '12c-voters-filtered');

  // The election notice comes first (TML-ORDER): 文书打印 → 发布选举公告; then back to publish the voter list.
  await openMenu(page, '文书打印');
  await page.getByRole('button', { name: '发布选举公告' }).click();
  await expect(page.getByRole('status').filter({ hasText: /发布（第\d+号公告）/ })).toBeVisible();
  await openMenu(page, '选民登记');

  // Publish the voter list.
  await page.getByRole('button', { name: '发布选民名单' }).click();
  await page.getByRole('button', { name: '公布', exact: true }).click();
  await expect(page.getByText(/已于.*公布（第\d+号公告）/)).toBeVisible();
  await snap(page, '13-voters-published');

  // 居民代表: 38 arranged through the API, the last two added on screen; REP-COUNT turns green at 40.
  const voters = await call<{ items: { id: string; name: string }[] }>('GET', `/communities/${world.communityId}/voters?page=1&pageSize=100`, undefined, committeeToken);
  for (const voter of voters.items.slice(0, 38)) {
    await call('POST', `/communities/${world.communityId}/representatives`, { voterId: voter.id }, committeeToken);
  }
  await openMenu(page, '居民代表');
  const repCount = page.locator('[data-rule="REP-COUNT"]');
  // 一般应为40至60名: a reminder (提醒) under this street's profile, not a breach.
  await expect(repCount).toContainText('提醒');
  await expect(repCount).toContainText('现有 38');
  await expect(repCount).not.toContainText('violations');
  await snap(page, '14-representatives-38');
  for (const [i, voter] of voters.items.slice(38, 40).entries()) {
    await pickVoter(page, '选民', voter.name);
    await page.getByRole('button', { name: '添加代表' }).click();
    await expect(page.getByText(`居民代表名单（${39 + i}人）`)).toBeVisible();
  }
  await expect(repCount).toContainText('符合');
  await expect(repCount).not.toContainText('不符合');
  await expect(repCount).toContainText('现有 40');
  await snap(page, '15-representatives-40');

  // 候选人: two nominees for one director's seat, the preliminary report, publication, ballot order. The committee's
  // own nomination is refused until the nominee's consent is ticked (CAN-NOMINATION).
  await openMenu(page, '候选人');
  await pickVoter(page, '被提名人', voters.items[41]!.name);
  await page.getByRole('button', { name: '提名', exact: true }).click();
  await expect(page.getByText('选举委员会提名（组织提名）须经被提名人本人同意')).toBeVisible();
  await snap(page, '16a-nomination-needs-consent');
  for (const [i, voter] of voters.items.slice(41, 43).entries()) {
    if (i > 0) await pickVoter(page, '被提名人', voter.name);
    await page.getByRole('checkbox', { name: /被提名人本人同意/ }).check();
    await page.getByRole('button', { name: '提名', exact: true }).click();
    await expect(page.getByRole('cell', { name: voter.name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('cell', { name: '已同意' })).toHaveCount(2);
  await page.getByRole('button', { name: '上报预备人选' }).click();
  await expect(page.getByText('已上报预备人选2名')).toBeVisible();
  await expect(page.getByText('应选1名，须有候选人2名以上，现有预备人选2名，符合差额要求。')).toBeVisible();
  await page.getByRole('button', { name: '公布正式候选人名单' }).click();
  await page.getByRole('button', { name: '公布', exact: true }).click();
  await expect(page.getByRole('table', { name: '选票顺序' })).toContainText(voters.items[41]!.name);
  await snap(page, '16-candidates-published');

  // 近亲属关系申报: the two nominees are declared spouses, then the declaration is withdrawn with a reason.
  const [first, second] = [voters.items[41]!.name, voters.items[42]!.name];
  await pickVoter(page, '选民甲', first);
  await pickVoter(page, '选民乙', second);
  await pickOption(page, page.getByLabel('关系', { exact: true }), '配偶');
  await page.getByRole('button', { name: '申报', exact: true }).click();
  const declared = page.getByRole('row').filter({ hasText: '配偶' });
  await expect(declared).toContainText(first);
  await expect(declared).toContainText(second);
  await snap(page, '16b-close-relatives');
  await declared.getByRole('button', { name: '撤销' }).click();
  const withdrawal = page.getByRole('dialog');
  await withdrawal.getByLabel('撤销理由（记入操作日志）').fill('申报有误，二人并非配偶');
  await withdrawal.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByText('已撤销该项申报')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '配偶' })).toHaveCount(0);

  // 文书打印: the director's ballot as a PDF.
  await openMenu(page, '文书打印');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载选票' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe('选票-主任.pdf');
  const saved = join(SCREENS_DIR, '..', 'ballot-director.pdf');
  await pdf.saveAs(saved);
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  await snap(page, '17-papers');

  // 合规检查 and the home page afterwards, also on a 1024×768 tablet.
  await openMenu(page, '合规检查');
  await page.getByText('全部规则').click();
  await expect(page.getByRole('cell', { name: /REP-COUNT/ })).toBeVisible();
  await snap(page, '18-checks');
  await page.setViewportSize({ width: 1024, height: 768 });
  await openMenu(page, '选民登记');
  await snap(page, '19-voters-1024');
  await openMenu(page, '首页');
  await snap(page, '20-home-1024');
});
