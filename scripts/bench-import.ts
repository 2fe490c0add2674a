/**
 * `npm run bench:import`: voter import through the use case (every rule) versus a plain COPY of the same file.
 *  (a) baseline: `COPY voters_bench FROM STDIN` of a 1,000,000-row CSV into a table with the file's columns and a
 *      unique index on (round, identity number), real PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test;
 *      a scratch database is created and dropped);
 *  (b) importVoters() of the same file into real PostgreSQL;
 *  (c) 100,000 rows on PGlite through the use case, beside its own plain COPY.
 * Each case runs in a child process that samples its RSS every 50 ms. Ends with one `bench …` line per figure.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { communities, districts, rounds, streets } from '../src/db/schema.js';
import { PRESETS } from '../src/domain/profile.js';
import { importVoters } from '../src/services/voter-import.js';
import { readTable } from '../src/services/table-reader.js';
import { generateCsv } from './gen-voters-csv.js';
import { createScratchDatabase } from '../src/db/scratch.js';
import { testConfig } from '../src/config.js';
import { loadSecrets } from '../src/secrets.js';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PG_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_IMPORT_PGLITE_ROWS ?? 100_000);
const TODAY = '2026-11-20';
const ACTOR = { id: null, username: 'bench', role: 'committee' };

interface CaseResult {
  readonly rows: number;
  readonly seconds: number;
  readonly peakMb: number;
  readonly accepted?: number;
}



/** A district, street, round and community to import into. */
async function seed(database: Database): Promise<string> {
  const db = database.db;
  const [district] = await db.insert(districts).values({ name: '城关区', code: `b${randomUUID().slice(0, 8)}` }).returning();
  const [street] = await db.insert(streets).values({ districtId: district!.id, name: '酒泉路街道', code: 'b1' }).returning();
  const [round] = await db
    .insert(rounds)
    .values({
      districtId: district!.id,
      streetId: street!.id,
      name: 'bench',
      term: 2026,
      profileName: 'lanzhou-2010',
      profile: PRESETS['lanzhou-2010'],
      phases: [{ name: 'election', from: '2026-11-01', to: '2026-12-26' }],
    })
    .returning();
  const [community] = await db
    .insert(communities)
    .values({
      roundId: round!.id,
      districtId: district!.id,
      streetId: street!.id,
      name: '张掖路社区',
      code: 'bench',
      households: 100_000,
      method: 'direct',
      electionDay: '2026-12-26',
      rcSeats: { director: 1, deputies: 2, members: 4 },
      party: { type: 'committee', members: 500, seats: 7 },
    })
    .returning();
  return community!.id;
}

/**
 * The baseline table: the columns of `voters` (the file's five columns filled in, the others by constant defaults)
 * and one unique index on (round, identity number); no foreign key, no other index, no validation.
 */
const BENCH_TABLE = `create table voters_bench (
  id uuid not null default gen_random_uuid(),
  district_id uuid not null default '00000000-0000-0000-0000-000000000001',
  term integer not null default 2026,
  round_id uuid not null default '00000000-0000-0000-0000-000000000002',
  community_id uuid not null default '00000000-0000-0000-0000-000000000003',
  id_number text not null,
  id_last4 text not null default '',
  name text not null,
  birth_date date not null default '1970-01-01',
  sex text not null default 'male',
  group_id uuid,
  group_name text,
  household_no text,
  address text,
  residency text not null,
  source text not null default 'import',
  created_at timestamp with time zone not null default now())`;
const BENCH_INDEX = 'create unique index voters_bench_round_id on voters_bench (round_id, id_number)';
/**
 * A second reference: plain COPY into a clone of `voters` with all its indexes, ids in time order as the import
 * writes them (a sequence in the low bits), no validation.
 */
const VOTERS_CLONE = [
  'create table voters_clone (like voters including defaults including indexes)',
  'create sequence voters_clone_seq',
  "alter table voters_clone alter column id set default ('0190a000-0000-7000-8000-' || lpad(to_hex(nextval('voters_clone_seq')), 12, '0'))::uuid, alter column id_last4 set default '', alter column birth_date set default '1970-01-01', alter column sex set default 'male', alter column source set default 'import', alter column term set default 2026",
];
const BENCH_COPY = 'copy voters_bench (id_number, name, residency, household_no, address) from stdin with (format csv, header true)';

