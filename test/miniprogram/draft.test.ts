import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Applications from '../../miniprogram/services/applications';
import type * as DraftStore from '../../miniprogram/services/draft';
import type * as Errors from '../../miniprogram/services/errors';
import type * as Http from '../../miniprogram/services/http';
import type * as Uploads from '../../miniprogram/services/uploads';
import { installFakeWx, ok, problem, type FakeRequest, type FakeWx } from './support/fake-wx';
import { buildOnce, cleanBuild, mp, resetModules } from './support/mp';

let root: string;
let fake: FakeWx;
let drafts: typeof DraftStore;
let applications: typeof Applications;

const DRAFT_KEY = 'erescue.apply.draft';
const NOW = new Date('2026-11-22T02:00:00Z');

/** A valid GB 11643 number (check digit computed by the shared module). */
const ID_NUMBER = '110101199003070038';

function filledForm(overrides: Partial<DraftStore.ApplicationForm> = {}): DraftStore.ApplicationForm {
  return {
    ...drafts.EMPTY_FORM,
    name: '张三',
    idNumber: ID_NUMBER,
    phone: '138 0013 8000',
    regionCode: '610113001',
    regionName: '雁塔区 等驾坡街道',
    address: '某小区1号楼',
    hardshipType: 'sudden_illness',
    occurredOn: '2026-11-20',
    description: '突发重病住院',
    urgentNeeds: ['medical', 'cash'],
    amountRequested: '5000',
    householdSize: 3,
    monthlyIncome: '1200',
    consentPrivacy: true,
    consentVerification: true,
    ...overrides,
  };
}

/**
 * The server's idempotency as API.md states it: the same key and body answer the first case
 * again; the same key with another body is a 422. `lose` drops the first n answers on the way
 * back (the case is still filed).
 */
function idempotentServer(lose = 0) {
  const byKey = new Map<string, { body: string; response: unknown }>();
  let filed = 0;
  let lost = 0;
  fake.onRequest = (req: FakeRequest) => {
    if (req.path === '/api/v1/auth/wechat') return ok({ token: 'tok', expiresIn: 7200 });
    if (req.path !== '/api/v1/applications') return problem(404, 'NOT_FOUND');
    const key = req.header['Idempotency-Key'];
    if (!key) return problem(400, 'IDEMPOTENCY_KEY_REQUIRED');
    const body = JSON.stringify(req.data);
    let entry = byKey.get(key);
    if (entry && entry.body !== body) return problem(422, 'IDEMPOTENCY_KEY_REUSED');
    if (!entry) {
      filed++;
      entry = { body, response: { trackingNo: `T${filed}`, status: 'assigned', priority: 'P2', team: { id: 't', name: '雁塔区快速响应服务队', phone: '02988888888' }, createdAt: NOW.toISOString() } };
      byKey.set(key, entry);
    }
    if (lost < lose) {
      lost++;
      return { fail: 'request:fail net::ERR_CONNECTION_RESET' };
    }
    return ok(entry.response, 201);
  };
  return { filed: () => filed, keys: () => [...byKey.keys()] };
}

const applicationRequests = () => fake.requests.filter((r) => r.path === '/api/v1/applications');

beforeAll(async () => {
  root = (await buildOnce()).root;
});
afterAll(cleanBuild);

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  fake = installFakeWx();
  resetModules(root);
  mp<typeof Http>(root, 'services/http').configureHttp({ random: () => 0.5 });
  drafts = mp<typeof DraftStore>(root, 'services/draft');
  applications = mp<typeof Applications>(root, 'services/applications');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the draft on the phone', () => {
  it('is saved and resumed with its Idempotency-Key unchanged', () => {
    const draft = drafts.saveDraft(drafts.newDraft({ regionCode: '610113001' }));
    expect(draft.idempotencyKey).toMatch(/^[\w.:-]{8,128}$/);
    drafts.saveDraft({ ...draft, form: filledForm() });
    resetModules(root); // the app was closed and opened again
    const again = mp<typeof DraftStore>(root, 'services/draft').loadDraft();
    expect(again?.form.name).toBe('张三');
    expect(again?.idempotencyKey).toBe(draft.idempotencyKey);
  });

  it('gives every new draft a different key', () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => drafts.makeIdempotencyKey(NOW.getTime() + i)));
    expect(keys.size).toBe(50);
  });

  it('fills in fields added since an older draft was stored', () => {
    fake.storage.set(DRAFT_KEY, { version: 1, idempotencyKey: 'mp-old-key-123', form: { name: '李四' }, photos: [], createdAt: '', updatedAt: '', attempts: 0, lastAttemptAt: null });
    const draft = drafts.loadDraft();
    expect(draft?.form.name).toBe('李四');
    expect(draft?.form.urgentNeeds).toEqual([]);
    expect(draft?.form.householdSize).toBe(1);
  });

  it('ignores something that is not a draft', () => {
    fake.storage.set(DRAFT_KEY, { hello: 'world' });
    expect(drafts.loadDraft()).toBeNull();
  });
});

