import { and, asc, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { CaseStatus } from '../../../shared/src/contract/enums';
import type { Db } from '../db/client';
import { caseEvents, cases, outbox } from '../db/schema';
import { trackingNoPattern } from './tracking';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type NewCaseEvent = typeof caseEvents.$inferInsert;

const CLOSED: CaseStatus[] = ['closed', 'rejected', 'withdrawn'];

/** Inserts a case row. */
export async function insertCase(db: Db, row: NewCase): Promise<CaseRow> {
  const [created] = await db.insert(cases).values(row).returning();
  return created!;
}

/** Appends one event to a case's history and returns it. */
export async function insertEvent(db: Db, event: NewCaseEvent): Promise<CaseEventRow> {
  const [created] = await db.insert(caseEvents).values(event).returning();
  return created!;
}

/** A case by tracking number (anything not shaped like one is simply not found). */
export async function findCaseByTrackingNo(db: Db, trackingNo: string): Promise<CaseRow | undefined> {
  if (!trackingNoPattern.test(trackingNo)) return undefined;
  const [row] = await db.select().from(cases).where(eq(cases.trackingNo, trackingNo));
  return row;
}

/** A case by tracking number, locked for update until the transaction ends. */
export async function lockCaseByTrackingNo(db: Db, trackingNo: string): Promise<CaseRow | undefined> {
  if (!trackingNoPattern.test(trackingNo)) return undefined;
  const [row] = await db.select().from(cases).where(eq(cases.trackingNo, trackingNo)).for('update');
  return row;
}

/** The resident's own cases, newest first. */
export async function listCasesOfResident(db: Db, residentId: string) {
  return db
    .select({
      trackingNo: cases.trackingNo,
      status: cases.status,
      priority: cases.priority,
      hardshipType: cases.hardshipType,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .where(eq(cases.residentId, residentId))
    .orderBy(desc(cases.createdAt));
}

/** A case's events, oldest first. */
export async function listEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

/** Open cases with this ID-number hash, other than `exceptId`. */
export async function openCasesWithIdHash(db: Db, idHash: string) {
  return db
    .select({ id: cases.id, trackingNo: cases.trackingNo, flags: cases.flags })
    .from(cases)
    .where(and(eq(cases.idHash, idHash), notInArray(cases.status, CLOSED)));
}

/** Writes the new status (and any other columns) of a case. */
export async function updateCase(db: Db, id: string, set: Partial<NewCase>) {
  await db.update(cases).set(set).where(eq(cases.id, id));
}

/** Queues an outbound effect; the dedupe key makes a second write of the same effect a no-op. */
export async function enqueueOutbox(db: Db, topic: string, dedupeKey: string, payload: Record<string, unknown>, now: Date) {
  await db.insert(outbox).values({ topic, dedupeKey, payload, nextAttemptAt: now, createdAt: now }).onConflictDoNothing();
}

/** Cases by ids (for flags). */
export async function casesByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(cases).where(inArray(cases.id, ids));
}
