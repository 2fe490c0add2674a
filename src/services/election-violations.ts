/**
 * Turns rule violations into the API's 422 error (`rule` = the RULES.md code). A stand-in until the shared
 * `services/rules.ts` (with the domain's `describeViolation`) is in; the messages name the code and its figures.
 */
import { AppError } from '../http/errors.js';
import type { Violation } from '../domain/election-extra.js';

const ZH: Record<string, string> = {
  'CAN-NOMINATION': '提名不符合规定',
  'CAN-ELIGIBLE': '候选人须为本社区登记选民',
  'CAN-AGE-EDU': '候选人年龄或文化程度不符合规定',
  'ORG-RC-PUBLIC-DEPUTY': '公选副主任候选人条件不符合规定',
  'CAN-SURPLUS': '候选人数未达到差额要求（至少多于应选名额20%）',
  'CAN-LIST-NOTICE': '正式候选人名单须在选举日5日前公布',
  'CAN-PRELIM-REPORT': '预备人选未按期上报',
  'CAN-WITHDRAW': '已过候选人退出期限',
  'MTG-QUORUM-RC': '到会（参加投票）人数未过半数，选举无效',
  'MTG-QUORUM-PARTY': '有选举权的到会党员未超过应到会人数的五分之四',
  'MTG-BOXES': '票箱设置不符合规定（流动票箱、投票站至少3名监票人）',
  'MTG-PROXY': '委托投票不符合规定',
  'MTG-RECUSAL': '候选人及其近亲属不得担任监票人、唱票人、计票人',
  'MTG-SECRET': '差额选举须采用无记名投票',
  'CNT-ARITH': '计票单数字不符',
  'PTY-OFFICERS': '书记、副书记须从新当选的委员中等额选举产生',
};

function describe(v: Violation): { message: string; messageZh: string } {
  const params = Object.entries(v.params)
    .map(([k, value]) => `${k}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  const equation = typeof v.params.equation === 'string' ? `：${v.params.equation}` : '';
  return {
    message: `${v.rule} violated${params ? ` (${params})` : ''}`,
    messageZh: `${ZH[v.rule] ?? v.rule}${equation}`,
  };
}

export function throwViolations(violations: readonly Violation[]): never {
  const first = violations[0]!;
  const { message, messageZh } = describe(first);
  throw new AppError({
    status: 422,
    code: 'RULE_VIOLATION',
    rule: first.rule,
    message,
    messageZh,
    details: { violations: violations.map((v) => ({ ...v, ...describe(v) })) },
  });
}
