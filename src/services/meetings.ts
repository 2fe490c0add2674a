/**
 * Election meetings (选举大会 / 党员大会): expected and present numbers and the quorum (MTG-QUORUM-*), ballot boxes
 * (MTG-BOXES), proxies (MTG-PROXY), staff and their recusal (MTG-RECUSAL), secret ballot or show of hands
 * (MTG-SECRET), and the contests voted on at the meeting.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import {
  ballotBoxes,
  candidateLists,
  checkIns,
  communities,
  meetingContests,
  meetingStaff,
  meetings,
  meetingExcused,
  partyMembers,
  proxies,
  representatives,
  rounds,
  voters,
} from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkSecretBallot } from '../domain/candidates.js';
import { quorumBaseOf } from '../domain/committee.js';
import type { Profile } from '../domain/profile.js';
import { checkBoxes, checkQuorum, checkRecusal, partyExpected, type ExcuseReason } from '../domain/tally.js';
import { hard } from '../domain/violations.js';
import { RULE_ENTRIES } from '../domain/rules/index.js';
import { assertInPhase, assertNoHard, judge, profileOfRound, resultOfOutcomes, throwViolations, type RoundRow } from './rules.js';
import { surplusFacts } from './candidates.js';
import { contestsOfKind, loadCommunity, seatsOf, type CommunityRow } from './election-context.js';
import { assertNotFiled } from './freeze.js';
import { relativesOf } from './relatives.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type ContestRow = typeof meetingContests.$inferSelect;

export interface MeetingContext {
  readonly meeting: MeetingRow;
  readonly community: CommunityRow;
  readonly round: Pick<RoundRow, 'id' | 'phases'>;
  /** The round's rule profile snapshot. */
  readonly profile: Profile;
}

