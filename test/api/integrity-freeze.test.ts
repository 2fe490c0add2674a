/**
 * Issue 20: an election that is filed stays as filed. Once the residents' committee result is submitted (and after
 * the bureau records it), attendance, boxes, voters, nominations, withdrawals and tally sheets answer 409
 * FILED_FROZEN; a return reopens exactly the areas it names, and the reopening is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, filings } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, idNumber, nominateAndPublish, tokenFor, type Community, type Meeting } from './election-fixture.js';

let t: TestApp;
let c: Community;
let m: Meeting;
let nominationIds: string[];
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
  c = await createCommunity(t, { names: ['丁一', '王二', '张三'], voters: 40 });
  const published = await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] });
  nominationIds = published.nominationIds;
  ids = published.idOf;
  m = await createMeeting(t, c, { expected: 40, present: 30 });
  await enterTwice(t, m, { contest: 'director', issued: 30, returned: 30, invalid: 0, votes: { [ids['丁一']!]: 20, [ids['王二']!]: 10 } });
});
afterAll(async () => t?.close());

type ErrorJson = { error: { code: string; messageZh: string } };

/** Every change the issue names, each a fresh request (a box name, a voter number, never used before). */
let n = 0;
const changes = () => {
  n += 1;
  return {
    attendance: () => t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 10 } }),
    box: () => t.call('POST', `/meetings/${m.id}/boxes`, { token: c.committee, body: { name: `流动票箱${n}`, kind: 'mobile', monitors: ['甲', '乙'] } }),
    voter: () => t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1980-05-05', 700 + n), name: `新选民${n}`, residency: 'registered' } }),
    nomination: () => t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName['张三'], basis: 'committee', consent: true } }),
    withdrawal: () => t.call('POST', `/nominations/${nominationIds[0]}/withdraw`, { token: c.committee, body: {} }),
    tally: () =>
      t.call('POST', `/meetings/${m.id}/tally-sheets`, {
        token: m.scrutineers[2]!,
        body: { contest: 'director', box: 'main', issued: 30, returned: 30, invalid: 0, votes: { [ids['丁一']!]: 5, [ids['王二']!]: 25 } },
      }),
  };
};

async function seedFiling(status: 'submitted' | 'recorded' | 'approved'): Promise<string> {
  const db = t.testDb.database.db;
  await db.delete(filings).where(eq(filings.communityId, c.id));
  const [row] = await db.insert(filings).values({ communityId: c.id, districtId: c.districtId, kind: 'rc', status, checks: [], submittedAt: new Date() }).returning();
  return row!.id;
}

describe(`a filed election on ${dbKind}`, () => {
  for (const status of ['submitted', 'recorded', 'approved'] as const) {
    it(`refuses every change to the election's data while the filing is ${status}`, async () => {
      await seedFiling(status);
      const answers: Record<string, string> = {};
      for (const [name, send] of Object.entries(changes())) {
        const res = await send();
        answers[name] = `${res.statusCode} ${(res.json() as ErrorJson).error?.code ?? ''}`;
        if (res.statusCode === 409) expect((res.json() as ErrorJson).error.messageZh).toMatch(/备案/);
      }
      expect(answers).toEqual(Object.fromEntries(Object.keys(changes()).map((k) => [k, '409 FILED_FROZEN'])));
    });
  }

  it('a return reopens exactly the areas it names, and says so in the audit log', async () => {
    const filingId = await seedFiling('submitted');
    const bureau = await tokenFor(t, 'bureau', c.districtId);
    const review = await t.call('POST', `/filings/${filingId}/review`, { token: bureau, body: { decision: 'return', reason: '到会人数登记有误', reopen: ['attendance'] } });
    expect(review.statusCode, review.body).toBe(200);
    const now = changes();
    expect((await now.attendance()).statusCode).toBe(200);
    for (const send of [now.tally, now.box, now.voter, now.withdrawal]) {
      const res = await send();
      expect(res.statusCode, res.body).toBe(409);
    }
    const [entry] = await t.testDb.database.db.select().from(auditLog).where(eq(auditLog.action, 'review-return'));
    expect(entry?.after).toMatchObject({ status: 'returned', reopened: ['attendance'] });
    const attendance = await t.testDb.database.db.select().from(auditLog).where(eq(auditLog.action, 'attendance'));
    expect(attendance.at(-1)?.after).toMatchObject({ present: 10 });
  });
});
