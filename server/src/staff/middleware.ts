import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { StaffRole } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { readSession, sameToken, SESSION_COOKIE, staffById } from './auth';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The caller's address for the audit trail (X-Forwarded-For only behind a trusted proxy). */
export function clientIp(c: Context<AppEnv>): string | null {
  if (c.get('services').env.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/**
 * Staff authentication for the consoles and the staff API: a bearer staff token, or the
 * session cookie — and then, for every unsafe method, the session's CSRF token in the form
 * field `_csrf` or the `X-CSRF-Token` header. Pages redirect to the login form; the API
 * answers 401. A role outside `roles` is refused with 403.
 */
export const requireStaff = (roles?: readonly StaffRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { database, clock } = c.get('services');
    const isPage = c.req.path.startsWith('/staff');
    const principal = c.get('principal');
    let user = principal?.kind === 'staff' ? await staffById(database.db, principal.id) : undefined;
    if (!user) {
      const sid = getCookie(c, SESSION_COOKIE);
      const session = sid ? await readSession(database.db, sid, clock()) : undefined;
      if (session) {
        if (!SAFE.has(c.req.method)) {
          let token = c.req.header('x-csrf-token');
          if (!token && (c.req.header('content-type') ?? '').match(/form-data|x-www-form-urlencoded/)) {
            const form = await c.req.parseBody();
            token = typeof form._csrf === 'string' ? form._csrf : undefined;
          }
          if (!sameToken(token, session.csrfToken)) throw new AppError('CSRF_REJECTED', '页面已过期或来源不明，请刷新后重试');
        }
        user = session.user;
        c.set('csrfToken', session.csrfToken);
      }
    }
    if (!user) {
      if (isPage && SAFE.has(c.req.method)) return c.redirect(`/staff/login?next=${encodeURIComponent(c.req.path)}`);
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    if (roles && !roles.includes(user.role)) throw new AppError('FORBIDDEN', '您的角色不能办理这项操作');
    c.set('staff', user);
    await next();
  });

/** Roles that work cases and so may see a case's personal data (admins and auditors do not). */
export const CASE_ROLES = ['operator', 'team_member', 'reviewer', 'supervisor'] as const satisfies readonly StaffRole[];
