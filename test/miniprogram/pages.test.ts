// @vitest-environment jsdom
/**
 * The tab pages (home, chat, my cases, me), the account pages and the shared components.
 * Rendered by miniprogram-simulate (WeChat's wcc compiler, real TDesign) and driven through
 * their real events (taps, TDesign input events, picker changes) against a fake `wx`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Settings from '../../miniprogram/services/settings';
import { installFakeWx, ok, problem, type FakeWx } from './support/fake-wx';
import { buildOnce, cleanBuild, mp, resetModules } from './support/mp';
import { postedTo, seed, withLogin, XIAOZHAI } from './support/pages';
import { all, dataOf, openPage, render, settle, tap, tapInside, textOf, typeInto } from './support/simulate';

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

describe('components', () => {
  it('status-tag shows a symbol and words for the status', async () => {
    const tag = render(root, 'components/status-tag/index', { status: 'rejected', label: '' });
    await settle();
    expect(textOf(tag)).toBe('✕未获批准');
    const materials = render(root, 'components/status-tag/index', { status: 'awaiting_materials', label: '请补充材料' });
    await settle();
    expect(textOf(materials)).toBe('!请补充材料');
  });

  it('hotline-button dials the number it shows', async () => {
    const button = render(root, 'components/hotline-button/index', { phone: '029-12345', label: '拨打救助热线' });
    expect(textOf(button)).toContain('拨打救助热线 029-12345');
    await tap(button, '#call');
    expect(fake.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '029-12345' })]);
  });

  it('crisis-banner offers 110, 120 and the hotline', async () => {
    const banner = render(root, 'components/crisis-banner/index', { phone: '12345' });
    for (const id of ['#call110', '#call120', '#callHotline']) await tap(banner, id);
    expect(fake.callsOf('makePhoneCall').map((c) => c.phoneNumber)).toEqual(['110', '120', '12345']);
  });

  it('upload-list shows each photo’s progress in words and offers 重试 for failures', async () => {
    const list = render(root, 'components/upload-list/index', {
      items: [
        { id: 'a', path: 'saved://a.jpg', size: 1, status: 'uploading', progress: 45 },
        { id: 'b', path: 'saved://b.jpg', size: 1, status: 'failed', progress: 0, error: '文件太大了' },
        { id: 'c', path: 'saved://c.jpg', size: 1, status: 'done', progress: 100 },
      ],
    });
    await settle();
    const text = textOf(list);
    expect(text).toContain('第1张：正在上传 45%');
    expect(text).toContain('第2张：上传失败：文件太大了');
    expect(text).toContain('第3张：已上传');
    const retried = vi.fn();
    // j-component supports addEventListener; its typings leave it out.
    (list as unknown as { addEventListener(name: string, fn: () => void): void }).addEventListener('retry', retried);
    await tap(list, '#retry');
    expect(retried).toHaveBeenCalled();
  });
});

describe('home', () => {
  it('puts the urgent entry and the area’s hotline first, and the four services', async () => {
    settings().updateSettings({ region: XIAOZHAI });
    const page = await openPage(root, 'pages/home/index');
    const text = textOf(page);
    expect(text.indexOf('遇到急难，立即求助')).toBeLessThan(text.indexOf('救助测算'));
    expect(text).toContain('拨打救助热线 029-12345');
    expect(text).toContain('所在地区：西安市 雁塔区 小寨路街道');
    for (const service of ['救助测算', '申请临时救助', '办理进度', '问一问']) expect(text).toContain(service);
    await tap(page, '#urgent');
    expect(fake.callsOf('navigateTo').at(-1)?.url).toBe('/packages/apply/pages/form/index?urgent=1');
    await tap(page, '#service-cases');
    expect(fake.callsOf('switchTab').at(-1)?.url).toBe('/pages/cases/index');
    await tap(page, '#service-check');
    expect(fake.callsOf('navigateTo').at(-1)?.url).toBe('/packages/eligibility/pages/wizard/index');
  });

  it('offers to continue a saved application and asks for a region when none is set', async () => {
    fake.storage.set('erescue.apply.draft', { version: 1, idempotencyKey: 'mp-k-12345678', form: {}, photos: [], createdAt: '', updatedAt: '2026-11-22T02:05:00Z', attempts: 0, lastAttemptAt: null });
    const page = await openPage(root, 'pages/home/index');
    expect(textOf(page)).toContain('您有一份没提交的申请');
    expect(textOf(page)).toContain('保存于 11月22日 10:05');
    expect(textOf(page)).toContain('所在地区：还没有选择');
    expect(textOf(page)).toContain('拨打救助热线 12345');
    await tap(page, '#draft');
    expect(fake.callsOf('navigateTo').at(-1)?.url).toBe('/packages/apply/pages/form/index');
  });
});

describe('large-text mode', () => {
  it('switches on from 我的 and every open page follows at once; it is kept on the phone', async () => {
    const home = await openPage(root, 'pages/home/index');
    expect(dataOf(home).ui.large).toBe(false);
    const me = await openPage(root, 'pages/me/index');
    expect(textOf(me)).toContain('现在：已关闭');
    await tapInside(me, '#largeText', '.t-switch');
    expect(textOf(me)).toContain('现在：已开启');
    expect(dataOf(home).ui).toMatchObject({ large: true });
    expect(dataOf(home).ui.pageStyle).toContain('--fs-body:44rpx');
    expect(fake.storage.get('erescue.settings')).toMatchObject({ largeText: true });
    // A page opened later starts large too.
    const cases = await openPage(root, 'pages/cases/index');
    expect(dataOf(cases).ui.large).toBe(true);
  });
});

describe('chat', () => {
  it('shows the crisis banner as danger words are typed, before sending', async () => {
    const page = await openPage(root, 'pages/chat/index');
    expect(textOf(page)).not.toContain('您的安全最重要');
    await typeInto(page, '#input', '家里断粮两天了');
    expect(textOf(page)).toContain('您的安全最重要');
    expect(fake.requests).toHaveLength(0);
  });

  it('sends a quick reply and shows the answer with its source and actions', async () => {
    settings().updateSettings({ region: XIAOZHAI });
    fake.onRequest = () =>
      ok({
        sessionId: 's-1',
        reply: { text: '雁塔区城市低保标准是每人每月800元。', topic: 'dibao.standard', confidence: 0.9, sources: [{ title: '最低生活保障审核确认办法', ref: '第六条' }], actions: [{ type: 'open_eligibility' }, { type: 'call_hotline', phone: '029-12345' }] },
        crisis: false,
        handoff: false,
      });
    const page = await openPage(root, 'pages/chat/index');
    await tap(page, '.chat__quick .choice');
    expect(posted('/api/v1/chat/messages')[0]!.data).toEqual({ text: '低保标准是多少', regionCode: '610113004' });
    const text = textOf(page);
    expect(text).toContain('我说：'.slice(0, 1));
    expect(text).toContain('雁塔区城市低保标准是每人每月800元。');
    expect(text).toContain('依据：《最低生活保障审核确认办法》第六条');
    expect(text).toContain('去做救助测算');
    const actions = all(page, '.chat__action');
    actions[1]!.dispatchEvent('tap');
    await settle();
    expect(fake.callsOf('makePhoneCall').at(-1)?.phoneNumber).toBe('029-12345');
    // The next message continues the session.
    await typeInto(page, '#input', '谢谢');
    await tap(page, '#send');
    expect(posted('/api/v1/chat/messages')[1]!.data).toMatchObject({ text: '谢谢', sessionId: 's-1' });
  });

  it('keeps a message that did not go out, with 重发', async () => {
    fake.onRequest = () => ({ fail: 'request:fail' });
    const page = await openPage(root, 'pages/chat/index');
    await typeInto(page, '#input', '怎么申请');
    await tap(page, '#send');
    expect(textOf(page)).toContain('没有发出去');
    expect(textOf(page)).toContain('网络连接不上');
    fake.onRequest = () => ok({ sessionId: 's-2', reply: { text: '可以在小程序里申请。', topic: 'temp.apply', confidence: 1, sources: [], actions: [] }, crisis: false, handoff: false });
    await tap(page, '.chat__retry');
    expect(textOf(page)).toContain('可以在小程序里申请。');
    expect(textOf(page)).not.toContain('没有发出去');
  });

  it('hands over to a person and shows their replies as they come', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let polls = 0;
    fake.onRequest = (req) => {
      if (req.method === 'POST') return ok({ sessionId: 's-9', reply: { text: '已为您转接人工服务，工作人员会在这里回复您。', topic: 'human.handoff', confidence: 1, sources: [], actions: [{ type: 'call_hotline', phone: '12345' }] }, crisis: false, handoff: true });
      polls++;
      // The first poll returns the whole conversation (after=0): only the person's reply is new.
      const earlier = [
        { id: 1, at: '2026-11-22T02:00:00Z', sender: 'resident', text: '我要找人工', topic: null },
        { id: 2, at: '2026-11-22T02:00:01Z', sender: 'assistant', text: '已为您转接人工服务，工作人员会在这里回复您。', topic: 'human.handoff' },
      ];
      const reply = { id: 3, at: '2026-11-22T02:03:00Z', sender: 'operator', text: '您好，我是热线话务员小王', topic: null };
      return ok({ sessionId: 's-9', handedOff: true, operatorJoined: polls > 1, closed: polls > 2, messages: polls === 1 ? earlier : polls === 2 ? [reply] : [] });
    };
    const page = await openPage(root, 'pages/chat/index');
    await typeInto(page, '#input', '我要找人工');
    await tap(page, '#send');
    expect(textOf(page)).toContain('已为您转人工服务');
    await vi.advanceTimersByTimeAsync(5_000);
    await settle();
    await vi.advanceTimersByTimeAsync(5_000);
    await settle();
    const gets = fake.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.query.after)).toEqual([undefined, '2']);
    const text = textOf(page);
    expect(text).toContain('您好，我是热线话务员小王');
    expect(text).toContain('工作人员已接入');
    expect(text.split('已为您转接人工服务，工作人员会在这里回复您。')).toHaveLength(2); // not shown twice
    expect(dataOf(page).messages.at(-1)).toMatchObject({ from: 'staff', speaker: '工作人员' });
    // Leaving the tab stops polling; coming back resumes it, until the person ends the chat.
    (page.instance as unknown as { onHide(): void }).onHide();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    (page.instance as unknown as { onShow(): void }).onShow();
    await vi.advanceTimersByTimeAsync(5_000);
    await settle();
    expect(textOf(page)).toContain('人工服务已结束');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('says a person will phone back when the server cannot relay replies', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fake.onRequest = (req) =>
      req.method === 'POST'
        ? ok({ sessionId: 's-3', reply: { text: '已为您转接人工服务。', topic: 'human.handoff', confidence: 1, sources: [], actions: [] }, crisis: false, handoff: true })
        : problem(404, 'NOT_FOUND');
    const page = await openPage(root, 'pages/chat/index');
    await typeInto(page, '#input', '转人工');
    await tap(page, '#send');
    await vi.advanceTimersByTimeAsync(5_000);
    await settle();
    expect(textOf(page)).toContain('工作人员会尽快打电话联系您');
  });
});

describe('my cases', () => {
  it('lists own cases with status words and opens one', async () => {
    fake.onRequest = withLogin(() => ok({ items: [{ trackingNo: 'LS-1', status: 'awaiting_materials', statusLabel: '待补充材料', priority: 'P2', updatedAt: '2026-11-22T02:00:00Z', hardshipType: 'fire' }] }));
    const page = await openPage(root, 'pages/cases/index');
    expect(textOf(page)).toContain('临时救助：火灾');
    expect(textOf(page)).toContain('!待补充材料');
    await tap(page, '.case');
    expect(fake.callsOf('navigateTo').at(-1)?.url).toBe('/packages/case/pages/detail/index?trackingNo=LS-1');
  });

  it('invites a first application when there is none, and shows the copy on the phone when offline', async () => {
    fake.onRequest = withLogin(() => ok({ items: [] }));
    const page = await openPage(root, 'pages/cases/index');
    expect(textOf(page)).toContain('还没有申请');
    fake.onRequest = withLogin(() => ({ fail: 'request:fail' }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const reload = (page.instance as unknown as { load(): Promise<void> }).load();
    await vi.advanceTimersByTimeAsync(5_000);
    await reload;
    await settle();
    expect(textOf(page)).toContain('没有网络，下面是');
  });
});

describe('region and privacy', () => {
  it('picks the area level by level, keeps its hotline and downloads its standards', async () => {
    const items = seed.regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent, hotline: r.hotline ?? null }));
    fake.onRequest = (req) => (req.path === '/api/v1/regions' ? ok({ items }) : problem(404, 'NOT_FOUND'));
    const page = await openPage(root, 'packages/account/pages/region/index');
    await tap(page, '#region-610000');
    await tap(page, '#region-610100');
    await tap(page, '#region-610113');
    await tap(page, '#region-610113004');
    expect(fake.storage.get('erescue.settings')).toMatchObject({ region: { code: '610113004', name: '小寨路街道', fullName: '西安市 雁塔区 小寨路街道', hotline: '12345' } });
    expect(fake.requests.map((r) => r.path)).toContain('/api/v1/regions/610113004/policy');
    expect(fake.apis()).toContain('navigateBack');
  });

  it('records consent to the privacy notice', async () => {
    const page = await openPage(root, 'packages/account/pages/privacy/index');
    expect(textOf(page)).toContain('我们收集什么');
    await tap(page, '#agree-btn');
    expect(settings().getSettings().privacyConsentAt).toMatch(/^\d{4}-/);
  });

  it('logs out after confirming, forgetting the token and draft', async () => {
    fake.storage.set('erescue.auth.token', { token: 't', expiresAt: Date.now() + 3_600_000 });
    fake.storage.set('erescue.apply.draft', { version: 1, idempotencyKey: 'mp-k-12345678', form: {}, photos: [] });
    const page = await openPage(root, 'pages/me/index');
    await tap(page, '#logout');
    expect(fake.storage.has('erescue.auth.token')).toBe(false);
    expect(fake.storage.has('erescue.apply.draft')).toBe(false);
    expect(textOf(page)).toContain('未登录');
  });
});
