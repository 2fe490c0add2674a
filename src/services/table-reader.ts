/**
 * Uploaded tables: CSV (UTF-8 with or without BOM, or GB18030/GBK when the bytes are not valid UTF-8) and XLSX.
 * Yields batches of rows (arrays of cell strings), header row first, so the consumer awaits once per batch, not
 * once per row.
 *
 * Bounded and linear (issue 20): a CSV line longer than `maxLineChars`, a row of more than `maxCells` cells and an
 * XLSX whose parts unpack to more than `maxUnpackedBytes` are refused with a 400; the CSV splitter never rescans an
 * unfinished line. A file larger than `workerThresholdBytes` is parsed in a worker thread (table-worker.ts), so the
 * request thread keeps answering while a 10 MB file is read.
 *
 * XLSX is read here, not by ExcelJS: ExcelJS 4.4.0 decoded every chunk of a part on its own, so a Chinese character
 * cut by a chunk boundary became U+FFFD. Each part is inflated (fflate) and decoded by one streaming TextDecoder, then
 * parsed by saxes; a DTD is refused and entities other than XML's five are an error, never expanded.
 */
import type { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../domain/errors.js';
import { startModuleWorker } from '../threads.js';

export type TableKind = 'csv' | 'xlsx';
export type Row = string[];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TableLimits {
  /** Characters in one CSV record (a line, or several when a quoted cell holds line breaks). */
  readonly maxLineChars: number;
  /** Cells in one row (CSV or XLSX). */
  readonly maxCells: number;
  /** Bytes of the XLSX parts once inflated (a zip bomb is refused, not unpacked). */
  readonly maxUnpackedBytes: number;
  /** Files at least this large are parsed in a worker thread. */
  readonly workerThresholdBytes: number;
}

export const DEFAULT_TABLE_LIMITS: TableLimits = {
  maxLineChars: 64 * 1024,
  maxCells: 1000,
  maxUnpackedBytes: 256 * 1024 * 1024,
  workerThresholdBytes: 512 * 1024,
};

export function tooLarge(limit: number): AppError {
  return new AppError({
    status: 413,
    code: 'BODY_TOO_LARGE',
    message: `Upload larger than ${limit} bytes`,
    messageZh: `上传文件超过${Math.floor(limit / 1024 / 1024)}MB的限制`,
  });
}

const badTable = (code: string, message: string, messageZh: string, details?: Record<string, unknown>) =>
  new AppError({ status: 400, code, message, messageZh, ...(details ? { details } : {}) });

const lineTooLong = (row: number, max: number) =>
  badTable('CSV_LINE_TOO_LONG', `Line ${row} of the CSV is longer than ${max} characters`, `CSV文件第${row}行超过${max}个字符，文件格式有误（请确认上传的是逗号分隔的CSV文件）`, { row, max });

const tooManyCells = (row: number, max: number) =>
  badTable('TABLE_TOO_MANY_CELLS', `Row ${row} has more than ${max} cells`, `文件第${row}行超过${max}个单元格，文件格式有误`, { row, max });

const xlsxMalformed = (why: string) =>
  badTable('XLSX_MALFORMED', `The XLSX file is malformed: ${why}`, 'Excel文件已损坏或不是有效的.xlsx文件，请用Excel重新保存为.xlsx后上传');

const xlsxTooLarge = (max: number) =>
  badTable(
    'XLSX_TOO_LARGE',
    `The XLSX file unpacks to more than ${max} bytes`,
    `Excel文件解压后超过${Math.floor(max / 1024 / 1024)}MB，内容过多，请拆分成几个文件分别上传`,
    { maxUnpackedBytes: max },
  );

/** Counts bytes and stops at the limit. */
async function* limited(source: AsyncIterable<Buffer | string>, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > limit) throw tooLarge(limit);
    yield buf;
  }
}

// ------------------------------------------------------------------------------------------------ encoding

/** Whether the bytes are valid UTF-8 (an incomplete sequence at the very end is allowed). */
export function looksLikeUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

type TextDecoderFn = { write(b: Uint8Array): string; end(): string };

