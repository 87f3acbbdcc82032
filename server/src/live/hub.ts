import type { Database } from '../db/client';
import type { Logger } from '../platform/logger';

export interface CaseChange {
  caseId: string;
  teamId: string;
  trackingNo: string;
  priority: string;
  status: string;
  kind: string;
}

type Listener = (change: CaseChange) => void;

/**
 * Fans database notifications out to this instance's live streams: one LISTEN per process,
 * however many pages are open. On PostgreSQL the NOTIFY comes from any instance.
 */
export class LiveHub {
  private readonly listeners = new Set<Listener>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly channel: string,
  ) {}

  async start() {
    this.unlisten ??= await this.database.listen(this.channel, (payload) => {
      let change: CaseChange;
      try {
        change = JSON.parse(payload) as CaseChange;
      } catch {
        return;
      }
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (err) {
          this.logger.warn({ err: (err as Error).message }, 'live listener failed');
        }
      }
    });
  }

  async stop() {
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** Calls `listener` for every change until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size() {
    return this.listeners.size;
  }
}
