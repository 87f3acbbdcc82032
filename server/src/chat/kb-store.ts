import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { kbEntries } from '../db/schema';
import { parseKbEntries, seedEntries } from './chat.kb';
import type { KbEntry } from './chat.types';

export const KB_CHANGED = 'kb_changed';

/** The newest active version of every entry. */
export async function currentEntries(db: Db): Promise<KbEntry[]> {
  const rows = await db
    .select()
    .from(kbEntries)
    .orderBy(kbEntries.id, desc(kbEntries.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, r);
  return parseKbEntries([...latest.values()].filter((r) => r.active).map((r) => r.data));
}

/** Adds the seed file's entries that the database does not have yet (never overwrites an edit). */
export async function seedKnowledgeBase(db: Db): Promise<number> {
  const existing = new Set((await db.selectDistinct({ id: kbEntries.id }).from(kbEntries)).map((r) => r.id));
  const missing = seedEntries().filter((e) => !existing.has(e.id));
  if (missing.length)
    await db
      .insert(kbEntries)
      .values(missing.map((e) => ({ id: e.id, version: 1, topic: e.topic, data: e as unknown as Record<string, unknown>, updatedBy: 'seed' })))
      .onConflictDoNothing();
  return missing.length;
}

/** Saves an edit (or a new entry) as the next version; `active: false` retires the entry. */
export async function saveEntry(db: Db, entry: KbEntry, by: string, active = true, now = new Date()): Promise<number> {
  const [valid] = parseKbEntries([entry]);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ version: kbEntries.version })
      .from(kbEntries)
      .where(eq(kbEntries.id, valid!.id))
      .orderBy(desc(kbEntries.version))
      .limit(1)
      .for('update');
    const version = (last?.version ?? 0) + 1;
    await tx.insert(kbEntries).values({ id: valid!.id, version, topic: valid!.topic, data: valid as unknown as Record<string, unknown>, active, updatedBy: by, updatedAt: now });
    return version;
  });
}

/** Every version of one entry, newest first. */
export async function entryHistory(db: Db, id: string) {
  return db.select().from(kbEntries).where(and(eq(kbEntries.id, id), sql`true`)).orderBy(desc(kbEntries.version));
}
