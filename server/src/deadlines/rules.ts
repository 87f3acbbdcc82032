/**
 * Which deadlines a case has missed at an instant (pure: the worker passes the row, the
 * claimer's last activity and `now`).
 *
 * Decisions where the docs are silent:
 * - P1 pickup: a P1 case still `assigned` with nobody's claim 10 minutes after filing.
 * - first contact is made once `first_contact_at` is set, or the case has moved past the
 *   contact step (any status other than submitted, assigned, transferred, escalated: a team
 *   that went straight to the visit has met the resident).
 * - pre-rescue (only where `pre_rescue_due` is set) is made once an amount was paid, or the
 *   case was approved or paid (the decision's payment replaces the advance).
 * - the decision is made once the case is approved, paid, rejected or closed.
 * - a claim is idle when the claimer has recorded nothing on the case (the claim itself
 *   counts) for: P1 2 hours, P2 24 hours, P3 3 working days. Only statuses the claimer works
 *   on are watched (assigned, contacted, visiting, pre-rescue paid, escalated); awaiting
 *   materials waits for the resident and under review for the reviewer.
 * - closed, rejected and withdrawn cases are never watched.
 * Each breach has a dedupe key: `<case>:<kind>`, and for idle claims `<case>:idle_claim:<claimed at ms>`
 * (a later claim of the same case can be idle again and is a breach of its own).
 */
import { actionRules } from '../../../shared/src/cases/state-machine';
import { addHours, addWorkingDays } from '../../../shared/src/calendar/working-days';
import type { CaseStatus, Priority } from '../../../shared/src/contract/enums';

export const breachKinds = ['p1_unclaimed', 'first_contact', 'pre_rescue', 'decision', 'idle_claim'] as const;
export type BreachKind = (typeof breachKinds)[number];

/** Plain-Chinese names of the breaches, for alerts and pages. */
export const breachLabels: Record<BreachKind, string> = {
  p1_unclaimed: 'P1紧急申请10分钟无人接单',
  first_contact: '超过首次联系期限',
  pre_rescue: '超过先行救助期限',
  decision: '超过办结期限',
  idle_claim: '接单后长时间未办理',
};

/** A P1 case must be claimed within this long after filing. */
export const P1_PICKUP_MS = 10 * 60_000;
/** How long a claim may stay without any entry by the claimer. */
export const idleLimit = { P1: { hours: 2 }, P2: { hours: 24 }, P3: { workingDays: 3 } } as const satisfies Record<Priority, { hours: number } | { workingDays: number }>;

export const NOT_OPEN: readonly CaseStatus[] = ['closed', 'rejected', 'withdrawn'];
export const BEFORE_CONTACT: readonly CaseStatus[] = ['submitted', 'assigned', 'transferred', 'escalated'];
export const PAID_BY_DECISION: readonly CaseStatus[] = ['approved', 'paid'];
export const IDLE_WATCHED: readonly CaseStatus[] = ['assigned', 'contacted', 'visiting', 'pre_rescue_paid', 'escalated'];

export interface WatchedCase {
  id: string;
  status: CaseStatus;
  priority: Priority;
  createdAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  firstContactAt: Date | null;
  firstContactDue: Date;
  preRescueDue: Date | null;
  preRescueAmount: number | null;
  decisionDue: Date;
}

export interface Breach {
  kind: BreachKind;
  dueAt: Date;
  dedupeKey: string;
}

/** When a claim whose last activity was at `last` becomes idle. */
export function idleDueAt(priority: Priority, last: Date): Date {
  const limit = idleLimit[priority];
  return 'hours' in limit ? addHours(last, limit.hours) : addWorkingDays(last, limit.workingDays);
}

/** True when the state machine lets the system escalate from this status. */
export const systemCanEscalate = (status: CaseStatus) => actionRules.escalate.from.includes(status) && actionRules.escalate.actors.includes('system');

/** The breaches of a case at `now`, in the order the worker handles them. `lastByClaimer`: the claimer's latest event. */
export function dueBreaches(c: WatchedCase, lastByClaimer: Date | null, now: Date): Breach[] {
  if (NOT_OPEN.includes(c.status)) return [];
  const out: Breach[] = [];
  const add = (kind: BreachKind, dueAt: Date, key = `${c.id}:${kind}`) => {
    if (dueAt.getTime() <= now.getTime()) out.push({ kind, dueAt, dedupeKey: key });
  };
  if (c.priority === 'P1' && c.status === 'assigned' && !c.claimedBy) add('p1_unclaimed', new Date(c.createdAt.getTime() + P1_PICKUP_MS));
  if (!c.firstContactAt && BEFORE_CONTACT.includes(c.status)) add('first_contact', c.firstContactDue);
  if (c.preRescueDue && c.preRescueAmount == null && !PAID_BY_DECISION.includes(c.status)) add('pre_rescue', c.preRescueDue);
  if (!PAID_BY_DECISION.includes(c.status)) add('decision', c.decisionDue);
  if (c.claimedBy && IDLE_WATCHED.includes(c.status)) {
    const claimedAt = c.claimedAt ?? c.createdAt;
    const last = lastByClaimer && lastByClaimer > claimedAt ? lastByClaimer : claimedAt;
    add('idle_claim', idleDueAt(c.priority, last), `${c.id}:idle_claim:${claimedAt.getTime()}`);
  }
  return out;
}
