/**
 * Where each parameter of a preset profile comes from: the seed line or article, or *practice* where the seeds are
 * silent. `yiwu-2007` carries what seed 002 says; every parameter 002 does not set is inherited from `lanzhou-2010`
 * (the law's and the 2010 plan's default) and its note says so. Read by `GET /rules` (and a test checks that every
 * parameter of every preset has a note).
 */
import { isProfileName, PRESETS, type Profile, type ProfileName } from './profile.js';

/** Every parameter a source note is owed for (the profile's name and its overall source are not parameters). */
export type ProfileParameter = Exclude<keyof Profile, 'name' | 'source'>;

const LANZHOU: Readonly<Record<ProfileParameter, string>> = {
  rcSizeMin: 'seed 001 篇三 三(二)：主任、副主任和委员共5—9人',
  rcSizeMax: 'seed 001 篇三 三(二)：主任、副主任和委员共5—9人',
  rcSizeOdd: 'seed 001 篇三 三(二)：委员总数必须为单数',
  deputyRolesRequired: 'seed 001 篇三 三(二)：副主任必须有一名管段民警和大中专毕业生',
  publicDeputy: 'seed 001 篇三 五(二)6：公开选拔副主任，常住居民，年龄不超过50岁，高中以上文化程度',
  womanRequired: '*practice*：seed 001 未规定（甘肃2025年办法要求至少一名妇女成员）',
  closeRelativesForbidden: '*practice*：近亲属不得同时担任（省级选举办法）',
  partyCommitteeSizes: 'seed 001 篇三 三(一)：支部3—5人，最多不超过7人；总支5—7人，最多不超过9人；党委5—9人',
  partyCommitteeOdd: 'seed 001 篇三 三(一)：委员职数为单数',
  branchCommitteeMinMembers: 'seed 001 篇三 三(一)：党员人数超过7名的支部设立支部委员会（即至少8名）',
  partyCongressThreshold: 'seed 001 篇三 五(二)5：党员人数超过300人的召开党员代表大会',
  partyCongressRepsMin: 'seed 001 篇三 五(二)5：党员代表100—200名',
  partyCongressRepsMax: 'seed 001 篇三 五(二)5：党员代表100—200名',
  partyCongressRepsAbsoluteMax: 'RULES.md ORG-PARTY-REPS：最多不超过300名（党内规定）',
  residencyMonths: 'seed 001 篇三 五(二)4：不分民族、……居住期限（未设最短居住期限）',
  voterListNoticeDays: '*practice*：选民名单于选举日前20日公布（省级选举办法）',
  objectionDays: '*practice*：公布之日起5日内提出申诉（省级选举办法）',
  objectionDecisionDays: '*practice*：收到申诉后3日内作出处理决定（省级选举办法）',
  repCountMin: 'seed 001 篇三 五(二)5：居民代表一般为40—60人',
  repCountMax: 'seed 001 篇三 五(二)5：居民代表一般为40—60人',
  residentRepShareMin: 'seed 001 篇三 五(二)5：其中居民代表不少于三分之二',
  repsPerGroupMin: 'seed 001 篇三 五(二)5：每个居民小组推选2—3名',
  repsPerGroupMax: 'seed 001 篇三 五(二)5：每个居民小组推选2—3名',
  householdsPerRepMin: 'seed 001 篇三 五(二)5：或每20—60户居民推选1名',
  householdsPerRepMax: 'seed 001 篇三 五(二)5：或每20—60户居民推选1名',
  repsPerUnitMin: 'seed 001 篇三 五(二)5：辖区大单位选派1—2名',
  repsPerUnitMax: 'seed 001 篇三 五(二)5：辖区大单位选派1—2名',
  methodsAllowed: 'seed 001 篇三 五(二)5：居民代表会议选举，也可户代表或直接选举（居委会组织法第九条）',
  directShareMin: 'seed 001 未规定直接选举比例（规则关闭）',
  selfNominationAllowed: 'seed 001 篇三 五(二)6：提名方式不含自荐',
  nominationMinVoters: 'seed 001 篇三 五(二)6：选民10人以上联合提名',
  nominationMinHouseholds: 'seed 001 篇三 五(二)6：户代表5人以上联合提名',
  nominatorLimit: '*practice*：每一选民联合提名的人数不得多于应选人数（省级选举办法）',
  candidateLimits: 'seed 001 未规定居委会成员候选人年龄、文化条件（规则关闭）',
  partySecretaryLimits: 'seed 001 篇三 六1：党组织书记一般应具有高中以上学历，原则上年龄在40岁以下',
  surplusRatio: 'seed 001 篇三 五(二)6：实行差额选举，差额为应选人数的20%',
  equalElectionByShowOfHands: 'seed 001 篇三 五(二)6：提名候选人与应选人数相等的，根据多数居民意见，也可以举手表决等额选举',
  prelimReportDeadline: 'seed 001 篇三 五(二)6：候选人预备人选于12月6日前报街道',
  candidateListNoticeDays: 'seed 001 篇三 五(二)8：正式候选人名单必须于选举日前5日公布',
  withdrawCloseDays: '*practice*：候选人可在选举日前3日前退出（省级选举规程）',
  backfillRestartsNotice: '*practice*：递补的候选人随名单重新公布，不重新计算5日（省级选举规程）',
  ordering: 'seed 001 篇三 五(二)8：正式候选人按姓氏笔画为序',
  rcQuorum: 'seed 001 篇三 五(二)9：参加会议的社区居民代表过半数以上选举有效',
  partyQuorum: 'seed 001 篇三 六：有选举权的到会人数超过应到会人数的五分之四',
  proxyMax: '*practice*：每一选民接受委托不得超过3人（省级选举办法）',
  partyProxyAllowed: '2020《中国共产党基层组织选举工作条例》：党组织选举不得委托投票',
  monitorsPerBox: '*practice*：每个投票站、流动票箱不少于3名监票人（省级选举规程）',
  rcMajority: 'seed 001 篇三 五(二)9：候选人必须获得出席人过半数选票才能当选',
  partyMajority: '2020《中国共产党基层组织选举工作条例》：赞成票超过实到会有选举权的人数的一半始得当选（另行选举同）',
  partyMajorityBase: '2020《中国共产党基层组织选举工作条例》：以实到会有选举权的人数计算',
  runoffMinShare: '*practice*：居委会另行选举，得票不少于选票的三分之一方可当选（省级选举办法）',
  minElectedToKeepCommittee: '*practice*：当选人数不足3人，不足的名额另行选举（居委会组织法）',
  handoverDays: 'seed 001 篇三 五(三)10：新的居民委员会产生后，于3日之内完成新老班子交接',
  termYears: 'seed 001 篇三：居民委员会每届任期三年（2018年居委会组织法修正后为五年）',
  severities: 'seed 001：无“一般”条款需降为提示',
  certificateIssuer: 'seed 001 篇三 五(二)9：由街道办事处代表区人民政府颁发当选证书',
  defaultPhases: 'seed 001 篇三 四：动员部署11月1日—30日，组织选举12月1日—26日，总结验收12月27日—31日',
  partyElectionMonthDay: 'seed 001 篇三 六：党组织换届原则上于12月24日召开党员大会',
  rcElectionMonthDay: 'seed 001 篇三 五(二)9：原则上统一于12月26日召开居民代表大会',
  jointReview: '*practice*：2010年无候选人资格联审（2021年以来各地实行的联审为可选项 review-2021，RULES.md CAN-VETTING）',
  recallVoterShare: '*practice*：居民委员会组织法实施办法，五分之一以上有选举权的居民联名可以提出罢免要求（RULES.md AFT-RECALL）',
  recallRepresentativeShare: '*practice*：三分之一以上的居民代表联名可以提出罢免要求（RULES.md AFT-RECALL）',
};

