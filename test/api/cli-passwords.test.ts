/**
 * Issue 14: an admin resets a password from the command line (`npm run cli -- reset-password USER`), the new
 * generated password printed as a plain line. Real processes (tsx) on a fresh database of the kind under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { auditLog, users } from '../../src/db/schema.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { verifyPassword } from '../../src/services/passwords.js';
import { dbKind, realPostgresUrl } from '../support/database.js';

let dataDir: string;
let scratch: ScratchDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cli-passwords-'));
  scratch = realPostgresUrl ? await createScratchDatabase(realPostgresUrl, 'cli') : undefined;
  const { DATABASE_URL: _url, TEST_DATABASE_URL: _test, ...rest } = process.env;
  env = {
    ...rest,
    DATA_DIR: dataDir,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    TOKEN_SECRET: 'cli-test-token-secret-0123456789abcdef',
    AUDIT_KEY: 'cli-test-audit-key-0123456789abcdef',
    LOG_LEVEL: 'warn',
  };
}, 60_000);
afterAll(async () => scratch?.drop());

function run(script: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase(scratch ? { databaseUrl: scratch.url } : { dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

describe(`passwords from the command line on ${dbKind}`, () => {
  it('reset-password USER prints a new generated password that logs in (to be changed), audited; an unknown user is named', async () => {
    const added = await run('src/cli.ts', ['user', 'add', 'qingguan', 'admin'], { NEW_USER_PASSWORD: 'Clerk-Passw0rd!' });
    expect(added.code, added.stderr).toBe(0);
    const reset = await run('src/cli.ts', ['reset-password', 'qingguan']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('已重置用户 qingguan 的密码');
    const line = reset.stdout.split('\n').find((l) => /^ {4}\S+$/.test(l));
    expect(line, reset.stdout).toBeDefined();
    const password = line!.trim();
    const row = await withDb(async (db) => (await db.select().from(users).where(eq(users.username, 'qingguan')))[0]!);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'Clerk-Passw0rd!')).toBe(false);
    expect(row.mustChangePassword).toBe(true);
    const audit = await withDb(async (db) => db.select().from(auditLog).where(eq(auditLog.entityId, row.id)));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit)).not.toContain(password);

    const unknown = await run('src/cli.ts', ['reset-password', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('用户不存在');
  }, 120_000);
});
