/**
 * Issue 14, files a clerk has: the voter import template round-trips. Downloaded, filled in Excel's way (a title row
 * above the header, the example row left in, a blank row, full-width digits and spaces in a number, one identity
 * number Excel stored as a number), uploaded through a browser form; the report names the bad row in Chinese.
 * Also: JSON registration takes the files' residency words, and exports neutralise full-width formula signs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { idNumber, setup } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe(`the voter import template on ${dbKind}`, () => {
  it('is downloaded with Chinese headers, an example row and a note on each column, and round-trips through a form upload', async () => {
    const { c } = await setup(t);
    const res = await t.call('GET', `/communities/${c.id}/voters/template.xlsx`, { token: c.committee });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('选民登记')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['身份证号码', '姓名', '户籍/居住']);
    expect(headers).toContain('居民小组');
    expect(sheet.getRow(2).getCell(2).value).toContain('示例');
    expect(sheet.getColumn(1).numFmt).toBe('@');
    const notes = wb.getWorksheet('填写说明')!;
    const described = new Set<string>();
    notes.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value) described.add(String(row.getCell(1).value));
    });
    expect([...described].sort()).toEqual([...headers].map(String).sort());

    // Filled as a clerk does: a title row above the header, the example left in, a blank row, 20 people.
    sheet.spliceRows(1, 0, ['张掖路社区选民登记表（2026年）']);
    const people = Array.from({ length: 20 }, (_, i) => ({ id: idNumber(`1970-0${(i % 9) + 1}-1${i % 10}`, 101 + i * 2), name: `居民${i + 1}` }));
    let excelRow = 0;
    people.forEach((p, i) => {
      if (i === 10) sheet.addRow([]);
      let id: string | number = p.id;
      if (i === 3) id = FULL_WIDTH(`${p.id.slice(0, 6)} ${p.id.slice(6, 14)} ${p.id.slice(14)}`);
      const row = sheet.addRow([id, p.name, i % 2 ? '户籍' : '居住', `H${i + 1}`, '', '', '', '', i % 2 ? '' : '12']);
      if (i === 7) {
        row.getCell(1).value = Number(p.id);
        row.getCell(1).numFmt = 'General';
        excelRow = row.number;
      }
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())], { type: 'application/octet-stream' }), '选民登记.xlsx');
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/communities/${c.id}/voters/import?mode=partial`, payload: form, headers: { authorization: `Bearer ${c.committee}` } });
    expect(upload.statusCode, upload.body).toBe(200);
    const report = upload.json() as { accepted: number; rejected: { row: number; code: string; message: string }[]; total: number };
    expect(report.accepted).toBe(19);
    expect(report.rejected).toEqual([{ row: excelRow, code: 'VOT-ID', message: '身份证号被 Excel 存成了数字，请把该列设为文本' }]);
    expect(excelRow).toBe(3 + 8); // title, header, example, then the eighth person

    const list = (await t.call('GET', `/communities/${c.id}/voters?pageSize=100`, { token: c.committee })).json() as { total: number; items: { name: string }[] };
    expect(list.total).toBe(19);
    expect(list.items.map((v) => v.name)).not.toContain('张三（示例，请删除本行）');
    const fourth = (await t.call('GET', `/communities/${c.id}/voters?q=${encodeURIComponent('居民4')}`, { token: c.committee })).json() as { items: { id: string }[] };
    const whole = (await t.call('GET', `/voters/${fourth.items[0]!.id}`, { token: c.committee })).json() as { idNumber: string };
    expect(whole.idNumber).toBe(people[3]!.id);
  });

  it('a CSV row with a NUL byte is refused as that row in partial mode, the rest kept', async () => {
    const { c } = await setup(t);
    const csv = ['身份证号码,姓名,户籍/居住', `${idNumber('1971-01-01', 301)},甲一,户籍`, `${idNumber('1971-01-02', 303)},乙\u0000二,户籍`, `${idNumber('1971-01-03', 305)},丙三,户籍`].join('\r\n');
    const res = await t.call('POST', `/communities/${c.id}/voters/import?mode=partial`, { token: c.committee, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as { accepted: number; rejected: { row: number; message: string }[] };
    expect(report.accepted).toBe(2);
    expect(report.rejected).toMatchObject([{ row: 3, message: expect.stringContaining('空字符') }]);
  });

  it('JSON registration takes the residency words of the files (户籍, 居住 …) and full-width digits', async () => {
    const { c } = await setup(t);
    const reg = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: FULL_WIDTH(idNumber('1966-06-06', 401)), name: '户籍甲', residency: '户籍' } });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ residency: 'registered', birthDate: '1966-06-06' });
    const lived = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1966-06-07', 403), name: '居住乙', residency: '人户分离', residencyMonths: 12 } });
    expect(lived.statusCode, lived.body).toBe(201);
    expect((lived.json() as { residency: string }).residency).toBe('resident');
    const bad = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1966-06-08', 405), name: '丙', residency: '暂住' } });
    expect(bad.statusCode).toBe(400);
  });

  it('the voter export neutralises cells starting with = + - @ and their full-width forms', async () => {
    const { c } = await setup(t);
    const names = ['＝HYPERLINK("x")', '＋1', '－2', '＠SUM(A1)', '=1+1', '正常'];
    for (const [i, name] of names.entries()) {
      const r = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1980-02-02', 501 + i * 2), name, residency: 'registered' } });
      expect(r.statusCode, r.body).toBe(201);
    }
    const res = await t.call('GET', `/communities/${c.id}/voters/export.xlsx`, { token: c.committee });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) cells.push(String(row.getCell(2).value));
    });
    expect(cells.sort()).toEqual(["'＝HYPERLINK(\"x\")", "'＋1", "'－2", "'＠SUM(A1)", "'=1+1", '正常'].sort());
  });
});
