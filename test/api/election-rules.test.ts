/**
 * Rules the election services apply through the domain beyond the first version: TML-PHASE on nominating,
 * publishing candidates, the meeting and the tally; ORG-RC-DEPUTY-ROLES on the deputy list; the profile's
 * `backfillRestartsNotice` after a withdrawal; a void vote held again as the same election (majority and all).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, partyMembers, rounds } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enter, enterTwice, nominateAndPublish, result, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七'];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

const nominate = (c: Community, contest: string, name: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest, voterId: c.byName[name], basis: 'committee', consent: true, ...extra } });
const publish = (c: Community, body: Record<string, unknown>) =>
  t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body });
const idOf = (res: { json(): unknown }) => (res.json() as { id: string }).id;

describe(`election rules on ${dbKind}`, () => {
  it('refuses a nomination outside the election phase (TML-PHASE), with the domain message', async () => {
    // Today is 2026-12-21; this round's election phase ended on 2026-12-20.
    const c = await createCommunity(t, { names: NAMES, phases: [{ name: 'election', from: '2026-12-01', to: '2026-12-20' }] });
    const res = await nominate(c, 'director', '丁一');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: {
        code: 'RULE_VIOLATION',
        rule: 'TML-PHASE',
        messageZh: expect.stringContaining('2026年12月1日至2026年12月20日'),
        details: { violations: [{ details: { reason: 'outside', action: 'nominate', on: '2026-12-21' } }] },
      },
    });
  });

  it('refuses a round without an election phase (TML-PHASE no-phase)', async () => {
    const c = await createCommunity(t, { names: NAMES, phases: [{ name: 'mobilisation', from: '2026-11-01', to: '2026-11-30' }] });
    const res = await nominate(c, 'director', '丁一');
    expect(res.json()).toMatchObject({ error: { rule: 'TML-PHASE', details: { violations: [{ details: { reason: 'no-phase' } }] } } });
  });

  it('checks the publication date of the candidate list and the meeting date against the phase (TML-PHASE)', async () => {
    const c = await createCommunity(t, { names: NAMES, phases: [{ name: 'election', from: '2026-12-01', to: '2026-12-26' }] });
    for (const name of ['丁一', '王二']) expect((await nominate(c, 'director', name)).statusCode).toBe(201);
    const early = await publish(c, { contest: 'director', publishedOn: '2026-11-30' });
    expect(early.json()).toMatchObject({ error: { rule: 'TML-PHASE', details: { violations: [{ details: { action: 'publish-candidates', on: '2026-11-30' } }] } } });
    expect((await publish(c, { contest: 'director', publishedOn: '2026-12-01' })).statusCode).toBe(201);

    const late = await t.call('POST', `/communities/${c.id}/meetings`, { token: c.committee, body: { kind: 'rc', date: '2026-12-27', expected: 20 } });
    expect(late.json()).toMatchObject({ error: { rule: 'TML-PHASE', details: { violations: [{ details: { action: 'meeting', on: '2026-12-27' } }] } } });
    const onTime = await t.call('POST', `/communities/${c.id}/meetings`, { token: c.committee, body: { kind: 'rc', date: '2026-12-26', expected: 20 } });
    expect(onTime.statusCode).toBe(201);
  });

  it('refuses tally entries made after the election phase (TML-PHASE on the day of entry)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const { idOf: ids } = await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] });
    const m = await createMeeting(t, c, { expected: 20, present: 15 });
    const sheet = { contest: 'director', issued: 15, returned: 15, invalid: 0, votes: { [ids['丁一']!]: 10, [ids['王二']!]: 5 } };
    // The steering group's phase ends the day before today: entries are refused; extended again, they count.
    await t.testDb.database.db.update(rounds).set({ phases: [{ name: 'election', from: '2026-12-01', to: '2026-12-20' }] }).where(eq(rounds.id, c.roundId));
    const refused = await enter(t, m, m.scrutineers[0]!, sheet);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { rule: 'TML-PHASE', details: { violations: [{ details: { action: 'tally', on: '2026-12-21' } }] } } });
    await t.testDb.database.db.update(rounds).set({ phases: [{ name: 'election', from: '2026-12-01', to: '2026-12-26' }] }).where(eq(rounds.id, c.roundId));
    await enterTwice(t, m, sheet);
  });

  it('needs a police officer and a college graduate among the deputy candidates (ORG-RC-DEPUTY-ROLES, lanzhou)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const plain = [];
    for (const name of ['丁一', '王二', '刘三']) plain.push(idOf(await nominate(c, 'deputy', name)));
    const none = await publish(c, { contest: 'deputy', publishedOn: '2026-12-20' });
    expect(none.statusCode).toBe(422);
    const body = none.json() as { error: { rule: string; details: { violations: { rule: string; details: { missing: string }; messageZh: string }[] } } };
    expect(body.error.rule).toBe('ORG-RC-DEPUTY-ROLES');
    expect(body.error.details.violations.map((v) => v.details.missing)).toEqual(['police', 'graduate']);
    expect(body.error.details.violations[0]!.messageZh).toContain('管段民警');

    const police = idOf(await nominate(c, 'deputy', '李四', { roles: ['police'] }));
    const onlyPolice = await publish(c, { contest: 'deputy', publishedOn: '2026-12-20', nominationIds: [...plain, police] });
    expect(onlyPolice.json()).toMatchObject({ error: { rule: 'ORG-RC-DEPUTY-ROLES', details: { violations: [{ details: { missing: 'graduate' } }] } } });
    const graduate = idOf(await nominate(c, 'deputy', '赵五', { roles: ['graduate'], education: 'college' }));
    const both = await publish(c, { contest: 'deputy', publishedOn: '2026-12-20', nominationIds: [plain[0], police, graduate] });
    expect(both.statusCode, both.body).toBe(201);
  });

  it('does not require deputy roles where the profile does not (yiwu-style deputyRolesRequired: [])', async () => {
    const c = await createCommunity(t, { names: NAMES, profile: { deputyRolesRequired: [] } });
    for (const name of ['丁一', '王二', '刘三']) await nominate(c, 'deputy', name);
    expect((await publish(c, { contest: 'deputy', publishedOn: '2026-12-20' })).statusCode).toBe(201);
  });

  it('backfills a withdrawal 4 days before election day by default, but not where backfillRestartsNotice (CAN-WITHDRAW)', async () => {
    const setUp = async (profile?: Record<string, unknown>) => {
      const c = await createCommunity(t, { names: NAMES, ...(profile ? { profile } : {}) });
      const ids: string[] = [];
      for (const name of ['丁一', '王二', '刘三']) ids.push(idOf(await nominate(c, 'director', name)));
      expect((await publish(c, { contest: 'director', publishedOn: '2026-12-20', nominationIds: ids.slice(0, 2) })).statusCode).toBe(201);
      return { c, ids };
    };
    type Withdrawn = { list: { version: number; candidates: { name: string }[] } };

    // lanzhou-2010 (backfillRestartsNotice: false): the new name need not be published 5 days before.
    const lenient = await setUp();
    const a = await t.call('POST', `/nominations/${lenient.ids[0]}/withdraw`, { token: lenient.c.committee, body: { on: '2026-12-22' } });
    expect(a.statusCode, a.body).toBe(200);
    expect((a.json() as Withdrawn).list.candidates.map((x) => x.name)).toEqual(['王二', '刘三']);

    // backfillRestartsNotice: true: 4 days before, 刘三 can no longer get the 5 days' notice. The withdrawal stands,
    // nobody is backfilled, and the audit log says why.
    const strict = await setUp({ backfillRestartsNotice: true });
    const b = await t.call('POST', `/nominations/${strict.ids[0]}/withdraw`, { token: strict.c.committee, body: { on: '2026-12-22' } });
    expect(b.statusCode, b.body).toBe(200);
    expect((b.json() as Withdrawn).list).toMatchObject({ version: 2, candidates: [{ name: '王二' }] });
    const audit = await t.testDb.database.db.select().from(auditLog).where(eq(auditLog.entityId, strict.ids[2]!));
    expect(audit.map((x) => x.action)).toContain('no-backfill');

    // 5 days before, the backfilled name is in time.
    const inTime = await setUp({ backfillRestartsNotice: true });
    const d = await t.call('POST', `/nominations/${inTime.ids[0]}/withdraw`, { token: inTime.c.committee, body: { on: '2026-12-21' } });
    expect((d.json() as Withdrawn).list.candidates.map((x) => x.name)).toEqual(['王二', '刘三']);
  });

  it('holds a void vote again as the same election: the majority still applies (CNT-BALLOTS, CNT-MAJORITY-RC)', async () => {
    const c = await createCommunity(t, { names: NAMES, voters: 120 });
    const { idOf: ids } = await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] });
    const m = await createMeeting(t, c, { expected: 120, present: 101 });
    await enterTwice(t, m, { contest: 'director', finishWithErrors: true, issued: 101, returned: 102, invalid: 2, votes: { [ids['丁一']!]: 60, [ids['王二']!]: 40 } });
    const main = (await result(t, m, c.committee)).contests.find((x) => x.stage === 'main' && x.contestId)!;
    expect(main).toMatchObject({ valid: false, elected: [], revote: { seats: 1, contestId: expect.any(String) } });
    expect(main.rules).toContainEqual(expect.objectContaining({ rule: 'CNT-BALLOTS', status: 'fail' }));

    // The vote held again: 50 of 101 present is not a majority, so no one is elected and a run-off follows.
    await enterTwice(t, m, { contest: 'director', contestId: main.revote!.contestId!, issued: 101, returned: 101, invalid: 1, votes: { [ids['丁一']!]: 50, [ids['王二']!]: 50 } });
    const again = (await result(t, m, c.committee)).contests.find((x) => x.contestId === main.revote!.contestId)!;
    expect(again).toMatchObject({ stage: 'main', valid: true, complete: true, elected: [], runoff: { seats: 1, contestId: expect.any(String) } });
    expect(again.rules).toContainEqual(expect.objectContaining({ rule: 'CNT-MAJORITY-RC', details: expect.objectContaining({ base: 101 }) }));
  });

  it('opens the officer election only once the party committee is elected', async () => {
    const c = await createCommunity(t, { names: NAMES, party: { type: 'branch', members: 20, seats: 5 } });
    await t.testDb.database.db.insert(partyMembers).values(NAMES.map((name) => ({ communityId: c.id, name, voterId: c.byName[name]!, status: 'full' as const })));
    const { idOf: ids } = await nominateAndPublish(t, c, { contest: 'party', names: NAMES, publishedOn: '2026-12-18' });
    const m = await createMeeting(t, c, { kind: 'party', expected: 20, present: 18 });
    const early = await t.call('POST', `/meetings/${m.id}/officers`, { token: c.committee, body: { secretary: [ids['丁一']] } });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'PARTY_COMMITTEE_NOT_ELECTED' } });
  });
});
