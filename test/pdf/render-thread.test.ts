/**
 * Papers drawn in a render thread (src/pdf/render-thread.ts): the same bytes as on the request thread for every paper,
 * voter cards pulled from an async source as the thread needs them, the request thread free meanwhile, the thread at
 * a lower CPU priority, and a cancelled or abandoned paper stopped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBuffer } from '../../src/pdf/render.js';
import { createRenderPool } from '../../src/pdf/render-thread.js';
import type { VoterCard } from '../../src/pdf/view-models.js';
import { goldenPapers } from './golden.js';
import * as sample from './sample.js';

const pool = createRenderPool({ threads: 1, idleMs: 2_000 });
afterAll(() => pool.close());

async function inThread(input: Parameters<typeof pool.render>[0], options: Parameters<typeof pool.render>[2] = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await pool.render(input, out, options);
  return Buffer.concat(chunks);
}

/** A voter-card source that pages like the database loader, counting what was taken from it. */
function pagedCards(n: number): { source: AsyncIterable<VoterCard>; taken: () => number; closed: () => boolean } {
  const cards = [...sample.voterCards(n, 8).cards as Iterable<VoterCard>];
  let taken = 0;
  let closed = false;
  async function* source(): AsyncGenerator<VoterCard> {
    try {
      for (const card of cards) {
        if (taken % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        taken += 1;
        yield card;
      }
    } finally {
      closed = true;
    }
  }
  return { source: source(), taken: () => taken, closed: () => closed };
}

describe('papers drawn in a render thread', () => {
  // A fresh sample for each drawing: voter cards come from a one-shot generator.
  const paper = (name: string) => goldenPapers().find((p) => p.name === name)!.input;
  it.each(goldenPapers().map((p) => p.name))('%s: the same bytes as drawn on the request thread', async (name) => {
    const here = await renderBuffer(paper(name));
    const there = await inThread(paper(name));
    expect(there.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(there.equals(here)).toBe(true);
  });

  it('pulls voter cards from an async source as it draws, reports progress, and gives the same bytes', async () => {
    const vm = sample.voterCards(700, 8);
    const here = await renderBuffer({ kind: 'voter-cards', vm });
    const paged = pagedCards(700);
    const progress: number[] = [];
    const there = await inThread({ kind: 'voter-cards', vm: { ...vm, cards: paged.source } }, { onProgress: (done) => progress.push(done) });
    expect(there.equals(here)).toBe(true);
    expect(paged.taken()).toBe(700);
    expect(progress.at(-1)).toBe(700);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('leaves the request thread free: the drawing’s CPU time is spent in another thread', async () => {
    // Linux: utime + stime (fields 14 and 15, in clock ticks) of this thread and of the whole process.
    const ticks = (file: string) => {
      const f = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
      return Number(f[11]) + Number(f[12]);
    };
    const [thread0, process0] = [ticks('/proc/thread-self/stat'), ticks('/proc/self/stat')];
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    const pdf = await inThread({ kind: 'voter-cards', vm: sample.voterCards(2000, 8) });
    clearInterval(timer);
    const [thread, all] = [ticks('/proc/thread-self/stat') - thread0, ticks('/proc/self/stat') - process0];
    expect(pdf.length).toBeGreaterThan(100_000);
    // Drawn here, most of the process's CPU time is this thread's (0.6 measured); in the render thread about 0.05.
    expect(all).toBeGreaterThan(50);
    expect(thread / all).toBeLessThan(0.25);
    expect(gaps.length).toBeGreaterThan(10);
  });

  it('runs the thread at a lower CPU priority than the request thread', async () => {
    // Linux: /proc/self/task/<tid>/stat field 19 is the thread's nice value. A paper is drawn meanwhile so the thread lives.
    const nices = () =>
      readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    let seen: number[] = [];
    const drawing = inThread({ kind: 'voter-cards', vm: sample.voterCards(400, 8) }, { onProgress: () => (seen = nices()) });
    await drawing;
    expect(Math.max(...seen)).toBe(10);
    expect(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBe(0);
  });

  it('stops drawing, and stops reading the source, when the output is closed mid-way', async () => {
    const paged = pagedCards(5000);
    let bytes = 0;
    const out = new Writable({
      write(chunk: Buffer, _e, cb) {
        bytes += chunk.length;
        if (bytes > 50_000) this.destroy();
        cb();
      },
    });
    await expect(pool.render({ kind: 'voter-cards', vm: { ...sample.voterCards(1, 8), total: 5000, cards: paged.source } }, out)).rejects.toThrow();
    expect(paged.taken()).toBeLessThan(5000);
    expect(paged.closed()).toBe(true);
  });

  it('stops when the caller aborts (a cancelled job), and the next paper is drawn as usual', async () => {
    const abort = new AbortController();
    const out = new PassThrough();
    out.resume();
    const run = pool.render({ kind: 'voter-cards', vm: sample.voterCards(4000, 8) }, out, {
      signal: abort.signal,
      onProgress: (done) => {
        if (done >= 256) abort.abort(new Error('cancelled'));
      },
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(out.destroyed).toBe(true);
    const next = await inThread({ kind: 'ballot', vm: sample.ballot() });
    expect(next.equals(await renderBuffer({ kind: 'ballot', vm: sample.ballot() }))).toBe(true);
  });

  it('stops when the progress callback throws (the job was cancelled in the database)', async () => {
    const out = new PassThrough();
    out.resume();
    const run = pool.render({ kind: 'voter-cards', vm: sample.voterCards(4000, 8) }, out, {
      onProgress: () => {
        throw new Error('job cancelled');
      },
    });
    await expect(run).rejects.toThrow('job cancelled');
  });

  it('hands a paper that cannot be printed back as an error, with nothing written', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const vm = sample.electionNotice();
    await expect(pool.render({ kind: 'election-notice', vm: { ...vm, noticeNo: 0 } }, out)).rejects.toThrow(/PDF-NOTICE-NUMBER|cannot be printed|not ready/i);
    expect(Buffer.concat(chunks).length).toBe(0);
  });
});
