import { z } from 'zod';
import { isoDateSchema, regionCodeSchema } from '../policy/params';
import { hardshipTypes, isEmergencyHardship } from './enums';

/** `POST /api/v1/eligibility/check`: request and response (RULES.md §1–2, §9). */

// The hardship vocabulary is shared with the application contract; re-exported for callers of this one.
export { emergencyHardshipTypes, hardshipTypes, isEmergencyHardship, type HardshipType } from './enums';

export const relations = ['self', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'] as const;
export const memberStatuses = ['resident', 'in_prison', 'missing', 'clergy_away'] as const;
export const disabilityKinds = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export const vehicleKinds = ['car', 'motorcycle', 'farm', 'disability_aid'] as const;
export const programs = ['dibao', 'tekun', 'low_income', 'temporary'] as const;
export type Program = (typeof programs)[number];

/** Reason codes (RULES.md §9). */
export const reasonCodes = [
  'HUKOU',
  'DIBAO_INCOME',
  'ASSET_FINANCIAL',
  'ASSET_VEHICLE',
  'ASSET_DWELLING',
  'GRADUAL_EXIT',
  'SINGLE_PERSON',
  'TEKUN_NO_LABOUR_CAPACITY',
  'TEKUN_NO_INCOME',
  'TEKUN_NO_SUPPORTER',
  'EDGE_INCOME',
  'EDGE_ASSET_FINANCIAL',
  'EDGE_ASSET_VEHICLE',
  'EDGE_ASSET_DWELLING',
  'RIGID_INCOME',
  'RIGID_RATIO',
  'TEMP_HARDSHIP',
  'TEMP_WINDOW',
  'TEMP_LOST_INCOME',
  'TEMP_EXPENDITURE_INCOME',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `应为以下之一：${values.join('、')}` });
/** Yuan, >= 0. The cap keeps fen arithmetic exact and rejects typing accidents. */
const yuan = z.number({ error: '应为金额（元）' }).min(0, '不能小于0').max(1e9, '金额过大');
const wholeNumber = (min: number, max: number) =>
  z.number({ error: '应为整数' }).int('应为整数').min(min, `不能小于${min}`).max(max, `不能大于${max}`);

const incomeSchema = z.object({
  wages: yuan.default(0),
  business: yuan.default(0),
  property: yuan.default(0),
  transfer: yuan.default(0),
  excluded: yuan.default(0),
});

const memberSchema = z.object({
  relation: oneOf(relations),
  age: wholeNumber(0, 130),
  status: oneOf(memberStatuses).default('resident'),
  disability: z.object({ grade: wholeNumber(1, 4), kind: oneOf(disabilityKinds) }).optional(),
  severeIllness: z.boolean({ error: '应为 true 或 false' }).default(false),
  adlFailures: wholeNumber(0, 6).default(0),
  supporters: oneOf(['capable', 'incapable', 'none']).default('capable'),
  income: incomeSchema.prefault({}),
});

const assetsSchema = z.object({
  financial: yuan.default(0),
  vehicles: z.array(z.object({ kind: oneOf(vehicleKinds), value: yuan }), { error: '应为车辆列表' }).max(50, '车辆过多').default([]),
  dwellings: wholeNumber(0, 100).default(1),
});

const hardshipSchema = z
  .object({
    type: oneOf(hardshipTypes),
    occurredOn: isoDateSchema.optional(),
    loss: yuan.optional(),
    monthsWithoutIncome: wholeNumber(0, 600).default(0),
    unemploymentInsurance: z.boolean({ error: '应为 true 或 false' }).default(false),
  })
  .superRefine((hardship, ctx) => {
    if (isEmergencyHardship(hardship.type) && hardship.occurredOn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: '请填写困难发生的日期' });
    }
  });

/** The household to check (RULES.md §1); defaults are applied here, so the engine sees them all. */
export const eligibilityRequestSchema = z.object({
  regionCode: regionCodeSchema,
  asOf: isoDateSchema.optional(),
  residence: oneOf(['urban', 'rural']),
  hukou: oneOf(['local', 'residence_permit', 'other']).default('local'),
  members: z
    .array(memberSchema, { error: '应为家庭成员列表' })
    .min(1, '至少填写1位家庭成员')
    .max(20, '最多填写20位家庭成员')
    .refine((members) => members.some((m) => m.status === 'resident'), '至少要有1位在家共同生活的成员'),
  assets: assetsSchema.prefault({}),
  expenses: z.object({ medical: yuan.default(0), education: yuan.default(0) }).prefault({}),
  hardship: hardshipSchema.optional(),
  currentRecipient: z
    .object({
      program: oneOf(programs),
      monthlyAmount: yuan,
      incomeRoseFromWork: z.boolean({ error: '应为 true 或 false' }).default(false),
    })
    .optional(),
});

/** A validated household with every default filled in. */
export type EligibilityRequest = z.output<typeof eligibilityRequestSchema>;
/** A household as a client may send it (defaults optional). */
export type EligibilityRequestInput = z.input<typeof eligibilityRequestSchema>;
export type Member = EligibilityRequest['members'][number];
export type Hardship = NonNullable<EligibilityRequest['hardship']>;

export const reasonSchema = z.object({
  code: z.enum(reasonCodes),
  passed: z.boolean(),
  message: z.string(),
});
export type Reason = z.infer<typeof reasonSchema>;

const wholeYuan = z.number().int().min(0);

const programResult = <P extends Program, const M extends readonly [string, ...string[]]>(program: P, modes: M) =>
  z.object({
    program: z.literal(program),
    result: z.enum(['eligible', 'ineligible', 'needs_review']),
    mode: z.enum(modes).nullable(),
    coveredMembers: z.array(z.number().int().min(0)),
    estimatedMonthlyAmount: wholeYuan.nullable(),
    estimatedOneTimeAmount: wholeYuan.nullable(),
    reasons: z.array(reasonSchema),
  });

export const dibaoResultSchema = programResult('dibao', ['household', 'gradual_exit', 'single_person']);
export const tekunResultSchema = programResult('tekun', ['individual']);
export const lowIncomeResultSchema = programResult('low_income', ['edge', 'rigid_expenditure']);
export const temporaryResultSchema = programResult('temporary', ['emergency', 'lost_income', 'expenditure']).extend({
  approvalLevel: z.enum(['township', 'county', 'case_by_case']).nullable(),
  preRescueAmount: wholeYuan.nullable(),
});

/** The decision per program with reasons (RULES.md §2). */
export const eligibilityResponseSchema = z.object({
  regionCode: z.string(),
  asOf: z.string(),
  parameters: z.object({ region: z.string(), effectiveFrom: z.string() }),
  household: z.object({ size: z.number().int().min(0), monthlyIncome: z.number(), perCapitaIncome: z.number() }),
  programs: z.tuple([dibaoResultSchema, tekunResultSchema, lowIncomeResultSchema, temporaryResultSchema]),
  nextSteps: z.array(z.string()),
});

export type EligibilityResponse = z.infer<typeof eligibilityResponseSchema>;
export type DibaoResult = z.infer<typeof dibaoResultSchema>;
export type TekunResult = z.infer<typeof tekunResultSchema>;
export type LowIncomeResult = z.infer<typeof lowIncomeResultSchema>;
export type TemporaryResult = z.infer<typeof temporaryResultSchema>;
export type Eligibility = DibaoResult['result'];
