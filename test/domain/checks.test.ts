import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChecks } from '../../src/domain/checks.js';
import { RULES, severityOf } from '../../src/domain/rules/index.js';
import { checkRcSeats } from '../../src/domain/committee.js';
import { checkRepresentatives } from '../../src/domain/representatives.js';
import { RULE_CODES, hard, soft } from '../../src/domain/violations.js';
import { LANZHOU, YIWU } from './builders.js';

describe('severity per profile (registry)', () => {
  it('soft, figure and info rules as in RULES.md; rules switched off by a profile', () => {
    expect(severityOf('REP-COUNT', LANZHOU)).toBe('soft');
    expect(severityOf('VOT-COMPLETE', LANZHOU)).toBe('soft');
    expect(RULES['ORG-CROSS'].kind).toBe('figure');
    expect(RULES['MTH-KIND'].kind).toBe('info');
    expect(severityOf('MTH-DIRECT-SHARE', LANZHOU)).toBe('off');
    expect(severityOf('MTH-DIRECT-SHARE', YIWU)).toBe('hard');
    expect(severityOf('ORG-RC-DEPUTY-ROLES', YIWU)).toBe('off');
    expect(severityOf('ORG-RC-PUBLIC-DEPUTY', YIWU)).toBe('off');
    expect(severityOf('CAN-PRELIM-REPORT', YIWU)).toBe('off');
    expect(severityOf('CAN-AGE-EDU', YIWU)).toBe('hard');
    expect(severityOf('ORG-RC-WOMAN', LANZHOU)).toBe('hard');
    expect(severityOf('ORG-RC-WOMAN', { ...LANZHOU, closeRelativesForbidden: false })).toBe('off');
    expect(severityOf('CAN-AGE-EDU', { ...YIWU, candidateLimits: null })).toBe('off');
  });
});

describe('buildChecks', () => {
  it('lists every code with pass / fail / warning / n/a', () => {
    const seats = checkRcSeats({ director: 1, deputies: 2, members: 3 }, LANZHOU); // 6: even → fail
    const reps = checkRepresentatives({ reps: [], groups: [], units: [], basis: 'group' }, LANZHOU); // 0 reps → REP-COUNT warning
    const checks = buildChecks({
      profile: LANZHOU,
      evaluations: [
        { rules: ['ORG-RC-SIZE'], result: seats },
        { rules: ['REP-COUNT', 'REP-RESIDENT-SHARE', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-IS-VOTER'], result: reps },
        { rules: [], result: [hard('VOT-AGE', { birthDate: '2000-01-01', electionDay: '2010-12-26', bornBy: '1992-12-26', age: 10 })] },
      ],
      notes: [{ rule: 'ORG-CROSS', status: 'pass', details: { rate: '2/6' } }, { rule: 'CNT-RANK', status: 'warning' }, { rule: 'CNT-RANK', status: 'pass' }],
    });
    expect(checks.map((c) => c.rule)).toEqual([...RULE_CODES]);
    const by = Object.fromEntries(checks.map((c) => [c.rule, c]));
    expect(by['ORG-RC-SIZE']).toMatchObject({ status: 'fail', messageZh: '居民委员会成员共6名，总数必须为单数', details: { count: 1 } });
    expect(by['ORG-RC-SIZE']!.source).toContain('seed 001');
    expect(by['REP-COUNT']!.status).toBe('warning');
    expect(by['REP-IS-VOTER']!.status).toBe('pass');
    expect(by['VOT-AGE']!.status).toBe('fail');
    expect(by['ORG-CROSS']).toMatchObject({ status: 'pass', details: { rate: '2/6' } });
    expect(by['CNT-RANK']!.status).toBe('warning');
    expect(by['CAN-LIST-NOTICE']!.status).toBe('n/a');
    expect(by['MTH-DIRECT-SHARE']).toMatchObject({ status: 'n/a', details: { reason: 'not-in-profile' } });
  });

  it('soft-only issues give a warning', () => {
    const checks = buildChecks({ profile: LANZHOU, evaluations: [{ rules: ['VOT-COMPLETE'], result: [soft('VOT-COMPLETE', { missing: 3 })] }] });
    expect(checks.find((c) => c.rule === 'VOT-COMPLETE')).toMatchObject({ status: 'warning', details: { messageZh: '常住人口名册中有3名年满18周岁的居民未登记' } });
    expect(buildChecks({ profile: LANZHOU }).every((c) => c.status === 'n/a')).toBe(true);
  });
});

describe('every code is implemented and tested', () => {
  const srcDir = join(import.meta.dirname, '../../src/domain');
  const src = readdirSync(srcDir)
    .filter((f) => f.endsWith('.ts') && !['violations.ts', 'checks.ts', 'election-extra.ts'].includes(f))
    .map((f) => readFileSync(join(srcDir, f), 'utf8'))
    .join('\n');
  const tests = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.test.ts') && f !== 'checks.test.ts' && f !== 'violations.test.ts')
    .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
    .join('\n');
  it.each([...RULE_CODES])('%s is used by a rule function and named by a test', (code) => {
    expect(src.includes(`'${code}'`), `${code} in src/domain`).toBe(true);
    expect(new RegExp(`(it|describe)(\\.each\\([^]*?\\))?\\(\\s*'[^']*${code}`).test(tests), `${code} in a test name`).toBe(true);
  });
});
