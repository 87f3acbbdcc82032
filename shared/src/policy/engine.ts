import type { EligibilityRequest, EligibilityResponse } from '../contract/eligibility';
import { assessDibao } from './dibao';
import { buildHousehold } from './household';
import { assessLowIncome } from './low-income';
import { divRoundHalfUp, fenToYuan } from './money';
import { nextSteps } from './next-steps';
import type { ParameterRecord } from './params';
import { assessTekun } from './tekun';
import { assessTemporary } from './temporary';

export interface CheckOptions {
  /** The region's hotline for the next steps; the national 12345 when absent. */
  hotline?: string;
}

/** Decides all four programs for a validated household under one parameter record (RULES.md). Pure. */
export function checkEligibility(
  request: EligibilityRequest,
  asOf: string,
  record: ParameterRecord,
  regionCode: string,
  options: CheckOptions = {},
): EligibilityResponse {
  const h = buildHousehold(request, record, asOf);
  const dibao = assessDibao(h);
  const programs = [dibao, assessTekun(h), assessLowIncome(h, dibao), assessTemporary(h)] as const;
  return {
    regionCode,
    asOf,
    parameters: { region: record.region, effectiveFrom: record.effectiveFrom },
    household: {
      size: h.N,
      monthlyIncome: fenToYuan(h.Y),
      perCapitaIncome: fenToYuan(h.N > 0 ? divRoundHalfUp(h.Y, h.N) : 0),
    },
    programs: [...programs],
    nextSteps: nextSteps(request, programs, options.hotline),
  };
}