// ------------------------------------------------------------------------------------------------ child cases

/** Stage timings on stderr (BENCH_TRACE=1). */
function tracer(): ((stage: string) => void) | undefined {
  if (!process.env.BENCH_TRACE) return undefined;
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    const m = process.memoryUsage();
    process.stderr.write(`  ${stage}: ${((now - last) / 1000).toFixed(2)} s (rss ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)} MB, external ${Math.round(m.external / 1048576)} MB)\n`);
    last = now;
  };
}

async function runCase(kind: string, file: string, rows: number): Promise<CaseResult> {
  loadSecrets(testConfig()); // the import is audited, and the audit chain is keyed
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    if (kind === 'pg-copy' || kind === 'pg-import' || kind === 'pg-copy-voters') {
      const scratch = await createScratchDatabase(BASE_URL, 'bench');
      const url = scratch.url;
      try {
        if (kind === 'pg-copy') {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(BENCH_TABLE);
          await client.query(BENCH_INDEX);
          const started = performance.now();
          await pipeline(createReadStream(file), client.query(copyFrom(BENCH_COPY)));
          const seconds = (performance.now() - started) / 1000;
          const { rows: counted } = await client.query<{ n: number }>('select count(*)::int as n from voters_bench');
          await client.end();
          if (counted[0]!.n !== rows) throw new Error(`copied ${counted[0]!.n} rows, expected ${rows}`);
          return { rows, seconds, peakMb: peak / 1048576 };
        }
        const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
        await migrateDatabase(database);
        const communityId = await seed(database);
        if (kind === 'pg-copy-voters') {
          const client = await database.pool!.connect();
          for (const statement of VOTERS_CLONE) await client.query(statement);
          const [c] = (await client.query<{ district_id: string; round_id: string }>('select district_id, round_id from communities where id = $1', [communityId])).rows;
          await client.query(`alter table voters_clone alter column community_id set default '${communityId}', alter column district_id set default '${c!.district_id}', alter column round_id set default '${c!.round_id}'`);
          const started = performance.now();
          await pipeline(createReadStream(file), client.query(copyFrom(BENCH_COPY.replace('voters_bench', 'voters_clone'))));
          const seconds = (performance.now() - started) / 1000;
          client.release();
          await database.close();
          return { rows, seconds, peakMb: peak / 1048576 };
        }
        const started = performance.now();
        const report = await importVoters(database, {
          actor: ACTOR,
          communityId,
          mode: 'partial',
          today: TODAY,
          rows: readTable('csv', createReadStream(file, { highWaterMark: 256 * 1024 }), Number.MAX_SAFE_INTEGER),
          trace: tracer(),
        });
        const seconds = (performance.now() - started) / 1000;
        await database.close();
        if (report.accepted !== rows) throw new Error(`accepted ${report.accepted} of ${rows}; first rejections ${JSON.stringify(report.rejected.slice(0, 3))}`);
        return { rows, seconds, peakMb: peak / 1048576, accepted: report.accepted };
      } finally {
        await scratch.drop();
      }
    }
    // PGlite, in memory
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    if (kind === 'pglite-copy') {
      const lite = database.pglite!;
      await lite.exec(BENCH_TABLE);
      await lite.exec(BENCH_INDEX);
      const { readFile } = await import('node:fs/promises');
      const started = performance.now();
      const blob = new Blob([await readFile(file)]);
      await lite.query(BENCH_COPY.replace('from stdin', "from '/dev/blob'"), [], { blob });
      const seconds = (performance.now() - started) / 1000;
      const { rows: counted } = await lite.query<{ n: number }>('select count(*)::int as n from voters_bench');
      await database.close();
      if (counted[0]!.n !== rows) throw new Error(`copied ${counted[0]!.n} rows, expected ${rows}`);
      return { rows, seconds, peakMb: peak / 1048576 };
    }
    const communityId = await seed(database);
    const started = performance.now();
    const report = await importVoters(database, {
      actor: ACTOR,
      communityId,
      mode: 'partial',
      today: TODAY,
      rows: readTable('csv', createReadStream(file, { highWaterMark: 256 * 1024 }), Number.MAX_SAFE_INTEGER),
      trace: tracer(),
    });
    const seconds = (performance.now() - started) / 1000;
    await database.close();
    if (report.accepted !== rows) throw new Error(`accepted ${report.accepted} of ${rows}`);
    return { rows, seconds, peakMb: peak / 1048576, accepted: report.accepted };
  } finally {
    clearInterval(timer);
  }
}

