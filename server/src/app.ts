import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { applicationRoutes } from './applications/routes';
import { attachmentRoutes, MAX_UPLOAD_BYTES } from './attachments/routes';
import { readPrincipal } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { caseRoutes } from './cases/routes';
import { chatRoutes } from './chat/routes';
import { docsRoutes } from './docs/routes';
import { hotlineApi } from './hotline/routes';
import { regionRoutes } from './regions/routes';
import { staffApi } from './staff/api-routes';
import { staffAuthApi, staffAuthPages } from './staff/auth-routes';
import { auditPages } from './web/audit-page';
import { casePages } from './web/case-page';
import { chatPages } from './web/chats-page';
import { dashboardCsvPages, dashboardPages } from './web/dashboard-page';
import { deskPages } from './web/desk-page';
import { noticeJsonPages, noticePages } from './web/notice-page';
import { kbPages } from './web/kb-page';
import { paramsPages } from './web/params-page';
import { reviewPages } from './web/review-page';
import { rosterPages } from './web/roster-page';
import { queuePages } from './web/queue-page';
import { eligibilityRoutes } from './eligibility/routes';
import { healthRoutes } from './health/routes';
import type { AppEnv, Services } from './platform/context';
import { classify, problem } from './platform/errors';
import { RateLimiter, rateLimit } from './platform/rate-limit';
import { validationHook } from './platform/validation';
import { clientIp } from './staff/middleware';

const JSON_LIMIT_BYTES = 256 * 1024;

/** The composition root: middleware and feature routers over the given services. */
export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestId({ headerName: 'X-Request-Id', limitLength: 64 }));
  app.use('*', async (c, next) => {
    c.set('services', services);
    const started = performance.now();
    await next();
    // Route patterns, never raw paths or bodies: nothing personal reaches the log.
    services.logger.info(
      { reqId: c.get('requestId'), method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', referrerPolicy: 'no-referrer' }));
  const jsonLimit = bodyLimit({ maxSize: JSON_LIMIT_BYTES, onError: (c) => problem(c, 'PAYLOAD_TOO_LARGE', `请求内容不能超过 ${JSON_LIMIT_BYTES / 1024} KB`) });
  const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_BYTES + 64 * 1024, onError: (c) => problem(c, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`) });
  app.use('/api/v1/*', (c, next) => (c.req.path.endsWith('/attachments') ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use('/api/v1/*', readPrincipal);
  const limiter = new RateLimiter();
  const byIp = (c: Context<AppEnv>) => clientIp(c) ?? 'local';
  app.use('/api/v1/staff/login', rateLimit(limiter, { name: 'staff-login', limit: 20, windowMs: 60_000, key: byIp }));
  app.use('/staff/login', async (c, next) => (c.req.method === 'POST' ? rateLimit(limiter, { name: 'staff-login', limit: 20, windowMs: 60_000, key: byIp })(c, next) : next()));
  app.use('/api/v1/auth/wechat', rateLimit(limiter, { name: 'resident-login', limit: 60, windowMs: 60_000, key: byIp }));
  app.use('/api/v1/chat/*', rateLimit(limiter, { name: 'chat', limit: 1200, windowMs: 60_000, key: (c) => { const p = c.get('principal'); return p ? `${p.kind}:${p.id}` : byIp(c); } }));
  app.use('/api/v1/applications', rateLimit(limiter, { name: 'submit', limit: 300, windowMs: 10 * 60_000, key: (c) => { const p = c.get('principal'); return p ? `${p.kind}:${p.id}` : undefined; } }));
  app.use('/api/v1/cases/*', async (c, next) =>
    c.req.method === 'POST' ? rateLimit(limiter, { name: 'resident-post', limit: 60, windowMs: 10 * 60_000, key: (c2) => { const p = c2.get('principal'); return p ? `${p.kind}:${p.id}` : undefined; } })(c, next) : next(),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.route('/', healthRoutes);
  app.route('/api/v1/eligibility', eligibilityRoutes);
  app.route('/api/v1/regions', regionRoutes);
  app.route('/api/v1/auth', authRoutes);
  app.route('/api/v1/applications', applicationRoutes);
  app.route('/api/v1/cases', attachmentRoutes);
  app.route('/api/v1/cases', caseRoutes);
  app.route('/api/v1/chat', chatRoutes);
  app.route('/api/v1/staff', staffAuthApi);
  app.route('/api/v1/staff', staffApi);
  app.route('/api/v1/staff/hotline', hotlineApi);

  app.get('/staff', (c) => c.redirect('/staff/queue'));
  app.route('/staff', staffAuthPages);
  app.route('/staff/queue', queuePages);
  app.route('/staff/cases', casePages);
  app.route('/staff/dashboard', dashboardPages);
  app.route('/staff/review', reviewPages);
  app.route('/staff/audit', auditPages);
  app.route('/staff/roster', rosterPages);
  app.route('/staff/desk', deskPages);
  app.route('/staff/chats', chatPages);
  app.route('/staff/admin/parameters', paramsPages);
  app.route('/staff/admin/kb', kbPages);
  app.route('/staff/dashboard.csv', dashboardCsvPages);
  app.route('/notice.json', noticeJsonPages);
  app.route('/notice', noticePages);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'E-Rescue (e救助) API', version: '1.0.0', description: 'Public social-assistance service: eligibility, applications, cases, assistant.' },
    servers: [{ url: '/' }],
  });
  app.route('/api/docs', docsRoutes);

  app.notFound((c) => problem(c, 'NOT_FOUND'));
  app.onError((err, c) => {
    const { code, detail, errors, headers, internal } = classify(err);
    if (internal) services.logger.error({ reqId: c.get('requestId'), err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return problem(c, code, detail, errors, headers);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
