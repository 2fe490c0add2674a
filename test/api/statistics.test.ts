/**
 * Issue 21, the upward statistics report (换届选举情况统计表): the demo round (scripts/scenario.ts) is run through the
 * API, and every figure the data fills is computed again here from the raw rows (SQL on the tables, the certificates
 * issued and the party meeting's result), never through the report's code; then typed fields, 上报 → 退回 → 上报,
 * the district roll-up, and the same figures in the workbook and the paper.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { bootstrapAdmin } from '../../src/services/users.js';
import { clockNow, runScenario, type Clock, type ScenarioReport } from '../../scripts/scenario.js';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/database.js';
import { tokenAs } from '../support/app.js';

let testDb: TestDatabase;
let app: FastifyInstance;
let report: ScenarioReport;
let street: string;
let bureau: string;
let districtId: string;
const clock: Clock = { today: '2026-11-20' };
const PASSWORD = 'Stat-Admin-Passw0rd!';

type Row = Record<string, number | null | string | string[]>;
interface Statistics {
  status: string;
  statusZh: string;
  reason: string | null;
  fields: { key: string; group: string; labelZh: string; source: 'data' | 'manual' }[];
  rows: Row[];
  total: Record<string, number | null>;
}

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await testDb.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Whole years from birth to the day, by calendar (the test's own arithmetic). */
function age(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [dy, dm, dd] = day.split('-').map(Number) as [number, number, number];
  return dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
}

