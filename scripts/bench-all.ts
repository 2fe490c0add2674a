/** `npm run bench`: runs every benchmark of the project, one after another, and repeats their figure lines at the end. */
import { spawn } from 'node:child_process';

const BENCHES = ['bench-import.ts', 'bench-pdf.ts', 'bench-api.ts', 'bench-idle.ts'];

async function run(script: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    let buffer = '';
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.startsWith('bench ')));
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`${script} exited with ${code}`))));
  });
}

const all: string[] = [];
let failed = 0;
for (const script of BENCHES) {
  process.stdout.write(`\n== ${script}\n`);
  try {
    all.push(...(await run(script)));
  } catch (error) {
    failed += 1;
    process.stderr.write(`${String(error)}\n`);
  }
}
process.stdout.write(`\n== summary\n${all.join('\n')}\n`);
process.exit(failed ? 1 : 0);
