import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Account from '../../miniprogram/services/account';
import type * as Cases from '../../miniprogram/services/cases';
import type * as Chat from '../../miniprogram/services/chat';
import type * as Http from '../../miniprogram/services/http';
import type * as Settings from '../../miniprogram/services/settings';
import type * as Uploads from '../../miniprogram/services/uploads';
import type * as Status from '../../miniprogram/utils/status';
import type * as Wizard from '../../miniprogram/utils/wizard';
import type * as ResultView from '../../miniprogram/utils/result-view';
import { flush, installFakeWx, ok, problem, type FakeWx } from './support/fake-wx';
import { buildOnce, cleanBuild, mp, resetModules } from './support/mp';

let root: string;
let fake: FakeWx;

beforeAll(async () => {
  root = (await buildOnce()).root;
});
afterAll(cleanBuild);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T02:00:00Z') });
  fake = installFakeWx();
  resetModules(root);
  mp<typeof Http>(root, 'services/http').configureHttp({ random: () => 0.5 });
});
afterEach(() => {
  vi.useRealTimers();
});

const withLogin = (route: FakeWx['onRequest']): FakeWx['onRequest'] => (req) =>
  req.path === '/api/v1/auth/wechat' ? ok({ token: 'tok', expiresIn: 7200 }) : route(req);

