/**
 * The CJK font of every paper: Noto Sans SC (Noto Sans Hans, OTF) from the `@embedpdf/fonts-sc` npm package, so a
 * fresh machine needs nothing else. Each weight is read once per process (a lazy singleton Buffer) and parsed once
 * (fontkit, the parser pdfkit itself uses); every document registers the parsed face, so a paper costs no font
 * parsing, and pdfkit embeds only the glyphs used (a subset), so a paper stays small.
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

/** A parsed font face as pdfkit accepts it in `registerFont` (duck-typed by pdfkit: an object with `layout`). */
export type FontFace = { readonly layout: (...args: never[]) => unknown };

const faces = new Map<FontWeight, FontFace | Buffer>();

/**
 * The face to register in a document: parsed once per process with the fontkit that pdfkit depends on (same bytes
 * out as registering the Buffer, about ten times less work per paper). Falls back to the Buffer if fontkit cannot be
 * loaded on its own.
 */
export function fontFace(weight: FontWeight = 'regular'): FontFace | Buffer {
  let face = faces.get(weight);
  if (!face) {
    const bytes = fontBytes(weight);
    try {
      const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
      const fontkit = fromPdfkit('fontkit') as { create: (buffer: Uint8Array) => unknown };
      const parsed = fontkit.create(bytes);
      face = typeof (parsed as Partial<FontFace> | null)?.layout === 'function' ? (parsed as FontFace) : bytes;
    } catch {
      face = bytes;
    }
    faces.set(weight, face);
  }
  return face;
}
