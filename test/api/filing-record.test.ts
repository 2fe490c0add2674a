/**
 * The bureau's review of the residents' committee filing is 备案 (`record`, stored `recorded`), `approve` its older
 * name; the party result is approved (`approve`, stored `approved`) and never recorded. Every reader (queue, control
 * room, checks) counts both as accepted.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, filings } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, tokenFor, type Community } from './election-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-27' });
});
afterAll(async () => t?.close());

type Filing = { id: string; kind: string; status: string; history: { action: string }[] };

async function submitted(c: Community, kind: 'rc' | 'party', checks: unknown[] = []): Promise<string> {
  const [row] = await t.testDb.database.db
    .insert(filings)
    .values({ communityId: c.id, districtId: c.districtId, kind, status: 'submitted', checks, submittedAt: new Date('2026-12-27T02:00:00Z') })
    .returning();
  return row!.id;
}

async function community(): Promise<{ c: Community; bureau: string }> {
  const c = await createCommunity(t, { voters: 3 });
  return { c, bureau: await tokenFor(t, 'bureau', c.districtId) };
}

const review = (bureau: string, id: string, decision: string) => t.call('POST', `/filings/${id}/review`, { token: bureau, body: { decision } });

describe(`the bureau's decision on a filing, on ${dbKind}`, () => {
  it("records the residents' committee filing (备案), with its audit entry and the queue and control room agreeing", async () => {
    const { c, bureau } = await community();
    const id = await submitted(c, 'rc');
    const res = await review(bureau, id, 'record');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'rc', status: 'recorded', history: [{ action: 'record' }] });
    const [entry] = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'review-record')));
    expect(entry?.after).toMatchObject({ status: 'recorded', decision: 'record' });

    const queue = (await t.call('GET', '/filings/queue?status=recorded', { token: bureau })).json() as { total: number; items: { id: string; queueStatus: string }[] };
    expect(queue.items).toEqual([expect.objectContaining({ id, queueStatus: 'recorded' })]);
    const street = await tokenFor(t, 'street', c.streetId);
    const dashboard = (await t.call('GET', `/rounds/${c.roundId}/dashboard`, { token: street })).json() as { items: { filing: string | null; reached: string }[] };
    expect(dashboard.items[0]).toMatchObject({ filing: 'recorded', reached: 'recorded' });
    const listed = (await t.call('GET', '/filings?status=recorded', { token: bureau })).json() as { items: Filing[] };
    expect(listed.items.map((f) => f.id)).toEqual([id]);
  });

  it("still takes `approve` for a residents' committee filing, and stores it as recorded", async () => {
    const { c, bureau } = await community();
    const id = await submitted(c, 'rc');
    const res = await review(bureau, id, 'approve');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'recorded', history: [{ action: 'record' }] });
  });

  it('approves a party result (审批) and refuses to record it', async () => {
    const { c, bureau } = await community();
    const id = await submitted(c, 'party');
    const recorded = await review(bureau, id, 'record');
    expect(recorded.statusCode, recorded.body).toBe(400);
    expect((recorded.json() as { error: { messageZh: string } }).error.messageZh).toBe('党组织选举结果须批准或退回，不适用备案');
    const approved = await review(bureau, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ kind: 'party', status: 'approved', history: [{ action: 'approve' }] });
    const queue = (await t.call('GET', '/filings/queue?status=recorded', { token: bureau })).json() as { items: { id: string }[] };
    expect(queue.items.map((f) => f.id)).toEqual([id]);
  });

  it('lets AFT-FILING decide: a return names its reason, nothing is recorded over a failing check as filed', async () => {
    const { c, bureau } = await community();
    const id = await submitted(c, 'rc', [{ rule: 'CNT-ARITH', status: 'fail', severity: 'hard', titleZh: '计票单核算', details: {} }]);
    const bare = await t.call('POST', `/filings/${id}/review`, { token: bureau, body: { decision: 'return', reason: '  ' } });
    expect(bare.statusCode, bare.body).toBe(422);
    expect(bare.json()).toMatchObject({ error: { rule: 'AFT-FILING', messageZh: '退回备案须说明理由' } });
    const over = await review(bureau, id, 'record');
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json()).toMatchObject({ error: { rule: 'AFT-FILING', messageZh: '备案不能通过：有1项规则检查未通过' } });
    const [row] = await t.testDb.database.db.select().from(filings).where(eq(filings.id, id));
    expect(row!.status).toBe('submitted');
  });

  it("counts a residents' committee filing stored `approved` (before `record` existed) as recorded", async () => {
    const { c, bureau } = await community();
    const id = await submitted(c, 'rc');
    await t.testDb.database.db.update(filings).set({ status: 'approved' }).where(eq(filings.id, id));
    const queue = (await t.call('GET', '/filings/queue', { token: bureau })).json() as { counts: Record<string, number>; items: { queueStatus: string }[] };
    expect(queue.counts).toEqual({ waiting: 0, recorded: 1, returned: 0 });
    const street = await tokenFor(t, 'street', c.streetId);
    const dashboard = (await t.call('GET', `/rounds/${c.roundId}/dashboard`, { token: street })).json() as { items: { reached: string }[] };
    expect(dashboard.items[0]!.reached).toBe('recorded');
  });
});
