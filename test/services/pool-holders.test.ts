/**
 * Transactions waiting for a lock do not take every client of the pool: single queries (the reads) still answer.
 * Before, under the soak's paced tally entries every client was held by a writer queued on the audit chain's lock
 * and the reads waited for the pool behind them (BENCHMARKS.md). PostgreSQL only (PGlite has one connection).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createScratchDatabase } from '../../src/db/scratch.js';
import { realPostgresUrl } from '../support/database.js';

describe.skipIf(!realPostgresUrl)('pool: clients held by transactions', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  beforeAll(async () => {
    scratch = await createScratchDatabase(realPostgresUrl!, 'pool');
    database = await openDatabase({ databaseUrl: scratch.url, poolSize: 6 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('leaves clients to single queries while transactions wait for a lock, and runs every transaction', async () => {
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    await locker.query('select pg_advisory_lock(4242)');
    const order: number[] = [];
    const writers = Array.from({ length: 12 }, (_, i) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(4242)`);
        order.push(i);
      }),
    );
    await sleep(300);
    const started = Date.now();
    const answer = await Promise.race([database.db.execute(sql`select 1 as one`).then(() => 'answered'), sleep(3000).then(() => 'waited')]);
    expect(answer).toBe('answered');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(order).toEqual([]);
    await locker.query('select pg_advisory_unlock(4242)');
    await locker.end();
    await Promise.all(writers);
    expect(order.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
