/** MTG-*, CNT-*, PTY-OFFICERS: the election meeting and the count (seed 001 篇三 五(二)8-9, 六; the 2020 regulation). */
import { checkSecretBallot } from '../candidates.js';
import { checkCheckIn, type CheckInFacts } from '../by-election.js';
import {
  checkBallot,
  checkBallotCount,
  checkBoxes,
  checkDoubleEntry,
  checkOfficerElection,
  checkProxies,
  checkQuorum,
  checkRecusal,
  checkResultNotice,
  checkTallySheet,
  checkWriteIn,
  decideContest,
  majorityBreach,
  reachesMajority,
  type BallotBox,
  type ContestKind,
  type MeetingBase,
  type Proxy,
  type ResultNotice,
  type TallySheet,
} from '../tally.js';
import { RULE_TITLES, hard, type RuleCode } from '../violations.js';
import type { Profile } from '../profile.js';
import { always, defineRule, notApplicable, outcomeOf, pass, type Outcome } from './types.js';

type QuorumFacts = { readonly kind: ContestKind } & MeetingBase;

export const MTG_QUORUM_RC = defineRule<MeetingBase>({
  code: 'MTG-QUORUM-RC',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-QUORUM-RC'],
  source: 'seed 001 篇三 五(二)9：参加会议的社区居民代表过半数以上选举有效；居委会组织法：登记选民过半数投票选举有效',
  defaultSeverity: 'hard',
  appliesWhenZh: '居民委员会选举大会',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-QUORUM-RC', checkQuorum({ kind: 'rc', ...facts }, profile), profile),
});

export const MTG_QUORUM_PARTY = defineRule<MeetingBase>({
  code: 'MTG-QUORUM-PARTY',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-QUORUM-PARTY'],
  source: 'seed 001 篇三 六：有选举权的到会人数超过应到会人数的五分之四，选举有效；2020条例第二十二条（应到会人数不含经批准请假的党员）',
  defaultSeverity: 'hard',
  appliesWhenZh: '党组织选举大会',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-QUORUM-PARTY', checkQuorum({ kind: 'party', ...facts } satisfies QuorumFacts, profile), profile),
});

export const MTG_SECRET = defineRule<Parameters<typeof checkSecretBallot>[0]>({
  code: 'MTG-SECRET',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-SECRET'],
  source: 'seed 001 篇三 五(二)6、9：差额选举无记名投票；等额选举根据多数居民意见可举手表决',
  defaultSeverity: 'hard',
  appliesWhenZh: '确定投票方式时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-SECRET', checkSecretBallot(facts, profile), profile),
});

export const MTG_BOXES = defineRule<{ readonly boxes: readonly BallotBox[] }>({
  code: 'MTG-BOXES',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-BOXES'],
  source: '*practice*：投票站、流动票箱各有3名以上监票人，所有票箱在选举大会会场当众开箱计票（省级选举规程）',
  defaultSeverity: 'hard',
  appliesWhenZh: '设置票箱及计票时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-BOXES', checkBoxes(facts.boxes, profile), profile),
});

export interface ProxyFacts {
  readonly proxies: readonly Proxy[];
  readonly candidates: readonly string[];
  readonly kind: ContestKind;
  /** The meeting's method: representatives vote in person at a congress (no proxies there). */
  readonly method?: 'congress' | 'direct' | 'household';
}

export const MTG_PROXY = defineRule<ProxyFacts>({
  code: 'MTG-PROXY',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-PROXY'],
  source: '*practice*：委托投票须书面委托并经选举委员会同意，每人接受委托不超过3人，候选人不得接受委托；党组织选举不得委托；居民代表会议代表亲自投票',
  defaultSeverity: 'hard',
  appliesWhenZh: '直接选举（或户代表选举）登记委托投票时',
  applies: always,
  methods: ['direct', 'household'],
  evaluate: (facts, profile) => {
    if (facts.kind === 'rc' && facts.method === 'congress' && facts.proxies.length > 0) {
      return outcomeOf('MTG-PROXY', [hard('MTG-PROXY', { reason: 'congress', count: facts.proxies.length })], profile);
    }
    return outcomeOf('MTG-PROXY', checkProxies(facts.proxies, { candidates: facts.candidates, kind: facts.kind }, profile), profile);
  },
});

