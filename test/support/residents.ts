import { call } from './services';

type AppLike = Parameters<typeof call>[0];
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid GB 11643 ID number from its first 17 digits. */
export const idWithCheck = (s17: string) => s17 + '10X98765432'[[...s17].reduce((a, c, i) => a + Number(c) * W[i]!, 0) % 11];

/** Logs in a dev resident and returns the bearer token. */
export async function loginResident(app: AppLike, name: string): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/auth/wechat', { code: `dev:${name}` });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.json.token as string;
}

/** A valid application body; override parts as needed. */
export function application(over: Record<string, unknown> = {}) {
  return {
    applicant: { name: '王小明', idNumber: idWithCheck('61011319800101123'), phone: '13800138000' },
    regionCode: '610113004',
    address: '小寨东路1号',
    nonLocal: false,
    hardship: { type: 'fire', occurredOn: '2026-11-21', description: '家里着火了，今晚没地方住，孩子还小', urgentNeeds: ['shelter', 'food'], amountRequested: 3000 },
    household: { size: 2, monthlyIncome: 800 },
    consent: { privacy: true, verification: true },
    ...over,
  };
}

/** POSTs an application with a token and key. */
export const submit = (app: AppLike, token: string | undefined, key: string | undefined, body: unknown) =>
  call(app, 'POST', '/api/v1/applications', body, {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(key ? { 'idempotency-key': key } : {}),
  });
