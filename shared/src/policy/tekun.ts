import type { Reason, TekunResult } from '../contract/eligibility';
import { isSeverelyDisabled, type Household, type Resident } from './household';
import { hukouReason, memberLabel, reason, yuanText } from './messages';
import { ceilToYuan, mulRate, yuanToFen } from './money';

/** Ages in RULES.md §6 itself (national rule, not a regional parameter). */
const ELDERLY_AGE = 60;
const CHILD_AGE = 16;
const ADULT_AGE = 18;

/** Why a member has no labour capacity, or undefined when they have it (§6). */
function noLabourCapacity(r: Resident): string | undefined {
  if (r.member.age >= ELDERLY_AGE) return `年满${ELDERLY_AGE}岁`;
  if (r.member.age < CHILD_AGE) return `未满${CHILD_AGE}岁`;
  if (isSeverelyDisabled(r.member)) return '是重度残疾人';
  return undefined;
}

/** A resident aged 18–59 without severe disability or serious illness: someone who can support. */
const ableAdult = (r: Resident) =>
  r.member.age >= ADULT_AGE && r.member.age < ELDERLY_AGE && !isSeverelyDisabled(r.member) && !r.member.severeIllness;

/** 特困 (RULES.md §6), person by person; reasons for each member without labour capacity. */
export function assessTekun(h: Household): TekunResult {
  const { record, S } = h;
  const candidates = h.residents.flatMap((r) => {
    const why = noLabourCapacity(r);
    return why ? [{ resident: r, why }] : [];
  });
  if (candidates.length === 0) {
    const message = `家庭中没有年满${ELDERLY_AGE}岁、未满${CHILD_AGE}岁或重度残疾的成员，不符合特困人员条件`;
    return ineligible([reason('TEKUN_NO_LABOUR_CAPACITY', false, message)]);
  }

  const reasons: Reason[] = [hukouReason(h)];
  const qualified: Resident[] = [];
  for (const { resident: r, why } of candidates) {
    const label = memberLabel(r.index, r.member);
    reasons.push(reason('TEKUN_NO_LABOUR_CAPACITY', true, `${label}${why}，属于无劳动能力`));

    const lowIncome = r.incomeFen < S;
    const income = lowIncome
      ? `${label}自己的月收入${yuanText(r.incomeFen)}，低于低保标准${yuanText(S)}`
      : `${label}自己的月收入${yuanText(r.incomeFen)}，不低于低保标准${yuanText(S)}`;
    const noIncome = lowIncome && h.dibaoAssets.passed;
    reasons.push(reason('TEKUN_NO_INCOME', noIncome, h.dibaoAssets.passed ? income : `${income}；家庭资产超过规定`));

    const supporter = supporterTest(h, r);
    reasons.push(reason('TEKUN_NO_SUPPORTER', supporter.passed, `${label}${supporter.message}`));

    if (h.hukou && noIncome && supporter.passed) qualified.push(r);
  }
  if (qualified.length === 0) return ineligible(reasons);

  const basicFen = ceilToYuan(mulRate(record.tekun.basicMultiplier, S)) * 100;
  const totalFen = qualified.reduce((sum, r) => sum + basicFen + careFen(h, r), 0);
  return {
    program: 'tekun',
    result: 'eligible',
    mode: 'individual',
    coveredMembers: qualified.map((r) => r.index),
    estimatedMonthlyAmount: ceilToYuan(totalFen),
    estimatedOneTimeAmount: null,
    reasons,
  };
}

/** `TEKUN_NO_SUPPORTER`: no capable legal supporter and no able adult at home. */
function supporterTest(h: Household, r: Resident): { passed: boolean; message: string } {
  const able = h.residents.filter((other) => other !== r && ableAdult(other));
  if (r.member.supporters === 'capable') return { passed: false, message: '有能够履行义务的赡养、抚养或扶养人' };
  if (able.length > 0) {
    const who = able.map((o) => memberLabel(o.index, o.member)).join('、');
    return { passed: false, message: `家中有${ADULT_AGE}至${ELDERLY_AGE - 1}岁、能劳动的其他成员：${who}` };
  }
  const supporters = r.member.supporters === 'none' ? '没有赡养、抚养或扶养人' : '的赡养、抚养或扶养人没有能力';
  return { passed: true, message: `${supporters}，家中也没有其他能劳动的成年人` };
}

/** Care allowance by ADL failures: 0 self-care, 1–3 partial, 4–6 full (§6). */
function careFen(h: Household, r: Resident): number {
  const { care } = h.record.tekun;
  const failures = r.member.adlFailures;
  return yuanToFen(failures === 0 ? care.self : failures <= 3 ? care.partial : care.full);
}

function ineligible(reasons: Reason[]): TekunResult {
  return { program: 'tekun', result: 'ineligible', mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null, reasons };
}
