/**
 * Election day (issue 16): the clerk sets up the party meeting (one member excused) and the residents' committee
 * meeting on screen; two scrutineers in two browser contexts enter the same member sheet by keyboard; one
 * mistypes one candidate's votes; the chief sees exactly that field differing, discards the wrong entry with a reason;
 * the typist enters again and the sheet is confirmed; the result names who is elected and calls the run-off for the
 * unfilled seat. A run-off sheet whose returned ballots exceed those issued is refused with the equation shown.
 */
import type { Browser, Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { addScrutineers, caller, MEMBER_NAMES, PASSWORD as SCRUTINEER_PASSWORD, seedElectionDay } from './election-day-seed';
import { login } from './seed';
import { ownCommunity, pageAs } from './own-community';

test.describe.configure({ mode: 'serial' });
// The shared 2-core machine answers slowly under load: screens get more time to settle than the suite's default.
const expect = baseExpect.configure({ timeout: 30_000 });

/** The paper sheet: 王建国 25, 李秀英 22, 张伟 20 reach the majority of 30 present; 刘洋 and 陈静 do not. */
const VOTES: Record<(typeof MEMBER_NAMES)[number], string> = { 王建国: '25', 李秀英: '22', 张伟: '20', 刘洋: '12', 陈静: '10' };

/** Picks an option of the open antd Select by its text. */
async function pick(page: Page, label: ReturnType<Page['getByLabel']>, option: string) {
  await label.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).click();
}

/** 选举会议 → 新建会议: the set-up form of a new meeting. */
async function openNewMeeting(page: Page) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '选举会议' }).click();
  await page.getByRole('button', { name: '新建会议' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '召开选举会议' })).toBeVisible();
}

async function scrutineerPage(browser: Browser, baseURL: string, username: string): Promise<Page> {
  return pageAs(browser, await login(baseURL, username, SCRUTINEER_PASSWORD), 1024);
}

async function openSheet(page: Page, contest: RegExp) {
  await page.goto('/tally');
  const row = page.getByRole('row').filter({ hasText: contest });
  await row.getByRole('button', { name: /录入/ }).click();
  await expect(page.getByRole('dialog')).toContainText('请确认与手中纸质计票单上的名称一致');
  await page.getByRole('button', { name: '一致，开始录入' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '录入计票单' })).toBeVisible();
}

/** Types the sheet by keyboard only: the focus starts on 发出选票 and Enter moves on in the paper's order. */
async function typeSheet(page: Page, votes: Record<string, string>) {
  await expect(page.getByLabel('发出选票')).toBeFocused();
  for (const figure of ['30', '30', '29', '1', '']) {
    await page.keyboard.type(figure);
    await page.keyboard.press('Enter');
  }
  const order = await page.locator('label[for^="f-votes-"]').allTextContents();
  for (const label of order) {
    const name = label.replace(/^\d+\.\s*/, '');
    await page.keyboard.type(votes[name] ?? '0');
    await page.keyboard.press('Enter');
  }
}

