/**
 * The upward statistics report (换届选举情况统计表) of a round: one row per community filled from the round's records
 * (voters, nominations, lists, meetings, boxes, proxies, the elected), the fields the data cannot tell typed by the
 * street (and marked so), a total; its status from street to district (未填报 → 已上报 → 已退回 with a reason); the
 * bureau's roll-up of its district. Bands, sums and transitions are the domain's (src/domain/statistics.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db, DbOrTx } from '../db/client.js';
import {
  ballotBoxes,
  candidateLists,
  communities,
  districts,
  meetingContests,
  meetings,
  nominations,
  partyMembers,
  proxies,
  recalls,
  representatives,
  rounds,
  statisticsReports,
  streets,
  vacancies,
  voters,
} from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { ageOn } from '../domain/dates.js';
import { crossAppointment } from '../domain/committee.js';
import { errors } from '../domain/errors.js';
import {
  MANUAL_KEYS,
  STATISTICS_FIELDS,
  STATISTICS_STATUS_ZH,
  ageBand,
  educationBand,
  isManualKey,
  statisticsTransition,
  sumFigures,
  type StatisticsFigures,
  type StatisticsKey,
  type StatisticsStatus,
} from '../domain/statistics.js';
import { loadElected, personKey, type ElectedPerson } from './elected.js';
import type { StatisticsReportVm } from '../pdf/papers/statistics-report.js';
import { neutralise } from './cell-text.js';

const RC_CONTESTS = ['director', 'deputy', 'member', 'committee'];

export type StatisticsRow = StatisticsFigures & {
  readonly communityId: string;
  readonly name: string;
  /** The manual fields the street has typed for this community. */
  readonly manualFields: string[];
};

export interface RoundStatistics {
  readonly roundId: string;
  readonly roundName: string;
  readonly streetName: string;
  readonly districtName: string;
  readonly status: StatisticsStatus;
  readonly statusZh: string;
  readonly reason: string | null;
  readonly history: { at: string; action: string; by: string; reason?: string }[];
  readonly fields: { key: string; group: string; labelZh: string; source: 'data' | 'manual' }[];
  readonly rows: StatisticsRow[];
  readonly total: StatisticsFigures;
}

type Manual = Record<string, Partial<Record<StatisticsKey, number>>>;

const count = async (q: Promise<{ n: number }[]>): Promise<number> => (await q)[0]?.n ?? 0;

