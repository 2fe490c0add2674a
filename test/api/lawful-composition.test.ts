/**
 * Lawful round 2: the committee's composition (deputy roles where the profile asks, a woman member) is checked on who
 * was actually elected once the count is confirmed, for separate and for combined (`committee`) contests; the checks
 * page shows it and the filing is refused on it, not only when the candidate list is published.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voters } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, type Community } from './election-fixture.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-27' });
});
afterAll(async () => t?.close());

type Role = 'police' | 'graduate';
type Check = { rule: string; status: string; details: { messageZh?: string } };
const SEATS = { director: 1, deputies: 2, members: 2 };

/** Nominates (with the roles stated at nomination), reports the preliminary candidates, publishes the list. */
async function stand(c: Community, contest: string, people: readonly (readonly [string, Role[]])[]): Promise<Record<string, string>> {
  for (const [name, roles] of people) {
    const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest, voterId: c.byName[name], basis: 'committee', consent: true, roles } });
    expect(res.statusCode, res.body).toBe(201);
  }
  const report = await t.call('POST', `/communities/${c.id}/candidates/preliminary-report`, { token: c.committee, body: { contest, reportedOn: '2026-12-04' } });
  expect(report.statusCode, report.body).toBe(201);
  const list = await t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest, publishedOn: '2026-12-20' } });
  expect(list.statusCode, list.body).toBe(201);
  return Object.fromEntries((list.json() as { candidates: { id: string; name: string }[] }).candidates.map((x) => [x.name, x.id]));
}

/** 50 of 60 voters take part; `votes` by name. */
async function vote(c: Community, m: Awaited<ReturnType<typeof createMeeting>>, contest: string, ids: Record<string, string>, votes: Record<string, number>) {
  await enterTwice(t, m, { contest, issued: 50, returned: 50, invalid: 0, votes: Object.fromEntries(Object.entries(votes).map(([name, n]) => [ids[name]!, n])) });
}

const checksOf = async (c: Community): Promise<Check[]> => {
  const res = await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Check[];
};
const file = (c: Community) => t.call('POST', `/communities/${c.id}/filing`, { token: c.committee, body: { kind: 'rc' } });

