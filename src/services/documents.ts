/**
 * The papers' view models, loaded from the database (one loader per kind). A paper whose data is not ready is
 * refused with 409 `DOCUMENT_NOT_READY`, saying in Chinese what is missing:
 * - election-notice: the notice has not been issued (`issueNotice`, below) or time/place are not set;
 * - voter-list, voter-cards: the voter list is not published;
 * - candidate-list, ballot: no published candidate list (a run-off/re-vote ballot: no such vote called);
 * - result-notice: the residents' committee result is not complete (tally, re-votes, run-offs);
 * - certificates: not issued yet (the street issues them once the bureau approved the filing);
 * - filing-report: before the result is complete. Before a filing exists it is rendered as a draft (草稿) with the
 *   checks as they stand today; after submission it shows the checks as submitted and the filing's status.
 * Identity numbers are masked here (domain maskIdNumber); the renderer refuses any whole number besides.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { candidateLists, filings, meetingContests, meetings, nominations, notices, voterListPublications, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { loadTemplate } from '../pdf/template.js';
import { ageOn } from '../domain/dates.js';
import { maskIdNumber } from '../domain/id-card.js';
import { orderCandidates } from '../domain/ordering.js';
import { objectionWindow } from '../domain/timeline.js';
import type {
  AnyViewModel,
  BallotVm,
  CandidateListVm,
  CertificatesVm,
  DocumentKind,
  ElectionNoticeVm,
  FilingReportVm,
  Method,
  Post,
  ResultContestVm,
  ResultNoticeVm,
  VoterCard,
  VoterCardsVm,
  VoterListVm,
} from '../pdf/view-models.js';
import { listCertificates } from './certificates.js';
import { computeCommunityChecks, type CheckItem } from './checks.js';
import type { CommunityDetails } from './communities.js';
import { electionDayOf, seatsOf, RC_CONTESTS } from './election-context.js';
import { loadElected } from './elected.js';
import { issueNotice, listNotices } from './notices.js';
import { communityReport } from './reports.js';
import { loadCommunityContext, type CommunityContext } from './rules.js';

export interface DocumentQuery {
  readonly contest?: string | undefined;
  readonly stage?: 'runoff' | 'revote' | undefined;
  readonly contestId?: string | undefined;
  /** Voter cards per A4 sheet (1 or 8, default 8). */
  readonly perPage?: 1 | 8 | undefined;
}

export interface LoadDocumentInput {
  readonly communityId: string;
  readonly kind: DocumentKind;
  readonly today: string;
  readonly query?: DocumentQuery;
}

export const notReady = (what: string, whatZh: string, details?: Record<string, unknown>): AppError =>
  errors.conflict('DOCUMENT_NOT_READY', `The paper is not ready: ${what}`, `该文书暂不能生成：${whatZh}`, details);

const TITLES: Readonly<Record<'election-notice' | 'result-notice', string>> = {
  'election-notice': '居民委员会换届选举公告',
  'result-notice': '居民委员会选举结果公告',
};

const detailsOf = (ctx: CommunityContext) => (ctx.community.details ?? {}) as CommunityDetails;
const issuerOf = (ctx: CommunityContext) => detailsOf(ctx).issuer ?? `${ctx.community.name}居民选举委员会`;

async function latestNotice(db: DbOrTx, communityId: string, kind: string) {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.communityId, communityId), eq(notices.kind, kind)))
    .orderBy(desc(notices.number))
    .limit(1);
  return row;
}

function missingElectionDetails(ctx: CommunityContext): string[] {
  const d = detailsOf(ctx);
  const missing: string[] = [];
  if (!d.time?.trim()) missing.push('选举时间');
  if (!d.place?.trim()) missing.push('选举地点');
  return missing;
}

/**
 * Issues the election notice or the result notice: takes the community's next notice number (第N号) once; issuing
 * again returns the notice already issued.
 */
