/** TML-* and AFT-*: the timeline and what follows the election (seed 001 篇三 四, 五(三)). */
import { checkCertificateNumbers, checkFilingDecision, checkReport } from '../after.js';
import { checkHandover, checkPhase, checkStepOrder } from '../timeline.js';
import { checkRecallPetition, checkVacancy, decideRecall, type RecallBase } from '../by-election.js';
import { chineseDates, RULE_TITLES } from '../violations.js';
import { always, defineRule, outcomeOf } from './types.js';

export const TML_PHASE = defineRule<Parameters<typeof checkPhase>[0]>({
  code: 'TML-PHASE',
  chapter: 'TML',
  kind: 'rule',
  ...RULE_TITLES['TML-PHASE'],
  source: 'seed 001 篇三 四：动员部署11月1日—30日，组织选举12月1日—26日，总结验收12月27日—31日',
  defaultSeverity: 'hard',
  appliesWhenZh: '每项工作的日期',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('TML-PHASE', checkPhase(facts), profile),
});

export const TML_ORDER = defineRule<Parameters<typeof checkStepOrder>[0]>({
  code: 'TML-ORDER',
  chapter: 'TML',
  kind: 'rule',
  ...RULE_TITLES['TML-ORDER'],
  source: 'seed 001 篇三 五(二)：先发布选举公告，再登记公布选民名单，再提名确定正式候选人（工作步骤依次进行）',
  defaultSeverity: 'hard',
  appliesWhenZh: '公布选民名单、正式候选人名单时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('TML-ORDER', checkStepOrder(facts, profile), profile),
});

export const AFT_CERT = defineRule<{ readonly numbers: readonly string[] }>({
  code: 'AFT-CERT',
  chapter: 'AFT',
  kind: 'info',
  ...RULE_TITLES['AFT-CERT'],
  source: 'seed 001 篇三 五(二)9：由街道办事处代表区政府向当选人员颁发当选证书',
  defaultSeverity: 'hard',
  appliesWhenZh: '选举结果确认后颁发证书时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('AFT-CERT', checkCertificateNumbers(facts.numbers), profile, { issued: facts.numbers.length }),
});

export const AFT_FILING = defineRule<Parameters<typeof checkFilingDecision>[0]>({
  code: 'AFT-FILING',
  chapter: 'AFT',
  kind: 'info',
  ...RULE_TITLES['AFT-FILING'],
  source: 'seed 001 篇三 五(二)9：居民委员会选举结果报区民政局备案；党组织选举结果报区委组织部审批',
  defaultSeverity: 'hard',
  appliesWhenZh: '区民政局备案（或退回）时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('AFT-FILING', checkFilingDecision(facts), profile),
});

export const AFT_HANDOVER = defineRule<Parameters<typeof checkHandover>[0]>({
  code: 'AFT-HANDOVER',
  chapter: 'AFT',
  kind: 'rule',
  ...RULE_TITLES['AFT-HANDOVER'],
  source: 'seed 001 篇三 五(三)10：新的居民委员会产生后，于3日之内完成新老班子交接',
  defaultSeverity: 'hard',
  appliesWhenZh: '选举日之后',
  applies: always,
  evaluate: (facts, profile) => {
    const result = checkHandover(facts, profile);
    // Not done and not yet due: nothing to judge yet (the filing report says so, never 通过).
    if (result.ok && !result.value.completed) {
      return { status: 'not-applicable', reason: 'not-yet-due', reasonZh: chineseDates(`交接尚未完成，期限未到（应于${result.value.dueBy}前完成）`) };
    }
    return outcomeOf('AFT-HANDOVER', result, profile);
  },
});

export const AFT_REPORT = defineRule<Parameters<typeof checkReport>[0]>({
  code: 'AFT-REPORT',
  chapter: 'AFT',
  kind: 'info',
  ...RULE_TITLES['AFT-REPORT'],
  source: 'seed 001 篇三 五(三)12：社区和街道写出换届选举工作总结报告',
  defaultSeverity: 'hard',
  appliesWhenZh: '选举结束后',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('AFT-REPORT', checkReport(facts), profile),
});

export const AFT_RECALL = defineRule<
  | { readonly stage: 'petition'; readonly base: RecallBase; readonly baseCount: number; readonly petitioners: number }
  | { readonly stage: 'vote'; readonly base: RecallBase; readonly baseCount: number; readonly returned: number; readonly votesFor: number }
>({
  code: 'AFT-RECALL',
  chapter: 'AFT',
  kind: 'rule',
  ...RULE_TITLES['AFT-RECALL'],
  source:
    '*practice*（城市居民委员会组织法、各省实施办法，参照村民委员会组织法第十六条）：本居住地区五分之一以上有选举权的居民或者三分之一以上的居民代表联名，可以提出罢免要求；罢免须有过半数的选民（代表）投票，并经投票人过半数通过',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记罢免联名、录入罢免表决结果时',
  applies: always,
  evaluate: (facts, profile) =>
    facts.stage === 'petition'
      ? outcomeOf('AFT-RECALL', checkRecallPetition(facts, profile), profile, { petitioners: facts.petitioners, baseCount: facts.baseCount })
      : outcomeOf('AFT-RECALL', decideRecall(facts), profile, { returned: facts.returned, votesFor: facts.votesFor }),
});

export const AFT_BY_ELECTION = defineRule<Parameters<typeof checkVacancy>[0]>({
  code: 'AFT-BY-ELECTION',
  chapter: 'AFT',
  kind: 'rule',
  ...RULE_TITLES['AFT-BY-ELECTION'],
  source:
    '*practice*（城市居民委员会组织法、各省实施办法）：居民委员会成员出缺（辞职、死亡、被罢免）的，可以补选；补选程序参照选举程序（提名、差额、到会过半数、得票过半数、当场公布、颁发当选证书）',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记出缺、召开补选会议时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('AFT-BY-ELECTION', checkVacancy(facts), profile),
});
