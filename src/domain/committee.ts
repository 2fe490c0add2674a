/**
 * Organisation rules (ORG-*) and the election method (MTH-*). Seed 001 篇三 三(一)(二), seed 002 (5至7名, 直选≥1/2).
 */
import { ageOn } from './dates.js';
import { atLeastFraction, formatFraction, formatFractionZh, meetsEducation, type Education, type Fraction, type Profile } from './profile.js';
import { hard, okResult, resultOf, soft, type RuleResult, type Violation } from './violations.js';

// ------------------------------------------------------------------------------------------------ ORG-RC-SIZE

export interface RcSeats {
  readonly director: number;
  readonly deputies: number;
  readonly members: number;
}

/** ORG-RC-SIZE: one director; total rcSizeMin..rcSizeMax (5..9, yiwu 5..7); odd total. */
export function checkRcSeats(seats: RcSeats, profile: Profile): RuleResult<{ total: number }> {
  const total = seats.director + seats.deputies + seats.members;
  const issues: Violation[] = [];
  if (seats.director !== 1) issues.push(hard('ORG-RC-SIZE', { reason: 'director', actual: seats.director }));
  if (total < profile.rcSizeMin || total > profile.rcSizeMax) {
    issues.push(hard('ORG-RC-SIZE', { reason: 'range', actual: total, min: profile.rcSizeMin, max: profile.rcSizeMax }));
  }
  if (profile.rcSizeOdd && total % 2 === 0) issues.push(hard('ORG-RC-SIZE', { reason: 'even', actual: total }));
  return resultOf({ total }, issues, profile);
}

/**
 * The seats the elected residents' committee actually fills (vacancies are not seats filled). A combined contest
 * (`committee`) elects members only: the director is one of them, chosen after the count (分工), so only its total
 * is judged there, not which posts were elected.
 */
export function electedRcSeats(rc: readonly { readonly post: string }[]): RcSeats {
  const combined = rc.filter((p) => p.post === 'committee').length;
  const director = rc.filter((p) => p.post === 'director').length + (combined > 0 ? 1 : 0);
  return {
    director,
    deputies: rc.filter((p) => p.post === 'deputy').length,
    members: rc.filter((p) => p.post === 'member').length + Math.max(0, combined - 1),
  };
}

// ------------------------------------------------------------------------------------------------ ORG-RC-DEPUTY-ROLES

export type DeputyRole = 'police' | 'graduate' | 'public';

export interface DeputyRolesFacts {
  readonly deputies: readonly { readonly roles: readonly DeputyRole[] }[];
  /**
   * Judged on who was elected: `deputy` the deputy directors elected in their own contest, `committee` everyone
   * elected in a combined contest (the deputies are chosen from them). Absent: the candidate list.
   */
  readonly elected?: 'deputy' | 'committee';
}

/** ORG-RC-DEPUTY-ROLES (lanzhou): among the deputies, one community police officer and one college graduate. */
export function checkDeputyRoles(input: DeputyRolesFacts, profile: Profile): RuleResult<null> {
  const scope: Record<string, string> = input.elected ? { reason: `elected-${input.elected}` } : {};
  const issues = profile.deputyRolesRequired
    .filter((role) => !input.deputies.some((d) => d.roles.includes(role)))
    .map((missing) => hard('ORG-RC-DEPUTY-ROLES', { ...scope, missing, deputies: input.deputies.length }));
  return resultOf(null, issues, profile);
}

/**
 * The facts of ORG-RC-DEPUTY-ROLES on who was elected: the deputies of a decided deputy contest, or everyone of a
 * decided combined contest; null when neither was held (nothing elected to judge).
 */
export function electedDeputyRoles(input: {
  readonly contests: readonly string[];
  readonly elected: readonly { readonly post: string; readonly roles: readonly DeputyRole[] }[];
}): DeputyRolesFacts | null {
  const scope = input.contests.includes('deputy') ? 'deputy' : input.contests.includes('committee') ? 'committee' : null;
  if (scope === null) return null;
  return { deputies: input.elected.filter((p) => p.post === scope).map((p) => ({ roles: p.roles })), elected: scope };
}

// ------------------------------------------------------------------------------------------------ ORG-RC-PUBLIC-DEPUTY

/** ORG-RC-PUBLIC-DEPUTY: as many publicly-selected deputy directors as in the previous term. */
export function checkPublicDeputies(input: { readonly count: number; readonly previousCount: number }, profile: Profile): RuleResult<null> {
  if (!profile.publicDeputy?.sameCountAsPrevious || input.count === input.previousCount) return okResult(null);
  return resultOf(null, [hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'count', required: input.previousCount, actual: input.count })], profile);
}

/** ORG-RC-PUBLIC-DEPUTY candidate: lives in the community, aged ≤ maxAge (50) on election day, high school or above. */
export function checkPublicDeputyCandidate(
  input: {
    readonly birthDate: string;
    readonly education: Education | null;
    readonly residency: 'registered' | 'resident' | 'worker';
    readonly electionDay: string;
  },
  profile: Profile,
): Violation[] {
  const rule = profile.publicDeputy;
  if (!rule) return [];
  const out: Violation[] = [];
  if (rule.residentOnly && input.residency === 'worker') out.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'not-resident' }));
  const age = ageOn(input.birthDate, input.electionDay);
  if (age > rule.maxAge) out.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'age', max: rule.maxAge, actual: age }));
  if (!meetsEducation(input.education, rule.minEducation)) {
    out.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'education', required: rule.minEducation, actual: input.education }));
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ ORG-PARTY-TYPE

