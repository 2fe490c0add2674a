/**
 * Voter registration (选民登记), one at a time: VOT-ID, VOT-AGE (on the community's election day), VOT-RIGHTS,
 * VOT-RESIDENT (all from the domain's `checkVoter`), VOT-NO-DUP across every community of the district in the same
 * term (409 naming the other community), TML-PHASE (`register-voters`). Identity numbers are stored normalised to
 * 18 characters and shown masked except to the community's own committee and the bureau (each such read audited).
 */
import { and, asc, count, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { sqlStateOf, type Db, type DbOrTx } from '../db/client.js';
import { communities, residentGroups, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkNoDuplicate, checkVoter, type Residency } from '../domain/eligibility.js';
import { maskIdNumber, normaliseIdNumber } from '../domain/id-card.js';
import { describeViolation } from '../domain/violations.js';
import { assertInPhase, loadCommunityContext, ruleError, type CommunityContext } from './rules.js';
import { assertNotFiled } from './freeze.js';

export type VoterRow = typeof voters.$inferSelect;

export interface VoterFields {
  readonly idNumber: string;
  readonly name: string;
  readonly groupId?: string | undefined;
  readonly householdNo?: string | undefined;
  readonly address?: string | undefined;
  readonly residency: Residency;
  readonly rightsDeprived?: boolean | undefined;
  /** Months lived in the community (人户分离 residents; VOT-RESIDENT). */
  readonly residencyMonths?: number | undefined;
  /** The resident asked to take part (default: yes, registering is the application). */
  readonly requested?: boolean | undefined;
  /** A community worker approved by the election committee (default: yes, the committee registers them). */
  readonly approved?: boolean | undefined;
  readonly birthDate?: string | undefined;
  readonly sex?: 'male' | 'female' | undefined;
}

/** Who may see whole identity numbers: the community's own committee and the district bureau (scope checked by the guard). */
export function seesWholeNumbers(actor: { role: string }): boolean {
  return actor.role === 'committee' || actor.role === 'bureau';
}

export function voterView(row: VoterRow, whole = false) {
  return {
    id: row.id,
    communityId: row.communityId,
    name: row.name,
    idNumber: whole ? row.idNumber : maskIdNumber(row.idNumber),
    birthDate: row.birthDate,
    sex: row.sex,
    groupId: row.groupId,
    groupName: row.groupName,
    householdNo: row.householdNo,
    address: row.address,
    residency: row.residency,
    source: row.source,
  };
}

/** The 409 of VOT-NO-DUP, naming the other community. */
export function duplicateError(input: { idNumber: string; other: { id: string; name: string } | null; communityId: string }): AppError {
  const check = checkNoDuplicate({ idNumber: input.idNumber, communityId: input.communityId, existingCommunity: input.other });
  if (check.ok) {
    return errors.conflict(
      'ALREADY_REGISTERED',
      `Identity number ${maskIdNumber(input.idNumber)} is already registered in this community`,
      `身份号码${maskIdNumber(input.idNumber)}已在本社区登记`,
      { rule: 'VOT-NO-DUP' },
    );
  }
  const d = describeViolation(check.violations[0]!);
  return new AppError({
    status: 409,
    code: 'DUPLICATE_REGISTRATION',
    rule: 'VOT-NO-DUP',
    message: d.message,
    messageZh: d.messageZh,
    details: { otherCommunityId: input.other!.id, otherCommunityName: input.other!.name, violations: [d] },
  });
}

/** Where this identity number is registered in the district and term (any community), if anywhere. */
export async function findRegistration(db: DbOrTx, input: { districtId: string; term: number; idNumber: string }) {
  const [row] = await db
    .select({ voterId: voters.id, communityId: communities.id, communityName: communities.name })
    .from(voters)
    .innerJoin(communities, eq(communities.id, voters.communityId))
    .where(and(eq(voters.districtId, input.districtId), eq(voters.term, input.term), eq(voters.idNumber, input.idNumber)));
  return row ?? null;
}

/**
 * The stored fields of a registration after every check: VOT-ID, VOT-AGE, VOT-RIGHTS, VOT-RESIDENT (422), the
 * residents' group (404) and VOT-NO-DUP across the district (409). `self` is the voter being corrected, whose own
 * registration is no duplicate.
 */
async function checkedRegistration(tx: DbOrTx, input: VoterFields & { ctx: CommunityContext; today: string }, self?: string) {
  const { community, round, profile } = input.ctx;
  const checked = checkVoter(
    {
      idNumber: input.idNumber,
      name: input.name,
      residency: input.residency,
      residencyMonths: input.residencyMonths ?? null,
      requested: input.requested ?? true,
      approved: input.approved ?? true,
      rightsDeprived: input.rightsDeprived ?? false,
      statedBirthDate: input.birthDate ?? null,
      statedSex: input.sex ?? null,
    },
    { electionDay: community.electionDay, today: input.today, profile },
  );
  if (!checked.ok) throw ruleError(checked.violations);
  const card = checked.value;

  let groupName: string | null = null;
  if (input.groupId) {
    const [group] = await tx
      .select({ name: residentGroups.name })
      .from(residentGroups)
      .where(and(eq(residentGroups.id, input.groupId), eq(residentGroups.communityId, community.id)));
    if (!group) throw errors.notFound('Residents group', '居民小组');
    groupName = group.name;
  }

  // voters.community_id has no foreign-key constraint (see schema.ts): hold the community as the constraint would.
  await tx.execute(sql`select 1 from communities where id = ${community.id} for key share`);
  const existing = await findRegistration(tx, { districtId: community.districtId, term: round.term, idNumber: card.idNumber });
  if (existing && existing.voterId !== self) {
    throw duplicateError({
      idNumber: card.idNumber,
      communityId: community.id,
      other: { id: existing.communityId, name: existing.communityName },
    });
  }
  return {
    districtId: community.districtId,
    term: round.term,
    roundId: round.id,
    communityId: community.id,
    idNumber: card.idNumber,
    idLast4: card.idNumber.slice(-4),
    name: input.name,
    birthDate: card.birthDate,
    sex: card.sex,
    groupId: input.groupId ?? null,
    groupName,
    householdNo: input.householdNo ?? null,
    address: input.address ?? null,
    residency: input.residency,
  };
}

const auditedVoter = (row: VoterRow) => ({ ...voterView(row), idNumber: maskIdNumber(row.idNumber) });

/**
 * Registers one person in the community inside an open transaction (also used by an upheld `add` objection).
 * Throws 422 (rule) or 409 (VOT-NO-DUP).
 */
export async function registerVoterInTx(
  tx: DbOrTx,
  input: VoterFields & { actor: Actor; ctx: CommunityContext; today: string; source: 'single' | 'objection' },
) {
  const values = await checkedRegistration(tx, input);
  const [row] = await tx
    .insert(voters)
    .values({ ...values, source: input.source })
    .returning();
  await appendAudit(tx, { actor: input.actor, action: 'register', entity: 'voter', entityId: row!.id, after: { ...auditedVoter(row!), source: input.source } });
  return row!;
}

/**
 * Replaces a registration's details with corrected ones (an upheld `correct` objection), through the same checks as
 * a registration; the voter keeps its id, so nominations and representatives that name it still do. Audited with
 * the details before and after.
 */
export async function correctVoterInTx(tx: DbOrTx, input: VoterFields & { actor: Actor; ctx: CommunityContext; today: string; voterId: string; objectionId?: string | undefined }) {
  const [before] = await tx
    .select()
    .from(voters)
    .where(and(eq(voters.id, input.voterId), eq(voters.communityId, input.ctx.community.id)))
    .for('update');
  if (!before) throw errors.notFound('Voter', '选民');
  const values = await checkedRegistration(tx, input, before.id);
  const [after] = await tx.update(voters).set(values).where(eq(voters.id, before.id)).returning();
  await appendAudit(tx, {
    actor: input.actor,
    action: 'correct',
    entity: 'voter',
    entityId: before.id,
    before: auditedVoter(before),
    after: { ...auditedVoter(after!), ...(input.objectionId ? { objectionId: input.objectionId } : {}) },
  });
  return after!;
}

export type VoterPatch = Partial<Omit<VoterFields, 'groupId'>> & { readonly groupId?: string | null | undefined };

/**
 * A clerk corrects a voter's details (PATCH /voters/:id): the stored details with the changes laid over them go
 * through every check of a registration again (VOT-ID re-validates the identity number, VOT-AGE on the election
 * day, VOT-RIGHTS, VOT-RESIDENT, VOT-NO-DUP); the voter keeps its id. A filed election's voters are frozen. Audited.
 */
export async function updateVoter(db: Db, input: VoterPatch & { actor: Actor; voterId: string; today: string }) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(voters).where(eq(voters.id, input.voterId));
    if (!current) throw errors.notFound('Voter', '选民');
    const ctx = await loadCommunityContext(tx, current.communityId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: 'rc', area: 'voters' });
    const pick = <K extends keyof VoterPatch>(k: K) => (input[k] !== undefined ? { [k]: input[k] } : {});
    const groupId = input.groupId === undefined ? (current.groupId ?? undefined) : (input.groupId ?? undefined);
    const fields: VoterFields = {
      idNumber: input.idNumber ?? current.idNumber,
      name: input.name ?? current.name,
      residency: input.residency ?? current.residency,
      ...(groupId ? { groupId } : {}),
      householdNo: input.householdNo ?? current.householdNo ?? undefined,
      address: input.address ?? current.address ?? undefined,
      ...pick('rightsDeprived'),
      ...pick('residencyMonths'),
      ...pick('requested'),
      ...pick('approved'),
      ...pick('birthDate'),
      ...pick('sex'),
    };
    try {
      const row = await correctVoterInTx(tx, { ...fields, actor: input.actor, ctx, today: input.today, voterId: current.id });
      return voterView(row, seesWholeNumbers(input.actor));
    } catch (error) {
      if (sqlStateOf(error) !== '23505') throw error;
      throw duplicateError({ idNumber: normaliseIdNumber(fields.idNumber), communityId: ctx.community.id, other: null });
    }
  });
}

