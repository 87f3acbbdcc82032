/**
 * The temporary-assistance case workflow: which named action moves a case from which status
 * to which, and who may take it. The server refuses anything not in `actionRules`.
 *
 * Decisions where the docs are silent:
 * - `awaiting_materials` is a status of its own: the resident sees "请补充材料" and the team's
 *   clock can pause. `provide_materials` returns the case to the status it had when the
 *   materials were requested; the caller passes that status as `resumeTo` (see
 *   `statusBeforeMaterialsRequest`).
 * - `claim` keeps the status `assigned` (it records who took the case); claiming twice is
 *   settled by the database, not here.
 * - `reopen` (the resident answers the 回访 "not solved") and `recheck` (staff re-examine a
 *   refusal after an objection) send the case back to `assigned`, to the same team.
 * - `transferred` is a waypoint: the next step is `assign` to the new team.
 * - `rejected`, `closed` and `withdrawn` are the only statuses that are not open.
 */
import type { CaseStatus, Priority } from '../contract/enums';

export const actorKinds = ['resident', 'system', 'team_member', 'operator', 'reviewer', 'supervisor', 'admin'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const caseActions = [
  'assign', 'claim', 'contact', 'visit', 'request_materials', 'provide_materials', 'pay_pre_rescue',
  'send_for_review', 'return_to_team', 'approve', 'reject', 'pay', 'close', 'withdraw', 'transfer',
  'escalate', 'reopen', 'recheck',
] as const;
export type CaseAction = (typeof caseActions)[number];

export interface ActionRule {
  from: readonly CaseStatus[];
  /** `resume`: back to the status the case had before `request_materials`. */
  to: CaseStatus | 'resume';
  actors: readonly ActorKind[];
  /** Chinese name of the action, for staff buttons and error messages. */
  label: string;
  /** What the resident's timeline says when the action happens. */
  title: string;
}

const INVESTIGATING = ['contacted', 'visiting'] as const satisfies readonly CaseStatus[];

/** The transition table: every allowed from → to, and who may take each action. */
export const actionRules: Readonly<Record<CaseAction, ActionRule>> = {
  assign: { from: ['submitted', 'transferred', 'escalated'], to: 'assigned', actors: ['system', 'operator', 'supervisor', 'admin'], label: '分派', title: '已分派给快速响应服务队' },
  claim: { from: ['assigned', 'escalated'], to: 'assigned', actors: ['team_member', 'supervisor'], label: '接单', title: '工作人员已接手您的申请' },
  contact: { from: ['assigned'], to: 'contacted', actors: ['team_member'], label: '联系申请人', title: '工作人员已联系您' },
  visit: { from: ['assigned', 'contacted'], to: 'visiting', actors: ['team_member'], label: '入户核实', title: '工作人员上门了解情况' },
  request_materials: { from: [...INVESTIGATING, 'pre_rescue_paid'], to: 'awaiting_materials', actors: ['team_member', 'reviewer'], label: '要求补充材料', title: '需要您补充材料' },
  provide_materials: { from: ['awaiting_materials'], to: 'resume', actors: ['resident', 'operator', 'team_member'], label: '补充材料', title: '已收到您补充的材料' },
  pay_pre_rescue: { from: INVESTIGATING, to: 'pre_rescue_paid', actors: ['team_member'], label: '先行救助', title: '先行救助金已发放' },
  send_for_review: { from: [...INVESTIGATING, 'pre_rescue_paid', 'escalated'], to: 'under_review', actors: ['team_member', 'supervisor'], label: '提交审核', title: '已提交审核' },
  return_to_team: { from: ['under_review'], to: 'visiting', actors: ['reviewer'], label: '退回补充调查', title: '需要进一步核实情况' },
  approve: { from: ['under_review'], to: 'approved', actors: ['reviewer'], label: '批准', title: '审核通过' },
  reject: { from: ['under_review'], to: 'rejected', actors: ['reviewer'], label: '不予批准', title: '申请未获批准' },
  pay: { from: ['approved'], to: 'paid', actors: ['system', 'reviewer'], label: '发放', title: '救助金已发放' },
  close: { from: ['approved', 'paid'], to: 'closed', actors: ['system', 'team_member', 'reviewer'], label: '办结', title: '已办结' },
  withdraw: {
    from: ['submitted', 'assigned', 'contacted', 'visiting', 'awaiting_materials', 'transferred', 'escalated', 'under_review'],
    to: 'withdrawn', actors: ['resident', 'operator'], label: '撤回', title: '申请已撤回',
  },
  transfer: { from: ['assigned', ...INVESTIGATING, 'escalated'], to: 'transferred', actors: ['team_member', 'supervisor'], label: '转办', title: '已转交其他服务队办理' },
  escalate: {
    from: ['assigned', ...INVESTIGATING, 'awaiting_materials', 'pre_rescue_paid', 'under_review'],
    to: 'escalated', actors: ['team_member', 'reviewer', 'supervisor', 'system'], label: '上报', title: '已上报上级部门处理',
  },
  reopen: { from: ['closed'], to: 'assigned', actors: ['resident', 'operator', 'supervisor'], label: '重新办理', title: '已重新受理' },
  recheck: { from: ['rejected'], to: 'assigned', actors: ['reviewer', 'supervisor'], label: '复核', title: '已受理复核，重新核实情况' },
};

/** Chinese names of the actor kinds. */
export const actorLabels: Record<ActorKind, string> = {
  resident: '申请人', system: '系统', team_member: '服务队队员', operator: '热线话务员',
  reviewer: '审核人员', supervisor: '督办人员', admin: '系统管理员',
};

/** Short status labels for the resident and staff lists. */
export const statusLabels: Record<CaseStatus, string> = {
  submitted: '已提交', assigned: '已分派', contacted: '已联系', visiting: '上门核实中',
  awaiting_materials: '待补充材料', pre_rescue_paid: '已先行救助', under_review: '审核中',
  approved: '已批准', rejected: '未获批准', paid: '已发放', closed: '已办结', withdrawn: '已撤回',
  transferred: '已转办', escalated: '已上报',
};

/** Timeline title of the first entry, when the case is filed. */
export const SUBMITTED_TITLE = '申请已提交';

const CLOSED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'withdrawn'];

