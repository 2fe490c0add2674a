/**
 * The papers' view models, loaded from the database (one loader per kind). A paper whose data is not ready is
 * refused with 409 `DOCUMENT_NOT_READY`, saying in Chinese what is missing:
 * - election-notice: the notice has not been issued (`issueNotice`, below) or time/place are not set;
 * - voter-list, voter-cards: the voter list is not published;
 * - candidate-list, ballot: no published candidate list (a run-off/re-vote ballot: no such vote called);
 * - result-notice: the residents' committee result is not complete (tally, re-votes, run-offs);
 * - party-result-notice: the same for the party committee (its officers are printed once elected);
 * - certificates: not issued yet (the street issues them once the bureau approved the filing);
 * - filing-report: before the result is complete. Before a filing exists it is rendered as a draft (草稿) with the
 *   checks as they stand today; after submission it shows the checks as submitted and the filing's status.
 * Identity numbers are masked here (domain maskIdNumber); the renderer refuses any whole number besides.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import {
  candidateLists,
  districts,
  filings,
  meetingContests,
  meetings,
  nominations,
  notices,
  representatives,
  residentGroups,
  streets,
  voterListPublications,
  voters,
} from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { afterRound } from './by-elections.js';
import { cardTokenOf } from './card-tokens.js';
import { type AppError, errors } from '../domain/errors.js';
import { loadTemplate, say } from '../pdf/template.js';
import { districtGovernment, electingName, sealOwner, streetOffice, type PartyType } from '../pdf/layout.js';
import { DateTime } from 'luxon';
import { ageOn } from '../domain/dates.js';
import { formatFractionZh } from '../domain/profile.js';
import { maskIdNumber } from '../domain/id-card.js';
import { orderCandidates } from '../domain/ordering.js';
import { appliesToMethod, RULE_ENTRIES } from '../domain/rules/index.js';
import { objectionWindow } from '../domain/timeline.js';
import type {
  AnyViewModel,
  BallotVm,
  CandidateListVm,
  CertificatesVm,
  ElectionNoticeVm,
  FilingReportVm,
  Method,
  PaperKind,
  PaperOrg,
  Post,
  ResultContestVm,
  ResultThreshold,
  ResultNoticeVm,
  VoterCard,
  VoterCardsVm,
  VoterListVm,
} from '../pdf/view-models.js';
import { listCertificates } from './certificates.js';
import { listNoticeFacts, surplusFacts } from './candidates.js';
import { computeCommunityChecks, type CheckItem } from './checks.js';
import type { CommunityDetails, PartyInput } from './communities.js';
import { electionDayOf, seatsOf, RC_CONTESTS } from './election-context.js';
import { loadElected, POST_ZH, type CommunityElected } from './elected.js';
import type { ContestThreshold } from './results.js';
import { issueNotice, listNotices } from './notices.js';
import { assertPaperPrintable } from './paper-check.js';
import { communityReport } from './reports.js';
import { assertNoHard, judge, loadCommunityContext, resultOfOutcomes, type CommunityContext } from './rules.js';

export interface DocumentQuery {
  readonly contest?: string | undefined;
  readonly stage?: 'runoff' | 'revote' | undefined;
  readonly contestId?: string | undefined;
  /** Voter cards per A4 sheet (1 or 8, default 8). */
  readonly perPage?: 1 | 8 | undefined;
}

export interface LoadDocumentInput {
  readonly communityId: string;
  readonly kind: PaperKind;
  readonly today: string;
  readonly query?: DocumentQuery;
}

export const notReady = (what: string, whatZh: string, details?: Record<string, unknown>): AppError =>
  errors.conflict('DOCUMENT_NOT_READY', `The paper is not ready: ${what}`, `该文书暂不能生成：${whatZh}`, details);

type NoticeKind = 'election-notice' | 'result-notice' | 'party-result-notice';

