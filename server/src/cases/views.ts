import { nextActionFor, statusLabels, isOpen } from '../../../shared/src/cases/state-machine';
import type { CaseDetail } from '../../../shared/src/contract/application';
import type { Db } from '../db/client';
import { staffUsers } from '../db/schema';
import { eq } from 'drizzle-orm';
import type { Vault } from '../platform/crypto';
import { getTeam } from '../routing/service';
import { listEvents, type CaseRow } from './repo';

const roleLabels: Record<string, string> = {
  reviewer: '审核人员',
  supervisor: '督办人员',
  admin: '管理员',
  team_member: '服务队队员',
  operator: '热线话务员',
};

/** Where a resident can turn after a refusal. */
export const REFUSAL_ALTERNATIVES = [
  '对结果有异议，可以在收到决定之日起60日内向上一级民政部门申请行政复议，或在6个月内提起行政诉讼。',
  '可以申请复核：在小程序里联系服务队，或拨打12345热线说明情况。',
  '如果家庭情况有变化，可以重新申请临时救助，或申请低保、特困等其他救助。',
];

/** The resident's view of their own case: status, team, plain-Chinese timeline, next step. */
export async function residentCaseDetail(db: Db, vault: Vault, row: CaseRow): Promise<CaseDetail & Record<string, unknown>> {
  const [team, events] = await Promise.all([getTeam(db, row.teamId), listEvents(db, row.id)]);
  const visible = events.filter((e) => e.visibleToResident);
  const detail: CaseDetail & Record<string, unknown> = {
    trackingNo: row.trackingNo,
    status: row.status,
    priority: row.priority,
    team: { id: team!.id, name: team!.name, phone: team!.phone },
    timeline: visible.map((e) => ({
      at: e.at.toISOString(),
      status: e.toStatus,
      title: e.title,
      ...(e.action === 'request_materials' && e.noteEnc ? { detail: vault.open<string>(e.noteEnc) } : {}),
    })),
    nextAction: nextActionFor(row.status, row.priority),
    statusLabel: statusLabels[row.status],
    hardshipType: row.hardshipType,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deadlines: {
      firstContactDue: row.firstContactDue.toISOString(),
      ...(row.preRescueDue ? { preRescueDue: row.preRescueDue.toISOString() } : {}),
      decisionDue: row.decisionDue.toISOString(),
    },
    canWithdraw: isOpen(row.status) && !['approved', 'paid', 'pre_rescue_paid'].includes(row.status),
    materialsRequested: row.status === 'awaiting_materials',
    feedbackRequested: row.status === 'closed' && !row.feedback,
  };
  const decisionEvent = [...events].reverse().find((e) => e.action === 'approve' || e.action === 'reject');
  if (decisionEvent && (row.status === 'rejected' || row.status === 'approved' || row.status === 'paid' || row.status === 'closed')) {
    const [decider] = decisionEvent.actorId
      ? await db.select({ displayName: staffUsers.displayName, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, decisionEvent.actorId))
      : [];
    const rejected = decisionEvent.action === 'reject';
    detail.decision = {
      outcome: rejected ? 'rejected' : 'approved',
      decidedBy: decider ? `${team!.name.replace('快速响应服务队', '')}${roleLabels[decider.role] ?? ''} ${decider.displayName.split(' ').pop()}` : '审核部门',
      decidedAt: decisionEvent.at.toISOString(),
      ...(decisionEvent.noteEnc ? { reason: vault.open<string>(decisionEvent.noteEnc) } : {}),
      ...(typeof decisionEvent.data?.amount === 'number' ? { amount: decisionEvent.data.amount } : {}),
      ...(rejected ? { alternatives: REFUSAL_ALTERNATIVES } : {}),
    };
  }
  return detail;
}
