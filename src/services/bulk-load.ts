/**
 * One transaction for a bulk load, on PostgreSQL (a dedicated pool client: `COPY … FROM STDIN` through
 * pg-copy-streams) or PGlite (`COPY … FROM '/dev/blob'` in chunks). The use case sees the same interface either way:
 * raw queries, a COPY writer into a (temporary) table, and a drizzle handle on the same transaction for the audit.
 * A killed process or a thrown error leaves nothing: the transaction is rolled back by the server.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db, DbOrTx } from '../db/client.js';
import * as schema from '../db/schema.js';

export interface QueryResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface CopyWriter {
  /** Writes text-format COPY lines; resolves at once unless the stream needs to drain. */
  write(text: string): Promise<void> | void;
  end(): Promise<void>;
}

export interface LoadTx {
  readonly kind: 'postgres' | 'pglite';
  readonly db: DbOrTx;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
  /**
   * A read of committed data that may run while a COPY of this transaction streams: on PostgreSQL on a connection of
   * its own (opened at the first probe, closed with the transaction; never taken from the pool, so imports cannot
   * starve it), on PGlite on the transaction's one connection. It does not see this transaction's own rows.
   */
  probe<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
  copyIn(table: string, columns: readonly string[]): Promise<CopyWriter>;
}

/** Thrown inside a load to roll it back and still return a value (e.g. `mode=all` with rejected rows). */
export class RollbackWith<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

interface PgliteTxClient {
  query<R>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[]; affectedRows?: number }>;
}

const PGLITE_COPY_CHUNK = 8 * 1024 * 1024;

export async function withLoadTransaction<T>(database: Database, fn: (tx: LoadTx) => Promise<T>): Promise<T> {
  try {
    if (database.kind === 'postgres') return await withPg(database, fn);
    return await withPglite(database, fn);
  } catch (error) {
    if (error instanceof RollbackWith) return error.value as T;
    throw error;
  }
}

/** A dedicated connection for `probe`, with the pool's settings. Index probes only: statistics may be stale. */
async function openSideClient(pool: pg.Pool): Promise<pg.Client> {
  const side = new pg.Client({ ...pool.options, application_name: 'voter-import-probe' });
  side.on('error', () => undefined);
  await side.connect();
  await side.query('set enable_seqscan = off');
  return side;
}

async function withPg<T>(database: Database, fn: (tx: LoadTx) => Promise<T>): Promise<T> {
  const client = await database.pool!.connect();
  let side: Promise<pg.Client> | null = null;
  let broken: Error | undefined;
  /** An open COPY must be aborted (CopyFail) before the connection takes another query. */
  let openCopy: Writable | null = null;
  try {
    await client.query('begin');
    const db = drizzlePg(client, { schema }) as unknown as Db;
    const tx: LoadTx = {
      kind: 'postgres',
      db,
      async query<R>(text: string, params?: unknown[]) {
        const r = await client.query(text, params as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      async probe<R>(text: string, params?: unknown[]) {
        side ??= openSideClient(database.pool!);
        const r = await (await side).query(text, params as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      async copyIn(table, columns) {
        const stream: Writable = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
        openCopy = stream;
        let failed: Error | undefined;
        stream.on('error', (e: Error) => {
          failed = e;
        });
        return {
          write(text: string) {
            if (failed) throw failed;
            if (stream.write(text)) return undefined;
            // `once` rejects if the stream emits 'error' while it waits, and leaves no listener behind.
            return once(stream, 'drain').then(() => {
              if (failed) throw failed;
            });
          },
          async end() {
            if (failed) throw failed;
            stream.end();
            await finished(stream);
            openCopy = null;
          },
        };
      },
    };
    const result = await fn(tx);
    await client.query('commit');
    return result;
  } catch (error) {
    try {
      const copy = openCopy as Writable | null;
      if (copy && !copy.destroyed) {
        copy.destroy(new Error('import aborted'));
        await finished(copy).catch(() => undefined);
      }
      await client.query('rollback');
    } catch (e) {
      broken = e as Error;
    }
    throw error;
  } finally {
    client.release(broken);
    const opened = side as Promise<pg.Client> | null;
    if (opened) await opened.then((c) => c.end()).catch(() => undefined);
  }
}

async function withPglite<T>(database: Database, fn: (tx: LoadTx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (drizzleTx) => {
    const client = (drizzleTx as unknown as { session: { client: PgliteTxClient } }).session.client;
    const query = async <R>(text: string, params?: unknown[]): Promise<QueryResult<R>> => {
      const r = await client.query<R>(text, params ?? []);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    };
    const tx: LoadTx = {
      kind: 'pglite',
      db: drizzleTx,
      query,
      // one connection: the probe runs in the transaction, between the COPY's chunks
      probe: query,
      async copyIn(table, columns) {
        const statement = `copy ${table} (${columns.join(', ')}) from '/dev/blob'`;
        let parts: string[] = [];
        let size = 0;
        const flush = async () => {
          if (parts.length === 0) return;
          const blob = new Blob(parts);
          parts = [];
          size = 0;
          await client.query(statement, [], { blob });
        };
        return {
          write(text: string) {
            parts.push(text);
            size += text.length;
            return size >= PGLITE_COPY_CHUNK ? flush() : undefined;
          },
          end: flush,
        };
      },
    };
    return fn(tx);
  });
}

/** Escapes a value for the COPY text format; null → \N. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13) {
      return value.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
    }
  }
  return value;
}
