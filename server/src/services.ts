import { createCrisisLeads } from './chat/crisis-lead';
import { ChatService } from './chat/service';
import { CASE_CHANNEL } from './cases/service';
import type { Database } from './db/client';
import { LiveHub } from './live/hub';
import { devShortcutsAllowed, type Env } from './env';
import { DiskAttachmentStore, type AttachmentStore } from './attachments/store';
import type { Services } from './platform/context';
import { Vault } from './platform/crypto';
import type { Logger } from './platform/logger';
import { RegionService } from './regions/service';
import { HttpWeChatClient, type WeChatClient } from './wechat/client';

export interface ServiceOverrides {
  clock?: () => Date;
  wechat?: WeChatClient;
  attachments?: AttachmentStore;
}

/** Starts what listens or polls in the background (not the workers). */
export async function startServices(services: Services) {
  await services.regions.start();
  await services.live.start();
  await services.chat.start();
}

/** Stops what `startServices` started. */
export async function stopServices(services: Services) {
  await services.chat.stop();
  await services.live.stop();
  await services.regions.stop();
}

/** The composition root's wiring: every service from settings and an open database. */
export function buildServices(env: Env, database: Database, logger: Logger, overrides: ServiceOverrides = {}): Services {
  const wechat =
    overrides.wechat ??
    (env.WECHAT_APPID && env.WECHAT_SECRET
      ? new HttpWeChatClient({ appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, baseUrl: env.WECHAT_API_BASE })
      : undefined);
  if (!wechat && !devShortcutsAllowed(env)) throw new Error('WeChat credentials are required');
  const services: Services = {
    env,
    database,
    logger,
    clock: overrides.clock ?? (() => new Date()),
    regions: new RegionService(database, logger),
    vault: Vault.fromEnv(env),
    wechat,
    attachments: overrides.attachments ?? new DiskAttachmentStore(env.DATA_DIR),
    live: new LiveHub(database, logger, CASE_CHANNEL),
    publish: (channel, payload) => database.notify(channel, JSON.stringify(payload)),
    chat: undefined as unknown as ChatService,
  };
  services.chat = new ChatService(services);
  services.crisisLeads = createCrisisLeads(services);
  return services;
}
