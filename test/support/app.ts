/** The whole service on a fresh test database, with helpers to log in and to create scoped users. */
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { testConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { issueToken } from '../../src/http/auth.js';
import { bootstrapAdmin, createTokenUser, type Role } from '../../src/services/users.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_PASSWORD = 'Admin-Passw0rd!';
export const USER_PASSWORD = 'User-Passw0rd!';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly testDb: TestDatabase;
  readonly logs: string[];
  readonly adminToken: string;
  /** Sends a request with a token; JSON bodies by default. */
  call(method: InjectOptions['method'], url: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** Creates a user with the role and scope and returns its token. */
  userToken(role: 'admin' | 'street' | 'committee' | 'scrutineer' | 'bureau', scopeId: string | null, extra?: { chief?: boolean }): Promise<string>;
  close(): Promise<void>;
}

let userCounter = 0;

/**
 * A token for a new user without going through login (rate limited, and argon2 is slow): the user row exists, so the
 * guard's session check (token version, active) applies to it like to any other.
 */
export async function tokenAs(
  app: FastifyInstance,
  input: { role: Role; scopeId: string | null; chief?: boolean; mustChangePassword?: boolean; username?: string; ttl?: number },
): Promise<string> {
  userCounter += 1;
  const principal = await createTokenUser(app.deps.db, {
    username: input.username ?? `${input.role}-t${process.pid}-${userCounter}-${Math.random().toString(36).slice(2, 8)}`,
    role: input.role,
    scopeId: input.scopeId,
    chief: input.chief ?? false,
    mustChangePassword: input.mustChangePassword ?? false,
  });
  return issueToken(app.deps.tokenKey, principal, input.ttl ?? 3600);
}

export interface TestAppOptions {
  readonly config?: Partial<Config>;
  /** Pins "today" (YYYY-MM-DD, Asia/Shanghai noon) for date and phase rules. */
  readonly today?: string;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const overrides = options.config ?? {};
  const testDb = await createTestDatabase();
  // Tests log in many users from one address; the per-address login limit is tested with its own setting.
  const config = testConfig({ logLevel: 'info', loginPerAddressPerMinute: 10_000, ...overrides });
  await bootstrapAdmin(testDb.database.db, config.adminPassword);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    config,
    database: testDb.database,
    logStream,
    ...(options.today ? { now: () => new Date(`${options.today}T12:00:00+08:00`) } : {}),
  });
  await app.ready();

  const call: TestApp['call'] = (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const inject: InjectOptions = { method, url: url.startsWith('/api') ? url : `/api/v1${url}`, headers };
    if (options.body !== undefined) {
      if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) inject.payload = options.body;
      else inject.payload = options.body as Record<string, unknown>;
    }
    return app.inject(inject);
  };

  const login = async (username: string, password: string): Promise<string> => {
    const res = await call('POST', '/auth/login', { body: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { token: string }).token;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);

  return {
    app,
    testDb,
    logs,
    adminToken,
    call,
    async userToken(role, scopeId, extra = {}) {
      userCounter += 1;
      const username = `${role}-${process.pid}-${userCounter}`;
      const res = await call('POST', '/users', {
        token: adminToken,
        body: { username, password: USER_PASSWORD, role, scopeId, ...extra },
      });
      if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
      return login(username, USER_PASSWORD);
    },
    async close() {
      await app.close();
      await testDb.dispose();
    },
  };
}
