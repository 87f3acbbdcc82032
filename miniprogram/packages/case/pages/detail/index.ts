import { uiBehavior } from '../../../../behaviors/ui';
import { hardshipTypeLabels } from '../../../../lib/shared';
import {
  acceptsUploads,
  canWithdraw,
  feedbackRequested,
  getCase,
  materialsAdded,
  materialsRequested,
  sendFeedback,
  withdrawCase,
  type ResidentCase,
} from '../../../../services/cases';
import { asApiError } from '../../../../services/errors';
import { hotline } from '../../../../services/settings';
import { enqueue, forget, keepPhoto, MAX_UPLOAD_BYTES, retryFailed, uploadsFor, uploadWaiting, type PendingUpload } from '../../../../services/uploads';
import { formatDateTime, formatYuan, spacedPhone } from '../../../../utils/format';
import { callPhone, showError, toast } from '../../../../utils/nav';
import { PRIORITY_TEXT, statusView } from '../../../../utils/status';

interface TimelineView {
  key: string;
  time: string;
  title: string;
  detail: string;
  symbol: string;
  tone: string;
  statusLabel: string;
}

interface CaseView {
  trackingNo: string;
  status: string;
  statusLabel: string;
  kind: string;
  priorityText: string;
  teamName: string;
  teamPhone: string;
  teamPhoneText: string;
  nextAction: string;
  contactBy: string;
  timeline: TimelineView[];
  decision: null | { approved: boolean; title: string; by: string; at: string; reason: string; amount: string; alternatives: string[] };
}

function caseView(c: ResidentCase): CaseView {
  const status = statusView(c.status, c.statusLabel);
  const decision = c.decision
    ? {
        approved: c.decision.outcome === 'approved',
        title: c.decision.outcome === 'approved' ? '✓ 审核通过' : '✕ 未获批准',
        by: c.decision.decidedBy ?? c.decision.by ?? '',
        at: formatDateTime(c.decision.decidedAt),
        reason: c.decision.reason ?? '',
        amount: typeof c.decision.amount === 'number' ? formatYuan(c.decision.amount) : '',
        alternatives: c.decision.alternatives ?? [],
      }
    : null;
  return {
    trackingNo: c.trackingNo,
    status: c.status,
    statusLabel: status.label,
    kind: c.hardshipType ? `临时救助：${hardshipTypeLabels[c.hardshipType]}` : '临时救助申请',
    priorityText: PRIORITY_TEXT[c.priority] ?? '',
    teamName: c.team?.name ?? '',
    teamPhone: c.team?.phone ?? '',
    teamPhoneText: c.team?.phone ? spacedPhone(c.team.phone) : '',
    nextAction: c.nextAction ?? '',
    contactBy: c.status === 'assigned' && c.deadlines?.firstContactDue ? formatDateTime(c.deadlines.firstContactDue) : '',
    // Newest first: what happened last is what the resident wants to know.
    timeline: [...(c.timeline ?? [])].reverse().map((t, i) => {
      const v = statusView(t.status);
      return { key: `${t.at}-${i}`, time: formatDateTime(t.at), title: t.title, detail: t.detail ?? '', symbol: v.symbol, tone: v.tone, statusLabel: v.label };
    }),
    decision,
  };
}

/** One case: status, timeline, team contact, withdraw, add materials, 回访. */
Component({
  behaviors: [uiBehavior],
  data: {
    trackingNo: '',
    loading: true,
    error: '',
    staleSince: '',
    view: null as CaseView | null,
    canWithdraw: false,
    materials: false,
    feedback: false,
    uploadable: false,
    uploads: [] as PendingUpload[],
    uploading: false,
    note: '',
    comment: '',
    acting: false,
    hotline: '12345',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ trackingNo: query?.trackingNo ?? '', hotline: hotline() });
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const no = this.data.trackingNo;
      if (!no) {
        this.setData({ loading: false, error: '没有找到这件申请' });
        return;
      }
      this.setData({ loading: true, error: '' });
      try {
        const { value, stale, fetchedAt } = await getCase(no);
        this.setData({
          view: caseView(value),
          staleSince: stale ? formatDateTime(fetchedAt) : '',
          canWithdraw: !stale && canWithdraw(value),
          materials: materialsRequested(value),
          feedback: !stale && feedbackRequested(value),
          uploadable: acceptsUploads(value),
          uploads: uploadsFor(no),
        });
        if (!stale && this.data.uploads.some((u) => u.status === 'waiting' || u.status === 'uploading')) void this.runUploads();
      } catch (err) {
        this.setData({ error: asApiError(err).title });
      } finally {
        this.setData({ loading: false });
      }
    },
    callTeam() {
      callPhone(this.data.view?.teamPhone ?? '');
    },
    callHotline() {
      callPhone(this.data.hotline);
    },

    withdraw() {
      wx.showModal({
        title: '撤回申请',
        content: '撤回后这件申请就不再办理了。可以写一下原因（可以不写）。',
        editable: true,
        placeholderText: '撤回原因（可以不写）',
        confirmText: '确定撤回',
        cancelText: '不撤回',
        success: async (res) => {
          if (!res.confirm) return;
          this.setData({ acting: true });
          try {
            await withdrawCase(this.data.trackingNo, res.content);
            toast('已撤回');
            await this.load();
          } catch (err) {
            showError(err, '没有撤回成功');
          } finally {
            this.setData({ acting: false });
          }
        },
      });
    },

    addPhotos() {
      wx.chooseMedia({
        count: 9,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
        success: async (res) => {
          const photos: Array<{ path: string; size: number }> = [];
          for (const f of res.tempFiles) photos.push({ path: f.size > MAX_UPLOAD_BYTES ? f.tempFilePath : await keepPhoto(f.tempFilePath), size: f.size });
          this.setData({ uploads: enqueue(this.data.trackingNo, photos) });
          void this.runUploads();
        },
      });
    },
    async runUploads() {
      if (this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        await uploadWaiting(this.data.trackingNo, (items) => this.setData({ uploads: items }));
      } finally {
        this.setData({ uploading: false, uploads: uploadsFor(this.data.trackingNo) });
      }
    },
    onRetryUploads() {
      this.setData({ uploads: retryFailed(this.data.trackingNo) });
      void this.runUploads();
    },
    onRemoveUpload(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      this.setData({ uploads: forget(this.data.trackingNo, [e.detail.id]) });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: e.detail.value });
    },
    async sendMaterials() {
      if (this.data.uploads.some((u) => u.status === 'waiting' || u.status === 'uploading')) {
        toast('照片还在上传，请稍等');
        return;
      }
      this.setData({ acting: true });
      try {
        await materialsAdded(this.data.trackingNo, this.data.note);
        this.setData({ note: '', uploads: forget(this.data.trackingNo) });
        toast('已通知工作人员');
        await this.load();
      } catch (err) {
        showError(err, '没有通知成功');
      } finally {
        this.setData({ acting: false });
      }
    },

    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value });
    },
    async onFeedback(e: WechatMiniprogram.TouchEvent) {
      const solved = e.currentTarget.dataset.solved === true || e.currentTarget.dataset.solved === 'true';
      this.setData({ acting: true });
      try {
        await sendFeedback(this.data.trackingNo, solved, this.data.comment);
        this.setData({ comment: '' });
        toast(solved ? '谢谢您的回复' : '已重新为您办理');
        await this.load();
      } catch (err) {
        showError(err, '没有提交成功');
      } finally {
        this.setData({ acting: false });
      }
    },
  },
});
