import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { applicationCreatedSchema, applicationRequestSchema } from '../../../shared/src/contract/application';
import { idempotencyKeyOf } from '../applications/routes';
import type { AppEnv } from '../platform/context';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { clientIp, requireStaff } from '../staff/middleware';
import { deskAnswerSource } from './answers';
import { callLogInputSchema, logCall, recentCalls } from './calls';
import { caseForDesk, fileForCaller, handOverUrgent, searchCaller, templateVarsFor } from './service';
import { fillTemplate, replyTemplates } from './templates';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const loose = z.record(z.string(), z.unknown());
const json = (description: string, schema: z.ZodType = loose) => ({ description, content: { 'application/json': { schema } } });
const trackingParam = z.object({ trackingNo: z.string().min(1).max(40).openapi({ param: { name: 'trackingNo', in: 'path' } }) });
const security = [{ bearer: [] }];
const tags = ['hotline'];

const searchRoute = createRoute({
  method: 'post', path: '/search', tags, security, summary: "Find a caller's cases by phone or ID number (keyed hashes; audited without the number)",
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ q: z.string({ error: '请输入手机号码或身份证号码' }).max(40) }) } } } },
  responses: { 200: json('Cases of the area (masked) and a count of those elsewhere'), 422: problemResponse('Neither a mobile nor an ID number') },
});
const caseRoute = createRoute({
  method: 'get', path: '/cases/{trackingNo}', tags, security, summary: 'A case of the area for the desk: masked summary, compact timeline, filled reply templates',
  request: { params: trackingParam },
  responses: { 200: json('The case'), 404: problemResponse('Not found or outside the area') },
});
const applyRoute = createRoute({
  method: 'post', path: '/applications', tags, security, summary: 'File an application for the caller (channel hotline), only when none is open; Idempotency-Key required',
  request: {
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: applicationRequestSchema } } },
  },
  responses: {
    201: json('Filed, or a replay of the same form', applicationCreatedSchema),
    409: problemResponse('The caller already has an open case (CASE_ALREADY_OPEN)'),
    422: problemResponse('A field is wrong, the region is outside the area, or the key was used for another body'),
  },
});
const logRoute = createRoute({
  method: 'post', path: '/calls', tags, security, summary: 'Log a call: topic, summary (sealed at rest), outcome, linked case, duration',
  request: { body: { required: true, content: { 'application/json': { schema: callLogInputSchema } } } },
  responses: { 201: json('Logged', z.object({ id: z.string() })), 404: problemResponse('Linked case not found or outside the area'), 422: problemResponse('Bad input') },
});
const callsRoute = createRoute({
  method: 'get', path: '/calls', tags, security, summary: "Recent calls: the operator's own, or the area's for a supervisor",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }) },
  responses: { 200: json('Calls') },
});
const urgentRoute = createRoute({
  method: 'post', path: '/cases/{trackingNo}/urgent', tags, security, summary: 'Hand an urgent call to the local team: priority P1, event, urgent call log, live update',
  request: {
    params: trackingParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string({ error: '请写明紧急情况' }).max(2000), durationSeconds: z.number().int().min(0).max(36_000).optional() }) } } },
  },
  responses: { 200: json('Handed over'), 404: problemResponse('Not found or outside the area'), 409: problemResponse('The case is no longer open'), 422: problemResponse('No reason given') },
});
const templatesRoute = createRoute({
  method: 'get', path: '/templates', tags, security, summary: 'Reply templates filled from a case (or from the area alone)',
  request: { query: z.object({ trackingNo: z.string().max(40).optional() }) },
  responses: { 200: json('Templates'), 404: problemResponse('Not found or outside the area') },
});
const answersRoute = createRoute({
  method: 'get', path: '/answers', tags, security, summary: '政策问答 (assistant seam): for now a search of template and FAQ titles',
  request: { query: z.object({ q: z.string().max(200) }) },
  responses: { 200: json('Answers') },
});

/** `/api/v1/staff/hotline`: the operator's desk as JSON (bearer token, or session cookie + CSRF). */
export const hotlineApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
hotlineApi.use('*', requireStaff(['operator', 'supervisor']));
hotlineApi
  .openapi(searchRoute, async (c) => {
    const r = await searchCaller(c.get('services'), c.get('staff'), c.req.valid('json').q, clientIp(c));
    const items = r.items.map((i) => ({
      trackingNo: i.trackingNo, status: i.status, statusLabel: i.statusLabel, priority: i.priority, hardshipType: i.hardshipType, regionCode: i.regionCode,
      teamName: i.teamName, applicantName: i.applicantName, applicantPhone: i.applicantPhone, createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt),
    }));
    return c.json({ kind: r.kind, items, elsewhere: r.elsewhere, elsewhereOpen: r.elsewhereOpen }, 200);
  })
  .openapi(caseRoute, async (c) => {
    const d = await caseForDesk(c.get('services'), c.get('staff'), c.req.valid('param').trackingNo);
    return c.json({
      trackingNo: d.item.trackingNo, status: d.item.status, statusLabel: d.item.statusLabel, priority: d.item.priority, teamName: d.item.teamName,
      applicantName: d.item.applicantName, applicantPhone: d.item.applicantPhone, open: d.open,
      timeline: d.timeline.map((e) => ({ ...e, at: iso(e.at) })),
      templates: replyTemplates.map((t) => ({ id: t.id, title: t.title, channel: t.channel, text: fillTemplate(t, d.vars) })),
    }, 200);
  })
  .openapi(applyRoute, async (c) => {
    const key = idempotencyKeyOf(c.req.header('idempotency-key'));
    const r = await fileForCaller(c.get('services'), c.get('staff'), key, c.req.valid('json'), clientIp(c));
    return c.json(r.body, 201);
  })
  .openapi(logRoute, async (c) => c.json(await logCall(c.get('services'), c.get('staff'), c.req.valid('json'), clientIp(c)), 201))
  .openapi(callsRoute, async (c) => {
    const items = await recentCalls(c.get('services'), c.get('staff'), clientIp(c), c.req.valid('query').limit ?? 20);
    return c.json({ items: items.map((i) => ({ ...i, createdAt: iso(i.createdAt) })) }, 200);
  })
  .openapi(urgentRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(await handOverUrgent(c.get('services'), c.get('staff'), c.req.valid('param').trackingNo, body, clientIp(c)), 200);
  })
  .openapi(templatesRoute, async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const no = c.req.valid('query').trackingNo;
    const vars = no ? (await caseForDesk(services, staff, no)).vars : await templateVarsFor(services, staff);
    return c.json({ items: replyTemplates.map((t) => ({ id: t.id, title: t.title, channel: t.channel, text: fillTemplate(t, vars) })) }, 200);
  })
  .openapi(answersRoute, async (c) => {
    const items = await deskAnswerSource(c.get('services')).search(c.req.valid('query').q, { regionCode: c.get('staff').areaCode });
    return c.json({ items }, 200);
  });
