/** Child processes of the kill and fail-over tests: a service process whose stdout lines the test waits for. */
import { spawn, type ChildProcess } from 'node:child_process';
import { testSecretsEnv } from '../../src/config.js';

export interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
}

/** Runs `script` (TypeScript, through tsx) with its input as JSON in the environment variable `envName`. */
export function startChildProcess(script: string, envName: string, input: Record<string, unknown>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...testSecretsEnv(), [envName]: JSON.stringify(input) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    process: child,
    lines,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolveLine, reject) => {
        const found = lines.find((l) => pattern.test(l));
        if (found) return resolveLine(found);
        const timer = setTimeout(() => reject(new Error(`child did not print ${pattern} in ${timeoutMs} ms; stdout: ${lines.join(' | ')}; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolveLine(l)) });
        child.once('exit', () => setTimeout(() => reject(new Error(`child exited; stdout: ${lines.join(' | ')}; stderr: ${stderr.slice(-2000)}`)), 50));
      }),
  };
}

export async function kill(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGKILL');
  await exited;
}