function decoderFor(sample: Uint8Array): TextDecoderFn {
  if (looksLikeUtf8(sample)) {
    const d = new TextDecoder('utf-8'); // strips a BOM
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder('gb18030');
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

/** Byte chunks → text, synchronously; the encoding is chosen from a window after the first non-ASCII byte. */
class TextSniffer {
  private decoder: TextDecoderFn | null = null;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private firstNonAscii = -1;

  write(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.write(chunk);
    if (this.firstNonAscii < 0) {
      for (let i = 0; i < chunk.length; i += 1) {
        if (chunk[i]! >= 0x80 && !(this.pendingLength === 0 && i < 3 && chunk[0] === 0xef)) {
          this.firstNonAscii = this.pendingLength + i;
          break;
        }
      }
    }
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.firstNonAscii >= 0 && this.pendingLength - this.firstNonAscii >= 16 * 1024) return this.flush();
    // ASCII so far: nothing to decide yet, but a long ASCII prefix is passed on (decoded as UTF-8 later either way)
    return '';
  }

  private flush(): string {
    const all = Buffer.concat(this.pending);
    this.pending = [];
    this.decoder = decoderFor(all);
    return this.decoder.write(all);
  }

  end(): string {
    const text = this.decoder ? '' : this.flush();
    return text + this.decoder!.end();
  }
}

// ------------------------------------------------------------------------------------------------ CSV

/**
 * A streaming RFC 4180 splitter: unquoted lines are split with `split(',')`; quoted fields (with "" escapes and
 * line breaks inside) take the character loop. Linear: text without a line break is only appended to the unfinished
 * record (never rescanned), and that record is bounded by `maxLineChars`.
 */
export class CsvSplitter {
  private carry: string[] = [];
  private carryLength = 0;
  private rows = 0;

  constructor(private readonly limits: Pick<TableLimits, 'maxLineChars' | 'maxCells'> = DEFAULT_TABLE_LIMITS) {}

  push(text: string, out: Row[]): void {
    if (text.length === 0) return;
    if (this.carryLength > 0 && text.indexOf('\n') < 0) {
      // the unfinished record goes on: it can only end at a line break
      this.append(text);
      return;
    }
    const buf = this.carryLength > 0 ? this.carry.join('') + text : text;
    this.carry = [];
    this.carryLength = 0;
    this.append(this.parse(buf, out, false));
  }

  end(out: Row[]): void {
    if (this.carryLength > 0) this.parse(`${this.carry.join('')}\n`, out, true);
    this.carry = [];
    this.carryLength = 0;
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.carry.push(text);
    this.carryLength += text.length;
    if (this.carryLength > this.limits.maxLineChars) throw lineTooLong(this.rows + 1, this.limits.maxLineChars);
  }

  private emit(out: Row[], cells: Row): void {
    this.rows += 1;
    if (cells.length > this.limits.maxCells) throw tooManyCells(this.rows, this.limits.maxCells);
    out.push(cells);
  }

  private parse(buf: string, out: Row[], final: boolean): string {
    let pos = 0;
    const n = buf.length;
    const max = this.limits.maxLineChars;
    // The next quote at or after `pos` (n when there is none): searched again only once passed, so a chunk without
    // quotes is scanned for them once, not once per line.
    let quote = -1;
    while (pos < n) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) return buf.slice(pos);
      if (nl - pos > max) throw lineTooLong(this.rows + 1, max);
      if (quote < pos) {
        quote = buf.indexOf('"', pos);
        if (quote < 0) quote = n;
      }
      if (quote > nl) {
        let end = nl;
        if (end > pos && buf.charCodeAt(end - 1) === 13) end -= 1;
        // a blank line is kept (as one empty cell) so that row numbers match the file's lines
        this.emit(out, end > pos ? buf.slice(pos, end).split(',') : ['']);
        pos = nl + 1;
        continue;
      }
      const fields: string[] = [];
      const next = parseQuotedRecord(buf, pos, fields);
      if (next < 0) {
        if (final) throw badTable('CSV_MALFORMED', 'Unterminated quoted field in the CSV', 'CSV文件格式有误：引号未闭合');
        return buf.slice(pos);
      }
      if (next - pos > max) throw lineTooLong(this.rows + 1, max);
      this.emit(out, fields);
      pos = next;
    }
    return '';
  }
}

