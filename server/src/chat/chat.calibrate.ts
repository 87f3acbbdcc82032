// Fits the confidence model: logistic regression of "the best entry's topic is right" on
// [coverage, margin, ln(1 + score)], over labelled questions plus bare fragments that no
// entry should answer with confidence. Run it after large edits of the knowledge base.
import { buildIndex, DEFAULT_MODEL, rank, type ConfidenceModel } from './chat.index';
import type { KbEntry } from './chat.types';

/** Questions too vague for any one answer: the assistant should offer guesses for them. */
export const FRAGMENTS = [
  '救助', '补贴', '申请', '钱', '怎么办', '多少钱', '材料', '政策', '我想问一下', '那个事情怎么弄', '有什么补助',
  '能给点钱吗', '我家困难', '帮帮我', '要什么材料', '多久', '在哪办', '条件是什么', '标准', '怎么申请', '我符合吗',
  '能领多少', '找谁', '困难补助', '生活困难', '民政', '咨询一下政策', '有什么福利', '钱不够用', '问个事',
];

/** Fits the logistic weights; returns the model with them (other settings kept). */
export function fitConfidence(
  entries: KbEntry[], cases: ReadonlyArray<{ text: string; topic?: string }>, base: ConfidenceModel = DEFAULT_MODEL,
): { model: ConfidenceModel; logLoss: number; n: number } {
  const index = buildIndex(entries);
  const rows: Array<{ x: number[]; y: number }> = [];
  const add = (text: string, want: string | undefined) => {
    const r = rank(index, text, base);
    const top = r.candidates[0];
    const got = top ? entries[top.entry]!.topic : 'out_of_scope';
    rows.push({ x: [r.coverage, r.margin, Math.log1p(top?.score ?? 0), 1], y: got === want ? 1 : 0 });
  };
  for (const c of cases) if (c.topic) add(c.text, c.topic);
  for (const f of FRAGMENTS) add(f, undefined);
  const w = [0, 0, 0, 0];
  const l2 = 0.01;
  for (let it = 0; it < 5000; it++) {
    const g = [0, 0, 0, 0];
    for (const { x, y } of rows) {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, 0)));
      for (let i = 0; i < 4; i++) g[i]! += ((p - y) * x[i]!) / rows.length;
    }
    for (let i = 0; i < 4; i++) w[i]! -= 0.5 * (g[i]! + (i < 3 ? l2 * w[i]! : 0));
  }
  let loss = 0;
  for (const { x, y } of rows) {
    const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, 0)));
    loss -= y * Math.log(p + 1e-9) + (1 - y) * Math.log(1 - p + 1e-9);
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    model: { ...base, weights: [round(w[0]!), round(w[1]!), round(w[2]!), round(w[3]!)] },
    logLoss: loss / rows.length,
    n: rows.length,
  };
}
