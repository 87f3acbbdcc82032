import type { ParameterRecord } from './params';

/** A region as the resolver needs it: its code and its parent's. */
export interface RegionLink {
  code: string;
  parent: string | null;
}

/** The record in force, with the codes walked from the asked region up to the one that had it. */
export type ResolveResult =
  | { ok: true; record: ParameterRecord; regionChain: string[] }
  | { ok: false; code: 'REGION_UNKNOWN' | 'POLICY_NOT_IN_FORCE' };

/** The record with the latest `effectiveFrom` on or before `asOf`, or undefined. */
export function recordInForce(records: readonly ParameterRecord[], asOf: string): ParameterRecord | undefined {
  let best: ParameterRecord | undefined;
  for (const record of records) {
    // YYYY-MM-DD strings order like the dates they name.
    if (record.effectiveFrom <= asOf && (!best || record.effectiveFrom > best.effectiveFrom)) best = record;
  }
  return best;
}

/** Finds the parameters in force for a region on a date, walking up the region tree (RULES.md §3). */
export function resolveParameters(
  regionCode: string,
  asOf: string,
  getRegion: (code: string) => RegionLink | undefined,
  recordsOf: (code: string) => readonly ParameterRecord[],
): ResolveResult {
  if (!getRegion(regionCode)) return { ok: false, code: 'REGION_UNKNOWN' };
  const chain: string[] = [];
  const seen = new Set<string>();
  // A region whose records all start after asOf does not stop the walk: its parent's apply.
  for (let region = getRegion(regionCode); region && !seen.has(region.code); ) {
    seen.add(region.code);
    chain.push(region.code);
    const record = recordInForce(recordsOf(region.code), asOf);
    if (record) return { ok: true, record, regionChain: chain };
    region = region.parent === null ? undefined : getRegion(region.parent);
  }
  return { ok: false, code: 'POLICY_NOT_IN_FORCE' };
}
