/** Job outputs are deleted JOB_OUTPUT_KEEP_DAYS after they were written (src/jobs/documents.ts sweepJobOutputs). */
import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepJobOutputs } from '../../src/jobs/documents.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dataDirWith(files: Record<string, number>): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sweep-'));
  dirs.push(dataDir);
  await mkdir(join(dataDir, 'jobs'));
  for (const [name, daysAgo] of Object.entries(files)) {
    const file = join(dataDir, 'jobs', name);
    await writeFile(file, '%PDF-1.3\n');
    const at = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
    await utimes(file, at, at);
  }
  return dataDir;
}

describe('sweeping job outputs', () => {
  it('deletes what was last written more than the days kept ago, and nothing newer', async () => {
    const dataDir = await dataDirWith({ 'a-1.pdf': 8, 'b-1.pdf': 6.9, 'c-2.pdf': 30, 'd-1.pdf': 0 });
    const deleted = await sweepJobOutputs(dataDir, 7);
    expect(deleted.sort()).toEqual(['a-1.pdf', 'c-2.pdf']);
    expect((await readdir(join(dataDir, 'jobs'))).sort()).toEqual(['b-1.pdf', 'd-1.pdf']);
  });

  it('counts from the clock it is given, and leaves sub-directories alone', async () => {
    const dataDir = await dataDirWith({ 'a-1.pdf': 0 });
    await mkdir(join(dataDir, 'jobs', 'old-dir'));
    await utimes(join(dataDir, 'jobs', 'old-dir'), new Date(0), new Date(0));
    expect(await sweepJobOutputs(dataDir, 7, new Date(Date.now() + 6 * 24 * 3600 * 1000))).toEqual([]);
    expect(await sweepJobOutputs(dataDir, 7, new Date(Date.now() + 8 * 24 * 3600 * 1000))).toEqual(['a-1.pdf']);
    expect(await readdir(join(dataDir, 'jobs'))).toEqual(['old-dir']);
  });

  it('does nothing where no job has written yet', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sweep-'));
    dirs.push(dataDir);
    expect(await sweepJobOutputs(dataDir, 7)).toEqual([]);
  });
});
