// Issue 9 (scale): the configured clubs' Stripe probes (the speculative start of gather.ts) are set
// up a slice at a time, the event loop running between slices, so that the first clubs' requests
// leave while the next clubs are prepared; 500 clubs were all prepared (keys described, registered
// with the redactor) before any request could leave. Each club's set-up registers its keys with the
// process redactor, synchronously: what is registered when `run` returns is what was set up.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { generatedKeys, generateStripeFixture } from '../../src/sandbox/stripe/generate.js';
import { redactor, maskerFor, Redactor } from '../../src/secrets/redact.js';
import { GATHER_FETCHERS, planGathering } from '../../src/sources/gather.js';
import { stripeSdkReady } from '../../src/sources/stripe/index.js';
import { vi } from 'vitest';

const CLUBS = 100;
let stripe: StripeSandbox;

beforeAll(async () => {
  stripe = await startStripeSandbox({ fixture: generateStripeFixture(CLUBS) });
  await stripeSdkReady();
});
afterAll(async () => {
  await stripe?.close();
});

/** Whether club i's secret key is registered (its base64 form: any `sk_test_…` text is masked anyway). */
const registered = (i: number) => {
  const form = Buffer.from(generatedKeys(i).secretKey).toString('base64');
  return redactor.redact(form) !== form;
};

describe('the speculative Stripe probes of configured clubs', () => {
  it('start a slice of clubs, then the next after the event loop ran, in order, every club in the end', async () => {
    const config: Config = {
      prestashop: { url: 'http://127.0.0.1:9/', webserviceKey: 'WSKEYWSKEYWSKEYWSKEYWSKEYWSKEY12' },
      stripe: { apiBase: stripe.url },
      clubs: Array.from({ length: CLUBS }, (_, i) => ({ name: `Club ${String(i).padStart(3, '0')}`, stripe: generatedKeys(i) })),
    };
    const plan = planGathering({ config, query: {}, choose: (clubs) => [...clubs], fallbackNames: [] });
    const early = plan.fetchers.find((f) => f.id === GATHER_FETCHERS.stripeEarly)!;
    try {
      const done = Promise.resolve(early.run({} as never));
      const first = Array.from({ length: CLUBS }, (_, i) => i).filter(registered);
      // One slice set up at once: the first clubs, not all of them.
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThan(CLUBS);
      expect(first).toEqual(first.map((_, i) => i));
      await new Promise((resolve) => setImmediate(resolve));
      const second = Array.from({ length: CLUBS }, (_, i) => i).filter(registered);
      expect(second.length).toBeGreaterThan(first.length);
      expect(second).toEqual(second.map((_, i) => i));
      await done;
      expect(Array.from({ length: CLUBS }, (_, i) => i).filter(registered)).toHaveLength(CLUBS);
      // Every club asked Stripe: the account read of each secret key.
      expect(stripe.requests().filter((r) => r.path === '/v1/account').length).toBeGreaterThanOrEqual(CLUBS);
    } finally {
      plan.close();
    }
  });
});

describe('a masker for one source’s keys', () => {
  it('builds nothing until it first masks, then masks those keys', () => {
    const add = vi.spyOn(Redactor.prototype, 'add');
    try {
      const mask = maskerFor(['sk_test_LazyMaskerKey000000000001', 'pk_test_LazyMaskerKey000000000001']);
      expect(add).not.toHaveBeenCalled();
      expect(mask('the key sk_test_LazyMaskerKey000000000001 was refused')).not.toContain('LazyMaskerKey000000000001');
      expect(add).toHaveBeenCalled();
    } finally {
      add.mockRestore();
    }
  });
});
