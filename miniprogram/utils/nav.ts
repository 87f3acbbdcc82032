import { ApiError, asApiError } from '../services/errors';

/** The tab pages (switchTab, not navigateTo). */
export const TABS = {
  home: '/pages/home/index',
  chat: '/pages/chat/index',
  cases: '/pages/cases/index',
  me: '/pages/me/index',
} as const;

export const PAGES = {
  wizard: '/packages/eligibility/pages/wizard/index',
  result: '/packages/eligibility/pages/result/index',
  apply: '/packages/apply/pages/form/index',
  applied: '/packages/apply/pages/done/index',
  caseDetail: '/packages/case/pages/detail/index',
  region: '/packages/account/pages/region/index',
  privacy: '/packages/account/pages/privacy/index',
} as const;

/** Opens a page; a tab with switchTab; when the page stack is full (10), replaces the top. */
export function go(url: string): void {
  const path = url.split('?')[0];
  if ((Object.values(TABS) as string[]).includes(path ?? '')) {
    wx.switchTab({ url: path ?? url });
    return;
  }
  wx.navigateTo({ url, fail: () => wx.redirectTo({ url }) });
}

/** Dials a number (WeChat asks the resident to confirm). */
export function callPhone(phone: string): void {
  if (!phone) return;
  wx.makePhoneCall({ phoneNumber: phone.replace(/\s+/g, ''), fail: () => undefined });
}

/** Explains a failure in a dialog: large enough to read, stays until dismissed. */
export function showError(err: unknown, what?: string): void {
  const e = asApiError(err);
  const lines = [e.title];
  if (e instanceof ApiError && e.offline) lines.push('网络恢复后请再试一次，您填写的内容已保存在手机上。');
  wx.showModal({ title: what ?? '没有办成', content: lines.join('\n'), showCancel: false, confirmText: '知道了' });
}

/** A short message that goes away by itself. */
export function toast(title: string): void {
  wx.showToast({ title, icon: 'none', duration: 2500 });
}
