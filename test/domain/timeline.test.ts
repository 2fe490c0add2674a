import { describe, expect, it } from 'vitest';
import {
  ACTION_PHASES,
  ACTIONS,
  checkHandover,
  checkObjectionDecided,
  checkObjectionFiled,
  checkPhase,
  checkVoterListPublish,
  defaultPhases,
  normalisePhaseName,
  objectionWindow,
  validatePhases,
  changePhase,
} from '../../src/domain/timeline.js';
import { codes, LANZHOU, YIWU, zh } from './builders.js';
import { chineseDates } from '../../src/domain/violations.js';

const PHASES = defaultPhases(2010, LANZHOU);

describe('TML-PHASE', () => {
  it('lanzhou default phases from seed 001', () => {
    expect(PHASES).toEqual([
      { name: 'mobilisation', from: '2010-11-01', to: '2010-11-30' },
      { name: 'election', from: '2010-12-01', to: '2010-12-26' },
      { name: 'wrap-up', from: '2010-12-27', to: '2010-12-31' },
    ]);
    expect(defaultPhases(2010, YIWU)).toEqual([]);
    expect(validatePhases(PHASES)).toEqual([]);
  });

  it.each([
    ['meeting', '2010-11-30', false],
    ['meeting', '2010-12-01', true],
    ['meeting', '2010-12-26', true],
    ['meeting', '2010-12-27', false],
    ['handover', '2010-12-26', false],
    ['handover', '2010-12-27', true],
    ['handover', '2010-12-31', true],
    ['handover', '2011-01-01', false],
    ['filing', '2010-12-26', true],
    ['filing', '2010-12-28', true],
    ['configure', '2010-11-01', true],
  ] as const)('TML-PHASE %s on %s: ok=%s', (action, on, ok) => {
    expect(checkPhase({ action, on, phases: PHASES }).ok).toBe(ok);
  });

  it('TML-PHASE message names the phase and its dates; Chinese phase names accepted', () => {
    const r = checkPhase({ action: 'nominate', on: '2010-12-27', phases: PHASES });
    expect(!r.ok && zh(r.violations[0]!)).toBe('提名候选人（2010年12月27日）不在“选举实施”阶段（2010年12月1日至2010年12月26日）内');
    const zhPhases = [
      { name: '宣传发动', from: '2010-11-01', to: '2010-11-30' },
      { name: '选举实施', from: '2010-12-01', to: '2010-12-26' },
      { name: '总结验收', from: '2010-12-27', to: '2010-12-31' },
    ];
    expect(checkPhase({ action: 'meeting', on: '2010-12-26', phases: zhPhases })).toMatchObject({ ok: true, value: { phase: 'election' } });
    expect(normalisePhaseName('Wrap-Up')).toBe('wrap-up');
    expect(normalisePhaseName('动员部署')).toBe('mobilisation');
    expect(normalisePhaseName('other')).toBeNull();
  });

  it('TML-PHASE an extension is the phase with new dates', () => {
    const extended = PHASES.map((p) => (p.name === 'election' ? { ...p, to: '2010-12-28' } : p));
    expect(checkPhase({ action: 'meeting', on: '2010-12-28', phases: extended }).ok).toBe(true);
  });

  it('TML-PHASE no phase defined for the action', () => {
    const r = checkPhase({ action: 'handover', on: '2010-12-28', phases: PHASES.slice(0, 2) });
    expect(codes(r)).toEqual(['TML-PHASE:no-phase']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('本轮换届未设置“总结验收”阶段，无法交接');
  });

  it('every action maps to at least one phase', () => {
    for (const a of ACTIONS) expect(ACTION_PHASES[a].length).toBeGreaterThan(0);
  });

  it('validatePhases reports bad names, dates and overlaps', () => {
    expect(
      validatePhases([
        { name: 'x', from: '2010-11-01', to: '2010-11-30' },
        { name: 'election', from: '2010-11-30', to: '2010-12-26' },
        { name: 'wrap-up', from: '2010-12-31', to: '2010-12-27' },
        { name: 'wrap-up', from: '2010-12-3', to: '2010-12-27' },
      ]),
    ).toEqual([
      { message: 'unknown phase x', messageZh: '未知的工作阶段“x”（应为宣传发动、选举实施或总结验收）' },
      { message: 'phase wrap-up: from after to', messageZh: '总结验收阶段的开始日期晚于结束日期' },
      { message: 'phase wrap-up: dates must be YYYY-MM-DD', messageZh: '总结验收阶段的日期无效' },
      { message: 'phases x and election overlap', messageZh: 'x阶段与选举实施阶段的日期重叠' },
    ]);
  });

  it('changePhase: an extension pushes the phases it runs into on by as many days (顺延), and leaves the others', () => {
    const phases = [
      { name: '宣传发动', from: '2026-11-01', to: '2026-11-30' },
      { name: '选举实施', from: '2026-12-01', to: '2027-01-16' },
      { name: '总结验收', from: '2027-01-17', to: '2027-01-31' },
    ];
    expect(changePhase(phases, 1, { name: '选举实施', from: '2026-12-01', to: '2027-01-26' })).toEqual([
      phases[0],
      { name: '选举实施', from: '2026-12-01', to: '2027-01-26' },
      { name: '总结验收', from: '2027-01-27', to: '2027-02-10' },
    ]);
    // Exactly up to the day before the next phase: nothing moves; a shortened phase moves nothing either.
    expect(changePhase(phases, 1, { name: '选举实施', from: '2026-12-01', to: '2027-01-16' })).toEqual(phases);
    expect(changePhase(phases, 1, { name: '选举实施', from: '2026-12-01', to: '2027-01-10' })[2]).toEqual(phases[2]);
    // A chain: extending the first pushes both, each by what it now overlaps.
    const pushed = changePhase(phases, 0, { name: '宣传发动', from: '2026-11-01', to: '2026-12-05' });
    expect(pushed.slice(1)).toEqual([
      { name: '选举实施', from: '2026-12-06', to: '2027-01-21' },
      { name: '总结验收', from: '2027-01-22', to: '2027-02-05' },
    ]);
    expect(validatePhases(pushed)).toEqual([]);
  });
});

describe('VOT-LIST-PUBLISH', () => {
  it.each([
    ['2010-12-05', true],
    ['2010-12-06', true], // exactly 20 days
    ['2010-12-07', false], // 19 days
  ])('VOT-LIST-PUBLISH published %s for 2010-12-26: ok=%s', (publishedOn, ok) => {
    const r = checkVoterListPublish({ publishedOn, electionDay: '2010-12-26' }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('选民名单应于选举日前20日公布，实际提前19日');
  });
  it('VOT-LIST-PUBLISH a future publication date is refused', () => {
    expect(codes(checkVoterListPublish({ publishedOn: '2010-12-02', electionDay: '2010-12-26', today: '2010-12-01' }, LANZHOU))).toEqual(['VOT-LIST-PUBLISH:future']);
    expect(checkVoterListPublish({ publishedOn: '2010-12-01', electionDay: '2010-12-26', today: '2010-12-01' }, LANZHOU)).toMatchObject({ ok: true, value: { daysBefore: 25, latest: '2010-12-06' } });
  });

  it.each([
    ['2010-12-06', true],
    ['2010-12-11', true], // 5 days after publication
    ['2010-12-12', false],
    ['2010-12-05', false], // before publication
  ])('VOT-LIST-PUBLISH objection filed %s after publication on 2010-12-06: ok=%s', (filedOn, ok) => {
    expect(checkObjectionFiled({ publishedOn: '2010-12-06', filedOn }, LANZHOU).ok).toBe(ok);
  });

  it('VOT-LIST-PUBLISH objection window and message', () => {
    const w = objectionWindow('2010-12-06', LANZHOU);
    expect(w.fileUntil).toBe('2010-12-11');
    expect(w.decideBy('2010-12-10')).toBe('2010-12-13');
    const r = checkObjectionFiled({ publishedOn: '2010-12-06', filedOn: '2010-12-12' }, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('申诉应在名单公布之日起5日内（2010年12月11日前）提出，实际于2010年12月12日提出');
  });

  it.each([
    ['2010-12-13', true],
    ['2010-12-14', false],
  ])('VOT-LIST-PUBLISH objection filed 2010-12-10 decided %s: ok=%s', (decidedOn, ok) => {
    expect(checkObjectionDecided({ filedOn: '2010-12-10', decidedOn, today: '2010-12-20' }, LANZHOU).ok).toBe(ok);
  });

  it('VOT-LIST-PUBLISH undecided objection becomes overdue after 3 days', () => {
    expect(checkObjectionDecided({ filedOn: '2010-12-10', decidedOn: null, today: '2010-12-13' }, LANZHOU)).toMatchObject({ ok: true, value: { overdue: false } });
    const r = checkObjectionDecided({ filedOn: '2010-12-10', decidedOn: null, today: '2010-12-14' }, LANZHOU);
    expect(codes(r)).toEqual(['VOT-LIST-PUBLISH:decision-overdue']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('2010年12月10日提出的申诉应于2010年12月13日前作出处理决定，至今（2010年12月14日）未决定');
  });
});

describe('AFT-HANDOVER (lanzhou: within 3 days)', () => {
  it.each([
    ['2010-12-29', true],
    ['2010-12-30', false],
  ])('AFT-HANDOVER completed %s after election 2010-12-26: ok=%s', (completedOn, ok) => {
    const r = checkHandover({ electionDay: '2010-12-26', completedOn, today: '2011-01-05' }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('新老班子应于选举后3日内（2010年12月29日前）完成交接，实际于2010年12月30日完成');
  });
  it.each([
    ['2010-12-29', false],
    ['2010-12-30', true],
  ])('AFT-HANDOVER not completed, today %s: overdue=%s', (today, overdue) => {
    const r = checkHandover({ electionDay: '2010-12-26', completedOn: null, today }, LANZHOU);
    expect(r.ok).toBe(!overdue);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe(`新老班子应于选举后3日内（2010年12月29日前）完成交接，至${chineseDates(today)}仍未完成`);
    else expect(r.value).toEqual({ dueBy: '2010-12-29', overdue: false, completed: false });
  });
  it('AFT-HANDOVER yiwu profile allows 10 days', () => {
    expect(checkHandover({ electionDay: '2007-10-15', completedOn: '2007-10-25', today: '2007-11-01' }, YIWU).ok).toBe(true);
  });
});
