import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { recordAudit } from '../audit/service';
import { kbEntrySchema } from '../chat/chat.kb';
import type { KbEntry } from '../chat/chat.types';
import { KB_CHANGED, saveEntry } from '../chat/kb-store';
import { kbEntries } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { clientIp, requireStaff } from '../staff/middleware';
import { shTime } from './format';
import { Csrf, flashFrom, Page } from './layout';

/**
 * `/staff/admin/kb`: the assistant's knowledge base. An edit is saved as a new version (the
 * old ones stay for the record) and every instance rebuilds its index at once.
 */
export const kbPages = new Hono<AppEnv>()
  .use('*', requireStaff(['admin']))
  .get('/', async (c) => {
    const services = c.get('services');
    const rows = await services.database.db.select().from(kbEntries).orderBy(kbEntries.id, desc(kbEntries.version));
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, r);
    const editing = c.req.query('id') ? latest.get(c.req.query('id')!) : undefined;
    return c.html(
      <Page title="智能问答知识库" staff={c.get('staff')} csrfToken={c.get('csrfToken')} current="/staff/admin/kb" flash={flashFrom((k) => c.req.query(k))}>
        <form method="post" class="card">
          <Csrf token={c.get('csrfToken')} />
          <label for="entry">{editing ? `修改「${(editing.data as { title?: string }).title}」（保存为第${editing.version + 1}版）` : '新增条目（JSON：id、topic、title、questions、answer、sources、actions）'}</label>
          <textarea id="entry" name="entry" rows={16} style="max-width:100%;font-family:monospace" required>
            {editing ? JSON.stringify(editing.data, null, 2) : ''}
          </textarea>
          <label><input type="checkbox" name="retire" value="1" style="width:auto" /> 停用此条目</label>
          <p><button type="submit">校验并保存</button></p>
        </form>
        <table>
          <thead><tr><th>条目</th><th>主题</th><th>版本</th><th>状态</th><th>修改</th></tr></thead>
          <tbody>
            {[...latest.values()].map((r) => (
              <tr>
                <td><a href={`/staff/admin/kb?id=${encodeURIComponent(r.id)}`}>{(r.data as { title?: string }).title ?? r.id}</a><div class="muted">{r.id}</div></td>
                <td>{r.topic}</td>
                <td>{r.version}</td>
                <td>{r.active ? '使用中' : '已停用'}</td>
                <td class="muted">{r.updatedBy} {shTime(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Page>,
    );
  })
  .post('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const form = await c.req.parseBody();
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(form.entry ?? ''));
    } catch {
      return c.redirect(`/staff/admin/kb?error=${encodeURIComponent('不是有效的 JSON')}`, 303);
    }
    const result = kbEntrySchema.safeParse(parsed);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '(条目)'}：${i.message}`).join('；');
      return c.redirect(`/staff/admin/kb?error=${encodeURIComponent(`未保存：${problems}`)}`, 303);
    }
    const entry = result.data as KbEntry;
    const now = services.clock();
    const version = await saveEntry(services.database.db, entry, staff.username, form.retire !== '1', now);
    await recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'kb.save', subjectType: 'kb_entry', subjectId: entry.id, ip: clientIp(c), detail: { version, active: form.retire !== '1' } }, now);
    await services.database.notify(KB_CHANGED, entry.id);
    await services.chat.reload();
    return c.redirect(`/staff/admin/kb?ok=${encodeURIComponent(`已保存「${entry.title}」第${version}版，问答已更新`)}`, 303);
  });
