/**
 * Starts the real service (tsx src/server.ts) serving the built web/dist on a fresh embedded database in a temporary
 * directory, seeds it through the API, and hands the seeded world to the tests (E2E_WORLD). The teardown stops the
 * server and deletes the directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { seedWorld } from './seed';
import { ADMIN_PASSWORD } from './world';

const web = resolve(import.meta.dirname, '..');
const root = resolve(web, '..');

async function waitForHealth(baseURL: string, child: { exitCode: number | null }, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${baseURL}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer /api/v1/health within 240 s:\n${output()}`);
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const baseURL = String(config.projects[0]?.use.baseURL);
  const port = new URL(baseURL).port;
  if (!existsSync(join(web, 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build` in web/ (the root `npm run e2e` does)');
  const dataDir = mkdtempSync(join(tmpdir(), 'huanjie-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    WEB_DIR: join(web, 'dist'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['src/server.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const teardown = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); r(undefined); }, 5000);
        child.once('exit', () => { clearTimeout(timer); r(undefined); });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, () => output);
    const world = await seedWorld(baseURL);
    process.env.E2E_WORLD = JSON.stringify(world);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
