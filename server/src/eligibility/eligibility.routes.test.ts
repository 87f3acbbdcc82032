import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibilityResponseSchema } from '../../../shared/src/contract/eligibility';
import { call, createTestContext, type TestContext } from '../../../test/support/services';

interface DevCase {
  name: string;
  request: Record<string, unknown>;
  expect: Record<string, Record<string, unknown>>;
}
const devCases: DevCase[] = JSON.parse(readFileSync('test/fixtures/eligibility-dev.json', 'utf8'));

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const check = (body: unknown) => call(t.app, 'POST', '/api/v1/eligibility/check', body);
const household = (over: Record<string, unknown> = {}) => ({
  regionCode: '610113004',
  residence: 'urban',
  members: [{ relation: 'self', age: 45 }],
  ...over,
});

describe('POST /api/v1/eligibility/check', () => {
  it.each(devCases.map((c) => [c.name, c] as const))('gives the worked result for "%s"', async (_name, c) => {
    const res = await check(c.request);
    expect(res.status).toBe(200);
    expect(eligibilityResponseSchema.safeParse(res.json).success).toBe(true);
    for (const [program, want] of Object.entries(c.expect)) {
      const got = res.json.programs.find((p: { program: string }) => p.program === program);
      expect(got, program).toBeDefined();
      for (const [field, value] of Object.entries(want)) {
        if (field === 'failed') {
          const failed = got.reasons.filter((r: { passed: boolean }) => !r.passed).map((r: { code: string }) => r.code);
          expect(failed, `${program}.failed`).toEqual(expect.arrayContaining(value as string[]));
        } else if (field === 'coveredMembers') {
          expect([...got.coveredMembers].sort(), `${program}.coveredMembers`).toEqual([...(value as number[])].sort());
        } else {
          expect(got[field] ?? null, `${program}.${field}`).toEqual(value);
        }
      }
    }
  });

  it('answers the four programs in order with the parameter record used', async () => {
    const res = await check(household({ asOf: '2024-06-01' }));
    expect(res.status).toBe(200);
    expect(res.json.programs.map((p: { program: string }) => p.program)).toEqual(['dibao', 'tekun', 'low_income', 'temporary']);
    expect(res.json.parameters).toEqual({ region: '610100', effectiveFrom: '2024-01-01' });
  });

  it('defaults asOf to today in Shanghai from the server clock', async () => {
    const res = await check(household());
    expect(res.json.asOf).toBe('2026-11-22');
    expect(res.json.parameters.effectiveFrom).toBe('2025-07-01');
  });

  it.each([
    ['members.0.age', household({ members: [{ relation: 'self', age: 131 }] })],
    ['members.0.age', household({ members: [{ relation: 'self', age: 'forty' }] })],
    ['members.0.age', household({ members: [{ relation: 'self', age: -1 }] })],
    ['residence', household({ residence: 'suburban' })],
    ['members.0.relation', household({ members: [{ relation: 'cousin', age: 30 }] })],
    ['members.0.disability.grade', household({ members: [{ relation: 'self', age: 30, disability: { grade: 5, kind: 'physical' } }] })],
    ['members.0.income.wages', household({ members: [{ relation: 'self', age: 30, income: { wages: -5 } }] })],
    ['members', household({ members: [] })],
    ['regionCode', household({ regionCode: '61011' })],
    ['asOf', household({ asOf: '2024-02-30' })],
    ['hardship.type', household({ hardship: { type: 'earthquake', loss: 100 } })],
    ['assets.vehicles.0.kind', household({ assets: { vehicles: [{ kind: 'boat', value: 1 }] } })],
  ])('answers 422 naming %s for bad input', async (path, body) => {
    const res = await check(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(res.json.requestId).toBeTruthy();
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 422 REGION_UNKNOWN for a well-formed code that does not exist', async () => {
    const res = await check(household({ regionCode: '610113999' }));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('REGION_UNKNOWN');
    expect(res.json.errors[0].path).toBe('regionCode');
  });

  it('answers 422 POLICY_NOT_IN_FORCE before any record of the region or its parents', async () => {
    const res = await check(household({ regionCode: '210214', asOf: '2020-06-01' }));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('POLICY_NOT_IN_FORCE');
  });

  it('answers 400 for a body that is not JSON, and never 500', async () => {
    const res = await check('{"regionCode": ');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('MALFORMED_REQUEST');
  });

  it('answers 422 for a JSON array or null body', async () => {
    expect((await check([])).status).toBe(422);
    expect((await check('null')).status).toBe(422);
  });
});
