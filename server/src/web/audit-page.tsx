import { Hono } from 'hono';
import { actionRules, type CaseAction } from '../../../shared/src/cases/state-machine';
import { SHANGHAI_OFFSET_MS } from '../../../shared/src/dates';
import { recordAudit, verifyAuditChain } from '../audit/service';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { clientIp, requireStaff } from '../staff/middleware';
import { AUDIT_PAGE_SIZE, searchAudit, type AuditFilter } from '../supervision/audit-search';
import { parsePeriod } from '../supervision/period';
import { Page } from './layout';
import { shTime } from './format';

const actionNames: Record<string, string> = {
  'case.view_personal': '查看申请人信息', 'attachment.view': '查看材料', 'staff.login': '登录', 'staff.login_failed': '登录失败',
  'staff.logout': '退出', 'audit.view': '查看审计日志',
};
/** A Chinese name for an action code; case actions take their label from the state machine. */
const actionName = (a: string) => actionNames[a] ?? (a.startsWith('case.') && a.slice(5) in actionRules ? `办理：${actionRules[a.slice(5) as CaseAction].label}` : a);
const kindNames: Record<string, string> = { staff: '工作人员', resident: '申请人', system: '系统' };
const full = (d: Date) => `${new Date(d.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()}-${shTime(d)}`;
const detailText = (d: Record<string, unknown> | null) =>
  d ? Object.entries(d).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('，') : '';

/**
 * `/staff/audit`: the audit trail for auditors and admins, searchable by actor, action,
 * subject (tracking number) and dates, 50 entries a page, with the hash chain verified at
 * the top. Each view of this page is itself recorded.
 */
export const auditPages = new Hono<AppEnv>()
  .use('*', requireStaff(['auditor', 'admin']))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const q = (k: string) => c.req.query(k)?.trim().slice(0, 100) || undefined;
    const filter: AuditFilter = { actor: q('actor'), action: q('action'), subject: q('subject'), page: Number(q('page') ?? 1) || 1 };
    let error: string | undefined;
    if (q('from') || q('to')) {
      try {
        filter.period = parsePeriod(q('from'), q('to'), services.clock());
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        error = `${err.detail ?? err.message}，日期条件未使用。`;
      }
    }
    const used = Object.fromEntries(Object.entries({ actor: filter.actor, action: filter.action, subject: filter.subject, from: filter.period?.from, to: filter.period?.to, page: filter.page }).filter(([, v]) => v !== undefined));
    await recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'audit.view', subjectType: 'audit_log', ip: clientIp(c), detail: used }, services.clock());
    const [chain, result] = await Promise.all([verifyAuditChain(services.database.db), searchAudit(services, staff, filter)]);
    const link = (page: number) => `/staff/audit?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(used).map(([k, v]) => [k, String(v)])) as Record<string, string>), page: String(page) })}`;
    return c.html(
      <Page title="审计日志" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/audit" flash={error ? { kind: 'error', text: error } : undefined}>
        {chain.ok ? (
          <div class="flash ok" role="status" data-chain="intact">
            审计链完整：共 {chain.rows} 条记录，逐条校验通过（每条记录的哈希都与上一条相连，任何改动都会被发现）。
          </div>
        ) : (
          <div class="flash error" role="alert" data-chain="broken">
            ⚠ 审计链在第 {chain.brokenAt} 号记录处断开：这条或之前的记录可能被改动过，请立即报告。已校验 {chain.rows} 条。
          </div>
        )}
        <form method="get" action="/staff/audit" class="card actions" aria-label="查询条件">
          <div style="flex:1 1 10rem">
            <label for="actor">操作人</label>
            <input id="actor" name="actor" value={filter.actor ?? ''} placeholder="用户名或姓名" />
          </div>
          <div style="flex:1 1 10rem">
            <label for="action">操作</label>
            <input id="action" name="action" value={filter.action ?? ''} placeholder="如 case 或 case.approve" />
          </div>
          <div style="flex:1 1 10rem">
            <label for="subject">申请编号</label>
            <input id="subject" name="subject" value={filter.subject ?? ''} />
          </div>
          <div style="flex:1 1 9rem">
            <label for="from">开始日期</label>
            <input id="from" name="from" type="date" value={filter.period?.from ?? ''} />
          </div>
          <div style="flex:1 1 9rem">
            <label for="to">结束日期</label>
            <input id="to" name="to" type="date" value={filter.period?.to ?? ''} />
          </div>
          <div>
            <button type="submit">查询</button>
          </div>
        </form>
        <p class="muted" role="status">
          共 {result.total} 条，第 {result.page} / {result.pages} 页（每页 {AUDIT_PAGE_SIZE} 条，最新的在前）。
        </p>
        <table>
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
              <th class="opt">来源地址</th>
              <th class="opt">详情</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.length === 0 && (
              <tr>
                <td colspan={6}>没有符合条件的记录。</td>
              </tr>
            )}
            {result.rows.map((r) => (
              <tr data-audit-id={String(r.id)}>
                <td>
                  {full(r.at)}
                  <div class="muted">#{r.id}</div>
                </td>
                <td>
                  {r.actorName ?? '（未知）'}
                  <div class="muted">{kindNames[r.actorKind] ?? r.actorKind}</div>
                </td>
                <td>
                  {actionName(r.action)}
                  <div class="muted">{r.action}</div>
                </td>
                <td>{r.trackingNo ? <a href={`/staff/audit?subject=${encodeURIComponent(r.trackingNo)}`} title="只看这件申请的记录">{r.trackingNo}</a> : r.subjectType === 'case' ? r.subjectId : { staff_user: '工作人员账号', audit_log: '审计日志' }[r.subjectType] ?? r.subjectType}</td>
                <td class="opt">{r.ip ?? '—'}</td>
                <td class="opt">{detailText(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="actions" style="margin-top:1rem">
          {result.page > 1 && <a class="button" href={link(result.page - 1)} rel="prev">上一页</a>}
          {result.page < result.pages && <a class="button" href={link(result.page + 1)} rel="next">下一页</a>}
        </p>
      </Page>,
    );
  });
