/**
 * The public notice (公示) of temporary assistance granted: who (masked), where (township),
 * how much, when approved. Nothing else about the household is read out of the sealed data.
 *
 * Decisions: a case is listed when it was approved (its latest `approve` event) within the
 * period and is still approved, paid or closed afterwards with an approved amount; a case
 * rejected on a later re-check drops out. The date shown is the approval day in Shanghai.
 */
import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../shared/src/dates';
import { maskIdNumber, maskName } from '../../../shared/src/id/mask';
import type { PersonalData } from '../applications/service';
import { caseEvents, cases } from '../db/schema';
import type { Services } from '../platform/context';
import type { RegionInfo } from '../regions/service';
import type { Period } from './period';

export interface NoticeItem {
  /** 张*明 */
  name: string;
  /** 6101**********1234 */
  idNumber: string;
  /** The township (or the county when the case is located only to it). */
  township: string;
  amount: number;
  /** Approval day, YYYY-MM-DD (Shanghai). */
  approvedOn: string;
  status: '已批准' | '已发放';
}

/** Most rows one notice page lists; narrow the period or the area for more. */
export const NOTICE_LIMIT = 1000;

/** The notice list of an area (and everything below it) for a period, oldest approval first. */
export async function listNotice(services: Services, area: RegionInfo, period: Period): Promise<{ items: NoticeItem[]; truncated: boolean }> {
  const codes = await services.regions.descendants(area.code);
  if (!codes.length) return { items: [], truncated: false };
  const approvedAt = sql<string>`(select extract(epoch from max(e.at)) from ${caseEvents} e where e.case_id = cases.id and e.action = 'approve')`;
  const paid = sql<boolean>`exists (select 1 from ${caseEvents} e where e.case_id = cases.id and e.action = 'pay')`;
  const rows = await services.database.db
    .select({ regionCode: cases.regionCode, amount: cases.approvedAmount, personalEnc: cases.personalEnc, approvedAt, paid })
    .from(cases)
    .where(
      and(
        inArray(cases.regionCode, codes),
        inArray(cases.status, ['approved', 'paid', 'closed']),
        isNotNull(cases.approvedAmount),
        sql`${approvedAt} >= ${period.start.getTime() / 1000}`,
        sql`${approvedAt} < ${period.end.getTime() / 1000}`,
      ),
    )
    .orderBy(approvedAt, cases.regionCode)
    .limit(NOTICE_LIMIT + 1);
  const names = new Map<string, string>();
  const townshipOf = async (code: string) => {
    if (!names.has(code)) {
      const chain = await services.regions.chain(code);
      names.set(code, (chain.find((r) => r.level === 'township') ?? chain[0])?.name ?? code);
    }
    return names.get(code)!;
  };
  const items: NoticeItem[] = [];
  for (const r of rows.slice(0, NOTICE_LIMIT)) {
    // Only the two fields the notice shows leave this loop, and only masked.
    const personal = services.vault.open<PersonalData>(r.personalEnc);
    items.push({
      name: maskName(personal.name),
      idNumber: maskIdNumber(personal.idNumber),
      township: await townshipOf(r.regionCode),
      amount: Number(r.amount),
      approvedOn: shanghaiDate(new Date(Number(r.approvedAt) * 1000)),
      status: r.paid === true || (r.paid as unknown) === 't' ? '已发放' : '已批准',
    });
  }
  return { items, truncated: rows.length > NOTICE_LIMIT };
}
