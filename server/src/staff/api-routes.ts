import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { caseActions, type CaseAction } from '../../../shared/src/cases/state-machine';
import { caseStatuses } from '../../../shared/src/contract/enums';
import type { LiveHub } from '../live/hub';
import type { AppEnv, Services } from '../platform/context';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import type { StaffUser } from './auth';
import { listStaffCases, performStaffAction, staffCaseDetail } from './case-work';
import { CASE_ROLES, clientIp, requireStaff } from './middleware';

const trackingParam = z.object({ trackingNo: z.string().min(1).max(40).openapi({ param: { name: 'trackingNo', in: 'path' } }) });
const actionBody = z.object({
  note: z.string().trim().max(2000, '说明不能超过2000字').optional(),
  amount: z.number({ error: '金额应为数字' }).positive('金额应大于0').max(1_000_000, '金额过大').optional(),
  teamId: z.string().max(40).optional(),
});

const listRoute = createRoute({
  method: 'get', path: '/cases', tags: ['staff'], summary: "Cases of the caller's area, most urgent first (personal data masked)", security: [{ bearer: [] }],
  request: { query: z.object({ status: z.enum(caseStatuses).optional(), open: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'Cases', content: { 'application/json': { schema: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) } } }, 401: problemResponse('Not logged in') },
});
const detailRoute = createRoute({
  method: 'get', path: '/cases/{trackingNo}', tags: ['staff'], summary: 'One case with personal data (the view is audited)', security: [{ bearer: [] }],
  request: { params: trackingParam },
  responses: { 200: { description: 'The case', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, 404: problemResponse('Not found or outside the area') },
});
const actionRoute = createRoute({
  method: 'post', path: '/cases/{trackingNo}/actions/{action}', tags: ['staff'], summary: 'Claim, contact, visit, pre-rescue, review, approve, reject, pay, transfer, escalate …', security: [{ bearer: [] }],
  request: {
    params: trackingParam.extend({ action: z.enum(caseActions).openapi({ param: { name: 'action', in: 'path' } }) }),
    body: { required: false, content: { 'application/json': { schema: actionBody } } },
  },
  responses: {
    200: { description: 'Done', content: { 'application/json': { schema: z.object({ trackingNo: z.string(), status: z.string(), statusLabel: z.string() }) } } },
    403: problemResponse('Role may not do this, or the case is claimed by someone else'),
    404: problemResponse('Not found or outside the area'),
    409: problemResponse('Not allowed in this status, or already claimed'),
    422: problemResponse('Bad input or over the limit'),
  },
});

/** The staff member's view of a change: only cases of their area (teams in it) reach their stream. */
export async function changeVisibleTo(services: Services, staff: StaffUser, teamId: string): Promise<boolean> {
  const team = await services.database.db.query.teams.findFirst({ where: (t, { eq }) => eq(t.id, teamId) });
  return !!team && (await services.regions.within(team.regionCode, staff.areaCode));
}

/** An SSE stream of case changes visible to `staff`, with a heartbeat so proxies keep it open. */
export function caseStream(c: Parameters<typeof streamSSE>[0], services: Services, staff: StaffUser, hub: LiveHub) {
  return streamSSE(c, async (stream) => {
    let closed = false;
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = hub.subscribe((change) => {
      void changeVisibleTo(services, staff, change.teamId).then((visible) => {
        if (!visible) return;
        queue.push(JSON.stringify(change));
        wake?.();
      });
    });
    stream.onAbort(() => {
      closed = true;
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({ event: 'ready', data: '{}' });
    while (!closed) {
      const next = queue.shift();
      if (next) {
        await stream.writeSSE({ event: 'case', data: next });
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 15_000);
      });
      wake = undefined;
      if (!queue.length && !closed) await stream.writeSSE({ event: 'ping', data: '{}' });
    }
    unsubscribe();
  });
}

/** `/api/v1/staff`: the staff API behind the consoles (bearer token or session cookie + CSRF). */
export const staffApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffApi.use('/cases/*', requireStaff(CASE_ROLES));
staffApi.use('/cases', requireStaff(CASE_ROLES));
staffApi.use('/stream', requireStaff(['team_member', 'supervisor', 'operator']));
staffApi
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const items = await listStaffCases(c.get('services'), c.get('staff'), { ...(q.status ? { statuses: [q.status] } : {}), openOnly: q.open === 'true' });
    return c.json({ items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(), firstContactDue: i.firstContactDue.toISOString(), decisionDue: i.decisionDue.toISOString(), preRescueDue: i.preRescueDue?.toISOString() ?? null, firstContactAt: i.firstContactAt?.toISOString() ?? null })) }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const d = await staffCaseDetail(c.get('services'), c.get('staff'), c.req.valid('param').trackingNo, clientIp(c));
    const { personalEnc, idHash, phoneHash, ...row } = d.row;
    const body: Record<string, unknown> = { ...row, personal: d.personal, team: d.team, claimedByName: d.claimedByName, attachments: d.attachments, events: d.events.map(({ noteEnc, ...e }) => e) };
    return c.json(body, 200);
  })
  .openapi(actionRoute, async (c) => {
    const { trackingNo, action } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const result = await performStaffAction(c.get('services'), c.get('staff'), trackingNo, action as CaseAction, body, clientIp(c));
    return c.json(result, 200);
  });

staffApi.get('/stream', (c) => caseStream(c, c.get('services'), c.get('staff'), c.get('services').live));