/** The figures of one community, from the raw rows. */
async function expectedFor(communityId: string, token: string): Promise<Record<string, number>> {
  const [community] = await rows<{ election_day: string; rc_seats: { director: number; deputies: number; members: number } }>(
    sql`select election_day::text as election_day, rc_seats from communities where id = ${communityId}`,
  );
  const voterRows = await rows<{ id: string; sex: string; birth_date: string }>(sql`select id, sex, birth_date::text as birth_date from voters where community_id = ${communityId}`);
  const sexOf = new Map(voterRows.map((v) => [v.id, v.sex]));
  const birthOf = new Map(voterRows.map((v) => [v.id, v.birth_date]));
  const party = new Set((await rows<{ voter_id: string }>(sql`select voter_id from party_members where community_id = ${communityId} and voter_id is not null`)).map((p) => p.voter_id));
  const noms = await rows<{ id: string; voter_id: string; name: string; contest: string; status: string; incumbent: boolean; education: string | null }>(
    sql`select id, voter_id, name, contest, status, incumbent, education from nominations where community_id = ${communityId}`,
  );
  const rcNoms = noms.filter((n) => ['director', 'deputy', 'member', 'committee'].includes(n.contest));
  const prelim = new Set(rcNoms.filter((n) => n.status !== 'withdrawn').map((n) => n.voter_id));
  const lists = await rows<{ candidates: { voterId: string }[] }>(
    sql`select candidates from candidate_lists where community_id = ${communityId} and current and contest in ('director', 'deputy', 'member', 'committee')`,
  );
  const formal = new Set(lists.flatMap((l) => l.candidates.map((c) => c.voterId)));
  const [meeting] = await rows<{ id: string; present: number | null }>(sql`select id, present from meetings where community_id = ${communityId} and kind = 'rc' and purpose = 'election' order by created_at limit 1`);
  const boxes = meeting ? await rows<{ kind: string }>(sql`select kind from ballot_boxes where meeting_id = ${meeting.id}`) : [];
  const proxyRows = meeting ? await rows<{ n: number }>(sql`select count(*)::int as n from proxies where meeting_id = ${meeting.id} and approved`) : [{ n: 0 }];
  const stages = meeting ? await rows<{ stage: string; parent_id: string | null }>(sql`select stage, parent_id from meeting_contests where meeting_id = ${meeting.id}`) : [];
  const reps = await rows<{ n: number }>(sql`select count(*)::int as n from representatives where community_id = ${communityId}`);
  const recallRows = await rows<{ status: string }>(sql`select status from recalls where community_id = ${communityId}`);
  const vacancyRows = await rows<{ meeting_id: string | null; certificate_number: number | null }>(sql`select meeting_id, certificate_number from vacancies where community_id = ${communityId}`);

  // The residents' committee elected: the certificates issued (name, post).
  const certs = await rows<{ name: string; post: string }>(
    sql`select name, post from certificates where community_id = ${communityId} and number not in (select certificate_number from vacancies where community_id = ${communityId} and certificate_number is not null)`,
  );
  const voterOfRc = (name: string) => {
    const found = [...new Set(rcNoms.filter((n) => n.name === name).map((n) => n.voter_id))];
    expect(found, `one voter named ${name}`).toHaveLength(1);
    return found[0]!;
  };
  const rc = certs.map((c) => ({ voterId: voterOfRc(c.name), post: c.post }));
  // The party committee and its secretary: the party meeting's result.
  const [partyMeeting] = await rows<{ id: string }>(sql`select id from meetings where community_id = ${communityId} and kind = 'party'`);
  const result = (await call('GET', `/meetings/${partyMeeting!.id}/result`, token)).json() as { contests: { contest: string; elected: { name: string }[] }[] };
  const voterOfParty = (name: string) => noms.find((n) => n.contest === 'party' && n.name === name)!.voter_id;
  const partyElected = new Set(result.contests.filter((c) => c.contest === 'party').flatMap((c) => c.elected.map((e) => voterOfParty(e.name))));
  const secretary = result.contests.find((c) => c.contest === 'secretary')?.elected[0];
  const secretaryId = secretary ? voterOfParty(secretary.name) : null;

  const rcIds = new Set(rc.map((p) => p.voterId));
  const together = new Set([...rcIds, ...partyElected]);
  const educationOf = (v: string) => noms.find((n) => n.voter_id === v && (rcIds.has(v) ? n.contest !== 'party' : n.contest === 'party'))?.education ?? null;
  const incumbent = (v: string) => noms.some((n) => n.voter_id === v && n.incumbent);
  const ages = [...together].map((v) => age(birthOf.get(v)!, community!.election_day));
  const college = ['college', 'bachelor', 'master', 'doctor'];
  const schooled = ['primary', 'junior-high', 'high-school'];
  const seats = community!.rc_seats.director + community!.rc_seats.deputies + community!.rc_seats.members;
  const completed = rc.length === seats;
  const runoff = stages.some((s) => s.stage === 'runoff');
  const redo = stages.some((s) => s.stage === 'main' && s.parent_id !== null);
  const director = rc.find((p) => p.post === '居民委员会主任');
  const flag = (b: boolean) => (b ? 1 : 0);
  const both = [...rcIds].filter((v) => partyElected.has(v)).length;
  const mobile = boxes.filter((b) => b.kind === 'mobile').length;
  return {
    electionHeld: flag(meeting?.present !== null && meeting !== undefined),
    electionCompleted: flag(completed),
    oneTimeElection: flag(completed && !runoff && !redo),
    runoffElection: flag(runoff),
    reElection: flag(redo),
    registeredVoters: voterRows.length,
    registeredWomen: voterRows.filter((v) => v.sex === 'female').length,
    seats,
    preliminaryCandidates: prelim.size,
    preliminaryWomen: [...prelim].filter((v) => sexOf.get(v) === 'female').length,
    preliminaryPartyMembers: [...prelim].filter((v) => party.has(v)).length,
    formalCandidates: formal.size,
    formalWomen: [...formal].filter((v) => sexOf.get(v) === 'female').length,
    formalPartyMembers: [...formal].filter((v) => party.has(v)).length,
    voted: meeting?.present ?? 0,
    mobileBoxes: mobile,
    pollingStations: boxes.filter((b) => b.kind === 'station').length,
    proxies: proxyRows[0]!.n,
    mobileBoxUsed: flag(mobile > 0),
    resultAnnounced: flag(completed),
    elected: rc.length,
    electedWomen: rc.filter((p) => sexOf.get(p.voterId) === 'female').length,
    electedDirector: rc.filter((p) => p.post === '居民委员会主任').length,
    electedDeputies: rc.filter((p) => p.post === '居民委员会副主任').length,
    electedMembers: rc.filter((p) => p.post !== '居民委员会主任' && p.post !== '居民委员会副主任').length,
    electedPartyMembers: rc.filter((p) => party.has(p.voterId)).length,
    representatives: reps[0]!.n,
    twoCommittees: together.size,
    twoCommitteesWomen: [...together].filter((v) => sexOf.get(v) === 'female').length,
    twoCommitteesPartyMembers: [...together].filter((v) => partyElected.has(v) || party.has(v)).length,
    reElected: [...together].filter(incumbent).length,
    newlyElected: [...together].filter((v) => !incumbent(v)).length,
    under30: ages.filter((a) => a < 30).length,
    age30to60: ages.filter((a) => a >= 30 && a <= 60).length,
    over60: ages.filter((a) => a > 60).length,
    collegeAndAbove: [...together].filter((v) => college.includes(educationOf(v) ?? '')).length,
    highSchoolAndBelow: [...together].filter((v) => schooled.includes(educationOf(v) ?? '')).length,
    crossAppointed: both,
    secretaryIsDirector: flag(director !== undefined && director.voterId === secretaryId),
    recallPetitions: recallRows.length,
    recalled: recallRows.filter((r) => r.status === 'recalled').length,
    vacancies: vacancyRows.length,
    byElections: vacancyRows.filter((v) => v.meeting_id !== null).length,
    // A seat filled by a by-election is the one with a certificate of its own.
    filledByByElection: vacancyRows.filter((v) => v.certificate_number !== null).length,
  };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await bootstrapAdmin(testDb.database.db, PASSWORD);
  app = await buildApp({ config: testConfig({ adminPassword: PASSWORD }), database: testDb.database, now: clockNow(clock) });
  report = await runScenario(app, clock, { communities: 2, residentsPerCommunity: 70, adminPassword: PASSWORD, papers: [] });
  const [round] = await rows<{ street_id: string; district_id: string }>(sql`select street_id, district_id from rounds where id = ${report.roundId}`);
  districtId = round!.district_id;
  street = await tokenAs(app, { role: 'street', scopeId: round!.street_id });
  bureau = await tokenAs(app, { role: 'bureau', scopeId: districtId });
}, 400_000);

