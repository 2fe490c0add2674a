/**
 * The database: embedded PGlite when no DATABASE_URL is configured, real PostgreSQL through `pg` otherwise.
 * Both run the same drizzle schema, migrations and queries.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every repository function accepts either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Underlying clients, for COPY and dumps. */
  readonly pool?: pg.Pool;
  readonly pglite?: PGlite;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The committed migrations, found from this file both in the sources (src/db) and in the build (dist/src/db). */
function findUp(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${name} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const MIGRATIONS_DIR = findUp('migrations');

/** The SQLSTATE of a database error, looking through wrappers (drizzle keeps the driver's error in `cause`). */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export interface OpenDatabaseOptions {
  readonly databaseUrl?: string | undefined;
  /** Directory for PGlite; `memory://` keeps it in memory (tests). */
  readonly dataDir?: string | undefined;
  readonly poolSize?: number;
}

/**
 * A pool that gets a checked-out client back when its connection dies. drizzle's `transaction()` sends `begin`
 * before its try/finally, so a connection lost at that moment was never released: after `max` such losses every
 * request waited forever for a client (a server restart, or `pg_terminate_backend`, wedged the service). Here a
 * checked-out client that emits 'error' is released with that error (the pool discards it), and a second release
 * (drizzle's, later) is a no-op. Callback-style `connect` (pool.query) already releases on error and is left alone.
 *
 * Clients held for a while (the promise form: drizzle's transactions, an import's COPY) are at most `holders` at a
 * time; the rest of the pool is always there for single queries (pool.query). Audited writes all wait for one lock
 * (the audit chain's) and a contest's writes for its row: under the soak's paced tally entries every client was held
 * by a writer waiting for one of them, and the reads waited for the pool behind them (pg_stat_activity: 4–5 clients
 * on the advisory lock, 3–4 on a row, 1–3 working; BENCHMARKS.md). A transaction waiting here holds nothing.
 */
class ResilientPool extends pg.Pool {
  private holding = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    config: pg.PoolConfig,
    private readonly holders: number,
  ) {
    super(config);
  }

  private async hold(): Promise<void> {
    if (this.holding < this.holders) {
      this.holding += 1;
      return;
    }
    // The slot is handed over by unhold (holding stays the same). Waiting here counts against the same
    // connectionTimeoutMillis as waiting for the pool, with pg's message (answered 503 like it).
    const limit = this.options.connectionTimeoutMillis ?? 0;
    await new Promise<void>((resolve, reject) => {
      const entry = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer =
        limit > 0
          ? setTimeout(() => {
              this.queue.splice(this.queue.indexOf(entry), 1);
              reject(new Error('timeout exceeded when trying to connect'));
            }, limit)
          : undefined;
      this.queue.push(entry);
    });
  }

  private unhold(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.holding -= 1;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return this.hold().then(() =>
      super.connect().then(
        (client) => {
          const release = client.release.bind(client);
          let released = false;
          const onError = (error: Error): void => releaseOnce(error);
          const releaseOnce = (error?: Error | boolean): void => {
            if (released) return;
            released = true;
            client.removeListener('error', onError);
            release(error);
            this.unhold();
          };
          client.on('error', onError);
          client.release = releaseOnce;
          return client;
        },
        (error: unknown) => {
          this.unhold();
          throw error;
        },
      ),
    );
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const max = options.poolSize ?? 10;
    // Two clients (a quarter of a larger pool) are always left to single queries.
    const pool = new ResilientPool({ connectionString: options.databaseUrl, max, connectionTimeoutMillis: 10_000 }, Math.max(1, max - Math.max(2, Math.floor(max / 4))));
    // A restarted server drops idle clients; the pool replaces them. Without a listener the process would crash.
    pool.on('error', () => undefined);
    // A client checked out of the pool has no pool listener: if the server drops it then, its 'error' event would be
    // unhandled and end the process. The query in progress fails anyway (503); ResilientPool gives the client back.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      ping: () => ping(db),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // shared_buffers 16 MB instead of 128 MB: the embedded database idles about 130 MB lighter (BENCHMARKS.md)
  const pglite = new PGlite(dataDir, { postgresqlconf: ['shared_buffers=16MB'] });
  await pglite.waitReady;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    ping: () => ping(db),
    close: () => pglite.close(),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A new embedded data directory is created (initdb) and migrated in a child process that then ends, so the server
 * keeps none of initdb's memory (PGlite grows its WebAssembly memory to about 500 MB for it and never gives it back;
 * a worker thread gave back only part): the first start idles like every later one (BENCHMARKS.md). An existing
 * directory is left as it is.
 */
export async function initialiseDataDir(dataDir: string): Promise<void> {
  if (dataDir.startsWith('memory://') || (existsSync(dataDir) && readdirSync(dataDir).length > 0)) return;
  const isTs = import.meta.url.endsWith('.ts');
  // fork() passes this process's execArgv on: under tsx its loader, so the child runs the TypeScript source too
  const child = fork(fileURLToPath(new URL(`./init-data-dir${isTs ? '.ts' : '.js'}`, import.meta.url)), [dataDir], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`Creating the data directory ${dataDir} failed (exit ${code})`);
}

/** Applies the committed SQL migrations; a no-op when they are all applied. */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  const config = { migrationsFolder };
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, config);
  } else {
    await migratePglite(database.db as never, config);
  }
}