/** The title a notice is numbered under among the community's notices. */
function noticeTitle(ctx: CommunityContext, kind: NoticeKind): string {
  if (kind === 'party-result-notice') return `${sealOf(ctx, 'party')}选举结果公告`;
  return `${ctx.community.name}${kind === 'election-notice' ? '居民委员会换届选举公告' : '居民委员会选举结果公告'}`;
}

const detailsOf = (ctx: CommunityContext) => (ctx.community.details ?? {}) as CommunityDetails;
const issuerOf = (ctx: CommunityContext) => detailsOf(ctx).issuer ?? say(loadTemplate('common'), 'rc_election_committee', { community: ctx.community.name });
const partyTypeOf = (ctx: CommunityContext) => (ctx.community.party as { type: PartyType }).type;
const electingOf = (ctx: CommunityContext, post: string) => electingName({ post, community: ctx.community.name, partyType: partyTypeOf(ctx) });
const sealOf = (ctx: CommunityContext, post: string) =>
  sealOwner({ post, community: ctx.community.name, partyType: partyTypeOf(ctx), rcIssuer: issuerOf(ctx) });

/** The district, street and round a paper names at its foot. */
async function orgOf(db: DbOrTx, ctx: CommunityContext): Promise<PaperOrg> {
  const [row] = await db
    .select({ street: streets.name, district: districts.name })
    .from(streets)
    .innerJoin(districts, eq(districts.id, streets.districtId))
    .where(eq(streets.id, ctx.community.streetId));
  return { district: row?.district ?? '', street: row?.street ?? '', community: ctx.community.name, roundName: ctx.round.name };
}

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
  input: { actor: Actor; communityId: string; kind: NoticeKind; issuedOn: string; today: string },
): Promise<{ number: number; issuedOn: string; kind: string; issued: boolean }> {
  if (input.issuedOn > input.today) throw errors.badRequest('issuedOn cannot be in the future', '发布日期不能晚于今天');
  const ctx = await loadCommunityContext(db, input.communityId);
  if (input.kind === 'election-notice') {
    const missing = missingElectionDetails(ctx);
    if (missing.length > 0) throw notReady(`set ${missing.length} election detail(s) first`, `尚未设置${missing.join('、')}`, { missing });
  } else if (input.kind === 'party-result-notice') {
    const elected = await loadElected(db, input.communityId);
    if (!elected.partyComplete) throw notReady('the party result is not complete', '党组织委员会选举结果尚未确认（计票未完成或需重新投票、另行选举）');
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
      title: noticeTitle(ctx, input.kind),
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
    org: await orgOf(db, ctx),
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
    surplus: await surplusOf(db, ctx),
    equalElectionAllowed: ctx.profile.equalElectionByShowOfHands,
    proxyMax: ctx.profile.proxyMax,
    monitorsPerBox: ctx.profile.monitorsPerBox,
    representatives: await count(db.select({ n: sql<number>`count(*)::int` }).from(representatives).where(eq(representatives.communityId, ctx.community.id))),
    quorumZh: formatFractionZh(ctx.profile.rcQuorum),
  };
}

const count = async (query: Promise<{ n: number }[]>): Promise<number> => Number((await query)[0]?.n ?? 0);

/** 差额 or 等额 as the published residents' committee lists are; `open` before any is published. */
async function surplusOf(db: DbOrTx, ctx: CommunityContext): Promise<ElectionNoticeVm['surplus']> {
  const rows = await db
    .select({ contest: candidateLists.contest, candidates: candidateLists.candidates })
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, ctx.community.id), eq(candidateLists.current, true)));
  const lists = rows.filter((r) => (RC_CONTESTS as readonly string[]).includes(r.contest));
  if (lists.length === 0) return 'open';
  return lists.every((l) => (l.candidates as unknown[]).length > seatsOf(ctx.community, l.contest)) ? 'competitive' : 'equal';
}

