/**
 * After the election: AFT-CERT (certificates numbered uniquely per round, issued by the street office on behalf of
 * the district government), AFT-FILING (the bureau approves only when no hard rule fails, or returns with reasons),
 * AFT-REPORT (the summary report's figures). AFT-HANDOVER is in timeline.ts.
 */
import type { CrossAppointment } from './committee.js';
import type { Profile } from './profile.js';
import { hard, resultOf, type RuleCode, type RuleResult, type Violation } from './violations.js';

export type Post = 'director' | 'deputy' | 'member';

export interface Certificate {
  readonly number: string;
  readonly name: string;
  readonly post: Post;
  readonly issuedBy: string;
  readonly onBehalfOf: string;
}

/** AFT-CERT: certificate numbers `<prefix>-<NNN>` in order, continuing after the round's last number. */
export function numberCertificates(input: {
  readonly prefix: string;
  readonly lastNumber: number;
  readonly elected: readonly { readonly name: string; readonly post: Post }[];
  readonly profile: Profile;
}): Certificate[] {
  const order: Record<Post, number> = { director: 0, deputy: 1, member: 2 };
  return [...input.elected]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => order[a.e.post] - order[b.e.post] || a.i - b.i)
    .map(({ e }, k) => ({
      number: `${input.prefix}-${String(input.lastNumber + k + 1).padStart(3, '0')}`,
      name: e.name,
      post: e.post,
      issuedBy: input.profile.certificateIssuer.issuedBy,
      onBehalfOf: input.profile.certificateIssuer.onBehalfOf,
    }));
}

/** AFT-CERT: no certificate number is used twice in a round. */
export function checkCertificateNumbers(numbers: readonly string[]): RuleResult<null> {
  const seen = new Set<string>();
  const issues: Violation[] = [];
  for (const n of numbers) {
    if (seen.has(n)) issues.push(hard('AFT-CERT', { number: n }));
    seen.add(n);
  }
  return resultOf(null, issues);
}

/**
 * AFT-FILING: a filing may be recorded (the residents' committee's, 备案) or approved (the party's, 审批) only when no
 * rule check fails; a return needs a reason.
 */
export function checkFilingDecision(input: {
  readonly decision: 'record' | 'approve' | 'return';
  readonly reason?: string | null;
  readonly checks: readonly { readonly rule: RuleCode; readonly status: 'pass' | 'fail' | 'warning' | 'n/a' }[];
}): RuleResult<null> {
  const failing = input.checks.filter((c) => c.status === 'fail');
  if (input.decision !== 'return' && failing.length > 0) {
    return resultOf(null, [hard('AFT-FILING', { reason: 'failing', failing: failing.length, rules: failing.map((f) => f.rule).join(',') })]);
  }
  if (input.decision === 'return' && !input.reason?.trim()) return resultOf(null, [hard('AFT-FILING', { reason: 'no-reason' })]);
  return resultOf(null, []);
}

export interface ReportPerson {
  readonly age: number;
  readonly sex: 'male' | 'female';
  readonly education: string | null;
}

export interface ReportFigures {
  readonly voters: number;
  readonly voted: number;
  /** voted / voters as an exact fraction and a rounded display percentage. */
  readonly turnout: { readonly num: number; readonly den: number; readonly percent: number };
  readonly elected: number;
  readonly women: number;
  readonly ageBands: Readonly<Record<'under35' | '35to44' | '45to54' | '55plus', number>>;
  readonly education: Readonly<Record<string, number>>;
  readonly crossAppointment: CrossAppointment | null;
  readonly exceptions: number;
}

/** AFT-REPORT: the figures of the summary report (换届工作报告). */
export function reportFigures(input: {
  readonly voters: number;
  readonly voted: number;
  readonly elected: readonly ReportPerson[];
  readonly crossAppointment?: CrossAppointment | null;
  readonly exceptionsGranted?: number;
}): ReportFigures {
  const bands = { under35: 0, '35to44': 0, '45to54': 0, '55plus': 0 };
  const education: Record<string, number> = {};
  for (const p of input.elected) {
    if (p.age < 35) bands.under35 += 1;
    else if (p.age < 45) bands['35to44'] += 1;
    else if (p.age < 55) bands['45to54'] += 1;
    else bands['55plus'] += 1;
    const e = p.education ?? 'unknown';
    education[e] = (education[e] ?? 0) + 1;
  }
  return {
    voters: input.voters,
    voted: input.voted,
    turnout: {
      num: input.voted,
      den: input.voters === 0 ? 1 : input.voters,
      percent: input.voters === 0 ? 0 : Math.round((1000 * input.voted) / input.voters) / 10,
    },
    elected: input.elected.length,
    women: input.elected.filter((p) => p.sex === 'female').length,
    ageBands: bands,
    education,
    crossAppointment: input.crossAppointment ?? null,
    exceptions: input.exceptionsGranted ?? 0,
  };
}

/** AFT-REPORT: the report states every required figure. */
export function checkReport(report: Partial<Record<'voters' | 'voted' | 'elected' | 'structure' | 'crossAppointment' | 'exceptions', unknown>>): RuleResult<null> {
  const required = ['voters', 'voted', 'elected', 'structure', 'crossAppointment', 'exceptions'] as const;
  const missing = required.filter((k) => report[k] === undefined || report[k] === null);
  return resultOf(null, missing.length > 0 ? [hard('AFT-REPORT', { missing: missing.join(', ') })] : []);
}
