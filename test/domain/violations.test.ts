import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RULE_CODES,
  RULE_TITLES,
  describeViolation,
  hard,
  isRuleCode,
  issuesOf,
  resultOf,
  ruleTitle,
  ruleTitleZh,
  soft,
} from '../../src/domain/violations.js';

const RULES_MD = readFileSync(join(import.meta.dirname, '../../../shared/RULES.md'), 'utf8');

describe('rule codes', () => {
  it('are exactly the 51 codes of RULES.md', () => {
    const inSpec = [...new Set([...RULES_MD.matchAll(/\*\*([A-Z]{3}-[A-Z-]+)\*\*/g)].map((m) => m[1]!))].sort();
    expect(inSpec).toHaveLength(51);
    expect([...RULE_CODES].sort()).toEqual(inSpec);
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
