/**
 * Rule codes of RULES.md, violations as values, and the one place where their messages (English and Simplified
 * Chinese) are built. A rule function never throws for a rule breach: it returns a `RuleResult`.
 *
 * `RuleResult<T>`:
 * - `{ ok: true, value, warnings }` when no hard rule is broken (`warnings` holds soft-rule breaches, to be
 *   acknowledged with a written justification);
 * - `{ ok: false, violations, warnings }` when at least one hard rule is broken (`violations` holds the hard ones).
 */

export const RULE_CODES = [
  'ORG-RC-SIZE',
  'ORG-RC-DEPUTY-ROLES',
  'ORG-RC-PUBLIC-DEPUTY',
  'ORG-PARTY-TYPE',
  'ORG-PARTY-REPS',
  'ORG-RC-WOMAN',
  'ORG-CROSS',
  'VOT-AGE',
  'VOT-RIGHTS',
  'VOT-RESIDENT',
  'VOT-NO-DUP',
  'VOT-ID',
  'VOT-COMPLETE',
  'VOT-LIST-PUBLISH',
  'REP-COUNT',
  'REP-RESIDENT-SHARE',
  'REP-PER-GROUP',
  'REP-PER-UNIT',
  'REP-IS-VOTER',
  'MTH-KIND',
  'MTH-DIRECT-SHARE',
  'CAN-NOMINATION',
  'CAN-ELIGIBLE',
  'CAN-AGE-EDU',
  'CAN-SURPLUS',
  'CAN-PRELIM-REPORT',
  'CAN-LIST-NOTICE',
  'CAN-WITHDRAW',
  'CAN-ORDER',
  'CAN-VETTING',
  'MTG-QUORUM-RC',
  'MTG-QUORUM-PARTY',
  'MTG-SECRET',
  'MTG-BOXES',
  'MTG-PROXY',
  'MTG-RECUSAL',
  'MTG-CHECKIN',
  'CNT-BALLOTS',
  'CNT-ARITH',
  'CNT-OVERVOTE',
  'CNT-WRITEIN',
  'CNT-MAJORITY-RC',
  'CNT-MAJORITY-PARTY',
  'CNT-RANK',
  'CNT-RUNOFF',
  'CNT-DOUBLE-ENTRY',
  'CNT-ANNOUNCE',
  'PTY-OFFICERS',
  'TML-PHASE',
  'TML-ORDER',
  'AFT-CERT',
  'AFT-FILING',
  'AFT-HANDOVER',
  'AFT-REPORT',
  'AFT-RECALL',
  'AFT-BY-ELECTION',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = 'hard' | 'soft';
export type ParamValue = string | number | boolean | null;
export type Params = Readonly<Record<string, ParamValue>>;

export interface Violation {
  readonly rule: RuleCode;
  readonly severity: Severity;
  readonly params: Params;
}

export type RuleResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Violation[] }
  | { readonly ok: false; readonly violations: readonly Violation[]; readonly warnings: readonly Violation[] };

export interface DescribedViolation {
  /** Same as `rule`: the API error `code`. */
  readonly code: string;
  readonly rule: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly messageZh: string;
  readonly details: Params;
}

const CODE_SET: ReadonlySet<string> = new Set(RULE_CODES);

export function isRuleCode(code: string): code is RuleCode {
  return CODE_SET.has(code);
}

export function hard(rule: RuleCode, params: Params = {}): Violation {
  return { rule, severity: 'hard', params };
}

export function soft(rule: RuleCode, params: Params = {}): Violation {
  return { rule, severity: 'soft', params };
}

const EMPTY: readonly Violation[] = Object.freeze([]);

/** What a profile says about severities: overrides by `CODE` or `CODE:reason` (see src/domain/rules). */
export interface SeverityOverrides {
  readonly severities?: Readonly<Record<string, 'hard' | 'soft' | 'off'>>;
}

/** The severity a profile gives an issue: `CODE:reason` first, then `CODE`, else the rule function's own. */
export function severityIn(v: Violation, profile: SeverityOverrides | undefined): Severity | 'off' {
  const table = profile?.severities;
  if (!table) return v.severity;
  const reason = v.params.reason;
  return (typeof reason === 'string' ? table[`${v.rule}:${reason}`] : undefined) ?? table[v.rule] ?? v.severity;
}

/** Issues re-levelled by the profile (soft where the source says 一般; dropped where the profile switches them off). */
export function levelled(issues: readonly Violation[], profile: SeverityOverrides | undefined): Violation[] {
  const out: Violation[] = [];
  for (const v of issues) {
    const severity = severityIn(v, profile);
    if (severity === 'off') continue;
    out.push(severity === v.severity ? v : { ...v, severity });
  }
  return out;
}

/**
 * Builds a result from a list of issues: hard ones make it fail, soft ones are warnings. With a profile, each issue's
 * severity is the one the profile gives it (`severities`).
 */
export function resultOf<T>(value: T, raw: readonly Violation[], profile?: SeverityOverrides): RuleResult<T> {
  const issues = profile ? levelled(raw, profile) : raw;
  if (issues.length === 0) return { ok: true, value, warnings: EMPTY };
  const violations = issues.filter((v) => v.severity === 'hard');
  const warnings = issues.filter((v) => v.severity === 'soft');
  return violations.length === 0 ? { ok: true, value, warnings } : { ok: false, violations, warnings };
}

/** Every issue of a result, hard first. */
export function issuesOf(result: RuleResult<unknown>): readonly Violation[] {
  return result.ok ? result.warnings : [...result.violations, ...result.warnings];
}

export function okResult<T>(value: T): RuleResult<T> {
  return { ok: true, value, warnings: EMPTY };
}

// ------------------------------------------------------------------------------------------------ titles

interface Title {
  readonly title: string;
  readonly titleZh: string;
}

