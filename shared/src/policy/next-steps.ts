import type { DibaoResult, EligibilityRequest, LowIncomeResult, TekunResult, TemporaryResult } from '../contract/eligibility';

/** The national government-service hotline, used when the caller knows no local number. */
export const DEFAULT_HOTLINE = '12345';

/** A few short steps for the resident, in plain Chinese, following the four results. */
export function nextSteps(
  request: EligibilityRequest,
  [dibao, tekun, lowIncome, temporary]: readonly [DibaoResult, TekunResult, LowIncomeResult, TemporaryResult],
  hotline: string = DEFAULT_HOTLINE,
): string[] {
  const steps: string[] = [];
  if (dibao.result === 'eligible') {
    steps.push(
      dibao.mode === 'gradual_exit'
        ? '渐退期内低保照常发放，请按时向乡镇（街道）报告家庭收入的变化'
        : `可以到乡镇（街道）便民服务中心申请低保，带上全家${request.hukou === 'residence_permit' ? '身份证、居住证' : '身份证、户口簿'}和收入证明`,
    );
  }
  if (tekun.result === 'eligible') steps.push('可以到乡镇（街道）申请特困人员救助供养，行动不便的可以请村（居）委会代为申请');
  if (lowIncome.result === 'eligible') steps.push('可以到乡镇（街道）申请认定为低收入家庭，认定后可以享受医疗、教育、住房、就业等专项救助');
  if (temporary.result === 'eligible') {
    steps.push(
      temporary.preRescueAmount !== null
        ? `可以在本程序点“申请临时救助”提交申请，救助队会尽快联系您，急难情况可以先行救助（最多${temporary.preRescueAmount}元）`
        : '可以在本程序点“申请临时救助”提交申请，也可以到乡镇（街道）申请',
    );
  } else if (temporary.result === 'needs_review') {
    steps.push('可以在本程序点“申请临时救助”说明遇到的困难，工作人员会联系您了解情况');
  }
  const hukouFailed = dibao.reasons.some((r) => r.code === 'HUKOU' && !r.passed);
  if (hukouFailed) steps.push('低保、特困和低收入认定请到户籍所在地申请；遇到急难情况可以在现住地申请临时救助');
  const anyHelp = [dibao, tekun, lowIncome, temporary].some((p) => p.result !== 'ineligible');
  if (!anyHelp) steps.push('目前没有符合条件的救助项目；家庭情况有变化时，可以重新测算');
  steps.push(`以上是初步测算，能否获得救助和具体金额以乡镇（街道）和县级民政部门审核为准；有疑问请拨打${hotline}`);
  return steps;
}
