/**
 * Lawful rounds through the API as a clerk plays them: the profile's parameters and where each comes from (GET
 * /rules), and the party election's own majority at a run-off (round 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, filings, meetingExcused, partyMembers } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, tokenFor } from './election-fixture.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

describe(`GET /rules: per-parameter source notes, on ${dbKind}`, () => {
  it('lists every parameter of yiwu-2007 with its value and source; what seed 002 does not say is marked inherited', async () => {
    const c = await createCommunity(t, { voters: 3 });
    const res = await t.call('GET', '/rules?profile=yiwu-2007', { token: c.committee });
    expect(res.statusCode, res.body).toBe(200);
    const { parameters } = res.json() as { parameters: { parameter: string; value: string; source: string; inherited: boolean }[] };
    expect(parameters.find((p) => p.parameter === 'directShareMin')).toEqual({ parameter: 'directShareMin', labelZh: 'seed 002：直接选举的社区不得少于二分之一', value: '{"num":1,"den":2}', source: 'seed 002：直接选举的社区不得少于二分之一', inherited: false });
    expect(parameters.find((p) => p.parameter === 'candidateListNoticeDays')).toMatchObject({ value: '5', inherited: true, source: expect.stringContaining('seed 002 未规定') });
    const lanzhou = (await t.call('GET', '/rules?profile=lanzhou-2010', { token: c.committee })).json() as { parameters: { parameter: string; source: string; inherited: boolean }[] };
    expect(lanzhou.parameters.find((p) => p.parameter === 'candidateListNoticeDays')).toMatchObject({ source: 'seed 001 篇三 五(二)8：正式候选人名单必须于选举日前5日公布', inherited: false });
    expect(lanzhou.parameters.length).toBe(parameters.length);
  });
});

describe(`party run-off: the same majority as the first ballot (CNT-MAJORITY-PARTY), on ${dbKind}`, () => {
  it('a third of the ballots does not elect at a party run-off; more than half of those present does', async () => {
    const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六'];
    const c = await createCommunity(t, { names: NAMES, voters: 30, party: { type: 'branch', members: 20, seats: 5 } });
    await t.testDb.database.db.insert(partyMembers).values(
      c.voterIds.slice(0, 20).map((voterId, i) => ({ communityId: c.id, name: NAMES[i] ?? `选民${i + 1}`, voterId, status: 'full' as const })),
    );
    const { idOf: ids } = await nominateAndPublish(t, c, { contest: 'party', names: NAMES, publishedOn: '2026-12-18' });
    const m = await createMeeting(t, c, { kind: 'party', expected: 20, present: 18 });
    // First ballot: four reach more than half of 18 (10+), 钱六 and 赵五 do not: one seat to a run-off.
    await enterTwice(t, m, {
      contest: 'party',
      issued: 18,
      returned: 18,
      invalid: 0,
      votes: { [ids['丁一']!]: 17, [ids['王二']!]: 16, [ids['刘三']!]: 15, [ids['李四']!]: 14, [ids['赵五']!]: 9, [ids['钱六']!]: 8 },
    });
    const main = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'party' && x.stage === 'main')!;
    expect(main.elected.map((e) => e.name)).toEqual(['丁一', '王二', '刘三', '李四']);
    expect(main.runoff).toMatchObject({ seats: 1, contestId: expect.any(String) });

    // The run-off: 7 of 18 is more than a third (an RC run-off would elect), not more than half: no one is elected.
    await enterTwice(t, m, { contest: 'party', contestId: main.runoff!.contestId!, issued: 18, returned: 18, invalid: 5, votes: { [ids['赵五']!]: 7, [ids['钱六']!]: 6 } });
    const runoff = (await result(t, m, c.committee)).contests.find((x) => x.stage === 'runoff')!;
    expect(runoff.elected).toEqual([]);
    expect(runoff.vacancies).toBe(1);
    expect(runoff.rules).toContainEqual(expect.objectContaining({ rule: 'CNT-MAJORITY-PARTY', details: expect.objectContaining({ base: 18, stage: 'runoff' }) }));
    expect(runoff.rules.some((r) => r.rule === 'CNT-RUNOFF' && r.details.reason === 'threshold')).toBe(false);
  });
});

describe(`the bureau's 备案 does not hold up certificates; a return that voids the result withdraws them (round 9), on ${dbKind}`, () => {
  it('issues certificates once the result is confirmed, before any filing; a voiding return withdraws them, a plain return does not', async () => {
    const c = await createCommunity(t, { names: ['丁一', '王二'], voters: 60 });
    const ids = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
    const street = await tokenFor(t, 'street', c.streetId);
    const m = await createMeeting(t, c, { expected: 60, present: 50 });

    const early = await t.call('POST', `/communities/${c.id}/certificates`, { token: street, body: { issuedOn: '2026-12-26' } });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'RESULT_NOT_CONFIRMED' } });

    await enterTwice(t, m, { contest: 'director', issued: 50, returned: 50, invalid: 0, votes: { [ids['丁一']!]: 40, [ids['王二']!]: 10 } });
    const issued = await t.call('POST', `/communities/${c.id}/certificates`, { token: street, body: { issuedOn: '2026-12-27' } });
    expect(issued.statusCode, issued.body).toBeLessThan(300);
    expect((issued.json() as { certificates: { name: string }[] }).certificates.map((x) => x.name)).toEqual(['丁一']);

    // The bureau returns the filing with reasons: a plain return keeps the certificates, a voiding one withdraws them.
    const db = t.testDb.database.db;
    const bureau = await tokenFor(t, 'bureau', c.districtId);
    const file = async () =>
      (await db.insert(filings).values({ communityId: c.id, districtId: c.districtId, kind: 'rc', status: 'submitted', checks: [], submittedAt: new Date('2026-12-27T02:00:00Z') }).returning())[0]!.id;
    const first = await file();
    const plain = await t.call('POST', `/filings/${first}/review`, { token: bureau, body: { decision: 'return', reason: '材料不全，请补充选举大会记录' } });
    expect(plain.statusCode, plain.body).toBe(200);
    const names = async () =>
      ((await t.call('GET', `/communities/${c.id}/certificates`, { token: c.committee })).json() as { items: { name: string }[] }).items.map((x) => x.name);
    expect(await names()).toEqual(['丁一']);

    const second = await file();
    const voiding = await t.call('POST', `/filings/${second}/review`, { token: bureau, body: { decision: 'return', reason: '选举大会实到人数不足，选举结果无效', voidsResult: true } });
    expect(voiding.statusCode, voiding.body).toBe(200);
    expect(await names()).toEqual([]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audit.map((a) => a.action)).toContain('withdraw-certificates');
  });
});

describe(`party meeting: members excused with the higher organisation's approval are not expected (round 5), on ${dbKind}`, () => {
  it('records each excused member with reason and approval, expects the rest; refuses an excuse without approval or for a non-member', async () => {
    const c = await createCommunity(t, { voters: 30, party: { type: 'branch', members: 10, seats: 5 } });
    const db = t.testDb.database.db;
    const rows = await db
      .insert(partyMembers)
      .values(c.voterIds.slice(0, 10).map((voterId, i) => ({ communityId: c.id, name: `党员${i + 1}`, voterId, status: 'full' as const })))
      .returning();
    const create = (body: Record<string, unknown>) => t.call('POST', `/communities/${c.id}/meetings`, { token: c.committee, body: { kind: 'party', date: '2026-12-24', ...body } });

    const noApproval = await create({ excused: [{ partyMemberId: rows[0]!.id, reason: 'abroad', approvedBy: ' ' }] });
    expect(noApproval.statusCode, noApproval.body).toBe(400);
    const stranger = await create({ excused: [{ partyMemberId: c.voterIds[20], reason: 'illness', approvedBy: '街道党工委' }] });
    expect(stranger.statusCode, stranger.body).toBe(422);
    expect(stranger.json()).toMatchObject({ error: { rule: 'MTG-QUORUM-PARTY' } });
    const mismatch = await create({ expected: 10, excused: [{ partyMemberId: rows[0]!.id, reason: 'abroad', approvedBy: '街道党工委' }] });
    expect(mismatch.statusCode, mismatch.body).toBe(422);
    expect(mismatch.json()).toMatchObject({ error: { rule: 'MTG-QUORUM-PARTY', messageZh: '应到人数10人与正式党员10人减去经批准请假1人不符' } });

    const ok = await create({
      excused: [
        { partyMemberId: rows[0]!.id, reason: 'abroad', approvedBy: '街道党工委' },
        { partyMemberId: rows[1]!.id, reason: 'illness', approvedBy: '街道党工委' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const meeting = ok.json() as { id: string; expected: number };
    expect(meeting.expected).toBe(8);
    // 7 of 8 is more than 4/5 (of 10 it would not be): the meeting is quorate.
    const att = await t.call('POST', `/meetings/${meeting.id}/attendance`, { token: c.committee, body: { present: 7 } });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json()).toMatchObject({ expected: 8, present: 7, quorate: true });
    const stored = await db.select().from(meetingExcused).where(eq(meetingExcused.meetingId, meeting.id));
    expect(stored.map((e) => [e.name, e.reason, e.approvedBy]).sort()).toEqual([
      ['党员1', 'abroad', '街道党工委'],
      ['党员2', 'illness', '街道党工委'],
    ]);
    const detail = await t.call('GET', `/meetings/${meeting.id}`, { token: c.committee });
    expect(detail.statusCode, detail.body).toBe(200);
    expect((detail.json() as { excused: unknown[] }).excused).toEqual([
      { partyMemberId: rows[0]!.id, name: '党员1', reason: 'abroad', approvedBy: '街道党工委' },
      { partyMemberId: rows[1]!.id, name: '党员2', reason: 'illness', approvedBy: '街道党工委' },
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, meeting.id));
    expect(JSON.stringify(audit.find((a) => a.action === 'create')!.after)).toContain('街道党工委');
  });
});