describe('cases', () => {
  const item = { trackingNo: 'LS-1', status: 'assigned', priority: 'P2', updatedAt: '2026-11-22T02:00:00Z' };

  it('shows the last list kept on the phone when there is no signal, marked stale', async () => {
    const cases = mp<typeof Cases>(root, 'services/cases');
    fake.onRequest = withLogin(() => ok({ items: [item] }));
    expect(await cases.listCases()).toMatchObject({ value: [item], stale: false });
    fake.onRequest = withLogin(() => ({ fail: 'request:fail' }));
    const later = cases.listCases();
    await vi.runAllTimersAsync();
    expect(await later).toMatchObject({ value: [item], stale: true });
  });

  it('does not hide a refusal behind the copy on the phone', async () => {
    const cases = mp<typeof Cases>(root, 'services/cases');
    fake.onRequest = withLogin(() => ok({ ...item, team: { id: 't', name: 'n', phone: '1' }, timeline: [], nextAction: '' }));
    await cases.getCase('LS-1');
    fake.onRequest = withLogin(() => problem(404, 'CASE_NOT_FOUND'));
    await expect(cases.getCase('LS-1')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND', title: '没有找到这件申请' });
  });

  it('posts withdraw, materials and feedback once each, with only what was typed', async () => {
    const cases = mp<typeof Cases>(root, 'services/cases');
    fake.onRequest = withLogin(() => ok({ trackingNo: 'LS-1', status: 'withdrawn' }));
    await cases.withdrawCase('LS-1', '  ');
    await cases.materialsAdded('LS-1', '补了身份证');
    await cases.sendFeedback('LS-1', false, '钱还没到');
    const posts = fake.requests.filter((r) => r.path !== '/api/v1/auth/wechat').map((r) => [r.method, r.path, r.data]);
    expect(posts).toEqual([
      ['POST', '/api/v1/cases/LS-1/withdraw', {}],
      ['POST', '/api/v1/cases/LS-1/materials', { note: '补了身份证' }],
      ['POST', '/api/v1/cases/LS-1/feedback', { solved: false, comment: '钱还没到' }],
    ]);
  });

  it('decides the buttons from the server’s flags, else from the shared state machine', () => {
    const cases = mp<typeof Cases>(root, 'services/cases');
    expect(cases.canWithdraw({ status: 'visiting' })).toBe(true);
    expect(cases.canWithdraw({ status: 'paid' })).toBe(false);
    expect(cases.canWithdraw({ status: 'visiting', canWithdraw: false })).toBe(false);
    expect(cases.materialsRequested({ status: 'awaiting_materials' })).toBe(true);
    expect(cases.feedbackRequested({ status: 'closed', feedbackRequested: false })).toBe(false);
    expect(cases.feedbackRequested({ status: 'closed' })).toBe(true);
  });
});

describe('photo uploads', () => {
  it('uploads one photo at a time, reports progress, and drops the kept file after success', async () => {
    const uploads = mp<typeof Uploads>(root, 'services/uploads');
    fake.onRequest = withLogin(() => ok({}));
    let active = 0;
    let most = 0;
    fake.onUpload = async (req) => {
      active++;
      most = Math.max(most, active);
      req.progress(50);
      await flush();
      active--;
      return req.filePath === 'saved://bad.jpg' ? problem(415, 'UNSUPPORTED_MEDIA_TYPE') : ok({ id: req.filePath }, 201);
    };
    uploads.enqueue('LS-1', [
      { path: 'saved://a.jpg', size: 1000 },
      { path: 'saved://bad.jpg', size: 1000 },
      { path: 'saved://huge.jpg', size: 11 * 1024 * 1024 },
    ]);
    const seen: string[] = [];
    const run = await uploads.uploadWaiting('LS-1', (items) => seen.push(items.map((i) => `${i.status}:${i.progress}`).join(',')));
    expect(run).toEqual({ done: 1, failed: 1 });
    expect(most).toBe(1);
    expect(seen).toContain('uploading:50,waiting:0,failed:0');
    const [a, bad, huge] = uploads.uploadsFor('LS-1');
    expect(a).toMatchObject({ status: 'done', progress: 100 });
    expect(bad).toMatchObject({ status: 'failed', error: '不支持这种文件格式' });
    expect(huge).toMatchObject({ status: 'failed', error: '照片太大了（超过10MB），请重新拍一张' });
    expect(fake.uploads.map((u) => u.filePath)).toEqual(['saved://a.jpg', 'saved://bad.jpg']);
    expect(fake.callsOf('removeSavedFile')).toEqual([{ filePath: 'saved://a.jpg' }]);
  });

  it('puts failed photos back in line on 重试, never the too-big ones', async () => {
    const uploads = mp<typeof Uploads>(root, 'services/uploads');
    uploads.enqueue('LS-1', [{ path: 'saved://huge.jpg', size: 11 * 1024 * 1024 }]);
    fake.storage.set('erescue.apply.uploads', { 'LS-1': [...uploads.uploadsFor('LS-1'), { id: 'x', path: 'saved://b.jpg', size: 1, status: 'failed', progress: 0, error: '网络' }] });
    expect(uploads.retryFailed('LS-1').map((u) => u.status)).toEqual(['failed', 'waiting']);
  });

  it('resumes an upload left "uploading" by a closed app', async () => {
    fake.storage.set('erescue.apply.uploads', { 'LS-1': [{ id: 'x', path: 'saved://b.jpg', size: 1, status: 'uploading', progress: 40 }] });
    fake.onRequest = withLogin(() => ok({}));
    const uploads = mp<typeof Uploads>(root, 'services/uploads');
    expect(await uploads.uploadWaiting('LS-1')).toEqual({ done: 1, failed: 0 });
  });
});

describe('chat', () => {
  it('spots danger words on the phone, before any answer', () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    expect(chat.showsCrisis('家里断粮两天了，孩子饿得直哭')).toBe(true);
    expect(chat.showsCrisis('我不想活了')).toBe(true);
    expect(chat.showsCrisis('低保标准是多少')).toBe(false);
  });

  it('sends the session and region, and never repeats a message on failure', async () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    fake.onRequest = () => ({ fail: 'request:fail' });
    await expect(chat.sendMessage('你好', 's-1', '610113004')).rejects.toMatchObject({ code: 'NETWORK' });
    await vi.runAllTimersAsync();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.data).toEqual({ text: '你好', sessionId: 's-1', regionCode: '610113004' });
  });

  it('reads a person’s replies after the hand-over, and says when there is nothing to poll', async () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    fake.onRequest = () =>
      ok({ sessionId: 's 1', handedOff: true, operatorJoined: true, closed: false, messages: [{ id: 12, at: '2026-11-22T02:01:00Z', sender: 'operator', text: '您好，我是话务员', topic: null }] });
    expect(await chat.fetchNewMessages('s 1', '11')).toEqual({
      messages: [{ id: '12', at: '2026-11-22T02:01:00Z', sender: 'operator', text: '您好，我是话务员' }],
      handedOff: true,
      operatorJoined: true,
      closed: false,
    });
    expect(fake.requests[0]!.url).toBe('http://127.0.0.1:3000/api/v1/chat/sessions/s%201/messages?after=11');
    fake.onRequest = () => problem(404, 'NOT_FOUND');
    expect(await chat.fetchNewMessages('s1', null)).toBeNull();
  });

  it('polls every 5 s, backs off to 60 s on failures, and stops when told', async () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    const answers: Array<'continue' | 'stop' | 'fail'> = ['fail', 'fail', 'continue', 'stop'];
    const at: number[] = [];
    const start = Date.now();
    const poller = new chat.Poller({
      intervalMs: 5_000,
      maxIntervalMs: 60_000,
      poll: async () => {
        at.push(Date.now() - start);
        const a = answers.shift();
        if (a === 'fail') throw new Error('offline');
        return a ?? 'stop';
      },
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(at).toEqual([5_000, 15_000, 35_000, 40_000]);
    expect(poller.active).toBe(false);
  });

  it('keeps only the latest 60 messages on the phone', () => {
    const chat = mp<typeof Chat>(root, 'services/chat');
    const messages = Array.from({ length: 70 }, (_, i) => ({ id: String(i), from: 'me' as const, text: String(i), at: '' }));
    chat.saveChat({ ...chat.EMPTY_CHAT, messages });
    expect(chat.loadChat().messages.map((m) => m.id)).toEqual(messages.slice(10).map((m) => m.id));
  });
});

