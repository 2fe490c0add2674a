/**
 * The two secrets kept outside the database they protect: the token-signing secret and the audit chain's HMAC key.
 * Each comes from the configuration (`TOKEN_SECRET`, `AUDIT_KEY`) or from a file, by default in the data directory,
 * generated on first start with mode 0600. Several instances over one PostgreSQL must share them (set the variables
 * or point `TOKEN_SECRET_FILE` / `AUDIT_KEY_FILE` at the same file).
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.js';
import { useAuditKey } from './db/audit.js';
import { useCardKey } from './services/card-tokens.js';

const MIN_LENGTH = 32;

function readSecretFile(file: string): string {
  const value = readFileSync(file, 'utf8').trim();
  if (value.length < MIN_LENGTH) throw new Error(`${file} holds fewer than ${MIN_LENGTH} characters`);
  // A secret readable by others is tightened, not refused: the service must still start.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return value;
}

/** The configured value, or the file's content; a missing file is created (exclusively: two starts agree). */
export function loadSecret(input: { value?: string | undefined; file: string }): string {
  if (input.value) return input.value;
  try {
    return readSecretFile(input.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(input.file), { recursive: true });
  try {
    writeFileSync(input.file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecretFile(input.file);
}

export const tokenSecretFile = (config: Config): string => config.tokenSecretFile ?? join(config.dataDir, 'token-secret');
export const auditKeyFile = (config: Config): string => config.auditKeyFile ?? join(config.dataDir, 'audit-key');

export interface Secrets {
  readonly tokenKey: KeyObject;
  readonly auditKey: Buffer;
}

/** Loads both secrets and hands the audit key to the audit log; call once at start, before anything is audited. */
export function loadSecrets(config: Config): Secrets {
  const tokenKey = createSecretKey(Buffer.from(loadSecret({ value: config.tokenSecret, file: tokenSecretFile(config) }), 'utf8'));
  const auditKey = Buffer.from(loadSecret({ value: config.auditKey, file: auditKeyFile(config) }), 'utf8');
  useAuditKey(auditKey);
  useCardKey(tokenKey);
  return { tokenKey, auditKey };
}
