import type { Hardship, Reason, TemporaryResult } from '../contract/eligibility';
import { hardshipTypeLabels, isEmergencyHardship } from '../contract/enums';
import { daysBetween } from '../dates';
import { perCapitaBelow, standards, type Household } from './household';
import type { ParameterRecord } from './params';
import { perCapitaComparison, reason, yuanText } from './messages';
import { ceilToYuan, mulRate, yuanToFen } from './money';

/** RULES.md §8 itself: months without income before lost-income assistance applies. */
const LOST_INCOME_MIN_MONTHS = 3;

type Mode = NonNullable<TemporaryResult['mode']>;

/** 临时救助 (RULES.md §8): no hukou test; emergency, lost income or expenditure by hardship type. */
export function assessTemporary(h: Household): TemporaryResult {
  const hardship = h.request.hardship;
  if (!hardship) {
    return closed('ineligible', [reason('TEMP_HARDSHIP', false, '没有填写遇到的困难；遇到急难情况时可以随时申请临时救助')]);
  }
  if (hardship.type === 'other') {
    return closed('needs_review', [reason('TEMP_HARDSHIP', true, '遇到的困难需要工作人员了解情况后，确定能否救助、救助多少')]);
  }
  if (isEmergencyHardship(hardship.type)) return emergency(h, hardship);
  if (hardship.type === 'lost_income') return lostIncome(h, hardship);
  return expenditure(h, hardship);
}

/** 急难型: within the window after the event; the amount is the loss up to the cap. */
function emergency(h: Household, hardship: Hardship): TemporaryResult {
  const { capFen, townLimitFen } = limits(h);
  const windowDays = h.record.temporary.emergencyWindowDays;
  const kind = `${hardshipTypeLabels[hardship.type]}，属于急难型临时救助`;
  let window: Reason;
  const days = hardship.occurredOn === undefined ? undefined : daysBetween(hardship.occurredOn, h.asOf);
  if (days === undefined) window = reason('TEMP_WINDOW', false, '没有填写困难发生的日期');
  else if (days < 0) window = reason('TEMP_WINDOW', false, `填写的发生日期${hardship.occurredOn}晚于测算日期${h.asOf}`);
  else if (days > windowDays) window = reason('TEMP_WINDOW', false, `困难发生在${days}天前，超过了${windowDays}天的申请期限`);
  else window = reason('TEMP_WINDOW', true, `困难发生在${days === 0 ? '今天' : `${days}天前`}，在${windowDays}天的申请期限内`);
  if (!window.passed) return closed('ineligible', [reason('TEMP_HARDSHIP', true, kind), window]);

  const lossFen = hardship.loss === undefined ? 0 : yuanToFen(hardship.loss);
  if (lossFen === 0) {
    return closed('needs_review', [reason('TEMP_HARDSHIP', true, `${kind}；没有填写损失金额，需要工作人员评估救助金额`), window]);
  }
  const amount = ceilToYuan(Math.min(lossFen, capFen));
  const reasons = [reason('TEMP_HARDSHIP', true, `${kind}；按损失${yuanText(lossFen)}估算，单次一般不超过${yuanText(capFen)}`), window];
  return eligible(h, 'emergency', amount, lossFen, reasons, ceilToYuan(Math.min(amount * 100, townLimitFen)));
}

/** Lost income: three months or more without income and no unemployment insurance. */
function lostIncome(h: Household, hardship: Hardship): TemporaryResult {
  const months = hardship.monthsWithoutIncome;
  const passed = months >= LOST_INCOME_MIN_MONTHS && !hardship.unemploymentInsurance;
  let message: string;
  if (months < LOST_INCOME_MIN_MONTHS) message = `没有收入${months}个月，不满${LOST_INCOME_MIN_MONTHS}个月`;
  else if (hardship.unemploymentInsurance) message = `没有收入${months}个月，但已领取失业保险金`;
  else message = `已经${months}个月没有收入，也没有领取失业保险金`;
  const reasons = [reason('TEMP_HARDSHIP', true, '失去收入来源，生活困难'), reason('TEMP_LOST_INCOME', passed, message)];
  if (!passed) return closed('ineligible', reasons);
  const needFen = mulRate(h.record.temporary.lostIncomeMonths, h.Su);
  return eligible(h, 'lost_income', ceilToYuan(needFen), needFen, reasons, null);
}

/** 支出型: heavy medical or education spending in a household below the disposable income. */
function expenditure(h: Household, hardship: Hardship): TemporaryResult {
  const { capFen } = limits(h);
  const spentFen = yuanToFen(h.request.expenses.medical) + yuanToFen(h.request.expenses.education);
  const belowDisposable = perCapitaBelow(h, h.disposableFen);
  const passed = belowDisposable && h.edgeAssets.passed && spentFen > 0;
  const parts = [perCapitaComparison(h, h.disposableFen, '当地居民人均可支配收入')];
  if (!h.edgeAssets.passed) parts.push('家庭资产超过规定');
  parts.push(spentFen > 0 ? `近12个月自付医疗、教育支出${yuanText(spentFen)}` : '没有填写近12个月自付的医疗、教育支出');
  const reasons = [
    reason('TEMP_HARDSHIP', true, `${hardshipTypeLabels[hardship.type]}，属于支出型临时救助`),
    reason('TEMP_EXPENDITURE_INCOME', passed, parts.join('，')),
  ];
  if (!passed) return closed('ineligible', reasons);

  // Months of support by spending against a year's income: below half, up to a year, beyond.
  const yearFen = 12 * h.Y;
  const [few, some, many] = h.record.temporary.expenditureMonths;
  const months = 2 * spentFen < yearFen ? few : spentFen < yearFen ? some : many;
  const needFen = mulRate(months, h.Su * h.N);
  return eligible(h, 'expenditure', ceilToYuan(Math.min(needFen, capFen)), needFen, reasons, null);
}

/** cap = capMultiple × Su, townLimit = townshipLimitMultiple × Su. */
/** The per-event cap and the township's approval (and pre-rescue) limit, in fen (RULES.md §8). */
export function temporaryLimitsFen(record: ParameterRecord): { capFen: number; townLimitFen: number } {
  const { Su } = standards(record, 'urban');
  const t = record.temporary;
  return { capFen: mulRate(t.capMultiple, Su), townLimitFen: mulRate(t.townshipLimitMultiple, Su) };
}

const limits = (h: Household) => temporaryLimitsFen(h.record);

/** Approval: case by case above the cap, the township up to its limit, else the county. */
function eligible(h: Household, mode: Mode, amount: number, needFen: number, reasons: Reason[], preRescueAmount: number | null): TemporaryResult {
  const { capFen, townLimitFen } = limits(h);
  const approvalLevel = needFen > capFen ? 'case_by_case' : amount * 100 <= townLimitFen ? 'township' : 'county';
  return {
    program: 'temporary',
    result: 'eligible',
    mode,
    coveredMembers: h.residents.map((r) => r.index),
    estimatedMonthlyAmount: null,
    estimatedOneTimeAmount: amount,
    approvalLevel,
    preRescueAmount,
    reasons,
  };
}

/** Ineligible or needs review: no mode, nobody covered, no amounts (§8). */
function closed(result: 'ineligible' | 'needs_review', reasons: Reason[]): TemporaryResult {
  return {
    program: 'temporary',
    result,
    mode: null,
    coveredMembers: [],
    estimatedMonthlyAmount: null,
    estimatedOneTimeAmount: null,
    approvalLevel: null,
    preRescueAmount: null,
    reasons,
  };
}
