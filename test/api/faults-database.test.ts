/**
 * Faults (issue 8): the database going away and coming back, its connections killed under the service, two
 * scrutineers confirming the same sheet at the same moment (many times over), and a graceful shutdown that drains
 * the requests in flight.
 *
 * The outage is simulated without touching the shared PostgreSQL server: the service talks to it through a TCP
 * proxy on 127.0.0.1 that the test closes (connections cut, port refused) and reopens on the same port.
 * `pg_terminate_backend` kills the service's connections the way a server restart does. Both need real PostgreSQL
 * and are skipped on PGlite (an embedded database cannot go away under the process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { testConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { bootstrapAdmin } from '../../src/services/users.js';
import { createTestApp, ADMIN_PASSWORD, type TestApp } from '../support/app.js';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/database.js';
import { createCommunity, createMeeting, enter, nominateAndPublish, type Community } from './election-fixture.js';

/** A TCP proxy in front of PostgreSQL that can be taken down (every connection cut, the port closed) and brought back. */
class Outage {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const [s, peer] of [[client, upstream], [upstream, client]] as const) {
        this.sockets.add(s);
        // Whichever side goes, the other goes with it (as when a server dies): no half-open connection is left.
        s.on('close', () => {
          this.sockets.delete(s);
          peer.destroy();
        });
        s.on('error', () => peer.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const realPg = dbKind === 'postgres';

describe.runIf(realPg)('the database goes away and comes back (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let outage: Outage;
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let token: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const url = new URL(testDb.url!);
    outage = new Outage({ host: url.hostname, port: Number(url.port || 5432) });
    await outage.up();
    const proxied = new URL(testDb.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(outage.port);
    database = await openDatabase({ databaseUrl: proxied.toString(), poolSize: 4 });
    await bootstrapAdmin(database.db, ADMIN_PASSWORD);
    app = await buildApp({ config: testConfig({ logLevel: 'silent' }), database });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    token = (res.json() as { token: string }).token;
  }, 120_000);

  afterAll(async () => {
    const step = async (label: string, work: () => Promise<unknown>) => {
      const t0 = Date.now();
      await work();
      if (process.env.FAULTS_DEBUG) console.log(`${label}: ${Date.now() - t0} ms`);
    };
    await step('app.close', async () => app?.close());
    await step('pool.end', async () => database?.close().catch(() => undefined));
    await outage?.up().catch(() => undefined);
    await outage?.down();
    await testDb?.dispose();
  });

  let n = 0;
  const createDistrict = () =>
    app.inject({ method: 'POST', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}` }, payload: { name: '城关区', code: `outage-${(n += 1)}` } });
  const districts = async () =>
    Number(((await testDb.database.db.execute(sql`select count(*)::int as n from districts`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

  it('answers 503 while PostgreSQL is unreachable and recovers without a restart', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await createDistrict()).statusCode).toBe(201);
    const before = await districts();

    await outage.down();
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ ok: false, db: 'postgres' });
    for (let i = 0; i < 5; i += 1) {
      const res = await createDistrict();
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE', messageZh: '数据库暂时不可用，请稍后重试' } });
    }
    expect(await districts()).toBe(before);

    await outage.up();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await createDistrict();
      statuses.push(res.statusCode);
      if (res.statusCode === 201) break;
      await sleep(100);
    }
    expect(statuses.at(-1)).toBe(201);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect(await districts()).toBe(before + 1);
  });

  it('answers 503 (never 500) when its connections are killed mid-run, and recovers', async () => {
    const admin = new pg.Client({ connectionString: testDb.url! });
    await admin.connect();
    const statuses: number[] = [];
    try {
      const before = await districts();
      for (let round = 0; round < 3; round += 1) {
        // Keep requests flowing while the server drops every connection of the service.
        const inFlight = Array.from({ length: 8 }, () => createDistrict());
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
        const answers = await Promise.all([...inFlight, ...Array.from({ length: 8 }, () => createDistrict())]);
        statuses.push(...answers.map((r) => r.statusCode));
        for (const r of answers) if (r.statusCode !== 201) expect(r.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
      }
      expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
      let last = 0;
      for (let i = 0; i < 20 && last !== 201; i += 1) last = (await createDistrict()).statusCode;
      expect(last).toBe(201);
      // Every 201 is in the database, and nothing else is.
      expect(await districts()).toBe(before + statuses.filter((s) => s === 201).length + 1);
    } finally {
      await admin.end();
    }
  });
});

describe(`concurrency and shutdown on ${dbKind}`, () => {
  let t: TestApp;
  let c: Community;
  let idOf: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-12-21' });
    c = await createCommunity(t, { names: ['丁一', '王二'], voters: 40 });
    idOf = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
  }, 120_000);
  afterAll(async () => t?.close());

  it('confirms exactly one sheet per box when the second and third scrutineers agree at the same moment, 12 boxes at once', async () => {
    const boxes = Array.from({ length: 12 }, (_, i) => ({ name: `票箱${i + 1}`, kind: i === 0 ? ('main' as const) : ('station' as const), monitors: ['甲', '乙', '丙'] }));
    const m = await createMeeting(t, c, { expected: 40, present: 36, boxes });
    const sheet = (box: string) => ({ contest: 'director', box, issued: 3, returned: 3, invalid: 0, votes: { [idOf['丁一']!]: 2, [idOf['王二']!]: 1 } });
    for (const b of boxes) expect((await enter(t, m, m.scrutineers[0]!, sheet(b.name))).statusCode).toBe(201);
    const answers = await Promise.all(boxes.flatMap((b) => [enter(t, m, m.scrutineers[1]!, sheet(b.name)), enter(t, m, m.scrutineers[2]!, sheet(b.name))]));
    for (const a of answers) expect([201, 409], a.body).toContain(a.statusCode);
    const entries = ((await t.call('GET', `/meetings/${m.id}/tally-entries`, { token: c.committee })).json() as { items: { box: string; status: string }[] }).items;
    for (const b of boxes) {
      const mine = entries.filter((e) => e.box === b.name);
      expect(mine.filter((e) => e.status === 'confirmed'), b.name).toHaveLength(2);
      expect(mine.length, b.name).toBeLessThanOrEqual(3);
    }
    const sheets = await t.testDb.database.db.execute(sql`select box, count(*)::int as n from tally_sheets where meeting_id = ${m.id} group by box`);
    const rows = (sheets as unknown as { rows: { box: string; n: number }[] }).rows;
    expect(rows).toHaveLength(boxes.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const confirmedAnswers = answers.filter((a) => a.statusCode === 201 && (a.json() as { status: string }).status === 'confirmed');
    expect(confirmedAnswers).toHaveLength(boxes.length);
  });

  it('drains a request in flight on close, and the database is still there for it', async () => {
    const app = await buildApp({ config: testConfig({ logLevel: 'silent' }), database: t.testDb.database });
    let entered!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    await app.register(async (scope) => {
      scope.get('/api/v1/test-slow', { config: { access: { public: true } } }, async () => {
        entered();
        await sleep(600);
        const r = await app.deps.db.execute(sql`select 42 as answer`);
        return { answer: (r as unknown as { rows: { answer: number }[] }).rows[0]!.answer };
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/api/v1/test-slow', agent: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    await started;
    const t0 = Date.now();
    await app.close();
    const res = await slow;
    expect(res).toEqual({ status: 200, body: '{"answer":42}' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    // Closed: a new connection is refused.
    await expect(
      new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, resolve).on('error', reject)),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The shared database was not closed by the app (the owner closes it): the test app still answers.
    expect((await t.call('GET', '/health')).statusCode).toBe(200);
  });
});
