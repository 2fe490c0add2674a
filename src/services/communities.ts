/**
 * Communities of a round with their election configuration (method, election day, seats, party organisation),
 * residents' groups (居民小组) and large units (辖区大单位). Checked at creation: MTH-KIND, ORG-RC-SIZE,
 * ORG-RC-PUBLIC-DEPUTY (count), ORG-PARTY-TYPE, ORG-PARTY-REPS (when a congress is configured), TML-PHASE (the
 * election days lie in the round's election phase) and MTH-DIRECT-SHARE across the round's communities.
 */
import { and, asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { candidateLists, communities, residentGroups, units, notices, voterListPublications, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { checkDirectShare, checkMethod, checkPartyOrganisation, checkPartyReps, checkPublicDeputies, checkRcSeats } from '../domain/committee.js';
import { checkPhase, communityDeadlines, postponementOf, type Phase } from '../domain/timeline.js';
import type { RuleResult } from '../domain/violations.js';
import type { Outcome } from '../domain/rules/index.js';
import { combine, enforce, judge, loadCommunityContext, loadRound, resultOfOutcomes, type CommunityRow, type JustificationInput } from './rules.js';
import { assertNotFiled } from './freeze.js';
import { electionDayOf } from './election-context.js';
import { latestAdultBirthDate } from '../domain/eligibility.js';

/** How many of the voters a moved election day would leave under 18 the refusal names (the first is enough to act on). */
const YOUNG_VOTERS_NAMED = 20;

export interface RcSeatsInput {
  readonly director: number;
  readonly deputies: number;
  readonly members: number;
  /** Publicly-selected deputy directors among the deputies (ORG-RC-PUBLIC-DEPUTY). */
  readonly publicDeputies?: number | undefined;
}

export interface PartyInput {
  readonly type: 'branch' | 'general' | 'committee';
  readonly members: number;
  readonly seats: number;
  /** Probationary members among `members` (they neither vote nor count as expected attendees). */
  readonly probationary?: number | undefined;
  /** Party-member representatives when a congress replaces the general meeting (ORG-PARTY-REPS). */
  readonly representatives?: number | undefined;
  /** The district organisation department approved the congress. */
  readonly congressApproved?: boolean | undefined;
}

export interface CommunityDetails {
  readonly time?: string | undefined;
  readonly place?: string | undefined;
  readonly pollingStations?: string[] | undefined;
  readonly mobileBoxes?: number | undefined;
  readonly previousPublicDeputies?: number | undefined;
  readonly issuer?: string | undefined;
  /** Basis of REP-PER-GROUP: 2..3 per group (`group`, default) or one per 20..60 households (`households`). */
  readonly representativeBasis?: 'group' | 'households' | undefined;
  /** Which term the elected committee is (第N届), printed on the certificates. */
  readonly termNumber?: number | undefined;
  /** Postponements of an announced election day, approved by the street's steering group (oldest first). */
  readonly postponements?: Postponement[] | undefined;
}

export interface Postponement {
  readonly election: 'rc' | 'party';
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** The day the steering group approved it. */
  readonly approvedOn: string;
  readonly by: string;
  readonly at: string;
}

export interface CreateCommunityInput extends CommunityDetails {
  readonly actor: Actor;
  readonly roundId: string;
  readonly name: string;
  readonly code: string;
  readonly households: number;
  readonly method: 'congress' | 'direct' | 'household';
  readonly electionDay: string;
  readonly partyElectionDay?: string | undefined;
  readonly rcSeats: RcSeatsInput;
  readonly party: PartyInput;
  readonly justifications?: readonly JustificationInput[] | undefined;
}

export function communityView(row: CommunityRow) {
  return {
    id: row.id,
    roundId: row.roundId,
    districtId: row.districtId,
    streetId: row.streetId,
    name: row.name,
    code: row.code,
    households: row.households,
    method: row.method,
    electionDay: row.electionDay,
    partyElectionDay: row.partyElectionDay,
    rcSeats: row.rcSeats as RcSeatsInput,
    party: row.party as PartyInput,
    details: row.details as CommunityDetails,
  };
}

export async function createCommunity(db: Db, input: CreateCommunityInput) {
  return db.transaction(async (tx) => {
    const { round, profile } = await loadRound(tx, input.roundId);
    // One community at a time per round: MTH-DIRECT-SHARE counts the others.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`round-communities:${round.id}`}))`);
    const [taken] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.roundId, round.id), eq(communities.code, input.code)));
    if (taken) throw errors.conflict('COMMUNITY_CODE_TAKEN', 'Community code already exists in this round', '本轮换届中已有相同代码的社区');

    const others = await tx.select({ method: communities.method }).from(communities).where(eq(communities.roundId, round.id));
    const phases = round.phases as Phase[];
    const results: RuleResult<unknown>[] = [
      checkMethod(input.method, profile),
      checkRcSeats(input.rcSeats, profile),
      checkPartyOrganisation({ type: input.party.type, members: input.party.members, seats: input.party.seats }, profile),
      checkPhase({ action: 'meeting', on: input.electionDay, phases }),
      checkDirectShare([...others, { method: input.method }], profile),
    ];
    if (input.partyElectionDay) results.push(checkPhase({ action: 'meeting', on: input.partyElectionDay, phases }));
    if (input.previousPublicDeputies !== undefined && input.rcSeats.publicDeputies !== undefined) {
      results.push(checkPublicDeputies({ count: input.rcSeats.publicDeputies, previousCount: input.previousPublicDeputies }, profile));
    }
    if (input.party.representatives !== undefined) {
      const probationary = input.party.probationary ?? 0;
      results.push(
        checkPartyReps(
          {
            fullMembers: input.party.members - probationary,
            probationary,
            representatives: input.party.representatives,
            approved: input.party.congressApproved === true,
          },
          profile,
        ),
      );
    }
    await enforce(tx, {
      result: combine(results),
      justifications: input.justifications,
      actor: input.actor,
      roundId: round.id,
      action: 'create-community',
    });

    const details: CommunityDetails = {
      ...(input.time !== undefined ? { time: input.time } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.pollingStations !== undefined ? { pollingStations: input.pollingStations } : {}),
      ...(input.mobileBoxes !== undefined ? { mobileBoxes: input.mobileBoxes } : {}),
      ...(input.previousPublicDeputies !== undefined ? { previousPublicDeputies: input.previousPublicDeputies } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
      ...(input.representativeBasis !== undefined ? { representativeBasis: input.representativeBasis } : {}),
      ...(input.termNumber !== undefined ? { termNumber: input.termNumber } : {}),
    };
    const [row] = await tx
      .insert(communities)
      .values({
        roundId: round.id,
        districtId: round.districtId,
        streetId: round.streetId,
        name: input.name,
        code: input.code,
        households: input.households,
        method: input.method,
        electionDay: input.electionDay,
        partyElectionDay: input.partyElectionDay ?? null,
        rcSeats: input.rcSeats,
        party: input.party,
        details,
      })
      .returning();
    const view = communityView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'community', entityId: row!.id, after: view });
    return view;
  });
}

