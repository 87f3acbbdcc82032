import { forgetCases } from './cases';
import { clearChat } from './chat';
import { clearDraft, loadDraft } from './draft';
import { clearToken } from './http';
import { KEYS, remove } from './storage';
import { allUploads, dropPhoto } from './uploads';

/**
 * Logs out: forgets the token and everything personal kept on the phone (draft and its
 * photos, chat, cached cases, pending uploads, last results). Device preferences stay: the
 * area and large-text mode.
 */
export function logout(): void {
  clearToken();
  const photos = [...(loadDraft()?.photos ?? []), ...allUploads().filter((u) => u.status !== 'done')];
  for (const photo of photos) dropPhoto(photo.path);
  clearDraft();
  clearChat();
  forgetCases();
  for (const key of [KEYS.pendingUploads, KEYS.lastApplication, KEYS.lastResult, KEYS.wizard]) remove(key);
}