export type PartyType = 'branch' | 'general' | 'committee';

/**
 * ORG-PARTY-TYPE: committee size by type. Below `min` or above `absoluteMax` is a hard breach; between `max` and
 * `absoluteMax` ("最多不超过") a soft warning ('above-usual'); the total is odd; a branch has a committee only when
 * it has at least `branchCommitteeMinMembers` party members.
 */
export function checkPartyOrganisation(input: { readonly type: PartyType; readonly members: number; readonly seats: number }, profile: Profile): RuleResult<null> {
  const size = profile.partyCommitteeSizes[input.type];
  const issues: Violation[] = [];
  const figures = { type: input.type, actual: input.seats, min: size.min, max: size.max, absoluteMax: size.absoluteMax };
  if (input.seats > size.absoluteMax) issues.push(hard('ORG-PARTY-TYPE', { reason: 'over-max', ...figures }));
  else if (input.seats < size.min) issues.push(hard('ORG-PARTY-TYPE', { reason: 'range', ...figures }));
  else if (input.seats > size.max) issues.push(soft('ORG-PARTY-TYPE', { reason: 'range', ...figures }));
  if (profile.partyCommitteeOdd && input.seats % 2 === 0) issues.push(hard('ORG-PARTY-TYPE', { reason: 'even', actual: input.seats }));
  if (input.type === 'branch' && input.members < profile.branchCommitteeMinMembers) {
    issues.push(hard('ORG-PARTY-TYPE', { reason: 'too-few-members', required: profile.branchCommitteeMinMembers, actual: input.members }));
  }
  return resultOf(null, issues, profile);
}

// ------------------------------------------------------------------------------------------------ ORG-PARTY-REPS

/**
 * ORG-PARTY-REPS. `representatives` null = a general meeting of all members. A congress needs more than
 * `partyCongressThreshold` party members (full + probationary), 100..200 representatives (hard outside
 * min..absoluteMax 300, soft between 200 and 300) and the district organisation department's approval.
 * Only full members vote: `voters` and `expected` exclude probationary members.
 */
export function checkPartyReps(
  input: { readonly fullMembers: number; readonly probationary: number; readonly representatives: number | null; readonly approved: boolean },
  profile: Profile,
): RuleResult<{ method: 'general-meeting' | 'congress'; voters: number; expected: number }> {
  if (input.representatives === null) {
    return okResult({ method: 'general-meeting', voters: input.fullMembers, expected: input.fullMembers });
  }
  const reps = input.representatives;
  const members = input.fullMembers + input.probationary;
  const issues: Violation[] = [];
  if (members <= profile.partyCongressThreshold) {
    issues.push(hard('ORG-PARTY-REPS', { reason: 'not-allowed', threshold: profile.partyCongressThreshold, actual: members }));
  }
  const figures = { actual: reps, min: profile.partyCongressRepsMin, max: profile.partyCongressRepsMax, absoluteMax: profile.partyCongressRepsAbsoluteMax };
  if (reps > profile.partyCongressRepsAbsoluteMax) issues.push(hard('ORG-PARTY-REPS', { reason: 'over-max', ...figures }));
  else if (reps < profile.partyCongressRepsMin) issues.push(hard('ORG-PARTY-REPS', { reason: 'range', ...figures }));
  else if (reps > profile.partyCongressRepsMax) issues.push(soft('ORG-PARTY-REPS', { reason: 'range', ...figures }));
  if (!input.approved) issues.push(hard('ORG-PARTY-REPS', { reason: 'not-approved' }));
  return resultOf({ method: 'congress', voters: reps, expected: reps }, issues, profile);
}

// ------------------------------------------------------------------------------------------------ ORG-RC-WOMAN

/** The close relatives (近亲属) of Civil Code Art. 1045 a committee may declare between two voters. */
export const CLOSE_RELATIONS = ['spouse', 'parent-child', 'sibling', 'grandparent-grandchild'] as const;
export type CloseRelation = (typeof CLOSE_RELATIONS)[number];
export const CLOSE_RELATION_ZH: Readonly<Record<CloseRelation, string>> = {
  spouse: '配偶',
  'parent-child': '父母子女',
  sibling: '兄弟姐妹',
  'grandparent-grandchild': '祖孙（含外祖父母、外孙子女）',
};

