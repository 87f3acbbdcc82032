import { describe, expect, it } from 'vitest';
import { caseStatuses, type CaseStatus } from '../contract/enums';
import {
  actionRules,
  actorKinds,
  allowedActions,
  applyAction,
  caseActions,
  isOpen,
  nextActionFor,
  statusBeforeMaterialsRequest,
  statusLabels,
  timelineTitle,
  type ActorKind,
  type CaseAction,
} from './state-machine';

/** Every allowed transition, written out by hand: from, action, who, to. */
const allowed: Array<[CaseStatus, CaseAction, ActorKind[], CaseStatus]> = [
  ['submitted', 'assign', ['system', 'operator', 'supervisor', 'admin'], 'assigned'],
  ['transferred', 'assign', ['system', 'operator', 'supervisor', 'admin'], 'assigned'],
  ['escalated', 'assign', ['system', 'operator', 'supervisor', 'admin'], 'assigned'],
  ['assigned', 'claim', ['team_member', 'supervisor'], 'assigned'],
  // The county team takes over an escalated case by claiming it.
  ['escalated', 'claim', ['team_member', 'supervisor'], 'assigned'],
  ['assigned', 'contact', ['team_member'], 'contacted'],
  ['assigned', 'visit', ['team_member'], 'visiting'],
  ['contacted', 'visit', ['team_member'], 'visiting'],
  ['contacted', 'request_materials', ['team_member', 'reviewer'], 'awaiting_materials'],
  ['visiting', 'request_materials', ['team_member', 'reviewer'], 'awaiting_materials'],
  ['pre_rescue_paid', 'request_materials', ['team_member', 'reviewer'], 'awaiting_materials'],
  ['contacted', 'pay_pre_rescue', ['team_member'], 'pre_rescue_paid'],
  ['visiting', 'pay_pre_rescue', ['team_member'], 'pre_rescue_paid'],
  ['contacted', 'send_for_review', ['team_member', 'supervisor'], 'under_review'],
  ['visiting', 'send_for_review', ['team_member', 'supervisor'], 'under_review'],
  ['pre_rescue_paid', 'send_for_review', ['team_member', 'supervisor'], 'under_review'],
  ['escalated', 'send_for_review', ['team_member', 'supervisor'], 'under_review'],
  ['under_review', 'return_to_team', ['reviewer'], 'visiting'],
  ['under_review', 'approve', ['reviewer'], 'approved'],
  ['under_review', 'reject', ['reviewer'], 'rejected'],
  ['approved', 'pay', ['system', 'reviewer'], 'paid'],
  ['approved', 'close', ['system', 'team_member', 'reviewer'], 'closed'],
  ['paid', 'close', ['system', 'team_member', 'reviewer'], 'closed'],
  ...(['submitted', 'assigned', 'contacted', 'visiting', 'awaiting_materials', 'transferred', 'escalated', 'under_review'] as const)
    .map((from): [CaseStatus, CaseAction, ActorKind[], CaseStatus] => [from, 'withdraw', ['resident', 'operator'], 'withdrawn']),
  ...(['assigned', 'contacted', 'visiting', 'escalated'] as const)
    .map((from): [CaseStatus, CaseAction, ActorKind[], CaseStatus] => [from, 'transfer', ['team_member', 'supervisor'], 'transferred']),
  ...(['assigned', 'contacted', 'visiting', 'awaiting_materials', 'pre_rescue_paid', 'under_review'] as const)
    .map((from): [CaseStatus, CaseAction, ActorKind[], CaseStatus] => [from, 'escalate', ['team_member', 'reviewer', 'supervisor', 'system'], 'escalated']),
  ['closed', 'reopen', ['resident', 'operator', 'supervisor'], 'assigned'],
  ['rejected', 'recheck', ['reviewer', 'supervisor'], 'assigned'],
];

