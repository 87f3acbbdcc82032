import type { DibaoResult, LowIncomeResult, Reason } from '../contract/eligibility';
import { perCapitaBelow, type Household } from './household';
import { assetReasons, hukouReason, perCapitaComparison, reason, yuanText } from './messages';
import { mulRate, yuanToFen } from './money';

/** 低收入 (RULES.md §7): edge, then rigid expenditure; only when dibao does not cover the household. */
export function assessLowIncome(h: Household, dibao: DibaoResult): LowIncomeResult {
  if (dibao.result === 'eligible' && (dibao.mode === 'household' || dibao.mode === 'gradual_exit')) {
    const message =
      dibao.mode === 'household'
        ? '家庭可以按户享受低保，不再另外认定为低收入家庭'
        : '家庭在低保渐退期内，不再另外认定为低收入家庭';
    return result('ineligible', null, [], [reason('EDGE_INCOME', false, message)]);
  }

  const everyone = h.residents.map((r) => r.index);
  const belowEdge = perCapitaBelow(h, h.edgeLimitFen);
  const multiple = h.record.lowIncome.edgeMultiplier;
  const reasons: Reason[] = [
    hukouReason(h),
    reason('EDGE_INCOME', belowEdge, perCapitaComparison(h, h.edgeLimitFen, '低保边缘标准', `（低保标准的${multiple}倍）`)),
    ...assetReasons(h.edgeAssets, true),
  ];
  // 1. Edge (低保边缘): HUKOU, y < edge × S, edge assets.
  if (h.hukou && belowEdge && h.edgeAssets.passed) return result('eligible', 'edge', everyone, reasons);

  // 2. Rigid expenditure (刚性支出困难): medical + education above a share of a year's income.
  const belowDisposable = perCapitaBelow(h, h.disposableFen);
  reasons.push(
    reason('RIGID_INCOME', belowDisposable, perCapitaComparison(h, h.disposableFen, '当地居民人均可支配收入')),
  );
  const spentFen = yuanToFen(h.request.expenses.medical) + yuanToFen(h.request.expenses.education);
  const yearFen = 12 * h.Y;
  const ratio = h.record.lowIncome.rigidRatio;
  const thresholdFen = mulRate(ratio, yearFen);
  const heavy = spentFen > thresholdFen;
  const share = `家庭年收入${yuanText(yearFen)}的${Math.round(ratio * 1000) / 10}%（${yuanText(thresholdFen)}）`;
  reasons.push(
    reason('RIGID_RATIO', heavy, `近12个月自付医疗、教育支出${yuanText(spentFen)}，${heavy ? '超过' : '没有超过'}${share}`),
  );
  if (h.hukou && h.edgeAssets.passed && belowDisposable && heavy) {
    return result('eligible', 'rigid_expenditure', everyone, reasons);
  }
  return result('ineligible', null, [], reasons);
}

function result(
  outcome: LowIncomeResult['result'],
  mode: LowIncomeResult['mode'],
  coveredMembers: number[],
  reasons: Reason[],
): LowIncomeResult {
  return { program: 'low_income', result: outcome, mode, coveredMembers, estimatedMonthlyAmount: null, estimatedOneTimeAmount: null, reasons };
}