afterAll(async () => {
  await app?.close();
  await testDb?.dispose();
});

describe(`the statistics report of the demo round on ${dbKind}`, () => {
  it('matches the round data field by field, per community and in total', async () => {
    const res = await call('GET', `/rounds/${report.roundId}/statistics`, street);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as Statistics;
    expect(s.status).toBe('unfilled');
    expect(s.statusZh).toBe('未填报');
    const dataKeys = s.fields.filter((f) => f.source === 'data').map((f) => f.key);
    expect(dataKeys.length).toBeGreaterThan(35);
    expect(s.rows).toHaveLength(report.communities.length);
    const totals: Record<string, number> = Object.fromEntries(dataKeys.map((k) => [k, 0]));
    for (const c of report.communities) {
      const row = s.rows.find((r) => r.communityId === c.id)!;
      const expected = await expectedFor(c.id, street);
      expect(Object.keys(expected).sort()).toEqual([...dataKeys].sort());
      for (const key of dataKeys) {
        expect(row[key], `${c.name} ${key}`).toBe(expected[key]);
        totals[key]! += expected[key]!;
      }
      // The demo round elects full committees: the figures are not all zero.
      expect(expected.registeredVoters).toBeGreaterThan(40);
      expect(expected.elected).toBe(expected.seats);
      expect(expected.twoCommittees).toBeGreaterThanOrEqual(expected.elected!);
    }
    for (const key of dataKeys) expect(s.total[key], `total ${key}`).toBe(totals[key]);
    // Nothing typed yet: every manual field is null, and marked as typed nowhere.
    for (const f of s.fields.filter((x) => x.source === 'manual')) expect(s.total[f.key]).toBeNull();
  });

  it('the street types what the data cannot tell (marked), reports it; the bureau returns it with a reason; reported again', async () => {
    const c = report.communities[0]!;
    const refusedField = await call('PUT', `/rounds/${report.roundId}/statistics/communities/${c.id}`, street, { values: { registeredVoters: 1 } });
    expect(refusedField.statusCode).toBe(400);
    const typed = await call('PUT', `/rounds/${report.roundId}/statistics/communities/${c.id}`, street, { values: { registeredMinorities: 7, secretBooth: 1, groupLeaders: 12 } });
    expect(typed.statusCode, typed.body).toBe(200);
    const s = typed.json() as Statistics;
    const row = s.rows.find((r) => r.communityId === c.id)!;
    expect(row.registeredMinorities).toBe(7);
    expect((row.manualFields as string[]).sort()).toEqual(['groupLeaders', 'registeredMinorities', 'secretBooth']);
    expect(s.total.groupLeaders).toBe(12);
    expect(s.rows.find((r) => r.communityId !== c.id)!.manualFields).toEqual([]);

    expect((await call('POST', `/rounds/${report.roundId}/statistics/return`, bureau, { reason: '未上报' })).statusCode).toBe(409);
    expect((await call('POST', `/rounds/${report.roundId}/statistics/submit`, bureau)).statusCode).toBe(403);
    const submitted = await call('POST', `/rounds/${report.roundId}/statistics/submit`, street);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((submitted.json() as Statistics).statusZh).toBe('已上报');
    // Reported: no more typing until it comes back.
    expect((await call('PUT', `/rounds/${report.roundId}/statistics/communities/${c.id}`, street, { values: { groupLeaders: 13 } })).statusCode).toBe(409);

    const rollup = (await call('GET', `/districts/${districtId}/statistics`, bureau)).json() as { reported: number; rows: { status: string }[]; total: Record<string, number | null> };
    expect(rollup.reported).toBe(1);
    expect(rollup.total.registeredVoters).toBe(s.total.registeredVoters);
    expect(rollup.total.groupLeaders).toBe(12);

    expect((await call('POST', `/rounds/${report.roundId}/statistics/return`, bureau, { reason: '' })).statusCode).toBe(400);
    const returned = await call('POST', `/rounds/${report.roundId}/statistics/return`, bureau, { reason: '少数民族人数与户籍数据不符，请核实' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', statusZh: '已退回', reason: '少数民族人数与户籍数据不符，请核实' });
    const after = (await call('GET', `/districts/${districtId}/statistics`, bureau)).json() as { reported: number; rows: { statusZh: string }[]; total: Record<string, number | null> };
    expect(after.reported).toBe(0);
    expect(after.rows[0]!.statusZh).toBe('已退回');
    expect(after.total.registeredVoters).toBe(0);
    expect((await call('PUT', `/rounds/${report.roundId}/statistics/communities/${c.id}`, street, { values: { registeredMinorities: 6 } })).statusCode).toBe(200);
    const again = await call('POST', `/rounds/${report.roundId}/statistics/submit`, street);
    expect(again.json()).toMatchObject({ status: 'submitted', reason: null });
    expect((again.json() as { history: { action: string }[] }).history.map((h) => h.action)).toEqual(['submit', 'return', 'submit']);
  });

  it('the workbook and the paper carry the same figures', async () => {
    const s = (await call('GET', `/rounds/${report.roundId}/statistics`, street)).json() as Statistics;
    const xlsx = await call('GET', `/rounds/${report.roundId}/statistics.xlsx`, bureau);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const labels = (sheet.getRow(3).values as unknown[]).slice(2);
    expect(labels).toContain('其中少数民族（手填）');
    for (const [i, r] of s.rows.entries()) {
      const cells = (sheet.getRow(4 + i).values as unknown[]).slice(1);
      expect(cells[0]).toBe(r.name);
      s.fields.forEach((f, j) => expect(cells[j + 1] ?? null, `${String(r.name)} ${f.key}`).toBe(r[f.key] === null ? null : r[f.key]));
    }
    const totalCells = (sheet.getRow(4 + s.rows.length).values as unknown[]).slice(1);
    expect(totalCells[0]).toBe('合计');
    expect(totalCells[1 + s.fields.findIndex((f) => f.key === 'registeredVoters')]).toBe(s.total.registeredVoters);

    const pdf = await call('GET', `/rounds/${report.roundId}/statistics.pdf`, street);
    expect(pdf.statusCode).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'stat-')), 's.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('换届选举情况统计表');
    expect(text).toContain('已上报');
    const line = (label: string) => text.split('\n').find((l) => l.trim().startsWith(label) || l.includes(` ${label} `) || l.includes(`${label} `));
    const voters = line('登记选民')!;
    for (const r of s.rows) expect(voters).toContain(String(r.registeredVoters));
    expect(voters).toContain(String(s.total.registeredVoters));
    expect(text).toContain('其中少数民族＊');
    expect(text).toContain('未填');
  });

  it('counts the recalls, vacancies and by-elections after the round (罢免与补选), per community and in total', async () => {
    const c = report.communities[1]!;
    const committee = await tokenAs(app, { role: 'committee', scopeId: c.id });
    const after = (await call('GET', `/communities/${c.id}/after-round`, committee)).json() as { members: { nominationId: string; name: string; contest: 'director' | 'deputy' | 'member' }[] };
    const [first, second] = after.members.filter((m) => m.contest === 'member');
    expect(second, 'two elected members').toBeDefined();
    const voterCount = (await rows<{ n: number }>(sql`select count(*)::int as n from voters where community_id = ${c.id}`))[0]!.n;

    // A recall of the first member that passes (its vacancy stays open), a resignation of the second filled by a by-election.
    const petition = await call('POST', `/communities/${c.id}/recalls`, committee, { nominationId: first!.nominationId, contest: 'member', base: 'voters', petitioners: voterCount, reason: '长期不履行职责', filedOn: '2027-03-01' });
    expect(petition.statusCode, petition.body).toBe(201);
    const vote = await call('POST', `/recalls/${(petition.json() as { id: string }).id}/vote`, committee, { date: '2027-03-10', returned: voterCount, votesFor: voterCount, votesAgainst: 0 });
    expect(vote.json()).toMatchObject({ status: 'recalled' });
    const vacancy = await call('POST', `/communities/${c.id}/vacancies`, committee, { nominationId: second!.nominationId, contest: 'member', reason: 'resignation', occurredOn: '2027-03-01' });
    expect(vacancy.statusCode, vacancy.body).toBe(201);
    const elected = new Set(after.members.map((m) => m.name));
    const people = (await rows<{ id: string; name: string }>(sql`select id, name from voters where community_id = ${c.id} order by name`)).filter((v) => !elected.has(v.name)).slice(0, 2);
    const opened = await call('POST', `/vacancies/${(vacancy.json() as { id: string }).id}/by-election`, committee, { date: '2027-03-20', candidateVoterIds: people.map((p) => p.id) });
    expect(opened.statusCode, opened.body).toBe(201);
    const be = opened.json() as { id: string; meetingId: string; contestId: string; candidates: { id: string }[] };
    const quorum = (await call('GET', `/meetings/${be.meetingId}/quorum`, committee)).json() as { expected: number };
    expect((await call('POST', `/meetings/${be.meetingId}/attendance`, committee, { present: quorum.expected })).statusCode).toBe(200);
    const n = quorum.expected;
    const sheet = { contest: 'member', contestId: be.contestId, box: 'main', issued: n, returned: n, invalid: 0, votes: { [be.candidates[0]!.id]: n, [be.candidates[1]!.id]: 0 } };
    for (const typist of [0, 1]) {
      const token = await tokenAs(app, { role: 'scrutineer', scopeId: be.meetingId, username: `stat-typist-${typist}-${dbKind}` });
      const entered = await call('POST', `/meetings/${be.meetingId}/tally-sheets`, token, sheet);
      expect(entered.statusCode, entered.body).toBe(201);
    }
    const closed = await call('POST', `/vacancies/${be.id}/close`, committee, { issuedOn: '2027-03-21' });
    expect(closed.json()).toMatchObject({ status: 'filled' });

    const s = (await call('GET', `/rounds/${report.roundId}/statistics`, street)).json() as Statistics;
    const row = s.rows.find((r) => r.communityId === c.id)!;
    const expected = await expectedFor(c.id, street);
    expect(expected).toMatchObject({ recallPetitions: 1, recalled: 1, vacancies: 2, byElections: 1, filledByByElection: 1 });
    for (const key of Object.keys(expected)) expect(row[key], `${c.name} ${key}`).toBe(expected[key]);
    const other = s.rows.find((r) => r.communityId !== c.id)!;
    expect(other).toMatchObject({ recallPetitions: 0, vacancies: 0, filledByByElection: 0 });
    expect(s.total).toMatchObject({ recallPetitions: 1, recalled: 1, vacancies: 2, byElections: 1, filledByByElection: 1 });
    expect(s.fields.filter((f) => f.group === '罢免与补选').map((f) => f.labelZh)).toEqual(['提出罢免', '罢免通过', '职务出缺', '召开补选', '补选当选']);
    const rollup = (await call('GET', `/districts/${districtId}/statistics`, bureau)).json() as { total: Record<string, number | null> };
    expect(rollup.total).toMatchObject({ recallPetitions: 1, filledByByElection: 1 });
  });
});