export async function loadMeetingContext(db: DbOrTx, meetingId: string): Promise<MeetingContext> {
  const [row] = await db
    .select({
      meeting: meetings,
      community: communities,
      round: { id: rounds.id, phases: rounds.phases, profile: rounds.profile, profileName: rounds.profileName },
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(meetings.id, meetingId));
  if (!row) throw errors.notFound('Meeting', '选举会议');
  return { meeting: row.meeting, community: row.community, round: { id: row.round.id, phases: row.round.phases }, profile: profileOfRound(row.round) };
}

/** MTG-QUORUM-RC / MTG-QUORUM-PARTY of the meeting; attendance not yet recorded counts as nobody present. */
export function quorumOf(ctx: Pick<MeetingContext, 'meeting' | 'profile'>) {
  const { meeting } = ctx;
  return checkQuorum({ kind: meeting.kind, base: meeting.base, expected: meeting.expected, present: meeting.present ?? 0 }, ctx.profile);
}

/** Tally sheets on a meeting that is not quorate (or whose attendance is not recorded) are refused (422, MTG-QUORUM-*). */
export function assertQuorate(ctx: MeetingContext): void {
  const quorum = quorumOf(ctx);
  if (!quorum.ok) throwViolations(quorum.violations);
}

/** Locks one contest of a meeting for the rest of the transaction: tally entries of a contest are serialised. */
export async function lockContest(tx: Tx, input: { meetingId: string; contestId: string }): Promise<ContestRow> {
  const [row] = await tx
    .select()
    .from(meetingContests)
    .where(and(eq(meetingContests.id, input.contestId), eq(meetingContests.meetingId, input.meetingId)))
    .for('update');
  if (!row) throw errors.notFound('Contest of this meeting', '本次会议的选举项目');
  return row;
}

/**
 * The main contest of a meeting, created from the current official candidate list at its first tally entry
 * (the list may be republished until then), and locked.
 */
export async function ensureMainContest(tx: Tx, ctx: MeetingContext, contest: string, actor: Actor, today: string): Promise<ContestRow> {
  if (ctx.meeting.purpose !== 'election') {
    throw errors.badRequest('A by-election or recall meeting votes only on its own contest (give its contestId)', '补选、罢免会议只表决本次的选举项目，请指定该项目');
  }
  if (!contestsOfKind(ctx.meeting.kind).includes(contest)) {
    throw errors.badRequest(
      `Contest ${contest} is not voted on at a ${ctx.meeting.kind} meeting`,
      `${ctx.meeting.kind === 'rc' ? '居委会' : '党组织'}选举会议不选举该项目（${contest}）`,
    );
  }
  const existing = await findMainContest(tx, ctx.meeting.id, contest);
  if (existing) return lockContest(tx, { meetingId: ctx.meeting.id, contestId: existing.id });

  const [list] = await tx
    .select()
    .from(candidateLists)
    .where(
      and(
        eq(candidateLists.communityId, ctx.community.id),
        eq(candidateLists.contest, contest),
        eq(candidateLists.current, true),
      ),
    );
  if (!list) {
    throw new AppError({
      status: 422,
      code: 'RULE_VIOLATION',
      rule: 'CAN-LIST-NOTICE',
      message: `No official candidate list has been published for contest ${contest}`,
      messageZh: '该选举项目尚未公布正式候选人名单，不能计票',
      details: { contest },
    });
  }
  const candidates = (list.candidates as { nominationId: string; name: string; order: number }[]).map((c) => ({
    id: c.nominationId,
    name: c.name,
    order: c.order,
  }));
  const secret = checkSecretBallot({ ballot: ctx.meeting.ballot, seats: seatsOf(ctx.community, contest), candidates: candidates.length }, ctx.profile);
  if (!secret.ok) throwViolations(secret.violations);
  // CAN-SURPLUS before the first ballot is counted: a list a withdrawal left short is stopped here, with the lawful
  // path that remains, rather than counted and refused at filing.
  assertNoHard(resultOfOutcomes([judge('CAN-SURPLUS', await surplusFacts(tx, { community: ctx.community, list, today }), ctx.profile)]));
  const [inserted] = await tx
    .insert(meetingContests)
    .values({ meetingId: ctx.meeting.id, contest, stage: 'main', seats: seatsOf(ctx.community, contest), candidates })
    .onConflictDoNothing()
    .returning();
  const row = inserted ?? (await findMainContest(tx, ctx.meeting.id, contest))!;
  // The contest row is locked before the audit lock, in the same order as every later entry (no deadlock), and only
  // the transaction that created the contest records it.
  const locked = await lockContest(tx, { meetingId: ctx.meeting.id, contestId: row.id });
  if (inserted) {
    await appendAudit(tx, {
      actor,
      action: 'open-contest',
      entity: 'meeting-contest',
      entityId: inserted.id,
      after: { meetingId: ctx.meeting.id, contest, stage: 'main', seats: inserted.seats, candidates, listVersion: list.version },
    });
  }
  return locked;
}

async function findMainContest(db: DbOrTx, meetingId: string, contest: string) {
  const [row] = await db
    .select()
    .from(meetingContests)
    .where(
      and(
        eq(meetingContests.meetingId, meetingId),
        eq(meetingContests.contest, contest),
        eq(meetingContests.stage, 'main'),
        isNull(meetingContests.parentId),
      ),
    );
  return row;
}

/** How many are expected at the meeting when the committee does not say: the base of its quorum. */
async function countBase(db: DbOrTx, community: CommunityRow, base: MeetingRow['base']): Promise<number> {
  const count = sql<number>`count(*)::int`;
  switch (base) {
    case 'representatives':
      return (await db.select({ n: count }).from(representatives).where(eq(representatives.communityId, community.id)))[0]!.n;
    case 'voters':
      return (await db.select({ n: count }).from(voters).where(eq(voters.communityId, community.id)))[0]!.n;
    case 'households':
      return community.households;
    case 'party-members':
      return (
        await db
          .select({ n: count })
          .from(partyMembers)
          .where(and(eq(partyMembers.communityId, community.id), eq(partyMembers.status, 'full')))
      )[0]!.n;
    default: {
      const never: never = base;
      return never;
    }
  }
}

/** The base of the quorum and the majority: full party members, or the method's base (MTG-QUORUM-RC). */
export function baseOf(kind: 'rc' | 'party', method: CommunityRow['method']): MeetingRow['base'] {
  return kind === 'party' ? 'party-members' : quorumBaseOf(method);
}

export interface BoxInput {
  readonly name: string;
  readonly kind: 'main' | 'station' | 'mobile';
  readonly monitors?: readonly string[] | undefined;
}

export interface CreateMeetingInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly kind: 'rc' | 'party';
  readonly date: string;
  readonly expected?: number | undefined;
  readonly ballot?: 'secret' | 'show-of-hands' | undefined;
  readonly boxes?: readonly BoxInput[] | undefined;
  /** Party meeting: members excused with the higher organisation's approval, not counted among those expected. */
  readonly excused?: readonly { readonly partyMemberId: string; readonly reason: ExcuseReason; readonly approvedBy: string }[] | undefined;
}

