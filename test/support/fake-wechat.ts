import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * A fake WeChat server API on loopback: jscode2session (codes `bad`, `busy`, `limited` give
 * WeChat's error codes), stable_token, and subscribe/send, which can be made to fail (every
 * n-th call, or by a seeded coin) or to hang.
 */
export class FakeWeChat {
  readonly sent: SentMessage[] = [];
  sendCalls = 0;
  /** Returns true when the next send should fail with errcode -1 (system busy). */
  failSend: (call: number) => boolean = () => false;
  hangSend = false;
  /** The errcode a failing send answers with (-1: system busy, retryable). */
  failCode = -1;
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (url.pathname === '/sns/jscode2session') {
      const code = url.searchParams.get('js_code') ?? '';
      if (url.searchParams.get('appid') !== 'wx-test-app' || url.searchParams.get('secret') !== 'wx-test-secret')
        return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (code === 'bad') return json({ errcode: 40029, errmsg: 'invalid code' });
      if (code === 'busy') return json({ errcode: -1, errmsg: 'system error' });
      if (code === 'limited') return json({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
      return json({ openid: `o_${code}`, session_key: 'sk' });
    }
    if (url.pathname === '/cgi-bin/stable_token') return json({ access_token: 'token-1', expires_in: 7200 });
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const call = ++this.sendCalls;
      if (this.hangSend) return; // never answers; the client must time out
      if (url.searchParams.get('access_token') !== 'token-1') return json({ errcode: 40001, errmsg: 'invalid credential' });
      if (this.failSend(call)) return json({ errcode: this.failCode, errmsg: 'failed' });
      this.sent.push(JSON.parse(raw) as SentMessage);
      return json({ errcode: 0, errmsg: 'ok' });
    }
    res.writeHead(404).end();
  }
}
