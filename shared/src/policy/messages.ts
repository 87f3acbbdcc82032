import type { Member, Reason, ReasonCode } from '../contract/eligibility';
import { perCapitaBelow, type AssetTest, type Household } from './household';
import { divRoundHalfUp, formatYuan } from './money';

/** Resident-facing wording shared by the programs: short, plain, with the figures. */

/** One reason line. */
export const reason = (code: ReasonCode, passed: boolean, message: string): Reason => ({ code, passed, message });

/** "800元", "586.67元" from fen. */
export const yuanText = (fen: number) => `${formatYuan(fen)}元`;

/** Per-capita income for messages, rounded half-up to the fen like the household figure. */
export const perCapitaText = (h: Household) => yuanText(h.N > 0 ? divRoundHalfUp(h.Y, h.N) : 0);

const relationLabel: Record<Member['relation'], string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandparent: '祖父母或外祖父母',
  grandchild: '孙子女或外孙子女',
  other: '其他成员',
};

/** "第1位成员（本人，75岁）". */
export const memberLabel = (index: number, member: Member) =>
  `第${index + 1}位成员（${relationLabel[member.relation]}，${member.age}岁）`;

/** "第1、3位成员". */
export const membersLabel = (indexes: number[]) => `第${indexes.map((i) => i + 1).join('、')}位成员`;

/** The `HUKOU` reason (§4). */
export function hukouReason(h: Household): Reason {
  switch (h.request.hukou) {
    case 'local':
      return reason('HUKOU', true, '户籍在本地，可以在本地申请');
    case 'residence_permit':
      return h.hukou
        ? reason('HUKOU', true, '持有本地居住证，当地允许持居住证申请')
        : reason('HUKOU', false, '当地暂不受理持居住证申请，请到户籍所在地申请');
    case 'other':
      return reason('HUKOU', false, '户籍不在本地，请到户籍所在地申请');
  }
}

/** The three asset reasons of A(k) (§4); `edge` picks the EDGE_ codes of the low-income test. */
export function assetReasons(test: AssetTest, edge: boolean): Reason[] {
  const limitNote = `（每人${test.months}个月低保标准）`;
  const financial = test.financial
    ? `家庭存款等金融资产${yuanText(test.financialFen)}，未超过上限${yuanText(test.financialLimitFen)}${limitNote}`
    : `家庭存款等金融资产${yuanText(test.financialFen)}，超过上限${yuanText(test.financialLimitFen)}${limitNote}`;
  let vehicle: string;
  if (test.topCarFen === null) vehicle = '家庭没有汽车';
  else if (test.vehicle) vehicle = `家庭汽车价值${yuanText(test.topCarFen)}，未超过当地允许的${yuanText(test.carAllowanceFen)}`;
  else if (test.carAllowanceFen === 0) vehicle = `家庭有汽车（价值${yuanText(test.topCarFen)}），当地规定不能有汽车`;
  else vehicle = `家庭汽车价值${yuanText(test.topCarFen)}，超过当地允许的${yuanText(test.carAllowanceFen)}`;
  const dwelling = test.dwelling
    ? `家庭有${test.dwellings}套住房，未超过当地规定的${test.maxDwellings}套`
    : `家庭有${test.dwellings}套住房，超过当地规定的${test.maxDwellings}套`;
  return [
    reason(edge ? 'EDGE_ASSET_FINANCIAL' : 'ASSET_FINANCIAL', test.financial, financial),
    reason(edge ? 'EDGE_ASSET_VEHICLE' : 'ASSET_VEHICLE', test.vehicle, vehicle),
    reason(edge ? 'EDGE_ASSET_DWELLING' : 'ASSET_DWELLING', test.dwelling, dwelling),
  ];
}

/**
 * "家庭月人均收入586.67元，低于当地低保标准800元" or "…，不低于…": the strict test y < limit of every
 * income rule. When y is below the limit by less than half a fen, the rounded figure would equal
 * the limit, so the sentence says "略低于" instead of showing two equal numbers.
 */
export function perCapitaComparison(h: Household, limitFen: number, label: string, note = ''): string {
  const limit = `${label}${yuanText(limitFen)}${note}`;
  if (!perCapitaBelow(h, limitFen)) return `家庭月人均收入${perCapitaText(h)}，不低于${limit}`;
  const shown = h.N > 0 ? divRoundHalfUp(h.Y, h.N) : 0;
  return shown < limitFen ? `家庭月人均收入${perCapitaText(h)}，低于${limit}` : `家庭月人均收入略低于${limit}`;
}
