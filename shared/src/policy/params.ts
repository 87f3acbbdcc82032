import { z } from 'zod';
import { MAX_RATE_DECIMALS, toDecimal } from './money';

/**
 * One dated parameter record of a region, exactly as in `regions.json`. Records are strict
 * objects: a misspelt key (say `ruralPr`) is an error naming it, not a silently ignored field.
 */

const fewDecimals = (x: number) => toDecimal(x).scale <= MAX_RATE_DECIMALS;
const decimalsMessage = `最多${MAX_RATE_DECIMALS}位小数`;

/** Yuan, >= 0, at most 2 decimals would be fen; more are allowed and rounded half-up. */
const yuan = z.number({ error: '应为数字（元）' }).min(0, '不能小于0').max(1e9, '金额过大');
const positiveYuan = yuan.positive('应大于0');
/** A share of something, 0..1 (e.g. 0.3 of the standard). */
const rate = z.number({ error: '应为0到1之间的数字' }).min(0, '不能小于0').max(1, '不能大于1').refine(fewDecimals, decimalsMessage);
/** A multiple of the standard, > 0 (e.g. 1.3, 10). */
const multiplier = z.number({ error: '应为大于0的数字' }).positive('应大于0').max(1000, '过大').refine(fewDecimals, decimalsMessage);
const months = z.number({ error: '应为月数' }).min(0, '不能小于0').max(600, '过大').refine(fewDecimals, decimalsMessage);
const age = z.number({ error: '应为年龄' }).int('应为整数').min(0, '不能小于0').max(130, '不能大于130');
const per = z.enum(['month', 'year'], { error: '应为 month 或 year' });

/** A region code: 6 digits (county level and above) or 9 (township). */
export const regionCodeSchema = z.string({ error: '应为地区代码' }).regex(/^\d{6}(\d{3})?$/, '地区代码应为6位或9位数字');

/** A real calendar date written YYYY-MM-DD. */
export const isoDateSchema = z.iso.date({ error: '应为YYYY-MM-DD格式的有效日期' });

/** The zod schema of one parameter record. */
export const parameterRecordSchema = z.strictObject({
  region: regionCodeSchema,
  effectiveFrom: isoDateSchema,
  source: z.string({ error: '应写明来源' }).trim().min(1, '应写明来源'),
  dibao: z.strictObject({
    urban: positiveYuan,
    rural: positiveYuan.nullable(),
    urbanPer: per.optional(),
    ruralPer: per.optional(),
    minimumMonthly: yuan,
    employmentDeductionRate: rate,
    classified: z.strictObject({
      elderlyAge: age,
      elderly: rate,
      minorAge: age,
      minor: rate,
      severeDisability: rate,
      severeIllness: rate,
    }),
    gradualExitMonths: z.number({ error: '应为月数' }).int('应为整数').min(0, '不能小于0').max(60, '过大'),
    severeDisabledAdultAlone: z.boolean({ error: '应为 true 或 false' }),
    acceptsResidencePermit: z.boolean({ error: '应为 true 或 false' }),
  }),
  assets: z.strictObject({
    financialMonthsPerCapita: months,
    edgeFinancialMonthsPerCapita: months,
    carValueAllowance: yuan,
    maxDwellings: z.number({ error: '应为套数' }).int('应为整数').min(0, '不能小于0').max(100, '过大'),
  }),
  tekun: z.strictObject({
    basicMultiplier: multiplier,
    care: z.strictObject({ self: yuan, partial: yuan, full: yuan }),
  }),
  lowIncome: z.strictObject({
    edgeMultiplier: multiplier,
    disposableIncomeMonthly: positiveYuan,
    rigidRatio: multiplier,
  }),
  temporary: z.strictObject({
    capMultiple: multiplier,
    townshipLimitMultiple: multiplier,
    emergencyWindowDays: z.number({ error: '应为天数' }).int('应为整数').min(0, '不能小于0').max(3660, '过大'),
    lostIncomeMonths: multiplier,
    expenditureMonths: z
      .tuple([multiplier, multiplier, multiplier], { error: '应为3个月数' })
      .refine(([a, b, c]) => a <= b && b <= c, '三档月数应从小到大排列'),
  }),
});

/** One dated parameter record (RULES.md §3). */
export type ParameterRecord = z.infer<typeof parameterRecordSchema>;
