import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { issueToken, STAFF_TOKEN_TTL_S } from '../auth/tokens';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { Page } from '../web/layout';
import { closeSession, openSession, SESSION_COOKIE, verifyStaffLogin } from './auth';
import { clientIp } from './middleware';

const credentials = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200),
});

/** Logs in and sets the HttpOnly session cookie; returns the user and a bearer token for API clients. */
async function login(c: Context<AppEnv>, username: string, password: string) {
  const { database, clock, env } = c.get('services');
  const now = clock();
  const user = await verifyStaffLogin(database.db, username, password, now, clientIp(c));
  const session = await openSession(database.db, user.id, now);
  setCookie(c, SESSION_COOKIE, session.sid, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: env.NODE_ENV === 'production',
    path: '/',
    expires: session.expiresAt,
  });
  const token = await issueToken(env.APP_SECRET, { kind: 'staff', id: user.id }, now, STAFF_TOKEN_TTL_S);
  return { user, token, csrfToken: session.csrfToken };
}

const loginRoute = createRoute({
  method: 'post', path: '/login', tags: ['staff'], summary: 'Staff login: session cookie for the consoles and a bearer token for API clients',
  request: { body: { required: true, content: { 'application/json': { schema: credentials } } } },
  responses: {
    200: {
      description: 'Logged in',
      content: { 'application/json': { schema: z.object({ token: z.string(), expiresIn: z.number(), csrfToken: z.string(), user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string(), areaCode: z.string() }) }) } },
    },
    401: problemResponse('Wrong credentials'),
    429: problemResponse('Too many failures: slowed down or locked'),
  },
});

/** `/api/v1/staff`: login for API clients and the consoles' scripts. */
export const staffAuthApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(loginRoute, async (c) => {
  const { username, password } = c.req.valid('json');
  const { user, token, csrfToken } = await login(c, username, password);
  return c.json({ token, expiresIn: STAFF_TOKEN_TTL_S, csrfToken, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, areaCode: user.areaCode } }, 200);
});

const home: Record<string, string> = {
  team_member: '/staff/queue', operator: '/staff/desk', reviewer: '/staff/review', supervisor: '/staff/dashboard', admin: '/staff/dashboard', auditor: '/staff/audit',
};

const LoginPage = ({ error, next, username }: { error?: string; next: string; username?: string }) => (
  <Page title="工作人员登录" flash={error ? { kind: 'error', text: error } : undefined}>
    <form method="post" action="/staff/login" class="card" style="max-width:28rem">
      <input type="hidden" name="next" value={next} />
      <label for="username">用户名</label>
      <input id="username" name="username" autocomplete="username" required value={username ?? ''} />
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <p><button type="submit">登录</button></p>
    </form>
  </Page>
);

const safeNext = (next: unknown) => (typeof next === 'string' && /^\/staff\/[\w\-/]*$/.test(next) ? next : undefined);

/** `/staff/login` and `/staff/logout` pages. The login form needs no CSRF token (no session yet); SameSite=Strict guards the cookie. */
export const staffAuthPages = new OpenAPIHono<AppEnv>()
  .get('/login', (c) => c.html(<LoginPage next={safeNext(c.req.query('next')) ?? ''} />))
  .post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = String(form.username ?? '').trim();
    const next = safeNext(form.next);
    try {
      const { user } = await login(c, username, String(form.password ?? ''));
      return c.redirect(next ?? home[user.role] ?? '/staff/queue', 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const status = err.status === 429 ? 429 : 401;
      return c.html(<LoginPage error={err.detail ?? '登录失败'} next={next ?? ''} username={username} />, status);
    }
  })
  .post('/logout', async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) await closeSession(c.get('services').database.db, sid);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/staff/login', 303);
  });
