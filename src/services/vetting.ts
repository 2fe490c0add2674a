/**
 * The joint qualification review (候选人资格联审, CAN-VETTING): the street names the departments that review a round and
 * may switch the `review-2021` option on; each department's reviewer records 通过 or 不通过 per preliminary candidate;
 * the committee reads per candidate which departments are pending, the street the round's grid. Whether a name may
 * go on the formal list is the registry's (src/domain/vetting.ts), asked by the candidate-list use case.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { communities, nominations, reviewDepartments, roundReviewDepartments, rounds, streets, districts, vettingReviews } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { PROFILE_OPTIONS, type ProfileOption } from '../domain/profile.js';
import { pendingDepartments, vettingVerdict, type ReviewDecision, type ReviewState, type VettedCandidate } from '../domain/vetting.js';
import type { Principal } from './users.js';
import { profileOfRound } from './rules.js';

export const VETTING_CONTEST_ZH: Readonly<Record<string, string>> = {
  director: '居民委员会主任',
  deputy: '居民委员会副主任',
  member: '居民委员会委员',
  committee: '居民委员会成员',
  party: '党组织委员会委员',
};

export interface Department {
  readonly id: string;
  readonly name: string;
}

export interface CandidateReview {
  readonly departmentId: string;
  readonly department: string;
  readonly decision: ReviewState;
  readonly reason: string | null;
  readonly reviewedOn: string | null;
}

export interface CandidateVetting {
  readonly nominationId: string;
  readonly communityId: string;
  readonly communityName: string;
  readonly contest: string;
  readonly contestZh: string;
  readonly name: string;
  readonly status: 'preliminary' | 'candidate';
  readonly verdict: ReviewState;
  readonly pending: string[];
  readonly reviews: CandidateReview[];
}

export interface RoundVetting {
  readonly roundId: string;
  readonly option: ProfileOption | null;
  readonly pendingBlocks: boolean;
  readonly departments: Department[];
  readonly candidates: CandidateVetting[];
  readonly counts: { readonly pass: number; readonly fail: number; readonly pending: number };
}

async function loadRound(db: DbOrTx, roundId: string) {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw errors.notFound('Round', '换届选举轮次');
  return round;
}

export async function roundDepartments(db: DbOrTx, roundId: string): Promise<Department[]> {
  return db
    .select({ id: reviewDepartments.id, name: reviewDepartments.name })
    .from(roundReviewDepartments)
    .innerJoin(reviewDepartments, eq(reviewDepartments.id, roundReviewDepartments.departmentId))
    .where(eq(roundReviewDepartments.roundId, roundId))
    .orderBy(asc(roundReviewDepartments.seq));
}

/** Every non-withdrawn nomination of the round (or of one community, or the given ones) with each department's review. */
async function vettingRows(db: DbOrTx, input: { roundId: string; communityId?: string; nominationIds?: readonly string[] }): Promise<CandidateVetting[]> {
  const departments = await roundDepartments(db, input.roundId);
  const where = [eq(communities.roundId, input.roundId), sql`${nominations.status} <> 'withdrawn'`];
  if (input.communityId) where.push(eq(nominations.communityId, input.communityId));
  if (input.nominationIds) {
    if (input.nominationIds.length === 0) return [];
    where.push(inArray(nominations.id, [...input.nominationIds]));
  }
  const people = await db
    .select({ n: nominations, communityName: communities.name, code: communities.code })
    .from(nominations)
    .innerJoin(communities, eq(communities.id, nominations.communityId))
    .where(and(...where))
    .orderBy(asc(communities.code), asc(nominations.seq));
  if (people.length === 0) return [];
  const given = await db
    .select()
    .from(vettingReviews)
    .where(inArray(vettingReviews.nominationId, people.map((p) => p.n.id)));
  const byKey = new Map(given.map((r) => [`${r.nominationId}:${r.departmentId}`, r]));
  return people.map(({ n, communityName }) => {
    const reviews: CandidateReview[] = departments.map((d) => {
      const r = byKey.get(`${n.id}:${d.id}`);
      return { departmentId: d.id, department: d.name, decision: r?.decision ?? 'pending', reason: r?.reason ?? null, reviewedOn: r?.reviewedOn ?? null };
    });
    return {
      nominationId: n.id,
      communityId: n.communityId,
      communityName,
      contest: n.contest,
      contestZh: VETTING_CONTEST_ZH[n.contest] ?? n.contest,
      name: n.name,
      status: n.status === 'candidate' ? 'candidate' : 'preliminary',
      verdict: vettingVerdict(reviews),
      pending: pendingDepartments(reviews),
      reviews,
    };
  });
}

