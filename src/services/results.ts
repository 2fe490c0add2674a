/**
 * The result of a meeting (GET /meetings/:id/result): per contest and stage, the confirmed tally summed over the
 * ballot boxes and the decision of the domain's `decideContest` (CNT-BALLOTS, CNT-WRITEIN, CNT-MAJORITY-*, CNT-RANK,
 * CNT-RUNOFF), with CNT-OVERVOTE from the sheets' over-voted line. A tie at the last seat (stage `revote`), a run-off
 * (stage `runoff`) and a void vote held again (stage `main` under the void one: the same election, majority and all)
 * are contests of their own, created when the contest that needs them has every box confirmed, and counted through
 * the same tally path. Officers (stage `officers`) are decided as a party main vote whose base is the new committee.
 *
 * `getMeetingResult(db, meetingId)` is the one reader of results: notices, certificates and the filing reuse it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { errors } from '../domain/errors.js';
import type { DbOrTx, Tx } from '../db/client.js';
import { ballotBoxes, meetingContests, meetings, tallySheets, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Fraction, Profile } from '../domain/profile.js';
import { decideContest, sumSheets, type ContestDecision, type ContestSpec, type MeetingBase, type Person, type RuleLine } from '../domain/tally.js';
import type { DescribedViolation } from '../domain/violations.js';
import { loadMeetingContext, quorumOf, type ContestRow, type MeetingContext } from './meetings.js';
import { contestsOfKind, RC_CONTESTS, seatsOf } from './election-context.js';
import { describeAll, profileOfRound } from './rules.js';

type SheetRow = Pick<
  typeof tallySheets.$inferSelect,
  'contestId' | 'box' | 'issued' | 'returned' | 'invalid' | 'overvoted' | 'votes' | 'sheetVersion'
>;

interface ContestCandidate {
  readonly id: string;
  readonly name: string;
  readonly order?: number;
}

export interface ContestResult {
  readonly contestId: string | null;
  readonly contest: string;
  readonly stage: ContestRow['stage'];
  readonly parentId: string | null;
  readonly seats: number;
  readonly candidates: ContestCandidate[];
  /** Every ballot box has a confirmed sheet. */
  readonly complete: boolean;
  readonly boxes: { readonly counted: number; readonly total: number; readonly missing: string[] };
  readonly totals: {
    readonly issued: number;
    readonly returned: number;
    readonly valid: number;
    readonly invalid: number;
    readonly overvoted: number;
  };
  /** CNT-BALLOTS: false when more ballots came back than were issued (the vote is held again). */
  readonly valid: boolean;
  readonly votes: { readonly candidateId?: string; readonly name: string; readonly votes: number; readonly writeIn: boolean }[];
  readonly elected: { readonly candidateId?: string; readonly name: string; readonly votes: number }[];
  readonly ranking: RankingLine[];
  readonly tie?: { readonly votes: number; readonly seats: number; readonly people: NamedVotes[] };
  /** The tied re-voting (CNT-RANK) or, for a void vote, the vote held again (CNT-BALLOTS). */
  readonly revote?: { readonly contestId: string | null; readonly candidates: ContestCandidate[]; readonly seats: number };
  readonly runoff?: { readonly contestId: string | null; readonly candidates: ContestCandidate[]; readonly seats: number };
  readonly vacancies: number;
  /**
   * The threshold this vote's winners had to meet, as the decision applied it (read from its rule lines, with the
   * profile's fraction): a majority of those present (CNT-MAJORITY-RC / -PARTY), at least a share of the ballots cast
   * in a run-off (CNT-RUNOFF), or the most votes in a re-vote among the tied (CNT-RANK). Null for a void vote.
   */
  readonly threshold: ContestThreshold | null;
  /** The domain's rule lines: `{ rule, status: pass|fail|warning|n/a, details }`. */
  readonly rules: RuleLine[];
  /** Hard breaches of the decision (CNT-BALLOTS void, CNT-RUNOFF too few elected), described. */
  readonly violations: DescribedViolation[];
}

