/**
 * The rule registry: one entry per rule code of RULES.md (docs/RULES.md), each with its Chinese title, its source in
 * the seeds, its severity under a profile, when it applies, and the one pure function that decides it. Services gather
 * facts and call `RULES[code].evaluate(facts, profile)`; the 422 body, `GET /communities/:id/checks`, `GET /rules`, the
 * filing report and the dashboard read from here.
 */
import type { Profile } from '../profile.js';
import type { ElectionMethod } from '../committee.js';
import { isRuleCode, RULE_CODES, type RuleCode } from '../violations.js';
import * as after from './after.js';
import * as candidates from './candidates.js';
import * as meeting from './meeting.js';
import * as organisation from './organisation.js';
import * as representatives from './representatives.js';
import type { RuleDefinition, RuleKind, RuleSeverity } from './types.js';
import * as voters from './voters.js';

export type { Outcome, RuleDefinition, RuleKind, RuleSeverity, Chapter } from './types.js';

// The evaluators' facts differ per rule; the registry keeps each entry's own type in its module.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRule = RuleDefinition<any>;

const ALL: readonly AnyRule[] = [
  ...Object.values(organisation),
  ...Object.values(voters),
  ...Object.values(representatives),
  ...Object.values(candidates),
  ...Object.values(meeting),
  ...Object.values(after),
].filter((x): x is AnyRule => typeof x === 'object' && x !== null && 'code' in x && 'evaluate' in x);

function byCode(): Readonly<Record<RuleCode, AnyRule>> {
  const map = new Map<RuleCode, AnyRule>();
  for (const rule of ALL) {
    if (map.has(rule.code)) throw new Error(`rule ${rule.code} is declared twice`);
    map.set(rule.code, rule);
  }
  const missing = RULE_CODES.filter((c) => !map.has(c));
  if (missing.length > 0) throw new Error(`rules without an entry: ${missing.join(', ')}`);
  return Object.fromEntries(RULE_CODES.map((c) => [c, map.get(c)!])) as Record<RuleCode, AnyRule>;
}

/** Every rule, by code (RULES.md order). */
export const RULES: Readonly<Record<RuleCode, AnyRule>> = byCode();

/** The typed entries, for callers that want the facts type of one rule. */
export const RULE_ENTRIES = { ...organisation, ...voters, ...representatives, ...candidates, ...meeting, ...after };

/** A rule's severity under a profile: 'off' when the profile switches it off, else the profile's override or RULES.md's. */
export function severityOf(code: RuleCode, profile: Profile): RuleSeverity {
  const rule = RULES[code];
  if (!rule.applies(profile)) return 'off';
  return profile.severities[code] ?? rule.defaultSeverity;
}

/**
 * Whether a rule belongs to a community's election method (a rule of another method is 不适用 there, with that
 * reason): what the registry entry's `methods` says; a code that is not a rule belongs to every method.
 */
export function appliesToMethod(code: string, method: ElectionMethod): boolean {
  if (!isRuleCode(code)) return true;
  const methods = RULES[code].methods;
  return methods === undefined || methods.includes(method);
}

export interface RuleListing {
  readonly code: RuleCode;
  readonly chapter: string;
  readonly kind: RuleKind;
  readonly title: string;
  readonly titleZh: string;
  readonly source: string;
  readonly severity: RuleSeverity;
  readonly appliesWhenZh: string;
  /** Overrides of particular cases (`CODE:reason` → severity) in this profile, e.g. yiwu's 一般. */
  readonly caseSeverities: Readonly<Record<string, RuleSeverity>>;
}

/** Every rule of a profile, for `GET /rules` and the screens. */
export function listRules(profile: Profile): RuleListing[] {
  return RULE_CODES.map((code) => {
    const r = RULES[code];
    const cases = Object.fromEntries(Object.entries(profile.severities).filter(([k]) => k.startsWith(`${code}:`)));
    return {
      code,
      chapter: r.chapter,
      kind: r.kind,
      title: r.title,
      titleZh: r.titleZh,
      source: r.source,
      severity: severityOf(code, profile),
      appliesWhenZh: r.appliesWhenZh,
      caseSeverities: cases,
    };
  });
}
