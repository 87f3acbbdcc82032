import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { isOpen } from '../../../shared/src/cases/state-machine';
import { hardshipTypeLabels, type HardshipType } from '../../../shared/src/contract/enums';
import { shanghaiDate } from '../../../shared/src/dates';
import type { FieldError } from '../../../shared/src/errors';
import { ApplyForm, applicationFromForm, errorsByField, type FormValues } from '../hotline/apply-form';
import { deskAnswerSource, type DeskAnswer } from '../hotline/answers';
import { callLogInputSchema, callOutcomeLabels, callOutcomes, callTopicLabels, callTopics, logCall, recentCalls, type CallListItem } from '../hotline/calls';
import { caseForDesk, fileForCaller, handOverUrgent, OpenCaseError, parseCallerKey, searchCaller, templateVarsFor, type CallerSearch } from '../hotline/service';
import { fillTemplate, replyTemplates, type TemplateVars } from '../hotline/templates';
import type { AppEnv } from '../platform/context';
import { AppError, fieldErrors } from '../platform/errors';
import { clientIp, requireStaff } from '../staff/middleware';
import { shTime } from './format';
import { Csrf, Page, PriorityBadge } from './layout';

type C = Context<AppEnv>;
type Desk = Awaited<ReturnType<typeof caseForDesk>>;
type Form = Record<string, string | File | Array<string | File>>;
const h2 = 'font-size:1.1rem;margin-top:0';
const errStyle = 'color:#b00020;font-weight:600;margin:.2rem 0';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const minutes = (v: string) => (v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Math.round(Number(v) * 60) : Number.NaN);
const deskUrl = (no: string | undefined, flash: Record<string, string>) => {
  const q = new URLSearchParams({ ...(no ? { case: no } : {}), ...flash }).toString();
  return `/staff/desk${q ? `?${q}` : ''}`;
};

interface DeskState {
  /** The selected case when the request has no `?case=` (a re-rendered POST). */
  caseNo?: string;
  search?: { q: string; result?: CallerSearch; error?: string };
  call?: { values: Record<string, string>; errors: Record<string, string> };
  urgent?: { values: Record<string, string>; error?: string };
  flash?: { kind: 'ok' | 'error'; text: string };
  status?: 200 | 409 | 422;
}

// Copy buttons for the reply templates (read aloud or paste into the SMS tool).
const script = `document.querySelectorAll('[data-copy]').forEach(function(b){b.addEventListener('click',function(){var t=document.getElementById(b.getAttribute('data-copy'));if(t&&navigator.clipboard){navigator.clipboard.writeText(t.textContent).then(function(){b.textContent='已复制';setTimeout(function(){b.textContent='复制'},1500);});}});});`;

