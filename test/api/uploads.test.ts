/**
 * Uploads that cannot stop the service (issue 20): the CSV splitter is linear and bounded, an XLSX is bounded once
 * unpacked, malformed or hostile XLSX files are a 400 in Chinese (never a 500, entities never expanded), large files
 * are parsed off the request thread so /health keeps answering, and no Chinese character is lost when it is cut by a
 * chunk boundary inside the archive (ExcelJS 4.4.0 turned such characters into U+FFFD).
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { idNumber, setup } from './registration-fixture.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HAN = /[\u4e00-\u9fff]/;

let t: TestApp;
beforeAll(async () => {
  // a small unpacked limit (the zip-bomb test) and a small worker threshold (so a 5,000-row file takes the worker)
  t = await createTestApp({ today: '2026-11-20', config: { uploadUnpackedLimitBytes: 8 * 1024 * 1024, uploadWorkerThresholdBytes: 64 * 1024 } });
});
afterAll(async () => t?.close());

const upload = (token: string, communityId: string, body: string | Buffer | Readable, type: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/communities/${communityId}/voters/import?mode=partial`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: body,
  });

/** Runs `work` while another client asks /health every 20 ms; returns the work's result and the slowest answer. */
async function whileHealthPolled<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; answers: number }> {
  let running = true;
  let slowestMs = 0;
  let answers = 0;
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      answers += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return { result: await work(), slowestMs, answers };
  } finally {
    running = false;
    await poller;
  }
}

/** A minimal workbook: [Content_Types], workbook, its relations and one sheet whose XML is given. */
function workbook(sheetXml: string, extra: Record<string, string> = {}): Buffer {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="选民" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
  };
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return Buffer.from(zipSync(files));
}

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER = ['身份证号码', '姓名', '户籍/居住', '住址'];

/** A long address of Chinese text, different for every row. */
const address = (i: number) => `甘肃省兰州市城关区张掖路街道第${i}号院${'兰州市城关区社区居民委员会换届选举登记地址'.repeat(2 + (i % 5))}${i}室`;
const person = (i: number) => idNumber(`19${40 + (i % 50)}-${String((Math.floor(i / 50) % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 600) % 28) + 1).padStart(2, '0')}`, 1 + Math.floor(i / 16_800));

