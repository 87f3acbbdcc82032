import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { readToken } from './tokens';

/** Reads `Authorization: Bearer …` into `principal` when valid; never refuses by itself. */
export const readPrincipal = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (match?.[1]) {
    const { env, clock } = c.get('services');
    const principal = await readToken(env.APP_SECRET, match[1], clock());
    if (principal) c.set('principal', principal);
  }
  await next();
});

/** Refuses with 401 unless a resident token was presented; sets `residentId`. */
export const requireResident = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  if (principal?.kind !== 'resident') throw new AppError('UNAUTHENTICATED', '请先登录');
  c.set('residentId', principal.id);
  await next();
});
