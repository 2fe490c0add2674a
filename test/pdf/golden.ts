/**
 * The golden-image check's sample round: every paper of a deterministic round (test/pdf/sample.ts) and its pages as
 * PNG (poppler's pdftoppm, 40 dpi, one bit a pixel: small files). `npm run papers:golden` writes the references into test/pdf/golden/;
 * test/pdf/golden.test.ts renders again and compares within a tolerance. The test never writes a reference.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyViewModel } from '../../src/pdf/view-models.js';
import * as sample from './sample.js';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
export const GOLDEN_DPI = 40;

/** Every paper of the sample round, by the file name its pages are kept under. */
export function goldenPapers(): { readonly name: string; readonly input: AnyViewModel }[] {
  return [
    { name: 'election-notice', input: { kind: 'election-notice', vm: sample.electionNotice() } },
    { name: 'election-notice-congress', input: { kind: 'election-notice', vm: sample.electionNotice({ method: 'congress', representatives: 45, mobileBoxes: 0, pollingStations: [] }) } },
    { name: 'voter-list', input: { kind: 'voter-list', vm: sample.voterList() } },
    { name: 'voter-cards', input: { kind: 'voter-cards', vm: sample.voterCards(10, 8) } },
    { name: 'candidate-list', input: { kind: 'candidate-list', vm: sample.candidateList() } },
    { name: 'party-candidate-list', input: { kind: 'candidate-list', vm: sample.partyCandidateList() } },
    { name: 'ballot', input: { kind: 'ballot', vm: sample.ballot() } },
    { name: 'party-ballots', input: { kind: 'ballot', vm: sample.partyBallots() } },
    { name: 'result-notice', input: { kind: 'result-notice', vm: sample.resultNotice() } },
    { name: 'party-result-notice', input: { kind: 'result-notice', vm: sample.partyResultNotice() } },
    { name: 'certificates', input: { kind: 'certificates', vm: sample.certificates() } },
    { name: 'filing-report', input: { kind: 'filing-report', vm: sample.filingReport() } },
  ];
}

/** The pages of a PDF as black-and-white PNG files' bytes, in page order. */
export function pdfToPngs(pdf: Buffer, dpi = GOLDEN_DPI): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    const file = join(dir, 'paper.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-mono', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const goldenFile = (name: string, page: number): string => join(GOLDEN_DIR, `${name}-${page}.png`);