export async function registerVoter(db: Db, input: VoterFields & { actor: Actor; communityId: string; today: string }) {
  try {
    return await db.transaction(async (tx) => {
      const ctx = await loadCommunityContext(tx, input.communityId);
      await assertNotFiled(tx, { communityId: ctx.community.id, kind: 'rc', area: 'voters' });
      assertInPhase({ round: ctx.round, action: 'register-voters', on: input.today });
      const row = await registerVoterInTx(tx, { ...input, ctx, source: 'single' });
      return voterView(row);
    });
  } catch (error) {
    if (sqlStateOf(error) !== '23505') throw error;
    // Registered concurrently elsewhere: report it like any duplicate.
    const ctx = await loadCommunityContext(db, input.communityId);
    const idNumber = normaliseIdNumber(input.idNumber);
    const existing = await findRegistration(db, { districtId: ctx.community.districtId, term: ctx.round.term, idNumber });
    throw duplicateError({
      idNumber,
      communityId: ctx.community.id,
      other: existing ? { id: existing.communityId, name: existing.communityName } : null,
    });
  }
}

export interface VoterListQuery {
  readonly communityId: string;
  readonly page: number;
  readonly pageSize: number;
  /** A name, or the last four characters of the identity number. */
  readonly q?: string | undefined;
  /** A residents' group, or `none` for the voters in no group. */
  readonly groupId?: string | undefined;
  readonly residency?: VoterRow['residency'] | undefined;
}