const SearchResults = ({ q, result }: { q: string; result: CallerSearch }) => {
  const openHere = result.items.filter((i) => isOpen(i.status));
  return (
    <div id="search-results">
      <p role="status">
        按{result.kind === 'phone' ? '手机号码' : '身份证号码'}找到本辖区 {result.items.length} 件申请。
        {result.elsewhere > 0 && <strong>另有{result.elsewhere}件在其他地区办理{result.elsewhereOpen ? `（其中${result.elsewhereOpen}件未办结）` : ''}，详情请来电人联系当地热线。</strong>}
      </p>
      {result.items.length > 0 && (
        <table>
          <thead><tr><th>紧急程度</th><th>编号</th><th>申请人</th><th>状态</th><th class="opt">服务队</th><th class="opt">登记</th><th>操作</th></tr></thead>
          <tbody>
            {result.items.map((i) => (
              <tr data-tracking={i.trackingNo}>
                <td><PriorityBadge priority={i.priority} /></td>
                <td><a href={`/staff/cases/${i.trackingNo}`}>{i.trackingNo}</a><div class="muted">{hardshipTypeLabels[i.hardshipType as HardshipType] ?? i.hardshipType}</div></td>
                <td>{i.applicantName}<div class="muted">{i.applicantPhone}</div></td>
                <td>{i.statusLabel}</td>
                <td class="opt">{i.teamName}</td>
                <td class="opt">{shTime(i.createdAt)}</td>
                <td><a class="button" href={deskUrl(i.trackingNo, {})}>查看进度</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openHere.length > 0 || result.elsewhereOpen > 0 ? (
        <p class="muted">来电人已有正在办理的申请，不能重复登记；可以查询进度或转服务队紧急处理。</p>
      ) : (
        <p>
          没有正在办理的申请。
          <button type="submit" form="prefill" class="secondary">为来电人登记申请</button>
        </p>
      )}
      <input type="hidden" form="prefill" name="q" value={q} />
    </div>
  );
};

const SelectedCase = ({ d, csrf, urgent }: { d: Desk; csrf: string | undefined; urgent: DeskState['urgent'] }) => (
  <section class="card" aria-label="选中的申请" id="case">
    <h2 style={h2}>
      <PriorityBadge priority={d.item.priority} /> 申请 {d.item.trackingNo}　<strong>{d.item.statusLabel}</strong>
    </h2>
    <p>
      申请人 {d.item.applicantName}（{d.item.applicantPhone}）　{hardshipTypeLabels[d.row.hardshipType]}　服务队：{d.item.teamName}
      {d.item.claimedByName ? `，${d.item.claimedByName}负责` : '，未接单'}
    </p>
    <p><a href={`/staff/cases/${d.item.trackingNo}`}>打开完整案卷</a> <span class="muted">（查看个人信息会记入审计）</span></p>
    <h3 style="font-size:1rem">办理进度</h3>
    <ol id="timeline">
      {d.timeline.map((e) => (
        <li>
          {shTime(e.at)} {e.title} <span class="muted">（{e.statusLabel}{e.visibleToResident ? '' : '，内部记录'}）</span>
        </li>
      ))}
    </ol>
    {d.open && (
      <form method="post" action="/staff/desk/urgent" class="card" style="margin:0;border-color:#b00020">
        <Csrf token={csrf} />
        <input type="hidden" name="trackingNo" value={d.item.trackingNo} />
        <label for="urgent-reason">紧急情况（必填，服务队可见）</label>
        <textarea id="urgent-reason" name="reason" rows={2}>{urgent?.values.reason ?? ''}</textarea>
        {urgent?.error && <p role="alert" style={errStyle}>{urgent.error}</p>}
        <label for="urgent-minutes">通话时长（分钟，可不填）</label>
        <input id="urgent-minutes" name="durationMinutes" type="number" min="0" step="1" inputmode="numeric" value={urgent?.values.durationMinutes ?? ''} />
        <p style="margin-bottom:0">
          <button type="submit" class="danger">转服务队紧急处理</button> <span class="muted">优先级提为P1，服务队队列立即显示，并记为紧急来电。</span>
        </p>
      </form>
    )}
  </section>
);

const Templates = ({ vars }: { vars: TemplateVars }) => (
  <section class="card" aria-label="回复模板" id="templates">
    <h2 style={h2}>回复模板</h2>
    {!vars.trackingNo && <p class="muted">选中一件申请后，编号、状态和服务队会自动填入。</p>}
    {replyTemplates.map((t) => (
      <div id={`tpl-${t.id}`} style="margin-bottom:.8rem">
        <strong>{t.title}</strong> <span class="muted">{t.channel === 'sms' ? '短信' : '电话答复'}</span>{' '}
        <button type="button" class="secondary" data-copy={`tpl-text-${t.id}`} style="min-height:32px;padding:.1rem .6rem">复制</button>
        <p id={`tpl-text-${t.id}`} style="margin:.2rem 0">{fillTemplate(t, vars)}</p>
      </div>
    ))}
  </section>
);

const CallForm = ({ csrf, trackingNo, call, justFiled }: { csrf: string | undefined; trackingNo: string | undefined; call: DeskState['call']; justFiled: boolean }) => {
  const v = call?.values ?? { trackingNo: trackingNo ?? '', ...(justFiled ? { topic: 'apply', outcome: 'filed' } : {}) };
  const e = call?.errors ?? {};
  const Err = ({ name }: { name: string }) => (e[name] ? <p role="alert" style={errStyle}>{e[name]}</p> : null);
  return (
    <form method="post" action="/staff/desk/calls" id="call-form">
      <Csrf token={csrf} />
      <label for="call-topic">来电事项</label>
      <select id="call-topic" name="topic">
        {callTopics.map((t) => <option value={t} selected={v.topic === t}>{callTopicLabels[t]}</option>)}
      </select>
      <Err name="topic" />
      <label for="call-summary">通话摘要（加密保存）</label>
      <textarea id="call-summary" name="summary" rows={3}>{v.summary ?? ''}</textarea>
      <Err name="summary" />
      <label for="call-outcome">处理结果</label>
      <select id="call-outcome" name="outcome">
        {callOutcomes.map((o) => <option value={o} selected={v.outcome === o}>{callOutcomeLabels[o]}</option>)}
      </select>
      <Err name="outcome" />
      <label for="call-case">关联申请编号（可不填）</label>
      <input id="call-case" name="trackingNo" value={v.trackingNo ?? ''} />
      <Err name="trackingNo" />
      <label for="call-minutes">通话时长（分钟，可不填）</label>
      <input id="call-minutes" name="durationMinutes" type="number" min="0" step="1" inputmode="numeric" value={v.durationMinutes ?? ''} />
      <Err name="durationSeconds" />
      <label style="font-weight:400"><input type="checkbox" name="urgent" style="width:auto" checked={v.urgent === 'on'} /> 紧急来电</label>
      <p style="margin-bottom:0"><button type="submit">保存通话记录</button></p>
    </form>
  );
};

const Calls = ({ items, supervisor }: { items: CallListItem[]; supervisor: boolean }) => (
  <table id="calls">
    <thead><tr><th>时间</th><th>事项 / 结果</th><th>摘要</th><th class="opt">编号</th>{supervisor && <th class="opt">话务员</th>}</tr></thead>
    <tbody>
      {items.length === 0 && <tr><td colspan={5}>还没有通话记录。</td></tr>}
      {items.map((i) => (
        <tr>
          <td>{shTime(i.createdAt)}{i.durationSeconds !== null ? <div class="muted">{Math.round(i.durationSeconds / 60)}分钟</div> : null}</td>
          <td>{i.urgent ? <span class="badge p1">紧急</span> : null} {i.topicLabel}<div class="muted">{i.outcomeLabel}</div></td>
          <td>{i.summary ?? <span class="muted">（无权查看）</span>}</td>
          <td class="opt">{i.trackingNo ? <a href={deskUrl(i.trackingNo, {})}>{i.trackingNo}</a> : '—'}</td>
          {supervisor && <td class="opt">{i.operatorName}</td>}
        </tr>
      ))}
    </tbody>
  </table>
);

const Answers = ({ ask, answers, trackingNo }: { ask: string; answers: DeskAnswer[] | undefined; trackingNo: string | undefined }) => (
  <section class="card" aria-label="政策问答" id="answers">
    <h2 style={h2}>政策问答</h2>
    <p class="muted">输入来电人的问题，显示本地区的政策答复（注明依据）和相关回复模板。</p>
    <form method="get" action="/staff/desk#answers" class="actions">
      {trackingNo && <input type="hidden" name="case" value={trackingNo} />}
      <div style="flex:1 1 16rem">
        <label for="ask">来电人问的问题</label>
        <input id="ask" name="ask" value={ask} placeholder="例如：低保标准、先行救助" />
      </div>
      <button type="submit" class="secondary">查找</button>
    </form>
    {answers && (answers.length === 0 ? <p>没有找到相关的模板或常见问题。</p> : (
      <ul>
        {answers.map((a) => (
          <li>
            {a.kind === 'template' ? <a href={`#tpl-${a.id}`}>回复模板：{a.title}</a> : <strong>{a.title}</strong>}
            {a.answer && <div style="white-space:pre-line">{a.answer}</div>}
            {a.sources.length > 0 && <div class="muted">依据：{a.sources.map((s) => `${s.title}${s.ref}`).join('；')}</div>}
          </li>
        ))}
      </ul>
    ))}
  </section>
);

/** Renders the desk: search, the selected case, call log, templates and the 政策问答 seam. */
async function renderDesk(c: C, state: DeskState = {}) {
  const services = c.get('services');
  const staff = c.get('staff');
  const csrf = c.get('csrfToken');
  const no = state.caseNo ?? (c.req.query('case')?.trim() || undefined);
  const ask = c.req.query('ask')?.trim().slice(0, 200) ?? '';
  let flash = state.flash ?? (c.req.query('error') ? { kind: 'error' as const, text: c.req.query('error')! } : c.req.query('ok') ? { kind: 'ok' as const, text: c.req.query('ok')! } : undefined);
  let desk: Desk | undefined;
  if (no) {
    try {
      desk = await caseForDesk(services, staff, no);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      flash = { kind: 'error', text: '没有找到这件申请，或不在本辖区' };
    }
  }
  const [vars, calls, answers] = await Promise.all([
    desk ? desk.vars : templateVarsFor(services, staff),
    recentCalls(services, staff, clientIp(c), 10),
    ask ? deskAnswerSource(services).search(ask, { regionCode: staff.areaCode }) : undefined,
  ]);
  const search = state.search;
  return c.html(
    <Page title="热线工作台" staff={staff} csrfToken={csrf} current="/staff/desk" flash={flash} scripts={script}>
      <div class="grid">
        <section class="card" aria-label="查找来电人" style="grid-column:1/-1">
          <h2 style={h2}>查找来电人</h2>
          <form method="post" action="/staff/desk/search" class="actions">
            <Csrf token={csrf} />
            <div style="flex:1 1 16rem">
              <label for="q">手机号码或身份证号码</label>
              <input id="q" name="q" autocomplete="off" inputmode="text" value={search?.q ?? ''} aria-invalid={search?.error ? 'true' : undefined} />
            </div>
            <button type="submit">查找</button>
            <a class="button secondary" href="/staff/desk/apply">登记新申请</a>
          </form>
          {search?.error && <p role="alert" style={errStyle}>{search.error}</p>}
          {search?.result && <SearchResults q={search.q} result={search.result} />}
          <form method="post" action="/staff/desk/apply/prefill" id="prefill"><Csrf token={csrf} /></form>
        </section>
        {desk && <div style="grid-column:1/-1"><SelectedCase d={desk} csrf={csrf} urgent={state.urgent} /></div>}
        <section class="card" aria-label="通话记录">
          <h2 style={h2}>记录本次通话</h2>
          <CallForm csrf={csrf} trackingNo={desk?.item.trackingNo} call={state.call} justFiled={c.req.query('filed') === '1'} />
        </section>
        <Templates vars={vars} />
        <Answers ask={ask} answers={answers} trackingNo={desk?.item.trackingNo} />
        <section class="card" aria-label="最近通话" style="grid-column:1/-1">
          <h2 style={h2}>{staff.role === 'supervisor' ? '本辖区最近通话' : '我最近的通话'}</h2>
          <Calls items={calls} supervisor={staff.role === 'supervisor'} />
        </section>
      </div>
    </Page>,
    state.status ?? 200,
  );
}

/** Renders the application form page. */
async function renderApply(c: C, values: FormValues, errors: FieldError[] | undefined, idempotencyKey: string, flash?: { kind: 'ok' | 'error'; text: string }, status: 200 | 409 | 422 = 200, openCase?: string) {
  const services = c.get('services');
  const staff = c.get('staff');
  const area = new Set(await services.regions.descendants(staff.areaCode));
  const regions = (await services.regions.all()).filter((r) => area.has(r.code) && (r.level === 'township' || r.level === 'county')).sort((a, b) => a.code.localeCompare(b.code));
  const { byField, other } = errorsByField(errors);
  const text = flash?.text ?? (errors?.length ? `请检查标红的内容${other.length ? `：${other.join('；')}` : ''}` : undefined);
  return c.html(
    <Page title="为来电人登记申请" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/desk" flash={text ? { kind: flash?.kind ?? 'error', text } : undefined}>
      {openCase && (
        <p class="card">
          <a class="button" href={deskUrl(openCase, {})}>查看正在办理的申请 {openCase}</a>
        </p>
      )}
      <ApplyForm values={values} errors={byField} idempotencyKey={idempotencyKey} csrfToken={c.get('csrfToken')} regions={regions} today={shanghaiDate(services.clock())} />
    </Page>,
    status,
  );
}

/** `/staff/desk`: the hotline operator's desk. */
export const deskPages = new Hono<AppEnv>()
  .use('*', requireStaff(['operator', 'supervisor']))
  .get('/', (c) => renderDesk(c))
  .post('/search', async (c) => {
    const q = str((await c.req.parseBody()).q).trim().slice(0, 40);
    try {
      return await renderDesk(c, { search: { q, result: await searchCaller(c.get('services'), c.get('staff'), q, clientIp(c)) } });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return renderDesk(c, { search: { q, error: err.detail ?? err.message }, status: 422 });
    }
  })
  .post('/calls', async (c) => {
    const form = await c.req.parseBody();
    const values = Object.fromEntries(['topic', 'outcome', 'summary', 'trackingNo', 'durationMinutes', 'urgent'].map((k) => [k, str(form[k])]));
    const parsed = callLogInputSchema.safeParse({ ...values, durationSeconds: minutes(values.durationMinutes!), urgent: values.urgent === 'on' });
    const fail = (errors: FieldError[]) => renderDesk(c, { call: { values, errors: Object.fromEntries(errors.map((e) => [e.path, e.message])) }, flash: { kind: 'error', text: '通话记录没有保存，请检查标红的内容' }, status: 422 });
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    try {
      await logCall(c.get('services'), c.get('staff'), parsed.data, clientIp(c));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      return fail([{ path: 'trackingNo', message: '没有找到这件申请，或不在本辖区' }]);
    }
    return c.redirect(deskUrl(parsed.data.trackingNo, { ok: '通话记录已保存' }), 303);
  })
  .post('/urgent', async (c) => {
    const form = await c.req.parseBody();
    const values = { trackingNo: str(form.trackingNo).trim(), reason: str(form.reason), durationMinutes: str(form.durationMinutes) };
    const seconds = minutes(values.durationMinutes);
    try {
      const r = await handOverUrgent(c.get('services'), c.get('staff'), values.trackingNo, { reason: values.reason, durationSeconds: Number.isFinite(seconds) ? seconds : undefined }, clientIp(c));
      return c.redirect(deskUrl(r.trackingNo, { ok: r.raised ? '已转服务队紧急处理，优先级已提为P1，已记为紧急来电' : '已再次催办服务队（原已是P1），已记为紧急来电' }), 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.status === 404) return c.redirect(deskUrl(undefined, { error: '没有找到这件申请，或不在本辖区' }), 303);
      return renderDesk(c, { caseNo: values.trackingNo, urgent: { values, error: err.detail ?? err.message }, status: err.status === 409 ? 409 : 422 });
    }
  })
  .get('/apply', (c) => renderApply(c, {}, undefined, randomUUID()))
  .post('/apply/prefill', async (c) => {
    const q = str((await c.req.parseBody()).q).trim();
    const values: FormValues = {};
    try {
      const key = parseCallerKey(q, shanghaiDate(c.get('services').clock()));
      values[key.kind === 'phone' ? 'applicant.phone' : 'applicant.idNumber'] = key.value;
    } catch {
      // Nothing usable to prefill: an empty form.
    }
    return renderApply(c, values, undefined, randomUUID());
  })
  .post('/apply', async (c) => {
    const { body, values, idempotencyKey } = applicationFromForm((await c.req.parseBody({ all: true })) as Form);
    const key = /^[\w.:-]{8,128}$/.test(idempotencyKey) ? idempotencyKey : randomUUID();
    try {
      const r = await fileForCaller(c.get('services'), c.get('staff'), key, body, clientIp(c));
      const text = `${r.replay ? '这份申请已提交过' : '申请已登记'}，受理编号 ${r.body.trackingNo}，${r.body.priority}，由${r.body.team.name}办理`;
      return c.redirect(deskUrl(r.body.trackingNo, { ok: text, filed: '1' }), 303);
    } catch (err) {
      if (err instanceof OpenCaseError) return renderApply(c, values, undefined, key, { kind: 'error', text: err.detail ?? err.message }, 409, err.trackingNo);
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      return renderApply(c, values, err.errors, key, err.errors?.length ? undefined : { kind: 'error', text: err.detail ?? err.message }, 422);
    }
  });
