/**
 * The CJK font of every paper: Noto Sans SC (Noto Sans Hans, OTF) from the `@embedpdf/fonts-sc` npm package, so a
 * fresh machine needs nothing else. Each weight is read once per process (a lazy singleton Buffer) and registered in
 * each document; pdfkit embeds only the glyphs used (a subset), so a paper stays small.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type FontWeight = 'regular' | 'bold';

const FILES: Readonly<Record<FontWeight, string>> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

let fontDir: string | undefined;
const cache = new Map<FontWeight, Buffer>();
let reads = 0;

function fontsDirectory(): string {
  if (!fontDir) {
    // The package exports only its entry (dist/index.*); the OTF files sit in ../fonts beside it.
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    fontDir = join(dirname(entry), '..', 'fonts');
  }
  return fontDir;
}

/** The font file's bytes, read on first use and kept for the life of the process. */
export function fontBytes(weight: FontWeight = 'regular'): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(join(fontsDirectory(), FILES[weight]));
    reads += 1;
    cache.set(weight, bytes);
  }
  return bytes;
}

/** How many font files this process has read (tests check that a second paper reads none). */
export function fontReads(): number {
  return reads;
}
