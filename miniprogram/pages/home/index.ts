import { uiBehavior } from '../../behaviors/ui';
import { loadDraft } from '../../services/draft';
import { getSettings, hotline, onSettingsChange } from '../../services/settings';
import { formatDateTime } from '../../utils/format';
import { go, PAGES, TABS } from '../../utils/nav';

/** The four services, in the order residents need them. */
const SERVICES = [
  { key: 'check', title: '救助测算', desc: '看看能领哪些救助、大概多少钱', url: PAGES.wizard },
  { key: 'apply', title: '申请临时救助', desc: '突发困难，在手机上申请', url: PAGES.apply },
  { key: 'cases', title: '办理进度', desc: '看看申请办到哪一步了', url: TABS.cases },
  { key: 'ask', title: '问一问', desc: '政策问题，随时问', url: TABS.chat },
];

let offSettings: (() => void) | undefined;

Component({
  behaviors: [uiBehavior],
  data: {
    services: SERVICES,
    hotline: '12345',
    regionName: '',
    consented: false,
    draftSavedAt: '',
  },
  lifetimes: {
    attached() {
      offSettings = onSettingsChange(() => this.refresh());
    },
    detached() {
      offSettings?.();
    },
  },
  methods: {
    onLoad() {
      this.refresh();
    },
    onShow() {
      this.refresh();
    },
    refresh() {
      const settings = getSettings();
      const draft = loadDraft();
      this.setData({
        hotline: hotline(settings),
        regionName: settings.region?.fullName ?? '',
        consented: settings.privacyConsentAt !== null,
        draftSavedAt: draft ? formatDateTime(draft.updatedAt) : '',
      });
    },
    onUrgent() {
      go(`${PAGES.apply}?urgent=1`);
    },
    openService(e: WechatMiniprogram.TouchEvent) {
      go(String(e.currentTarget.dataset.url));
    },
    resumeDraft() {
      go(PAGES.apply);
    },
    pickRegion() {
      go(PAGES.region);
    },
    readPrivacy() {
      go(PAGES.privacy);
    },
  },
});
