import {
  checkEligibility,
  eligibilityRequestSchema,
  resolveParameters,
  shanghaiDate,
  type EligibilityRequest,
  type EligibilityRequestInput,
  type EligibilityResponse,
  type ParameterRecord,
} from '../lib/shared';
import { ApiError } from './errors';
import { request } from './http';
import { cachedPolicy, refreshPolicy, type Policy } from './regions';
import { KEYS, save } from './storage';

export interface CheckOutcome {
  response: EligibilityResponse;
  /** True when computed on the phone with cached parameters (no signal). */
  offline: boolean;
  /** When the cached parameters were downloaded (offline results only). */
  policyFetchedAt?: string;
}

export type Validation = { ok: true; request: EligibilityRequest } | { ok: false; fields: Record<string, string> };

/** Validates a household with the shared schema (the server's own), field by field. */
export function validateHousehold(input: EligibilityRequestInput): Validation {
  const parsed = eligibilityRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (!(path in fields)) fields[path] = issue.message;
  }
  return { ok: false, fields };
}

/**
 * The self-check on the phone: the same shared engine the server runs, over the parameters
 * downloaded for the region (RULES.md §3 walk up the region tree). Throws REGION_UNKNOWN or
 * POLICY_NOT_IN_FORCE like the server.
 */
export function checkOffline(req: EligibilityRequest, policy: Pick<Policy, 'regions' | 'records'>, today: string): EligibilityResponse {
  const asOf = req.asOf ?? today;
  const regions = new Map(policy.regions.map((r) => [r.code, r]));
  const records = new Map<string, ParameterRecord[]>();
  for (const record of policy.records) records.set(record.region, [...(records.get(record.region) ?? []), record]);
  const resolved = resolveParameters(req.regionCode, asOf, (code) => regions.get(code), (code) => records.get(code) ?? []);
  if (!resolved.ok) throw new ApiError(resolved.code, 422, { [resolved.code === 'REGION_UNKNOWN' ? 'regionCode' : 'asOf']: resolved.code === 'REGION_UNKNOWN' ? '没有找到这个地区' : '这个日期没有适用的救助标准' });
  // The server passes no hotline either, so both give the same next steps.
  return checkEligibility(req, asOf, resolved.record, req.regionCode);
}

/**
 * Checks a household: on the server when it answers, else on the phone with the region's
 * cached parameters. Bad input never leaves the phone (422 with the fields named).
 */
export async function checkHousehold(input: EligibilityRequestInput, now: Date = new Date()): Promise<CheckOutcome> {
  const validation = validateHousehold(input);
  if (!validation.ok) throw new ApiError('VALIDATION_FAILED', 422, validation.fields);
  let outcome: CheckOutcome;
  try {
    const response = await request<EligibilityResponse>({ method: 'POST', path: '/api/v1/eligibility/check', data: input, timeoutMs: 8_000 });
    outcome = { response, offline: false };
    // Keep the region's parameters fresh for the next time there is no signal.
    refreshPolicy(validation.request.regionCode).catch(() => undefined);
  } catch (err) {
    const policy = cachedPolicy(validation.request.regionCode);
    if (!(err instanceof ApiError && err.offline && policy)) throw err;
    outcome = { response: checkOffline(validation.request, policy, shanghaiDate(now)), offline: true, policyFetchedAt: policy.fetchedAt };
  }
  save(KEYS.lastResult, outcome);
  return outcome;
}
