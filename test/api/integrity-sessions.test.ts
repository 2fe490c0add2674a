/**
 * Issue 20, sessions: a password change, an admin reset and a deactivation end every earlier token (also after a
 * restart); lockout counted atomically, per address and name, ending by itself or by an admin; the same answers
 * for unknown and known names; user names unique regardless of case; the token secret outside the database.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, USER_PASSWORD, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';

let t: TestApp;
let districtId: string;
const MAX = 5;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call('POST', '/districts', { token: t.adminToken, body: { name: '安宁区', code: `ses-${process.pid}` } });
  districtId = (res.json() as { id: string }).id;
});
afterAll(async () => t?.close());
afterEach(() => vi.useRealTimers());

let ip = 0;
const nextAddress = (): string => `10.9.${Math.floor((ip += 1) / 250)}.${ip % 250}`;
const login = (username: string, password: string, remoteAddress = nextAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
const tokenOf = async (username: string, password = USER_PASSWORD): Promise<string> => {
  const res = await login(username, password);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { token: string }).token;
};
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;

async function createUser(username = `ses-${randomUUID().slice(0, 8)}`): Promise<{ id: string; username: string }> {
  const res = await t.call('POST', '/users', { token: t.adminToken, body: { username, password: USER_PASSWORD, role: 'bureau', scopeId: districtId } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: string }).id, username };
}
const read = (token: string) => t.call('GET', '/filings', { token });

describe(`sessions end on ${dbKind}`, () => {
  it('a password change ends every earlier token, after a restart too; the answer carries the working one', async () => {
    const user = await createUser();
    const first = await tokenOf(user.username);
    const second = await tokenOf(user.username);
    expect((await read(first)).statusCode).toBe(200);
    const change = await t.call('POST', '/auth/password', { token: first, body: { currentPassword: USER_PASSWORD, newPassword: 'Changed-Passw0rd-1' } });
    expect(change.statusCode, change.body).toBe(200);
    const fresh = (change.json() as { token: string }).token;
    for (const old of [first, second]) {
      const res = await read(old);
      expect(res.statusCode).toBe(401);
      expect(code(res)).toBe('SESSION_ENDED');
    }
    expect((await read(fresh)).statusCode).toBe(200);

    const restarted = await buildApp({ config: t.app.deps.config, database: t.testDb.database });
    try {
      const call = (token: string) => restarted.inject({ method: 'GET', url: '/api/v1/filings', headers: { authorization: `Bearer ${token}` } });
      expect((await call(first)).statusCode).toBe(401);
      expect((await call(fresh)).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('an admin reset and a deactivation end every earlier token', async () => {
    const user = await createUser();
    const before = await tokenOf(user.username);
    const reset = await t.call('POST', `/users/${user.id}/password`, { token: t.adminToken, body: { password: 'Reset-Passw0rd-1' } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await read(before)).statusCode).toBe(401);
    const afterReset = await login(user.username, 'Reset-Passw0rd-1');
    expect(afterReset.json()).toMatchObject({ mustChangePassword: true });

    const other = await createUser();
    const token = await tokenOf(other.username);
    const off = await t.call('POST', `/users/${other.id}/deactivate`, { token: t.adminToken });
    expect(off.statusCode, off.body).toBe(200);
    expect((await read(token)).statusCode).toBe(401);
    const refused = await login(other.username, USER_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(code(refused)).toBe('ACCOUNT_DISABLED');
    expect((await t.call('POST', `/users/${other.id}/activate`, { token: t.adminToken })).statusCode).toBe(200);
    expect((await read(token)).statusCode).toBe(401);
    expect((await read(await tokenOf(other.username))).statusCode).toBe(200);
  });
});

describe(`lockout on ${dbKind}`, () => {
  it('15 concurrent wrong passwords lock exactly at the limit', async () => {
    const user = await createUser();
    const address = nextAddress();
    const answers = await Promise.all(Array.from({ length: 15 }, () => login(user.username, 'Wrong-Passw0rd-1', address)));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array<number>(MAX - 1).fill(401), ...Array<number>(15 - MAX + 1).fill(429)]);
  });

  it('a lock keeps one address away from one name, ends by itself, and an admin can lift it', async () => {
    const user = await createUser();
    const address = nextAddress();
    for (let i = 0; i < MAX; i += 1) await login(user.username, 'Wrong-Passw0rd-1', address);
    const locked = await login(user.username, USER_PASSWORD, address);
    expect(locked.statusCode).toBe(429);
    expect(code(locked)).toBe('ACCOUNT_LOCKED');
    expect((locked.json() as { error: { messageZh: string } }).error.messageZh).toMatch(/锁定/);
    // The owner, elsewhere, is not kept out.
    expect((await login(user.username, USER_PASSWORD)).statusCode).toBe(200);
    // The lock is a back-off, not for ever.
    const until = new Date((locked.json() as { error: { details: { lockedUntil: string } } }).error.details.lockedUntil);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(until.getTime() + 1000);
    expect((await login(user.username, USER_PASSWORD, address)).statusCode).toBe(200);
    vi.useRealTimers();
    // Locked again from the same address, and lifted by an admin.
    for (let i = 0; i < MAX; i += 1) await login(user.username, 'Wrong-Passw0rd-1', address);
    expect((await login(user.username, USER_PASSWORD, address)).statusCode).toBe(429);
    const unlock = await t.call('POST', `/users/${user.id}/unlock`, { token: t.adminToken });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect((await login(user.username, USER_PASSWORD, address)).statusCode).toBe(200);
  });

  it('unknown and known names get the same answers, locks included, in similar time', async () => {
    const user = await createUser();
    const sequence = async (username: string) => {
      const address = nextAddress();
      const out: string[] = [];
      for (let i = 0; i < MAX + 1; i += 1) {
        const res = await login(username, 'Wrong-Passw0rd-1', address);
        out.push(`${res.statusCode} ${code(res)}`);
      }
      return out;
    };
    expect(await sequence(`nobody-${randomUUID().slice(0, 8)}`)).toEqual(await sequence(user.username));
    const time = async (username: string) => {
      const started = performance.now();
      await login(username, 'Wrong-Passw0rd-1');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      known.push(await time(user.username));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe(`users on ${dbKind}`, () => {
  it('names are unique regardless of case', async () => {
    const base = `Case-${randomUUID().slice(0, 6)}`;
    await createUser(base);
    const again = await t.call('POST', '/users', { token: t.adminToken, body: { username: base.toLowerCase(), password: USER_PASSWORD, role: 'bureau', scopeId: districtId } });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('USERNAME_TAKEN');
  });

  it('the token secret comes from a 0600 file in the data directory (or TOKEN_SECRET), never from the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'integrity-secret-'));
    const testDb = t.testDb;
    const config = testConfig({ dataDir, tokenSecret: undefined });
    {
      const app = await buildApp({ config, database: testDb.database });
      const file = join(dataDir, 'token-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
      const rows = await testDb.database.db.execute(sql`select key from settings where key = 'token_secret'`);
      expect((rows as unknown as { rows: unknown[] }).rows).toEqual([]);
      const again = await buildApp({ config, database: testDb.database });
      expect(again.deps.tokenKey.export().equals(app.deps.tokenKey.export())).toBe(true);
      await Promise.all([app.close(), again.close()]);
    }
  });
});
