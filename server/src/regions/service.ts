import { resolveParameters } from '../../../shared/src/policy/resolve';
import type { ParameterRecord } from '../../../shared/src/policy/params';
import type { Database } from '../db/client';
import type { Logger } from '../platform/logger';
import { listParameterRecords, listRegions } from './repo';

export interface RegionInfo {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
  hotline: string | null;
}

export const PARAMETERS_CHANGED = 'parameters_changed';

interface Snapshot {
  regions: Map<string, RegionInfo>;
  records: Map<string, ParameterRecord[]>;
  loadedAt: number;
}

export type Resolution =
  | { ok: true; record: ParameterRecord; region: RegionInfo }
  | { ok: false; code: 'REGION_UNKNOWN' | 'POLICY_NOT_IN_FORCE' };

/**
 * Regions and dated parameters, read from the database and kept in memory. A change made by
 * another process (`npm run params -- add`) arrives by NOTIFY; a TTL bounds staleness anyway.
 */
export class RegionService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  /** Loads the snapshot and starts listening for parameter changes from other processes. */
  async start() {
    await this.refresh();
    this.unlisten = await this.database.listen(PARAMETERS_CHANGED, () => void this.refresh().catch(() => {}));
  }

  async stop() {
    await this.unlisten?.();
  }

  /**
   * Reloads from the database. Readers keep the previous snapshot until the new one is in, so a
   * read never waits on the database once loaded — which matters inside a transaction on
   * PGlite's single connection, where waiting would deadlock.
   */
  refresh(): Promise<Snapshot> {
    this.loading ??= (async () => {
      try {
        const [regionRows, recordRows] = await Promise.all([listRegions(this.database.db), listParameterRecords(this.database.db)]);
        const regions = new Map(regionRows.map((r) => [r.code, { ...r } satisfies RegionInfo]));
        const records = new Map<string, ParameterRecord[]>();
        for (const row of recordRows) {
          const list = records.get(row.regionCode) ?? [];
          list.push(row.data);
          records.set(row.regionCode, list);
        }
        this.snapshot = { regions, records, loadedAt: Date.now() };
        this.logger.debug({ regions: regions.size, records: recordRows.length }, 'regions loaded');
        return this.snapshot;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    if (!this.snapshot) return this.refresh();
    if (Date.now() - this.snapshot.loadedAt > this.ttlMs) void this.refresh().catch((err: Error) => this.logger.warn({ err: err.message }, 'regions reload failed'));
    return this.snapshot;
  }

  /** The region, or undefined when the code is not known. */
  async get(code: string): Promise<RegionInfo | undefined> {
    return (await this.load()).regions.get(code);
  }

  /** The region and its ancestors, most specific first. */
  async chain(code: string): Promise<RegionInfo[]> {
    const { regions } = await this.load();
    const out: RegionInfo[] = [];
    for (let r = regions.get(code); r && out.length < 10; r = r.parentCode ? regions.get(r.parentCode) : undefined) out.push(r);
    return out;
  }

  /** The region and every region below it (an area scope). */
  async descendants(code: string): Promise<string[]> {
    const { regions } = await this.load();
    const out = new Set([code]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of regions.values()) if (r.parentCode && out.has(r.parentCode) && !out.has(r.code)) (out.add(r.code), (grew = true));
    }
    return regions.has(code) ? [...out] : [];
  }

  /** True when `code` is `area` or lies below it. */
  async within(code: string, area: string): Promise<boolean> {
    return (await this.chain(code)).some((r) => r.code === area);
  }

  /** The hotline of the region or its nearest ancestor that has one. */
  async hotline(code: string): Promise<string | null> {
    return (await this.chain(code)).find((r) => r.hotline)?.hotline ?? null;
  }

  /** The parameter records stored on exactly this region, oldest first. */
  async recordsOf(code: string): Promise<ParameterRecord[]> {
    return (await this.load()).records.get(code) ?? [];
  }

  /** Every parameter record of every region. */
  async allRecords(): Promise<ParameterRecord[]> {
    return [...(await this.load()).records.values()].flat();
  }

  /** All regions, for lists and pickers. */
  async all(): Promise<RegionInfo[]> {
    return [...(await this.load()).regions.values()];
  }

  /** The parameter record in force for a region on a date (RULES.md §3). */
  async resolve(regionCode: string, asOf: string): Promise<Resolution> {
    const { regions, records } = await this.load();
    const region = regions.get(regionCode);
    if (!region) return { ok: false, code: 'REGION_UNKNOWN' };
    const result = resolveParameters(
      regionCode,
      asOf,
      (code) => {
        const r = regions.get(code);
        return r ? { code: r.code, parent: r.parentCode } : undefined;
      },
      (code) => records.get(code) ?? [],
    );
    if (!result.ok) return { ok: false, code: result.code };
    return { ok: true, record: result.record, region };
  }
}

export interface RegionPolicy {
  regionCode: string;
  chain: string[];
  hotline: string | null;
  regions: Array<{ code: string; parent: string | null }>;
  records: ParameterRecord[];
}

/** Everything the phone needs to run the eligibility check offline for a region, any date. */
export async function regionPolicy(service: RegionService, code: string): Promise<RegionPolicy | undefined> {
  const chain = await service.chain(code);
  if (!chain.length) return undefined;
  const records = (await Promise.all(chain.map((r) => service.recordsOf(r.code)))).flat();
  return {
    regionCode: code,
    chain: chain.map((r) => r.code),
    hotline: chain.find((r) => r.hotline)?.hotline ?? null,
    regions: chain.map((r) => ({ code: r.code, parent: r.parentCode })),
    records,
  };
}