export async function createMeeting(db: Db, input: CreateMeetingInput) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunity(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: input.kind, area: 'attendance' });
    assertInPhase({ round, action: 'meeting', on: input.date });
    const base = baseOf(input.kind, community.method);
    const excusedInput = input.excused ?? [];
    if (excusedInput.length > 0 && input.kind !== 'party') {
      throw errors.badRequest('Excused members are recorded for party meetings only', '请假不计入应到人数仅适用于党员大会');
    }
    let expected = input.expected ?? (await countBase(tx, community, base));
    let excusedRows: (typeof meetingExcused.$inferInsert)[] = [];
    if (excusedInput.length > 0) {
      // MTG-QUORUM-PARTY: 应到 = full members less those excused with the higher organisation's approval.
      const full = await tx
        .select({ id: partyMembers.id, name: partyMembers.name })
        .from(partyMembers)
        .where(and(eq(partyMembers.communityId, community.id), eq(partyMembers.status, 'full')));
      const outcome = partyExpected({
        fullMemberIds: full.map((m) => m.id),
        excused: excusedInput.map((e) => ({ memberId: e.partyMemberId, reason: e.reason, approvedBy: e.approvedBy })),
      });
      if (!outcome.ok) throwViolations(outcome.violations);
      const computed = outcome.value.expected;
      if (input.expected !== undefined && input.expected !== computed) {
        throwViolations([hard('MTG-QUORUM-PARTY', { reason: 'expected-mismatch', given: input.expected, members: full.length, excused: outcome.value.excused })]);
      }
      expected = computed;
      const nameOf = new Map(full.map((m) => [m.id, m.name]));
      excusedRows = excusedInput.map((e) => ({ meetingId: '', partyMemberId: e.partyMemberId, name: nameOf.get(e.partyMemberId)!, reason: e.reason, approvedBy: e.approvedBy.trim() }));
    }
    const boxes: readonly BoxInput[] = input.boxes?.length ? input.boxes : [{ name: 'main', kind: 'main', monitors: [] }];
    const boxCheck = checkBoxes(
      boxes.map((b) => ({ name: b.name, kind: b.kind, monitors: b.monitors?.length ?? 0 })),
      profile,
    );
    if (!boxCheck.ok) throwViolations(boxCheck.violations);
    const names = new Set(boxes.map((b) => b.name));
    if (names.size !== boxes.length) throw errors.badRequest('Ballot box names must be unique', '票箱名称不得重复');

    const [meeting] = await tx
      .insert(meetings)
      .values({
        communityId: community.id,
        roundId: community.roundId,
        kind: input.kind,
        date: input.date,
        base,
        expected,
        ballot: input.ballot ?? 'secret',
      })
      .returning();
    await tx.insert(ballotBoxes).values(
      boxes.map((b) => ({ meetingId: meeting!.id, name: b.name, kind: b.kind, monitors: [...(b.monitors ?? [])] })),
    );
    if (excusedRows.length > 0) await tx.insert(meetingExcused).values(excusedRows.map((r) => ({ ...r, meetingId: meeting!.id })));
    const view = meetingView(meeting!, boxes);
    const excused = excusedRows.map((r) => ({ partyMemberId: r.partyMemberId, name: r.name, reason: r.reason, approvedBy: r.approvedBy }));
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'meeting', entityId: meeting!.id, after: { ...view, ...(excused.length ? { excused } : {}) } });
    return view;
  });
}