describe('settings and large text', () => {
  it('stores the setting and tells every open page', () => {
    const settings = mp<typeof Settings>(root, 'services/settings');
    const seen: boolean[] = [];
    const off = settings.onSettingsChange((s) => seen.push(s.largeText));
    settings.updateSettings({ largeText: true });
    off();
    settings.updateSettings({ largeText: false });
    expect(seen).toEqual([true]);
    expect(fake.storage.get('erescue.settings')).toMatchObject({ largeText: false });
  });

  it('sets bigger type through CSS variables that TDesign reads too', () => {
    const settings = mp<typeof Settings>(root, 'services/settings');
    expect(settings.uiState(false).pageStyle).toContain('--fs-body:34rpx');
    const large = settings.uiState(true);
    expect(large.large).toBe(true);
    expect(large.pageStyle).toContain('--fs-body:44rpx');
    expect(large.pageStyle).toContain('--td-font-size-m:44rpx');
  });

  it('uses the area’s hotline, else 12345', () => {
    const settings = mp<typeof Settings>(root, 'services/settings');
    expect(settings.hotline()).toBe('12345');
    settings.updateSettings({ region: { code: '210202', name: '中山区', fullName: '大连市 中山区', hotline: '0411-12345' } });
    expect(settings.hotline()).toBe('0411-12345');
  });
});

describe('log out', () => {
  it('forgets the token and personal data, keeps device preferences', () => {
    for (const [k, v] of Object.entries({
      'erescue.auth.token': { token: 't', expiresAt: Date.now() + 1e6 },
      'erescue.apply.draft': { version: 1, idempotencyKey: 'mp-k-12345678', form: {}, photos: [{ path: 'saved://d.jpg', size: 1 }] },
      'erescue.chat': { messages: [{ id: '1' }] },
      'erescue.cases.list': { value: [] },
      'erescue.cases.detail.LS-1': { value: {} },
      'erescue.apply.uploads': { 'LS-1': [{ id: 'u', path: 'saved://u.jpg', status: 'failed' }] },
      'erescue.settings': { largeText: true },
    }))
      fake.storage.set(k, v);
    mp<typeof Account>(root, 'services/account').logout();
    expect([...fake.storage.keys()]).toEqual(['erescue.settings']);
    expect(fake.callsOf('removeSavedFile').map((c) => c.filePath).sort()).toEqual(['saved://d.jpg', 'saved://u.jpg']);
  });
});

