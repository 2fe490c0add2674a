/**
 * `npm run soak`: a bounded soak of the whole service on 127.0.0.1. The app listens on port 0 (PGlite, or a fresh
 * database under DATABASE_URL), a seeded election is set up through the API (meetings with many ballot boxes,
 * quorate, director candidates published), then autocannon (in its own process, so it does not share the server's
 * event loop) runs mixed reads (GET result, GET meeting) and tally writes (POST tally-sheets) for SOAK_SECONDS (60)
 * with SOAK_CONNECTIONS (50). Every write is a distinct (meeting, box, scrutineer) entry, paced over the run and
 * bounded in number; the two scrutineers of a box enter matching figures, so every write is expected to answer 201.
 * Afterwards: no non-2xx, no error, no timeout, every acknowledged write is in the database and nothing else is.
 * Prints `bench soak-p99: <v> ms, baseline <bare fastify p99> ms, ratio <v>, peak <MB> MB` (every request), the same
 * for the reads alone (`soak-read-p99`, the issue's figure; the bare route's p99 timed the same way) and for the writes
 * (`soak-write-p99`), and a summary. Beside them, paced over the same first half: SOAK_IMPORTS voter imports (each into
 * a new community, SOAK_IMPORT_ROWS people, CSV and XLSX in turn) and SOAK_PDF_JOBS voter-card PDF jobs (a community
 * of SOAK_PDF_VOTERS; polled to done, the PDF fetched); `soak-read-p99-during-jobs` / `soak-read-p99-quiet` split the
 * reads by whether an import or a job was in flight, and `soak heavy:` sums them up. SOAK_METRICS=1 also prints the server's GET /metrics after the load (event-loop
 * delay, GC, pool waits, durations by route): where the tail comes from.
 *
 * The test `test/api/faults-soak.test.ts` runs a short version (runSoak with a few seconds and connections).
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { testConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { createScratchDatabase } from '../src/db/scratch.js';
import { checkCharOf } from '../src/domain/id-card.js';
import { communities, notices, rounds, voterListPublications, voters } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { issueToken, type Principal } from '../src/http/auth.js';
import { createTokenUser } from '../src/services/users.js';

export interface SoakOptions {
  readonly seconds: number;
  readonly connections: number;
  readonly meetings: number;
  readonly boxesPerMeeting: number;
  /** Seconds of the bare-Fastify baseline run. */
  readonly baselineSeconds?: number;
  readonly databaseUrl?: string | undefined;
  readonly log?: (line: string) => void;
  /** Voter imports during the load (each a new community, `importRows` people; CSV and XLSX in turn). Default 0. */
  readonly imports?: number;
  readonly importRows?: number;
  /** Voter-card PDF jobs during the load (each polled to its end and its PDF fetched), of a community of `pdfVoters`. Default 0. */
  readonly pdfJobs?: number;
  readonly pdfVoters?: number;
}

export interface SoakReport {
  readonly db: 'pglite' | 'postgres';
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly baselineP99: number;
  /** p99 of the reads alone (the writes, a few percent of requests, are above it) and of the bare route's, timed the same way. */
  readonly readP99: number;
  readonly baselineReadP99: number;
  readonly writeP99: number;
  readonly peakMb: number;
  readonly writesPlanned: number;
  readonly writesAcknowledged: number;
  /** Sent but still unanswered when the run stopped (autocannon drops them): reported, each checked against the database. */
  readonly writesUnanswered: number;
  readonly writesInDatabase: number;
  readonly lostWrites: number;
  readonly phantomWrites: number;
  readonly readsOk: number;
  readonly unexpected: readonly string[];
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Imports and PDF jobs run beside the reads and writes (not through autocannon; paced over the same first half). */
  readonly heavy: HeavyReport;
}

