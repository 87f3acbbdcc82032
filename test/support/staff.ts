import { hash } from '@node-rs/argon2';
import type { Db } from '../../server/src/db/client';
import { DEMO_PASSWORD } from '../../server/src/db/seed';
import { staffUsers, type StaffRole } from '../../server/src/db/schema';
import { call } from './services';

type AppLike = Parameters<typeof call>[0];
let passwordHash: Promise<string> | undefined;

/** Adds a staff user with the demo password. */
export async function createStaff(db: Db, user: { username: string; role: StaffRole; areaCode: string; teamId?: string | null; displayName?: string }) {
  passwordHash ??= hash(DEMO_PASSWORD, { algorithm: 2 });
  const [row] = await db
    .insert(staffUsers)
    .values({ username: user.username, displayName: user.displayName ?? user.username, role: user.role, areaCode: user.areaCode, teamId: user.teamId ?? null, passwordHash: await passwordHash })
    .returning();
  return row!;
}

export interface StaffLogin {
  token: string;
  csrfToken: string;
  cookie: string;
  bearer: Record<string, string>;
}

/** Logs a staff user in; returns the bearer token, the session cookie and its CSRF token. */
export async function staffLogin(app: AppLike, username: string, password = DEMO_PASSWORD): Promise<StaffLogin> {
  const res = await call(app, 'POST', '/api/v1/staff/login', { username, password });
  if (res.status !== 200) throw new Error(`staff login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { token: res.json.token, csrfToken: res.json.csrfToken, cookie, bearer: { authorization: `Bearer ${res.json.token}` } };
}

/** Posts an HTML form with the session cookie (and the CSRF field unless `csrf` is false). */
export function postForm(app: AppLike, path: string, login: StaffLogin, fields: Record<string, string>, csrf = true) {
  const body = new URLSearchParams({ ...fields, ...(csrf ? { _csrf: login.csrfToken } : {}) });
  return app.request(path, { method: 'POST', body, headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}
