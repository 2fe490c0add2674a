import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { sqlStateOf } from '../../src/db/client.js';
import { createCommunity, createRound, createStreet, id15, idNumber, setup, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Report {
  accepted: number;
  rejected: { row: number; toRow?: number; code: string; message: string }[];
  rejectedRows: number;
  duplicates: number;
  total: number;
  committed: boolean;
}

const upload = (token: string, communityId: string, body: string | Buffer, mode = 'partial', type = CSV) =>
  t.call('POST', `/communities/${communityId}/voters/import?mode=${mode}`, { token, body, headers: { 'content-type': type } });

async function count(communityId: string): Promise<number> {
  return rows<{ n: number }>(await t.testDb.database.db.execute(sql`select count(*)::int as n from voters where community_id = ${communityId}`))[0]!.n;
}

/** n distinct valid people; different `seqBase` values (< 1000 apart from n/20160) give different people. */
function people(n: number, seqBase = 1): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const year = 1940 + (Math.floor(i / 336) % 60);
    return [idNumber(`${year}-${month}-${day}`, seqBase + Math.floor(i / 20_160)), `居民${i + 1}`, '户籍'];
  });
}

const chineseHeader = '身份证号码,姓名,户籍/居住,户号,住址,居民小组';

describe(`voter import on ${dbKind}`, () => {
  it('imports UTF-8 CSV with a BOM and Chinese headers; re-importing the same file changes nothing', async () => {
    const { c } = await setup(t);
    const group = await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第一小组', households: 100 } });
    expect(group.statusCode).toBe(201);
    const lines = [chineseHeader, `${idNumber('1950-10-01', 1)},张三,户籍,0101,"兰州市城关区张掖路1号, 2单元",第一小组`, `${idNumber('1960-10-01', 2)},李四,居住,0102,,`];
    const file = `\uFEFF${lines.join('\r\n')}\r\n`;
    const first = await upload(c.committee, c.id, file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 2, rejected: [], duplicates: 0, total: 2, committed: true });
    const list = (await t.call('GET', `/communities/${c.id}/voters`, { token: c.committee })).json() as {
      items: { name: string; address: string | null; groupName: string | null; residency: string }[];
    };
    expect(list.items.find((v) => v.name === '张三')).toMatchObject({ address: '兰州市城关区张掖路1号, 2单元', groupName: '第一小组', residency: 'registered' });
    expect(list.items.find((v) => v.name === '李四')).toMatchObject({ residency: 'resident' });
    const again = await upload(c.committee, c.id, file);
    expect(again.json()).toMatchObject({ accepted: 0, rejected: [], duplicates: 2 });
    expect(await count(c.id)).toBe(2);
  });

  it('decodes GBK (GB18030) CSV', async () => {
    const { c } = await setup(t);
    const text = [chineseHeader, `${idNumber('1950-10-01', 5)},欧阳娜娜,户籍,1,甘肃省兰州市,`].join('\n');
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const res = await upload(c.committee, c.id, gbk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [] });
    const list = (await t.call('GET', `/communities/${c.id}/voters`, { token: c.committee })).json() as { items: { name: string; address: string }[] };
    expect(list.items[0]).toMatchObject({ name: '欧阳娜娜', address: '甘肃省兰州市' });
  });

  it('imports an XLSX file with the API field names as headers', async () => {
    const { c } = await setup(t);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(['idNumber', 'name', 'residency', 'householdNo']);
    sheet.addRow([idNumber('1945-01-01', 7), '钱学', 'registered', 'A-1']);
    sheet.addRow([idNumber('1946-01-01', 9), '孙理', '户籍', 12]);
    sheet.addRow([idNumber('2010-01-01', 9), '小孩', '户籍', 13]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(c.committee, c.id, buffer, 'partial', XLSX);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(report.rejected).toEqual([{ row: 4, code: 'VOT-AGE', message: expect.stringContaining('未满18周岁') }]);
    expect(await count(c.id)).toBe(2);
  });

  it('takes the file of a browser form (multipart/form-data), CSV or XLSX, for the register and the roster', async () => {
    const { c } = await setup(t);
    const send = (path: string, form: FormData, app = t) =>
      app.app.inject({ method: 'POST', url: `/api/v1/communities/${c.id}/${path}`, payload: form, headers: { authorization: `Bearer ${c.committee}` } });
    const formWith = (content: string | Uint8Array, type: string, filename: string) => {
      const form = new FormData();
      form.append('note', '第一批');
      form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
      return form;
    };
    // Excel on Windows labels a CSV `application/vnd.ms-excel`: the name decides
    const csv = ['身份证号码,姓名,户籍/居住', ...people(3, 800).map((r) => r.join(','))].join('\r\n');
    const byCsv = await send('voters/import?mode=partial', formWith(iconv.encode(csv, 'gbk'), 'application/vnd.ms-excel', '选民名单.csv'));
    expect(byCsv.statusCode, byCsv.body).toBe(200);
    expect(byCsv.json()).toMatchObject({ accepted: 3, rejected: [] });

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['身份证号码', '姓名', '户籍/居住'], ...people(2, 810)]);
    const byXlsx = await send('voters/import', formWith(Buffer.from(await wb.xlsx.writeBuffer()), 'application/octet-stream', '补充名单.xlsx'));
    expect(byXlsx.statusCode, byXlsx.body).toBe(200);
    expect(byXlsx.json()).toMatchObject({ accepted: 2 });
    expect(await count(c.id)).toBe(5);

    const roster = await send('roster', formWith(['身份证号码,姓名', `${idNumber('1960-02-02', 820)},常住甲`].join('\n'), 'text/csv', 'roster.csv'));
    expect(roster.statusCode, roster.body).toBe(200);
    expect(roster.json()).toMatchObject({ accepted: 1 });

    const noFile = new FormData();
    noFile.append('note', '忘了选文件');
    const none = await send('voters/import', noFile);
    expect(none.statusCode).toBe(400);
    expect((none.json() as ErrorJson).error.messageZh).toContain('没有文件');
    // two files: refused after reading the first, and none of its rows is kept
    const two = formWith(['idNumber,name,residency', ...people(2, 830).map((r) => r.join(','))].join('\n'), 'text/csv', '一.csv');
    two.append('file2', new Blob(['idNumber,name,residency'], { type: 'text/csv' }), '二.csv');
    const twoFiles = await send('voters/import', two);
    expect(twoFiles.statusCode, twoFiles.body).toBe(400);
    expect((twoFiles.json() as ErrorJson).error.messageZh).toContain('一次只能上传一个文件');
    expect(await count(c.id)).toBe(5);
    const pdf = await send('voters/import', formWith('%PDF-1.7', 'application/pdf', '名单.pdf'));
    expect(pdf.statusCode).toBe(415);
    expect((pdf.json() as ErrorJson).error.messageZh).toContain('CSV');

    const small = await createTestApp({ today: '2026-11-20', config: { uploadLimitBytes: 2048 } });
    try {
      const s = await setup(small);
      const big = ['idNumber,name,residency', ...people(200).map((r) => r.join(','))].join('\n');
      const form = formWith(big, 'text/csv', 'big.csv');
      const res = await small.app.inject({ method: 'POST', url: `/api/v1/communities/${s.c.id}/voters/import`, payload: form, headers: { authorization: `Bearer ${s.c.committee}` } });
      expect(res.statusCode, res.body).toBe(413);
      expect(await small.testDb.database.db.execute(sql`select count(*)::int as n from voters`).then((r) => rows<{ n: number }>(r)[0]!.n)).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('partial commits the good rows and names every bad one; all commits nothing', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const other = await createCommunity(t, s, roundId, { name: '庆阳路社区' });
    const c = await createCommunity(t, s, roundId, { name: '张掖路社区' });
    const registeredElsewhere = idNumber('1980-08-08', 41);
    expect(
      (await t.call('POST', `/communities/${other.id}/voters`, { token: other.committee, body: { idNumber: registeredElsewhere, name: '甲', residency: 'registered' } }))
        .statusCode,
    ).toBe(201);
    const good = people(3, 500);
    const bad = [
      [idNumber('2009-01-01', 3), '未成年', '户籍'], // row 5: VOT-AGE
      ['620102198001011230', '错号', '户籍'], // row 6: VOT-ID (checksum, most likely)
      [id15(good[0]![0]!), '重复', '户籍'], // row 7: VOT-NO-DUP inside the file (15-digit form of row 2)
      [registeredElsewhere, '乙', '户籍'], // row 8: VOT-NO-DUP other community
      [idNumber('1981-01-01', 45), '丙', '外地'], // row 9: VOT-RESIDENT
      [idNumber('1981-01-01', 47), '', '户籍'], // row 10: name missing
    ];
    const csv = ['idNumber,name,residency', ...[...good, ...bad].map((r) => r.join(','))].join('\n');
    const all = await upload(c.committee, c.id, csv, 'all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ accepted: 0, committed: false });
    expect(await count(c.id)).toBe(0);

    const partial = await upload(c.committee, c.id, csv, 'partial');
    const report = partial.json() as Report;
    expect(report.accepted).toBe(3);
    expect(report.committed).toBe(true);
    const byRow = Object.fromEntries(report.rejected.map((r) => [r.row, r]));
    expect(Object.keys(byRow).map(Number)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(byRow[5]!.code).toBe('VOT-AGE');
    expect(byRow[6]!.code).toBe('VOT-ID');
    expect(byRow[7]).toMatchObject({ code: 'VOT-NO-DUP', message: expect.stringContaining('第2行') });
    expect(byRow[8]).toMatchObject({ code: 'VOT-NO-DUP', message: expect.stringContaining('庆阳路社区') });
    expect(byRow[9]!.code).toBe('VOT-RESIDENT');
    expect(byRow[10]!.message).toContain('姓名');
    expect(await count(c.id)).toBe(3);
  });

  it('checks every batch of a long file against the register and the rows before it, across batch boundaries', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const other = await createCommunity(t, s, roundId, { name: '皋兰路社区' });
    const c = await createCommunity(t, s, roundId, { name: '白银路社区' });
    const file = people(12_000, 600); // three batches of the loader and a part of a fourth
    const register = (communityId: string, token: string, person: string[]) =>
      t.call('POST', `/communities/${communityId}/voters`, { token, body: { idNumber: person[0], name: person[1], residency: 'registered' } });
    // file rows are numbered from 2 (the header is row 1): person i is on row i + 2
    expect((await register(other.id, other.committee, file[6_000]!)).statusCode).toBe(201); // row 6002, second batch
    expect((await register(other.id, other.committee, file[11_999]!)).statusCode).toBe(201); // row 12001, last batch
    expect((await register(c.id, c.committee, file[10_500]!)).statusCode).toBe(201); // row 10502: already here
    const lines = file.map((r) => r.join(','));
    lines.splice(9_000, 0, `${id15(file[1]![0]!)},重复,户籍`); // row 9002: the 15-digit form of row 3
    const res = await upload(c.committee, c.id, ['idNumber,name,residency', ...lines].join('\n'));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.rejected.map((r) => [r.row, r.code])).toEqual([
      [6002, 'VOT-NO-DUP'],
      [9002, 'VOT-NO-DUP'],
      [12002, 'VOT-NO-DUP'], // after the inserted line, person 11,999 is on row 12002
    ]);
    expect(report.rejected[0]!.message).toContain('皋兰路社区');
    expect(report.rejected[1]!.message).toContain('第3行');
    expect(report).toMatchObject({ total: 12_001, duplicates: 1, accepted: 12_000 - 3, committed: true });
    expect(await count(c.id)).toBe(12_000 - 2);
    if (dbKind === 'postgres') {
      // the register was probed on a connection of its own, closed with the import
      const probes = rows<{ n: number }>(
        await t.testDb.database.db.execute(sql`select count(*)::int as n from pg_stat_activity where application_name = 'voter-import-probe' and datname = current_database()`),
      );
      expect(probes[0]!.n).toBe(0);
    }
  });

  it('two committees importing the same people at once register each person once, and lose nothing silently', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const a = await createCommunity(t, s, roundId, { name: '永昌路社区' });
    const b = await createCommunity(t, s, roundId, { name: '武都路社区' });
    const file = people(12_000, 900);
    const csv = (list: string[][]) => ['idNumber,name,residency', ...list.map((r) => r.join(','))].join('\n');
    // the same order in one file, the reverse in the other: on PostgreSQL the two loads may wait on each other
    const [ra, rb] = await Promise.all([upload(a.committee, a.id, csv(file)), upload(b.committee, b.id, csv([...file].reverse()))]);
    for (const res of [ra, rb]) {
      // committed (the other's people named as VOT-NO-DUP), or refused whole with 409 (registered meanwhile elsewhere,
      // or the database broke the two loads' deadlock); never a 500, never half an import
      expect([200, 409], res.body).toContain(res.statusCode);
      if (res.statusCode === 409) expect((res.json() as ErrorJson).error.code).toBe('CONCURRENT_REGISTRATION');
    }
    const [na, nb] = [await count(a.id), await count(b.id)];
    expect(na + nb).toBe(12_000);
    for (const [res, n] of [[ra, na], [rb, nb]] as const) {
      if (res.statusCode === 200) {
        const report = res.json() as Report;
        expect(report.accepted).toBe(n);
        expect(report.accepted + report.rejectedRows).toBe(12_000);
        expect(report.rejected.every((r) => r.code === 'VOT-NO-DUP')).toBe(true);
      } else {
        expect(n).toBe(0);
      }
    }
  });

  it('keeps voters pointing at their community: a community with voters cannot be deleted or renumbered', async () => {
    const { c } = await setup(t);
    expect((await upload(c.committee, c.id, ['idNumber,name,residency', ...people(2, 700).map((r) => r.join(','))].join('\n'))).statusCode).toBe(200);
    const db = t.testDb.database.db;
    await expect(db.execute(sql`delete from communities where id = ${c.id}`).catch(sqlStateOf)).resolves.toBe('23503');
    await expect(db.execute(sql`update communities set id = gen_random_uuid() where id = ${c.id}`).catch(sqlStateOf)).resolves.toBe('23503');
    // other updates of the row are untouched by the guard
    await db.execute(sql`update communities set households = households where id = ${c.id}`);
    expect(await count(c.id)).toBe(2);
  });

  it('reports a run of rows refused for the same reason as one entry, every row still named', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const other = await createCommunity(t, s, roundId, { name: '民主东路社区' });
    const c = await createCommunity(t, s, roundId, { name: '金昌路社区' });
    const list = people(6_000, 950);
    // a wrong residency column: every row refused for the same reason, except one good row in the middle
    const lines = list.map((r, i) => (i === 2_999 ? r.join(',') : [r[0], r[1], '外地'].join(',')));
    const res = await upload(c.committee, c.id, ['idNumber,name,residency', ...lines].join('\n'));
    const report = res.json() as Report;
    expect(report).toMatchObject({ accepted: 1, rejectedRows: 5_999, total: 6_000 });
    expect(report.rejected).toEqual([
      { row: 2, toRow: 3_000, code: 'VOT-RESIDENT', message: expect.stringContaining('外地') },
      { row: 3_002, toRow: 6_001, code: 'VOT-RESIDENT', message: report.rejected[0]!.message },
    ]);
    // the list pasted twice: the repeated half is one entry naming the rows it repeats
    const twice = ['idNumber,name,residency', ...list.slice(0, 100).map((r) => r.join(',')), ...list.slice(0, 100).map((r) => r.join(',')), list[0]!.join(',')].join('\n');
    const pasted = (await upload(c.committee, c.id, twice, 'all')).json() as Report;
    expect(pasted).toMatchObject({ rejectedRows: 101, committed: false });
    expect(pasted.rejected).toEqual([
      { row: 102, toRow: 201, code: 'VOT-NO-DUP', message: '本行身份号码已在本文件第2至101行（逐行对应）登记，不得重复登记' },
      { row: 202, code: 'VOT-NO-DUP', message: '本行身份号码已在本文件第2行登记，不得重复登记' },
    ]);
    // another community's file imported here by mistake: one entry naming that community, across the loader's batches
    const theirs = ['idNumber,name,residency', ...list.slice(0, 5_500).map((r) => r.join(','))].join('\n');
    // (person 3,000 is already registered here, so the other community takes the other 5,499)
    expect((await upload(other.committee, other.id, theirs)).json()).toMatchObject({ accepted: 5_499, rejectedRows: 1 });
    const mistaken = (await upload(c.committee, c.id, theirs)).json() as Report;
    expect(mistaken).toMatchObject({ accepted: 0, duplicates: 1, rejectedRows: 5_499 });
    expect(mistaken.rejected).toEqual([
      { row: 2, toRow: 3_000, code: 'VOT-NO-DUP', message: '本行身份号码已在民主东路社区登记，不得重复登记' },
      { row: 3_002, toRow: 5_501, code: 'VOT-NO-DUP', message: '本行身份号码已在民主东路社区登记，不得重复登记' },
    ]);
  });

  it('names a missing column and refuses an unknown content type', async () => {
    const { c } = await setup(t);
    const res = await upload(c.committee, c.id, 'name,residency\n张三,户籍\n');
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorJson).error.messageZh).toContain('身份证号码');
    const json = await t.call('POST', `/communities/${c.id}/voters/import`, { token: c.committee, body: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('an import that fails inside the load leaves the register unchanged', async () => {
    const { c } = await setup(t);
    const db = t.testDb.database.db;
    await db.execute(sql.raw('create sequence sabotage_rows'));
    await db.execute(sql.raw(`create or replace function fail_on_sabotage() returns trigger language plpgsql as $$
      begin perform nextval('sabotage_rows');
        if new.name = '故障' then raise exception 'simulated crash in the middle of the load'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger sabotage before insert on voters for each row execute function fail_on_sabotage()`));
    try {
      const before = people(20_500, 1);
      const csv = ['idNumber,name,residency', ...before.map((r) => r.join(',')), `${idNumber('1990-09-09', 901)},故障,户籍`, ...people(50, 21_000).map((r) => r.join(','))].join('\n');
      const res = await upload(c.committee, c.id, csv);
      expect(res.statusCode).toBe(500);
      // more than one COPY batch went into voters before the failure (sequences are not rolled back) ...
      const written = rows<{ n: number }>(await db.execute(sql`select last_value::int as n from sabotage_rows`));
      expect(written[0]!.n).toBeGreaterThan(20_000);
      // ... and none of them is left
      expect(await count(c.id)).toBe(0);
    } finally {
      await db.execute(sql.raw('drop trigger sabotage on voters'));
    }
    const ok = await upload(c.committee, c.id, ['idNumber,name,residency', ...people(5, 900).map((r) => r.join(','))].join('\n'));
    expect(ok.json()).toMatchObject({ accepted: 5 });
  });

  it('refuses an import outside the registration phase (TML-PHASE) and for another community (403)', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, { phases: [{ name: 'mobilisation', from: '2026-11-01', to: '2026-11-30' }, { name: 'election', from: '2026-12-01', to: '2026-12-26' }] });
    const c = await createCommunity(t, s, roundId);
    const d = await createCommunity(t, s, roundId);
    const csv = ['idNumber,name,residency', ...people(2).map((r) => r.join(','))].join('\n');
    const res = await upload(c.committee, c.id, csv);
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('TML-PHASE');
    expect((await upload(c.committee, d.id, csv)).statusCode).toBe(403);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const small = await createTestApp({ today: '2026-11-20', config: { uploadLimitBytes: 2048 } });
    try {
      const { c } = await setup(small);
      const csv = ['idNumber,name,residency', ...people(200).map((r) => r.join(','))].join('\n');
      const res = await small.call('POST', `/communities/${c.id}/voters/import`, { token: c.committee, body: csv, headers: { 'content-type': CSV } });
      expect(res.statusCode).toBe(413);
      expect(await small.testDb.database.db.execute(sql`select count(*)::int as n from voters`).then((r) => rows<{ n: number }>(r)[0]!.n)).toBe(0);
    } finally {
      await small.close();
    }
  });
});
