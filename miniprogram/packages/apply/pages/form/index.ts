import { uiBehavior } from '../../../../behaviors/ui';
import { hardshipTypeLabels, hardshipTypes, shanghaiDate, urgentNeedLabels, urgentNeeds, type UrgentNeed } from '../../../../lib/shared';
import { alreadyFiled, submitDraft } from '../../../../services/applications';
import { showsCrisis } from '../../../../services/chat';
import { checkForm, clearDraft, loadDraft, newDraft, saveDraft, type ApplicationForm, type Draft, type DraftPhoto } from '../../../../services/draft';
import { ApiError, asApiError } from '../../../../services/errors';
import { getSettings, hotline } from '../../../../services/settings';
import { dropPhoto, keepPhoto, MAX_UPLOAD_BYTES } from '../../../../services/uploads';
import { formatBytes, formatDateTime } from '../../../../utils/format';
import { go, PAGES, showError, TABS, toast } from '../../../../utils/nav';

const MAX_PHOTOS = 9;
const HARDSHIP_OPTIONS = hardshipTypes.map((value) => ({ value, label: hardshipTypeLabels[value] }));

interface NeedView {
  value: UrgentNeed;
  label: string;
  on: boolean;
}

const needViews = (chosen: readonly UrgentNeed[]): NeedView[] => urgentNeeds.map((value) => ({ value, label: urgentNeedLabels[value], on: chosen.includes(value) }));

interface PhotoView extends DraftPhoto {
  number: number;
  sizeText: string;
}

const photoViews = (photos: readonly DraftPhoto[]): PhotoView[] => photos.map((p, i) => ({ ...p, number: i + 1, sizeText: formatBytes(p.size) }));

/** The draft of this page instance (the phone's copy is written on every change). */
const drafts = new WeakMap<object, Draft>();