export const MTG_CHECKIN = defineRule<CheckInFacts>({
  code: 'MTG-CHECKIN',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-CHECKIN'],
  source:
    '*practice*（扫码签到）：选民凭本社区选民证签到，每人一次；居民代表会议只由代表签到；委托投票的选民证须由委托登记的受托人持有，受托人先本人签到',
  defaultSeverity: 'hard',
  appliesWhenZh: '选举会议扫描选民证签到时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-CHECKIN', checkCheckIn(facts), profile),
});

export const MTG_RECUSAL = defineRule<Parameters<typeof checkRecusal>[0]>({
  code: 'MTG-RECUSAL',
  chapter: 'MTG',
  kind: 'rule',
  ...RULE_TITLES['MTG-RECUSAL'],
  source: '*practice*：候选人及其近亲属不得担任监票人、唱票人、计票人（居委会组织法、省级选举办法）',
  defaultSeverity: 'hard',
  appliesWhenZh: '确定选举工作人员时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('MTG-RECUSAL', checkRecusal(facts), profile),
});

export const CNT_BALLOTS = defineRule<{ readonly issued: number; readonly returned: number }>({
  code: 'CNT-BALLOTS',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-BALLOTS'],
  source: 'seed 001 篇三 五(二)9：收回选票多于发出选票，选举无效，等于或少于发出选票，选举有效',
  defaultSeverity: 'hard',
  appliesWhenZh: '每个选举项目计票时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-BALLOTS', checkBallotCount(facts), profile, { issued: facts.issued, returned: facts.returned }),
});

export const CNT_ARITH = defineRule<{ readonly sheet: TallySheet; readonly seats: number; readonly validCandidateIds?: readonly string[] }>({
  code: 'CNT-ARITH',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-ARITH'],
  source: '*practice*：计票单收回票数=有效票+无效票，得票数不超过有效票',
  defaultSeverity: 'hard',
  appliesWhenZh: '录入每张计票单时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-ARITH', checkTallySheet(facts.sheet, facts), profile),
});

export const CNT_OVERVOTE = defineRule<{ readonly marks: readonly string[]; readonly seats: number }>({
  code: 'CNT-OVERVOTE',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-OVERVOTE'],
  source: '*practice*：所选人数多于应选人数的选票无效；空白票有效，视为弃权',
  defaultSeverity: 'hard',
  appliesWhenZh: '逐张清点选票时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-OVERVOTE', checkBallot(facts.marks, facts.seats), profile),
});

export const CNT_WRITEIN = defineRule<{ readonly name: string; readonly eligible: boolean }>({
  code: 'CNT-WRITEIN',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-WRITEIN'],
  source: '*practice*：选民可以另选其他选民；另选他人须为本社区有被选举权的登记选民方可当选',
  defaultSeverity: 'hard',
  appliesWhenZh: '选票上另选他人得票时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-WRITEIN', checkWriteIn(facts), profile),
});

interface MajorityFacts {
  readonly name: string;
  readonly votes: number;
  readonly base: MeetingBase;
}

function majority(code: 'CNT-MAJORITY-RC' | 'CNT-MAJORITY-PARTY', kind: ContestKind) {
  return (facts: MajorityFacts, profile: Profile): Outcome =>
    reachesMajority(kind, facts.votes, facts.base, profile) ? pass({ votes: facts.votes }) : outcomeOf(code, [majorityBreach(kind, facts, facts.base, profile)], profile);
}

export const CNT_MAJORITY_RC = defineRule<MajorityFacts>({
  code: 'CNT-MAJORITY-RC',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-MAJORITY-RC'],
  source: 'seed 001 篇三 五(二)9：候选人必须获得出席人过半数选票才能当选',
  defaultSeverity: 'hard',
  appliesWhenZh: '居民委员会选举确定当选人时',
  applies: always,
  evaluate: majority('CNT-MAJORITY-RC', 'rc'),
});

