import { describe, expect, it } from 'vitest';
import { check, dibaoOf, failed, lowIncomeOf, reasonOf, xianRecord } from './test-support';

// Xi'an 2024: S = 800, edge 1.5 × S = 1200, disposable income 3300, rigid ratio 0.6, edge assets 36 × S.
const alone = (member: Record<string, unknown>, extra: Record<string, unknown> = {}, record = xianRecord()) =>
  check({ members: [{ relation: 'self', age: 45, ...member }] as never, ...extra }, record);

describe('low income only when dibao does not cover the household', () => {
  it('is ineligible, with one reason, when dibao covers the household', () => {
    const l = lowIncomeOf(alone({ income: { transfer: 500 } }));
    expect(l).toMatchObject({ result: 'ineligible', mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null });
    expect(l.reasons).toEqual([{ code: 'EDGE_INCOME', passed: false, message: '家庭可以按户享受低保，不再另外认定为低收入家庭' }]);
  });

  it('is ineligible during gradual exit', () => {
    const r = alone({ income: { wages: 1500 } }, { currentRecipient: { program: 'dibao', monthlyAmount: 100, incomeRoseFromWork: true } });
    expect(dibaoOf(r).mode).toBe('gradual_exit');
    expect(lowIncomeOf(r).result).toBe('ineligible');
  });

  it('still applies when dibao covers one member as a single person', () => {
    const members = [{ relation: 'self', age: 50, income: { wages: 3000 } }, { relation: 'spouse', age: 48 }, { relation: 'child', age: 20, severeIllness: true }];
    const r = check({ members: members as never });
    expect(dibaoOf(r).mode).toBe('single_person');
    expect(lowIncomeOf(r)).toMatchObject({ result: 'eligible', mode: 'edge', coveredMembers: [0, 1, 2] });
  });

  it('applies when dibao fails on assets that the wider edge limit allows', () => {
    const l = lowIncomeOf(alone({ income: { transfer: 500 } }, { assets: { financial: 20000 } }));
    expect(l).toMatchObject({ result: 'eligible', mode: 'edge' });
  });
});

describe('low-income edge (EDGE_INCOME and A(36))', () => {
  it.each([
    [1199.99, 'edge'],
    [1200, null], // equal to 1.5 × S is not below it
  ])('income %s → mode %s', (transfer, mode) => {
    const l = lowIncomeOf(alone({ income: { transfer } }));
    expect(l.mode).toBe(mode);
    expect(reasonOf(l, 'EDGE_INCOME').passed).toBe(mode === 'edge');
  });

  it.each([
    [{ financial: 28800 }, []],
    [{ financial: 28800.01 }, ['EDGE_ASSET_FINANCIAL']],
    [{ vehicles: [{ kind: 'car', value: 100 }] }, ['EDGE_ASSET_VEHICLE']],
    [{ dwellings: 2 }, ['EDGE_ASSET_DWELLING']],
  ])('assets %j → failed %j', (assets, codes) => {
    const l = lowIncomeOf(alone({ income: { transfer: 1000 } }, { assets }));
    expect(failed(l).filter((c) => c.startsWith('EDGE_ASSET'))).toEqual(codes);
    expect(l.result).toBe(codes.length ? 'ineligible' : 'eligible');
  });

  it('needs the hukou', () => {
    const l = lowIncomeOf(alone({ income: { transfer: 1000 } }, { hukou: 'other' }));
    expect(l.result).toBe('ineligible');
    expect(failed(l)).toContain('HUKOU');
  });

  it('uses the local multiplier', () => {
    const record = xianRecord((r) => (r.lowIncome.edgeMultiplier = 2));
    expect(lowIncomeOf(alone({ income: { transfer: 1599.99 } }, {}, record)).mode).toBe('edge');
  });
});

describe('low-income rigid expenditure (RIGID_INCOME, RIGID_RATIO)', () => {
  // One person with 2760 a month: above the edge; 12 × Y = 33120; 0.6 of it = 19872.
  const rigid = (expenses: Record<string, number>, extra: Record<string, unknown> = {}, income = 2760) =>
    lowIncomeOf(alone({ income: { transfer: income } }, { expenses, ...extra }));

  it.each([
    [{ medical: 19872 }, false], // equal to 0.6 × 12 × Y is not above it (and 0.6 × 33120 is 19871.999… in floats)
    [{ medical: 19872.01 }, true],
    [{ medical: 10000, education: 9872.01 }, true], // medical and education add up
    [{ education: 30000 }, true],
  ])('spending %j → %s', (expenses, eligible) => {
    const l = rigid(expenses);
    expect(l.mode).toBe(eligible ? 'rigid_expenditure' : null);
    expect(reasonOf(l, 'RIGID_RATIO').passed).toBe(eligible);
  });

  it.each([
    [3299.99, true],
    [3300, false], // y < disposable income, strictly
  ])('income %s against disposable income 3300 → RIGID_INCOME %s', (income, passed) => {
    const l = rigid({ medical: 100000 }, {}, income);
    expect(reasonOf(l, 'RIGID_INCOME').passed).toBe(passed);
    expect(l.result).toBe(passed ? 'eligible' : 'ineligible');
  });

  it('needs the hukou and the edge asset test', () => {
    expect(failed(rigid({ medical: 30000 }, { hukou: 'residence_permit' }))).toContain('HUKOU');
    expect(rigid({ medical: 30000 }, { assets: { dwellings: 2 } }).result).toBe('ineligible');
  });

  it('lists every failed test of both steps', () => {
    const l = rigid({}, { hukou: 'other', assets: { financial: 1e6 } }, 5000);
    expect(failed(l)).toEqual(['HUKOU', 'EDGE_INCOME', 'EDGE_ASSET_FINANCIAL', 'RIGID_INCOME', 'RIGID_RATIO']);
  });

  it('covers every resident member with null amounts', () => {
    const members = [
      { relation: 'self', age: 70, supporters: 'none' },
      { relation: 'grandchild', age: 25, income: { wages: 3000 } },
      { relation: 'child', age: 45, status: 'clergy_away' },
    ];
    const l = lowIncomeOf(check({ members: members as never, expenses: { medical: 30000 } }));
    expect(l).toMatchObject({ mode: 'rigid_expenditure', coveredMembers: [0, 1], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null });
  });
});
