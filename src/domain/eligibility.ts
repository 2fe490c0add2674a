/**
 * Voter registration rules (选民登记): VOT-ID, VOT-AGE, VOT-RIGHTS, VOT-RESIDENT (per row, hot path),
 * VOT-NO-DUP (given a lookup) and VOT-COMPLETE (roster versus registrations).
 */
import { ageFromKeys, dateKey } from './dates.js';
import { maskIdNumber, normaliseIdNumber, parseIdNumber, type IdCard, type Sex } from './id-card.js';
import type { Profile } from './profile.js';
import { hard, resultOf, soft, type RuleResult, type Violation } from './violations.js';

export type Residency = 'registered' | 'resident' | 'worker';

/** The residency categories as sheets and clerks write them (户籍, 居住, 人户分离, 工作) and as the API names them. */
export const RESIDENCY_WORDS: Readonly<Record<string, Residency>> = {
  registered: 'registered',
  户籍: 'registered',
  resident: 'resident',
  居住: 'resident',
  人户分离: 'resident',
  worker: 'worker',
  工作: 'worker',
};

/** The category a written word names, or undefined. */
export function residencyOf(text: string): Residency | undefined {
  const t = text.trim();
  return RESIDENCY_WORDS[t] ?? RESIDENCY_WORDS[t.toLowerCase()];
}

export interface VoterInput {
  readonly idNumber: string;
  readonly name: string;
  readonly residency: Residency;
  /** Months lived in the community (人户分离 residents). */
  readonly residencyMonths?: number | null;
  /** The resident asked to take part. */
  readonly requested?: boolean | null;
  /** A community worker approved by the election committee. */
  readonly approved?: boolean | null;
  readonly rightsDeprived?: boolean | null;
  readonly statedBirthDate?: string | null;
  readonly statedSex?: Sex | null;
}

export interface VoterContext {
  readonly electionDay: string;
  readonly today: string;
  readonly profile: Profile;
}

export interface CheckedVoter {
  readonly idNumber: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly age: number;
  readonly converted15: boolean;
}

/**
 * VOT-AGE: 18 or older on election day, i.e. born on or before election day minus 18 years. Someone born on
 * 29 February turns 18 on 1 March of a non-leap year (month*100+day comparison: 0228 < 0229 < 0301).
 */
export function isAdultOn(birthDate: string, electionDay: string): boolean {
  return ageFromKeys(dateKey(birthDate), dateKey(electionDay)) >= 18;
}

