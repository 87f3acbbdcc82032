import { statusLabels, type CaseStatus, type Priority } from '../lib/shared';

/**
 * How a case status is shown: a symbol and words, with a tone for colour. The colour only
 * repeats what the symbol and text already say.
 */
export type Tone = 'progress' | 'attention' | 'done' | 'stopped';

export interface StatusView {
  label: string;
  symbol: string;
  tone: Tone;
  /** Read by screen readers: "办理状态：审核中". */
  ariaLabel: string;
}

const TONES: Record<CaseStatus, Tone> = {
  submitted: 'progress',
  assigned: 'progress',
  contacted: 'progress',
  visiting: 'progress',
  awaiting_materials: 'attention',
  pre_rescue_paid: 'done',
  under_review: 'progress',
  approved: 'done',
  rejected: 'stopped',
  paid: 'done',
  closed: 'done',
  withdrawn: 'stopped',
  transferred: 'progress',
  escalated: 'attention',
};

const SYMBOLS: Record<Tone, string> = { progress: '→', attention: '!', done: '✓', stopped: '✕' };

export function statusView(status: CaseStatus, label?: string): StatusView {
  const text = label || statusLabels[status] || '办理中';
  const tone = TONES[status] ?? 'progress';
  return { label: text, symbol: SYMBOLS[tone], tone, ariaLabel: `办理状态：${text}` };
}

/** The contact promise behind each priority (DESIGN.md), in the resident's words. */
export const PRIORITY_TEXT: Record<Priority, string> = {
  P1: '特急：1小时内联系您',
  P2: '加急：24小时内联系您',
  P3: '一般：3个工作日内联系您',
};
