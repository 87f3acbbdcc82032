import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibilityRequestSchema, eligibilityResponseSchema, hardshipTypes } from '../contract/eligibility';
import { checkEligibility } from './engine';
import { check, xianRecord } from './test-support';

const family = [
  { relation: 'self', age: 40 },
  { relation: 'other', age: 38, income: { wages: 2000 } },
  { relation: 'child', age: 10 },
];

describe('checkEligibility response', () => {
  it('echoes the region, date and record used, and rounds the household figures half-up for display', () => {
    const response = check({ regionCode: '610113001', asOf: '2024-06-01', members: family as never });
    expect(response).toMatchObject({
      regionCode: '610113001',
      asOf: '2024-06-01',
      parameters: { region: '610100', effectiveFrom: '2024-01-01' },
      household: { size: 3, monthlyIncome: 1760, perCapitaIncome: 586.67 },
    });
  });

  it('counts resident members only in the household figures', () => {
    const members = [...family, { relation: 'child', age: 22, status: 'in_prison', income: { wages: 5000 } }];
    expect(check({ members: members as never }).household).toEqual({ size: 3, monthlyIncome: 1760, perCapitaIncome: 586.67 });
  });

  it('is pure: the same input gives the same output and the request is not changed', () => {
    const request = eligibilityRequestSchema.parse({
      regionCode: '610113004',
      residence: 'urban',
      members: family,
      hardship: { type: 'fire', occurredOn: '2024-05-01', loss: 9000 },
    });
    const frozen = structuredClone(request);
    const deepFreeze = (o: object) => {
      Object.freeze(o);
      for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
    };
    deepFreeze(request);
    const a = checkEligibility(request, '2024-06-01', xianRecord(), '610113004');
    const b = checkEligibility(request, '2024-06-01', xianRecord(), '610113004');
    expect(a).toEqual(b);
    expect(request).toEqual(frozen);
  });

  it('lists the four programs in order', () => {
    expect(check({ members: family as never }).programs.map((p) => p.program)).toEqual(['dibao', 'tekun', 'low_income', 'temporary']);
  });
});

describe('nextSteps', () => {
  it('says where to apply for what the household may get, and ends with the hotline', () => {
    const steps = check({ members: family as never }).nextSteps;
    expect(steps[0]).toContain('申请低保');
    expect(steps.at(-1)).toContain('拨打12345');
    expect(steps.join('')).not.toContain('目前没有符合条件');
  });

  it('uses the hotline it is given', () => {
    const request = eligibilityRequestSchema.parse({ regionCode: '610113004', residence: 'urban', members: family });
    const steps = checkEligibility(request, '2024-06-01', xianRecord(), '610113004', { hotline: '029-12345678' }).nextSteps;
    expect(steps.at(-1)).toContain('拨打029-12345678');
  });

  it('points to the temporary-assistance application with the pre-rescue amount, and home for the rest', () => {
    const steps = check({ hukou: 'other', members: [{ relation: 'self', age: 30 }], hardship: { type: 'fire', occurredOn: '2024-05-30', loss: 6000 } }).nextSteps;
    expect(steps.some((s) => s.includes('申请临时救助') && s.includes('3200元'))).toBe(true);
    expect(steps.some((s) => s.includes('户籍所在地'))).toBe(true);
  });

  it('asks for a description when a person must assess the hardship', () => {
    const steps = check({ members: [{ relation: 'self', age: 33, income: { wages: 1500 } }], hardship: { type: 'other' } }).nextSteps;
    expect(steps.some((s) => s.includes('申请临时救助') && s.includes('说明'))).toBe(true);
  });

  it('says plainly when nothing applies', () => {
    const steps = check({ members: [{ relation: 'self', age: 45, income: { wages: 9000 } }] }).nextSteps;
    expect(steps.some((s) => s.includes('目前没有符合条件'))).toBe(true);
  });
});

