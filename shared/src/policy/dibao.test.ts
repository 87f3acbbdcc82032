import { describe, expect, it } from 'vitest';
import type { ParameterRecord } from './params';
import { check, dibaoOf, failed, reasonOf, xianRecord } from './test-support';

// Xi'an 2024 parameters: S = 800 urban / 550 rural, deduction 0.3 × S = 240, minimum 30,
// add-ons 0.1 × S from 70 and under 16, 0.2 × S for severe disability or illness.
const alone = (member: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  dibaoOf(check({ members: [{ relation: 'self', age: 45, ...member }], ...extra }));

describe('dibao household: DIBAO_INCOME is y < S, strictly', () => {
  it.each([
    [799.99, 'eligible', 30], // gap 0.01 → the 30 yuan minimum
    [800, 'ineligible', null], // equal to the standard is not below it
    [800.01, 'ineligible', null],
  ])('income %s against S = 800 → %s', (transfer, result, amount) => {
    const d = alone({ income: { transfer } });
    expect(d.result).toBe(result);
    expect(d.estimatedMonthlyAmount).toBe(amount);
    expect(reasonOf(d, 'DIBAO_INCOME').passed).toBe(result === 'eligible');
  });

  it('compares y = Y / N exactly, not the rounded display figure', () => {
    // Y = 2399.99 for 3 people: y = 799.996…, displayed 800, still below 800.
    const members = [
      { relation: 'self', age: 40, income: { transfer: 2399.99 } },
      { relation: 'spouse', age: 40 },
      { relation: 'child', age: 20 },
    ] as const;
    const d = dibaoOf(check({ members: [...members] }));
    expect(d.result).toBe('eligible');
    expect(reasonOf(d, 'DIBAO_INCOME').message).toBe('家庭月人均收入略低于当地低保标准800元');
  });

  it('says the figures in the reason', () => {
    const d = dibaoOf(
      check({ members: [{ relation: 'self', age: 40 }, { relation: 'other', age: 38, income: { wages: 2000 } }, { relation: 'child', age: 10 }] }),
    );
    expect(reasonOf(d, 'DIBAO_INCOME').message).toBe('家庭月人均收入586.67元，低于当地低保标准800元');
    expect(d.estimatedMonthlyAmount).toBe(720);
  });
});

describe('dibao household amount: M = ceil(S × N − Y + add-ons), at least the minimum', () => {
  it.each([
    [{ transfer: 790 }, 30], // gap 10 → minimum 30
    [{ transfer: 770 }, 30], // gap 30 → exactly the minimum
    [{ transfer: 760 }, 40],
    [{ transfer: 700.5 }, 100], // 99.50 → rounded up
    [{ transfer: 700.99 }, 100], // 99.01 → rounded up
    [{ wages: 1000 }, 40], // 1000 − 240 deduction = 760
    [{ wages: 100 }, 800], // the deduction is at most the wages
    [{ wages: 1000, excluded: 5000 }, 40], // excluded income never counts
    [{ property: 100, business: 100, transfer: 100 }, 500],
  ])('income %j → %s yuan', (income, amount) => {
    expect(alone({ income }).estimatedMonthlyAmount).toBe(amount);
  });

  it('takes the deduction from the standard in force (0.3 × 830 = 249)', () => {
    const record = xianRecord((r) => (r.dibao.urban = 830));
    const d = dibaoOf(check({ members: [{ relation: 'self', age: 45, income: { wages: 1000 } }] }, record));
    expect(d.estimatedMonthlyAmount).toBe(830 - (1000 - 249));
  });

  it.each([
    [{ age: 69 }, 800],
    [{ age: 70 }, 880], // elderly from classified.elderlyAge
    [{ age: 16 }, 800],
    [{ age: 15 }, 880], // minor below classified.minorAge
    [{ age: 40, disability: { grade: 2, kind: 'physical' } }, 960],
    [{ age: 40, disability: { grade: 3, kind: 'mental' } }, 960],
    [{ age: 40, disability: { grade: 3, kind: 'intellectual' } }, 960],
    [{ age: 40, disability: { grade: 3, kind: 'physical' } }, 800], // grade 3 physical is not severe
    [{ age: 40, severeIllness: true }, 960],
    [{ age: 75, disability: { grade: 1, kind: 'visual' } }, 960], // the largest add-on only
  ])('add-on for %j → %s yuan', (member, amount) => {
    expect(alone(member).estimatedMonthlyAmount).toBe(amount);
  });

  it('rounds each add-on half-up to the fen before the final ceil', () => {
    // Rural yearly 5660 → 471.67 a month; minor add-on 47.167 → 47.17; 2 × 471.67 + 47.17 = 990.51 → 991.
    const record = xianRecord((r) => {
      r.dibao.rural = 5660;
      r.dibao.ruralPer = 'year';
    });
    const d = dibaoOf(check({ residence: 'rural', members: [{ relation: 'self', age: 40 }, { relation: 'child', age: 10 }] }, record));
    expect(d.estimatedMonthlyAmount).toBe(991);
  });
});

describe('dibao standard S', () => {
  const cases: Array<[string, 'urban' | 'rural', (r: ParameterRecord) => void, number]> = [
    ['urban', 'urban', () => {}, 800 - 1],
    ['rural', 'rural', () => {}, 550 - 1],
    ['rural falls back to urban where rural is null', 'rural', (r) => void (r.dibao.rural = null), 800 - 1],
    ['rural per year: 5660 / 12 = 471.67', 'rural', (r) => void Object.assign(r.dibao, { rural: 5660, ruralPer: 'year' }), 472 - 1],
    ['urban per year: 9600 / 12', 'urban', (r) => void Object.assign(r.dibao, { urban: 9600, urbanPer: 'year' }), 800 - 1],
    ['rural null falls back to a yearly urban', 'rural', (r) => void Object.assign(r.dibao, { rural: null, urban: 9600, urbanPer: 'year' }), 800 - 1],
  ];
  it.each(cases)('%s: gap for 1 yuan of income', (_what, residence, edit, amount) => {
    const d = dibaoOf(check({ residence, members: [{ relation: 'self', age: 45, income: { transfer: 1 } }] }, xianRecord(edit)));
    expect(d.estimatedMonthlyAmount).toBe(amount);
  });
});

describe('dibao asset test A(24) and HUKOU', () => {
  it.each([
    [{ financial: 19200 }, []], // 1 × 24 × 800: equal to the limit passes
    [{ financial: 19200.01 }, ['ASSET_FINANCIAL']],
    [{ vehicles: [{ kind: 'car', value: 1 }] }, ['ASSET_VEHICLE']], // allowance 0: no car at all
    [{ vehicles: [{ kind: 'car', value: 0 }] }, []],
    [{ vehicles: [{ kind: 'motorcycle', value: 5000 }, { kind: 'disability_aid', value: 9000 }, { kind: 'farm', value: 20000 }] }, []],
    [{ dwellings: 1 }, []],
    [{ dwellings: 0 }, []],
    [{ dwellings: 2 }, ['ASSET_DWELLING']],
  ])('assets %j → failed %j', (assets, codes) => {
    const d = alone({}, { assets });
    expect(failed(d).filter((c) => c.startsWith('ASSET'))).toEqual(codes);
    expect(d.result).toBe(codes.length ? 'ineligible' : 'eligible');
  });

  it.each([
    [30000, []],
    [30000.01, ['ASSET_VEHICLE']],
  ])('a car of %s against an allowance of 30000 → failed %j', (value, codes) => {
    const record = xianRecord((r) => (r.assets.carValueAllowance = 30000));
    const d = dibaoOf(check({ members: [{ relation: 'self', age: 45 }], assets: { vehicles: [{ kind: 'car', value }] } }, record));
    expect(failed(d).filter((c) => c.startsWith('ASSET'))).toEqual(codes);
  });

  it('scales the financial limit by household size', () => {
    const members = [{ relation: 'self', age: 45 }, { relation: 'spouse', age: 45 }] as const;
    expect(dibaoOf(check({ members: [...members], assets: { financial: 38400 } })).result).toBe('eligible');
    expect(dibaoOf(check({ members: [...members], assets: { financial: 38400.01 } })).result).toBe('ineligible');
  });

  it.each([
    ['local', false, true],
    ['residence_permit', false, false],
    ['residence_permit', true, true],
    ['other', true, false],
  ] as const)('hukou %s with acceptsResidencePermit %s → HUKOU %s', (hukou, accepts, passed) => {
    const record = xianRecord((r) => (r.dibao.acceptsResidencePermit = accepts));
    const d = dibaoOf(check({ hukou, members: [{ relation: 'self', age: 45 }] }, record));
    expect(reasonOf(d, 'HUKOU').passed).toBe(passed);
    expect(d.result).toBe(passed ? 'eligible' : 'ineligible');
  });

  it('lists every failed test, not only the first', () => {
    const d = alone({ income: { transfer: 5000 } }, { hukou: 'other', assets: { financial: 1e6, vehicles: [{ kind: 'car', value: 1 }], dwellings: 3 } });
    expect(d).toMatchObject({ result: 'ineligible', mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null });
    expect(failed(d)).toEqual(['HUKOU', 'DIBAO_INCOME', 'ASSET_FINANCIAL', 'ASSET_VEHICLE', 'ASSET_DWELLING', 'SINGLE_PERSON']);
  });
});

describe('dibao gradual exit (GRADUAL_EXIT)', () => {
  const family = [
    { relation: 'self', age: 40, income: { wages: 2500 } },
    { relation: 'spouse', age: 38, income: { wages: 2000 } },
    { relation: 'child', age: 10 },
  ] as const;
  const run = (currentRecipient: Record<string, unknown>, extra: Record<string, unknown> = {}, record = xianRecord()) =>
    dibaoOf(check({ members: [...family], currentRecipient: currentRecipient as never, ...extra }, record));

  it('keeps the current amount (rounded up) for a household whose income rose from work', () => {
    const d = run({ program: 'dibao', monthlyAmount: 720.3, incomeRoseFromWork: true });
    expect(d).toMatchObject({ result: 'eligible', mode: 'gradual_exit', coveredMembers: [0, 1, 2], estimatedMonthlyAmount: 721 });
    expect(reasonOf(d, 'GRADUAL_EXIT')).toMatchObject({ passed: true });
    expect(reasonOf(d, 'GRADUAL_EXIT').message).toContain('最长6个月');
  });

  it('says the local number of months', () => {
    const d = run({ program: 'dibao', monthlyAmount: 720, incomeRoseFromWork: true }, {}, xianRecord((r) => (r.dibao.gradualExitMonths = 3)));
    expect(reasonOf(d, 'GRADUAL_EXIT').message).toContain('最长3个月内继续每月领取720元');
  });

  it.each([
    ['the rise is not from work', { program: 'dibao', monthlyAmount: 720, incomeRoseFromWork: false }, {}],
    ['the household does not receive dibao', { program: 'tekun', monthlyAmount: 720, incomeRoseFromWork: true }, {}],
    ['the assets fail', { program: 'dibao', monthlyAmount: 720, incomeRoseFromWork: true }, { assets: { dwellings: 2 } }],
    ['the hukou fails', { program: 'dibao', monthlyAmount: 720, incomeRoseFromWork: true }, { hukou: 'other' }],
  ])('does not apply when %s', (_why, current, extra) => {
    const d = run(current, extra);
    expect(d.result).toBe('ineligible');
    expect(failed(d)).toContain('GRADUAL_EXIT');
  });

  it('is not needed while y < S: the household mode wins and no GRADUAL_EXIT reason is given', () => {
    const d = dibaoOf(
      check({ members: [{ relation: 'self', age: 45, income: { wages: 500 } }], currentRecipient: { program: 'dibao', monthlyAmount: 300, incomeRoseFromWork: true } }),
    );
    expect(d.mode).toBe('household');
    expect(d.reasons.map((r) => r.code)).not.toContain('GRADUAL_EXIT');
  });

  it('gives no GRADUAL_EXIT reason to a household that is not a recipient', () => {
    expect(alone({ income: { transfer: 5000 } }).reasons.map((r) => r.code)).not.toContain('GRADUAL_EXIT');
  });
});

describe('dibao single person (SINGLE_PERSON)', () => {
  // Y = 2760 for 3 people: y = 920, above S = 800 and below the edge 1200.
  const edgeFamily = (third: Record<string, unknown>) => [
    { relation: 'self', age: 50, income: { wages: 3000 } },
    { relation: 'spouse', age: 48 },
    { relation: 'child', age: 20, ...third },
  ];

  it.each([
    [{ severeIllness: true }, [2], 960],
    [{ disability: { grade: 2, kind: 'hearing' } }, [2], 960],
    [{ disability: { grade: 3, kind: 'mental' } }, [2], 960],
    [{ disability: { grade: 3, kind: 'physical' } }, [], null],
  ])('(a) in an edge household: %j → covered %j, %s yuan', (third, covered, amount) => {
    const d = dibaoOf(check({ members: edgeFamily(third) as never }));
    expect(d.coveredMembers).toEqual(covered);
    expect(d.estimatedMonthlyAmount).toBe(amount);
    expect(d.mode).toBe(covered.length ? 'single_person' : null);
  });

  it('(a) pays only the add-on to a member whose own income is above S', () => {
    // Y = (2100 − 240) + 900 = 2760, y = 920: still an edge household.
    const members = edgeFamily({ severeIllness: true, income: { transfer: 900 } });
    members[0] = { relation: 'self', age: 50, income: { wages: 2100 } };
    expect(dibaoOf(check({ members: members as never }))).toMatchObject({ coveredMembers: [2], estimatedMonthlyAmount: 160 });
  });

  it('(a) needs the edge test: y ≥ 1.5 × S leaves only (b)', () => {
    const members = [{ relation: 'self', age: 50, income: { wages: 5000 } }, { relation: 'child', age: 20, severeIllness: true }];
    const d = dibaoOf(check({ members: members as never }));
    expect(d.result).toBe('ineligible');
    expect(reasonOf(d, 'SINGLE_PERSON').message).toContain('不低于低保边缘标准1200元');
  });

  it('covers every member who qualifies and adds their amounts', () => {
    const members = [...edgeFamily({ severeIllness: true }), { relation: 'parent', age: 75, disability: { grade: 1, kind: 'physical' } }];
    // y = 2760 / 4 = 690 < 800: the household qualifies outright, so make it richer.
    members[0] = { relation: 'self', age: 50, income: { wages: 4000 } }; // Y = 3760, y = 940
    const d = dibaoOf(check({ members: members as never }));
    expect(d).toMatchObject({ mode: 'single_person', coveredMembers: [2, 3], estimatedMonthlyAmount: 960 + 960 });
  });

  it.each([
    [{ age: 18 }, [0]],
    [{ age: 17 }, []], // not an adult
    [{ age: 18, income: { wages: 1 } }, []], // has work income
    [{ age: 18, income: { business: 1 } }, []],
    [{ age: 18, income: { property: 500, transfer: 300 } }, [0]], // only wages and business count as work
  ])('(b) a severely disabled adult in a well-off household: %j → covered %j', (self, covered) => {
    const members = [
      { relation: 'self', disability: { grade: 1, kind: 'intellectual' }, ...self },
      { relation: 'sibling', age: 38, income: { wages: 8000 } },
    ];
    const d = dibaoOf(check({ members: members as never }));
    expect(d.coveredMembers).toEqual(covered);
  });

  it('(b) needs the local rule and the hukou', () => {
    const members = [{ relation: 'self', age: 35, disability: { grade: 1, kind: 'intellectual' } }, { relation: 'sibling', age: 38, income: { wages: 8000 } }];
    const noRule = dibaoOf(check({ members: members as never }, xianRecord((r) => (r.dibao.severeDisabledAdultAlone = false))));
    expect(noRule.result).toBe('ineligible');
    expect(reasonOf(noRule, 'SINGLE_PERSON').message).toContain('当地没有成年重度残疾人单独纳入低保的规定');
    const away = dibaoOf(check({ hukou: 'other', members: members as never }));
    expect(away.result).toBe('ineligible');
    expect(failed(away)).toContain('SINGLE_PERSON');
  });

  it('pays at least the minimum', () => {
    const record = xianRecord((r) => (r.dibao.classified.severeIllness = 0));
    const d = dibaoOf(check({ members: edgeFamily({ severeIllness: true, income: { transfer: 790 } }) as never }, record));
    expect(d.estimatedMonthlyAmount).toBe(30);
  });
});

describe('dibao counts resident members only', () => {
  it('ignores the income, size and coverage of a member in prison', () => {
    const members = [
      { relation: 'self', age: 50, income: { transfer: 500 } },
      { relation: 'child', age: 24, status: 'in_prison', income: { wages: 9000 } },
      { relation: 'spouse', age: 48 },
    ];
    const d = dibaoOf(check({ members: members as never }));
    expect(d).toMatchObject({ mode: 'household', coveredMembers: [0, 2], estimatedMonthlyAmount: 1600 - 500 });
  });
});
