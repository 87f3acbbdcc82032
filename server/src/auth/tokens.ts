import { sign, verify } from 'hono/jwt';

export type Principal = { kind: 'resident'; id: string } | { kind: 'staff'; id: string };

export const RESIDENT_TOKEN_TTL_S = 7200;
export const STAFF_TOKEN_TTL_S = 8 * 3600;

/** Signs an expiring bearer token (HS256) for a resident or a staff user. */
export async function issueToken(secret: string, principal: Principal, now: Date, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign({ sub: principal.id, knd: principal.kind, iat, exp: iat + ttlSeconds }, secret, 'HS256');
}

/** Verifies a token's signature and expiry; undefined when it is not valid now. */
export async function readToken(secret: string, token: string, now: Date): Promise<Principal | undefined> {
  try {
    // Expiry is checked against the injected clock below, not the library's Date.now().
    const payload = await verify(token, secret, { alg: 'HS256', exp: false, iat: false, nbf: false });
    const exp = Number(payload.exp);
    if (!Number.isFinite(exp) || exp * 1000 <= now.getTime()) return undefined;
    if ((payload.knd !== 'resident' && payload.knd !== 'staff') || typeof payload.sub !== 'string') return undefined;
    return { kind: payload.knd, id: payload.sub };
  } catch {
    return undefined;
  }
}