export interface ContestThreshold {
  readonly rule: 'CNT-MAJORITY-RC' | 'CNT-MAJORITY-PARTY' | 'CNT-RUNOFF' | 'CNT-RANK';
  readonly kind: 'majority' | 'party-majority' | 'runoff-share' | 'most-votes';
  /** More than (majorities) or at least (run-off share) this fraction of `of`; null for the most votes. */
  readonly share: Fraction | null;
  readonly of: number;
}

/** Which threshold the decision applied, from its rule lines (the domain pushes exactly one per stage). */
function thresholdOf(decision: ContestDecision, profile: Profile): ContestThreshold | null {
  if (decision.status !== 'decided') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
  for (const l of decision.rules) {
    if (l.rule === 'CNT-MAJORITY-RC') return { rule: l.rule, kind: 'majority', share: profile.rcMajority, of: num(l.details.base) };
    if (l.rule === 'CNT-MAJORITY-PARTY') return { rule: l.rule, kind: 'party-majority', share: profile.partyMajority, of: num(l.details.base) };
    if (l.rule === 'CNT-RUNOFF' && l.details.reason === 'threshold') return { rule: l.rule, kind: 'runoff-share', share: profile.runoffMinShare, of: num(l.details.cast) };
    if (l.rule === 'CNT-RANK' && l.details.reason === 'revote-most-votes') return { rule: l.rule, kind: 'most-votes', share: null, of: 0 };
  }
  return null;
}

interface NamedVotes {
  readonly candidateId?: string;
  readonly name: string;
  readonly votes: number;
}

interface RankingLine extends NamedVotes {
  readonly rank: number;
  readonly writeIn: boolean;
  /** Reached the stage's threshold (majority, run-off share, or any vote in a re-vote). */
  readonly majority: boolean;
  readonly elected: boolean;
}

export interface MeetingResult {
  readonly meetingId: string;
  readonly communityId: string;
  readonly kind: 'rc' | 'party';
  readonly date: string;
  readonly base: string;
  readonly expected: number;
  readonly present: number | null;
  readonly quorate: boolean;
  readonly contests: ContestResult[];
}

async function loadSheets(db: DbOrTx, meetingId: string): Promise<SheetRow[]> {
  return db
    .select({
      contestId: tallySheets.contestId,
      box: tallySheets.box,
      issued: tallySheets.issued,
      returned: tallySheets.returned,
      invalid: tallySheets.invalid,
      overvoted: tallySheets.overvoted,
      votes: tallySheets.votes,
      sheetVersion: tallySheets.sheetVersion,
    })
    .from(tallySheets)
    .where(and(eq(tallySheets.meetingId, meetingId), eq(tallySheets.current, true)));
}

/** `alreadyElected` when the committee's total is not known yet: no CNT-RUNOFF too-few-elected judgement. */
const NOT_KNOWN_YET = 1_000_000;

/** The domain's view of a contest of the meeting: its stage, kind and the base of its majority. */
function specOf(ctx: Pick<MeetingContext, 'meeting'>, contest: ContestRow, candidates: readonly ContestCandidate[], alreadyElected: number) {
  const officers = contest.stage === 'officers';
  const spec: ContestSpec = {
    seats: contest.seats,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    kind: officers ? 'party' : ctx.meeting.kind,
    stage: contest.stage === 'revote' || contest.stage === 'runoff' ? contest.stage : 'main',
    alreadyElected,
  };
  // Officers: the members of the new committee vote; otherwise those present (or, for a sub-contest, its voters).
  const base: MeetingBase = officers
    ? { base: 'party-members', expected: contest.voters ?? 0, present: contest.voters ?? 0 }
    : { base: ctx.meeting.base, expected: contest.voters ?? ctx.meeting.expected, present: contest.voters ?? ctx.meeting.present ?? 0 };
  return { spec, base };
}

