import { parameterRecordSchema, type ParameterRecord, type RegionLink } from '../lib/shared';
import { ApiError } from './errors';
import { request } from './http';
import { KEYS, load, save } from './storage';

export interface RegionItem {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
  hotline: string | null;
}

/** `GET /api/v1/regions/{code}/policy`, kept on the phone for the offline self-check. */
export interface Policy {
  regionCode: string;
  chain: string[];
  hotline: string | null;
  regions: RegionLink[];
  records: ParameterRecord[];
  /** When this copy was downloaded (ISO time). */
  fetchedAt: string;
}

interface CachedRegions {
  items: RegionItem[];
  fetchedAt: string;
}

/** All regions, from the server when reachable, else the copy on the phone. */
export async function listRegions(): Promise<{ items: RegionItem[]; stale: boolean }> {
  try {
    const body = await request<{ items: RegionItem[] }>({ path: '/api/v1/regions' });
    const items = Array.isArray(body?.items) ? body.items : [];
    save(KEYS.regions, { items, fetchedAt: new Date().toISOString() } satisfies CachedRegions);
    return { items, stale: false };
  } catch (err) {
    const cached = load<CachedRegions | null>(KEYS.regions, null);
    if (err instanceof ApiError && err.offline && cached?.items?.length) return { items: cached.items, stale: true };
    throw err;
  }
}

/** The regions directly under `parentCode` (null: the top level), by code. */
export function childrenOf(items: readonly RegionItem[], parentCode: string | null): RegionItem[] {
  return items.filter((r) => r.parentCode === parentCode).sort((a, b) => a.code.localeCompare(b.code));
}

/** The region and its ancestors, top first (province … township). */
export function pathTo(items: readonly RegionItem[], code: string): RegionItem[] {
  const byCode = new Map(items.map((r) => [r.code, r]));
  const path: RegionItem[] = [];
  for (let r = byCode.get(code); r && path.length < 10; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r);
  return path;
}

/** The hotline of the region or its nearest ancestor that has one. */
export function hotlineOf(items: readonly RegionItem[], code: string): string | null {
  return [...pathTo(items, code)].reverse().find((r) => r.hotline)?.hotline ?? null;
}

const policyKey = (code: string) => `${KEYS.policyPrefix}${code}`;

/** The policy data on the phone for a region, or null. */
export function cachedPolicy(code: string): Policy | null {
  const policy = load<Policy | null>(policyKey(code), null);
  return policy && Array.isArray(policy.records) && Array.isArray(policy.regions) ? policy : null;
}

/**
 * Downloads a region's parameters and keeps them for the offline check. Records that do not
 * pass the shared schema are dropped rather than trusted.
 */
export async function refreshPolicy(code: string): Promise<Policy> {
  const body = await request<Omit<Policy, 'fetchedAt'>>({ path: `/api/v1/regions/${encodeURIComponent(code)}/policy` });
  if (!body || !Array.isArray(body.records) || !Array.isArray(body.regions)) throw new ApiError('BAD_RESPONSE', 200);
  const records = body.records.flatMap((raw) => {
    const parsed = parameterRecordSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  const policy: Policy = {
    regionCode: body.regionCode ?? code,
    chain: Array.isArray(body.chain) ? body.chain : [],
    hotline: body.hotline ?? null,
    regions: body.regions.map((r) => ({ code: r.code, parent: r.parent ?? null })),
    records,
    fetchedAt: new Date().toISOString(),
  };
  save(policyKey(code), policy);
  return policy;
}
