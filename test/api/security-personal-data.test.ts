/**
 * Personal data (issue 8): identity numbers masked in every list, export, error and log line; whole numbers only
 * for the owning committee and the bureau, each such read audited; exported spreadsheets neutralise formulas.
 * The last test greps every log line this file produced for an 18-character or 15-digit identity number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from '../../src/config.js';
import { maskLogLine } from '../../src/http/logging.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { id15, idNumber, setup, tokenFor } from './registration-fixture.js';

let t: TestApp;
let communityId: string;
let committee: string;
let street: string;
let bureau: string;
let otherCommittee: string;
let otherBureau: string;
const registered: string[] = [];
const FORMULAS = ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@HYPERLINK("http://x")', '=1+1'];

/**
 * Whole identity numbers: 18 characters, or 15 digits, standing alone (not inside a longer run of letters and
 * digits such as an audit hash, nor in a decimal fraction).
 */
const WHOLE_18 = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const WHOLE_15 = /(?<![\dA-Za-z.])\d{15}(?![\dA-Za-z])/;
const leaks = (text: string): string[] => [text.match(WHOLE_18)?.[0], text.match(WHOLE_15)?.[0]].filter((x): x is string => !!x);

beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
  const a = await setup(t);
  communityId = a.c.id;
  committee = a.c.committee;
  street = a.s.street;
  bureau = a.s.bureau;
  const b = await setup(t);
  otherCommittee = b.c.committee;
  otherBureau = b.s.bureau;
}, 120_000);
afterAll(async () => t?.close());