/**
 * PTY-OFFICERS are equal elections (等额) among the new committee: a post whose candidate has no majority stays
 * vacant (no run-off among the same name with a lower threshold).
 */
function withoutOfficerRunoff(decision: ContestDecision): ContestDecision {
  if (!decision.runoff) return decision;
  const { runoff, ...rest } = decision;
  const vacancies = decision.vacancies + runoff.seats;
  return {
    ...rest,
    vacancies,
    rules: [
      ...decision.rules.filter((l) => !(l.rule === 'CNT-RUNOFF' && l.details.reason === 'runoff-needed')),
      { rule: 'CNT-RUNOFF', status: 'warning', details: { reason: 'vacant', vacancies, elected: decision.elected.length } },
    ],
  };
}

function decide(
  ctx: Pick<MeetingContext, 'meeting' | 'profile'>,
  contest: ContestRow,
  sheets: readonly SheetRow[],
  boxNames: readonly string[],
  eligibleWriteIns: readonly string[],
  alreadyElected = NOT_KNOWN_YET,
) {
  const candidates = contest.candidates as ContestCandidate[];
  const mine = sheets.filter((s) => s.contestId === contest.id);
  const counted = new Set(mine.map((s) => s.box));
  const missing = boxNames.filter((b) => !counted.has(b));
  const totals = sumSheets(
    mine.map((s) => ({ box: s.box, issued: s.issued, returned: s.returned, invalid: s.invalid, votes: s.votes as Record<string, number> })),
  );
  const overvoted = mine.reduce((n, s) => n + s.overvoted, 0);
  const { spec, base } = specOf(ctx, contest, candidates, alreadyElected);
  const decided = decideContest({ contest: spec, totals, base, profile: ctx.profile, eligibleWriteIns });
  const decision = contest.stage === 'officers' ? withoutOfficerRunoff(decided) : decided;
  return { candidates, totals, overvoted, decision, complete: missing.length === 0 && boxNames.length > 0, counted: counted.size, missing };
}

const named = (p: Pick<Person, 'key' | 'name' | 'votes' | 'writeIn'>): NamedVotes =>
  p.writeIn ? { name: p.name, votes: p.votes } : { candidateId: p.key, name: p.name, votes: p.votes };

/** What the decision asks for next: the vote held again (void), the re-vote among the tied, or the run-off. */
function followUpOf(contest: ContestRow, candidates: readonly ContestCandidate[], decision: ContestDecision) {
  if (decision.status === 'void') {
    return { stage: 'main' as const, seats: contest.seats, candidates: candidates.map((c) => ({ id: c.id, name: c.name })) };
  }
  if (decision.tie) {
    return { stage: 'revote' as const, seats: decision.tie.seats, candidates: decision.tie.people.map((p) => ({ id: p.key, name: p.name })) };
  }
  if (decision.runoff) {
    return { stage: 'runoff' as const, seats: decision.runoff.seats, candidates: decision.runoff.candidates.map((c) => ({ id: c.id, name: c.name })) };
  }
  return null;
}

function childOf(contests: readonly ContestRow[], parentId: string, stage: ContestRow['stage']) {
  return contests.find((c) => c.parentId === parentId && c.stage === stage);
}

const profiles = new Map<string, Profile>();

/** The round's profile, validated once per distinct snapshot (the result endpoint is read under load). */
function cachedProfile(profile: unknown, profileName: string): Profile {
  const key = `${profileName}\u0000${JSON.stringify(profile ?? null)}`;
  let parsed = profiles.get(key);
  if (!parsed) {
    parsed = profileOfRound({ profile, profileName });
    if (profiles.size >= 256) profiles.clear();
    profiles.set(key, parsed);
  }
  return parsed;
}

