import { describe, expect, it } from 'vitest';
import type { ParameterRecord } from './params';
import { resolveParameters } from './resolve';
import { xianRecord } from './test-support';

// A small tree: province → city → county → township, plus a county with records of its own.
const tree: Record<string, string | null> = {
  '610000': null,
  '610100': '610000',
  '610113': '610100',
  '610113004': '610113',
  '610122': '610100',
  '610122002': '610122',
  '210000': null,
};
const at = (region: string, effectiveFrom: string, urban: number) =>
  xianRecord((r) => {
    r.region = region;
    r.effectiveFrom = effectiveFrom;
    r.dibao.urban = urban;
  });
const records: Record<string, ParameterRecord[]> = {
  // Deliberately out of date order: the resolver must not depend on it.
  '610100': [at('610100', '2025-07-01', 830), at('610100', '2024-01-01', 800)],
  '610122': [at('610122', '2025-07-01', 900)],
};

const resolve = (code: string, asOf: string) =>
  resolveParameters(
    code,
    asOf,
    (c) => (c in tree ? { code: c, parent: tree[c] ?? null } : undefined),
    (c) => records[c] ?? [],
  );

describe('resolveParameters (RULES.md §3)', () => {
  it('inherits the city record for a township, walking township → county → city', () => {
    const r = resolve('610113004', '2024-06-01');
    expect(r).toMatchObject({ ok: true, record: { region: '610100', effectiveFrom: '2024-01-01' } });
    expect(r.ok && r.regionChain).toEqual(['610113004', '610113', '610100']);
  });

  it.each([
    ['2024-01-01', '2024-01-01'], // a record is in force on its first day
    ['2025-06-30', '2024-01-01'],
    ['2025-07-01', '2025-07-01'],
    ['2030-01-01', '2025-07-01'],
  ])('on %s takes the latest record in force: %s', (asOf, effectiveFrom) => {
    expect(resolve('610113', asOf)).toMatchObject({ ok: true, record: { effectiveFrom } });
  });

  it("uses a county's own record once it is in force", () => {
    const r = resolve('610122002', '2025-09-01');
    expect(r).toMatchObject({ ok: true, record: { region: '610122', dibao: { urban: 900 } } });
    expect(r.ok && r.regionChain).toEqual(['610122002', '610122']);
  });

  it("falls through to the parent while a county's records are not yet in force", () => {
    const r = resolve('610122002', '2025-06-30');
    expect(r).toMatchObject({ ok: true, record: { region: '610100', effectiveFrom: '2024-01-01' } });
    expect(r.ok && r.regionChain).toEqual(['610122002', '610122', '610100']);
  });

  it('answers REGION_UNKNOWN for a code not in the tree', () => {
    expect(resolve('610199', '2024-06-01')).toEqual({ ok: false, code: 'REGION_UNKNOWN' });
  });

  it('answers POLICY_NOT_IN_FORCE before the first record anywhere up the tree', () => {
    expect(resolve('610113004', '2023-12-31')).toEqual({ ok: false, code: 'POLICY_NOT_IN_FORCE' });
  });

  it('answers POLICY_NOT_IN_FORCE for a known region with no records up its tree', () => {
    expect(resolve('210000', '2024-06-01')).toEqual({ ok: false, code: 'POLICY_NOT_IN_FORCE' });
    expect(resolve('610000', '2024-06-01')).toEqual({ ok: false, code: 'POLICY_NOT_IN_FORCE' });
  });

  it('stops on a cycle in the region tree instead of looping', () => {
    const r = resolveParameters('A', '2024-06-01', (c) => ({ code: c, parent: c === 'A' ? 'B' : 'A' }), () => []);
    expect(r).toEqual({ ok: false, code: 'POLICY_NOT_IN_FORCE' });
  });
});
