/**
 * Candidates (候选人): CAN-NOMINATION, CAN-ELIGIBLE, CAN-AGE-EDU, CAN-SURPLUS (+ MTG-SECRET), CAN-PRELIM-REPORT,
 * CAN-LIST-NOTICE, CAN-WITHDRAW. Seed 001 篇三 五(二)6 and 8, 六1; seed 002 (age/education, self-nomination).
 */
import { checkPublicDeputyCandidate, type DeputyRole } from './committee.js';
import { addDays, ageOn, compareDates, daysBetween, monthDayIn, yearOf } from './dates.js';
import type { Sex } from './id-card.js';
import { meetsEducation, minCandidatesFor, surplusPercent, type Education, type Profile } from './profile.js';
import { hard, okResult, resultOf, soft, type RuleResult, type Violation } from './violations.js';

export type Contest = 'director' | 'deputy' | 'member' | 'committee' | 'party';
export type Ballot = 'secret' | 'show-of-hands';

// ------------------------------------------------------------------------------------------------ CAN-SURPLUS

/** CAN-SURPLUS: ceil(seats × surplusRatio) (6/5) and at least seats + 1, exact integers. 5→6, 6→8, 7→9, 9→11, 11→14. */
export function minCandidates(seats: number, profile: Profile): number {
  return minCandidatesFor(seats, profile.surplusRatio);
}

/** MTG-SECRET: competitive elections by secret ballot; show of hands only for an equal election where allowed. */
export function checkSecretBallot(input: { readonly ballot: Ballot; readonly seats: number; readonly candidates: number }, profile: Profile): RuleResult<null> {
  if (input.ballot === 'secret') return okResult(null);
  if (!profile.equalElectionByShowOfHands) return resultOf(null, [hard('MTG-SECRET', { reason: 'show-of-hands-not-allowed' })], profile);
  if (input.candidates !== input.seats) {
    return resultOf(null, [hard('MTG-SECRET', { reason: 'show-of-hands-competitive', seats: input.seats, candidates: input.candidates })], profile);
  }
  return okResult(null);
}

export interface SurplusFacts {
  readonly seats: number;
  readonly candidates: number;
  readonly ballot: Ballot;
  /**
   * The list lost a candidate by withdrawal and no one was backfilled: judged on `today`, the breach names the lawful
   * path that remains before anyone votes.
   */
  readonly afterWithdrawal?: { readonly today: string; readonly electionDay: string };
}

/**
 * CAN-SURPLUS for a contest: a secret ballot needs minCandidates(seats); a show of hands is an equal election
 * (candidates = seats), allowed only where the profile says so (MTG-SECRET).
 */
export function checkSurplus(input: SurplusFacts, profile: Profile): RuleResult<{ required: number; equal: boolean }> {
  const required = minCandidates(input.seats, profile);
  if (input.ballot === 'show-of-hands') {
    const secret = checkSecretBallot(input, profile);
    return secret.ok ? okResult({ required: input.seats, equal: true }) : { ...secret };
  }
  if (input.candidates >= required) return okResult({ required, equal: false });
  const surplus = surplusPercent(profile.surplusRatio);
  const figures = { seats: input.seats, required, actual: input.candidates, surplus };
  const short = input.afterWithdrawal ? { ...figures, ...withdrawalRemedy(input.afterWithdrawal, profile) } : figures;
  return resultOf({ required, equal: false }, [hard('CAN-SURPLUS', short)], profile);
}

/**
 * What remains lawful when a withdrawal leaves a list short and no one can be backfilled: a further nomination
 * while a new list can still be published `candidateListNoticeDays` before election day, and always postponing the
 * election day with the steering group's approval (then nominating for the new day).
 */
