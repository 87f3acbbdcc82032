import { uiBehavior } from '../../../../behaviors/ui';
import type { ApplicationCreated } from '../../../../lib/shared';
import { hotline } from '../../../../services/settings';
import { KEYS, load } from '../../../../services/storage';
import { retryFailed, uploadsFor, uploadWaiting, forget, type PendingUpload } from '../../../../services/uploads';
import { spacedPhone } from '../../../../utils/format';
import { callPhone, go, PAGES, TABS } from '../../../../utils/nav';
import { PRIORITY_TEXT } from '../../../../utils/status';

/** After a successful application: the tracking number, who will call, and the photo uploads. */
Component({
  behaviors: [uiBehavior],
  data: {
    trackingNo: '',
    created: null as ApplicationCreated | null,
    promise: '',
    teamPhone: '',
    uploads: [] as PendingUpload[],
    uploading: false,
    hotline: '12345',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const trackingNo = query?.trackingNo ?? '';
      const last = load<ApplicationCreated | null>(KEYS.lastApplication, null);
      const created = last && last.trackingNo === trackingNo ? last : null;
      this.setData({
        trackingNo,
        created,
        promise: created ? PRIORITY_TEXT[created.priority] : '',
        teamPhone: created?.team?.phone ? spacedPhone(created.team.phone) : '',
        hotline: created?.hotline || hotline(),
        uploads: uploadsFor(trackingNo),
      });
      void this.runUploads();
    },
    async runUploads() {
      if (!this.data.trackingNo || this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        await uploadWaiting(this.data.trackingNo, (items) => this.setData({ uploads: items }));
      } finally {
        this.setData({ uploading: false, uploads: uploadsFor(this.data.trackingNo) });
      }
    },
    onRetry() {
      this.setData({ uploads: retryFailed(this.data.trackingNo) });
      void this.runUploads();
    },
    onRemove(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      this.setData({ uploads: forget(this.data.trackingNo, [e.detail.id]) });
    },
    callTeam() {
      callPhone(this.data.created?.team?.phone ?? '');
    },
    callHotline() {
      callPhone(this.data.hotline);
    },
    openCase() {
      wx.redirectTo({ url: `${PAGES.caseDetail}?trackingNo=${encodeURIComponent(this.data.trackingNo)}` });
    },
    home() {
      go(TABS.home);
    },
  },
});
