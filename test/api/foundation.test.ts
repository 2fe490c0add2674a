import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { issueToken } from '../../src/http/auth.js';
import { bootstrapAdmin, MAX_FAILED_LOGINS } from '../../src/services/users.js';
import { migrateDatabase } from '../../src/db/client.js';
import { verifyAudit } from '../../src/db/audit.js';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from '../../src/config.js';
import { createTestApp, USER_PASSWORD, type TestApp } from '../support/app.js';
import { createTestDatabase, dbKind } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

describe(`foundation on ${dbKind}`, () => {
  it('answers health with the database kind', async () => {
    const res = await t.call('GET', '/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, db: dbKind });
  });

  it('serves OpenAPI generated from the zod schemas at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/auth/login', '/api/v1/users']));
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.call('GET', '/no-such-thing', { token: t.adminToken });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', messageZh: expect.any(String) } });
  });

  it('names the invalid field in a 400', async () => {
    const res = await t.call('POST', '/districts', { token: t.adminToken, body: { name: '城关区' } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; messageZh: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('body.code');
    // The clerk reads the field's Chinese label, never the request path.
    expect(body.error.messageZh).toContain('编码');
    expect(body.error.messageZh).not.toContain('body.');
  });

  it('answers malformed JSON with 400, never a stack trace', async () => {
    const res = await t.call('POST', '/districts', {
      token: t.adminToken,
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('login', () => {
  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await t.call('POST', '/auth/login', { body: { username: 'nobody', password: 'whatever' } });
    const wrong = await t.call('POST', '/auth/login', { body: { username: 'admin', password: 'wrong-password' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.body).not.toMatch(/exist|不存在/);
  });

  it('locks an account after repeated failures with a clear message', async () => {
    const district = await t.call('POST', '/districts', { token: t.adminToken, body: { name: '七里河区', code: 'lock-d' } });
    const districtId = (district.json() as { id: string }).id;
    await t.call('POST', '/users', {
      token: t.adminToken,
      body: { username: 'lockme', password: USER_PASSWORD, role: 'bureau', scopeId: districtId },
    });
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) {
      statuses.push((await t.call('POST', '/auth/login', { body: { username: 'lockme', password: 'nope-nope' } })).statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await t.call('POST', '/auth/login', { body: { username: 'lockme', password: USER_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ error: { code: 'ACCOUNT_LOCKED', messageZh: expect.stringContaining('锁定') } });
  });

  it('refuses weak passwords for new users', async () => {
    const res = await t.call('POST', '/users', {
      token: t.adminToken,
      body: { username: 'weakling', password: 'password', role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'WEAK_PASSWORD' } });
  });
});

describe('guard', () => {
  it('answers 401 without a token, with a tampered token and with an expired one', async () => {
    expect((await t.call('POST', '/districts', { body: { name: 'x', code: 'x' } })).statusCode).toBe(401);
    const tampered = `${t.adminToken.slice(0, -3)}${t.adminToken.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await t.call('POST', '/districts', { token: tampered, body: { name: 'x', code: 'x' } })).statusCode).toBe(401);
    const expired = await issueToken(
      t.app.deps.tokenKey,
      { id: '00000000-0000-4000-8000-000000000000', username: 'admin', role: 'admin', scopeId: null, chief: false, mustChangePassword: false, tokenVersion: 1 },
      -10,
    );
    const res = await t.call('POST', '/districts', { token: expired, body: { name: 'x', code: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
  });

  it('answers 403 to a role that may not call the route', async () => {
    const district = (await t.call('POST', '/districts', { token: t.adminToken, body: { name: '安宁区', code: 'guard-d' } })).json() as { id: string };
    const street = (await t.call('POST', '/streets', { token: t.adminToken, body: { districtId: district.id, name: '培黎街道', code: 'pl' } })).json() as { id: string };
    const streetToken = await t.userToken('street', street.id);
    const bureauToken = await t.userToken('bureau', district.id);
    for (const token of [streetToken, bureauToken]) {
      expect((await t.call('POST', '/districts', { token, body: { name: 'x', code: 'y' } })).statusCode).toBe(403);
      expect((await t.call('POST', '/users', { token, body: { username: 'zz', password: USER_PASSWORD, role: 'admin' } })).statusCode).toBe(403);
    }
  });

  it('refuses a user whose scope does not exist', async () => {
    const res = await t.call('POST', '/users', {
      token: t.adminToken,
      body: { username: 'ghost', password: USER_PASSWORD, role: 'committee', scopeId: '11111111-1111-4111-8111-111111111111' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('bootstrap', () => {
  it('creates admin once only, and a generated password must be changed first', async () => {
    const testDb = await createTestDatabase();
    try {
      const first = await bootstrapAdmin(testDb.database.db);
      const second = await bootstrapAdmin(testDb.database.db);
      expect(first.created).toBe(true);
      expect(first.generatedPassword).toMatch(/.{16,}/);
      expect(second).toEqual({ created: false });
      const admins = rows<{ n: number }>(await testDb.database.db.execute(sql`select count(*)::int as n from users`));
      expect(admins[0]!.n).toBe(1);

      const app = await buildApp({ config: testConfig({ adminPassword: undefined }), database: testDb.database });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: first.generatedPassword! } });
      const { token, mustChangePassword } = login.json() as { token: string; mustChangePassword: boolean };
      expect(mustChangePassword).toBe(true);
      const blocked = await app.inject({ method: 'POST', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}` }, payload: { name: 'a', code: 'a' } });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { authorization: `Bearer ${token}` },
        payload: { currentPassword: first.generatedPassword, newPassword: 'Brand-New-Passw0rd' },
      });
      expect(changed.statusCode).toBe(200);
      const fresh = (changed.json() as { token: string }).token;
      const allowed = await app.inject({ method: 'POST', url: '/api/v1/districts', headers: { authorization: `Bearer ${fresh}` }, payload: { name: 'a', code: 'a' } });
      expect(allowed.statusCode).toBe(201);
      await app.close();
    } finally {
      await testDb.dispose();
    }
  });
});

describe('migrations', () => {
  it('apply on an empty database and are a no-op the second time', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    try {
      const db = testDb.database.db;
      const tablesBefore = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`));
      expect(tablesBefore[0]!.n).toBe(0);
      await migrateDatabase(testDb.database);
      const applied = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      const tables = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`));
      expect(tables[0]!.n).toBeGreaterThan(10);
      await migrateDatabase(testDb.database);
      const again = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(again[0]!.n).toBe(applied[0]!.n);
    } finally {
      await testDb.dispose();
    }
  });
});