/** What seed 002 itself sets; every other parameter of yiwu-2007 is inherited (see `parameterSources`). */
const YIWU_OWN: Readonly<Partial<Record<ProfileParameter, string>>> = {
  rcSizeMin: 'seed 002：社区两委班子成员一般按5至7名配备（“一般”：规则为提示）',
  rcSizeMax: 'seed 002：社区两委班子成员一般按5至7名配备（“一般”：规则为提示）',
  deputyRolesRequired: 'seed 002 未要求副主任由民警、大中专毕业生担任（无此要求）',
  publicDeputy: 'seed 002 未规定公开选拔副主任（无此要求）',
  residencyMonths: '*practice*：seed 002 未规定；人户分离居住满6个月本人申请（省级选举办法）',
  methodsAllowed: 'seed 002：直接选举和间接选举两种方式',
  directShareMin: 'seed 002：直接选举的社区不得少于二分之一',
  selfNominationAllowed: 'seed 002：联合提名和自荐提名相结合',
  candidateLimits:
    'seed 002：新进男51周岁、女46周岁以下，一般具有高中以上文化程度；原班子成员男54、女49周岁以下，初中以上文化程度',
  partySecretaryLimits: 'seed 002 未规定党组织书记条件（无此要求）',
  equalElectionByShowOfHands: 'seed 002：坚持差额选举原则（不得等额举手表决）',
  prelimReportDeadline: 'seed 002 未规定预备人选上报期限（无此要求）',
  handoverDays: '*practice*：seed 002 未规定；参照村委会组织法10日内移交',
  termYears: 'seed 002（2007年）：三年一届',
  severities: 'seed 002：“一般按5至7名配备”“一般具有高中以上文化程度”为提示，不阻止',
  defaultPhases: 'seed 002 未规定阶段日期（由本轮自行设定）',
  partyElectionMonthDay: 'seed 002 未规定党组织选举日期',
  rcElectionMonthDay: 'seed 002 未规定居委会选举日期',
};

