import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { AppError } from './errors';

export interface RateLimitOptions {
  /** Distinguishes limiters sharing a store. */
  name: string;
  limit: number;
  windowMs: number;
  /** The caller's key (resident, IP, username); undefined skips the limit. */
  key: (c: Context<AppEnv>) => string | undefined | Promise<string | undefined>;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window request limits kept in this process's memory. With several instances each
 * enforces its own share, which bounds abuse well enough without a round trip per request;
 * a shared store can replace the Map later.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, limit: number, windowMs: number, now: number): number {
    if (now - this.lastSweep > 60_000) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      this.lastSweep = now;
    }
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > limit ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }
}

/** A middleware answering 429 RATE_LIMITED with Retry-After past `limit` requests per window and key. */
export function rateLimit(limiter: RateLimiter, opts: RateLimitOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { env, clock } = c.get('services');
    if (env.RATE_LIMITS === 'off') return next();
    const key = await opts.key(c);
    if (key) {
      const wait = limiter.hit(`${opts.name}:${key}`, Math.ceil(opts.limit * env.RATE_LIMIT_SCALE), opts.windowMs, clock().getTime());
      if (wait) throw new AppError('RATE_LIMITED', `操作太频繁，请${wait}秒后再试`, undefined, { 'retry-after': String(wait) });
    }
    await next();
  });
}
