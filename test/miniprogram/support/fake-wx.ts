/**
 * A fake `wx` for tests: in-memory storage, a scripted server for wx.request / wx.uploadFile,
 * and recorders for navigation, dialogs and phone calls. Answers arrive on a microtask, so
 * fake timers (backoff, timeouts) stay under the test's control.
 */

export interface FakeRequest {
  url: string;
  path: string;
  query: Record<string, string>;
  method: string;
  header: Record<string, string>;
  data: unknown;
  aborted: boolean;
}

export interface FakeUpload {
  url: string;
  path: string;
  filePath: string;
  name: string;
  header: Record<string, string>;
  aborted: boolean;
  progress(percent: number): void;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  header?: Record<string, string>;
}

/** What a handler may return: an answer, a network failure, or no answer at all. */
export type Reply = FakeAnswer | { fail: string } | 'hang';

export type RequestHandler = (req: FakeRequest) => Reply | Promise<Reply>;
export type UploadHandler = (req: FakeUpload) => Reply | Promise<Reply>;

export interface FakeWx {
  wx: Record<string, unknown>;
  storage: Map<string, unknown>;
  requests: FakeRequest[];
  uploads: FakeUpload[];
  calls: Array<{ api: string; args: Record<string, unknown> }>;
  /** Answers every request; replace it per test. */
  onRequest: RequestHandler;
  onUpload: UploadHandler;
  /** Answer of wx.showModal (confirm and typed content). */
  modalAnswer: { confirm: boolean; content?: string };
  envVersion: 'develop' | 'trial' | 'release';
  loginCodes: number;
  chooseMediaFiles: Array<{ tempFilePath: string; size: number }>;
  /** Names of wx.* calls made, in order (api only). */
  apis(): string[];
  callsOf(api: string): Array<Record<string, unknown>>;
}

function splitUrl(url: string) {
  const [full, qs = ''] = url.split('?');
  const path = (full ?? '').replace(/^https?:\/\/[^/]+/, '');
  const query = Object.fromEntries(
    qs
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]),
  );
  return { path, query };
}

const deliver = (fn: () => void) => {
  void Promise.resolve().then(fn);
};

