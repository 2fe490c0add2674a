/**
 * Nominations (提名) per contest with their basis and nominators (CAN-NOMINATION), the candidate's eligibility
 * (CAN-ELIGIBLE, CAN-AGE-EDU, ORG-RC-PUBLIC-DEPUTY), the report of the preliminary list (CAN-PRELIM-REPORT), and
 * withdrawals with backfill from the preliminary list (CAN-WITHDRAW).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { nominations, partyMembers, preliminaryReports, residentGroups, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { checkCandidateEligibility, checkNomination, checkPrelimReport, checkSurplus, checkWithdrawal, type Ballot, type NominationBasis } from '../domain/candidates.js';
import type { DeputyRole } from '../domain/committee.js';
import { EDUCATION_LEVELS, type Education } from '../domain/profile.js';
import { electionDayOf, loadCommunity, seatsOf, type Contest } from './election-context.js';
import { republishAfterWithdrawal, surplusFacts } from './candidates.js';
import { assertInPhase, combine, enforce, judge, throwViolations, type JustificationInput } from './rules.js';
import { assertNotFiled, electionOfContest } from './freeze.js';

export type { Contest };
export type Basis = NominationBasis;
export type CandidateRole = DeputyRole;

/** Education as the domain knows it; `postgraduate` (the first API's word) is read as `master`. */
export function educationOf(value: string | null | undefined): Education | null {
  if (value === null || value === undefined) return null;
  if (value === 'postgraduate') return 'master';
  return (EDUCATION_LEVELS as readonly string[]).includes(value) ? (value as Education) : null;
}

export interface NominationInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly contest: Contest;
  readonly voterId: string;
  readonly basis: Basis;
  readonly nominatorIds?: readonly string[] | undefined;
  readonly groupId?: string | undefined;
  readonly education?: string | undefined;
  readonly roles?: readonly CandidateRole[] | undefined;
  readonly incumbent?: boolean | undefined;
  /** The nominee agreed to stand (本人同意); required for the election committee's nomination (CAN-NOMINATION). */
  readonly consent?: boolean | undefined;
  /** The day of the nomination (TML-PHASE: inside the election phase). */
  readonly today: string;
  readonly justifications?: readonly JustificationInput[] | undefined;
}

export function nominationView(row: typeof nominations.$inferSelect) {
  return {
    id: row.id,
    seq: row.seq,
    communityId: row.communityId,
    contest: row.contest,
    voterId: row.voterId,
    name: row.name,
    basis: row.basis,
    nominatorIds: row.nominatorIds as string[],
    groupId: row.groupId,
    education: row.education,
    roles: row.roles as CandidateRole[],
    incumbent: row.incumbent,
    consent: row.consent,
    status: row.status,
    withdrawnOn: row.withdrawnOn,
  };
}

