/**
 * Uploaded tables, streamed: CSV (UTF-8 with or without BOM, or GB18030/GBK when the bytes are not valid UTF-8)
 * and XLSX (ExcelJS streaming reader). Yields batches of rows (arrays of cell strings), header row first, so the
 * consumer awaits once per chunk, not once per row.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors.js';

export type TableKind = 'csv' | 'xlsx';
export type Row = string[];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function tooLarge(limit: number): AppError {
  return new AppError({
    status: 413,
    code: 'BODY_TOO_LARGE',
    message: `Upload larger than ${limit} bytes`,
    messageZh: `上传文件超过${Math.floor(limit / 1024 / 1024)}MB的限制`,
  });
}

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

type TextDecoderFn = { write(b: Buffer): string; end(): string };

function decoderFor(sample: Buffer): { name: 'utf-8' | 'gb18030'; decoder: TextDecoderFn } {
  if (looksLikeUtf8(sample)) {
    const d = new TextDecoder('utf-8'); // strips a BOM
    return { name: 'utf-8', decoder: { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() } };
  }
  const d = iconv.getDecoder('gb18030');
  return { name: 'gb18030', decoder: { write: (b) => d.write(b), end: () => d.end() ?? '' } };
}

/** Byte chunks → text chunks; the encoding is chosen from a window after the first non-ASCII byte. */
export async function* decodeText(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: TextDecoderFn | null = null;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let firstNonAscii = -1;
  for await (const chunk of source) {
    if (decoder) {
      const text = decoder.write(chunk);
      if (text) yield text;
      continue;
    }
    if (firstNonAscii < 0) {
      for (let i = 0; i < chunk.length; i += 1) {
        if (chunk[i]! >= 0x80 && !(pendingLength === 0 && i < 3 && chunk[0] === 0xef)) {
          firstNonAscii = pendingLength + i;
          break;
        }
      }
    }
    pending.push(chunk);
    pendingLength += chunk.length;
    if (firstNonAscii >= 0 && pendingLength - firstNonAscii >= 16 * 1024) {
      const all = Buffer.concat(pending);
      pending = [];
      decoder = decoderFor(all).decoder;
      const text = decoder.write(all);
      if (text) yield text;
    }
  }
  if (!decoder) {
    const all = Buffer.concat(pending);
    decoder = decoderFor(all).decoder;
    const text = decoder.write(all);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

// ------------------------------------------------------------------------------------------------ CSV

/**
 * A streaming RFC 4180 splitter: unquoted lines are split with `split(',')`; quoted fields (with "" escapes and
 * line breaks inside) take the character loop.
 */
export class CsvSplitter {
  private carry = '';

  push(text: string, out: Row[]): void {
    this.carry = this.parse(this.carry + text, out, false);
  }

  end(out: Row[]): void {
    if (this.carry.length > 0) this.parse(`${this.carry}\n`, out, true);
    this.carry = '';
  }

  private parse(buf: string, out: Row[], final: boolean): string {
    let pos = 0;
    const n = buf.length;
    // The next quote at or after `pos` (n when there is none): searched again only once passed, so a chunk without
    // quotes is scanned for them once, not once per line.
    let quote = -1;
    while (pos < n) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) return buf.slice(pos);
      if (quote < pos) {
        quote = buf.indexOf('"', pos);
        if (quote < 0) quote = n;
      }
      if (quote > nl) {
        let end = nl;
        if (end > pos && buf.charCodeAt(end - 1) === 13) end -= 1;
        // a blank line is kept (as one empty cell) so that row numbers match the file's lines
        out.push(end > pos ? buf.slice(pos, end).split(',') : ['']);
        pos = nl + 1;
        continue;
      }
      const next = parseQuotedRecord(buf, pos, out);
      if (next < 0) {
        if (final) throw new AppError({ status: 400, code: 'CSV_MALFORMED', message: 'Unterminated quoted field in the CSV', messageZh: 'CSV文件格式有误：引号未闭合' });
        return buf.slice(pos);
      }
      pos = next;
    }
    return '';
  }
}

/** Parses one record starting at `start`; returns the index after its line break, or -1 when incomplete. */
function parseQuotedRecord(buf: string, start: number, out: Row[]): number {
  const fields: string[] = [];
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
    if (buf.charCodeAt(i) === 10) {
      out.push(fields);
      return i + 1;
    }
  }
}

async function* csvRows(source: AsyncIterable<Buffer>): AsyncGenerator<Row[]> {
  const splitter = new CsvSplitter();
  for await (const text of decodeText(source)) {
    const out: Row[] = [];
    splitter.push(text, out);
    if (out.length > 0) yield out;
  }
  const out: Row[] = [];
  splitter.end(out);
  if (out.length > 0) yield out;
}

// ------------------------------------------------------------------------------------------------ XLSX

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value);
}

async function* xlsxRows(source: AsyncIterable<Buffer>): AsyncGenerator<Row[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  let batch: Row[] = [];
  let rowsYielded = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
      // keep row numbers: pad skipped empty rows
      while (batch.length + rowsYielded < row.number - 1) batch.push(['']);
      batch.push(cells);
      if (batch.length >= 1000) {
        rowsYielded += batch.length;
        yield batch;
        batch = [];
      }
    }
    break; // the first worksheet only
  }
  if (batch.length > 0) yield batch;
}

/** Rows of an uploaded table (header first), in batches. */
export function readTable(kind: TableKind, body: AsyncIterable<Buffer | string>, limitBytes: number): AsyncGenerator<Row[]> {
  const bytes = limited(body, limitBytes);
  return kind === 'csv' ? csvRows(bytes) : xlsxRows(bytes);
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