export const RULE_TITLES: Readonly<Record<RuleCode, Title>> = {
  'ORG-RC-SIZE': { title: "Residents' committee size", titleZh: '居民委员会职数' },
  'ORG-RC-DEPUTY-ROLES': { title: 'Deputy director roles', titleZh: '副主任人选结构' },
  'ORG-RC-PUBLIC-DEPUTY': { title: 'Publicly-selected deputy director', titleZh: '公选副主任' },
  'ORG-PARTY-TYPE': { title: 'Party committee size by organisation type', titleZh: '党组织委员职数' },
  'ORG-PARTY-REPS': { title: 'Party-member representatives congress', titleZh: '党员代表大会' },
  'ORG-RC-WOMAN': { title: "Woman member; no close relatives together", titleZh: '女性成员与近亲属回避' },
  'ORG-CROSS': { title: 'Cross-appointment rate', titleZh: '交叉任职率' },
  'VOT-AGE': { title: 'Voter aged 18 on election day', titleZh: '选民年满18周岁' },
  'VOT-RIGHTS': { title: 'Political rights', titleZh: '政治权利' },
  'VOT-RESIDENT': { title: 'Voter belongs to the community', titleZh: '选民居住资格' },
  'VOT-NO-DUP': { title: 'No double registration', titleZh: '不重登' },
  'VOT-ID': { title: 'Identity number', titleZh: '公民身份号码' },
  'VOT-COMPLETE': { title: 'No missed registration', titleZh: '不漏登' },
  'VOT-LIST-PUBLISH': { title: 'Voter list publication and objections', titleZh: '选民名单公布与申诉' },
  'REP-COUNT': { title: 'Number of representatives', titleZh: '居民代表人数' },
  'REP-RESIDENT-SHARE': { title: "Residents' representatives share", titleZh: '居民代表比例' },
  'REP-PER-GROUP': { title: 'Representatives per residents group', titleZh: '居民小组代表名额' },
  'REP-PER-UNIT': { title: 'Representatives per unit', titleZh: '驻区单位代表名额' },
  'REP-IS-VOTER': { title: 'Representative is a voter', titleZh: '代表为本社区选民' },
  'MTH-KIND': { title: 'Election method', titleZh: '选举方式' },
  'MTH-DIRECT-SHARE': { title: 'Share of direct elections', titleZh: '直接选举比例' },
  'CAN-NOMINATION': { title: 'Nomination', titleZh: '候选人提名' },
  'CAN-ELIGIBLE': { title: 'Candidate eligibility', titleZh: '候选人资格' },
  'CAN-AGE-EDU': { title: 'Candidate age and education', titleZh: '候选人年龄与文化程度' },
  'CAN-SURPLUS': { title: 'Competitive election surplus', titleZh: '差额比例' },
  'CAN-PRELIM-REPORT': { title: 'Preliminary candidates reported', titleZh: '候选人预备人选上报' },
  'CAN-LIST-NOTICE': { title: 'Official candidate list notice', titleZh: '正式候选人名单公布' },
  'CAN-WITHDRAW': { title: 'Candidate withdrawal', titleZh: '候选人退出' },
  'CAN-ORDER': { title: 'Candidate order by surname strokes', titleZh: '按姓氏笔画排序' },
  'CAN-VETTING': { title: 'Joint qualification review of candidates', titleZh: '候选人资格联审' },
  'MTG-QUORUM-RC': { title: "Residents' committee election quorum", titleZh: '居委会选举有效人数' },
  'MTG-QUORUM-PARTY': { title: 'Party election quorum', titleZh: '党组织选举到会人数' },
  'MTG-SECRET': { title: 'Secret ballot', titleZh: '无记名投票' },
  'MTG-BOXES': { title: 'Ballot boxes and monitors', titleZh: '票箱与监票' },
  'MTG-PROXY': { title: 'Proxy voting', titleZh: '委托投票' },
  'MTG-RECUSAL': { title: 'Recusal of candidates from election staff', titleZh: '工作人员回避' },
  'MTG-CHECKIN': { title: 'Check-in by voter card', titleZh: '凭选民证签到' },
  'CNT-BALLOTS': { title: 'Ballots returned versus issued', titleZh: '收回票数与发出票数' },
  'CNT-ARITH': { title: 'Tally sheet arithmetic', titleZh: '计票单核算' },
  'CNT-OVERVOTE': { title: 'Over-voted ballot', titleZh: '多选无效' },
  'CNT-WRITEIN': { title: 'Write-in votes', titleZh: '另选他人' },
  'CNT-MAJORITY-RC': { title: "Residents' committee majority", titleZh: '居委会当选票数' },
  'CNT-MAJORITY-PARTY': { title: 'Party committee majority', titleZh: '党组织当选票数' },
  'CNT-RANK': { title: 'Ranking and ties', titleZh: '得票排序与票数相等' },
  'CNT-RUNOFF': { title: 'Further vote and vacancies', titleZh: '另行选举与缺额' },
  'CNT-DOUBLE-ENTRY': { title: 'Double entry of tally sheets', titleZh: '计票双录入' },
  'CNT-ANNOUNCE': { title: 'Announcement of the result', titleZh: '当场公布选举结果' },
  'PTY-OFFICERS': { title: 'Secretary and deputy secretary', titleZh: '书记副书记等额选举' },
  'TML-PHASE': { title: 'Action within its phase', titleZh: '工作阶段时间' },
  'TML-ORDER': { title: 'Order of the steps of a round', titleZh: '工作步骤先后顺序' },
  'AFT-CERT': { title: 'Certificates of election', titleZh: '当选证书' },
  'AFT-FILING': { title: 'Filing with the district', titleZh: '备案审批' },
  'AFT-HANDOVER': { title: 'Handover between committees', titleZh: '新老班子交接' },
  'AFT-REPORT': { title: 'Summary report', titleZh: '换届工作报告' },
  'AFT-RECALL': { title: 'Recall petition and vote', titleZh: '罢免联名与表决' },
  'AFT-BY-ELECTION': { title: 'By-election of a vacant seat', titleZh: '缺额补选' },
};

export function ruleTitleZh(code: RuleCode): string {
  return RULE_TITLES[code].titleZh;
}

export function ruleTitle(code: RuleCode): string {
  return RULE_TITLES[code].title;
}

// ------------------------------------------------------------------------------------------------ messages

type Text = readonly [en: string, zh: string];
type Template = (p: Params) => Text;

const s = (v: ParamValue | undefined): string => (v === undefined || v === null ? '—' : String(v));

const EDUCATION_ZH: Readonly<Record<string, string>> = {
  primary: '小学',
  'junior-high': '初中',
  'high-school': '高中/中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
};
const edu = (v: ParamValue | undefined): string => (typeof v === 'string' ? (EDUCATION_ZH[v] ?? v) : '未填写');
const SEX_ZH: Readonly<Record<string, string>> = { male: '男', female: '女' };
const sexZh = (v: ParamValue | undefined): string => (typeof v === 'string' ? (SEX_ZH[v] ?? v) : '—');

/**
 * Templates keyed by `RULE` or `RULE:reason` (the `reason` param). Each names the figures involved.
 * A key missing here falls back to the rule's title plus its parameters.
 */
