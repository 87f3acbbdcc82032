/** The eligibility policy engine: parameters, their resolution, money rules and the decision. */
export { checkEligibility, type CheckOptions } from './engine';
export { parameterRecordSchema, regionCodeSchema, isoDateSchema, type ParameterRecord } from './params';
export { resolveParameters, recordInForce, type RegionLink, type ResolveResult } from './resolve';
export { ceilToYuan, divRoundHalfUp, fenToYuan, formatYuan, mulRate, roundYuan, toDecimal, yuanToFen } from './money';
export { DEFAULT_HOTLINE } from './next-steps';
