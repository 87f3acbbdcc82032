import { allowedActions, isOpen, type CaseDetail, type CaseListItem, type CaseStatus } from '../lib/shared';
import { ApiError } from './errors';
import { request } from './http';
import { KEYS, load, removeByPrefix, save } from './storage';

/** The case as the resident sees it, with the optional fields the server may add. */
export type ResidentCase = CaseDetail & {
  feedbackRequested?: boolean;
  decision?: CaseDetail['decision'] & { by?: string };
};

export interface Fetched<T> {
  value: T;
  /** True when shown from the phone's copy because the server could not be reached. */
  stale: boolean;
  fetchedAt: string;
}

interface Cached<T> {
  value: T;
  fetchedAt: string;
}

async function withCache<T>(key: string, fetch: () => Promise<T>): Promise<Fetched<T>> {
  try {
    const value = await fetch();
    const fetchedAt = new Date().toISOString();
    save(key, { value, fetchedAt } satisfies Cached<T>);
    return { value, stale: false, fetchedAt };
  } catch (err) {
    const cached = load<Cached<T> | null>(key, null);
    if (err instanceof ApiError && err.offline && cached) return { value: cached.value, stale: true, fetchedAt: cached.fetchedAt };
    throw err;
  }
}

const casePath = (trackingNo: string) => `/api/v1/cases/${encodeURIComponent(trackingNo)}`;

/** The resident's own cases, newest first. */
export function listCases(): Promise<Fetched<CaseListItem[]>> {
  return withCache(KEYS.casesCache, async () => {
    const body = await request<{ items: CaseListItem[] }>({ path: '/api/v1/cases', auth: 'required' });
    return Array.isArray(body?.items) ? body.items : [];
  });
}

/** One own case with its timeline. */
export function getCase(trackingNo: string): Promise<Fetched<ResidentCase>> {
  return withCache(`${KEYS.caseCachePrefix}${trackingNo}`, () => request<ResidentCase>({ path: casePath(trackingNo), auth: 'required' }));
}

interface ActionResult {
  trackingNo: string;
  status: CaseStatus;
  statusLabel?: string;
}

/** Withdraws an open case (never retried: a POST without a key). */
export function withdrawCase(trackingNo: string, reason?: string): Promise<ActionResult> {
  return request<ActionResult>({ method: 'POST', path: `${casePath(trackingNo)}/withdraw`, data: reason?.trim() ? { reason: reason.trim() } : {}, auth: 'required' });
}

/** Tells the team the requested materials were uploaded. */
export function materialsAdded(trackingNo: string, note?: string): Promise<ActionResult> {
  return request<ActionResult>({ method: 'POST', path: `${casePath(trackingNo)}/materials`, data: note?.trim() ? { note: note.trim() } : {}, auth: 'required' });
}

/** 回访: was the problem solved? "Not solved" reopens the case. */
export function sendFeedback(trackingNo: string, solved: boolean, comment?: string): Promise<ActionResult> {
  return request<ActionResult>({
    method: 'POST',
    path: `${casePath(trackingNo)}/feedback`,
    data: { solved, ...(comment?.trim() ? { comment: comment.trim() } : {}) },
    auth: 'required',
  });
}

/** Whether the resident may withdraw: the server says so, else the shared state machine. */
export function canWithdraw(c: Pick<ResidentCase, 'status' | 'canWithdraw'>): boolean {
  return c.canWithdraw ?? allowedActions(c.status, 'resident').includes('withdraw');
}

/** Whether the team asked for more documents. */
export function materialsRequested(c: Pick<ResidentCase, 'status' | 'materialsRequested'>): boolean {
  return c.materialsRequested ?? c.status === 'awaiting_materials';
}

/** Whether the 回访 question is open: closed and not yet answered. */
export function feedbackRequested(c: Pick<ResidentCase, 'status' | 'feedbackRequested'>): boolean {
  return c.feedbackRequested ?? c.status === 'closed';
}

/** Whether documents can still be added. */
export function acceptsUploads(c: Pick<ResidentCase, 'status'>): boolean {
  return isOpen(c.status);
}

/** Forgets the cases kept on the phone (log out). */
export function forgetCases(): void {
  removeByPrefix(KEYS.caseCachePrefix);
  removeByPrefix(KEYS.casesCache);
}
