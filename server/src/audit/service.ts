import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  actorKind: 'staff' | 'resident' | 'system';
  actorId?: string | null;
  actorName?: string | null;
  /** e.g. `case.view_personal`, `case.claim`, `staff.login_failed`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  ip?: string | null;
  /** Non-personal facts only (codes, ids, amounts). */
  detail?: Record<string, unknown> | null;
}

const GENESIS = 'genesis';
/** Serialises appends so the chain has one order across instances. */
const AUDIT_LOCK = 0x45_52_41_55; // "ERAU"

type Row = typeof auditLog.$inferSelect;

/** JSON with object keys sorted: jsonb gives keys back in its own order, so hash a canonical form. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

/** The hash of one row over its content and the previous row's hash. */
export function rowHash(prevHash: string, r: Pick<Row, 'at' | 'actorKind' | 'actorId' | 'actorName' | 'action' | 'subjectType' | 'subjectId' | 'ip' | 'detail'>): string {
  const content = JSON.stringify([
    prevHash, r.at.toISOString(), r.actorKind, r.actorId ?? null, r.actorName ?? null, r.action, r.subjectType, r.subjectId ?? null, r.ip ?? null, canonical(r.detail ?? null),
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends one entry to the hash-chained audit trail (inside the caller's transaction if given one). */
export async function recordAudit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  const append = async (tx: Db) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const prevHash = last?.hash ?? GENESIS;
    const row = {
      at: now,
      actorKind: entry.actorKind,
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? null,
    };
    await tx.insert(auditLog).values({ ...row, prevHash, hash: rowHash(prevHash, row) });
  };
  // A transaction handle has no `transaction`-less path: nesting makes a savepoint, which is fine.
  await db.transaction(append);
}

/** Walks the whole chain; returns the first broken row id, or null when every link holds. */
export async function verifyAuditChain(db: Db): Promise<{ ok: boolean; rows: number; brokenAt: number | null }> {
  let prev = GENESIS;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(1000);
    if (!batch.length) return { ok: true, rows, brokenAt: null };
    for (const r of batch) {
      if (r.prevHash !== prev || rowHash(prev, r) !== r.hash) return { ok: false, rows, brokenAt: r.id };
      prev = r.hash;
      lastId = r.id;
      rows++;
    }
  }
}
