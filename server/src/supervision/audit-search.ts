/**
 * Searching the audit trail for the auditor's page.
 *
 * Scope (DESIGN.md: staff see only their area): an entry is shown when its subject is a case
 * of the auditor's area, when its actor or subject is a staff user of that area, or when it
 * names nobody (a failed login with an unknown username). The chain itself is global.
 */
import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, cases, staffUsers } from '../db/schema';
import type { Services } from '../platform/context';
import type { StaffUser } from '../staff/auth';
import type { Period } from './period';

export interface AuditFilter {
  /** Username, actor id, or part of the actor's display name. */
  actor?: string | undefined;
  /** An exact action (`case.claim`) or a family (`case` matches every `case.*`). */
  action?: string | undefined;
  /** A tracking number (its case), or a subject id. */
  subject?: string | undefined;
  period?: Period | undefined;
  page?: number;
}

export type AuditRow = typeof auditLog.$inferSelect & { trackingNo: string | null };

export const AUDIT_PAGE_SIZE = 50;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** One page of matching entries, newest first, with the total and the cases' tracking numbers. */
export async function searchAudit(services: Services, staff: StaffUser, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
  const { db } = services.database;
  const area = await services.regions.descendants(staff.areaCode);
  const areaCases = db.select({ id: sql`${cases.id}::text` }).from(cases).where(inArray(cases.regionCode, area.length ? area : ['-']));
  const areaStaff = db.select({ id: sql`${staffUsers.id}::text` }).from(staffUsers).where(inArray(staffUsers.areaCode, area.length ? area : ['-']));
  const conditions: SQL[] = [
    or(
      and(eq(auditLog.subjectType, 'case'), inArray(auditLog.subjectId, areaCases)),
      and(eq(auditLog.subjectType, 'staff_user'), inArray(auditLog.subjectId, areaStaff)),
      inArray(auditLog.actorId, areaStaff),
      and(sql`${auditLog.actorId} is null`, sql`${auditLog.subjectId} is null`),
    )!,
  ];
  const actor = filter.actor?.trim();
  if (actor) {
    const byUsername = db.select({ id: sql`${staffUsers.id}::text` }).from(staffUsers).where(eq(staffUsers.username, actor));
    conditions.push(or(eq(auditLog.actorId, actor), inArray(auditLog.actorId, byUsername), sql`${auditLog.actorName} ilike ${`%${escapeLike(actor)}%`}`)!);
  }
  const action = filter.action?.trim();
  if (action) conditions.push(or(eq(auditLog.action, action), like(auditLog.action, `${escapeLike(action)}.%`))!);
  const subject = filter.subject?.trim();
  if (subject) {
    const byTracking = db.select({ id: sql`${cases.id}::text` }).from(cases).where(eq(cases.trackingNo, subject));
    conditions.push(or(eq(auditLog.subjectId, subject), inArray(auditLog.subjectId, byTracking), sql`${auditLog.detail}->>'trackingNo' = ${subject}`)!);
  }
  if (filter.period) conditions.push(gte(auditLog.at, filter.period.start), lt(auditLog.at, filter.period.end));
  const where = and(...conditions);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const total = Number(count?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE);
  const caseIds = [...new Set(rows.filter((r) => r.subjectType === 'case' && r.subjectId && /^[0-9a-f-]{36}$/.test(r.subjectId)).map((r) => r.subjectId!))];
  const tracking = new Map(
    caseIds.length ? (await db.select({ id: cases.id, no: cases.trackingNo }).from(cases).where(inArray(cases.id, caseIds))).map((r) => [r.id, r.no]) : [],
  );
  return { rows: rows.map((r) => ({ ...r, trackingNo: (r.subjectId && tracking.get(r.subjectId)) ?? null })), total, page, pages };
}
