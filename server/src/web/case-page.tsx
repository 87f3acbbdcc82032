import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { actionRules, allowedActions, statusLabels, type CaseAction } from '../../../shared/src/cases/state-machine';
import { hardshipTypeLabels, urgentNeedLabels, type UrgentNeed } from '../../../shared/src/contract/enums';
import { attachments, teams } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { recordAudit } from '../audit/service';
import { actorKindOf, caseInArea, performStaffAction, staffCaseDetail } from '../staff/case-work';
import { CASE_ROLES, clientIp, requireStaff } from '../staff/middleware';
import { Csrf, flashFrom, Page, PriorityBadge } from './layout';
import { shTime } from './format';

/** Which fields each action's form asks for. */
const fields: Partial<Record<CaseAction, Array<'note' | 'amount' | 'teamId'>>> = {
  contact: ['note'], visit: ['note'], request_materials: ['note'], pay_pre_rescue: ['amount', 'note'], send_for_review: ['note'],
  approve: ['amount', 'note'], reject: ['note'], pay: ['amount'], transfer: ['teamId', 'note'], escalate: ['note'], return_to_team: ['note'],
  recheck: ['note'], close: ['note'],
};
const noteLabel: Partial<Record<CaseAction, string>> = {
  contact: '联系情况', visit: '入户核实情况（必填）', request_materials: '需要补充的材料（必填）', reject: '不予批准的理由（必填，申请人可见）',
  escalate: '上报原因', transfer: '转办原因', approve: '审批意见',
};

