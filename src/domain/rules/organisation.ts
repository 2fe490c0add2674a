/** ORG-*: who is elected (seed 001 篇三 三(一)(二), 五(二)5-6; seed 002; the 2020 party regulation). */
import {
  checkDeputyRoles,
  checkPartyOrganisation,
  checkPartyReps,
  checkPublicDeputies,
  checkPublicDeputyCandidate,
  checkRcSeats,
  checkWoman,
  crossAppointment,
  crossAppointmentNote,
  type DeputyRolesFacts,
  type PartyType,
  type RcSeats,
} from '../committee.js';
import type { Education } from '../profile.js';
import { RULE_TITLES, issuesOf, type Violation } from '../violations.js';
import { NOT_IN_PROFILE, always, defineRule, outcomeOf, pass } from './types.js';

export const ORG_RC_SIZE = defineRule<RcSeats>({
  code: 'ORG-RC-SIZE',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-RC-SIZE'],
  source: 'seed 001 篇三 三(二)：主任、副主任和委员共5—9人，委员总数必须为单数；seed 002：社区两委班子成员一般按5至7名配备',
  defaultSeverity: 'hard',
  appliesWhenZh: '设定职数及选举结果确认时',
  applies: always,
  evaluate: (seats, profile) => outcomeOf('ORG-RC-SIZE', checkRcSeats(seats, profile), profile),
});

export const ORG_RC_DEPUTY_ROLES = defineRule<DeputyRolesFacts>({
  code: 'ORG-RC-DEPUTY-ROLES',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-RC-DEPUTY-ROLES'],
  source: 'seed 001 篇三 三(二)：副主任必须有一名管段民警和大中专毕业生',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置要求副主任人选结构时（兰州）；公布副主任候选人名单及选举结果确认时（以当选人员为准）',
  applies: (p) => p.deputyRolesRequired.length > 0,
  evaluate: (facts, profile) =>
    profile.deputyRolesRequired.length === 0 ? NOT_IN_PROFILE : outcomeOf('ORG-RC-DEPUTY-ROLES', checkDeputyRoles(facts, profile), profile),
});

export interface PublicDeputyFacts {
  readonly count?: number;
  readonly previousCount?: number;
  readonly candidate?: {
    readonly birthDate: string;
    readonly education: Education | null;
    readonly residency: 'registered' | 'resident' | 'worker';
    readonly electionDay: string;
  };
}

export const ORG_RC_PUBLIC_DEPUTY = defineRule<PublicDeputyFacts>({
  code: 'ORG-RC-PUBLIC-DEPUTY',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-RC-PUBLIC-DEPUTY'],
  source: 'seed 001 篇三 五(二)6：公选副主任职数与上届相同；本社区常住居民，不超过50岁，高中以上文化程度',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置设有公选副主任时（兰州）',
  applies: (p) => p.publicDeputy !== null,
  evaluate: (facts, profile) => {
    if (profile.publicDeputy === null) return NOT_IN_PROFILE;
    const issues: Violation[] = [];
    if (facts.count !== undefined && facts.previousCount !== undefined) {
      issues.push(...issuesOf(checkPublicDeputies({ count: facts.count, previousCount: facts.previousCount }, profile)));
    }
    if (facts.candidate) issues.push(...checkPublicDeputyCandidate(facts.candidate, profile));
    return outcomeOf('ORG-RC-PUBLIC-DEPUTY', issues, profile);
  },
});

export const ORG_PARTY_TYPE = defineRule<{ readonly type: PartyType; readonly members: number; readonly seats: number }>({
  code: 'ORG-PARTY-TYPE',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-PARTY-TYPE'],
  source: 'seed 001 篇三 三(一)：支部3—5人，最多不超过7人；总支5—7人，最多不超过9人；党委5—9人；党员人数超过7名设支部委员会',
  defaultSeverity: 'hard',
  appliesWhenZh: '设定党组织类型与委员职数时',
  applies: always,
  evaluate: (facts, profile) => outcomeOf('ORG-PARTY-TYPE', checkPartyOrganisation(facts, profile), profile),
});

export const ORG_PARTY_REPS = defineRule<Parameters<typeof checkPartyReps>[0]>({
  code: 'ORG-PARTY-REPS',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-PARTY-REPS'],
  source: 'seed 001 篇三 五(二)5：党员人数超过300人的社区可召开党员代表大会，代表100—200名，报区委组织部批准；2020《中国共产党基层组织选举工作条例》',
  defaultSeverity: 'hard',
  appliesWhenZh: '召开党员代表大会时（党员大会不适用）',
  applies: always,
  evaluate: (facts, profile) =>
    facts.representatives === null
      ? { status: 'not-applicable', reason: 'general-meeting', reasonZh: '召开党员大会，不设党员代表' }
      : outcomeOf('ORG-PARTY-REPS', checkPartyReps(facts, profile), profile),
});

export const ORG_RC_WOMAN = defineRule<Parameters<typeof checkWoman>[0]>({
  code: 'ORG-RC-WOMAN',
  chapter: 'ORG',
  kind: 'rule',
  ...RULE_TITLES['ORG-RC-WOMAN'],
  source: '*practice*：居民委员会成员中应当有妇女成员（居委会组织法；甘肃2025）；近亲属回避（省级选举规程）',
  defaultSeverity: 'hard',
  appliesWhenZh: '规则配置要求女性成员或近亲属回避时，以当选人员为准',
  applies: (p) => p.womanRequired || p.closeRelativesForbidden,
  evaluate: (facts, profile) =>
    profile.womanRequired || profile.closeRelativesForbidden ? outcomeOf('ORG-RC-WOMAN', checkWoman(facts, profile), profile) : NOT_IN_PROFILE,
});

export const ORG_CROSS = defineRule<Parameters<typeof crossAppointment>[0]>({
  code: 'ORG-CROSS',
  chapter: 'ORG',
  kind: 'figure',
  ...RULE_TITLES['ORG-CROSS'],
  source: 'seed 002：提倡“一肩挑”“交叉任职”；seed 004（一委一居一站）',
  defaultSeverity: 'soft',
  appliesWhenZh: '两委均已产生时计算',
  applies: always,
  evaluate: (facts) => {
    const c = crossAppointment(facts);
    return pass(crossAppointmentNote(c).details);
  },
});
