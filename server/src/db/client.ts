import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** One query type for both drivers; a transaction handle is accepted where this is. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = resolve(import.meta.dirname, 'migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Subscribes to a NOTIFY channel (cross-instance on PostgreSQL, in-process on PGlite). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a gzip dump of the data dir, to start copies from (tests). */
  dump?(): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite in `dataDir` (or in memory with `memory://`). */
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolMax?: number;
  /** A dump made by `dumpDataDir()` to start an in-memory PGlite from (tests). */
  loadDataDir?: Blob | File;
  /** Skip migrations (the database is known to be migrated). */
  skipMigrate?: boolean;
}

/** Opens PostgreSQL (postgres.js) or embedded PGlite and applies the committed migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  return openPglite(opts);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const sql = postgres(url, {
    max: opts.poolMax ?? 10,
    onnotice: () => {},
    connection: { application_name: 'e-rescue', TimeZone: 'UTC' },
  });
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  if (!opts.skipMigrate) await migratePostgres(db as never, { migrationsFolder });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`;
    },
    listen: async (channel, onMessage) => {
      const sub = await sql.listen(channel, onMessage);
      return async () => {
        await sub.unlisten();
      };
    },
    notify: async (channel, payload) => {
      await sql.notify(channel, payload);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let release = () => {};
  let dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) {
    dataDir = resolve(dataDir);
    mkdirSync(dataDir, { recursive: true });
    release = takeLock(join(dataDir, '..', `${baseName(dataDir)}.lock`));
  }
  const pg = new PGlite(dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  await pg.waitReady;
  await pg.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  if (!opts.skipMigrate) await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await pg.query('select 1');
    },
    listen: async (channel, onMessage) => {
      const unsub = await pg.listen(channel, onMessage);
      return unsub;
    },
    notify: async (channel, payload) => {
      await pg.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      await pg.close();
      release();
    },
    dump: () => pg.dumpDataDir('gzip'),
  };
}

const baseName = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? 'data';

/**
 * PGlite opens one data dir from two processes without complaint and corrupts it; refuse a
 * second server on the same DATA_DIR with a pid lock file.
 */
function takeLock(path: string): () => void {
  const tryCreate = () => {
    const fd = openSync(path, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  };
  try {
    tryCreate();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number(readFileSync(path, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data directory is in use by process ${pid} (lock ${path}). Stop it or use another DATA_DIR.`);
    }
    unlinkSync(path);
    tryCreate();
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs raw SQL and returns its rows on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export async function selectRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
