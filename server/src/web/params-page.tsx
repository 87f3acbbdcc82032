import { Hono } from 'hono';
import { recordAudit } from '../audit/service';
import { parameterRecords } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { addParameterRecords } from '../regions/params-cli';
import { clientIp, requireStaff } from '../staff/middleware';
import { Csrf, flashFrom, Page } from './layout';

/** `/staff/admin/parameters`: dated policy parameters per region; admins add a new record without a deploy. */
export const paramsPages = new Hono<AppEnv>()
  .use('*', requireStaff(['admin']))
  .get('/', async (c) => {
    const services = c.get('services');
    const rows = await services.database.db.select().from(parameterRecords).orderBy(parameterRecords.regionCode, parameterRecords.effectiveFrom);
    const names = new Map((await services.regions.all()).map((r) => [r.code, r.name]));
    return c.html(
      <Page title="救助标准（按地区和生效日期）" staff={c.get('staff')} csrfToken={c.get('csrfToken')} current="/staff/admin/parameters" flash={flashFrom((k) => c.req.query(k))}>
        <table>
          <thead>
            <tr><th>地区</th><th>生效日期</th><th>城市低保</th><th>农村低保</th><th>临时救助上限</th><th>来源</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{names.get(r.regionCode) ?? r.regionCode}（{r.regionCode}）</td>
                <td>{r.effectiveFrom}</td>
                <td>{r.data.dibao.urban}{r.data.dibao.urbanPer === 'year' ? ' 元/年' : ' 元/月'}</td>
                <td>{r.data.dibao.rural ?? '同城市'}{r.data.dibao.rural !== null && r.data.dibao.ruralPer === 'year' ? ' 元/年' : ''}</td>
                <td>{r.data.temporary.capMultiple} 倍城市低保标准</td>
                <td class="muted">{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" class="card" style="margin-top:1rem">
          <Csrf token={c.get('csrfToken')} />
          <label for="record">新增一条标准（JSON，格式与现有记录相同；从生效日期起自动使用）</label>
          <textarea id="record" name="record" rows={12} style="max-width:100%;font-family:monospace" required />
          <p><button type="submit">校验并新增</button></p>
        </form>
      </Page>,
    );
  })
  .post('/', async (c) => {
    const services = c.get('services');
    const form = await c.req.parseBody();
    let input: unknown;
    try {
      input = JSON.parse(String(form.record ?? ''));
    } catch {
      return c.redirect(`/staff/admin/parameters?error=${encodeURIComponent('不是有效的 JSON')}`, 303);
    }
    const { added, problems } = await addParameterRecords(services.database, input);
    if (problems.length) return c.redirect(`/staff/admin/parameters?error=${encodeURIComponent(`未新增：${problems.join('；')}`)}`, 303);
    await services.regions.refresh();
    const staff = c.get('staff');
    for (const r of added)
      await recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'parameters.add', subjectType: 'region', subjectId: r.region, ip: clientIp(c), detail: { effectiveFrom: r.effectiveFrom } }, services.clock());
    return c.redirect(`/staff/admin/parameters?ok=${encodeURIComponent(`已新增 ${added.map((r) => `${r.region} 自 ${r.effectiveFrom}`).join('、')}`)}`, 303);
  });
