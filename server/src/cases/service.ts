import type { CaseStatus } from '../../../shared/src/contract/enums';
import { applyAction, statusBeforeMaterialsRequest, timelineTitle, type ActorKind, type CaseAction } from '../../../shared/src/cases/state-machine';
import type { Db } from '../db/client';
import type { Vault } from '../platform/crypto';
import { AppError } from '../platform/errors';
import { enqueueOutbox, insertEvent, listEvents, updateCase, type CaseEventRow, type CaseRow, type NewCase } from './repo';

export interface Actor {
  kind: ActorKind;
  id?: string;
}

export interface TransitionOptions {
  /** Why, in the actor's words; sealed at rest. */
  note?: string;
  /** Non-personal facts of the event (amounts, team ids). */
  data?: Record<string, unknown>;
  /** Other columns to change with the status. */
  set?: Partial<NewCase>;
  teamName?: string;
  visibleToResident?: boolean;
}

/** Live-update channel: every instance's team streams listen to it. */
export const CASE_CHANNEL = 'case_changed';
export const NOTIFY_TOPIC = 'wechat.subscribe';

/**
 * Applies a named action to a locked case row inside the caller's transaction: checks the
 * state machine, appends the event, stores the derived status beside it, and queues the
 * resident's WeChat notification in the same transaction.
 */
export async function recordTransition(
  tx: Db,
  vault: Vault,
  row: CaseRow,
  action: CaseAction,
  actor: Actor,
  now: Date,
  opts: TransitionOptions = {},
): Promise<{ event: CaseEventRow; to: CaseStatus }> {
  const resumeTo =
    action === 'provide_materials'
      ? statusBeforeMaterialsRequest((await listEvents(tx, row.id)).map((e) => ({ from: e.fromStatus, to: e.toStatus })))
      : undefined;
  const result = applyAction(row.status, action, actor.kind, resumeTo ? { resumeTo } : {});
  if (!result.ok) throw new AppError('INVALID_TRANSITION', result.message);
  const event = await insertEvent(tx, {
    caseId: row.id,
    at: now,
    actorKind: actor.kind,
    actorId: actor.id ?? null,
    action,
    fromStatus: row.status,
    toStatus: result.to,
    title: timelineTitle(action, opts.teamName ? { teamName: opts.teamName } : {}),
    noteEnc: opts.note ? vault.seal(opts.note) : null,
    data: opts.data ?? null,
    visibleToResident: opts.visibleToResident ?? true,
  });
  await updateCase(tx, row.id, { ...opts.set, status: result.to, updatedAt: now, version: row.version + 1 });
  if (row.residentId && (opts.visibleToResident ?? true)) {
    await enqueueOutbox(tx, NOTIFY_TOPIC, `case-event:${event.id}`, { residentId: row.residentId, caseId: row.id, trackingNo: row.trackingNo, status: result.to, title: event.title }, now);
  }
  return { event, to: result.to };
}
