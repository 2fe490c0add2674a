/**
 * Before `npm start`: compiles the service to dist/ (`tsc -p tsconfig.build.json`, as `npm run build`) when dist/ is
 * missing or older than any of its sources, so `npm start` runs compiled JavaScript. Under tsx the server idled about
 * 90 MB heavier (tsx's loader and the sources it keeps transpiled); compiled it idles under 300 MB on the embedded
 * database (BENCHMARKS.md, `npm run bench:idle`). A second start costs a directory walk.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.built');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'scripts/demo.ts', 'scripts/scenario.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built < Math.max(...sources.map((name) => newest(join(root, name))))) {
  let tsc: string;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('编译服务需要 TypeScript：请先运行 npm ci（含开发依赖）。\nTypeScript is needed to compile the service: run `npm ci` (with dev dependencies).\n');
    process.exit(1);
  }
  process.stdout.write('服务编译中 (tsc -p tsconfig.build.json)…\n');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
