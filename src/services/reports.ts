/**
 * Summary reports (换届工作报告, AFT-REPORT; ORG-CROSS): per community and per street — registered voters, turnout,
 * the elected and their sex/age/education structure, cross-appointment rate and 一肩挑, exceptions granted.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import { communities, districts, justifications, rounds, streets, voters } from '../db/schema.js';
import { ageOn } from '../domain/dates.js';
import { crossAppointment } from '../domain/committee.js';
import { reportFigures } from '../domain/after.js';
import { errors } from '../domain/errors.js';
import { EDUCATION_LABELS_ZH, EDUCATION_LEVELS } from '../domain/profile.js';
import type { RoundReportVm } from '../pdf/papers/round-report.js';
import { loadElected, personKey, type ElectedPerson } from './elected.js';
import { neutralise } from './cell-text.js';

/** Structure of a group of elected people (sex, age bands, education) by the domain's report figures. */
export function structureOf(people: readonly ElectedPerson[], onDay: string, voters = 0, voted = 0) {
  const known = people.filter((p): p is ElectedPerson & { sex: 'male' | 'female'; birthDate: string } => p.sex !== null && p.birthDate !== null);
  const figures = reportFigures({
    voters,
    voted,
    elected: known.map((p) => ({ age: ageOn(p.birthDate, onDay), sex: p.sex, education: p.education })),
  });
  const ages = known.map((p) => ageOn(p.birthDate, onDay));
  return {
    total: people.length,
    women: figures.women,
    men: known.length - figures.women,
    unknown: people.length - known.length,
    ageBands: figures.ageBands,
    education: figures.education,
    averageAge: ages.length ? Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10 : null,
    turnout: figures.turnout,
  };
}

export async function communityReport(db: DbOrTx, communityId: string) {
  const [community] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!community) throw errors.notFound('Community', '社区');
  const [{ registered }] = (await db
    .select({ registered: sql<number>`count(*)::int` })
    .from(voters)
    .where(eq(voters.communityId, communityId))) as [{ registered: number }];
  const elected = await loadElected(db, communityId);
  const rcMeeting = elected.summary.meetings.find((m) => m.kind === 'rc' && m.contests.some((c) => c.stage === 'main'));
  const mainContest = rcMeeting?.contests.find((c) => c.stage === 'main');
  const secretary = elected.officers.find((o) => o.post === 'secretary');
  const director = elected.rc.find((p) => p.post === 'director');
  const cross = crossAppointment({
    rcMembers: elected.rc.map(personKey),
    partyMembers: elected.party.map(personKey),
    director: director ? personKey(director) : null,
    secretary: secretary ? personKey(secretary) : null,
  });
  const exceptions = await db
    .select({ rule: justifications.rule, text: justifications.text, at: justifications.createdAt })
    .from(justifications)
    .where(eq(justifications.communityId, communityId))
    .orderBy(asc(justifications.createdAt));
  return {
    communityId,
    name: community.name,
    method: community.method,
    electionDay: community.electionDay,
    registeredVoters: registered,
    turnout: rcMeeting
      ? {
          base: rcMeeting.base,
          expected: rcMeeting.expected,
          present: rcMeeting.present,
          ballotsIssued: mainContest?.totals.issued ?? null,
          ballotsReturned: mainContest?.totals.returned ?? null,
        }
      : null,
    elected: {
      rc: elected.rc.map(({ name, post, postZh, votes }) => ({ name, post, postZh, votes })),
      party: elected.party.map(({ name, votes }) => ({ name, votes })),
      officers: elected.officers.map(({ name, post, postZh }) => ({ name, post, postZh })),
      rcComplete: elected.rcComplete,
      rcVacancies: elected.rcVacancies,
    },
    structure: {
      rc: structureOf(elected.rc, community.electionDay, registered, rcMeeting?.present ?? 0),
      party: structureOf(elected.party, community.partyElectionDay ?? community.electionDay),
    },
    cross,
    exceptions: exceptions.map((e) => ({ rule: e.rule, text: e.text, at: e.at.toISOString() })),
  };
}
export type CommunityReport = Awaited<ReturnType<typeof communityReport>>;

export async function roundReport(db: DbOrTx, roundId: string) {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw errors.notFound('Round', '换届选举轮次');
  const list = await db.select({ id: communities.id }).from(communities).where(and(eq(communities.roundId, roundId))).orderBy(asc(communities.code));
  const items: CommunityReport[] = [];
  for (const c of list) items.push(await communityReport(db, c.id));
  const [street] = await db.select({ name: streets.name }).from(streets).where(eq(streets.id, round.streetId));
  return { roundId, name: round.name, term: round.term, streetId: round.streetId, streetName: street?.name ?? '', ...summarise(items) };
}
export type RoundReport = Awaited<ReturnType<typeof roundReport>>;

