/**
 * Golden images: each paper of the sample round, rendered to PNG, against the committed references within a
 * tolerance, so a layout change shows in review. The references are written only by `npm run papers:golden`.
 */
import { existsSync, readFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderBuffer } from '../../src/pdf/render.js';
import { goldenFile, goldenPapers, pdfToPngs } from './golden.js';
import * as sample from './sample.js';

/** Share of a page's pixels that may differ (anti-aliasing of another poppler build), exact fraction: 1 in 200. */
const TOLERANCE = { num: 1, den: 200 };

describe('golden images of the sample round (npm run papers:golden regenerates them)', () => {
  it.each(goldenPapers())('$name matches its reference pages', async ({ name, input }) => {
    const pages = pdfToPngs(await renderBuffer(input));
    let expected = 0;
    while (existsSync(goldenFile(name, expected + 1))) expected += 1;
    expect(pages.length, `${name}: page count (run npm run papers:golden after an intended change)`).toBe(expected);
    pages.forEach((png, i) => {
      const actual = PNG.sync.read(png);
      const reference = PNG.sync.read(readFileSync(goldenFile(name, i + 1)));
      expect([actual.width, actual.height], `${name} page ${i + 1}: size`).toEqual([reference.width, reference.height]);
      const diff = pixelmatch(actual.data, reference.data, undefined, actual.width, actual.height, { threshold: 0.1 });
      expect(diff * TOLERANCE.den, `${name} page ${i + 1}: ${diff} pixels differ`).toBeLessThanOrEqual(actual.width * actual.height * TOLERANCE.num);
    });
  });

  it('tells a changed paper from its reference', async () => {
    const changed = { kind: 'election-notice' as const, vm: sample.electionNotice({ mobileBoxes: 0, pollingStations: [] }) };
    const [page] = pdfToPngs(await renderBuffer(changed));
    const actual = PNG.sync.read(page!);
    const reference = PNG.sync.read(readFileSync(goldenFile('election-notice', 1)));
    const diff = pixelmatch(actual.data, reference.data, undefined, actual.width, actual.height, { threshold: 0.1 });
    expect(diff * TOLERANCE.den).toBeGreaterThan(actual.width * actual.height * TOLERANCE.num);
  });
});