export const CNT_MAJORITY_PARTY = defineRule<MajorityFacts>({
  code: 'CNT-MAJORITY-PARTY',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-MAJORITY-PARTY'],
  source: '2020《中国共产党基层组织选举工作条例》：被选举人获得的赞成票超过实到会有选举权的人数的一半，始得当选（另行选举同）',
  defaultSeverity: 'hard',
  appliesWhenZh: '党组织选举（含另行选举）确定当选人时',
  applies: always,
  evaluate: majority('CNT-MAJORITY-PARTY', 'party'),
});

type ContestFacts = Parameters<typeof decideContest>[0];

/** CNT-RANK and CNT-RUNOFF are read off the one decision of a contest (decideContest), never re-computed. */
function fromDecision(code: RuleCode) {
  return (facts: Omit<ContestFacts, 'profile'>, profile: Profile): Outcome => {
    const decision = decideContest({ ...facts, profile });
    const lines = decision.rules.filter((l) => l.rule === code);
    const worst = lines.find((l) => l.status === 'fail') ?? lines.find((l) => l.status === 'warning');
    if (worst) {
      const breach = outcomeOf(code, [hard(code, worst.details)], profile);
      return breach.status === 'breach' && worst.status === 'warning' ? { ...breach, severity: 'soft' } : breach;
    }
    if (lines.length === 0 || lines.every((l) => l.status === 'n/a')) return notApplicable('not-reached', '本次计票未涉及此项');
    return pass(lines[0]!.details);
  };
}

export const CNT_RANK = defineRule<Omit<ContestFacts, 'profile'>>({
  code: 'CNT-RANK',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-RANK'],
  source: '*practice*：获得过半数选票的人数多于应选名额时，以得票多的当选；票数相等不能确定当选人时，就票数相等的人再次投票',
  defaultSeverity: 'hard',
  appliesWhenZh: '得票达到当选要求的人数多于应选名额时',
  applies: always,
  evaluate: fromDecision('CNT-RANK'),
});

export const CNT_RUNOFF = defineRule<Omit<ContestFacts, 'profile'>>({
  code: 'CNT-RUNOFF',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-RUNOFF'],
  source: '*practice*：当选人数少于应选名额时，在未当选人中按得票多少另行选举，得票不少于选票三分之一方可当选；当选不足3人应另行选举',
  defaultSeverity: 'hard',
  appliesWhenZh: '当选人数少于应选名额时',
  applies: always,
  evaluate: fromDecision('CNT-RUNOFF'),
});

export const CNT_DOUBLE_ENTRY = defineRule<Parameters<typeof checkDoubleEntry>[0]>({
  code: 'CNT-DOUBLE-ENTRY',
  chapter: 'CNT',
  kind: 'rule',
  ...RULE_TITLES['CNT-DOUBLE-ENTRY'],
  source: '*practice*（本系统）：每张计票单由两名不同的监票人/计票人分别录入，一致方可计入',
  defaultSeverity: 'hard',
  appliesWhenZh: '录入计票单时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-DOUBLE-ENTRY', checkDoubleEntry(facts), profile),
});

export const CNT_ANNOUNCE = defineRule<{ readonly notice: ResultNotice; readonly previousNumbers: readonly number[] }>({
  code: 'CNT-ANNOUNCE',
  chapter: 'CNT',
  kind: 'info',
  ...RULE_TITLES['CNT-ANNOUNCE'],
  source: 'seed 001 篇三 五(二)9：选举结果当场公布；选举结果公告按第1号、第2号顺序编号',
  defaultSeverity: 'hard',
  appliesWhenZh: '生成选举结果公告时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('CNT-ANNOUNCE', checkResultNotice(facts.notice, facts.previousNumbers), profile),
});

export const PTY_OFFICERS = defineRule<Parameters<typeof checkOfficerElection>[0]>({
  code: 'PTY-OFFICERS',
  chapter: 'PTY',
  kind: 'rule',
  ...RULE_TITLES['PTY-OFFICERS'],
  source: 'seed 001 篇三 六：新一届委员会第一次全体会议等额选举书记、副书记，报街道党工委审批',
  defaultSeverity: 'hard',
  appliesWhenZh: '党组织委员会选出后选举书记、副书记时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('PTY-OFFICERS', checkOfficerElection(facts), profile),
});