describe('applyAction', () => {
  it.each(allowed.flatMap(([from, action, actors, to]) => actors.map((actor) => [from, action, actor, to] as const)))(
    '%s --%s by %s--> %s',
    (from, action, actor, to) => {
      expect(applyAction(from, action, actor)).toEqual({ ok: true, to });
    },
  );

  it('refuses every other status × action × actor combination (provide_materials aside)', () => {
    const unexpected: string[] = [];
    for (const status of caseStatuses) {
      for (const action of caseActions.filter((a) => a !== 'provide_materials')) {
        for (const actor of actorKinds) {
          const listed = allowed.some(([f, a, who]) => f === status && a === action && who.includes(actor));
          if (applyAction(status, action, actor).ok !== listed) unexpected.push(`${status} ${action} ${actor}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it.each<[CaseStatus, CaseAction, ActorKind, 'status' | 'actor']>([
    ['under_review', 'approve', 'resident', 'actor'],
    ['under_review', 'approve', 'team_member', 'actor'],
    ['under_review', 'approve', 'admin', 'actor'],
    ['assigned', 'pay_pre_rescue', 'team_member', 'status'],
    ['visiting', 'approve', 'reviewer', 'status'],
    ['under_review', 'close', 'system', 'status'],
    ['closed', 'withdraw', 'resident', 'status'],
    ['pre_rescue_paid', 'withdraw', 'resident', 'status'],
    ['withdrawn', 'reopen', 'resident', 'status'],
    ['rejected', 'recheck', 'resident', 'actor'],
    ['rejected', 'reopen', 'resident', 'status'],
    ['paid', 'pay', 'system', 'status'],
    ['submitted', 'contact', 'team_member', 'status'],
  ])('refuses %s --%s by %s (%s)', (from, action, actor, reason) => {
    const r = applyAction(from, action, actor);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the status and the action in the refusal', () => {
    expect(applyAction('closed', 'withdraw', 'resident')).toMatchObject({ message: '当前状态「已办结」下不能撤回' });
    expect(applyAction('under_review', 'approve', 'resident')).toMatchObject({ message: '申请人不能办理「批准」' });
  });

  it('returns a case to where it was when materials were requested', () => {
    for (const from of ['contacted', 'visiting', 'pre_rescue_paid'] as const) {
      expect(applyAction('awaiting_materials', 'provide_materials', 'resident', { resumeTo: from })).toEqual({ ok: true, to: from });
    }
    expect(applyAction('awaiting_materials', 'provide_materials', 'operator', { resumeTo: 'visiting' })).toEqual({ ok: true, to: 'visiting' });
  });

  it('refuses provide_materials without a valid status to return to, or from the wrong status', () => {
    expect(applyAction('awaiting_materials', 'provide_materials', 'resident')).toMatchObject({ ok: false, reason: 'resume' });
    expect(applyAction('awaiting_materials', 'provide_materials', 'resident', { resumeTo: 'approved' })).toMatchObject({ ok: false, reason: 'resume' });
    expect(applyAction('visiting', 'provide_materials', 'resident', { resumeTo: 'visiting' })).toMatchObject({ ok: false, reason: 'status' });
    expect(applyAction('awaiting_materials', 'provide_materials', 'reviewer', { resumeTo: 'visiting' })).toMatchObject({ ok: false, reason: 'actor' });
  });

  it('walks an emergency case from filing to closure and back when the resident says it is not solved', () => {
    const steps: Array<[CaseAction, ActorKind]> = [
      ['assign', 'system'], ['claim', 'team_member'], ['contact', 'team_member'], ['visit', 'team_member'],
      ['pay_pre_rescue', 'team_member'], ['send_for_review', 'team_member'], ['approve', 'reviewer'],
      ['pay', 'system'], ['close', 'system'], ['reopen', 'resident'],
    ];
    let status: CaseStatus = 'submitted';
    const path: CaseStatus[] = [status];
    for (const [action, actor] of steps) {
      const r = applyAction(status, action, actor);
      if (!r.ok) throw new Error(r.message);
      status = r.to;
      path.push(status);
    }
    expect(path).toEqual(['submitted', 'assigned', 'assigned', 'contacted', 'visiting', 'pre_rescue_paid', 'under_review', 'approved', 'paid', 'closed', 'assigned']);
  });
});

describe('the workflow graph', () => {
  it('reaches every status from submitted', () => {
    const seen = new Set<CaseStatus>(['submitted']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const rule of Object.values(actionRules)) {
        const targets = rule.to === 'resume' ? actionRules.request_materials.from : [rule.to];
        if (rule.from.some((f) => seen.has(f))) for (const t of targets) if (!seen.has(t)) { seen.add(t); grew = true; }
      }
    }
    expect([...seen].sort()).toEqual([...caseStatuses].sort());
  });

  it('gives every open status a way forward for staff and none to withdrawn', () => {
    for (const status of caseStatuses.filter(isOpen)) {
      const staff = actorKinds.filter((a) => a !== 'resident').flatMap((a) => allowedActions(status, a));
      expect(staff.length, status).toBeGreaterThan(0);
    }
    for (const actor of actorKinds) expect(allowedActions('withdrawn', actor)).toEqual([]);
  });
});

describe('isOpen', () => {
  it.each(caseStatuses.map((s) => [s, !['closed', 'rejected', 'withdrawn'].includes(s)] as const))('%s → %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });
});

describe('what the resident reads', () => {
  it('has a short Chinese label and a next step for every status', () => {
    for (const status of caseStatuses) {
      expect(statusLabels[status]).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
      expect(nextActionFor(status)).toMatch(/[\u4e00-\u9fff]。$/);
    }
  });

  it('promises first contact by priority', () => {
    expect(nextActionFor('assigned', 'P1')).toBe('请保持电话畅通，工作人员会在1小时内联系您。');
    expect(nextActionFor('assigned', 'P2')).toContain('24小时内');
    expect(nextActionFor('assigned', 'P3')).toContain('3个工作日内');
  });

  it('asks for materials when staff have asked for them', () => {
    expect(nextActionFor('awaiting_materials')).toContain('补充材料');
  });

  it('titles each timeline entry, naming the team where there is one', () => {
    for (const action of caseActions) expect(timelineTitle(action)).toMatch(/[\u4e00-\u9fff]/);
    expect(timelineTitle('assign', { teamName: '小寨路街道快速响应服务队' })).toBe('已分派给小寨路街道快速响应服务队');
    expect(timelineTitle('assign')).toBe('已分派给快速响应服务队');
    expect(timelineTitle('contact')).toBe('工作人员已联系您');
  });
});

describe('statusBeforeMaterialsRequest', () => {
  it('finds the status of the latest request for materials', () => {
    expect(statusBeforeMaterialsRequest([
      { from: null, to: 'submitted' }, { from: 'submitted', to: 'assigned' }, { from: 'assigned', to: 'contacted' },
      { from: 'contacted', to: 'awaiting_materials' }, { from: 'awaiting_materials', to: 'contacted' },
      { from: 'contacted', to: 'visiting' }, { from: 'visiting', to: 'awaiting_materials' },
    ])).toBe('visiting');
    expect(statusBeforeMaterialsRequest([{ from: null, to: 'submitted' }])).toBeUndefined();
  });
});