// Random valid households: the invariants RULES.md §2 states hold for every answer.
const member = fc.record({
  relation: fc.constantFrom('self', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'),
  age: fc.integer({ min: 0, max: 100 }),
  status: fc.constantFrom('resident', 'resident', 'resident', 'in_prison', 'missing'),
  disability: fc.option(fc.record({ grade: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('physical', 'intellectual', 'mental') }), { nil: undefined }),
  severeIllness: fc.boolean(),
  adlFailures: fc.integer({ min: 0, max: 6 }),
  supporters: fc.constantFrom('capable', 'incapable', 'none'),
  income: fc.record({
    wages: fc.constantFrom(0, 0, 500, 1000.5, 2000, 3000),
    transfer: fc.constantFrom(0, 0, 150, 300, 799.99),
    excluded: fc.constantFrom(0, 200),
  }),
});
const household = fc.record({
  regionCode: fc.constant('610113004'),
  residence: fc.constantFrom('urban', 'rural'),
  hukou: fc.constantFrom('local', 'residence_permit', 'other'),
  members: fc.array(member, { minLength: 1, maxLength: 6 }).map((ms) => [{ ...ms[0]!, status: 'resident' }, ...ms.slice(1)]),
  assets: fc.record({
    financial: fc.constantFrom(0, 19200, 50000),
    vehicles: fc.constantFrom([], [{ kind: 'car', value: 20000 }], [{ kind: 'motorcycle', value: 3000 }]),
    dwellings: fc.integer({ min: 0, max: 2 }),
  }),
  expenses: fc.record({ medical: fc.constantFrom(0, 20000, 80000), education: fc.constantFrom(0, 5000) }),
  hardship: fc.option(
    fc.record({
      type: fc.constantFrom(...hardshipTypes),
      occurredOn: fc.constantFrom('2024-05-30', '2024-01-01', '2024-06-02'),
      loss: fc.option(fc.constantFrom(0, 2500, 5000.5, 20000), { nil: undefined }),
      monthsWithoutIncome: fc.integer({ min: 0, max: 6 }),
      unemploymentInsurance: fc.boolean(),
    }),
    { nil: undefined },
  ),
  currentRecipient: fc.option(fc.record({ program: fc.constant('dibao'), monthlyAmount: fc.constantFrom(300, 720.5), incomeRoseFromWork: fc.boolean() }), {
    nil: undefined,
  }),
});

describe('invariants over random households', () => {
  it('every answer fits the response schema and the rules of RULES.md §2', () => {
    fc.assert(
      fc.property(household, (input) => {
        const request = eligibilityRequestSchema.parse(input);
        const response = checkEligibility(request, '2024-06-01', xianRecord(), request.regionCode);
        eligibilityResponseSchema.parse(response);
        const residents = new Set(request.members.flatMap((m, i) => (m.status === 'resident' ? [i] : [])));
        expect(response.household.size).toBe(residents.size);
        for (const p of response.programs) {
          expect(p.reasons.length).toBeGreaterThan(0);
          if (p.result === 'eligible') {
            expect(p.mode).not.toBeNull();
            expect(p.coveredMembers.length).toBeGreaterThan(0);
            for (const i of p.coveredMembers) expect(residents.has(i)).toBe(true);
          } else {
            expect(p).toMatchObject({ mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null });
          }
          if (p.result === 'ineligible') expect(p.reasons.some((r) => !r.passed)).toBe(true);
        }
        const [dibao, tekun, lowIncome, temporary] = response.programs;
        if (dibao.result === 'eligible') expect(dibao.estimatedMonthlyAmount).toBeGreaterThanOrEqual(30);
        if (dibao.mode === 'household' || dibao.mode === 'gradual_exit') expect(lowIncome.result).toBe('ineligible');
        if (tekun.result === 'eligible') {
          // ceil(1.3 × S) + the self-care allowance, per person: S = 800 urban, 550 rural.
          const least = request.residence === 'urban' ? 1040 + 210 : 715 + 210;
          expect(tekun.estimatedMonthlyAmount).toBeGreaterThanOrEqual(least * tekun.coveredMembers.length);
        }
        if (temporary.result !== 'eligible') expect(temporary).toMatchObject({ approvalLevel: null, preRescueAmount: null });
        else {
          expect(temporary.approvalLevel).not.toBeNull();
          if (temporary.mode === 'emergency') expect(temporary.preRescueAmount).toBeLessThanOrEqual(Math.min(temporary.estimatedOneTimeAmount ?? 0, 3200));
          else expect(temporary.preRescueAmount).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });
});
