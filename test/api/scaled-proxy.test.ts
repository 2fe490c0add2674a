/**
 * The scaled set-up of docker-compose.yml without Docker (issue 19): two API processes on one PostgreSQL database
 * behind Caddy run with the repository's own Caddyfile (its upstreams and address from the environment, as the file
 * allows). Through the proxy's one address: requests are shared by both instances, a voter-card job is started,
 * followed and downloaded whichever instance answers, and when one instance is killed every request still succeeds.
 * Needs real PostgreSQL and Debian's caddy (.ci/run installs it): skipped without DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, voters } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { kill, startChildProcess, type Child } from '../support/child.js';
import { dbKind, realPostgresUrl } from '../support/database.js';
import { pageCount } from '../pdf/support.js';
import { createCommunity, type Community } from './election-fixture.js';
import { idNumber } from './registration-fixture.js';

const CHILD = resolve(__dirname, '../support/job-child.ts');
const CADDYFILE = resolve(__dirname, '../../Caddyfile');
const TODAY = '2026-12-27';
const VOTERS = 300;

let t: TestApp;
let c: Community;
let dataDir: string;
let proxy: ChildProcess;
let proxyUrl: string;
const instances: { child: Child; port: number }[] = [];

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Requests served by one instance on one route, from its own /metrics (read directly, from localhost). */
async function served(port: number, route: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes(`route="${route}"`) && l.includes('method="GET"'))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

const viaProxy = (path: string, token = c.committee) => fetch(`${proxyUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

describe.skipIf(dbKind !== 'postgres' || !realPostgresUrl)('two API instances behind the Caddyfile', () => {
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    dataDir = mkdtempSync(join(tmpdir(), 'scaled-'));
    c = await createCommunity(t, { voters: 1, listsPublished: false });
    const db = t.testDb.database.db;
    const [first] = await db.select().from(voters).where(eq(voters.communityId, c.id));
    const rows = Array.from({ length: VOTERS - 1 }, (_, i) => {
      const birth = `19${50 + (i % 40)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      const id = idNumber(birth, 700 + i);
      return { ...first!, id: randomUUID(), idNumber: id, idLast4: id.slice(-4), name: `选民${i + 2}`, birthDate: birth, householdNo: `H${i + 2}` };
    });
    await db.insert(voters).values(rows);
    await db.update(communities).set({ details: { time: '上午9:00', place: '社区居委会会议室' } }).where(eq(communities.id, c.id));
    expect((await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-20' } })).statusCode).toBe(201);
    expect((await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-12-01' } })).statusCode).toBe(201);

    // Two instances on the same database and the same data directory (the compose file's shared volume).
    for (let k = 0; k < 2; k += 1) {
      const child = startChildProcess(CHILD, 'JOB_INPUT', { url: t.testDb.url, dataDir, today: TODAY, staleSeconds: 8, listen: 0 });
      const line = await child.waitFor(/^listening \d+$/, 150_000);
      instances.push({ child, port: Number(line.split(' ')[1]) });
    }
    const proxyPort = await freePort();
    proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const caddyHome = mkdtempSync(join(tmpdir(), 'caddy-'));
    proxy = spawn('caddy', ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
      env: {
        ...process.env,
        HOME: caddyHome,
        XDG_DATA_HOME: caddyHome,
        XDG_CONFIG_HOME: caddyHome,
        PROXY_ADDRESS: `:${proxyPort}`,
        API_UPSTREAMS: instances.map((i) => `127.0.0.1:${i.port}`).join(' '),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let caddyLog = '';
    proxy.stderr!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString('utf8')));
    for (let i = 0; ; i += 1) {
      const ok = await fetch(`${proxyUrl}/api/v1/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 100 || proxy.exitCode !== null) throw new Error(`caddy did not answer: ${caddyLog.slice(-2000)}`);
      await sleep(100);
    }
  }, 240_000);

  afterAll(async () => {
    proxy?.kill('SIGTERM');
    for (const i of instances) await kill(i.child);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('shares the requests made at one address between both instances', async () => {
    for (let i = 0; i < 12; i += 1) {
      const res = await viaProxy(`/communities/${c.id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(c.id);
    }
    const counts = await Promise.all(instances.map((i) => served(i.port, '/api/v1/communities/:id')));
    expect(counts[0]! + counts[1]!).toBe(12);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(4);
  });

  it('keeps /metrics off the proxy (an instance answers it to local clients, and the proxy is one)', async () => {
    expect((await fetch(`${proxyUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${instances[0]!.port}/metrics`)).status).toBe(200);
  });

  it('runs a voter-card job started through the proxy and hands out its PDF, whichever instance answers', async () => {
    const started = await fetch(`${proxyUrl}/api/v1/communities/${c.id}/documents/voter-cards/jobs?perPage=1`, { method: 'POST', headers: { authorization: `Bearer ${c.committee}` } });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    const before = await Promise.all(instances.map((i) => served(i.port, '/api/v1/jobs/:id')));
    let job = { status: 'queued', done: 0, total: 0, error: null as string | null };
    for (let i = 0; i < 240 && !['done', 'failed', 'cancelled'].includes(job.status); i += 1) {
      await sleep(250);
      const res = await viaProxy(`/jobs/${jobId}`);
      expect(res.status).toBe(200);
      job = (await res.json()) as typeof job;
    }
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', done: VOTERS, total: VOTERS });
    // the polls were answered by both instances (round robin), each reading the job from the database
    const after = await Promise.all(instances.map((i) => served(i.port, '/api/v1/jobs/:id')));
    expect(after[0]! - before[0]!).toBeGreaterThan(0);
    expect(after[1]! - before[1]!).toBeGreaterThan(0);
    // the file is on the shared directory: both downloads (one from each instance) are the whole paper
    for (let k = 0; k < 2; k += 1) {
      const res = await viaProxy(`/jobs/${jobId}/result`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      expect(pageCount(Buffer.from(await res.arrayBuffer()))).toBe(VOTERS);
    }
  });

  it('keeps answering every request when one instance is killed', async () => {
    await kill(instances[0]!.child);
    for (let i = 0; i < 10; i += 1) {
      const res = await viaProxy(`/communities/${c.id}`);
      expect(res.status).toBe(200);
    }
    expect(await served(instances[1]!.port, '/api/v1/communities/:id')).toBeGreaterThanOrEqual(10);
  });
});