const INHERITED = 'seed 002 未规定，沿用 lanzhou-2010（法律及2010年方案的默认）：';

export interface ParameterSource {
  readonly parameter: ProfileParameter;
  /** What a clerk reads for it (the form's label, or the source note). */
  readonly labelZh: string;
  /** The preset's value (as stored in the profile). */
  readonly value: unknown;
  readonly source: string;
  /** True where the preset's own seed is silent and the value is inherited from the default preset. */
  readonly inherited: boolean;
}

/** Every parameter of a preset with its value and the seed line or article it comes from. */
export function parameterSources(name: ProfileName): ParameterSource[] {
  const profile = PRESETS[name];
  return PARAMETERS.map((parameter) => ({
    parameter,
    labelZh: parameterLabelZh(parameter, name),
    value: profile[parameter],
    source: sourceNote(parameter, name),
    inherited: name === 'yiwu-2007' && YIWU_OWN[parameter] === undefined,
  }));
}

const PARAMETERS = Object.keys(LANZHOU) as ProfileParameter[];

function sourceNote(parameter: ProfileParameter, name: ProfileName): string {
  const own = name === 'yiwu-2007' ? YIWU_OWN[parameter] : LANZHOU[parameter];
  return own ?? `${INHERITED}${LANZHOU[parameter]}`;
}

/** The name a clerk reads for each parameter a street may adjust on the round form (numbers and yes/no). */
export const PARAMETER_LABELS_ZH: Readonly<Partial<Record<ProfileParameter, string>>> = {
  rcSizeMin: '居委会成员最少人数',
  rcSizeMax: '居委会成员最多人数',
  rcSizeOdd: '居委会成员须为单数',
  womanRequired: '居委会至少一名妇女成员',
  closeRelativesForbidden: '近亲属不得同时任职',
  partyCommitteeOdd: '党组织委员须为单数',
  branchCommitteeMinMembers: '设支部委员会的最少党员数',
  partyCongressThreshold: '召开党员代表大会的党员人数（超过）',
  partyCongressRepsMin: '党员代表最少人数',
  partyCongressRepsMax: '党员代表最多人数',
  residencyMonths: '人户分离居民最短居住月数',
  voterListNoticeDays: '选民名单于选举日前公布（天）',
  objectionDays: '选民名单申诉期（天）',
  objectionDecisionDays: '申诉处理期限（天）',
  repCountMin: '居民代表最少人数',
  repCountMax: '居民代表最多人数',
  repsPerGroupMin: '每个居民小组最少推选代表数',
  repsPerGroupMax: '每个居民小组最多推选代表数',
  householdsPerRepMin: '每名代表对应最少户数',
  householdsPerRepMax: '每名代表对应最多户数',
  repsPerUnitMin: '每个大单位最少选派代表数',
  repsPerUnitMax: '每个大单位最多选派代表数',
  selfNominationAllowed: '允许自荐',
  nominationMinVoters: '联合提名最少选民数',
  nominationMinHouseholds: '联合提名最少户代表数',
  equalElectionByShowOfHands: '等额选举可举手表决',
  candidateListNoticeDays: '正式候选人名单于选举日前公布（天）',
  withdrawCloseDays: '候选人退出截止于选举日前（天）',
  backfillRestartsNotice: '递补候选人重新计算公布期',
  proxyMax: '每名选民最多接受委托人数',
  partyProxyAllowed: '党组织选举允许委托投票',
  monitorsPerBox: '每个票箱最少监票人数',
  minElectedToKeepCommittee: '当选人数不足时另行选举的下限',
  handoverDays: '选举后完成交接（天内）',
  termYears: '任期（年）',
};

/** The Chinese name of a parameter: its label where the form shows one, otherwise its source note. */
export function parameterLabelZh(parameter: ProfileParameter, profileName: ProfileName = 'lanzhou-2010'): string {
  return PARAMETER_LABELS_ZH[parameter] ?? sourceNote(parameter, profileName);
}

export interface ProfileChange {
  readonly parameter: ProfileParameter;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * The parameters a round's profile sets differently from the preset it is based on (its `name`), in the preset's
 * order; none for a profile that is not based on a preset.
 */
export function profileChanges(profile: Profile): ProfileChange[] {
  if (!isProfileName(profile.name)) return [];
  const preset = PRESETS[profile.name];
  return PARAMETERS.filter((key) => JSON.stringify(preset[key]) !== JSON.stringify(profile[key]))
    .map((parameter) => ({ parameter, from: preset[parameter], to: profile[parameter] }));
}