async function communityFigures(db: DbOrTx, community: typeof communities.$inferSelect): Promise<Omit<StatisticsFigures, (typeof MANUAL_KEYS)[number]>> {
  const id = community.id;
  const registeredVoters = await count(db.select({ n: sql<number>`count(*)::int` }).from(voters).where(eq(voters.communityId, id)));
  const registeredWomen = await count(db.select({ n: sql<number>`count(*)::int` }).from(voters).where(and(eq(voters.communityId, id), eq(voters.sex, 'female'))));
  const partyVoterIds = new Set(
    (await db.select({ voterId: partyMembers.voterId }).from(partyMembers).where(eq(partyMembers.communityId, id))).map((p) => p.voterId).filter((v): v is string => v !== null),
  );

  // Candidates of the residents' committee: distinct people (one person may stand for two posts).
  const noms = await db
    .select({ id: nominations.id, voterId: nominations.voterId, status: nominations.status, incumbent: nominations.incumbent, sex: voters.sex })
    .from(nominations)
    .leftJoin(voters, eq(voters.id, nominations.voterId))
    .where(and(eq(nominations.communityId, id), inArray(nominations.contest, RC_CONTESTS as ('director' | 'deputy' | 'member' | 'committee')[])));
  const prelim = new Map(noms.filter((n) => n.status !== 'withdrawn').map((n) => [n.voterId, n]));
  const lists = await db
    .select({ candidates: candidateLists.candidates })
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, id), eq(candidateLists.current, true), inArray(candidateLists.contest, RC_CONTESTS)));
  const formalIds = new Set(lists.flatMap((l) => (l.candidates as { voterId: string }[]).map((c) => c.voterId)));
  const sexOf = new Map(noms.map((n) => [n.voterId, n.sex]));
  const seatsJson = community.rcSeats as { director: number; deputies: number; members: number };

  // The residents' committee meeting of the round (the first one; not a later recall or by-election) and its boxes,
  // proxies and follow-up votes.
  const [rcMeeting] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, id), eq(meetings.kind, 'rc'), eq(meetings.purpose, 'election')))
    .orderBy(asc(meetings.createdAt))
    .limit(1);
  const boxes = rcMeeting ? await db.select({ kind: ballotBoxes.kind }).from(ballotBoxes).where(eq(ballotBoxes.meetingId, rcMeeting.id)) : [];
  const proxyCount = rcMeeting ? await count(db.select({ n: sql<number>`count(*)::int` }).from(proxies).where(and(eq(proxies.meetingId, rcMeeting.id), eq(proxies.approved, true)))) : 0;
  const contests = rcMeeting ? await db.select({ stage: meetingContests.stage, parentId: meetingContests.parentId }).from(meetingContests).where(eq(meetingContests.meetingId, rcMeeting.id)) : [];
  const runoff = contests.some((c) => c.stage === 'runoff');
  const redo = contests.some((c) => c.stage === 'main' && c.parentId !== null);

  const elected = await loadElected(db, id);
  const completed = elected.rcComplete;
  const isParty = (p: ElectedPerson) => p.voterId !== null && partyVoterIds.has(p.voterId);
  const rc = elected.rc;

  // The two committees together: each person once.
  const together = new Map<string, ElectedPerson & { party: boolean }>();
  for (const p of rc) together.set(personKey(p), { ...p, party: isParty(p) });
  for (const p of elected.party) together.set(personKey(p), { ...(together.get(personKey(p)) ?? p), party: true });
  const nominationIds = [...together.values()].map((p) => p.nominationId).filter((x): x is string => x !== null);
  const incumbentVoters = new Set(
    nominationIds.length
      ? (await db.select({ voterId: nominations.voterId }).from(nominations).where(and(inArray(nominations.id, nominationIds), eq(nominations.incumbent, true)))).map((n) => n.voterId)
      : [],
  );
  const people = [...together.values()];
  const bands = { under30: 0, age30to60: 0, over60: 0, collegeAndAbove: 0, highSchoolAndBelow: 0 };
  for (const p of people) {
    if (p.birthDate) bands[ageBand(ageOn(p.birthDate, community.electionDay))] += 1;
    const edu = educationBand(p.education);
    if (edu) bands[edu] += 1;
  }
  const reElected = people.filter((p) => p.voterId !== null && incumbentVoters.has(p.voterId)).length;
  const secretary = elected.officers.find((o) => o.post === 'secretary');
  const director = rc.find((p) => p.post === 'director');
  const cross = crossAppointment({
    rcMembers: rc.map(personKey),
    partyMembers: elected.party.map(personKey),
    director: director ? personKey(director) : null,
    secretary: secretary ? personKey(secretary) : null,
  });
  const flag = (b: boolean) => (b ? 1 : 0);
  const mobileBoxes = boxes.filter((b) => b.kind === 'mobile').length;
  return {
    electionHeld: flag(rcMeeting !== undefined && rcMeeting.present !== null),
    electionCompleted: flag(completed),
    oneTimeElection: flag(completed && !runoff && !redo),
    runoffElection: flag(runoff),
    reElection: flag(redo),
    registeredVoters,
    registeredWomen,
    seats: seatsJson.director + seatsJson.deputies + seatsJson.members,
    preliminaryCandidates: prelim.size,
    preliminaryWomen: [...prelim.values()].filter((n) => n.sex === 'female').length,
    preliminaryPartyMembers: [...prelim.keys()].filter((v) => partyVoterIds.has(v)).length,
    formalCandidates: formalIds.size,
    formalWomen: [...formalIds].filter((v) => sexOf.get(v) === 'female').length,
    formalPartyMembers: [...formalIds].filter((v) => partyVoterIds.has(v)).length,
    voted: rcMeeting?.present ?? 0,
    mobileBoxes,
    pollingStations: boxes.filter((b) => b.kind === 'station').length,
    proxies: proxyCount,
    mobileBoxUsed: flag(mobileBoxes > 0),
    resultAnnounced: flag(completed),
    elected: rc.length,
    electedWomen: rc.filter((p) => p.sex === 'female').length,
    electedDirector: rc.filter((p) => p.post === 'director').length,
    electedDeputies: rc.filter((p) => p.post === 'deputy').length,
    electedMembers: rc.filter((p) => p.post !== 'director' && p.post !== 'deputy').length,
    electedPartyMembers: rc.filter(isParty).length,
    representatives: await count(db.select({ n: sql<number>`count(*)::int` }).from(representatives).where(eq(representatives.communityId, id))),
    twoCommittees: people.length,
    twoCommitteesWomen: people.filter((p) => p.sex === 'female').length,
    twoCommitteesPartyMembers: people.filter((p) => p.party).length,
    reElected,
    newlyElected: people.length - reElected,
    ...bands,
    crossAppointed: cross.both,
    secretaryIsDirector: flag(cross.oneShoulder),
    ...(await afterRoundFigures(db, id)),
  };
}

