import { uiBehavior } from '../../behaviors/ui';
import { hardshipTypeLabels, type CaseListItem } from '../../lib/shared';
import { listCases } from '../../services/cases';
import { asApiError } from '../../services/errors';
import { hotline } from '../../services/settings';
import { formatDateTime } from '../../utils/format';
import { go, PAGES } from '../../utils/nav';

interface CaseRowView {
  trackingNo: string;
  status: string;
  statusLabel: string;
  title: string;
  updated: string;
}

function rowView(item: CaseListItem): CaseRowView {
  return {
    trackingNo: item.trackingNo,
    status: item.status,
    statusLabel: item.statusLabel ?? '',
    title: item.hardshipType ? `临时救助：${hardshipTypeLabels[item.hardshipType]}` : '临时救助申请',
    updated: formatDateTime(item.updatedAt),
  };
}

Component({
  behaviors: [uiBehavior],
  data: {
    loading: true,
    items: [] as CaseRowView[],
    /** Shown from the phone's copy: when it was fetched. */
    staleSince: '',
    error: '',
    hotline: '12345',
  },
  methods: {
    onShow() {
      this.setData({ hotline: hotline() });
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const result = await listCases();
        this.setData({ items: result.value.map(rowView), staleSince: result.stale ? formatDateTime(result.fetchedAt) : '' });
      } catch (err) {
        this.setData({ error: asApiError(err).title });
      } finally {
        this.setData({ loading: false });
      }
    },
    openCase(e: WechatMiniprogram.TouchEvent) {
      go(`${PAGES.caseDetail}?trackingNo=${encodeURIComponent(String(e.currentTarget.dataset.no))}`);
    },
    apply() {
      go(PAGES.apply);
    },
    retry() {
      void this.load();
    },
  },
});
