import { describe, expect, it } from 'vitest';
import { eligibilityRequestSchema, eligibilityResponseSchema, hardshipTypes } from '../contract/eligibility';
import { check } from './test-support';

const valid = () => ({
  regionCode: '610113004',
  residence: 'urban',
  members: [{ relation: 'self', age: 45 }],
});

/** The dotted paths of the issues a request raises. */
function issuePaths(body: unknown): string[] {
  const parsed = eligibilityRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('eligibilityRequestSchema (RULES.md §1)', () => {
  it('fills in every default', () => {
    const request = eligibilityRequestSchema.parse(valid());
    expect(request).toEqual({
      regionCode: '610113004',
      residence: 'urban',
      hukou: 'local',
      members: [
        {
          relation: 'self',
          age: 45,
          status: 'resident',
          severeIllness: false,
          adlFailures: 0,
          supporters: 'capable',
          income: { wages: 0, business: 0, property: 0, transfer: 0, excluded: 0 },
        },
      ],
      assets: { financial: 0, vehicles: [], dwellings: 1 },
      expenses: { medical: 0, education: 0 },
    });
  });

  it('fills in partly given objects and hardship defaults', () => {
    const request = eligibilityRequestSchema.parse({
      ...valid(),
      members: [{ relation: 'self', age: 45, income: { wages: 1200 } }],
      assets: { financial: 500 },
      hardship: { type: 'lost_income' },
      currentRecipient: { program: 'dibao', monthlyAmount: 300 },
    });
    expect(request.members[0]?.income).toEqual({ wages: 1200, business: 0, property: 0, transfer: 0, excluded: 0 });
    expect(request.assets).toEqual({ financial: 500, vehicles: [], dwellings: 1 });
    expect(request.hardship).toEqual({ type: 'lost_income', monthsWithoutIncome: 0, unemploymentInsurance: false });
    expect(request.currentRecipient).toEqual({ program: 'dibao', monthlyAmount: 300, incomeRoseFromWork: false });
  });

  it('ignores fields it does not know (a client may send more)', () => {
    const request = eligibilityRequestSchema.parse({ ...valid(), members: [{ relation: 'self', age: 19, inSchool: true }] });
    expect(request.members[0]).not.toHaveProperty('inSchool');
  });

  it.each<[string, (b: any) => void, string]>([
    ['an age as text', (b) => (b.members[0].age = '45'), 'members.0.age'],
    ['an age above 130', (b) => (b.members[0].age = 131), 'members.0.age'],
    ['a negative age', (b) => (b.members[0].age = -1), 'members.0.age'],
    ['a fractional age', (b) => (b.members[0].age = 45.5), 'members.0.age'],
    ['a missing age', (b) => delete b.members[0].age, 'members.0.age'],
    ['an unknown relation', (b) => (b.members[0].relation = 'cousin'), 'members.0.relation'],
    ['an unknown status', (b) => (b.members[0].status = 'abroad'), 'members.0.status'],
    ['a disability grade 5', (b) => (b.members[0].disability = { grade: 5, kind: 'physical' }), 'members.0.disability.grade'],
    ['an unknown disability kind', (b) => (b.members[0].disability = { grade: 1, kind: 'other' }), 'members.0.disability.kind'],
    ['7 ADL failures', (b) => (b.members[0].adlFailures = 7), 'members.0.adlFailures'],
    ['unknown supporters', (b) => (b.members[0].supporters = 'some'), 'members.0.supporters'],
    ['negative wages', (b) => (b.members[0].income = { wages: -1 }), 'members.0.income.wages'],
    ['wages as text', (b) => (b.members[0].income = { wages: '1000' }), 'members.0.income.wages'],
    ['a second member with a bad age', (b) => b.members.push({ relation: 'child', age: 200 }), 'members.1.age'],
    ['no members', (b) => (b.members = []), 'members'],
    ['21 members', (b) => (b.members = Array.from({ length: 21 }, () => ({ relation: 'other', age: 30 }))), 'members'],
    ['nobody living at home', (b) => (b.members[0].status = 'in_prison'), 'members'],
    ['a 7-digit region', (b) => (b.regionCode = '6101130'), 'regionCode'],
    ['a region with letters', (b) => (b.regionCode = '61011300a'), 'regionCode'],
    ['a numeric region', (b) => (b.regionCode = 610113), 'regionCode'],
    ['an impossible asOf', (b) => (b.asOf = '2024-02-30'), 'asOf'],
    ['a non-leap 29 February', (b) => (b.asOf = '2023-02-29'), 'asOf'],
    ['an asOf with a time', (b) => (b.asOf = '2024-06-01T00:00:00Z'), 'asOf'],
    ['an unknown residence', (b) => (b.residence = 'suburban'), 'residence'],
    ['an unknown hukou', (b) => (b.hukou = 'foreign'), 'hukou'],
    ['negative savings', (b) => (b.assets = { financial: -5 }), 'assets.financial'],
    ['an unknown vehicle kind', (b) => (b.assets = { vehicles: [{ kind: 'boat', value: 1 }] }), 'assets.vehicles.0.kind'],
    ['fractional dwellings', (b) => (b.assets = { dwellings: 1.5 }), 'assets.dwellings'],
    ['negative medical spending', (b) => (b.expenses = { medical: -1 }), 'expenses.medical'],
    ['an unknown hardship type', (b) => (b.hardship = { type: 'flood' }), 'hardship.type'],
    ['an emergency without its date', (b) => (b.hardship = { type: 'fire', loss: 100 }), 'hardship.occurredOn'],
    ['a bad hardship date', (b) => (b.hardship = { type: 'fire', occurredOn: '2024-13-01' }), 'hardship.occurredOn'],
    ['a negative loss', (b) => (b.hardship = { type: 'fire', occurredOn: '2024-05-01', loss: -1 }), 'hardship.loss'],
    ['an unknown recipient program', (b) => (b.currentRecipient = { program: 'pension', monthlyAmount: 1 }), 'currentRecipient.program'],
  ])('rejects %s at its path', (_what, edit, path) => {
    const body = valid();
    edit(body);
    expect(issuePaths(body)).toContain(path);
  });

  it('accepts the edges of the ranges', () => {
    const body = {
      ...valid(),
      asOf: '2024-02-29',
      regionCode: '610113',
      members: [
        { relation: 'self', age: 0, adlFailures: 6, disability: { grade: 4, kind: 'multiple' } },
        ...Array.from({ length: 19 }, () => ({ relation: 'other', age: 130 })),
      ],
    };
    expect(issuePaths(body)).toEqual([]);
  });

  it('does not need a date for hardships outside the emergency types', () => {
    for (const type of ['lost_income', 'medical_expense', 'education_expense', 'other']) {
      expect(issuePaths({ ...valid(), hardship: { type } })).toEqual([]);
    }
  });

  it('knows the eleven hardship types of API.md', () => {
    expect(hardshipTypes).toHaveLength(11);
    for (const type of hardshipTypes) {
      expect(issuePaths({ ...valid(), hardship: { type, occurredOn: '2024-05-01' } })).toEqual([]);
    }
  });

  it('writes its own messages in Chinese', () => {
    const parsed = eligibilityRequestSchema.safeParse({ ...valid(), hardship: { type: 'fire' }, members: [] });
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('至少填写1位家庭成员');
  });
});

describe('eligibilityResponseSchema (RULES.md §2)', () => {
  it('accepts what the engine returns, programs in the fixed order', () => {
    const response = check({ members: [{ relation: 'self', age: 75, supporters: 'none' }] });
    const parsed = eligibilityResponseSchema.parse(response);
    expect(parsed.programs.map((p) => p.program)).toEqual(['dibao', 'tekun', 'low_income', 'temporary']);
  });

  it('rejects programs out of order and unknown reason codes', () => {
    const response = check({ members: [{ relation: 'self', age: 45 }] });
    const swapped = { ...response, programs: [response.programs[1], response.programs[0], response.programs[2], response.programs[3]] };
    expect(eligibilityResponseSchema.safeParse(swapped).success).toBe(false);
    const badCode = structuredClone(response) as any;
    badCode.programs[0].reasons[0].code = 'NOT_A_CODE';
    expect(eligibilityResponseSchema.safeParse(badCode).success).toBe(false);
  });
});
