import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilToYuan, divRoundHalfUp, formatYuan, mulRate, roundYuan, toDecimal, yuanToFen } from './money';

/** Exact reference: round half-up of (rate given as a decimal string) × fen, with BigInt. */
function referenceMul(rateText: string, fen: number): number {
  const [whole, fraction = ''] = rateText.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const product = BigInt(whole + fraction) * BigInt(fen);
  const q = product / scale;
  return Number(2n * (product % scale) >= scale ? q + 1n : q);
}

describe('yuanToFen rounds half-up on the decimal written, not on the binary float', () => {
  it.each([
    [0, 0],
    [800, 80000],
    [586.67, 58667],
    [0.005, 1],
    [0.004, 0],
    [1.005, 101], // 1.005 * 100 is 100.49999999999999 in floating point
    [4.35, 435], // 4.35 * 100 is 434.99999999999994
    [1234.565, 123457],
    [1e-7, 0],
    [0.1 + 0.2, 30], // a computed 0.30000000000000004 reads as 0.3
  ])('%s yuan is %s fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each([
    [5660, 47167], // 471.666… per month → 471.67
    [6000, 50000],
    [5659.94, 47166], // 471.661666… → 471.66
    [0.06, 1], // 0.005 → half-up to 0.01
  ])('a yearly %s yuan is %s fen a month (divided by 12 exactly, then half-up)', (yearly, fen) => {
    expect(yuanToFen(yearly, 12)).toBe(fen);
  });
});

describe('mulRate multiplies a rate and fen exactly, half-up to the fen', () => {
  it.each([
    [0.3, 83000, 24900],
    [0.3, 80000, 24000],
    [1.3, 80000, 104000],
    [1.1, 30000, 33000], // 1.1 * 300 is 330.00000000000006 in floating point
    [0.1, 47167, 4717], // 4716.7 → 4717
    [0.15, 5, 1], // 0.75 → 1
    [0.5, 1, 1], // exactly half goes up
    [0.5, 3, 2],
    [0.25, 2, 1],
    [0.6, 12 * 276000, 1987200], // 0.6 * 12 * 2760 is 19871.999999999996 in floating point
    [24, 3 * 80000, 5760000],
    [0, 123456, 0],
    [1.5, 0, 0],
    [1.0000001, 10_000_000, 10_000_001],
  ])('%s × %s fen = %s fen', (rate, fen, want) => {
    expect(mulRate(rate, fen)).toBe(want);
  });

  it('agrees with an exact BigInt computation for rates of up to 6 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 1_000_000_000_000 }), (micros, fen) => {
        const rateText = (micros / 1e6).toFixed(6);
        expect(mulRate(Number(rateText), fen)).toBe(referenceMul(rateText, fen));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a rate with more decimals than it can multiply exactly', () => {
    expect(() => mulRate(0.123456789, 100)).toThrow(RangeError);
  });

  it('refuses an amount that is not whole fen', () => {
    expect(() => mulRate(0.3, 10.5)).toThrow(RangeError);
  });
});

describe('ceilToYuan rounds a final amount up to whole yuan', () => {
  it.each([
    [0, 0],
    [1, 1],
    [99, 1],
    [100, 1],
    [101, 2],
    [72000, 720],
    [98102, 982],
    [-150, -1],
  ])('%s fen → %s yuan', (fen, yuan) => {
    expect(ceilToYuan(fen)).toBe(yuan);
  });

  it('differs from half-up: 0.01 yuan above a whole yuan is the next yuan', () => {
    expect(ceilToYuan(yuanToFen(720.01))).toBe(721);
    expect(roundYuan(720.004)).toBe(720);
  });
});

describe('divRoundHalfUp and display rounding', () => {
  it.each([
    [176000, 3, 58667], // 586.666… → 586.67
    [100, 8, 13], // 12.5 → 13
    [100, 3, 33],
    [5, 2, 3],
    [-5, 2, -3],
    [0, 7, 0],
  ])('%s / %s = %s', (n, d, q) => {
    expect(divRoundHalfUp(n, d)).toBe(q);
  });

  it('refuses division by zero', () => {
    expect(() => divRoundHalfUp(1, 0)).toThrow(RangeError);
  });

  it('roundYuan rounds half-up to 0.01', () => {
    expect(roundYuan(586.665)).toBe(586.67);
    expect(roundYuan(586.664)).toBe(586.66);
    expect(roundYuan(2.675)).toBe(2.68); // 2.675 is 2.67499999… in binary
  });

  it('formatYuan drops .00 but keeps two decimals otherwise', () => {
    expect(formatYuan(80000)).toBe('800');
    expect(formatYuan(58667)).toBe('586.67');
    expect(formatYuan(158670)).toBe('1586.70');
    expect(formatYuan(5)).toBe('0.05');
  });

  it('toDecimal reads exponent notation', () => {
    expect(toDecimal(1.5e-7)).toEqual({ negative: false, digits: 15, scale: 8 });
    expect(toDecimal(-0.3)).toEqual({ negative: true, digits: 3, scale: 1 });
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
  });
});

describe('yuanToFen with absurdly many decimals', () => {
  it('rounds subnormal and tiny amounts to 0 fen instead of failing', () => {
    expect(yuanToFen(5e-324)).toBe(0);
    expect(yuanToFen(1e-20, 12)).toBe(0);
    expect(yuanToFen(0.005000000000000001)).toBe(1);
    expect(yuanToFen(123.4567891234567, 12)).toBe(1029);
  });
});

describe('yuanToFen agrees with exact arithmetic for many decimals', () => {
  it('matches BigInt long division on random inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), fc.integer({ min: 3, max: 40 }), fc.constantFrom(1, 12), (digits, scale, divisor) => {
        const yuan = Number(`${digits}e-${scale}`);
        const { digits: d, scale: sc } = toDecimal(yuan);
        if (sc <= 2) return true;
        const D = BigInt(divisor) * 10n ** BigInt(sc - 2);
        const exact = Number((2n * BigInt(d) + D) / (2n * D));
        expect(yuanToFen(yuan, divisor)).toBe(exact);
        return true;
      }),
    );
  });
});
