/**
 * `npm run bench:api`: GET /meetings/:id/result for a direct election with 20 ballot boxes and 30,000 voters under
 * 50 concurrent clients (autocannon), beside the ceiling of a bare Fastify route doing one pg query.
 * Uses DATABASE_URL (a fresh database is created and dropped) or in-memory PGlite.
 * Target: p99 < 50 ms.
 */
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { testConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { createScratchDatabase } from '../src/db/scratch.js';
import { candidateLists, communities, districts, meetingContests, nominations, rounds, streets, tallySheets, voters } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { issueToken } from '../src/http/auth.js';
import { createTokenUser } from '../src/services/users.js';
import { createMeeting, recordAttendance } from '../src/services/meetings.js';
import { invalidateResults } from '../src/services/result-cache.js';

const execFileAsync = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const VOTERS = 30_000;
const BOXES = 20;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const baseUrl = process.env.DATABASE_URL;


async function seed(database: Database) {
  const db = database.db;
  const [district] = await db.insert(districts).values({ name: '城关区', code: `b${Date.now()}` }).returning();
  const [street] = await db.insert(streets).values({ districtId: district!.id, name: '酒泉路街道', code: 'jq' }).returning();
  const [round] = await db
    .insert(rounds)
    .values({ districtId: district!.id, streetId: street!.id, name: 'bench', term: 2026, profileName: 'lanzhou-2010', profile: {}, phases: [{ name: 'election', from: '2026-12-01', to: '2026-12-31' }] })
    .returning();
  const [community] = await db
    .insert(communities)
    .values({
      roundId: round!.id,
      districtId: district!.id,
      streetId: street!.id,
      name: '张掖路社区',
      code: 'zy',
      households: 12_000,
      method: 'direct',
      electionDay: '2026-12-26',
      rcSeats: { director: 1, deputies: 2, members: 4 },
      party: { type: 'committee', members: 300, seats: 7 },
    })
    .returning();
  const voterIds: string[] = [];
  for (let i = 0; i < VOTERS; i += 2000) {
    const rows = Array.from({ length: Math.min(2000, VOTERS - i) }, (_, j) => {
      const n = i + j;
      const idNumber = `620102197001${String((n % 28) + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`;
      const id = randomUUID();
      voterIds.push(id);
      return {
        id,
        districtId: district!.id,
        term: 2026,
        roundId: round!.id,
        communityId: community!.id,
        idNumber,
        idLast4: idNumber.slice(-4),
        name: `选民${n}`,
        birthDate: '1970-01-01',
        sex: 'male' as const,
        residency: 'registered' as const,
      };
    });
    await db.insert(voters).values(rows);
  }
  const actor = { id: null, username: 'bench', role: 'committee' };
  const meeting = await createMeeting(db, {
    actor,
    communityId: community!.id,
    kind: 'rc',
    date: '2026-12-26',
    boxes: Array.from({ length: BOXES }, (_, b) =>
      b === 0 ? { name: 'main', kind: 'main' as const } : { name: `投票站${b}`, kind: 'station' as const, monitors: ['甲', '乙', '丙'] },
    ),
  });
  await recordAttendance(db, { actor, meetingId: meeting.id, present: 24_000 });
  const contests = [
    { contest: 'director', seats: 1, n: 2 },
    { contest: 'deputy', seats: 2, n: 3 },
    { contest: 'member', seats: 4, n: 5 },
  ];
  let v = 0;
  for (const spec of contests) {
    const people = Array.from({ length: spec.n }, () => voterIds[v++]!);
    const noms = await db
      .insert(nominations)
      .values(people.map((voterId, k) => ({ communityId: community!.id, contest: spec.contest as 'director', voterId, name: `候选人${v}-${k}`, basis: 'committee' as const, consent: true, status: 'candidate' as const })))
      .returning();
    const candidates = noms.map((n, k) => ({ nominationId: n.id, voterId: n.voterId, name: n.name, order: k + 1 }));
    await db.insert(candidateLists).values({ communityId: community!.id, contest: spec.contest, version: 1, publishedOn: '2026-12-20', candidates, noticeNo: contests.indexOf(spec) + 1 });
    const [contest] = await db
      .insert(meetingContests)
      .values({ meetingId: meeting.id, contest: spec.contest, seats: spec.seats, candidates: candidates.map((c) => ({ id: c.nominationId, name: c.name, order: c.order })) })
      .returning();
    await db.insert(tallySheets).values(
      Array.from({ length: BOXES }, (_, b) => ({
        meetingId: meeting.id,
        contestId: contest!.id,
        box: b === 0 ? 'main' : `投票站${b}`,
        sheetVersion: 1,
        issued: 1200,
        returned: 1200,
        invalid: 20,
        votes: Object.fromEntries(candidates.map((c, k) => [c.nominationId, Math.floor(1180 / (k + 1))])),
        entryIds: [],
      })),
    );
  }
  return { meetingId: meeting.id, communityId: community!.id };
}

/** The load generator runs in its own process, so it does not share the server's event loop. */
async function run(url: string, headers: Record<string, string>) {
  // Both targets get the same 2-second warm-up (JIT, pools, caches) before the measured run.
  await load(url, headers, 2);
  return load(url, headers, DURATION);
}

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const args = [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { latency: { p50: number; p99: number }; requests: { average: number }; non2xx: number; errors: number };
  return { p50: result.latency.p50, p99: result.latency.p99, rps: Math.round(result.requests.average), non2xx: result.non2xx, errors: result.errors };
}

let peakRss = 0;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50).unref();

