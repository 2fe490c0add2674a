/**
 * Lawful round 3: a withdrawal and backfill never lead to a filing that can never pass. The list republished after
 * the withdrawal is lawful under CAN-WITHDRAW although it is less than 5 days before election day (the checks page
 * says so, from the registry); the withdrawal itself is refused when it is later than the profile allows, measured
 * against today and not only against the date in the body.
 * Lawful round 4: a withdrawal that leaves the list without its surplus and no one to backfill is stopped before
 * anyone votes: the committee is told which lawful path remains (a further nomination in time, or postponing the
 * election day with the steering group's approval), and the count refuses the short list (CAN-SURPLUS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enter, tokenFor, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['丁一', '王二', '刘三'];

beforeAll(async () => {
  // Today is 2026-12-22: four days before the 26th.
  t = await createTestApp({ today: '2026-12-22' });
});
afterAll(async () => t?.close());

async function setUp(electionDay = '2026-12-26'): Promise<{ c: Community; ids: string[] }> {
  const c = await createCommunity(t, { names: NAMES, electionDay });
  const ids: string[] = [];
  for (const name of NAMES) {
    const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', consent: true } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push((res.json() as { id: string }).id);
  }
  const pub = await t.call('POST', `/communities/${c.id}/candidates/publish`, {
    token: c.committee,
    body: { contest: 'director', publishedOn: '2026-12-18', nominationIds: ids.slice(0, 2) },
  });
  expect(pub.statusCode, pub.body).toBe(201);
  return { c, ids };
}

type Check = { rule: string; status: string; messageZh?: string };

describe(`CAN-WITHDRAW and CAN-LIST-NOTICE after a backfill, on ${dbKind}`, () => {
  it('a list republished 4 days before election day after a withdrawal passes CAN-LIST-NOTICE on the checks page', async () => {
    const { c, ids } = await setUp();
    const w = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-22' } });
    expect(w.statusCode, w.body).toBe(200);
    expect((w.json() as { list: { version: number; publishedOn: string; candidates: { name: string }[] } }).list).toMatchObject({
      version: 2,
      publishedOn: '2026-12-22',
      candidates: [{ name: '王二' }, { name: '刘三' }],
    });
    const checks = await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee });
    expect(checks.statusCode, checks.body).toBe(200);
    const items = checks.json() as Check[];
    const notice = items.find((i) => i.rule === 'CAN-LIST-NOTICE')!;
    expect(notice.status, JSON.stringify(notice)).toBe('pass');
  });

  it('a list first published 4 days before election day (no withdrawal) fails CAN-LIST-NOTICE on the checks page', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const ids: string[] = [];
    for (const name of NAMES) {
      const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', consent: true } });
      ids.push((res.json() as { id: string }).id);
    }
    const late = await t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest: 'director', publishedOn: '2026-12-22', nominationIds: ids.slice(0, 2) } });
    expect(late.statusCode, late.body).toBe(422);
    expect(late.json()).toMatchObject({ error: { rule: 'CAN-LIST-NOTICE', messageZh: '正式候选人名单应于选举日前5日公布，实际提前4日' } });
  });

  it('refuses a withdrawal back-dated in the body when today is already past the profile\'s limit', async () => {
    // Election on the 24th: today (22nd) is 2 days before, the limit is 3; the body says the 19th.
    const { c, ids } = await setUp('2026-12-24');
    const w = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-19' } });
    expect(w.statusCode, w.body).toBe(422);
    expect(w.json()).toMatchObject({ error: { rule: 'CAN-WITHDRAW', messageZh: '候选人退出应在选举日前3日之前提出，实际提前2日' } });
    // Nothing changed: the nomination is still a candidate.
    const list = await t.call('GET', `/communities/${c.id}/nominations?contest=director`, { token: c.committee });
    expect(list.statusCode, list.body).toBe(200);
    const rows = (list.json() as { items: { id: string; status: string }[] }).items;
    expect(rows.find((r) => r.id === ids[0])!.status).toBe('candidate');
  });
});

describe(`a withdrawal that leaves no surplus and no one to backfill (CAN-SURPLUS), on ${dbKind}`, () => {
  /** Both nominees stand; no preliminary nominee is left to backfill. */
  async function shortList(electionDay: string): Promise<{ c: Community; ids: string[]; withdrawal: { statusCode: number; body: string; json(): unknown } }> {
    const c = await createCommunity(t, { names: NAMES, electionDay, voters: 30 });
    const ids: string[] = [];
    for (const name of NAMES.slice(0, 2)) {
      const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', consent: true } });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: string }).id);
    }
    const pub = await t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest: 'director', publishedOn: '2026-12-18' } });
    expect(pub.statusCode, pub.body).toBe(201);
    const withdrawal = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-22' } });
    return { c, ids, withdrawal };
  }

  it('too late to nominate again: the withdrawal stands, says to postpone, and the count of the short list is refused', async () => {
    const { c, ids, withdrawal } = await shortList('2026-12-26');
    expect(withdrawal.statusCode, withdrawal.body).toBe(200);
    const postpone =
      '候选人退出后无人递补：应选1名，候选人应不少于2名（差额20%），现仅1名，不能投票选举。已来不及另行提名并于选举日前5日（2026年12月21日）公布名单，须经换届选举工作领导小组批准推迟选举日，另行提名候选人后重新公布';
    expect(withdrawal.json()).toMatchObject({ list: { version: 2, candidates: [{ name: '王二' }] }, shortfall: { rule: 'CAN-SURPLUS', severity: 'hard', messageZh: postpone } });

    const checks = (await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee })).json() as { rule: string; status: string; details: { messageZh?: string } }[];
    expect(checks.find((i) => i.rule === 'CAN-SURPLUS')).toMatchObject({ status: 'fail', details: { messageZh: postpone } });

    // No ballot is printed for the short list (the count would refuse it); the candidate list prints, with the rule.
    const printed = await t.call('GET', `/communities/${c.id}/documents/ballot.pdf?contest=director`, { token: c.committee });
    expect(printed.statusCode, printed.body).toBe(422);
    expect(printed.json()).toMatchObject({ error: { rule: 'CAN-SURPLUS', messageZh: postpone } });
    expect((await t.call('GET', `/communities/${c.id}/documents/candidate-list.pdf?contest=director`, { token: c.committee })).statusCode).toBe(200);

    const m = await createMeeting(t, c, { expected: 30, present: 20 });
    const counted = await enter(t, m, m.scrutineers[0]!, { contest: 'director', issued: 20, returned: 20, invalid: 2, votes: { [ids[1]!]: 18 } });
    expect(counted.statusCode, counted.body).toBe(422);
    expect(counted.json()).toMatchObject({ error: { code: 'RULE_VIOLATION', rule: 'CAN-SURPLUS', messageZh: postpone } });
  });

  it('in time to nominate again: says by when; once a further nominee is published the count goes ahead', async () => {
    const { c, withdrawal } = await shortList('2026-12-30');
    expect(withdrawal.statusCode, withdrawal.body).toBe(200);
    const nominate =
      '候选人退出后无人递补：应选1名，候选人应不少于2名（差额20%），现仅1名，不能投票选举。可另行提名候选人，并于2026年12月25日前（选举日前5日）重新公布正式候选人名单；或经换届选举工作领导小组批准推迟选举日';
    expect(withdrawal.json()).toMatchObject({ shortfall: { rule: 'CAN-SURPLUS', messageZh: nominate } });

    const further = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName['刘三'], basis: 'committee', consent: true } });
    expect(further.statusCode, further.body).toBe(201);
    const republished = await t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest: 'director', publishedOn: '2026-12-22' } });
    expect(republished.statusCode, republished.body).toBe(201);
    const checks = (await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee })).json() as { rule: string; status: string }[];
    expect(checks.find((i) => i.rule === 'CAN-SURPLUS')!.status).toBe('pass');
    const ballot = await t.call('GET', `/communities/${c.id}/documents/ballot.pdf?contest=director`, { token: c.committee });
    expect(ballot.statusCode, ballot.body).toBe(200);

    const meeting = await t.call('POST', `/communities/${c.id}/meetings`, { token: c.committee, body: { kind: 'rc', date: '2026-12-30', expected: 30 } });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const id = (meeting.json() as { id: string }).id;
    expect((await t.call('POST', `/meetings/${id}/attendance`, { token: c.committee, body: { present: 20 } })).statusCode).toBe(200);
    const list = (republished.json() as { candidates: { id: string; name: string }[] }).candidates;
    const votes = Object.fromEntries(list.map((x) => [x.id, x.name === '王二' ? 15 : 5]));
    const counted = await enter(t, { id, scrutineers: [], chief: '' }, await tokenFor(t, 'scrutineer', id), { contest: 'director', issued: 20, returned: 20, invalid: 0, votes });
    expect(counted.statusCode, counted.body).toBe(201);
  });
});