export async function createNomination(db: Db, input: NominationInput) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunity(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: electionOfContest(input.contest), area: 'candidates' });
    assertInPhase({ round, action: 'nominate', on: input.today });
    if (input.roles?.includes('public') && input.contest !== 'deputy' && input.contest !== 'committee') {
      throw errors.badRequest(
        `The role "public" (publicly-selected deputy director) is for the deputy or committee contest, not ${input.contest}`,
        '公选副主任身份只适用于副主任或居委会成员选举',
      );
    }
    // Serialise nominations of one community: the per-nominator cap counts the others.
    await tx.execute(sql`select id from communities where id = ${community.id} for update`);

    const [voter] = await tx.select().from(voters).where(eq(voters.id, input.voterId));
    const nominatorIds = [...new Set(input.nominatorIds ?? [])];
    const nominators = nominatorIds.length
      ? await tx
          .select({ id: voters.id, name: voters.name, communityId: voters.communityId, householdNo: voters.householdNo, groupId: voters.groupId })
          .from(voters)
          .where(inArray(voters.id, nominatorIds))
      : [];
    if (input.basis === 'group') {
      if (!input.groupId) throw errors.badRequest('A group nomination needs groupId', '居民小组提名须指定居民小组（groupId）');
      const [group] = await tx
        .select({ id: residentGroups.id })
        .from(residentGroups)
        .where(and(eq(residentGroups.id, input.groupId), eq(residentGroups.communityId, community.id)));
      if (!group) throw errors.notFound('Residents group of this community', '本社区居民小组');
    }
    const partyMember =
      input.contest === 'party' && voter
        ? (
            await tx
              .select({ status: partyMembers.status })
              .from(partyMembers)
              .where(and(eq(partyMembers.communityId, community.id), eq(partyMembers.voterId, voter.id)))
          )[0]?.status ?? null
        : null;

    // How many nominations of this contest each nominator is already on (CAN-NOMINATION, *practice*).
    const existingCounts: Record<string, number> = {};
    if (nominatorIds.length) {
      const rows = await tx
        .select({ nominatorIds: nominations.nominatorIds })
        .from(nominations)
        .where(
          and(
            eq(nominations.communityId, community.id),
            eq(nominations.contest, input.contest),
            sql`${nominations.status} <> 'withdrawn'`,
          ),
        );
      for (const row of rows) {
        for (const id of row.nominatorIds as string[]) if (nominatorIds.includes(id)) existingCounts[id] = (existingCounts[id] ?? 0) + 1;
      }
    }

    const seats = seatsOf(community, input.contest);
    const nomination = checkNomination(
      {
        basis: input.basis,
        seats,
        consent: input.consent ?? false,
        nominators: nominatorIds.map((id) => {
          const n = nominators.find((x) => x.id === id);
          const registered = n !== undefined && n.communityId === community.id;
          // A nominator of another community is counted, never named.
          return {
            id,
            ...(n && registered ? { name: n.name } : {}),
            registered,
            householdNo: n?.householdNo ?? null,
            nominationsForPosition: existingCounts[id] ?? 0,
          };
        }),
      },
      profile,
    );
    if (!voter) throw errors.notFound('Voter', '选民');
    const education = educationOf(input.education);
    const eligibility = checkCandidateEligibility(
      {
        candidate: {
          name: voter.name,
          registered: voter.communityId === community.id,
          birthDate: voter.birthDate,
          sex: voter.sex,
          residency: voter.residency,
          education,
          incumbent: input.incumbent ?? false,
          partyMember,
        },
        contest: input.contest,
        electionDay: electionDayOf(community, input.contest),
        roles: input.roles ?? [],
      },
      profile,
    );
    await enforce(tx, {
      result: combine([nomination, eligibility]),
      justifications: input.justifications,
      actor: input.actor,
      roundId: round.id,
      communityId: community.id,
      action: 'nominate',
    });

    const [duplicate] = await tx
      .select({ id: nominations.id })
      .from(nominations)
      .where(and(eq(nominations.communityId, community.id), eq(nominations.contest, input.contest), eq(nominations.voterId, input.voterId)));
    if (duplicate) {
      throw errors.conflict('ALREADY_NOMINATED', 'This person is already nominated for this contest', '此人已被提名为该职位的候选人', {
        nominationId: duplicate.id,
      });
    }
    const [row] = await tx
      .insert(nominations)
      .values({
        communityId: community.id,
        contest: input.contest,
        voterId: voter.id,
        name: voter.name,
        basis: input.basis,
        nominatorIds,
        groupId: input.groupId ?? null,
        education,
        roles: [...(input.roles ?? [])],
        incumbent: input.incumbent ?? false,
        consent: input.consent ?? false,
      })
      .returning();
    const view = nominationView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'nomination', entityId: row!.id, after: view });
    return view;
  });
}

export async function listNominations(db: DbOrTx, input: { communityId: string; contest?: string | undefined }) {
  const rows = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.communityId, input.communityId), input.contest ? eq(nominations.contest, input.contest as Contest) : undefined))
    .orderBy(asc(nominations.seq));
  return { nominations: rows.map(nominationView) };
}

/**
 * The preliminary list (预备人选) reported to the street (CAN-PRELIM-REPORT). The official list is chosen from it,
 * so it must already hold the surplus the official list needs (CAN-SURPLUS): the committee is told now, while a
 * further nomination is still possible, and not when the official list is refused days before election day.
 */
