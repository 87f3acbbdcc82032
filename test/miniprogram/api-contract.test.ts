/**
 * The mini-program's compiled services against the real API, in-process: every wx.request and
 * wx.uploadFile of the fake `wx` is answered by the Hono app over a fresh database. This is
 * where the mini-program's assumptions about endpoints (login, applications, cases, regions,
 * attachments) meet the server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as Applications from '../../miniprogram/services/applications';
import type * as Cases from '../../miniprogram/services/cases';
import type * as Chat from '../../miniprogram/services/chat';
import type * as DraftStore from '../../miniprogram/services/draft';
import type * as Errors from '../../miniprogram/services/errors';
import type * as Http from '../../miniprogram/services/http';
import type * as Regions from '../../miniprogram/services/regions';
import type * as Uploads from '../../miniprogram/services/uploads';
import { call, createTestContext, type TestContext } from '../support/services';
import { installFakeWx, type FakeRequest, type FakeUpload, type FakeWx, type Reply } from './support/fake-wx';
import { buildOnce, cleanBuild, mp, resetModules } from './support/mp';

let root: string;
let ctx: TestContext;
let fake: FakeWx;
/** Answers to drop on the way back (the server still did the work). */
let loseAnswers = 0;

async function toApp(req: FakeRequest): Promise<Reply> {
  const qs = new URLSearchParams(req.query).toString();
  const res = await call(ctx.app, req.method, `${req.path}${qs ? `?${qs}` : ''}`, req.data, req.header);
  if (req.path === '/api/v1/applications' && loseAnswers > 0) {
    loseAnswers--;
    return { fail: 'request:fail net::ERR_CONNECTION_RESET' };
  }
  return { status: res.status, body: res.json, header: Object.fromEntries(res.headers.entries()) };
}

/** A JPEG as far as the server's content sniffing is concerned. */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xff, 0xd9]);

