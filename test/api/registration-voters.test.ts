import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createRound, createStreet, id15, idNumber, setup, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const register = (token: string, communityId: string, body: Record<string, unknown>) =>
  t.call('POST', `/communities/${communityId}/voters`, { token, body: { name: '王小明', residency: 'registered', ...body } });

describe(`single registration on ${dbKind}`, () => {
  it('registers a voter and answers with birth date and sex from the number, masked', async () => {
    const { c } = await setup(t);
    const id = idNumber('1980-03-15', 124);
    const res = await register(c.committee, c.id, { idNumber: id, name: '李秀英' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ birthDate: '1980-03-15', sex: 'female', idNumber: `620102********${id.slice(-4)}`, name: '李秀英' });
    expect(res.body).not.toContain(id);
  });

  it('VOT-AGE: 18 on election day (2026-12-26) is enough, one day short is not', async () => {
    const { c } = await setup(t);
    const ok = await register(c.committee, c.id, { idNumber: idNumber('2008-12-26', 11) });
    expect(ok.statusCode, ok.body).toBe(201);
    const short = await register(c.committee, c.id, { idNumber: idNumber('2008-12-27', 11) });
    expect(short.statusCode).toBe(422);
    const body = short.json() as ErrorJson;
    expect(body.error).toMatchObject({ code: 'RULE_VIOLATION', rule: 'VOT-AGE' });
    expect(body.error.messageZh).toContain('应不晚于2008年12月26日');
  });

  it('VOT-AGE: born 29 February turns 18 on 1 March of a non-leap year', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, { phases: [{ name: 'election', from: '2026-01-01', to: '2026-12-26' }] });
    const feb28 = await createCommunity(t, s, roundId, { electionDay: '2026-02-28', partyElectionDay: '2026-02-27' });
    const mar1 = await createCommunity(t, s, roundId, { electionDay: '2026-03-01', partyElectionDay: '2026-02-27' });
    const leapling = idNumber('2008-02-29', 31);
    const early = await register(feb28.committee, feb28.id, { idNumber: leapling });
    expect(early.statusCode).toBe(422);
    expect((early.json() as ErrorJson).error.rule).toBe('VOT-AGE');
    const onTime = await register(mar1.committee, mar1.id, { idNumber: leapling });
    expect(onTime.statusCode, onTime.body).toBe(201);
  });

  it('VOT-ID: a wrong check character, an impossible date and a future birth are refused', async () => {
    const { c } = await setup(t);
    const good = idNumber('1975-06-01', 15);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const bad of [wrongCheck, '620102197502300153', idNumber('2027-01-01', 15), '12345']) {
      const res = await register(c.committee, c.id, { idNumber: bad });
      expect(res.statusCode, bad).toBe(422);
      expect((res.json() as ErrorJson).error.rule).toBe('VOT-ID');
    }
    const lower = good.endsWith('X') ? good.slice(0, 17) + 'x' : good;
    expect((await register(c.committee, c.id, { idNumber: lower })).statusCode).toBe(201);
  });

  it('VOT-ID: a stated birth date or sex that disagrees with the number is refused', async () => {
    const { c } = await setup(t);
    const res = await register(c.committee, c.id, { idNumber: idNumber('1975-06-01', 15), sex: 'female' });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('VOT-ID');
  });

  it('VOT-RIGHTS: a person deprived of political rights is not registered', async () => {
    const { c } = await setup(t);
    const res = await register(c.committee, c.id, { idNumber: idNumber('1960-01-01', 17), rightsDeprived: true });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('VOT-RIGHTS');
  });

  it('VOT-RESIDENT: 6 months of residence under yiwu (5 is short); a resident must ask to take part', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, { profile: 'yiwu-2007' });
    const c = await createCommunity(t, s, roundId, { method: 'direct', rcSeats: { director: 1, deputies: 1, members: 3 } });
    const five = await register(c.committee, c.id, { idNumber: idNumber('1990-01-01', 19), residency: 'resident', residencyMonths: 5 });
    expect(five.statusCode).toBe(422);
    expect((five.json() as ErrorJson).error).toMatchObject({ rule: 'VOT-RESIDENT' });
    expect((five.json() as ErrorJson).error.messageZh).toContain('6个月');
    const six = await register(c.committee, c.id, { idNumber: idNumber('1990-01-01', 19), residency: 'resident', residencyMonths: 6 });
    expect(six.statusCode, six.body).toBe(201);
    const notAsked = await register(c.committee, c.id, {
      idNumber: idNumber('1990-01-02', 19),
      residency: 'resident',
      residencyMonths: 12,
      requested: false,
    });
    expect((notAsked.json() as ErrorJson).error.rule).toBe('VOT-RESIDENT');
  });

  it('VOT-NO-DUP: 409 naming the other community of the district, also for the 15-digit form', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const a = await createCommunity(t, s, roundId, { name: '张掖路社区' });
    const b = await createCommunity(t, s, roundId, { name: '庆阳路社区' });
    const id = idNumber('1970-05-05', 33);
    expect((await register(a.committee, a.id, { idNumber: id })).statusCode).toBe(201);
    for (const form of [id, id15(id)]) {
      const res = await register(b.committee, b.id, { idNumber: form });
      expect(res.statusCode).toBe(409);
      const body = res.json() as ErrorJson;
      expect(body.error).toMatchObject({ rule: 'VOT-NO-DUP', details: { otherCommunityId: a.id, otherCommunityName: '张掖路社区' } });
      expect(body.error.messageZh).toContain('张掖路社区');
    }
    // another round of the same district and term: still one registration per person
    const round2 = await createRound(t, s);
    const other = await createCommunity(t, s, round2, { name: '另一轮社区' });
    expect((await register(other.committee, other.id, { idNumber: id15(id) })).statusCode).toBe(409);
    const same = await register(a.committee, a.id, { idNumber: id15(id) });
    expect(same.statusCode).toBe(409);
    expect((same.json() as ErrorJson).error.code).toBe('ALREADY_REGISTERED');
    const stored = rows<{ id_number: string }>(await t.testDb.database.db.execute(sql`select id_number from voters where community_id = ${a.id}`));
    expect(stored).toEqual([{ id_number: id }]);
  });

  it('TML-PHASE: registration outside the election phase is refused', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s, {
      phases: [
        { name: 'mobilisation', from: '2026-11-01', to: '2026-11-30' },
        { name: 'election', from: '2026-12-01', to: '2026-12-26' },
      ],
    });
    const c = await createCommunity(t, s, roundId);
    const res = await register(c.committee, c.id, { idNumber: idNumber('1970-01-01', 1) });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('TML-PHASE');
    expect((res.json() as ErrorJson).error.messageZh).toContain('登记选民');
  });
});

