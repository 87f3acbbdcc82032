import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, gt, lt } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/client';
import { staffSessions, staffUsers, type StaffRole } from '../db/schema';
import { AppError } from '../platform/errors';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  areaCode: string;
  teamId: string | null;
}

export const SESSION_COOKIE = 'erescue_sid';
export const SESSION_TTL_MS = 8 * 3600_000;
/** Failures allowed before answers slow down, and before the account locks. */
export const SLOW_AFTER = 3;
export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
let dummyHash: Promise<string> | undefined;

/** Seconds a caller must wait after `failures` consecutive failures (0 below the threshold). */
export const slowDownSeconds = (failures: number) => (failures < SLOW_AFTER ? 0 : Math.min(2 ** (failures - SLOW_AFTER), 60));

const toStaffUser = (u: typeof staffUsers.$inferSelect): StaffUser => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, areaCode: u.areaCode, teamId: u.teamId,
});

/**
 * Checks a username and password (argon2id). Repeated failures first slow down (429 with
 * Retry-After, the password is not even checked) and then lock the account for 15 minutes.
 * An unknown username costs the same hash work and gets the same answer as a wrong password.
 */
export async function verifyStaffLogin(db: Db, username: string, password: string, now: Date, ip: string | null): Promise<StaffUser> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, username));
  if (!user || !user.active) {
    dummyHash ??= argonHash('not-a-password', { algorithm: 2 });
    await argonVerify(await dummyHash, password).catch(() => false);
    await recordAudit(db, { actorKind: 'staff', action: 'staff.login_failed', subjectType: 'staff_user', detail: { reason: 'unknown_user' }, ip }, now);
    throw new AppError('BAD_CREDENTIALS', '用户名或密码不正确');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const wait = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `失败次数过多，账号已锁定，请${Math.ceil(wait / 60)}分钟后再试`, undefined, { 'retry-after': String(wait) });
  }
  const wait = slowDownSeconds(user.failedLogins);
  if (wait && user.lastFailedAt && now.getTime() < user.lastFailedAt.getTime() + wait * 1000) {
    const left = Math.ceil((user.lastFailedAt.getTime() + wait * 1000 - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `失败次数过多，请${left}秒后再试`, undefined, { 'retry-after': String(left) });
  }
  const ok = await argonVerify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    const failures = user.failedLogins + 1;
    await db
      .update(staffUsers)
      .set({ failedLogins: failures, lastFailedAt: now, lockedUntil: failures >= LOCK_AFTER ? new Date(now.getTime() + LOCK_MS) : user.lockedUntil })
      .where(eq(staffUsers.id, user.id));
    await recordAudit(db, { actorKind: 'staff', actorId: user.id, actorName: user.displayName, action: 'staff.login_failed', subjectType: 'staff_user', subjectId: user.id, detail: { failures }, ip }, now);
    throw new AppError('BAD_CREDENTIALS', '用户名或密码不正确');
  }
  await db.update(staffUsers).set({ failedLogins: 0, lastFailedAt: null, lockedUntil: null }).where(eq(staffUsers.id, user.id));
  await recordAudit(db, { actorKind: 'staff', actorId: user.id, actorName: user.displayName, action: 'staff.login', subjectType: 'staff_user', subjectId: user.id, ip }, now);
  return toStaffUser(user);
}

/** Opens a console session; returns the cookie value (only its hash is stored) and the CSRF token. */
export async function openSession(db: Db, staffId: string, now: Date): Promise<{ sid: string; csrfToken: string; expiresAt: Date }> {
  const sid = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.delete(staffSessions).where(and(eq(staffSessions.staffId, staffId), lt(staffSessions.expiresAt, now)));
  await db.insert(staffSessions).values({ idHash: sha256(sid), staffId, csrfToken, createdAt: now, expiresAt });
  return { sid, csrfToken, expiresAt };
}

/** The staff user and CSRF token behind a session cookie, while it is valid. */
export async function readSession(db: Db, sid: string, now: Date): Promise<{ user: StaffUser; csrfToken: string } | undefined> {
  const [row] = await db
    .select({ user: staffUsers, csrfToken: staffSessions.csrfToken })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(and(eq(staffSessions.idHash, sha256(sid)), gt(staffSessions.expiresAt, now)));
  if (!row || !row.user.active) return undefined;
  return { user: toStaffUser(row.user), csrfToken: row.csrfToken };
}

/** Ends a session. */
export async function closeSession(db: Db, sid: string) {
  await db.delete(staffSessions).where(eq(staffSessions.idHash, sha256(sid)));
}

/** A staff user by id, when active. */
export async function staffById(db: Db, id: string): Promise<StaffUser | undefined> {
  const [u] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
  return u && u.active ? toStaffUser(u) : undefined;
}

/** Constant-time comparison of CSRF tokens. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
