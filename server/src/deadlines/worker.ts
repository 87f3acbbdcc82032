import { and, asc, eq, inArray, isNotNull, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import { insertEvent, type CaseRow } from '../cases/repo';
import { CASE_CHANNEL, recordTransition } from '../cases/service';
import type { Db } from '../db/client';
import { caseEvents, cases, deadlineBreaches } from '../db/schema';
import type { Services } from '../platform/context';
import { ALERT_KIND, writeAlerts, type NewAlert } from '../roster/alerts';
import { scanP1Alerts } from '../roster/p1-alerts';
import { areaSupervisors, onDutyNow, type Person } from '../roster/service';
import { escalationTeam } from '../staff/case-work';
import {
  BEFORE_CONTACT, breachKinds, breachLabels, dueBreaches, IDLE_WATCHED, NOT_OPEN, P1_PICKUP_MS, PAID_BY_DECISION, systemCanEscalate, type Breach,
} from './rules';

export interface DeadlineWorkerOptions {
  /** Cases examined per run. */
  batchSize?: number;
  intervalMs?: number;
}

export interface DeadlineRun {
  /** New P1 alerts written by the scan. */
  alerts: number;
  /** Breaches recorded by this run. */
  breaches: number;
  /** Cases this run escalated. */
  escalated: number;
  /** Claims this run took back (idle, or cleared by an escalation). */
  released: number;
}

const SYSTEM = { kind: 'system' } as const;

// The claimer's latest event on the case (the claim itself is one), mapped to a Date on both drivers.
// Raw names on purpose: in a single-table select drizzle leaves columns unqualified, which the subqueries would misread.
const lastByClaimer = sql<Date | null>`(select max(ce.at) from case_events ce where ce.case_id = "cases"."id" and ce.actor_id = "cases"."claimed_by"::text)`.mapWith(cases.claimedAt);
const notRecorded = (kind: string) => sql`not exists (select 1 from deadline_breaches db where db.dedupe_key = "cases"."id"::text || ${`:${kind}`})`;
const priorityRank = sql`case ${cases.priority} when 'P1' then 1 when 'P2' then 2 else 3 end`;

/**
 * The deadline watch. Each run alerts P1 cases nobody was alerted for, then finds cases past
 * a deadline or claimed and left idle (rules.ts). Each case is handled in a short
 * transaction that takes its row with `FOR UPDATE SKIP LOCKED` (a row another worker or a
 * staff action holds is left for the next run), checks again, and records each breach by
 * inserting its unique dedupe key: only the transaction whose insert succeeds escalates to
 * the county team, takes back an idle claim, alerts the area's supervisors and writes the
 * audit entries. So every breach is handled exactly once however many instances run.
 */
export class DeadlineWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly opts: Required<DeadlineWorkerOptions>;

  constructor(
    private readonly services: Services,
    opts: DeadlineWorkerOptions = {},
  ) {
    this.opts = { batchSize: 50, intervalMs: 15_000, ...opts };
  }

  /** Cases that may have an unrecorded breach, most urgent first (a cheap pre-filter; rules.ts decides). */
  private async candidates(now: Date) {
    const nowTs = sql`${now.toISOString()}::timestamptz`;
    const idleSince = sql`greatest(${cases.claimedAt}, ${lastByClaimer})`;
    const idleFloor = sql`${nowTs} - case ${cases.priority} when 'P1' then interval '2 hours' when 'P2' then interval '24 hours' else interval '72 hours' end`;
    const due: SQL[] = [
      and(eq(cases.priority, 'P1'), eq(cases.status, 'assigned'), isNull(cases.claimedBy), lte(cases.createdAt, new Date(now.getTime() - P1_PICKUP_MS)), notRecorded('p1_unclaimed'))!,
      and(isNull(cases.firstContactAt), inArray(cases.status, [...BEFORE_CONTACT]), lte(cases.firstContactDue, now), notRecorded('first_contact'))!,
      and(isNotNull(cases.preRescueDue), isNull(cases.preRescueAmount), notInArray(cases.status, [...PAID_BY_DECISION]), lte(cases.preRescueDue, now), notRecorded('pre_rescue'))!,
      and(notInArray(cases.status, [...PAID_BY_DECISION]), lte(cases.decisionDue, now), notRecorded('decision'))!,
      and(isNotNull(cases.claimedBy), inArray(cases.status, [...IDLE_WATCHED]), sql`${idleSince} <= ${idleFloor}`)!,
    ];
    return this.services.database.db
      .select({ row: cases, last: lastByClaimer })
      .from(cases)
      .where(and(notInArray(cases.status, [...NOT_OPEN]), or(...due)))
      .orderBy(priorityRank, asc(cases.createdAt))
      .limit(this.opts.batchSize);
  }

  /** Handles the unrecorded breaches of one case in one transaction; returns what it did. */
  private async handleCase(caseId: string, now: Date): Promise<Omit<DeadlineRun, 'alerts'>> {
    const { db } = this.services.database;
    const done = { breaches: 0, escalated: 0, released: 0 };
    const changes: Array<Record<string, unknown>> = [];
    // Region look-ups inside the transaction must hit a warm cache: on PGlite (one connection)
    // a reload through the pool would wait for this very transaction.
    await this.services.regions.all();
    await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
      if (!locked) return;
      let row = locked;
      for (const kind of breachKinds) {
        const breach = dueBreaches(row, await this.lastActivity(tx, row), now).find((b) => b.kind === kind);
        if (!breach) continue;
        const [recorded] = await tx
          .insert(deadlineBreaches)
          .values({ caseId: row.id, kind, dueAt: breach.dueAt, detectedAt: now, dedupeKey: breach.dedupeKey })
          .onConflictDoNothing({ target: deadlineBreaches.dedupeKey })
          .returning({ id: deadlineBreaches.id });
        if (!recorded) continue;
        done.breaches++;
        const acted = await this.act(tx, row, breach, now);
        if (acted.escalatedTo) done.escalated++;
        if (acted.released) done.released++;
        const [after] = await tx.select().from(cases).where(eq(cases.id, caseId));
        if (!after) return;
        row = after;
        const kindOf = acted.escalatedTo ? 'escalate' : 'staff_alert';
        for (const teamId of new Set([locked.teamId, row.teamId]))
          changes.push({ caseId: row.id, teamId, trackingNo: row.trackingNo, priority: row.priority, status: row.status, kind: kindOf });
      }
    });
    for (const change of changes) await this.services.publish(CASE_CHANNEL, change).catch(() => {});
    return done;
  }

  /** The claimer's latest event on the case, or null. */
  private async lastActivity(tx: Db, row: CaseRow): Promise<Date | null> {
    if (!row.claimedBy) return null;
    const [r] = await tx
      .select({ at: sql<Date | null>`max(${caseEvents.at})`.mapWith(caseEvents.at) })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.actorId, row.claimedBy)));
    return r?.at ?? null;
  }

  /**
   * What a newly recorded breach sets off: escalation to the county team when the state
   * machine allows it (an idle claim is taken back with it), or else for an idle claim a
   * plain take-back event; alerts to the area's supervisors, the receiving team's members on
   * duty and the claimer who lost the case; the audit entries.
   */
  private async act(tx: Db, row: CaseRow, breach: Breach, now: Date): Promise<{ escalatedTo?: { id: string; name: string }; released: boolean }> {
    const { services } = this;
    const label = breachLabels[breach.kind];
    const above = systemCanEscalate(row.status) ? await escalationTeam(services, row, tx).catch(() => undefined) : undefined;
    const target = above && above.id !== row.teamId ? above : undefined; // a city team has nobody above it
    const releasedClaimOf = breach.kind === 'idle_claim' || target ? row.claimedBy : null;
    if (target) {
      await recordTransition(tx, services.vault, row, 'escalate', SYSTEM, now, {
        set: { teamId: target.id, claimedBy: null, claimedAt: null },
        data: { teamId: target.id, from: row.teamId, breach: breach.kind, ...(releasedClaimOf ? { releasedClaimOf } : {}) },
      });
    } else if (releasedClaimOf) {
      await tx.update(cases).set({ claimedBy: null, claimedAt: null, updatedAt: now, version: row.version + 1 }).where(eq(cases.id, row.id));
      await insertEvent(tx, {
        caseId: row.id, at: now, actorKind: 'system', actorId: null, action: 'release_claim', fromStatus: row.status, toStatus: row.status,
        title: '超时未办理，已收回接单', data: { breach: breach.kind, releasedClaimOf }, visibleToResident: false,
      });
    }

    const recipients = new Map<string, Person>();
    for (const p of await areaSupervisors(services, row.regionCode, tx)) recipients.set(p.id, p);
    if (target) for (const p of await onDutyNow(tx, target.id, now)) recipients.set(p.id, p);
    const text = `${row.trackingNo} ${label}${target ? `，已上报${target.name}` : ''}${releasedClaimOf ? '，已收回接单' : ''}`;
    const alerts: NewAlert[] = [...recipients.values()].map((p) => ({ staffId: p.id, caseId: row.id, kind: ALERT_KIND.breach, message: text, dedupeKey: `breach:${breach.dedupeKey}:${p.id}` }));
    if (releasedClaimOf && !recipients.has(releasedClaimOf))
      alerts.push({ staffId: releasedClaimOf, caseId: row.id, kind: ALERT_KIND.breach, message: `${row.trackingNo} ${label}，已收回您的接单`, dedupeKey: `breach:${breach.dedupeKey}:${releasedClaimOf}` });
    await writeAlerts(tx, alerts, now);

    const subject = { actorKind: 'system' as const, subjectType: 'case', subjectId: row.id };
    await recordAudit(tx, { ...subject, action: 'deadline.breach', detail: { trackingNo: row.trackingNo, kind: breach.kind, dueAt: breach.dueAt.toISOString(), escalatedTo: target?.id ?? null, releasedClaimOf } }, now);
    if (target) await recordAudit(tx, { ...subject, action: 'case.escalate', detail: { trackingNo: row.trackingNo, from: row.status, to: 'escalated', teamId: target.id, reason: breach.kind } }, now);
    if (releasedClaimOf) await recordAudit(tx, { ...subject, action: 'case.release_claim', detail: { trackingNo: row.trackingNo, staffId: releasedClaimOf, reason: breach.kind } }, now);
    return { ...(target ? { escalatedTo: target } : {}), released: !!releasedClaimOf };
  }

  /** One pass: P1 alerts, then breaches; safe to run concurrently on several instances. */
  async runOnce(): Promise<DeadlineRun> {
    const now = this.services.clock();
    const run: DeadlineRun = { alerts: await scanP1Alerts(this.services, now), breaches: 0, escalated: 0, released: 0 };
    const found = await this.candidates(now);
    const recorded = new Set(
      found.length
        ? (await this.services.database.db.select({ key: deadlineBreaches.dedupeKey }).from(deadlineBreaches).where(inArray(deadlineBreaches.caseId, found.map((f) => f.row.id)))).map((r) => r.key)
        : [],
    );
    for (const { row, last } of found) {
      // The pre-filter also matches claims still in use: skip cases with nothing new without a transaction.
      if (!dueBreaches(row, last, now).some((b) => !recorded.has(b.dedupeKey))) continue;
      const done = await this.handleCase(row.id, now).catch((err: Error) => {
        // One bad case must not hold up the others; it is tried again next run.
        this.services.logger.error({ err: err.message, caseId: row.id }, 'deadline check failed');
        return { breaches: 0, escalated: 0, released: 0 };
      });
      run.breaches += done.breaches;
      run.escalated += done.escalated;
      run.released += done.released;
    }
    return run;
  }

  /** Polls in the background until `stop()`. */
  start() {
    const tick = async () => {
      this.running = this.runOnce().catch((err: Error) => this.services.logger.error({ err: err.message }, 'deadline worker failed'));
      await this.running;
      if (this.timer !== undefined) this.timer = setTimeout(tick, this.opts.intervalMs);
    };
    this.timer = setTimeout(tick, this.opts.intervalMs);
  }

  /** Stops polling and waits for a run in progress. */
  async stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
