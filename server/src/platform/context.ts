import type { Principal } from '../auth/tokens';
import type { Database } from '../db/client';
import type { Env } from '../env';
import type { RegionService } from '../regions/service';
import type { WeChatClient } from '../wechat/client';
import type { Vault } from './crypto';
import type { Logger } from './logger';
import type { AttachmentStore } from '../attachments/store';
import type { StaffUser } from '../staff/auth';
import type { LiveHub } from '../live/hub';
import type { ChatService } from '../chat/service';
import type { CrisisLeads } from '../chat/crisis-lead';

/** Everything a request handler may reach; built once by the composition root. */
export interface Services {
  env: Env;
  database: Database;
  logger: Logger;
  /** The current instant; tests pass a fixed clock. */
  clock: () => Date;
  regions: RegionService;
  vault: Vault;
  /** Absent outside production when no WeChat credentials are configured (dev: logins only). */
  wechat: WeChatClient | undefined;
  attachments: AttachmentStore;
  /** Live case changes of every instance, for the team streams. */
  live: LiveHub;
  /** The assistant and its conversations. */
  chat: ChatService;
  /** Alerts the local team when a logged-in resident shows crisis in the chat. */
  crisisLeads?: CrisisLeads;
  /** Publishes a live event to every instance (LISTEN/NOTIFY). */
  publish(channel: string, payload: Record<string, unknown>): Promise<void>;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    services: Services;
    principal?: Principal;
    residentId: string;
    staff: StaffUser;
    csrfToken?: string;
  };
};
