/**
 * The supervisor's dashboard: what happened to the cases filed in an area during a period.
 *
 * Decisions (DESIGN.md is silent on them):
 * - The cohort is the cases *filed* (created_at) in the period, in Shanghai days, located in
 *   the area or below it. Every figure describes that one cohort, so the numbers add up.
 * - First contact: met when `first_contact_at <= first_contact_due`; missed when it came
 *   later, or never came and the deadline passed while the case was open (for a case that
 *   is no longer open, "while open" ends at its last change). Otherwise pending (open, not
 *   yet due) or not applicable (withdrawn or closed before it was due).
 * - Decision: the first approve or reject event against `decision_due`, by the same rules.
 * - Time to first contact: minutes from filing to first contact, over the cases contacted;
 *   median and 90th percentile by linear interpolation (PostgreSQL's percentile_cont).
 * - Money paid: pre-rescue amounts, plus the approved amount of cases that have a `pay` event.
 * - Figures are derived from `cases` and `case_events` only (not `deadline_breaches`).
 */
import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import { caseStatuses, priorities, type CaseStatus, type Priority } from '../../../shared/src/contract/enums';
import { caseEvents, cases } from '../db/schema';
import type { Services } from '../platform/context';
import type { RegionInfo } from '../regions/service';
import type { Period } from './period';

export type DeadlineOutcome = 'met' | 'missed' | 'pending' | 'na';
export type DeadlineCounts = Record<DeadlineOutcome, number>;

export interface Metrics {
  cases: number;
  byStatus: Record<CaseStatus, number>;
  byPriority: Record<Priority, number>;
  firstContact: DeadlineCounts;
  decision: DeadlineCounts;
  /** Minutes from filing to first contact, over the cases contacted. */
  minutesToFirstContact: { count: number; median: number | null; p90: number | null };
  /** Yuan. */
  money: { preRescue: number; approvedPaid: number; total: number };
}

export interface AreaRow {
  code: string;
  name: string;
  /** True for cases located only to the chosen area itself (e.g. a county without a township). */
  self: boolean;
  metrics: Metrics;
}

export interface Dashboard {
  area: RegionInfo;
  period: Period;
  /** The instant the figures were computed at (pending vs missed depends on it). */
  asOf: Date;
  totals: Metrics;
  /** One row per region directly below the area that has cases (plus the area itself when it has some). */
  rows: AreaRow[];
}

/** One case reduced to what the figures need: no personal data is read. */
export interface CaseFacts {
  regionCode: string;
  status: CaseStatus;
  priority: Priority;
  createdAt: Date;
  updatedAt: Date;
  firstContactDue: Date;
  firstContactAt: Date | null;
  decisionDue: Date;
  decidedAt: Date | null;
  preRescueAmount: number | null;
  approvedAmount: number | null;
  paid: boolean;
}

const NOT_OPEN: readonly CaseStatus[] = ['closed', 'rejected', 'withdrawn'];