/** `/staff/cases/:trackingNo`: the whole case for staff of its area, with the actions their role may take. */
export const casePages = new Hono<AppEnv>()
  .use('*', requireStaff(CASE_ROLES))
  .get('/:trackingNo', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const d = await staffCaseDetail(services, staff, c.req.param('trackingNo'), clientIp(c));
    const kind = actorKindOf(staff);
    const mine = d.row.claimedBy === staff.id;
    let actions = kind ? allowedActions(d.row.status, kind).filter((a) => a !== 'assign' && a !== 'provide_materials') : [];
    if (kind === 'team_member') actions = actions.filter((a) => a === 'claim' ? !d.row.claimedBy || d.row.status === 'escalated' : mine || a === 'close');
    if (d.row.claimedBy && d.row.status !== 'escalated') actions = actions.filter((a) => a !== 'claim');
    const teamList = actions.includes('transfer') ? await services.database.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.active, true)) : [];
    const snapshot = d.row.eligibility as { result?: { programs?: Array<{ program: string; result: string; estimatedOneTimeAmount: number | null; approvalLevel?: string | null; preRescueAmount?: number | null }> } };
    const temporary = snapshot.result?.programs?.find((p) => p.program === 'temporary');
    return c.html(
      <Page title={`申请 ${d.row.trackingNo}`} staff={staff} csrfToken={c.get('csrfToken')} flash={flashFrom((k) => c.req.query(k))}>
        <div class="grid">
          <section class="card" aria-label="概况">
            <p>
              <PriorityBadge priority={d.row.priority} /> <strong>{statusLabels[d.row.status]}</strong>
            </p>
            <p>困难类型：{hardshipTypeLabels[d.row.hardshipType]}，发生于 {d.row.occurredOn}</p>
            <p>紧急需求：{d.row.urgentNeeds.map((n) => urgentNeedLabels[n as UrgentNeed]).join('、') || '无'}</p>
            <p>地区：{d.region?.name ?? d.row.regionCode}{d.row.nonLocal ? '（外地户籍）' : ''}　服务队：{d.team?.name}</p>
            <p>处理人：{d.claimedByName ?? '未接单'}　来源：{{ miniprogram: '小程序', hotline: '热线', team: '服务队' }[d.row.channel]}</p>
            <p>
              首次联系期限 {shTime(d.row.firstContactDue)}（{d.row.firstContactAt ? `已于 ${shTime(d.row.firstContactAt)} 联系` : '未联系'}）
              {d.row.preRescueDue && <><br />先行救助期限 {shTime(d.row.preRescueDue)}</>}
              <br />办结期限 {shTime(d.row.decisionDue)}
            </p>
          </section>
          <section class="card" aria-label="申请人信息">
            <h2 style="font-size:1.1rem;margin-top:0">申请人（查看已记录）</h2>
            <p>姓名：{d.personal.name}</p>
            <p>身份证号：{d.personal.idNumber}</p>
            <p>电话：<a href={`tel:${d.personal.phone}`}>{d.personal.phone}</a></p>
            <p>住址：{d.personal.address}</p>
            <p>家庭人口：{d.row.householdSize}人{d.personal.monthlyIncome !== undefined ? `，月收入 ${d.personal.monthlyIncome} 元` : ''}</p>
            <p>困难说明：{d.personal.description || '（未填写）'}</p>
            {d.row.amountRequested ? <p>申请金额：{d.row.amountRequested} 元</p> : null}
          </section>
          <section class="card" aria-label="分级与提示">
            <h2 style="font-size:1.1rem;margin-top:0">分级理由</h2>
            <ul>{d.row.triageReasons.map((r) => <li>{r.message}</li>)}</ul>
            {d.row.flags.length > 0 && (
              <div class="flash error" role="note">
                {d.row.flags.map((f) => <div>⚠ {f.message}</div>)}
              </div>
            )}
            {temporary && (
              <p class="muted">
                政策测算（按申请信息估算，{d.row.policyVersion}，标准 {d.row.paramsRegion} 自 {d.row.paramsEffectiveFrom}）：临时救助
                {temporary.result === 'eligible' ? `约 ${temporary.estimatedOneTimeAmount} 元，先行救助上限 ${temporary.preRescueAmount ?? '—'} 元` : '需人工评估'}
              </p>
            )}
          </section>
        </div>
        {actions.length > 0 && (
          <section class="card" aria-label="办理">
            <h2 style="font-size:1.1rem;margin-top:0">办理</h2>
            <div class="actions">
              {actions.map((action) => (
                <form method="post" action={`/staff/cases/${d.row.trackingNo}/actions/${action}`} class="card" style="margin:0;flex:1 1 16rem">
                  <Csrf token={c.get('csrfToken')} />
                  {(fields[action] ?? []).map((f) =>
                    f === 'note' ? (
                      <>
                        <label for={`${action}-note`}>{noteLabel[action] ?? '说明'}</label>
                        <textarea id={`${action}-note`} name="note" rows={2} />
                      </>
                    ) : f === 'amount' ? (
                      <>
                        <label for={`${action}-amount`}>金额（元）</label>
                        <input id={`${action}-amount`} name="amount" type="number" min="1" step="1" inputmode="numeric" value={action === 'pay' && d.row.approvedAmount ? String(d.row.approvedAmount) : ''} />
                      </>
                    ) : (
                      <>
                        <label for={`${action}-team`}>转交给</label>
                        <select id={`${action}-team`} name="teamId">
                          {teamList.filter((t) => t.id !== d.row.teamId).map((t) => <option value={t.id}>{t.name}</option>)}
                        </select>
                      </>
                    ),
                  )}
                  <p style="margin-bottom:0">
                    <button type="submit" class={action === 'reject' || action === 'escalate' ? 'danger' : ''}>{actionRules[action].label}</button>
                  </p>
                </form>
              ))}
            </div>
          </section>
        )}
        <section class="card" aria-label="材料">
          <h2 style="font-size:1.1rem;margin-top:0">材料（{d.attachments.length}）</h2>
          <ul>{d.attachments.map((a) => <li><a href={`/staff/cases/${d.row.trackingNo}/attachments/${a.id}`}>{a.mime === 'application/pdf' ? 'PDF 文件' : '照片'}</a> <span class="muted">{Math.ceil(a.size / 1024)} KB，{shTime(a.createdAt)}</span></li>)}</ul>
        </section>
        <section class="card" aria-label="办理记录">
          <h2 style="font-size:1.1rem;margin-top:0">办理记录</h2>
          <table>
            <thead><tr><th>时间</th><th>办理</th><th>经办</th><th>说明</th></tr></thead>
            <tbody>
              {d.events.map((e) => (
                <tr>
                  <td>{shTime(e.at)}</td>
                  <td>{e.title}{e.fromStatus !== e.toStatus ? <div class="muted">{e.fromStatus ? statusLabels[e.fromStatus] : '—'} → {statusLabels[e.toStatus]}</div> : null}</td>
                  <td>{e.actorName}</td>
                  <td>{e.note ?? ''}{typeof e.data?.amount === 'number' ? ` 金额 ${e.data.amount} 元` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Page>,
    );
  })
  .post('/:trackingNo/actions/:action', async (c) => {
    const services = c.get('services');
    const trackingNo = c.req.param('trackingNo');
    const action = c.req.param('action') as CaseAction;
    const form = await c.req.parseBody();
    const back = typeof form.back === 'string' && form.back.startsWith('/staff/') ? form.back : `/staff/cases/${encodeURIComponent(trackingNo)}`;
    const sep = back.includes('?') ? '&' : '?';
    if (!(action in actionRules)) throw new AppError('NOT_FOUND');
    const amount = typeof form.amount === 'string' && form.amount.trim() ? Number(form.amount) : undefined;
    try {
      const result = await performStaffAction(
        services,
        c.get('staff'),
        trackingNo,
        action,
        { note: typeof form.note === 'string' ? form.note : undefined, amount: Number.isFinite(amount) ? amount : undefined, teamId: typeof form.teamId === 'string' ? form.teamId : undefined },
        clientIp(c),
      );
      return c.redirect(`${back}${sep}ok=${encodeURIComponent(`已办理「${actionRules[action].label}」，当前状态：${result.statusLabel}`)}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      const offer = err.code === 'OVER_LIMIT' && action === 'pay_pre_rescue' ? '。可以选择「上报」交区县办理。' : '';
      return c.redirect(`${back}${sep}error=${encodeURIComponent((err.detail ?? err.message) + offer)}`, 303);
    }
  })
  .get('/:trackingNo/attachments/:id', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const row = await caseInArea(services, staff, c.req.param('trackingNo'));
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('NOT_FOUND');
    const [meta] = await services.database.db.select().from(attachments).where(eq(attachments.id, id));
    const bytes = meta && meta.caseId === row.id ? await services.attachments.get(meta.storageKey) : undefined;
    if (!meta || !bytes) throw new AppError('NOT_FOUND');
    await recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'attachment.view', subjectType: 'case', subjectId: row.id, ip: clientIp(c), detail: { attachmentId: id } }, services.clock());
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': meta.mime, 'cache-control': 'private, no-store' });
  });
