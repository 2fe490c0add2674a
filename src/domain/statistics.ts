/**
 * The upward statistics report (换届选举情况统计表): its fields (which the round's data fills and which the street
 * types), the age and education bands, the sum of rows, and the report's status from street to district
 * (未填报 → 已上报 → 已退回, and a returned report may be reported again).
 */
import { educationRank, type Education } from './profile.js';

export interface StatisticsField {
  readonly key: string;
  readonly group: string;
  readonly labelZh: string;
  /** `data`: filled from the round's records; `manual`: typed by the street (the data cannot tell). */
  readonly source: 'data' | 'manual';
}

const f = <K extends string>(group: string, key: K, labelZh: string, source: 'data' | 'manual' = 'data') => ({ key, group, labelZh, source }) as const;

/** Every field, in the order of the printed form. Flags (是/否) are counted 1/0 so that totals count communities. */
export const STATISTICS_FIELDS = [
  f('选举情况', 'electionHeld', '已召开选举大会'),
  f('选举情况', 'electionCompleted', '已完成选举'),
  f('选举情况', 'oneTimeElection', '一次性选举成功'),
  f('选举情况', 'runoffElection', '另行选举'),
  f('选举情况', 'reElection', '重新选举'),
  f('选民登记', 'registeredVoters', '登记选民'),
  f('选民登记', 'registeredWomen', '其中女性'),
  f('选民登记', 'registeredMinorities', '其中少数民族', 'manual'),
  f('选举委员会', 'committeeByCongress', '由居民会议/代表会议推选', 'manual'),
  f('选举委员会', 'committeeSize', '成员人数', 'manual'),
  f('选举委员会', 'committeePartyMembers', '其中党员', 'manual'),
  f('候选人', 'seats', '应选职数'),
  f('候选人', 'preliminaryCandidates', '初步候选人'),
  f('候选人', 'preliminaryWomen', '初步候选人女性'),
  f('候选人', 'preliminaryPartyMembers', '初步候选人党员'),
  f('候选人', 'preliminaryMinorities', '初步候选人少数民族', 'manual'),
  f('候选人', 'formalCandidates', '正式候选人'),
  f('候选人', 'formalWomen', '正式候选人女性'),
  f('候选人', 'formalPartyMembers', '正式候选人党员'),
  f('候选人', 'formalMinorities', '正式候选人少数民族', 'manual'),
  f('投票', 'voted', '参加投票人数'),
  f('投票', 'mobileBoxes', '流动票箱'),
  f('投票', 'pollingStations', '投票站'),
  f('投票', 'proxies', '委托投票'),
  f('选举程序', 'secretBooth', '设立秘密写票处', 'manual'),
  f('选举程序', 'mobileBoxUsed', '使用流动票箱'),
  f('选举程序', 'publicCount', '公开唱票计票', 'manual'),
  f('选举程序', 'resultAnnounced', '当场公布选举结果'),
  f('居委会成员', 'elected', '当选人数'),
  f('居委会成员', 'electedWomen', '其中女性'),
  f('居委会成员', 'electedDirector', '主任'),
  f('居委会成员', 'electedDeputies', '副主任'),
  f('居委会成员', 'electedMembers', '委员'),
  f('居委会成员', 'electedPartyMembers', '其中党员'),
  f('居民代表', 'representatives', '居民代表'),
  f('居民代表', 'groupLeaders', '居民小组长', 'manual'),
  f('两委成员', 'twoCommittees', '两委成员总数'),
  f('两委成员', 'twoCommitteesWomen', '其中女性'),
  f('两委成员', 'twoCommitteesPartyMembers', '其中党员'),
  f('两委成员', 'reElected', '连任'),
  f('两委成员', 'newlyElected', '新当选'),
  f('两委成员', 'under30', '30岁以下'),
  f('两委成员', 'age30to60', '30至60岁'),
  f('两委成员', 'over60', '60岁以上'),
  f('两委成员', 'collegeAndAbove', '大专及以上'),
  f('两委成员', 'highSchoolAndBelow', '高中及以下'),
  f('两委成员', 'crossAppointed', '交叉任职'),
  f('两委成员', 'secretaryIsDirector', '书记、主任“一肩挑”'),
  f('罢免与补选', 'recallPetitions', '提出罢免'),
  f('罢免与补选', 'recalled', '罢免通过'),
  f('罢免与补选', 'vacancies', '职务出缺'),
  f('罢免与补选', 'byElections', '召开补选'),
  f('罢免与补选', 'filledByByElection', '补选当选'),
] as const satisfies readonly StatisticsField[];

export type StatisticsKey = (typeof STATISTICS_FIELDS)[number]['key'];
export const MANUAL_KEYS: readonly StatisticsKey[] = STATISTICS_FIELDS.filter((x) => x.source === 'manual').map((x) => x.key);
export const DATA_KEYS: readonly StatisticsKey[] = STATISTICS_FIELDS.filter((x) => x.source === 'data').map((x) => x.key);
export function isManualKey(key: string): key is StatisticsKey {
  return (MANUAL_KEYS as readonly string[]).includes(key);
}

/** One figure per field; a manual field not yet typed is null. */
export type StatisticsFigures = Record<StatisticsKey, number | null>;

/** The age band of a member of the two committees on election day: under 30 / 30 to 60 (both included) / over 60. */
export function ageBand(age: number): 'under30' | 'age30to60' | 'over60' {
  if (age < 30) return 'under30';
  return age <= 60 ? 'age30to60' : 'over60';
}

/** College (大专) and above / high school and below; unknown education counts in neither. */
export function educationBand(level: string | null): 'collegeAndAbove' | 'highSchoolAndBelow' | null {
  if (!level) return null;
  const rank = educationRank(level as Education);
  if (rank < 0) return null;
  return rank >= educationRank('college') ? 'collegeAndAbove' : 'highSchoolAndBelow';
}

/** Field by field sum; a manual field is null in the total only when no row has it. */
export function sumFigures(rows: readonly StatisticsFigures[]): StatisticsFigures {
  const out = {} as StatisticsFigures;
  for (const { key } of STATISTICS_FIELDS) {
    const known = rows.map((r) => r[key]).filter((v): v is number => v !== null);
    out[key] = known.length === 0 && (MANUAL_KEYS as readonly string[]).includes(key) ? null : known.reduce((a, b) => a + b, 0);
  }
  return out;
}

export type StatisticsStatus = 'unfilled' | 'submitted' | 'returned';
export const STATISTICS_STATUS_ZH: Readonly<Record<StatisticsStatus, string>> = { unfilled: '未填报', submitted: '已上报', returned: '已退回' };

/** Whether the street may report (未填报 or 已退回), and the bureau return (已上报); typing is open until reported. */
export function statisticsTransition(status: StatisticsStatus, action: 'submit' | 'return' | 'edit'): boolean {
  switch (action) {
    case 'submit':
    case 'edit':
      return status !== 'submitted';
    case 'return':
      return status === 'submitted';
  }
}