const TEMPLATES: Readonly<Record<string, Template>> = {
  'ORG-RC-SIZE:range': (p) => [
    `The residents' committee has ${s(p.actual)} members; it must have ${s(p.min)} to ${s(p.max)}`,
    `居民委员会成员共${s(p.actual)}名，应为${s(p.min)}至${s(p.max)}名`,
  ],
  'ORG-RC-SIZE:even': (p) => [
    `The residents' committee has ${s(p.actual)} members; the total must be odd`,
    `居民委员会成员共${s(p.actual)}名，总数必须为单数`,
  ],
  'ORG-RC-SIZE:director': (p) => [
    `The residents' committee has ${s(p.actual)} directors; it must have exactly 1`,
    `居民委员会主任应为1名，实际${s(p.actual)}名`,
  ],
  'ORG-RC-DEPUTY-ROLES': (p) => [
    `Among the ${s(p.deputies)} deputy directors there must be a ${s(p.missing)}`,
    `副主任（共${s(p.deputies)}名）中必须有一名${p.missing === 'police' ? '管段民警' : '大中专毕业生'}`,
  ],
  'ORG-RC-DEPUTY-ROLES:elected-deputy': (p) => [
    `Among the ${s(p.deputies)} deputy directors elected there is no ${s(p.missing)}`,
    `当选副主任（共${s(p.deputies)}名）中没有${p.missing === 'police' ? '管段民警' : '大中专毕业生'}，副主任必须有一名${p.missing === 'police' ? '管段民警' : '大中专毕业生'}`,
  ],
  'ORG-RC-DEPUTY-ROLES:elected-committee': (p) => [
    `Among the ${s(p.deputies)} members elected to the committee there is no ${s(p.missing)} to serve as deputy director`,
    `当选居民委员会成员（共${s(p.deputies)}名）中没有${p.missing === 'police' ? '管段民警' : '大中专毕业生'}，无法按要求配备副主任`,
  ],
  'ORG-RC-PUBLIC-DEPUTY:count': (p) => [
    `Publicly-selected deputy directors: ${s(p.actual)}; must equal the previous term's ${s(p.required)}`,
    `公选副主任职数应与上届相同（${s(p.required)}名），实际${s(p.actual)}名`,
  ],
  'ORG-RC-PUBLIC-DEPUTY:age': (p) => [
    `A publicly-selected deputy director candidate must be at most ${s(p.max)} on election day; aged ${s(p.actual)}`,
    `公选副主任候选人年龄不得超过${s(p.max)}岁，实际${s(p.actual)}岁`,
  ],
  'ORG-RC-PUBLIC-DEPUTY:education': (p) => [
    `A publicly-selected deputy director candidate needs at least ${s(p.required)} education; has ${s(p.actual)}`,
    `公选副主任候选人应具有${edu(p.required)}以上文化程度，实际为${edu(p.actual)}`,
  ],
  'ORG-RC-PUBLIC-DEPUTY:not-resident': () => [
    'A publicly-selected deputy director candidate must live in the community',
    '公选副主任候选人应为本社区常住居民',
  ],
  'ORG-PARTY-TYPE:range': (p) => [
    `A party ${s(p.type)} committee has ${s(p.min)} to ${s(p.max)} members (never more than ${s(p.absoluteMax)}); actual ${s(p.actual)}`,
    `${partyTypeZh(p.type)}委员应为${s(p.min)}至${s(p.max)}名（最多不超过${s(p.absoluteMax)}名），实际${s(p.actual)}名`,
  ],
  'ORG-PARTY-TYPE:over-max': (p) => [
    `A party ${s(p.type)} committee may never have more than ${s(p.absoluteMax)} members; actual ${s(p.actual)}`,
    `${partyTypeZh(p.type)}委员最多不超过${s(p.absoluteMax)}名，实际${s(p.actual)}名`,
  ],
  'ORG-PARTY-TYPE:even': (p) => [
    `The party committee has ${s(p.actual)} members; the total must be odd`,
    `党组织委员共${s(p.actual)}名，总数必须为单数`,
  ],
  'ORG-PARTY-TYPE:too-few-members': (p) => [
    `A branch committee needs at least ${s(p.required)} party members; the community has ${s(p.actual)}`,
    `党员${s(p.required)}名以上方可设立支部委员会，实有党员${s(p.actual)}名`,
  ],
  'ORG-PARTY-REPS:not-allowed': (p) => [
    `A representatives congress needs more than ${s(p.threshold)} party members; the community has ${s(p.actual)}`,
    `党员人数超过${s(p.threshold)}名方可召开党员代表大会，实有党员${s(p.actual)}名`,
  ],
  'ORG-PARTY-REPS:range': (p) => [
    `A party congress has ${s(p.min)} to ${s(p.max)} representatives (never more than ${s(p.absoluteMax)}); actual ${s(p.actual)}`,
    `党员代表应为${s(p.min)}至${s(p.max)}名（最多不超过${s(p.absoluteMax)}名），实际${s(p.actual)}名`,
  ],
  'ORG-PARTY-REPS:over-max': (p) => [
    `A party congress may never have more than ${s(p.absoluteMax)} representatives; actual ${s(p.actual)}`,
    `党员代表最多不超过${s(p.absoluteMax)}名，实际${s(p.actual)}名`,
  ],
  'ORG-PARTY-REPS:not-approved': () => [
    "A party-member representatives congress needs the district organisation department's approval",
    '召开党员代表大会须报区委组织部批准',
  ],
  'ORG-RC-WOMAN:no-woman': (p) => [
    `The residents' committee (${s(p.members)} members) must include at least one woman`,
    `居民委员会成员（共${s(p.members)}名）中应至少有一名女性`,
  ],
  'ORG-RC-WOMAN:relatives': (p) => [
    `${s(p.a)} and ${s(p.b)} are close relatives and may not serve on the committee together`,
    `${s(p.a)}与${s(p.b)}为近亲属，不得同时担任居民委员会成员`,
  ],
  'VOT-AGE': (p) => [
    `Not 18 on election day ${s(p.electionDay)}: born ${s(p.birthDate)}, must be born on or before ${s(p.bornBy)}`,
    `选举日（${s(p.electionDay)}）未满18周岁：出生日期${s(p.birthDate)}，应不晚于${s(p.bornBy)}`,
  ],
  'VOT-RIGHTS': () => ['A person deprived of political rights may not be registered', '依法被剥夺政治权利的人不得登记为选民'],
  'VOT-RESIDENT:months': (p) => [
    `Living in the community for ${s(p.actual)} months; at least ${s(p.required)} required`,
    `在本社区居住${s(p.actual)}个月，应不少于${s(p.required)}个月`,
  ],
  'VOT-RESIDENT:months-unknown': (p) => [
    `The months of residence are missing; at least ${s(p.required)} required`,
    `未填写居住时间，应在本社区居住不少于${s(p.required)}个月`,
  ],
  'VOT-RESIDENT:not-requested': () => [
    'A resident without household registration must ask to take part',
    '户籍不在本社区的居民须本人申请参加选举',
  ],
  'VOT-RESIDENT:not-approved': () => [
    'A community worker must be approved by the election committee',
    '在本社区工作的人员须经居民选举委员会同意',
  ],
  'VOT-NO-DUP': (p) =>
    p.idNumberMasked === undefined
      ? [
          // a row of an import: the row number names the person, and equal messages can be reported as one run
          `The identity number of this row is already registered in ${s(p.otherCommunityName)}`,
          `本行身份号码已在${s(p.otherCommunityName)}登记，不得重复登记`,
        ]
      : [
          `Identity number ${s(p.idNumberMasked)} is already registered in ${s(p.otherCommunityName)}`,
          `身份号码${s(p.idNumberMasked)}已在${s(p.otherCommunityName)}登记，不得重复登记`,
        ],
  'VOT-ID:length': (p) => [
    `An identity number has 18 (or legacy 15) characters; this one has ${s(p.length)}`,
    `公民身份号码应为18位（或旧15位），实际${s(p.length)}位`,
  ],
  'VOT-ID:chars': (p) => [
    `An identity number has digits only (and a final X); character ${s(p.position)} is invalid`,
    `公民身份号码只能由数字（末位可为X）组成，第${s(p.position)}位无效`,
  ],
  'VOT-ID:region': (p) => [
    `Region code ${s(p.regionCode)} is not a valid province`,
    `地址码${s(p.regionCode)}不是有效的省级代码`,
  ],
  'VOT-ID:date': (p) =>
    p.earliest
      ? [`Birth date ${s(p.birthDate)} is before ${s(p.earliest)}`, `出生日期码${s(p.birthDate)}早于1900年1月1日，不是有效的出生日期，请核对身份证号`]
      : [`Birth date ${s(p.birthDate)} is not a real date`, `出生日期码${s(p.birthDate)}不是有效日期`],
  'VOT-ID:future': (p) => [
    `Birth date ${s(p.birthDate)} is after today ${s(p.today)}`,
    `出生日期${s(p.birthDate)}晚于今天（${s(p.today)}）`,
  ],
  'VOT-ID:spreadsheet-number': (p) => [
    `The identity number was stored by Excel as a number (${s(p.value)}); format the column as text and enter it again`,
    '身份证号被 Excel 存成了数字，请把该列设为文本',
  ],
  'VOT-ID:checksum': (p) => [
    `Check character is ${s(p.actual)}; ${s(p.expected)} expected`,
    `校验码应为${s(p.expected)}，实际为${s(p.actual)}`,
  ],
  'VOT-ID:birth-mismatch': (p) => [
    `Stated birth date ${s(p.stated)} differs from ${s(p.fromNumber)} in the identity number`,
    `填报的出生日期${s(p.stated)}与身份号码中的${s(p.fromNumber)}不一致`,
  ],
  'VOT-ID:sex-mismatch': (p) => [
    `Stated sex ${s(p.stated)} differs from ${s(p.fromNumber)} in the identity number`,
    `填报的性别（${sexZh(p.stated)}）与身份号码中的性别（${sexZh(p.fromNumber)}）不一致`,
  ],
  'VOT-COMPLETE': (p) => [
    `${s(p.missing)} adult residents of the roster are not registered`,
    `常住人口名册中有${s(p.missing)}名年满18周岁的居民未登记`,
  ],
  'VOT-LIST-PUBLISH:late': (p) => [
    `The voter list must be published ${s(p.required)} days before election day; published ${s(p.actual)} days before`,
    `选民名单应于选举日前${s(p.required)}日公布，实际提前${s(p.actual)}日`,
  ],
  'VOT-LIST-PUBLISH:objection-late': (p) => [
    `Objections may be filed within ${s(p.required)} days of publication (until ${s(p.until)}); filed on ${s(p.on)}`,
    `申诉应在名单公布之日起${s(p.required)}日内（${s(p.until)}前）提出，实际于${s(p.on)}提出`,
  ],
  'VOT-LIST-PUBLISH:objection-before-publication': (p) => [
    `An objection filed on ${s(p.on)} precedes the publication on ${s(p.publishedOn)}`,
    `申诉日期${s(p.on)}早于名单公布日期${s(p.publishedOn)}`,
  ],
  'VOT-LIST-PUBLISH:decision-late': (p) => [
    `An objection must be decided within ${s(p.required)} days (by ${s(p.by)}); decided on ${s(p.on)}`,
    `申诉应在${s(p.required)}日内（${s(p.by)}前）作出处理决定，实际于${s(p.on)}作出`,
  ],
  'VOT-LIST-PUBLISH:decision-overdue': (p) => [
    `An objection filed on ${s(p.filedOn)} was to be decided by ${s(p.by)}; today is ${s(p.today)}`,
    `${s(p.filedOn)}提出的申诉应于${s(p.by)}前作出处理决定，至今（${s(p.today)}）未决定`,
  ],
  'VOT-LIST-PUBLISH:future': (p) => [
    `Publication date ${s(p.publishedOn)} is after today ${s(p.today)}`,
    `公布日期${s(p.publishedOn)}晚于今天（${s(p.today)}）`,
  ],
  'REP-COUNT': (p) => [
    `There are ${s(p.actual)} representatives; generally ${s(p.min)} to ${s(p.max)}`,
    `居民代表共${s(p.actual)}名，一般应为${s(p.min)}至${s(p.max)}名`,
  ],
  'REP-RESIDENT-SHARE': (p) => [
    `Residents' representatives are ${s(p.residents)} of ${s(p.total)}; at least ${s(p.required)} required`,
    `居民代表${s(p.residents)}名，占代表总数${s(p.total)}名的比例应不少于${s(p.requiredZh)}`,
  ],
  'REP-PER-GROUP:group': (p) => [
    `Residents' group ${s(p.group)} has ${s(p.actual)} representatives; ${s(p.min)} to ${s(p.max)} required`,
    `居民小组“${s(p.group)}”推选代表${s(p.actual)}名，应为${s(p.min)}至${s(p.max)}名`,
  ],
  'REP-PER-GROUP:households': (p) => [
    `Residents' group ${s(p.group)} (${s(p.households)} households) has ${s(p.actual)} representatives; one per ${s(p.min)} to ${s(p.max)} households means ${s(p.low)} to ${s(p.high)}`,
    `居民小组“${s(p.group)}”共${s(p.households)}户，推选代表${s(p.actual)}名；按每${s(p.min)}至${s(p.max)}户推选1名，应为${s(p.low)}至${s(p.high)}名`,
  ],
  'REP-PER-GROUP:no-group': (p) => [
    `Representative ${s(p.representative)} belongs to no residents' group`,
    `居民代表${s(p.representative)}未归属任何居民小组`,
  ],
  'REP-PER-UNIT': (p) => [
    `Unit ${s(p.unit)} sends ${s(p.actual)} representatives; ${s(p.min)} to ${s(p.max)} required`,
    `驻区单位“${s(p.unit)}”选派代表${s(p.actual)}名，应为${s(p.min)}至${s(p.max)}名`,
  ],
  'REP-PER-UNIT:no-unit': (p) => [
    `Unit representative ${s(p.unit)} belongs to no unit`,
    `单位代表${s(p.unit)}未归属任何驻区单位`,
  ],
  'REP-IS-VOTER': (p) => [
    `Representative ${s(p.representative)} is not a registered voter of the community`,
    `居民代表${s(p.representative)}不是本社区登记选民`,
  ],
  'MTH-KIND': (p) => [
    `Election method ${s(p.method)} is not one of congress, direct or household`,
    `选举方式“${s(p.method)}”无效，应为居民代表会议、直接选举或户代表选举`,
  ],
  'MTH-DIRECT-SHARE': (p) => [
    `${s(p.direct)} of ${s(p.total)} communities use direct election; at least ${s(p.required)} required`,
    `${s(p.total)}个社区中直接选举的有${s(p.direct)}个，不得少于${s(p.requiredZh)}`,
  ],
  'CAN-NOMINATION:too-few-voters': (p) => [
    `A joint nomination needs at least ${s(p.required)} voters; it has ${s(p.actual)}`,
    `选民联合提名应不少于${s(p.required)}人，实际${s(p.actual)}人`,
  ],
  'CAN-NOMINATION:too-few-households': (p) => [
    `A household nomination needs at least ${s(p.required)} household representatives; it has ${s(p.actual)}`,
    `户代表联合提名应不少于${s(p.required)}户，实际${s(p.actual)}户`,
  ],
  'CAN-NOMINATION:self-not-allowed': () => ['Self-nomination is not allowed by this profile', '本次选举不允许自荐提名'],
  'CAN-NOMINATION:committee-no-consent': () => [
    "A nomination by the election committee needs the nominee's consent",
    '选举委员会提名（组织提名）须经被提名人本人同意，请先取得并登记本人同意',
  ],
  'CAN-NOMINATION:nominator-not-registered': (p) => [
    `${s(p.count)} nominators are not registered voters of the community`,
    `有${s(p.count)}名提名人不是本社区登记选民`,
  ],
  'CAN-NOMINATION:nominator-over-limit': (p) => [
    `Nominator ${s(p.nominator)} is on ${s(p.actual)} joint nominations for a position with ${s(p.max)} seats`,
    `提名人${s(p.nominator)}联名提名${s(p.actual)}人，超过该职位应选名额${s(p.max)}名`,
  ],
  'CAN-NOMINATION:duplicate-nominator': (p) => [
    `Nominator ${s(p.nominator)} appears twice on the same nomination`,
    `提名人${s(p.nominator)}在同一提名中重复出现`,
  ],
  'CAN-ELIGIBLE:not-registered': () => ['The nominee is not a registered voter of this community', '被提名人不是本社区登记选民'],
  'CAN-ELIGIBLE:rights-deprived': (p) => [
    `Candidate ${s(p.name)} is deprived of political rights`,
    `候选人${s(p.name)}被依法剥夺政治权利`,
  ],
  'CAN-ELIGIBLE:not-full-party-member': (p) => [
    `Candidate ${s(p.name)} is not a full party member`,
    `候选人${s(p.name)}不是正式党员`,
  ],
  'CAN-AGE-EDU:age': (p) => [
    `${p.incumbent === true ? 'An incumbent' : 'A new member'} (${s(p.sex)}) may be at most ${s(p.max)}; aged ${s(p.actual)}`,
    `${p.incumbent === true ? '原班子成员' : '新进班子成员'}（${sexZh(p.sex)}）年龄应在${s(p.max)}周岁以下，实际${s(p.actual)}周岁`,
  ],
  'CAN-AGE-EDU:education': (p) => [
    `At least ${s(p.required)} education is required; has ${s(p.actual)}`,
    `应具有${edu(p.required)}以上文化程度，实际为${edu(p.actual)}`,
  ],
  'CAN-AGE-EDU:newcomer-education': (p) => [
    `A new member should have at least ${s(p.required)} education; has ${s(p.actual)}`,
    `新进班子成员一般应具有${edu(p.required)}以上文化程度，实际为${edu(p.actual)}`,
  ],
  'CAN-AGE-EDU:secretary-education': (p) => [
    `The party secretary needs at least ${s(p.required)} education; has ${s(p.actual)}`,
    `社区党组织负责人应具有${edu(p.required)}以上学历，实际为${edu(p.actual)}`,
  ],
  'CAN-AGE-EDU:secretary-age': (p) => [
    `The party secretary is generally at most ${s(p.max)}; aged ${s(p.actual)}`,
    `社区党组织负责人原则上年龄在${s(p.max)}岁以下，实际${s(p.actual)}岁`,
  ],
  'CAN-SURPLUS': (p) => [
    `${s(p.seats)} seats need at least ${s(p.required)} candidates (${s(p.surplus)} surplus); there are ${s(p.actual)}`,
    `应选${s(p.seats)}名，候选人应不少于${s(p.required)}名（差额${s(p.surplus)}），实际${s(p.actual)}名`,
  ],
  'CAN-SURPLUS:withdrawal-nominate': (p) => [
    `A candidate withdrew and no one can be backfilled: ${s(p.seats)} seats need at least ${s(p.required)} candidates, there are ${s(p.actual)}; no vote before a further nomination is published by ${s(p.publishBy)}, or the election day is postponed with the steering group's approval`,
    `候选人退出后无人递补：应选${s(p.seats)}名，候选人应不少于${s(p.required)}名（差额${s(p.surplus)}），现仅${s(p.actual)}名，不能投票选举。可另行提名候选人，并于${s(p.publishBy)}前（选举日前${s(p.noticeDays)}日）重新公布正式候选人名单；或经换届选举工作领导小组批准推迟选举日`,
  ],
  'CAN-SURPLUS:withdrawal-postpone': (p) => [
    `A candidate withdrew and no one can be backfilled: ${s(p.seats)} seats need at least ${s(p.required)} candidates, there are ${s(p.actual)}; a new list can no longer be published by ${s(p.publishBy)}: postpone the election day with the steering group's approval and nominate again`,
    `候选人退出后无人递补：应选${s(p.seats)}名，候选人应不少于${s(p.required)}名（差额${s(p.surplus)}），现仅${s(p.actual)}名，不能投票选举。已来不及另行提名并于选举日前${s(p.noticeDays)}日（${s(p.publishBy)}）公布名单，须经换届选举工作领导小组批准推迟选举日，另行提名候选人后重新公布`,
  ],
  'CAN-PRELIM-REPORT:late': (p) => [
    `Preliminary candidates are reported by ${s(p.deadline)}; reported on ${s(p.reportedOn)}`,
    `候选人预备人选应于${s(p.deadline)}前上报街道，实际于${s(p.reportedOn)}上报`,
  ],
  'CAN-PRELIM-REPORT:not-reported': (p) => [
    `Preliminary candidates were due by ${s(p.deadline)}; not reported by ${s(p.today)}`,
    `候选人预备人选应于${s(p.deadline)}前上报街道，至${s(p.today)}仍未上报`,
  ],
  'CAN-PRELIM-REPORT:future': (p) => [
    `Report date ${s(p.reportedOn)} is after today ${s(p.today)}`,
    `上报日期${s(p.reportedOn)}晚于今天（${s(p.today)}）`,
  ],
  'CAN-PRELIM-REPORT:not-publicised': () => [
    'Preliminary candidates must be publicised before they are reported',
    '候选人预备人选应经社区公示后上报',
  ],
  'CAN-LIST-NOTICE': (p) => [
    `The official candidate list must be published ${s(p.required)} days before election day; published ${s(p.actual)} days before`,
    `正式候选人名单应于选举日前${s(p.required)}日公布，实际提前${s(p.actual)}日`,
  ],
  'CAN-WITHDRAW': (p) => [
    `Withdrawal closes ${s(p.required)} days before election day; requested ${s(p.actual)} days before`,
    `候选人退出应在选举日前${s(p.required)}日之前提出，实际提前${s(p.actual)}日`,
  ],
  'CAN-ORDER': (p) => [
    `Candidates must be listed by surname strokes; position ${s(p.position)} should be ${s(p.expected)}, is ${s(p.actual)}`,
    `候选人应按姓氏笔画排序，第${s(p.position)}位应为${s(p.expected)}，实际为${s(p.actual)}`,
  ],
  // A published list that cannot be printed as it stands (src/pdf/ready.ts): two positions alike, or out of order.
  'CAN-ORDER:positions': (p) => [
    `The ${s(p.post)} list's ballot positions repeat or go backwards; correct and publish it again before printing`,
    `${s(p.postZh)}正式候选人名单的排列序号重复或颠倒，不能按此印制；候选人应按姓氏笔画排序，请更正后重新公布`,
  ],
  'CAN-VETTING:refused': (p) => [
    `${s(p.name)} did not pass the joint qualification review (${s(p.departments)}: ${s(p.reasons)}) and cannot be on the formal list`,
    `${s(p.name)}未通过候选人资格联审（${s(p.departments)}：${s(p.reasons)}），不得列入正式候选人名单`,
  ],
  'CAN-VETTING:pending': (p) => [
    `${s(p.name)} still awaits the joint qualification review of ${s(p.departments)} and cannot be on the formal list yet`,
    `${s(p.name)}的候选人资格联审尚待${s(p.departments)}审查，暂不得列入正式候选人名单`,
  ],
  'MTG-QUORUM-RC': (p) => [
    `More than ${s(p.share)} of the ${s(p.expected)} ${s(p.base)} must take part; ${s(p.present)} did`,
    `${baseZh(p.base)}应到${s(p.expected)}人，须超过${s(p.shareZh)}参加选举方为有效，实到${s(p.present)}人`,
  ],
  'MTG-QUORUM-PARTY': (p) => [
    `More than ${s(p.share)} of the ${s(p.expected)} members who should attend must be present; ${s(p.present)} are`,
    `有选举权的到会人数须超过应到会人数${s(p.expected)}人的${s(p.shareZh)}，实到${s(p.present)}人`,
  ],
  'MTG-QUORUM-PARTY:excused-not-member': (p) => [
    `Only a full member of the organisation can be excused (${s(p.member)})`,
    `请假不计入应到人数的须为本组织正式党员（${s(p.member)}）`,
  ],
  'MTG-QUORUM-PARTY:excused-twice': (p) => [`A member is excused once (${s(p.member)})`, `同一党员只能登记一次请假（${s(p.member)}）`],
  'MTG-QUORUM-PARTY:excused-reason': (p) => [
    `Not a reason the 2020 regulation accepts: ${s(p.given)}`,
    `请假原因不属于条例规定的情形（患病不能表达本人意志、出国出境半年以上、受留党察看或被立案审查、停止党籍、外出或派驻）：${s(p.given)}`,
  ],
  'MTG-QUORUM-PARTY:excused-no-approval': (p) => [
    `An excused member needs the higher party organisation's approval (${s(p.member)})`,
    `不计入应到人数须经上级党组织同意，请填写批准单位（${s(p.member)}）`,
  ],
  'MTG-QUORUM-PARTY:expected-mismatch': (p) => [
    `Expected ${s(p.given)} does not match ${s(p.members)} full members less ${s(p.excused)} excused`,
    `应到人数${s(p.given)}人与正式党员${s(p.members)}人减去经批准请假${s(p.excused)}人不符`,
  ],
  'MTG-SECRET:show-of-hands-competitive': (p) => [
    `Show of hands is only for an equal election; ${s(p.candidates)} candidates for ${s(p.seats)} seats`,
    `举手表决只适用于等额选举，本次${s(p.seats)}个名额有${s(p.candidates)}名候选人`,
  ],
  'MTG-SECRET:show-of-hands-not-allowed': () => [
    'This profile does not allow voting by show of hands',
    '本次选举不允许采取举手表决方式',
  ],
  'MTG-BOXES:monitors': (p) => [
    `Box ${s(p.box)} (${s(p.kind)}) has ${s(p.actual)} monitors; at least ${s(p.required)} required`,
    `票箱“${s(p.box)}”（${p.kind === 'mobile' ? '流动票箱' : '投票站'}）监票人${s(p.actual)}名，应不少于${s(p.required)}名`,
  ],
  'MTG-BOXES:no-main': () => ['There is no main-meeting ballot box', '未设置选举大会会场票箱'],
  'MTG-BOXES:not-counted': (p) => [
    `Box ${s(p.box)} has not been opened and counted at the main meeting`,
    `票箱“${s(p.box)}”未在选举大会会场当众开箱计票`,
  ],
  'MTG-PROXY:congress': (p) => [
    `Representatives vote in person at a congress; ${s(p.count)} proxies are not allowed`,
    `居民代表会议由代表本人投票，不得委托投票（登记委托${s(p.count)}人）`,
  ],
  'MTG-PROXY:party': () => ['Party elections allow no proxies', '党组织选举不得委托投票'],
  'MTG-PROXY:holder-over-max': (p) => [
    `${s(p.holder)} holds ${s(p.actual)} proxies; at most ${s(p.max)}`,
    `${s(p.holder)}接受委托${s(p.actual)}人，每人最多${s(p.max)}人`,
  ],
  'MTG-PROXY:holder-is-candidate': (p) => [
    `Candidate ${s(p.holder)} may not hold a proxy`,
    `候选人${s(p.holder)}不得接受委托`,
  ],
  'MTG-PROXY:giver-twice': (p) => [
    `${s(p.giver)} gave more than one proxy`,
    `${s(p.giver)}重复委托`,
  ],
  'MTG-PROXY:self': (p) => [`${s(p.giver)} cannot give a proxy to themself`, `${s(p.giver)}不能委托本人`],
  'MTG-PROXY:not-approved': (p) => [
    `The proxy from ${s(p.giver)} to ${s(p.holder)} is not written and approved by the election committee`,
    `${s(p.giver)}委托${s(p.holder)}投票未经书面委托并经选举委员会同意`,
  ],
  'MTG-RECUSAL:candidate': (p) => [
    `Candidate ${s(p.person)} may not serve as ${s(p.duty)}`,
    `候选人${s(p.person)}不得担任${dutyZh(p.duty)}`,
  ],
  'MTG-RECUSAL:relative': (p) => [
    `${s(p.person)}, a close relative of candidate ${s(p.candidate)}, may not serve as ${s(p.duty)}`,
    `${s(p.person)}系候选人${s(p.candidate)}的近亲属，不得担任${dutyZh(p.duty)}`,
  ],
  'CNT-BALLOTS': (p) => [
    `${s(p.returned)} ballots returned exceed the ${s(p.issued)} issued: the vote is void`,
    `收回选票${s(p.returned)}张，多于发出选票${s(p.issued)}张，选举无效，应重新投票`,
  ],
  'CNT-ARITH': (p) => [`Tally sheet does not add up: ${s(p.equation)}`, `计票单不平：${s(p.equationZh)}`],
  'CNT-OVERVOTE': (p) => [
    `The ballot marks ${s(p.marks)} people for ${s(p.seats)} seats: invalid`,
    `该选票选${s(p.marks)}人，多于应选${s(p.seats)}名，为无效票`,
  ],
  'CNT-WRITEIN': (p) => [
    `Write-in ${s(p.name)} is not eligible`,
    `另选人${s(p.name)}不具备被选举资格`,
  ],
  'CNT-MAJORITY-RC': (p) => [
    `${s(p.name)} received ${s(p.votes)} votes; more than ${s(p.share)} of the ${s(p.base)} ${s(p.baseKind)} who took part needed`,
    `${s(p.name)}得${s(p.votes)}票，未超过${tookPartZh(p.baseKind)}${s(p.base)}人的${s(p.shareZh)}，不能当选`,
  ],
  'CNT-MAJORITY-PARTY': (p) => [
    `${s(p.name)} received ${s(p.votes)} votes; more than ${s(p.share)} of ${s(p.base)} (${s(p.baseKind)}) needed`,
    `${s(p.name)}得${s(p.votes)}票，未超过${p.baseKind === 'expected' ? '应到会' : '实到会'}党员${s(p.base)}人的${s(p.shareZh)}，不能当选`,
  ],
  'CNT-RANK': (p) => [
    `${s(p.tied)} people tie with ${s(p.votes)} votes for ${s(p.seats)} remaining seats: a new vote among them is needed`,
    `${s(p.names)}得票相等（各${s(p.votes)}票），剩余名额${s(p.seats)}名，应就票数相等的人重新投票`,
  ],
  'CNT-RUNOFF:below-share': (p) => [
    `${s(p.name)} received ${s(p.votes)} of ${s(p.cast)} ballots cast; at least ${s(p.required)} needed`,
    `${s(p.name)}得${s(p.votes)}票，不足已投选票${s(p.cast)}张的${s(p.requiredZh)}，不能当选`,
  ],
  'CNT-RUNOFF:runoff-needed': (p) => [
    `${s(p.seats)} seats remain unfilled: a further vote among ${s(p.candidates)} candidates is needed`,
    `尚有${s(p.seats)}个名额未选足，应在未当选人中按得票多少确定${s(p.candidates)}名候选人另行选举`,
  ],
  'CNT-RUNOFF:vacant': (p) => [
    `${s(p.vacancies)} seats stay vacant; ${s(p.elected)} elected`,
    `${s(p.vacancies)}个名额空缺，已当选${s(p.elected)}人`,
  ],
  'CNT-RUNOFF:too-few-elected': (p) => [
    `Only ${s(p.elected)} elected; at least ${s(p.required)} are needed for the committee to be valid`,
    `仅当选${s(p.elected)}人，少于${s(p.required)}人，应另行选举`,
  ],
  'CNT-DOUBLE-ENTRY:mismatch': (p) => [
    `The two entries differ in ${s(p.fields)}`,
    `两次录入不一致：${s(p.fieldsZh)}`,
  ],
  'CNT-DOUBLE-ENTRY:same-scrutineer': () => [
    'The second entry must come from a different scrutineer',
    '第二次录入须由另一名监票人/计票人完成',
  ],
  'CNT-ANNOUNCE:missing': (p) => [`The result notice lacks: ${s(p.missing)}`, `选举结果公告缺少：${s(p.missing)}`],
  'CNT-ANNOUNCE:number': (p) => [
    `The result notice should be number ${s(p.expected)}; it is number ${s(p.actual)}`,
    `选举结果公告应为第${s(p.expected)}号，实际为第${s(p.actual)}号`,
  ],
  'PTY-OFFICERS:not-member': (p) => [
    `${s(p.name)} is not a member of the new party committee`,
    `${s(p.name)}不是新一届党组织委员会委员，不能当选书记或副书记`,
  ],
  'PTY-OFFICERS:not-equal': (p) => [
    `The ${s(p.post)} election must be equal: ${s(p.candidates)} candidates for ${s(p.seats)} posts`,
    `${p.post === 'secretary' ? '书记' : '副书记'}应等额选举，${s(p.seats)}个职位有${s(p.candidates)}名候选人`,
  ],
  'PTY-OFFICERS:one-secretary': (p) => [
    `There must be exactly one secretary; ${s(p.actual)} given`,
    `书记应为1名，实际${s(p.actual)}名`,
  ],
  'PTY-OFFICERS:not-reviewed': () => [
    'The proposed secretary and deputy secretaries must first be reviewed and agreed by the street party working committee',
    '书记、副书记人选须先报街道党工委审查同意，请填写审查同意的日期',
  ],
  'PTY-OFFICERS:review-future': (p) => [
    `The review date ${s(p.reviewedOn)} is after today ${s(p.today)}`,
    `街道党工委审查同意日期（${s(p.reviewedOn)}）晚于今天（${s(p.today)}）`,
  ],
  'PTY-OFFICERS:duplicate': (p) => [`${s(p.name)} holds two posts`, `${s(p.name)}同时被选为书记和副书记`],
  'TML-PHASE:outside': (p) => [
    `${s(p.action)} on ${s(p.on)} is outside the ${s(p.phase)} phase (${s(p.from)} to ${s(p.to)})`,
    `${actionZh(p.action)}（${s(p.on)}）不在“${phaseZh(p.phase)}”阶段（${s(p.from)}至${s(p.to)}）内`,
  ],
  'TML-PHASE:no-phase': (p) => [
    `The round defines no ${s(p.phase)} phase for ${s(p.action)}`,
    `本轮换届未设置“${phaseZh(p.phase)}”阶段，无法${actionZh(p.action)}`,
  ],
  'TML-ORDER': (p) => [
    `The ${s(p.step)} (${s(p.on)}) cannot come before the ${s(p.after)} (${p.afterOn === null || p.afterOn === undefined ? 'not yet done' : s(p.afterOn)})`,
    `${stepZh(p.step)}（${s(p.on)}）不得早于${stepZh(p.after)}（${p.afterOn === null || p.afterOn === undefined ? '尚未进行' : s(p.afterOn)}）`,
  ],
  'AFT-CERT': (p) => [`Certificate number ${s(p.number)} is used twice`, `当选证书编号${s(p.number)}重复`],
  'AFT-CERT:not-elected': (p) => [
    `${s(p.name)} is not elected ${s(p.post)} in the confirmed result: no certificate may be printed`,
    `${s(p.name)}不是已确认结果中的${s(p.post)}当选人，不能印制其当选证书`,
  ],
  'AFT-CERT:missing': (p) => [
    `${s(p.name)}, elected ${s(p.post)}, has no certificate`,
    `当选人${s(p.name)}（${s(p.post)}）尚无当选证书`,
  ],
  'AFT-FILING:no-reason': () => ['A returned filing needs a reason', '退回备案须说明理由'],
  'AFT-FILING:failing': (p) => [
    `The filing cannot be approved: ${s(p.failing)} rule checks fail`,
    `备案不能通过：有${s(p.failing)}项规则检查未通过`,
  ],
  'AFT-HANDOVER': (p) => [
    `The handover was due ${s(p.days)} days after the election (by ${s(p.dueBy)}); ${p.completedOn === null || p.completedOn === undefined ? `not completed by ${s(p.today)}` : `completed on ${s(p.completedOn)}`}`,
    `新老班子应于选举后${s(p.days)}日内（${s(p.dueBy)}前）完成交接，${p.completedOn === null || p.completedOn === undefined ? `至${s(p.today)}仍未完成` : `实际于${s(p.completedOn)}完成`}`,
  ],
  'AFT-REPORT': (p) => [`The summary report lacks: ${s(p.missing)}`, `换届工作报告缺少：${s(p.missing)}`],
  'MTG-CHECKIN:other-community': (p) => [
    `The voter card of ${s(p.name)} belongs to another community`,
    `${s(p.name)}的选民证不属于本社区，不能在本次会议签到`,
  ],
  'MTG-CHECKIN:not-representative': (p) => [
    `${s(p.name)} is not a representative of this congress`,
    `${s(p.name)}不是本届居民代表，不能在居民代表会议签到`,
  ],
  'MTG-CHECKIN:no-proxy': (p) => [
    `${s(p.name)} gave no proxy registered for this meeting`,
    `${s(p.name)}未在本次会议登记委托投票，不能由他人代为签到`,
  ],
  'MTG-CHECKIN:holder-absent': (p) => [
    `The proxy holder ${s(p.holder)} has not checked in`,
    `受托人${s(p.holder)}尚未本人签到，须先凭本人选民证签到`,
  ],
  'MTG-CHECKIN:base': (p) => [
    `A meeting counted by ${s(p.base)} does not check in by voter card`,
    `本次会议按${p.base === 'households' ? '户' : '党员'}计算到会，不凭选民证签到`,
  ],
  'AFT-RECALL:share': (p) => [
    `A recall needs at least ${s(p.required)} of ${s(p.baseCount)} ${s(p.base)} (${s(p.share)}); ${s(p.actual)} signed`,
    `提出罢免须有${p.base === 'representatives' ? '居民代表' : '登记选民'}${s(p.share)}以上联名（${s(p.baseCount)}人中至少${s(p.required)}人），现有${s(p.actual)}人联名`,
  ],
  'AFT-RECALL:turnout': (p) => [
    `A recall vote needs more than half of the ${s(p.baseCount)} ${s(p.base)} to vote; ${s(p.returned)} voted`,
    `罢免表决须有${p.base === 'representatives' ? '居民代表' : '登记选民'}过半数参加投票（应到${s(p.baseCount)}人，实际投票${s(p.returned)}人）`,
  ],
  'AFT-RECALL:majority': (p) => [
    `A recall passes only with more than half of the ${s(p.returned)} ballots; ${s(p.votesFor)} were for it`,
    `罢免须经投票人过半数通过（收回${s(p.returned)}票，赞成${s(p.votesFor)}票），罢免未通过`,
  ],
  'AFT-BY-ELECTION:not-elected': (p) => [
    `${s(p.name)} does not hold a ${s(p.contest)} seat of this round`,
    `${s(p.name)}不是本届当选的该职务成员，不能据此补选`,
  ],
};

