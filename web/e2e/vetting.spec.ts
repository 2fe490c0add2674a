/**
 * Issue 21 in the browser: on a round of its own (so the shared world's rules stay as they are) the street switches
 * the joint review on; a department refuses one candidate; the committee sees the pending and refusing departments,
 * the street the grid; the street reports the statistics table and the bureau returns it with a reason.
 */
import { expect, test } from './fixtures';
import { apiCaller, login, shiftDate } from './seed';
import { idNumber } from './people';
import { PASSWORD, readWorld } from './world';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let roundId = '';
let committeeUser = '';

test.beforeAll(async () => {
  const world = readWorld();
  const call = apiCaller(world.baseURL);
  const admin = await login(world.baseURL, world.users.admin, 'E2e-Admin-Passw0rd!');
  const street = await login(world.baseURL, world.users.street, PASSWORD);
  const { today, electionDay } = world;
  const round = await call<{ id: string }>(
    'POST',
    '/rounds',
    {
      name: '资格联审试点换届',
      streetId: world.streetId,
      profile: 'lanzhou-2010',
      phases: [
        { name: '宣传发动', from: shiftDate(today, -20), to: shiftDate(today, -1) },
        { name: '选举实施', from: today, to: shiftDate(electionDay, 3) },
        { name: '总结验收', from: shiftDate(electionDay, 4), to: shiftDate(electionDay, 30) },
      ],
    },
    street,
  );
  roundId = round.id;
  const community = await call<{ id: string }>(
    'POST',
    `/rounds/${round.id}/communities`,
    { name: '雁园社区', code: 'vt1', households: 800, method: 'direct', electionDay, rcSeats: { director: 1, deputies: 2, members: 2 }, party: { type: 'branch', members: 20, seats: 5 } },
    street,
  );
  committeeUser = 'yanyuan-xuanwei';
  await call('POST', '/users', { username: committeeUser, password: PASSWORD, role: 'committee', scopeId: community.id }, admin);
  const committee = await login(world.baseURL, committeeUser, PASSWORD);
  const vetting = await call<{ departments: { id: string; name: string }[] }>('PUT', `/rounds/${round.id}/vetting`, { option: 'review-2021', departments: ['纪委监委', '公安', '法院'] }, street);
  const reviewerOf = async (name: string) => {
    const username = `lianshen-${vetting.departments.findIndex((d) => d.name === name)}`;
    await call('POST', '/users', { username, password: PASSWORD, role: 'reviewer', scopeId: vetting.departments.find((d) => d.name === name)!.id }, admin);
    return login(world.baseURL, username, PASSWORD);
  };
  const [jiwei, gongan] = [await reviewerOf('纪委监委'), await reviewerOf('公安')];
  const names = ['马文辉', '周秀英', '林永健'];
  for (const [i, name] of names.entries()) {
    const voter = await call<{ id: string }>('POST', `/communities/${community.id}/voters`, { idNumber: idNumber(`1975-0${i + 3}-1${i}`, 701 + i * 2, '620103'), name, residency: 'registered' }, committee);
    const nomination = await call<{ id: string }>('POST', `/communities/${community.id}/nominations`, { contest: 'member', voterId: voter.id, basis: 'committee', consent: true }, committee);
    await call('POST', `/nominations/${nomination.id}/vetting`, { decision: 'pass' }, jiwei);
    await call('POST', `/nominations/${nomination.id}/vetting`, i === 1 ? { decision: 'fail', reason: '有违法犯罪记录' } : { decision: 'pass' }, gongan);
  }
});

