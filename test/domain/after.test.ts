import { describe, expect, it } from 'vitest';
import { checkCertificateNumbers, checkFilingDecision, checkReport, numberCertificates, reportFigures } from '../../src/domain/after.js';
import { crossAppointment } from '../../src/domain/committee.js';
import { codes, LANZHOU, zh } from './builders.js';

describe('AFT-CERT', () => {
  it('AFT-CERT certificates numbered per round, director first, issued by the street for the district', () => {
    const certs = numberCertificates({
      prefix: '2010-QLH',
      lastNumber: 12,
      elected: [
        { name: '李明', post: 'member' },
        { name: '王芳', post: 'director' },
        { name: '张伟', post: 'deputy' },
      ],
      profile: LANZHOU,
    });
    expect(certs.map((c) => [c.number, c.name])).toEqual([
      ['2010-QLH-013', '王芳'],
      ['2010-QLH-014', '张伟'],
      ['2010-QLH-015', '李明'],
    ]);
    expect(certs[0]).toMatchObject({ issuedBy: '某某街道办事处', onBehalfOf: '某某区人民政府' });
  });
  it('AFT-CERT a number used twice', () => {
    expect(checkCertificateNumbers(['A-001', 'A-002']).ok).toBe(true);
    const r = checkCertificateNumbers(['A-001', 'A-001']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('当选证书编号A-001重复');
  });
});

describe('AFT-FILING', () => {
  it('AFT-FILING approve only without failing checks; return needs a reason', () => {
    const pass = [{ rule: 'CAN-LIST-NOTICE' as const, status: 'pass' as const }, { rule: 'REP-COUNT' as const, status: 'warning' as const }];
    expect(checkFilingDecision({ decision: 'approve', checks: pass }).ok).toBe(true);
    const r = checkFilingDecision({ decision: 'approve', checks: [...pass, { rule: 'CNT-BALLOTS', status: 'fail' }] });
    expect(!r.ok && zh(r.violations[0]!)).toBe('备案不能通过：有1项规则检查未通过');
    expect(codes(checkFilingDecision({ decision: 'return', reason: ' ', checks: [] }))).toEqual(['AFT-FILING:no-reason']);
    expect(codes(checkFilingDecision({ decision: 'record', checks: [...pass, { rule: 'CNT-BALLOTS', status: 'fail' }] }))).toEqual(['AFT-FILING:failing']);
    expect(checkFilingDecision({ decision: 'record', checks: pass }).ok).toBe(true);
    expect(checkFilingDecision({ decision: 'return', reason: '材料不全', checks: [] }).ok).toBe(true);
  });
});

describe('AFT-REPORT', () => {
  it('AFT-REPORT figures: turnout exact, structure by age, sex, education', () => {
    const cross = crossAppointment({ rcMembers: ['a', 'b'], partyMembers: ['a'] });
    const f = reportFigures({
      voters: 3,
      voted: 2,
      elected: [
        { age: 34, sex: 'female', education: 'bachelor' },
        { age: 35, sex: 'male', education: 'bachelor' },
        { age: 45, sex: 'male', education: null },
        { age: 55, sex: 'female', education: 'high-school' },
      ],
      crossAppointment: cross,
      exceptionsGranted: 1,
    });
    expect(f).toMatchObject({
      turnout: { num: 2, den: 3, percent: 66.7 },
      elected: 4,
      women: 2,
      ageBands: { under35: 1, '35to44': 1, '45to54': 1, '55plus': 1 },
      education: { bachelor: 2, unknown: 1, 'high-school': 1 },
      exceptions: 1,
    });
    expect(reportFigures({ voters: 0, voted: 0, elected: [] })).toMatchObject({ turnout: { num: 0, den: 1, percent: 0 }, crossAppointment: null, exceptions: 0 });
  });
  it('AFT-REPORT lists missing parts', () => {
    expect(checkReport({ voters: 1, voted: 1, elected: 1, structure: {}, crossAppointment: {}, exceptions: 0 }).ok).toBe(true);
    const r = checkReport({ voters: 1, voted: 1, elected: 1 });
    expect(!r.ok && zh(r.violations[0]!)).toBe('换届工作报告缺少：structure, crossAppointment, exceptions');
  });
});