/** Recalls and vacancies after the round (AFT-RECALL, AFT-BY-ELECTION): the form counts them beside the election. */
async function afterRoundFigures(db: DbOrTx, communityId: string) {
  const recallRows = await db.select({ status: recalls.status }).from(recalls).where(eq(recalls.communityId, communityId));
  const vacancyRows = await db.select({ status: vacancies.status }).from(vacancies).where(eq(vacancies.communityId, communityId));
  return {
    recallPetitions: recallRows.length,
    recalled: recallRows.filter((r) => r.status === 'recalled').length,
    vacancies: vacancyRows.length,
    byElections: vacancyRows.filter((v) => v.status !== 'open').length,
    filledByByElection: vacancyRows.filter((v) => v.status === 'filled').length,
  };
}

async function loadRoundRow(db: DbOrTx, roundId: string) {
  const [row] = await db
    .select({ round: rounds, streetName: streets.name, districtName: districts.name })
    .from(rounds)
    .innerJoin(streets, eq(streets.id, rounds.streetId))
    .innerJoin(districts, eq(districts.id, rounds.districtId))
    .where(eq(rounds.id, roundId));
  if (!row) throw errors.notFound('Round', '换届选举轮次');
  return row;
}

const statusOf = (report: { status: string } | undefined): StatisticsStatus =>
  report?.status === 'submitted' ? 'submitted' : report?.status === 'returned' ? 'returned' : 'unfilled';

export async function roundStatistics(db: DbOrTx, roundId: string): Promise<RoundStatistics> {
  const { round, streetName, districtName } = await loadRoundRow(db, roundId);
  const [report] = await db.select().from(statisticsReports).where(eq(statisticsReports.roundId, round.id));
  const manual = (report?.manual ?? {}) as Manual;
  const list = await db.select().from(communities).where(eq(communities.roundId, round.id)).orderBy(asc(communities.code));
  const rows: StatisticsRow[] = [];
  for (const c of list) {
    const typed = manual[c.id] ?? {};
    const manualFigures = Object.fromEntries(MANUAL_KEYS.map((k) => [k, typed[k] ?? null])) as Record<(typeof MANUAL_KEYS)[number], number | null>;
    rows.push({ communityId: c.id, name: c.name, ...(await communityFigures(db, c)), ...manualFigures, manualFields: MANUAL_KEYS.filter((k) => typed[k] !== undefined) });
  }
  const status = statusOf(report);
  return {
    roundId: round.id,
    roundName: round.name,
    streetName,
    districtName,
    status,
    statusZh: STATISTICS_STATUS_ZH[status],
    reason: status === 'returned' ? (report?.reason ?? null) : null,
    history: (report?.history ?? []) as RoundStatistics['history'],
    fields: STATISTICS_FIELDS.map((x) => ({ ...x })),
    rows,
    total: sumFigures(rows),
  };
}

async function lockReport(tx: DbOrTx, roundId: string) {
  const { round } = await loadRoundRow(tx, roundId);
  await tx.insert(statisticsReports).values({ roundId: round.id, districtId: round.districtId }).onConflictDoNothing();
  const [report] = await tx.select().from(statisticsReports).where(eq(statisticsReports.roundId, round.id)).for('update');
  return report!;
}

const notNow = (status: StatisticsStatus) =>
  errors.conflict('STATISTICS_STATUS', `The statistics report is ${status}`, `统计表当前状态为“${STATISTICS_STATUS_ZH[status]}”，不能进行此操作`);

/** The street types the figures the data cannot give for one community (marked as typed); open until reported. */
export async function typeStatistics(db: Db, input: { actor: Actor; roundId: string; communityId: string; values: Record<string, number | null> }) {
  for (const key of Object.keys(input.values)) {
    if (!isManualKey(key)) throw errors.badRequest(`${key} is filled from the data`, `“${key}”由系统根据选举数据自动统计，不能手工填写`);
  }
  await db.transaction(async (tx) => {
    const report = await lockReport(tx, input.roundId);
    const status = statusOf(report);
    if (!statisticsTransition(status, 'edit')) throw notNow(status);
    const [community] = await tx.select({ id: communities.id }).from(communities).where(and(eq(communities.id, input.communityId), eq(communities.roundId, input.roundId)));
    if (!community) throw errors.notFound('Community of this round', '本轮的社区');
    const manual = { ...(report.manual as Manual) };
    const before = manual[community.id] ?? {};
    const next: Partial<Record<StatisticsKey, number>> = { ...before };
    for (const [key, value] of Object.entries(input.values)) {
      if (value === null) delete next[key as StatisticsKey];
      else next[key as StatisticsKey] = value;
    }
    manual[community.id] = next;
    await tx.update(statisticsReports).set({ manual }).where(eq(statisticsReports.roundId, input.roundId));
    await appendAudit(tx, { actor: input.actor, action: 'type-statistics', entity: 'statistics-report', entityId: input.roundId, before: { communityId: community.id, ...before }, after: { communityId: community.id, ...next } });
  });
  return roundStatistics(db, input.roundId);
}

