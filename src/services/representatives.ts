/**
 * Residents' representatives (居民代表) for the representative-congress method, and the REP-* checks of the domain
 * (REP-COUNT soft, REP-RESIDENT-SHARE, REP-PER-GROUP, REP-PER-UNIT, REP-IS-VOTER).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { representatives, residentGroups, units, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { checkRepresentatives, REP_RULES, type Representative } from '../domain/representatives.js';
import { describeViolation } from '../domain/violations.js';
import { appliesToMethod } from '../domain/rules/index.js';
import { assertInPhase, loadCommunityContext, ruleError } from './rules.js';
import type { CommunityDetails } from './communities.js';
import { assertNotFiled } from './freeze.js';

type RepRow = typeof representatives.$inferSelect;

export function representativeView(row: RepRow) {
  return { id: row.id, communityId: row.communityId, kind: row.kind, voterId: row.voterId, unitId: row.unitId, groupId: row.groupId, name: row.name };
}

export async function addRepresentative(
  db: Db,
  input: { actor: Actor; communityId: string; voterId?: string | undefined; unitId?: string | undefined; name?: string | undefined; groupId?: string | undefined; today: string },
) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'voters' });
    assertInPhase({ round, action: 'register-representatives', on: input.today });
    let values: typeof representatives.$inferInsert;
    if (input.voterId) {
      const [voter] = await tx.select().from(voters).where(and(eq(voters.id, input.voterId), eq(voters.communityId, community.id)));
      if (!voter) {
        // REP-IS-VOTER, decided by the domain for this one representative.
        const check = checkRepresentatives(
          { reps: [{ kind: 'resident', isVoter: false, name: input.name ?? input.voterId, groupId: input.groupId ?? 'unknown' }], groups: [], units: [], basis: 'group' },
          profile,
        );
        const violations = check.ok ? [] : check.violations.filter((v) => v.rule === 'REP-IS-VOTER');
        throw ruleError(violations);
      }
      const [taken] = await tx
        .select({ id: representatives.id })
        .from(representatives)
        .where(and(eq(representatives.communityId, community.id), eq(representatives.voterId, voter.id)));
      if (taken) throw errors.conflict('ALREADY_REPRESENTATIVE', `${voter.name} is already a representative`, `${voter.name}已是居民代表`);
      const groupId = input.groupId ?? voter.groupId;
      if (input.groupId) {
        const [group] = await tx.select({ id: residentGroups.id }).from(residentGroups).where(and(eq(residentGroups.id, input.groupId), eq(residentGroups.communityId, community.id)));
        if (!group) throw errors.notFound('Residents group', '居民小组');
      }
      values = { communityId: community.id, kind: 'resident', voterId: voter.id, groupId: groupId ?? null, name: voter.name };
    } else {
      if (!input.unitId || !input.name) {
        throw errors.badRequest('A representative is a voter (voterId) or a unit delegate (unitId and name)', '居民代表须指定选民（voterId），或指定驻区单位及代表姓名（unitId、name）');
      }
      const [unit] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), eq(units.communityId, community.id)));
      if (!unit) throw errors.notFound('Unit', '驻区单位');
      values = { communityId: community.id, kind: 'unit', unitId: unit.id, groupId: null, name: input.name };
    }
    const [row] = await tx.insert(representatives).values(values).returning();
    const view = representativeView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'representative', entityId: row!.id, after: view });
    return view;
  });
}

/** Removes a representative (moved away, withdrew, chosen by mistake) while representatives are registered; audited with the reason. */
export async function removeRepresentative(db: Db, input: { actor: Actor; representativeId: string; reason: string; today: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(representatives).where(eq(representatives.id, input.representativeId)).for('update');
    if (!row) throw errors.notFound('Representative', '居民代表');
    const { round } = await loadCommunityContext(tx, row.communityId);
    await assertNotFiled(tx, { communityId: row.communityId, kind: 'rc', area: 'voters' });
    assertInPhase({ round, action: 'register-representatives', on: input.today });
    await tx.delete(representatives).where(eq(representatives.id, row.id));
    const view = representativeView(row);
    await appendAudit(tx, { actor: input.actor, action: 'remove', entity: 'representative', entityId: row.id, before: view, after: { reason: input.reason } });
    return { removed: view, reason: input.reason };
  });
}

export async function listRepresentatives(db: DbOrTx, communityId: string) {
  await loadCommunityContext(db, communityId);
  const rows = await db.select().from(representatives).where(eq(representatives.communityId, communityId)).orderBy(asc(representatives.createdAt));
  return { representatives: rows.map(representativeView) };
}

/** Every REP-* rule with its status and figures. */
export async function checkCommunityRepresentatives(db: DbOrTx, communityId: string) {
  const { community, profile } = await loadCommunityContext(db, communityId);
  const [reps, groups, unitRows] = await Promise.all([
    db
      .select({ rep: representatives, voterId: voters.id })
      .from(representatives)
      .leftJoin(voters, and(eq(voters.id, representatives.voterId), eq(voters.communityId, representatives.communityId)))
      .where(eq(representatives.communityId, communityId)),
    db.select().from(residentGroups).where(eq(residentGroups.communityId, communityId)).orderBy(asc(residentGroups.createdAt)),
    db.select().from(units).where(eq(units.communityId, communityId)).orderBy(asc(units.createdAt)),
  ]);
  const basis = (community.details as CommunityDetails).representativeBasis ?? 'group';
  const input: Representative[] = reps.map(({ rep, voterId }) => ({
    id: rep.id,
    name: rep.name,
    kind: rep.kind,
    groupId: rep.groupId,
    unitId: rep.unitId,
    isVoter: rep.kind === 'resident' ? voterId !== null : true,
  }));
  const result = checkRepresentatives(
    { reps: input, groups: groups.map((g) => ({ id: g.id, name: g.name, households: g.households })), units: unitRows.map((u) => ({ id: u.id, name: u.name })), basis },
    profile,
  );
  const issues = result.ok ? result.warnings : [...result.violations, ...result.warnings];
  const total = input.length;
  const residents = input.filter((r) => r.kind === 'resident').length;
  const figures: Record<string, Record<string, unknown>> = {
    'REP-COUNT': { total, min: profile.repCountMin, max: profile.repCountMax },
    'REP-RESIDENT-SHARE': { residents, total, required: `${profile.residentRepShareMin.num}/${profile.residentRepShareMin.den}` },
    'REP-PER-GROUP': { basis, groups: groups.length },
    'REP-PER-UNIT': { units: unitRows.length, min: profile.repsPerUnitMin, max: profile.repsPerUnitMax },
    'REP-IS-VOTER': { residents },
  };
  return REP_RULES.map((rule) => {
    const mine = issues.filter((v) => v.rule === rule);
    const status = !appliesToMethod(rule, community.method) ? 'n/a' : mine.some((v) => v.severity === 'hard') ? 'fail' : mine.length > 0 ? 'warning' : 'pass';
    return {
      rule,
      status: status as 'pass' | 'fail' | 'warning' | 'n/a',
      details: { ...figures[rule], violations: mine.map(describeViolation) },
    };
  });
}
