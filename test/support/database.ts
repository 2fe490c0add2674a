/**
 * A fresh database for one test file: in-memory PGlite, or, when DATABASE_URL / TEST_DATABASE_URL is set,
 * a new uniquely named PostgreSQL database (dropped afterwards). Migrations applied either way.
 */
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { createScratchDatabase } from '../../src/db/scratch.js';

export const realPostgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const dbKind: 'postgres' | 'pglite' = realPostgresUrl ? 'postgres' : 'pglite';

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
  const scratch = await createScratchDatabase(realPostgresUrl, 't');
  const url = scratch.url;
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  if (options.migrate !== false) await migrateDatabase(database);
  return {
    database,
    url,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}
