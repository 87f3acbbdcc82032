/**
 * Staff alerts: a P1 case for the members on duty, a deadline breach for the supervisors.
 * Each row has a unique dedupe key (what × whom), so several instances writing the same
 * alert at once store it once. New alerts are announced on `CASE_CHANNEL` with kind
 * `staff_alert`: the queue page's existing stream refreshes on it, and the page fetches the
 * staff member's own banner from `/staff/roster/alerts` (never the alert text in the event).
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { CASE_CHANNEL } from '../cases/service';
import type { Db } from '../db/client';
import { cases, staffAlerts } from '../db/schema';
import type { Services } from '../platform/context';

export const ALERT_KIND = {
  /** A P1 case waits for a pickup: sent to the people on duty. */
  p1: 'p1_case',
  /** A deadline was missed or a claim left idle: sent to the area's supervisors and the county team on duty. */
  breach: 'deadline_breach',
} as const;

export interface NewAlert {
  staffId: string;
  caseId: string | null;
  kind: string;
  message: string;
  dedupeKey: string;
}

export interface AlertItem {
  id: number;
  kind: string;
  message: string;
  createdAt: Date;
  trackingNo: string | null;
  priority: string | null;
}

/** Stores alerts, skipping any whose dedupe key exists; returns the rows this call inserted. */
export async function writeAlerts(db: Db, alerts: NewAlert[], now: Date): Promise<Array<{ id: number; staffId: string }>> {
  if (!alerts.length) return [];
  return db
    .insert(staffAlerts)
    .values(alerts.map((a) => ({ ...a, createdAt: now })))
    .onConflictDoNothing({ target: staffAlerts.dedupeKey })
    .returning({ id: staffAlerts.id, staffId: staffAlerts.staffId });
}

/** The staff member's unread alerts, newest first. */
export async function unreadAlerts(db: Db, staffId: string, limit = 20): Promise<AlertItem[]> {
  return db
    .select({
      id: staffAlerts.id, kind: staffAlerts.kind, message: staffAlerts.message, createdAt: staffAlerts.createdAt,
      trackingNo: cases.trackingNo, priority: cases.priority,
    })
    .from(staffAlerts)
    .leftJoin(cases, eq(cases.id, staffAlerts.caseId))
    .where(and(eq(staffAlerts.staffId, staffId), isNull(staffAlerts.readAt)))
    .orderBy(desc(staffAlerts.createdAt), desc(staffAlerts.id))
    .limit(limit);
}

/** Marks the staff member's alerts read (the given ids, or all); returns how many changed. */
export async function markAlertsRead(db: Db, staffId: string, now: Date, ids?: number[]): Promise<number> {
  if (ids && !ids.length) return 0;
  const rows = await db
    .update(staffAlerts)
    .set({ readAt: now })
    .where(and(eq(staffAlerts.staffId, staffId), isNull(staffAlerts.readAt), ...(ids ? [inArray(staffAlerts.id, ids)] : [])))
    .returning({ id: staffAlerts.id });
  return rows.length;
}

/** Tells every instance's live streams that alerts were written for a case (no alert text in the event). */
export async function announceAlerts(services: Services, c: { id: string; teamId: string; trackingNo: string; priority: string; status: string }) {
  await services
    .publish(CASE_CHANNEL, { caseId: c.id, teamId: c.teamId, trackingNo: c.trackingNo, priority: c.priority, status: c.status, kind: 'staff_alert' })
    .catch((err: Error) => services.logger.warn({ err: err.message }, 'alert not announced'));
}
