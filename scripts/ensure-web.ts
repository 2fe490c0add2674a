/**
 * Before `npm start`: installs the front end's own dependencies (web/package-lock.json) when they are missing or
 * older than the lock, and builds web/dist when it is missing or older than any source file. A fresh clone therefore
 * serves the screens after `npm ci && npm start`; a second start costs a directory walk.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const web = resolve(import.meta.dirname, '..', 'web');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (mtime(join(web, 'node_modules', '.package-lock.json')) < mtime(join(web, 'package-lock.json'))) {
  process.stdout.write('前端依赖安装中 (npm --prefix web ci)…\n');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' });
}
const sources = ['src', 'index.html', 'vite.config.ts', 'package-lock.json'].map((name) => join(web, name)).filter(existsSync);
if (mtime(join(web, 'dist', 'index.html')) < Math.max(...sources.map(newest))) {
  process.stdout.write('前端构建中 (npm --prefix web run build)…\n');
  execFileSync(npm, ['run', 'build'], { cwd: web, stdio: 'inherit' });
}
