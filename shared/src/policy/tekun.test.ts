import { describe, expect, it } from 'vitest';
import { check, failed, reasonOf, tekunOf, xianRecord } from './test-support';

// Xi'an 2024: S = 800, basic 1.3 × S = 1040, care 210 / 350 / 700.
const alone = (member: Record<string, unknown>, extra: Record<string, unknown> = {}, record = xianRecord()) =>
  tekunOf(check({ members: [{ relation: 'self', age: 75, supporters: 'none', ...member }] as never, ...extra }, record));

describe('tekun TEKUN_NO_LABOUR_CAPACITY: age ≥ 60, age < 16, or severe disability', () => {
  it.each([
    [{ age: 60 }, true],
    [{ age: 59 }, false],
    [{ age: 15, relation: 'child' }, true],
    [{ age: 16, relation: 'child' }, false],
    [{ age: 40, disability: { grade: 2, kind: 'visual' } }, true],
    [{ age: 40, disability: { grade: 3, kind: 'intellectual' } }, true],
    [{ age: 40, disability: { grade: 3, kind: 'physical' } }, false],
    [{ age: 40, severeIllness: true }, false], // illness alone is not a lack of labour capacity
  ])('%j → qualifies %s', (member, qualifies) => {
    const t = alone(member);
    expect(t.result).toBe(qualifies ? 'eligible' : 'ineligible');
    expect(reasonOf(t, 'TEKUN_NO_LABOUR_CAPACITY').passed).toBe(qualifies);
  });

  it('gives one failed reason when nobody lacks labour capacity', () => {
    const t = tekunOf(check({ members: [{ relation: 'self', age: 45 }, { relation: 'spouse', age: 44 }, { relation: 'child', age: 16 }] }));
    expect(t.reasons).toHaveLength(1);
    expect(t.reasons[0]).toMatchObject({ code: 'TEKUN_NO_LABOUR_CAPACITY', passed: false });
  });

  it('reports each member without labour capacity, after one HUKOU reason', () => {
    const t = tekunOf(check({ members: [{ relation: 'self', age: 75, supporters: 'none' }, { relation: 'spouse', age: 40 }, { relation: 'grandchild', age: 8 }] }));
    expect(t.reasons.map((r) => r.code)).toEqual([
      'HUKOU',
      'TEKUN_NO_LABOUR_CAPACITY',
      'TEKUN_NO_INCOME',
      'TEKUN_NO_SUPPORTER',
      'TEKUN_NO_LABOUR_CAPACITY',
      'TEKUN_NO_INCOME',
      'TEKUN_NO_SUPPORTER',
    ]);
    expect(t.reasons[1]?.message).toBe('第1位成员（本人，75岁）年满60岁，属于无劳动能力');
    expect(t.reasons[4]?.message).toBe('第3位成员（孙子女或外孙子女，8岁）未满16岁，属于无劳动能力');
  });
});

describe('tekun TEKUN_NO_INCOME: own income < S and the dibao asset test', () => {
  it.each([
    [{ transfer: 799.99 }, true],
    [{ transfer: 800 }, false],
    [{ wages: 1000 }, true], // 1000 − 240 = 760
    [{ wages: 1100 }, false], // 860
    [{ excluded: 3000 }, true],
  ])('income %j → %s', (income, passed) => {
    expect(reasonOf(alone({ income }), 'TEKUN_NO_INCOME').passed).toBe(passed);
  });

  it('fails when the household fails the dibao asset test', () => {
    const t = alone({}, { assets: { financial: 19200.01 } });
    expect(t.result).toBe('ineligible');
    expect(failed(t)).toEqual(['TEKUN_NO_INCOME']);
    expect(reasonOf(t, 'TEKUN_NO_INCOME').message).toContain('家庭资产超过规定');
  });
});

describe('tekun TEKUN_NO_SUPPORTER', () => {
  it.each([
    ['none', true],
    ['incapable', true],
    ['capable', false],
  ])('supporters %s → %s', (supporters, passed) => {
    expect(reasonOf(alone({ supporters }), 'TEKUN_NO_SUPPORTER').passed).toBe(passed);
  });

  it.each([
    [{ age: 17 }, true],
    [{ age: 18 }, false],
    [{ age: 59 }, false],
    [{ age: 60 }, true],
    [{ age: 30, disability: { grade: 1, kind: 'physical' } }, true],
    [{ age: 30, severeIllness: true }, true],
    [{ age: 30, status: 'in_prison' }, true], // not resident: ignored
    [{ age: 30, status: 'missing' }, true],
  ])('another member %j at home → %s', (other, passed) => {
    const t = tekunOf(check({ members: [{ relation: 'self', age: 75, supporters: 'none' }, { relation: 'grandchild', ...other }] as never }));
    expect(reasonOf(t, 'TEKUN_NO_SUPPORTER').passed).toBe(passed);
  });
});

describe('tekun HUKOU', () => {
  it('is required', () => {
    const t = alone({}, { hukou: 'other' });
    expect(t.result).toBe('ineligible');
    expect(failed(t)).toEqual(['HUKOU']);
  });
});

describe('tekun amount: Σ (ceil(basicMultiplier × S) + care)', () => {
  it.each([
    [0, 1040 + 210],
    [1, 1040 + 350],
    [3, 1040 + 350],
    [4, 1040 + 700],
    [6, 1040 + 700],
  ])('%s ADL failures → %s yuan', (adlFailures, amount) => {
    expect(alone({ adlFailures })).toMatchObject({ mode: 'individual', coveredMembers: [0], estimatedMonthlyAmount: amount });
  });

  it('covers only those who qualify and adds their amounts', () => {
    const members = [
      { relation: 'self', age: 75, supporters: 'none', adlFailures: 4 },
      { relation: 'spouse', age: 72, supporters: 'incapable' },
      { relation: 'sibling', age: 70 }, // capable supporters
    ];
    const t = tekunOf(check({ members: members as never }));
    expect(t).toMatchObject({ result: 'eligible', coveredMembers: [0, 1], estimatedMonthlyAmount: 1740 + 1250 });
  });

  it('rounds the basic amount up per person after rounding the product to the fen', () => {
    // Rural 5660 a year → 471.67; 1.3 × 471.67 = 613.171 → 613.17 → 614.
    const record = xianRecord((r) => Object.assign(r.dibao, { rural: 5660, ruralPer: 'year' }));
    expect(alone({}, { residence: 'rural' }, record).estimatedMonthlyAmount).toBe(614 + 210);
  });

  it('does not suffer float error: 1.1 × 300 is 330, not 331', () => {
    const record = xianRecord((r) => {
      r.dibao.urban = 300;
      r.tekun.basicMultiplier = 1.1;
    });
    expect(alone({}, {}, record).estimatedMonthlyAmount).toBe(330 + 210);
  });

  it('has null amounts, no mode and no one covered when ineligible', () => {
    expect(alone({ supporters: 'capable' })).toMatchObject({
      result: 'ineligible',
      mode: null,
      coveredMembers: [],
      estimatedMonthlyAmount: null,
      estimatedOneTimeAmount: null,
    });
  });
});