test('社区: each candidate with the departments still to review and the refusal', async ({ page, world, snap }) => {
  const token = await login(world.baseURL, committeeUser, PASSWORD);
  await page.addInitScript((value) => window.localStorage.setItem('huanjie.token', value), token);
  await page.goto('/vetting');
  await expect(page.getByRole('heading', { level: 1, name: '资格联审' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('cell', { name: '公安（有违法犯罪记录）' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '法院', exact: true })).toHaveCount(3);
  await snap(page, '21-01-committee-vetting');
});

test('街道: the round vetting grid', async ({ streetPage: page, snap }) => {
  await page.goto(`/vetting/${roundId}`);
  await expect(page.getByRole('cell', { name: '周秀英' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('columnheader', { name: '公安' })).toBeVisible();
  await snap(page, '21-02-street-vetting-grid');
});

test('街道 reports the statistics table', async ({ streetPage: page, snap }) => {
  await page.goto(`/statistics/${roundId}`);
  await expect(page.getByRole('columnheader', { name: '雁园社区' })).toBeVisible({ timeout: 30_000 });
  // A row per field: 登记选民 reads 3 for the community and 3 in all.
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: '登记选民', exact: true }) })).toContainText(/3.*3/);
  await expect(page.getByText('未填报')).toBeVisible();
  await page.getByRole('button', { name: '上报' }).click();
  await expect(page.getByText('已上报')).toBeVisible();
  await snap(page, '21-03-street-statistics');
});

test('区民政局 rolls the district up and returns the table with a reason', async ({ bureauPage: page, snap }) => {
  await page.goto('/district-statistics');
  await expect(page.getByRole('link', { name: /资格联审试点换届/ })).toBeVisible({ timeout: 30_000 });
  await snap(page, '21-04-bureau-rollup');
  await page.getByRole('link', { name: /资格联审试点换届/ }).click();
  await page.getByLabel('退回理由').fill('少数民族人数未填报，请补充');
  await page.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText('退回理由：少数民族人数未填报，请补充')).toBeVisible();
  await snap(page, '21-05-bureau-statistics-returned');
});

test('联审部门: the court’s reviewer passes one candidate and refuses another with a reason', async ({ page, world, snap }) => {
  const call = apiCaller(world.baseURL);
  const admin = await login(world.baseURL, world.users.admin, 'E2e-Admin-Passw0rd!');
  const street = await login(world.baseURL, world.users.street, PASSWORD);
  const vetting = await call<{ departments: { id: string; name: string }[] }>('GET', `/rounds/${roundId}/vetting`, undefined, street);
  await call('POST', '/users', { username: 'lianshen-fayuan', password: PASSWORD, role: 'reviewer', scopeId: vetting.departments.find((d) => d.name === '法院')!.id }, admin);
  const token = await login(world.baseURL, 'lianshen-fayuan', PASSWORD);
  await page.addInitScript((value) => window.localStorage.setItem('huanjie.token', value), token);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '资格审查：法院' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('换届轮次').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '资格联审试点换届' }).click();
  const row = (name: string) => page.getByRole('table', { name: '候选人预备人选' }).getByRole('row').filter({ hasText: name });
  await expect(row('马文辉')).toContainText('待审');

  await page.getByRole('button', { name: '马文辉通过' }).click();
  await expect(row('马文辉')).toContainText('通过');
  await expect(row('马文辉')).not.toContainText('待审');
  // A refusal needs a reason: the server's answer is shown in the dialog, then a reason is given.
  await page.getByRole('button', { name: '林永健不通过' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('不通过须说明理由');
  await page.getByLabel('不通过的理由').fill('涉及未结诉讼');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(row('林永健')).toContainText('不通过');
  await expect(row('林永健')).toContainText('涉及未结诉讼');
  await snap(page, '21-09-reviewer');

  const after = await call<{ candidates: { name: string; reviews: { department: string; decision: string; reason: string | null }[] }[] }>('GET', `/rounds/${roundId}/vetting`, undefined, street);
  const court = (name: string) => after.candidates.find((c) => c.name === name)!.reviews.find((r) => r.department === '法院');
  expect(court('马文辉')).toMatchObject({ decision: 'pass' });
  expect(court('林永健')).toMatchObject({ decision: 'fail', reason: '涉及未结诉讼' });
});
