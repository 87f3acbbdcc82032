/**
 * Photos of documents waiting to reach a case. Kept in storage per tracking number, so an
 * upload interrupted by a closed app or a lost signal can be resumed from the case page.
 * Uploads run one at a time (weak networks) with progress; they are never retried on their
 * own (each POST creates an attachment), the resident taps 重试.
 */
import { ApiError, asApiError } from './errors';
import { upload } from './http';
import { KEYS, load, save } from './storage';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed';

export interface PendingUpload {
  id: string;
  path: string;
  size: number;
  status: UploadStatus;
  /** 0–100 */
  progress: number;
  error?: string;
}

type Queue = Record<string, PendingUpload[]>;

const readQueue = (): Queue => load<Queue>(KEYS.pendingUploads, {});
const writeQueue = (queue: Queue) => save(KEYS.pendingUploads, queue);

/** Every recorded upload of every case. */
export function allUploads(): PendingUpload[] {
  return Object.values(readQueue()).flat();
}

/** The uploads recorded for a case (done ones included until cleared). */
export function uploadsFor(trackingNo: string): PendingUpload[] {
  return readQueue()[trackingNo] ?? [];
}

function setUploads(trackingNo: string, items: PendingUpload[]): void {
  const queue = readQueue();
  if (items.length) queue[trackingNo] = items;
  else delete queue[trackingNo];
  writeQueue(queue);
}

/** Adds photos to a case's queue. */
export function enqueue(trackingNo: string, photos: ReadonlyArray<{ path: string; size: number }>): PendingUpload[] {
  const existing = uploadsFor(trackingNo);
  const added = photos.map((p, i) => ({
    id: `${Date.now().toString(36)}-${existing.length + i}`,
    path: p.path,
    size: p.size,
    status: (p.size > MAX_UPLOAD_BYTES ? 'failed' : 'waiting') as UploadStatus,
    progress: 0,
    ...(p.size > MAX_UPLOAD_BYTES ? { error: '照片太大了（超过10MB），请重新拍一张' } : {}),
  }));
  const items = [...existing, ...added];
  setUploads(trackingNo, items);
  return items;
}

/** Drops finished (or abandoned) entries. */
export function forget(trackingNo: string, ids?: readonly string[]): PendingUpload[] {
  const items = uploadsFor(trackingNo).filter((u) => (ids ? !ids.includes(u.id) : u.status !== 'done'));
  setUploads(trackingNo, items);
  return items;
}

/** Puts failed entries back in line. */
export function retryFailed(trackingNo: string): PendingUpload[] {
  const items = uploadsFor(trackingNo).map((u) => (u.status === 'failed' && u.size <= MAX_UPLOAD_BYTES ? { ...u, status: 'waiting' as const, progress: 0, error: undefined } : u));
  setUploads(trackingNo, items);
  return items;
}

/** Keeps a chosen photo on the phone beyond this session; falls back to the temp path. */
export function keepPhoto(tempFilePath: string): Promise<string> {
  return new Promise((resolve) => {
    try {
      wx.getFileSystemManager().saveFile({
        tempFilePath,
        success: (res) => resolve(res.savedFilePath),
        fail: () => resolve(tempFilePath),
      });
    } catch {
      resolve(tempFilePath);
    }
  });
}

/** Deletes a kept photo (after upload or when removed); errors are ignored. */
export function dropPhoto(path: string): void {
  try {
    wx.getFileSystemManager().removeSavedFile({ filePath: path, fail: () => undefined });
  } catch {
    // A temp path or an already deleted file.
  }
}

/** Entries being uploaded by this run of the app. */
const active = new Set<string>();

export interface UploadRun {
  done: number;
  failed: number;
}

/**
 * Uploads the waiting photos of a case one by one, reporting each change through `onChange`
 * (status and percent). Resolves when the queue is worked through.
 */
export async function uploadWaiting(trackingNo: string, onChange: (items: PendingUpload[]) => void = () => undefined): Promise<UploadRun> {
  let items = uploadsFor(trackingNo);
  const update = (id: string, patch: Partial<PendingUpload>, persist = true) => {
    items = items.map((u) => (u.id === id ? { ...u, ...patch } : u));
    if (persist) setUploads(trackingNo, items);
    onChange(items);
  };
  const run: UploadRun = { done: 0, failed: 0 };
  // 'uploading' left behind by a closed app counts as waiting.
  for (const item of items.filter((u) => u.status === 'waiting' || (u.status === 'uploading' && !active.has(u.id)))) {
    active.add(item.id);
    update(item.id, { status: 'uploading', progress: 0 });
    try {
      await upload<{ id: string }>({
        path: `/api/v1/cases/${encodeURIComponent(trackingNo)}/attachments`,
        filePath: item.path,
        name: 'file',
        onProgress: (progress) => update(item.id, { progress }, false),
      }).promise;
      update(item.id, { status: 'done', progress: 100 });
      dropPhoto(item.path);
      run.done++;
    } catch (err) {
      const e = asApiError(err);
      update(item.id, { status: 'failed', error: e instanceof ApiError ? e.title : '上传失败' });
      run.failed++;
    } finally {
      active.delete(item.id);
    }
  }
  return run;
}