export function withdrawalRemedy(
  input: { readonly today: string; readonly electionDay: string },
  profile: Profile,
): { reason: 'withdrawal-nominate' | 'withdrawal-postpone'; publishBy: string; noticeDays: number } {
  const publishBy = latestListPublication(input.electionDay, profile);
  const reason = compareDates(input.today, publishBy) <= 0 ? 'withdrawal-nominate' : 'withdrawal-postpone';
  return { reason, publishBy, noticeDays: profile.candidateListNoticeDays };
}

// ------------------------------------------------------------------------------------------------ CAN-NOMINATION

export type NominationBasis = 'voters' | 'households' | 'group' | 'committee' | 'self';

export interface Nominator {
  readonly id: string;
  readonly name?: string;
  readonly registered: boolean;
  /** Household number, for household-representative nominations (one per household). */
  readonly householdNo?: string | null;
  /** Joint nominations this nominator already made for the same position (this one excluded). */
  readonly nominationsForPosition?: number;
}

/**
 * CAN-NOMINATION: ≥ nominationMinVoters (10) voters jointly, ≥ nominationMinHouseholds (5) household
 * representatives jointly (distinct households), a residents' group, the election committee, or self-nomination
 * (yiwu). Nominators are registered voters; with `nominatorLimit: 'seats'` a nominator joins at most `seats` joint
 * nominations per position (*practice*). The election committee's own nomination (组织提名) stands only with the
 * nominee's recorded consent (本人同意): no one nominated by others is put up by the organisation against their will.
 */
export function checkNomination(
  input: { readonly basis: NominationBasis; readonly seats: number; readonly nominators?: readonly Nominator[]; readonly consent?: boolean },
  profile: Profile,
): RuleResult<null> {
  const nominators = input.nominators ?? [];
  const issues: Violation[] = [];
  switch (input.basis) {
    case 'voters':
      if (nominators.length < profile.nominationMinVoters) {
        issues.push(hard('CAN-NOMINATION', { reason: 'too-few-voters', required: profile.nominationMinVoters, actual: nominators.length }));
      }
      break;
    case 'households': {
      const households = new Set(nominators.map((n) => n.householdNo ?? `person:${n.id}`)).size;
      if (households < profile.nominationMinHouseholds) {
        issues.push(hard('CAN-NOMINATION', { reason: 'too-few-households', required: profile.nominationMinHouseholds, actual: households }));
      }
      break;
    }
    case 'self':
      if (!profile.selfNominationAllowed) issues.push(hard('CAN-NOMINATION', { reason: 'self-not-allowed' }));
      break;
    case 'group':
      break;
    case 'committee':
      if (input.consent !== true) issues.push(hard('CAN-NOMINATION', { reason: 'committee-no-consent' }));
      break;
    default: {
      const never: never = input.basis;
      issues.push(hard('CAN-NOMINATION', { reason: 'basis', basis: String(never) }));
    }
  }
  const unregistered = nominators.filter((n) => !n.registered).length;
  if (unregistered > 0) issues.push(hard('CAN-NOMINATION', { reason: 'nominator-not-registered', count: unregistered }));
  const seen = new Set<string>();
  for (const n of nominators) {
    if (seen.has(n.id)) issues.push(hard('CAN-NOMINATION', { reason: 'duplicate-nominator', nominator: n.name ?? n.id }));
    seen.add(n.id);
    const total = (n.nominationsForPosition ?? 0) + 1;
    if (profile.nominatorLimit === 'seats' && (input.basis === 'voters' || input.basis === 'households') && total > input.seats) {
      issues.push(hard('CAN-NOMINATION', { reason: 'nominator-over-limit', nominator: n.name ?? n.id, actual: total, max: input.seats }));
    }
  }
  return resultOf(null, issues, profile);
}

// ------------------------------------------------------------------------------------------------ CAN-ELIGIBLE, CAN-AGE-EDU

export interface CandidateFacts {
  readonly name: string;
  /** Registered voter of the community. */
  readonly registered: boolean;
  readonly rightsDeprived?: boolean;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly education: Education | null;
  /** Member of the outgoing committee (yiwu: 原社区班子成员). */
  readonly incumbent: boolean;
  readonly partyMember?: 'full' | 'probationary' | null;
  readonly residency: 'registered' | 'resident' | 'worker';
}

