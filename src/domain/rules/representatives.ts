/** REP-*: voter representatives for the representative-congress method (seed 001 篇三 五(二)5). */
import { checkRepresentatives } from '../representatives.js';
import { RULE_TITLES, type RuleCode } from '../violations.js';
import { defineRule, outcomeOf, type RuleDefinition } from './types.js';

type RepFacts = Parameters<typeof checkRepresentatives>[0];

const SOURCES = {
  'REP-COUNT': 'seed 001 篇三 五(二)5：居民代表人数一般为40—60人',
  'REP-RESIDENT-SHARE': 'seed 001 篇三 五(二)5：其中居民代表不少于三分之二',
  'REP-PER-GROUP': 'seed 001 篇三 五(二)5：每个居民小组推选2—3名，或每20—60户推选1名',
  'REP-PER-UNIT': 'seed 001 篇三 五(二)5：辖区大单位选派1—2名',
  'REP-IS-VOTER': 'seed 001 篇三 五(二)5：居民代表由本社区选民推选',
} as const;

function repRule(code: keyof typeof SOURCES & RuleCode, defaultSeverity: 'hard' | 'soft'): RuleDefinition<RepFacts> {
  return defineRule<RepFacts>({
    code,
    chapter: 'REP',
    kind: 'rule',
    ...RULE_TITLES[code],
    source: SOURCES[code],
    defaultSeverity,
    appliesWhenZh: '采取居民代表会议选举方式时',
    applies: () => true,
    methods: ['congress'],
    evaluate: (facts, profile) => outcomeOf(code, checkRepresentatives(facts, profile), profile),
  });
}

export const REP_COUNT = repRule('REP-COUNT', 'soft');
export const REP_RESIDENT_SHARE = repRule('REP-RESIDENT-SHARE', 'hard');
export const REP_PER_GROUP = repRule('REP-PER-GROUP', 'hard');
export const REP_PER_UNIT = repRule('REP-PER-UNIT', 'hard');
export const REP_IS_VOTER = repRule('REP-IS-VOTER', 'hard');