/** The latest publication of the voter list: any (a republication after an objection included) or the committee's own. */
async function latestPublication(db: DbOrTx, communityId: string, which: 'any' | 'committee' = 'any') {
  const [row] = await db
    .select()
    .from(voterListPublications)
    .where(and(eq(voterListPublications.communityId, communityId), which === 'committee' ? isNull(voterListPublications.objectionId) : undefined))
    .orderBy(desc(voterListPublications.publishedOn), desc(voterListPublications.createdAt))
    .limit(1);
  if (!row) throw notReady('the voter list is not published', '选民名单尚未公布');
  return row;
}

/**
 * The order of the voter list and the voter cards: residents' groups in their own order (as the committee created
 * them), then groups only named on voters (in natural order: 第2组 before 第10组), then the voters with no group;
 * within a group, in order of registration. Returned as SQL for `order by`, the same for the list and the cards, so a
 * voter's card carries the voter's number on the list.
 */
async function voterOrder(db: DbOrTx, communityId: string) {
  const registered = await db
    .select({ name: residentGroups.name })
    .from(residentGroups)
    .where(eq(residentGroups.communityId, communityId))
    .orderBy(asc(residentGroups.createdAt), asc(residentGroups.id));
  const named = await db
    .selectDistinct({ name: voters.groupName })
    .from(voters)
    .where(and(eq(voters.communityId, communityId), sql`${voters.groupName} is not null`));
  const known = new Set(registered.map((g) => g.name));
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  const others = named.map((g) => g.name!).filter((n) => !known.has(n)).sort(collator.compare);
  const names = [...new Set([...registered.map((g) => g.name), ...others])];
  const rank = sql`array_position(array(select json_array_elements_text(${JSON.stringify(names)}::json)), ${voters.groupName})`;
  // Household numbers as written (H2 before H10: the shorter first among numbers of one pattern).
  return [sql`${rank} asc nulls last`, asc(voters.createdAt), sql`length(${voters.householdNo}) asc nulls last`, asc(voters.householdNo), asc(voters.id)];
}

