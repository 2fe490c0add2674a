/** `npm run dev`: the API (tsx watch, PORT or 3000) and Vite's dev server (WEB_DEV_PORT or 5173) proxying /api to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = process.env.PORT ?? '3000';
const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', 'src/server.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn('npm', ['run', 'dev'], { cwd: resolve(root, 'web'), stdio: 'inherit', env: { ...process.env, API_URL: `http://127.0.0.1:${port}` } }),
];
function stop(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
for (const child of children) child.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
