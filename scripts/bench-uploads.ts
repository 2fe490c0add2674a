/**
 * Uploads (issue 20): 100,000 rows of long Chinese text in an XLSX, read by table-reader (worker thread) and by
 * ExcelJS 4.4.0's streaming reader (the baseline, which corrupted characters cut by chunk boundaries); every cell
 * compared. The event loop's worst delay while reading stands for how long /health would wait.
 * `npm run bench:uploads` (ROWS=… to change the size).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readTable } from '../src/services/table-reader.js';

const N = Number(process.env.ROWS ?? 100_000);
const file = join(mkdtempSync(join(tmpdir(), 'bench-uploads-')), 'rows.xlsx');
const text = (i: number, k: number) => `甘肃省兰州市城关区张掖路街道第${i}号院${'兰州市城关区社区居民委员会换届选举登记地址'.repeat(2 + (i % 5))}第${k}栏`;
const peak = () => Math.round(process.memoryUsage().rss / 1048576);

const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
const sheet = writer.addWorksheet('选民');
sheet.addRow(['身份证号码', '姓名', '住址', '备注']).commit();
for (let i = 0; i < N; i += 1) sheet.addRow([`62010219700101${String(i).padStart(4, '0')}`, `居民${i}`, text(i, 1), text(i, 2)]).commit();
await writer.commit();
const data = readFileSync(file);

function check(row: unknown[], i: number): boolean {
  return row[0] === `62010219700101${String(i).padStart(4, '0')}` && row[1] === `居民${i}` && row[2] === text(i, 1) && row[3] === text(i, 2);
}

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let started = performance.now();
let rows = 0;
let wrong = 0;
for await (const batch of readTable('xlsx', Readable.from([data]), 1e9)) {
  for (const row of batch) {
    if (rows > 0 && !check(row, rows - 1)) wrong += 1;
    rows += 1;
  }
}
const ours = (performance.now() - started) / 1000;
loop.disable();
const oursMaxDelay = loop.max / 1e6;

const baseLoop = monitorEventLoopDelay({ resolution: 5 });
baseLoop.enable();
started = performance.now();
let baseWrong = 0;
let baseRows = 0;
const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), { worksheets: 'emit', sharedStrings: 'cache' });
for await (const ws of reader) {
  for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
    const values = (row.values as unknown[]).slice(1);
    if (baseRows > 0 && !check(values, baseRows - 1)) baseWrong += 1;
    baseRows += 1;
  }
  break;
}
const base = (performance.now() - started) / 1000;
baseLoop.disable();

const line = (name: string, value: number, unit: string, baseline: number) =>
  console.log(`bench ${name}: ${value.toFixed(2)} ${unit}, baseline ${baseline.toFixed(2)} ${unit}, ratio ${(baseline === 0 ? 0 : value / baseline).toFixed(2)}, peak ${peak()} MB`);
console.log(`${N} rows, ${(data.length / 1048576).toFixed(1)} MB; wrong cells: ours ${wrong} rows, ExcelJS ${baseWrong} rows`);
line(`xlsx-read-${N}`, ours, 's', base);
line(`xlsx-corrupted-rows-${N}`, wrong, 'rows', baseWrong);
line(`xlsx-read-max-loop-delay-${N}`, oursMaxDelay, 'ms', baseLoop.max / 1e6);
