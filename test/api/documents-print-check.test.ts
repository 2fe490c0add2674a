/**
 * A paper whose data breaks a rule it must print true (src/pdf/ready.ts) is refused before the first byte: 422 naming
 * the rule with a Chinese message, never a 500 from a stream that failed after the reply began. The data is seeded
 * broken through the schema (the API itself never publishes such a list), on PGlite and on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLists, communities } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, nominateAndPublish, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;

interface ErrorBody {
  error: { code: string; rule?: string; message: string; messageZh: string; details?: { problems?: { code: string }[] } };
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21', config: { dataDir: mkdtempSync(join(tmpdir(), 'docs-check-')) } });
  c = await createCommunity(t, { names: ['王二', '丁一', '刘三'], voters: 12 });
  await nominateAndPublish(t, c, { contest: 'director', names: ['王二', '丁一', '刘三'] });
  // Two candidates share a ballot position: the list no longer has one order (CAN-ORDER).
  const db = t.testDb.database.db;
  const where = and(eq(candidateLists.communityId, c.id), eq(candidateLists.contest, 'director'), eq(candidateLists.current, true));
  const [list] = await db.select().from(candidateLists).where(where);
  const broken = (list!.candidates as { order: number }[]).map((x) => ({ ...x, order: 1 }));
  await db.update(candidateLists).set({ candidates: broken }).where(where);
  // A members' list published, then the community's member seats set to none: a ballot with nothing to elect.
  await nominateAndPublish(t, c, { contest: 'member', names: ['选民4', '选民5', '选民6', '选民7', '选民8'] });
  await db.update(communities).set({ rcSeats: { director: 1, deputies: 0, members: 0 } }).where(eq(communities.id, c.id));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe(`a paper that fails its print check, on ${dbKind}`, () => {
  it('answers 422 with the rule and a Chinese message, not 500', async () => {
    const res = await t.call('GET', `/communities/${c.id}/documents/candidate-list.pdf`, { token: c.committee });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json() as ErrorBody;
    expect(body.error.rule).toBe('CAN-ORDER');
    expect(body.error.messageZh).toMatch(/候选人/);
    expect(body.error.messageZh).toMatch(/排序|顺序/);
    expect(body.error.messageZh).not.toMatch(/[A-Za-z]/);
    expect(body.error.details?.problems?.map((p) => p.code)).toContain('CAN-ORDER');
    expect(body.error.messageZh).toBe('该文书不能印制：居民委员会主任正式候选人名单的排列序号重复或颠倒，不能按此印制；候选人应按姓氏笔画排序，请更正后重新公布');
  });

  it('refuses the background job the same way, before a job exists', async () => {
    const res = await t.call('POST', `/communities/${c.id}/documents/candidate-list/jobs`, { token: c.committee });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect((res.json() as ErrorBody).error.rule).toBe('CAN-ORDER');
  });

  it('answers 409 DOCUMENT_NOT_READY, in Chinese, for a paper that is only incomplete (no seat to elect)', async () => {
    const res = await t.call('GET', `/communities/${c.id}/documents/ballot.pdf?contest=member`, { token: c.committee });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(409);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('DOCUMENT_NOT_READY');
    expect(body.error.rule).toBeUndefined();
    expect(body.error.messageZh).toBe('该文书暂不能生成：居民委员会委员应选名额为零');
    expect(body.error.details?.problems?.map((p) => p.code)).toEqual(['PDF-SEATS']);
  });
});
