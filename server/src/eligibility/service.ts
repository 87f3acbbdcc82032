import type { EligibilityRequest, EligibilityResponse } from '../../../shared/src/contract/eligibility';
import { shanghaiDate } from '../../../shared/src/dates';
import { checkEligibility } from '../../../shared/src/policy/engine';
import { AppError } from '../platform/errors';
import type { Services } from '../platform/context';

/** Runs the policy engine with the parameters in force for the household's region and date. */
export async function checkHousehold(
  services: Pick<Services, 'regions' | 'clock'>,
  request: EligibilityRequest,
): Promise<EligibilityResponse> {
  const asOf = request.asOf ?? shanghaiDate(services.clock());
  const resolution = await services.regions.resolve(request.regionCode, asOf);
  if (!resolution.ok) {
    const detail =
      resolution.code === 'REGION_UNKNOWN'
        ? `地区代码 ${request.regionCode} 不存在`
        : `地区 ${request.regionCode} 在 ${asOf} 没有生效的救助标准`;
    throw new AppError(resolution.code, detail, [{ path: resolution.code === 'REGION_UNKNOWN' ? 'regionCode' : 'asOf', message: detail }]);
  }
  return checkEligibility(request, asOf, resolution.record, request.regionCode);
}
