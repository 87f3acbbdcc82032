import { Hono, type Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import type { RegionInfo } from '../regions/service';
import { listNotice, type NoticeItem } from '../supervision/notice';
import { defaultPeriod, parsePeriod, type Period } from '../supervision/period';
import { CSS } from './layout';

/** Public, masked data: caches may keep it a few minutes. */
const CACHE = 'public, max-age=300';

const Frame: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{title} · e救助</title>
      <style dangerouslySetInnerHTML={{ __html: `${CSS}.scroll{overflow-x:auto}.scroll td{white-space:nowrap}` }} />
    </head>
    <body>
      <header>
        <strong>e救助 · 救助公示</strong>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);

interface NoticeQuery {
  area: RegionInfo;
  period: Period;
}

/** The requested area (any known region) and period; 422 naming the field otherwise. */
async function readQuery(c: Context<AppEnv>): Promise<NoticeQuery | undefined> {
  const services = c.get('services');
  const code = c.req.query('area')?.trim();
  if (!code) return undefined;
  const area = /^\d{6}(\d{3})?$/.test(code) ? await services.regions.get(code) : undefined;
  if (!area) throw new AppError('REGION_UNKNOWN', '没有找到这个地区', [{ path: 'area', message: '没有找到这个地区' }]);
  return { area, period: parsePeriod(c.req.query('from'), c.req.query('to'), services.clock()) };
}

const toJson = (q: NoticeQuery, items: NoticeItem[], truncated: boolean) => ({
  area: { code: q.area.code, name: q.area.name },
  from: q.period.from,
  to: q.period.to,
  count: items.length,
  totalAmount: items.reduce((s, i) => s + Math.round(i.amount * 100), 0) / 100,
  truncated,
  items,
});

const Filter = ({ q, counties }: { q: NoticeQuery | undefined; counties: RegionInfo[] }) => (
  <form method="get" action="/notice" class="card actions" aria-label="查询条件">
    <div style="flex:1 1 12rem">
      <label for="area">地区</label>
      <select id="area" name="area">
        {!q && <option value="">请选择地区</option>}
        {counties.map((r) => (
          <option value={r.code} selected={q?.area.code === r.code}>{r.name}</option>
        ))}
      </select>
    </div>
    <div style="flex:1 1 10rem">
      <label for="from">开始日期</label>
      <input id="from" name="from" type="date" value={q?.period.from ?? ''} />
    </div>
    <div style="flex:1 1 10rem">
      <label for="to">结束日期</label>
      <input id="to" name="to" type="date" value={q?.period.to ?? ''} />
    </div>
    <div>
      <button type="submit">查询</button>
    </div>
  </form>
);

/**
 * `/notice`: the public list (公示) of temporary assistance granted, per area and period:
 * masked name and ID number, township, amount, approval date. `?format=json` gives the same
 * as JSON. No login; nothing else about the household is shown.
 */
export const noticePages = new Hono<AppEnv>().get('/', async (c) => {
  const services = c.get('services');
  const wantsJson = c.req.query('format') === 'json';
  let q: NoticeQuery | undefined;
  let error: string | undefined;
  try {
    q = await readQuery(c);
  } catch (err) {
    if (wantsJson || !(err instanceof AppError)) throw err;
    error = err.detail ?? err.message;
  }
  if (wantsJson && !q) throw new AppError('VALIDATION_FAILED', '请指定地区，例如 ?area=610113', [{ path: 'area', message: '请指定地区' }]);
  const { items, truncated } = q ? await listNotice(services, q.area, q.period) : { items: [], truncated: false };
  c.header('cache-control', CACHE);
  if (wantsJson) return c.json(toJson(q!, items, truncated));
  const counties = (await services.regions.all()).filter((r) => r.level === 'county' || r.level === 'township').sort((a, b) => a.code.localeCompare(b.code));
  const title = q ? `${q.area.name}临时救助公示` : '临时救助公示';
  if (error) c.status(422);
  const period = q?.period ?? defaultPeriod(services.clock());
  const hotline = q ? await services.regions.hotline(q.area.code) : null;
  return c.html(
    <Frame title={title}>
      {error && <div class="flash error" role="alert">{error}</div>}
      <Filter q={q} counties={counties} />
      {!q ? (
        <p>请选择地区和日期后查询。</p>
      ) : (
        <>
          <p>
            {q.area.name} {period.from} 至 {period.to} 批准的临时救助共 {items.length} 件，合计 {toJson(q, items, truncated).totalAmount} 元。
            为保护个人隐私，姓名和身份证号已部分隐藏。如有异议，请{hotline ? `拨打 ${hotline} 反映` : '向当地民政部门反映'}。
          </p>
          {truncated && <p class="flash error">结果较多，只显示前 {items.length} 条，请缩短日期范围。</p>}
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>身份证号</th>
                  <th>街道（乡镇）</th>
                  <th>救助金额（元）</th>
                  <th>批准日期</th>
                  <th class="opt">状态</th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 && (
                  <tr>
                    <td colspan={6}>这段时间没有公示的救助。</td>
                  </tr>
                )}
                {items.map((i) => (
                  <tr>
                    <td>{i.name}</td>
                    <td>{i.idNumber}</td>
                    <td>{i.township}</td>
                    <td>{i.amount}</td>
                    <td>{i.approvedOn}</td>
                    <td class="opt">{i.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted">
            <a href={`/notice?${new URLSearchParams({ area: q.area.code, from: period.from, to: period.to, format: 'json' })}`}>下载数据（JSON）</a>
          </p>
        </>
      )}
    </Frame>,
  );
});

/** The JSON variant for mounting at `/notice.json` (a sub-router of `/notice` cannot reach that path). */
export const noticeJsonPages = new Hono<AppEnv>().get('/', async (c) => {
  const q = await readQuery(c);
  if (!q) throw new AppError('VALIDATION_FAILED', '请指定地区，例如 ?area=610113', [{ path: 'area', message: '请指定地区' }]);
  const { items, truncated } = await listNotice(c.get('services'), q.area, q.period);
  c.header('cache-control', CACHE);
  return c.json(toJson(q, items, truncated));
});
