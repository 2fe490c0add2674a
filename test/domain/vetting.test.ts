import { describe, expect, it } from 'vitest';
import { RULES, severityOf } from '../../src/domain/rules/index.js';
import { PROFILE_OPTIONS } from '../../src/domain/profile.js';
import { checkJointReview, pendingDepartments, vettingVerdict, type DepartmentReview } from '../../src/domain/vetting.js';
import { ageBand, educationBand, statisticsTransition, sumFigures, STATISTICS_FIELDS } from '../../src/domain/statistics.js';
import { LANZHOU, YIWU, buildProfile } from './builders.js';

const REVIEW = buildProfile(PROFILE_OPTIONS['review-2021']);
const LENIENT = buildProfile({ jointReview: { option: 'review-2021', pendingBlocks: false } });
const r = (department: string, decision: DepartmentReview['decision'], reason: string | null = null): DepartmentReview => ({ department, decision, reason });
const run = (reviews: DepartmentReview[], profile = REVIEW) => {
  const o = RULES['CAN-VETTING'].evaluate({ candidates: [{ id: 'n1', name: '张三', reviews }] }, profile);
  return o.status === 'breach' ? `${o.severity}:${String(o.params.reason)}` : o.status;
};

describe('CAN-VETTING (joint qualification review), through the registry', () => {
  it('CAN-VETTING is off in both seed presets and on with review-2021', () => {
    expect(severityOf('CAN-VETTING', LANZHOU)).toBe('off');
    expect(severityOf('CAN-VETTING', YIWU)).toBe('off');
    expect(severityOf('CAN-VETTING', REVIEW)).toBe('hard');
    expect(run([r('公安', 'fail', '在押')], LANZHOU)).toBe('not-applicable');
  });

  it('CAN-VETTING: one 不通过 blocks; a pending review blocks under review-2021 only; all 通过 passes', () => {
    expect(run([r('公安', 'pass'), r('法院', 'pass')])).toBe('pass');
    expect(run([r('公安', 'pass'), r('法院', 'fail', '被判处刑罚')])).toBe('hard:refused');
    expect(run([r('公安', 'pass'), r('法院', 'pending')])).toBe('hard:pending');
    expect(run([r('公安', 'pass'), r('法院', 'pending')], LENIENT)).toBe('pass');
    expect(run([r('公安', 'fail', '涉黑涉恶'), r('法院', 'pending')], LENIENT)).toBe('hard:refused');
    const o = RULES['CAN-VETTING'].evaluate({ candidates: [{ id: 'n1', name: '张三', reviews: [r('公安', 'fail', '涉黑涉恶'), r('信访', 'fail', '缠访闹访')] }] }, REVIEW);
    expect(o.status === 'breach' && o.messageZh).toBe('张三未通过候选人资格联审（公安、信访：涉黑涉恶；缠访闹访），不得列入正式候选人名单');
  });

  it('a refusal recorded without a reason says so; without joint review in the profile nothing is refused', () => {
    const o = RULES['CAN-VETTING'].evaluate({ candidates: [{ id: 'n1', name: '张三', reviews: [r('公安', 'fail')] }] }, REVIEW);
    expect(o.status === 'breach' && o.messageZh).toContain('未说明理由');
    expect(checkJointReview({ candidates: [{ id: 'n1', name: '张三', reviews: [r('公安', 'fail', '在押')] }] }, LANZHOU).ok).toBe(true);
    expect(checkJointReview({ candidates: [{ id: 'n1', name: '张三', reviews: [r('公安', 'fail', '在押')] }] }, REVIEW).ok).toBe(false);
  });

  it('verdict and pending departments', () => {
    expect(vettingVerdict([r('a', 'pass'), r('b', 'pending'), r('c', 'fail')])).toBe('fail');
    expect(vettingVerdict([r('a', 'pass'), r('b', 'pending')])).toBe('pending');
    expect(vettingVerdict([])).toBe('pass');
    expect(pendingDepartments([r('a', 'pass'), r('b', 'pending'), r('c', 'pending')])).toEqual(['b', 'c']);
  });
});

describe('statistics report (换届选举情况统计表)', () => {
  it('age bands at 29/30 and 60/61, education at high school/college', () => {
    expect([29, 30, 60, 61].map(ageBand)).toEqual(['under30', 'age30to60', 'age30to60', 'over60']);
    expect([null, 'high-school', 'college', 'bachelor', 'junior-high'].map(educationBand)).toEqual([null, 'highSchoolAndBelow', 'collegeAndAbove', 'collegeAndAbove', 'highSchoolAndBelow']);
  });

  it('sums field by field; an untyped manual field stays null', () => {
    const zero = Object.fromEntries(STATISTICS_FIELDS.map((f) => [f.key, f.source === 'manual' ? null : 0])) as Parameters<typeof sumFigures>[0][number];
    const total = sumFigures([{ ...zero, registeredVoters: 3 }, { ...zero, registeredVoters: 4, groupLeaders: 2 }]);
    expect(total.registeredVoters).toBe(7);
    expect(total.groupLeaders).toBe(2);
    expect(total.secretBooth).toBeNull();
  });

  it('未填报 → 已上报 → 已退回 → 已上报', () => {
    expect(statisticsTransition('unfilled', 'submit')).toBe(true);
    expect(statisticsTransition('unfilled', 'return')).toBe(false);
    expect(statisticsTransition('submitted', 'submit')).toBe(false);
    expect(statisticsTransition('submitted', 'edit')).toBe(false);
    expect(statisticsTransition('submitted', 'return')).toBe(true);
    expect(statisticsTransition('returned', 'submit')).toBe(true);
  });
});
