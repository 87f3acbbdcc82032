/**
 * The one client of WeChat's server API: code → session at login, and subscribe messages.
 * Its base URL is a setting, so tests point it at a fake WeChat on loopback.
 */
export interface WeChatSession {
  openid: string;
  unionid?: string;
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface WeChatClient {
  /** Exchanges a wx.login code (jscode2session). */
  code2session(code: string): Promise<WeChatSession>;
  /** Sends one subscribe message (订阅消息). */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
}

/** A WeChat API failure; `retryable` says whether trying again later may succeed. */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WeChatError';
  }
}

/** Error codes that mean "try later": system busy, rate limits, network, our expired token. */
const RETRYABLE = new Set([-1, 45009, 45011, 40001, 42001, 40014]);
/** The user refused or never accepted the template: retrying cannot help. */
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);

export interface HttpWeChatOptions {
  appId: string;
  secret: string;
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The real client over HTTP, with a timeout on every call and a cached access token. */
export class HttpWeChatClient implements WeChatClient {
  private token: { value: string; expiresAt: number } | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: HttpWeChatOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
  }

  private async getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
    } catch (err) {
      throw new WeChatError(-2, `WeChat unreachable: ${(err as Error).name}`, true);
    }
    if (!res.ok) throw new WeChatError(-3, `WeChat HTTP ${res.status}`, res.status >= 500 || res.status === 429);
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      throw new WeChatError(-4, 'WeChat answered something that is not JSON', true);
    }
  }

  private check(body: Record<string, unknown>) {
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw new WeChatError(errcode, `WeChat errcode ${errcode}: ${String(body.errmsg ?? '')}`, RETRYABLE.has(errcode));
  }

  async code2session(code: string): Promise<WeChatSession> {
    const q = new URLSearchParams({ appid: this.opts.appId, secret: this.opts.secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.getJson(`${this.opts.baseUrl}/sns/jscode2session?${q}`);
    this.check(body);
    if (typeof body.openid !== 'string' || !body.openid) throw new WeChatError(-4, 'WeChat returned no openid', false);
    return { openid: body.openid, ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}) };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const body = await this.getJson(`${this.opts.baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.secret }),
    });
    this.check(body);
    const value = String(body.access_token ?? '');
    if (!value) throw new WeChatError(-4, 'WeChat returned no access token', true);
    this.token = { value, expiresAt: Date.now() + Number(body.expires_in ?? 7200) * 1000 };
    return value;
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const token = await this.accessToken();
    const body = await this.getJson(`${this.opts.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: message.openid, template_id: message.templateId, page: message.page, data: message.data }),
    });
    try {
      this.check(body);
    } catch (err) {
      if (err instanceof WeChatError && TOKEN_ERRORS.has(err.errcode)) this.token = undefined;
      throw err;
    }
  }
}
