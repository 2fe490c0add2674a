/**
 * The print check (src/pdf/ready.ts) as the API's answer, given before anything is sent: a paper the renderer would
 * refuse must never reach a reply that has already begun as a PDF. A blocking problem under a rule of RULES.md is a
 * 422 naming the rule (its message from the one place rule messages are built); a paper that is merely incomplete
 * (no seat, no candidate, a date that is not a date) is 409 DOCUMENT_NOT_READY. Soft problems print.
 */
import { AppError, errors } from '../domain/errors.js';
import { describeViolation, isRuleCode, type Violation } from '../domain/violations.js';
import { checkReady, type PaperProblem } from '../pdf/ready.js';
import type { AnyViewModel } from '../pdf/view-models.js';
import { POST_ZH } from './elected.js';

/** Problem codes of the renderer that are a rule of RULES.md under another name. */
const RULE_OF: Readonly<Record<string, string>> = { 'AFT-CERT-NUMBER': 'AFT-CERT' };

const FIELD_ZH: Readonly<Record<string, string>> = {
  issuedOn: '发布日期',
  publishedOn: '公布日期',
  republishedOn: '重新公布日期',
  electionDay: '选举日期',
  objectionUntil: '申诉截止日期',
  reportDate: '报告日期',
};

const postZh = (post: string | number | undefined): string => (post === undefined ? '' : (POST_ZH[String(post)] ?? String(post)));

/** Chinese for the renderer's own problems (`PDF-*`): what is missing from the paper. */
function incompleteZh(p: PaperProblem): string {
  switch (p.code) {
    case 'PDF-DATE':
      return `${FIELD_ZH[String(p.params.field)] ?? '日期'}不是有效日期`;
    case 'PDF-NOTICE-NUMBER':
      return '公告编号无效';
    case 'PDF-SEATS':
      return `${postZh(p.params.post)}应选名额为零`;
    case 'PDF-NO-CANDIDATES':
      return `${postZh(p.params.post)}没有候选人`;
    case 'PDF-NO-CHECKS':
      return '没有规则检查结果';
    default:
      return '没有可印制的内容';
  }
}

function violationOf(p: PaperProblem): Violation | null {
  const rule = RULE_OF[p.code] ?? p.code;
  if (!isRuleCode(rule)) return null;
  // The rule's message reads the post in Chinese (its templates are keyed `RULE:reason`, e.g. CAN-ORDER:positions).
  return { rule, severity: 'hard', params: 'post' in p.params ? { ...p.params, postZh: postZh(p.params.post) } : p.params };
}

/** Throws the 422 or 409 when the paper must not be printed; returns when it may (soft problems included). */
export function assertPaperPrintable(input: AnyViewModel): void {
  const result = checkReady(input);
  if (result.ok) return;
  const blocking = result.problems.filter((p) => p.blocking);
  if (blocking.length === 0) return;
  const problems = blocking.map((p) => ({ code: p.code, params: p.params }));
  const violations = blocking.map(violationOf).filter((v): v is Violation => v !== null);
  if (violations.length > 0) {
    const described = violations.map(describeViolation);
    return throwRule(input.kind, described, problems);
  }
  const zh = [...new Set(blocking.map(incompleteZh))].join('；');
  throw errors.conflict('DOCUMENT_NOT_READY', `The paper is not ready: ${blocking.map((p) => p.code).join(', ')}`, `该文书暂不能生成：${zh}`, {
    paper: input.kind,
    problems,
  });
}

function throwRule(paper: string, described: ReturnType<typeof describeViolation>[], problems: readonly unknown[]): never {
  const first = described[0]!;
  throw new AppError({
    status: 422,
    code: 'RULE_VIOLATION',
    rule: first.rule,
    message: `The paper cannot be printed: ${described.map((d) => d.message).join('; ')}`,
    messageZh: `该文书不能印制：${[...new Set(described.map((d) => d.messageZh))].join('；')}`,
    details: { paper, violations: described, problems },
  });
}
