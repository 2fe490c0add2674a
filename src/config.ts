import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z.string().min(1).optional(),
  adminPassword: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signing secret for bearer tokens; when unset, read from `tokenSecretFile` (generated there on first start). */
  tokenSecret: z.string().min(32).optional(),
  /** Default `<dataDir>/token-secret`. */
  tokenSecretFile: z.string().min(1).optional(),
  /** Key of the audit log's HMAC chain; when unset, read from `auditKeyFile` (generated there on first start). */
  auditKey: z.string().min(32).optional(),
  /** Default `<dataDir>/audit-key`. */
  auditKeyFile: z.string().min(1).optional(),
  tokenTtlSeconds: z.coerce.number().int().positive().default(8 * 3600),
  /** Time zone of every calendar date (DESIGN.md: Asia/Shanghai). */
  timeZone: z.string().default('Asia/Shanghai'),
  bodyLimitBytes: z.coerce.number().int().positive().default(1024 * 1024),
  uploadLimitBytes: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Uploaded tables (table-reader.ts): longest CSV record, cells per row, XLSX size once unpacked, worker threshold. */
  uploadMaxLineChars: z.coerce.number().int().positive().default(64 * 1024),
  uploadMaxCells: z.coerce.number().int().positive().default(1000),
  uploadUnpackedLimitBytes: z.coerce.number().int().positive().default(256 * 1024 * 1024),
  uploadWorkerThresholdBytes: z.coerce.number().int().nonnegative().default(512 * 1024),
  corsOrigins: z.string().optional(),
  /** A running job without a heartbeat for this long is taken as dead (its process stopped) and retried or failed. */
  jobStaleSeconds: z.coerce.number().positive().default(30),
  /** A job's paper is deleted from DATA_DIR/jobs this many days after it was made. */
  jobOutputKeepDays: z.coerce.number().positive().default(7),
  /** Threads drawing papers beside the request thread (render-thread.ts); default: one fewer than the cores (1–4). */
  renderThreads: z.coerce.number().int().min(1).max(32).optional(),
  /** The built front end served at `/` (skipped when it holds no index.html). */
  webDir: z.string().min(1).default('web/dist'),
  /** Login attempts per minute for one user name from one address, and for one address whatever the user name. */
  loginPerUserPerMinute: z.coerce.number().int().positive().default(20),
  loginPerAddressPerMinute: z.coerce.number().int().positive().default(60),
});

export type Config = z.infer<typeof ConfigSchema>;

/** The only place that reads the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return ConfigSchema.parse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL,
    tokenSecret: env.TOKEN_SECRET || undefined,
    tokenSecretFile: env.TOKEN_SECRET_FILE || undefined,
    auditKey: env.AUDIT_KEY || undefined,
    auditKeyFile: env.AUDIT_KEY_FILE || undefined,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
    uploadMaxLineChars: env.UPLOAD_MAX_LINE_CHARS,
    uploadMaxCells: env.UPLOAD_MAX_CELLS,
    uploadUnpackedLimitBytes: env.UPLOAD_UNPACKED_LIMIT_BYTES,
    uploadWorkerThresholdBytes: env.UPLOAD_WORKER_THRESHOLD_BYTES,
    corsOrigins: env.CORS_ORIGINS || undefined,
    jobStaleSeconds: env.JOB_STALE_SECONDS,
    jobOutputKeepDays: env.JOB_OUTPUT_KEEP_DAYS,
    renderThreads: env.RENDER_THREADS || undefined,
    webDir: env.WEB_DIR || undefined,
    loginPerUserPerMinute: env.LOGIN_PER_USER_PER_MINUTE,
    loginPerAddressPerMinute: env.LOGIN_PER_ADDRESS_PER_MINUTE,
  });
}

/** Environment variable through which a test hands its secrets to the service processes it starts. */
export const TEST_SECRETS_ENV = 'HUANJIE_TEST_SECRETS';

/**
 * Secrets of this process's tests and demos: never written to a data directory. A child process started by a test
 * (a second API instance, a process the test kills) inherits them through `TEST_SECRETS_ENV`, so tokens signed by
 * one are accepted by the other, as between two instances of one deployment.
 */
const TEST_SECRETS: { tokenSecret: string; auditKey: string } = (() => {
  const inherited = process.env[TEST_SECRETS_ENV];
  if (inherited) return JSON.parse(inherited) as { tokenSecret: string; auditKey: string };
  return { tokenSecret: randomBytes(32).toString('base64url'), auditKey: randomBytes(32).toString('base64url') };
})();

/** The environment entry a test passes to a child process so that it shares this process's test secrets. */
export function testSecretsEnv(): Record<string, string> {
  return { [TEST_SECRETS_ENV]: JSON.stringify(TEST_SECRETS) };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return ConfigSchema.parse({ logLevel: 'silent', adminPassword: 'Admin-Passw0rd!', ...TEST_SECRETS, ...overrides });
}