describe(`identity numbers on ${dbKind}`, () => {
  it('registers voters one by one and by import, and no answer carries a whole number', async () => {
    for (let i = 0; i < 6; i += 1) {
      const id = idNumber(`1970-0${(i % 9) + 1}-1${i}`, 200 + i);
      const res = await t.call('POST', `/communities/${communityId}/voters`, {
        token: committee,
        body: { idNumber: id, name: `居民${i}`, residency: 'registered', address: FORMULAS[i % FORMULAS.length] },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(leaks(res.body)).toEqual([]);
      registered.push(id);
    }
    // The legacy 15-digit form, a duplicate, a wrong check digit and an under-age number: refusals never echo them.
    const legacy = idNumber('1965-05-05', 301);
    const l = await t.call('POST', `/communities/${communityId}/voters`, { token: committee, body: { idNumber: id15(legacy), name: '老号码', residency: 'registered' } });
    expect(l.statusCode, l.body).toBe(201);
    expect(leaks(l.body)).toEqual([]);
    registered.push(legacy);
    const refusals = [
      { idNumber: registered[0]!, name: '重复' },
      { idNumber: `${registered[1]!.slice(0, 17)}${registered[1]!.endsWith('0') ? '1' : '0'}`, name: '校验错' },
      { idNumber: idNumber('2012-01-01', 5), name: '未成年' },
    ];
    for (const body of refusals) {
      const res = await t.call('POST', `/communities/${communityId}/voters`, { token: committee, body: { ...body, residency: 'registered' } });
      expect([409, 422], res.body).toContain(res.statusCode);
      expect(leaks(res.body), res.body).toEqual([]);
    }
    const rows = Array.from({ length: 12 }, (_, i) => [idNumber(`1980-02-${String(i + 10)}`, 400 + i), `导入${i}`, '户籍']);
    const bad = [[`${idNumber('1981-01-01', 1).slice(0, 17)}Y`, '坏号码', '户籍'], [idNumber('2015-03-03', 7), '太小', '户籍']];
    const csv = ['idNumber,name,residency', ...[...rows, ...bad].map((r) => r.join(','))].join('\r\n');
    const imported = await t.call('POST', `/communities/${communityId}/voters/import`, { token: committee, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((imported.json() as { accepted: number }).accepted).toBe(12);
    expect(leaks(imported.body), imported.body).toEqual([]);
    registered.push(...rows.map((r) => r[0]!));
  });

  it('masks every list and the export for the street and the admin; other communities and districts get 403', async () => {
    for (const token of [committee, street, bureau, t.adminToken]) {
      const list = await t.call('GET', `/communities/${communityId}/voters?pageSize=500`, { token });
      expect(list.statusCode).toBe(200);
      const items = (list.json() as { items: { idNumber: string }[] }).items;
      expect(items.length).toBe(registered.length);
      expect(leaks(list.body)).toEqual([]);
      for (const item of items) expect(item.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const search = await t.call('GET', `/communities/${communityId}/voters?q=${registered[0]!.slice(-4)}`, { token: street });
    expect(leaks(search.body)).toEqual([]);
    for (const token of [otherCommittee, otherBureau]) {
      expect((await t.call('GET', `/communities/${communityId}/voters`, { token })).statusCode).toBe(403);
    }
    for (const token of [street, t.adminToken]) {
      const numbers = await exportedNumbers(token);
      expect(numbers.length).toBe(registered.length);
      for (const n of numbers) expect(n).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('shows whole numbers only to the owning committee and the bureau, and audits each such read', async () => {
    const ids = ((await t.call('GET', `/communities/${communityId}/voters?pageSize=500`, { token: committee })).json() as { items: { id: string }[] }).items.map((v) => v.id);
    const audited = async () =>
      Number(((await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where action in ('read-id-number', 'export-id-numbers')`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    const before = await audited();
    for (const token of [committee, bureau]) {
      const res = await t.call('GET', `/voters/${ids[0]}`, { token });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { idNumber: string }).idNumber).toMatch(/^\d{17}[\dX]$/);
    }
    expect(await audited()).toBe(before + 2);
    for (const token of [street, t.adminToken]) {
      const res = await t.call('GET', `/voters/${ids[0]}`, { token });
      expect(res.statusCode).toBe(200);
      expect(leaks(res.body)).toEqual([]);
    }
    expect(await audited()).toBe(before + 2);
    for (const token of [otherCommittee, otherBureau, await tokenFor(t, 'scrutineer', communityId)]) {
      expect((await t.call('GET', `/voters/${ids[0]}`, { token })).statusCode).toBe(403);
    }
    const whole = await exportedNumbers(committee);
    expect(whole.sort()).toEqual([...registered].sort());
    expect(await audited()).toBeGreaterThan(before + 2);
  });

  it('keeps whole numbers out of the audit log readable through the API', async () => {
    const res = await t.call('GET', '/audit?pageSize=1000', { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: unknown[] }).items.length).toBeGreaterThan(10);
    expect(leaks(res.body)).toEqual([]);
  });

  it('neutralises formula injection in the exported spreadsheet', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/communities/${communityId}/voters/export.xlsx`, headers: { authorization: `Bearer ${street}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.some((c) => c.formula !== undefined && c.formula !== null)).toBe(false);
    const texts = cells.map((c) => String(c.value ?? ''));
    for (const formula of FORMULAS) {
      expect(texts).toContain(`'${formula}`);
      expect(texts).not.toContain(formula);
    }
    expect(texts.every((s) => !/^[=+\-@\t\r]/.test(s))).toBe(true);
  });

  it('keeps whole numbers out of error logs, even when an error message quotes the request body', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig({ logLevel: 'info' }),
      database: t.testDb.database,
      logStream: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) }),
    });
    await app.register(async (scope) => {
      scope.post('/api/v1/test-boom/:idNumber', { config: { access: { public: true } } }, async (request) => {
        const body = request.body as { idNumber: string; person: { idNumber: string } };
        throw new Error(`could not save ${body.idNumber} / ${body.person.idNumber} (${registered[2]!.slice(0, 6)}${registered[2]!.slice(8, 17)})`);
      });
    });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/test-boom/${registered[0]}?q=${registered[1]}`,
      payload: { idNumber: registered[0], person: { idNumber: registered[1] } },
    });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL', messageZh: expect.any(String) } });
    expect(leaks(res.body)).toEqual([]);
    const errorLine = lines.find((l) => l.includes('unhandled error'));
    expect(errorLine).toBeDefined();
    expect(errorLine).toContain('could not save 620102********');
    expect(leaks(lines.join(''))).toEqual([]);
    // The line stays JSON after masking.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    t.logs.push(...lines);
  });

  it('masks a number in a log line without breaking a decimal fraction', () => {
    expect(maskLogLine('{"responseTime":12.409999966621399,"msg":"620102198003151241"}')).toBe(
      '{"responseTime":12.409999966621399,"msg":"620102********1241"}',
    );
  });

  it('wrote no whole identity number in any log line of this file', () => {
    expect(t.logs.length).toBeGreaterThan(50);
    const found = t.logs.flatMap((line) => leaks(line).map((n) => `${n} in ${line.slice(0, 200)}`));
    expect(found).toEqual([]);
    for (const id of registered) expect(t.logs.join('')).not.toContain(id);
  });
});

async function exportedNumbers(token: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/communities/${communityId}/voters/export.xlsx`, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      const v = String(cell.value ?? '');
      if (/^\d{6}[\d*]{8}\d{3}[\dXx]$/.test(v)) out.push(v);
    }),
  );
  return out;
}