/** The paper's view model: the same figures as the JSON and the workbook. */
export function roundReportVm(report: RoundReport, reportDate: string): RoundReportVm {
  return {
    roundName: report.name,
    streetName: report.streetName,
    reportDate,
    communities: report.communities.map((r) => {
      const own = summarise([r]).totals;
      return {
        name: r.name,
        method: r.method,
        electionDay: r.electionDay,
        registeredVoters: r.registeredVoters,
        turnoutPercent: own.turnout.percent,
        elected: r.elected.rc.length,
        women: r.structure.rc.women,
        crossPercent: r.cross.percent,
      };
    }),
    exceptions: report.communities.flatMap((r) => r.exceptions.map((e) => ({ community: r.name, rule: e.rule, text: e.text }))),
    totals: report.totals,
  };
}

/**
 * The district summary (区民政局): the round report's figures per street of the district and for the district, for
 * one term (the latest by default).
 */
export async function districtSummary(db: DbOrTx, input: { districtId: string; term?: number | undefined }) {
  const [district] = await db.select().from(districts).where(eq(districts.id, input.districtId));
  if (!district) throw errors.notFound('District', '区');
  const terms = await db.selectDistinct({ term: rounds.term }).from(rounds).where(eq(rounds.districtId, input.districtId));
  const term = input.term ?? Math.max(0, ...terms.map((t) => t.term));
  const streetRows = await db.select().from(streets).where(eq(streets.districtId, input.districtId)).orderBy(asc(streets.code));
  const all: CommunityReport[] = [];
  const out = [];
  for (const street of streetRows) {
    const list = await db
      .select({ id: communities.id })
      .from(communities)
      .innerJoin(rounds, eq(rounds.id, communities.roundId))
      .where(and(eq(communities.streetId, street.id), eq(rounds.term, term)))
      .orderBy(asc(communities.code));
    const items: CommunityReport[] = [];
    for (const c of list) items.push(await communityReport(db, c.id));
    all.push(...items);
    const roundsOfStreet = await db
      .select({ id: rounds.id, name: rounds.name })
      .from(rounds)
      .where(and(eq(rounds.streetId, street.id), eq(rounds.term, term)));
    out.push({ streetId: street.id, name: street.name, code: street.code, rounds: roundsOfStreet, totals: summarise(items).totals });
  }
  return { districtId: district.id, name: district.name, term, terms: terms.map((t) => t.term).sort(), streets: out, totals: summarise(all).totals };
}

const percentOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/** Adds up the figures of the communities' reports (a round's, or a street's in the district summary). */
export function summarise(items: readonly CommunityReport[]) {
  const sum = (f: (r: CommunityReport) => number) => items.reduce((n, r) => n + f(r), 0);
  const bothKeys = sum((r) => r.cross.both);
  const eitherKeys = sum((r) => r.cross.either);
  const counted = items.filter((r) => r.turnout?.present !== null && r.turnout?.present !== undefined);
  const expected = counted.reduce((n, r) => n + r.turnout!.expected, 0);
  const present = counted.reduce((n, r) => n + r.turnout!.present!, 0);
  const ageBands: Record<string, number> = { under35: 0, '35to44': 0, '45to54': 0, '55plus': 0 };
  const education: Record<string, number> = {};
  for (const r of items) {
    for (const [band, n] of Object.entries(r.structure.rc.ageBands)) ageBands[band] = (ageBands[band] ?? 0) + n;
    for (const [level, n] of Object.entries(r.structure.rc.education)) education[level] = (education[level] ?? 0) + n;
  }
  const rcElected = sum((r) => r.elected.rc.length);
  const women = sum((r) => r.structure.rc.women);
  return {
    communities: items,
    totals: {
      communities: items.length,
      registeredVoters: sum((r) => r.registeredVoters),
      rcElected,
      partyElected: sum((r) => r.elected.party.length),
      women,
      crossBoth: bothKeys,
      crossEither: eitherKeys,
      crossRatePercent: eitherKeys ? Math.round((bothKeys / eitherKeys) * 1000) / 10 : null,
      oneShoulder: items.filter((r) => r.cross.oneShoulder).length,
      /** Communities whose meeting is counted, and the turnout over them (present of expected). */
      turnout: { communities: counted.length, expected, present, percent: percentOf(present, expected) },
      /** The residents' committees elected, by sex, age band and education. */
      sex: { male: sum((r) => r.structure.rc.men), female: women, unknown: sum((r) => r.structure.rc.unknown) },
      ageBands,
      education,
      /** Women on the residents' committees: their share and the committees with at least one woman. */
      womenPercent: percentOf(women, rcElected),
      committeesWithWoman: items.filter((r) => r.elected.rc.length > 0 && r.structure.rc.women > 0).length,
      committeesElected: items.filter((r) => r.elected.rc.length > 0).length,
      exceptionsGranted: sum((r) => r.exceptions.length),
    },
  };
}

