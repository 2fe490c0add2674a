/** A person's name (src/domain/names.ts): readable, and unable to turn the text around it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personNameProblem } from '../../src/domain/names.js';

describe('personNameProblem', () => {
  it.each([
    ['张三'],
    ['欧阳娜娜'],
    ['阿依古丽·买买提'],
    ['欧阳 娜娜'],
    ['Zhang San'],
    ['𠀀明'],
  ])('accepts %s', (name) => expect(personNameProblem(name)).toBeNull());

  it.each([
    ['\u200B\u200B', '不能只由空格或不可见字符组成'],
    ['   ', '不能只由空格或不可见字符组成'],
    ['\uFEFF', '不能只由空格或不可见字符组成'],
    ['\u3164', '不能只由空格或不可见字符组成'],
    ['张\u202E三', '不能含有改变文字方向的控制字符（如从右向左覆盖）'],
    ['张\u2066三\u2069', '不能含有改变文字方向的控制字符（如从右向左覆盖）'],
    ['张\u200B三', '不能含有零宽空格等不可见字符'],
    ['张\u00AD三', '不能含有零宽空格等不可见字符'],
    ['张\t三', '不能含有换行、制表符等控制字符'],
    ['张\u0000三', '不能含有换行、制表符等控制字符'],
    ['张\uD800三', '含有无法识别的字符（不成对的代理项），请重新输入'],
    ['\uDC00', '含有无法识别的字符（不成对的代理项），请重新输入'],
    ['张\uFFFD', '含有无法识别的字符（�），请检查文件编码或重新输入'],
  ])('refuses %j: %s', (name, problem) => expect(personNameProblem(name)).toBe(problem));

  it('accepts every name of Han characters, and refuses it once a direction control is put inside', () => {
    const han = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(han, fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F'), fc.nat(6), (name, control, at) => {
        expect(personNameProblem(name)).toBeNull();
        const i = at % (name.length + 1);
        expect(personNameProblem(name.slice(0, i) + control + name.slice(i))).not.toBeNull();
      }),
    );
  });
});
