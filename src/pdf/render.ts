/**
 * `renderDocument(kind, vm, out)` (or `renderDocument({ kind, vm }, out)`): one paper from its view model to a
 * writable stream (an HTTP response, a file, a counting sink). `createDocumentStream(kind, vm)` gives it as a
 * Readable. Output is deterministic: the metadata dates are the paper's own date and the file /ID follows from them,
 * so the same data gives the same bytes. A view model with a blocking problem (`checkReady`) is refused before the
 * first byte.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { AnyViewModel, DocumentKind, ViewModelOf } from './view-models.js';
import { assertPrintable } from './ready.js';
import { loadTemplate, say } from './template.js';
import { createDocument, defaultIssuer, pageFooters, type Doc } from './layout.js';
import { renderElectionNotice } from './papers/election-notice.js';
import { renderVoterList } from './papers/voter-list.js';
import { renderCandidateList } from './papers/candidate-list.js';
import { renderBallot } from './papers/ballot.js';
import { renderVoterCards } from './papers/voter-cards.js';
import { renderResultNotice } from './papers/result-notice.js';
import { renderCertificates } from './papers/certificates.js';
import { renderFilingReport } from './papers/filing-report.js';

export interface RenderOptions {
  /** Progress of long papers (voter cards): done of total. */
  readonly onProgress?: (done: number, total: number) => void;
}

function titleAndDate(input: AnyViewModel): { title: string; date: string } {
  switch (input.kind) {
    case 'election-notice':
      return { title: say(loadTemplate('election-notice'), 'title', { communityName: input.vm.communityName }), date: input.vm.issuedOn };
    case 'voter-list':
      return { title: say(loadTemplate('voter-list'), 'title', { communityName: input.vm.communityName }), date: input.vm.publishedOn };
    case 'candidate-list': {
      const dates = input.vm.lists.map((l) => l.publishedOn).sort();
      return { title: say(loadTemplate('candidate-list'), 'doc_title', { communityName: input.vm.communityName }), date: dates[dates.length - 1] ?? input.vm.electionDay };
    }
    case 'ballot':
      return { title: say(loadTemplate('ballot'), 'doc_title', { communityName: input.vm.communityName }), date: input.vm.electionDay };
    case 'voter-cards':
      return { title: say(loadTemplate('voter-cards'), input.vm.holders === 'representatives' ? 'doc_title_representatives' : 'doc_title', { communityName: input.vm.communityName }), date: input.vm.electionDay };
    case 'result-notice': {
      const template = loadTemplate(input.vm.party ? 'party-result-notice' : 'result-notice');
      return { title: say(template, 'title', { communityName: input.vm.communityName, partyOrg: input.vm.party?.orgName ?? '' }), date: input.vm.issuedOn };
    }
    case 'certificates': {
      const dates = input.vm.certificates.map((c) => c.issuedOn).sort();
      return { title: say(loadTemplate('certificates'), 'doc_title', { communityName: input.vm.communityName }), date: dates[0] ?? '2000-01-01' };
    }
    case 'filing-report':
      return { title: say(loadTemplate('filing-report'), 'title', { communityName: input.vm.communityName }), date: input.vm.reportDate };
    default: {
      const never: never = input;
      throw new Error(`unknown paper ${(never as { kind: string }).kind}`);
    }
  }
}

async function draw(doc: Doc, input: AnyViewModel, out: Writable | null, options: RenderOptions): Promise<void> {
  switch (input.kind) {
    case 'election-notice':
      return renderElectionNotice(doc, input.vm);
    case 'voter-list':
      return renderVoterList(doc, input.vm);
    case 'candidate-list':
      return renderCandidateList(doc, input.vm);
    case 'ballot':
      return renderBallot(doc, input.vm);
    case 'voter-cards':
      return renderVoterCards(doc, input.vm, out, options.onProgress);
    case 'result-notice':
      return renderResultNotice(doc, input.vm);
    case 'certificates':
      return renderCertificates(doc, input.vm);
    case 'filing-report':
      return renderFilingReport(doc, input.vm);
    default: {
      const never: never = input;
      throw new Error(`unknown paper ${(never as { kind: string }).kind}`);
    }
  }
}

function toInput<K extends DocumentKind>(kind: K, vm: ViewModelOf<K>): AnyViewModel {
  return { kind, vm } as AnyViewModel;
}

async function render(input: AnyViewModel, out: Writable, options: RenderOptions): Promise<void> {
  const fail = (error: unknown): never => {
    // The promise carries the error to the caller; the stream's own listeners still see it, and none is required.
    out.once('error', () => undefined);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  };
  let doc: Doc;
  try {
    assertPrintable(input);
    const { title, date } = titleAndDate(input);
    // Voter cards stream (20,000 cards are not held in memory): their sheets carry no footer. Every other paper keeps
    // its pages until the end for 第 x 页 共 y 页.
    doc = createDocument({ title, date, bufferPages: input.kind !== 'voter-cards' });
  } catch (error) {
    return fail(error);
  }
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  finished.catch(() => undefined);
  doc.pipe(out);
  try {
    await draw(doc, input, out, options);
    // A certificate is a document of its own (no footer); a ballot sheet stands alone (no page number on it).
    if (input.kind !== 'voter-cards' && input.kind !== 'certificates') pageFooters(doc, input.vm.org, input.kind !== 'ballot');
  } catch (error) {
    doc.unpipe(out);
    return fail(error);
  }
  doc.end();
  await finished;
}

/**
 * Renders into `out` (piped; `out` is ended when the paper is complete). Resolves once the last byte is handed over;
 * rejects (and destroys `out`) when the paper cannot be printed.
 */
export function renderDocument<K extends DocumentKind>(kind: K, vm: ViewModelOf<K>, out: Writable, options?: RenderOptions): Promise<void>;
export function renderDocument(input: AnyViewModel, out: Writable, options?: RenderOptions): Promise<void>;
export function renderDocument(
  a: AnyViewModel | DocumentKind,
  b: Writable | AnyViewModel['vm'],
  c?: Writable | RenderOptions,
  d?: RenderOptions,
): Promise<void> {
  if (typeof a === 'string') return render(toInput(a, b as ViewModelOf<typeof a>), c as Writable, d ?? {});
  return render(a, b as Writable, (c as RenderOptions | undefined) ?? {});
}

/**
 * The paper as a readable stream (for an HTTP reply). Rendering starts at once; a failure mid-way destroys the
 * stream (the client sees a truncated download rather than a wrong paper).
 */
export function renderStream(input: AnyViewModel, options: RenderOptions = {}): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  render(input, out, options).catch(() => undefined);
  return out;
}

/** `renderStream` by kind and view model: `reply.send(createDocumentStream('ballot', vm))`. */
export function createDocumentStream<K extends DocumentKind>(kind: K, vm: ViewModelOf<K>, options: RenderOptions = {}): Readable {
  return renderStream(toInput(kind, vm), options);
}

/** The whole paper in memory (tests, small papers). */
export async function renderBuffer(input: AnyViewModel, options: RenderOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await render(input, out, options);
  return Buffer.concat(chunks);
}

export { defaultIssuer };
export { DOCUMENT_KINDS } from './view-models.js';
export { checkReady, PaperNotReadyError, type PaperProblem, type ReadyResult } from './ready.js';
export type { AnyViewModel, DocumentKind, ViewModelOf };
