/**
 * Recall and by-election (罢免与补选, issue 21) on the committee's screen, in a community of its own: the round elects
 * three members (through the API, as election-day.spec does on screen); a member resigns and the committee opens the
 * by-election of the seat with two candidates; its meeting is held and counted (the API, as the desk and the
 * scrutineers would); the screen follows its progress and the committee confirms the result (the seat is filled, a
 * certificate issued). A recall petition below the profile's share is refused with its rule; one at the share and a
 * vote that passes vacate another seat. The street's statistics report counts both.
 */
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { addScrutineers, caller, PASSWORD as SCRUTINEER_PASSWORD, seedElectionDay } from './election-day-seed';
import { login } from './seed';
import { ownCommunity, pageAs } from './own-community';

const expect = baseExpect.configure({ timeout: 30_000 });
type Call = ReturnType<typeof caller>;

/** Two typists enter the same sheet of the meeting's main box: it is confirmed. */
async function enterTwice(call: Call, baseURL: string, typists: readonly string[], meetingId: string, sheet: Record<string, unknown>) {
  for (const username of typists) {
    const token = await login(baseURL, username, SCRUTINEER_PASSWORD);
    await call('POST', `/meetings/${meetingId}/tally-sheets`, { box: 'main', ...sheet }, token);
  }
}

/** Opens the row's dialog by its button's accessible name and answers it. */
async function dialog(page: Page, button: string, fill: (d: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: button }).click();
  const d = page.getByRole('dialog');
  await expect(d).toBeVisible();
  await fill(d);
  await d.getByRole('button', { name: '确定' }).click();
}

