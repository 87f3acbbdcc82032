import type { Env } from '../env';
import type { Database } from '../db/client';
import type { RegionService } from '../regions/service';
import type { Logger } from './logger';

/** Everything a request handler may reach; built once by the composition root. */
export interface Services {
  env: Env;
  database: Database;
  logger: Logger;
  /** The current instant; tests pass a fixed clock. */
  clock: () => Date;
  regions: RegionService;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    services: Services;
  };
};