/** Parses one record starting at `start` into `fields`; returns the index after its line break, or -1 when incomplete. */
function parseQuotedRecord(buf: string, start: number, fields: string[]): number {
  let i = start;
  const n = buf.length;
  for (;;) {
    let value = '';
    if (i < n && buf.charCodeAt(i) === 34) {
      i += 1;
      for (;;) {
        const q = buf.indexOf('"', i);
        if (q < 0 || q + 1 >= n) return -1;
        value += buf.slice(i, q);
        if (buf.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // text after the closing quote up to the separator is kept (lenient)
      const from = i;
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i += 1;
      }
      if (i > from) value += buf.slice(from, i);
    } else {
      const from = i;
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i += 1;
      }
      value = buf.slice(from, i);
    }
    fields.push(value);
    if (i >= n) return -1;
    const c = buf.charCodeAt(i);
    if (c === 44) {
      i += 1;
      continue;
    }
    if (c === 13) i += 1;
    if (i >= n) return -1;
    if (buf.charCodeAt(i) === 10) return i + 1;
  }
}

/** Bytes → rows of a CSV, synchronously (the same code runs on the request thread and in the worker). */
export class CsvReader {
  private readonly text = new TextSniffer();
  private readonly splitter: CsvSplitter;

  constructor(limits: TableLimits = DEFAULT_TABLE_LIMITS) {
    this.splitter = new CsvSplitter(limits);
  }

  push(chunk: Uint8Array): Row[] {
    const out: Row[] = [];
    this.splitter.push(this.text.write(chunk), out);
    return out;
  }

  end(): Row[] {
    const out: Row[] = [];
    this.splitter.push(this.text.end(), out);
    this.splitter.end(out);
    return out;
  }
}

// ------------------------------------------------------------------------------------------------ XLSX

const SLICE = 64 * 1024;
const MAX_ROW = 1_048_576;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** A streaming XML parser that refuses a DTD (so no entity is ever declared, let alone expanded). */
function xmlParser(): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw badTable('XLSX_DTD', 'The XLSX file holds a DTD (document type declaration)', 'Excel文件中含有不允许的DTD声明，已拒绝（请用Excel重新保存为.xlsx后上传）');
  });
  parser.on('error', (error) => {
    throw xlsxMalformed(error.message);
  });
  return parser;
}

/** Runs `onEntry` for the zip entries `wanted` selects, giving each a saxes parser fed with text decoded across chunks. */
function unzipXml(
  data: Uint8Array,
  budget: { left: number; max: number },
  wanted: (name: string) => ((parser: SaxesParser) => void) | null,
  afterSlice?: () => void,
): Generator<void> {
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  let failure: unknown = null;
  unzip.onfile = (file) => {
    const setup = wanted(file.name);
    if (!setup) return;
    const parser = xmlParser();
    setup(parser);
    const decoder = new TextDecoder('utf-8');
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      try {
        if (error) throw xlsxMalformed(error.message);
        budget.left -= chunk.length;
        if (budget.left < 0) throw xlsxTooLarge(budget.max);
        const text = decoder.decode(chunk, { stream: !final });
        if (text) parser.write(text);
        if (final) parser.close();
      } catch (e) {
        failure = e;
      }
    };
    try {
      file.start();
    } catch (e) {
      failure = xlsxMalformed((e as Error).message);
    }
  };
  return (function* () {
    for (let at = 0; at < data.length; at += SLICE) {
      const end = Math.min(at + SLICE, data.length);
      try {
        unzip.push(data.subarray(at, end), end === data.length);
      } catch (e) {
        if (!failure) failure = e instanceof AppError ? e : xlsxMalformed((e as Error).message);
      }
      if (failure) throw failure;
      afterSlice?.();
      yield;
    }
  })();
}

