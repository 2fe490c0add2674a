/**
 * After the round: checking voters in by their voter card (MTG-CHECKIN), the recall of an elected member (AFT-RECALL:
 * the petition's share and the vote) and the by-election of a vacant seat (AFT-BY-ELECTION). Pure: the facts are
 * gathered by src/services/check-ins.ts and src/services/by-elections.ts.
 */
import { ceilTimes, formatFractionZh, moreThanFraction, type Fraction, type Profile } from './profile.js';
import { hard, resultOf, type RuleResult, type Violation } from './violations.js';

export interface CheckInFacts {
  /** The meeting's quorum base: only voters and representatives are counted by voter card. */
  readonly base: 'representatives' | 'voters' | 'households' | 'party-members';
  readonly name: string;
  /** Whether the card's voter is registered in the meeting's community. */
  readonly sameCommunity: boolean;
  /** Whether the voter is a representative of the community (a congress counts representatives). */
  readonly representative: boolean;
  /** Checked in by someone else: the holder named in the proxy register, and whether that holder is checked in. */
  readonly proxy: null | { readonly registeredHolder: string | null; readonly holderCheckedIn: boolean };
}

/** MTG-CHECKIN: a card of this community, a representative at a congress, a proxy only as the register says. */
export function checkCheckIn(facts: CheckInFacts): RuleResult<null> {
  const issues: Violation[] = [];
  if (facts.base === 'households' || facts.base === 'party-members') issues.push(hard('MTG-CHECKIN', { reason: 'base', base: facts.base }));
  else if (!facts.sameCommunity) issues.push(hard('MTG-CHECKIN', { reason: 'other-community', name: facts.name }));
  else if (facts.base === 'representatives' && !facts.representative) issues.push(hard('MTG-CHECKIN', { reason: 'not-representative', name: facts.name }));
  else if (facts.proxy) {
    if (facts.proxy.registeredHolder === null) issues.push(hard('MTG-CHECKIN', { reason: 'no-proxy', name: facts.name }));
    else if (!facts.proxy.holderCheckedIn) issues.push(hard('MTG-CHECKIN', { reason: 'holder-absent', holder: facts.proxy.registeredHolder }));
  }
  return resultOf(null, issues);
}

export type RecallBase = 'voters' | 'representatives';

/** The share of voters (or representatives) whose joint petition opens a recall (罢免联名). */
export function recallShareOf(base: RecallBase, profile: Profile): Fraction {
  return base === 'representatives' ? profile.recallRepresentativeShare : profile.recallVoterShare;
}

/** AFT-RECALL (petition): at least the profile's share of the base signed. */
export function checkRecallPetition(facts: { readonly base: RecallBase; readonly baseCount: number; readonly petitioners: number }, profile: Profile): RuleResult<{ required: number }> {
  const share = recallShareOf(facts.base, profile);
  const required = ceilTimes(facts.baseCount, share);
  const issues =
    facts.petitioners < required || facts.petitioners > facts.baseCount || facts.baseCount === 0
      ? [hard('AFT-RECALL', { reason: 'share', base: facts.base, baseCount: facts.baseCount, required, actual: facts.petitioners, share: formatFractionZh(share) })]
      : [];
  return resultOf({ required }, issues);
}

/**
 * AFT-RECALL (vote): more than half of the base voted, and more than half of the ballots returned are for the recall.
 * A vote that fails keeps the member (the outcome `kept`), it is not an error of the record.
 */
export function decideRecall(facts: { readonly base: RecallBase; readonly baseCount: number; readonly returned: number; readonly votesFor: number }): RuleResult<{ recalled: boolean }> {
  const half = { num: 1, den: 2 };
  const issues: Violation[] = [];
  if (!moreThanFraction(facts.returned, facts.baseCount, half)) {
    issues.push(hard('AFT-RECALL', { reason: 'turnout', base: facts.base, baseCount: facts.baseCount, returned: facts.returned }));
  } else if (!moreThanFraction(facts.votesFor, facts.returned, half)) {
    issues.push(hard('AFT-RECALL', { reason: 'majority', returned: facts.returned, votesFor: facts.votesFor }));
  }
  return resultOf({ recalled: issues.length === 0 }, issues);
}

/** AFT-BY-ELECTION: the vacated person held a seat of that post in this round. */
export function checkVacancy(facts: { readonly name: string; readonly contest: string; readonly elected: boolean }): RuleResult<null> {
  return resultOf(null, facts.elected ? [] : [hard('AFT-BY-ELECTION', { reason: 'not-elected', name: facts.name, contest: facts.contest })]);
}
