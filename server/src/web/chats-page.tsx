import { Hono } from 'hono';
import { recordAudit } from '../audit/service';
import type { AppEnv, Services } from '../platform/context';
import { AppError } from '../platform/errors';
import type { StaffUser } from '../staff/auth';
import { clientIp, requireStaff } from '../staff/middleware';
import { shTime } from './format';
import { Csrf, flashFrom, Page } from './layout';

const areasOf = (services: Services, staff: StaffUser) => services.regions.descendants(staff.areaCode);
const senderLabel = { resident: '居民', assistant: '智能问答', operator: '工作人员' } as const;

// The open transcript refreshes itself every 5 s so the resident's new messages show up.
const poll = `setTimeout(function(){ if(!document.activeElement||document.activeElement.tagName!=='TEXTAREA') location.reload(); }, 5000);`;

/**
 * `/staff/chats`: conversations the assistant handed over in the staff member's area. An
 * operator reads the transcript (the view is audited) and answers in the same conversation;
 * the resident sees that a person has joined.
 */
export const chatPages = new Hono<AppEnv>()
  .use('*', requireStaff(['operator', 'supervisor', 'team_member']))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const sessions = await services.chat.handoffs(await areasOf(services, staff));
    return c.html(
      <Page title="转人工的对话" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/chats" flash={flashFrom((k) => c.req.query(k))}>
        <table>
          <thead><tr><th>转人工时间</th><th>地区</th><th>情况</th><th>接待</th></tr></thead>
          <tbody>
            {sessions.length === 0 && <tr><td colspan={4}>目前没有等待人工回复的对话。</td></tr>}
            {sessions.map((s) => (
              <tr>
                <td><a href={`/staff/chats/${s.id}`}>{shTime(s.handedOffAt)}</a></td>
                <td>{s.regionCode ?? '未知'}</td>
                <td>{s.crisis ? <strong class="p1">⚠ 危机信号</strong> : '一般'}</td>
                <td>{s.operatorId ? '已有人接待' : '等待接待'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Page>,
    );
  })
  .get('/:id', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const { session, messages } = await services.chat.transcript(c.req.param('id'), await areasOf(services, staff));
    await recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'chat.view', subjectType: 'chat_session', subjectId: session.id, ip: clientIp(c) }, services.clock());
    return c.html(
      <Page title="对话记录" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/chats" flash={flashFrom((k) => c.req.query(k))} scripts={poll}>
        {session.crisis && <div class="flash error" role="alert">⚠ 对话中出现危机信号，请优先处理，必要时拨打110/120。</div>}
        <div class="card" aria-live="polite">
          {messages.map((m) => (
            <p>
              <span class="muted">{shTime(new Date(m.at))} {senderLabel[m.sender]}：</span>
              <br />
              {m.text.split('\n').map((line, i) => (i ? <><br />{line}</> : line))}
            </p>
          ))}
        </div>
        {!session.closedAt && (
          <>
            <form method="post" action={`/staff/chats/${session.id}/reply`} class="card">
              <Csrf token={c.get('csrfToken')} />
              <label for="text">回复居民</label>
              <textarea id="text" name="text" rows={3} required />
              <p><button type="submit">发送</button></p>
            </form>
            <form method="post" action={`/staff/chats/${session.id}/close`}>
              <Csrf token={c.get('csrfToken')} />
              <button type="submit" class="secondary">结束对话</button>
            </form>
          </>
        )}
      </Page>,
    );
  })
  .post('/:id/reply', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const form = await c.req.parseBody();
    const text = String(form.text ?? '').trim();
    if (!text || text.length > 1000) throw new AppError('VALIDATION_FAILED', '回复应为1到1000字', [{ path: 'text', message: '回复应为1到1000字' }]);
    await services.chat.operatorReply(c.req.param('id'), staff.id, await areasOf(services, staff), text);
    return c.redirect(`/staff/chats/${c.req.param('id')}`, 303);
  })
  .post('/:id/close', async (c) => {
    const services = c.get('services');
    await services.chat.close(c.req.param('id'), await areasOf(services, c.get('staff')));
    return c.redirect(`/staff/chats?ok=${encodeURIComponent('对话已结束')}`, 303);
  });