/** Everything a result needs in one round trip (the endpoint is read under load at the meeting). */
async function loadResultData(db: DbOrTx, meetingId: string) {
  const res = await db.execute(sql`
    select
      json_build_object('id', m.id, 'communityId', m.community_id, 'roundId', m.round_id, 'kind', m.kind, 'date', m.date,
        'base', m.base, 'expected', m.expected, 'present', m.present, 'ballot', m.ballot) as meeting,
      json_build_object('id', c.id, 'roundId', c.round_id, 'method', c.method, 'electionDay', c.election_day,
        'partyElectionDay', c.party_election_day, 'rcSeats', c.rc_seats, 'party', c.party, 'households', c.households) as community,
      r.id as round_id, r.phases, r.profile, r.profile_name,
      (select coalesce(json_agg(json_build_object('id', mc.id, 'meetingId', mc.meeting_id, 'contest', mc.contest, 'stage', mc.stage,
          'seats', mc.seats, 'candidates', mc.candidates, 'parentId', mc.parent_id, 'voters', mc.voters) order by mc.created_at, mc.id), '[]'::json)
        from meeting_contests mc where mc.meeting_id = m.id) as contests,
      (select coalesce(json_agg(json_build_object('contestId', s.contest_id, 'box', s.box, 'issued', s.issued, 'returned', s.returned,
          'invalid', s.invalid, 'overvoted', s.overvoted, 'votes', s.votes, 'sheetVersion', s.sheet_version)), '[]'::json)
        from tally_sheets s where s.meeting_id = m.id and s.current) as sheets,
      (select coalesce(json_agg(b.name order by b.created_at, b.name), '[]'::json) from ballot_boxes b where b.meeting_id = m.id) as boxes,
      (select coalesce(json_agg(json_build_object('contest', l.contest, 'candidates', l.candidates)), '[]'::json)
        from candidate_lists l where l.community_id = c.id and l.current) as lists,
      -- CNT-WRITEIN: the write-in names that are registered voters of the community (only they can be elected)
      (select coalesce(json_agg(distinct v.name), '[]'::json) from voters v
        where v.community_id = c.id
          and v.name in (select jsonb_object_keys(s.votes) from tally_sheets s where s.meeting_id = m.id and s.current)) as write_in_voters
    from meetings m join communities c on c.id = m.community_id join rounds r on r.id = c.round_id
    where m.id = ${meetingId}`);
  const row = (res as unknown as { rows: Record<string, unknown>[] }).rows[0];
  if (!row) throw errors.notFound('Meeting', '选举会议');
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  const ctx: MeetingContext = {
    meeting: parse<MeetingContext['meeting']>(row.meeting),
    community: parse<MeetingContext['community']>(row.community),
    round: { id: row.round_id as string, phases: parse<unknown>(row.phases) },
    profile: cachedProfile(parse<unknown>(row.profile), row.profile_name as string),
  };
  return {
    ctx,
    contests: parse<ContestRow[]>(row.contests),
    sheets: parse<SheetRow[]>(row.sheets),
    boxes: parse<string[]>(row.boxes).map((name) => ({ name })),
    lists: parse<{ contest: string; candidates: unknown }[]>(row.lists),
    eligibleWriteIns: parse<string[]>(row.write_in_voters),
  };
}

