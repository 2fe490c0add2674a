import { describe, expect, it } from 'vitest';
import { countOf, normaliseCount } from './count-text';

describe('normaliseCount', () => {
  it('takes half- and full-width digits, ignores spaces, drops leading zeros', () => {
    expect(normaliseCount('１２３')).toEqual({ ok: true, text: '123' });
    expect(normaliseCount(' 0７ ')).toEqual({ ok: true, text: '7' });
    expect(normaliseCount('0')).toEqual({ ok: true, text: '0' });
    expect(normaliseCount('')).toEqual({ ok: true, text: '' });
  });
  it('refuses anything else: letters, signs, decimals, too many digits', () => {
    for (const bad of ['12a', '-3', '1.5', '１,０', '123456789', 'abc']) expect(normaliseCount(bad)).toEqual({ ok: false });
  });
  it('counts an empty field as nothing typed (the server takes it as 0)', () => {
    expect(countOf('')).toBeNull();
    expect(countOf('15')).toBe(15);
  });
});
