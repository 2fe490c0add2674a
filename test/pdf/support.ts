/** Renders a view model and extracts its text with poppler's pdftotext (-layout), as a reader would see it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBuffer } from '../../src/pdf/render.js';
import type { AnyViewModel } from '../../src/pdf/view-models.js';

const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
let n = 0;

export function pdfText(pdf: Buffer, layout = true): string {
  n += 1;
  const file = join(dir, `${n}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** The text without the spaces and line breaks that layout extraction puts between table cells. */
export const squash = (text: string): string => text.replace(/\s+/g, '');

export async function render(input: AnyViewModel): Promise<{ pdf: Buffer; text: string; flat: string }> {
  const pdf = await renderBuffer(input);
  const text = pdfText(pdf);
  return { pdf, text, flat: squash(text) };
}

export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

export const WHOLE_ID = /\d{17}[\dXx]/;
