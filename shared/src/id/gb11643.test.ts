import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, normalizeIdNumber, validateIdNumber } from './gb11643';

const TODAY = '2026-11-23';
const withCheck = (first17: string) => first17 + idCheckChar(first17);
/** A base whose check character is X, found by walking the sequence number. */
const xBase = Array.from({ length: 1000 }, (_, i) => `61011319800101${String(i).padStart(3, '0')}`).find((b) => idCheckChar(b) === 'X')!;

describe('validateIdNumber', () => {
  it('accepts the example number of GB 11643 (check character X)', () => {
    const r = validateIdNumber('11010519491231002X', TODAY);
    expect(r).toMatchObject({ ok: true, birthDate: '1949-12-31', sex: 'female', provinceCode: '11', addressCode: '110105' });
  });

  it('accepts a valid number and reads birth date and sex from it', () => {
    const id = withCheck('61011319800101123');
    expect(validateIdNumber(id, TODAY)).toEqual({
      ok: true, value: id, birthDate: '1980-01-01', sex: 'male', provinceCode: '61', addressCode: '610113',
    });
  });

  it('accepts a lower-case x and normalises it to X', () => {
    const r = validateIdNumber(`${xBase}x`, TODAY);
    expect(r).toMatchObject({ ok: true, value: `${xBase}X` });
  });

  it('ignores spaces residents type between groups of digits', () => {
    const id = withCheck('61011319800101123');
    expect(validateIdNumber(` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)} `, TODAY)).toMatchObject({ ok: true, value: id });
  });

  it.each([
    ['too short', '61011319800101123', 'ID_LENGTH'],
    ['too long', `${withCheck('61011319800101123')}0`, 'ID_LENGTH'],
    ['the old 15-digit form', '610113800101123', 'ID_LENGTH'],
    ['a letter among the digits', '6101131980010A1234', 'ID_FORMAT'],
    ['X anywhere but last', '61011319800101X234', 'ID_FORMAT'],
    ['an unknown province code 00', withCheck('00011319800101123'), 'ID_PROVINCE'],
    ['an unknown province code 99', withCheck('99011319800101123'), 'ID_PROVINCE'],
    ['month 13', withCheck('61011319801301123'), 'ID_BIRTH_DATE'],
    ['30 February', withCheck('61011319800230123'), 'ID_BIRTH_DATE'],
    ['29 February of a common year', withCheck('61011320230229123'), 'ID_BIRTH_DATE'],
    ['a birth year before 1900', withCheck('61011318991231123'), 'ID_BIRTH_DATE'],
    ['a birth date after today', withCheck('61011320261124123'), 'ID_BIRTH_FUTURE'],
  ])('refuses %s', (_what, id, code) => {
    const r = validateIdNumber(id, TODAY);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts 29 February of a leap year and a birth date of today', () => {
    expect(validateIdNumber(withCheck('61011320240229123'), TODAY).ok).toBe(true);
    expect(validateIdNumber(withCheck('61011320261123123'), TODAY).ok).toBe(true);
  });

  it('refuses every wrong check character with a reason that says so', () => {
    const base = '61011319800101123';
    for (const c of '0123456789X'.replace(idCheckChar(base), '')) {
      expect(validateIdNumber(base + c, TODAY)).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT', reason: expect.stringContaining('校验位') });
    }
  });

  it('catches every single-digit typing error in the first 17 digits (MOD 11-2 property)', () => {
    const body = fc.tuple(fc.constantFrom('11', '31', '44', '61', '65'), fc.stringMatching(/^\d{4}$/), fc.integer({ min: 0, max: 34000 }), fc.stringMatching(/^\d{3}$/));
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ([prov, area, days, seq], pos, delta) => {
        const birth = new Date(Date.UTC(1920, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const first17 = `${prov}${area}${birth}${seq}`;
        const id = withCheck(first17);
        expect(validateIdNumber(id, TODAY).ok).toBe(true);
        const typo = id.slice(0, pos) + String((Number(id.charAt(pos)) + delta) % 10) + id.slice(pos + 1);
        expect(validateIdNumber(typo, TODAY).ok).toBe(false);
      }),
    );
  });

  it('normalizeIdNumber drops whitespace and upper-cases x', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