/** The round's communities, each with the last days its dates set (the street's list; communityDeadlines). */
export async function listCommunities(db: DbOrTx, roundId: string) {
  const { profile } = await loadRound(db, roundId);
  const rows = await db.select().from(communities).where(eq(communities.roundId, roundId)).orderBy(asc(communities.code));
  return { communities: rows.map((row) => ({ ...communityView(row), deadlines: communityDeadlines(row.electionDay, profile) })) };
}

export async function getCommunity(db: DbOrTx, communityId: string) {
  const { community } = await loadCommunityContext(db, communityId);
  const [groups, unitRows, [voterCount]] = await Promise.all([
    db.select().from(residentGroups).where(eq(residentGroups.communityId, communityId)).orderBy(asc(residentGroups.createdAt)),
    db.select().from(units).where(eq(units.communityId, communityId)).orderBy(asc(units.createdAt)),
    db.select({ n: count() }).from(voters).where(eq(voters.communityId, communityId)),
  ]);
  return {
    ...communityView(community),
    groups: groups.map(groupView),
    units: unitRows.map(unitView),
    voters: Number(voterCount?.n ?? 0),
  };
}

export function groupView(row: typeof residentGroups.$inferSelect) {
  return { id: row.id, communityId: row.communityId, name: row.name, households: row.households };
}

export function unitView(row: typeof units.$inferSelect) {
  return { id: row.id, communityId: row.communityId, name: row.name };
}

export async function createGroup(db: Db, input: { actor: Actor; communityId: string; name: string; households: number }) {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    const [taken] = await tx
      .select({ id: residentGroups.id })
      .from(residentGroups)
      .where(and(eq(residentGroups.communityId, community.id), eq(residentGroups.name, input.name)));
    if (taken) throw errors.conflict('GROUP_NAME_TAKEN', 'A residents group with this name exists', '已有同名的居民小组');
    const [row] = await tx
      .insert(residentGroups)
      .values({ communityId: community.id, roundId: community.roundId, name: input.name, households: input.households })
      .returning();
    const view = groupView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'resident-group', entityId: row!.id, after: view });
    return view;
  });
}

