import { describe, expect, it } from 'vitest';
import { AS_OF, check, failed, reasonOf, temporaryOf, xianRecord } from './test-support';

// Xi'an 2024: Su = 800, cap 10 × Su = 8000, township limit 4 × Su = 3200, window 90 days,
// lost income 3 × Su, expenditure months 2 / 4 / 6. AS_OF is 2024-06-01.
const one = [{ relation: 'self', age: 40 }];
const run = (hardship: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}, record = xianRecord()) =>
  temporaryOf(check({ members: one as never, ...(hardship ? { hardship: hardship as never } : {}), ...extra }, record));
const closed = { mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null, approvalLevel: null, preRescueAmount: null };

describe('temporary TEMP_HARDSHIP', () => {
  it('is ineligible without a hardship', () => {
    const t = run(undefined);
    expect(t).toMatchObject({ result: 'ineligible', ...closed });
    expect(failed(t)).toEqual(['TEMP_HARDSHIP']);
  });

  it('needs a person to assess a hardship of type other', () => {
    expect(run({ type: 'other' })).toMatchObject({ result: 'needs_review', ...closed });
  });

  it('has no hukou test: people from elsewhere apply where they are', () => {
    expect(run({ type: 'fire', occurredOn: AS_OF, loss: 1000 }, { hukou: 'other' }).result).toBe('eligible');
  });
});

describe('temporary TEMP_WINDOW: occurredOn not after asOf and at most emergencyWindowDays before', () => {
  it.each([
    ['2024-06-01', true, '困难发生在今天，在90天的申请期限内'], // day 0
    ['2024-05-31', true, '困难发生在1天前，在90天的申请期限内'],
    ['2024-03-03', true, '困难发生在90天前，在90天的申请期限内'], // the last day
    ['2024-03-02', false, '困难发生在91天前，超过了90天的申请期限'], // one day past
    ['2024-06-02', false, '填写的发生日期2024-06-02晚于测算日期2024-06-01'], // after asOf
  ])('occurred on %s → %s', (occurredOn, passed, message) => {
    const t = run({ type: 'sudden_illness', occurredOn, loss: 1000 });
    expect(reasonOf(t, 'TEMP_WINDOW')).toEqual({ code: 'TEMP_WINDOW', passed, message });
    expect(t.result).toBe(passed ? 'eligible' : 'ineligible');
  });

  it('counts calendar days across a leap day', () => {
    const t = run({ type: 'fire', occurredOn: '2024-02-29', loss: 1000 }, { asOf: '2024-03-01' });
    expect(reasonOf(t, 'TEMP_WINDOW').message).toContain('1天前');
    const record = xianRecord((r) => (r.temporary.emergencyWindowDays = 1));
    expect(run({ type: 'fire', occurredOn: '2024-02-28', loss: 1000 }, { asOf: '2024-03-01' }, record).result).toBe('ineligible');
  });

  it('uses the local window', () => {
    const record = xianRecord((r) => (r.temporary.emergencyWindowDays = 60));
    expect(run({ type: 'fire', occurredOn: '2024-04-02', loss: 1000 }, {}, record).result).toBe('eligible'); // 60 days
    expect(run({ type: 'fire', occurredOn: '2024-04-01', loss: 1000 }, {}, record).result).toBe('ineligible'); // 61 days
  });

  it.each(['fire', 'traffic_accident', 'sudden_illness', 'natural_disaster', 'crime_victim', 'accident_other', 'stranded'])(
    '%s is an emergency',
    (type) => {
      expect(run({ type, occurredOn: '2024-05-20', loss: 500 })).toMatchObject({ result: 'eligible', mode: 'emergency', estimatedOneTimeAmount: 500 });
    },
  );
});

