import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { seedDemoUsers, seedReferenceData } from './db/seed';
import { devShortcutsAllowed, loadEnv } from './env';
import { createLogger } from './platform/logger';
import { RegionService } from './regions/service';

/** Starts the API: settings, database (migrated and seeded), routes, HTTP server. */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: env.DB_POOL_MAX });
  await seedReferenceData(database.db);
  if (env.SEED_DEMO_USERS ?? devShortcutsAllowed(env)) await seedDemoUsers(database.db);

  const regions = new RegionService(database, logger);
  await regions.start();
  const app = createApp({ env, database, logger, clock: () => new Date(), regions });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) =>
    logger.info({ port: info.port, host: env.HOST, database: database.kind }, 'E-Rescue API listening'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await regions.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