export interface HeavyReport {
  readonly importsPlanned: number;
  /** Answered 200 with every row accepted. */
  readonly importsOk: number;
  readonly importRowsAccepted: number;
  /** Voters found afterwards in the import communities (must equal the rows accepted). */
  readonly importRowsInDatabase: number;
  readonly importP50: number;
  readonly importMax: number;
  readonly pdfJobsPlanned: number;
  /** Status done and a PDF downloaded. */
  readonly pdfJobsDone: number;
  /** From the POST to the job seen done (queue wait, rendering, the 250 ms poll). */
  readonly pdfJobP50: number;
  readonly pdfJobMax: number;
  readonly pdfBytes: number;
  /** Reads whose time overlapped an import or a PDF job in flight, and the others: their count and p99. */
  readonly readsDuringHeavy: number;
  readonly readP99DuringHeavy: number;
  readonly readsQuiet: number;
  readonly readP99Quiet: number;
}

interface HeavyItem {
  readonly path: string;
  readonly token: string;
}

interface LoadPlan {
  readonly url: string;
  readonly seconds: number;
  readonly connections: number;
  readonly reads: readonly { path: string; token: string }[];
  readonly writes: readonly { path: string; token: string; body: string; key: string }[];
  /** Bodies in base64 (an XLSX is binary). */
  readonly imports?: readonly (HeavyItem & { body64: string; contentType: string; rows: number })[];
  readonly pdfJobs?: readonly HeavyItem[];
}

interface HeavyLoad {
  importsOk: number;
  importRowsAccepted: number;
  importLatencies: number[];
  pdfJobsDone: number;
  pdfLatencies: number[];
  pdfBytes: number;
  /** performance.now() intervals during which an import or a PDF job was in flight. */
  busy: [number, number][];
}

interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly acknowledged: readonly string[];
  readonly sent: readonly string[];
  readonly answered: number;
  readonly readsOk: number;
  readonly unexpected: readonly string[];
  readonly readP99: number;
  readonly writeP99: number;
  readonly heavy: HeavyLoad;
  readonly readsDuringHeavy: number;
  readonly readP99DuringHeavy: number;
  readonly readsQuiet: number;
  readonly readP99Quiet: number;
}

/** The p99 of latencies in ms (0 when there are none). */
function p99Of(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!);
}

function p50Of(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.floor((sorted.length - 1) / 2)]!);
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');
const TODAY = '2026-12-21';

// --------------------------------------------------------------------------------------------- the load side

/**
 * Imports and PDF jobs, item i of n started at (i + ½)/n of `paceMs` (as the writes are spread): an import is one
 * POST; a PDF job is its POST, a poll of GET /jobs/:id every 250 ms until it ends, then its PDF downloaded.
 */
async function runHeavy(plan: LoadPlan, start: number, paceMs: number, unexpected: string[]): Promise<HeavyLoad> {
  const out: HeavyLoad = { importsOk: 0, importRowsAccepted: 0, importLatencies: [], pdfJobsDone: 0, pdfLatencies: [], pdfBytes: 0, busy: [] };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  const at = (i: number, n: number) => start + (paceMs * (i + 0.5)) / n;
  const imports = plan.imports ?? [];
  const pdfJobs = plan.pdfJobs ?? [];
  const importTasks = imports.map(async (item, i) => {
    await sleep(at(i, imports.length) - Date.now());
    const t0 = performance.now();
    try {
      const res = await fetch(`${plan.url}${item.path}`, { method: 'POST', headers: { authorization: `Bearer ${item.token}`, 'content-type': item.contentType }, body: Buffer.from(item.body64, 'base64') });
      const text = await res.text();
      const t1 = performance.now();
      out.busy.push([t0, t1]);
      out.importLatencies.push(t1 - t0);
      const report = res.status === 200 ? (JSON.parse(text) as { accepted: number; committed: boolean }) : undefined;
      if (report) out.importRowsAccepted += report.accepted;
      if (report?.committed && report.accepted === item.rows) out.importsOk += 1;
      else unexpected.push(`import:${i} ${res.status} ${text.slice(0, 200)}`);
    } catch (error) {
      unexpected.push(`import:${i} ${String(error)}`);
    }
  });
  const pdfTasks = pdfJobs.map(async (item, i) => {
    await sleep(at(i, pdfJobs.length) - Date.now());
    const t0 = performance.now();
    const headers = { authorization: `Bearer ${item.token}` };
    try {
      const res = await fetch(`${plan.url}${item.path}`, { method: 'POST', headers });
      const text = await res.text();
      if (res.status !== 202) return void unexpected.push(`pdf-job:${i} ${res.status} ${text.slice(0, 200)}`);
      const { jobId } = JSON.parse(text) as { jobId: string };
      let status = 'queued';
      let job: { status: string; error: string | null } = { status, error: null };
      const deadline = Date.now() + 180_000;
      while (!['done', 'failed', 'cancelled'].includes(status) && Date.now() < deadline) {
        await sleep(250);
        const poll = await fetch(`${plan.url}/api/v1/jobs/${jobId}`, { headers });
        job = (await poll.json()) as typeof job;
        status = job.status;
      }
      const t1 = performance.now();
      out.busy.push([t0, t1]);
      if (status !== 'done') return void unexpected.push(`pdf-job:${i} ${status} ${job.error ?? ''}`);
      out.pdfLatencies.push(t1 - t0);
      const pdf = Buffer.from(await (await fetch(`${plan.url}/api/v1/jobs/${jobId}/result`, { headers })).arrayBuffer());
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return void unexpected.push(`pdf-job:${i} the result is not a PDF (${pdf.length} bytes)`);
      out.pdfBytes += pdf.length;
      out.pdfJobsDone += 1;
    } catch (error) {
      unexpected.push(`pdf-job:${i} ${String(error)}`);
    }
  });
  await Promise.all([...importTasks, ...pdfTasks]);
  return out;
}

