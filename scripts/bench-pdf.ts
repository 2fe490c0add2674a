/**
 * npm run bench:pdf — 20,000 voter cards in one PDF, in ONE run, each case in its own child process so that peak
 * memory is separate (RSS sampled every 50 ms from a worker thread, so a synchronous loop cannot hide its peak):
 *   (a) baseline: a bare pdfkit loop with the same font drawing the same card, one per page, to a counting sink;
 *   (b) ours, one card per page: the real renderer (templates, guard, async source paged like the database loader,
 *       backpressure);
 *   (c) ours, eight cards per A4 sheet with cut lines, as committees print them;
 *   (d) (c) in a render thread, as the service draws every paper (its baseline: (c)).
 * Ends with one line per figure: `bench <name>: <value> <unit>, baseline <value> <unit>, ratio <value>, peak <MB> MB`.
 *   CARDS=20000 (default) sets the count.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import PDFDocument from 'pdfkit';

const CARDS = Number(process.env.CARDS ?? 20_000);
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '建国秀英志强丽华明军小红海燕玉兰桂芳伟德文静子涵思远佳怡浩然梓萱晓东春梅国庆淑珍';

interface Card {
  number: number;
  serial: string;
  name: string;
  idMasked: string;
  group: string;
}
function card(i: number): Card {
  const s = SURNAMES.charAt(i % SURNAMES.length);
  const name = `${s}${GIVEN.charAt((i * 7) % GIVEN.length)}${i % 3 === 0 ? '' : GIVEN.charAt((i * 13 + 3) % GIVEN.length)}`;
  return {
    number: i + 1,
    serial: String(i + 1).padStart(6, '0'),
    name,
    idMasked: `620102********${String(1000 + (i % 9000)).slice(0, 3)}${i % 10 === 0 ? 'X' : String(i % 10)}`,
    group: `第${'一二三四五六'.charAt(i % 6)}居民小组`,
  };
}

const COMMUNITY = '张掖路社区';
const PLACE = '张掖路社区居民委员会二楼会议室';
const ISSUER = '张掖路社区居民选举委员会';

interface CaseResult {
  name: string;
  peakMb: number;
  readonly cards: number;
  readonly pages: number;
  readonly seconds: number;
  readonly bytes: number;
}

function countingSink(): { sink: Writable; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

function startSampler(): () => Promise<number> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let max = process.memoryUsage().rss;
     const timer = setInterval(() => { max = Math.max(max, process.memoryUsage().rss); }, 50);
     parentPort.on('message', () => { clearInterval(timer); max = Math.max(max, process.memoryUsage().rss); parentPort.postMessage(max); });`,
    { eval: true },
  );
  return () =>
    new Promise<number>((resolve) => {
      worker.once('message', (max: number) => {
        void worker.terminate();
        resolve(max);
      });
      worker.postMessage('stop');
    });
}

/** (a) The bare pdfkit loop: the same card (font, texts, positions, frame), one per page, no framework. */
async function baseline(): Promise<Omit<CaseResult, 'peakMb' | 'name'>> {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const fonts = join(dirname(entry), '..', 'fonts');
  const regular = readFileSync(join(fonts, 'NotoSansHans-Regular.otf'));
  const bold = readFileSync(join(fonts, 'NotoSansHans-Bold.otf'));
  const { sink, bytes } = countingSink();
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  const t0 = performance.now();
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, font: null as unknown as string, info: { CreationDate: new Date(0) } });
  doc.pipe(sink);
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const M = 18;
  const W = (595.28 - 2 * M) / 2;
  const H = (841.89 - 2 * M) / 4;
  const P = 16;
  doc.font('bold').fontSize(17);
  const titleX = (W - doc.widthOfString('选 民 证')) / 2;
  const subtitle = `${COMMUNITY}居民委员会换届选举`;
  doc.font('regular').fontSize(9);
  const subtitleX = (W - doc.widthOfString(subtitle)) / 2;
  for (let i = 0; i < CARDS; i += 1) {
    const c = card(i);
    doc.addPage({ size: 'A4', margin: 0 });
    doc.lineWidth(1).roundedRect(M + 6, M + 6, W - 12, H - 12, 6).stroke();
    doc.font('bold').fontSize(17).text('选 民 证', M + titleX, M + P + 2, { lineBreak: false });
    doc.font('regular').fontSize(8.5).text(`No. ${c.serial}`, M + W - P - 62, M + P + 2, { lineBreak: false });
    doc.fontSize(9).text(subtitle, M + subtitleX, M + P + 26, { lineBreak: false });
    doc.fontSize(10.5);
    doc.text(`姓　　名：${c.name}`, M + P + 4, M + P + 48, { lineBreak: false });
    doc.text(`身份号码：${c.idMasked}`, M + P + 4, M + P + 66, { lineBreak: false });
    doc.text(`居民小组：${c.group}`, M + P + 4, M + P + 84, { lineBreak: false });
    doc.text('选举日期：2026年12月26日 上午8:00', M + P + 4, M + P + 102, { lineBreak: false });
    doc.text(`投票地点：${PLACE}`, M + P + 4, M + P + 120, { lineBreak: false });
    doc.text('投 票 站：第一投票站（社区活动中心）', M + P + 4, M + P + 132, { lineBreak: false });
    doc.fontSize(8).text('凭此证领取选票，请妥善保管，不得转借。', M + P + 4, M + P + 144, { lineBreak: false });
    doc.text(`${ISSUER}（盖章）`, M + P + 4, M + P + 158, { lineBreak: false });
  }
  doc.end();
  await finished;
  return { cards: CARDS, pages: CARDS, seconds: (performance.now() - t0) / 1000, bytes: bytes() };
}