export async function createUnit(db: Db, input: { actor: Actor; communityId: string; name: string }) {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    const [taken] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.communityId, community.id), eq(units.name, input.name)));
    if (taken) throw errors.conflict('UNIT_NAME_TAKEN', 'A unit with this name exists', '已有同名的驻区单位');
    const [row] = await tx.insert(units).values({ communityId: community.id, roundId: community.roundId, name: input.name }).returning();
    const view = unitView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'unit', entityId: row!.id, after: view });
    return view;
  });
}

// ------------------------------------------------------------------------------------------------ edits

export interface UpdateCommunityInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly electionDay?: string | undefined;
  readonly partyElectionDay?: string | undefined;
  readonly time?: string | undefined;
  readonly place?: string | undefined;
  readonly pollingStations?: string[] | undefined;
  readonly mobileBoxes?: number | undefined;
  readonly issuer?: string | undefined;
  readonly justifications?: readonly JustificationInput[] | undefined;
  /** A later day once the election notice is out: the steering group's approval (推迟选举). */
  readonly postponement?: { readonly reason: string; readonly approvedOn: string } | undefined;
  readonly now?: Date | undefined;
}

/** The roles that speak for the street's steering group. */
const STEERING_ROLES: readonly string[] = ['street', 'admin'];

/**
 * Corrects a community's election day, time and place (and the polling details). The rules the dates bear on are
 * asked again of the registry with the new dates: TML-PHASE (the meetings inside the election phase),
 * VOT-LIST-PUBLISH (a published voter list still at least 20 days before election day), CAN-LIST-NOTICE (every
 * current published candidate list still 5 days before its election day), VOT-AGE (every registered voter still 18
 * on the new day). A filed election is frozen. Audited.
 */
export async function updateCommunity(db: Db, input: UpdateCommunityInput) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunityContext(tx, input.communityId);
    await tx.execute(sql`select 1 from communities where id = ${community.id} for update`);
    const rcChanged = input.electionDay !== undefined || input.time !== undefined || input.place !== undefined || input.pollingStations !== undefined || input.mobileBoxes !== undefined || input.issuer !== undefined;
    if (rcChanged) await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'attendance' });
    if (input.partyElectionDay !== undefined) await assertNotFiled(tx, { communityId: community.id, kind: 'party', area: 'attendance' });

    const next: CommunityRow = {
      ...community,
      electionDay: input.electionDay ?? community.electionDay,
      partyElectionDay: input.partyElectionDay ?? community.partyElectionDay,
    };
    // A later day once the election notice is out is a postponement: the steering group's, with its approval recorded.
    const [announcement] = await tx
      .select({ id: notices.id })
      .from(notices)
      .where(and(eq(notices.communityId, community.id), eq(notices.kind, 'election-notice')))
      .limit(1);
    const moves = [
      { election: 'rc' as const, from: community.electionDay, to: input.electionDay },
      { election: 'party' as const, from: community.partyElectionDay ?? community.electionDay, to: input.partyElectionDay },
    ].filter((m): m is { election: 'rc' | 'party'; from: string; to: string } => m.to !== undefined && m.to > m.from);
    const needsApproval = moves.some((m) => postponementOf({ from: m.from, to: m.to, announced: Boolean(announcement) }) === 'postponement');
    if (needsApproval && !STEERING_ROLES.includes(input.actor.role)) throw errors.postponementBySteeringGroup();
    if (needsApproval && !input.postponement) throw errors.postponementApproval();
    // A postponement stated with its approval is recorded (also one decided before the notice went out).
    const postponed: Postponement[] = (input.postponement ? moves : []).map((m) => ({
      ...m,
      reason: input.postponement!.reason,
      approvedOn: input.postponement!.approvedOn,
      by: input.actor.username,
      at: (input.now ?? new Date()).toISOString(),
    }));

    const phases = round.phases as Phase[];
    const outcomes: Outcome[] = [];
    if (input.electionDay !== undefined) outcomes.push(judge('TML-PHASE', { action: 'meeting', on: next.electionDay, phases }, profile));
    if (input.partyElectionDay !== undefined) outcomes.push(judge('TML-PHASE', { action: 'meeting', on: next.partyElectionDay, phases }, profile));
    if (input.electionDay !== undefined) {
      const [published] = await tx
        .select({ publishedOn: voterListPublications.publishedOn })
        .from(voterListPublications)
        // The committee's own publication: a republication after an objection keeps its notice days.
        .where(and(eq(voterListPublications.communityId, community.id), isNull(voterListPublications.objectionId)))
        .orderBy(desc(voterListPublications.publishedOn))
        .limit(1);
      if (published) outcomes.push(judge('VOT-LIST-PUBLISH', { publishedOn: published.publishedOn, electionDay: next.electionDay }, profile));
      // An earlier day can leave registered voters short of 18: the registry judges each one the new day would catch.
      const young = await tx
        .select({ birthDate: voters.birthDate })
        .from(voters)
        .where(and(eq(voters.communityId, community.id), sql`${voters.birthDate} > ${latestAdultBirthDate(next.electionDay)}`))
        .orderBy(desc(voters.birthDate))
        .limit(YOUNG_VOTERS_NAMED);
      for (const voter of young) outcomes.push(judge('VOT-AGE', { birthDate: voter.birthDate, electionDay: next.electionDay }, profile));
    }
    if (input.electionDay !== undefined || input.partyElectionDay !== undefined) {
      const lists = await tx
        .select({ contest: candidateLists.contest, publishedOn: candidateLists.publishedOn })
        .from(candidateLists)
        .where(and(eq(candidateLists.communityId, community.id), eq(candidateLists.current, true)));
      for (const list of lists) {
        if (electionDayOf(next, list.contest) === electionDayOf(community, list.contest)) continue;
        outcomes.push(judge('CAN-LIST-NOTICE', { publishedOn: list.publishedOn, electionDay: electionDayOf(next, list.contest) }, profile));
      }
    }
    await enforce(tx, {
      result: resultOfOutcomes(outcomes),
      justifications: input.justifications,
      actor: input.actor,
      roundId: round.id,
      communityId: community.id,
      action: 'update-community',
    });

    const before = communityView(community);
    const details: CommunityDetails = {
      ...(community.details as CommunityDetails),
      ...(input.time !== undefined ? { time: input.time } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.pollingStations !== undefined ? { pollingStations: input.pollingStations } : {}),
      ...(input.mobileBoxes !== undefined ? { mobileBoxes: input.mobileBoxes } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
      ...(postponed.length > 0 ? { postponements: [...((community.details as CommunityDetails).postponements ?? []), ...postponed] } : {}),
    };
    const [row] = await tx
      .update(communities)
      .set({ electionDay: next.electionDay, partyElectionDay: next.partyElectionDay, details })
      .where(eq(communities.id, community.id))
      .returning();
    const view = communityView(row!);
    await appendAudit(tx, {
      actor: input.actor,
      action: postponed.length > 0 ? 'postpone' : 'update',
      entity: 'community',
      entityId: community.id,
      before,
      after: postponed.length > 0 ? { ...view, postponed } : view,
    });
    return view;
  });
}

