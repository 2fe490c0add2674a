/**
 * Backups: pg_dump/pg_restore (custom format) for PostgreSQL, PGlite's own data-directory dump for the
 * embedded database.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';

const run = promisify(execFile);

export async function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, databaseUrl]);
}

export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', databaseUrl, file]);
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  try {
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/** Restores into `dataDir`; an existing non-empty directory is kept aside as `<dataDir>.before-restore-<time>`. */
export async function restorePglite(dataDir: string, file: string): Promise<{ keptAside?: string }> {
  let keptAside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    keptAside = `${dataDir}.before-restore-${Date.now()}`;
    renameSync(dataDir, keptAside);
  }
  const blob = new Blob([await readFile(file)], { type: 'application/x-gzip' });
  const pglite = new PGlite(dataDir, { loadDataDir: blob });
  await pglite.waitReady;
  await pglite.close();
  return keptAside ? { keptAside } : {};
}
