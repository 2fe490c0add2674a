/**
 * `npm run papers:golden`: renders every paper of the sample round and writes its pages as the reference images of
 * the golden-image check (test/pdf/golden/). Run it on purpose after a layout change, look at the new images, and
 * commit them with the change; the test itself never writes them.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBuffer } from '../src/pdf/render.js';
import { GOLDEN_DIR, goldenFile, goldenPapers, pdfToPngs } from '../test/pdf/golden.js';

async function main(): Promise<void> {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const f of readdirSync(GOLDEN_DIR)) if (f.endsWith('.png')) rmSync(join(GOLDEN_DIR, f));
  let bytes = 0;
  for (const { name, input } of goldenPapers()) {
    const pages = pdfToPngs(await renderBuffer(input));
    pages.forEach((png, i) => {
      writeFileSync(goldenFile(name, i + 1), png);
      bytes += png.length;
    });
    process.stdout.write(`${name}: ${pages.length} page(s)\n`);
  }
  process.stdout.write(`references written to ${GOLDEN_DIR} (${Math.round(bytes / 1024)} KB)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