/** Text of the elements named `t` below the element, leaving out phonetic runs (rPh). */
class TextCollector {
  text = '';
  private inT = false;
  private inPhonetic = 0;
  open(name: string): void {
    if (name === 'rPh') this.inPhonetic += 1;
    else if (name === 't' && this.inPhonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.inPhonetic -= 1;
    else if (name === 't') this.inT = false;
  }
  add(text: string): void {
    if (this.inT) this.text += text;
  }
}

/** Whether a number format shows a date (ExcelJS's rule: letters of date or time outside quotes and brackets). */
function isDateFormat(id: number, code: string | undefined): boolean {
  if (code !== undefined) return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i += 1) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function numberText(v: string, isDate: boolean, date1904: boolean): string {
  const value = Number(v);
  if (v.trim() === '' || !Number.isFinite(value)) return v;
  if (isDate) {
    const ms = Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
    const date = new Date(ms);
    if (!Number.isNaN(date.getTime())) return date.toISOString().slice(0, 10);
  }
  // A whole number past 15 digits has lost its last digits in the spreadsheet (an identity number typed into a
  // number cell): kept in scientific notation, so that it is never read as a number it is not.
  if (Number.isInteger(value) && Math.abs(value) >= 1e15) return value.toExponential();
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

const resolvePart = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

/**
 * Rows of the first worksheet of an XLSX file, in batches. Two passes over the (already bounded) file: the
 * workbook, its relations, the styles and the shared strings first, then the worksheet, streamed.
 */
export function* xlsxBatches(data: Uint8Array, limits: TableLimits = DEFAULT_TABLE_LIMITS): Generator<Row[]> {
  if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw badTable('XLSX_LEGACY', 'Legacy .xls or encrypted workbooks are not read', '不支持旧版Excel（.xls）文件或加密的文件，请在Excel中另存为.xlsx（不设密码）后上传');
  }
  if (!(data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)) {
    throw xlsxMalformed('not a zip archive');
  }
  const budget = { left: limits.maxUnpackedBytes, max: limits.maxUnpackedBytes };
  const sheets: string[] = [];
  const rels = new Map<string, string>();
  const shared: string[] = [];
  const numFmts = new Map<number, string>();
  const xfDate: boolean[] = [];
  let date1904 = false;
  let sawWorkbook = false;

  for (const _ of unzipXml(data, budget, (name) => {
    if (name === 'xl/workbook.xml') {
      sawWorkbook = true;
      return (p) =>
        p.on('opentag', (tag: SaxesTagPlain) => {
          const n = localName(tag.name);
          if (n === 'sheet') {
            const id = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id')?.[1];
            if (typeof id === 'string') sheets.push(id);
          } else if (n === 'workbookPr') {
            const v = tag.attributes.date1904;
            date1904 = v === '1' || v === 'true';
          }
        });
    }
    if (name === 'xl/_rels/workbook.xml.rels') {
      return (p) =>
        p.on('opentag', (tag: SaxesTagPlain) => {
          if (localName(tag.name) === 'Relationship' && typeof tag.attributes.Id === 'string' && typeof tag.attributes.Target === 'string') {
            rels.set(tag.attributes.Id, resolvePart(tag.attributes.Target));
          }
        });
    }
    if (name === 'xl/styles.xml') {
      return (p) => {
        let inCellXfs = false;
        p.on('opentag', (tag: SaxesTagPlain) => {
          const n = localName(tag.name);
          if (n === 'numFmt') numFmts.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
          else if (n === 'cellXfs') inCellXfs = true;
          else if (n === 'xf' && inCellXfs) {
            const id = Number(tag.attributes.numFmtId ?? 0);
            xfDate.push(isDateFormat(id, numFmts.get(id)));
          }
        });
        p.on('closetag', (tag: SaxesTagPlain) => {
          if (localName(tag.name) === 'cellXfs') inCellXfs = false;
        });
      };
    }
    if (/^xl\/sharedStrings\.xml$/i.test(name)) {
      return (p) => {
        let item: TextCollector | null = null;
        p.on('opentag', (tag: SaxesTagPlain) => {
          const n = localName(tag.name);
          if (n === 'si') item = new TextCollector();
          else item?.open(n);
        });
        p.on('closetag', (tag: SaxesTagPlain) => {
          const n = localName(tag.name);
          if (n === 'si' && item) {
            shared.push(item.text);
            item = null;
          } else item?.close(n);
        });
        const onText = (text: string) => item?.add(text);
        p.on('text', onText);
        p.on('cdata', onText);
      };
    }
    return null;
  })) {
    // the first pass yields nothing: the shared strings are needed before the first row
  }
  if (!sawWorkbook) throw xlsxMalformed('no xl/workbook.xml');
  const sheetPart = (sheets[0] !== undefined ? rels.get(sheets[0]) : undefined) ?? 'xl/worksheets/sheet1.xml';

  let batch: Row[] = [];
  let lastRow = 0;
  let sawSheet = false;
  const sheetPass = unzipXml(data, budget, (name) => {
    if (name !== sheetPart) return null;
    sawSheet = true;
    return (p) => {
      let cells: Row | null = null;
      let rowNumber = 0;
      let column = 0;
      let cell: { type: string; style: number; value: string; inline: TextCollector | null; inV: boolean } | null = null;
      p.on('opentag', (tag: SaxesTagPlain) => {
        const n = localName(tag.name);
        if (n === 'row') {
          const r = tag.attributes.r;
          rowNumber = r === undefined ? lastRow + 1 : Number(r);
          if (!Number.isInteger(rowNumber) || rowNumber <= lastRow || rowNumber > MAX_ROW) throw xlsxMalformed(`row number ${String(r)}`);
          cells = [];
          column = 0;
        } else if (n === 'c' && cells) {
          const r = tag.attributes.r;
          // a cell without an address (allowed by ECMA-376) takes the next column
          const col = typeof r === 'string' && r.length > 0 ? columnOf(r) : column + 1;
          if (col < 1 || col <= column) throw xlsxMalformed(`cell address ${String(r)}`);
          if (col > limits.maxCells) throw tooManyCells(rowNumber, limits.maxCells);
          column = col;
          cell = { type: String(tag.attributes.t ?? 'n'), style: Number(tag.attributes.s ?? 0), value: '', inline: null, inV: false };
        } else if (cell) {
          if (n === 'v') cell.inV = true;
          else if (n === 'is') cell.inline = new TextCollector();
          else cell.inline?.open(n);
        }
      });
      const onText = (text: string) => {
        if (!cell) return;
        if (cell.inV) cell.value += text;
        else cell.inline?.add(text);
      };
      p.on('text', onText);
      p.on('cdata', onText);
      p.on('closetag', (tag: SaxesTagPlain) => {
        const n = localName(tag.name);
        if (n === 'c' && cell && cells) {
          const c = cell;
          let text: string;
          if (c.type === 's') {
            const index = Number(c.value);
            const s = shared[index];
            if (s === undefined) throw xlsxMalformed(`shared string ${c.value}`);
            text = s;
          } else if (c.type === 'inlineStr') text = c.inline?.text ?? c.value;
          else if (c.type === 'str' || c.type === 'e') text = c.value;
          else if (c.type === 'b') text = c.value === '1' ? 'true' : c.value === '' ? '' : 'false';
          else if (c.type === 'd') text = c.value.slice(0, 10);
          else text = numberText(c.value, xfDate[c.style] ?? false, date1904);
          while (cells.length < column - 1) cells.push('');
          cells.push(text);
          cell = null;
        } else if (n === 'row' && cells) {
          // keep row numbers: pad skipped empty rows
          for (let r = lastRow + 1; r < rowNumber; r += 1) batch.push(['']);
          batch.push(cells);
          lastRow = rowNumber;
          cells = null;
        } else if (cell) {
          if (n === 'v') cell.inV = false;
          else cell.inline?.close(n);
        }
      });
    };
  });
  for (const _ of sheetPass) {
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (!sawSheet) throw xlsxMalformed(`no worksheet ${sheetPart}`);
  if (batch.length > 0) yield batch;
}

// ------------------------------------------------------------------------------------------------ threads

/** What the worker answers: a batch of rows (`done` after the last), or the error to throw. */
export type WorkerReply = { rows: Row[]; done: boolean } | { error: { status: number; code: string; message: string; messageZh: string; details?: unknown } };
export type WorkerRequest =
  | { type: 'csv-start'; limits: TableLimits }
  | { type: 'csv-chunk'; data: Uint8Array }
  | { type: 'csv-end' }
  | { type: 'xlsx'; data: Uint8Array; limits: TableLimits }
  | { type: 'next' };

export function errorReply(error: unknown): WorkerReply {
  if (error instanceof AppError) {
    return { error: { status: error.status, code: error.code, message: error.message, messageZh: error.messageZh, ...(error.details !== undefined ? { details: error.details } : {}) } };
  }
  return { error: { status: 400, code: 'TABLE_UNREADABLE', message: `The file could not be read: ${(error as Error)?.message ?? String(error)}`, messageZh: '文件无法读取，请检查文件格式后重新上传' } };
}

const IS_TS = import.meta.url.endsWith('.ts');

/** The parser thread (under tsx or vitest, from the TypeScript sources). */
function startWorker(): Worker {
  return startModuleWorker(new URL('./table-worker', import.meta.url), IS_TS, { resourceLimits: { maxOldGenerationSizeMb: 768 } });
}

/** One request, one reply, in order; the worker's failure (out of memory, a crash) rejects what is pending. */
class TableWorker {
  private readonly worker = startWorker();
  private pending: { resolve: (reply: WorkerReply) => void; reject: (error: unknown) => void } | null = null;
  private failed: unknown = null;

  constructor() {
    this.worker.on('message', (reply: WorkerReply) => {
      const p = this.pending;
      this.pending = null;
      p?.resolve(reply);
    });
    const fail = (error: unknown) => {
      this.failed ??=
        (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? badTable('TABLE_TOO_COMPLEX', 'The file needs too much memory to read', '文件内容过多，读取时超出内存限制，请拆分成几个文件分别上传')
          : new Error(`table worker failed: ${(error as Error)?.message ?? String(error)}`);
      const p = this.pending;
      this.pending = null;
      p?.reject(this.failed);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  }

  async request(message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<Row[] & { done?: boolean }> {
    if (this.failed) throw this.failed;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
    if ('error' in reply) throw new AppError(reply.error);
    return Object.assign(reply.rows, { done: reply.done });
  }

  close(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

/** A private copy of the bytes (a Buffer may be a view of Node's shared pool), to transfer to the worker. */
function own(chunks: Buffer[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function* csvRows(source: AsyncIterable<Buffer>, limits: TableLimits): AsyncGenerator<Row[]> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < limits.workerThresholdBytes) {
    const { value, done } = await iterator.next();
    if (done) {
      ended = true;
      break;
    }
    head.push(value);
    headBytes += value.length;
  }
  if (ended) {
    // small: read here
    const reader = new CsvReader(limits);
    for (const chunk of head) {
      const rows = reader.push(chunk);
      if (rows.length > 0) yield rows;
    }
    const rows = reader.end();
    if (rows.length > 0) yield rows;
    return;
  }
  const worker = new TableWorker();
  try {
    await worker.request({ type: 'csv-start', limits });
    let pending = [own(head)];
    let pendingBytes = headBytes;
    const send = async () => {
      const data = pending.length === 1 ? pending[0]! : own(pending as Buffer[]);
      pending = [];
      pendingBytes = 0;
      return worker.request({ type: 'csv-chunk', data }, [data.buffer as ArrayBuffer]);
    };
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) break;
      pending.push(value);
      pendingBytes += value.length;
      if (pendingBytes >= SLICE) {
        const rows = await send();
        if (rows.length > 0) yield rows;
      }
    }
    if (pendingBytes > 0) {
      const rows = await send();
      if (rows.length > 0) yield rows;
    }
    const rows = await worker.request({ type: 'csv-end' });
    if (rows.length > 0) yield rows;
  } finally {
    worker.close();
  }
}

async function* xlsxRows(source: AsyncIterable<Buffer>, limits: TableLimits): AsyncGenerator<Row[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  const data = own(chunks);
  chunks.length = 0;
  if (data.length < limits.workerThresholdBytes) {
    yield* xlsxBatches(data, limits);
    return;
  }
  const worker = new TableWorker();
  try {
    let rows = await worker.request({ type: 'xlsx', data, limits }, [data.buffer as ArrayBuffer]);
    for (;;) {
      if (rows.length > 0) yield rows;
      if (rows.done) return;
      rows = await worker.request({ type: 'next' });
    }
  } finally {
    worker.close();
  }
}

/** Rows of an uploaded table (header first), in batches. */
export function readTable(kind: TableKind, body: AsyncIterable<Buffer | string>, limitBytes: number, limits: TableLimits = DEFAULT_TABLE_LIMITS): AsyncGenerator<Row[]> {
  const bytes = limited(body, limitBytes);
  return kind === 'csv' ? csvRows(bytes, limits) : xlsxRows(bytes, limits);
}

/**
 * The kind of a file sent in a form (multipart): by its name first (browsers label a CSV saved by Excel on Windows
 * `application/vnd.ms-excel`, and many send `application/octet-stream`), then by its declared type.
 */
export function tableKindOfFile(filename: string | undefined, mimetype: string | undefined): TableKind | null {
  const name = (filename ?? '').trim().toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return tableKindOf(mimetype);
}

export function tableKindOf(contentType: string | undefined): TableKind | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  return null;
}
