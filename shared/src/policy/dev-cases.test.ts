import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eligibilityRequestSchema, eligibilityResponseSchema } from '../contract/eligibility';
import { checkEligibility } from './engine';
import { parameterRecordSchema, type ParameterRecord } from './params';
import { resolveParameters } from './resolve';

// Tests run from the repository root (vitest's root), as /work/shared/checks/eval-eligibility.mjs
// runs against a server: the same fixture, compared field by field the same way.
const root = process.cwd();
const seed = JSON.parse(readFileSync(join(root, 'server/src/regions/seed-regions.json'), 'utf8')) as {
  regions: Array<{ code: string; parent: string | null }>;
  parameters: unknown[];
};
interface DevCase {
  name: string;
  request: unknown;
  expect: Record<string, Record<string, unknown>>;
}
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/eligibility-dev.json'), 'utf8')) as DevCase[];

const regions = new Map(seed.regions.map((r) => [r.code, r]));
const records = new Map<string, ParameterRecord[]>();
for (const raw of seed.parameters) {
  const record = parameterRecordSchema.parse(raw);
  records.set(record.region, [...(records.get(record.region) ?? []), record]);
}

/** The mismatches eval-eligibility.mjs would print for one case. */
function mismatches(c: DevCase): string[] {
  const request = eligibilityRequestSchema.parse(c.request);
  if (!request.asOf) return ['fixture case without asOf'];
  const resolved = resolveParameters(request.regionCode, request.asOf, (code) => regions.get(code), (code) => records.get(code) ?? []);
  if (!resolved.ok) return [resolved.code];
  const body = eligibilityResponseSchema.parse(checkEligibility(request, request.asOf, resolved.record, request.regionCode));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const problems: string[] = [];
  for (const [program, want] of Object.entries(c.expect)) {
    const got = body.programs.find((p) => p.program === program) as Record<string, unknown> | undefined;
    if (!got) {
      problems.push(`${program}: missing`);
      continue;
    }
    for (const [field, value] of Object.entries(want)) {
      if (field === 'failed') {
        const failed = new Set(body.programs.find((p) => p.program === program)?.reasons.filter((r) => !r.passed).map((r) => r.code));
        const lacking = (value as string[]).filter((code) => !failed.has(code as never));
        if (lacking.length) problems.push(`${program}.failed lacks ${lacking.join(',')}`);
      } else if (field === 'coveredMembers') {
        const g = [...(got.coveredMembers as number[])].sort((x, y) => x - y);
        const w = [...(value as number[])].sort((x, y) => x - y);
        if (!same(g, w)) problems.push(`${program}.coveredMembers want ${JSON.stringify(w)} got ${JSON.stringify(g)}`);
      } else if (!same(got[field] ?? null, value)) {
        problems.push(`${program}.${field} want ${JSON.stringify(value)} got ${JSON.stringify(got[field] ?? null)}`);
      }
    }
  }
  return problems;
}

describe('eligibility-dev.json, every case exact as eval-eligibility.mjs compares', () => {
  it('has the 29 worked cases', () => {
    expect(cases).toHaveLength(29);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(mismatches(c)).toEqual([]);
  });
});
