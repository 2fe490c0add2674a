/**
 * The per-rule status list behind `GET /communities/:id/checks`: every rule code with its title, source and severity
 * (from the rule registry, src/domain/rules) and a status ('pass' | 'fail' | 'warning' | 'n/a') from the registry's
 * outcomes for the facts a service gathered.
 */
import type { Profile } from './profile.js';
import { RULES, severityOf, type Outcome, type RuleKind, type RuleSeverity } from './rules/index.js';
import { outcomeOf } from './rules/types.js';
import { RULE_CODES, issuesOf, type Params, type RuleCode, type RuleResult, type Violation } from './violations.js';

export type CheckStatus = 'pass' | 'fail' | 'warning' | 'n/a';

export interface RuleCheck {
  readonly rule: RuleCode;
  readonly kind: RuleKind;
  /** Severity under the round's profile (registry). */
  readonly severity: RuleSeverity;
  readonly title: string;
  readonly titleZh: string;
  /** The seed line or article the rule comes from. */
  readonly source: string;
  readonly status: CheckStatus;
  /** Chinese: the breach with its figures, or why the rule does not apply; absent when it passes. */
  readonly messageZh?: string;
  readonly message?: string;
  readonly details: Params;
}

/** A registry outcome for one rule (what `RULES[rule].evaluate(facts, profile)` returned). */
export interface JudgedRule {
  readonly rule: RuleCode;
  readonly outcome: Outcome;
}

/** A domain result that speaks for several rules (e.g. checkRepresentatives for REP-*): each rule's outcome is taken from it. */
export interface Evaluation {
  readonly rules: readonly RuleCode[];
  readonly result: RuleResult<unknown> | readonly Violation[];
}

/** A status known without evaluating (enforced at entry, a figure, a stored decision). */
export interface RuleNote {
  readonly rule: RuleCode;
  readonly status?: CheckStatus;
  readonly details?: Params;
}

const STATUS_RANK: Readonly<Record<CheckStatus, number>> = { 'n/a': 0, pass: 1, warning: 2, fail: 3 };

export function statusOf(outcome: Outcome): CheckStatus {
  switch (outcome.status) {
    case 'pass':
      return 'pass';
    case 'breach':
      return outcome.severity === 'hard' ? 'fail' : 'warning';
    case 'not-applicable':
      return 'n/a';
  }
}

/**
 * Builds the status list for every code, in RULES.md order. A rule is `fail` if a hard breach names it, `warning` if
 * only soft ones do, `pass` if it was evaluated without breach, `n/a` if nothing is known or the profile switches it
 * off (its severity is then 'off').
 */
export function buildChecks(input: {
  readonly profile: Profile;
  readonly judged?: readonly JudgedRule[];
  readonly evaluations?: readonly Evaluation[];
  readonly notes?: readonly RuleNote[];
}): RuleCheck[] {
  const { profile } = input;
  const outcomes = new Map<RuleCode, Outcome[]>();
  const add = (rule: RuleCode, o: Outcome) => outcomes.set(rule, [...(outcomes.get(rule) ?? []), o]);
  for (const j of input.judged ?? []) add(j.rule, j.outcome);
  for (const e of input.evaluations ?? []) {
    const list = Array.isArray(e.result) ? (e.result as readonly Violation[]) : issuesOf(e.result as RuleResult<unknown>);
    const codes = new Set<RuleCode>([...e.rules, ...list.map((v) => v.rule)]);
    for (const rule of codes) add(rule, outcomeOf(rule, e.result, profile));
  }
  const notes = new Map<RuleCode, RuleNote[]>();
  for (const n of input.notes ?? []) notes.set(n.rule, [...(notes.get(n.rule) ?? []), n]);

  return RULE_CODES.map((rule): RuleCheck => {
    const r = RULES[rule];
    const severity = severityOf(rule, profile);
    const meta = { rule, kind: r.kind, severity, title: r.title, titleZh: r.titleZh, source: r.source };
    if (severity === 'off') return { ...meta, status: 'n/a', messageZh: '本规则配置未启用此项规则', details: { reason: 'not-in-profile' } };
    let status: CheckStatus = 'n/a';
    let details: Record<string, string | number | boolean | null> = {};
    const zh: string[] = [];
    const en: string[] = [];
    let breaches = 0;
    for (const o of outcomes.get(rule) ?? []) {
      const s = statusOf(o);
      if (STATUS_RANK[s] > STATUS_RANK[status]) status = s;
      if (o.status === 'breach') {
        breaches += o.violations.length;
        zh.push(o.messageZh);
        en.push(o.message);
      } else if (o.status === 'pass') {
        details = { ...details, ...o.params };
      } else if (status === 'n/a') {
        zh.push(o.reasonZh);
      }
    }
    if (breaches > 0) details = { ...details, count: breaches, message: en.join('; '), messageZh: zh.join('；') };
    for (const n of notes.get(rule) ?? []) {
      if (n.status && STATUS_RANK[n.status] > STATUS_RANK[status]) status = n.status;
      details = { ...details, ...(n.details ?? {}) };
    }
    return {
      ...meta,
      status,
      ...(zh.length > 0 ? { messageZh: zh.join('；') } : {}),
      ...(en.length > 0 ? { message: en.join('; ') } : {}),
      details,
    };
  });
}