describe('temporary emergency amount, approval level and pre-rescue', () => {
  it.each([
    [100.5, 101, 'township', 101],
    [3200, 3200, 'township', 3200], // the township limit itself
    [3200.01, 3201, 'county', 3200],
    [6000, 6000, 'county', 3200],
    [8000, 8000, 'county', 3200], // need equal to the cap is not above it
    [8000.01, 8000, 'case_by_case', 3200],
    [15000, 8000, 'case_by_case', 3200],
  ])('loss %s → %s yuan, %s, pre-rescue %s', (loss, amount, approvalLevel, preRescueAmount) => {
    const t = run({ type: 'fire', occurredOn: '2024-05-30', loss });
    expect(t).toMatchObject({ estimatedOneTimeAmount: amount, estimatedMonthlyAmount: null, approvalLevel, preRescueAmount });
  });

  it.each([{ loss: 0 }, {}])('needs review when the loss is %j', (loss) => {
    expect(run({ type: 'fire', occurredOn: '2024-05-30', ...loss })).toMatchObject({ result: 'needs_review', ...closed });
  });

  it('is ineligible, not needs_review, when the window fails and the loss is missing', () => {
    const t = run({ type: 'fire', occurredOn: '2023-01-01' });
    expect(t.result).toBe('ineligible');
    expect(failed(t)).toEqual(['TEMP_WINDOW']);
  });

  it('takes the cap from the urban standard even for a rural household', () => {
    const t = run({ type: 'fire', occurredOn: '2024-05-30', loss: 20000 }, { residence: 'rural' });
    expect(t.estimatedOneTimeAmount).toBe(8000);
  });

  it('covers every resident member', () => {
    const members = [{ relation: 'self', age: 40 }, { relation: 'child', age: 20, status: 'in_prison' }, { relation: 'child', age: 5 }];
    const t = temporaryOf(check({ members: members as never, hardship: { type: 'fire', occurredOn: '2024-05-30', loss: 100 } }));
    expect(t.coveredMembers).toEqual([0, 2]);
  });
});

describe('temporary lost income (TEMP_LOST_INCOME)', () => {
  it.each([
    [3, false, true],
    [2, false, false],
    [12, true, false],
  ])('%s months without income, unemployment insurance %s → %s', (monthsWithoutIncome, unemploymentInsurance, eligible) => {
    const t = run({ type: 'lost_income', monthsWithoutIncome, unemploymentInsurance });
    expect(reasonOf(t, 'TEMP_LOST_INCOME').passed).toBe(eligible);
    if (eligible) expect(t).toMatchObject({ mode: 'lost_income', estimatedOneTimeAmount: 2400, approvalLevel: 'township', preRescueAmount: null });
    else expect(t).toMatchObject({ result: 'ineligible', ...closed });
  });

  it('pays lostIncomeMonths × Su uncapped, and goes case by case when that is above the cap', () => {
    const record = xianRecord((r) => (r.temporary.capMultiple = 2));
    expect(run({ type: 'lost_income', monthsWithoutIncome: 4 }, {}, record)).toMatchObject({
      estimatedOneTimeAmount: 2400,
      approvalLevel: 'case_by_case',
    });
  });

  it('goes to the county above the township limit', () => {
    const record = xianRecord((r) => (r.temporary.townshipLimitMultiple = 2));
    expect(run({ type: 'lost_income', monthsWithoutIncome: 4 }, {}, record).approvalLevel).toBe('county');
  });
});

describe('temporary expenditure (TEMP_EXPENDITURE_INCOME)', () => {
  // One person with 1000 a month: 12 × Y = 12000.
  const spend = (expenses: Record<string, number>, income = 1000, extra: Record<string, unknown> = {}) =>
    temporaryOf(check({ members: [{ relation: 'self', age: 40, income: { transfer: income } }], hardship: { type: 'medical_expense' }, expenses, ...extra }));

  it.each([
    [5999.99, 1600], // below half a year's income: 2 months × 800 × 1
    [6000, 3200], // exactly half: 4 months
    [11999.99, 3200],
    [12000, 4800], // a year's income or more: 6 months
  ])('spending %s → %s yuan', (medical, amount) => {
    expect(spend({ medical })).toMatchObject({ result: 'eligible', mode: 'expenditure', estimatedOneTimeAmount: amount, preRescueAmount: null });
  });

  it('adds education to medical spending and takes 6 months when there is no income', () => {
    const t = temporaryOf(check({ members: one as never, hardship: { type: 'education_expense' }, expenses: { education: 10 } }));
    expect(t.estimatedOneTimeAmount).toBe(4800);
  });

  it('caps the amount at capMultiple × Su and decides case by case above it', () => {
    const members = [1, 2, 3].map((i) => ({ relation: i === 1 ? 'self' : 'other', age: 40, income: { transfer: 1000 } }));
    const t = temporaryOf(check({ members: members as never, hardship: { type: 'medical_expense' }, expenses: { medical: 50000 } }));
    expect(t).toMatchObject({ estimatedOneTimeAmount: 8000, approvalLevel: 'case_by_case' }); // need 6 × 800 × 3 = 14400
  });

  it.each([
    ['no spending', {}, 1000, {}],
    ['income equal to the disposable income', { medical: 50000 }, 3300, {}],
    ['assets above the edge limit', { medical: 50000 }, 1000, { assets: { financial: 28800.01 } }],
  ])('fails with %s', (_why, expenses, income, extra) => {
    const t = spend(expenses, income, extra);
    expect(t).toMatchObject({ result: 'ineligible', ...closed });
    expect(failed(t)).toEqual(['TEMP_EXPENDITURE_INCOME']);
  });
});