function partyTypeZh(v: ParamValue | undefined): string {
  return v === 'branch' ? '支部' : v === 'general' ? '总支' : v === 'committee' ? '党委' : s(v);
}
function baseZh(v: ParamValue | undefined): string {
  switch (v) {
    case 'representatives':
      return '居民代表';
    case 'voters':
      return '登记选民';
    case 'households':
      return '户代表';
    case 'party-members':
      return '党员';
    default:
      return s(v);
  }
}
/** Who took part in a residents' committee vote, by the meeting's base (the base of its majority). */
function tookPartZh(v: ParamValue | undefined): string {
  switch (v) {
    case 'representatives':
      return '出席会议的居民代表';
    case 'households':
      return '参加投票的户代表';
    default:
      return '参加投票的选民';
  }
}
function dutyZh(v: ParamValue | undefined): string {
  return v === 'monitor' ? '监票人' : v === 'caller' ? '唱票人' : v === 'counter' ? '计票人' : s(v);
}
/** What each action of a round is called in Chinese (TML-PHASE messages, the timeline's phases). */
export const ACTION_ZH: Readonly<Record<string, string>> = {
  configure: '部署换届工作',
  'issue-election-notice': '发布选举公告',
  'register-voters': '登记选民',
  'publish-voter-list': '公布选民名单',
  'register-representatives': '推选居民代表',
  nominate: '提名候选人',
  'report-preliminary': '上报预备人选',
  'publish-candidates': '公布正式候选人',
  meeting: '召开选举大会',
  tally: '计票',
  certificates: '颁发当选证书',
  filing: '备案',
  handover: '交接',
  report: '上报换届工作报告',
};
function actionZh(v: ParamValue | undefined): string {
  return typeof v === 'string' ? (ACTION_ZH[v] ?? v) : s(v);
}
/** The three phases as the screens name them (the round set-up creates them so): one table for every message. */
export const PHASE_ZH: Readonly<Record<string, string>> = {
  mobilisation: '宣传发动',
  election: '选举实施',
  'wrap-up': '总结验收',
};
const STEP_ZH: Readonly<Record<string, string>> = {
  'election-notice': '选举公告',
  'voter-list': '选民名单公布',
  'candidate-list': '正式候选人名单公布',
};
function stepZh(v: ParamValue | undefined): string {
  return typeof v === 'string' ? (STEP_ZH[v] ?? v) : s(v);
}
function phaseZh(v: ParamValue | undefined): string {
  return typeof v === 'string' ? (PHASE_ZH[v] ?? v) : s(v);
}

