// Resolves a region for the assistant: hotline inherited from the nearest ancestor,
// parameters from the shared resolver (walk up to the first region with a record in force).
import { resolveParameters } from '../../../shared/src/policy/resolve';
import type { ChatParameters, RegionContext, RegionDirectory, RegionRecord } from './chat.types';

/** Builds the region context for a code as of a date (YYYY-MM-DD); undefined for an unknown code. */
export function resolveRegionContext(
  regions: readonly RegionRecord[],
  parameters: readonly ChatParameters[],
  code: string,
  asOf: string,
): RegionContext | undefined {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const region = byCode.get(code);
  if (!region) return undefined;
  let hotline: string | undefined;
  for (let r: RegionRecord | undefined = region; r && !hotline; r = r.parent ? byCode.get(r.parent) : undefined) {
    hotline = r.hotline;
  }
  const resolved = resolveParameters(code, asOf, (c) => byCode.get(c), (c) => parameters.filter((p) => p.region === c));
  return { code: region.code, name: region.name, hotline, params: resolved.ok ? resolved.record : undefined };
}

const SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|街道|省|市|区|县|镇|乡)$/;

/** A directory that finds regions named in a message ("那大连呢", "雁塔区的标准"). */
export function createRegionDirectory(
  regions: readonly RegionRecord[],
  parameters: readonly ChatParameters[],
  asOf: string,
): RegionDirectory {
  const names: Array<[string, string]> = [];
  for (const r of regions) {
    names.push([r.name, r.code]);
    const short = r.name.replace(SUFFIX, '');
    // A one-character remainder ("华胥镇" → keep; "X区" → "X") would match too much.
    if (short !== r.name && [...short].length >= 2) names.push([short, r.code]);
  }
  names.sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, RegionContext | undefined>();
  const get = (code: string): RegionContext | undefined => {
    if (!cache.has(code)) cache.set(code, resolveRegionContext(regions, parameters, code, asOf));
    return cache.get(code);
  };
  return {
    match(text: string) {
      const hit = names.find(([name]) => text.includes(name));
      return hit ? get(hit[1]) : undefined;
    },
    get,
  };
}
