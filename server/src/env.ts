import { z } from 'zod';

/** Development-only secrets: usable locally, refused in production. */
const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data'),
    /** Set to use PostgreSQL through postgres.js; unset uses embedded PGlite in DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Signs resident tokens and staff sessions. */
    APP_SECRET: z.string().min(32).default(DEV_SECRET),
    /** AES-256-GCM key for personal data at rest; DATA_KEY_ID names it for rotation. */
    DATA_KEY: base64Key.default(DEV_DATA_KEY),
    DATA_KEY_ID: z.string().min(1).max(32).default('k1'),
    /** Older keys still needed to read data: "id:base64,id:base64". */
    DATA_KEYS_OLD: z.string().default(''),
    /** HMAC key for look-up hashes of ID numbers and phones. */
    HASH_KEY: z.string().min(32).default(DEV_SECRET + '-hash'),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    /** Subscribe-message template for case status changes (keys character_string1, phrase2, thing3). */
    WECHAT_TEMPLATE_CASE_STATUS: z.string().default('case-status'),
    /** Seed the demo staff users (never in production). */
    SEED_DEMO_USERS: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /** Run background workers (outbox, deadline watch) in this process. */
    WORKERS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** `off` disables request limits (load benchmarks only); refused in production. */
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    /** Multiplies every request limit (e.g. 10 for a hotline centre behind one address). */
    RATE_LIMIT_SCALE: z.coerce.number().positive().max(1000).default(1),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const unsafe = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.APP_SECRET === DEV_SECRET) unsafe('APP_SECRET', 'the development secret is not allowed in production');
    if (env.DATA_KEY === DEV_DATA_KEY) unsafe('DATA_KEY', 'the development key is not allowed in production');
    if (env.HASH_KEY === DEV_SECRET + '-hash') unsafe('HASH_KEY', 'the development key is not allowed in production');
    if (!env.WECHAT_APPID || !env.WECHAT_SECRET)
      unsafe('WECHAT_APPID', 'WeChat credentials are required in production (the dev: login shortcut is refused)');
    if (env.SEED_DEMO_USERS) unsafe('SEED_DEMO_USERS', 'demo users cannot be seeded in production');
    if (env.RATE_LIMITS === 'off') unsafe('RATE_LIMITS', 'request limits cannot be switched off in production');
  });

export type Env = z.infer<typeof envSchema>;

/** Parses an environment (process.env by default); throws a readable error listing every bad setting. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Refusing to start, unsafe or invalid settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** True when the dev: login shortcut and demo data are allowed. */
export const devShortcutsAllowed = (env: Env) => env.NODE_ENV !== 'production' && !env.WECHAT_APPID;