function optionOf(profile: ReturnType<typeof profileOfRound>): ProfileOption | null {
  return profile.jointReview?.option ?? null;
}

export async function getRoundVetting(db: DbOrTx, input: { roundId: string; communityId?: string }): Promise<RoundVetting> {
  const round = await loadRound(db, input.roundId);
  const profile = profileOfRound(round);
  const candidates = await vettingRows(db, { roundId: round.id, ...(input.communityId ? { communityId: input.communityId } : {}) });
  return {
    roundId: round.id,
    option: optionOf(profile),
    pendingBlocks: profile.jointReview?.pendingBlocks ?? false,
    departments: await roundDepartments(db, round.id),
    candidates,
    counts: {
      pass: candidates.filter((c) => c.verdict === 'pass').length,
      fail: candidates.filter((c) => c.verdict === 'fail').length,
      pending: candidates.filter((c) => c.verdict === 'pending').length,
    },
  };
}

export async function getCommunityVetting(db: DbOrTx, communityId: string) {
  const [community] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!community) throw errors.notFound('Community', '社区');
  return { communityId: community.id, communityName: community.name, ...(await getRoundVetting(db, { roundId: community.roundId, communityId })) };
}

/** The facts CAN-VETTING needs for the names about to go on a list. */
export async function vettedCandidates(db: DbOrTx, input: { roundId: string; nominationIds: readonly string[] }): Promise<VettedCandidate[]> {
  const rows = await vettingRows(db, { roundId: input.roundId, nominationIds: input.nominationIds });
  return rows.map((r) => ({ id: r.nominationId, name: r.name, reviews: r.reviews.map((x) => ({ department: x.department, decision: x.decision, reason: x.reason })) }));
}

/**
 * The street names the round's reviewing departments (created in the district by name when new) and switches the
 * option on or off; the option is written into the round's profile snapshot (audited with the before and after).
 */
export async function configureVetting(db: Db, input: { actor: Actor; roundId: string; option: ProfileOption | null; departments: readonly string[] }) {
  const names = [...new Set(input.departments.map((d) => d.trim()).filter((d) => d.length > 0))];
  if (input.option && names.length === 0) throw errors.badRequest('Name at least one reviewing department', '启用资格联审须至少指定一个联审部门');
  await db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    const before = { option: optionOf(profileOfRound(round)), departments: (await roundDepartments(tx, round.id)).map((d) => d.name) };
    if (names.length > 0) {
      await tx.insert(reviewDepartments).values(names.map((name) => ({ districtId: round.districtId, name }))).onConflictDoNothing();
    }
    const rows = names.length
      ? await tx.select().from(reviewDepartments).where(and(eq(reviewDepartments.districtId, round.districtId), inArray(reviewDepartments.name, names)))
      : [];
    const idOf = new Map(rows.map((r) => [r.name, r.id]));
    await tx.delete(roundReviewDepartments).where(eq(roundReviewDepartments.roundId, round.id));
    if (names.length > 0) {
      await tx.insert(roundReviewDepartments).values(names.map((name, i) => ({ roundId: round.id, departmentId: idOf.get(name)!, seq: i + 1 })));
    }
    const stored = { ...((round.profile ?? {}) as Record<string, unknown>) };
    stored.jointReview = input.option ? PROFILE_OPTIONS[input.option].jointReview : null;
    await tx.update(rounds).set({ profile: stored }).where(eq(rounds.id, round.id));
    await appendAudit(tx, {
      actor: input.actor,
      action: 'configure-vetting',
      entity: 'round',
      entityId: round.id,
      before,
      after: { option: input.option, departments: names },
    });
  });
  return getRoundVetting(db, { roundId: input.roundId });
}

