/**
 * Entry of the shared-code bundle. scripts/build-miniprogram.mjs bundles this file with zod
 * into lib/shared.js (mini-programs load nothing outside their root); `tsc` reads the types
 * straight from shared/. Only pure modules of shared/ belong here: no Node APIs.
 */
import './zod-jitless';

export {
  eligibilityRequestSchema,
  relations,
  disabilityKinds,
  vehicleKinds,
  type EligibilityRequest,
  type EligibilityRequestInput,
  type EligibilityResponse,
  type Reason,
  type Member,
} from '../../shared/src/contract/eligibility';
export {
  checkEligibility,
  resolveParameters,
  parameterRecordSchema,
  DEFAULT_HOTLINE,
  type ParameterRecord,
  type RegionLink,
} from '../../shared/src/policy/index';
export {
  createApplicationRequestSchema,
  MAX_AMOUNT_REQUESTED,
  type ApplicationRequest,
  type ApplicationRequestInput,
  type ApplicationCreated,
  type CaseListItem,
  type CaseDetail,
} from '../../shared/src/contract/application';
export {
  hardshipTypes,
  hardshipTypeLabels,
  emergencyHardshipTypes,
  isEmergencyHardship,
  urgentNeeds,
  urgentNeedLabels,
  caseStatuses,
  priorities,
  type HardshipType,
  type UrgentNeed,
  type CaseStatus,
  type Priority,
} from '../../shared/src/contract/enums';
export { errorTitle, errorStatus, type ErrorCode, type FieldError, type Problem } from '../../shared/src/errors';
export { validateIdNumber, normalizeIdNumber } from '../../shared/src/id/gb11643';
export { normalizeMobile, isMainlandMobile } from '../../shared/src/id/phone';
export { maskIdNumber, maskPhone } from '../../shared/src/id/mask';
export { detectCrisis, type CrisisResult } from '../../shared/src/crisis/lexicon';
export { statusLabels, isOpen, allowedActions, nextActionFor } from '../../shared/src/cases/state-machine';
export { shanghaiDate, isIsoDate, daysBetween } from '../../shared/src/dates';
