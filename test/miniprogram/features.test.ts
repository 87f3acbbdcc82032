// @vitest-environment jsdom
/**
 * The feature pages: the eligibility wizard and result, the application form and its
 * result, and the case detail.
 * Rendered by miniprogram-simulate (WeChat's wcc compiler, real TDesign) and driven through
 * their real events (taps, TDesign input events, picker changes) against a fake `wx`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Settings from '../../miniprogram/services/settings';
import { installFakeWx, ok, problem, type FakeWx } from './support/fake-wx';
import { buildOnce, cleanBuild, mp, resetModules } from './support/mp';
import { engineAnswer, postedTo, withLogin, XIAOZHAI } from './support/pages';
import { all, dataOf, fire, openPage, settle, tap, tapInside, textOf, typeInto } from './support/simulate';

let root: string;
let fake: FakeWx;

beforeAll(async () => {
  root = (await buildOnce()).root;
});
afterAll(cleanBuild);
beforeEach(() => {
  fake = installFakeWx();
  resetModules(root);
});
afterEach(() => {
  vi.useRealTimers();
});

const settings = () => mp<typeof Settings>(root, 'services/settings');
const posted = (path: string) => postedTo(fake, path);

describe('eligibility wizard and result', () => {
  it('walks the five steps, stops on what is missing, and shows the result', async () => {
    settings().updateSettings({ region: XIAOZHAI });
    fake.onRequest = (req) => (req.path === '/api/v1/eligibility/check' ? engineAnswer(root, req) : problem(404, 'NOT_FOUND'));
    const page = await openPage(root, 'packages/eligibility/pages/wizard/index');
    expect(textOf(page)).toContain('第1步（共5步）：住在哪里');
    expect(textOf(page)).toContain('西安市 雁塔区 小寨路街道');
    await tap(page, '#next');
    expect(textOf(page)).toContain('第2步（共5步）：家里有谁');
    await tap(page, '#next');
    expect(textOf(page)).toContain('请填写年龄');
    expect(textOf(page)).toContain('第2步');
    await typeInto(page, '#age-0', '72');
    await tap(page, '#add-member');
    await typeInto(page, '#age-1', '70');
    await tap(page, '#next');
    expect(textOf(page)).toContain('第3步（共5步）：每月收入');
    await typeInto(page, '#wages-0', '0');
    await tap(page, '#next');
    await tap(page, '#next');
    expect(textOf(page)).toContain('第5步（共5步）：遇到困难');
    await tap(page, '#compute');
    expect(posted('/api/v1/eligibility/check')[0]!.data).toMatchObject({ regionCode: '610113004', members: [{ relation: 'self', age: 72 }, { relation: 'spouse', age: 70 }] });
    expect(fake.callsOf('navigateTo').at(-1)?.url).toBe('/packages/eligibility/pages/result/index');
    expect(fake.storage.get('erescue.eligibility.wizard')).toMatchObject({ step: 4 });

    const result = await openPage(root, 'packages/eligibility/pages/result/index');
    const text = textOf(result);
    expect(text).toContain('低保（最低生活保障）');
    expect(text).toContain('✓ 可能符合');
    expect(text).toMatch(/每月约[\d,]+元/);
    expect(text).toContain('判断依据');
    expect(text).toContain('下一步');
    expect(text).not.toContain('没有网络');
  });

  it('says when the result was computed on the phone without signal', async () => {
    fake.storage.set('erescue.eligibility.result', {
      offline: true,
      policyFetchedAt: '2026-11-20T02:00:00Z',
      response: engineAnswer(root, { data: { regionCode: '610113004', residence: 'urban', members: [{ relation: 'self', age: 40 }] } }).body,
    });
    const page = await openPage(root, 'packages/eligibility/pages/result/index');
    expect(textOf(page)).toContain('没有网络，这是在手机上按 11月20日 10:00 下载的当地标准算的');
  });
});

describe('apply for temporary assistance', () => {
  async function fillForm(page: Awaited<ReturnType<typeof openPage>>) {
    await typeInto(page, '#name', '张三');
    await typeInto(page, '#idNumber', '110101199003070038');
    await typeInto(page, '#phone', '13800138000');
    await typeInto(page, '#address', '小寨东路1号');
    all(page, '#hardship .choice')[2]!.dispatchEvent('tap'); // 突发重病
    await settle();
    await fire(page, '#occurredOnPicker', 'change', { value: '2026-11-20' });
    await tap(page, '#needs .choice');
    await tapInside(page, '#size', '.t-stepper__plus');
    await tap(page, '#consentPrivacy');
    await tap(page, '#consentVerification');
  }

  it('saves every change as a draft with its Idempotency-Key, and resumes it', async () => {
    settings().updateSettings({ region: XIAOZHAI });
    const page = await openPage(root, 'packages/apply/pages/form/index');
    const draft = fake.storage.get('erescue.apply.draft') as { idempotencyKey: string; form: Record<string, unknown> };
    expect(draft.idempotencyKey).toMatch(/^mp-/);
    expect(draft.form.regionCode).toBe('610113004');
    await typeInto(page, '#name', '张三');
    await tapInside(page, '#size', '.t-stepper__plus');
    expect(fake.storage.get('erescue.apply.draft')).toMatchObject({ idempotencyKey: draft.idempotencyKey, form: { name: '张三', householdSize: 2 } });

    resetModules(root); // closed and opened again
    const again = await openPage(root, 'packages/apply/pages/form/index');
    expect(textOf(again)).toContain('已恢复您');
    expect(dataOf(again).form).toMatchObject({ name: '张三', householdSize: 2 });
  });

  it('names every problem next to its field and sends nothing', async () => {
    const page = await openPage(root, 'packages/apply/pages/form/index');
    await tap(page, '#submit');
    const text = textOf(page);
    expect(text).toMatch(/有\d+处需要修改/);
    for (const message of ['请填写申请人姓名', '请填写身份证号码', '请填写手机号码', '请选择所在地区', '请选择困难发生的日期', '请选择困难类型', '需要您同意个人信息使用说明后才能提交申请']) expect(text).toContain(message);
    expect(fake.requests).toHaveLength(0);
    // Fixing a field clears its message at once.
    await typeInto(page, '#name', '张三');
    expect(textOf(page)).not.toContain('请填写申请人姓名');
  });

  it('shows the crisis banner when the description shows danger', async () => {
    const page = await openPage(root, 'packages/apply/pages/form/index');
    await typeInto(page, '#description', '房子烧没了，今晚没地方住');
    expect(textOf(page)).toContain('您的安全最重要');
  });

  it('shows the hotline first when opened from 遇到急难', async () => {
    const page = await openPage(root, 'packages/apply/pages/form/index', { urgent: '1' });
    expect(textOf(page)).toContain('情况紧急？先打电话');
  });

  it('adds photos kept on the phone, then files the application once and opens the result', async () => {
    settings().updateSettings({ region: XIAOZHAI });
    fake.chooseMediaFiles = [{ tempFilePath: 'wxfile://tmp/id-card.jpg', size: 300_000 }];
    let filed = 0;
    fake.onRequest = withLogin((req) => {
      if (req.path !== '/api/v1/applications') return problem(404, 'NOT_FOUND');
      filed++;
      return filed === 1
        ? { fail: 'request:fail net::ERR_CONNECTION_RESET' }
        : ok({ trackingNo: 'LS20261122-0001', status: 'assigned', priority: 'P2', team: { id: 't1', name: '雁塔区快速响应服务队', phone: '02988886666' }, createdAt: '2026-11-22T02:00:00Z' }, 201);
    });
    const page = await openPage(root, 'packages/apply/pages/form/index');
    await fillForm(page);
    await tap(page, '#addPhoto');
    expect(fake.callsOf('saveFile')).toEqual([{ tempFilePath: 'wxfile://tmp/id-card.jpg' }]);
    expect(fake.storage.get('erescue.apply.draft')).toMatchObject({ photos: [{ path: 'saved://id-card.jpg', size: 300_000 }] });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const key = (fake.storage.get('erescue.apply.draft') as { idempotencyKey: string }).idempotencyKey;
    const submitting = tap(page, '#submit');
    await vi.advanceTimersByTimeAsync(2_000); // the retry after the lost answer
    await submitting;
    await settle();
    const sent = posted('/api/v1/applications');
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.header['Idempotency-Key'])).toEqual([key, key]);
    expect(sent[0]!.data).toMatchObject({
      applicant: { name: '张三', idNumber: '110101199003070038', phone: '13800138000' },
      regionCode: '610113004',
      hardship: { type: 'sudden_illness', occurredOn: '2026-11-20', urgentNeeds: ['food'] },
      household: { size: 2 },
      consent: { privacy: true, verification: true },
    });
    expect(fake.callsOf('redirectTo').at(-1)?.url).toBe('/packages/apply/pages/done/index?trackingNo=LS20261122-0001');
    expect(fake.storage.has('erescue.apply.draft')).toBe(false);
    expect(fake.storage.get('erescue.apply.uploads')).toMatchObject({ 'LS20261122-0001': [{ path: 'saved://id-card.jpg', status: 'waiting' }] });
  });

  it('tells the resident the application was already filed instead of filing again', async () => {
    fake.onRequest = withLogin(() => problem(422, 'IDEMPOTENCY_KEY_REUSED'));
    settings().updateSettings({ region: XIAOZHAI });
    const page = await openPage(root, 'packages/apply/pages/form/index');
    await fillForm(page);
    await tap(page, '#submit');
    expect(fake.callsOf('showModal').at(-1)).toMatchObject({ title: '申请已经提交过了' });
    expect(fake.callsOf('switchTab').at(-1)?.url).toBe('/pages/cases/index');
  });
});

describe('after applying', () => {
  it('shows the tracking number and team, and uploads the photos with progress', async () => {
    fake.storage.set('erescue.apply.last', { trackingNo: 'LS-7', status: 'assigned', statusLabel: '已分派', priority: 'P1', team: { id: 't', name: '雁塔区快速响应服务队', phone: '02988886666' }, createdAt: '2026-11-22T02:00:00Z', crisis: true, hotline: '12345' });
    fake.storage.set('erescue.apply.uploads', { 'LS-7': [{ id: 'u1', path: 'saved://a.jpg', size: 10, status: 'waiting', progress: 0 }] });
    fake.onRequest = withLogin(() => ok({}));
    fake.onUpload = (req) => {
      req.progress(60);
      return ok({ id: 'att', mime: 'image/jpeg', size: 10 }, 201);
    };
    const page = await openPage(root, 'packages/apply/pages/done/index', { trackingNo: 'LS-7' });
    const text = textOf(page);
    expect(text).toContain('申请编号：LS-7');
    expect(text).toContain('雁塔区快速响应服务队');
    expect(text).toContain('特急：1小时内联系您');
    expect(text).toContain('您的情况很紧急');
    expect(text).toContain('第1张：已上传');
    expect(fake.uploads[0]!.path).toBe('/api/v1/cases/LS-7/attachments');
  });
});

describe('case detail', () => {
  const detail = (extra: Record<string, unknown> = {}) => ({
    trackingNo: 'LS-1',
    status: 'awaiting_materials',
    statusLabel: '待补充材料',
    priority: 'P2',
    team: { id: 't', name: '雁塔区快速响应服务队', phone: '02988886666' },
    timeline: [
      { at: '2026-11-22T01:00:00Z', status: 'submitted', title: '申请已提交' },
      { at: '2026-11-22T01:05:00Z', status: 'assigned', title: '已分派给雁塔区快速响应服务队' },
      { at: '2026-11-22T03:00:00Z', status: 'awaiting_materials', title: '需要您补充材料', detail: '请上传医院诊断证明' },
    ],
    nextAction: '请按工作人员的要求补充材料，可以在小程序里拍照上传。',
    canWithdraw: true,
    materialsRequested: true,
    ...extra,
  });

  it('shows status, team contact and the timeline, newest first', async () => {
    fake.onRequest = withLogin(() => ok(detail()));
    const page = await openPage(root, 'packages/case/pages/detail/index', { trackingNo: 'LS-1' });
    const text = textOf(page);
    expect(text).toContain('!待补充材料');
    expect(text).toContain('请上传医院诊断证明');
    expect(text.indexOf('需要您补充材料')).toBeLessThan(text.indexOf('申请已提交'));
    expect(text).toContain('联系服务队 029 8888 6666'.replace('029 8888 6666', '02988886666'));
    await tap(page, '#callTeam');
    expect(fake.callsOf('makePhoneCall').at(-1)?.phoneNumber).toBe('02988886666');
  });

  it('adds materials: uploads the photos, then tells the team', async () => {
    fake.chooseMediaFiles = [{ tempFilePath: 'wxfile://tmp/diagnosis.jpg', size: 200_000 }];
    fake.onRequest = withLogin((req) => (req.method === 'GET' ? ok(detail()) : ok({ trackingNo: 'LS-1', status: 'visiting' })));
    const page = await openPage(root, 'packages/case/pages/detail/index', { trackingNo: 'LS-1' });
    await tap(page, '#addPhotos');
    await settle();
    expect(fake.uploads.map((u) => u.filePath)).toEqual(['saved://diagnosis.jpg']);
    expect(textOf(page)).toContain('第1张：已上传');
    await tap(page, '#sendMaterials');
    expect(posted('/api/v1/cases/LS-1/materials')).toHaveLength(1);
    expect(fake.callsOf('showToast').at(-1)).toMatchObject({ title: '已通知工作人员' });
  });

  it('withdraws after the resident confirms, with the reason typed', async () => {
    fake.modalAnswer = { confirm: true, content: '问题已经解决了' };
    fake.onRequest = withLogin((req) => (req.method === 'GET' ? ok(detail()) : ok({ trackingNo: 'LS-1', status: 'withdrawn' })));
    const page = await openPage(root, 'packages/case/pages/detail/index', { trackingNo: 'LS-1' });
    await tap(page, '#withdraw');
    expect(posted('/api/v1/cases/LS-1/withdraw')[0]!.data).toEqual({ reason: '问题已经解决了' });
  });

  it('asks the 回访 question on a closed case; "not solved" is sent', async () => {
    fake.onRequest = withLogin((req) =>
      req.method === 'GET'
        ? ok(detail({ status: 'closed', statusLabel: '已办结', canWithdraw: false, materialsRequested: false, feedbackRequested: true, decision: { outcome: 'approved', decidedBy: '雁塔区审核人员 李', decidedAt: '2026-11-23T02:00:00Z', amount: 3000 } }))
        : ok({ trackingNo: 'LS-1', status: 'assigned' }),
    );
    const page = await openPage(root, 'packages/case/pages/detail/index', { trackingNo: 'LS-1' });
    const text = textOf(page);
    expect(text).toContain('回访：您的困难解决了吗？');
    expect(text).toContain('✓ 审核通过');
    expect(text).toContain('救助金额：3,000元');
    expect(dataOf(page).canWithdraw).toBe(false);
    await tap(page, '#unsolved');
    expect(posted('/api/v1/cases/LS-1/feedback')[0]!.data).toEqual({ solved: false });
  });

  it('explains a refusal with the reason and where to turn', async () => {
    fake.onRequest = withLogin(() =>
      ok(detail({ status: 'rejected', statusLabel: '未获批准', canWithdraw: false, materialsRequested: false, decision: { outcome: 'rejected', decidedBy: '审核部门', decidedAt: '2026-11-23T02:00:00Z', reason: '家庭收入超过标准', alternatives: ['可以申请复核'] } })),
    );
    const page = await openPage(root, 'packages/case/pages/detail/index', { trackingNo: 'LS-1' });
    expect(textOf(page)).toContain('✕ 未获批准');
    expect(textOf(page)).toContain('原因：家庭收入超过标准');
    expect(textOf(page)).toContain('1. 可以申请复核');
  });
});
