/**
 * `POST /api/v1/applications` and the resident's case views (API.md), as zod schemas: the
 * server validates with them, the mini-program takes its types from them. Every failure is
 * an issue whose path names the field (e.g. `applicant.idNumber`), with a Chinese message.
 * Fields beyond API.md in responses are optional additions; none of API.md's are removed.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { validateIdNumber } from '../id/gb11643';
import { normalizeMobile } from '../id/phone';
import { caseStatuses, channels, hardshipTypes, priorities, urgentNeeds } from './enums';

/** The latest date any input can carry when no `today` is given (no future check then). */
const NO_LIMIT = '9999-12-31';
export const MAX_AMOUNT_REQUESTED = 1_000_000;

const text = (what: string, max: number, min = 1) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, `请填写${what}`)
    .max(max, `${what}不能超过${max}个字`);

const dateSchema = (what: string, today: string) =>
  z
    .string({ error: `请填写${what}` })
    .refine(isIsoDate, { error: `${what}应为有效日期，格式如2026-01-31`, abort: true })
    .refine((d) => d <= today, `${what}不能晚于今天`);

/** An ID number (GB 11643): spaces dropped, x upper-cased, check digit and birth date checked. */
export const idNumberSchema = (today = NO_LIMIT) =>
  z
    .string({ error: '请填写身份证号码' })
    .overwrite((s) => s.replace(/\s+/g, '').toUpperCase())
    .superRefine((value, ctx) => {
      const result = validateIdNumber(value, today);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason, params: { reason: result.code } });
    });

/** A mainland mobile number; normalised to 11 digits (spaces, dashes and +86 dropped). */
export const mobileSchema = z
  .string({ error: '请填写手机号码' })
  .overwrite((s) => normalizeMobile(s) ?? s)
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号码');

/** A 6-digit county or 9-digit township code; whether it exists is the server's check. */
const regionCodeSchema = z
  .string({ error: '请选择所在地区' })
  .regex(/^\d{6}(\d{3})?$/, '地区代码应为6位或9位数字');

/** The request body schema; pass `today` (YYYY-MM-DD, Asia/Shanghai) to refuse future dates. */
export function createApplicationRequestSchema(options: { today?: string } = {}) {
  const today = options.today ?? NO_LIMIT;
  return z.object({
    applicant: z.object(
      {
        name: text('申请人姓名', 50),
        idNumber: idNumberSchema(today),
        phone: mobileSchema,
      },
      { error: '请填写申请人信息' },
    ),
    regionCode: regionCodeSchema,
    address: text('现居住地址', 200),
    nonLocal: z.boolean({ error: '请说明是否为外地户籍' }).default(false),
    hardship: z.object(
      {
        type: z.enum(hardshipTypes, { error: '请选择困难类型' }),
        occurredOn: dateSchema('困难发生日期', today),
        description: text('困难情况说明', 2000, 0).default(''),
        urgentNeeds: z
          .array(z.enum(urgentNeeds, { error: '紧急需求选项不正确' }), { error: '紧急需求格式不正确' })
          .refine((needs) => new Set(needs).size === needs.length, '紧急需求不能重复选择')
          .default([]),
        amountRequested: z
          .number({ error: '申请金额应为数字' })
          .min(0, '申请金额不能为负数')
          .max(MAX_AMOUNT_REQUESTED, '申请金额不能超过100万元')
          .optional(),
      },
      { error: '请填写困难情况' },
    ),
    household: z.object(
      {
        size: z
          .number({ error: '请填写家庭人口数' })
          .int('家庭人口数应为整数')
          .min(1, '家庭人口数至少为1人')
          .max(20, '家庭人口数不能超过20人'),
        monthlyIncome: z.number({ error: '家庭月收入应为数字' }).min(0, '家庭月收入不能为负数').optional(),
      },
      { error: '请填写家庭情况' },
    ),
    consent: z.object(
      {
        privacy: z.literal(true, { error: '需要您同意个人信息使用说明后才能提交申请' }),
        verification: z.literal(true, { error: '需要您授权核对家庭经济状况后才能提交申请' }),
      },
      { error: '需要您同意个人信息使用说明并授权核对后才能提交申请' },
    ),
  });
}

/** `POST /api/v1/applications` body without a future-date check (OpenAPI, mini-program forms). */
export const applicationRequestSchema = createApplicationRequestSchema();
export type ApplicationRequest = z.output<typeof applicationRequestSchema>;
export type ApplicationRequestInput = z.input<typeof applicationRequestSchema>;

const isoDateTime = z.iso.datetime({ offset: true });
const priority = z.enum(priorities);
const status = z.enum(caseStatuses);

/** The team handling a case, as the resident sees it. */
export const teamSchema = z.object({ id: z.string(), name: z.string(), phone: z.string() });

/** Due times shown beside a case (optional addition to API.md). */
export const caseDeadlinesSchema = z.object({
  firstContactDue: isoDateTime,
  preRescueDue: isoDateTime.optional(),
  paperworkDue: isoDateTime.optional(),
  decisionDue: isoDateTime,
});

/** 201 answer of `POST /api/v1/applications`. */
export const applicationCreatedSchema = z.object({
  trackingNo: z.string(),
  status,
  priority,
  team: teamSchema,
  createdAt: isoDateTime,
  statusLabel: z.string().optional(),
  nextAction: z.string().optional(),
  /** True when the application shows danger to life or safety: show the hotline at once. */
  crisis: z.boolean().optional(),
  hotline: z.string().optional(),
  channel: z.enum(channels).optional(),
});
export type ApplicationCreated = z.infer<typeof applicationCreatedSchema>;

/** One item of `GET /api/v1/cases`. */
export const caseListItemSchema = z.object({
  trackingNo: z.string(),
  status,
  priority,
  updatedAt: isoDateTime,
  statusLabel: z.string().optional(),
  hardshipType: z.enum(hardshipTypes).optional(),
  createdAt: isoDateTime.optional(),
});
export const caseListSchema = z.object({ items: z.array(caseListItemSchema) });
export type CaseListItem = z.infer<typeof caseListItemSchema>;

/** One entry of a case's timeline, in plain Chinese. */
export const timelineEntrySchema = z.object({
  at: isoDateTime,
  status,
  title: z.string(),
  detail: z.string().optional(),
});

/** A refusal names who decided, why, and where to turn instead (optional addition). */
export const caseDecisionSchema = z.object({
  outcome: z.enum(['approved', 'rejected']),
  decidedBy: z.string(),
  decidedAt: isoDateTime,
  reason: z.string().optional(),
  amount: z.number().optional(),
  alternatives: z.array(z.string()).optional(),
});

/** `GET /api/v1/cases/{trackingNo}`. */
export const caseDetailSchema = z.object({
  trackingNo: z.string(),
  status,
  priority,
  team: teamSchema,
  timeline: z.array(timelineEntrySchema),
  nextAction: z.string(),
  statusLabel: z.string().optional(),
  hardshipType: z.enum(hardshipTypes).optional(),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
  deadlines: caseDeadlinesSchema.optional(),
  decision: caseDecisionSchema.optional(),
  canWithdraw: z.boolean().optional(),
  materialsRequested: z.boolean().optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
