import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../id/gb11643';
import {
  applicationCreatedSchema,
  applicationRequestSchema,
  caseDetailSchema,
  caseListSchema,
  createApplicationRequestSchema,
} from './application';

const ID = (first17: string) => first17 + idCheckChar(first17);
const GOOD_ID = ID('61011319800101123');
const WRONG_CHECK_ID = GOOD_ID.slice(0, 17) + (GOOD_ID.endsWith('0') ? '1' : '0');

/** The request of API.md, with a valid ID number. */
const body = () => ({
  applicant: { name: '张三', idNumber: GOOD_ID, phone: '13800138000' },
  regionCode: '610113001',
  address: '小寨东路1号',
  nonLocal: false,
  hardship: { type: 'sudden_illness', occurredOn: '2026-11-20', description: '父亲突发脑梗住院', urgentNeeds: ['medical', 'cash'], amountRequested: 5000 },
  household: { size: 3, monthlyIncome: 1200 },
  consent: { privacy: true, verification: true },
});

type Body = ReturnType<typeof body>;
const edit = (change: (b: Body & Record<string, unknown>) => void) => {
  const b = body() as Body & Record<string, unknown>;
  change(b);
  return b;
};
const issuesOf = (input: unknown, schema = applicationRequestSchema) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('applicationRequestSchema', () => {
  it('accepts the request of API.md', () => {
    expect(applicationRequestSchema.safeParse(body()).success).toBe(true);
  });

  it('accepts the body the resident-contract check sends', () => {
    const b = {
      applicant: { name: '王小明', idNumber: ID('61011319800101123'), phone: '13800138000' },
      regionCode: '610113004', address: '小寨东路1号', nonLocal: false,
      hardship: { type: 'fire', occurredOn: '2026-11-22', description: '家里着火了，今晚没地方住，孩子还小', urgentNeeds: ['shelter', 'food'], amountRequested: 3000 },
      household: { size: 2, monthlyIncome: 800 }, consent: { privacy: true, verification: true },
    };
    expect(issuesOf(b)).toEqual([]);
  });

  it('normalises what residents type: trimmed name, x → X, spaces and +86 dropped from the phone', () => {
    const xId = Array.from({ length: 1000 }, (_, i) => `61011319800101${String(i).padStart(3, '0')}`).find((b) => idCheckChar(b) === 'X')!;
    const parsed = applicationRequestSchema.parse(edit((b) => {
      b.applicant = { name: '  张三 ', idNumber: `${xId}x`, phone: '+86 138-0013-8000' };
    }));
    expect(parsed.applicant).toEqual({ name: '张三', idNumber: `${xId}X`, phone: '13800138000' });
  });

  it('fills the optional parts: nonLocal false, no needs, empty description, no amount', () => {
    const parsed = applicationRequestSchema.parse(edit((b) => {
      delete (b as Partial<Body>).nonLocal;
      b.hardship = { type: 'other', occurredOn: '2026-11-20' } as Body['hardship'];
      b.household = { size: 1 } as Body['household'];
    }));
    expect(parsed.nonLocal).toBe(false);
    expect(parsed.hardship).toEqual({ type: 'other', occurredOn: '2026-11-20', description: '', urgentNeeds: [] });
    expect(parsed.household).toEqual({ size: 1 });
  });

  it.each<[string, (b: Body & Record<string, unknown>) => void, string]>([
    ['a wrong ID check digit', (b) => { b.applicant.idNumber = WRONG_CHECK_ID; }, 'applicant.idNumber'],
    ['a 17-character ID number', (b) => { b.applicant.idNumber = GOOD_ID.slice(0, 17); }, 'applicant.idNumber'],
    ['an ID number with an impossible birth date', (b) => { b.applicant.idNumber = ID('61011319800230123'); }, 'applicant.idNumber'],
    ['a missing ID number', (b) => { delete (b.applicant as Partial<Body['applicant']>).idNumber; }, 'applicant.idNumber'],
    ['an empty name', (b) => { b.applicant.name = '   '; }, 'applicant.name'],
    ['a 51-character name', (b) => { b.applicant.name = '张'.repeat(51); }, 'applicant.name'],
    ['a landline instead of a mobile', (b) => { b.applicant.phone = '029-88886666'; }, 'applicant.phone'],
    ['a mobile starting 12', (b) => { b.applicant.phone = '12800138000'; }, 'applicant.phone'],
    ['no applicant at all', (b) => { delete (b as Partial<Body>).applicant; }, 'applicant'],
    ['a 5-digit region code', (b) => { b.regionCode = '61011'; }, 'regionCode'],
    ['a 7-digit region code', (b) => { b.regionCode = '6101130'; }, 'regionCode'],
    ['an empty address', (b) => { b.address = ''; }, 'address'],
    ['a 201-character address', (b) => { b.address = '路'.repeat(201); }, 'address'],
    ['nonLocal as a string', (b) => { (b as Record<string, unknown>).nonLocal = 'no'; }, 'nonLocal'],
    ['an unknown hardship type', (b) => { b.hardship.type = 'flood'; }, 'hardship.type'],
    ['an impossible date', (b) => { b.hardship.occurredOn = '2026-02-30'; }, 'hardship.occurredOn'],
    ['a date in another format', (b) => { b.hardship.occurredOn = '2026/11/20'; }, 'hardship.occurredOn'],
    ['a 2001-character description', (b) => { b.hardship.description = '难'.repeat(2001); }, 'hardship.description'],
    ['an unknown urgent need', (b) => { b.hardship.urgentNeeds = ['medical', 'water']; }, 'hardship.urgentNeeds.1'],
    ['the same urgent need twice', (b) => { b.hardship.urgentNeeds = ['food', 'food']; }, 'hardship.urgentNeeds'],
    ['a negative amount', (b) => { b.hardship.amountRequested = -1; }, 'hardship.amountRequested'],
    ['an amount over one million', (b) => { b.hardship.amountRequested = 1_000_001; }, 'hardship.amountRequested'],
    ['an amount as text', (b) => { (b.hardship as Record<string, unknown>).amountRequested = '5000'; }, 'hardship.amountRequested'],
    ['a household of 0', (b) => { b.household.size = 0; }, 'household.size'],
    ['a household of 21', (b) => { b.household.size = 21; }, 'household.size'],
    ['a household of 2.5', (b) => { b.household.size = 2.5; }, 'household.size'],
    ['a negative income', (b) => { b.household.monthlyIncome = -1; }, 'household.monthlyIncome'],
    ['privacy consent refused', (b) => { (b.consent as Record<string, unknown>).privacy = false; }, 'consent.privacy'],
    ['verification consent missing', (b) => { delete (b.consent as Partial<Body['consent']>).verification; }, 'consent.verification'],
    ['no consent at all', (b) => { delete (b as Partial<Body>).consent; }, 'consent'],
  ])('refuses %s with a Chinese message on the field', (_what, change, path) => {
    const issues = issuesOf(edit(change));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says the consents are required', () => {
    const issues = issuesOf(edit((b) => { (b.consent as Record<string, unknown>).privacy = false; (b.consent as Record<string, unknown>).verification = false; }));
    expect(issues.map((i) => i.path)).toEqual(['consent.privacy', 'consent.verification']);
    for (const i of issues) expect(i.message).toContain('才能提交申请');
  });

  it('names the reason of a bad ID number, not only that it is bad', () => {
    expect(issuesOf(edit((b) => { b.applicant.idNumber = WRONG_CHECK_ID; }))[0]?.message).toContain('校验位');
  });

  it('reports every bad field of one request, each with its own path', () => {
    const issues = issuesOf(edit((b) => { b.applicant.phone = '123'; b.regionCode = 'x'; b.household.size = 0; }));
    expect(issues.map((i) => i.path).sort()).toEqual(['applicant.phone', 'household.size', 'regionCode']);
  });

  it('refuses a hardship date or a birth date after `today` when given one', () => {
    const schema = createApplicationRequestSchema({ today: '2026-11-23' });
    expect(issuesOf(edit((b) => { b.hardship.occurredOn = '2026-11-24'; }), schema)).toEqual([
      { path: 'hardship.occurredOn', message: '困难发生日期不能晚于今天' },
    ]);
    expect(issuesOf(edit((b) => { b.hardship.occurredOn = '2026-11-23'; }), schema)).toEqual([]);
    expect(issuesOf(edit((b) => { b.applicant.idNumber = ID('61011320261124123'); }), schema).map((i) => i.path)).toEqual(['applicant.idNumber']);
  });
});

