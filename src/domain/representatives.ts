/**
 * Voter representatives (居民代表) for the representative-congress method: REP-COUNT (soft), REP-RESIDENT-SHARE,
 * REP-PER-GROUP, REP-PER-UNIT, REP-IS-VOTER. Seed 001 篇三 五(二)5.
 */
import { atLeastFraction, formatFraction, formatFractionZh, type Profile } from './profile.js';
import { hard, resultOf, soft, type RuleCode, type RuleResult, type Violation } from './violations.js';

export interface Representative {
  readonly id?: string;
  readonly name?: string;
  /** `resident`: elected by a residents' group (or households); `unit`: sent by a large unit in the community. */
  readonly kind: 'resident' | 'unit';
  readonly groupId?: string | null;
  readonly unitId?: string | null;
  /** Registered voter of the community (required of residents' representatives). */
  readonly isVoter: boolean;
}

export interface ResidentsGroup {
  readonly id: string;
  readonly name?: string;
  readonly households: number;
}

export interface Unit {
  readonly id: string;
  readonly name?: string;
}

export interface RepresentativesSummary {
  readonly total: number;
  readonly residents: number;
  readonly unitReps: number;
  readonly perGroup: readonly { groupId: string; count: number; min: number; max: number }[];
  readonly perUnit: readonly { unitId: string; count: number }[];
}

export const REP_RULES: readonly RuleCode[] = ['REP-COUNT', 'REP-RESIDENT-SHARE', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-IS-VOTER'];

/**
 * Allowed representatives for a group. Basis `group`: repsPerGroupMin..Max (2..3). Basis `households`: one
 * representative per householdsPerRepMin..Max (20..60) households, i.e. ceil(h/60)..floor(h/20), at least 1.
 */
export function allowedRepsForGroup(households: number, basis: 'group' | 'households', profile: Profile): { min: number; max: number } {
  if (basis === 'group') return { min: profile.repsPerGroupMin, max: profile.repsPerGroupMax };
  const min = Math.max(1, Math.ceil(households / profile.householdsPerRepMax));
  const max = Math.max(min, Math.floor(households / profile.householdsPerRepMin));
  return { min, max };
}

const label = (r: Representative, i: number): string => r.name ?? r.id ?? `#${i + 1}`;

export function checkRepresentatives(
  input: {
    readonly reps: readonly Representative[];
    readonly groups: readonly ResidentsGroup[];
    readonly units: readonly Unit[];
    readonly basis: 'group' | 'households';
  },
  profile: Profile,
): RuleResult<RepresentativesSummary> {
  const issues: Violation[] = [];
  const total = input.reps.length;
  const residents = input.reps.filter((r) => r.kind === 'resident').length;

  // REP-COUNT (soft, "一般")
  if (total < profile.repCountMin || total > profile.repCountMax) {
    issues.push(soft('REP-COUNT', { actual: total, min: profile.repCountMin, max: profile.repCountMax }));
  }

  // REP-RESIDENT-SHARE: residents / total ≥ residentRepShareMin, exact
  const share = profile.residentRepShareMin;
  if (total > 0 && !atLeastFraction(residents, total, share)) {
    issues.push(
      hard('REP-RESIDENT-SHARE', { residents, total, required: formatFraction(share), requiredZh: formatFractionZh(share) }),
    );
  }

  // REP-PER-GROUP
  const byGroup = new Map<string, number>();
  input.reps.forEach((r, i) => {
    if (r.kind !== 'resident') return;
    if (!r.groupId) {
      issues.push(hard('REP-PER-GROUP', { reason: 'no-group', representative: label(r, i) }));
      return;
    }
    byGroup.set(r.groupId, (byGroup.get(r.groupId) ?? 0) + 1);
  });
  const perGroup = input.groups.map((g) => {
    const count = byGroup.get(g.id) ?? 0;
    const { min, max } = allowedRepsForGroup(g.households, input.basis, profile);
    if (count < min || count > max) {
      issues.push(
        input.basis === 'group'
          ? hard('REP-PER-GROUP', { reason: 'group', group: g.name ?? g.id, actual: count, min, max })
          : hard('REP-PER-GROUP', {
              reason: 'households',
              group: g.name ?? g.id,
              households: g.households,
              actual: count,
              min: profile.householdsPerRepMin,
              max: profile.householdsPerRepMax,
              low: min,
              high: max,
            }),
      );
    }
    return { groupId: g.id, count, min, max };
  });

  // REP-PER-UNIT
  const byUnit = new Map<string, number>();
  input.reps.forEach((r, i) => {
    if (r.kind !== 'unit') return;
    if (!r.unitId) {
      issues.push(hard('REP-PER-UNIT', { reason: 'no-unit', unit: label(r, i), actual: 0, min: profile.repsPerUnitMin, max: profile.repsPerUnitMax }));
      return;
    }
    byUnit.set(r.unitId, (byUnit.get(r.unitId) ?? 0) + 1);
  });
  const perUnit = input.units.map((u) => {
    const count = byUnit.get(u.id) ?? 0;
    if (count < profile.repsPerUnitMin || count > profile.repsPerUnitMax) {
      issues.push(hard('REP-PER-UNIT', { unit: u.name ?? u.id, actual: count, min: profile.repsPerUnitMin, max: profile.repsPerUnitMax }));
    }
    return { unitId: u.id, count };
  });

  // REP-IS-VOTER: residents' representatives are registered voters of the community
  input.reps.forEach((r, i) => {
    if (r.kind === 'resident' && !r.isVoter) issues.push(hard('REP-IS-VOTER', { representative: label(r, i) }));
  });

  return resultOf({ total, residents, unitReps: total - residents, perGroup, perUnit }, issues, profile);
}
