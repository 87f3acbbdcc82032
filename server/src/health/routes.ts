import { Hono } from 'hono';
import type { AppEnv } from '../platform/context';
import { problem } from '../platform/errors';

const PING_TIMEOUT_MS = 1500;

/** Liveness and readiness: `/readyz` is 503 while the database does not answer. */
export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const { database, logger } = c.get('services');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
        }),
      ]);
      return c.json({ status: 'ready', database: database.kind });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'not ready');
      return problem(c, 'NOT_READY', '数据库暂时无法连接');
    } finally {
      clearTimeout(timer);
    }
  });
