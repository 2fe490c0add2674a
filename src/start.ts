/** Opens the database, applies migrations, bootstraps `admin` and builds the app: shared by the server, CLI and tests. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { initialiseDataDir, migrateDatabase, openDatabase, type Database } from './db/client.js';
import { buildApp } from './http/app.js';
import { bootstrapAdmin } from './services/users.js';
import { loadSecrets } from './secrets.js';
import { prepareAuditChain } from './db/audit.js';

export interface Service {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly generatedAdminPassword?: string;
}

export async function prepareDatabase(config: Config): Promise<{ database: Database; generatedAdminPassword?: string }> {
  if (!config.databaseUrl) await initialiseDataDir(config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  loadSecrets(config);
  await prepareAuditChain(database.db);
  const boot = await bootstrapAdmin(database.db, config.adminPassword);
  return boot.generatedPassword ? { database, generatedAdminPassword: boot.generatedPassword } : { database };
}

export async function startService(config: Config, logStream?: NodeJS.WritableStream): Promise<Service> {
  const prepared = await prepareDatabase(config);
  const app = await buildApp({ config, database: prepared.database, ...(logStream ? { logStream } : {}) });
  app.addHook('onClose', async () => prepared.database.close());
  // every instance takes jobs (pg-boss); in-process queues start with the app
  await app.deps.jobs.start();
  return { app, ...prepared };
}