export async function getMeetingResult(db: DbOrTx, meetingId: string): Promise<MeetingResult> {
  const { ctx, contests, sheets, boxes, lists, eligibleWriteIns } = await loadResultData(db, meetingId);
  const boxNames = boxes.map((b) => b.name);
  const results: ContestResult[] = [];

  // Contests with a published list but no tally yet are shown as not started.
  const kinds = contestsOfKind(ctx.meeting.kind);
  const opened = new Set(contests.filter((c) => c.stage === 'main').map((c) => c.contest));
  const virtual: ContestRow[] = lists
    .filter((l) => kinds.includes(l.contest) && !opened.has(l.contest))
    .map((l) => ({
      id: '',
      meetingId,
      contest: l.contest,
      stage: 'main' as const,
      seats: seatsOf(ctx.community, l.contest),
      candidates: (l.candidates as { nominationId: string; name: string; order: number }[]).map((c) => ({
        id: c.nominationId,
        name: c.name,
        order: c.order,
      })),
      parentId: null,
      voters: null,
      createdAt: new Date(0),
    }));

  const all = [...contests, ...virtual];
  let decided = all.map((contest) => ({ contest, ...decide(ctx, contest, sheets, boxNames, eligibleWriteIns) }));

  // CNT-RUNOFF (too few elected to keep the committee) is judged on the whole residents' committee once every one
  // of its contests and stages at this meeting is counted: each contest is told how many the others elected.
  const rcStages = decided.filter((d) => (RC_CONTESTS as readonly string[]).includes(d.contest.contest));
  const rcSettled =
    ctx.meeting.kind === 'rc' &&
    rcStages.length > 0 &&
    rcStages.every((d) => d.complete && (followUpOf(d.contest, d.candidates, d.decision) === null || childOf(contests, d.contest.id, followUpOf(d.contest, d.candidates, d.decision)!.stage)));
  if (rcSettled) {
    const electedOfStage = (d: (typeof decided)[number]) => (d.decision.status === 'decided' ? d.decision.elected.length : 0);
    const total = rcStages.reduce((n, d) => n + electedOfStage(d), 0);
    decided = decided.map((d) =>
      rcStages.includes(d) ? { ...d, ...decide(ctx, d.contest, sheets, boxNames, eligibleWriteIns, total - electedOfStage(d)), contest: d.contest } : d,
    );
  }

  for (const { contest, candidates, totals, overvoted, decision, complete, counted, missing } of decided) {
    const next = followUpOf(contest, candidates, decision);
    const child = next ? childOf(contests, contest.id, next.stage) : undefined;
    const followUp = next && complete ? { contestId: child?.id ?? null, candidates: next.candidates, seats: next.seats } : undefined;
    const rules: RuleLine[] = [...decision.rules];
    if (overvoted > 0) rules.push({ rule: 'CNT-OVERVOTE', status: 'pass', details: { overvoted, excluded: true } });
    results.push({
      contestId: contest.id || null,
      contest: contest.contest,
      stage: contest.stage,
      parentId: contest.parentId,
      seats: contest.seats,
      candidates,
      complete,
      boxes: { counted, total: boxNames.length, missing },
      totals: { issued: totals.issued, returned: totals.returned, valid: totals.valid, invalid: totals.invalid, overvoted },
      valid: decision.status === 'decided',
      votes: decision.ranking.map((r) => ({ ...named(r), writeIn: r.writeIn })),
      elected: complete ? decision.elected.map(named) : [],
      ranking: decision.ranking.map((r) => ({ rank: r.rank, ...named(r), writeIn: r.writeIn, majority: r.majority, elected: r.elected })),
      ...(decision.tie ? { tie: { votes: decision.tie.votes, seats: decision.tie.seats, people: decision.tie.people.map(named) } } : {}),
      ...(followUp && next?.stage !== 'runoff' ? { revote: followUp } : {}),
      ...(followUp && next?.stage === 'runoff' ? { runoff: followUp } : {}),
      vacancies: complete ? decision.vacancies : contest.seats,
      threshold: thresholdOf(decision, ctx.profile),
      rules,
      violations: complete ? describeAll(decision.violations) : [],
    });
  }

  return {
    meetingId,
    communityId: ctx.community.id,
    kind: ctx.meeting.kind,
    date: ctx.meeting.date,
    base: ctx.meeting.base,
    expected: ctx.meeting.expected,
    present: ctx.meeting.present,
    quorate: ctx.meeting.present === null ? false : quorumOf(ctx).ok,
    contests: results,
  };
}

/** CNT-WRITEIN: the write-in names of the sheets that are registered voters of the community. */
async function eligibleWriteInsOf(db: DbOrTx, communityId: string, contest: ContestRow, sheets: readonly SheetRow[]): Promise<string[]> {
  const ids = new Set((contest.candidates as ContestCandidate[]).map((c) => c.id));
  const names = [...new Set(sheets.flatMap((s) => Object.keys(s.votes as Record<string, number>)).filter((k) => !ids.has(k)))];
  if (names.length === 0) return [];
  const rows = await db
    .selectDistinct({ name: voters.name })
    .from(voters)
    .where(and(eq(voters.communityId, communityId), inArray(voters.name, names)));
  return rows.map((r) => r.name);
}

