import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/db/audit.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { tokenFor, createCommunity, createMeeting, enter, enterTwice, nominateAndPublish, result, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;
let ids: Record<string, string>;
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六'];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
  c = await createCommunity(t, { names: NAMES, voters: 40 });
  ids = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
});
afterAll(async () => t?.close());

const sheet = (votes: Record<string, number>, extra: Partial<{ issued: number; returned: number; invalid: number }> = {}) => ({
  contest: 'director',
  issued: 30,
  returned: 30,
  invalid: 2,
  votes,
  ...extra,
});

describe(`tally entry on ${dbKind}`, () => {
  it('refuses tally sheets before attendance and on a meeting that is not quorate (exactly half)', async () => {
    const m = await createMeeting(t, c, { expected: 40 });
    const before = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 20 }));
    expect(before.statusCode).toBe(422);
    expect(before.json()).toMatchObject({ error: { rule: 'MTG-QUORUM-RC' } });
    const half = await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 20 } });
    expect(half.json()).toMatchObject({ present: 20, expected: 40, quorate: false });
    const refused = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 20 }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { rule: 'MTG-QUORUM-RC' } });
    const more = await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 21 } });
    expect(more.json()).toMatchObject({ present: 21, quorate: true });
  });

  it('one scrutineer alone does not confirm, the same one twice is refused, two agreeing confirm', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const figures = sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 });
    const first = await enter(t, m, m.scrutineers[0]!, figures);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', sheetId: null });
    expect((await result(t, m, c.committee)).contests[0]).toMatchObject({ complete: false, elected: [] });

    const again = await enter(t, m, m.scrutineers[0]!, figures);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALREADY_ENTERED', rule: 'CNT-DOUBLE-ENTRY' } });

    const second = await enter(t, m, m.scrutineers[1]!, figures);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ status: 'confirmed', sheetId: expect.any(String) });

    const r = await result(t, m, c.committee);
    expect(r.contests[0]).toMatchObject({ contest: 'director', valid: true, complete: true, elected: [{ name: '丁一', votes: 20 }] });

    // Confirmed sheets are immutable: a further plain entry is refused.
    const third = await enter(t, m, m.scrutineers[2]!, figures);
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ error: { code: 'SHEET_CONFIRMED' } });
  });

  it('reports two disagreeing entries field by field; a third matching one confirms', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const a = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 }));
    const b = await enter(t, m, m.scrutineers[1]!, sheet({ [ids['丁一']!]: 19, [ids['王二']!]: 8 }, { invalid: 3 }));
    expect(b.statusCode).toBe(201);
    const body = b.json() as { status: string; mismatches: { entryId: string; fields: { field: string; mine: number; theirs: number | null }[] }[] };
    expect(body.status).toBe('pending');
    expect(body.mismatches).toEqual([
      {
        entryId: (a.json() as { id: string }).id,
        fields: [
          // The second entry is blind: the typist learns which fields differ, never the first entry's figures.
          { field: 'invalid', mine: 3, theirs: null },
          { field: `votes.${ids['丁一']}`, mine: 19, theirs: null },
        ],
      },
    ]);
    const c3 = await enter(t, m, m.scrutineers[2]!, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 }));
    expect(c3.json()).toMatchObject({ status: 'confirmed' });
    const entries = (await t.call('GET', `/meetings/${m.id}/tally-entries`, { token: c.committee })).json() as { items: { id: string; status: string }[] };
    expect(entries.items.map((e) => e.status)).toEqual(['confirmed', 'superseded', 'confirmed']);
  });

  it('lets the chief scrutineer discard one entry so its typist enters again', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const a = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 }));
    const b = await enter(t, m, m.scrutineers[1]!, sheet({ [ids['丁一']!]: 2, [ids['王二']!]: 8 }));
    const bId = (b.json() as { id: string }).id;
    // Not the chief: 403; the chief without a reason: 400.
    expect((await t.call('POST', `/tally-entries/${bId}/discard`, { token: m.scrutineers[0]!, body: { reason: 'typo' } })).statusCode).toBe(403);
    expect((await t.call('POST', `/tally-entries/${bId}/discard`, { token: m.chief, body: {} })).statusCode).toBe(400);
    const discarded = await t.call('POST', `/tally-entries/${bId}/discard`, { token: m.chief, body: { reason: '录入笔误' } });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json()).toMatchObject({ status: 'discarded' });
    const retyped = await enter(t, m, m.scrutineers[1]!, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 }));
    expect(retyped.json()).toMatchObject({ status: 'confirmed' });
    // A confirmed entry cannot be discarded.
    const aId = (a.json() as { id: string }).id;
    expect((await t.call('POST', `/tally-entries/${aId}/discard`, { token: m.chief, body: { reason: 'x' } })).statusCode).toBe(409);
  });

  it('corrects a confirmed sheet with a new pair of entries and a reason, both kept in the audit log', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const first = await enterTwice(t, m, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 }));
    const fixed = { ...sheet({ [ids['丁一']!]: 21, [ids['王二']!]: 7 }), correctionOf: first.sheetId, reason: '复核选票发现唱票错误' };
    const noReason = await enter(t, m, m.scrutineers[2]!, { ...fixed, reason: undefined });
    expect(noReason.statusCode).toBe(400);
    const a = await enter(t, m, m.scrutineers[2]!, fixed);
    expect(a.json()).toMatchObject({ status: 'pending', sheetVersion: 2 });
    const b = await enter(t, m, m.scrutineers[0]!, fixed);
    expect(b.json()).toMatchObject({ status: 'confirmed', sheetVersion: 2 });
    const r = await result(t, m, c.committee);
    expect(r.contests[0]!.elected).toEqual([{ candidateId: ids['丁一'], name: '丁一', votes: 21 }]);
    const audit = (await t.call('GET', `/audit?entity=tally-entry`, { token: t.adminToken })).json() as { items: { action: string }[] };
    expect(audit.items.filter((i) => i.action === 'enter-correction')).toHaveLength(2);
    expect((await verifyAudit(t.testDb.database.db)).ok).toBe(true);
  });

  it('refuses a sheet that does not add up, naming the equation', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    // The domain's CNT-ARITH names each failing equation with its figures (details.equation / equationZh).
    const bad = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 29 }, { invalid: 2 }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: {
        rule: 'CNT-ARITH',
        details: { violations: expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ equation: `votes of ${ids['丁一']} (29) > valid (28)` }) })]) },
      },
    });
    const sum = await enter(t, m, m.scrutineers[0]!, sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 20 }));
    expect(sum.json()).toMatchObject({
      error: { rule: 'CNT-ARITH', messageZh: '计票单不平：得票总数(40) > 有效票(28) × 应选名额(1)', details: { violations: [{ details: { equation: 'sum of votes (40) > valid (28) × seats (1)' } }] } },
    });
    const ret = await enter(t, m, m.scrutineers[0]!, sheet({}, { invalid: 31 }));
    expect(ret.json()).toMatchObject({ error: { rule: 'CNT-ARITH', details: { violations: [{ details: { equation: 'invalid (31) > returned (30)' } }] } } });
    // The over-voted ballots are a part of the invalid ones.
    const over = await enter(t, m, m.scrutineers[0]!, { ...sheet({ [ids['丁一']!]: 20 }), overvoted: 3 });
    expect(over.json()).toMatchObject({ error: { rule: 'CNT-ARITH', details: { violations: [{ details: { equation: 'overvoted (3) > invalid (2)' } }] } } });
  });

  it('gives 403 to committee, street and bureau users entering counts, and to a scrutineer of another meeting', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const other = await createMeeting(t, c, { expected: 40, present: 30 });
    const street = await t.userToken('street', c.streetId);
    const bureau = await tokenFor(t, 'bureau', c.districtId);
    for (const token of [c.committee, street, bureau, other.scrutineers[0]!]) {
      expect((await enter(t, m, token, sheet({ [ids['丁一']!]: 20 }))).statusCode).toBe(403);
    }
    // The other meeting's scrutineer cannot read this result either; the street and bureau can.
    expect((await t.call('GET', `/meetings/${m.id}/result`, { token: other.scrutineers[0]! })).statusCode).toBe(403);
    expect((await t.call('GET', `/meetings/${m.id}/result`, { token: street })).statusCode).toBe(200);
    expect((await t.call('GET', `/meetings/${m.id}/result`, { token: bureau })).statusCode).toBe(200);
  });

  it('gives exactly one confirmed sheet when two scrutineers confirm at the same moment', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const figures = sheet({ [ids['丁一']!]: 20, [ids['王二']!]: 8 });
    await enter(t, m, m.scrutineers[0]!, figures);
    const [x, y] = await Promise.all([enter(t, m, m.scrutineers[1]!, figures), enter(t, m, m.scrutineers[2]!, figures)]);
    const statuses = [x.json(), y.json()].map((b) => (b as { status?: string; error?: { code: string } }).status ?? (b as { error: { code: string } }).error.code);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(1);
    const entries = (await t.call('GET', `/meetings/${m.id}/tally-entries`, { token: c.committee })).json() as { items: { status: string }[] };
    expect(entries.items.filter((e) => e.status === 'confirmed')).toHaveLength(2);
  });
});
