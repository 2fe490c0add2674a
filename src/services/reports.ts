/**
 * Summary reports (换届工作报告, AFT-REPORT; ORG-CROSS): per community and per street — registered voters, turnout,
 * the elected and their sex/age/education structure, cross-appointment rate and 一肩挑, exceptions granted.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import { communities, justifications, rounds, voters } from '../db/schema.js';
import { ageOn } from '../domain/dates.js';
import { crossAppointment } from '../domain/committee.js';
import { reportFigures } from '../domain/after.js';
import { errors } from '../domain/errors.js';
import { loadElected, personKey, type ElectedPerson } from './elected.js';

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
  const sum = (f: (r: CommunityReport) => number) => items.reduce((n, r) => n + f(r), 0);
  const bothKeys = sum((r) => r.cross.both);
  const eitherKeys = sum((r) => r.cross.either);
  return {
    roundId,
    name: round.name,
    communities: items,
    totals: {
      communities: items.length,
      registeredVoters: sum((r) => r.registeredVoters),
      rcElected: sum((r) => r.elected.rc.length),
      partyElected: sum((r) => r.elected.party.length),
      women: sum((r) => r.structure.rc.women),
      crossBoth: bothKeys,
      crossEither: eitherKeys,
      crossRatePercent: eitherKeys ? Math.round((bothKeys / eitherKeys) * 1000) / 10 : null,
      oneShoulder: items.filter((r) => r.cross.oneShoulder).length,
    },
  };
}

/** Cells that a spreadsheet would run as a formula are neutralised. */
export function safeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function reportWorkbook(report: Awaited<ReturnType<typeof roundReport>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date('2000-01-01T00:00:00Z');
  const sheet = book.addWorksheet('换届工作报告');
  sheet.addRow(['社区', '选举方式', '选举日', '登记选民', '应到', '实到', '当选人数', '其中女性', '平均年龄', '交叉任职率(%)', '一肩挑', '空缺']);
  for (const r of report.communities) {
    sheet.addRow(
      [
        r.name,
        { congress: '居民代表会议', direct: '直接选举', household: '户代表选举' }[r.method],
        r.electionDay,
        r.registeredVoters,
        r.turnout?.expected ?? null,
        r.turnout?.present ?? null,
        r.elected.rc.length,
        r.structure.rc.women,
        r.structure.rc.averageAge,
        r.cross.percent,
        r.cross.oneShoulder ? '是' : '否',
        r.elected.rcVacancies,
      ].map(safeCell),
    );
  }
  const t = report.totals;
  sheet.addRow(['合计', null, null, t.registeredVoters, null, null, t.rcElected, t.women, null, t.crossRatePercent, t.oneShoulder, null].map(safeCell));
  const elected = book.addWorksheet('当选人员');
  elected.addRow(['社区', '职务', '姓名', '得票']);
  for (const r of report.communities) for (const p of r.elected.rc) elected.addRow([r.name, p.postZh, p.name, p.votes].map(safeCell));
  return Buffer.from(await book.xlsx.writeBuffer());
}
