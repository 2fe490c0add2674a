/**
 * The shape of one rule of the registry (src/domain/rules): what a screen, a 422, the checks page and the filing
 * report read about a rule code of RULES.md, and the one pure function that decides it.
 */
import type { ElectionMethod } from '../committee.js';
import type { Profile } from '../profile.js';
import {
  describeViolation,
  issuesOf,
  levelled,
  type DescribedViolation,
  type Params,
  type RuleCode,
  type RuleResult,
  type Violation,
} from '../violations.js';

/** What a rule is under a profile: blocking (422), a warning to justify, or switched off. */
export type RuleSeverity = 'hard' | 'soft' | 'off';

/** `rule`: decides something; `figure`: a number shown (ORG-CROSS); `info`: a step that is recorded, not judged. */
export type RuleKind = 'rule' | 'figure' | 'info';

export type Chapter = 'ORG' | 'VOT' | 'REP' | 'MTH' | 'CAN' | 'MTG' | 'CNT' | 'PTY' | 'TML' | 'AFT';

export type Outcome =
  | { readonly status: 'pass'; readonly params: Params }
  | {
      readonly status: 'breach';
      readonly severity: 'hard' | 'soft';
      /** Every issue's Chinese message joined (the actual numbers come from the facts and the profile). */
      readonly messageZh: string;
      readonly message: string;
      /** The first issue's figures. */
      readonly params: Params;
      readonly violations: readonly DescribedViolation[];
    }
  | { readonly status: 'not-applicable'; readonly reason: string; readonly reasonZh: string };

export interface RuleDefinition<F> {
  readonly code: RuleCode;
  readonly chapter: Chapter;
  readonly kind: RuleKind;
  readonly titleZh: string;
  readonly title: string;
  /** The seed line or article (or the *practice* source) the rule comes from. */
  readonly source: string;
  /** RULES.md's severity before a profile's overrides. */
  readonly defaultSeverity: 'hard' | 'soft';
  /** When the rule applies, in Chinese (shown with GET /rules). */
  readonly appliesWhenZh: string;
  /** Whether the profile switches the rule on (otherwise its severity is 'off' and every evaluation n/a). */
  readonly applies: (profile: Profile) => boolean;
  /**
   * The residents' committee election methods (MTH-KIND) the rule belongs to, when only some: REP-* to the
   * representative congress, MTG-PROXY to direct and household elections. Absent: every method.
   */
  readonly methods?: readonly ElectionMethod[];
  /** Pure: the facts gathered by a service and the round's profile → pass, breach or not-applicable. */
  readonly evaluate: (facts: F, profile: Profile) => Outcome;
}

export const pass = (params: Params = {}): Outcome => ({ status: 'pass', params });

export const notApplicable = (reason: string, reasonZh: string): Outcome => ({ status: 'not-applicable', reason, reasonZh });

export const NOT_IN_PROFILE: Outcome = notApplicable('not-in-profile', '本规则配置未启用此项规则');

/**
 * A rule decided as each record is entered (a breach is refused there) and not evaluated again on what is stored: a
 * checks page says so instead of claiming a pass it did not evaluate.
 */
export const ENFORCED_AT_ENTRY: Outcome = notApplicable('enforced-at-entry', '录入时逐条校验，不合规的录入已被拒绝；此处未重新核查');

/**
 * The outcome for `code` of a domain function's result (or bare issues): only the issues naming `code` count, each
 * at the severity the profile gives it.
 */
export function outcomeOf(code: RuleCode, result: RuleResult<unknown> | readonly Violation[], profile: Profile, params: Params = {}): Outcome {
  const all = Array.isArray(result) ? (result as readonly Violation[]) : issuesOf(result as RuleResult<unknown>);
  const mine = levelled(
    all.filter((v) => v.rule === code),
    profile,
  );
  if (mine.length === 0) return pass(params);
  const described = mine.map(describeViolation);
  return {
    status: 'breach',
    severity: mine.some((v) => v.severity === 'hard') ? 'hard' : 'soft',
    messageZh: described.map((d) => d.messageZh).join('；'),
    message: described.map((d) => d.message).join('; '),
    params: mine[0]!.params,
    violations: described,
  };
}

/** Declares a rule (keeps the facts type of its evaluator). */
export function defineRule<F>(rule: RuleDefinition<F>): RuleDefinition<F> {
  return rule;
}

export const always = (): boolean => true;