/**
 * CAN-ELIGIBLE (registered voter, political rights, full party member for the party contest), CAN-AGE-EDU (profile
 * limits by sex and incumbency, inclusive: "51周岁以下" = at most 51; lanzhou party secretary: high school and ≤ 40,
 * both soft), ORG-RC-PUBLIC-DEPUTY (roles include 'public'). Ages are completed years on election day.
 */
export function checkCandidateEligibility(
  input: {
    readonly candidate: CandidateFacts;
    readonly contest: Contest;
    readonly electionDay: string;
    readonly roles?: readonly DeputyRole[];
    /** Candidate for party secretary (书记). */
    readonly secretary?: boolean;
  },
  profile: Profile,
): RuleResult<{ age: number }> {
  const c = input.candidate;
  const issues: Violation[] = [];
  const age = ageOn(c.birthDate, input.electionDay);
  // Someone not registered here is refused on that alone: nothing else of a person of another community is judged
  // or told (not the name, not an age or a party membership), only that the voter is not registered here.
  if (!c.registered) return resultOf({ age }, [hard('CAN-ELIGIBLE', { reason: 'not-registered' })], profile);
  if (c.rightsDeprived === true) issues.push(hard('CAN-ELIGIBLE', { reason: 'rights-deprived', name: c.name }));
  if (input.contest === 'party' && c.partyMember !== 'full') issues.push(hard('CAN-ELIGIBLE', { reason: 'not-full-party-member', name: c.name }));

  const limits = profile.candidateLimits;
  if (limits) {
    const l = c.incumbent ? limits.incumbent : limits.newcomer;
    const max = c.sex === 'male' ? l.maxAgeMale : l.maxAgeFemale;
    if (age > max) issues.push(hard('CAN-AGE-EDU', { reason: 'age', incumbent: c.incumbent, sex: c.sex, max, actual: age }));
    if (!meetsEducation(c.education, l.minEducation)) {
      // yiwu: a newcomer's education is what 002 calls 一般 (soft there, by the profile's severities); an incumbent's is not
      const reason = c.incumbent ? 'education' : 'newcomer-education';
      issues.push(hard('CAN-AGE-EDU', { reason, incumbent: c.incumbent, required: l.minEducation, actual: c.education }));
    }
  }
  const sec = profile.partySecretaryLimits;
  if (sec && input.secretary === true) {
    if (!meetsEducation(c.education, sec.minEducation)) {
      issues.push(soft('CAN-AGE-EDU', { reason: 'secretary-education', required: sec.minEducation, actual: c.education }));
    }
    if (age > sec.maxAge) issues.push(soft('CAN-AGE-EDU', { reason: 'secretary-age', max: sec.maxAge, actual: age }));
  }
  if (input.roles?.includes('public')) {
    issues.push(...checkPublicDeputyCandidate({ birthDate: c.birthDate, education: c.education, residency: c.residency, electionDay: input.electionDay }, profile));
  }
  return resultOf({ age }, issues, profile);
}

// ------------------------------------------------------------------------------------------------ CAN-PRELIM-REPORT

/** The preliminary-report deadline of a round (lanzhou: 12-06 of the election year), or null. */
export function prelimReportDeadline(electionDay: string, profile: Profile): string | null {
  return profile.prelimReportDeadline ? monthDayIn(yearOf(electionDay), profile.prelimReportDeadline) : null;
}

/**
 * CAN-PRELIM-REPORT: preliminary candidates publicised (公示) and reported to the street on or before the deadline
 * ("12月6日前" read as "by 6 December", inclusive). `reportedOn` null: not yet reported (a breach once today is
 * past the deadline).
 */
