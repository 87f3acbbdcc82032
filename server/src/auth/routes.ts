import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { devShortcutsAllowed } from '../env';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { WeChatError } from '../wechat/client';
import { upsertResident } from './residents';
import { issueToken, RESIDENT_TOKEN_TTL_S } from './tokens';

const loginRoute = createRoute({
  method: 'post',
  path: '/wechat',
  tags: ['auth'],
  summary: 'Resident login with a wx.login code (dev:<name> outside production)',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ code: z.string({ error: '缺少登录凭证' }).trim().min(1, '缺少登录凭证').max(200) }) } },
    },
  },
  responses: {
    200: {
      description: 'A bearer token',
      content: { 'application/json': { schema: z.object({ token: z.string(), expiresIn: z.number().int() }).openapi('ResidentToken') } },
    },
    401: problemResponse('The code was refused'),
    502: problemResponse('WeChat did not answer'),
  },
});

/** `/api/v1/auth`: resident login. */
export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(loginRoute, async (c) => {
  const { env, database, vault, wechat, clock, logger } = c.get('services');
  const { code } = c.req.valid('json');
  let openid: string;
  if (code.startsWith('dev:')) {
    const name = code.slice(4);
    if (!devShortcutsAllowed(env) || !/^[\w.-]{1,64}$/.test(name)) throw new AppError('WECHAT_LOGIN_FAILED', '登录凭证无效');
    openid = `dev:${name}`;
  } else if (wechat) {
    try {
      openid = (await wechat.code2session(code)).openid;
    } catch (err) {
      if (err instanceof WeChatError) {
        logger.warn({ errcode: err.errcode }, 'wechat login refused');
        if (err.retryable) throw new AppError('UPSTREAM_UNAVAILABLE', '微信服务繁忙，请稍后再试');
        throw new AppError('WECHAT_LOGIN_FAILED', '登录凭证无效或已过期，请重试');
      }
      throw err;
    }
  } else {
    throw new AppError('WECHAT_LOGIN_FAILED', '服务器未配置微信登录');
  }
  const now = clock();
  const residentId = await upsertResident(database.db, vault, openid, now);
  const token = await issueToken(env.APP_SECRET, { kind: 'resident', id: residentId }, now, RESIDENT_TOKEN_TTL_S);
  return c.json({ token, expiresIn: RESIDENT_TOKEN_TTL_S }, 200);
});
