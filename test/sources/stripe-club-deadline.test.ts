// Issue 9: a club's Stripe deadline counts from its first request on the wire, not from when the
// club was queued. With one request in flight and six clubs of three requests each, the last clubs
// wait well past the deadline before they are asked anything: they must still get their answers.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultInjector } from '../../src/sandbox/faults.js';
import { generatedKeys, generateStripeFixture } from '../../src/sandbox/stripe/generate.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { gatherStripeClubs } from '../../src/sources/stripe/index.js';
import { RequestLog } from '../../src/sources/request-log.js';

const CLUBS = 6;
const LATENCY = 150;
let sandbox: StripeSandbox;

beforeAll(async () => {
  await import('stripe');
  sandbox = await startStripeSandbox({ fixture: generateStripeFixture(CLUBS), faults: new FaultInjector([{ path: '*', latencyMs: LATENCY }]) });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
});

it('clubs queued behind others are not timed out before their first request is sent', async () => {
  const clubs = Array.from({ length: CLUBS }, (_, i) => ({ name: String(i), keys: generatedKeys(i) }));
  // 18 requests one at a time: ≥ 2.7 s in all, each club's own three ≈ 0.45 s, its deadline 1.5 s.
  const parts = await gatherStripeClubs(clubs, { apiBase: sandbox.url, concurrency: 1, clubTimeoutMs: 1_500, maxNetworkRetries: 0, requestLog: new RequestLog() });
  expect(sandbox.requests().length).toBe(CLUBS * 3);
  for (const club of clubs) expect(parts.get(club.name)!['club.stripeAccount'].status).toBe('ok');
});