/** Separate contests under lanzhou-2010 (a police officer and a graduate among the deputies); `deputies` wins. */
async function separate(deputyVotes: Record<string, number>): Promise<Community> {
  const c = await createCommunity(t, { names: ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七', '周八'], voters: 60, rcSeats: SEATS });
  const director = await stand(c, 'director', [['丁一', []], ['王二', []]]);
  const deputy = await stand(c, 'deputy', [['刘三', ['police']], ['李四', ['graduate']], ['赵五', []]]);
  const member = await stand(c, 'member', [['钱六', []], ['孙七', []], ['周八', []]]);
  const m = await createMeeting(t, c, { expected: 60, present: 50 });
  await vote(c, m, 'director', director, { 丁一: 40, 王二: 10 });
  await vote(c, m, 'deputy', deputy, deputyVotes);
  await vote(c, m, 'member', member, { 钱六: 40, 孙七: 35, 周八: 10 });
  return c;
}

describe(`composition on who was elected, separate contests (ORG-RC-DEPUTY-ROLES), on ${dbKind}`, () => {
  it('files a committee whose elected deputies include the police officer and the graduate', async () => {
    const c = await separate({ 刘三: 40, 李四: 35, 赵五: 10 });
    expect((await checksOf(c)).find((i) => i.rule === 'ORG-RC-DEPUTY-ROLES')!.status).toBe('pass');
    const filed = await file(c);
    expect(filed.statusCode, filed.body).toBe(201);
  });

  it('fails the check and refuses the filing when the police officer on the list was not elected deputy', async () => {
    const c = await separate({ 刘三: 10, 李四: 40, 赵五: 35 });
    const roles = (await checksOf(c)).find((i) => i.rule === 'ORG-RC-DEPUTY-ROLES')!;
    expect(roles).toMatchObject({ status: 'fail', details: { messageZh: '当选副主任（共2名）中没有管段民警，副主任必须有一名管段民警' } });
    const filed = await file(c);
    expect(filed.statusCode, filed.body).toBe(422);
    const error = (filed.json() as { error: { rule: string; messageZh: string; details: { failing: Check[] } } }).error;
    expect(error.rule).toBe('AFT-FILING');
    expect(error.details.failing.map((f) => f.rule)).toEqual(['ORG-RC-DEPUTY-ROLES']);
    expect(error.messageZh).toContain('ORG-RC-DEPUTY-ROLES（副主任人选结构）');
  });
});

describe(`composition on who was elected, combined contest (committee), on ${dbKind}`, () => {
  const names = ['丁一', '王二', '刘三', '李四', '赵五', '钱六'];

  it('files a combined committee with the police officer, the graduate and a woman among those elected', async () => {
    const c = await createCommunity(t, { names, voters: 60, rcSeats: SEATS, profile: { womanRequired: true } });
    await t.testDb.database.db.update(voters).set({ sex: 'female' }).where(eq(voters.id, c.byName['丁一']!));
    const ids = await stand(c, 'committee', [['丁一', []], ['王二', ['graduate']], ['刘三', []], ['李四', []], ['赵五', []], ['钱六', ['police']]]);
    const m = await createMeeting(t, c, { expected: 60, present: 50 });
    await vote(c, m, 'committee', ids, { 丁一: 45, 王二: 44, 刘三: 43, 钱六: 42, 赵五: 41, 李四: 5 });
    const checks = await checksOf(c);
    expect(checks.filter((i) => i.rule.startsWith('ORG-RC-')).map((i) => [i.rule, i.status])).toEqual([
      ['ORG-RC-SIZE', 'pass'],
      ['ORG-RC-DEPUTY-ROLES', 'pass'],
      ['ORG-RC-PUBLIC-DEPUTY', 'n/a'],
      ['ORG-RC-WOMAN', 'pass'],
    ]);
    const filed = await file(c);
    expect(filed.statusCode, filed.body).toBe(201);
  });

  it('fails deputy roles and the woman member on the elected committee and refuses the filing', async () => {
    const c = await createCommunity(t, { names, voters: 60, rcSeats: SEATS, profile: { womanRequired: true } });
    const ids = await stand(c, 'committee', [['丁一', []], ['王二', ['graduate']], ['刘三', []], ['李四', []], ['赵五', []], ['钱六', ['police']]]);
    const m = await createMeeting(t, c, { expected: 60, present: 50 });
    // The police officer (钱六) is the one not elected; every voter of the fixture is a man.
    await vote(c, m, 'committee', ids, { 丁一: 45, 王二: 44, 刘三: 43, 李四: 42, 赵五: 41, 钱六: 5 });

    const checks = await checksOf(c);
    expect(checks.find((i) => i.rule === 'ORG-RC-DEPUTY-ROLES')).toMatchObject({ status: 'fail', details: { messageZh: '当选居民委员会成员（共5名）中没有管段民警，无法按要求配备副主任' } });
    expect(checks.find((i) => i.rule === 'ORG-RC-WOMAN')).toMatchObject({ status: 'fail', details: { messageZh: '居民委员会成员（共5名）中应至少有一名女性' } });
    const filed = await file(c);
    expect(filed.statusCode, filed.body).toBe(422);
    const error = (filed.json() as { error: { rule: string; details: { failing: Check[] } } }).error;
    expect(error.rule).toBe('AFT-FILING');
    expect(error.details.failing.map((f) => f.rule).sort()).toEqual(['ORG-RC-DEPUTY-ROLES', 'ORG-RC-WOMAN']);
  });
});

describe(`close relatives on who was elected (ORG-RC-WOMAN) and among the counting staff (MTG-RECUSAL), on ${dbKind}`, () => {
  const names = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七', '周八'];
  const declare = (c: Community, a: string, b: string, relation = 'spouse') =>
    t.call('POST', `/communities/${c.id}/relatives`, { token: c.committee, body: { voterIds: [c.byName[a], c.byName[b]], relation } });

  it('refuses the filing when two declared close relatives were both elected, and files once the pair is not both on it', async () => {
    const c = await createCommunity(t, { names, voters: 60, rcSeats: SEATS });
    const declared = await declare(c, '丁一', '钱六');
    expect(declared.statusCode, declared.body).toBe(201);
    expect(declared.json()).toMatchObject({ relation: 'spouse', relationZh: '配偶', people: expect.arrayContaining([{ voterId: c.byName['丁一'], name: '丁一' }]) });
    // Declared once per pair, whichever comes first; a person is not their own relative; only voters of this community.
    expect((await declare(c, '钱六', '丁一', 'sibling')).statusCode).toBe(409);
    expect((await declare(c, '丁一', '丁一')).json()).toMatchObject({ error: { messageZh: '近亲属须为两名不同的选民' } });
    const other = await createCommunity(t, { names: ['吴九'], voters: 5 });
    const foreign = await t.call('POST', `/communities/${c.id}/relatives`, { token: c.committee, body: { voterIds: [c.byName['丁一'], other.byName['吴九']], relation: 'sibling' } });
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect(foreign.body).not.toContain('吴九');
    // Another community's committee can neither read nor declare here.
    expect((await t.call('GET', `/communities/${c.id}/relatives`, { token: other.committee })).statusCode).toBe(403);

    const director = await stand(c, 'director', [['丁一', []], ['王二', []]]);
    const deputy = await stand(c, 'deputy', [['刘三', ['police']], ['李四', ['graduate']], ['赵五', []]]);
    const member = await stand(c, 'member', [['钱六', []], ['孙七', []], ['周八', []]]);
    const m = await createMeeting(t, c, { expected: 60, present: 50 });
    await vote(c, m, 'director', director, { 丁一: 40, 王二: 10 });
    await vote(c, m, 'deputy', deputy, { 刘三: 40, 李四: 35, 赵五: 10 });
    await vote(c, m, 'member', member, { 钱六: 40, 孙七: 35, 周八: 10 });

    expect((await checksOf(c)).find((i) => i.rule === 'ORG-RC-WOMAN')).toMatchObject({
      status: 'fail',
      details: { messageZh: expect.stringMatching(/^(丁一与钱六|钱六与丁一)为近亲属，不得同时担任居民委员会成员$/) },
    });
    const refused = await file(c);
    expect(refused.statusCode, refused.body).toBe(422);
    expect((refused.json() as { error: { details: { failing: Check[] } } }).error.details.failing.map((f) => f.rule)).toEqual(['ORG-RC-WOMAN']);

    // A declaration made in error is withdrawn with a reason (audited); the committee can then be filed, and is frozen.
    const list = (await t.call('GET', `/communities/${c.id}/relatives`, { token: c.committee })).json() as { items: { id: string }[] };
    const removed = await t.call('DELETE', `/communities/${c.id}/relatives/${list.items[0]!.id}`, { token: c.committee, body: { reason: '误报：二人系同名邻居' } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await checksOf(c)).find((i) => i.rule === 'ORG-RC-WOMAN')!.status).toBe('pass');
    const filed = await file(c);
    expect(filed.statusCode, filed.body).toBe(201);
    const frozen = await declare(c, '王二', '孙七');
    expect(frozen.statusCode, frozen.body).toBe(409);
    const audit = await t.call('GET', `/audit?entity=close-relatives`, { token: t.adminToken });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).toContain('误报：二人系同名邻居');
  });

  it("refuses a candidate's declared close relative as monitor or counter", async () => {
    const c = await createCommunity(t, { names, voters: 60, rcSeats: SEATS });
    await stand(c, 'director', [['丁一', []], ['王二', []]]);
    expect((await declare(c, '丁一', '周八', 'sibling')).statusCode).toBe(201);
    const m = await createMeeting(t, c, { expected: 60, present: 50 });
    const staff = await t.call('POST', `/meetings/${m.id}/staff`, { token: c.committee, body: { name: '周八', voterId: c.byName['周八'], duty: 'counter' } });
    expect(staff.statusCode, staff.body).toBe(422);
    expect(staff.json()).toMatchObject({ error: { rule: 'MTG-RECUSAL' } });
    const unrelated = await t.call('POST', `/meetings/${m.id}/staff`, { token: c.committee, body: { name: '孙七', voterId: c.byName['孙七'], duty: 'counter' } });
    expect(unrelated.statusCode, unrelated.body).toBe(201);
  });
});
