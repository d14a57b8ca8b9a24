import { describe, expect, it } from 'vitest';
import { readFigure, quantityOf, agreeComputed, agreeDuplicate, sum, exactQuantity } from '@jixiao/core';
import { Decimal } from 'decimal.js';

const read = (t: string) => readFigure(t, [0, t.length]);

describe('readFigure', () => {
  it.each([
    ['1,057.54', '1057.54', 2, false, null, null],
    ['97.03%', '97.03', 2, true, null, null],
    ['≥90%', '90', 0, true, null, '≥'],
    ['≤19.5万元', '19.5', 1, false, '万元', '≤'],
    ['≤19.5 万元', '19.5', 1, false, '万元', '≤'],
    ['9.85分', '9.85', 2, false, '分', null],
    ['５０人', '50', 0, false, '人', null],
    ['９２．９', '92.9', 1, false, null, null],
    ['26.0', '26', 1, false, null, null],
    ['-0.18%', '-0.18', 2, true, null, null],
    ['1988人次', '1988', 0, false, '人次', null],
    // The plain forms read by the direct path: the same figures as the general reading gives.
    ['1778.28', '1778.28', 2, false, null, null],
    ['100', '100', 0, false, null, null],
    ['007', '7', 0, false, null, null],
    ['-0.50%', '-0.5', 2, true, null, null],
    ['0.00', '0', 2, false, null, null],
  ])('reads %s exactly', (text, value, decimals, percent, unit, comparator) => {
    const f = read(text);
    expect(f.kind).toBe('number');
    if (f.kind !== 'number') return;
    expect(f.value.eq(new Decimal(value))).toBe(true);
    expect(f.decimals).toBe(decimals);
    expect(f.percent).toBe(percent);
    expect(f.unit).toBe(unit);
    expect(f.comparator).toBe(comparator);
  });

  it('keeps dashes as not applicable and words as text', () => {
    expect(read('-').kind).toBe('na');
    expect(read('—').kind).toBe('na');
    expect(read('按时').kind).toBe('text');
    expect(read('1,05').kind).toBe('text');
  });
});

describe('rounding intervals', () => {
  const q = (t: string) => {
    const f = read(t);
    if (f.kind !== 'number') throw new Error(t);
    return quantityOf(f);
  };
  it('sums that hold exactly are equal (seed A2: 16.8+15.9+34.2+26.0 = 92.9)', () => {
    expect(agreeComputed(q('92.9'), sum(['16.8', '15.9', '34.2', '26.0'].map(q)))).toBe('equal');
  });
  it('a 0.01 explained by six rounded terms is rounding (seed B2)', () => {
    const parts = ['5013.30', '2.93', '376.39', '169.31', '1612.41', '220.20'].map(q);
    expect(agreeComputed(q('7394.53'), sum(parts))).toBe('rounding');
  });
  it('integers are exact: 5 + 3 is not 9', () => {
    expect(agreeComputed(q('9'), sum([q('5'), q('3')]))).toBe('mismatch');
  });
  it('duplicate figures follow XBRL: 31 vs 30.98 differ, 1059.5 vs 1059.50 agree (seed B26)', () => {
    expect(agreeDuplicate(q('31'), q('30.98'))).toBe('mismatch');
    expect(agreeDuplicate(q('1059.5'), q('1059.50'))).toBe('equal');
    expect(agreeDuplicate(q('3054.13'), q('3054.12'))).toBe('mismatch');
    expect(agreeDuplicate(q('41.3'), q('41.30'))).toBe('equal');
    expect(agreeDuplicate(exactQuantity(new Decimal('99.82')), q('99.8'))).toBe('rounding');
  });
});
