/**
 * Backups: pg_dump/pg_restore (custom format) for PostgreSQL, PGlite's own data-directory dump for the
 * embedded database.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './client.js';

const run = promisify(execFile);

export async function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, databaseUrl]);
}

export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', databaseUrl, file]);
}

/**
 * A backup taken from the running service, over its own connection: pg_dump's custom format streamed as it is
 * written on PostgreSQL; on PGlite the data directory as a gzip tar, dumped by the open instance between two queries
 * (a second PGlite on the same directory would fight the server's). Restore with `npm run restore -- <file>`.
 */
export async function liveBackup(database: Database, databaseUrl: string | undefined): Promise<{ stream: Readable; fileName: string; contentType: string }> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  if (database.kind === 'pglite' && database.pglite) {
    const dump = await database.pglite.dumpDataDir('gzip');
    return { stream: Readable.from(Buffer.from(await dump.arrayBuffer())), fileName: `huanjie-${stamp}.tar.gz`, contentType: 'application/gzip' };
  }
  const url = database.pool?.options.connectionString ?? databaseUrl;
  if (!url) throw new Error('A PostgreSQL database without its address cannot be dumped');
  const child = spawn('pg_dump', ['--format=custom', '--no-owner', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.on('close', (code) => {
    if (code !== 0) child.stdout.destroy(new Error(`pg_dump exited with ${code}: ${stderr.trim()}`));
  });
  return { stream: child.stdout, fileName: `huanjie-${stamp}.dump`, contentType: 'application/octet-stream' };
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
