import type { EligibilityResponse } from '../lib/shared';
import { formatYuan } from './format';

type Program = EligibilityResponse['programs'][number];

export const PROGRAM_NAMES: Record<Program['program'], string> = {
  dibao: '低保（最低生活保障）',
  tekun: '特困人员救助供养',
  low_income: '低收入家庭认定',
  temporary: '临时救助',
};

const RESULT: Record<Program['result'], { text: string; symbol: string; tone: 'done' | 'stopped' | 'attention' }> = {
  eligible: { text: '可能符合', symbol: '✓', tone: 'done' },
  ineligible: { text: '暂不符合', symbol: '✕', tone: 'stopped' },
  needs_review: { text: '需要工作人员了解情况', symbol: '?', tone: 'attention' },
};

const APPROVAL: Record<string, string> = {
  township: '由乡镇（街道）审批',
  county: '由县级民政部门审批',
  case_by_case: '金额较大，需要“一事一议”',
};

export interface ProgramView {
  program: Program['program'];
  name: string;
  resultText: string;
  symbol: string;
  tone: 'done' | 'stopped' | 'attention';
  /** Money lines ("每月约720元"), empty when none. */
  amounts: string[];
  reasons: Array<{ symbol: string; verdict: string; message: string }>;
  /** Screen-reader summary of the card. */
  ariaLabel: string;
}

/** The four program cards of a result, each readable without colour. */
export function programViews(response: EligibilityResponse): ProgramView[] {
  return response.programs.map((p) => {
    const r = RESULT[p.result];
    const amounts: string[] = [];
    if (p.estimatedMonthlyAmount !== null) amounts.push(`每月约${formatYuan(p.estimatedMonthlyAmount)}`);
    if (p.estimatedOneTimeAmount !== null) amounts.push(`一次性约${formatYuan(p.estimatedOneTimeAmount)}`);
    if (p.program === 'temporary') {
      if (p.preRescueAmount !== null) amounts.push(`情况紧急可先行救助，最多${formatYuan(p.preRescueAmount)}`);
      if (p.approvalLevel) amounts.push(APPROVAL[p.approvalLevel] ?? '');
    }
    const name = PROGRAM_NAMES[p.program];
    return {
      program: p.program,
      name,
      resultText: r.text,
      symbol: r.symbol,
      tone: r.tone,
      amounts: amounts.filter(Boolean),
      reasons: p.reasons.map((reason) => ({ symbol: reason.passed ? '✓' : '✕', verdict: reason.passed ? '符合' : '不符合', message: reason.message })),
      ariaLabel: `${name}：${r.text}${amounts.length ? `，${amounts.join('，')}` : ''}`,
    };
  });
}

/** True when applying for temporary assistance is the natural next step. */
export function suggestsApplying(response: EligibilityResponse): boolean {
  const temporary = response.programs[3];
  return temporary.result !== 'ineligible';
}
