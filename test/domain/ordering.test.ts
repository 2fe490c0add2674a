import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  charKey,
  checkCandidateOrder,
  compareNames,
  firstStrokeClass,
  orderCandidates,
  strokeClassesOfLetters,
  strokeCount,
  surnameOf,
} from '../../src/domain/ordering.js';
import { buildProfile, codes, zh } from './builders.js';

const people = (...names: string[]) => names.map((name, i) => ({ id: `p${i}`, name }));

describe('CAN-ORDER stroke data', () => {
  it('CAN-ORDER stroke counts from cnchar: 丁 2, 王 4, 方 4, 李 7', () => {
    expect(['丁', '王', '方', '李'].map(strokeCount)).toEqual([2, 4, 4, 7]);
    expect(strokeCount('a')).toBe(0);
  });

  it('CAN-ORDER first-stroke classes 横1 竖2 撇3 点4 折5', () => {
    expect(firstStrokeClass('王')).toBe(1); // 横
    expect(firstStrokeClass('方')).toBe(4); // 点
    expect(firstStrokeClass('白')).toBe(3); // 撇
    expect(firstStrokeClass('田')).toBe(2); // 竖
    expect(firstStrokeClass('马')).toBe(5); // 横折 → 折
    expect(firstStrokeClass('心')).toBe(4); // 点 (cnchar's 点2)
    expect(charKey('冰').classes).toEqual([4, 1, 2, 5, 3, 4]); // 点 提(横) 竖钩(竖) 横撇(折) 撇 捺(点)
    expect(firstStrokeClass('a')).toBeNull();
    expect(strokeClassesOfLetters('jfskrixdlg')).toEqual([1, 2, 3, 4, 5, 1, 5, 4, 4, 2]);
    expect(charKey('王')).toBe(charKey('王'));
  });
});

describe('CAN-ORDER orderCandidates', () => {
  it('CAN-ORDER by surname stroke count: 丁(2) before 王(4) before 李(7)', () => {
    expect(orderCandidates(people('李明', '王芳', '丁一')).map((p) => p.name)).toEqual(['丁一', '王芳', '李明']);
  });

  it('CAN-ORDER equal counts: first stroke 横 (王) before 点 (方)', () => {
    expect(orderCandidates(people('方强', '王强')).map((p) => p.name)).toEqual(['王强', '方强']);
    expect(compareNames('王', '方')).toBeLessThan(0);
  });

  it('CAN-ORDER same count and first stroke: the next strokes decide (王 横横竖横 before 井 横横撇竖)', () => {
    // 王 jjfj, 井 jjss: second strokes equal (横), third 竖 (王) before 撇 (井)
    expect(orderCandidates(people('井冈', '王冈')).map((p) => p.name)).toEqual(['王冈', '井冈']);
  });

  it('CAN-ORDER same surname: the rest of the name decides, shorter first', () => {
    expect(orderCandidates(people('王五', '王二', '王')).map((p) => p.name)).toEqual(['王', '王二', '王五']);
    expect(orderCandidates(people('张大伟', '张大力')).map((p) => p.name)).toEqual(['张大力', '张大伟']);
  });

  it('CAN-ORDER compound surnames sort by their first character (欧 8 strokes)', () => {
    expect(surnameOf('欧阳修')).toEqual({ surname: '欧阳', given: '修' });
    expect(surnameOf('欧阳')).toEqual({ surname: '欧', given: '阳' });
    expect(surnameOf('王芳')).toEqual({ surname: '王', given: '芳' });
    expect(orderCandidates(people('欧阳修', '李白', '周瑜')).map((p) => p.name)).toEqual(['李白', '欧阳修', '周瑜']);
  });

  it('CAN-ORDER unknown characters come last; identical names by id', () => {
    expect(orderCandidates(people('Smith', '王芳')).map((p) => p.name)).toEqual(['王芳', 'Smith']);
    const same = [{ id: 'b', name: '王芳' }, { id: 'a', name: '王芳' }];
    expect(orderCandidates(same).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('CAN-ORDER as-entered profile keeps the order', () => {
    const p = buildProfile({ ordering: 'as-entered' });
    expect(orderCandidates(people('李明', '丁一'), p).map((x) => x.name)).toEqual(['李明', '丁一']);
  });

  it('CAN-ORDER result does not depend on input order (property)', () => {
    const pool = ['王芳', '方强', '丁一', '李明', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴刚', '欧阳修', '马力', '白雪'];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: 2 }), (names) => {
        const list = names.map((n) => ({ id: n, name: n }));
        const a = orderCandidates(list).map((x) => x.id);
        const b = orderCandidates([...list].reverse()).map((x) => x.id);
        expect(a).toEqual(b);
      }),
    );
  });

  it('CAN-ORDER checkCandidateOrder names the first misplaced position', () => {
    expect(checkCandidateOrder(people('丁一', '王芳', '李明')).ok).toBe(true);
    const r = checkCandidateOrder(people('丁一', '李明', '王芳'));
    expect(codes(r)).toEqual(['CAN-ORDER']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('候选人应按姓氏笔画排序，第2位应为王芳，实际为李明');
  });
});
