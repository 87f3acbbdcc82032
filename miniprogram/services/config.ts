import { KEYS, load } from './storage';

export type EnvVersion = 'develop' | 'trial' | 'release';

/**
 * API base per environment. `develop` is DevTools (or a phone in preview) against the local
 * server started by `npm start`; trial and release need the real HTTPS domains, which must also
 * be listed as request/uploadFile domains in the mini-program's admin console.
 */
export const BASE_URLS: Record<EnvVersion, string> = {
  develop: 'http://127.0.0.1:3000',
  trial: 'https://staging.erescue.example.cn',
  release: 'https://erescue.example.cn',
};

/** Which build of the mini-program is running; `develop` when WeChat cannot say. */
export function envVersion(): EnvVersion {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion ?? 'develop';
  } catch {
    return 'develop';
  }
}

/**
 * The API base URL. In `develop` only, a URL stored under KEYS.devBaseUrl wins, so a phone in
 * preview can reach a computer on the LAN: wx.setStorageSync('erescue.dev.baseUrl', 'http://192.168.1.8:3000').
 */
export function baseUrl(): string {
  const env = envVersion();
  if (env === 'develop') {
    const override = load<string>(KEYS.devBaseUrl, '');
    if (/^https?:\/\/[\w.:-]+$/.test(override)) return override;
  }
  return BASE_URLS[env];
}