export async function issueDocumentNotice(
  db: Db,
  input: { actor: Actor; communityId: string; kind: 'election-notice' | 'result-notice'; issuedOn: string; today: string },
): Promise<{ number: number; issuedOn: string; kind: string; issued: boolean }> {
  if (input.issuedOn > input.today) throw errors.badRequest('issuedOn cannot be in the future', '发布日期不能晚于今天');
  const ctx = await loadCommunityContext(db, input.communityId);
  if (input.kind === 'election-notice') {
    const missing = missingElectionDetails(ctx);
    if (missing.length > 0) throw notReady(`set ${missing.length} election detail(s) first`, `尚未设置${missing.join('、')}`, { missing });
  } else {
    const elected = await loadElected(db, input.communityId);
    if (!elected.rcComplete) throw notReady('the result is not complete', '居民委员会选举结果尚未确认（计票未完成或需重新投票、另行选举）');
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`notices:${input.communityId}`}))`);
    const existing = await latestNotice(tx, input.communityId, input.kind);
    if (existing) return { number: existing.number, issuedOn: existing.issuedOn, kind: input.kind, issued: false };
    const number = await issueNotice(tx, {
      communityId: input.communityId,
      kind: input.kind,
      title: `${ctx.community.name}${TITLES[input.kind]}`,
      issuedOn: input.issuedOn,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: 'issue-notice',
      entity: 'community',
      entityId: input.communityId,
      after: { kind: input.kind, number, issuedOn: input.issuedOn },
    });
    return { number, issuedOn: input.issuedOn, kind: input.kind, issued: true };
  });
}

// ------------------------------------------------------------------------------------------------ loaders

async function electionNotice(db: DbOrTx, ctx: CommunityContext): Promise<ElectionNoticeVm> {
  const notice = await latestNotice(db, ctx.community.id, 'election-notice');
  const missing = missingElectionDetails(ctx);
  if (missing.length > 0) throw notReady('election time or place not set', `尚未设置${missing.join('、')}`, { missing });
  if (!notice) throw notReady('the election notice has not been issued', '选举公告尚未发布（请先发布选举公告，取得公告编号）');
  const d = detailsOf(ctx);
  const rc = ctx.community.rcSeats as { director: number; deputies: number; members: number };
  return {
    noticeNo: notice.number,
    issuedOn: notice.issuedOn,
    issuer: issuerOf(ctx),
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    method: ctx.community.method,
    seats: [
      { post: 'director', count: rc.director },
      { post: 'deputy', count: rc.deputies },
      { post: 'member', count: rc.members },
    ],
    electionDay: ctx.community.electionDay,
    time: d.time ?? null,
    place: d.place ?? null,
    pollingStations: d.pollingStations ?? [],
    mobileBoxes: d.mobileBoxes ?? 0,
    voterListNoticeDays: ctx.profile.voterListNoticeDays,
  };
}

async function latestPublication(db: DbOrTx, communityId: string) {
  const [row] = await db
    .select()
    .from(voterListPublications)
    .where(eq(voterListPublications.communityId, communityId))
    .orderBy(desc(voterListPublications.publishedOn), desc(voterListPublications.createdAt))
    .limit(1);
  if (!row) throw notReady('the voter list is not published', '选民名单尚未公布');
  return row;
}

const GROUP_KEY = sql<string>`coalesce(${voters.groupName}, '')`;

async function voterList(db: DbOrTx, ctx: CommunityContext): Promise<VoterListVm> {
  const publication = await latestPublication(db, ctx.community.id);
  const rows = await db
    .select({ name: voters.name, sex: voters.sex, idNumber: voters.idNumber, group: voters.groupName })
    .from(voters)
    .where(eq(voters.communityId, ctx.community.id))
    .orderBy(sql`${voters.groupName} asc nulls last`, asc(voters.createdAt), asc(voters.id));
  const groups: { name: string; voters: { name: string; sex: 'male' | 'female'; idMasked: string }[] }[] = [];
  for (const r of rows) {
    const name = r.group ?? '';
    let group = groups.at(-1);
    if (!group || group.name !== name) {
      group = { name, voters: [] };
      groups.push(group);
    }
    group.voters.push({ name: r.name, sex: r.sex, idMasked: maskIdNumber(r.idNumber) });
  }
  return {
    noticeNo: publication.noticeNo,
    publishedOn: publication.publishedOn,
    issuer: issuerOf(ctx),
    communityName: ctx.community.name,
    electionDay: ctx.community.electionDay,
    objectionUntil: objectionWindow(publication.publishedOn, ctx.profile).fileUntil,
    objectionDays: ctx.profile.objectionDays,
    decisionDays: ctx.profile.objectionDecisionDays,
    total: rows.length,
    groups,
  };
}

type StoredCandidate = { nominationId: string; voterId: string; name: string; order: number };

async function currentLists(db: DbOrTx, ctx: CommunityContext, contest: string | undefined) {
  const rows = await db
    .select()
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, ctx.community.id), eq(candidateLists.current, true)));
  const order = ['director', 'deputy', 'member', 'committee', 'party'];
  const lists = rows
    .filter((r) => (contest ? r.contest === contest : (RC_CONTESTS as readonly string[]).includes(r.contest)))
    .sort((a, b) => order.indexOf(a.contest) - order.indexOf(b.contest));
  if (lists.length === 0) {
    throw notReady('no published candidate list', contest ? `${contest}项目的正式候选人名单尚未公布` : '正式候选人名单尚未公布');
  }
  return lists;
}

async function candidateList(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery): Promise<CandidateListVm> {
  const lists = await currentLists(db, ctx, query.contest);
  const ids = lists.flatMap((l) => (l.candidates as StoredCandidate[]).map((c) => c.nominationId));
  const noms = ids.length ? await db.select().from(nominations).where(inArray(nominations.id, ids)) : [];
  const nomById = new Map(noms.map((n) => [n.id, n]));
  const voterIds = noms.map((n) => n.voterId);
  const people = voterIds.length
    ? await db.select({ id: voters.id, sex: voters.sex, birthDate: voters.birthDate }).from(voters).where(inArray(voters.id, voterIds))
    : [];
  const voterById = new Map(people.map((p) => [p.id, p]));
  return {
    communityName: ctx.community.name,
    issuer: issuerOf(ctx),
    electionDay: ctx.community.electionDay,
    lists: lists.map((l) => {
      const day = electionDayOf(ctx.community, l.contest);
      return {
        noticeNo: l.noticeNo,
        publishedOn: l.publishedOn,
        post: l.contest as Post,
        seats: seatsOf(ctx.community, l.contest),
        electionDay: day,
        candidates: (l.candidates as StoredCandidate[])
          .slice()
          .sort((a, b) => a.order - b.order)
          .map((c) => {
            const nom = nomById.get(c.nominationId);
            const person = voterById.get(c.voterId);
            return {
              order: c.order,
              name: c.name,
              sex: person?.sex ?? null,
              age: person ? ageOn(person.birthDate, day) : null,
              education: nom?.education ?? null,
              basis: nom?.basis ?? 'committee',
            };
          }),
      };
    }),
  };
}

async function ballot(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery): Promise<BallotVm> {
  const base = { communityName: ctx.community.name, roundName: ctx.round.name, electionDay: ctx.community.electionDay };
  if (query.stage || query.contestId) {
    const rows = await db
      .select({ contest: meetingContests })
      .from(meetingContests)
      .innerJoin(meetings, eq(meetings.id, meetingContests.meetingId))
      .where(
        and(
          eq(meetings.communityId, ctx.community.id),
          query.contestId ? eq(meetingContests.id, query.contestId) : undefined,
          query.stage ? eq(meetingContests.stage, query.stage) : sql`${meetingContests.stage} in ('runoff', 'revote')`,
          query.contest ? eq(meetingContests.contest, query.contest) : undefined,
        ),
      )
      .orderBy(asc(meetingContests.createdAt));
    if (rows.length === 0) throw notReady('no such run-off or re-vote has been called', '尚未产生需要另行选举或重新投票的项目');
    return {
      ...base,
      ballots: rows.map(({ contest }) => ({
        post: contest.contest as Post,
        stage: contest.stage === 'revote' ? 'revote' : contest.stage === 'runoff' ? 'runoff' : 'main',
        seats: contest.seats,
        candidates: orderCandidates(contest.candidates as { id: string; name: string }[], ctx.profile).map((c) => ({ name: c.name })),
      })),
    };
  }
  const lists = await currentLists(db, ctx, query.contest);
  return {
    ...base,
    ballots: lists.map((l) => ({
      post: l.contest as Post,
      stage: 'main' as const,
      seats: seatsOf(ctx.community, l.contest),
      // The published list is in ballot order already (CAN-ORDER at publication).
      candidates: (l.candidates as StoredCandidate[])
        .slice()
        .sort((a, b) => a.order - b.order)
        .map((c) => ({ name: c.name })),
    })),
  };
}

/** Voters in pages of `pageSize` by keyset (group, id): memory stays bounded whatever the community's size. */
export async function* voterCardSource(db: DbOrTx, communityId: string, pageSize = 2000): AsyncGenerator<VoterCard> {
  let after: { group: string; id: string } | null = null;
  let serial = 0;
  for (;;) {
    const rows: { id: string; name: string; idNumber: string; group: string | null; groupKey: string }[] = await db
      .select({ id: voters.id, name: voters.name, idNumber: voters.idNumber, group: voters.groupName, groupKey: GROUP_KEY })
      .from(voters)
      .where(and(eq(voters.communityId, communityId), after ? sql`(${GROUP_KEY}, ${voters.id}) > (${after.group}, ${after.id}::uuid)` : undefined))
      .orderBy(GROUP_KEY, asc(voters.id))
      .limit(pageSize);
    for (const r of rows) {
      serial += 1;
      yield { serial: String(serial).padStart(6, '0'), name: r.name, idMasked: maskIdNumber(r.idNumber), group: r.group };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { group: last.groupKey, id: last.id };
  }
}

async function voterCards(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery): Promise<VoterCardsVm> {
  await latestPublication(db, ctx.community.id);
  const missing = missingElectionDetails(ctx);
  if (missing.length > 0) throw notReady('election time or place not set', `尚未设置${missing.join('、')}`, { missing });
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(voters).where(eq(voters.communityId, ctx.community.id))) as [{ n: number }];
  const d = detailsOf(ctx);
  return {
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    electionDay: ctx.community.electionDay,
    time: d.time ?? null,
    place: d.place ?? null,
    issuer: issuerOf(ctx),
    total: Number(n),
    perPage: query.perPage ?? 8,
    cards: voterCardSource(db, ctx.community.id),
  };
}

async function resultNotice(db: DbOrTx, ctx: CommunityContext): Promise<ResultNoticeVm> {
  const elected = await loadElected(db, ctx.community.id);
  if (!elected.rcComplete) throw notReady('the result is not complete', '居民委员会选举结果尚未确认（计票未完成或需重新投票、另行选举）');
  const meeting = [...elected.summary.meetings].reverse().find((m) => m.kind === 'rc' && m.final.some((f) => f.complete && (RC_CONTESTS as readonly string[]).includes(f.contest)));
  if (!meeting) throw notReady('no residents committee meeting', '尚无居民委员会选举会议');
  const notice = await latestNotice(db, ctx.community.id, 'result-notice');
  const contests: ResultContestVm[] = meeting.contests
    .filter((c) => c.contestId !== null && c.complete && (RC_CONTESTS as readonly string[]).includes(c.contest))
    .map((c) => {
      const electedKeys = new Set(c.elected.map((e) => e.candidateId ?? `name:${e.name}`));
      return {
        post: c.contest as Post,
        stage: c.stage === 'revote' || c.stage === 'runoff' ? c.stage : 'main',
        seats: c.seats,
        issued: c.totals.issued,
        returned: c.totals.returned,
        valid: c.totals.valid,
        invalid: c.totals.invalid,
        ballotsValid: c.valid,
        votes: [...c.votes]
          .sort((a, b) => Number(a.writeIn) - Number(b.writeIn) || b.votes - a.votes)
          .map((v) => ({ name: v.name, votes: v.votes, writeIn: v.writeIn, elected: electedKeys.has(v.candidateId ?? `name:${v.name}`) })),
        vacancies: c.vacancies,
        revote: c.valid && c.revote ? c.revote.candidates.map((x) => x.name) : null,
        runoff: c.runoff ? { seats: c.runoff.seats, candidates: c.runoff.candidates.map((x) => x.name) } : null,
      };
    });
  const posts: Post[] = ['director', 'deputy', 'member', 'committee'];
  return {
    noticeNo: notice?.number ?? null,
    issuedOn: notice?.issuedOn ?? meeting.date,
    issuer: issuerOf(ctx),
    communityName: ctx.community.name,
    electionDay: meeting.date,
    method: ctx.community.method as Method,
    base: meeting.base as ResultNoticeVm['base'],
    expected: meeting.expected,
    present: meeting.present ?? 0,
    contests,
    elected: posts.map((post) => ({ post, names: elected.rc.filter((p) => p.post === post).map((p) => p.name) })).filter((e) => e.names.length > 0),
    vacancies: elected.rcVacancies,
  };
}

async function certificatesVm(db: DbOrTx, ctx: CommunityContext): Promise<CertificatesVm> {
  const list = await listCertificates(db, ctx.community.id);
  if (list.length === 0) throw notReady('certificates have not been issued', '当选证书尚未颁发（区民政局审核通过备案后，由街道颁发）');
  return {
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    termYear: ctx.round.term,
    issuedBy: ctx.profile.certificateIssuer.issuedBy,
    onBehalfOf: ctx.profile.certificateIssuer.onBehalfOf,
    certificates: list.map((c) => ({ number: c.number, name: c.name, postZh: c.post, issuedOn: c.issuedOn })),
    // The confirmed result: the renderer refuses a certificate for anyone else (AFT-CERT).
    elected: (await loadElected(db, ctx.community.id)).rc.map((p) => ({ name: p.name, postZh: p.postZh })),
  };
}

function detailsText(check: CheckItem): string {
  const d = (check.details ?? {}) as Record<string, unknown>;
  if (typeof d.messageZh === 'string' && d.messageZh) return d.messageZh;
  if (d.reason === 'not-in-profile') return '本届规则配置未采用此项';
  // Figures named in Chinese (templates/check-details.json); a figure without a label keeps its key.
  const labels = loadTemplate('check-details');
  const value = (v: unknown): string => (typeof v === 'boolean' ? (labels[String(v)] ?? String(v)) : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(d)
    .filter(([k]) => k !== 'message')
    .map(([k, v]) => `${labels[k] ?? k}：${value(v)}`)
    .join('；');
}

const shanghaiDate = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function filingReport(db: DbOrTx, ctx: CommunityContext, today: string): Promise<FilingReportVm> {
  const elected = await loadElected(db, ctx.community.id);
  if (!elected.rcComplete) throw notReady('the result is not complete', '居民委员会选举结果尚未确认，不能生成备案报告');
  const [filing] = await db
    .select()
    .from(filings)
    .where(and(eq(filings.communityId, ctx.community.id), eq(filings.kind, 'rc')))
    .orderBy(desc(filings.createdAt))
    .limit(1);
  const checks = filing ? (filing.checks as CheckItem[]) : (await computeCommunityChecks(db, { communityId: ctx.community.id, today })).items;
  const report = await communityReport(db, ctx.community.id);
  const noticeRows = await listNotices(db, ctx.community.id);
  const submittedOn = filing ? shanghaiDate(filing.submittedAt) : null;
  return {
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    method: ctx.community.method,
    electionDay: ctx.community.electionDay,
    filingStatus: filing ? filing.status : 'draft',
    submittedOn,
    reportDate: submittedOn ?? today,
    checks: checks.map((c) => ({
      rule: c.rule,
      titleZh: c.titleZh,
      severity: c.severity,
      status: c.status,
      details: detailsText(c),
      justification: c.justification ?? null,
    })),
    registeredVoters: report.registeredVoters,
    turnout: report.turnout
      ? {
          base: report.turnout.base,
          expected: report.turnout.expected,
          present: report.turnout.present,
          issued: report.turnout.ballotsIssued,
          returned: report.turnout.ballotsReturned,
        }
      : null,
    elected: elected.rc.map((p) => ({
      postZh: p.postZh,
      name: p.name,
      sex: p.sex,
      age: p.birthDate ? ageOn(p.birthDate, ctx.community.electionDay) : null,
      education: p.education,
      votes: p.votes,
    })),
    vacancies: elected.rcVacancies,
    structure: {
      total: report.structure.rc.total,
      women: report.structure.rc.women,
      men: report.structure.rc.men,
      averageAge: report.structure.rc.averageAge,
      ageBands: report.structure.rc.ageBands,
      education: report.structure.rc.education,
    },
    cross: { both: report.cross.both, either: report.cross.either, percent: report.cross.percent, oneShoulder: report.cross.oneShoulder },
    notices: noticeRows.map((n) => ({ number: n.number, title: n.title, issuedOn: n.issuedOn })),
  };
}

/** The view model of one paper, or 409 DOCUMENT_NOT_READY. Voter cards come back with a lazy, paged source. */
export async function loadDocument(db: DbOrTx, input: LoadDocumentInput): Promise<AnyViewModel> {
  const ctx = await loadCommunityContext(db, input.communityId);
  const query = input.query ?? {};
  switch (input.kind) {
    case 'election-notice':
      return { kind: input.kind, vm: await electionNotice(db, ctx) };
    case 'voter-list':
      return { kind: input.kind, vm: await voterList(db, ctx) };
    case 'candidate-list':
      return { kind: input.kind, vm: await candidateList(db, ctx, query) };
    case 'ballot':
      return { kind: input.kind, vm: await ballot(db, ctx, query) };
    case 'voter-cards':
      return { kind: input.kind, vm: await voterCards(db, ctx, query) };
    case 'result-notice':
      return { kind: input.kind, vm: await resultNotice(db, ctx) };
    case 'certificates':
      return { kind: input.kind, vm: await certificatesVm(db, ctx) };
    case 'filing-report':
      return { kind: input.kind, vm: await filingReport(db, ctx, input.today) };
    default: {
      const never: never = input.kind;
      throw errors.notFound(`Document kind ${String(never)}`, '文书类型');
    }
  }
}

/** How many units of progress a paper has (voter cards: one per voter; otherwise one). */
export function progressTotal(input: AnyViewModel): number {
  return input.kind === 'voter-cards' ? input.vm.total : 1;
}

/** Renders a paper to a file (CLI `render`, jobs); progress as done of total. */
export async function renderPaperToFile(
  db: DbOrTx,
  input: LoadDocumentInput & { readonly out: string; readonly onProgress?: (done: number, total: number) => void },
): Promise<{ total: number }> {
  const [{ createWriteStream }, { renderDocument }] = await Promise.all([import('node:fs'), import('../pdf/render.js')]);
  const paper = await loadDocument(db, input);
  const total = progressTotal(paper);
  await renderDocument(paper, createWriteStream(input.out), input.onProgress ? { onProgress: input.onProgress } : {});
  input.onProgress?.(total, total);
  return { total };
}
