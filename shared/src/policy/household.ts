import type { EligibilityRequest, Member } from '../contract/eligibility';
import { mulRate, yuanToFen } from './money';
import type { ParameterRecord } from './params';

/** A member who lives in the household (status resident), with their countable income in fen. */
export interface Resident {
  /** Position in `request.members`: what `coveredMembers` reports. */
  index: number;
  member: Member;
  /** wages − employment deduction + business + property + transfer (RULES.md §4). */
  incomeFen: number;
  /** wages + business before any deduction, for the stand-alone rule of §5.3(b). */
  workIncomeFen: number;
}

/** The asset test A(k) of RULES.md §4, each part kept for the reasons. */
export interface AssetTest {
  months: number;
  financialFen: number;
  financialLimitFen: number;
  financial: boolean;
  /** The most valuable car, or null when the household has none. */
  topCarFen: number | null;
  carAllowanceFen: number;
  vehicle: boolean;
  dwellings: number;
  maxDwellings: number;
  dwelling: boolean;
  passed: boolean;
}

/** Everything the four programs share, computed once in fen. */
export interface Household {
  request: EligibilityRequest;
  record: ParameterRecord;
  asOf: string;
  /** Dibao standard per person per month for the household's residence. */
  S: number;
  /** Urban dibao standard per person per month. */
  Su: number;
  residents: Resident[];
  N: number;
  /** Household countable income per month. */
  Y: number;
  hukou: boolean;
  dibaoAssets: AssetTest;
  edgeAssets: AssetTest;
  /** lowIncome.edgeMultiplier × S. */
  edgeLimitFen: number;
  /** lowIncome.disposableIncomeMonthly. */
  disposableFen: number;
}

/** Monthly standard in fen; a yearly figure is divided by 12 and rounded half-up to the fen (§3). */
function monthlyFen(amount: number, per: 'month' | 'year' | undefined): number {
  return per === 'year' ? yuanToFen(amount, 12) : yuanToFen(amount);
}

/** The dibao standard S for `residence` (rural falls back to urban where rural is null) and Su. */
export function standards(record: ParameterRecord, residence: 'urban' | 'rural'): { S: number; Su: number } {
  const { dibao } = record;
  const Su = monthlyFen(dibao.urban, dibao.urbanPer);
  const S = residence === 'rural' && dibao.rural !== null ? monthlyFen(dibao.rural, dibao.ruralPer) : Su;
  return { S, Su };
}

/** Grade 1 or 2 of any kind, or grade 3 intellectual or mental (§3). */
export function isSeverelyDisabled(member: Member): boolean {
  const d = member.disability;
  if (!d) return false;
  return d.grade <= 2 || (d.grade === 3 && (d.kind === 'intellectual' || d.kind === 'mental'));
}

/** The largest classified add-on that applies to a member, in fen (§5.1). */
export function addOnFen(member: Member, record: ParameterRecord, S: number): number {
  const c = record.dibao.classified;
  const candidates = [0];
  if (member.age >= c.elderlyAge) candidates.push(mulRate(c.elderly, S));
  if (member.age < c.minorAge) candidates.push(mulRate(c.minor, S));
  if (isSeverelyDisabled(member)) candidates.push(mulRate(c.severeDisability, S));
  if (member.severeIllness) candidates.push(mulRate(c.severeIllness, S));
  return Math.max(...candidates);
}

/** A member's countable income in fen (§4): wages less min(wages, rate × S), plus the rest. */
export function countableIncomeFen(member: Member, record: ParameterRecord, S: number): number {
  const wages = yuanToFen(member.income.wages);
  const deduction = wages > 0 ? Math.min(wages, mulRate(record.dibao.employmentDeductionRate, S)) : 0;
  return wages - deduction + yuanToFen(member.income.business) + yuanToFen(member.income.property) + yuanToFen(member.income.transfer);
}

/** Asset test A(k) for `months` months of the standard per person (§4). */
export function assetTest(request: EligibilityRequest, record: ParameterRecord, N: number, S: number, months: number): AssetTest {
  const financialFen = yuanToFen(request.assets.financial);
  const financialLimitFen = mulRate(months, N * S);
  const cars = request.assets.vehicles.filter((v) => v.kind === 'car').map((v) => yuanToFen(v.value));
  const topCarFen = cars.length > 0 ? Math.max(...cars) : null;
  const carAllowanceFen = yuanToFen(record.assets.carValueAllowance);
  const { dwellings } = request.assets;
  const { maxDwellings } = record.assets;
  const financial = financialFen <= financialLimitFen;
  const vehicle = topCarFen === null || topCarFen <= carAllowanceFen;
  const dwelling = dwellings <= maxDwellings;
  return {
    months,
    financialFen,
    financialLimitFen,
    financial,
    topCarFen,
    carAllowanceFen,
    vehicle,
    dwellings,
    maxDwellings,
    dwelling,
    passed: financial && vehicle && dwelling,
  };
}

/** `HUKOU` (§4): local, or a residence permit where the region accepts it. */
export function hukouPasses(request: EligibilityRequest, record: ParameterRecord): boolean {
  return request.hukou === 'local' || (request.hukou === 'residence_permit' && record.dibao.acceptsResidencePermit);
}

/** Builds the shared figures for one household under one parameter record. */
export function buildHousehold(request: EligibilityRequest, record: ParameterRecord, asOf: string): Household {
  const { S, Su } = standards(record, request.residence);
  const residents: Resident[] = [];
  request.members.forEach((member, index) => {
    if (member.status !== 'resident') return;
    residents.push({
      index,
      member,
      incomeFen: countableIncomeFen(member, record, S),
      workIncomeFen: yuanToFen(member.income.wages) + yuanToFen(member.income.business),
    });
  });
  const N = residents.length;
  return {
    request,
    record,
    asOf,
    S,
    Su,
    residents,
    N,
    Y: residents.reduce((sum, r) => sum + r.incomeFen, 0),
    hukou: hukouPasses(request, record),
    dibaoAssets: assetTest(request, record, N, S, record.assets.financialMonthsPerCapita),
    edgeAssets: assetTest(request, record, N, S, record.assets.edgeFinancialMonthsPerCapita),
    edgeLimitFen: mulRate(record.lowIncome.edgeMultiplier, S),
    disposableFen: yuanToFen(record.lowIncome.disposableIncomeMonthly),
  };
}

/** Per-capita income `y = Y / N` strictly below `limitFen`, compared exactly as `Y < N × limit`. */
export function perCapitaBelow(h: Household, limitFen: number): boolean {
  return h.Y < h.N * limitFen;
}