/** Renames a residents' group or changes its households; voters keep the group (their group name follows). Audited. */
export async function updateGroup(db: Db, input: { actor: Actor; communityId: string; groupId: string; name?: string | undefined; households?: number | undefined }) {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'voters' });
    const [before] = await tx
      .select()
      .from(residentGroups)
      .where(and(eq(residentGroups.id, input.groupId), eq(residentGroups.communityId, community.id)))
      .for('update');
    if (!before) throw errors.notFound('Residents group', '居民小组');
    if (input.name !== undefined && input.name !== before.name) {
      const [taken] = await tx
        .select({ id: residentGroups.id })
        .from(residentGroups)
        .where(and(eq(residentGroups.communityId, community.id), eq(residentGroups.name, input.name), ne(residentGroups.id, before.id)));
      if (taken) throw errors.conflict('GROUP_NAME_TAKEN', 'A residents group with this name exists', '已有同名的居民小组');
    }
    const [row] = await tx
      .update(residentGroups)
      .set({ name: input.name ?? before.name, households: input.households ?? before.households })
      .where(eq(residentGroups.id, before.id))
      .returning();
    if (row!.name !== before.name) await tx.update(voters).set({ groupName: row!.name }).where(and(eq(voters.communityId, community.id), eq(voters.groupId, before.id)));
    const view = groupView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'update', entity: 'resident-group', entityId: before.id, before: groupView(before), after: view });
    return view;
  });
}

/** Renames a large unit (驻区单位). Audited. */
export async function updateUnit(db: Db, input: { actor: Actor; communityId: string; unitId: string; name: string }) {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'candidates' });
    const [before] = await tx
      .select()
      .from(units)
      .where(and(eq(units.id, input.unitId), eq(units.communityId, community.id)))
      .for('update');
    if (!before) throw errors.notFound('Unit', '驻区单位');
    const [taken] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.communityId, community.id), eq(units.name, input.name), ne(units.id, before.id)));
    if (taken) throw errors.conflict('UNIT_NAME_TAKEN', 'A unit with this name exists', '已有同名的驻区单位');
    const [row] = await tx.update(units).set({ name: input.name }).where(eq(units.id, before.id)).returning();
    const view = unitView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'update', entity: 'unit', entityId: before.id, before: unitView(before), after: view });
    return view;
  });
}