/** Apply for temporary assistance (API.md fields), saved as a draft at every change. */
Component({
  behaviors: [uiBehavior],
  data: {
    form: newDraft().form,
    photos: [] as PhotoView[],
    needs: needViews([]),
    hardshipOptions: HARDSHIP_OPTIONS,
    errors: {} as Record<string, string>,
    errorCount: 0,
    today: '',
    urgent: false,
    crisis: false,
    hotline: '12345',
    submitting: false,
    /** "保存于…" when an earlier draft was resumed. */
    resumedAt: '',
    /** True after a submission whose answer never came: the next tap cannot file twice. */
    sentBefore: false,
    pickingRegion: false,
    maxPhotos: MAX_PHOTOS,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const settings = getSettings();
      let draft = loadDraft();
      const resumed = draft !== null;
      if (!draft) {
        draft = saveDraft(newDraft(settings.region ? { regionCode: settings.region.code, regionName: settings.region.fullName } : {}));
      }
      drafts.set(this, draft);
      this.setData({
        today: shanghaiDate(new Date()),
        urgent: query?.urgent === '1',
        hotline: hotline(settings),
        resumedAt: resumed ? formatDateTime(draft.updatedAt) : '',
      });
      this.show(draft);
    },
    onShow() {
      if (!this.data.pickingRegion) return;
      this.setData({ pickingRegion: false });
      const region = getSettings().region;
      if (region) this.updateForm({ regionCode: region.code, regionName: region.fullName });
      this.setData({ hotline: hotline() });
    },

    draft(): Draft {
      return drafts.get(this) ?? newDraft();
    },
    show(draft: Draft) {
      this.setData({
        form: draft.form,
        photos: photoViews(draft.photos),
        needs: needViews(draft.form.urgentNeeds),
        crisis: showsCrisis(draft.form.description),
        sentBefore: draft.attempts > 0,
      });
    },
    /** Keeps a change: in memory, on the phone, on screen; re-checks problems already shown. */
    keep(draft: Draft) {
      const saved = saveDraft(draft);
      drafts.set(this, saved);
      this.show(saved);
      if (this.data.errorCount) {
        const check = checkForm(saved.form, this.data.today);
        const errors = check.ok ? {} : check.fields;
        this.setData({ errors, errorCount: Object.keys(errors).length });
      }
    },
    updateForm(patch: Partial<ApplicationForm>) {
      const draft = this.draft();
      this.keep({ ...draft, form: { ...draft.form, ...patch } });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.updateForm({ [String(e.currentTarget.dataset.field)]: e.detail.value } as Partial<ApplicationForm>);
    },
    onChoice(e: WechatMiniprogram.TouchEvent) {
      const { field, value } = e.currentTarget.dataset as { field: keyof ApplicationForm; value: unknown };
      this.updateForm({ [field]: value } as Partial<ApplicationForm>);
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.updateForm({ occurredOn: String(e.detail.value) });
    },
    onSize(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.updateForm({ householdSize: Number(e.detail.value) });
    },
    toggleNeed(e: WechatMiniprogram.TouchEvent) {
      const need = e.currentTarget.dataset.value as UrgentNeed;
      const current = this.draft().form.urgentNeeds;
      this.updateForm({ urgentNeeds: current.includes(need) ? current.filter((n) => n !== need) : [...current, need] });
    },
    toggleConsent(e: WechatMiniprogram.TouchEvent) {
      const field = e.currentTarget.dataset.field as 'consentPrivacy' | 'consentVerification';
      this.updateForm({ [field]: !this.draft().form[field] });
    },
    pickRegion() {
      this.setData({ pickingRegion: true });
      go(PAGES.region);
    },
    readPrivacy() {
      go(PAGES.privacy);
    },

    choosePhotos() {
      const room = MAX_PHOTOS - this.draft().photos.length;
      if (room <= 0) {
        toast(`最多${MAX_PHOTOS}张照片`);
        return;
      }
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
        success: async (res) => {
          const added: DraftPhoto[] = [];
          let tooBig = 0;
          for (const file of res.tempFiles) {
            if (file.size > MAX_UPLOAD_BYTES) {
              tooBig++;
              continue;
            }
            added.push({ path: await keepPhoto(file.tempFilePath), size: file.size });
          }
          if (tooBig) toast(`${tooBig}张照片太大（超过10MB），没有加上`);
          const draft = this.draft();
          this.keep({ ...draft, photos: [...draft.photos, ...added] });
        },
      });
    },
    removePhoto(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const draft = this.draft();
      const photo = draft.photos[index];
      if (photo) dropPhoto(photo.path);
      this.keep({ ...draft, photos: draft.photos.filter((_, i) => i !== index) });
    },
    preview(e: WechatMiniprogram.TouchEvent) {
      const urls = this.draft().photos.map((p) => p.path);
      wx.previewImage({ urls, current: urls[Number(e.currentTarget.dataset.index)] ?? urls[0] ?? '' });
    },

    startOver() {
      wx.showModal({
        title: '重新填写',
        content: '已经填写的内容和照片都会删除，确定重新填写吗？',
        confirmText: '重新填写',
        cancelText: '不删除',
        success: (res) => {
          if (!res.confirm) return;
          for (const p of this.draft().photos) dropPhoto(p.path);
          clearDraft();
          const region = getSettings().region;
          const draft = saveDraft(newDraft(region ? { regionCode: region.code, regionName: region.fullName } : {}));
          drafts.set(this, draft);
          this.setData({ errors: {}, errorCount: 0, resumedAt: '' });
          this.show(draft);
        },
      });
    },

    async submit() {
      if (this.data.submitting) return;
      const draft = this.draft();
      const check = checkForm(draft.form, this.data.today || shanghaiDate(new Date()));
      if (!check.ok) {
        this.setData({ errors: check.fields, errorCount: Object.keys(check.fields).length });
        toast(`有${Object.keys(check.fields).length}处需要修改`);
        wx.pageScrollTo?.({ selector: '#error-summary', duration: 200, fail: () => undefined });
        return;
      }
      this.setData({ submitting: true, errors: {}, errorCount: 0 });
      try {
        const created = await submitDraft(draft);
        drafts.delete(this);
        wx.redirectTo({ url: `${PAGES.applied}?trackingNo=${encodeURIComponent(created.trackingNo)}` });
      } catch (err) {
        const e = asApiError(err);
        this.setData({ sentBefore: true });
        if (alreadyFiled(e)) {
          wx.showModal({
            title: '申请已经提交过了',
            content: '您之前已经提交过这份申请，不用再交。可以在“我的申请”里查看进度。',
            showCancel: false,
            confirmText: '查看进度',
            success: () => go(TABS.cases),
          });
        } else if (e instanceof ApiError && Object.keys(e.fields).length) {
          this.setData({ errors: e.fields, errorCount: Object.keys(e.fields).length });
          showError(e, '请修改后再提交');
        } else if (e.offline) {
          wx.showModal({
            title: '没有收到回复',
            content: `网络不好，不知道申请有没有交上。您填写的内容已保存在手机上，有网络时再点“提交申请”，不会重复申请。情况紧急请拨打 ${this.data.hotline}。`,
            showCancel: false,
            confirmText: '知道了',
          });
        } else {
          showError(e);
        }
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
