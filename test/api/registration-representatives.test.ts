import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { communityBody, createCommunity, createRound, createStreet, idNumber, setup, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

type Check = { rule: string; status: string; details: Record<string, unknown> };

async function voter(token: string, communityId: string, seq: number, groupId?: string): Promise<string> {
  const res = await t.call('POST', `/communities/${communityId}/voters`, {
    token,
    body: { idNumber: idNumber('1975-04-04', seq), name: `代表${seq}`, residency: 'registered', ...(groupId ? { groupId } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

describe(`representatives on ${dbKind}`, () => {
  it('reports every REP-* rule with its figures at the thresholds', async () => {
    const { c } = await setup(t, { method: 'congress' });
    const groupA = (await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '一组', households: 100 } })).json() as { id: string };
    const groupB = (await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '二组', households: 100 } })).json() as { id: string };
    const unit = (await t.call('POST', `/communities/${c.id}/units`, { token: c.committee, body: { name: '市第一医院' } })).json() as { id: string };
    const add = (body: Record<string, unknown>) => t.call('POST', `/communities/${c.id}/representatives`, { token: c.committee, body });
    for (let i = 0; i < 3; i += 1) expect((await add({ voterId: await voter(c.committee, c.id, 11 + 2 * i, groupA.id) })).statusCode).toBe(201);
    expect((await add({ voterId: await voter(c.committee, c.id, 31, groupB.id) })).statusCode).toBe(201);
    expect((await add({ unitId: unit.id, name: '医院代表甲' })).statusCode).toBe(201);

    const check = async () => {
      const res = await t.call('GET', `/communities/${c.id}/representatives/check`, { token: c.committee });
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries((res.json() as Check[]).map((x) => [x.rule, x])) as Record<string, Check>;
    };
    let r = await check();
    expect(Object.keys(r).sort()).toEqual(['REP-COUNT', 'REP-IS-VOTER', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-RESIDENT-SHARE']);
    expect(r['REP-COUNT']).toMatchObject({ status: 'warning', details: { total: 5, min: 40, max: 60 } });
    expect(r['REP-PER-GROUP']!.status).toBe('fail'); // 二组 has 1, 2..3 required
    expect(JSON.stringify(r['REP-PER-GROUP']!.details)).toContain('二组');
    expect(r['REP-RESIDENT-SHARE']).toMatchObject({ status: 'pass', details: { residents: 4, total: 5 } });
    expect(r['REP-PER-UNIT']!.status).toBe('pass');
    expect(r['REP-IS-VOTER']!.status).toBe('pass');

    expect((await add({ voterId: await voter(c.committee, c.id, 33, groupB.id) })).statusCode).toBe(201);
    expect((await add({ unitId: unit.id, name: '医院代表乙' })).statusCode).toBe(201);
    r = await check();
    // 5 residents of 7 ≥ 2/3; unit sends 2 (max 2); each group 2..3
    expect(r['REP-PER-GROUP']!.status).toBe('pass');
    expect(r['REP-RESIDENT-SHARE']).toMatchObject({ status: 'pass', details: { residents: 5, total: 7 } });
    expect(r['REP-PER-UNIT']!.status).toBe('pass');

    expect((await add({ unitId: unit.id, name: '医院代表丙' })).statusCode).toBe(201);
    r = await check();
    // 5 of 8 < 2/3, and 3 from one unit
    expect(r['REP-RESIDENT-SHARE']).toMatchObject({ status: 'fail', details: { residents: 5, total: 8 } });
    expect(r['REP-PER-UNIT']!.status).toBe('fail');

    // removing the third unit delegate (with a reason, audited) puts both rules right again
    const list = (await t.call('GET', `/communities/${c.id}/representatives`, { token: c.committee })).json() as { items: { id: string; name: string }[] };
    const third = list.items.find((x) => x.name === '医院代表丙')!;
    const remove = (token: string, body: unknown) => t.call('DELETE', `/representatives/${third.id}`, { token, body });
    expect((await remove(c.committee, {})).statusCode).toBe(400); // a reason is required
    const removed = await remove(c.committee, { reason: '单位改派' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ removed: { id: third.id, name: '医院代表丙' }, reason: '单位改派' });
    r = await check();
    expect(r['REP-RESIDENT-SHARE']).toMatchObject({ status: 'pass', details: { residents: 5, total: 7 } });
    expect(r['REP-PER-UNIT']!.status).toBe('pass');
    expect((await remove(c.committee, { reason: '单位改派' })).statusCode).toBe(404);
    const audit = await t.call('GET', `/audit?entity=representative`, { token: t.adminToken });
    expect(JSON.stringify(audit.json())).toContain('单位改派');
  });

  it('REP-IS-VOTER: a voter of another community is refused; the same voter twice is a conflict', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const a = await createCommunity(t, s, roundId);
    const b = await createCommunity(t, s, roundId);
    const outsider = await voter(b.committee, b.id, 51);
    const res = await t.call('POST', `/communities/${a.id}/representatives`, { token: a.committee, body: { voterId: outsider } });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('REP-IS-VOTER');
    const own = await voter(a.committee, a.id, 53);
    expect((await t.call('POST', `/communities/${a.id}/representatives`, { token: a.committee, body: { voterId: own } })).statusCode).toBe(201);
    expect((await t.call('POST', `/communities/${a.id}/representatives`, { token: a.committee, body: { voterId: own } })).statusCode).toBe(409);
  });
});

describe('party roster (ORG-PARTY-REPS)', () => {
  it('counts full and probationary members; only full members vote', async () => {
    const { c } = await setup(t);
    const one = await t.call('POST', `/communities/${c.id}/party-members`, { token: c.committee, body: { name: '党员甲', status: 'full' } });
    expect(one.statusCode, one.body).toBe(201);
    const bulk = await t.call('POST', `/communities/${c.id}/party-members/bulk`, {
      token: c.committee,
      body: { members: [{ name: '党员乙', status: 'full' }, { name: '预备党员丙', status: 'probationary' }] },
    });
    expect(bulk.statusCode, bulk.body).toBe(201);
    const res = await t.call('GET', `/communities/${c.id}/party-members`, { token: c.committee });
    expect(res.json()).toMatchObject({ counts: { total: 3, full: 2, probationary: 1, voters: 2, expected: 2 }, check: { rule: 'ORG-PARTY-REPS', status: 'pass' } });
  });

  it('a congress of representatives needs more than 300 members and approval', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const party = (members: number, approved: boolean) => ({ type: 'committee', members, seats: 7, representatives: 150, congressApproved: approved });
    const at300 = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ party: party(300, true) }) });
    expect(at300.statusCode).toBe(422);
    expect((at300.json() as ErrorJson).error.rule).toBe('ORG-PARTY-REPS');
    const unapproved = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ party: party(301, false) }) });
    expect((unapproved.json() as ErrorJson).error.rule).toBe('ORG-PARTY-REPS');
    const ok = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ party: party(301, true) }) });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