/** A department's reviewer records 通过 or 不通过 (with a reason) for one preliminary candidate; a new review replaces the old. */
export async function reviewCandidate(
  db: Db,
  input: { principal: Principal; nominationId: string; decision: ReviewDecision; reason?: string | undefined; today: string },
) {
  const { principal } = input;
  if (principal.role !== 'reviewer' || !principal.scopeId) throw errors.forbidden();
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'fail' && reason.length === 0) throw errors.badRequest('A refusal needs a reason', '不通过须说明理由');
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ n: nominations, roundId: communities.roundId })
      .from(nominations)
      .innerJoin(communities, eq(communities.id, nominations.communityId))
      .where(eq(nominations.id, input.nominationId));
    if (!found) throw errors.notFound('Nomination', '提名');
    if (found.n.status === 'withdrawn') throw errors.conflict('NOMINATION_WITHDRAWN', 'The nomination was withdrawn', '该候选人已退出，无需审查');
    const departments = await roundDepartments(tx, found.roundId);
    const department = departments.find((d) => d.id === principal.scopeId);
    // The department is in the nomination's district (the guard) but does not review this round.
    if (!department) throw errors.forbidden();
    const [previous] = await tx
      .select()
      .from(vettingReviews)
      .where(and(eq(vettingReviews.nominationId, found.n.id), eq(vettingReviews.departmentId, department.id)));
    const values = {
      roundId: found.roundId,
      communityId: found.n.communityId,
      nominationId: found.n.id,
      departmentId: department.id,
      decision: input.decision,
      reason: reason.length > 0 ? reason : null,
      reviewedOn: input.today,
      byUser: principal.id,
    };
    const [row] = previous
      ? await tx.update(vettingReviews).set(values).where(eq(vettingReviews.id, previous.id)).returning()
      : await tx.insert(vettingReviews).values(values).returning();
    const view = {
      id: row!.id,
      nominationId: row!.nominationId,
      name: found.n.name,
      departmentId: department.id,
      department: department.name,
      decision: row!.decision,
      reason: row!.reason,
      reviewedOn: row!.reviewedOn,
    };
    await appendAudit(tx, {
      actor: principal,
      action: 'vetting-review',
      entity: 'nomination',
      entityId: found.n.id,
      before: previous ? { department: department.name, decision: previous.decision, reason: previous.reason, reviewedOn: previous.reviewedOn } : null,
      after: view,
    });
    return view;
  });
}

/** The paper's view model: one community's candidates with each department's review (资格联审情况表). */
export async function vettingReportVm(db: DbOrTx, input: { communityId: string; today: string }) {
  const [row] = await db
    .select({ community: communities, street: streets.name, district: districts.name, round: rounds.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .innerJoin(districts, eq(districts.id, communities.districtId))
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(communities.id, input.communityId));
  if (!row) throw errors.notFound('Community', '社区');
  const vetting = await getRoundVetting(db, { roundId: row.community.roundId, communityId: row.community.id });
  return {
    communityName: row.community.name,
    streetName: row.street,
    districtName: row.district,
    roundName: row.round,
    reportDate: input.today,
    departments: vetting.departments.map((d) => d.name),
    candidates: vetting.candidates.map((c) => ({
      name: c.name,
      contestZh: c.contestZh,
      verdict: c.verdict,
      reviews: c.reviews.map((r) => ({ department: r.department, decision: r.decision, reason: r.reason })),
    })),
  };
}
