/**
 * Authentication (issue 8): login limited per user name and per address (@fastify/rate-limit), lockout with a
 * clear message whatever the address, tokens that expire, minimum password strength, the generated password that
 * must be changed before anything else; and the HTTP headers (@fastify/helmet, CORS closed by default).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueToken } from '../../src/http/auth.js';
import { createTestApp, tokenAs, ADMIN_PASSWORD, USER_PASSWORD, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { tamper } from '../support/route-matrix.js';

const PER_USER = 4;
const PER_ADDRESS = 8;
const TTL = 600;

let t: TestApp;
let districtId: string;

beforeAll(async () => {
  t = await createTestApp({ config: { loginPerUserPerMinute: PER_USER, loginPerAddressPerMinute: PER_ADDRESS, tokenTtlSeconds: TTL } });
  const res = await t.call('POST', '/districts', { token: t.adminToken, body: { name: '安宁区', code: `auth-${process.pid}` } });
  districtId = (res.json() as { id: string }).id;
});
afterAll(async () => t?.close());
afterEach(() => vi.useRealTimers());

let ip = 0;
/** Each test logs in from its own address, so the per-address limit of one test does not spill into another. */
const nextAddress = (): string => `10.8.${Math.floor((ip += 1) / 250)}.${ip % 250}`;

const login = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

async function createUser(): Promise<string> {
  const username = `bureau-${randomUUID().slice(0, 8)}`;
  const res = await t.call('POST', '/users', { token: t.adminToken, body: { username, password: USER_PASSWORD, role: 'bureau', scopeId: districtId } });
  expect(res.statusCode, res.body).toBe(201);
  return username;
}

type ErrorJson = { error: { code: string; message: string; messageZh: string; details?: Record<string, unknown> } };

describe(`login limits on ${dbKind}`, () => {
  it('limits attempts for one user name from one address, not the same name from another address', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < PER_USER + 1; i += 1) statuses.push((await login('ghost', 'Wrong-Passw0rd', address)).statusCode);
    expect(statuses).toEqual([...Array<number>(PER_USER).fill(401), 429]);
    const limited = await login('ghost', 'Wrong-Passw0rd', address);
    expect(limited.statusCode).toBe(429);
    expect((limited.json() as ErrorJson).error).toMatchObject({ code: 'RATE_LIMITED', messageZh: expect.stringContaining('频繁') });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await login('ghost', 'Wrong-Passw0rd', nextAddress())).statusCode).toBe(401);
  });

  it('limits attempts from one address whatever the user names (password spraying)', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 2; i += 1) statuses.push((await login(`spray-${i}`, 'Spring-2026!', address)).statusCode);
    expect(statuses.slice(0, PER_ADDRESS)).toEqual(Array<number>(PER_ADDRESS).fill(401));
    expect(statuses.slice(PER_ADDRESS)).toEqual([429, 429]);
    // Even the right password of a real account is not tried from that address until the window passes.
    expect((await login('admin', ADMIN_PASSWORD, address)).statusCode).toBe(429);
    expect((await login('admin', ADMIN_PASSWORD, nextAddress())).statusCode).toBe(200);
  });
  // The account lockout (per address and name, atomic, unlockable) is tested in integrity-sessions.test.ts with a
  // per-user rate limit above the lockout threshold; here the limit (4) would answer first.
});

describe('tokens', () => {
  it('expire after the configured lifetime', async () => {
    const username = await createUser();
    const res = await login(username, USER_PASSWORD, nextAddress());
    expect(res.statusCode).toBe(200);
    const { token } = res.json() as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(TTL);
    expect((await t.call('GET', '/profiles', { token })).statusCode).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (TTL + 5) * 1000);
    const late = await t.call('GET', '/profiles', { token });
    expect(late.statusCode).toBe(401);
    expect((late.json() as ErrorJson).error).toMatchObject({ code: 'TOKEN_EXPIRED', messageZh: '登录已过期，请重新登录' });
  });

  it('are refused when edited, unsigned, signed with another key or sent without the Bearer scheme', async () => {
    const principal = { id: randomUUID(), username: 'x', role: 'street' as const, scopeId: randomUUID(), chief: false, mustChangePassword: false, tokenVersion: 1 };
    const good = await issueToken(t.app.deps.tokenKey, principal, 600);
    const [header, payload] = good.split('.') as [string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const { createSecretKey } = await import('node:crypto');
    const otherKey = await issueToken(createSecretKey(Buffer.from('x'.repeat(48))), { ...principal, role: 'admin', scopeId: null }, 600);
    for (const token of [tamper(good), none, otherKey, `${header}.${payload}`, 'garbage']) {
      const res = await t.call('GET', '/profiles', { token });
      expect(res.statusCode, token).toBe(401);
    }
    const basic = await t.call('GET', '/profiles', { headers: { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` } });
    expect(basic.statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('need a minimum strength, for new users and for a change', async () => {
    for (const password of ['Short1!', 'alllowercaseletters', '1234567890123', 'ABCDEFGHIJKL', 'abcdefghij12']) {
      const res = await t.call('POST', '/users', { token: t.adminToken, body: { username: `weak-${randomUUID().slice(0, 6)}`, password, role: 'bureau', scopeId: districtId } });
      expect(res.statusCode, password).toBe(400);
      expect((res.json() as ErrorJson).error).toMatchObject({ code: 'WEAK_PASSWORD', messageZh: expect.stringContaining('至少10位') });
    }
    const username = await createUser();
    const { token } = (await login(username, USER_PASSWORD, nextAddress())).json() as { token: string };
    const change = await t.call('POST', '/auth/password', { token, body: { currentPassword: USER_PASSWORD, newPassword: 'password12' } });
    expect(change.statusCode).toBe(400);
    expect((change.json() as ErrorJson).error.code).toBe('WEAK_PASSWORD');
  });

  it('a generated password lets its holder do nothing but change it', async () => {
    const token = await tokenAs(t.app, { role: 'admin', scopeId: null, mustChangePassword: true, ttl: 600 });
    const refused: string[] = [];
    for (const { method, url } of t.app.apiRoutes) {
      // who-am-I is read before the change (the screen must know to ask for it).
      if (url === '/api/v1/health' || url === '/api/v1/auth/login' || url === '/api/v1/auth/password' || url === '/api/v1/auth/me') continue;
      const path = url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: method as 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 403 || (res.json() as ErrorJson).error.code !== 'PASSWORD_CHANGE_REQUIRED') refused.push(`${method} ${url}: ${res.statusCode}`);
    }
    expect(refused, 'routes that did not demand the password change').toEqual([]);
    // The change itself is allowed (here it fails on the current password, which this forged principal does not have).
    const change = await t.call('POST', '/auth/password', { token, body: { currentPassword: 'x', newPassword: 'New-Passw0rd-2026' } });
    expect(change.statusCode).toBe(401);
  });
});

describe('headers', () => {
  it('sets the helmet headers on every answer, errors included', async () => {
    for (const res of [await t.call('GET', '/health'), await t.call('GET', '/profiles'), await t.call('GET', '/nowhere')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps CORS closed by default: a cross-origin preflight and request get no Access-Control-Allow-Origin', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'https://evil.example' } });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});
