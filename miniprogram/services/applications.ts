import { shanghaiDate, type ApplicationCreated } from '../lib/shared';
import { checkForm, clearDraft, markAttempt, type Draft } from './draft';
import { ApiError } from './errors';
import { request } from './http';
import { KEYS, save } from './storage';
import { enqueue } from './uploads';

/** A submission may wait longer than a read: the server files, triages and routes the case. */
const SUBMIT_TIMEOUT_MS = 20_000;

/**
 * Sends the draft as `POST /api/v1/applications` with the draft's Idempotency-Key. The HTTP
 * layer retries a lost answer with the same key, and so does the resident's next tap: the
 * server answers every repeat with the first case. On success the draft is cleared and its
 * photos wait in the upload queue of the new case.
 */
export async function submitDraft(draft: Draft, now: Date = new Date()): Promise<ApplicationCreated> {
  const check = checkForm(draft.form, shanghaiDate(now));
  if (!check.ok) throw new ApiError('VALIDATION_FAILED', 422, check.fields);
  markAttempt(draft, now);
  const created = await request<ApplicationCreated>({
    method: 'POST',
    path: '/api/v1/applications',
    data: check.body,
    auth: 'required',
    idempotencyKey: draft.idempotencyKey,
    timeoutMs: SUBMIT_TIMEOUT_MS,
  });
  if (!created || typeof created.trackingNo !== 'string') throw new ApiError('BAD_RESPONSE', 201);
  save(KEYS.lastApplication, created);
  if (draft.photos.length) enqueue(created.trackingNo, draft.photos);
  clearDraft();
  return created;
}

/**
 * True when the server says this draft's key already filed a different body: an earlier try
 * did reach it. The resident's case exists; we send them to 我的申请 rather than file again.
 */
export function alreadyFiled(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'IDEMPOTENCY_KEY_REUSED' || err.code === 'CASE_ALREADY_OPEN');
}