async function voterList(db: DbOrTx, ctx: CommunityContext): Promise<VoterListVm> {
  // A list republished after an upheld objection carries the new notice's number and date; the objection window
  // still counts from the committee's publication.
  const latest = await latestPublication(db, ctx.community.id);
  const publication = latest.objectionId ? await latestPublication(db, ctx.community.id, 'committee') : latest;
  const rows = await db
    .select({ name: voters.name, sex: voters.sex, idNumber: voters.idNumber, group: voters.groupName })
    .from(voters)
    .where(eq(voters.communityId, ctx.community.id))
    .orderBy(...(await voterOrder(db, ctx.community.id)));
  const groups: { name: string | null; voters: VoterListVm['groups'][number]['voters'][number][] }[] = [];
  rows.forEach((r, i) => {
    let group = groups.at(-1);
    if (!group || group.name !== r.group) {
      group = { name: r.group, voters: [] };
      groups.push(group);
    }
    group.voters.push({ number: i + 1, name: r.name, sex: r.sex, idMasked: maskIdNumber(r.idNumber) });
  });
  return {
    org: await orgOf(db, ctx),
    noticeNo: latest.noticeNo,
    publishedOn: publication.publishedOn,
    ...(latest.objectionId ? { republishedOn: latest.publishedOn } : {}),
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

async function candidateList(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery, today: string): Promise<CandidateListVm> {
  const lists = await currentLists(db, ctx, query.contest);
  const ids = lists.flatMap((l) => (l.candidates as StoredCandidate[]).map((c) => c.nominationId));
  const noms = ids.length ? await db.select().from(nominations).where(inArray(nominations.id, ids)) : [];
  const nomById = new Map(noms.map((n) => [n.id, n]));
  const voterIds = noms.map((n) => n.voterId);
  const people = voterIds.length
    ? await db.select({ id: voters.id, sex: voters.sex, birthDate: voters.birthDate }).from(voters).where(inArray(voters.id, voterIds))
    : [];
  const voterById = new Map(people.map((p) => [p.id, p]));
  // CAN-LIST-NOTICE: the registry decides each publication under the round's profile (a backfill judged as one).
  const notices = await Promise.all(lists.map((l) => listNoticeFacts(db, { community: ctx.community, list: l })));
  const shortOf = (i: number) => {
    const outcome = RULE_ENTRIES.CAN_LIST_NOTICE.evaluate(notices[i]!.current, ctx.profile);
    if (outcome.status !== 'breach') return null;
    return { required: Number(outcome.params.required), actual: Number(outcome.params.actual) };
  };
  // CAN-SURPLUS: the registry decides each list (after a withdrawal, a list left short is printed with the warning).
  const surpluses = await Promise.all(lists.map((l) => surplusFacts(db, { community: ctx.community, list: l, today })));
  const surplusShortOf = (i: number) => {
    const outcome = RULE_ENTRIES.CAN_SURPLUS.evaluate(surpluses[i]!, ctx.profile);
    return outcome.status === 'breach' ? { seats: surpluses[i]!.seats, candidates: surpluses[i]!.candidates } : null;
  };
  return {
    org: await orgOf(db, ctx),
    communityName: ctx.community.name,
    issuer: issuerOf(ctx),
    electionDay: ctx.community.electionDay,
    ordering: ctx.profile.ordering,
    nominationMin: { voters: ctx.profile.nominationMinVoters, households: ctx.profile.nominationMinHouseholds },
    lists: lists.map((l, i) => {
      const day = electionDayOf(ctx.community, l.contest);
      return {
        noticeShort: shortOf(i),
        surplusShort: surplusShortOf(i),
        noticeNo: l.noticeNo,
        publishedOn: l.publishedOn,
        post: l.contest as Post,
        electing: electingOf(ctx, l.contest),
        issuer: sealOf(ctx, l.contest),
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

type BallotPaper = 'ballot' | 'party-ballot' | 'officer-ballot' | 'runoff-ballot';

/** Follow-up votes of the community's meetings: re-votes and run-offs (另行选举), or the party officers' elections. */
async function meetingBallots(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery, stages: readonly ('runoff' | 'revote' | 'officers')[]) {
  const rows = await db
    .select({ contest: meetingContests, date: meetings.date })
    .from(meetingContests)
    .innerJoin(meetings, eq(meetings.id, meetingContests.meetingId))
    .where(
      and(
        eq(meetings.communityId, ctx.community.id),
        query.contestId ? eq(meetingContests.id, query.contestId) : undefined,
        inArray(meetingContests.stage, query.stage ? [query.stage] : [...stages]),
        query.contest ? eq(meetingContests.contest, query.contest) : undefined,
      ),
    )
    .orderBy(asc(meetingContests.createdAt));
  return rows.map(({ contest, date }) => ({
    post: contest.contest as Post,
    stage: contest.stage === 'revote' ? ('revote' as const) : contest.stage === 'runoff' ? ('runoff' as const) : ('main' as const),
    electing: electingOf(ctx, contest.contest),
    sealOf: sealOf(ctx, contest.contest),
    day: date,
    seats: contest.seats,
    candidates: orderCandidates(contest.candidates as { id: string; name: string }[], ctx.profile).map((c) => ({ name: c.name })),
  }));
}

async function ballot(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery, paper: BallotPaper, today: string): Promise<BallotVm> {
  const base = { org: await orgOf(db, ctx), communityName: ctx.community.name, roundName: ctx.round.name, electionDay: ctx.community.electionDay };
  if (paper === 'officer-ballot' || paper === 'runoff-ballot' || (paper === 'ballot' && (query.stage || query.contestId))) {
    const ballots = await meetingBallots(db, ctx, query, paper === 'officer-ballot' ? ['officers'] : ['runoff', 'revote']);
    if (ballots.length === 0) {
      throw paper === 'officer-ballot'
        ? notReady('the officers election has not been set up', '党组织书记、副书记选举尚未确定人选（请先选出党组织委员会并确定书记、副书记人选）')
        : notReady('no such run-off or re-vote has been called', '尚未产生需要另行选举或重新投票的项目');
    }
    return { ...base, ballots };
  }
  const lists = await currentLists(db, ctx, paper === 'party-ballot' ? 'party' : query.contest);
  // CAN-SURPLUS: a ballot is not printed for a list a withdrawal left short (the count would refuse it); the 422
  // names the lawful paths left (a further nomination, or the steering group postponing the election day).
  for (const list of lists) {
    assertNoHard(resultOfOutcomes([judge('CAN-SURPLUS', await surplusFacts(db, { community: ctx.community, list, today }), ctx.profile)]));
  }
  return {
    ...base,
    ballots: lists.map((l) => ({
      post: l.contest as Post,
      stage: 'main' as const,
      electing: electingOf(ctx, l.contest),
      sealOf: sealOf(ctx, l.contest),
      day: electionDayOf(ctx.community, l.contest),
      seats: seatsOf(ctx.community, l.contest),
      // The published list is in ballot order already (CAN-ORDER at publication).
      candidates: (l.candidates as StoredCandidate[])
        .slice()
        .sort((a, b) => a.order - b.order)
        .map((c) => ({ name: c.name })),
    })),
  };
}

/**
 * The voters in list order (`voterOrder`), numbered as the list numbers them: the ids in order first (16 bytes a
 * voter), then the cards in pages of `pageSize`, so memory stays bounded whatever the community's size.
 */
export async function* voterCardSource(db: DbOrTx, communityId: string, pageSize = 2000, only?: ReadonlySet<string>): AsyncGenerator<VoterCard> {
  const ids = (await db.select({ id: voters.id }).from(voters).where(eq(voters.communityId, communityId)).orderBy(...(await voterOrder(db, communityId)))).map(
    (r) => r.id,
  );
  for (let start = 0; start < ids.length; start += pageSize) {
    // `only` (the representatives of a congress community): their cards alone, each with its number on the list.
    const page = ids.slice(start, start + pageSize).map((id) => (only && !only.has(id) ? '' : id));
    if (!page.some(Boolean)) continue;
    const rows = await db
      .select({ id: voters.id, name: voters.name, idNumber: voters.idNumber, group: voters.groupName })
      .from(voters)
      .where(inArray(voters.id, page.filter(Boolean)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, id] of page.entries()) {
      const r = byId.get(id);
      // A voter removed while the cards print keeps its number empty rather than shifting everyone after it.
      if (r) yield { number: start + i + 1, name: r.name, idMasked: maskIdNumber(r.idNumber), group: r.group, qr: cardTokenOf(r.id) };
    }
  }
}

/**
 * The cards of the community's voters; where a congress of representatives elects (居民代表会议), only the
 * representatives vote, so only they get a card (it is what they check in with), and it names no polling station.
 */
async function voterCards(db: DbOrTx, ctx: CommunityContext, query: DocumentQuery): Promise<VoterCardsVm> {
  await latestPublication(db, ctx.community.id);
  const missing = missingElectionDetails(ctx);
  if (missing.length > 0) throw notReady('election time or place not set', `尚未设置${missing.join('、')}`, { missing });
  const congress = ctx.community.method === 'congress';
  let only: Set<string> | undefined;
  if (congress) {
    const reps = await db.select({ voterId: representatives.voterId }).from(representatives).where(eq(representatives.communityId, ctx.community.id));
    only = new Set(reps.flatMap((r) => (r.voterId ? [r.voterId] : [])));
    if (only.size === 0) throw notReady('no representatives chosen', '本社区由居民代表会议选举，尚未推选居民代表，无需为其他选民印制选民证');
  }
  const inCommunity = eq(voters.communityId, ctx.community.id);
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(voters)
    .where(only ? and(inCommunity, inArray(voters.id, [...only])) : inCommunity)) as [{ n: number }];
  const d = detailsOf(ctx);
  return {
    org: await orgOf(db, ctx),
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    electionDay: ctx.community.electionDay,
    time: d.time ?? null,
    place: d.place ?? null,
    pollingStations: congress ? [] : (d.pollingStations ?? []),
    issuer: issuerOf(ctx),
    holders: congress ? 'representatives' : 'voters',
    total: Number(n),
    perPage: query.perPage ?? 8,
    cards: voterCardSource(db, ctx.community.id, 2000, only),
  };
}

function thresholdVm(th: ContestThreshold | null): ResultThreshold | null {
  if (!th) return null;
  return { kind: th.kind, shareZh: th.share ? formatFractionZh(th.share) : '', of: th.of };
}

type ElectionMeeting = CommunityElected['summary']['meetings'][number];

/** The votes of a meeting for the given posts, as the result notice prints them (complete votes only). */
function resultContests(meeting: ElectionMeeting, posts: readonly string[]): ResultContestVm[] {
  return meeting.contests
    .filter((c) => c.contestId !== null && c.complete && posts.includes(c.contest))
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
        threshold: thresholdVm(c.threshold),
      };
    });
}

/** Who was elected in which vote, per post, with the threshold that vote's result says they met. */
function electedByPost(contests: readonly ResultContestVm[], posts: readonly Post[]): ResultNoticeVm['elected'] {
  const people = contests.flatMap((c) =>
    c.votes.filter((v) => v.elected).map((v) => ({ post: c.post, person: { name: v.name, threshold: c.threshold, stage: c.stage } })),
  );
  return posts.map((post) => ({ post, people: people.filter((p) => p.post === post).map((p) => p.person) })).filter((e) => e.people.length > 0);
}

/** The figures both notices print: the meeting, its base and attendance, every vote, the elected. */
async function resultFigures(db: DbOrTx, ctx: CommunityContext, meeting: ElectionMeeting, posts: readonly Post[], noticeKind: string) {
  const notice = await latestNotice(db, ctx.community.id, noticeKind);
  const contests = resultContests(meeting, posts);
  return {
    org: await orgOf(db, ctx),
    noticeNo: notice?.number ?? null,
    issuedOn: notice?.issuedOn ?? meeting.date,
    communityName: ctx.community.name,
    electionDay: meeting.date,
    method: ctx.community.method as Method,
    base: meeting.base as ResultNoticeVm['base'],
    expected: meeting.expected,
    present: meeting.present ?? 0,
    quorum: meeting.kind === 'party' ? ctx.profile.partyQuorum : ctx.profile.rcQuorum,
    contests,
    elected: electedByPost(contests, posts),
  };
}

const finalMeeting = (elected: CommunityElected, kind: 'rc' | 'party', posts: readonly string[]) =>
  [...elected.summary.meetings].reverse().find((m) => m.kind === kind && m.final.some((f) => f.complete && posts.includes(f.contest)));

async function resultNotice(db: DbOrTx, ctx: CommunityContext): Promise<ResultNoticeVm> {
  const elected = await loadElected(db, ctx.community.id);
  if (!elected.rcComplete) throw notReady('the result is not complete', '居民委员会选举结果尚未确认（计票未完成或需重新投票、另行选举）');
  const meeting = finalMeeting(elected, 'rc', RC_CONTESTS);
  if (!meeting) throw notReady('no residents committee meeting', '尚无居民委员会选举会议');
  const figures = await resultFigures(db, ctx, meeting, ['director', 'deputy', 'member', 'committee'], 'result-notice');
  return { ...figures, issuer: issuerOf(ctx), vacancies: elected.rcVacancies };
}

/**
 * 党组织选举结果公告: the party committee's vote at the party members' meeting (or congress), its figures as the
 * residents' notice prints them, the officers once the new committee has elected them, issued in the party
 * organisation's name.
 */
async function partyResultNotice(db: DbOrTx, ctx: CommunityContext): Promise<ResultNoticeVm> {
  const elected = await loadElected(db, ctx.community.id);
  if (!elected.partyComplete) throw notReady('the party result is not complete', '党组织委员会选举结果尚未确认（计票未完成或需重新投票、另行选举）');
  const meeting = finalMeeting(elected, 'party', ['party']);
  if (!meeting) throw notReady('no party meeting', '尚无党组织选举会议');
  const figures = await resultFigures(db, ctx, meeting, ['party'], 'party-result-notice');
  const orgName = sealOf(ctx, 'party');
  const party = ctx.community.party as PartyInput;
  const officersOf = (post: 'secretary' | 'deputy-secretary') => ({ post, names: elected.officers.filter((o) => o.post === post).map((o) => o.name) });
  return {
    ...figures,
    issuer: orgName,
    vacancies: meeting.final.find((f) => f.contest === 'party')?.vacancies ?? 0,
    party: {
      orgName,
      assembly: party.representatives ? 'congress' : 'general-meeting',
      quorumZh: formatFractionZh(ctx.profile.partyQuorum),
      officers: [officersOf('secretary'), officersOf('deputy-secretary')],
    },
  };
}

async function certificatesVm(db: DbOrTx, ctx: CommunityContext): Promise<CertificatesVm> {
  const list = await listCertificates(db, ctx.community.id);
  if (list.length === 0) throw notReady('certificates have not been issued', '当选证书尚未颁发（区民政局审核通过备案后，由街道颁发）');
  const org = await orgOf(db, ctx);
  const termYears = ctx.profile.termYears;
  const from = ctx.community.electionDay;
  return {
    org,
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    termYear: ctx.round.term,
    termNumber: detailsOf(ctx).termNumber ?? null,
    termFrom: from,
    termTo: DateTime.fromISO(from).plus({ years: termYears }).toISODate() ?? from,
    issuedBy: streetOffice(org.street),
    onBehalfOf: districtGovernment(org.district),
    certificates: list.map((c) => ({ number: c.number, name: c.name, postZh: c.post, issuedOn: c.issuedOn })),
    // The confirmed result: the renderer refuses a certificate for anyone else (AFT-CERT).
    elected: (await loadElected(db, ctx.community.id)).rc.map((p) => ({ name: p.name, postZh: p.postZh })),
  };
}

const STATUS_KEYS: Readonly<Record<string, string>> = { pass: 'status_pass', fail: 'status_fail', warning: 'status_warning', 'n/a': 'status_n/a' };
const STAGE_KEYS = ['main', 'revote', 'runoff', 'officers'];

/** A check's figures in Chinese (templates/check-details.json); a figure without a Chinese label is left out. */
function detailsText(check: CheckItem): string {
  const d = (check.details ?? {}) as Record<string, unknown>;
  if (typeof d.messageZh === 'string' && d.messageZh) return d.messageZh;
  const labels = loadTemplate('check-details');
  const report = loadTemplate('filing-report');
  const common = loadTemplate('common');
  const label = (key: string): string | undefined => {
    if (labels[key]) return labels[key];
    // `member-runoff`: a vote of the meeting, named by its post and stage.
    const m = /^(.+)-(main|revote|runoff|officers)$/.exec(key);
    // The party committee's 委员 is named apart from the residents' committee's (both 委员 in short).
    const post = labels[`contest_post_${m?.[1]}`] ?? common[`short_${m?.[1]}`];
    if (m && STAGE_KEYS.includes(m[2]!) && post) return say(labels, 'contest_stage', { post, stage: labels[`stage_${m[2]}`] ?? '' });
    return undefined;
  };
  const value = (v: unknown): string | undefined => {
    if (typeof v === 'boolean') return labels[String(v)];
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return STATUS_KEYS[v] ? report[STATUS_KEYS[v]] : labels[`value_${v}`] ?? (/[a-z]/i.test(v) ? undefined : v);
    return undefined;
  };
  return Object.entries(d)
    .flatMap(([k, v]) => {
      const name = label(k);
      const text = value(v);
      return name && text !== undefined ? [`${name}：${text}`] : [];
    })
    .join('；');
}

/**
 * How a check is printed: 不适用 only with its reason (the profile does not use the rule, the community's method is
 * another, or what the rule governs did not happen: no tie, no run-off, no write-in); a rule that applies but had
 * nothing to check yet, or was decided only as each record was entered, is 未核查, never 不适用.
 */
function filingCheck(check: CheckItem, method: Method): FilingReportVm['checks'][number] {
  const t = loadTemplate('filing-report');
  const base = { rule: check.rule, titleZh: check.titleZh, severity: check.severity, justification: check.justification ?? null };
  if (check.status !== 'n/a') return { ...base, status: check.status, details: detailsText(check) };
  const d = (check.details ?? {}) as Record<string, unknown>;
  if (d.reason === 'not-in-profile') return { ...base, status: 'n/a', details: say(t, 'na_not_in_profile') };
  if (d.reason === 'enforced-at-entry') return { ...base, status: 'unchecked', details: say(t, 'unchecked_at_entry') };
  if (!appliesToMethod(check.rule, method)) return { ...base, status: 'n/a', details: say(t, 'na_method', { method: say(t, `na_method_${method}`) }) };
  if (t[`na_${check.rule}`]) return { ...base, status: 'n/a', details: say(t, `na_${check.rule}`) };
  return { ...base, status: 'unchecked', details: t[`unchecked_${check.rule}`] ?? say(t, 'unchecked_reason') };
}

/**
 * AFT-FILING as the report's own filing stands now: the checks were frozen when it was submitted (a resubmission
 * froze the 已退回 of the time before), and the report's status line and this line must say the same.
 */
function filingStatusCheck(check: CheckItem, status: FilingReportVm['filingStatus']): CheckItem {
  return { ...check, status: status === 'returned' ? 'warning' : 'pass', details: { status } };
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
  const after = await afterRound(db, ctx.community.id);
  return {
    org: await orgOf(db, ctx),
    communityName: ctx.community.name,
    roundName: ctx.round.name,
    method: ctx.community.method,
    electionDay: ctx.community.electionDay,
    filingStatus: filing ? filing.status : 'draft',
    submittedOn,
    reportDate: submittedOn ?? today,
    checks: checks.map((c) => filingCheck(c.rule === 'AFT-FILING' && filing ? filingStatusCheck(c, filing.status) : c, ctx.community.method)),
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
    afterRound: {
      recalls: after.recalls.map((r) => ({ ...r, postZh: POST_ZH[r.contest] ?? r.contest })),
      vacancies: after.vacancies,
    },
  };
}

/**
 * The view model of one paper, fit to print: 409 DOCUMENT_NOT_READY when its data is missing, 422 when it breaks a
 * rule the paper must print true (the print check, here so that it runs before a reply or a job begins). Voter cards
 * come back with a lazy, paged source.
 */
export async function loadDocument(db: DbOrTx, input: LoadDocumentInput): Promise<AnyViewModel> {
  const paper = await loadViewModel(db, input);
  assertPaperPrintable(paper);
  return paper;
}

async function loadViewModel(db: DbOrTx, input: LoadDocumentInput): Promise<AnyViewModel> {
  const ctx = await loadCommunityContext(db, input.communityId);
  const query = input.query ?? {};
  switch (input.kind) {
    case 'election-notice':
      return { kind: input.kind, vm: await electionNotice(db, ctx) };
    case 'voter-list':
      return { kind: input.kind, vm: await voterList(db, ctx) };
    case 'candidate-list':
      return { kind: input.kind, vm: await candidateList(db, ctx, query, input.today) };
    case 'party-candidate-list':
      return { kind: 'candidate-list', vm: await candidateList(db, ctx, { ...query, contest: 'party' }, input.today) };
    case 'ballot':
    case 'party-ballot':
    case 'officer-ballot':
    case 'runoff-ballot':
      return { kind: 'ballot', vm: await ballot(db, ctx, query, input.kind, input.today) };
    case 'voter-cards':
      return { kind: input.kind, vm: await voterCards(db, ctx, query) };
    case 'result-notice':
      return { kind: input.kind, vm: await resultNotice(db, ctx) };
    case 'party-result-notice':
      return { kind: 'result-notice', vm: await partyResultNotice(db, ctx) };
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
