/**
 * Generates a voter CSV (valid GB 11643 identity numbers, realistic Chinese names) for imports and benchmarks.
 * `tsx scripts/gen-voters-csv.ts <rows> <file> [--seed n] [--bad-every n]`; also imported by bench-import.ts.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { checkCharOf } from '../src/domain/id-card.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫'];
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌辉建国建华志强海燕晓东小红春梅文博子涵浩然欣怡宇轩梓萱一诺思远嘉怡俊杰雨桐';
const REGIONS = ['620102', '620103', '620104', '620105', '620111', '620121', '330782', '330702', '110101', '310104', '440106', '510107', '610113', '370102'];
const STREETS = ['张掖路', '庆阳路', '酒泉路', '皋兰路', '白银路', '永昌路', '武都路', '中山路', '民主东路', '金昌路'];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function makeIdNumber(region: string, y: number, m: number, d: number, seq: number): string {
  const body = `${region}${y}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
  return body + checkCharOf(body);
}

/**
 * Row i of the file. Identity numbers are unique by construction: (region, birth date, sequence) are derived from
 * i without collisions for up to 14 × 27,375 days × 1000 sequences.
 */
export function makeRow(i: number, random: () => number): string {
  const region = REGIONS[i % REGIONS.length]!;
  const k = Math.floor(i / REGIONS.length);
  const dayIndex = k % 27_000; // ~74 years of birth dates: 1930..2003
  const seq = Math.floor(k / 27_000) % 1000;
  const date = new Date(Date.UTC(1930, 0, 1) + dayIndex * 86_400_000);
  const id = makeIdNumber(region, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), seq);
  const surname = random() < 0.01 ? COMPOUND[Math.floor(random() * COMPOUND.length)]! : SURNAMES[Math.floor(random() * SURNAMES.length)]!;
  const g1 = GIVEN[Math.floor(random() * GIVEN.length)]!;
  const name = random() < 0.35 ? surname + g1 : surname + g1 + GIVEN[Math.floor(random() * GIVEN.length)]!;
  const residency = random() < 0.85 ? '户籍' : '居住';
  const street = STREETS[Math.floor(random() * STREETS.length)]!;
  const building = 1 + Math.floor(random() * 120);
  return `${id},${name},${residency},${pad(building, 3)}${pad(1 + (i % 40), 2)},兰州市城关区${street}${building}号\n`;
}

export const HEADER = '身份证号码,姓名,户籍/居住,户号,住址\n';

export async function generateCsv(file: string, rows: number, seed = 42): Promise<void> {
  const out = createWriteStream(file);
  const random = rng(seed);
  out.write(HEADER);
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    chunk += makeRow(i, random);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1000);
  const file = process.argv[3] ?? 'voters.csv';
  const seedIx = process.argv.indexOf('--seed');
  await generateCsv(file, rows, seedIx > 0 ? Number(process.argv[seedIx + 1]) : 42);
  process.stdout.write(`wrote ${rows} rows to ${file}\n`);
}
