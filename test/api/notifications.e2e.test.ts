import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/client';
import { OutboxWorker } from '../../server/src/notify/worker';
import { HttpWeChatClient } from '../../server/src/wechat/client';
import { FakeWeChat } from '../support/fake-wechat';
import { call, createTestContext, type TestContext } from '../support/services';
import { application, idWithCheck, submit } from '../support/residents';

let fake: FakeWeChat;
let t: TestContext;
beforeAll(async () => {
  fake = await new FakeWeChat().start();
  t = await createTestContext({
    env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: fake.baseUrl },
    wechat: new HttpWeChatClient({ appId: 'wx-test-app', secret: 'wx-test-secret', baseUrl: fake.baseUrl, timeoutMs: 300 }),
  });
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

const outboxCounts = async () =>
  selectRows<{ status: string; n: number }>(t.database.db, sql`select status, count(*)::int as n from outbox group by status`);

async function fileCases(n: number, prefix: string) {
  const login = await call(t.app, 'POST', '/api/v1/auth/wechat', { code: `${prefix}-user` });
  const token = login.json.token as string;
  for (let i = 0; i < n; i++) {
    const body = application({ applicant: { name: '王五', idNumber: idWithCheck(`6101131990010${String(100 + i)}1`), phone: '13800138000' } });
    expect((await submit(t.app, token, `${prefix}-key-${i}-xyz`, body)).status).toBe(201);
  }
  return token;
}

describe('WeChat notifications through the outbox', () => {
  it('delivers every status change exactly once when WeChat fails half the time, with several workers at once', async () => {
    await fileCases(6, 'flaky');
    const expected = (await selectRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from outbox where status = 'pending'`))[0]!.n;
    expect(expected).toBe(6);
    let seed = 42;
    fake.failSend = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) & 1) === 1;
    const workers = [1, 2, 3].map(() => new OutboxWorker(t, { backoffMs: () => 0, maxAttempts: 50, batchSize: 2 }));
    for (let round = 0; round < 40; round++) {
      await Promise.all(workers.map((w) => w.runOnce()));
      if ((await outboxCounts()).every((c) => c.status === 'sent')) break;
    }
    expect(await outboxCounts()).toEqual([{ status: 'sent', n: expected }]);
    expect(fake.sent).toHaveLength(expected);
    const keys = fake.sent.map((m) => `${m.data.character_string1!.value}`);
    expect(new Set(keys).size).toBe(expected);
    expect(fake.sendCalls).toBeGreaterThan(expected); // some calls failed and were retried
    expect(fake.sent[0]).toMatchObject({ touser: 'o_flaky-user', template_id: 'case-status' });
    fake.failSend = () => false;
  });

  it('keeps the API answering while WeChat hangs, and leaves the message for a later retry', async () => {
    await fileCases(1, 'hang');
    fake.hangSend = true;
    const worker = new OutboxWorker(t, { backoffMs: () => 60_000 });
    let delivered = false;
    const delivering = worker.runOnce().then(() => (delivered = true));
    const res = await call(t.app, 'GET', '/api/v1/cases', undefined, {
      authorization: `Bearer ${(await call(t.app, 'POST', '/api/v1/auth/wechat', { code: 'hang-user' })).json.token}`,
    });
    expect(res.status).toBe(200);
    expect(delivered).toBe(false); // the API answered while the send still waited on its timeout
    await delivering;
    fake.hangSend = false;
    const rows = await selectRows<{ status: string; last_error: string; attempts: number }>(
      t.database.db,
      sql`select status, last_error, attempts from outbox where status <> 'sent'`,
    );
    expect(rows).toEqual([{ status: 'pending', last_error: 'errcode -2', attempts: 1 }]);
    await t.database.db.execute(sql`delete from outbox where status <> 'sent'`);
  });

  it('marks a message WeChat refuses for good as dead instead of retrying it', async () => {
    await fileCases(1, 'refused');
    fake.failSend = () => true;
    fake.failCode = 43101; // the user did not accept the template
    const worker = new OutboxWorker(t, { backoffMs: () => 0 });
    await worker.runOnce();
    await worker.runOnce();
    fake.failSend = () => false;
    fake.failCode = -1;
    const rows = await selectRows<{ status: string; attempts: number }>(t.database.db, sql`select status, attempts from outbox where status <> 'sent'`);
    expect(rows).toEqual([{ status: 'dead', attempts: 1 }]);
  });
});
