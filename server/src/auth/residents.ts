import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { residents } from '../db/schema';
import type { Vault } from '../platform/crypto';

/** Finds or creates the resident behind an openid; returns the resident id. */
export async function upsertResident(db: Db, vault: Vault, openid: string, now: Date): Promise<string> {
  const openidHash = vault.lookupHash('openid', openid);
  const [row] = await db
    .insert(residents)
    .values({ openidHash, openidEnc: vault.seal(openid), createdAt: now, lastLoginAt: now })
    .onConflictDoUpdate({ target: residents.openidHash, set: { lastLoginAt: sql`excluded.last_login_at` } })
    .returning({ id: residents.id });
  return row!.id;
}

/** The resident's openid, for WeChat messages. */
export async function residentOpenid(db: Db, vault: Vault, residentId: string): Promise<string | undefined> {
  const [row] = await db.select({ enc: residents.openidEnc }).from(residents).where(eq(residents.id, residentId));
  return row ? vault.open<string>(row.enc) : undefined;
}