async function uploadToApp(req: FakeUpload): Promise<Reply> {
  const form = new FormData();
  form.append(req.name, new Blob([JPEG], { type: 'image/jpeg' }), 'photo.jpg');
  req.progress(100);
  const res = await ctx.app.request(req.path, { method: 'POST', headers: { authorization: req.header.Authorization ?? '' }, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const form = (drafts: typeof DraftStore, overrides: Partial<DraftStore.ApplicationForm> = {}): DraftStore.ApplicationForm => ({
  ...drafts.EMPTY_FORM,
  name: '王五',
  idNumber: '110101199003070038',
  phone: '13800138000',
  regionCode: '610113001',
  address: '等驾坡某村3组',
  hardshipType: 'fire',
  occurredOn: '2026-11-20',
  description: '家里失火，衣物被褥都烧了',
  urgentNeeds: ['shelter', 'cash'],
  householdSize: 3,
  consentPrivacy: true,
  consentVerification: true,
  ...overrides,
});

beforeAll(async () => {
  [root, ctx] = await Promise.all([buildOnce().then((b) => b.root), createTestContext()]);
});
afterAll(async () => {
  await ctx?.close();
  cleanBuild();
});
beforeEach(() => {
  fake = installFakeWx();
  fake.onRequest = toApp;
  fake.onUpload = uploadToApp;
  loseAnswers = 0;
  resetModules(root);
  // No waiting between retries here: the server answers at once.
  mp<typeof Http>(root, 'services/http').configureHttp({ baseDelayMs: 1, maxDelayMs: 2 });
});

describe('the mini-program against the real API', () => {
  it('logs in with a dev code, files one case despite lost answers, and follows it', async () => {
    const drafts = mp<typeof DraftStore>(root, 'services/draft');
    const applications = mp<typeof Applications>(root, 'services/applications');
    const cases = mp<typeof Cases>(root, 'services/cases');
    loseAnswers = 2;
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: form(drafts), photos: [{ path: 'saved://fire.jpg', size: JPEG.length }] });
    const created = await applications.submitDraft(draft, new Date('2026-11-22T02:00:00Z'));
    expect(created.trackingNo).toEqual(expect.any(String));
    expect(created.team.name).toEqual(expect.any(String));
    expect(fake.requests.filter((r) => r.path === '/api/v1/applications')).toHaveLength(3);

    const list = await cases.listCases();
    expect(list.value.map((c) => c.trackingNo)).toEqual([created.trackingNo]);

    const uploads = mp<typeof Uploads>(root, 'services/uploads');
    expect(await uploads.uploadWaiting(created.trackingNo)).toEqual({ done: 1, failed: 0 });

    const detail = (await cases.getCase(created.trackingNo)).value;
    expect(detail.trackingNo).toBe(created.trackingNo);
    expect(detail.timeline.length).toBeGreaterThan(0);
    expect(cases.canWithdraw(detail)).toBe(true);

    await cases.withdrawCase(created.trackingNo, '已经解决了');
    const after = (await cases.getCase(created.trackingNo)).value;
    expect(after.status).toBe('withdrawn');
    expect(cases.canWithdraw(after)).toBe(false);
  });

  it('gets IDEMPOTENCY_KEY_REUSED when a key that filed a case comes back with another body', async () => {
    const drafts = mp<typeof DraftStore>(root, 'services/draft');
    const applications = mp<typeof Applications>(root, 'services/applications');
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: form(drafts, { name: '赵六' }) });
    await applications.submitDraft(draft, new Date('2026-11-22T02:00:00Z'));
    const err = await applications.submitDraft({ ...draft, form: form(drafts, { name: '赵六', description: '改了说明' }) }, new Date('2026-11-22T02:00:00Z')).catch((e: unknown) => e);
    expect(applications.alreadyFiled(err)).toBe(true);
  });

  it('cannot see another resident’s case', async () => {
    const drafts = mp<typeof DraftStore>(root, 'services/draft');
    const applications = mp<typeof Applications>(root, 'services/applications');
    const created = await applications.submitDraft(drafts.saveDraft({ ...drafts.newDraft(), form: form(drafts, { name: '钱七' }) }), new Date('2026-11-22T02:00:00Z'));
    // Another phone: another dev resident.
    fake = installFakeWx();
    fake.onRequest = toApp;
    resetModules(root);
    const cases = mp<typeof Cases>(root, 'services/cases');
    const err = (await cases.getCase(created.trackingNo).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('CASE_NOT_FOUND');
    expect(err.title).toBe('没有找到这件申请');
  });

  it('reads the regions and a region’s policy in the shapes the phone expects', async () => {
    const regions = mp<typeof Regions>(root, 'services/regions');
    const { items } = await regions.listRegions();
    expect(items.find((r) => r.code === '610113004')).toMatchObject({ name: '小寨路街道', level: 'township', parentCode: '610113' });
    expect(regions.hotlineOf(items, '610113004')).toBe('12345');
    const policy = await regions.refreshPolicy('610113004');
    expect(policy.chain).toEqual(['610113004', '610113', '610100', '610000']);
    expect(policy.records.length).toBeGreaterThan(0);
  });

  it('maps the server’s field errors to the form’s fields', async () => {
    const http = mp<typeof Http>(root, 'services/http');
    const err = (await http
      .request({ method: 'POST', path: '/api/v1/eligibility/check', data: { regionCode: '610113004', residence: 'urban', members: [{ relation: 'self', age: 200 }] } })
      .catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields['members.0.age']).toEqual(expect.any(String));
  });
});

describe('the chat endpoint', () => {
  it('answers in the API.md shape, and a hand-over can be polled with the same token', async () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    const http = mp<typeof Http>(root, 'services/http');
    await http.ensureToken(); // a logged-in resident: the chat is tied to them
    const answer = await chat.sendMessage('低保标准是多少', null, '610113004');
    expect(answer).toMatchObject({ sessionId: expect.any(String), reply: { text: expect.any(String), topic: expect.any(String), actions: expect.any(Array) }, crisis: false });
    const handoff = await chat.sendMessage('我要找人工', answer.sessionId, '610113004');
    expect(handoff.handoff).toBe(true);
    const update = await chat.fetchNewMessages(handoff.sessionId, null);
    expect(update).toMatchObject({ handedOff: true, closed: false });
    expect(update!.messages.map((m) => m.sender)).toEqual(expect.arrayContaining(['resident', 'assistant']));
    const after = update!.messages.at(-1)!.id;
    expect(await chat.fetchNewMessages(handoff.sessionId, after)).toMatchObject({ messages: [] });
  });
});
