/**
 * The phone's storage (wx.setStorageSync), typed and forgiving: a full or broken storage never
 * crashes a page. Every key of the app is listed here, prefixed so nothing else collides.
 */

export const KEYS = {
  token: 'erescue.auth.token',
  devLoginId: 'erescue.auth.devId',
  settings: 'erescue.settings',
  regions: 'erescue.regions',
  policyPrefix: 'erescue.policy.',
  applicationDraft: 'erescue.apply.draft',
  pendingUploads: 'erescue.apply.uploads',
  lastApplication: 'erescue.apply.last',
  wizard: 'erescue.eligibility.wizard',
  lastResult: 'erescue.eligibility.result',
  chat: 'erescue.chat',
  casesCache: 'erescue.cases.list',
  caseCachePrefix: 'erescue.cases.detail.',
  devBaseUrl: 'erescue.dev.baseUrl',
} as const;

/** The stored value, or `fallback` when absent or unreadable. */
export function load<T>(key: string, fallback: T): T {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value === '' || value === undefined || value === null ? fallback : (value as T);
  } catch {
    return fallback;
  }
}

/** Stores a value; false when the phone refused (storage full). */
export function save(key: string, value: unknown): boolean {
  try {
    wx.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function remove(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: the value is unreadable anyway.
  }
}

/** Removes every key that starts with `prefix` (cached case details, policies). */
export function removeByPrefix(prefix: string): void {
  try {
    for (const key of wx.getStorageInfoSync().keys) if (key.startsWith(prefix)) remove(key);
  } catch {
    // Storage info unavailable: the entries expire with their data.
  }
}
