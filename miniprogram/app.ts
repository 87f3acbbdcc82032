import { refreshPolicy } from './services/regions';
import { getSettings } from './services/settings';

App<IAppOption>({
  globalData: { resolvePrivacy: null },

  onLaunch() {
    // WeChat asks before the first privacy-sensitive call (choosing photos): show our notice,
    // whose 同意 button is an agreePrivacyAuthorization button (packages/account/pages/privacy).
    if (typeof wx.onNeedPrivacyAuthorization === 'function') {
      wx.onNeedPrivacyAuthorization((resolve) => {
        // miniprogram-api-typings 5.2.3 types the argument as a result object; it is the resolve function.
        this.globalData.resolvePrivacy = resolve as unknown as IAppOption['globalData']['resolvePrivacy'];
        wx.navigateTo({ url: '/packages/account/pages/privacy/index?ask=1' });
      });
    }
    // Keep the area's parameters fresh, so the self-check works later with no signal.
    const region = getSettings().region;
    if (region) refreshPolicy(region.code).catch(() => undefined);
  },
});
