/**
 * The render thread's side of render-thread.ts (a piscina task): one paper rendered with the same `renderDocument` as
 * on the request thread, its bytes sent back over the task's port as they come. Voter cards are pulled from the
 * request thread batch by batch (it pages the database), so neither side holds a 20,000-card community in memory.
 */
import { Writable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import { renderDocument } from './render.js';
import type { AnyViewModel, VoterCard } from './view-models.js';

/** Bytes sent but not yet written by the request thread before the renderer waits (its output's back-pressure). */
const IN_FLIGHT_LIMIT = 4 * 1024 * 1024;

export interface RenderTask {
  /** The paper; for voter cards `vm.cards` is empty and `pullCards` is set. */
  readonly input: AnyViewModel;
  readonly pullCards: boolean;
  readonly port: MessagePort;
}

/** Worker → request thread. */
export type FromRenderer =
  | { readonly t: 'chunk'; readonly data: Uint8Array }
  | { readonly t: 'progress'; readonly done: number; readonly total: number }
  | { readonly t: 'more' }
  | { readonly t: 'end' };

/** Request thread → worker. */
export type ToRenderer = { readonly t: 'ack'; readonly bytes: number } | { readonly t: 'cards'; readonly cards: VoterCard[]; readonly done: boolean };

/** pdfkit writes many small chunks (an object, a line of a stream): they are posted together, this many bytes at a time. */
const POST_BYTES = 64 * 1024;

/** The output: chunks posted in batches; a write is held back while too many bytes are unacknowledged. */
class PortOutput extends Writable {
  private inFlight = 0;
  private held: (() => void) | null = null;
  private batch: Buffer[] = [];
  private batchBytes = 0;

  constructor(private readonly port: MessagePort) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= POST_BYTES) this.post();
    if (this.inFlight < IN_FLIGHT_LIMIT) callback();
    else this.held = callback;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.post();
    this.port.postMessage({ t: 'end' } satisfies FromRenderer);
    callback();
  }

  private post(): void {
    if (this.batchBytes === 0) return;
    const data = this.batch.length === 1 ? this.batch[0]! : Buffer.concat(this.batch, this.batchBytes);
    this.port.postMessage({ t: 'chunk', data } satisfies FromRenderer);
    this.inFlight += this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
  }

  acknowledge(bytes: number): void {
    this.inFlight -= bytes;
    if (this.held && this.inFlight < IN_FLIGHT_LIMIT) {
      const release = this.held;
      this.held = null;
      release();
    }
  }
}

export default async function renderTask({ input, pullCards, port }: RenderTask): Promise<void> {
  const out = new PortOutput(port);
  let cardsArrived: ((batch: { cards: VoterCard[]; done: boolean }) => void) | null = null;
  port.on('message', (message: ToRenderer) => {
    if (message.t === 'ack') out.acknowledge(message.bytes);
    else cardsArrived?.(message);
  });
  async function* cards(): AsyncGenerator<VoterCard> {
    for (;;) {
      const batch = await new Promise<{ cards: VoterCard[]; done: boolean }>((resolve) => {
        cardsArrived = resolve;
        port.postMessage({ t: 'more' } satisfies FromRenderer);
      });
      yield* batch.cards;
      if (batch.done) return;
    }
  }
  const paper = pullCards && input.kind === 'voter-cards' ? { ...input, vm: { ...input.vm, cards: cards() } } : input;
  try {
    await renderDocument(paper, out, { onProgress: (done, total) => port.postMessage({ t: 'progress', done, total } satisfies FromRenderer) });
  } catch (error) {
    port.close();
    throw error;
  }
  // On success the request thread closes the port once it has read `end` (closing here could drop what is queued).
}
