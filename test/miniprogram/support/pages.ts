/**
 * Helpers shared by the page tests: a region, a logged-in fake server, and an eligibility
 * answer computed by the bundled engine with Xi'an's parameters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Shared from '../../../miniprogram/lib/shared';
import { ok, type FakeRequest, type FakeWx } from './fake-wx';
import { mp, REPO } from './mp';

export const XIAOZHAI = { code: '610113004', name: '小寨路街道', fullName: '西安市 雁塔区 小寨路街道', hotline: '029-12345' };

export const seed = JSON.parse(readFileSync(join(REPO, 'server/src/regions/seed-regions.json'), 'utf8')) as {
  regions: Array<{ code: string; name: string; level: string; parent: string | null; hotline?: string }>;
  parameters: Array<{ region: string; effectiveFrom: string }>;
};

/** Answers logins, and everything else with `route`. */
export const withLogin = (route: (req: FakeRequest) => ReturnType<FakeWx['onRequest']>): FakeWx['onRequest'] => (req) =>
  req.path === '/api/v1/auth/wechat' ? ok({ token: 'tok', expiresIn: 7200 }) : route(req);

/** The POSTs sent to a path. */
export const postedTo = (fake: FakeWx, path: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === path);

/** What the server would answer to a self-check: the bundled engine with Xi'an's 2025-07 parameters. */
export function engineAnswer(root: string, req: Pick<FakeRequest, 'data'>) {
  const shared = mp<typeof Shared>(root, 'lib/shared');
  const request = shared.eligibilityRequestSchema.parse(req.data);
  const record = shared.parameterRecordSchema.parse(seed.parameters.find((p) => p.region === '610100' && p.effectiveFrom === '2025-07-01'));
  return ok(shared.checkEligibility(request, '2026-11-22', record, request.regionCode));
}
