import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { caseDetailSchema, caseListSchema } from '../../../shared/src/contract/application';
import { statusLabels } from '../../../shared/src/cases/state-machine';
import { requireResident } from '../auth/middleware';
import type { AppEnv, Services } from '../platform/context';
import { AppError } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { findCaseByTrackingNo, insertEvent, listCasesOfResident, lockCaseByTrackingNo, updateCase, type CaseRow } from './repo';
import { CASE_CHANNEL, recordTransition } from './service';
import { residentCaseDetail } from './views';

const trackingParam = z.object({ trackingNo: z.string().min(1).max(40).openapi({ param: { name: 'trackingNo', in: 'path' } }) });
const notFound = () => new AppError('CASE_NOT_FOUND', '没有找到这件申请');
const okSchema = z.object({ trackingNo: z.string(), status: z.string(), statusLabel: z.string() });

/** The caller's own case, else 404 (the same answer as a case that does not exist). */
async function ownCase(services: Services, residentId: string, trackingNo: string): Promise<CaseRow> {
  const row = await findCaseByTrackingNo(services.database.db, trackingNo);
  if (!row || row.residentId !== residentId) throw notFound();
  return row;
}

/** Runs a resident action on their own locked case in one transaction, then tells live listeners. */
async function residentAction(
  services: Services,
  residentId: string,
  trackingNo: string,
  act: (tx: Services['database']['db'], row: CaseRow, now: Date) => Promise<void>,
) {
  const now = services.clock();
  const row = await services.database.db.transaction(async (tx) => {
    const locked = await lockCaseByTrackingNo(tx, trackingNo);
    if (!locked || locked.residentId !== residentId) throw notFound();
    await act(tx, locked, now);
    return (await findCaseByTrackingNo(tx, trackingNo))!;
  });
  await services
    .publish(CASE_CHANNEL, { caseId: row.id, teamId: row.teamId, trackingNo: row.trackingNo, priority: row.priority, status: row.status, kind: 'updated' })
    .catch(() => {});
  return { trackingNo: row.trackingNo, status: row.status, statusLabel: statusLabels[row.status] };
}

const listRoute = createRoute({
  method: 'get', path: '/', tags: ['cases'], summary: "The caller's own cases", security: [{ bearer: [] }],
  responses: { 200: { description: 'Own cases, newest first', content: { 'application/json': { schema: caseListSchema } } }, 401: problemResponse('No resident token') },
});
const detailRoute = createRoute({
  method: 'get', path: '/{trackingNo}', tags: ['cases'], summary: 'One own case with its timeline', security: [{ bearer: [] }],
  request: { params: trackingParam },
  responses: { 200: { description: 'The case', content: { 'application/json': { schema: caseDetailSchema } } }, 404: problemResponse('Not found or not yours') },
});
const withdrawRoute = createRoute({
  method: 'post', path: '/{trackingNo}/withdraw', tags: ['cases'], summary: 'Withdraw an own open case', security: [{ bearer: [] }],
  request: { params: trackingParam, body: { required: false, content: { 'application/json': { schema: z.object({ reason: z.string().trim().max(500, '原因不能超过500字').optional() }) } } } },
  responses: { 200: { description: 'Withdrawn', content: { 'application/json': { schema: okSchema } } }, 404: problemResponse('Not found'), 409: problemResponse('Cannot be withdrawn now') },
});
const materialsRoute = createRoute({
  method: 'post', path: '/{trackingNo}/materials', tags: ['cases'], summary: 'Tell staff the requested materials were added', security: [{ bearer: [] }],
  request: { params: trackingParam, body: { required: false, content: { 'application/json': { schema: z.object({ note: z.string().trim().max(1000, '说明不能超过1000字').optional() }) } } } },
  responses: { 200: { description: 'Back with the team', content: { 'application/json': { schema: okSchema } } }, 404: problemResponse('Not found'), 409: problemResponse('No materials were requested') },
});
const feedbackRoute = createRoute({
  method: 'post', path: '/{trackingNo}/feedback', tags: ['cases'], summary: 'After closure: was the problem solved? (回访) "Not solved" reopens the case', security: [{ bearer: [] }],
  request: {
    params: trackingParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ solved: z.boolean({ error: '请选择问题是否已解决' }), comment: z.string().trim().max(500, '意见不能超过500字').optional() }) } } },
  },
  responses: { 200: { description: 'Recorded', content: { 'application/json': { schema: okSchema } } }, 404: problemResponse('Not found'), 409: problemResponse('The case is not closed') },
});

/** `/api/v1/cases`: a resident's own cases. Anyone else's answer 404. */
export const caseRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
caseRoutes.use('*', requireResident);
caseRoutes
  .openapi(listRoute, async (c) => {
    const rows = await listCasesOfResident(c.get('services').database.db, c.get('residentId'));
    return c.json(
      {
        items: rows.map((r) => ({
          trackingNo: r.trackingNo,
          status: r.status,
          priority: r.priority,
          updatedAt: r.updatedAt.toISOString(),
          statusLabel: statusLabels[r.status],
          hardshipType: r.hardshipType,
          createdAt: r.createdAt.toISOString(),
        })),
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const services = c.get('services');
    const row = await ownCase(services, c.get('residentId'), c.req.valid('param').trackingNo);
    return c.json(await residentCaseDetail(services.database.db, services.vault, row), 200);
  })
  .openapi(withdrawRoute, async (c) => {
    const services = c.get('services');
    const reason = c.req.valid('json')?.reason;
    const body = await residentAction(services, c.get('residentId'), c.req.valid('param').trackingNo, async (tx, row, now) => {
      await recordTransition(tx, services.vault, row, 'withdraw', { kind: 'resident', id: row.residentId! }, now, reason ? { note: reason } : {});
    });
    return c.json(body, 200);
  })
  .openapi(materialsRoute, async (c) => {
    const services = c.get('services');
    const note = c.req.valid('json')?.note;
    const body = await residentAction(services, c.get('residentId'), c.req.valid('param').trackingNo, async (tx, row, now) => {
      await recordTransition(tx, services.vault, row, 'provide_materials', { kind: 'resident', id: row.residentId! }, now, note ? { note } : {});
    });
    return c.json(body, 200);
  })
  .openapi(feedbackRoute, async (c) => {
    const services = c.get('services');
    const { solved, comment } = c.req.valid('json');
    const body = await residentAction(services, c.get('residentId'), c.req.valid('param').trackingNo, async (tx, row, now) => {
      if (row.status !== 'closed' || row.feedback) throw new AppError('INVALID_TRANSITION', '只有已办结的申请可以回访，且只需回答一次');
      const feedback = { solved, at: now.toISOString(), ...(comment ? { comment } : {}) };
      if (solved) {
        await updateCase(tx, row.id, { feedback, updatedAt: now });
        await insertEvent(tx, {
          caseId: row.id, at: now, actorKind: 'resident', actorId: row.residentId, action: 'feedback',
          fromStatus: row.status, toStatus: row.status, title: '回访：问题已解决', noteEnc: comment ? services.vault.seal(comment) : null,
        });
        return;
      }
      // "Not solved" reopens the case to the same team.
      await recordTransition(tx, services.vault, row, 'reopen', { kind: 'resident', id: row.residentId! }, now, {
        set: { feedback, claimedBy: null, claimedAt: null },
        ...(comment ? { note: comment } : {}),
      });
    });
    return c.json(body, 200);
  });