test('two scrutineers, a mismatch resolved by the chief, the result and the run-off', async ({ browser, world, snap }) => {
  test.setTimeout(480_000);
  const call = caller(world.baseURL);
  // A community of its own in the seeded round, so that what the committee's spec does elsewhere cannot hold its result up.
  const { id, token: committee, adminToken: admin } = await ownCommunity(world, {
    username: 'xiuyuan-xuanwei',
    community: { name: '秀园社区', code: 'xy', households: 800, method: 'congress', rcSeats: { director: 1, deputies: 2, members: 4 }, party: { type: 'general', members: 40, seats: 5 }, time: '上午9:00', place: '秀园社区居委会会议室', issuer: '秀园社区居民选举委员会', representativeBasis: 'group' },
  });
  await seedElectionDay(call, { communityId: id, committeeToken: committee, today: world.today, tag: 'e2e' });
  const committeePage = await pageAs(browser, committee, 1024);
  await committeePage.goto('/home');

  // The party meeting set up on screen, one full member excused with the street party committee's approval.
  await openNewMeeting(committeePage);
  await committeePage.getByRole('radio', { name: '党员大会（党组织选举）' }).check();
  await committeePage.getByRole('button', { name: '登记请假党员' }).click();
  const excused = committeePage.getByRole('group', { name: '请假党员1' });
  await pick(committeePage, excused.getByLabel('党员', { exact: true }), '张伟');
  await pick(committeePage, excused.getByLabel('请假原因'), '出国出境半年以上');
  await excused.getByLabel('批准的上级党组织').fill('张掖路街道党工委');
  // 应到 typed as all 3 members although one is excused: refused with the rule's message, nothing typed is lost.
  await committeePage.getByLabel('应到人数').fill('3');
  await committeePage.getByRole('button', { name: '创建会议' }).click();
  const refused = committeePage.getByRole('alert').filter({ hasText: '未能创建会议' });
  await expect(refused).toContainText('应到人数3人与正式党员3人减去经批准请假1人不符');
  await expect(refused).toContainText('依据：党组织选举到会人数（MTG-QUORUM-PARTY）');
  await expect(excused.getByLabel('批准的上级党组织')).toHaveValue('张掖路街道党工委');
  await snap(committeePage, '16-meeting-new-party-refused');
  await committeePage.getByLabel('应到人数').clear();
  await snap(committeePage, '16-meeting-new-party');
  await committeePage.getByRole('button', { name: '创建会议' }).click();
  await expect(committeePage.getByRole('heading', { level: 1, name: '党员大会' })).toBeVisible();
  // 3 full members, 1 excused: 2 expected, counted by the server.
  await expect(committeePage.getByRole('main')).toContainText('应到 2 人，实到 0 人');
  const excusedTable = committeePage.getByRole('table', { name: '经批准请假的党员' });
  for (const text of ['张伟', '出国出境半年以上', '张掖路街道党工委']) await expect(excusedTable).toContainText(text);
  await snap(committeePage, '16-meeting-desk-party');

  // The residents' committee meeting: 40 expected, the main ballot box; the scrutineers' accounts follow.
  await openNewMeeting(committeePage);
  await committeePage.getByLabel('应到人数').fill('40');
  await expect(committeePage.getByLabel('票箱1名称')).toHaveValue('大会主票箱');
  await snap(committeePage, '16-meeting-new');
  await committeePage.getByRole('button', { name: '创建会议' }).click();
  await expect(committeePage.getByRole('heading', { level: 1, name: '居民委员会选举大会' })).toBeVisible();
  const meetingId = /\/meetings\/([0-9a-f-]{36})$/.exec(committeePage.url())?.[1];
  if (!meetingId) throw new Error(`no meeting id in ${committeePage.url()}`);
  const staff = await addScrutineers(call, { meetingId, adminToken: admin, tag: 'e2e' });

  // The meeting desk, found from the menu: attendance typed in, the quorum live with the numbers and the rule.
  await committeePage.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '选举会议' }).click();
  await expect(committeePage.getByRole('table', { name: '选举会议列表' })).toContainText('未登记');
  await snap(committeePage, '16-meetings');
  await committeePage.getByRole('table', { name: '选举会议列表' }).locator(`a[href="/meetings/${meetingId}"]`).click();
  await expect(committeePage.getByText('尚未登记到会人数')).toBeVisible();
  await committeePage.getByLabel('实到人数').fill('30');
  await committeePage.getByRole('button', { name: '登记到会人数' }).click();
  await expect(committeePage.getByText('会议有效', { exact: true })).toBeVisible();
  await expect(committeePage.getByRole('main')).toContainText('应到 40 人，实到 30 人');
  await snap(committeePage, '16-meeting-desk');

  const first = await scrutineerPage(browser, world.baseURL, staff.typists[0]);
  const second = await scrutineerPage(browser, world.baseURL, staff.typists[1]);

  // First entry, keyboard only; ↑ goes back one field and no further than the first.
  await openSheet(first, /居民委员会委员/);
  await first.keyboard.press('ArrowUp');
  await expect(first.getByLabel('发出选票')).toBeFocused();
  await typeSheet(first, VOTES);
  // No write-ins: Enter through their lines; Enter on the last field goes to the submit button.
  for (let i = 0; i < 8; i += 1) await first.keyboard.press('Enter');
  await expect(first.getByRole('button', { name: '提交录入' })).toBeFocused();
  await expect(first.getByRole('region', { name: '错误' })).toContainText('无');
  await snap(first, '16-tally-entry');
  await first.keyboard.press('Enter');
  await expect(first.getByText('已保存，请将计票单交给总监票人')).toBeVisible();
  await expect(first.getByText('已录入一次')).toBeVisible();

  // While the sheet is entered once, the first typist may not make the second entry and is told why.
  await first.goto('/tally');
  await expect(first.getByRole('row').filter({ hasText: /居民委员会委员/ })).toContainText('第二次录入须由另一位计票人完成');

  // Second entry, blind, in another context: 李秀英 mistyped as 2.
  await openSheet(second, /居民委员会委员/);
  await expect(second.getByLabel('发出选票')).toHaveValue('');
  await typeSheet(second, { ...VOTES, 李秀英: '2' });
  await second.getByRole('button', { name: '提交录入' }).click();
  await expect(second.getByText('两次不一致')).toBeVisible();

  // The chief sees exactly that field, first and second side by side, and discards the wrong entry with a reason.
  const chief = await scrutineerPage(browser, world.baseURL, staff.chief);
  await chief.goto('/tally-resolve');
  await chief.getByRole('button', { name: /居民委员会委员 · .* · 两次不一致/ }).click();
  const rows = chief.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('李秀英 得票');
  await expect(rows.nth(1)).toContainText('22');
  await expect(rows.nth(1)).toContainText('2');
  await snap(chief, '16-tally-resolve');
  await chief.getByRole('radio', { name: '保留第1次录入' }).check();
  await chief.getByRole('radio', { name: '作废（须说明理由）' }).check();
  await chief.getByRole('textbox', { name: '理由' }).fill('第二次录入将李秀英得票22误录为2');
  await chief.getByRole('button', { name: '确认处理' }).click();
  await expect(chief.getByText(/第2次录入已作废/)).toBeVisible();

  // The typist enters it again; the sheet is confirmed.
  await openSheet(second, /居民委员会委员/);
  await typeSheet(second, VOTES);
  await second.getByRole('button', { name: '提交录入' }).click();
  await expect(second.getByText('已保存，请将计票单交给总监票人')).toBeVisible();
  await expect(second.getByText('已确认')).toBeVisible();

  // The result names who is elected, by which threshold, and calls the run-off for the unfilled seat.
  await committeePage.goto(`/meetings/${meetingId}/result`);
  const card = committeePage.locator('.ant-card').filter({ hasText: '居民委员会委员' }).first();
  await expect(card).toContainText('选举有效');
  await expect(card).toContainText('当选：王建国（25票）、李秀英（22票）、张伟（20票）');
  await expect(card).toContainText('CNT-MAJORITY-RC');
  await expect(card).toContainText('须另行选举');
  await expect(card).toContainText('刘洋');
  await expect(card).toContainText('陈静');
  await snap(committeePage, '16-result');
  // The notice cannot be printed while the run-off is pending, and the screen says why.
  await committeePage.getByRole('button', { name: '打印选举结果公告' }).click();
  await expect(committeePage.getByRole('alert').filter({ hasText: '暂不能打印' })).toContainText('另行选举');

  // The run-off goes through the same screens; returned above issued is refused with the equation shown.
  await openSheet(first, /另行选举/);
  // 发出 30, 收回 31, 有效 29, 无效 2: the sheet adds up, but more came back than was handed out.
  for (const figure of ['30', '31', '29', '2']) {
    await first.keyboard.type(figure);
    await first.keyboard.press('Enter');
  }
  const errors = first.getByRole('region', { name: '错误' });
  await expect(errors).toContainText('收回选票(31) > 发出选票(30)');
  await expect(first.getByLabel('收回选票')).toHaveAttribute('aria-invalid', 'true');
  await first.getByRole('button', { name: '提交录入' }).click();
  await expect(first.getByRole('alert').filter({ hasText: '未能提交' })).toContainText('收回选票31张，多于发出选票30张');
  await snap(first, '16-tally-refused');
  // A bad paste is refused with a message, and full-width digits are taken as digits.
  await first.getByLabel('有效票').fill('２９');
  await expect(first.getByLabel('有效票')).toHaveValue('29');

  // The typist corrects the sheet (收回 30, 无效 1; 刘洋 16, 陈静 13) and the other enters it blind: confirmed.
  await first.getByLabel('收回选票').fill('30');
  await first.getByLabel('无效票', { exact: true }).fill('1');
  await first.getByLabel('刘洋').fill('16');
  await first.getByLabel('陈静').fill('13');
  await first.getByRole('button', { name: '提交录入' }).click();
  await expect(first.getByText('已保存，请将计票单交给总监票人')).toBeVisible();
  await openSheet(second, /另行选举/);
  await typeSheet(second, { 刘洋: '16', 陈静: '13' });
  await second.getByRole('button', { name: '提交录入' }).click();
  await expect(second.getByText('已确认')).toBeVisible();

  // The result now fills the seat, and the notice prints: the PDF opens in a new tab.
  await committeePage.reload();
  const runoff = committeePage.locator('.ant-card').filter({ hasText: '居民委员会委员（另行选举）' }).last();
  await expect(runoff).toContainText('当选：刘洋（16票）');
  const notice = committeePage.context().waitForEvent('page');
  await committeePage.getByRole('button', { name: '打印选举结果公告' }).click();
  expect((await notice).url()).toMatch(/^blob:/);
});
