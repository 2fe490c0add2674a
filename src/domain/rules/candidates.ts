/** MTH-* and CAN-*: the method and the candidates (seed 001 篇三 五(二)6-8, 六1; seed 002). */
import { checkCandidateEligibility, checkCandidateListNotice, checkNomination, checkPrelimReport, checkRepublication, checkSurplus, checkWithdrawal } from '../candidates.js';
import { checkDirectShare, checkMethod, type ElectionMethod } from '../committee.js';
import { checkCandidateOrder } from '../ordering.js';
import { checkJointReview } from '../vetting.js';
import { RULE_TITLES } from '../violations.js';
import { NOT_IN_PROFILE, always, defineRule, outcomeOf } from './types.js';

export const MTH_KIND = defineRule<{ readonly method: string }>({
  code: 'MTH-KIND',
  chapter: 'MTH',
  kind: 'info',
  ...RULE_TITLES['MTH-KIND'],
  source: 'seed 001 篇三 五(二)5：居民代表会议选举；seed 002：直接选举和间接选举两种方式',
  defaultSeverity: 'hard',
  appliesWhenZh: '设定社区选举方式时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTH-KIND', checkMethod(facts.method, profile), profile, { method: facts.method }),
});

export const MTH_DIRECT_SHARE = defineRule<{ readonly communities: readonly { readonly method: ElectionMethod }[] }>({
  code: 'MTH-DIRECT-SHARE',
  chapter: 'MTH',
  kind: 'rule',
  ...RULE_TITLES['MTH-DIRECT-SHARE'],
  source: 'seed 002：直接选举的社区不得少于二分之一',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置规定直接选举比例时（义乌）',
  applies: (p) => p.directShareMin !== null,
  evaluate: (facts, profile) =>
    profile.directShareMin === null ? NOT_IN_PROFILE : outcomeOf('MTH-DIRECT-SHARE', checkDirectShare(facts.communities, profile), profile),
});

export const CAN_NOMINATION = defineRule<Parameters<typeof checkNomination>[0]>({
  code: 'CAN-NOMINATION',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-NOMINATION'],
  source: 'seed 001 篇三 五(二)6：选民10人以上或户代表5人以上联合提名、居民小组提名、选举委员会提名；seed 002：联合提名和自荐提名相结合',
  defaultSeverity: 'hard',
  appliesWhenZh: '提名候选人时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CAN-NOMINATION', checkNomination(facts, profile), profile),
});

type EligibilityFacts = Parameters<typeof checkCandidateEligibility>[0];

export const CAN_ELIGIBLE = defineRule<EligibilityFacts>({
  code: 'CAN-ELIGIBLE',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-ELIGIBLE'],
  source: '居委会组织法第八条：本社区选民享有被选举权；党组织选举：正式党员',
  defaultSeverity: 'hard',
  appliesWhenZh: '提名候选人及确认另选他人当选时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CAN-ELIGIBLE', checkCandidateEligibility(facts, profile), profile),
});

export const CAN_AGE_EDU = defineRule<EligibilityFacts>({
  code: 'CAN-AGE-EDU',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-AGE-EDU'],
  source:
    'seed 002：新进男51周岁、女46周岁以下，一般具有高中以上文化程度；原班子成员男54、女49周岁以下，初中以上；seed 001 篇三 六1：党组织书记一般应具有高中以上学历，原则上40岁以下',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置设有年龄、文化程度条件时（义乌；兰州党组织书记）',
  applies: (p) => p.candidateLimits !== null || p.partySecretaryLimits !== null,
  evaluate: (facts, profile) =>
    profile.candidateLimits === null && profile.partySecretaryLimits === null
      ? NOT_IN_PROFILE
      : outcomeOf('CAN-AGE-EDU', checkCandidateEligibility(facts, profile), profile),
});

