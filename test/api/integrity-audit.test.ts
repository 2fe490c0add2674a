/**
 * Issue 20: the audit log proves itself. The chain is keyed (HMAC, key outside the database), so rows rewritten with
 * recomputed hashes are detected; each filing records the chain head, and `GET /audit/verify` checks every recorded
 * head, so deleting the most recent entries is detected too. A database upgraded from the plain SHA-256 chain keeps
 * its old entries verifiable up to the sealed switch point.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import stringify from 'safe-stable-stringify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { MIGRATIONS_DIR, migrateDatabase } from '../../src/db/client.js';
import { auditLog, filings } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, dbKind } from '../support/database.js';
import { createCommunity, tokenFor } from './election-fixture.js';

type Row = typeof auditLog.$inferSelect;
type Verify = { ok: boolean; entries: number; plainEntries?: number; firstBroken?: { seq: number; reason: string } };

/** What someone with write access to the database but not the key can compute: the plain SHA-256 chain. */
const plainHash = (prevHash: string, row: Row) =>
  createHash('sha256')
    .update(prevHash)
    .update(
      stringify({
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        role: row.role,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before ?? null,
        after: row.after ?? null,
      }) ?? '',
    )
    .digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

const verify = async (): Promise<Verify> => (await t.call('GET', '/audit/verify', { token: t.adminToken })).json() as Verify;

/** A filing reviewed by the bureau through the API: its audit entry is the chain head the filing records. */
async function reviewedFiling(): Promise<{ filingId: string; bureau: string }> {
  const c = await createCommunity(t, { voters: 5 });
  const [row] = await t.testDb.database.db
    .insert(filings)
    .values({ communityId: c.id, districtId: c.districtId, kind: 'rc', status: 'submitted', checks: [], submittedAt: new Date() })
    .returning();
  const bureau = await tokenFor(t, 'bureau', c.districtId);
  const res = await t.call('POST', `/filings/${row!.id}/review`, { token: bureau, body: { decision: 'record' } });
  expect(res.statusCode, res.body).toBe(200);
  return { filingId: row!.id, bureau };
}

describe(`the audit chain on ${dbKind}`, () => {
  it('records the chain head on the filing', async () => {
    const { filingId, bureau } = await reviewedFiling();
    const [last] = await t.testDb.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const filing = (await t.call('GET', `/filings/${filingId}`, { token: bureau })).json() as { chainHead?: { seq: number; hash: string } };
    expect(filing.chainHead).toEqual({ seq: last!.seq, hash: last!.hash });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects the deletion of the two most recent entries by the head the filing recorded', async () => {
    await reviewedFiling();
    const db = t.testDb.database.db;
    expect((await verify()).ok).toBe(true);
    const latest = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(2);
    await db.delete(auditLog).where(inArray(auditLog.seq, latest.map((r) => r.seq)));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toBe('anchor');
    await db.insert(auditLog).values(latest);
    expect((await verify()).ok).toBe(true);
  });

  it('detects rows rewritten with recomputed hashes', async () => {
    await reviewedFiling();
    const db = t.testDb.database.db;
    const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const target = rows.find((r) => r.action === 'create' && r.entity === 'user') ?? rows[1]!;
    // Rewrite one entry and recompute every hash from there on, as the old verification would accept.
    let prevHash = rows[rows.indexOf(target) - 1]?.hash ?? '0'.repeat(64);
    for (const row of rows.slice(rows.indexOf(target))) {
      const edited = row.seq === target.seq ? { ...row, after: { forged: true } } : row;
      const hash = plainHash(prevHash, edited);
      await db.update(auditLog).set({ after: edited.after, prevHash, hash }).where(eq(auditLog.seq, row.seq));
      prevHash = hash;
    }
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(target.seq);
  });
});

describe(`a database upgraded from the plain chain on ${dbKind}`, () => {
  it('migrates (case-duplicate names, the old secret) and verifies the old entries up to the sealed switch point', async () => {
    // The migrations as they stood before this change (0000–0004), applied to a fresh database with data in it.
    const before = mkdtempSync(join(tmpdir(), 'integrity-migrations-'));
    mkdirSync(join(before, 'meta'));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 4);
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) copyFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(before, `${e.tag}.sql`));
    expect(readdirSync(before).length).toBe(6);

    const testDb = await createTestDatabase({ migrate: false });
    try {
      const db = testDb.database.db;
      await migrateDatabase(testDb.database, before);
      await db.execute(sql`insert into users (id, username, password_hash, role) values (gen_random_uuid(), 'Bob', '!', 'admin'), (gen_random_uuid(), 'bob', '!', 'admin')`);
      await db.execute(sql`insert into settings (key, value) values ('token_secret', 'old-secret-kept-in-the-database-xxxxxxxx')`);
      let prevHash = '0'.repeat(64);
      for (let i = 0; i < 3; i += 1) {
        const entry = { at: new Date(`2026-01-0${i + 1}T00:00:00Z`), actorId: null, actorName: 'system', role: 'system', action: `old-${i}`, entity: 'test', entityId: null, before: null, after: { i } };
        const hash = plainHash(prevHash, { ...entry, seq: 0, prevHash, hash: '' });
        await db.insert(auditLog).values({ ...entry, prevHash, hash });
        prevHash = hash;
      }

      await migrateDatabase(testDb.database);
      const names = (await db.execute(sql`select username from users order by created_at, id`)) as unknown as { rows: { username: string }[] };
      expect(new Set(names.rows.map((r) => r.username.toLowerCase())).size).toBe(2);
      const secret = (await db.execute(sql`select 1 from settings where key = 'token_secret'`)) as unknown as { rows: unknown[] };
      expect(secret.rows).toEqual([]);

      const app = await buildApp({ config: testConfig(), database: testDb.database });
      try {
        const admin = names.rows[0]!.username;
        const { createTokenUser } = await import('../../src/services/users.js');
        const { issueToken } = await import('../../src/http/auth.js');
        const token = await issueToken(app.deps.tokenKey, await createTokenUser(db, { username: `auditor-${admin}`, role: 'admin', scopeId: null }), 600);
        const call = async () => (await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}` } })).json() as Verify;
        // A keyed entry after the old ones.
        await app.inject({ method: 'POST', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}` }, payload: { name: '城关区', code: 'upgraded' } });
        const ok = await call();
        expect(ok).toMatchObject({ ok: true, plainEntries: 3 });
        expect(ok.entries).toBeGreaterThan(3);
        // Old entries rewritten with their plain hashes recomputed and relinked are still caught: the switch point
        // sealed the last plain hash with the key.
        const old = await db.select().from(auditLog).where(lte(auditLog.seq, 3)).orderBy(asc(auditLog.seq));
        let prev = '0'.repeat(64);
        for (const row of old) {
          const edited = row.action === 'old-0' ? { ...row, after: { forged: true } } : row;
          const hash = plainHash(prev, { ...edited, prevHash: prev });
          await db.update(auditLog).set({ after: edited.after, prevHash: prev, hash }).where(eq(auditLog.seq, row.seq));
          prev = hash;
        }
        expect(await call()).toMatchObject({ ok: false, firstBroken: { reason: 'switch' } });
      } finally {
        await app.close();
      }
    } finally {
      await testDb.dispose();
    }
  });
});