/** Runs in the child process: autocannon with reads and paced, counted writes. */
async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const autocannon = (await import(AUTOCANNON)).default as (opts: unknown) => Promise<{
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }>;
  const start = Date.now();
  // Writes are spread over the first half of the run, so the last ones are answered well before it stops.
  const paceMs = plan.seconds * 1000 * 0.5;
  let nextWrite = 0;
  let readTurn = 0;
  const acknowledged: string[] = [];
  const sent: string[] = [];
  let answered = 0;
  const unexpected: string[] = [];
  let readsOk = 0;
  // Each connection has one request in flight: its latency is from setupRequest (just before it is written) to onResponse.
  const readLatencies: number[] = [];
  const readStarts: number[] = [];
  const writeLatencies: number[] = [];
  const heavy = runHeavy(plan, start, paceMs, unexpected);
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    timeout: 20,
    requests: [
      {
        setupRequest(request: Record<string, unknown>, context: Record<string, unknown>) {
          context.sentAt = performance.now();
          const due = Math.min(plan.writes.length, Math.ceil((plan.writes.length * (Date.now() - start)) / paceMs));
          if (nextWrite < due) {
            const write = plan.writes[nextWrite]!;
            context.kind = `write:${nextWrite}`;
            sent.push(write.key);
            nextWrite += 1;
            return { ...request, method: 'POST', path: write.path, body: write.body, headers: { authorization: `Bearer ${write.token}`, 'content-type': 'application/json' } };
          }
          const read = plan.reads[readTurn++ % plan.reads.length]!;
          context.kind = 'read';
          return { ...request, method: 'GET', path: read.path, body: undefined, headers: { authorization: `Bearer ${read.token}` } };
        },
        onResponse(status: number, body: string, context: Record<string, unknown>) {
          const kind = String(context.kind);
          (kind === 'read' ? readLatencies : writeLatencies).push(performance.now() - Number(context.sentAt));
          if (kind === 'read') readStarts.push(Number(context.sentAt));
          if (kind.startsWith('write:')) {
            answered += 1;
            if (status === 201) acknowledged.push((JSON.parse(body) as { id: string }).id);
            else unexpected.push(`${kind} ${status} ${body.slice(0, 200)}`);
          } else if (status === 200) {
            readsOk += 1;
          } else {
            unexpected.push(`read ${status} ${body.slice(0, 200)}`);
          }
        },
      },
    ],
  });
  const heavyLoad = await heavy;
  // A read overlapping an import or a PDF job in flight (from its POST to its end) counts as "during".
  const during: number[] = [];
  const quiet: number[] = [];
  readLatencies.forEach((latency, i) => {
    const from = readStarts[i]!;
    const to = from + latency;
    (heavyLoad.busy.some(([a, b]) => from < b && to > a) ? during : quiet).push(latency);
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    acknowledged,
    sent,
    answered,
    readsOk,
    unexpected,
    readP99: p99Of(readLatencies),
    writeP99: p99Of(writeLatencies),
    heavy: heavyLoad,
    readsDuringHeavy: during.length,
    readP99DuringHeavy: p99Of(during),
    readsQuiet: quiet.length,
    readP99Quiet: p99Of(quiet),
  };
}

function spawnLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, SOAK_ROLE: 'load' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load process exited with ${code}`));
      const line = out.split('\n').find((l) => l.startsWith('SOAK-RESULT '));
      if (!line) return reject(new Error(`no result from the load process: ${out.slice(-500)}`));
      resolve(JSON.parse(line.slice('SOAK-RESULT '.length)) as LoadResult);
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

// ------------------------------------------------------------------------------------------ the server side


/** Person i of a generated roster: distinct for i < 20,160 within one (region, seq). */
function personId(region: string, i: number, seq: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  const year = 1930 + (Math.floor(i / 336) % 60);
  const body = `${region}${year}${month}${day}${String(seq % 1000).padStart(3, '0')}`;
  return body + checkCharOf(body);
}

async function xlsxOf(lines: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('选民');
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function idNumber(seq: number): string {
  const body = `620102197003${String((seq % 28) + 1).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return body + checkCharOf(body);
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const scratch = options.databaseUrl ? await createScratchDatabase(options.databaseUrl, 'soak') : undefined;
  const database: Database = await openDatabase(scratch ? { databaseUrl: scratch.url, poolSize: 10 } : { dataDir: 'memory://' });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  sampler.unref();
  // PDF jobs write their output under DATA_DIR/jobs
  const dataDir = await mkdtemp(join(tmpdir(), 'soak-'));
  try {
    await migrateDatabase(database);
    const app = await buildApp({ config: testConfig({ dataDir, logLevel: process.env.SOAK_LOG_LEVEL === 'error' ? 'error' : 'silent' }), database, now: () => new Date(`${TODAY}T12:00:00+08:00`) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const sign = (role: Principal['role'], scopeId: string | null) =>
      createTokenUser(database.db, { username: `soak-${role}-${randomUUID().slice(0, 6)}`, role, scopeId }).then((principal) => issueToken(app.deps.tokenKey, principal, 24 * 3600));
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };

    // ---- seed: a district, street, round and community; voters; two director candidates; meetings with boxes.
    const t0 = Date.now();
    const admin = await sign('admin', null);
    const code = `soak${Date.now()}`;
    const district = await call('POST', '/districts', admin, { name: '城关区', code });
    const street = await call('POST', '/streets', admin, { districtId: district.id, name: '酒泉路街道', code });
    const db = database.db;
    const [round] = await db
      .insert(rounds)
      .values({ districtId: String(district.id), streetId: String(street.id), name: 'soak', term: 2026, profileName: 'lanzhou-2010', profile: {}, phases: [{ name: 'elections', from: '2026-11-01', to: '2026-12-31' }] })
      .returning();
    const [community] = await db
      .insert(communities)
      .values({
        roundId: round!.id,
        districtId: String(district.id),
        streetId: String(street.id),
        name: '张掖路社区',
        code,
        households: 400,
        method: 'direct',
        electionDay: '2026-12-26',
        partyElectionDay: '2026-12-24',
        rcSeats: { director: 1, deputies: 2, members: 4 },
        party: { type: 'branch', members: 20, seats: 5 },
      })
      .returning();
    const voterRows = Array.from({ length: 40 }, (_, i) => {
      const id = idNumber(i * 2 + 1);
      return { id: randomUUID(), districtId: String(district.id), term: 2026, roundId: round!.id, communityId: community!.id, idNumber: id, idLast4: id.slice(-4), name: i < 2 ? ['丁一', '王二'][i]! : `选民${i}`, birthDate: `1970-03-${String((i % 28) + 1).padStart(2, '0')}`, sex: 'male' as const, residency: 'registered' as const };
    });
    await db.insert(voters).values(voterRows);
    // TML-ORDER: the election notice and the voter list before the candidate list.
    await db.insert(notices).values([
      { communityId: community!.id, number: 1, kind: 'election-notice', title: '选举公告', issuedOn: '2026-11-01' },
      { communityId: community!.id, number: 2, kind: 'voter-list', title: '选民名单公告', issuedOn: '2026-11-02' },
    ]);
    await db.insert(voterListPublications).values({ communityId: community!.id, publishedOn: '2026-11-02', noticeNo: 2 });
    const committee = await sign('committee', community!.id);
    for (const v of voterRows.slice(0, 2)) await call('POST', `/communities/${community!.id}/nominations`, committee, { contest: 'director', voterId: v.id, basis: 'committee', consent: true });
    const list = (await call('POST', `/communities/${community!.id}/candidates/publish`, committee, { contest: 'director', publishedOn: '2026-12-20' })) as { candidates: { id: string; name: string }[] };
    const [first, second] = list.candidates;
    if (!first || !second) throw new Error('soak: the candidate list was not published');

    const reads: { path: string; token: string }[] = [];
    const writes: { path: string; token: string; body: string; key: string }[] = [];
    /** Scrutineer principal id → index, to name an entry found in the database by (meeting, box, scrutineer). */
    const scrutineerIndex = new Map<string, number>();
    const meetingIds: string[] = [];
    for (let m = 0; m < options.meetings; m += 1) {
      const boxes = Array.from({ length: options.boxesPerMeeting }, (_, b) => (b === 0 ? { name: '主会场', kind: 'main' } : { name: `投票站${b}`, kind: 'station', monitors: ['甲', '乙', '丙'] }));
      const meeting = await call('POST', `/communities/${community!.id}/meetings`, committee, { kind: 'rc', date: '2026-12-26', expected: 40, boxes });
      const meetingId = String(meeting.id);
      meetingIds.push(meetingId);
      await call('POST', `/meetings/${meetingId}/attendance`, committee, { present: 36 });
      const scrutineers = [await sign('scrutineer', meetingId), await sign('scrutineer', meetingId)];
      for (const [k, token] of scrutineers.entries()) {
        const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
        scrutineerIndex.set(claims.sub, k);
      }
      reads.push({ path: `/api/v1/meetings/${meetingId}/result`, token: committee }, { path: `/api/v1/meetings/${meetingId}`, token: scrutineers[0]! });
      for (const [b, box] of boxes.entries()) {
        const body = JSON.stringify({ contest: 'director', box: box.name, issued: 3, returned: 3, invalid: 0, votes: { [first.id]: 2 - (b % 2), [second.id]: 1 + (b % 2) } });
        for (const [k, token] of scrutineers.entries()) writes.push({ path: `/api/v1/meetings/${meetingId}/tally-sheets`, token, body, key: `${meetingId}|${box.name}|${k}` });
      }
    }
    // Warm-up, not timed: the first entry of each meeting opens its contest, one at a time. Opening a contest
    // concurrently can deadlock (ensureMainContest takes the audit lock before the contest row; reported).
    const warm = writes.filter((_, i) => i % (options.boxesPerMeeting * 2) === 0);
    const warmAcks: string[] = [];
    const warmKeys = warm.map((w) => w.key);
    for (const w of warm) warmAcks.push(String((await call('POST', w.path.slice('/api/v1'.length), w.token, JSON.parse(w.body))).id));
    const timed = writes.filter((_, i) => i % (options.boxesPerMeeting * 2) !== 0);
    writes.length = 0;
    writes.push(...timed);
    // Interleave the meetings so concurrent writes spread over several contests.
    writes.sort((a, b) => a.body.localeCompare(b.body) || a.path.localeCompare(b.path));
    // ---- imports: each into a new community of the round (nobody in it yet); CSV and XLSX in turn.
    const communityRow = (suffix: string, name: string) => ({ ...community!, id: randomUUID(), code: `${code}${suffix}`, name, createdAt: undefined, updatedAt: undefined });
    const importCommunityIds: string[] = [];
    const imports: (HeavyItem & { body64: string; contentType: string; rows: number })[] = [];
    const importRows = options.importRows ?? 300;
    for (let k = 0; k < (options.imports ?? 0); k += 1) {
      const [c] = await db.insert(communities).values(communityRow(`i${k}`, `导入社区${k + 1}`)).returning();
      importCommunityIds.push(c!.id);
      const lines = [['身份证号码', '姓名', '户籍/居住'], ...Array.from({ length: importRows }, (_, i) => [personId('620103', i, k), `居民${k}之${i + 1}`, i % 3 === 0 ? '居住' : '户籍'])];
      const xlsx = k % 2 === 1;
      const body = xlsx ? await xlsxOf(lines) : Buffer.from(`${lines.map((l) => l.join(',')).join('\r\n')}\r\n`, 'utf8');
      imports.push({
        path: `/api/v1/communities/${c!.id}/voters/import?mode=partial`,
        token: await sign('committee', c!.id),
        body64: body.toString('base64'),
        contentType: xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        rows: importRows,
      });
    }
    // ---- PDF jobs: voter cards (8 a sheet) of a community of `pdfVoters` with a published list.
    const pdfJobs: HeavyItem[] = [];
    if ((options.pdfJobs ?? 0) > 0) {
      const [c] = await db.insert(communities).values({ ...communityRow('p', '选民证社区'), details: { time: '上午8:00至下午5:00', place: '张掖路社区居委会' } }).returning();
      const people = Array.from({ length: options.pdfVoters ?? 2000 }, (_, i) => {
        const id = personId('620104', i, 0);
        return { id: randomUUID(), districtId: String(district.id), term: 2026, roundId: round!.id, communityId: c!.id, idNumber: id, idLast4: id.slice(-4), name: `选民证${i + 1}`, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: 'female' as const, residency: 'registered' as const };
      });
      for (let i = 0; i < people.length; i += 1000) await db.insert(voters).values(people.slice(i, i + 1000));
      await db.insert(notices).values([
        { communityId: c!.id, number: 1, kind: 'election-notice', title: '选举公告', issuedOn: '2026-11-01' },
        { communityId: c!.id, number: 2, kind: 'voter-list', title: '选民名单公告', issuedOn: '2026-11-02' },
      ]);
      await db.insert(voterListPublications).values({ communityId: c!.id, publishedOn: '2026-11-02', noticeNo: 2 });
      const token = await sign('committee', c!.id);
      for (let j = 0; j < options.pdfJobs!; j += 1) pdfJobs.push({ path: `/api/v1/communities/${c!.id}/documents/voter-cards/jobs`, token });
    }

    log(`soak: seeded ${options.meetings} meetings × ${options.boxesPerMeeting} boxes (${writes.length + warmAcks.length} writes planned, ${warmAcks.length} of them warm-up) on ${database.kind} in ${Date.now() - t0} ms; ${imports.length} imports of ${importRows} rows, ${pdfJobs.length} voter-card PDF jobs of ${options.pdfVoters ?? 2000} voters`);

    // ---- the soak
    const load = await spawnLoad({ url: base, seconds: options.seconds, connections: options.connections, reads, writes, imports, pdfJobs });
    if (process.env.SOAK_METRICS) {
      const text = await (await fetch(`${base}/metrics`)).text();
      for (const line of text.split('\n')) if (/^(nodejs_eventloop_lag|nodejs_gc_duration_seconds_(sum|count)|db_pool_wait_seconds_(sum|count|bucket)|http_request_duration_seconds_(sum|count)|http_request_duration_seconds_bucket.*le="(0.05|0.1|0.25|0.5)")/.test(line)) log(`  metric ${line}`);
    }
    await app.close();

    // ---- every acknowledged write is in the database, and nothing else is
    const stored = (await db.execute(
      sql`select id, meeting_id, box, entered_by from tally_entries where meeting_id in ${sql.raw(`(${meetingIds.map((id) => `'${id}'`).join(',')})`)}`,
    )) as unknown as { rows: { id: string; meeting_id: string; box: string; entered_by: string }[] };
    const inDb = new Set(stored.rows.map((r) => r.id));
    const acked = new Set([...warmAcks, ...load.acknowledged]);
    const sentKeys = new Set([...warmKeys, ...load.sent]);
    // Lost: acknowledged but not stored. Phantom: stored but never sent (an acknowledged id, or a sent write whose
    // answer the load generator dropped when the run stopped).
    const lostWrites = [...acked].filter((id) => !inDb.has(id)).length;
    const phantomWrites = stored.rows.filter((r) => !acked.has(r.id) && !sentKeys.has(`${r.meeting_id}|${r.box}|${scrutineerIndex.get(r.entered_by)}`)).length;

    // ---- every import's rows are in the database
    const importRowsInDatabase =
      importCommunityIds.length === 0
        ? 0
        : Number(
            ((await db.execute(sql`select count(*)::int as n from voters where community_id in ${sql.raw(`(${importCommunityIds.map((id) => `'${id}'`).join(',')})`)}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n,
          );
    const h = load.heavy;
    const heavy: HeavyReport = {
      importsPlanned: imports.length,
      importsOk: h.importsOk,
      importRowsAccepted: h.importRowsAccepted,
      importRowsInDatabase,
      importP50: p50Of(h.importLatencies),
      importMax: Math.round(Math.max(0, ...h.importLatencies)),
      pdfJobsPlanned: pdfJobs.length,
      pdfJobsDone: h.pdfJobsDone,
      pdfJobP50: p50Of(h.pdfLatencies),
      pdfJobMax: Math.round(Math.max(0, ...h.pdfLatencies)),
      pdfBytes: h.pdfBytes,
      readsDuringHeavy: load.readsDuringHeavy,
      readP99DuringHeavy: load.readP99DuringHeavy,
      readsQuiet: load.readsQuiet,
      readP99Quiet: load.readP99Quiet,
    };

    // ---- the baseline: bare Fastify answering one query against the same database, same clients.
    const bare = Fastify({ logger: false });
    bare.get('/m/:id', async (request) => {
      const rows = await db.execute(sql`select id, expected, present from meetings where id = ${(request.params as { id: string }).id}`);
      return (rows as unknown as { rows: unknown[] }).rows[0];
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const baseline = await spawnLoad({
      url: bareBase,
      seconds: options.baselineSeconds ?? Math.min(10, options.seconds),
      connections: options.connections,
      reads: [{ path: `/m/${meetingIds[0]}`, token: 'none' }],
      writes: [],
    });
    await bare.close();

    const report: SoakReport = {
      db: database.kind,
      requests: load.requests,
      rps: load.rps,
      p50: load.p50,
      p99: load.p99,
      baselineP99: baseline.p99,
      readP99: load.readP99,
      baselineReadP99: baseline.readP99,
      writeP99: load.writeP99,
      peakMb: Math.round(peakRss / 1024 / 1024),
      writesPlanned: writes.length + warmAcks.length,
      writesAcknowledged: acked.size,
      writesUnanswered: load.sent.length - load.answered,
      writesInDatabase: inDb.size,
      lostWrites,
      phantomWrites,
      readsOk: load.readsOk,
      unexpected: load.unexpected.slice(0, 20),
      non2xx: load.non2xx,
      errors: load.errors,
      timeouts: load.timeouts,
      heavy,
    };
    const ratio = report.baselineP99 > 0 ? (report.p99 / report.baselineP99).toFixed(2) : 'n/a';
    log(`bench soak-p99: ${report.p99} ms, baseline ${report.baselineP99} ms, ratio ${ratio}, peak ${report.peakMb} MB`);
    const readRatio = report.baselineReadP99 > 0 ? (report.readP99 / report.baselineReadP99).toFixed(2) : 'n/a';
    log(`bench soak-read-p99: ${report.readP99} ms, baseline ${report.baselineReadP99} ms, ratio ${readRatio}, peak ${report.peakMb} MB`);
    const writeRatio = report.baselineReadP99 > 0 ? (report.writeP99 / report.baselineReadP99).toFixed(2) : 'n/a';
    log(`bench soak-write-p99: ${report.writeP99} ms, baseline ${report.baselineReadP99} ms, ratio ${writeRatio}, peak ${report.peakMb} MB`);
    log(
      `soak (${report.db}, ${options.connections} connections, ${options.seconds} s): ${report.requests} requests, ${report.rps} req/s, p50 ${report.p50} ms, p99 ${report.p99} ms; ` +
        `writes ${report.writesAcknowledged}/${report.writesPlanned} acknowledged (${report.writesUnanswered} unanswered at the stop), ${report.writesInDatabase} in the database, lost ${report.lostWrites}, phantom ${report.phantomWrites}; ` +
        `reads ok ${report.readsOk}; non-2xx ${report.non2xx}, errors ${report.errors}, timeouts ${report.timeouts}`,
    );
    if (heavy.importsPlanned + heavy.pdfJobsPlanned > 0) {
      const r = (v: number) => (report.baselineReadP99 > 0 ? (v / report.baselineReadP99).toFixed(2) : 'n/a');
      log(`bench soak-read-p99-during-jobs: ${heavy.readP99DuringHeavy} ms, baseline ${report.baselineReadP99} ms, ratio ${r(heavy.readP99DuringHeavy)}, peak ${report.peakMb} MB`);
      log(`bench soak-read-p99-quiet: ${heavy.readP99Quiet} ms, baseline ${report.baselineReadP99} ms, ratio ${r(heavy.readP99Quiet)}, peak ${report.peakMb} MB`);
      log(
        `soak heavy: imports ${heavy.importsOk}/${heavy.importsPlanned} ok (${heavy.importRowsAccepted} rows accepted, ${heavy.importRowsInDatabase} in the database; p50 ${heavy.importP50} ms, max ${heavy.importMax} ms); ` +
          `PDF jobs ${heavy.pdfJobsDone}/${heavy.pdfJobsPlanned} done (${Math.round(heavy.pdfBytes / 1024)} KB; POST to done p50 ${heavy.pdfJobP50} ms, max ${heavy.pdfJobMax} ms); ` +
          `reads during them ${heavy.readsDuringHeavy}, the others ${heavy.readsQuiet}`,
      );
    }
    for (const u of report.unexpected) log(`  unexpected: ${u}`);
    return report;
  } finally {
    clearInterval(sampler);
    await database.close();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function soakPassed(r: SoakReport): boolean {
  const h = r.heavy;
  return (
    r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && r.unexpected.length === 0 && r.lostWrites === 0 && r.phantomWrites === 0 && r.writesAcknowledged === r.writesPlanned &&
    h.importsOk === h.importsPlanned && h.importRowsInDatabase === h.importRowsAccepted && h.pdfJobsDone === h.pdfJobsPlanned
  );
}

// ------------------------------------------------------------------------------------------------- entry

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain && process.env.SOAK_ROLE === 'load') {
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => (input += chunk.toString('utf8')));
  process.stdin.on('end', () => {
    runLoad(JSON.parse(input) as LoadPlan)
      .then((result) => {
        process.stdout.write(`SOAK-RESULT ${JSON.stringify(result)}\n`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
} else if (isMain) {
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  const connections = Number(process.env.SOAK_CONNECTIONS ?? 50);
  runSoak({
    seconds,
    connections,
    meetings: Number(process.env.SOAK_MEETINGS ?? 6),
    // 20 boxes (240 writes) with the imports and PDF jobs beside them: what one office machine answers in full. The
    // write-only figures of BENCHMARKS.md's earlier sections: SOAK_BOXES=150 SOAK_IMPORTS=0 SOAK_PDF_JOBS=0.
    boxesPerMeeting: Number(process.env.SOAK_BOXES ?? 20),
    // one import and one PDF job every 5 s of the run (over its first half, as the writes)
    imports: Number(process.env.SOAK_IMPORTS ?? Math.max(1, Math.round(seconds / 5))),
    importRows: Number(process.env.SOAK_IMPORT_ROWS ?? 300),
    pdfJobs: Number(process.env.SOAK_PDF_JOBS ?? Math.max(1, Math.round(seconds / 5))),
    pdfVoters: Number(process.env.SOAK_PDF_VOTERS ?? 2000),
    databaseUrl: process.env.DATABASE_URL || undefined,
  })
    .then((report) => {
      const ok = soakPassed(report);
      console.log(`soak: ${ok ? 'PASS' : 'FAIL'}`);
      process.exit(ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