export function meetingView(meeting: MeetingRow, boxes: readonly BoxInput[]) {
  return {
    id: meeting.id,
    communityId: meeting.communityId,
    kind: meeting.kind,
    /** The round's election, or a by-election or recall vote held after it. */
    purpose: meeting.purpose,
    date: meeting.date,
    base: meeting.base,
    expected: meeting.expected,
    present: meeting.present,
    ballot: meeting.ballot,
    boxes: boxes.map((b) => ({ name: b.name, kind: b.kind, monitors: [...(b.monitors ?? [])] })),
  };
}

/** The meeting, its round's rule profile, and its boxes and excused members as JSON beside them, in one query. */
function meetingWithListsQuery(db: DbOrTx) {
  return db
    .select({
      meeting: meetings,
      round: { profile: rounds.profile, profileName: rounds.profileName },
      boxes: sql<BoxInput[]>`coalesce((select json_agg(json_build_object('name', b.name, 'kind', b.kind, 'monitors', b.monitors) order by b.created_at) from ballot_boxes b where b.meeting_id = ${meetings.id}), '[]'::json)`.as('boxes'),
      excused: sql<{ partyMemberId: string; name: string; reason: ExcuseReason; approvedBy: string }[]>`coalesce((select json_agg(json_build_object('partyMemberId', e.party_member_id, 'name', e.name, 'reason', e.reason, 'approvedBy', e.approved_by) order by e.name) from meeting_excused e where e.meeting_id = ${meetings.id}), '[]'::json)`.as('excused'),
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(meetings.id, sql.placeholder('id')))
    .prepare('get_meeting');
}

/** Built once per database handle: building a select of some 60 columns was a fifth of a meeting read's CPU. */
const meetingWithLists = new WeakMap<DbOrTx, ReturnType<typeof meetingWithListsQuery>>();

export async function getMeeting(db: DbOrTx, meetingId: string) {
  // One query: a scrutineer's tablet asks every few seconds, and each extra query is one more wait for the pool under
  // load (the soak's tail, BENCHMARKS.md).
  let query = meetingWithLists.get(db);
  if (!query) meetingWithLists.set(db, (query = meetingWithListsQuery(db)));
  const [row] = await query.execute({ id: meetingId });
  if (!row) throw errors.notFound('Meeting', '选举会议');
  const view = meetingView(row.meeting, row.boxes);
  return { ...view, excused: row.excused, quorate: row.meeting.present === null ? false : quorumOf({ meeting: row.meeting, profile: profileOfRound(row.round) }).ok };
}

/** Records how many attended (or voted) and answers whether the meeting is quorate. */
export async function recordAttendance(db: Db, input: { actor: Actor; meetingId: string; present: number }) {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'attendance' });
    await tx.execute(sql`select id from meetings where id = ${ctx.meeting.id} for update`);
    if (input.present > ctx.meeting.expected) {
      throw errors.badRequest(
        `present (${input.present}) exceeds expected (${ctx.meeting.expected})`,
        `实到人数（${input.present}）不能超过应到人数（${ctx.meeting.expected}）`,
      );
    }
    // Those checked in by voter card are present: the one attendance figure cannot fall below them.
    const [{ scanned }] = (await tx.select({ scanned: sql<number>`count(*)::int` }).from(checkIns).where(eq(checkIns.meetingId, ctx.meeting.id))) as [{ scanned: number }];
    if (input.present < scanned) {
      throw errors.badRequest(
        `present (${input.present}) is below the ${scanned} voters checked in`,
        `实到人数（${input.present}）不能少于已扫码签到的${scanned}人`,
      );
    }
    await tx.update(meetings).set({ present: input.present }).where(eq(meetings.id, ctx.meeting.id));
    const meeting = { ...ctx.meeting, present: input.present };
    const quorum = quorumOf({ meeting, profile: ctx.profile });
    const view = { present: input.present, expected: meeting.expected, quorate: quorum.ok };
    await appendAudit(tx, {
      actor: input.actor,
      action: 'attendance',
      entity: 'meeting',
      entityId: meeting.id,
      before: { present: ctx.meeting.present },
      after: view,
    });
    return { ...view, ...(quorum.ok ? {} : { rule: quorum.violations[0]?.rule }) };
  });
}

