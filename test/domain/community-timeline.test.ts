/**
 * planCommunityTimeline (pure): the due date of each step from the profile, done / open / overdue, what each step
 * waits for (TML-ORDER) and the next lawful step (TML-PHASE), at the moments a clerk looks at it.
 */
import { describe, expect, it } from 'vitest';
import { planCommunityTimeline, type TimelineFacts } from '../../src/domain/timeline.js';
import { addDays } from '../../src/domain/dates.js';
import { LANZHOU, YIWU } from './builders.js';

const ELECTION = '2026-12-28';
const PHASES = [
  { name: '宣传发动', from: '2026-11-01', to: '2026-11-30' },
  { name: '选举实施', from: '2026-12-01', to: '2026-12-31' },
  { name: '总结验收', from: '2027-01-01', to: '2027-01-31' },
];
const NOTHING: TimelineFacts['done'] = { 'election-notice': null, 'voter-list': null, 'candidate-list': null, election: null, handover: null, filing: null };
const facts = (today: string, done: Partial<TimelineFacts['done']> = {}): TimelineFacts => ({ today, electionDay: ELECTION, phases: PHASES, done: { ...NOTHING, ...done } });
const step = (t: ReturnType<typeof planCommunityTimeline>, name: string) => t.steps.find((s) => s.step === name)!;

describe('planCommunityTimeline', () => {
  it.each([
    ['lanzhou-2010', LANZHOU],
    ['yiwu-2007', YIWU],
  ] as const)('dates each step from the %s profile', (_, profile) => {
    const t = planCommunityTimeline(facts('2026-12-02'), profile);
    expect(step(t, 'election-notice').dueBy).toBe(addDays(ELECTION, -profile.voterListNoticeDays));
    expect(step(t, 'voter-list')).toMatchObject({ dueBy: addDays(ELECTION, -profile.voterListNoticeDays), rule: 'VOT-LIST-PUBLISH' });
    expect(step(t, 'candidate-list')).toMatchObject({ dueBy: addDays(ELECTION, -profile.candidateListNoticeDays), rule: 'CAN-LIST-NOTICE' });
    expect(step(t, 'election')).toMatchObject({ dueBy: ELECTION, rule: 'TML-PHASE' });
    expect(step(t, 'handover')).toMatchObject({ dueBy: addDays(ELECTION, profile.handoverDays), rule: 'AFT-HANDOVER' });
    expect(step(t, 'filing')).toMatchObject({ dueBy: null, rule: null });
  });

  it('before anything is done: every step waits for the one before (TML-ORDER), the notice is next and allowed in the election phase', () => {
    const t = planCommunityTimeline(facts('2026-12-02'), LANZHOU);
    expect(t.steps.map((s) => s.status)).toEqual(['open', 'open', 'open', 'open', 'open', 'open']);
    expect(step(t, 'election-notice').waitsFor).toBeNull();
    expect(step(t, 'voter-list').waitsFor).toMatchObject({ step: 'election-notice', rule: 'TML-ORDER' });
    expect(step(t, 'voter-list').waitsFor!.messageZh).toContain('选举公告');
    expect(step(t, 'candidate-list').waitsFor).toMatchObject({ step: 'voter-list', rule: 'TML-ORDER' });
    expect(step(t, 'election').waitsFor).toMatchObject({ step: 'candidate-list', messageZh: '须先公布正式候选人名单，再召开选举大会' });
    expect(step(t, 'filing').waitsFor).toMatchObject({ step: 'handover', messageZh: '须先新老班子交接，再选举结果报送备案' });
    expect(t.next).toMatchObject({ step: 'election-notice', titleZh: '发布选举公告', overdue: false, allowedNow: true, whyNotZh: null });
    expect(t.phases.map((p) => [p.phase, p.status])).toEqual([
      ['mobilisation', 'past'],
      ['election', 'current'],
      ['wrap-up', 'upcoming'],
    ]);
    expect(t.phases[1]!.actions.length).toBeGreaterThan(0);
    // Every action has its Chinese name, the one TML-PHASE's messages use.
    expect(t.phases[1]!.actionsZh).toHaveLength(t.phases[1]!.actions.length);
    expect(t.phases[1]!.actionsZh[t.phases[1]!.actions.indexOf('issue-election-notice')]).toBe('发布选举公告');
    expect(t.phases.flatMap((p) => p.actionsZh).filter((a) => !/\p{Script=Han}/u.test(a))).toEqual([]);
  });

  it('outside the election phase the next step is not allowed today, and says which phase it belongs to (TML-PHASE)', () => {
    const t = planCommunityTimeline(facts('2026-11-15'), LANZHOU);
    expect(t.phases.map((p) => p.status)).toEqual(['current', 'upcoming', 'upcoming']);
    expect(t.next).toMatchObject({ step: 'election-notice', allowedNow: false });
    // The notice's own action and phase, not the voter list's.
    expect(t.next!.whyNotZh).toBe('发布选举公告（2026年11月15日）不在“选举实施”阶段（2026年12月1日至2026年12月31日）内');
  });

  it('a step past its date is overdue, and once the step before is done it no longer waits', () => {
    const t = planCommunityTimeline(facts('2026-12-10', { 'election-notice': '2026-12-01' }), LANZHOU);
    expect(step(t, 'election-notice')).toMatchObject({ status: 'done', doneOn: '2026-12-01' });
    expect(step(t, 'voter-list')).toMatchObject({ status: 'overdue', waitsFor: null });
    expect(t.next).toMatchObject({ step: 'voter-list', overdue: true, allowedNow: true, whyNotZh: null });
    expect(step(t, 'candidate-list')).toMatchObject({ status: 'open', waitsFor: { step: 'voter-list' } });
  });

  it('when everything is done there is no next step', () => {
    const done = { 'election-notice': '2026-12-01', 'voter-list': '2026-12-05', 'candidate-list': '2026-12-20', election: ELECTION, handover: '2027-01-05', filing: '2027-01-08' };
    const t = planCommunityTimeline(facts('2027-01-10', done), LANZHOU);
    expect(t.steps.every((s) => s.status === 'done' && s.waitsFor === null)).toBe(true);
    expect(t.next).toBeNull();
    expect(t.phases.map((p) => p.status)).toEqual(['past', 'past', 'current']);
  });
});
