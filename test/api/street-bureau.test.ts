/**
 * Issue 17's API: the street's control room (dashboard paged, sorted, filtered), communities from a sheet, the
 * round report (JSON, workbook, paper with the same figures), the bureau's queue, one filing's dossier, the return
 * reason seen by the committee, the district summary and a community's audit log.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { pdfText, squash } from '../pdf/support.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, tokenFor, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;
let street: string;
let bureau: string;
let otherBureau: string;
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七'];

const SHEET = [
  '社区名称,社区代码,选举方式,主任职数,副主任职数,委员职数,户数,选举日,党组织类型,党员人数,党组织委员职数',
  '五泉社区,wq-1,直接选举,1,2,4,800,2026-12-28,党支部,30,5',
  '白塔社区,bt-2,直接选举,1,2,4,600,2026/12/30,党支部,25,3',
  '坏社区,bad code,直接选举,1,2,4,600,2026-12-30,党支部,25,3',
  '甘南社区,gn-4,直选?,1,2,4,600,2026-12-30,党支部,25,3',
  '金城社区,jc-5,直接选举,1,2,40,600,2026-12-30,党支部,25,3',
].join('\n');

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-27' });
  c = await createCommunity(t, { names: NAMES, voters: 60, listsPublished: false });
  street = await tokenFor(t, 'street', c.streetId);
  bureau = await tokenFor(t, 'bureau', c.districtId);
  const other = await createCommunity(t, { voters: 2 });
  otherBureau = await tokenFor(t, 'bureau', other.districtId);

  const placed = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { time: '上午9:00', place: '社区居委会会议室' } });
  expect(placed.statusCode, placed.body).toBe(200);
  const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-20' } });
  expect(notice.statusCode, notice.body).toBe(201);
  const published = await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-12-01' } });
  expect(published.statusCode, published.body).toBe(201);
  const director = (await nominateAndPublish(t, c, { contest: 'director', names: ['王二', '丁一'] })).idOf;
  const members = (await nominateAndPublish(t, c, { contest: 'member', names: ['孙七', '刘三', '钱六', '李四', '赵五'] })).idOf;
  // Reported on the 4th (dated in the body): the preliminary list already holds the surplus (CAN-SURPLUS).
  for (const contest of ['director', 'member']) {
    const reported = await t.call('POST', `/communities/${c.id}/candidates/preliminary-report`, { token: c.committee, body: { contest, reportedOn: '2026-12-04' } });
    expect(reported.statusCode, reported.body).toBe(201);
  }
  const m = await createMeeting(t, c, { expected: 60, present: 50 });
  await enterTwice(t, m, { contest: 'director', issued: 50, returned: 50, invalid: 2, votes: { [director['丁一']!]: 38, [director['王二']!]: 8, 吴九: 2 } });
  await enterTwice(t, m, {
    contest: 'member',
    issued: 50,
    returned: 50,
    invalid: 0,
    votes: { [members['刘三']!]: 40, [members['李四']!]: 35, [members['赵五']!]: 30, [members['钱六']!]: 20, [members['孙七']!]: 18 },
  });
  const runoff = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'member' && x.stage === 'main')!.runoff!;
  await enterTwice(t, m, { contest: 'member', contestId: runoff.contestId!, issued: 50, returned: 50, invalid: 0, votes: { [members['钱六']!]: 30, [members['孙七']!]: 20 } });
}, 300_000);
afterAll(async () => t?.close());

interface Row {
  code: string;
  reached: string;
  overdue: { step: string; dueBy: string }[];
  nextDeadline: { step: string; dueBy: string } | null;
  openBreaches: number;
  registeredVoters: number;
  turnout: { present: number; expected: number; percent: number } | null;
}

describe(`street control room and bureau desk on ${dbKind}`, () => {
  it('adds communities from a sheet, reporting each bad row by number and reason', async () => {
    const res = await t.call('POST', `/rounds/${c.roundId}/communities/import`, { token: street, body: SHEET, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { accepted: number; rejected: { row: number; code: string; message: string }[]; total: number };
    expect(body.accepted).toBe(2);
    expect(body.total).toBe(5);
    expect(body.rejected.map((r) => [r.row, r.code])).toEqual([
      [4, 'BAD_CODE'],
      [5, 'BAD_METHOD'],
      [6, 'ORG-RC-SIZE'],
    ]);
    expect(body.rejected[1]!.message).toContain('直选?');
    const headerless = await t.call('POST', `/rounds/${c.roundId}/communities/import`, { token: street, body: '名称,代码\n甲,a', headers: { 'content-type': 'text/csv' } });
    expect(headerless.statusCode).toBe(400);
    expect(headerless.json().error.messageZh).toContain('选举方式');
    // The bureau reads a round but configures nothing.
    const forbidden = await t.call('POST', `/rounds/${c.roundId}/communities/import`, { token: bureau, body: SHEET, headers: { 'content-type': 'text/csv' } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('shows every community with the step reached, next deadline, overdue steps, breaches, voters and turnout; sorts, filters, pages', async () => {
    const res = await t.call('GET', `/rounds/${c.roundId}/dashboard`, { token: street });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Row[]; total: number; summary: { overdue: number; byReached: Record<string, number> } };
    expect(body.total).toBe(3);
    const byCode = Object.fromEntries(body.items.map((r) => [r.code, r]));
    const own = byCode[body.items.find((r) => r.registeredVoters === 60)!.code]!;
    expect(own).toMatchObject({ reached: 'election', turnout: { present: 50, expected: 60, percent: 83.3 }, overdue: [] });
    expect(own.nextDeadline).toEqual({ step: 'handover', stepZh: '已交接', dueBy: '2026-12-29' });
    // 五泉社区 elects on 12-28: its voter list was due 20 days before, the preliminary candidates by 12-06 (lanzhou),
    // the candidate list 5 days before; 白塔社区 (12-30) likewise.
    expect(byCode['wq-1']!.overdue.map((o) => `${o.step} ${o.dueBy}`)).toEqual(['voter-list 2026-12-08', 'prelim-report 2026-12-06', 'candidate-list 2026-12-23']);
    expect(byCode['wq-1']!.nextDeadline).toMatchObject({ step: 'prelim-report', dueBy: '2026-12-06' });
    expect(byCode['bt-2']!.overdue.map((o) => `${o.step} ${o.dueBy}`)).toEqual(['voter-list 2026-12-10', 'prelim-report 2026-12-06', 'candidate-list 2026-12-25']);
    expect(body.summary.overdue).toBe(2);
    expect(body.summary.byReached).toMatchObject({ setup: 2, election: 1 });

    const sorted = (await t.call('GET', `/rounds/${c.roundId}/dashboard?sort=overdue&order=desc&pageSize=1&page=1`, { token: street })).json() as { items: Row[]; total: number };
    expect(sorted.total).toBe(3);
    // Three overdue steps each: the tie is broken by code.
    expect(sorted.items.map((r) => r.code)).toEqual(['bt-2']);
    const page2 = (await t.call('GET', `/rounds/${c.roundId}/dashboard?sort=overdue&order=desc&pageSize=1&page=2`, { token: street })).json() as { items: Row[] };
    expect(page2.items.map((r) => r.code)).toEqual(['wq-1']);
    const page3 = (await t.call('GET', `/rounds/${c.roundId}/dashboard?sort=overdue&order=desc&pageSize=1&page=3`, { token: street })).json() as { items: Row[] };
    expect(page3.items.map((r) => r.code)).toEqual([own.code]);
    const onTime = (await t.call('GET', `/rounds/${c.roundId}/dashboard?overdue=false`, { token: street })).json() as { items: Row[]; total: number };
    expect(onTime.items.map((r) => r.code)).toEqual([own.code]);
    const named = (await t.call('GET', `/rounds/${c.roundId}/dashboard?q=${encodeURIComponent('白塔')}`, { token: street })).json() as { total: number };
    expect(named.total).toBe(1);
  });

  it('reports turnout, the structure of the elected, women and the cross-appointment rate alike as JSON, workbook and paper', async () => {
    const res = await t.call('GET', `/rounds/${c.roundId}/report`, { token: street });
    expect(res.statusCode, res.body).toBe(200);
    const totals = (res.json() as { totals: Record<string, unknown> }).totals as {
      rcElected: number;
      turnout: { present: number; expected: number; percent: number };
      sex: { male: number; female: number };
      ageBands: Record<string, number>;
      womenPercent: number;
      exceptionsGranted: number;
    };
    expect(totals.turnout).toEqual({ communities: 1, expected: 60, present: 50, percent: 83.3 });
    expect(totals.rcElected).toBeGreaterThanOrEqual(5);
    expect(totals.sex).toMatchObject({ male: totals.rcElected, female: 0 });
    expect(totals.ageBands['55plus']).toBe(totals.rcElected);
    expect(totals.womenPercent).toBe(0);

    const xlsx = await t.call('GET', `/rounds/${c.roundId}/report.xlsx`, { token: bureau });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['换届工作报告', '当选人员', '例外事项']);
    const sheet = book.getWorksheet('换届工作报告')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const total = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
    expect(total[0]).toBe('合计');
    expect(total[header.indexOf('参选率(%)')]).toBe(83.3);
    expect(total[header.indexOf('当选人数')]).toBe(totals.rcElected);
    expect(total[header.indexOf('55岁及以上')]).toBe(totals.rcElected);

    const pdf = await t.call('GET', `/rounds/${c.roundId}/report.pdf`, { token: street });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = squash(pdfText(pdf.rawPayload));
    expect(text).toContain('换届工作报告');
    expect(text).toContain('实际参加50人，参选率83.3%');
    expect(text).toContain(`居民委员会共当选${totals.rcElected}人，其中男${totals.rcElected}人、女0人`);
    expect(text).toContain('本轮未批准例外事项');
  });

  it('queues a filing for the bureau, returns it with a reason the committee reads, and records it once filed again', async () => {
    const filed = await t.call('POST', `/communities/${c.id}/filing`, { token: c.committee, body: { kind: 'rc' } });
    expect(filed.statusCode, filed.body).toBe(201);
    const filingId = (filed.json() as { id: string }).id;

    const queue = await t.call('GET', '/filings/queue?status=waiting', { token: bureau });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({ total: 1, counts: { waiting: 1, recorded: 0, returned: 0 }, items: [{ id: filingId, queueStatus: 'waiting' }] });
    expect((queue.json() as { streets: unknown[] }).streets).toEqual([{ streetId: c.streetId, name: '酒泉路街道', waiting: 1, recorded: 0, returned: 0 }]);
    expect((await t.call('GET', '/filings/queue', { token: otherBureau })).json()).toMatchObject({ total: 0, items: [] });

    const dossier = await t.call('GET', `/filings/${filingId}/dossier`, { token: bureau });
    expect(dossier.statusCode, dossier.body).toBe(200);
    const d = dossier.json() as { filing: { checks: { rule: string; titleZh: string }[] }; papers: { kind: string; url: string }[]; result: { registeredVoters: number } };
    expect(d.filing.checks.length).toBeGreaterThan(30);
    expect(d.papers.map((p) => p.kind)).toEqual(['result-notice', 'filing-report']);
    expect(d.result.registeredVoters).toBe(60);
    expect((await t.call('GET', `/filings/${filingId}/dossier`, { token: otherBureau })).statusCode).toBe(403);

    const reason = '选举结果公告未写明投票地点，请补正后重新报备';
    const back = await t.call('POST', `/filings/${filingId}/review`, { token: bureau, body: { decision: 'return', reason } });
    expect(back.statusCode, back.body).toBe(200);
    const own = await t.call('GET', `/communities/${c.id}/filings`, { token: c.committee });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ items: [{ id: filingId, queueStatus: 'returned', lastReturn: { reason } }] });
    expect((await t.call('GET', '/filings/queue', { token: bureau })).json()).toMatchObject({ counts: { waiting: 0, recorded: 0, returned: 1 } });

    expect((await t.call('POST', `/communities/${c.id}/filing`, { token: c.committee, body: { kind: 'rc' } })).statusCode).toBe(201);
    const waiting = (await t.call('GET', '/filings/queue', { token: street })).json() as { counts: Record<string, number> };
    expect(waiting.counts).toEqual({ waiting: 1, recorded: 0, returned: 0 });
    const recorded = await t.call('POST', `/filings/${filingId}/review`, { token: bureau, body: { decision: 'record' } });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'recorded' });
    expect((recorded.json() as { history: { action: string }[] }).history.map((h) => h.action)).toEqual(['submit', 'return', 'submit', 'record']);
    const paper = squash(pdfText((await t.call('GET', `/communities/${c.id}/documents/filing-report.pdf`, { token: bureau })).rawPayload));
    expect(paper).toContain('备案状态：已备案');
    expect(paper).not.toContain('审核通过');
    expect((await t.call('GET', '/filings/queue?status=recorded', { token: bureau })).json()).toMatchObject({ total: 1, counts: { waiting: 0, recorded: 1, returned: 0 } });
    const dashboard = (await t.call('GET', `/rounds/${c.roundId}/dashboard?q=${encodeURIComponent('张掖')}`, { token: street })).json() as { items: Row[] };
    expect(dashboard.items[0]!.reached).toBe('recorded');
  });

  it('sums the same figures per street for the district, as JSON and workbook', async () => {
    const res = await t.call('GET', `/districts/${c.districtId}/summary`, { token: bureau });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { term: number; streets: { name: string; totals: { communities: number; turnout: { percent: number } } }[]; totals: { communities: number } };
    expect(body.term).toBe(2026);
    expect(body.streets).toHaveLength(1);
    expect(body.streets[0]).toMatchObject({ name: '酒泉路街道', totals: { communities: 3, turnout: { percent: 83.3 } } });
    expect(body.totals.communities).toBe(3);
    expect((await t.call('GET', `/districts/${c.districtId}/summary`, { token: otherBureau })).statusCode).toBe(403);
    const xlsx = await t.call('GET', `/districts/${c.districtId}/summary.xlsx`, { token: bureau });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['酒泉路街道', 3]);
  });

  it('lets the street create, list, reset and deactivate the users of its communities only', async () => {
    const created = await t.call('POST', `/communities/${c.id}/users`, { token: street, body: { username: 'zyl-weiyuan', password: 'Strong-Passw0rd!', role: 'committee' } });
    expect(created.statusCode, created.body).toBe(201);
    const userId = (created.json() as { id: string }).id;
    const noMeeting = await t.call('POST', `/communities/${c.id}/users`, { token: street, body: { username: 'zyl-jianpiao', password: 'Strong-Passw0rd!', role: 'scrutineer' } });
    expect(noMeeting.statusCode).toBe(400);
    const list = (await t.call('GET', `/communities/${c.id}/users`, { token: street })).json() as { items: { username: string }[] };
    expect(list.items.map((u) => u.username)).toContain('zyl-weiyuan');
    const reset = await t.call('POST', `/communities/${c.id}/users/${userId}/password`, { token: street });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((reset.json() as { generatedPassword: string }).generatedPassword.length).toBeGreaterThan(8);
    const off = await t.call('POST', `/communities/${c.id}/users/${userId}/deactivate`, { token: street });
    expect(off.json()).toMatchObject({ active: false });
    // The admin is not one of the community's users.
    const admin = (await t.call('GET', '/auth/me', { token: t.adminToken })).json() as { id?: string; userId?: string };
    const adminId = admin.id ?? admin.userId;
    if (adminId) expect((await t.call('POST', `/communities/${c.id}/users/${adminId}/deactivate`, { token: street })).statusCode).toBe(404);
    expect((await t.call('POST', `/communities/${c.id}/users`, { token: bureau, body: { username: 'x1', password: 'Strong-Passw0rd!', role: 'committee' } })).statusCode).toBe(403);
  });

  it("lets the district's bureau browse a community's audit log with filters, newest first", async () => {
    const res = await t.call('GET', `/communities/${c.id}/audit?pageSize=5`, { token: bureau });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { seq: number; entity: string; action: string }[]; total: number; entities: string[]; actions: string[] };
    expect(body.total).toBeGreaterThan(10);
    expect(body.items).toHaveLength(5);
    expect(body.items[0]!.seq).toBeGreaterThan(body.items[4]!.seq);
    expect(body.entities).toEqual(expect.arrayContaining(['filing', 'nomination', 'tally-entry']));
    const reviews = (await t.call('GET', `/communities/${c.id}/audit?action=review-return`, { token: bureau })).json() as { items: { after: { reason: string } }[]; total: number };
    expect(reviews.total).toBe(1);
    expect(reviews.items[0]!.after.reason).toContain('投票地点');
    const byDate = (await t.call('GET', `/communities/${c.id}/audit?from=2000-01-01&to=2000-01-02`, { token: bureau })).json() as { total: number };
    expect(byDate.total).toBe(0);
    // Nothing of another community of the round.
    const imported = (await t.call('GET', `/rounds/${c.roundId}/communities`, { token: street })).json() as { items: { id: string; code: string }[] };
    const wq = imported.items.find((x) => x.code === 'wq-1')!;
    const theirs = (await t.call('GET', `/communities/${wq.id}/audit`, { token: bureau })).json() as { items: { entity: string; action: string }[] };
    expect(theirs.items.map((i) => `${i.entity}:${i.action}`)).toEqual(['community:create']);
    expect((await t.call('GET', `/communities/${c.id}/audit`, { token: otherBureau })).statusCode).toBe(403);
    expect((await t.call('GET', `/communities/${c.id}/audit`, { token: street })).statusCode).toBe(403);
  });
});
