/**
 * What a person saw looking at the demo round's papers at 100% (issue 18), each as a text test: the signature and
 * seal never alone on a page (no （此页无正文）), a name never broken across lines, the 盖章处 label clear of the text
 * under the seal, the post on a certificate never broken across lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBuffer } from '../../src/pdf/render.js';
import type { ResultNoticeVm } from '../../src/pdf/view-models.js';
import * as sample from './sample.js';
import { pdfText } from './support.js';

const pagesOf = (text: string): string[] => text.split('\f').filter((p) => p.trim());
const flat = (s: string): string => s.replace(/\s+/g, '');

/** The page that carries the seal's place holds body text too: the notice's last lines went over with it. */
function expectSignatureWithText(text: string, lastLine: string): void {
  expect(flat(text)).not.toContain('此页无正文');
  const pages = pagesOf(text);
  const sealed = pages.filter((p) => p.includes('盖章处'));
  expect(sealed).toHaveLength(1);
  expect(flat(sealed[0]!)).toContain(lastLine);
}

/** A party notice with `n` members elected (names of two and three characters). */
function partyNotice(n: number): ResultNoticeVm {
  const vm = sample.partyResultNotice();
  const th = vm.contests[0]!.threshold!;
  const names = Array.from({ length: n }, (_, i) => sample.personName(i * 5 + 2));
  return {
    ...vm,
    contests: [{ ...vm.contests[0]!, seats: n, votes: names.map((name, i) => ({ name, votes: 20 - (i % 10), writeIn: false, elected: true })) }],
    elected: [{ post: 'party', people: names.map((name) => ({ name, threshold: th, stage: 'main' as const })) }],
  };
}

describe('the signature and the seal stay with the text (no page with only 盖章处)', () => {
  it('moves the party result notice’s last lines over with its signature', async () => {
    const text = pdfText(await renderBuffer({ kind: 'result-notice', vm: sample.partyResultNotice() }));
    expectSignatureWithText(text, '以上选举结果报');
    expectSignatureWithText(text, '特此公告。');
  });

  it('never leaves the signature alone, however long the list of the elected', async () => {
    for (let n = 3; n <= 14; n += 1) {
      const text = pdfText(await renderBuffer({ kind: 'result-notice', vm: partyNotice(n) }));
      expectSignatureWithText(text, '特此公告。');
    }
  });

  it('takes the voter list’s last rows over with 特此公告 and the signature', async () => {
    for (let last = 20; last <= 60; last += 2) {
      const vm = sample.voterList();
      const groups = vm.groups.filter((g) => g.name !== null).map((g, i, all) => (i === all.length - 1 ? { ...g, voters: g.voters.slice(0, last) } : g));
      const text = pdfText(await renderBuffer({ kind: 'voter-list', vm: { ...vm, groups, total: groups.reduce((a, g) => a + g.voters.length, 0) } }));
      expectSignatureWithText(text, '特此公告。');
      const sealed = pagesOf(text).find((p) => p.includes('盖章处'))!;
      // A row of the list, not only the words under it.
      expect(sealed, `${last} voters in the last group`).toMatch(/620102\*+\d{3}[\dX]/);
    }
  });
});

describe('a name is never broken across lines', () => {
  it('keeps each elected person’s name with the threshold met on one line', async () => {
    for (let n = 3; n <= 14; n += 1) {
      const vm = partyNotice(n);
      const lines = pdfText(await renderBuffer({ kind: 'result-notice', vm })).split('\n').map(flat);
      for (const p of vm.elected[0]!.people) expect(lines.some((l) => l.includes(`${p.name}（得票过半数）`)), `${n}: ${p.name}`).toBe(true);
    }
  });

  it('keeps the post (第N届 and the post) on one line of a certificate', async () => {
    const vm = sample.certificates();
    const lines = pdfText(await renderBuffer({ kind: 'certificates', vm })).split('\n').map(flat);
    for (const c of vm.certificates) expect(lines.some((l) => l.includes(`第十一届${c.postZh}`)), c.postZh).toBe(true);
  });
});

describe('the 盖章处 label', () => {
  it('does not cover the issuer, the 代…颁发 line or the date on a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bbox-'));
    const file = join(dir, 'c.pdf');
    writeFileSync(file, await renderBuffer({ kind: 'certificates', vm: sample.certificates() }));
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }));
    const label = words.find((w) => w.text.includes('盖章处'));
    expect(label).toBeDefined();
    const others = words.filter((w) => w !== label && /街道办事处|颁发|年\d+月\d+日/.test(w.text));
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const w of others) {
      const overlap = label!.x0 < w.x1 && w.x0 < label!.x1 && label!.y0 < w.y1 && w.y0 < label!.y1;
      expect(overlap, `盖章处 over ${w.text}`).toBe(false);
    }
  });
});