export async function listVoters(db: DbOrTx, input: VoterListQuery) {
  await loadCommunityContext(db, input.communityId);
  const q = input.q?.trim();
  let filter = eq(voters.communityId, input.communityId);
  if (input.groupId) filter = and(filter, input.groupId === 'none' ? isNull(voters.groupId) : eq(voters.groupId, input.groupId))!;
  if (input.residency) filter = and(filter, eq(voters.residency, input.residency))!;
  if (q) {
    const last4 = q.length === 4 && /^\d{3}[\dXx]$/.test(q) ? q.toUpperCase() : null;
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    filter = and(filter, last4 ? or(eq(voters.idLast4, last4), ilike(voters.name, `%${escaped}%`)) : ilike(voters.name, `%${escaped}%`))!;
  }
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(voters)
      .where(filter)
      .orderBy(asc(voters.createdAt), asc(voters.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(voters).where(filter),
  ]);
  return { items: items.map((r) => voterView(r)), total: Number(total?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

/** One voter; the whole identity number for the community's committee and the bureau, and that read is audited. */
export async function getVoter(db: Db, input: { actor: Actor; voterId: string }) {
  const whole = seesWholeNumbers(input.actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(voters).where(eq(voters.id, input.voterId));
    if (!row) throw errors.notFound('Voter', '选民');
    if (whole) {
      await appendAudit(tx, { actor: input.actor, action: 'read-id-number', entity: 'voter', entityId: row.id, after: { communityId: row.communityId } });
    }
    return voterView(row, whole);
  });
}

export async function countVoters(db: DbOrTx, communityId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(voters).where(eq(voters.communityId, communityId));
  return Number(r?.n ?? 0);
}