/** Builds a fake and installs it as the global `wx` (and `getApp`). */
export function installFakeWx(): FakeWx {
  const fake: FakeWx = {
    wx: {},
    storage: new Map(),
    requests: [],
    uploads: [],
    calls: [],
    onRequest: () => ({ status: 404, body: { code: 'NOT_FOUND', status: 404, title: '没有找到', type: 'about:blank' } }),
    onUpload: () => ({ status: 201, body: { id: 'att-1', mime: 'image/jpeg', size: 1 } }),
    modalAnswer: { confirm: true },
    envVersion: 'develop',
    loginCodes: 0,
    chooseMediaFiles: [],
    apis: () => fake.calls.map((c) => c.api),
    callsOf: (api) => fake.calls.filter((c) => c.api === api).map((c) => c.args),
  };
  const record = (api: string, args: Record<string, unknown> = {}) => fake.calls.push({ api, args });
  const succeed = (api: string) => (args: Record<string, unknown> = {}) => {
    record(api, args);
    (args.success as ((r: unknown) => void) | undefined)?.({ errMsg: `${api}:ok` });
    (args.complete as (() => void) | undefined)?.();
  };

  const wx: Record<string, unknown> = {
    getStorageSync: (key: string) => (fake.storage.has(key) ? structuredClone(fake.storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => {
      fake.storage.set(key, structuredClone(value));
    },
    removeStorageSync: (key: string) => {
      fake.storage.delete(key);
    },
    getStorageInfoSync: () => ({ keys: [...fake.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: fake.envVersion, version: '' } }),

    request(options: Record<string, unknown>) {
      const { path, query } = splitUrl(String(options.url));
      const req: FakeRequest = {
        url: String(options.url),
        path,
        query,
        method: String(options.method ?? 'GET'),
        header: { ...((options.header as Record<string, string>) ?? {}) },
        data: options.data === undefined ? undefined : structuredClone(options.data),
        aborted: false,
      };
      fake.requests.push(req);
      record('request', { url: req.url, method: req.method });
      const task = {
        abort: () => {
          if (req.aborted) return;
          req.aborted = true;
          deliver(() => (options.fail as (e: unknown) => void)?.({ errMsg: 'request:fail abort' }));
        },
      };
      void Promise.resolve(fake.onRequest(req)).then((reply) => {
        if (reply === 'hang' || req.aborted) return;
        deliver(() => {
          if (req.aborted) return;
          if ('fail' in reply) (options.fail as (e: unknown) => void)?.({ errMsg: reply.fail });
          else
            (options.success as (r: unknown) => void)?.({
              statusCode: reply.status,
              data: reply.body === undefined ? '' : structuredClone(reply.body),
              header: reply.header ?? { 'Content-Type': 'application/json' },
              errMsg: 'request:ok',
            });
        });
      });
      return task;
    },

    uploadFile(options: Record<string, unknown>) {
      const { path } = splitUrl(String(options.url));
      const listeners: Array<(p: { progress: number }) => void> = [];
      const req: FakeUpload = {
        url: String(options.url),
        path,
        filePath: String(options.filePath),
        name: String(options.name),
        header: { ...((options.header as Record<string, string>) ?? {}) },
        aborted: false,
        progress: (percent) => listeners.forEach((l) => l({ progress: percent })),
      };
      fake.uploads.push(req);
      record('uploadFile', { url: req.url, filePath: req.filePath });
      const task = {
        abort: () => {
          req.aborted = true;
          deliver(() => (options.fail as (e: unknown) => void)?.({ errMsg: 'uploadFile:fail abort' }));
        },
        onProgressUpdate: (fn: (p: { progress: number }) => void) => listeners.push(fn),
      };
      // The handler runs after onProgressUpdate is attached.
      deliver(() => {
        void Promise.resolve(fake.onUpload(req)).then((reply) => {
          if (reply === 'hang' || req.aborted) return;
          deliver(() => {
            if ('fail' in reply) (options.fail as (e: unknown) => void)?.({ errMsg: reply.fail });
            else
              (options.success as (r: unknown) => void)?.({
                statusCode: reply.status,
                // wx.uploadFile answers text.
                data: reply.body === undefined ? '' : JSON.stringify(reply.body),
                errMsg: 'uploadFile:ok',
              });
          });
        });
      });
      return task;
    },

    login(options: Record<string, unknown>) {
      fake.loginCodes++;
      record('login');
      deliver(() => (options.success as (r: unknown) => void)?.({ code: `wxcode-${fake.loginCodes}`, errMsg: 'login:ok' }));
    },

    showModal(options: Record<string, unknown>) {
      record('showModal', { title: options.title, content: options.content });
      deliver(() => (options.success as ((r: unknown) => void) | undefined)?.({ confirm: fake.modalAnswer.confirm, cancel: !fake.modalAnswer.confirm, content: fake.modalAnswer.content ?? '' }));
    },
    showToast: succeed('showToast'),
    showActionSheet: succeed('showActionSheet'),
    navigateTo: succeed('navigateTo'),
    redirectTo: succeed('redirectTo'),
    switchTab: succeed('switchTab'),
    navigateBack: succeed('navigateBack'),
    makePhoneCall: succeed('makePhoneCall'),
    pageScrollTo: succeed('pageScrollTo'),
    stopPullDownRefresh: succeed('stopPullDownRefresh'),
    previewImage: succeed('previewImage'),
    chooseMedia(options: Record<string, unknown>) {
      record('chooseMedia', { count: options.count });
      deliver(() => (options.success as (r: unknown) => void)?.({ tempFiles: fake.chooseMediaFiles.map((f) => ({ ...f, fileType: 'image' })), type: 'image' }));
    },
    getFileSystemManager: () => ({
      saveFile: (o: Record<string, unknown>) => {
        record('saveFile', { tempFilePath: o.tempFilePath });
        deliver(() => (o.success as (r: unknown) => void)?.({ savedFilePath: `saved://${String(o.tempFilePath).split('/').pop()}` }));
      },
      removeSavedFile: (o: Record<string, unknown>) => record('removeSavedFile', { filePath: o.filePath }),
    }),
    canIUse: () => false,
    nextTick: (fn: () => void) => deliver(fn),
    // What TDesign reads at start.
    getSystemInfoSync: () => ({ SDKVersion: '3.5.0', platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375 }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, statusBarHeight: 20, safeArea: {} }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 16' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.5.0', theme: 'light' }),
  };
  fake.wx = wx;
  const g = globalThis as Record<string, unknown>;
  g.wx = wx;
  g.getApp = () => ({ globalData: { resolvePrivacy: null } });
  return fake;
}

/** Success JSON answer. */
export const ok = (body: unknown, status = 200): FakeAnswer => ({ status, body });

/** An RFC 9457 problem answer. */
export const problem = (status: number, code: string, extra: Record<string, unknown> = {}, header: Record<string, string> = {}): FakeAnswer => ({
  status,
  body: { type: 'about:blank', title: 'x', status, code, ...extra },
  header: { 'Content-Type': 'application/problem+json', ...header },
});

/** Lets queued microtasks and fake answers run. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
