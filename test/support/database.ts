/**
 * A fresh database for one test file: in-memory PGlite, or, when DATABASE_URL / TEST_DATABASE_URL is set,
 * a new uniquely named PostgreSQL database (dropped afterwards). Migrations applied either way.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';

export const realPostgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const dbKind: 'postgres' | 'pglite' = realPostgresUrl ? 'postgres' : 'pglite';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly database: Database;
  readonly url?: string;
  /** Closes and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (!realPostgresUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    if (options.migrate !== false) await migrateDatabase(database);
    return { database, dispose: () => database.close() };
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(realPostgresUrl, `create database ${name}`);
  const url = withDatabase(realPostgresUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  if (options.migrate !== false) await migrateDatabase(database);
  return {
    database,
    url,
    async dispose() {
      await database.close();
      await adminQuery(realPostgresUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
