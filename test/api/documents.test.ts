/**
 * The papers through the API on a seeded election (the election fixtures: voters, published voter list and
 * candidate lists, a meeting counted by double entry with a run-off, an approved filing and certificates), on
 * PGlite and on PostgreSQL when DATABASE_URL is set: 409 before a paper is ready, 200 application/pdf after, the
 * content read back with pdftotext, access by scope, the voter cards as a job.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLists, communities, filings, partyMembers, residentGroups, voters } from '../../src/db/schema.js';
import { orderCandidates } from '../../src/domain/ordering.js';
import { listCertificates } from '../../src/services/certificates.js';
import { computeCommunityChecks } from '../../src/services/checks.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { pageCount, pdfText, squash, WHOLE_ID } from '../pdf/support.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, tokenFor, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;
let other: Community;
let a: { id: string; name: string; streetId: string; districtId: string };
let b: { id: string };
let fresh: string;
const ELECTED = ['丁一', '刘三', '李四', '赵五', '钱六'];
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七'];

const token = (role: 'committee' | 'scrutineer' | 'street' | 'bureau', scopeId: string) => tokenFor(t, role, scopeId);

async function get(url: string, role: 'committee' | 'scrutineer' | 'street' | 'bureau' = 'committee', scopeId = a.id): Promise<LightMyRequestResponse> {
  return t.call('GET', url, { token: await token(role, scopeId) });
}

async function paper(kind: string, query = '', communityId = a.id) {
  const res = await get(`/communities/${communityId}/documents/${kind}.pdf${query}`, 'committee', communityId);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const pdf = res.rawPayload;
  // PAPERS_OUT=<dir> keeps the papers for a look at the rendered pages (pdftoppm -png -r 80).
  if (process.env.PAPERS_OUT) writeFileSync(join(process.env.PAPERS_OUT, `${kind}${query.replace(/[^a-z0-9]+/gi, '-')}.pdf`), pdf);
  const text = pdfText(pdf);
  expect(text, kind).not.toMatch(WHOLE_ID);
  return { pdf, text, flat: squash(text) };
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-27', config: { dataDir: mkdtempSync(join(tmpdir(), 'docs-api-')) } });
  const db = t.testDb.database.db;
  c = await createCommunity(t, { names: NAMES, voters: 60, listsPublished: false });
  other = await createCommunity(t, { voters: 20, listsPublished: false });
  const freshCommunity = await createCommunity(t, { voters: 5, listsPublished: false });
  fresh = freshCommunity.id;
  await db
    .update(communities)
    .set({ details: { time: '上午9:00', place: '张掖路社区居委会会议室', pollingStations: ['第一投票站（社区活动中心）'], mobileBoxes: 1 } })
    .where(eq(communities.id, c.id));
  // The committee's groups in their own order (第1, 第2, 第10); 第3 is only written on voters; some have no group.
  for (const name of ['第1居民小组', '第2居民小组', '第10居民小组']) {
    await db.insert(residentGroups).values({ communityId: c.id, roundId: c.roundId, name, households: 10 });
    await new Promise((r) => setTimeout(r, 5));
  }
  const GROUPS = ['第10居民小组', '第1居民小组', '第2居民小组', '第3居民小组', null];
  for (const [i, id] of c.voterIds.entries()) {
    await db.update(voters).set({ groupName: GROUPS[i % 5]! }).where(eq(voters.id, id));
  }
  const [row] = await db.select().from(communities).where(eq(communities.id, c.id));
  a = { id: c.id, name: row!.name, streetId: row!.streetId, districtId: row!.districtId };
  b = { id: other.id };

  await db.update(communities).set({ details: { time: '上午9:00', place: '社区居委会会议室' } }).where(eq(communities.id, other.id));
  // TML-ORDER: the election notice before the voter list.
  const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-20' } });
  expect(notice.statusCode, notice.body).toBe(201);
  const published = await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-12-01' } });
  expect(published.statusCode, published.body).toBe(201);
  const director = (await nominateAndPublish(t, c, { contest: 'director', names: ['王二', '丁一'] })).idOf;
  const members = (await nominateAndPublish(t, c, { contest: 'member', names: ['孙七', '刘三', '钱六', '李四', '赵五'] })).idOf;
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
  expect(runoff.contestId).toBeTruthy();
  await enterTwice(t, m, { contest: 'member', contestId: runoff.contestId!, issued: 50, returned: 50, invalid: 0, votes: { [members['钱六']!]: 30, [members['孙七']!]: 20 } });

  // The party committee: its members, its list, its meeting, then the officers' election among the new committee.
  for (const [i, name] of NAMES.entries()) {
    await db.insert(partyMembers).values({ communityId: c.id, name, voterId: c.byName[name]!, status: 'full' });
    if (i > 5) break;
  }
  const party = (await nominateAndPublish(t, c, { contest: 'party', names: ['丁一', '王二', '刘三', '李四', '赵五', '钱六'], publishedOn: '2026-12-18' })).idOf;
  const pm = await createMeeting(t, c, { kind: 'party', expected: 20, present: 18 });
  await enterTwice(t, pm, { contest: 'party', issued: 18, returned: 18, invalid: 0, votes: { [party['丁一']!]: 17, [party['王二']!]: 16, [party['刘三']!]: 15, [party['李四']!]: 14, [party['赵五']!]: 13, [party['钱六']!]: 3 } });
  const officers = await t.call('POST', `/meetings/${pm.id}/officers`, { token: c.committee, body: { secretary: [party['丁一']], deputySecretaries: [party['王二']], reviewedOn: '2026-12-20', justifications: [{ rule: 'CAN-AGE-EDU', text: '经街道党工委研究同意' }] } });
  expect(officers.statusCode, officers.body).toBeLessThan(300);
  // The new committee elects them (for the party result notice); the officers' ballots stay printable.
  const officerContests = (officers.json() as { contests: { contestId: string; contest: string }[] }).contests;
  for (const [contest, name] of [['secretary', '丁一'], ['deputy-secretary', '王二']] as const) {
    const contestId = officerContests.find((x) => x.contest === contest)!.contestId;
    await enterTwice(t, pm, { contest, contestId, issued: 5, returned: 5, invalid: 0, votes: { [party[name]!]: 5 } });
  }

  // The filing, recorded (seeded: the bureau's review has its own tests), then the street issues the certificates.
  const checks = await computeCommunityChecks(db, { communityId: c.id, today: '2026-12-27' });
  await db.insert(filings).values({ communityId: c.id, districtId: row!.districtId, kind: 'rc', status: 'recorded', checks: checks.items, submittedAt: new Date('2026-12-27T02:00:00Z') });
  const certs = await t.call('POST', `/communities/${c.id}/certificates`, { token: await token('street', row!.streetId), body: {} });
  expect(certs.statusCode, certs.body).toBeLessThan(300);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe(`papers through the API on ${dbKind}`, () => {
  it('refuses every paper whose data is not ready with 409 saying what is missing', async () => {
    const expected: Record<string, RegExp> = {
      'election-notice': /尚未设置选举时间、选举地点/,
      'voter-list': /选民名单尚未公布/,
      'candidate-list': /正式候选人名单尚未公布/,
      ballot: /正式候选人名单尚未公布/,
      'voter-cards': /选民名单尚未公布/,
      'result-notice': /选举结果尚未确认/,
      certificates: /当选证书尚未颁发/,
      'filing-report': /选举结果尚未确认/,
    };
    for (const [kind, message] of Object.entries(expected)) {
      const res = await get(`/communities/${fresh}/documents/${kind}.pdf`, 'committee', fresh);
      expect(res.statusCode, kind).toBe(409);
      const body = res.json() as { error: { code: string; messageZh: string } };
      expect(body.error.code).toBe('DOCUMENT_NOT_READY');
      expect(body.error.messageZh, kind).toMatch(message);
    }
    // The election notice of a configured community waits for its number.
    const notIssued = await get(`/communities/${b.id}/documents/election-notice.pdf`, 'committee', b.id);
    expect(notIssued.statusCode).toBe(409);
    expect((notIssued.json() as { error: { messageZh: string } }).error.messageZh).toMatch(/选举公告尚未发布/);
    // No run-off was called in the other community.
    const noRunoff = await get(`/communities/${a.id}/documents/ballot.pdf?stage=revote`);
    expect(noRunoff.statusCode).toBe(409);
  });

  it('numbers the election notice among the community’s notices and prints it', async () => {
    const issue = async () => t.call('POST', `/communities/${a.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-20' } });
    // Issued before the voter list (TML-ORDER, in beforeAll): issuing again returns the same number.
    const again = await issue();
    expect(again.statusCode, again.body).toBeLessThan(300);
    const { number } = again.json() as { number: number };
    expect(again.json()).toMatchObject({ number: 1, issued: false });
    const { flat } = await paper('election-notice');
    for (const s of [`${a.name}居民委员会换届选举公告`, `第${number}号`, '2026年社区两委换届', '主任1名', '2026年12月26日（星期六）上午9:00', '张掖路社区居委会会议室', '第一投票站（社区活动中心）', '设流动票箱1个', '2026年11月20日']) {
      expect(flat).toContain(s);
    }
    // From the profile (lanzhou-2010: proxyMax 3, monitorsPerBox 3) and the published lists (each has more candidates).
    for (const s of ['每一选民接受委托不得超过3人', '设投票站1个，设在第一投票站（社区活动中心），由3名以上监票人员负责', '各职位正式候选人均多于应选名额，实行差额选举', '盖章处', '第1页共1页', '城关区酒泉路街道张掖路社区']) {
      expect(flat).toContain(s);
    }
  });

  it('prints the voter list by group with masked numbers and the objection window', async () => {
    const { flat } = await paper('voter-list');
    const rows = await t.testDb.database.db.select().from(voters).where(eq(voters.communityId, a.id));
    expect(flat).toContain('选民名单公告');
    expect(flat).toMatch(/可自公布之日起5日内，即\d{4}年\d+月\d+日前/);
    // The groups' own order (not text order: 第10 after 第2), a group only named on voters next, no group last.
    const at = (g: string) => flat.indexOf(`${g}（`);
    const order = ['第1居民小组', '第2居民小组', '第10居民小组', '第3居民小组', '未划分居民小组'].map(at);
    expect(order.every((x) => x >= 0), String(order)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(flat).toContain('第1居民小组（12人）');
    expect(flat).toContain('未划分居民小组（12人）');
    for (const v of rows.slice(0, 10)) {
      expect(flat).toContain(v.name);
      expect(flat).toContain(`${v.idNumber.slice(0, 6)}********${v.idNumber.slice(-4)}`);
    }
  });

  it('prints the candidate lists and ballots in stroke order, and the run-off ballot', async () => {
    const lists = (await t.testDb.database.db.select().from(candidateLists).where(and(eq(candidateLists.communityId, a.id), eq(candidateLists.current, true)))).filter(
      (l) => l.contest !== 'party',
    );
    expect(lists.length).toBeGreaterThan(0);
    const list = await paper('candidate-list');
    expect(list.flat).toContain('正式候选人名单公告');
    expect(list.flat).toMatch(/本名单于\d{4}年\d+月\d+日公布，选举日为2026年12月26日/);
    const ballots = await paper('ballot');
    expect(pageCount(ballots.pdf)).toBe(lists.length);
    for (const l of lists) {
      const names = (l.candidates as { name: string; nominationId: string }[]).map((c) => c.name);
      const strokeOrder = orderCandidates(names.map((name, i) => ({ id: String(i), name }))).map((c) => c.name);
      const one = await paper('ballot', `?contest=${l.contest}`);
      expect(one.flat).toContain(`应选`);
      const printed = [...names].sort((x, y) => one.text.indexOf(x) - one.text.indexOf(y));
      expect(printed).toEqual(strokeOrder);
      expect(list.flat).toContain(names[0]!);
    }
    const runoff = await paper('ballot', '?stage=runoff');
    expect(runoff.flat).toContain('（另行选举）');
    // The introduction from the data: seats, candidates, nomination basis as the column says, the ballot order.
    expect(list.flat).toContain('张掖路社区居民委员会主任应选1名。经居民选举委员会提名2名，并经资格审查，确定正式候选人2名，多于应选名额1名，实行差额选举。候选人按姓氏笔画为序排列');
    const runoffs = await paper('runoff-ballot');
    expect(runoffs.flat).toContain('张掖路社区居民委员会委员选举选票（另行选举）');
  });

  it('prints the party papers in the party organisation’s name: list, ballot, officers’ ballots', async () => {
    const list = await paper('party-candidate-list');
    expect(list.flat).toContain('中共张掖路社区支部委员会委员正式候选人名单公告');
    expect(list.flat).toContain('经党组织推荐6名');
    const ballot = await paper('party-ballot');
    for (const s of ['中共张掖路社区支部委员会委员选举选票', '应选5名', '选举日期：2026年12月24日', '本选票须加盖中共张掖路社区支部委员会印章方为有效']) {
      expect(ballot.flat).toContain(s);
    }
    expect(ballot.flat).not.toContain('居民选举委员会');
    const officers = await paper('officer-ballot');
    expect(pageCount(officers.pdf)).toBe(2);
    expect(officers.flat).toContain('中共张掖路社区支部委员会书记选举选票');
    expect(officers.flat).toContain('中共张掖路社区支部委员会副书记选举选票');
    const none = await get(`/communities/${b.id}/documents/officer-ballot.pdf`, 'committee', b.id);
    expect(none.statusCode).toBe(409);
  });

  it('prints a voter card per registered voter, eight per sheet or one per page', async () => {
    const rows = await t.testDb.database.db.select({ id: voters.id }).from(voters).where(eq(voters.communityId, a.id));
    const eight = await paper('voter-cards');
    expect((eight.flat.match(/选民证/g) ?? []).length).toBe(rows.length);
    expect(pageCount(eight.pdf)).toBe(Math.ceil(rows.length / 8));
    expect(eight.flat).toContain(`名单第${rows.length}号`);
    const one = await paper('voter-cards', '?perPage=1');
    expect(pageCount(one.pdf)).toBe(rows.length);
    // Card N is the voter with number N on the list: the same people in the same order, numbered 1..n.
    const MASKED = /\d{6}\*{8}\d{3}[\dX]/g;
    const listed = pdfText((await paper('voter-list')).pdf, false).match(MASKED) ?? [];
    const raw = pdfText(one.pdf, false);
    expect(raw.match(MASKED) ?? []).toEqual(listed);
    expect([...raw.matchAll(/名单第(\d+)号/g)].map((m) => Number(m[1]))).toEqual(listed.map((_, i) => i + 1));
    expect(one.flat).toContain('投票站：第一投票站（社区活动中心）');
  });

  it('prints cards for the representatives only where a congress of representatives elects, with their list numbers', async () => {
    const congress = await createCommunity(t, { method: 'congress', voters: 12 });
    const db = t.testDb.database.db;
    await db
      .update(communities)
      .set({ details: { time: '上午9:00', place: '社区居委会会议室', pollingStations: ['第一投票站（社区活动中心）'], mobileBoxes: 1 } })
      .where(eq(communities.id, congress.id));
    const none = await get(`/communities/${congress.id}/documents/voter-cards.pdf`, 'committee', congress.id);
    expect(none.statusCode, none.body).toBe(409);
    expect(none.json()).toMatchObject({ error: { code: 'DOCUMENT_NOT_READY' } });
    for (const voterId of [congress.voterIds[2], congress.voterIds[7]]) {
      const rep = await t.call('POST', `/communities/${congress.id}/representatives`, { token: congress.committee, body: { voterId } });
      expect(rep.statusCode, rep.body).toBe(201);
    }
    const cards = await paper('voter-cards', '?perPage=1', congress.id);
    expect(pageCount(cards.pdf)).toBe(2);
    // A representative's card (代表证), to sign in at the congress.
    expect((cards.flat.match(/代表证/g) ?? []).length).toBe(2);
    expect(cards.flat).not.toContain('选民证');
    expect((cards.flat.match(/凭此证签到参加居民代表会议并领取选票/g) ?? []).length).toBe(2);
    // Each card carries the representative's own number on the voter list, and no polling station (they meet).
    const MASKED = /\d{6}\*{8}\d{3}[\dX]/g;
    const listed: string[] = pdfText((await paper('voter-list', '', congress.id)).pdf, false).match(MASKED) ?? [];
    const raw = pdfText(cards.pdf, false);
    const numbers = [...raw.matchAll(/名单第(\d+)号/g)].map((m) => Number(m[1]));
    expect(numbers).toHaveLength(2);
    expect((raw.match(MASKED) ?? []).map((m) => listed.indexOf(m) + 1)).toEqual(numbers);
    expect(cards.flat).not.toContain('投票站');
  });

  it('prints the result notice with the figures, every vote and the elected per post', async () => {
    const { flat } = await paper('result-notice');
    expect(flat).toContain('居民委员会选举结果公告');
    expect(flat).toMatch(/发出选票\d+张，收回\d+张，其中有效票\d+张，无效票\d+张/);
    expect(flat).toContain('（另行选举）');
    expect(flat).toMatch(/主任：/);
    for (const name of ELECTED) expect(flat).toContain(name);
    // The threshold each winner met, as the result says: a majority, or at least a third in the run-off.
    expect(flat).toContain('丁一（得票过半数）');
    expect(flat).toContain('钱六（另行选举，得票不少于三分之一）');
    expect(flat).toContain('另行选举中，当选须获得不少于选票50张的三分之一');
    expect(flat).not.toContain('以上当选人获得参加投票的选民过半数选票');
    for (const s of ['盖章处', '第1页共', '城关区酒泉路街道张掖路社区2026年社区两委换届']) expect(flat).toContain(s);
  });

  it('prints the party organisation’s result notice: its meeting, every vote, the elected and the officers', async () => {
    const unready = await get(`/communities/${fresh}/documents/party-result-notice.pdf`, 'committee', fresh);
    expect(unready.statusCode).toBe(409);
    expect((unready.json() as { error: { messageZh: string } }).error.messageZh).toMatch(/党组织委员会选举结果尚未确认/);
    const issued = await t.call('POST', `/communities/${a.id}/documents/party-result-notice/issue`, { token: c.committee, body: { issuedOn: '2026-12-26' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const { number } = issued.json() as { number: number };
    const { text, flat } = await paper('party-result-notice');
    for (const s of [
      '中共张掖路社区支部委员会选举结果公告',
      `第${number}号`,
      '中共张掖路社区支部委员会于2026年12月26日召开换届选举党员大会',
      '应到会有选举权的党员20人，实到会18人，超过应到会人数的五分之四，选举有效',
      '一、党组织委员会委员选举（应选5名）',
      '发出选票18张，收回18张，其中有效票18张，无效票0张',
      '当选须获得实到会有选举权的党员（18人）过半数选票',
      '下列同志当选为中共张掖路社区支部委员会委员',
      '委员：丁一（得票过半数）、王二（得票过半数）、刘三（得票过半数）、李四（得票过半数）、赵五（得票过半数）',
      '书记：丁一',
      '副书记：王二',
      '报区委组织部审批',
      '2026年12月26日',
      '盖章处',
    ]) {
      expect(flat).toContain(s);
    }
    // Every candidate's votes on the row of the name; the one not elected is marked a candidate only.
    const votes = { 丁一: 17, 王二: 16, 刘三: 15, 李四: 14, 赵五: 13, 钱六: 3 };
    for (const [name, n] of Object.entries(votes)) expect(text).toMatch(new RegExp(`${name}\\s+${n}\\s+候选人${n > 3 ? '、当选' : '\\s*$'}`, 'm'));
    // Issued in the party organisation's name, never the residents' election committee's; no resident figures.
    expect(flat).not.toContain('居民选举委员会');
    expect(flat).not.toContain('登记选民');
    expect(flat.split('中共张掖路社区支部委员会').length - 1).toBeGreaterThanOrEqual(3);
  });

  it('prints certificates for the elected only, one page each, numbered', async () => {
    const certs = await listCertificates(t.testDb.database.db, a.id);
    expect(certs.length).toBeGreaterThan(0);
    const { flat, pdf } = await paper('certificates');
    expect(pageCount(pdf)).toBe(certs.length);
    for (const c of certs) {
      expect(flat).toContain(`${c.name}同志`);
      expect(flat).toContain(`编号：2026-${String(c.number).padStart(4, '0')}`);
    }
    const elected = new Set(ELECTED);
    const lists = await t.testDb.database.db.select().from(candidateLists).where(eq(candidateLists.communityId, a.id));
    const losers = lists.flatMap((l) => (l.candidates as { name: string }[]).map((c) => c.name)).filter((n) => !elected.has(n));
    expect(losers.length).toBeGreaterThan(0);
    for (const n of losers) expect(flat).not.toContain(`${n}同志`);
    expect(flat).toContain('酒泉路街道办事处（代城关区人民政府颁发）');
    expect(flat).toContain('任期自2026年12月26日至2029年12月26日');
    expect(flat).toContain('在2026年社区两委换届中，你当选为张掖路社区居民委员会');
    expect(flat).not.toContain('某某');
  });

  it('prints the filing report with checks, turnout, structure, ORG-CROSS and notices', async () => {
    const { flat, pdf } = await paper('filing-report');
    for (const s of ['换届选举备案报告', '备案状态：已备案', '规则检查结果', 'ORG-CROSS', '交叉任职率', '班子结构', '公告发布情况', '第1号', 'VOT-AGE', '城关区民政局：']) expect(flat).toContain(s);
    // Human Chinese only: rule codes beside their titles, no English status or figure name.
    const [filing] = await t.testDb.database.db.select().from(filings).where(eq(filings.communityId, a.id));
    const codes = (filing!.checks as { rule: string }[]).map((x) => x.rule);
    const rest = codes.reduce((text, code) => text.replaceAll(code, ''), flat);
    expect(rest.match(/[A-Za-z]+/g) ?? []).toEqual([]);
    // A rule the lanzhou profile applies (deputy roles) is never 不适用; a method's rule names the method.
    expect(flat).not.toMatch(/ORG-RC-DEPUTY-ROLES[^A-Z]*?不适用/);
    expect(flat).toMatch(/REP-COUNT居民代表人数不适用本社区采用直接选举，此项不适用/);
    // A rule decided only as each record was entered is 未核查 with that reason, never a pass.
    expect(flat).toMatch(/VOT-ID公民身份号码未核查录入时已逐条校验，备案时未重新核查/);
    expect(flat).not.toContain('审核通过');
    // The summary counts under the column's own word (未核查), and does not say 共检查 of rules it did not check.
    expect(flat).toMatch(/规则共\d+项：通过\d+项，未通过\d+项，提示\d+项，不适用\d+项，未核查\d+项/);
    expect(flat).not.toContain('尚无记录可查');
    // Two votes for 委员 (the residents' committee's and the party committee's) are told apart in a check's figures.
    // In content order (-raw): a wrapped cell of the table is read as one text.
    const file = join(mkdtempSync(join(tmpdir(), 'filing-')), 'f.pdf');
    writeFileSync(file, pdf);
    const read = squash(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    expect(read).toMatch(/CNT-BALLOTS收回票数与发出票数通过[^A-Z]*党组织委员选举：通过/);
    const ballots = /CNT-BALLOTS收回票数与发出票数通过([^A-Z]*)/.exec(read)![1]!;
    const labels = ballots.split('；').map((x) => x.split('：')[0]);
    expect(new Set(labels).size, ballots).toBe(labels.length);
  });

  it('does not claim a pass it did not evaluate on the checks page; evaluates CNT-ARITH on the stored sheets', async () => {
    const res = await get(`/communities/${a.id}/checks`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json() as { rule: string; status: string; details: Record<string, unknown> }[];
    const byRule = new Map(items.map((i) => [i.rule, i]));
    for (const rule of ['VOT-ID', 'VOT-RIGHTS', 'VOT-RESIDENT', 'VOT-NO-DUP', 'CAN-NOMINATION', 'CAN-ELIGIBLE', 'CAN-AGE-EDU', 'CAN-ORDER', 'MTG-PROXY', 'MTG-RECUSAL', 'TML-PHASE']) {
      expect(byRule.get(rule), rule).toMatchObject({ status: 'n/a', details: { reason: 'enforced-at-entry' } });
    }
    expect(byRule.get('VOT-AGE')).toMatchObject({ status: 'pass', details: { underage: 0 } });
    // Every confirmed sheet (director, member, its run-off, party, officers) added up again.
    const sheets = byRule.get('CNT-DOUBLE-ENTRY')!.details.sheets;
    expect(sheets).toBeGreaterThanOrEqual(4);
    expect(byRule.get('CNT-ARITH')).toMatchObject({ status: 'pass', details: { sheets } });
  });

  it('lets the street and the bureau read the papers, not another community’s committee or a scrutineer', async () => {
    expect((await get(`/communities/${a.id}/documents/result-notice.pdf`, 'street', a.streetId)).statusCode).toBe(200);
    expect((await get(`/communities/${a.id}/documents/result-notice.pdf`, 'bureau', a.districtId)).statusCode).toBe(200);
    expect((await get(`/communities/${a.id}/documents/result-notice.pdf`, 'committee', b.id)).statusCode).toBe(403);
    expect((await get(`/communities/${a.id}/documents/voter-cards.pdf`, 'scrutineer', randomUUID())).statusCode).toBe(403);
    expect((await get(`/communities/${a.id}/documents/nonsense.pdf`)).statusCode).toBe(404);
  });

  it('renders voter cards as a job with progress, kept to the community', async () => {
    const committee = await token('committee', a.id);
    const start = await t.call('POST', `/communities/${a.id}/documents/voter-cards/jobs`, { token: committee });
    expect(start.statusCode, start.body).toBe(202);
    const { jobId } = start.json() as { jobId: string };
    let status = '';
    for (let i = 0; i < 200 && status !== 'done' && status !== 'failed'; i += 1) {
      const res = await get(`/jobs/${jobId}`);
      expect(res.statusCode).toBe(200);
      const job = res.json() as { id: string; kind: string; status: string; done: number; total: number };
      expect(job).toMatchObject({ id: jobId, kind: 'document:voter-cards' });
      status = job.status;
      if (status === 'done') expect(job.done).toBe(job.total);
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('done');
    const result = await get(`/jobs/${jobId}/result`);
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    expect(pdfText(result.rawPayload)).toContain('选');
    // Once the sweep has deleted the paper (test/services/job-sweep.test.ts), the download says why.
    const { getJob } = await import('../../src/jobs/jobs.js');
    const { unlink } = await import('node:fs/promises');
    await unlink((await getJob(t.testDb.database.db, jobId))!.outputPath!);
    const gone = await get(`/jobs/${jobId}/result`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.messageZh).toBe('任务结果文件已不存在（生成7天后自动删除），请重新生成');
    expect((await get(`/jobs/${jobId}`, 'committee', b.id)).statusCode).toBe(403);
    const refused = await t.call('POST', `/communities/${fresh}/documents/voter-cards/jobs`, { token: await token('committee', fresh) });
    expect(refused.statusCode).toBe(409);
  });
});