/**
 * (b)/(c) The real renderer, fed like the database loader feeds it: an async source in pages of 2,000. (d) `thread`:
 * the same as (c) drawn as the service draws it, in a render thread (src/pdf/render-thread.ts), the cards pulled from
 * this thread's source and the bytes sent back.
 */
async function ours(perPage: 1 | 8, thread = false): Promise<Omit<CaseResult, 'peakMb' | 'name'>> {
  const { renderDocument } = await import('../src/pdf/render.js');
  const pool = thread ? (await import('../src/pdf/render-thread.js')).createRenderPool({ threads: 1 }) : null;
  async function* source() {
    for (let i = 0; i < CARDS; i += 1) {
      if (i % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
      yield card(i);
    }
  }
  const { sink, bytes } = countingSink();
  const t0 = performance.now();
  const input = {
    kind: 'voter-cards' as const,
    vm: {
      org: { district: '兰州市城关区', street: '张掖路街道', community: COMMUNITY, roundName: '2026年社区两委换届选举' },
      communityName: COMMUNITY,
      roundName: '2026年社区两委换届选举',
      electionDay: '2026-12-26',
      time: '上午8:00',
      place: PLACE,
      pollingStations: ['第一投票站（社区活动中心）'],
      issuer: ISSUER,
      total: CARDS,
      perPage,
      cards: source(),
    },
  };
  if (pool) await pool.render(input, sink);
  else await renderDocument(input, sink);
  const seconds = (performance.now() - t0) / 1000;
  await pool?.close();
  return { cards: CARDS, pages: Math.ceil(CARDS / perPage), seconds, bytes: bytes() };
}

const CASES = {
  baseline: () => baseline(),
  'cards-1up': () => ours(1),
  'cards-8up': () => ours(8),
  'cards-8up-thread': () => ours(8, true),
} as const;
type CaseName = keyof typeof CASES;

async function child(name: CaseName): Promise<void> {
  const stop = startSampler();
  const r = await CASES[name]();
  const peak = await stop();
  process.stdout.write(`${JSON.stringify({ name, ...r, peakMb: Math.round(peak / 1e5) / 10 })}\n`);
}

function runChild(name: CaseName): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
      if (code !== 0 || !line) reject(new Error(`case ${name} failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line) as CaseResult);
    });
  });
}

const f = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const caseArg = process.argv.indexOf('--case');
  if (caseArg >= 0) return child(process.argv[caseArg + 1] as CaseName);

  process.stdout.write(`bench:pdf — ${CARDS} voter cards, each case in its own process (node ${process.version})\n`);
  const base = await runChild('baseline');
  process.stdout.write(`  baseline (bare pdfkit loop): ${f(base.pages / base.seconds)} pages/s, ${f(base.bytes / base.pages / 1024, 2)} KB/page, ${f(base.seconds, 1)} s, peak ${base.peakMb} MB\n`);
  const one = await runChild('cards-1up');
  process.stdout.write(`  ours, 1 card per page:       ${f(one.pages / one.seconds)} pages/s, ${f(one.bytes / one.pages / 1024, 2)} KB/page, ${f(one.seconds, 1)} s, peak ${one.peakMb} MB\n`);
  const eight = await runChild('cards-8up');
  process.stdout.write(`  ours, 8 cards per A4 sheet:  ${f(eight.cards / eight.seconds)} cards/s (${f(eight.pages / eight.seconds)} sheets/s), ${f(eight.bytes / eight.cards / 1024, 2)} KB/card, ${f(eight.seconds, 1)} s, peak ${eight.peakMb} MB\n`);
  const threaded = await runChild('cards-8up-thread');
  process.stdout.write(`  ours, 8 up, render thread:   ${f(threaded.cards / threaded.seconds)} cards/s, ${f(threaded.seconds, 1)} s, peak ${threaded.peakMb} MB\n`);
  // The machine is shared: the baseline runs again after ours and the two runs are averaged (bracketing).
  const again = await runChild('baseline');
  process.stdout.write(`  baseline again:              ${f(again.pages / again.seconds)} pages/s, peak ${again.peakMb} MB\n`);

  const baseRate = (base.pages / base.seconds + again.pages / again.seconds) / 2;
  base.peakMb = Math.min(base.peakMb, again.peakMb);
  const ratio1 = one.pages / one.seconds / baseRate;
  const ratio8 = eight.cards / eight.seconds / baseRate;
  const memOk = (r: CaseResult) => r.peakMb <= base.peakMb + 100;
  process.stdout.write(
    `  targets: speed ≥ 70% of baseline (1-up ${ratio1 >= 0.7 ? 'met' : 'MISSED'}, 8-up ${ratio8 >= 0.7 ? 'met' : 'MISSED'}); ` +
      `peak ≤ baseline + 100 MB (1-up ${memOk(one) ? 'met' : 'MISSED'}, 8-up ${memOk(eight) ? 'met' : 'MISSED'})\n`,
  );
  process.stdout.write(`bench pdf-cards-1up: ${f(one.pages / one.seconds)} pages/s, baseline ${f(baseRate)} pages/s, ratio ${f(ratio1, 2)}, peak ${one.peakMb} MB\n`);
  process.stdout.write(`bench pdf-cards-8up: ${f(eight.cards / eight.seconds)} cards/s, baseline ${f(baseRate)} cards/s, ratio ${f(ratio8, 2)}, peak ${eight.peakMb} MB\n`);
  process.stdout.write(
    `bench pdf-size-1up: ${f(one.bytes / one.pages / 1024, 2)} KB/page, baseline ${f(base.bytes / base.pages / 1024, 2)} KB/page, ratio ${f(one.bytes / base.bytes, 2)}, peak ${one.peakMb} MB\n`,
  );
  // The render thread's cost (messages both ways, a second isolate), against the same paper on the calling thread.
  process.stdout.write(
    `bench pdf-cards-8up-thread: ${f(threaded.cards / threaded.seconds)} cards/s, baseline ${f(eight.cards / eight.seconds)} cards/s, ratio ${f(threaded.cards / threaded.seconds / (eight.cards / eight.seconds), 2)}, peak ${threaded.peakMb} MB\n`,
  );
  process.stdout.write(`bench pdf-baseline-peak: ${base.peakMb} MB, baseline ${base.peakMb} MB, ratio 1.00, peak ${base.peakMb} MB\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
