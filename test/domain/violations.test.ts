import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RULE_CODES,
  RULE_TITLES,
  describeViolation,
  hard,
  hasTemplate,
  isRuleCode,
  issuesOf,
  messageKeys,
  resultOf,
  ruleTitle,
  ruleTitleZh,
  soft,
  type RuleCode,
} from '../../src/domain/violations.js';

/** The rule book this code implements, kept in the repository (a checkout without the team's shared folder still tests). */
const RULES_MD = readFileSync(join(import.meta.dirname, '../../docs/RULES.md'), 'utf8');
const SHARED_RULES = join(import.meta.dirname, '../../../shared/RULES.md');

describe('rule codes', () => {
  it('are exactly the codes of docs/RULES.md', () => {
    const inSpec = [...new Set([...RULES_MD.matchAll(/\*\*([A-Z]{3}-[A-Z-]+)\*\*/g)].map((m) => m[1]!))].sort();
    expect(inSpec).toHaveLength(56);
    expect([...RULE_CODES].sort()).toEqual(inSpec);
  });

  // docs/RULES.md may add rules to the team's RULES.md (TML-ORDER), never drop or change a line of it.
  it.skipIf(!existsSync(SHARED_RULES))("the repository's copy of RULES.md holds every line of the team's current one, in order", () => {
    const ours = RULES_MD.split('\n');
    let at = 0;
    for (const line of readFileSync(SHARED_RULES, 'utf8').split('\n')) {
      const found = ours.indexOf(line, at);
      expect(found, `missing or out of order: ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('every code has an English and a Chinese title', () => {
    for (const code of RULE_CODES) {
      expect(ruleTitle(code).length).toBeGreaterThan(3);
      expect(ruleTitleZh(code)).toMatch(/[\u4e00-\u9fff]/);
      expect(RULE_TITLES[code]).toBeDefined();
    }
  });

  it('isRuleCode', () => {
    expect(isRuleCode('CAN-LIST-NOTICE')).toBe(true);
    expect(isRuleCode('CAN-LIST')).toBe(false);
  });
});

describe('describeViolation', () => {
  it('CAN-LIST-NOTICE names the figures in Chinese', () => {
    const d = describeViolation(hard('CAN-LIST-NOTICE', { required: 5, actual: 4 }));
    expect(d.messageZh).toBe('正式候选人名单应于选举日前5日公布，实际提前4日');
    expect(d.message).toContain('5 days');
    expect(d).toMatchObject({ code: 'CAN-LIST-NOTICE', rule: 'CAN-LIST-NOTICE', severity: 'hard', details: { required: 5, actual: 4 } });
  });

  it('VOT-NO-DUP names the number, or for an import row (no number given) says "this row"', () => {
    expect(describeViolation(hard('VOT-NO-DUP', { idNumberMasked: '620102********123X', otherCommunityName: '张掖路社区' })).messageZh).toBe(
      '身份号码620102********123X已在张掖路社区登记，不得重复登记',
    );
    expect(describeViolation(hard('VOT-NO-DUP', { otherCommunityName: '张掖路社区' })).messageZh).toBe('本行身份号码已在张掖路社区登记，不得重复登记');
  });

  it('picks the template of the reason', () => {
    const d = describeViolation(hard('VOT-ID', { reason: 'checksum', expected: 'X', actual: '3' }));
    expect(d.messageZh).toBe('校验码应为X，实际为3');
  });

  it('falls back to the title and the figures for an unknown reason', () => {
    const d = describeViolation(hard('ORG-RC-SIZE', { reason: 'other', actual: 4 }));
    expect(d.messageZh).toBe('居民委员会职数：reason=other, actual=4');
    expect(describeViolation(hard('ORG-CROSS', {})).messageZh).toBe('交叉任职率');
  });
});

describe('resultOf', () => {
  it('hard issues fail, soft ones are warnings', () => {
    const r = resultOf(1, [hard('VOT-AGE'), soft('REP-COUNT')]);
    expect(r.ok).toBe(false);
    expect(issuesOf(r).map((v) => v.rule)).toEqual(['VOT-AGE', 'REP-COUNT']);
    const w = resultOf(1, [soft('REP-COUNT')]);
    expect(w).toEqual({ ok: true, value: 1, warnings: [soft('REP-COUNT')] });
    expect(issuesOf(resultOf(2, []))).toEqual([]);
  });
});

describe('message templates', () => {
  it.each(messageKeys())('%s renders an English and a Chinese message', (key) => {
    const [rule, reason] = key.split(':') as [RuleCode, string | undefined];
    const params = { reason: reason ?? null, actual: 4, required: 5, incumbent: true, sex: 'female', kind: 'mobile', post: 'secretary', baseKind: 'expected', completedOn: null, type: 'general', base: 'households', duty: 'caller', missing: 'police', action: 'meeting', phase: 'election', education: 'doctor', stated: 'male', fromNumber: 'female' };
    const v = hard(rule, params);
    expect(hasTemplate(v)).toBe(true);
    const d = describeViolation(v);
    expect(d.message).not.toMatch(/undefined|\[object/);
    expect(d.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(d.messageZh).not.toMatch(/undefined|\[object/);
  });

  it('Chinese helpers: labels for known values, the raw value otherwise', () => {
    const z = (rule: RuleCode, params: Record<string, string | number | boolean | null>) => describeViolation(hard(rule, params)).messageZh;
    expect(z('ORG-PARTY-TYPE', { reason: 'range', type: 'committee', min: 5, max: 9, absoluteMax: 9, actual: 11 })).toBe('党委委员应为5至9名（最多不超过9名），实际11名');
    expect(z('ORG-PARTY-TYPE', { reason: 'range', type: 'x', min: 5, max: 9, absoluteMax: 9, actual: 11 })).toContain('x委员');
    expect(z('MTG-QUORUM-RC', { base: 'party-members', expected: 10, present: 5 })).toContain('党员应到10人');
    expect(z('MTG-QUORUM-RC', { base: 'other', expected: 10, present: 5 })).toContain('other应到10人');
    expect(z('MTG-RECUSAL', { reason: 'candidate', person: '甲', duty: 'monitor' })).toBe('候选人甲不得担任监票人');
    expect(z('MTG-RECUSAL', { reason: 'candidate', person: '甲', duty: 'x' })).toBe('候选人甲不得担任x');
    expect(z('TML-PHASE', { reason: 'outside', action: 'x', on: '2010-01-01', phase: 'y', from: 'a', to: 'b' })).toBe('x（2010年1月1日）不在“y”阶段（a至b）内');
    expect(z('TML-PHASE', { reason: 'outside', action: null, on: '2010-01-01', phase: null, from: 'a', to: 'b' })).toBe('—（2010年1月1日）不在“—”阶段（a至b）内');
    expect(z('CAN-AGE-EDU', { reason: 'education', required: 'college', actual: null })).toBe('应具有大专以上文化程度，实际为未填写');
    expect(z('CAN-AGE-EDU', { reason: 'education', required: 'phd', actual: 'x' })).toBe('应具有phd以上文化程度，实际为x');
    expect(z('VOT-ID', { reason: 'sex-mismatch', stated: null, fromNumber: 'x' })).toBe('填报的性别（—）与身份号码中的性别（x）不一致');
    expect(z('MTG-BOXES', { reason: 'monitors', box: 'a', kind: 'station', required: 3, actual: 2 })).toBe('票箱“a”（投票站）监票人2名，应不少于3名');
    expect(z('PTY-OFFICERS', { reason: 'not-equal', post: 'secretary', seats: 1, candidates: 2 })).toBe('书记应等额选举，1个职位有2名候选人');
    expect(z('AFT-HANDOVER', { days: 3, dueBy: '2010-12-29', today: '2010-12-30' })).toBe('新老班子应于选举后3日内（2010年12月29日前）完成交接，至2010年12月30日仍未完成');
    expect(describeViolation(hard('AFT-HANDOVER', { days: 3, dueBy: 'x', completedOn: 'y' })).message).toContain('completed on y');
    expect(describeViolation(hard('CAN-AGE-EDU', { reason: 'age', incumbent: false, sex: 'male', max: 51, actual: 52 })).message).toContain('A new member');
    expect(hasTemplate(hard('ORG-CROSS'))).toBe(false);
  });
});

describe('index', () => {
  it('re-exports the domain', async () => {
    const domain = await import('../../src/domain/index.js');
    for (const name of ['parseIdNumber', 'checkVoter', 'decideContest', 'orderCandidates', 'checkPhase', 'buildChecks', 'PRESETS', 'RULE_CODES', 'describeViolation', 'checkRepresentatives', 'checkRcSeats', 'numberCertificates', 'addDays']) {
      expect(domain).toHaveProperty(name);
    }
  });
});