test('a member resigns, the by-election fills the seat; a recall vacates another; the statistics count both', async ({ world, browser, snap }) => {
  test.setTimeout(300_000);
  const call = caller(world.baseURL);
  const { id, token, adminToken: admin, streetToken: street } = await ownCommunity(world, {
    username: 'jincheng-xuanwei',
    community: { name: '金城社区', code: 'bx1', households: 500, method: 'direct', rcSeats: { director: 1, deputies: 1, members: 3 }, party: { type: 'branch', members: 20, seats: 5 } },
  });
  await call('PATCH', `/communities/${id}`, { time: '上午9:00', place: '金城社区居委会会议室' }, token);

  // The round: five member candidates, 30 of 40 voters present; 王建国, 李秀英 and 张伟 elected.
  const { candidates } = await seedElectionDay(call, { communityId: id, committeeToken: token, today: world.today, tag: 'bx' });
  const idOf = new Map(candidates.map((c) => [c.name, c.id]));
  const meeting = await call<{ id: string }>('POST', `/communities/${id}/meetings`, { kind: 'rc', date: world.today }, token);
  await call('POST', `/meetings/${meeting.id}/attendance`, { present: 30 }, token);
  const round = await addScrutineers(call, { meetingId: meeting.id, adminToken: admin, tag: 'bx' });
  const votes = { 王建国: 25, 李秀英: 22, 张伟: 20, 刘洋: 12, 陈静: 8 };
  await enterTwice(call, world.baseURL, round.typists, meeting.id, {
    contest: 'member',
    issued: 30,
    returned: 30,
    invalid: 1,
    votes: Object.fromEntries(Object.entries(votes).map(([name, n]) => [idOf.get(name), n])),
  });

  const page = await pageAs(browser, token);
  await page.goto('/home');
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '罢免与补选' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '罢免与补选' })).toBeVisible();
  const members = page.getByRole('table', { name: '本届居民委员会成员' });
  for (const name of ['王建国', '李秀英', '张伟']) await expect(members.getByRole('row').filter({ hasText: name })).toContainText('在任');
  await expect(members).not.toContainText('刘洋');

  // 王建国 resigns; the by-election of his seat is opened with two candidates (差额).
  await dialog(page, '登记王建国出缺', async (d) => {
    await expect(d).toContainText('王建国（居民委员会委员）');
  });
  await expect(page.getByRole('status')).toContainText('已登记王建国的居民委员会委员职务出缺');
  const vacancies = page.getByRole('table', { name: '职务出缺与补选' });
  await expect(vacancies.getByRole('row').filter({ hasText: '王建国' })).toContainText('待补选');
  await dialog(page, '召开王建国职务的补选会议', async (d) => {
    const picker = d.getByLabel(/补选候选人/);
    for (const name of ['刘洋', '陈静']) {
      await picker.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: name }).click();
    }
  });
  await expect(page.getByRole('status')).toContainText('已召开补选会议，候选人：刘洋、陈静');
  const row = vacancies.getByRole('row').filter({ hasText: '王建国' });
  await expect(row).toContainText('补选中');
  await expect(row).toContainText('尚未登记到会人数');

  // The by-election meeting is held and counted: 30 present, 刘洋 20 of 30 votes.
  const after = await call<{ vacancies: { meetingId: string; contestId: string }[] }>('GET', `/communities/${id}/after-round`, undefined, token);
  const be = after.vacancies[0]!;
  const result = await call<{ contests: { candidates: { id: string; name: string }[] }[] }>('GET', `/meetings/${be.meetingId}/result`, undefined, token);
  const byName = new Map(result.contests[0]!.candidates.map((c) => [c.name, c.id]));
  await call('POST', `/meetings/${be.meetingId}/attendance`, { present: 30 }, token);
  const byElection = await addScrutineers(call, { meetingId: be.meetingId, adminToken: admin, tag: 'bxb' });
  await enterTwice(call, world.baseURL, byElection.typists, be.meetingId, {
    contest: 'member',
    contestId: be.contestId,
    issued: 30,
    returned: 30,
    invalid: 2,
    votes: { [byName.get('刘洋')!]: 20, [byName.get('陈静')!]: 8 },
  });
  await page.reload();
  await expect(row).toContainText('应到40人，实到30人，会议有效');
  await expect(row).toContainText('计票完成：刘洋（20票）');
  await dialog(page, '确认补选结果', async () => undefined);
  await expect(page.getByRole('status')).toContainText(/补选结果已确认：刘洋当选，当选证书第\d+号/);
  await expect(row).toContainText('已补选');

  // A recall of 李秀英: too few signatures are refused (AFT-RECALL); enough, and a vote that passes, vacate the seat.
  const petition = async (count: string) =>
    dialog(page, '登记罢免李秀英的联名', async (d) => {
      await d.getByLabel('联名人数').fill(count);
      await d.getByLabel('罢免理由').fill('长期不履行职责');
    });
  await petition('3');
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('AFT-RECALL');
  await snap(page, '21-06-recall-refused');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await petition('12');
  await expect(page.getByRole('status')).toContainText('已登记罢免李秀英的联名（12人）');
  await expect(members.getByRole('row').filter({ hasText: '李秀英' })).toContainText('待表决');
  await dialog(page, '登记罢免李秀英的表决结果', async (d) => {
    await d.getByLabel('收回选票').fill('30');
    await d.getByLabel('赞成票').fill('25');
    await d.getByLabel('反对票').fill('5');
  });
  await expect(page.getByRole('status')).toContainText('罢免李秀英的居民委员会委员职务获得通过');
  await expect(page.getByRole('table', { name: '罢免案' })).toContainText('罢免通过');
  await expect(vacancies.getByRole('row').filter({ hasText: '李秀英' })).toContainText('待补选');
  await snap(page, '21-07-after-round');
  await page.context().close();

  // The street's statistics report counts them (罢免与补选).
  const stats = await call<{ rows: { communityId: string; recalled: number; vacancies: number; filledByByElection: number }[] }>('GET', `/rounds/${world.roundId}/statistics`, undefined, street);
  expect(stats.rows.find((r) => r.communityId === id)).toMatchObject({ recalled: 1, vacancies: 2, filledByByElection: 1 });
  const streetPage = await pageAs(browser, street);
  await streetPage.goto(`/statistics/${world.roundId}`);
  const table = streetPage.getByRole('region', { name: '统计表' });
  await expect(table.getByRole('columnheader', { name: '金城社区' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '补选当选' })).toBeVisible();
  await snap(streetPage, '21-08-statistics-by-election');
  await streetPage.context().close();
});