async function move(db: Db, input: { actor: Actor; roundId: string; action: 'submit' | 'return'; reason?: string }) {
  await db.transaction(async (tx) => {
    const report = await lockReport(tx, input.roundId);
    const status = statusOf(report);
    if (!statisticsTransition(status, input.action)) throw notNow(status);
    const next = input.action === 'submit' ? 'submitted' : 'returned';
    const entry = { at: new Date().toISOString(), action: input.action, by: input.actor.username, ...(input.reason ? { reason: input.reason } : {}) };
    await tx
      .update(statisticsReports)
      .set({
        status: next,
        reason: input.reason ?? null,
        history: [...(report.history as unknown[]), entry],
        ...(input.action === 'submit' ? { submittedAt: new Date() } : {}),
      })
      .where(eq(statisticsReports.roundId, input.roundId));
    await appendAudit(tx, { actor: input.actor, action: `${input.action}-statistics`, entity: 'statistics-report', entityId: input.roundId, before: { status }, after: { status: next, reason: input.reason ?? null } });
  });
  return roundStatistics(db, input.roundId);
}

/** The street reports the round's statistics to the district (未填报 or 已退回 → 已上报). */
export const submitStatistics = (db: Db, input: { actor: Actor; roundId: string }) => move(db, { ...input, action: 'submit' });

/** The bureau returns a reported statistics table with a reason (已上报 → 已退回). */
export const returnStatistics = (db: Db, input: { actor: Actor; roundId: string; reason: string }) => move(db, { ...input, action: 'return' });

/** The bureau's roll-up: every round of the district with its status, and the total of the reported ones. */
export async function districtStatistics(db: DbOrTx, districtId: string) {
  const [district] = await db.select().from(districts).where(eq(districts.id, districtId));
  if (!district) throw errors.notFound('District', '区');
  const list = await db
    .select({ id: rounds.id })
    .from(rounds)
    .innerJoin(streets, eq(streets.id, rounds.streetId))
    .where(eq(rounds.districtId, districtId))
    .orderBy(asc(streets.code), asc(rounds.createdAt));
  const rows = [];
  for (const r of list) {
    const s = await roundStatistics(db, r.id);
    rows.push({ roundId: s.roundId, roundName: s.roundName, streetName: s.streetName, status: s.status, statusZh: s.statusZh, reason: s.reason, communities: s.rows.length, total: s.total });
  }
  const reported = rows.filter((r) => r.status === 'submitted');
  return { districtId, districtName: district.name, fields: STATISTICS_FIELDS.map((x) => ({ ...x })), rows, reported: reported.length, total: sumFigures(reported.map((r) => r.total)) };
}

const cell = (v: number | null) => v;

/** The same figures as a workbook: one column per field, typed figures marked (手填) in the header row below. */
export async function statisticsWorkbook(s: RoundStatistics): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date('2000-01-01T00:00:00Z');
  const sheet = book.addWorksheet('换届选举情况统计表');
  sheet.addRow([neutralise(`${s.districtName}${s.streetName}${s.roundName}换届选举情况统计表（${s.statusZh}）`)]);
  sheet.addRow(['社区', ...s.fields.map((x) => x.group)]);
  sheet.addRow(['', ...s.fields.map((x) => (x.source === 'manual' ? `${x.labelZh}（手填）` : x.labelZh))]);
  for (const r of s.rows) sheet.addRow([neutralise(r.name), ...s.fields.map((x) => cell(r[x.key as StatisticsKey]))]);
  sheet.addRow(['合计', ...s.fields.map((x) => cell(s.total[x.key as StatisticsKey]))]);
  for (const n of [1, 2, 3]) sheet.getRow(n).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The paper's view model (the same figures): one column per community, then the total. */
export function statisticsReportVm(s: RoundStatistics, today: string): StatisticsReportVm {
  return {
    roundName: s.roundName,
    streetName: s.streetName,
    districtName: s.districtName,
    statusZh: s.statusZh,
    reason: s.reason,
    reportDate: today,
    fields: s.fields,
    columns: s.rows.map((r) => ({ name: r.name, figures: r as unknown as Record<string, number | null> })),
    total: s.total,
  };
}
