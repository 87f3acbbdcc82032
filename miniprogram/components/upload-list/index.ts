import type { PendingUpload } from '../../services/uploads';

interface Row extends PendingUpload {
  number: number;
  text: string;
  symbol: string;
}

const TEXT: Record<PendingUpload['status'], [string, string]> = {
  waiting: ['…', '等待上传'],
  uploading: ['↑', '正在上传'],
  done: ['✓', '已上传'],
  failed: ['✕', '上传失败'],
};

/** Photos being sent to a case: each with its state in words and a progress bar. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    items: { type: Array, value: [] },
  },
  data: { rows: [] as Row[], anyFailed: false },
  observers: {
    items(items: PendingUpload[]) {
      const rows = (items ?? []).map((item, i) => {
        const [symbol, word] = TEXT[item.status];
        const text = item.status === 'uploading' ? `${word} ${item.progress}%` : item.status === 'failed' && item.error ? `${word}：${item.error}` : word;
        return { ...item, number: i + 1, text, symbol };
      });
      this.setData({ rows, anyFailed: rows.some((r) => r.status === 'failed') });
    },
  },
  methods: {
    retry() {
      this.triggerEvent('retry');
    },
    remove(e: WechatMiniprogram.TouchEvent) {
      this.triggerEvent('remove', { id: e.currentTarget.dataset.id });
    },
  },
});
