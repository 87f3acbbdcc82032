import { uiBehavior } from '../../behaviors/ui';
import { logout } from '../../services/account';
import { envVersion } from '../../services/config';
import { currentToken } from '../../services/http';
import { getSettings, hotline, updateSettings } from '../../services/settings';
import { formatDateTime } from '../../utils/format';
import { callPhone, go, PAGES, toast } from '../../utils/nav';

Component({
  behaviors: [uiBehavior],
  data: {
    regionName: '',
    largeText: false,
    consentAt: '',
    loggedIn: false,
    hotline: '12345',
    env: 'develop',
  },
  methods: {
    onShow() {
      this.refresh();
    },
    refresh() {
      const s = getSettings();
      this.setData({
        regionName: s.region?.fullName ?? '',
        largeText: s.largeText,
        consentAt: s.privacyConsentAt ? formatDateTime(s.privacyConsentAt) : '',
        loggedIn: currentToken() !== null,
        hotline: hotline(s),
        env: envVersion(),
      });
    },
    onLargeText(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      updateSettings({ largeText: Boolean(e.detail.value) });
      this.refresh();
      toast(e.detail.value ? '已开启大字模式' : '已关闭大字模式');
    },
    toggleLargeText() {
      updateSettings({ largeText: !getSettings().largeText });
      this.refresh();
    },
    pickRegion() {
      go(PAGES.region);
    },
    openPrivacy() {
      go(PAGES.privacy);
    },
    callHotline() {
      callPhone(this.data.hotline);
    },
    onLogout() {
      wx.showModal({
        title: '退出登录',
        content: '退出后，手机上保存的申请草稿、聊天记录和申请记录都会删除。确定退出吗？',
        confirmText: '退出',
        cancelText: '不退出',
        success: (res) => {
          if (!res.confirm) return;
          logout();
          this.refresh();
          toast('已退出');
        },
      });
    },
  },
});
