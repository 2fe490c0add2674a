/**
 * `npm run api:types`: web/src/api/schema.d.ts from the OpenAPI document the app serves (built on a temporary
 * embedded database), through openapi-typescript.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testConfig } from '../src/config.js';
import { startService } from '../src/start.js';

const web = resolve(import.meta.dirname, '..', 'web');
const dataDir = await mkdtemp(join(tmpdir(), 'huanjie-openapi-'));
try {
  const { app } = await startService(testConfig({ dataDir }));
  await app.ready();
  const document = join(dataDir, 'openapi.json');
  await writeFile(document, JSON.stringify(app.swagger()));
  await app.close();
  execFileSync(join(web, 'node_modules', '.bin', 'openapi-typescript'), [document, '-o', join(web, 'src', 'api', 'schema.d.ts')], { stdio: 'inherit' });
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
