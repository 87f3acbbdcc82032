import { eligibilityRequestSchema, type EligibilityRequestInput, type EligibilityResponse, type ReasonCode } from '../contract/eligibility';
import { checkEligibility } from './engine';
import { parameterRecordSchema, type ParameterRecord } from './params';

/** Test helpers only (imported by *.test.ts): a parameter record and a one-call check. */

/** Xi'an 2024 as in regions.json: S = 800 urban, 550 rural. `edit` changes a deep copy. */
export function xianRecord(edit: (r: ParameterRecord) => void = () => {}): ParameterRecord {
  const record = parameterRecordSchema.parse({
    region: '610100',
    effectiveFrom: '2024-01-01',
    source: 'test',
    dibao: {
      urban: 800,
      rural: 550,
      minimumMonthly: 30,
      employmentDeductionRate: 0.3,
      classified: { elderlyAge: 70, elderly: 0.1, minorAge: 16, minor: 0.1, severeDisability: 0.2, severeIllness: 0.2 },
      gradualExitMonths: 6,
      severeDisabledAdultAlone: true,
      acceptsResidencePermit: false,
    },
    assets: { financialMonthsPerCapita: 24, edgeFinancialMonthsPerCapita: 36, carValueAllowance: 0, maxDwellings: 1 },
    tekun: { basicMultiplier: 1.3, care: { self: 210, partial: 350, full: 700 } },
    lowIncome: { edgeMultiplier: 1.5, disposableIncomeMonthly: 3300, rigidRatio: 0.6 },
    temporary: { capMultiple: 10, townshipLimitMultiple: 4, emergencyWindowDays: 90, lostIncomeMonths: 3, expenditureMonths: [2, 4, 6] },
  });
  edit(record);
  return record;
}

export const AS_OF = '2024-06-01';

/** Validates a household (defaults applied) and checks it under `record` on AS_OF. */
export function check(
  input: Omit<EligibilityRequestInput, 'regionCode' | 'residence'> & Partial<Pick<EligibilityRequestInput, 'regionCode' | 'residence'>>,
  record: ParameterRecord = xianRecord(),
): EligibilityResponse {
  const request = eligibilityRequestSchema.parse({ regionCode: '610113004', residence: 'urban', ...input });
  return checkEligibility(request, request.asOf ?? AS_OF, record, request.regionCode);
}

type Programs = EligibilityResponse['programs'];
export const dibaoOf = (r: EligibilityResponse): Programs[0] => r.programs[0];
export const tekunOf = (r: EligibilityResponse): Programs[1] => r.programs[1];
export const lowIncomeOf = (r: EligibilityResponse): Programs[2] => r.programs[2];
export const temporaryOf = (r: EligibilityResponse): Programs[3] => r.programs[3];

/** The reason codes a program failed. */
export const failed = (p: { reasons: Array<{ code: ReasonCode; passed: boolean }> }) =>
  p.reasons.filter((r) => !r.passed).map((r) => r.code);

/** The one reason with `code` (the first when a code repeats per member). */
export function reasonOf(p: { reasons: Array<{ code: ReasonCode; passed: boolean; message: string }> }, code: ReasonCode) {
  const found = p.reasons.find((r) => r.code === code);
  if (!found) throw new Error(`no reason ${code} in ${p.reasons.map((r) => r.code).join(',')}`);
  return found;
}
