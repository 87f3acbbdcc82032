import { describe, expect, it } from 'vitest';
import { createApplicationRequestSchema } from '../../../shared/src/contract/application';
import { searchTitles } from './answers';
import { applicationFromForm, errorsByField } from './apply-form';
import { officeOf, parseCallerKey } from './service';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idWithCheck = (s17: string) => s17 + '10X98765432'[[...s17].reduce((a, c, i) => a + Number(c) * W[i]!, 0) % 11];
const TODAY = '2026-11-22';

describe('parseCallerKey', () => {
  const id = idWithCheck('61011319800101123');
  it.each([
    ['a plain mobile', '13800138000', { kind: 'phone', value: '13800138000' }],
    ['a mobile with +86 and dashes', '+86 138-0013-8000', { kind: 'phone', value: '13800138000' }],
    ['an ID number with spaces', ` ${id.slice(0, 6)} ${id.slice(6)} `, { kind: 'id', value: id }],
  ])('reads %s', (_what, raw, expected) => {
    expect(parseCallerKey(raw, TODAY)).toEqual(expected);
  });

  it.each([['too short', '12345'], ['a landline', '029-88886666'], ['a name', '张三']])('refuses %s', (_what, raw) => {
    expect(() => parseCallerKey(raw, TODAY)).toThrow(/11位手机号码或18位身份证号码/);
  });

  it('refuses an ID number with a wrong check digit, saying so', () => {
    const wrong = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(() => parseCallerKey(wrong, TODAY)).toThrow(/校验位/);
  });
});

describe('applicationFromForm', () => {
  const form = {
    'applicant.name': '赵六', 'applicant.idNumber': idWithCheck('61011319700506111'), 'applicant.phone': '139 0000 5555', regionCode: '610113005',
    address: '长延堡街道3号楼', 'hardship.type': 'sudden_illness', 'hardship.occurredOn': '2026-11-20', 'hardship.description': '住院',
    'hardship.urgentNeeds': ['medical', 'cash'], 'hardship.amountRequested': '', 'household.size': '2', 'household.monthlyIncome': '1800',
    'consent.privacy': 'on', 'consent.verification': 'on', idempotencyKey: 'form-key-123',
  };

  it('builds a body the contract accepts, with numbers, check boxes and repeated needs', () => {
    const { body, idempotencyKey, values } = applicationFromForm(form);
    const parsed = createApplicationRequestSchema({ today: TODAY }).parse(body);
    expect(parsed).toMatchObject({ nonLocal: false, hardship: { urgentNeeds: ['medical', 'cash'] }, household: { size: 2, monthlyIncome: 1800 }, applicant: { phone: '13900005555' } });
    expect(parsed.hardship.amountRequested).toBeUndefined();
    expect(idempotencyKey).toBe('form-key-123');
    expect(values['applicant.name']).toBe('赵六');
  });

  it('names each wrong field by its form name', () => {
    const { body } = applicationFromForm({ ...form, 'household.size': 'abc', 'consent.privacy': '', 'hardship.urgentNeeds': 'flying' });
    const result = createApplicationRequestSchema({ today: TODAY }).safeParse(body);
    expect(result.success).toBe(false);
    const { byField, other } = errorsByField(result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    expect(Object.keys(byField).sort()).toEqual(['consent.privacy', 'hardship.urgentNeeds', 'household.size']);
    expect(byField['household.size']).toMatch(/家庭人口数/);
    expect(other).toEqual([]);
  });
});

describe('searchTitles (the 政策问答 seam for now)', () => {
  it('finds templates and FAQ entries by their titles', () => {
    const found = searchTitles('先行救助');
    expect(found[0]).toMatchObject({ kind: 'template', title: '先行救助告知' });
    expect(found.some((a) => a.kind === 'faq')).toBe(true);
  });

  it('finds nothing for an empty or unrelated query', () => {
    expect(searchTitles('   ')).toEqual([]);
    expect(searchTitles('天气预报')).toEqual([]);
  });
});

describe('officeOf', () => {
  it('names the township service centre or the county bureau', () => {
    expect(officeOf({ name: '小寨路街道', level: 'township' })).toBe('小寨路街道便民服务中心社会救助窗口');
    expect(officeOf({ name: '雁塔区', level: 'county' })).toBe('雁塔区民政局社会救助窗口');
  });
});