/** A cell of a report workbook: numbers as they are, text neutralised by the one rule of every export (cell-text.ts). */
export function safeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return neutralise(String(value));
}

const METHOD_ZH = { congress: '居民代表会议', direct: '直接选举', household: '户代表选举' } as const;
const AGE_BANDS = [
  ['under35', '35岁以下'],
  ['35to44', '35至44岁'],
  ['45to54', '45至54岁'],
  ['55plus', '55岁及以上'],
] as const;

/** The education levels a set of reports names, in the domain's order, unknown last. */
function educationColumns(education: Record<string, number>): { key: string; label: string }[] {
  const known = EDUCATION_LEVELS.filter((l) => education[l] !== undefined).map((l) => ({ key: l as string, label: EDUCATION_LABELS_ZH[l] }));
  const other = Object.keys(education)
    .filter((k) => !(EDUCATION_LEVELS as readonly string[]).includes(k))
    .map((k) => ({ key: k, label: k === 'unknown' ? '未填写' : k }));
  return [...known, ...other];
}

type Totals = RoundReport['totals'];

/** One row of figures (a community's, a street's or the total) under `figureHeaders`. */
function figureHeaders(education: { label: string }[]): string[] {
  return ['登记选民', '应到', '实到', '参选率(%)', '当选人数', '男', '女', '女性占比(%)', ...AGE_BANDS.map(([, l]) => l), ...education.map((e) => e.label), '交叉任职率(%)', '一肩挑', '例外事项'];
}
function figureCells(t: Totals, education: { key: string }[], oneShoulder: string | number): (string | number | null)[] {
  return [
    t.registeredVoters,
    t.turnout.communities > 0 ? t.turnout.expected : null,
    t.turnout.communities > 0 ? t.turnout.present : null,
    t.turnout.percent,
    t.rcElected,
    t.sex.male,
    t.sex.female,
    t.womenPercent,
    ...AGE_BANDS.map(([k]) => t.ageBands[k] ?? 0),
    ...education.map((e) => t.education[e.key] ?? 0),
    t.crossRatePercent,
    oneShoulder,
    t.exceptionsGranted,
  ];
}

function boldFirstRow(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c) => (c.width = 12));
  sheet.getColumn(1).width = 20;
}

/** 换届工作报告 as a workbook: one row per community and the total, the elected, the exceptions granted. */
export async function reportWorkbook(report: RoundReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date('2000-01-01T00:00:00Z');
  const education = educationColumns(report.totals.education);
  const sheet = book.addWorksheet('换届工作报告');
  sheet.addRow(['社区', '选举方式', '选举日', ...figureHeaders(education), '空缺']);
  for (const r of report.communities) {
    const own = summarise([r]).totals;
    sheet.addRow([r.name, METHOD_ZH[r.method], r.electionDay, ...figureCells(own, education, r.cross.oneShoulder ? '是' : '否'), r.elected.rcVacancies].map(safeCell));
  }
  const t = report.totals;
  sheet.addRow(['合计', null, null, ...figureCells(t, education, t.oneShoulder), null].map(safeCell));
  boldFirstRow(sheet);
  const elected = book.addWorksheet('当选人员');
  elected.addRow(['社区', '职务', '姓名', '得票']);
  for (const r of report.communities) for (const p of r.elected.rc) elected.addRow([r.name, p.postZh, p.name, p.votes].map(safeCell));
  boldFirstRow(elected);
  const exceptions = book.addWorksheet('例外事项');
  exceptions.addRow(['社区', '规则', '说明', '时间']);
  for (const r of report.communities) for (const e of r.exceptions) exceptions.addRow([r.name, e.rule, e.text, e.at.slice(0, 10)].map(safeCell));
  boldFirstRow(exceptions);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The district summary as a workbook: the same figures per street and for the district. */
export async function districtWorkbook(summary: { name: string; streets: readonly { name: string; totals: Totals }[]; totals: Totals }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date('2000-01-01T00:00:00Z');
  const education = educationColumns(summary.totals.education);
  const sheet = book.addWorksheet('各街道汇总');
  sheet.addRow(['街道', '社区数', ...figureHeaders(education)]);
  for (const s of summary.streets) sheet.addRow([s.name, s.totals.communities, ...figureCells(s.totals, education, s.totals.oneShoulder)].map(safeCell));
  sheet.addRow(['合计', summary.totals.communities, ...figureCells(summary.totals, education, summary.totals.oneShoulder)].map(safeCell));
  boldFirstRow(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}