export async function reportPreliminary(
  db: Db,
  input: {
    actor: Actor;
    communityId: string;
    contest: Contest;
    reportedOn: string;
    /** How the official list will be voted on: an equal list only by show of hands where the profile allows it. */
    ballot?: Ballot | undefined;
    today: string;
    justifications?: readonly JustificationInput[] | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunity(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: electionOfContest(input.contest), area: 'candidates' });
    assertInPhase({ round, action: 'report-preliminary', on: input.reportedOn });
    const nominees = await tx
      .select({ id: nominations.id, name: nominations.name })
      .from(nominations)
      .where(and(eq(nominations.communityId, community.id), eq(nominations.contest, input.contest), sql`${nominations.status} <> 'withdrawn'`))
      .orderBy(asc(nominations.seq));
    const check = checkPrelimReport(
      { reportedOn: input.reportedOn, electionDay: electionDayOf(community, input.contest), today: input.today },
      profile,
    );
    if (!check.ok) throwViolations(check.violations);
    const surplus = checkSurplus({ seats: seatsOf(community, input.contest), candidates: nominees.length, ballot: input.ballot ?? 'secret' }, profile);
    await enforce(tx, {
      result: surplus,
      justifications: input.justifications,
      actor: input.actor,
      roundId: round.id,
      communityId: community.id,
      action: 'report-preliminary',
    });
    const [row] = await tx
      .insert(preliminaryReports)
      .values({ communityId: community.id, contest: input.contest, reportedOn: input.reportedOn })
      .returning();
    const view = { id: row!.id, contest: input.contest, reportedOn: input.reportedOn, nominees };
    await appendAudit(tx, { actor: input.actor, action: 'report', entity: 'preliminary-report', entityId: row!.id, after: view });
    return view;
  });
}

/**
 * A candidate withdraws (CAN-WITHDRAW) until `withdrawCloseDays` before election day. When the person was on the
 * official list, the next preliminary nominee in nomination order takes the place and the list is republished.
 */
export async function withdrawNomination(db: Db, input: { actor: Actor; nominationId: string; on: string; today: string }) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(nominations).where(eq(nominations.id, input.nominationId));
    if (!found) throw errors.notFound('Nomination', '提名');
    const { community, round, profile } = await loadCommunity(tx, found.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: electionOfContest(found.contest), area: 'candidates' });
    await tx.execute(sql`select id from communities where id = ${community.id} for update`);
    const [row] = await tx.select().from(nominations).where(eq(nominations.id, input.nominationId));
    if (row!.status === 'withdrawn') {
      throw errors.conflict('ALREADY_WITHDRAWN', 'This nomination is already withdrawn', '该候选人已退出');
    }
    // Measured against today as well as the stated date: a withdrawal cannot be back-dated past the deadline.
    const check = checkWithdrawal({ on: input.on > input.today ? input.on : input.today, electionDay: electionDayOf(community, row!.contest) }, profile);
    if (!check.ok) throwViolations(check.violations);
    await tx.update(nominations).set({ status: 'withdrawn', withdrawnOn: input.on }).where(eq(nominations.id, row!.id));
    const withdrawn = nominationView({ ...row!, status: 'withdrawn', withdrawnOn: input.on });
    await appendAudit(tx, {
      actor: input.actor,
      action: 'withdraw',
      entity: 'nomination',
      entityId: row!.id,
      before: { status: row!.status },
      after: { status: 'withdrawn', withdrawnOn: input.on },
    });
    const list =
      row!.status === 'candidate'
        ? await republishAfterWithdrawal(tx, { actor: input.actor, community, round, profile, contest: row!.contest, on: input.on, withdrawnId: row!.id })
        : null;
    // The withdrawal stands (a candidate may not be kept on the list), but a list it left short cannot be voted on:
    // the committee is told now which lawful path remains (CAN-SURPLUS), and the count will refuse it.
    const surplus = list ? judge('CAN-SURPLUS', await surplusFacts(tx, { community, list, today: input.today }), profile) : null;
    return { nomination: withdrawn, list, shortfall: surplus?.status === 'breach' ? surplus.violations[0]! : null };
  });
}