export function checkPrelimReport(
  input: { readonly reportedOn: string | null; readonly publicised?: boolean; readonly electionDay: string; readonly today: string },
  profile: Profile,
): RuleResult<{ deadline: string | null }> {
  const deadline = prelimReportDeadline(input.electionDay, profile);
  const issues: Violation[] = [];
  if (input.reportedOn === null) {
    if (deadline && input.today > deadline) issues.push(hard('CAN-PRELIM-REPORT', { reason: 'not-reported', deadline, today: input.today }));
    return resultOf({ deadline }, issues, profile);
  }
  if (input.reportedOn > input.today) issues.push(hard('CAN-PRELIM-REPORT', { reason: 'future', reportedOn: input.reportedOn, today: input.today }));
  if (deadline && input.reportedOn > deadline) issues.push(hard('CAN-PRELIM-REPORT', { reason: 'late', deadline, reportedOn: input.reportedOn }));
  if (input.publicised === false) issues.push(hard('CAN-PRELIM-REPORT', { reason: 'not-publicised' }));
  return resultOf({ deadline }, issues, profile);
}

// ------------------------------------------------------------------------------------------------ CAN-LIST-NOTICE

/** The last day the official list may be published: election day − candidateListNoticeDays (5). */
export function latestListPublication(electionDay: string, profile: Profile): string {
  return addDays(electionDay, -profile.candidateListNoticeDays);
}

/**
 * CAN-LIST-NOTICE: publication date ≤ election day − 5 calendar days. A list changed after publication is
 * published again and checked with the new date.
 */
export function checkCandidateListNotice(
  input: { readonly publishedOn: string; readonly electionDay: string },
  profile: Profile,
): RuleResult<{ daysBefore: number; latest: string }> {
  const actual = daysBetween(input.publishedOn, input.electionDay);
  const required = profile.candidateListNoticeDays;
  const value = { daysBefore: actual, latest: latestListPublication(input.electionDay, profile) };
  if (actual >= required) return okResult(value);
  return resultOf(value, [hard('CAN-LIST-NOTICE', { required, actual, publishedOn: input.publishedOn, electionDay: input.electionDay })], profile);
}

/**
 * A republication after a withdrawal: the 5-day rule applies to the backfilled name only when
 * `backfillRestartsNotice`; any other change restarts the 5 days for the whole list.
 */
export function checkRepublication(
  input: { readonly publishedOn: string; readonly electionDay: string; readonly cause: 'backfill' | 'change' },
  profile: Profile,
): RuleResult<{ daysBefore: number; latest: string } | null> {
  if (input.cause === 'backfill' && !profile.backfillRestartsNotice) return okResult(null);
  return checkCandidateListNotice(input, profile);
}

// ------------------------------------------------------------------------------------------------ CAN-WITHDRAW

/** CAN-WITHDRAW: a withdrawal on or before election day − withdrawCloseDays (3). */
export function checkWithdrawal(input: { readonly on: string; readonly electionDay: string }, profile: Profile): RuleResult<{ daysBefore: number }> {
  const actual = daysBetween(input.on, input.electionDay);
  const required = profile.withdrawCloseDays;
  if (actual >= required) return okResult({ daysBefore: actual });
  return resultOf({ daysBefore: actual }, [hard('CAN-WITHDRAW', { required, actual, on: input.on, electionDay: input.electionDay })], profile);
}

/**
 * CAN-WITHDRAW: the vacancy goes to the first preliminary candidate, in nomination order, who is not already on
 * the list. `restartsNotice` says whether the 5-day notice applies to that name (profile).
 */
export function backfillFromPreliminary<T extends { readonly id: string; readonly nominationSeq: number }>(
  input: { readonly preliminary: readonly T[]; readonly onList: readonly string[] },
  profile: Profile,
): { candidate: T | null; restartsNotice: boolean } {
  const taken = new Set(input.onList);
  const next = [...input.preliminary].filter((p) => !taken.has(p.id)).sort((a, b) => a.nominationSeq - b.nominationSeq)[0];
  return { candidate: next ?? null, restartsNotice: profile.backfillRestartsNotice };
}