export async function addBox(db: Db, input: { actor: Actor; meetingId: string; box: BoxInput }) {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'tally' });
    const existingBoxes = await tx.select().from(ballotBoxes).where(eq(ballotBoxes.meetingId, ctx.meeting.id));
    // MTG-BOXES over the meeting's boxes with the new one (the main box is among the existing ones).
    const check = checkBoxes(
      [
        ...existingBoxes.map((b) => ({ name: b.name, kind: b.kind, monitors: (b.monitors as unknown[]).length })),
        { name: input.box.name, kind: input.box.kind, monitors: input.box.monitors?.length ?? 0 },
      ],
      ctx.profile,
    );
    if (!check.ok) throwViolations(check.violations);
    const [existing] = await tx
      .select({ id: ballotBoxes.id })
      .from(ballotBoxes)
      .where(and(eq(ballotBoxes.meetingId, ctx.meeting.id), eq(ballotBoxes.name, input.box.name)));
    if (existing) throw errors.conflict('BOX_EXISTS', 'A ballot box with this name exists', '已有同名票箱');
    const [row] = await tx
      .insert(ballotBoxes)
      .values({ meetingId: ctx.meeting.id, name: input.box.name, kind: input.box.kind, monitors: [...(input.box.monitors ?? [])] })
      .returning();
    const view = { id: row!.id, name: row!.name, kind: row!.kind, monitors: row!.monitors as string[] };
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'ballot-box', entityId: row!.id, after: { meetingId: ctx.meeting.id, ...view } });
    return view;
  });
}

/** The people (voter id and name) on the meeting's current candidate lists. */
async function candidatePeople(db: DbOrTx, ctx: MeetingContext): Promise<{ id: string; name: string }[]> {
  const lists = await db
    .select({ candidates: candidateLists.candidates, contest: candidateLists.contest })
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, ctx.community.id), eq(candidateLists.current, true)));
  const kinds = contestsOfKind(ctx.meeting.kind);
  return lists
    .filter((l) => kinds.includes(l.contest))
    .flatMap((l) => (l.candidates as { voterId: string; name: string }[]).map((c) => ({ id: c.voterId, name: c.name })));
}

export interface StaffInput {
  readonly name: string;
  readonly voterId?: string | undefined;
  readonly duty: 'monitor' | 'caller' | 'counter';
  /** Voter ids of close relatives (近亲属) the committee declares for the recusal check. */
  readonly relativeVoterIds?: readonly string[] | undefined;
}

export async function addStaff(db: Db, input: { actor: Actor; meetingId: string; staff: StaffInput }) {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'attendance' });
    const check = checkRecusal({
      staff: [
        {
          // Staff who are not registered voters cannot be candidates; their own row id never matches a voter id.
          person: input.staff.voterId ?? `staff:${input.staff.name}`,
          name: input.staff.name,
          duty: input.staff.duty,
          // The relatives stated with the staff member, and those the committee declared (近亲属申报).
          relativeOf: [...(input.staff.relativeVoterIds ?? []), ...(input.staff.voterId ? await relativesOf(tx, { communityId: ctx.community.id, voterId: input.staff.voterId }) : [])],
        },
      ],
      candidates: await candidatePeople(tx, ctx),
    });
    if (!check.ok) throwViolations(check.violations);
    const [row] = await tx
      .insert(meetingStaff)
      .values({ meetingId: ctx.meeting.id, name: input.staff.name, voterId: input.staff.voterId ?? null, duty: input.staff.duty })
      .returning();
    const view = { id: row!.id, name: row!.name, voterId: row!.voterId, duty: row!.duty };
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'meeting-staff', entityId: row!.id, after: { meetingId: ctx.meeting.id, ...view } });
    return view;
  });
}