describe('reading the register', () => {
  it('lists masked numbers, searches by name and by the last 4 characters, pages', async () => {
    const { s, c } = await setup(t);
    const ids = [idNumber('1971-01-01', 101), idNumber('1972-02-02', 103), idNumber('1973-03-03', 105)];
    const names = ['赵一', '钱二', '孙三'];
    for (let i = 0; i < 3; i += 1) expect((await register(c.committee, c.id, { idNumber: ids[i], name: names[i] })).statusCode).toBe(201);
    const all = await t.call('GET', `/communities/${c.id}/voters?page=1&pageSize=2`, { token: c.committee });
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json() as { items: { idNumber: string; name: string }[]; total: number; page: number };
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    for (const item of page.items) expect(item.idNumber).toMatch(/^620102\*{8}\d{3}[\dX]$/);
    expect(all.body).not.toContain(ids[0]!.slice(6, 14));
    const byName = (await t.call('GET', `/communities/${c.id}/voters?q=${encodeURIComponent('钱')}`, { token: s.street })).json() as { items: { name: string }[] };
    expect(byName.items.map((x) => x.name)).toEqual(['钱二']);
    const byLast4 = (await t.call('GET', `/communities/${c.id}/voters?q=${ids[2]!.slice(-4)}`, { token: s.bureau })).json() as { items: { name: string }[] };
    expect(byLast4.items.map((x) => x.name)).toContain('孙三');
  });

  it('filters by residents\' group (or none) and by residency, each page counting only the matches', async () => {
    const { c } = await setup(t);
    const group = await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第一居民小组', households: 30 } });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = (group.json() as { id: string }).id;
    const people = [
      { idNumber: idNumber('1961-01-01', 201), name: '甲', residency: 'registered', groupId },
      { idNumber: idNumber('1962-02-02', 203), name: '乙', residency: 'resident', residencyMonths: 12, groupId },
      { idNumber: idNumber('1963-03-03', 205), name: '丙', residency: 'resident', residencyMonths: 12 },
      { idNumber: idNumber('1964-04-04', 207), name: '丁', residency: 'registered' },
    ];
    for (const p of people) {
      const res = await register(c.committee, c.id, p);
      expect(res.statusCode, res.body).toBe(201);
    }
    const names = async (query: string) => {
      const res = await t.call('GET', `/communities/${c.id}/voters?page=1&pageSize=1&${query}`, { token: c.committee });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { name: string }[]; total: number; page: number; pageSize: number };
      expect(page).toMatchObject({ page: 1, pageSize: 1 });
      const all = (await t.call('GET', `/communities/${c.id}/voters?page=1&pageSize=100&${query}`, { token: c.committee })).json() as { items: { name: string }[] };
      return { total: page.total, names: all.items.map((v) => v.name).sort() };
    };
    expect(await names(`groupId=${groupId}`)).toEqual({ total: 2, names: ['乙', '甲'].sort() });
    expect(await names('groupId=none')).toEqual({ total: 2, names: ['丁', '丙'].sort() });
    expect(await names('residency=resident')).toEqual({ total: 2, names: ['丙', '乙'].sort() });
    expect(await names(`residency=registered&groupId=${groupId}`)).toEqual({ total: 1, names: ['甲'] });
    expect(await names(`residency=resident&q=${encodeURIComponent('丙')}`)).toEqual({ total: 1, names: ['丙'] });
    const bad = await t.call('GET', `/communities/${c.id}/voters?residency=foreign`, { token: c.committee });
    expect(bad.statusCode).toBe(400);
  });

  it('gives a committee user of one community 403 on another', async () => {
    const s = await createStreet(t);
    const roundId = await createRound(t, s);
    const a = await createCommunity(t, s, roundId);
    const b = await createCommunity(t, s, roundId);
    expect((await t.call('GET', `/communities/${b.id}/voters`, { token: a.committee })).statusCode).toBe(403);
    expect((await register(a.committee, b.id, { idNumber: idNumber('1970-01-01', 3) })).statusCode).toBe(403);
    const v = (await register(b.committee, b.id, { idNumber: idNumber('1970-01-01', 3) })).json() as { id: string };
    expect((await t.call('GET', `/voters/${v.id}`, { token: a.committee })).statusCode).toBe(403);
    expect((await t.call('GET', `/communities/${b.id}/voters/export.xlsx`, { token: a.committee })).statusCode).toBe(403);
  });

  it('shows the whole number to the own committee and the bureau (audited), masked to the street', async () => {
    const { s, c } = await setup(t);
    const id = idNumber('1966-06-06', 77);
    const v = (await register(c.committee, c.id, { idNumber: id })).json() as { id: string };
    const own = (await t.call('GET', `/voters/${v.id}`, { token: c.committee })).json() as { idNumber: string };
    expect(own.idNumber).toBe(id);
    expect(((await t.call('GET', `/voters/${v.id}`, { token: s.bureau })).json() as { idNumber: string }).idNumber).toBe(id);
    expect(((await t.call('GET', `/voters/${v.id}`, { token: s.street })).json() as { idNumber: string }).idNumber).toBe(
      `620102********${id.slice(-4)}`,
    );
    const reads = rows<{ n: number }>(
      await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'read-id-number' and entity_id = ${v.id}`),
    );
    expect(reads[0]!.n).toBe(2);
    const leaked = rows<{ n: number }>(await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where after::text like ${`%${id}%`}`));
    expect(leaked[0]!.n).toBe(0);
  });

  it('exports XLSX: formula-looking cells neutralised, masked for the street, whole for the committee (audited)', async () => {
    const { s, c } = await setup(t);
    const id = idNumber('1955-05-05', 55);
    expect((await register(c.committee, c.id, { idNumber: id, name: '周五', address: '=HYPERLINK("http://x","点我")', householdNo: '+86' })).statusCode).toBe(201);
    const read = async (token: string) => {
      const res = await t.call('GET', `/communities/${c.id}/voters/export.xlsx`, { token });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      return { header: sheet.getRow(1).values as unknown[], row: sheet.getRow(2).values as unknown[] };
    };
    const street = await read(s.street);
    expect(street.header).toContain('公民身份号码');
    expect(street.row[2]).toBe('周五');
    expect(street.row[5]).toBe(`620102********${id.slice(-4)}`);
    expect(street.row[8]).toBe("'+86");
    expect(street.row[9]).toBe(`'=HYPERLINK("http://x","点我")`);
    const committee = await read(c.committee);
    expect(committee.row[5]).toBe(id);
    const audits = rows<{ n: number }>(
      await t.testDb.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'export-id-numbers' and entity_id = ${c.id}`),
    );
    expect(audits[0]!.n).toBe(1);
  });
});