function fallback(v: Violation): Text {
  const figures = Object.entries(v.params)
    .map(([k, x]) => `${k}=${s(x)}`)
    .join(', ');
  const t = RULE_TITLES[v.rule];
  return [figures ? `${t.title}: ${figures}` : t.title, figures ? `${t.titleZh}：${figures}` : t.titleZh];
}

/** The one place where messages are built from a violation's rule and params. */
/** A clerk reads dates as 2026年12月7日, never 2026-12-07 (the English message and the details keep ISO dates). */
export function chineseDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);
}

export function describeViolation(v: Violation): DescribedViolation {
  const reason = v.params.reason;
  const template = (typeof reason === 'string' ? TEMPLATES[`${v.rule}:${reason}`] : undefined) ?? TEMPLATES[v.rule];
  const [message, messageZh] = template ? template(v.params) : fallback(v);
  return { code: v.rule, rule: v.rule, severity: v.severity, message, messageZh: chineseDates(messageZh), details: v.params };
}

/** Every template key (`RULE` or `RULE:reason`). */
export function messageKeys(): string[] {
  return Object.keys(TEMPLATES);
}

/** Whether a specific template exists for this violation (used by tests to keep messages complete). */
export function hasTemplate(v: Violation): boolean {
  const reason = v.params.reason;
  return (typeof reason === 'string' && `${v.rule}:${reason}` in TEMPLATES) || v.rule in TEMPLATES;
}

/** Exhaustiveness helper for switches. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
