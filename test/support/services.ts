import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app';
import { openDatabase, type Database } from '../../server/src/db/client';
import { loadEnv, type Env } from '../../server/src/env';
import type { Services } from '../../server/src/platform/context';
import { createLogger, type Logger } from '../../server/src/platform/logger';
import { buildServices, startServices, stopServices } from '../../server/src/services';
import type { WeChatClient } from '../../server/src/wechat/client';

/** A fixed instant for tests: 2026-11-22 10:00 in Shanghai. */
export const FIXED_NOW = new Date('2026-11-22T02:00:00Z');

/** A fresh database for one test file: a copy of the seeded template (PostgreSQL) or dump (PGlite). */
export async function freshDatabase(): Promise<Database> {
  const templateUrl = inject('pgTemplateUrl');
  if (templateUrl) {
    const url = new URL(templateUrl);
    const template = url.pathname.slice(1);
    const name = `${template.replace(/_tpl_\d+$/, '')}_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(templateUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 5, skipMigrate: true });
    const close = database.close;
    database.close = async () => {
      await close();
      const drop = postgres(templateUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
    return database;
  }
  const dump = new Blob([readFileSync(inject('pgliteDump'))]);
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump, skipMigrate: true });
}

export interface TestContext extends Services {
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** Services over a fresh database with a fixed clock and silent logs, and the app built on them. */
export async function createTestContext(
  opts: { clock?: () => Date; env?: Record<string, string>; wechat?: WeChatClient; logger?: Logger } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'erescue-data-'));
  // Request limits are off unless a test turns them on (test/api/rate-limits.e2e.test.ts does).
  const env: Env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, RATE_LIMITS: 'off', ...opts.env });
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const database = await freshDatabase();
  const services = buildServices(env, database, logger, {
    clock: opts.clock ?? (() => FIXED_NOW),
    ...(opts.wechat ? { wechat: opts.wechat } : {}),
  });
  await startServices(services);
  const app = createApp(services);
  return {
    ...services,
    app,
    close: async () => {
      await stopServices(services);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON request helper over `app.request()`. */
export async function call(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
