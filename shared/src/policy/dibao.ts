import type { DibaoResult, Reason } from '../contract/eligibility';
import { addOnFen, isSeverelyDisabled, perCapitaBelow, type Household, type Resident } from './household';
import { assetReasons, hukouReason, membersLabel, perCapitaComparison, reason } from './messages';
import { ceilToYuan, yuanToFen } from './money';

/** 低保 (RULES.md §5): household, then gradual exit, then single person; first match wins. */
export function assessDibao(h: Household): DibaoResult {
  const { record, S } = h;
  const minimumFen = yuanToFen(record.dibao.minimumMonthly);
  const incomeBelowS = perCapitaBelow(h, S);
  const reasons: Reason[] = [
    hukouReason(h),
    reason('DIBAO_INCOME', incomeBelowS, perCapitaComparison(h, S, '当地低保标准')),
    ...assetReasons(h.dibaoAssets, false),
  ];

  // 1. Household: the gap to S × N plus the classified add-ons.
  if (h.hukou && incomeBelowS && h.dibaoAssets.passed) {
    const addOns = h.residents.reduce((sum, r) => sum + addOnFen(r.member, record, S), 0);
    const amount = ceilToYuan(Math.max(S * h.N - h.Y + addOns, minimumFen));
    return eligible('household', h.residents.map((r) => r.index), amount, reasons);
  }

  // 2. Gradual exit: only a household that receives dibao now can be in it.
  const current = h.request.currentRecipient;
  if (current) {
    const exit = gradualExit(h, incomeBelowS);
    reasons.push(exit);
    if (exit.passed) {
      return eligible('gradual_exit', h.residents.map((r) => r.index), ceilToYuan(yuanToFen(current.monthlyAmount)), reasons);
    }
  }

  // 3. Single person (单人保): severely disabled or seriously ill members of a poor household.
  const single = singlePerson(h);
  reasons.push(single.reason);
  if (single.covered.length > 0) {
    const gaps = single.covered.reduce((sum, r) => sum + Math.max(0, S - r.incomeFen) + addOnFen(r.member, record, S), 0);
    const amount = ceilToYuan(Math.max(gaps, minimumFen));
    return eligible('single_person', single.covered.map((r) => r.index), amount, reasons);
  }

  return { program: 'dibao', result: 'ineligible', mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null, reasons };
}

function eligible(mode: NonNullable<DibaoResult['mode']>, coveredMembers: number[], amount: number, reasons: Reason[]): DibaoResult {
  return { program: 'dibao', result: 'eligible', mode, coveredMembers, estimatedMonthlyAmount: amount, estimatedOneTimeAmount: null, reasons };
}

/** `GRADUAL_EXIT` (§5.2): a dibao household whose income rose from work to y ≥ S keeps its amount for a while. */
function gradualExit(h: Household, incomeBelowS: boolean): Reason {
  const current = h.request.currentRecipient;
  const fail = (message: string) => reason('GRADUAL_EXIT', false, message);
  if (current?.program !== 'dibao') return fail('家庭目前没有领取低保，不适用低保渐退');
  if (!current.incomeRoseFromWork) return fail('家庭收入增加不是因为就业，不适用低保渐退');
  if (!h.hukou) return fail('户籍不符合条件，不适用低保渐退');
  if (!h.dibaoAssets.passed) return fail('家庭资产超过低保规定，不适用低保渐退');
  if (incomeBelowS) return fail('家庭月人均收入仍低于低保标准，不需要渐退');
  const amount = ceilToYuan(yuanToFen(current.monthlyAmount));
  return reason(
    'GRADUAL_EXIT',
    true,
    `因就业增加了收入，${perCapitaComparison(h, h.S, '低保标准')}，` +
      `可以享受渐退：最长${h.record.dibao.gradualExitMonths}个月内继续每月领取${amount}元`,
  );
}

/** `SINGLE_PERSON` (§5.3): who may be included alone, by (a) an edge household or (b) the adult rule. */
function singlePerson(h: Household): { covered: Resident[]; reason: Reason } {
  const { record } = h;
  const edge = h.hukou && perCapitaBelow(h, h.edgeLimitFen) && h.edgeAssets.passed;
  const severeOrIll = (r: Resident) => isSeverelyDisabled(r.member) || r.member.severeIllness;
  const adultAlone = (r: Resident) =>
    record.dibao.severeDisabledAdultAlone && r.member.age >= 18 && isSeverelyDisabled(r.member) && r.workIncomeFen === 0;
  const byEdge = edge ? h.residents.filter(severeOrIll) : [];
  // Someone who meets (a) is named once, under (a).
  const byAdult = h.hukou ? h.residents.filter((r) => adultAlone(r) && !byEdge.includes(r)) : [];
  const covered = h.residents.filter((r) => byEdge.includes(r) || byAdult.includes(r));

  if (covered.length > 0) {
    const parts: string[] = [];
    if (byEdge.length > 0) parts.push(`${membersLabel(byEdge.map((r) => r.index))}重度残疾或患重病，家庭属于低保边缘家庭`);
    if (byAdult.length > 0) parts.push(`${membersLabel(byAdult.map((r) => r.index))}是没有工作收入的成年重度残疾人`);
    return { covered, reason: reason('SINGLE_PERSON', true, `${parts.join('；')}，可以单独纳入低保（单人保）`) };
  }

  let message: string;
  if (!h.residents.some(severeOrIll)) message = '家庭中没有重度残疾或患重病的成员，不适用单独纳入低保';
  else if (!h.hukou) message = '户籍不符合条件，不能单独纳入低保';
  else {
    const why: string[] = [];
    if (!perCapitaBelow(h, h.edgeLimitFen)) why.push(perCapitaComparison(h, h.edgeLimitFen, '低保边缘标准'));
    if (!h.edgeAssets.passed) why.push('家庭资产超过低保边缘家庭的规定');
    message = `${why.join('，')}，重度残疾或患重病的成员不能单独纳入低保`;
    if (!record.dibao.severeDisabledAdultAlone) message += '；当地没有成年重度残疾人单独纳入低保的规定';
  }
  return { covered: [], reason: reason('SINGLE_PERSON', false, message) };
}
