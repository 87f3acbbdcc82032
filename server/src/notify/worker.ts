import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { statusLabels } from '../../../shared/src/cases/state-machine';
import type { CaseStatus } from '../../../shared/src/contract/enums';
import { residentOpenid } from '../auth/residents';
import { NOTIFY_TOPIC } from '../cases/service';
import { outbox } from '../db/schema';
import type { Services } from '../platform/context';
import { WeChatError } from '../wechat/client';

export interface OutboxWorkerOptions {
  batchSize?: number;
  intervalMs?: number;
  maxAttempts?: number;
  /** How long a claimed row is reserved for the claiming worker. */
  leaseMs?: number;
  /** Delay before retry `attempt` (1-based). */
  backoffMs?: (attempt: number) => number;
  templateId?: string;
}

/** Exponential backoff with a cap: 5 s, 10 s, 20 s … up to 30 min. */
export const defaultBackoff = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 30 * 60_000);

type OutboxRow = typeof outbox.$inferSelect;

/**
 * Delivers outbox rows. A row is claimed by pushing its next attempt past a lease inside a
 * short `FOR UPDATE SKIP LOCKED` transaction, so several instances never take the same row and
 * no transaction stays open while WeChat is slow; a worker that dies leaves the lease to expire
 * and the row is retried.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly opts: Required<OutboxWorkerOptions>;

  constructor(
    private readonly services: Services,
    opts: OutboxWorkerOptions = {},
  ) {
    this.opts = {
      batchSize: 20,
      intervalMs: 1000,
      maxAttempts: 8,
      leaseMs: 60_000,
      backoffMs: defaultBackoff,
      templateId: 'case-status',
      ...opts,
    };
  }

  /** Claims due rows for this worker. */
  private async claim(now: Date): Promise<OutboxRow[]> {
    const { db } = this.services.database;
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
        .orderBy(outbox.nextAttemptAt, outbox.id)
        .limit(this.opts.batchSize)
        .for('update', { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + this.opts.leaseMs), attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, due.map((d) => d.id)))
        .returning();
    });
  }

  private async deliver(row: OutboxRow): Promise<void> {
    if (row.topic !== NOTIFY_TOPIC) throw new WeChatError(-10, `unknown topic ${row.topic}`, false);
    const { wechat, database, vault } = this.services;
    const payload = row.payload as { residentId: string; trackingNo: string; status: CaseStatus; title: string };
    const openid = await residentOpenid(database.db, vault, payload.residentId);
    // Dev residents and residents without WeChat (hotline callers) have nobody to message.
    if (!wechat || !openid || openid.startsWith('dev:')) return;
    await wechat.sendSubscribeMessage({
      openid,
      templateId: this.opts.templateId,
      page: `packages/cases/pages/detail/index?trackingNo=${payload.trackingNo}`,
      data: {
        character_string1: { value: payload.trackingNo },
        phrase2: { value: statusLabels[payload.status] ?? payload.status },
        thing3: { value: payload.title.slice(0, 20) },
      },
    });
  }

  /** Delivers what is due now; returns how many rows were sent. */
  async runOnce(): Promise<number> {
    const { db } = this.services.database;
    const now = this.services.clock();
    const rows = await this.claim(now);
    let sent = 0;
    for (const row of rows) {
      try {
        await this.deliver(row);
        await db.update(outbox).set({ status: 'sent', sentAt: this.services.clock(), lastError: null }).where(eq(outbox.id, row.id));
        sent++;
      } catch (err) {
        const retryable = !(err instanceof WeChatError) || err.retryable;
        const dead = !retryable || row.attempts >= this.opts.maxAttempts;
        const message = err instanceof WeChatError ? `errcode ${err.errcode}` : (err as Error).name;
        await db
          .update(outbox)
          .set({ status: dead ? 'dead' : 'pending', lastError: message, nextAttemptAt: new Date(this.services.clock().getTime() + this.opts.backoffMs(row.attempts)) })
          .where(eq(outbox.id, row.id));
        this.services.logger.warn({ outboxId: row.id, attempt: row.attempts, dead, error: message }, 'notification not delivered');
      }
    }
    return sent;
  }

  /** Polls in the background until `stop()`. */
  start() {
    const tick = async () => {
      this.running = this.runOnce().catch((err: Error) => this.services.logger.error({ err: err.message }, 'outbox worker failed'));
      await this.running;
      if (this.timer !== undefined) this.timer = setTimeout(tick, this.opts.intervalMs);
    };
    this.timer = setTimeout(tick, this.opts.intervalMs);
  }

  async stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
