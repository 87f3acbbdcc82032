import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/client';
import { call, createTestContext, type TestContext } from '../support/services';
import { loginResident } from '../support/residents';
import { postForm, staffLogin } from '../support/staff';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const ask = (body: Record<string, unknown>, token?: string) =>
  call(t.app, 'POST', '/api/v1/chat/messages', body, token ? { authorization: `Bearer ${token}` } : {});

describe('POST /api/v1/chat/messages', () => {
  it('answers with the figures in force in the asker region, its source, and an action', async () => {
    const res = await ask({ text: '低保标准是多少', regionCode: '610113' });
    expect(res.status).toBe(200);
    expect(res.json.reply.topic).toBe('dibao.standard');
    expect(res.json.reply.text).toContain('830');
    expect(res.json.reply.text).toContain('580');
    expect(res.json.reply.sources.length).toBeGreaterThan(0);
    expect(res.json.reply.confidence).toBeGreaterThan(0.7);
    expect(res.json).toMatchObject({ crisis: false, handoff: false });
    const dalian = await ask({ text: '那大连呢', sessionId: res.json.sessionId });
    expect(dalian.json.sessionId).toBe(res.json.sessionId);
    expect(dalian.json.reply.topic).toBe('dibao.standard');
    expect(dalian.json.reply.text).toContain('780');
  });

  it('says politely when a question is not about assistance', async () => {
    const res = await ask({ text: '明天天气怎么样', regionCode: '610113' });
    expect(res.json.reply.topic).toBe('out_of_scope');
  });

  it('leads with the hotline on crisis words and alerts the local team when the resident is logged in', async () => {
    const token = await loginResident(t.app, 'chat-crisis');
    const res = await ask({ text: '我实在撑不下去了，不想活了', regionCode: '610113004' }, token);
    expect(res.json.crisis).toBe(true);
    expect(res.json.reply.actions[0]).toEqual({ type: 'call_hotline', phone: '12345' });
    expect(res.json.reply.text.slice(0, 40)).toContain('12345');
    // Nobody is on the roster in the test data, so the area's supervisors are alerted.
    const alerts = await selectRows<{ kind: string; message: string }>(t.database.db, sql`select kind, message from staff_alerts where kind = 'chat_crisis'`);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.message).toContain(res.json.sessionId);
  });

  it('hands a conversation to the hotline desk of the area; the operator answers in it and the resident sees a person joined', async () => {
    const token = await loginResident(t.app, 'chat-handoff');
    const first = await ask({ text: '我要找人工客服', regionCode: '610113004' }, token);
    expect(first.json.handoff).toBe(true);
    expect(first.json.reply.actions.map((a: { type: string }) => a.type)).toContain('handoff');
    const sessionId = first.json.sessionId as string;

    const operator = await staffLogin(t.app, 'yt-operator');
    const list = await t.app.request('/staff/chats', { headers: { cookie: operator.cookie } });
    expect(await list.text()).toContain(sessionId);
    const reply = await postForm(t.app, `/staff/chats/${sessionId}/reply`, operator, { text: '您好，我是热线工作人员小王，请说说您的情况。' });
    expect(reply.status).toBe(303);
    const csrfLess = await postForm(t.app, `/staff/chats/${sessionId}/reply`, operator, { text: 'x' }, false);
    expect(csrfLess.status).toBe(403);

    const polled = await call(t.app, 'GET', `/api/v1/chat/sessions/${sessionId}/messages?after=0`, undefined, { authorization: `Bearer ${token}` });
    expect(polled.json.operatorJoined).toBe(true);
    expect(polled.json.messages.at(-1)).toMatchObject({ sender: 'operator', text: '您好，我是热线工作人员小王，请说说您的情况。' });
    const after = await ask({ text: '我家里断电了两天', sessionId }, token);
    expect(after.json.handoff).toBe(true);

    const stranger = await loginResident(t.app, 'chat-stranger');
    expect((await call(t.app, 'GET', `/api/v1/chat/sessions/${sessionId}/messages`, undefined, { authorization: `Bearer ${stranger}` })).status).toBe(404);
    const otherArea = await t.app.request(`/staff/chats/${sessionId}`, { headers: { cookie: operator.cookie } });
    expect(otherArea.status).toBe(200);
  });

  it('stores the conversation sealed at rest', async () => {
    await ask({ text: '我叫马小花电话13912345678想问低保', regionCode: '610113' });
    const rows = await selectRows<{ j: string }>(t.database.db, sql`select row_to_json(m)::text as j from chat_messages m`);
    const text = rows.map((r) => r.j).join('\n');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('马小花');
  });

  it('answers 422 naming the field for an empty question or an unknown region', async () => {
    const empty = await ask({ text: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.json.errors[0].path).toBe('text');
    const region = await ask({ text: '低保标准', regionCode: '999999' });
    expect(region.status).toBe(422);
    expect(region.json.code).toBe('REGION_UNKNOWN');
  });
});

describe('the knowledge base, edited by an admin without a deploy', () => {
  it('saves an edit as a new version and the assistant answers with it at once', async () => {
    const admin = await staffLogin(t.app, 'yt-admin');
    const page = await t.app.request('/staff/admin/kb?id=hotline-contact', { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const entries = await selectRows<{ data: Record<string, unknown> }>(t.database.db, sql`select data from kb_entries where topic = 'hotline.contact' order by version desc limit 1`);
    const entry = { ...entries[0]!.data, answer: '求助热线：{{hotline}}。社会救助窗口周一至周五上午9点到下午5点办公（测试修改）。' };
    const bad = await postForm(t.app, '/staff/admin/kb', admin, { entry: JSON.stringify({ ...entry, topic: 'no.such.topic' }) });
    expect(decodeURIComponent(bad.headers.get('location')!)).toContain('topic');
    const ok = await postForm(t.app, '/staff/admin/kb', admin, { entry: JSON.stringify(entry) });
    expect(decodeURIComponent(ok.headers.get('location')!)).toContain('第2版');
    const res = await ask({ text: '救助热线电话是多少', regionCode: '610113' });
    expect(res.json.reply.topic).toBe('hotline.contact');
    expect(res.json.reply.text).toContain('测试修改');
    const team = await staffLogin(t.app, 'yt-team');
    expect((await t.app.request('/staff/admin/kb', { headers: { cookie: team.cookie } })).status).toBe(403);
  });
});