/** The latest birth date of an 18-year-old on `electionDay` (28 Feb when election day is 29 Feb). */
export function latestAdultBirthDate(electionDay: string): string {
  const y = Number(electionDay.slice(0, 4)) - 18;
  const md = electionDay.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** VOT-AGE for one person: 18 or older on election day (the message names the latest birth date allowed). */
export function checkVoterAge(input: { readonly birthDate: string; readonly electionDay: string }): Violation[] {
  const age = ageFromKeys(dateKey(input.birthDate), dateKey(input.electionDay));
  if (age >= 18) return [];
  return [hard('VOT-AGE', { birthDate: input.birthDate, electionDay: input.electionDay, bornBy: latestAdultBirthDate(input.electionDay), age })];
}

/** VOT-RESIDENT for one person. */
export function checkResidency(
  input: Pick<VoterInput, 'residency' | 'residencyMonths' | 'requested' | 'approved'>,
  profile: Profile,
): Violation[] {
  switch (input.residency) {
    case 'registered':
      return [];
    case 'resident': {
      const out: Violation[] = [];
      const required = profile.residencyMonths;
      const months = input.residencyMonths;
      if (required > 0 && (months === undefined || months === null)) out.push(hard('VOT-RESIDENT', { reason: 'months-unknown', required }));
      else if (months !== undefined && months !== null && months < required) {
        out.push(hard('VOT-RESIDENT', { reason: 'months', required, actual: months }));
      }
      if (input.requested !== true) out.push(hard('VOT-RESIDENT', { reason: 'not-requested' }));
      return out;
    }
    case 'worker':
      return input.approved === true ? [] : [hard('VOT-RESIDENT', { reason: 'not-approved' })];
    default: {
      const never: never = input.residency;
      return [hard('VOT-RESIDENT', { reason: 'unknown', residency: String(never) })];
    }
  }
}

/** VOT-RIGHTS: a person deprived of political rights may not be registered. */
export function checkRights(rightsDeprived: boolean | null | undefined): Violation[] {
  return rightsDeprived === true ? [hard('VOT-RIGHTS', {})] : [];
}

export interface IdentityFacts {
  readonly idNumber: string;
  readonly today: string;
  readonly statedBirthDate?: string | null;
  readonly statedSex?: Sex | null;
}

/**
 * VOT-ID, the one decision (the registry's VOT-ID and `checkVoter` both ask it): a valid identity number (GB 11643)
 * that agrees with the stated birth date and sex. The card is null when the number itself is invalid.
 */
export function checkIdentity(input: IdentityFacts): { readonly card: IdCard | null; readonly issues: readonly Violation[] } {
  const parsed = parseIdNumber(input.idNumber, input.today);
  if (!parsed.ok) return { card: null, issues: parsed.violations };
  const card = parsed.value;
  const issues: Violation[] = [];
  if (input.statedBirthDate && input.statedBirthDate !== card.birthDate) {
    issues.push(hard('VOT-ID', { reason: 'birth-mismatch', stated: input.statedBirthDate, fromNumber: card.birthDate }));
  }
  if (input.statedSex && input.statedSex !== card.sex) issues.push(hard('VOT-ID', { reason: 'sex-mismatch', stated: input.statedSex, fromNumber: card.sex }));
  return { card, issues };
}

/**
 * One row of the voter register: VOT-ID (`checkIdentity`), VOT-AGE, VOT-RIGHTS, VOT-RESIDENT. All violations of the
 * row are reported, not just the first.
 */
export function checkVoter(input: VoterInput, ctx: VoterContext): RuleResult<CheckedVoter> {
  const { card, issues: identity } = checkIdentity({ idNumber: input.idNumber, today: ctx.today, statedBirthDate: input.statedBirthDate, statedSex: input.statedSex });
  const issues: Violation[] = [...identity];
  let value: CheckedVoter | null = null;
  if (card) {
    const age = ageFromKeys(dateKey(card.birthDate), dateKey(ctx.electionDay));
    if (age < 18) issues.push(...checkVoterAge({ birthDate: card.birthDate, electionDay: ctx.electionDay }));
    value = { idNumber: card.idNumber, birthDate: card.birthDate, sex: card.sex, age, converted15: card.converted15 };
  }
  issues.push(...checkRights(input.rightsDeprived));
  const residency = checkResidency(input, ctx.profile);
  if (residency.length > 0) issues.push(...residency);
  if (value === null) return { ok: false, violations: issues, warnings: [] };
  return resultOf(value, issues);
}

export interface CommunityRef {
  readonly id: string;
  readonly name: string;
}

/**
 * VOT-NO-DUP: one registration per person per round across the district. `existingCommunity` is what the
 * repository found for this identity number in the round (any community of the district), or null.
 * A registration found in the same community is a re-import (`status: 'same-community'`), not a violation.
 */
export function checkNoDuplicate(input: {
  readonly idNumber: string;
  readonly communityId: string;
  readonly existingCommunity?: CommunityRef | null;
}): RuleResult<{ status: 'new' | 'same-community' }> {
  const other = input.existingCommunity;
  if (!other) return resultOf({ status: 'new' }, []);
  if (other.id === input.communityId) return resultOf({ status: 'same-community' }, []);
  return resultOf({ status: 'new' }, [
    hard('VOT-NO-DUP', {
      idNumberMasked: maskIdNumber(input.idNumber),
      otherCommunityId: other.id,
      otherCommunityName: other.name,
    }),
  ]);
}

export interface RosterEntry {
  readonly idNumber: string;
  readonly name: string;
}

/**
 * VOT-COMPLETE (soft): residents in the roster, 18 or older on election day, who are not registered. Roster rows
 * with an invalid number are ignored here (they are reported by VOT-ID when registered).
 */
export function findMissingRegistrations(input: {
  readonly roster: readonly RosterEntry[];
  readonly registeredIdNumbers: Iterable<string>;
  readonly electionDay: string;
  readonly today: string;
}): RuleResult<{ missing: readonly (RosterEntry & { birthDate: string })[] }> {
  const registered = new Set<string>();
  for (const id of input.registeredIdNumbers) registered.add(normaliseIdNumber(id));
  const missing: (RosterEntry & { birthDate: string })[] = [];
  for (const entry of input.roster) {
    const parsed = parseIdNumber(entry.idNumber, input.today);
    if (!parsed.ok) continue;
    if (registered.has(parsed.value.idNumber)) continue;
    if (!isAdultOn(parsed.value.birthDate, input.electionDay)) continue;
    missing.push({ idNumber: parsed.value.idNumber, name: entry.name, birthDate: parsed.value.birthDate });
  }
  return resultOf({ missing }, missing.length > 0 ? [soft('VOT-COMPLETE', { missing: missing.length })] : []);
}
