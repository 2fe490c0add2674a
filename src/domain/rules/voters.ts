/** VOT-*: voter registration (seed 001 篇三 五(二)4; *practice* for the list's days). */
import { checkIdentity, checkNoDuplicate, checkRights, checkResidency, checkVoterAge, findMissingRegistrations, type IdentityFacts, type VoterInput } from '../eligibility.js';
import { checkObjectionDecided, checkObjectionFiled, checkVoterListPublish } from '../timeline.js';
import { RULE_TITLES, issuesOf, type Violation } from '../violations.js';
import { always, defineRule, outcomeOf } from './types.js';

export const VOT_AGE = defineRule<{ readonly birthDate: string; readonly electionDay: string }>({
  code: 'VOT-AGE',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-AGE'],
  source: 'seed 001 篇三 五(二)4：年满18周岁的本社区居民（以选举日计算）；居委会组织法第八条',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记选民时及选举前复核',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('VOT-AGE', checkVoterAge(facts), profile),
});

export const VOT_RIGHTS = defineRule<{ readonly rightsDeprived: boolean }>({
  code: 'VOT-RIGHTS',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-RIGHTS'],
  source: '居委会组织法第八条：依照法律被剥夺政治权利的人除外',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记选民时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('VOT-RIGHTS', checkRights(facts.rightsDeprived), profile),
});

export const VOT_RESIDENT = defineRule<Pick<VoterInput, 'residency' | 'residencyMonths' | 'requested' | 'approved'>>({
  code: 'VOT-RESIDENT',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-RESIDENT'],
  source: 'seed 001 篇三 五(二)4：户籍在本社区或居住在本社区的居民；甘肃2025：人户分离居住满6个月本人申请',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记选民时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('VOT-RESIDENT', checkResidency(facts, profile), profile),
});

export const VOT_NO_DUP = defineRule<Parameters<typeof checkNoDuplicate>[0]>({
  code: 'VOT-NO-DUP',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-NO-DUP'],
  source: 'seed 001 篇三 五(二)4：做到不错登、不漏登、不重登',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记选民时（全区各社区范围内）',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('VOT-NO-DUP', checkNoDuplicate(facts), profile),
});

export const VOT_ID = defineRule<IdentityFacts>({
  code: 'VOT-ID',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-ID'],
  source: 'GB 11643《公民身份号码》',
  defaultSeverity: 'hard',
  appliesWhenZh: '登记选民时',
  applies: always,
  evaluate: (facts, profile) => {
    const { card, issues } = checkIdentity(facts);
    return outcomeOf('VOT-ID', issues, profile, card ? { birthDate: card.birthDate, sex: card.sex } : {});
  },
});

export const VOT_COMPLETE = defineRule<Parameters<typeof findMissingRegistrations>[0]>({
  code: 'VOT-COMPLETE',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-COMPLETE'],
  source: 'seed 001 篇三 五(二)4：不漏登',
  defaultSeverity: 'soft',
  appliesWhenZh: '导入居民花名册后',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('VOT-COMPLETE', findMissingRegistrations(facts), profile),
});

export interface VoterListFacts {
  readonly publishedOn: string;
  readonly electionDay: string;
  readonly today?: string;
  /** Objections to the list: filed on, decided on (null: pending). */
  readonly objections?: readonly { readonly filedOn: string; readonly decidedOn: string | null }[];
}

export const VOT_LIST_PUBLISH = defineRule<VoterListFacts>({
  code: 'VOT-LIST-PUBLISH',
  chapter: 'VOT',
  kind: 'rule',
  ...RULE_TITLES['VOT-LIST-PUBLISH'],
  source: '*practice*：选民名单于选举日前20日公布，5日内申诉，3日内处理（省级选举办法）',
  defaultSeverity: 'hard',
  appliesWhenZh: '公布选民名单及处理申诉时',
  applies: always,
  evaluate: (facts, profile) => {
    const issues: Violation[] = [...issuesOf(checkVoterListPublish(facts, profile))];
    for (const o of facts.objections ?? []) {
      issues.push(...issuesOf(checkObjectionFiled({ publishedOn: facts.publishedOn, filedOn: o.filedOn }, profile)));
      issues.push(...issuesOf(checkObjectionDecided({ filedOn: o.filedOn, decidedOn: o.decidedOn, today: facts.today ?? facts.electionDay }, profile)));
    }
    return outcomeOf('VOT-LIST-PUBLISH', issues, profile);
  },
});