describe('what the pages show', () => {
  it('shows every case status with a symbol and words, not colour alone', () => {
    const status = mp<typeof Status>(root, 'utils/status');
    for (const s of ['submitted', 'awaiting_materials', 'approved', 'rejected', 'withdrawn'] as const) {
      const v = status.statusView(s);
      expect(v.label).toMatch(/[\u4e00-\u9fff]/);
      expect(v.symbol).not.toBe('');
      expect(v.ariaLabel).toBe(`办理状态：${v.label}`);
    }
    expect(status.statusView('rejected').symbol).toBe('✕');
    expect(status.statusView('approved').symbol).toBe('✓');
  });

  it('maps the wizard to the RULES.md request', () => {
    const wizard = mp<typeof Wizard>(root, 'utils/wizard');
    const state = wizard.newWizard({ code: '610113004', name: '雁塔区 小寨路街道' });
    state.members[0] = { ...state.members[0]!, age: '72', transfer: '250', disabilityGrade: '2', disabilityKind: 'physical' };
    state.members.push({ ...wizard.newMember('spouse'), age: '70', status: 'in_prison' });
    Object.assign(state, { financial: '3000', carValue: '', hardshipType: 'fire', occurredOn: '2026-11-20', loss: '6000', onDibao: true, dibaoAmount: '640' });
    expect(wizard.toEligibilityInput(state)).toEqual({
      regionCode: '610113004',
      residence: 'urban',
      hukou: 'local',
      members: [
        { relation: 'self', age: 72, status: 'resident', disability: { grade: 2, kind: 'physical' }, severeIllness: false, adlFailures: 0, supporters: 'capable', income: { transfer: 250 } },
        { relation: 'spouse', age: 70, status: 'in_prison', severeIllness: false, adlFailures: 0, supporters: 'capable', income: {} },
      ],
      assets: { financial: 3000, dwellings: 1 },
      expenses: {},
      hardship: { type: 'fire', occurredOn: '2026-11-20', loss: 6000 },
      currentRecipient: { program: 'dibao', monthlyAmount: 640, incomeRoseFromWork: false },
    });
  });

  it('names blank answers plainly and files each problem under its step', () => {
    const wizard = mp<typeof Wizard>(root, 'utils/wizard');
    const state = wizard.newWizard();
    state.members[0]!.wages = '-5';
    const errors = wizard.wizardErrors(state);
    expect(errors).toMatchObject({ regionCode: '请先选择您住在哪里', 'members.0.age': '请填写年龄', 'members.0.income.wages': '不能小于0' });
    expect(Object.keys(wizard.fieldsOfStep(errors, 2))).toEqual(['members.0.income.wages']);
  });

  it('turns a result into readable cards', () => {
    const view = mp<typeof ResultView>(root, 'utils/result-view');
    const program = (p: string, result: string, extra: Record<string, unknown> = {}) => ({
      program: p, result, mode: null, coveredMembers: [], estimatedMonthlyAmount: null, estimatedOneTimeAmount: null,
      reasons: [{ code: 'HUKOU', passed: result === 'eligible', message: '户籍在本地' }], ...extra,
    });
    const cards = view.programViews({
      regionCode: '610113004', asOf: '2026-11-22', parameters: { region: '610100', effectiveFrom: '2025-07-01' },
      household: { size: 1, monthlyIncome: 250, perCapitaIncome: 250 },
      programs: [
        program('dibao', 'eligible', { estimatedMonthlyAmount: 720 }),
        program('tekun', 'ineligible'),
        program('low_income', 'ineligible'),
        program('temporary', 'eligible', { estimatedOneTimeAmount: 6000, approvalLevel: 'county', preRescueAmount: 3400 }),
      ],
      nextSteps: [],
    } as never);
    expect(cards[0]).toMatchObject({ symbol: '✓', resultText: '可能符合', amounts: ['每月约720元'] });
    expect(cards[1]).toMatchObject({ symbol: '✕', resultText: '暂不符合', reasons: [{ symbol: '✕', verdict: '不符合', message: '户籍在本地' }] });
    expect(cards[3]!.amounts).toEqual(['一次性约6,000元', '情况紧急可先行救助，最多3,400元', '由县级民政部门审批']);
    expect(cards[3]!.ariaLabel).toContain('临时救助：可能符合');
  });
});

describe('formatting', () => {
  it('writes money, dates and phone numbers the way residents read them', async () => {
    const format = mp<typeof import('../../miniprogram/utils/format')>(root, 'utils/format');
    expect([format.formatYuan(720), format.formatYuan(6000), format.formatYuan(1234567.5), format.formatYuan(586.666), format.formatYuan(null)]).toEqual(['720元', '6,000元', '1,234,567.5元', '586.67元', '']);
    expect(format.formatDateTime('2026-11-22T02:05:00Z')).toBe('11月22日 10:05');
    expect(format.formatDate('2026-11-20')).toBe('2026年11月20日');
    expect(format.spacedPhone('13800138000')).toBe('138 0013 8000');
  });
});