export type TransitionResult =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'INVALID_TRANSITION'; reason: 'status' | 'actor' | 'resume'; message: string };

/** Applies an action to a status on behalf of an actor kind, or says why it is refused. */
export function applyAction(
  status: CaseStatus,
  action: CaseAction,
  actor: ActorKind,
  options: { resumeTo?: CaseStatus } = {},
): TransitionResult {
  const rule = actionRules[action];
  if (!rule.from.includes(status)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'status', message: `当前状态「${statusLabels[status]}」下不能${rule.label}` };
  }
  if (!rule.actors.includes(actor)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'actor', message: `${actorLabels[actor]}不能办理「${rule.label}」` };
  }
  if (rule.to !== 'resume') return { ok: true, to: rule.to };
  const resumeTo = options.resumeTo;
  if (!resumeTo || !actionRules.request_materials.from.includes(resumeTo)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'resume', message: '无法确定补充材料后应回到的办理环节' };
  }
  return { ok: true, to: resumeTo };
}

/** The actions an actor kind may take on a case in this status (for buttons). */
export function allowedActions(status: CaseStatus, actor: ActorKind): CaseAction[] {
  return caseActions.filter((action) => actionRules[action].from.includes(status) && actionRules[action].actors.includes(actor));
}

/** The status a case had when materials were last requested, from its transitions oldest first. */
export function statusBeforeMaterialsRequest(history: ReadonlyArray<{ from: CaseStatus | null; to: CaseStatus }>): CaseStatus | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const step = history[i];
    if (step && step.to === 'awaiting_materials' && step.from && step.from !== step.to) return step.from;
  }
  return undefined;
}

/** True while the case still needs work (not closed, rejected or withdrawn). */
export function isOpen(status: CaseStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/** The resident's timeline title for an action; names the team when one is given. */
export function timelineTitle(action: CaseAction, context: { teamName?: string } = {}): string {
  const team = context.teamName?.trim();
  if (team && action === 'assign') return `已分派给${team}`;
  if (team && action === 'reopen') return `已重新受理，由${team}继续办理`;
  return actionRules[action].title;
}

const contactPromise: Record<Priority, string> = { P1: '1小时内', P2: '24小时内', P3: '3个工作日内' };

/** One plain sentence telling the resident what to do next while the case is in `status`. */
export function nextActionFor(status: CaseStatus, priority?: Priority): string {
  switch (status) {
    case 'submitted':
      return '申请已收到，正在为您安排服务队，请保持电话畅通。';
    case 'assigned':
    case 'transferred':
      return `请保持电话畅通，工作人员会在${priority ? contactPromise[priority] : '最短时间内'}联系您。`;
    case 'contacted':
      return '请按约定时间等候工作人员上门，准备好身份证和相关证明。';
    case 'visiting':
      return '工作人员正在核实情况，请配合并准备好身份证、户口簿和相关证明。';
    case 'awaiting_materials':
      return '请按工作人员的要求补充材料，可以在小程序里拍照上传。';
    case 'pre_rescue_paid':
      return '先行救助金已发放，请配合工作人员补办手续。';
    case 'under_review':
      return '正在审核，一般15个工作日内有结果，请耐心等待。';
    case 'approved':
      return '审核已通过，救助金会尽快发放，请留意银行账户。';
    case 'rejected':
      return '申请未获批准，可以查看原因；如有异议，可以申请复核或拨打热线咨询。';
    case 'paid':
      return '救助金已发放，请注意查收；问题没解决请联系工作人员。';
    case 'closed':
      return '已办结。如果问题还没有解决，请告诉我们，会重新为您办理。';
    case 'withdrawn':
      return '申请已撤回。如有需要，可以重新提交申请。';
    case 'escalated':
      return '已上报上级部门处理，请保持电话畅通，会有工作人员联系您。';
  }
}