export const CAN_SURPLUS = defineRule<Parameters<typeof checkSurplus>[0]>({
  code: 'CAN-SURPLUS',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-SURPLUS'],
  source: 'seed 001 篇三 五(二)6：实行差额选举，差额为应选人数的20%；等额选举须根据多数居民意见举手表决',
  defaultSeverity: 'hard',
  appliesWhenZh: '确定正式候选人名单（及初步候选人名单）时；候选人退出后至开始计票前',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CAN-SURPLUS', checkSurplus(facts, profile), profile),
});

export const CAN_PRELIM_REPORT = defineRule<Parameters<typeof checkPrelimReport>[0]>({
  code: 'CAN-PRELIM-REPORT',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-PRELIM-REPORT'],
  source: 'seed 001 篇三 五(二)6：候选人预备人选经公示后于12月6日前报街道',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置设有上报期限时（兰州）',
  applies: (p) => p.prelimReportDeadline !== null,
  evaluate: (facts, profile) =>
    profile.prelimReportDeadline === null ? NOT_IN_PROFILE : outcomeOf('CAN-PRELIM-REPORT', checkPrelimReport(facts, profile), profile),
});

export interface ListNoticeFacts {
  readonly publishedOn: string;
  readonly electionDay: string;
  /** A republication after a withdrawal and backfill (CAN-WITHDRAW decides whether the days start over). */
  readonly cause?: 'first' | 'backfill' | 'change';
}

export const CAN_LIST_NOTICE = defineRule<ListNoticeFacts>({
  code: 'CAN-LIST-NOTICE',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-LIST-NOTICE'],
  source: 'seed 001 篇三 五(二)8：正式候选人名单必须于选举日前5日公布',
  defaultSeverity: 'hard',
  appliesWhenZh: '公布（或重新公布）正式候选人名单时',
  applies: always,
  evaluate: (facts, profile) =>
    facts.cause === 'backfill' || facts.cause === 'change'
      ? outcomeOf('CAN-LIST-NOTICE', checkRepublication({ publishedOn: facts.publishedOn, electionDay: facts.electionDay, cause: facts.cause }, profile), profile)
      : outcomeOf('CAN-LIST-NOTICE', checkCandidateListNotice(facts, profile), profile),
});

export const CAN_WITHDRAW = defineRule<Parameters<typeof checkWithdrawal>[0]>({
  code: 'CAN-WITHDRAW',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-WITHDRAW'],
  source: '*practice*：候选人可在选举日前3日前退出，由预备人选按提名顺序递补并重新公布（省级选举规程）',
  defaultSeverity: 'hard',
  appliesWhenZh: '候选人退出时（以当天日期计算）',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CAN-WITHDRAW', checkWithdrawal(facts, profile), profile),
});

export const CAN_ORDER = defineRule<{ readonly printed: readonly { readonly id: string; readonly name: string }[] }>({
  code: 'CAN-ORDER',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-ORDER'],
  source: 'seed 001 篇三 五(二)8：正式候选人按姓氏笔画为序',
  defaultSeverity: 'hard',
  appliesWhenZh: '印制选票与公告时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CAN-ORDER', checkCandidateOrder(facts.printed, profile), profile),
});

export const CAN_VETTING = defineRule<Parameters<typeof checkJointReview>[0]>({
  code: 'CAN-VETTING',
  chapter: 'CAN',
  kind: 'rule',
  ...RULE_TITLES['CAN-VETTING'],
  source: '*practice* (2021年起各地换届)：候选人预备人选经纪委监委、组织部、政法委、公安、法院、检察院、司法、信访、民政、卫健等部门联审，不通过者不得列为正式候选人',
  defaultSeverity: 'hard',
  appliesWhenZh: '轮次启用资格联审（review-2021）时，确定正式候选人名单前',
  applies: (p) => p.jointReview !== null,
  evaluate: (facts, profile) => (profile.jointReview === null ? NOT_IN_PROFILE : outcomeOf('CAN-VETTING', checkJointReview(facts, profile), profile)),
});
