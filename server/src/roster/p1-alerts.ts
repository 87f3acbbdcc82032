/**
 * P1 alerts: a new P1 case alerts the people on duty now for its team (with the fallback of
 * `onDutyFor`). Triggered by the live hub's `created` change on every instance and, against
 * missed notifications, by a periodic scan (the deadline worker runs it); the dedupe key
 * `p1:<case>:<staff>` makes every path and every instance store each alert once.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import { cases, staffAlerts } from '../db/schema';
import type { Services } from '../platform/context';
import { ALERT_KIND, announceAlerts, writeAlerts } from './alerts';
import { onDutyFor, type OnDuty } from './service';

/** How far back the scan looks for P1 cases never alerted (they escalate after 10 minutes anyway). */
const SCAN_WINDOW_MS = 24 * 3600_000;

/** The alert text: the tracking number and what to do, never personal data. */
function p1Message(trackingNo: string, duty: OnDuty): string {
  const base = `P1紧急申请 ${trackingNo} 等待接单，请立即处理`;
  if (duty.source === 'parent') return `${base}（所属服务队无人值班，请代为处理）`;
  if (duty.source === 'supervisors') return `${base}（服务队无人值班，请安排人员）`;
  return base;
}

/** Alerts the people on duty for one P1 case still waiting for a pickup; returns how many alerts were new. */
export async function alertP1(services: Services, caseId: string, now: Date = services.clock()): Promise<number> {
  const { db } = services.database;
  const [row] = await db
    .select({ id: cases.id, teamId: cases.teamId, trackingNo: cases.trackingNo, priority: cases.priority, status: cases.status, claimedBy: cases.claimedBy })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row || row.priority !== 'P1' || row.status !== 'assigned' || row.claimedBy) return 0;
  const duty = await onDutyFor(services, row.teamId, now);
  if (!duty.staff.length) {
    services.logger.debug({ caseId: row.id, teamId: row.teamId }, 'P1 case: nobody to alert (it escalates after 10 minutes)');
    return 0;
  }
  const message = p1Message(row.trackingNo, duty);
  const inserted = await db.transaction(async (tx) => {
    const rows = await writeAlerts(
      tx,
      duty.staff.map((s) => ({ staffId: s.id, caseId: row.id, kind: ALERT_KIND.p1, message, dedupeKey: `p1:${row.id}:${s.id}` })),
      now,
    );
    if (rows.length)
      await recordAudit(
        tx,
        { actorKind: 'system', action: 'alert.p1', subjectType: 'case', subjectId: row.id, detail: { trackingNo: row.trackingNo, source: duty.source, teamId: duty.team?.id ?? null, staffIds: rows.map((r) => r.staffId) } },
        now,
      );
    return rows.length;
  });
  if (inserted) await announceAlerts(services, row);
  return inserted;
}

/** Alerts P1 cases of the last day that are assigned, unclaimed and were never alerted; returns new alerts. */
export async function scanP1Alerts(services: Services, now: Date = services.clock(), limit = 50): Promise<number> {
  const pending = await services.database.db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.priority, 'P1'),
        eq(cases.status, 'assigned'),
        isNull(cases.claimedBy),
        gt(cases.createdAt, new Date(now.getTime() - SCAN_WINDOW_MS)),
        sql`not exists (select 1 from ${staffAlerts} where ${staffAlerts.caseId} = ${cases.id} and ${staffAlerts.kind} = ${ALERT_KIND.p1})`,
      ),
    )
    .orderBy(asc(cases.createdAt))
    .limit(limit);
  let n = 0;
  for (const c of pending)
    n += await alertP1(services, c.id, now).catch((err: Error) => {
      services.logger.error({ err: err.message, caseId: c.id }, 'P1 alert failed');
      return 0;
    });
  return n;
}

/** Listens for new P1 cases on the live hub and alerts at once; `stop()` unsubscribes and waits for alerts in flight. */
export function startP1Alerts(services: Services): { stop(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  const unsubscribe = services.live.subscribe((change) => {
    // New P1 cases, and cases an operator raised to P1 while on the phone.
    if ((change.kind !== 'created' && change.kind !== 'hotline_urgent') || change.priority !== 'P1') return;
    const p = alertP1(services, change.caseId)
      .catch((err: Error) => services.logger.error({ err: err.message, caseId: change.caseId }, 'P1 alert failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  });
  return {
    stop: async () => {
      unsubscribe();
      await Promise.all([...inFlight]);
    },
  };
}
