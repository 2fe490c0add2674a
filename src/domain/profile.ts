/**
 * Rule profiles: every number of RULES.md as a policy parameter, validated with zod.
 *
 * Sources: `lanzhou-2010` = seed 001 篇三 (七里河区 street-office plan, 2010), the default;
 * `yiwu-2007` = seed 002 (Yiwu city speech). Parameters marked *practice* are not in the seeds.
 * Fractions are exact rationals `{ num, den }` (integers) compared by cross-multiplication.
 */
import { z } from 'zod';

// ------------------------------------------------------------------------------------------------ education

export const EDUCATION_LEVELS = ['primary', 'junior-high', 'high-school', 'college', 'bachelor', 'master', 'doctor'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS_ZH: Readonly<Record<Education, string>> = {
  primary: '小学',
  'junior-high': '初中',
  'high-school': '高中/中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
};
export const EducationSchema = z.enum(EDUCATION_LEVELS);

/** Rank of an education level; -1 for unknown/missing. */
export function educationRank(level: Education | null | undefined): number {
  return level ? EDUCATION_LEVELS.indexOf(level) : -1;
}

export function meetsEducation(actual: Education | null | undefined, required: Education): boolean {
  return educationRank(actual) >= educationRank(required);
}

// ------------------------------------------------------------------------------------------------ fractions

export const FractionSchema = z
  .object({ num: z.number().int().nonnegative(), den: z.number().int().positive() })
  .readonly();
export type Fraction = z.infer<typeof FractionSchema>;

export const frac = (num: number, den: number): Fraction => ({ num, den });

/** part/whole ≥ f, exactly. */
export function atLeastFraction(part: number, whole: number, f: Fraction): boolean {
  return part * f.den >= f.num * whole;
}

/** part/whole > f, exactly. */
export function moreThanFraction(part: number, whole: number, f: Fraction): boolean {
  return part * f.den > f.num * whole;
}

/** ceil(n × f) with integers only. */
export function ceilTimes(n: number, f: Fraction): number {
  return Math.floor((n * f.num + f.den - 1) / f.den);
}

export function formatFraction(f: Fraction): string {
  return `${f.num}/${f.den}`;
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 2/3 → 三分之二 (small denominators), otherwise "2/3". */
export function formatFractionZh(f: Fraction): string {
  const n = ZH_DIGITS[f.num];
  const d = ZH_DIGITS[f.den];
  return n !== undefined && d !== undefined && f.den <= 10 ? `${d}分之${n}` : formatFraction(f);
}

/** A share as a rule says it after 超过 or 的: one half reads 半数, any other share is named (五分之四). */
export function shareZh(f: Fraction): string {
  return f.num * 2 === f.den ? '半数' : formatFractionZh(f);
}

/** The surplus a ratio of candidates to seats adds, as a percentage: 6/5 → 20%, 4/3 → 33.3%. */
export function surplusPercent(ratio: Fraction): string {
  const percent = ((ratio.num - ratio.den) * 100) / ratio.den;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

// ------------------------------------------------------------------------------------------------ schema

const int = z.number().int();
const nonNeg = int.nonnegative();
const pos = int.positive();
const MonthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');

const SizeRangeSchema = z
  .object({ min: pos, max: pos, absoluteMax: pos })
  .readonly()
  .refine((r) => r.min <= r.max && r.max <= r.absoluteMax, { message: 'min ≤ max ≤ absoluteMax' });

const AgeEduLimitSchema = z.object({ maxAgeMale: pos, maxAgeFemale: pos, minEducation: EducationSchema }).readonly();

export const PhaseNameSchema = z.enum(['mobilisation', 'election', 'wrap-up']);
export type PhaseName = z.infer<typeof PhaseNameSchema>;

export const ProfileSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Where the numbers come from (seed file and section). */
    source: z.string(),

    // ORG-RC-SIZE
    rcSizeMin: pos,
    rcSizeMax: pos,
    rcSizeOdd: z.boolean(),
    // ORG-RC-DEPUTY-ROLES
    deputyRolesRequired: z.array(z.enum(['police', 'graduate'])).readonly(),
    // ORG-RC-PUBLIC-DEPUTY (null: no publicly-selected deputies in this profile)
    publicDeputy: z
      .object({ sameCountAsPrevious: z.boolean(), maxAge: pos, minEducation: EducationSchema, residentOnly: z.boolean() })
      .readonly()
      .nullable(),
    // ORG-RC-WOMAN
    womanRequired: z.boolean(),
    closeRelativesForbidden: z.boolean(),
    // ORG-PARTY-TYPE
    partyCommitteeSizes: z.object({ branch: SizeRangeSchema, general: SizeRangeSchema, committee: SizeRangeSchema }).readonly(),
    partyCommitteeOdd: z.boolean(),
    /** Fewest party members for a branch to have a committee (seed "超过7名" → 8; the party's own rule: 7). */
    branchCommitteeMinMembers: pos,
    // ORG-PARTY-REPS
    partyCongressThreshold: pos,
    partyCongressRepsMin: pos,
    partyCongressRepsMax: pos,
    partyCongressRepsAbsoluteMax: pos,

    // VOT-RESIDENT
    residencyMonths: nonNeg,
    // VOT-LIST-PUBLISH
    voterListNoticeDays: nonNeg,
    objectionDays: nonNeg,
    objectionDecisionDays: nonNeg,

    // REP-*
    repCountMin: pos,
    repCountMax: pos,
    residentRepShareMin: FractionSchema,
    repsPerGroupMin: pos,
    repsPerGroupMax: pos,
    householdsPerRepMin: pos,
    householdsPerRepMax: pos,
    repsPerUnitMin: nonNeg,
    repsPerUnitMax: pos,

    // MTH-*
    methodsAllowed: z.array(z.enum(['congress', 'direct', 'household'])).min(1).readonly(),
    /** Smallest share of communities using direct election; null = rule off. */
    directShareMin: FractionSchema.nullable(),

    // CAN-NOMINATION
    selfNominationAllowed: z.boolean(),
    nominationMinVoters: pos,
    nominationMinHouseholds: pos,
    /** `seats`: a nominator joins at most as many joint nominations per position as it has seats; null = no limit. */
    nominatorLimit: z.enum(['seats']).nullable(),
    // CAN-AGE-EDU (null: no limits)
    candidateLimits: z.object({ newcomer: AgeEduLimitSchema, incumbent: AgeEduLimitSchema }).readonly().nullable(),
    /** Party secretary: education ("一般") and maximum age ("原则上", inclusive: "40岁以下"); both soft. */
    partySecretaryLimits: z.object({ minEducation: EducationSchema, maxAge: pos }).readonly().nullable(),
    // CAN-SURPLUS
    surplusRatio: FractionSchema,
    equalElectionByShowOfHands: z.boolean(),
    // CAN-PRELIM-REPORT: month-day in the election year (on or before); null = no deadline
    prelimReportDeadline: MonthDaySchema.nullable(),
    // CAN-LIST-NOTICE
    candidateListNoticeDays: nonNeg,
    // CAN-WITHDRAW
    withdrawCloseDays: nonNeg,
    /** Whether a backfilled name must itself be published `candidateListNoticeDays` before election day. */
    backfillRestartsNotice: z.boolean(),
    // CAN-ORDER
    ordering: z.enum(['surname-strokes', 'as-entered']),
    /**
     * CAN-VETTING (an extension of RULES.md): the joint qualification review (候选人资格联审) of preliminary candidates by
     * the departments the street names; null = no review (both seed presets). `pendingBlocks`: a review not yet given
     * also keeps a name off the formal list (the `review-2021` option).
     */
    jointReview: z
      .object({ option: z.literal('review-2021'), pendingBlocks: z.boolean() })
      .readonly()
      .nullable()
      .default(null),

    // MTG-*
    rcQuorum: FractionSchema,
    partyQuorum: FractionSchema,
    proxyMax: nonNeg,
    partyProxyAllowed: z.boolean(),
    monitorsPerBox: nonNeg,
    // CNT-*
    rcMajority: FractionSchema,
    partyMajority: FractionSchema,
    partyMajorityBase: z.enum(['present', 'expected']),
    /** Share of ballots cast (returned) a person needs in a further vote (另行选举). */
    runoffMinShare: FractionSchema,
    minElectedToKeepCommittee: nonNeg,

    // AFT-*
    handoverDays: nonNeg,
    /** AFT-RECALL: the share of registered voters, or of representatives, whose joint petition opens a recall. */
    recallVoterShare: FractionSchema.default({ num: 1, den: 5 }),
    recallRepresentativeShare: FractionSchema.default({ num: 1, den: 3 }),
    /** Term of office in years (第N届, 任期 from–to): 3 in both seeds; the 2018 Organic Law amendment made it 5. */
    termYears: pos.default(3),
    /**
     * Severity overrides by rule code or `CODE:reason` (e.g. `ORG-RC-SIZE: 'soft'` where the source says 一般).
     * Read by the rule registry (src/domain/rules); 'off' switches a rule off for this profile.
     */
    severities: z.record(z.string(), z.enum(['hard', 'soft', 'off'])).default({}),
    certificateIssuer: z.object({ onBehalfOf: z.string(), issuedBy: z.string() }).readonly(),

    // TML-PHASE: default phases as month-days (a round stores its own dated phases)
    defaultPhases: z
      .array(z.object({ name: PhaseNameSchema, from: MonthDaySchema, to: MonthDaySchema }).readonly())
      .readonly(),
    partyElectionMonthDay: MonthDaySchema.nullable(),
    rcElectionMonthDay: MonthDaySchema.nullable(),
  })
  .readonly()
  .superRefine((p, ctx) => {
    const order = (a: number, b: number, path: string, what: string) => {
      if (a > b) ctx.addIssue({ code: 'custom', path: [path], message: `${what}: minimum above maximum` });
    };
    order(p.rcSizeMin, p.rcSizeMax, 'rcSizeMax', 'residents committee size');
    order(p.partyCongressRepsMin, p.partyCongressRepsMax, 'partyCongressRepsMax', 'party congress representatives');
    order(p.partyCongressRepsMax, p.partyCongressRepsAbsoluteMax, 'partyCongressRepsAbsoluteMax', 'party congress representatives');
    order(p.repCountMin, p.repCountMax, 'repCountMax', 'representatives');
    order(p.repsPerGroupMin, p.repsPerGroupMax, 'repsPerGroupMax', 'representatives per group');
    order(p.householdsPerRepMin, p.householdsPerRepMax, 'householdsPerRepMax', 'households per representative');
    order(p.repsPerUnitMin, p.repsPerUnitMax, 'repsPerUnitMax', 'representatives per unit');
    const fractionsUpToOne = ['residentRepShareMin', 'rcQuorum', 'partyQuorum', 'rcMajority', 'partyMajority', 'runoffMinShare', 'recallVoterShare', 'recallRepresentativeShare'] as const;
    for (const key of fractionsUpToOne) {
      const f = p[key];
      if (f.num > f.den) ctx.addIssue({ code: 'custom', path: [key, 'num'], message: 'a share may not exceed 1' });
    }
    if (p.directShareMin && p.directShareMin.num > p.directShareMin.den) {
      ctx.addIssue({ code: 'custom', path: ['directShareMin', 'num'], message: 'a share may not exceed 1' });
    }
    if (p.surplusRatio.num < p.surplusRatio.den) {
      ctx.addIssue({ code: 'custom', path: ['surplusRatio', 'num'], message: 'the surplus ratio is at least 1' });
    }
  });

export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileName = 'lanzhou-2010' | 'yiwu-2007';

const PARTY_SIZES = {
  // seed 001 篇三 三(一): 支部3—5人,最多不超过7人; 总支5—7人,最多不超过9人; 党委5—9人; 单数
  branch: { min: 3, max: 5, absoluteMax: 7 },
  general: { min: 5, max: 7, absoluteMax: 9 },
  committee: { min: 5, max: 9, absoluteMax: 9 },
} as const;

const LANZHOU_2010: Profile = {
  name: 'lanzhou-2010',
  source: 'seed 001 篇三 (兰州市七里河区某街道 2010 实施方案)',
  rcSizeMin: 5, // 三(二): 主任、副主任和委员共5—9人
  rcSizeMax: 9,
  rcSizeOdd: true, // 委员总数必须为单数
  deputyRolesRequired: ['police', 'graduate'], // 副主任必须有一名管段民警和大中专毕业生
  publicDeputy: { sameCountAsPrevious: true, maxAge: 50, minEducation: 'high-school', residentOnly: true }, // 五(二)6: 常住居民, 不超过50岁, 高中
  womanRequired: false, // not in the seed (Gansu 2025 sets it)
  closeRelativesForbidden: true, // *practice*
  partyCommitteeSizes: PARTY_SIZES,
  partyCommitteeOdd: true,
  branchCommitteeMinMembers: 8, // 党员人数超过7名 → at least 8
  partyCongressThreshold: 300, // 五(二)5: 党员人数超过300人
  partyCongressRepsMin: 100, // 100—200名党员代表
  partyCongressRepsMax: 200,
  partyCongressRepsAbsoluteMax: 300, // RULES.md: never more than 300
  residencyMonths: 0, // 五(二)4: 不分…居住期限 (the seed sets no minimum)
  voterListNoticeDays: 20, // *practice*
  objectionDays: 5, // *practice*
  objectionDecisionDays: 3, // *practice*
  repCountMin: 40, // 代表人数一般为40—60人 (soft)
  repCountMax: 60,
  residentRepShareMin: frac(2, 3), // 其中居民代表不少于三分之二
  repsPerGroupMin: 2, // 每个社区居民小组推选2—3名
  repsPerGroupMax: 3,
  householdsPerRepMin: 20, // 或每20—60户居民推选1名
  householdsPerRepMax: 60,
  repsPerUnitMin: 1, // 辖区大单位选派1—2名
  repsPerUnitMax: 2,
  methodsAllowed: ['congress', 'direct', 'household'],
  directShareMin: null,
  selfNominationAllowed: false,
  nominationMinVoters: 10, // 选民10人以上联合提名
  nominationMinHouseholds: 5, // 户代表5人以上联合提名
  nominatorLimit: 'seats', // *practice*
  candidateLimits: null,
  partySecretaryLimits: { minEducation: 'high-school', maxAge: 40 }, // 六1: 一般应具有高中以上学历, 原则上年龄在40岁以下 (soft)
  surplusRatio: frac(6, 5), // 差额为应选人数20%
  equalElectionByShowOfHands: true, // 提名候选人与应选人数相等, 根据多数居民意见, 也可以举手表决等额选举
  prelimReportDeadline: '12-06', // 于12月6日前报街道
  candidateListNoticeDays: 5, // 正式候选人名单必须于选举日前5日公布
  withdrawCloseDays: 3, // *practice*
  backfillRestartsNotice: false, // *practice*
  ordering: 'surname-strokes',
  jointReview: null, // no joint review in 2010 (the 2021 practice is the `review-2021` option)
  rcQuorum: frac(1, 2), // 参加会议的社区居民代表过半数以上选举有效
  partyQuorum: frac(4, 5), // 有选举权到会人数超过应到会人数的五分之四
  proxyMax: 3, // *practice*
  partyProxyAllowed: false,
  monitorsPerBox: 3, // *practice*
  rcMajority: frac(1, 2), // 候选人必须获得出席人过半数选票才能当选
  partyMajority: frac(1, 2),
  partyMajorityBase: 'present', // 2020 regulation: 实到会
  runoffMinShare: frac(1, 3), // *practice*
  minElectedToKeepCommittee: 3, // *practice*
  handoverDays: 3, // 五(三)10: 于3日之内完成新老班子交接
  recallVoterShare: frac(1, 5), // *practice* (居委会组织法实施办法、村委会组织法第十六条): 五分之一以上有选举权的居民联名
  recallRepresentativeShare: frac(1, 3), // *practice*: 三分之一以上的居民代表联名
  termYears: 3, // 2010 plan: 三年一届 (the Organic Law before its 2018 amendment)
  severities: {},
  certificateIssuer: { onBehalfOf: '某某区人民政府', issuedBy: '某某街道办事处' }, // 街道办事处代表区政府颁发当选证书
  defaultPhases: [
    { name: 'mobilisation', from: '11-01', to: '11-30' }, // 动员部署(11月1日—11月30日)
    { name: 'election', from: '12-01', to: '12-26' }, // 组织选举(12月1日—12月26日)
    { name: 'wrap-up', from: '12-27', to: '12-31' }, // 总结验收(12月27日—12月31日)
  ],
  partyElectionMonthDay: '12-24', // 原则上于12月24日召开
  rcElectionMonthDay: '12-26', // 原则上统一于12月26日召开居民代表大会
};

const YIWU_2007: Profile = {
  ...LANZHOU_2010,
  name: 'yiwu-2007',
  source: 'seed 002 (义乌市社区换届选举工作会议讲话)',
  rcSizeMin: 5, // 社区两委班子成员一般按5至7名配备
  rcSizeMax: 7,
  deputyRolesRequired: [],
  publicDeputy: null,
  residencyMonths: 6, // *practice* (not in seed 002)
  methodsAllowed: ['congress', 'direct'], // 直接选举和间接选举两种方式
  directShareMin: frac(1, 2), // 直接选举的社区不得少于二分之一
  selfNominationAllowed: true, // 联合提名和自荐提名相结合
  candidateLimits: {
    // 新进社区班子成员男性年龄在51周岁以下,女性在46周岁以下,一般具有高中以上文化程度
    newcomer: { maxAgeMale: 51, maxAgeFemale: 46, minEducation: 'high-school' },
    // 原社区班子成员年龄可放宽至男性54周岁以下,女性49周岁以下,初中以上文化程度
    incumbent: { maxAgeMale: 54, maxAgeFemale: 49, minEducation: 'junior-high' },
  },
  partySecretaryLimits: null,
  equalElectionByShowOfHands: false, // 坚持差额选举原则
  prelimReportDeadline: null,
  handoverDays: 10, // *practice* (village law)
  termYears: 3, // 2007: 三年一届
  // 002: 社区两委班子成员一般按5至7名配备; 新进…一般具有高中以上文化程度 → soft there (a warning, not a 422)
  severities: { 'ORG-RC-SIZE:range': 'soft', 'CAN-AGE-EDU:newcomer-education': 'soft' },
  defaultPhases: [],
  partyElectionMonthDay: null,
  rcElectionMonthDay: null,
};

export const PRESETS: Readonly<Record<ProfileName, Profile>> = {
  'lanzhou-2010': ProfileSchema.parse(LANZHOU_2010),
  'yiwu-2007': ProfileSchema.parse(YIWU_2007),
};

/**
 * Options a round may switch on over its profile. `review-2021`: since 2021 every district reviews the preliminary
 * candidates across departments (纪委监委, 组织部, 政法委, 公安, 法院, 检察院, 司法, 信访, 民政, 卫健 …) before the formal
 * list; any 不通过, or a review not yet given, keeps the name off the list (CAN-VETTING).
 */
export const PROFILE_OPTIONS = {
  'review-2021': { jointReview: { option: 'review-2021', pendingBlocks: true } },
} as const satisfies Record<string, Partial<Profile>>;
export type ProfileOption = keyof typeof PROFILE_OPTIONS;

export const DEFAULT_PROFILE_NAME: ProfileName = 'lanzhou-2010';
export const DEFAULT_PROFILE: Profile = PRESETS[DEFAULT_PROFILE_NAME];

export function isProfileName(name: string): name is ProfileName {
  return name === 'lanzhou-2010' || name === 'yiwu-2007';
}

export interface ProfileError {
  readonly path: string;
  readonly message: string;
  readonly messageZh: string;
}

export type ProfileValidation = { readonly ok: true; readonly value: Profile } | { readonly ok: false; readonly errors: readonly ProfileError[] };

function issueZh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? '缺少必填参数' : `类型错误，应为${issue.expected}`;
    case 'too_small':
      return `数值过小，最小为${String(issue.minimum)}`;
    case 'too_big':
      return `数值过大，最大为${String(issue.maximum)}`;
    case 'invalid_value':
      return `取值无效，可选值：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式错误';
    case 'unrecognized_keys':
      return `未知参数：${issue.keys.join('、')}`;
    case 'custom':
      return customZh(issue.message);
    default:
      return '参数无效';
  }
}

function customZh(message: string): string {
  if (message.includes('minimum above maximum')) return '最小值大于最大值';
  if (message.includes('may not exceed 1')) return '比例不得大于1';
  if (message.includes('at least 1')) return '差额比例不得小于1';
  if (message.includes('MM-DD')) return '日期格式应为MM-DD';
  return message;
}

/**
 * Validates a custom profile. `input` may be a preset name, a full profile, or `{ base: presetName, ...overrides }`
 * (a copy of a preset with some parameters changed).
 */
export function validateProfile(input: unknown): ProfileValidation {
  let candidate = input;
  if (typeof input === 'string') {
    if (isProfileName(input)) return { ok: true, value: PRESETS[input] };
    return { ok: false, errors: [{ path: '', message: `unknown profile ${input}`, messageZh: `未知的规则配置：${input}` }] };
  }
  if (input && typeof input === 'object' && 'base' in input) {
    const { base, ...overrides } = input as { base: unknown } & Record<string, unknown>;
    if (typeof base !== 'string' || !isProfileName(base)) {
      return { ok: false, errors: [{ path: 'base', message: `unknown base profile ${String(base)}`, messageZh: `未知的基础配置：${String(base)}` }] };
    }
    candidate = { ...PRESETS[base], ...overrides };
  }
  const parsed = ProfileSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      messageZh: issueZh(issue),
    })),
  };
}

/** Minimum of candidates for `seats`: ceil(seats × surplusRatio) and at least seats + 1 (exact integers). */
export function minCandidatesFor(seats: number, ratio: Fraction): number {
  return Math.max(seats + 1, ceilTimes(seats, ratio));
}
