import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCaseByTrackingNo } from '../../server/src/cases/repo';
import { recordTransition, type Actor } from '../../server/src/cases/service';
import type { CaseAction } from '../../shared/src/cases/state-machine';
import { staffUsers } from '../../server/src/db/schema';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';
import { application, loginResident, submit } from '../support/residents';

let t: TestContext;
let alice: string;
let reviewerId: string;
let memberId: string;
beforeAll(async () => {
  t = await createTestContext();
  alice = await loginResident(t.app, 'life-alice');
  const staff = await t.database.db.select().from(staffUsers);
  reviewerId = staff.find((s) => s.role === 'reviewer')!.id;
  memberId = staff.find((s) => s.role === 'team_member')!.id;
});
afterAll(() => t.close());

/** Staff steps are driven through the case service here; their HTTP consoles have their own tests. */
async function act(trackingNo: string, action: CaseAction, actor: Actor, note?: string, data?: Record<string, unknown>) {
  await t.database.db.transaction(async (tx) => {
    const row = (await lockCaseByTrackingNo(tx, trackingNo))!;
    await recordTransition(tx, t.vault, row, action, actor, FIXED_NOW, { ...(note ? { note } : {}), ...(data ? { data } : {}) });
  });
}
const detail = async (no: string) => (await call(t.app, 'GET', `/api/v1/cases/${no}`, undefined, { authorization: `Bearer ${alice}` })).json;
const member: Actor = { kind: 'team_member', get id() { return memberId; } };
const reviewer: Actor = { kind: 'reviewer', get id() { return reviewerId; } };

describe('a case followed by its resident', () => {
  it('shows a refusal with who decided, why, and where to turn instead', async () => {
    const no = (await submit(t.app, alice, 'key-life-0001', application())).json.trackingNo;
    await act(no, 'contact', member);
    await act(no, 'visit', member);
    await act(no, 'send_for_review', member);
    await act(no, 'reject', reviewer, '家庭收入高于当地标准，不符合临时救助条件');
    const d = await detail(no);
    expect(d.status).toBe('rejected');
    expect(d.timeline.map((e: { title: string }) => e.title)).toEqual([
      '申请已提交', '已分派给小寨路街道快速响应服务队', '工作人员已联系您', '工作人员上门了解情况', '已提交审核', '申请未获批准',
    ]);
    expect(d.decision.outcome).toBe('rejected');
    expect(d.decision.decidedBy).toContain('审核人员');
    expect(d.decision.reason).toBe('家庭收入高于当地标准，不符合临时救助条件');
    expect(d.decision.alternatives.join()).toContain('行政复议');
    expect(d.canWithdraw).toBe(false);
  });

  it('lets the resident add materials when staff ask, and returns the case to where it was', async () => {
    const no = (await submit(t.app, alice, 'key-life-0002', application())).json.trackingNo;
    await act(no, 'contact', member);
    await act(no, 'request_materials', member, '请上传医院诊断证明');
    const asked = await detail(no);
    expect(asked.materialsRequested).toBe(true);
    expect(asked.timeline.at(-1)).toMatchObject({ title: '需要您补充材料', detail: '请上传医院诊断证明' });
    const res = await call(t.app, 'POST', `/api/v1/cases/${no}/materials`, { note: '已上传' }, { authorization: `Bearer ${alice}` });
    expect(res.json.status).toBe('contacted');
  });

  it('asks after closure whether the problem was solved, and "not solved" reopens it to the same team', async () => {
    const no = (await submit(t.app, alice, 'key-life-0003', application())).json.trackingNo;
    for (const [action, actor] of [['contact', member], ['visit', member], ['send_for_review', member], ['approve', reviewer], ['pay', reviewer], ['close', reviewer]] as const)
      await act(no, action, actor, undefined, action === 'approve' ? { amount: 3000 } : undefined);
    const closed = await detail(no);
    expect(closed.feedbackRequested).toBe(true);
    expect(closed.decision).toMatchObject({ outcome: 'approved', amount: 3000 });
    const res = await call(t.app, 'POST', `/api/v1/cases/${no}/feedback`, { solved: false, comment: '钱不够交房租' }, { authorization: `Bearer ${alice}` });
    expect(res.json.status).toBe('assigned');
    const reopened = await detail(no);
    expect(reopened.team.id).toBe('team-610113004');
    expect(reopened.timeline.at(-1).title).toBe('已重新受理');
    const again = await call(t.app, 'POST', `/api/v1/cases/${no}/feedback`, { solved: true }, { authorization: `Bearer ${alice}` });
    expect(again.status).toBe(409);
  });

  it('refuses illegal transitions in the state machine', async () => {
    const no = (await submit(t.app, alice, 'key-life-0004', application())).json.trackingNo;
    await expect(act(no, 'approve', reviewer)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(act(no, 'contact', { kind: 'resident' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const row = await t.database.db.query.cases.findFirst({ where: (c) => eq(c.trackingNo, no) });
    expect(row?.status).toBe('assigned');
  });
});
