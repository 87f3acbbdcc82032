/**
 * The hotline's call log: topic and outcome from fixed lists (so the dashboard can count
 * them), a free-text summary sealed at rest (callers tell personal things), an optional
 * linked case, the duration. Summaries are opened only for the operator who wrote them and
 * for a supervisor whose area covers the call; a supervisor's reading is audited.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/client';
import { callLogs, cases, staffUsers } from '../db/schema';
import type { Services } from '../platform/context';
import type { StaffUser } from '../staff/auth';
import { caseInArea } from '../staff/case-work';

/** Call topics (fixed list). */
export const callTopics = ['policy', 'apply', 'progress', 'complaint', 'emergency', 'other'] as const;
export type CallTopic = (typeof callTopics)[number];
export const callTopicLabels: Record<CallTopic, string> = {
  policy: '咨询政策', apply: '申请救助', progress: '查询进度', complaint: '投诉建议', emergency: '紧急求助', other: '其他',
};

/** Call outcomes (fixed list). */
export const callOutcomes = ['answered', 'filed', 'handed_over', 'callback', 'referred', 'other'] as const;
export type CallOutcome = (typeof callOutcomes)[number];
export const callOutcomeLabels: Record<CallOutcome, string> = {
  answered: '已解答', filed: '已登记申请', handed_over: '已转服务队', callback: '需回电', referred: '已转其他部门', other: '其他',
};

/** A call to log, as the desk form and the JSON API send it. */
export const callLogInputSchema = z.object({
  topic: z.enum(callTopics, { error: '请选择来电事项' }),
  outcome: z.enum(callOutcomes, { error: '请选择处理结果' }),
  summary: z.string({ error: '请填写通话摘要' }).trim().min(2, '请填写通话摘要（至少2个字）').max(2000, '通话摘要不能超过2000字'),
  trackingNo: z.string().trim().max(40, '受理编号不正确').optional().transform((s) => s || undefined),
  durationSeconds: z.number({ error: '通话时长应为数字' }).int('通话时长应为整数').min(0, '通话时长不能为负数').max(36_000, '通话时长不能超过10小时').optional(),
  urgent: z.boolean().default(false),
});
export type CallLogInput = z.input<typeof callLogInputSchema>;

/** Writes one call log row (inside the caller's transaction when given one); returns its id. */
export async function insertCallLog(
  db: Db,
  services: Services,
  staff: StaffUser,
  call: { topic: CallTopic; outcome: CallOutcome; summary: string; caseId: string | null; urgent: boolean; durationSeconds: number | null; data?: Record<string, unknown> },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(callLogs)
    .values({
      operatorId: staff.id, areaCode: staff.areaCode, caseId: call.caseId, topic: call.topic, summaryEnc: services.vault.seal(call.summary),
      outcome: call.outcome, urgent: call.urgent, durationSeconds: call.durationSeconds, createdAt: now, data: call.data ?? null,
    })
    .returning({ id: callLogs.id });
  return row!.id;
}

/** Logs a call; a linked case must lie in the operator's area (else 404). Audited without the summary. */
export async function logCall(services: Services, staff: StaffUser, input: z.output<typeof callLogInputSchema>, ip: string | null): Promise<{ id: string }> {
  const now = services.clock();
  const linked = input.trackingNo ? await caseInArea(services, staff, input.trackingNo) : undefined;
  const id = await services.database.db.transaction(async (tx) => {
    const callId = await insertCallLog(tx, services, staff, {
      topic: input.topic, outcome: input.outcome, summary: input.summary, caseId: linked?.id ?? null, urgent: input.urgent, durationSeconds: input.durationSeconds ?? null,
    }, now);
    await recordAudit(tx, {
      actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'hotline.call_logged', subjectType: 'call_log', subjectId: callId, ip,
      detail: { topic: input.topic, outcome: input.outcome, urgent: input.urgent, ...(linked ? { trackingNo: linked.trackingNo } : {}) },
    }, now);
    return callId;
  });
  return { id };
}

export interface CallListItem {
  id: string;
  createdAt: Date;
  topic: string;
  topicLabel: string;
  outcome: string;
  outcomeLabel: string;
  urgent: boolean;
  durationSeconds: number | null;
  trackingNo: string | null;
  operatorName: string;
  /** Null when the viewer may not read it. */
  summary: string | null;
}

/**
 * Recent calls: an operator sees their own; a supervisor sees every call of their area. The
 * summary is opened only for its operator or a supervisor of the area (such a reading of
 * someone else's summaries is recorded in the audit trail).
 */
export async function recentCalls(services: Services, staff: StaffUser, ip: string | null, limit = 20): Promise<CallListItem[]> {
  const { db } = services.database;
  const area = await services.regions.descendants(staff.areaCode);
  const scope = staff.role === 'supervisor' ? inArray(callLogs.areaCode, area.length ? area : ['-']) : eq(callLogs.operatorId, staff.id);
  const rows = await db
    .select({ call: callLogs, trackingNo: cases.trackingNo, operatorName: staffUsers.displayName })
    .from(callLogs)
    .innerJoin(staffUsers, eq(staffUsers.id, callLogs.operatorId))
    .leftJoin(cases, eq(cases.id, callLogs.caseId))
    .where(scope)
    .orderBy(desc(callLogs.createdAt))
    .limit(Math.min(Math.max(limit, 1), 100));
  const mayRead = (c: typeof callLogs.$inferSelect) => c.operatorId === staff.id || (staff.role === 'supervisor' && area.includes(c.areaCode));
  const othersRead = rows.filter((r) => r.call.operatorId !== staff.id && mayRead(r.call)).map((r) => r.call.id);
  if (othersRead.length)
    await recordAudit(db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'hotline.calls_view', subjectType: 'call_log', ip, detail: { count: othersRead.length } }, services.clock());
  return rows.map(({ call, trackingNo, operatorName }) => ({
    id: call.id,
    createdAt: call.createdAt,
    topic: call.topic,
    topicLabel: callTopicLabels[call.topic as CallTopic] ?? call.topic,
    outcome: call.outcome,
    outcomeLabel: callOutcomeLabels[call.outcome as CallOutcome] ?? call.outcome,
    urgent: call.urgent,
    durationSeconds: call.durationSeconds,
    trackingNo: trackingNo ?? null,
    operatorName,
    summary: mayRead(call) ? services.vault.open<string>(call.summaryEnc) : null,
  }));
}