async function main() {
  const scratch = baseUrl ? await createScratchDatabase(baseUrl, 'bench') : undefined;
  const database = await openDatabase(scratch ? { databaseUrl: scratch.url, poolSize: 10 } : { dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const t0 = Date.now();
    const { meetingId, communityId } = await seed(database);
    console.log(`seeded ${VOTERS} voters, ${BOXES} boxes, 3 contests in ${Date.now() - t0} ms on ${database.kind}`);

    if (process.env.BENCH_SERVICE) {
      const { getMeetingResult } = await import('../src/services/results.js');
      const t1 = performance.now();
      for (let i = 0; i < 200; i += 1) await getMeetingResult(database.db, meetingId);
      console.log(`service: ${((performance.now() - t1) / 200).toFixed(2)} ms per result`);
    }
    const config = testConfig({ logLevel: 'silent' });
    const app = await buildApp({ config, database });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const token = await issueToken(app.deps.tokenKey, await createTokenUser(database.db, { username: `bench-${randomUUID().slice(0, 8)}`, role: 'committee', scopeId: communityId }), 3600);
    const check = await fetch(`http://127.0.0.1:${port}/api/v1/meetings/${meetingId}/result`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await check.json()) as { contests: { contest: string; elected: { name: string }[] }[] };
    if (check.status !== 200) throw new Error(`result answered ${check.status}`);
    console.log(`result: ${body.contests.map((c) => `${c.contest} ${c.elected.length} elected`).join(', ')}`);
    const url = `http://127.0.0.1:${port}/api/v1/meetings/${meetingId}${process.env.BENCH_PATH ?? '/result'}`;
    const api = await run(url, { authorization: `Bearer ${token}` });
    // While the count goes on, every tally write through this instance drops the cached results (app.ts onSend):
    // the same reads with the cache dropped every 100 ms, so each drop costs a stamp query and a recomputation.
    const dropper = setInterval(invalidateResults, 100);
    const counting = await load(url, { authorization: `Bearer ${token}` }, DURATION);
    clearInterval(dropper);
    await app.close();

    // The ceiling: bare Fastify answering one query against the same database.
    const bare = Fastify({ logger: false });
    bare.get('/m/:id', async (request) => {
      const rows = await database.db.execute(sql`select id, expected, present from meetings where id = ${(request.params as { id: string }).id}`);
      return (rows as unknown as { rows: unknown[] }).rows[0];
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const ceiling = await run(`http://127.0.0.1:${barePort}/m/${meetingId}`, {});
    await bare.close();

    console.log(
      `GET /meetings/:id/result (${database.kind}, ${CONNECTIONS} clients, ${DURATION}s): p50 ${api.p50} ms, p99 ${api.p99} ms, ${api.rps} req/s, non-2xx ${api.non2xx}, errors ${api.errors} — target p99 < 50 ms: ${api.p99 < 50 ? 'PASS' : 'FAIL'}`,
    );
    console.log(`bare Fastify + ${database.kind} ceiling: p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms, ${ceiling.rps} req/s`);
    console.log(`the same while counting (cached results dropped every 100 ms): p50 ${counting.p50} ms, p99 ${counting.p99} ms, ${counting.rps} req/s, non-2xx ${counting.non2xx}`);
    const peak = Math.round(peakRss / 1024 / 1024);
    console.log(`bench api-result-p99: ${api.p99} ms, baseline ${ceiling.p99} ms, ratio ${(api.p99 / ceiling.p99).toFixed(2)}, peak ${peak} MB`);
    console.log(`bench api-result-p99-while-counting: ${counting.p99} ms, baseline ${ceiling.p99} ms, ratio ${(counting.p99 / ceiling.p99).toFixed(2)}, peak ${peak} MB`);
    console.log(`bench api-result-rps: ${api.rps} req/s, baseline ${ceiling.rps} req/s, ratio ${(api.rps / ceiling.rps).toFixed(2)}, peak ${peak} MB`);
  } finally {
    await database.close();
    await scratch?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
