import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { seedDemoUsers, seedReferenceData } from './db/seed';
import { devShortcutsAllowed, loadEnv } from './env';
import { createLogger } from './platform/logger';
import { OutboxWorker } from './notify/worker';
import { DeadlineWorker } from './deadlines/worker';
import { startP1Alerts } from './roster/p1-alerts';
import { buildServices, startServices, stopServices } from './services';

/** Starts the API: settings, database (migrated and seeded), routes, HTTP server. */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: env.DB_POOL_MAX });
  await seedReferenceData(database.db);
  if (env.SEED_DEMO_USERS ?? devShortcutsAllowed(env)) await seedDemoUsers(database.db);

  const services = buildServices(env, database, logger);
  await startServices(services);
  const app = createApp(services);
  const outboxWorker = new OutboxWorker(services, { templateId: env.WECHAT_TEMPLATE_CASE_STATUS });
  if (env.WORKERS) outboxWorker.start();
  const deadlineWorker = new DeadlineWorker(services);
  if (env.WORKERS) deadlineWorker.start();
  const p1Alerts = env.WORKERS ? startP1Alerts(services) : undefined;
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) =>
    logger.info({ port: info.port, host: env.HOST, database: database.kind }, 'E-Rescue API listening'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await outboxWorker.stop();
    await deadlineWorker.stop();
    await p1Alerts?.stop();
    await stopServices(services);
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