describe(`uploads on ${dbKind}`, () => {
  it('refuses a 10 MB one-line CSV early with a Chinese 400, and /health keeps answering meanwhile', async () => {
    const { c } = await setup(t);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // sent in 64 KB pieces, as a network delivers it (the old splitter rescanned the unfinished line on each)
    const body = () => Readable.from((function* () {
      for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) yield chunk;
    })());
    const { result, slowestMs, answers } = await whileHealthPolled(() => upload(c.committee, c.id, body(), 'text/csv'));
    expect(result.statusCode, result.body).toBe(400);
    expect(result.json().error).toMatchObject({ code: 'CSV_LINE_TOO_LONG', messageZh: expect.stringMatching(HAN) });
    expect(answers).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('refuses a row of too many cells and a quote left open', async () => {
    const { c } = await setup(t);
    const wide = await upload(c.committee, c.id, `${HEADER.join(',')}\n${','.repeat(5000)}\n`, 'text/csv');
    expect(wide.statusCode).toBe(400);
    expect(wide.json().error).toMatchObject({ code: 'TABLE_TOO_MANY_CELLS', messageZh: expect.stringMatching(HAN) });
    const open = await upload(c.committee, c.id, `${HEADER.join(',')}\n"${'x'.repeat(100)}\n`, 'text/csv');
    expect(open.statusCode).toBe(400);
    expect(open.json().error.messageZh).toMatch(HAN);
  });

  it('answers every malformed or hostile XLSX with a Chinese 400, never expanding an entity', async () => {
    const { c } = await setup(t);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const entity = workbook(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "${'A'.repeat(1000)}">]><worksheet ${SHEET_NS}><sheetData><row r="1">${inline('A1', '&xxe;&big;')}</row></sheetData></worksheet>`,
    );
    const undefinedEntity = workbook(`<worksheet ${SHEET_NS}><sheetData><row r="1">${inline('A1', '&xxe;')}</row></sheetData></worksheet>`);
    const notXml = workbook('这不是XML <<<');
    const legacy = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const truncated = workbook(`<worksheet ${SHEET_NS}><sheetData><row r="1">${inline('A1', '姓名')}</row></sheetData></worksheet>`).subarray(0, 200);
    const cases: [string, Buffer, string][] = [
      ['random bytes', random, 'XLSX_MALFORMED'],
      ['a CSV sent as XLSX', Buffer.from(`${HEADER.join(',')}\n1,张三,户籍,地址\n`), 'XLSX_MALFORMED'],
      ['a DTD with an external and an internal entity', entity, 'XLSX_DTD'],
      ['an undeclared entity', undefinedEntity, 'XLSX_MALFORMED'],
      ['a sheet that is not XML', notXml, 'XLSX_MALFORMED'],
      ['a legacy .xls (OLE) file', legacy, 'XLSX_LEGACY'],
      ['a cut-off archive', truncated, 'XLSX_MALFORMED'],
    ];
    for (const [what, body, code] of cases) {
      const res = await upload(c.committee, c.id, body, XLSX);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect(res.json().error, what).toMatchObject({ code, messageZh: expect.stringMatching(HAN) });
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('AAAAAAAAAA');
    }
  });

  it('refuses an XLSX that unpacks beyond the limit (a zip bomb) with a Chinese 400', async () => {
    const { c } = await setup(t);
    const row = (r: number) => `<row r="${r}">${inline(`A${r}`, ' '.repeat(4000))}</row>`;
    const bomb = workbook(`<worksheet ${SHEET_NS}><sheetData>${Array.from({ length: 3000 }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`);
    expect(bomb.length).toBeLessThan(1024 * 1024); // 12 MB of XML in well under a megabyte
    const res = await upload(c.committee, c.id, bomb, XLSX);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'XLSX_TOO_LARGE', messageZh: expect.stringMatching(HAN) });
  });

  it('reads cells without addresses (ECMA-376 allows them) by position', async () => {
    const { c } = await setup(t);
    const cells = (values: string[]) => values.map((v) => `<c t="inlineStr"><is><t>${v}</t></is></c>`).join('');
    const file = workbook(`<worksheet ${SHEET_NS}><sheetData><row>${cells(HEADER)}</row><row>${cells([person(1), '王五', '户籍', '兰州市'])}</row></sheetData></worksheet>`);
    const res = await upload(c.committee, c.id, file, XLSX);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('loses no Chinese character of an XLSX read in a worker: every cell of 5,000 long rows compared after import', async () => {
    const { c } = await setup(t);
    const n = 5_000;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('选民');
    ws.addRow(HEADER);
    for (let i = 0; i < n; i += 1) ws.addRow([person(i), `居民${i}`, '户籍', address(i)]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(file.length).toBeGreaterThan(64 * 1024); // over the test's worker threshold

    // the fixture does cut characters at chunk boundaries: ExcelJS's own reader corrupts some of them
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { worksheets: 'emit', sharedStrings: 'cache' });
    let corrupted = 0;
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) if (String(row.values).includes('\uFFFD')) corrupted += 1;
      break;
    }
    expect(corrupted).toBeGreaterThan(0);

    const { result, slowestMs } = await whileHealthPolled(() => upload(c.committee, c.id, file, XLSX));
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ accepted: n, rejected: [] });
    expect(slowestMs).toBeLessThan(1000);
    const stored = (
      (await t.testDb.database.db.execute(sql`select id_number, name, address from voters where community_id = ${c.id}`)) as unknown as {
        rows: { id_number: string; name: string; address: string }[];
      }
    ).rows;
    const byId = new Map(stored.map((r) => [r.id_number, r]));
    expect(byId.size).toBe(n);
    for (let i = 0; i < n; i += 1) {
      const r = byId.get(person(i));
      expect(r?.name).toBe(`居民${i}`);
      expect(r?.address).toBe(address(i));
    }
  });
});
