/**
 * `npm run bench:idle`: the resident memory of the service on the embedded database, as an office PC runs it.
 * Starts the server as `npm start` does (the compiled build, `node dist/src/server.js`, compiled first when stale;
 * BENCH_IDLE_TSX=1: `src/server.ts` under tsx, as `npm start` did before) on a new data directory, waits for /health and then
 * IDLE_SECONDS (20), and reads the server process's VmRSS and VmHWM; stops it and does the same again on the now
 * existing directory (every later start). The baseline is PGlite alone opened on the same directory in a bare Node
 * process (the floor the service stands on). Ends with one line per figure:
 *   bench idle-rss-first-start: <MB> MB, baseline <MB> MB, ratio <x>, peak <MB> MB
 *   bench idle-rss-restart: <MB> MB, baseline <MB> MB, ratio <x>, peak <MB> MB
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3790);

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function serverIdle(dataDir: string): Promise<{ rssMb: number; peakMb: number }> {
  // node --import tsx runs the server in this very process (the tsx command would add a launcher process)
  const args = process.env.BENCH_IDLE_TSX ? ['--import', 'tsx', 'src/server.ts'] : ['dist/src/server.js'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), DATABASE_URL: '', ADMIN_PASSWORD: 'Bench-Passw0rd!x', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i += 1) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (i > 600) throw new Error('the server did not answer /health within 5 minutes');
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(500);
    }
    await sleep(IDLE_SECONDS * 1000);
    return memoryOf(child.pid!);
  } finally {
    await stop(child);
  }
}

async function pgliteIdle(dataDir: string): Promise<{ rssMb: number; peakMb: number }> {
  const code = `
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(${JSON.stringify(dataDir)}, { postgresqlconf: ['shared_buffers=16MB'] });
    await db.query('select 1');
    await new Promise((r) => setTimeout(r, ${IDLE_SECONDS * 1000}));
    const s = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
    const kb = (k) => Number(new RegExp(k + ':\\\\s+(\\\\d+) kB').exec(s)[1]);
    console.log(JSON.stringify({ rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }));
    await db.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (exitCode !== 0) throw new Error(`the bare PGlite process exited with ${exitCode}`);
  return JSON.parse(out.trim()) as { rssMb: number; peakMb: number };
}

function line(name: string, ours: { rssMb: number; peakMb: number }, base: { rssMb: number }): string {
  return `bench ${name}: ${ours.rssMb} MB, baseline ${base.rssMb} MB, ratio ${(ours.rssMb / base.rssMb).toFixed(2)}, peak ${ours.peakMb} MB`;
}

if (!process.env.BENCH_IDLE_TSX) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts'], { stdio: 'inherit' });
const root = mkdtempSync(join(tmpdir(), 'bench-idle-'));
const dataDir = join(root, 'data');
try {
  const first = await serverIdle(dataDir);
  const again = await serverIdle(dataDir);
  const floor = await pgliteIdle(dataDir);
  process.stdout.write(`PGlite alone on the same directory: ${floor.rssMb} MB idle, peak ${floor.peakMb} MB (target for the service: < 300 MB)\n`);
  process.stdout.write(`${line('idle-rss-first-start', first, floor)}\n${line('idle-rss-restart', again, floor)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
