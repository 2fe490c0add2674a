/**
 * Papers rendered off the request thread. Drawing a paper is CPU work (2,000 voter cards take about 2.5 s of one
 * core); on the request thread every request waits behind it. A piscina pool of render threads runs
 * `render-task.ts` at a lower CPU priority (nice +10): on a busy machine the kernel serves requests first and the
 * paper takes what is left, on an idle one it takes a whole core. Threads start at the first paper and end after a
 * minute without one, so an idle office PC does not hold them.
 *
 * The bytes come back over a MessagePort into the caller's stream (an HTTP reply, a job's file) with back-pressure
 * both ways; voter cards are pulled from the loader's database pages as the thread needs them. A paper that cannot be
 * printed, a failed thread or an abort (the client went away, the job was cancelled) rejects and destroys the output.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { FromRenderer, RenderTask, ToRenderer } from './render-task.js';
import type { RenderOptions } from './render.js';
import type { AnyViewModel, VoterCard } from './view-models.js';

/** Voter cards handed to the thread per request (about 40 ms of drawing). */
const CARDS_PER_BATCH = 64;

const IS_TS = import.meta.url.endsWith('.ts');

export interface RenderPoolOptions {
  /** Render threads at most (default: one fewer than the cores, at least one, at most four). */
  readonly threads?: number;
  /** A thread ends after this long without a paper (ms). */
  readonly idleMs?: number;
  /** Added to the threads' nice value (0: same priority as requests). */
  readonly niceIncrement?: number;
}

export interface RenderPool {
  /** Renders `input` into `out` (ended when complete); rejects, and destroys `out`, when it cannot be completed. */
  render(input: AnyViewModel, out: Writable, options?: RenderOptions & { readonly signal?: AbortSignal }): Promise<void>;
  /** The paper as a readable stream (an HTTP reply): a failure mid-way destroys it, the client sees a cut download. */
  stream(input: AnyViewModel): Readable;
  /** Threads running now (0 when idle). */
  threads(): number;
  /** Papers waiting for a thread. */
  queued(): number;
  close(): Promise<void>;
}

export function defaultRenderThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const piscina = new Piscina({
    filename: new URL(`./render-task${IS_TS ? '.ts' : '.js'}`, import.meta.url).href,
    minThreads: 0,
    maxThreads: options.threads ?? defaultRenderThreads(),
    idleTimeout: options.idleMs ?? 60_000,
    niceIncrement: options.niceIncrement ?? 10,
    // Under tsx or vitest the thread loads the TypeScript sources through tsx, as the request thread does.
    ...(IS_TS ? { execArgv: ['--import', createRequire(import.meta.url).resolve('tsx')] } : {}),
  });

  async function render(input: AnyViewModel, out: Writable, opts: RenderOptions & { readonly signal?: AbortSignal } = {}): Promise<void> {
    const { port1: port, port2 } = new MessageChannel();
    const abort = new AbortController();
    const stop = () => abort.abort(opts.signal?.reason ?? new Error('the paper was cancelled'));
    opts.signal?.addEventListener('abort', stop, { once: true });
    if (opts.signal?.aborted) stop();
    // The client went away (or the file could not be written): stop drawing.
    const outFailed = () => abort.abort(new Error('the output was closed before the paper was complete'));
    out.once('close', outFailed);
    out.once('error', outFailed);

    const cards =
      input.kind === 'voter-cards' ? ((input.vm.cards as AsyncIterable<VoterCard>)[Symbol.asyncIterator]?.() ?? (input.vm.cards as Iterable<VoterCard>)[Symbol.iterator]()) : null;
    const pulled = input.kind === 'voter-cards' ? { ...input, vm: { ...input.vm, cards: [] } } : input;

    let ended!: () => void;
    const endSeen = new Promise<void>((resolve) => (ended = resolve));
    const send = (message: ToRenderer) => port.postMessage(message);
    port.on('message', (message: FromRenderer) => {
      switch (message.t) {
        case 'chunk': {
          const bytes = message.data.byteLength;
          out.write(Buffer.from(message.data.buffer, message.data.byteOffset, bytes), () => send({ t: 'ack', bytes }));
          return;
        }
        case 'progress':
          try {
            opts.onProgress?.(message.done, message.total);
          } catch (error) {
            abort.abort(error);
          }
          return;
        case 'more':
          void nextBatch().then(
            (batch) => send({ t: 'cards', ...batch }),
            (error: unknown) => abort.abort(error),
          );
          return;
        case 'end':
          ended();
          return;
      }
    });
    async function nextBatch(): Promise<{ cards: VoterCard[]; done: boolean }> {
      const batch: VoterCard[] = [];
      while (batch.length < CARDS_PER_BATCH) {
        const next = await cards!.next();
        if (next.done) return { cards: batch, done: true };
        batch.push(next.value);
      }
      return { cards: batch, done: false };
    }

    const task: RenderTask = { input: pulled, pullCards: cards !== null, port: port2 };
    try {
      await piscina.run(task, { transferList: [port2], signal: abort.signal });
      await endSeen;
      await new Promise<void>((resolve, reject) => {
        out.off('close', outFailed);
        out.off('error', outFailed);
        out.once('error', reject);
        out.end(resolve);
      });
    } catch (error) {
      const reason = abort.signal.aborted ? abort.signal.reason : error;
      out.once('error', () => undefined);
      out.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      await (cards as AsyncIterator<VoterCard> | null)?.return?.();
      throw reason;
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      port.close();
    }
  }

  return {
    render,
    stream(input) {
      const out = new PassThrough({ highWaterMark: 1024 * 1024 });
      render(input, out).catch(() => undefined);
      return out;
    },
    threads: () => piscina.threads.length,
    queued: () => piscina.queueSize,
    close: () => piscina.destroy(),
  };
}