function child(kind: string, file: string, rows: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', kind, file, String(rows)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`case ${kind} failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line.slice(7)) as CaseResult);
    });
  });
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  try {
    const bigFile = join(dir, 'voters-1m.csv');
    const smallFile = join(dir, 'voters-100k.csv');
    let t0 = performance.now();
    await generateCsv(bigFile, PG_ROWS, 42);
    await generateCsv(smallFile, PGLITE_ROWS, 7);
    process.stdout.write(
      `generated ${PG_ROWS} rows (${fmt((await stat(bigFile)).size / 1048576, 1)} MB) and ${PGLITE_ROWS} rows in ${fmt((performance.now() - t0) / 1000, 1)} s\n`,
    );
    t0 = performance.now();
    const pgCopy = await child('pg-copy', bigFile, PG_ROWS);
    process.stdout.write(`(a) plain COPY on PostgreSQL: ${fmt(pgCopy.rows / pgCopy.seconds)} rows/s (${fmt(pgCopy.seconds, 2)} s)\n`);
    const votersCopy = await child('pg-copy-voters', bigFile, PG_ROWS);
    process.stdout.write(`(a') plain COPY into a clone of voters (its 3 indexes): ${fmt(votersCopy.rows / votersCopy.seconds)} rows/s\n`);
    const pgImport = await child('pg-import', bigFile, PG_ROWS);
    process.stdout.write(`(b) importVoters on PostgreSQL: ${fmt(pgImport.rows / pgImport.seconds)} rows/s (${fmt(pgImport.seconds, 2)} s)\n`);
    const liteCopy = await child('pglite-copy', smallFile, PGLITE_ROWS);
    process.stdout.write(`(c) plain COPY on PGlite: ${fmt(liteCopy.seconds, 2)} s\n`);
    const liteImport = await child('pglite-import', smallFile, PGLITE_ROWS);
    process.stdout.write(`(c) importVoters on PGlite: ${fmt(liteImport.seconds, 2)} s\n`);

    const pgRate = pgImport.rows / pgImport.seconds;
    const copyRate = pgCopy.rows / pgCopy.seconds;
    process.stdout.write(
      `bench import-postgres-${PG_ROWS}: ${fmt(pgRate)} rows/s, baseline ${fmt(copyRate)} rows/s, ratio ${fmt(pgRate / copyRate, 2)}, peak ${fmt(pgImport.peakMb)} MB\n`,
    );
    const votersRate = votersCopy.rows / votersCopy.seconds;
    process.stdout.write(
      `bench import-postgres-vs-voters-copy-${PG_ROWS}: ${fmt(pgRate)} rows/s, baseline ${fmt(votersRate)} rows/s, ratio ${fmt(pgRate / votersRate, 2)}, peak ${fmt(pgImport.peakMb)} MB\n`,
    );
    process.stdout.write(
      `bench import-pglite-${PGLITE_ROWS}: ${fmt(liteImport.seconds, 2)} s, baseline ${fmt(liteCopy.seconds, 2)} s, ratio ${fmt(liteCopy.seconds / liteImport.seconds, 2)}, peak ${fmt(liteImport.peakMb)} MB\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--case') {
  const [kind, file, rows] = process.argv.slice(3) as [string, string, string];
  runCase(kind, file, Number(rows))
    .then((r) => {
      process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
      process.exit(1);
    });
} else {
  await main();
}
