import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { communityBody, createCommunity, createRound, createStreet, PHASES, tokenFor, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

describe(`rounds and profiles on ${dbKind}`, () => {
  it('lists the presets by name', async () => {
    const res = await t.call('GET', '/profiles', { token: t.adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const { profiles } = res.json() as { profiles: Record<string, { rcSizeMax: number; directShareMin: unknown }> };
    expect(Object.keys(profiles).sort()).toEqual(['lanzhou-2010', 'yiwu-2007']);
    expect(profiles['lanzhou-2010']!.rcSizeMax).toBe(9);
    expect(profiles['yiwu-2007']!.rcSizeMax).toBe(7);
  });

  it('creates a round with a profile snapshot and the term of its election phase', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, { profile: 'yiwu-2007' });
    const res = await t.call('GET', `/rounds/${roundId}`, { token: s.street });
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json() as { term: number; profileName: string; profile: { residencyMonths: number; name: string }; phases: unknown[] };
    expect(round.term).toBe(2026);
    expect(round.profileName).toBe('yiwu-2007');
    expect(round.profile.residencyMonths).toBe(6);
    expect(round.phases).toEqual(PHASES);
  });

  it('takes a copy of a preset with changed parameters, and names the invalid ones', async () => {
    const s = await createStreet(t);
    const unexplained = await t.call('POST', '/rounds', {
      token: s.street,
      body: { name: '自定义', streetId: s.streetId, profile: { base: 'lanzhou-2010', residencyMonths: 6, handoverDays: 5 }, profileReasons: { handoverDays: 'because' }, phases: PHASES },
    });
    expect(unexplained.statusCode, unexplained.body).toBe(422);
    const refusal = (unexplained.json() as ErrorJson).error;
    expect(refusal.code).toBe('PROFILE_CHANGE_REASON');
    expect(refusal.messageZh).toBe('调整了规则配置的以下参数，须用中文说明理由：人户分离居民最短居住月数、选举后完成交接（天内）');

    const ok = await t.call('POST', '/rounds', {
      token: s.street,
      body: { name: '自定义', streetId: s.streetId, profile: { base: 'lanzhou-2010', residencyMonths: 6 }, profileReasons: { residencyMonths: '依据甘肃省2025年办法，人户分离居住满6个月' }, phases: PHASES },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      profileName: 'custom',
      profile: { residencyMonths: 6, rcSizeMax: 9 },
      profileChanges: [{ parameter: 'residencyMonths', labelZh: '人户分离居民最短居住月数', from: 0, to: 6, reason: '依据甘肃省2025年办法，人户分离居住满6个月' }],
    });
    expect((await t.call('GET', `/rounds/${(ok.json() as { id: string }).id}`, { token: s.street })).json()).toMatchObject({ profileChanges: [{ parameter: 'residencyMonths' }] });

    const bad = await t.call('POST', '/rounds', {
      token: s.street,
      body: { name: '自定义', streetId: s.streetId, profile: { base: 'lanzhou-2010', rcSizeMin: 9, rcSizeMax: 5 }, phases: PHASES },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json() as ErrorJson;
    expect(body.error.code).toBe('PROFILE_INVALID');
    expect(body.error.message).toContain('rcSizeMax');
    expect(body.error.messageZh).toContain('最小值大于最大值');

    const unknown = await t.call('POST', '/rounds', { token: s.street, body: { name: 'x', streetId: s.streetId, profile: 'beijing-2099', phases: PHASES } });
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorJson).error.messageZh).toContain('beijing-2099');
  });

  it('refuses overlapping phases', async () => {
    const s = await createStreet(t);
    const res = await t.call('POST', '/rounds', {
      token: s.street,
      body: { name: 'x', streetId: s.streetId, phases: [PHASES[0], { name: 'election', from: '2026-10-15', to: '2026-12-26' }] },
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorJson).error.code).toBe('PHASES_INVALID');
  });

  it("lets only the street's own role create its rounds", async () => {
    const a = await createStreet(t);
    const b = await createStreet(t);
    const res = await t.call('POST', '/rounds', { token: b.street, body: { name: 'x', streetId: a.streetId, phases: PHASES } });
    expect(res.statusCode).toBe(403);
    const committee = await tokenFor(t, 'committee', a.streetId);
    expect((await t.call('POST', '/rounds', { token: committee, body: { name: 'x', streetId: a.streetId, phases: PHASES } })).statusCode).toBe(403);
  });
});

describe('communities', () => {
  it('creates a community, its groups and units, and reads them back', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const c = await createCommunity(t, s, roundId, { time: '09:00', place: '社区活动中心', mobileBoxes: 2 });
    const g = await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第一居民小组', households: 120 } });
    expect(g.statusCode, g.body).toBe(201);
    const u = await t.call('POST', `/communities/${c.id}/units`, { token: c.committee, body: { name: '兰州市第一中学' } });
    expect(u.statusCode, u.body).toBe(201);
    const dup = await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第一居民小组', households: 1 } });
    expect(dup.statusCode).toBe(409);
    const res = await t.call('GET', `/communities/${c.id}`, { token: c.committee });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: c.id,
      method: 'congress',
      electionDay: '2026-12-26',
      details: { time: '09:00', place: '社区活动中心', mobileBoxes: 2 },
      groups: [{ name: '第一居民小组', households: 120 }],
      units: [{ name: '兰州市第一中学' }],
      voters: 0,
    });
    const list = await t.call('GET', `/rounds/${roundId}/communities`, { token: s.bureau });
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([c.id]);
    // The street's list carries the last day of each dated step, from the election day (12-26) and the profile:
    // the voter list 20 days before, the candidate list 5 days before (CAN-LIST-NOTICE), the handover within 3 days.
    expect((list.json() as { items: { deadlines: unknown }[] }).items[0]!.deadlines).toEqual({ voterListBy: '2026-12-06', candidateListBy: '2026-12-21', handoverBy: '2026-12-29' });
    const audit = rows<{ n: number }>(await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where entity_id = ${c.id}`));
    expect(audit[0]!.n).toBe(1);
  });

  it('gives a committee user of one community 403 on another', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const a = await createCommunity(t, s, roundId);
    const b = await createCommunity(t, s, roundId);
    expect((await t.call('GET', `/communities/${b.id}`, { token: a.committee })).statusCode).toBe(403);
    expect((await t.call('POST', `/communities/${b.id}/groups`, { token: a.committee, body: { name: 'x' } })).statusCode).toBe(403);
  });

  it.each([
    [{ director: 1, deputies: 2, members: 3 }, 'ORG-RC-SIZE', 422],
    [{ director: 1, deputies: 1, members: 2 }, 'ORG-RC-SIZE', 422],
    [{ director: 1, deputies: 1, members: 3 }, null, 201],
    [{ director: 1, deputies: 2, members: 6 }, null, 201],
    [{ director: 1, deputies: 3, members: 7 }, 'ORG-RC-SIZE', 422],
    [{ director: 2, deputies: 1, members: 2 }, 'ORG-RC-SIZE', 422],
  ])('ORG-RC-SIZE: seats %j → %s', async (rcSeats, rule, status) => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const res = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ rcSeats }) });
    expect(res.statusCode, res.body).toBe(status);
    if (rule) {
      const body = res.json() as ErrorJson;
      expect(body.error).toMatchObject({ code: 'RULE_VIOLATION', rule });
      expect(body.error.messageZh).toMatch(/居民委员会/);
    }
  });

  it('ORG-PARTY-TYPE: a branch needs 8 members under lanzhou; 7 seats need a written justification', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const seven = await t.call('POST', `/rounds/${roundId}/communities`, {
      token: s.street,
      body: communityBody({ party: { type: 'branch', members: 7, seats: 3 } }),
    });
    expect(seven.statusCode).toBe(422);
    expect((seven.json() as ErrorJson).error.rule).toBe('ORG-PARTY-TYPE');
    const eight = await t.call('POST', `/rounds/${roundId}/communities`, {
      token: s.street,
      body: communityBody({ party: { type: 'branch', members: 8, seats: 3 } }),
    });
    expect(eight.statusCode, eight.body).toBe(201);

    const soft = await t.call('POST', `/rounds/${roundId}/communities`, {
      token: s.street,
      body: communityBody({ party: { type: 'branch', members: 60, seats: 7 } }),
    });
    expect(soft.statusCode).toBe(422);
    expect((soft.json() as ErrorJson).error).toMatchObject({ code: 'JUSTIFICATION_REQUIRED', rule: 'ORG-PARTY-TYPE' });
    expect((soft.json() as ErrorJson).error.messageZh).toContain('说明理由');
    const justified = await t.call('POST', `/rounds/${roundId}/communities`, {
      token: s.street,
      body: communityBody({
        party: { type: 'branch', members: 60, seats: 7 },
        justifications: [{ rule: 'ORG-PARTY-TYPE', text: '党员人数较多，经街道党工委研究同意设7名委员' }],
      }),
    });
    expect(justified.statusCode, justified.body).toBe(201);
    const stored = rows<{ rule: string; text: string }>(
      await t.testDb.database.db.execute(sql`select rule, text from justifications where round_id = ${roundId}`),
    );
    expect(stored).toEqual([{ rule: 'ORG-PARTY-TYPE', text: '党员人数较多，经街道党工委研究同意设7名委员' }]);
    const audited = rows<{ n: number }>(
      await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'justify' and after->>'rule' = 'ORG-PARTY-TYPE'`),
    );
    expect(audited[0]!.n).toBe(1);
  });

  it('TML-PHASE: the election day lies in the election phase', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const res = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ electionDay: '2026-12-28' }) });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('TML-PHASE');
  });

  it('MTH-DIRECT-SHARE (yiwu): at least half of the round uses direct election; household method not allowed', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, { profile: 'yiwu-2007' });
    const yiwu = { rcSeats: { director: 1, deputies: 1, members: 3 } };
    const first = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ ...yiwu, method: 'congress' }) });
    expect(first.statusCode).toBe(422);
    expect((first.json() as ErrorJson).error.rule).toBe('MTH-DIRECT-SHARE');
    expect((await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ ...yiwu, method: 'direct' }) })).statusCode).toBe(201);
    // 1 direct of 2: exactly half is enough
    expect((await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ ...yiwu, method: 'congress' }) })).statusCode).toBe(201);
    // 1 of 3 is not
    const third = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ ...yiwu, method: 'congress' }) });
    expect(third.statusCode).toBe(422);
    expect((third.json() as ErrorJson).error.rule).toBe('MTH-DIRECT-SHARE');
    const household = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody({ ...yiwu, method: 'household' }) });
    expect((household.json() as ErrorJson).error.rule).toBe('MTH-KIND');
  });
});