/**
 * Called in the transaction that confirms a sheet: once every box of the contest is confirmed, opens the re-vote
 * among the tied (CNT-RANK), the vote held again (CNT-BALLOTS) or the run-off (CNT-RUNOFF) the decision asks for.
 */
export async function advanceContest(tx: Tx, input: { actor: Actor; meetingId: string; contestId: string }): Promise<void> {
  const ctx = await loadMeetingContext(tx, input.meetingId);
  const [contest] = await tx.select().from(meetingContests).where(eq(meetingContests.id, input.contestId));
  const sheets = (await loadSheets(tx, input.meetingId)).filter((s) => s.contestId === input.contestId);
  const boxes = await tx.select({ name: ballotBoxes.name }).from(ballotBoxes).where(eq(ballotBoxes.meetingId, input.meetingId));
  const eligibleWriteIns = await eligibleWriteInsOf(tx, ctx.community.id, contest!, sheets);
  const { candidates, decision, complete } = decide(ctx, contest!, sheets, boxes.map((b) => b.name), eligibleWriteIns);
  if (!complete) return;
  const next = followUpOf(contest!, candidates, decision);
  if (!next) return;
  const [created] = await tx
    .insert(meetingContests)
    .values({
      meetingId: input.meetingId,
      contest: contest!.contest,
      stage: next.stage,
      seats: next.seats,
      candidates: next.candidates.map((c) => ({ id: c.id, name: c.name })),
      parentId: contest!.id,
      voters: contest!.voters,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return;
  await appendAudit(tx, {
    actor: input.actor,
    action: decision.status === 'void' ? 'open-repeat' : `open-${next.stage}`,
    entity: 'meeting-contest',
    entityId: created.id,
    after: { meetingId: input.meetingId, contest: created.contest, stage: created.stage, seats: created.seats, candidates: created.candidates, parentId: contest!.id },
  });
}

/**
 * Who a contest finally elected, over its main vote, re-votes and run-offs; `complete` once every stage it needed is
 * counted. Notices, certificates and the filing read this.
 */
export function electedOf(result: MeetingResult, contest: string) {
  const stages = result.contests.filter((c) => c.contest === contest);
  const main = stages.find((c) => c.stage === 'main' || c.stage === 'officers');
  const byId = new Map(stages.filter((c) => c.contestId).map((c) => [c.contestId!, c]));
  const pending = stages.some((c) => {
    if (!c.complete || !c.valid) return !c.complete || !(c.revote?.contestId && byId.get(c.revote.contestId)?.complete);
    const next = c.revote ?? c.runoff;
    return next !== undefined && !(next.contestId && byId.get(next.contestId)?.complete);
  });
  const elected = stages.flatMap((c) => (c.complete && c.valid ? c.elected : []));
  const seats = main?.seats ?? 0;
  return {
    contest,
    seats,
    elected,
    complete: main !== undefined && !pending,
    vacancies: Math.max(0, seats - elected.length),
  };
}

/** Every meeting of a community with its result and the finally elected per contest. */
export async function getCommunityElectionSummary(db: DbOrTx, communityId: string) {
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    // The round's own meetings: a later by-election or recall is reported beside them (src/services/by-elections.ts).
    .where(and(eq(meetings.communityId, communityId), eq(meetings.purpose, 'election')))
    .orderBy(asc(meetings.date), asc(meetings.createdAt));
  const out = [];
  for (const row of rows) {
    const result = await getMeetingResult(db, row.id);
    const names = [...new Set(result.contests.map((c) => c.contest))];
    out.push({ ...result, final: names.map((name) => electedOf(result, name)) });
  }
  return { communityId, meetings: out };
}
