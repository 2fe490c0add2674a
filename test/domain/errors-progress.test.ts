/** The error catalogue (every error in one shape, a Chinese message each) and a community's progress (control room). */
import { describe, expect, it } from 'vitest';
import { errors, type AppError } from '../../src/domain/errors.js';
import { communityProgress } from '../../src/domain/progress.js';
import { LANZHOU, YIWU } from './builders.js';

describe('the error catalogue', () => {
  it('gives every error a status, a code and a Chinese message, in the one body shape', () => {
    const all: AppError[] = [
      errors.unauthorized(),
      errors.badCredentials(),
      errors.locked(new Date('2026-12-07T02:00:00Z')),
      errors.tokenExpired(),
      errors.sessionEnded(),
      errors.accountDisabled(),
      errors.filedFrozen({ filingId: 'f', kind: 'rc', status: 'submitted', area: 'tally' }),
      errors.filedFrozen({ filingId: 'f', kind: 'party', status: 'approved', area: 'voters' }),
      errors.postponementBySteeringGroup(),
      errors.postponementApproval(),
      errors.forbidden(),
      errors.passwordChangeRequired(),
      errors.notFound('Voter', '选民'),
      errors.conflict('X', 'x', '冲突', { a: 1 }),
      errors.badRequest('y', '错误'),
      errors.unavailable(),
    ];
    for (const e of all) {
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
      const body = e.toBody().error;
      expect(body).toMatchObject({ code: e.code, message: e.message, messageZh: e.messageZh });
    }
    expect(errors.filedFrozen({ filingId: 'f', kind: 'rc', status: 'submitted', area: 'tally' }).messageZh).toBe(
      '居民委员会选举结果已报送备案，相关数据（计票）已冻结，不能再修改；如需更正，须由区民政局退回备案',
    );
    expect(errors.postponementBySteeringGroup()).toMatchObject({ status: 403, code: 'POSTPONEMENT_BY_STEERING_GROUP' });
    expect(errors.notFound('Voter', '选民').messageZh).toBe('选民不存在');
  });
});

describe('communityProgress', () => {
  const none = { voterListPublished: false, prelimReported: false, candidateListPublished: false, resultConfirmed: false, filingSubmitted: false, filingRecorded: false, handoverDone: false };

  it('dates each step from the profile and marks a step not done by its date overdue', () => {
    const p = communityProgress({ ...none, electionDay: '2026-12-26' }, LANZHOU, '2026-12-07');
    expect(p.reached).toBe('setup');
    expect(p.steps.map((s) => [s.step, s.dueBy, s.overdue])).toEqual([
      ['voter-list', '2026-12-06', true],
      ['prelim-report', '2026-12-06', true],
      ['candidate-list', '2026-12-21', false],
      ['election', '2026-12-26', false],
      ['filing', null, false],
      ['recorded', null, false],
      ['handover', '2026-12-29', false],
    ]);
    expect(p.nextDeadline).toEqual({ step: 'voter-list', dueBy: '2026-12-06' });
    expect(p.overdue).toEqual(['voter-list', 'prelim-report']);
  });

  it('reaches the furthest step done; a profile without a report deadline has no such step; all done: nothing next', () => {
    const half = communityProgress({ ...none, electionDay: '2026-12-26', voterListPublished: true, candidateListPublished: true }, YIWU, '2026-12-07');
    expect(half.reached).toBe('candidate-list');
    expect(half.steps.some((s) => s.step === 'prelim-report')).toBe(YIWU.prelimReportDeadline !== null);
    const all = communityProgress(
      { electionDay: '2026-12-26', voterListPublished: true, prelimReported: true, candidateListPublished: true, resultConfirmed: true, filingSubmitted: true, filingRecorded: true, handoverDone: true },
      LANZHOU,
      '2027-01-10',
    );
    expect(all).toMatchObject({ reached: 'handover', nextDeadline: null, overdue: [] });
  });
});
