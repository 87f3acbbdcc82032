import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireResident } from '../auth/middleware';
import { findCaseByTrackingNo } from '../cases/repo';
import { attachments } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { sniffDocumentType } from './sniff';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 30;

/** The case if the caller owns it, else 404. */
async function ownCaseId(c: { get: (k: 'services' | 'residentId') => never }, trackingNo: string) {
  const services = c.get('services') as AppEnv['Variables']['services'];
  const row = await findCaseByTrackingNo(services.database.db, trackingNo);
  if (!row || row.residentId !== (c.get('residentId') as string)) throw new AppError('CASE_NOT_FOUND');
  return row;
}

/**
 * `/api/v1/cases/{trackingNo}/attachments`: photos and PDFs of documents. The type is told by
 * content (a renamed .exe is refused), the size is capped, and only the owner reads them back
 * here (staff read them in the consoles).
 */
export const attachmentRoutes = new Hono<AppEnv>();
attachmentRoutes.use('/:trackingNo/attachments', requireResident);
attachmentRoutes.use('/:trackingNo/attachments/*', requireResident);

attachmentRoutes.post('/:trackingNo/attachments', async (c) => {
  const services = c.get('services');
  const row = await ownCaseId(c as never, c.req.param('trackingNo'));
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用表单上传文件（multipart/form-data，字段名 file）', [{ path: 'file', message: '缺少文件' }]);
  const form = await c.req.parseBody().catch(() => {
    throw new AppError('MALFORMED_REQUEST', '上传内容无法解析', [{ path: 'file', message: '上传内容无法解析' }]);
  });
  const file = form.file;
  if (!(file instanceof File)) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ path: 'file', message: '缺少文件' }]);
  if (file.size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', [{ path: 'file', message: '文件是空的' }]);
  if (file.size > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过10MB', [{ path: 'file', message: '文件不能超过10MB' }]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = sniffDocumentType(bytes);
  if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传照片（JPG、PNG、WEBP、HEIC）或 PDF 文件', [{ path: 'file', message: '文件格式不支持' }]);
  const [{ n } = { n: 0 }] = await services.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .where(eq(attachments.caseId, row.id));
  if (n >= MAX_ATTACHMENTS_PER_CASE) throw new AppError('VALIDATION_FAILED', `每件申请最多上传${MAX_ATTACHMENTS_PER_CASE}个文件`, [{ path: 'file', message: '文件数量已达上限' }]);
  const stored = await services.attachments.put(bytes);
  const [created] = await services.database.db
    .insert(attachments)
    .values({ caseId: row.id, uploaderKind: 'resident', uploaderId: c.get('residentId'), storageKey: stored.key, mime, size: bytes.length, sha256: stored.sha256, createdAt: services.clock() })
    .returning({ id: attachments.id, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt });
  return c.json({ ...created!, createdAt: created!.createdAt.toISOString() }, 201);
});

attachmentRoutes.get('/:trackingNo/attachments', async (c) => {
  const row = await ownCaseId(c as never, c.req.param('trackingNo'));
  const items = await c
    .get('services')
    .database.db.select({ id: attachments.id, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.caseId, row.id))
    .orderBy(asc(attachments.createdAt));
  return c.json({ items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) });
});

attachmentRoutes.get('/:trackingNo/attachments/:id', async (c) => {
  const services = c.get('services');
  const row = await ownCaseId(c as never, c.req.param('trackingNo'));
  const id = c.req.param('id');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('NOT_FOUND');
  const [meta] = await services.database.db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.caseId, row.id)));
  const bytes = meta && (await services.attachments.get(meta.storageKey));
  if (!meta || !bytes) throw new AppError('NOT_FOUND');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': meta.mime, 'content-disposition': 'inline', 'cache-control': 'private, no-store' });
});