describe('the form as the API.md request', () => {
  it('maps typed text to the request body', () => {
    expect(drafts.toApplicationInput(filledForm())).toEqual({
      applicant: { name: '张三', idNumber: ID_NUMBER, phone: '138 0013 8000' },
      regionCode: '610113001',
      address: '某小区1号楼',
      nonLocal: false,
      hardship: { type: 'sudden_illness', occurredOn: '2026-11-20', description: '突发重病住院', urgentNeeds: ['medical', 'cash'], amountRequested: 5000 },
      household: { size: 3, monthlyIncome: 1200 },
      consent: { privacy: true, verification: true },
    });
  });

  it('leaves out optional amounts left blank', () => {
    const body = drafts.toApplicationInput(filledForm({ amountRequested: ' ', monthlyIncome: '' }));
    expect(body.hardship).not.toHaveProperty('amountRequested');
    expect(body.household).toEqual({ size: 3 });
  });

  it('checks with the server schema: phone normalised, ID check digit, future dates, consent', () => {
    const good = drafts.checkForm(filledForm(), '2026-11-22');
    expect(good.ok && good.body.applicant.phone).toBe('13800138000');
    const bad = drafts.checkForm(
      filledForm({ idNumber: '110101199003070039', phone: '12345', occurredOn: '2026-12-01', consentPrivacy: false, hardshipType: '' }),
      '2026-11-22',
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fields['applicant.idNumber']).toBe('身份证号码校验位不正确，请核对是否填错');
    expect(bad.fields['applicant.phone']).toBe('请填写11位手机号码');
    expect(bad.fields['hardship.occurredOn']).toBe('困难发生日期不能晚于今天');
    expect(bad.fields['hardship.type']).toBe('请选择困难类型');
    expect(bad.fields['consent.privacy']).toBe('需要您同意个人信息使用说明后才能提交申请');
  });
});

describe('submitting', () => {
  it('files one case, clears the draft and queues its photos', async () => {
    const server = idempotentServer();
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm(), photos: [{ path: 'saved://a.jpg', size: 2048 }] });
    const created = await applications.submitDraft(draft, NOW);
    expect(created.trackingNo).toBe('T1');
    expect(server.filed()).toBe(1);
    expect(applicationRequests()[0]!.header['Idempotency-Key']).toBe(draft.idempotencyKey);
    expect(applicationRequests()[0]!.header.Authorization).toBe('Bearer tok');
    expect(drafts.loadDraft()).toBeNull();
    const uploads = mp<typeof Uploads>(root, 'services/uploads');
    expect(uploads.uploadsFor('T1')).toMatchObject([{ path: 'saved://a.jpg', status: 'waiting' }]);
  });

  it('answers a lost reply by retrying with the same key: still one case', async () => {
    const server = idempotentServer(2);
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm() });
    const result = applications.submitDraft(draft, NOW);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toMatchObject({ trackingNo: 'T1' });
    expect(applicationRequests()).toHaveLength(3);
    expect(new Set(applicationRequests().map((r) => r.header['Idempotency-Key']))).toEqual(new Set([draft.idempotencyKey]));
    expect(server.filed()).toBe(1);
  });

  it('keeps the draft and its key when every try is lost, so the next tap cannot file twice', async () => {
    const server = idempotentServer(3); // the case is filed, but all three answers are lost
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm() });
    const first = applications.submitDraft(draft, NOW).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await first) as Errors.ApiError).offline).toBe(true);
    const kept = drafts.loadDraft();
    expect(kept?.idempotencyKey).toBe(draft.idempotencyKey);
    expect(kept?.attempts).toBe(1);

    // The app was closed; the resident opens it later and taps 提交 again.
    resetModules(root);
    const again = mp<typeof Applications>(root, 'services/applications');
    const resumed = mp<typeof DraftStore>(root, 'services/draft').loadDraft()!;
    const second = again.submitDraft(resumed, NOW);
    await vi.runAllTimersAsync();
    await expect(second).resolves.toMatchObject({ trackingNo: 'T1' });
    expect(server.filed()).toBe(1);
  });

  it('recognises a key already used for another body as "already filed", keeping the draft', async () => {
    idempotentServer(3);
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm() });
    const first = applications.submitDraft(draft, NOW).catch(() => undefined);
    await vi.runAllTimersAsync();
    await first;
    // The resident changed the description after the lost answer.
    const edited = drafts.saveDraft({ ...drafts.loadDraft()!, form: filledForm({ description: '又补充了一句' }) });
    const err = await applications.submitDraft(edited, NOW).catch((e: unknown) => e);
    expect(applications.alreadyFiled(err)).toBe(true);
    expect((err as Errors.ApiError).title).toBe('这个提交编号已用于另一份申请');
    expect(drafts.loadDraft()).not.toBeNull();
  });

  it('never sends a form the schema refuses, naming the fields', async () => {
    idempotentServer();
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm({ name: '', consentVerification: false }) });
    const err = (await applications.submitDraft(draft, NOW).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(err.fields).sort()).toEqual(['applicant.name', 'consent.verification']);
    expect(applicationRequests()).toHaveLength(0);
  });

  it('shows the server’s field errors when it refuses what the phone accepted', async () => {
    fake.onRequest = (req) =>
      req.path === '/api/v1/auth/wechat'
        ? ok({ token: 'tok', expiresIn: 7200 })
        : problem(422, 'VALIDATION_FAILED', { errors: [{ path: 'regionCode', message: '没有这个地区' }] });
    const draft = drafts.saveDraft({ ...drafts.newDraft(), form: filledForm({ regionCode: '999999' }) });
    const err = (await applications.submitDraft(draft, NOW).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.fields).toEqual({ regionCode: '没有这个地区' });
    expect(applicationRequests()).toHaveLength(1);
  });
});