/** ORG-RC-WOMAN: at least one woman (where the profile says so); no two close relatives on the committee. */
export function checkWoman(
  input: {
    readonly members: readonly { readonly id: string; readonly name: string; readonly sex: 'male' | 'female' }[];
    readonly closeRelatives?: readonly (readonly [string, string])[];
  },
  profile: Profile,
): RuleResult<null> {
  const issues: Violation[] = [];
  if (profile.womanRequired && !input.members.some((m) => m.sex === 'female')) {
    issues.push(hard('ORG-RC-WOMAN', { reason: 'no-woman', members: input.members.length }));
  }
  if (profile.closeRelativesForbidden) {
    const byId = new Map(input.members.map((m) => [m.id, m.name]));
    for (const [a, b] of input.closeRelatives ?? []) {
      const na = byId.get(a);
      const nb = byId.get(b);
      if (na !== undefined && nb !== undefined && a !== b) issues.push(hard('ORG-RC-WOMAN', { reason: 'relatives', a: na, b: nb }));
    }
  }
  return resultOf(null, issues, profile);
}

// ------------------------------------------------------------------------------------------------ ORG-CROSS

export interface CrossAppointment {
  /** People on both committees. */
  readonly both: number;
  /** People on either committee. */
  readonly either: number;
  /** both / either, exact (0/0 when nobody is elected). */
  readonly rate: Fraction;
  /** Rounded percentage for display only (one decimal). */
  readonly percent: number;
  /** The party secretary is also the director (一肩挑). */
  readonly oneShoulder: boolean;
}

/** ORG-CROSS (figure): cross-appointment rate and 一肩挑, by person id. */
export function crossAppointment(input: {
  readonly rcMembers: readonly string[];
  readonly partyMembers: readonly string[];
  readonly director?: string | null;
  readonly secretary?: string | null;
}): CrossAppointment {
  const rc = new Set(input.rcMembers);
  const party = new Set(input.partyMembers);
  let both = 0;
  for (const id of rc) if (party.has(id)) both += 1;
  const either = rc.size + party.size - both;
  return {
    both,
    either,
    rate: { num: both, den: either === 0 ? 1 : either },
    percent: either === 0 ? 0 : Math.round((1000 * both) / either) / 10,
    oneShoulder: !!input.director && input.director === input.secretary,
  };
}

/** ORG-CROSS as a line of the checks list (a figure: always 'pass', the figures in details). */
export function crossAppointmentNote(c: CrossAppointment): {
  rule: 'ORG-CROSS';
  status: 'pass';
  details: { both: number; either: number; rate: string; percent: number; oneShoulder: boolean };
} {
  return { rule: 'ORG-CROSS', status: 'pass', details: { both: c.both, either: c.either, rate: `${c.rate.num}/${c.rate.den}`, percent: c.percent, oneShoulder: c.oneShoulder } };
}

/** ORG-CROSS summed over several communities (a street). */
export function crossAppointmentTotal(items: readonly CrossAppointment[]): CrossAppointment & { oneShoulderCount: number; communities: number } {
  const both = items.reduce((a, x) => a + x.both, 0);
  const either = items.reduce((a, x) => a + x.either, 0);
  const oneShoulderCount = items.filter((x) => x.oneShoulder).length;
  return {
    both,
    either,
    rate: { num: both, den: either === 0 ? 1 : either },
    percent: either === 0 ? 0 : Math.round((1000 * both) / either) / 10,
    oneShoulder: items.length > 0 && oneShoulderCount === items.length,
    oneShoulderCount,
    communities: items.length,
  };
}

// ------------------------------------------------------------------------------------------------ MTH-*

export const ELECTION_METHODS = ['congress', 'direct', 'household'] as const;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];
export const ELECTION_METHOD_LABELS_ZH: Readonly<Record<ElectionMethod, string>> = {
  congress: '居民代表会议选举',
  direct: '全体选民直接选举',
  household: '户代表选举',
};

/** The base of the quorum and of the majority for a method (MTG-QUORUM-RC). */
export function quorumBaseOf(method: ElectionMethod): 'representatives' | 'voters' | 'households' {
  switch (method) {
    case 'congress':
      return 'representatives';
    case 'direct':
      return 'voters';
    case 'household':
      return 'households';
    default: {
      const never: never = method;
      return never;
    }
  }
}

/** MTH-KIND: one of the three methods, and one the profile allows. */
export function checkMethod(method: string, profile: Profile): RuleResult<ElectionMethod> {
  const known = (ELECTION_METHODS as readonly string[]).includes(method);
  if (!known || !(profile.methodsAllowed as readonly string[]).includes(method)) {
    return resultOf(method as ElectionMethod, [hard('MTH-KIND', { method, allowed: profile.methodsAllowed.join(',') })], profile);
  }
  return okResult(method as ElectionMethod);
}

/** MTH-DIRECT-SHARE (yiwu): at least directShareMin (1/2) of the round's communities use direct election. */
export function checkDirectShare(
  communities: readonly { readonly method: ElectionMethod }[],
  profile: Profile,
): RuleResult<{ direct: number; total: number }> {
  const total = communities.length;
  const direct = communities.filter((c) => c.method === 'direct').length;
  const min = profile.directShareMin;
  if (!min || total === 0 || atLeastFraction(direct, total, min)) return okResult({ direct, total });
  return resultOf({ direct, total }, [
    hard('MTH-DIRECT-SHARE', { direct, total, required: formatFraction(min), requiredZh: formatFractionZh(min) }),
  ]);
}
