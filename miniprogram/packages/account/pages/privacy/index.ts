import { uiBehavior } from '../../../../behaviors/ui';
import { getSettings, updateSettings } from '../../../../services/settings';
import { formatDateTime } from '../../../../utils/format';
import { toast } from '../../../../utils/nav';

/** Answers WeChat's pending privacy question, if any (onNeedPrivacyAuthorization in app.ts). */
function answerWeChat(event: 'agree' | 'disagree'): void {
  const app = getApp<IAppOption>();
  const resolve = app?.globalData?.resolvePrivacy;
  if (!resolve) return;
  app.globalData.resolvePrivacy = null;
  resolve(event === 'agree' ? { event, buttonId: 'agree-btn' } : { event });
}

/** The privacy notice, and the resident's consent to it. */
Component({
  behaviors: [uiBehavior],
  data: { consentAt: '', asked: false },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const s = getSettings();
      this.setData({ consentAt: s.privacyConsentAt ? formatDateTime(s.privacyConsentAt) : '', asked: query?.ask === '1' });
    },
    onUnload() {
      // Leaving without an answer is not consent.
      answerWeChat('disagree');
    },
    onAgree() {
      const at = new Date().toISOString();
      updateSettings({ privacyConsentAt: at });
      answerWeChat('agree');
      this.setData({ consentAt: formatDateTime(at) });
      toast('已同意');
      wx.navigateBack({ fail: () => undefined });
    },
    /** Old WeChat without the privacy button type: the plain tap is the consent. */
    onAgreeTap() {
      if (!wx.canIUse('button.open-type.agreePrivacyAuthorization')) this.onAgree();
    },
    onDisagree() {
      answerWeChat('disagree');
      wx.navigateBack({ fail: () => undefined });
    },
    onWithdraw() {
      updateSettings({ privacyConsentAt: null });
      this.setData({ consentAt: '' });
      toast('已撤回同意');
    },
  },
});
