/**
 * Jobs on pg-boss (issue 19): two API processes on one PostgreSQL database (test/support/job-child.ts). A voter-card
 * job is started on the first, which is killed (SIGKILL) while it renders; the second instance's watchdog sees the
 * heartbeat stop, pg-boss retries the job, the second instance finishes it and the PDF has one page per voter.
 * Progress is read through a third instance (this test's app). A job can be cancelled.
 * Needs real PostgreSQL (processes cannot share an in-memory PGlite): skipped without DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { communities, voters } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { kill, startChildProcess, type Child } from '../support/child.js';
import { dbKind, realPostgresUrl } from '../support/database.js';
import { pageCount } from '../pdf/support.js';
import { createCommunity, type Community } from './election-fixture.js';
import { idNumber } from './registration-fixture.js';

const CHILD = resolve(__dirname, '../support/job-child.ts');
const TODAY = '2026-12-27';
const VOTERS = 8_000;

interface JobView {
  id: string;
  status: string;
  done: number;
  total: number;
  attempt: number;
  error: string | null;
}

let t: TestApp;
let c: Community;
let dataDir: string;
const children: Child[] = [];

const start = (input: Record<string, unknown>) => {
  const child = startChildProcess(CHILD, 'JOB_INPUT', { url: t.testDb.url, dataDir, today: TODAY, staleSeconds: 8, ...input });
  children.push(child);
  return child;
};
const job = async (id: string): Promise<JobView> => {
  const res = await t.call('GET', `/jobs/${id}`, { token: c.committee });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as JobView;
};

describe.skipIf(dbKind !== 'postgres' || !realPostgresUrl)('jobs on pg-boss across two API processes', () => {
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    dataDir = mkdtempSync(join(tmpdir(), 'jobs-failover-'));
    c = await createCommunity(t, { voters: 1, listsPublished: false });
    const [first] = await t.testDb.database.db.select().from(voters).where(eq(voters.communityId, c.id));
    const rows = Array.from({ length: VOTERS - 1 }, (_, i) => {
      const birth = `19${40 + (i % 50)}-${String((Math.floor(i / 50) % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 600) % 28) + 1).padStart(2, '0')}`;
      const id = idNumber(birth, 500 + Math.floor(i / 16_800));
      return { ...first!, id: randomUUID(), idNumber: id, idLast4: id.slice(-4), name: `选民${i + 2}`, birthDate: birth, householdNo: `H${i + 2}` };
    });
    for (let i = 0; i < rows.length; i += 2000) await t.testDb.database.db.insert(voters).values(rows.slice(i, i + 2000));
    await t.testDb.database.db.update(communities).set({ details: { time: '上午9:00', place: '社区居委会会议室' } }).where(eq(communities.id, c.id));
    const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-20' } });
    expect(notice.statusCode, notice.body).toBe(201);
    const published = await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-12-01' } });
    expect(published.statusCode, published.body).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) await kill(child);
    await t?.close();
  }, 60_000);

  it('a voter-card job whose process is killed mid-way is finished by the other instance, every page there', async () => {
    // B is loaded first with its worker held back (so that A, not B, takes the job), and started once A runs it
    const goB = join(dataDir, 'start-b');
    const b = start({ startWhenFileExists: goB });
    await b.waitFor(/^built$/, 150_000);
    const a = start({ submit: { communityId: c.id, token: c.committee } });
    const jobId = (await a.waitFor(/^(submitted|refused) /, 150_000)).split(' ')[1]!;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

    // running on A, progress visible from this (third) instance
    let seen = await job(jobId);
    for (let i = 0; i < 600 && !(seen.status === 'running' && seen.done > 0); i += 1) {
      await sleep(50);
      seen = await job(jobId);
    }
    expect(seen).toMatchObject({ status: 'running', attempt: 1, total: VOTERS });
    expect(seen.done).toBeGreaterThan(0);

    writeFileSync(goB, '');
    await b.waitFor(/^ready$/, 60_000);
    seen = await job(jobId);
    expect(seen.status, 'A finished before it could be killed: raise VOTERS').toBe('running');
    await kill(a);

    // B's watchdog takes the dead run back to the queue (with the reason), pg-boss hands it to B, B finishes it
    const statuses = new Set<string>();
    const errors = new Set<string>();
    for (let i = 0; i < 1200 && seen.status !== 'done' && seen.status !== 'failed'; i += 1) {
      await sleep(100);
      seen = await job(jobId);
      statuses.add(seen.status);
      if (seen.error) errors.add(seen.error);
    }
    expect(seen.status, JSON.stringify(seen)).toBe('done');
    expect(seen.attempt).toBeGreaterThanOrEqual(2);
    expect(seen.done).toBe(VOTERS);
    expect([...errors].join(' ')).toMatch(/进程已停止/);

    const result = await t.call('GET', `/jobs/${jobId}/result`, { token: c.committee });
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    expect(pageCount(result.rawPayload)).toBe(VOTERS);
  }, 400_000);

  it('cancels a job: it ends cancelled and no instance runs it', async () => {
    const submitted = await t.call('POST', `/communities/${c.id}/documents/voter-cards/jobs?perPage=1`, { token: c.committee });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const { jobId } = submitted.json() as { jobId: string };
    const cancelled = await t.call('POST', `/jobs/${jobId}/cancel`, { token: c.committee });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: jobId, status: 'cancelled' });
    await sleep(3000);
    expect(await job(jobId)).toMatchObject({ status: 'cancelled' });
    const result = await t.call('GET', `/jobs/${jobId}/result`, { token: c.committee });
    expect(result.statusCode).toBe(409);
  }, 60_000);
});
