/**
 * Faults (issue 8): the service process killed (SIGKILL) in the middle of a voter import and in the middle of a
 * tally. Another process (test/support/fault-child.ts) runs the use case against the same PostgreSQL database and
 * is killed part-way; then nothing is half-written and running the same work again completes.
 * Needs real PostgreSQL (two processes cannot share an in-memory PGlite): skipped without DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { kill, startChildProcess } from '../support/child.js';
import { dbKind } from '../support/database.js';
import { idNumber, setup } from './registration-fixture.js';
import { createCommunity, createMeeting, enter, nominateAndPublish, result } from './election-fixture.js';

const CHILD = resolve(__dirname, '../support/fault-child.ts');
const startChild = (input: Record<string, unknown>) => startChildProcess(CHILD, 'FAULT_INPUT', input);

let t: TestApp;
const rows = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const query = async <T>(q: ReturnType<typeof sql>): Promise<T[]> => rows<T>(await t.testDb.database.db.execute(q));

/** The killed process's server sessions end (their transactions roll back) once the server sees the socket close. */
async function childSessionsGone(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const [row] = await query<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'fault-child'`);
    if (row?.n === 0) return;
    await sleep(100);
  }
  throw new Error('the killed process still has sessions');
}

describe.runIf(dbKind === 'postgres')('the process killed mid-import and mid-tally (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-20' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('leaves no voter of an import killed during its load, and the re-run imports the whole file', async () => {
    const { c } = await setup(t);
    const count = async () => (await query<{ n: number }>(sql`select count(*)::int as n from voters where community_id = ${c.id}`))[0]!.n;
    const N = 60_000;
    const people = Array.from({ length: N }, (_, i) => `${idNumber(`19${50 + (i % 40)}-0${(i % 9) + 1}-1${i % 9}`, i % 1000, String(110101 + Math.floor(i / 9000)))},居民${i},户籍`);
    const file = join(mkdtempSync(join(tmpdir(), 'kill-import-')), 'voters.csv');
    writeFileSync(file, ['idNumber,name,residency', ...people].join('\n'));

    const child = startChild({ kind: 'import', url: t.testDb.url, communityId: c.id, token: c.committee, csvFile: file, mode: 'all', today: '2026-11-20' });
    try {
      await child.waitFor(/^sending$/, 60_000);
      // Kill once the load is under way: a COPY or an insert from the child's session is running.
      let seen = false;
      // Rows are read and checked before the load starts: on a busy machine that takes a while.
      const deadline = Date.now() + 90_000;
      while (!seen && Date.now() < deadline && !child.lines.some((l) => l.startsWith('done'))) {
        const active = await query<{ q: string }>(
          sql`select query as q from pg_stat_activity where datname = current_database() and application_name = 'fault-child' and state <> 'idle' and query ~* '^(copy|insert|with|select)'`,
        );
        seen = active.some((a) => /copy|insert/i.test(a.q));
        if (!seen) await sleep(20);
      }
      expect(child.lines.some((l) => l.startsWith('done')), `the import finished before it could be killed: ${child.lines.join(' | ')}`).toBe(false);
      expect(seen, 'the load was never seen running').toBe(true);
    } finally {
      await kill(child);
    }
    await childSessionsGone();
    expect(await count()).toBe(0);
    expect((await t.call('GET', '/audit/verify', { token: t.adminToken })).json()).toMatchObject({ ok: true });

    const again = await t.call('POST', `/communities/${c.id}/voters/import?mode=all`, {
      token: c.committee,
      body: ['idNumber,name,residency', ...people].join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ accepted: N, committed: true });
    expect(await count()).toBe(N);
  }, 240_000);

  it('leaves every tally sheet whole when killed mid-tally, and the re-run confirms every box', async () => {
    const c = await createCommunity(t, { names: ['丁一', '王二'], voters: 40, phases: [{ name: 'elections', from: '2026-11-01', to: '2026-12-31' }] });
    const { idOf } = await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'], publishedOn: '2026-11-15' });
    const BOXES = 40;
    const boxes = Array.from({ length: BOXES }, (_, i) => ({ name: `票箱${i + 1}`, kind: i === 0 ? ('main' as const) : ('station' as const), monitors: ['甲', '乙', '丙'] }));
    const m = await createMeeting(t, c, { expected: 40, present: 40, boxes });
    const sheets = boxes.map((b, i) => ({ contest: 'director', box: b.name, issued: 1, returned: 1, invalid: 0, votes: { [idOf[i % 2 ? '王二' : '丁一']!]: 1 } }));

    const child = startChild({ kind: 'tally', url: t.testDb.url, meetingId: m.id, tokens: [m.scrutineers[0], m.scrutineers[1]], sheets, today: '2026-11-20' });
    try {
      await child.waitFor(/^confirmed 9$/, 90_000);
    } finally {
      await kill(child);
    }
    await childSessionsGone();
    expect(child.lines.filter((l) => l.startsWith('refused')), child.lines.join(' | ')).toEqual([]);
    const killedAt = child.lines.filter((l) => l.startsWith('confirmed')).length;
    expect(killedAt).toBeLessThan(BOXES);

    // Nothing half-written: a sheet exists exactly when two confirmed entries back it; otherwise at most one pending entry.
    const entries = await query<{ id: string; box: string; status: string }>(sql`select id, box, status from tally_entries where meeting_id = ${m.id}`);
    const sheetRows = await query<{ box: string; entry_ids: string[] }>(sql`select box, entry_ids from tally_sheets where meeting_id = ${m.id}`);
    for (const b of boxes) {
      const mine = entries.filter((e) => e.box === b.name);
      const sheet = sheetRows.filter((s) => s.box === b.name);
      expect(sheet.length, b.name).toBeLessThanOrEqual(1);
      if (sheet.length === 1) {
        expect(mine.map((e) => e.status).sort(), b.name).toEqual(['confirmed', 'confirmed']);
        expect([...sheet[0]!.entry_ids].sort()).toEqual(mine.map((e) => e.id).sort());
      } else {
        expect(mine.length, b.name).toBeLessThanOrEqual(1);
        expect(mine.every((e) => e.status === 'pending'), b.name).toBe(true);
      }
    }
    expect(sheetRows.length).toBeGreaterThanOrEqual(killedAt);
    expect((await t.call('GET', '/audit/verify', { token: t.adminToken })).json()).toMatchObject({ ok: true });

    // The re-run: the same entries again; those already in are refused as such (409), the rest go in.
    for (const sheet of sheets) {
      for (const token of [m.scrutineers[0]!, m.scrutineers[1]!]) {
        const res = await enter(t, m, token, sheet);
        expect([201, 409], res.body).toContain(res.statusCode);
      }
    }
    const done = await query<{ n: number }>(sql`select count(*)::int as n from tally_sheets where meeting_id = ${m.id}`);
    expect(done[0]!.n).toBe(BOXES);
    const r = await result(t, m, c.committee);
    expect(r.contests[0]).toMatchObject({ complete: true, valid: true });
    expect(r.contests[0]!.votes.find((v) => v.name === '丁一')?.votes).toBe(BOXES / 2);
  }, 240_000);
});