describe('response schemas', () => {
  const team = { id: 't-610113004', name: '小寨路街道快速响应服务队', phone: '029-85200000' };

  it('accept the 201 answer of API.md and extra fields', () => {
    const created = { trackingNo: 'LS20261123000001', status: 'assigned', priority: 'P1', team, createdAt: '2026-11-23T10:00:00+08:00' };
    expect(applicationCreatedSchema.safeParse(created).success).toBe(true);
    expect(applicationCreatedSchema.safeParse({ ...created, crisis: true, hotline: '12345', statusLabel: '已分派' }).success).toBe(true);
  });

  it('refuse an answer that drops a field of API.md', () => {
    const created = { trackingNo: 'LS1', status: 'assigned', priority: 'P1', createdAt: '2026-11-23T10:00:00+08:00' };
    expect(applicationCreatedSchema.safeParse(created).success).toBe(false);
  });

  it('accept the case list and the case detail of API.md', () => {
    expect(caseListSchema.safeParse({ items: [{ trackingNo: 'LS1', status: 'contacted', priority: 'P2', updatedAt: '2026-11-23T02:00:00Z' }] }).success).toBe(true);
    const detail = {
      trackingNo: 'LS1', status: 'contacted', priority: 'P2', team,
      timeline: [
        { at: '2026-11-23T10:00:00+08:00', status: 'submitted', title: '申请已提交' },
        { at: '2026-11-23T10:00:01+08:00', status: 'assigned', title: '已分派给小寨路街道快速响应服务队' },
      ],
      nextAction: '请按约定时间等候工作人员上门。',
    };
    expect(caseDetailSchema.safeParse(detail).success).toBe(true);
    const { nextAction: _dropped, ...withoutNext } = detail;
    expect(caseDetailSchema.safeParse(withoutNext).success).toBe(false);
  });

  it('refuse a time without an offset', () => {
    expect(caseListSchema.safeParse({ items: [{ trackingNo: 'LS1', status: 'closed', priority: 'P3', updatedAt: '2026-11-23 10:00' }] }).success).toBe(false);
  });
});