/** percentile_cont: linear interpolation between the closest ranks of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Whether a deadline was met, missed, is still pending, or never applied. */
export function deadlineOutcome(due: Date, doneAt: Date | null, open: boolean, lastChange: Date, now: Date): DeadlineOutcome {
  if (doneAt) return doneAt.getTime() <= due.getTime() ? 'met' : 'missed';
  const until = open ? now : lastChange;
  if (due.getTime() < until.getTime()) return 'missed';
  return open ? 'pending' : 'na';
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const fen = (yuan: number | null) => (yuan === null ? 0 : Math.round(yuan * 100));

/** The figures of a set of cases at the instant `now`. */
export function metricsOf(facts: readonly CaseFacts[], now: Date): Metrics {
  const m: Metrics = {
    cases: facts.length,
    byStatus: zero(caseStatuses),
    byPriority: zero(priorities),
    firstContact: zero(['met', 'missed', 'pending', 'na'] as const),
    decision: zero(['met', 'missed', 'pending', 'na'] as const),
    minutesToFirstContact: { count: 0, median: null, p90: null },
    money: { preRescue: 0, approvedPaid: 0, total: 0 },
  };
  const minutes: number[] = [];
  let preFen = 0;
  let paidFen = 0;
  for (const f of facts) {
    const open = !NOT_OPEN.includes(f.status);
    m.byStatus[f.status]++;
    m.byPriority[f.priority]++;
    m.firstContact[deadlineOutcome(f.firstContactDue, f.firstContactAt, open, f.updatedAt, now)]++;
    m.decision[deadlineOutcome(f.decisionDue, f.decidedAt, open, f.updatedAt, now)]++;
    if (f.firstContactAt) minutes.push((f.firstContactAt.getTime() - f.createdAt.getTime()) / 60_000);
    preFen += fen(f.preRescueAmount);
    if (f.paid) paidFen += fen(f.approvedAmount);
  }
  minutes.sort((a, b) => a - b);
  m.minutesToFirstContact = { count: minutes.length, median: percentile(minutes, 0.5), p90: percentile(minutes, 0.9) };
  m.money = { preRescue: preFen / 100, approvedPaid: paidFen / 100, total: (preFen + paidFen) / 100 };
  return m;
}

const epoch = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v) * 1000));

/** The cases filed in the period in the given regions, reduced to their facts. */
export async function caseFacts(services: Services, regionCodes: string[], period: Period): Promise<CaseFacts[]> {
  if (!regionCodes.length) return [];
  // Epoch seconds rather than timestamps from the subqueries: both drivers return them the same way.
  const decided = sql<string | null>`(select extract(epoch from min(e.at)) from ${caseEvents} e where e.case_id = cases.id and e.action in ('approve', 'reject'))`;
  const paid = sql<boolean>`exists (select 1 from ${caseEvents} e where e.case_id = cases.id and e.action = 'pay')`;
  const rows = await services.database.db
    .select({
      regionCode: cases.regionCode, status: cases.status, priority: cases.priority, createdAt: cases.createdAt, updatedAt: cases.updatedAt,
      firstContactDue: cases.firstContactDue, firstContactAt: cases.firstContactAt, decisionDue: cases.decisionDue,
      preRescueAmount: cases.preRescueAmount, approvedAmount: cases.approvedAmount, decided, paid,
    })
    .from(cases)
    .where(and(inArray(cases.regionCode, regionCodes), gte(cases.createdAt, period.start), lt(cases.createdAt, period.end)));
  return rows.map(({ decided: d, paid: p, preRescueAmount, approvedAmount, ...r }) => ({
    ...r,
    decidedAt: epoch(d),
    paid: p === true || (p as unknown) === 't',
    preRescueAmount: preRescueAmount === null ? null : Number(preRescueAmount),
    approvedAmount: approvedAmount === null ? null : Number(approvedAmount),
  }));
}

/** The dashboard of an area (already checked against the caller's scope) for a period. */
export async function computeDashboard(services: Services, area: RegionInfo, period: Period): Promise<Dashboard> {
  const now = services.clock();
  const facts = await caseFacts(services, await services.regions.descendants(area.code), period);
  // Group each case under the region directly below the area on its path (or the area itself).
  const groups = new Map<string, { region: RegionInfo; self: boolean; facts: CaseFacts[] }>();
  for (const f of facts) {
    const chain = await services.regions.chain(f.regionCode);
    const child = chain.find((r) => r.parentCode === area.code);
    const region = child ?? area;
    const g = groups.get(region.code) ?? { region, self: !child, facts: [] };
    g.facts.push(f);
    groups.set(region.code, g);
  }
  const rows = [...groups.values()]
    .sort((a, b) => Number(a.self) - Number(b.self) || a.region.code.localeCompare(b.region.code))
    .map((g) => ({ code: g.region.code, name: g.region.name, self: g.self, metrics: metricsOf(g.facts, now) }));
  return { area, period, asOf: now, totals: metricsOf(facts, now), rows };
}
