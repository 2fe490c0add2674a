/**
 * The per-rule status list behind `GET /communities/:id/checks`: every rule code with its severity and a status
 * ('pass' | 'fail' | 'warning' | 'n/a') computed from whatever rule results are known.
 */
import type { Profile } from './profile.js';
import {
  RULE_CODES,
  RULE_TITLES,
  describeViolation,
  issuesOf,
  type Params,
  type RuleCode,
  type RuleResult,
  type Violation,
} from './violations.js';

export type RuleKind = 'hard' | 'soft' | 'figure' | 'info';
export type CheckStatus = 'pass' | 'fail' | 'warning' | 'n/a';

const SOFT: ReadonlySet<RuleCode> = new Set<RuleCode>(['REP-COUNT', 'VOT-COMPLETE']);
const FIGURE: ReadonlySet<RuleCode> = new Set<RuleCode>(['ORG-CROSS']);
const INFO: ReadonlySet<RuleCode> = new Set<RuleCode>(['MTH-KIND', 'CNT-ANNOUNCE', 'AFT-CERT', 'AFT-FILING', 'AFT-REPORT']);

function kindOf(code: RuleCode): RuleKind {
  if (SOFT.has(code)) return 'soft';
  if (FIGURE.has(code)) return 'figure';
  if (INFO.has(code)) return 'info';
  return 'hard';
}

/** Every rule of RULES.md: its kind (RULES.md's hard/soft; `figure` for ORG-CROSS; `info` for unmarked rules) and titles. */
export const RULES: Readonly<Record<RuleCode, { readonly severity: RuleKind; readonly title: string; readonly titleZh: string }>> = Object.fromEntries(
  RULE_CODES.map((code) => [code, { severity: kindOf(code), ...RULE_TITLES[code] }]),
) as Record<RuleCode, { severity: RuleKind; title: string; titleZh: string }>;

/** Whether a rule is switched on by the profile (otherwise its status is 'n/a'). */
export function ruleApplies(code: RuleCode, profile: Profile): boolean {
  switch (code) {
    case 'ORG-RC-DEPUTY-ROLES':
      return profile.deputyRolesRequired.length > 0;
    case 'ORG-RC-PUBLIC-DEPUTY':
      return profile.publicDeputy !== null;
    case 'ORG-RC-WOMAN':
      return profile.womanRequired || profile.closeRelativesForbidden;
    case 'MTH-DIRECT-SHARE':
      return profile.directShareMin !== null;
    case 'CAN-AGE-EDU':
      return profile.candidateLimits !== null || profile.partySecretaryLimits !== null;
    case 'CAN-PRELIM-REPORT':
      return profile.prelimReportDeadline !== null;
    default:
      return true;
  }
}

export interface RuleCheck {
  readonly rule: RuleCode;
  readonly severity: RuleKind;
  readonly title: string;
  readonly titleZh: string;
  readonly status: CheckStatus;
  readonly details: Params;
}

/** What is known about a rule: the codes a function evaluated and its result (or bare issues). */
export interface Evaluation {
  readonly rules: readonly RuleCode[];
  readonly result: RuleResult<unknown> | readonly Violation[];
}

/** Extra figures or a fixed status for a rule (e.g. ORG-CROSS's rate, a tally's rule lines). */
export interface RuleNote {
  readonly rule: RuleCode;
  readonly status?: CheckStatus;
  readonly details?: Params;
}

const STATUS_RANK: Readonly<Record<CheckStatus, number>> = { 'n/a': 0, pass: 1, warning: 2, fail: 3 };

/**
 * Builds the status list for all 51 codes, in RULES.md order. A rule is `fail` if a hard violation names it,
 * `warning` if only soft ones do, `pass` if it was evaluated without issues, `n/a` if nothing is known or the profile
 * switches it off. `details` counts the issues and joins their messages.
 */
export function buildChecks(input: { readonly profile: Profile; readonly evaluations?: readonly Evaluation[]; readonly notes?: readonly RuleNote[] }): RuleCheck[] {
  const evaluated = new Set<RuleCode>();
  const issues = new Map<RuleCode, Violation[]>();
  for (const e of input.evaluations ?? []) {
    for (const r of e.rules) evaluated.add(r);
    const list = Array.isArray(e.result) ? (e.result as readonly Violation[]) : issuesOf(e.result as RuleResult<unknown>);
    for (const v of list) {
      evaluated.add(v.rule);
      issues.set(v.rule, [...(issues.get(v.rule) ?? []), v]);
    }
  }
  const notes = new Map<RuleCode, RuleNote[]>();
  for (const n of input.notes ?? []) notes.set(n.rule, [...(notes.get(n.rule) ?? []), n]);

  return RULE_CODES.map((rule) => {
    const meta = RULES[rule];
    if (!ruleApplies(rule, input.profile)) return { rule, ...meta, status: 'n/a', details: { reason: 'not-in-profile' } };
    const found = issues.get(rule) ?? [];
    let status: CheckStatus = found.some((v) => v.severity === 'hard') ? 'fail' : found.length > 0 ? 'warning' : evaluated.has(rule) ? 'pass' : 'n/a';
    let details: Record<string, string | number | boolean | null> = {};
    if (found.length > 0) {
      const described = found.map(describeViolation);
      details = { count: found.length, message: described.map((d) => d.message).join('; '), messageZh: described.map((d) => d.messageZh).join('；') };
    }
    for (const n of notes.get(rule) ?? []) {
      if (n.status && STATUS_RANK[n.status] > STATUS_RANK[status]) status = n.status;
      details = { ...details, ...(n.details ?? {}) };
    }
    return { rule, ...meta, status, details };
  });
}
