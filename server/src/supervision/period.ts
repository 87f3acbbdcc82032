/**
 * Query parameters shared by the supervision pages: a period of Shanghai calendar days and an
 * area (a region code) checked against the caller's scope.
 */
import { isIsoDate, SHANGHAI_OFFSET_MS, shanghaiDate } from '../../../shared/src/dates';
import type { FieldError } from '../../../shared/src/errors';
import type { Services } from '../platform/context';
import { AppError } from '../platform/errors';
import type { RegionInfo } from '../regions/service';

export interface Period {
  /** First and last day, inclusive, YYYY-MM-DD in Asia/Shanghai. */
  from: string;
  to: string;
  /** [start, end): midnight Shanghai of `from`, midnight Shanghai after `to`. */
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
/** Longest period a page may ask for (a year and a day, for leap years). */
export const MAX_PERIOD_DAYS = 366;

/** Midnight in Shanghai at the start of a YYYY-MM-DD day. */
export const shanghaiMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * Reads `from`/`to` (inclusive Shanghai days). Missing ends default to the `defaultDays` days
 * ending today; a bad date, a reversed or over-long period is a 422 naming the field.
 */
export function parsePeriod(from: string | undefined, to: string | undefined, now: Date, defaultDays = 30): Period {
  const errors: FieldError[] = [];
  const f = from?.trim() || undefined;
  const t = to?.trim() || undefined;
  if (f && !isIsoDate(f)) errors.push({ path: 'from', message: '开始日期应为 年-月-日，如 2026-11-01' });
  if (t && !isIsoDate(t)) errors.push({ path: 'to', message: '结束日期应为 年-月-日，如 2026-11-30' });
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), errors);
  const toDay = t ?? (f ? addDays(f, defaultDays - 1) : shanghaiDate(now));
  const fromDay = f ?? addDays(toDay, -(defaultDays - 1));
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS) + 1;
  if (days < 1) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
  if (days > MAX_PERIOD_DAYS) throw new AppError('VALIDATION_FAILED', `一次最多查询${MAX_PERIOD_DAYS}天`, [{ path: 'to', message: `一次最多查询${MAX_PERIOD_DAYS}天` }]);
  return { from: fromDay, to: toDay, start: shanghaiMidnight(fromDay), end: shanghaiMidnight(addDays(toDay, 1)) };
}

/** The default period (when the query is unusable): the 30 days ending today. */
export const defaultPeriod = (now: Date) => parsePeriod(undefined, undefined, now);

/**
 * The area a staff member asked for (their own when none): unknown codes are 422
 * REGION_UNKNOWN, codes outside their scope 403.
 */
export async function staffArea(services: Services, scope: string, requested: string | undefined): Promise<RegionInfo> {
  const code = requested?.trim() || scope;
  const region = /^\d{6}(\d{3})?$/.test(code) ? await services.regions.get(code) : undefined;
  if (!region) throw new AppError('REGION_UNKNOWN', '没有找到这个地区', [{ path: 'area', message: '没有找到这个地区' }]);
  if (!(await services.regions.within(code, scope))) throw new AppError('FORBIDDEN', '只能查看本辖区的数据');
  return region;
}

/** The region and every region below it, each with its depth under the root (for indented pickers). */
export async function areaChoices(services: Services, root: string): Promise<Array<RegionInfo & { depth: number }>> {
  const codes = await services.regions.descendants(root);
  const all = await Promise.all(codes.map((c) => services.regions.chain(c)));
  return all
    .map((chain) => ({ ...chain[0]!, depth: chain.findIndex((r) => r.code === root) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
