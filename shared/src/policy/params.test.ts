import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterRecordSchema } from './params';

const seed = JSON.parse(readFileSync(join(process.cwd(), 'server/src/regions/seed-regions.json'), 'utf8')) as { parameters: unknown[] };
const base = () => structuredClone(seed.parameters[0]) as Record<string, any>;

/** The dotted paths of the issues a record raises. */
function issuePaths(record: unknown): string[] {
  const parsed = parameterRecordSchema.safeParse(record);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('parameterRecordSchema', () => {
  it('accepts every record of regions.json, including a yearly rural standard and a null rural one', () => {
    for (const record of seed.parameters) expect(issuePaths(record)).toEqual([]);
    const yearly = parameterRecordSchema.parse(seed.parameters.find((p: any) => p.dibao.ruralPer === 'year'));
    expect(yearly.dibao.ruralPer).toBe('year');
    expect(parameterRecordSchema.parse(seed.parameters.find((p: any) => p.dibao.rural === null)).dibao.rural).toBeNull();
  });

  it.each<[string, (r: Record<string, any>) => void, string]>([
    ['a missing standard', (r) => delete r.dibao.urban, 'dibao.urban'],
    ['a standard as text', (r) => (r.dibao.urban = '800'), 'dibao.urban'],
    ['a negative standard', (r) => (r.dibao.urban = -1), 'dibao.urban'],
    ['a zero standard', (r) => (r.dibao.urban = 0), 'dibao.urban'],
    ['a per other than month/year', (r) => (r.dibao.ruralPer = 'week'), 'dibao.ruralPer'],
    ['a deduction rate above 1', (r) => (r.dibao.employmentDeductionRate = 1.2), 'dibao.employmentDeductionRate'],
    ['a classified rate below 0', (r) => (r.dibao.classified.minor = -0.1), 'dibao.classified.minor'],
    ['a fractional age', (r) => (r.dibao.classified.elderlyAge = 69.5), 'dibao.classified.elderlyAge'],
    ['a zero multiplier', (r) => (r.tekun.basicMultiplier = 0), 'tekun.basicMultiplier'],
    ['a rate with too many decimals', (r) => (r.lowIncome.rigidRatio = 0.123456789), 'lowIncome.rigidRatio'],
    ['a negative care amount', (r) => (r.tekun.care.full = -700), 'tekun.care.full'],
    ['fractional dwellings', (r) => (r.assets.maxDwellings = 1.5), 'assets.maxDwellings'],
    ['two expenditure months', (r) => (r.temporary.expenditureMonths = [2, 4]), 'temporary.expenditureMonths'],
    ['unsorted expenditure months', (r) => (r.temporary.expenditureMonths = [6, 4, 2]), 'temporary.expenditureMonths'],
    ['a negative window', (r) => (r.temporary.emergencyWindowDays = -1), 'temporary.emergencyWindowDays'],
    ['an impossible date', (r) => (r.effectiveFrom = '2024-02-30'), 'effectiveFrom'],
    ['a date in another format', (r) => (r.effectiveFrom = '2024/01/01'), 'effectiveFrom'],
    ['a 7-digit region', (r) => (r.region = '6101001'), 'region'],
    ['an empty source', (r) => (r.source = ' '), 'source'],
    ['a misspelt key', (r) => (r.dibao.ruralPr = 'year'), 'dibao'],
    ['a missing block', (r) => delete r.temporary, 'temporary'],
  ])('names the field for %s', (_what, edit, path) => {
    const record = base();
    edit(record);
    expect(issuePaths(record)).toContain(path);
  });

  it('accepts a leap day and 9-digit township regions', () => {
    const record = base();
    record.effectiveFrom = '2024-02-29';
    record.region = '610113004';
    expect(issuePaths(record)).toEqual([]);
  });

  it('gives Chinese messages for its own checks', () => {
    const record = base();
    record.temporary.expenditureMonths = [6, 4, 2];
    const parsed = parameterRecordSchema.safeParse(record);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('三档月数应从小到大排列');
  });
});