describe('audit chain', () => {
  it('links every change and finds the first edited entry', async () => {
    const district = (await t.call('POST', '/districts', { token: t.adminToken, body: { name: '城关区', code: 'audit-d' } })).json() as { id: string };
    await t.call('POST', '/streets', { token: t.adminToken, body: { districtId: district.id, name: '东岗西路街道', code: 'dg' } });
    const ok = await verifyAudit(t.app.deps.db);
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThanOrEqual(3);

    const db = t.app.deps.db;
    const [target] = rows<{ seq: number }>(await db.execute(sql`select seq from audit_log where entity = 'street' order by seq desc limit 1`));
    await db.execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"篡改"') where seq = ${target!.seq}`);
    const broken = await verifyAudit(db);
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toEqual({ seq: Number(target!.seq), reason: 'hash' });
    const viaApi = await t.call('GET', '/audit/verify', { token: t.adminToken });
    expect(viaApi.json()).toMatchObject({ ok: false, firstBroken: { seq: Number(target!.seq), reason: 'hash' } });
    await db.execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"东岗西路街道"') where seq = ${target!.seq}`);
    expect((await verifyAudit(db)).ok).toBe(true);
    const listed = await t.call('GET', '/audit?entity=street', { token: t.adminToken });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { items: { entity: string }[] }).items.every((i) => i.entity === 'street')).toBe(true);
  });
});