export async function addProxy(db: Db, input: { actor: Actor; meetingId: string; giverVoterId: string; holderVoterId: string }) {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'attendance' });
    await tx.execute(sql`select id from meetings where id = ${ctx.meeting.id} for update`);
    const people = await tx
      .select({ id: voters.id, name: voters.name })
      .from(voters)
      .where(and(eq(voters.communityId, ctx.community.id), sql`${voters.id} in (${input.giverVoterId}, ${input.holderVoterId})`));
    const giver = people.find((p) => p.id === input.giverVoterId);
    const holder = people.find((p) => p.id === input.holderVoterId);
    if (!giver || !holder) throw errors.notFound('Voter of this community', '本社区选民');
    const existing = await tx
      .select({ giverVoterId: proxies.giverVoterId, holderVoterId: proxies.holderVoterId })
      .from(proxies)
      .where(eq(proxies.meetingId, ctx.meeting.id));
    // MTG-PROXY over the meeting's proxies with the new one (every stored proxy is approved by the committee), decided by
    // the registry: no proxies at a party election nor at a representatives' congress (representatives vote in person).
    const outcome = RULE_ENTRIES.MTG_PROXY.evaluate(
      {
        proxies: [
          ...existing.map((p) => ({ giver: p.giverVoterId, holder: p.holderVoterId, approved: true })),
          { giver: giver.id, holder: holder.id, approved: true },
        ],
        candidates: (await candidatePeople(tx, ctx)).map((c) => c.id),
        kind: ctx.meeting.kind,
        method: ctx.community.method as 'congress' | 'direct' | 'household',
      },
      ctx.profile,
    );
    const breaches = outcome.status === 'breach' ? outcome.violations.filter((v) => v.severity === 'hard') : [];
    // Only what the new proxy breaks refuses it (a stored proxy whose holder became a candidate later is a check).
    const mine = breaches
      .filter((v) => v.details.reason === 'party' || v.details.reason === 'congress' || v.details.giver === giver.id || v.details.holder === holder.id)
      .map((v) => ({ rule: v.rule, severity: v.severity, params: v.details }));
    if (mine.length > 0) throwViolations(mine);
    const [row] = await tx
      .insert(proxies)
      .values({ meetingId: ctx.meeting.id, giverVoterId: giver.id, holderVoterId: holder.id, approved: true })
      .returning();
    const view = { id: row!.id, giver: { voterId: giver.id, name: giver.name }, holder: { voterId: holder.id, name: holder.name } };
    await appendAudit(tx, { actor: input.actor, action: 'approve', entity: 'proxy', entityId: row!.id, after: { meetingId: ctx.meeting.id, ...view } });
    return view;
  });
}

/** The published list of proxies: names of givers and holders (MTG-PROXY). */
export async function listProxies(db: DbOrTx, meetingId: string) {
  const rows = await db.execute(sql`
    select p.id, g.id as giver_id, g.name as giver_name, h.id as holder_id, h.name as holder_name
    from proxies p join voters g on g.id = p.giver_voter_id join voters h on h.id = p.holder_voter_id
    where p.meeting_id = ${meetingId} order by p.created_at`);
  return {
    proxies: (rows as unknown as { rows: Record<string, string>[] }).rows.map((r) => ({
      id: r.id!,
      giver: { voterId: r.giver_id!, name: r.giver_name! },
      holder: { voterId: r.holder_id!, name: r.holder_name! },
    })),
  };
}
