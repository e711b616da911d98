// The Stripe source through the real SDK against the Stripe sandbox on 127.0.0.1: every error body
// becomes the right probe outcome, broken keys are never sent, the minimum requests are made.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PART_SCHEMAS, type StripeAccount, type StripeKeyProbe } from '../../src/engine/parts.js';
import { FaultInjector } from '../../src/sandbox/faults.js';
import { loadStripeFixture, parseStripeFixture, type StripeFixture } from '../../src/sandbox/stripe/fixture.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { redactor } from '../../src/secrets/redact.js';
import { RequestLog } from '../../src/sources/request-log.js';
import { generatedKeys, generateStripeFixture } from '../../src/sandbox/stripe/generate.js';
import {
  DEFAULT_STRIPE_POOL,
  endpointOf,
  gatherClubStripe,
  gatherStripeClubs,
  stripeClientsCreated,
  StripeSession,
  type StripeParts,
  type StripeSourceConfig,
} from '../../src/sources/stripe/index.js';
import { closedPort } from '../support/hostile.js';

// Importing the SDK with these set writes a hint to stderr (api-notes/stripe.md §6): unset while
// this file runs (the SDK is imported at its first gathering, in a test), put back after it, as this
// process may run other files next (vitest.config.ts, e2e-shared).
const agentEnv = Object.entries(process.env).filter(([name]) => name === 'CLAUDECODE' || name.startsWith('CLAUDE_CODE_'));
beforeAll(() => {
  for (const [name] of agentEnv) delete process.env[name];
});
afterAll(() => {
  for (const [name, value] of agentEnv) process.env[name] = value;
});

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400;
const FIXTURE_FILE = fileURLToPath(new URL('../../fixtures/shops/demo-stripe.json', import.meta.url));

/** A fault injector that hangs every request sent with one key (to show clubs are independent). */
class HangForKey extends FaultInjector {
  hangKey: string | null = null;
  private readonly held = new Set<ServerResponse>();
  override async intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (this.hangKey && req.headers.authorization === `Bearer ${this.hangKey}`) {
      this.held.add(res);
      return true;
    }
    return super.intercept(req, res);
  }
  override releaseHung(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
    super.releaseHung();
  }
}

let fixture: StripeFixture;
let sandbox: StripeSandbox;
let faults: HangForKey;
let config: StripeSourceConfig;

function club(name: string) {
  const found = fixture.clubs.find((c) => c.name === name);
  if (!found) throw new Error(`no club ${name}`);
  return { publishableKey: found.publishableKey ?? null, secretKey: found.secretKey ?? null };
}
function probeOf(parts: StripeParts): StripeKeyProbe {
  const env = parts['club.stripeKeyProbe'];
  if (env.status !== 'ok') throw new Error('probe part not ok');
  return PART_SCHEMAS['club.stripeKeyProbe'].parse(env.data);
}
function accountOf(parts: StripeParts): StripeAccount {
  const env = parts['club.stripeAccount'];
  if (env.status !== 'ok') throw new Error(`account part not ok: ${JSON.stringify(env)}`);
  return PART_SCHEMAS['club.stripeAccount'].parse(env.data);
}
function failedCause(parts: StripeParts) {
  const env = parts['club.stripeAccount'];
  if (env.status !== 'failed') throw new Error(`account part not failed: ${JSON.stringify(env)}`);
  return env.cause;
}
function expectNoRawKey(value: unknown, ...keys: (string | null)[]) {
  const text = JSON.stringify(value);
  for (const key of keys) if (key) expect(text).not.toContain(key.trim());
}

beforeAll(async () => {
  fixture = await loadStripeFixture(FIXTURE_FILE);
  faults = new HangForKey();
  sandbox = await startStripeSandbox({ fixture, faults, now: () => NOW });
  config = { apiBase: sandbox.url, timeoutMs: 2_000, maxNetworkRetries: 0, rateLimitRetries: 0, clubTimeoutMs: 10_000 };
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  faults.clear();
  faults.hangKey = null;
  sandbox.clearLog();
});

describe('endpointOf', () => {
  it('maps stripe.apiBase onto host, port and protocol', () => {
    expect(endpointOf('http://127.0.0.1:4242')).toMatchObject({ host: '127.0.0.1', port: 4242, protocol: 'http' });
    expect(endpointOf(undefined)).toMatchObject({ host: 'api.stripe.com', port: 443, protocol: 'https' });
    expect(endpointOf('https://stripe.internal')).toMatchObject({ port: 443, protocol: 'https' });
  });
});

describe('healthy clubs', () => {
  it('proves both keys and reads the account with the minimum of requests (3)', async () => {
    const keys = club('Étoile Sportive de Fréjus');
    const parts = await gatherClubStripe(keys, config);
    const probe = probeOf(parts);
    expect(probe.secretKey).toEqual({ outcome: 'valid', keyKind: 'secret', accountId: 'acct_1FAKEfrejus00001', livemode: false });
    expect(probe.publishableKey.outcome).toBe('valid');
    const account = accountOf(parts);
    expect(account).toMatchObject({ id: 'acct_1FAKEfrejus00001', mode: 'test', chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    expect(account.lastActivity.charges).toEqual({ status: 'read', created: Math.floor(NOW.getTime() / 1000) - 2 * DAY });
    expect(account.lastActivity.paymentIntents).toEqual({ status: 'skipped' });
    expect(account.requirements?.disabledReason).toBeNull();
    // account with the sk, newest charge with the sk, the secret-only read with the pk: nothing else.
    const seen = sandbox.calls.map((c) => `${c.method} ${c.path}${c.query.limit ? `?limit=${c.query.limit}` : ''} ${c.key?.slice(0, 3)}`).sort();
    expect(seen).toEqual(['GET /v1/account pk_', 'GET /v1/account sk_', 'GET /v1/charges?limit=1 sk_']);
    expectNoRawKey(parts, keys.publishableKey, keys.secretKey);
  });

  it('registers the keys with the process redactor', async () => {
    // A dash is an unexpected character, not a broken key: it is sent, and the Stripe-shaped pattern
    // alone would mask only `sk_test_FAKE`, leaving the rest of the key readable.
    const secretKey = 'sk_test_FAKE-redact0000000009';
    const parts = await gatherClubStripe({ secretKey }, config);
    expect(probeOf(parts).secretKey.outcome).toBe('revoked-or-unknown');
    expect(redactor.redact(`key=${secretKey}`)).not.toContain('redact0000000009');
  });

  it('probes a key shared by two clubs once', async () => {
    const keys = club('AS Saint-Étienne');
    const all = await gatherStripeClubs([{ name: 'A', keys }, { name: 'B', keys }], config);
    expect(probeOf(all.get('A')!).secretKey.outcome).toBe('valid');
    expect(probeOf(all.get('B')!).secretKey.outcome).toBe('valid');
    expect(sandbox.calls).toHaveLength(3);
  });

  it('records each request once in the run log, without any key', async () => {
    const log = new RequestLog();
    const all = fixture.clubs.map((c) => ({ name: c.name, keys: club(c.name) }));
    // Every demo club, twice over (two clubs sharing keys): still one request per resource and key.
    await gatherStripeClubs([...all, ...all.map((c) => ({ ...c, name: `${c.name} (bis)` }))], { ...config, requestLog: log });
    expect(log.entries.length).toBe(sandbox.requests().length);
    expect(log.duplicates()).toEqual([]);
    expect(log.entries.every((e) => e.source === 'stripe' && e.method === 'GET')).toBe(true);
    for (const e of log.entries) expect(e.target).toMatch(/^\/v1\/\S+ \[(sk|pk|rk)_(test|live)_…\w{4} #[0-9a-f]{8}\]$/);
    expectNoRawKey(log.entries, ...fixture.clubs.flatMap((c) => [c.publishableKey ?? null, c.secretKey ?? null]));
  });

  it('gathers the same parts through two fresh sandboxes (reproducible recordings)', async () => {
    const keys = club('Olympique Noisy-le-Sec');
    const gather = async () => {
      const own = await startStripeSandbox({ fixture, now: () => NOW });
      try {
        return JSON.stringify(await gatherClubStripe(keys, { ...config, apiBase: own.url }));
      } finally {
        await own.close();
      }
    };
    const first = await gather();
    expect(first).toContain('req_');
    expect(await gather()).toBe(first);
  });

  it('never writes: every request is a GET', async () => {
    await gatherStripeClubs(fixture.clubs.map((c) => ({ name: c.name, keys: club(c.name) })), config);
    expect(sandbox.requests().length).toBeGreaterThan(0);
    expect(sandbox.requests().every((r) => r.method === 'GET')).toBe(true);
    expect(sandbox.requests().some((r) => r.path === '/v1/tokens')).toBe(false);
  });
});

describe('account state', () => {
  it('dates a dormant account from its newest charge (200 days)', async () => {
    const account = accountOf(await gatherClubStripe(club('Olympique Noisy-le-Sec'), config));
    expect(account.lastActivity.charges).toEqual({ status: 'read', created: Math.floor(NOW.getTime() / 1000) - 200 * DAY });
  });

  it('reads under_review and past_due requirements', async () => {
    const review = accountOf(await gatherClubStripe(club('Union Sportive Cannet-Rocheville'), config));
    expect(review).toMatchObject({ chargesEnabled: false, payoutsEnabled: false });
    expect(review.requirements).toMatchObject({ disabledReason: 'under_review', pendingVerification: ['company.verification.document'] });
    const pastDue = accountOf(await gatherClubStripe(club('Stade Mandelieu-la-Napoule'), config));
    expect(pastDue.requirements).toMatchObject({ disabledReason: 'requirements.past_due', pastDue: ['business_profile.url', 'external_account'] });
  });

  it('falls back to payment intents when there is no charge', async () => {
    const other = fixture.accounts.find((a) => a.account.id === 'acct_1FAKEautre000001')!;
    const sk = other.keys.find((k) => k.key.startsWith('sk_'))!.key;
    const account = accountOf(await gatherClubStripe({ secretKey: sk }, config));
    expect(account.lastActivity).toEqual({ charges: { status: 'read', created: null }, paymentIntents: { status: 'read', created: null } });
    expect(sandbox.calls.map((c) => c.path).sort()).toEqual(['/v1/account', '/v1/charges', '/v1/payment_intents']);
  });

  it('a list answer without "data" (a proxy\'s JSON) is a failed read, not a crash nor an empty list', async () => {
    faults.add({ path: '/v1/charges', respond: { kind: 'status', status: 200, contentType: 'application/json', body: '{"headers":{"authorization":"echoed"}}' } });
    const account = accountOf(await gatherClubStripe(club('Olympique Noisy-le-Sec'), config));
    expect(account.lastActivity.charges).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('not a Stripe list') } });
  });

  it('reads the reasons of capabilities that are not active', async () => {
    const custom = parseStripeFixture({
      accounts: [
        {
          keys: [{ key: 'sk_test_FAKEinactive0000000001' }],
          account: { id: 'acct_1FAKEinactive0001', charges_enabled: false, capabilities: { card_payments: 'inactive', transfers: 'active' } },
          capabilityReasons: { card_payments: 'rejected.inactivty' },
        },
      ],
    });
    const own = await startStripeSandbox({ fixture: custom });
    try {
      const account = accountOf(await gatherClubStripe({ secretKey: 'sk_test_FAKEinactive0000000001' }, { ...config, apiBase: own.url }));
      expect(account.capabilities).toEqual({
        card_payments: { status: 'inactive', disabledReason: 'rejected.inactivty' },
        transfers: { status: 'active', disabledReason: null },
      });
      expect(account.requirements).toBeNull();
    } finally {
      await own.close();
    }
  });
});

describe('refused keys: each error body becomes its outcome', () => {
  it('expired secret key → expired (api_key_expired), no further read', async () => {
    const keys = club('Gymnastique Club Antibois');
    const parts = await gatherClubStripe(keys, config);
    const probe = probeOf(parts);
    expect(probe.secretKey).toMatchObject({ outcome: 'expired', error: { status: 401, code: 'api_key_expired', type: 'invalid_request_error' } });
    expect(probe.secretKey.outcome === 'expired' && probe.secretKey.error.requestId).toMatch(/^req_/);
    expect(probe.publishableKey.outcome).toBe('valid');
    expect(failedCause(parts)).toMatchObject({ source: 'stripe', kind: 'key-expired', status: 401, code: 'api_key_expired' });
    // Only the newest charge, read together with the account (issue 9) and its answer dropped: no
    // payment intents, no capabilities after a refused key.
    expect(sandbox.calls.filter((c) => c.path !== '/v1/account').map((c) => c.path)).toEqual(['/v1/charges']);
    expectNoRawKey(parts, keys.secretKey);
  });

  it('revoked secret key → revoked-or-unknown (Invalid API Key provided, masked)', async () => {
    const keys = club('Tennis Club de Grasse');
    const parts = await gatherClubStripe(keys, config);
    const probe = probeOf(parts);
    expect(probe.secretKey).toMatchObject({ outcome: 'revoked-or-unknown', error: { status: 401 } });
    if (probe.secretKey.outcome !== 'revoked-or-unknown') throw new Error('unreachable');
    expect(probe.secretKey.error.message).toMatch(/^Invalid API Key provided: sk_test_\*+0001$/);
    expect(failedCause(parts)).toMatchObject({ kind: 'key-revoked-or-unknown', status: 401 });
  });

  it('unknown publishable key → revoked-or-unknown', async () => {
    const probe = probeOf(await gatherClubStripe({ publishableKey: 'pk_test_FAKEnobody00000000000001', secretKey: club('AS Saint-Étienne').secretKey }, config));
    expect(probe.publishableKey).toMatchObject({ outcome: 'revoked-or-unknown', error: { status: 401 } });
    expect(probe.secretKey.outcome).toBe('valid');
  });

  it('restricted key without the account permission → restricted-without-permission (403)', async () => {
    const parts = await gatherClubStripe(club('Judo Club Vallauris'), config);
    expect(probeOf(parts).secretKey).toMatchObject({
      outcome: 'restricted-without-permission',
      accountId: 'acct_1FAKEvallau00001',
      permission: 'rak_account_read',
      error: { status: 403 },
    });
    expect(failedCause(parts)).toMatchObject({ kind: 'permission-denied', status: 403 });
  });

  it('restricted key with the account permission → valid restricted', async () => {
    const custom = parseStripeFixture({
      accounts: [{ keys: [{ key: 'rk_live_FAKEallowed00000000000001', permissions: ['rak_account_read', 'rak_charge_read'] }], account: { id: 'acct_1FAKEallowed00001' }, charges: [{ id: 'ch_1', created: 1_700_000_000 }] }],
    });
    const own = await startStripeSandbox({ fixture: custom });
    try {
      const parts = await gatherClubStripe({ secretKey: 'rk_live_FAKEallowed00000000000001' }, { ...config, apiBase: own.url });
      expect(probeOf(parts).secretKey).toEqual({ outcome: 'valid', keyKind: 'restricted', accountId: 'acct_1FAKEallowed00001', livemode: true });
      expect(accountOf(parts).lastActivity.charges).toEqual({ status: 'read', created: 1_700_000_000 });
    } finally {
      await own.close();
    }
  });

  it('rate-limited key → rate-limited (429, rate_limit) when Retry-After is too long to wait', async () => {
    const custom = parseStripeFixture({ accounts: [{ keys: [{ key: 'sk_test_FAKEbusy000000000000001', state: 'rate-limited' }], account: { id: 'acct_1FAKEbusy00000001' } }] });
    const own = await startStripeSandbox({ fixture: custom });
    try {
      const parts = await gatherClubStripe({ secretKey: 'sk_test_FAKEbusy000000000000001' }, { ...config, apiBase: own.url, rateLimitRetries: 2, maxRetryAfterMs: 100 });
      expect(probeOf(parts).secretKey).toMatchObject({ outcome: 'rate-limited', error: { status: 429, code: 'rate_limit' } });
      // Account and newest charge were sent together (issue 9); neither is retried.
      expect(own.calls.map((c) => c.path).sort()).toEqual(['/v1/account', '/v1/charges']);
    } finally {
      await own.close();
    }
  });

  it('a 429 then success is retried after Retry-After', async () => {
    faults.add({ path: '/v1/account', times: 1, respond: { kind: 'status', status: 429, retryAfter: 0, contentType: 'application/json', body: '{"error":{"message":"Too many requests","type":"invalid_request_error","code":"rate_limit"}}' } });
    const probe = probeOf(await gatherClubStripe({ secretKey: club('AS Saint-Étienne').secretKey }, { ...config, rateLimitRetries: 2 }));
    expect(probe.secretKey.outcome).toBe('valid');
    expect(sandbox.requests().filter((r) => r.path === '/v1/account')).toHaveLength(2);
  });
});

describe('keys whose format is broken are never sent', () => {
  const base = 'sk_test_FAKEsevigne0000000001';
  it.each([
    ['trailing newline', `${base}\n`, 'newline'],
    ['CRLF', `${base}\r\n`, 'newline'],
    ['zero-width space', `sk_test_FAKE\u200bsevigne0000000001`, 'zero-width'],
    ['BOM', `\ufeff${base}`, 'zero-width'],
    ['leading space', ` ${base}`, 'leading-whitespace'],
    ['NBSP', `${base}\u00a0`, 'nbsp'],
    ['quotes', `"${base}"`, 'quote'],
  ])('%s → not-probed (contaminated), no request', async (_label, secretKey, kind) => {
    const parts = await gatherClubStripe({ secretKey, publishableKey: `"pk_test_FAKEsevigne0000000001"` }, config);
    const probe = probeOf(parts);
    expect(probe.secretKey).toMatchObject({ outcome: 'not-probed', reason: 'contaminated' });
    expect(probe.secretKey.outcome === 'not-probed' && probe.secretKey.detail).toContain(kind);
    expect(probe.publishableKey).toMatchObject({ outcome: 'not-probed', reason: 'contaminated', detail: 'quote' });
    expect(failedCause(parts)).toMatchObject({ source: 'stripe', kind: 'key-format' });
    expect(failedCause(parts).host).toBeUndefined();
    expect(sandbox.requests()).toHaveLength(0);
    expectNoRawKey(parts, base);
  });

  it('the demo club with a trailing newline: only its publishable key is probed', async () => {
    const parts = await gatherClubStripe(club('Racing Club Sévigné'), config);
    expect(probeOf(parts).secretKey).toMatchObject({ outcome: 'not-probed', reason: 'contaminated', detail: 'newline' });
    expect(sandbox.calls.map((c) => c.key?.slice(0, 3))).toEqual(['pk_']);
  });

  it('a key of the wrong kind in a slot is not sent', async () => {
    const { publishableKey, secretKey } = club('AS Saint-Étienne');
    const probe = probeOf(await gatherClubStripe({ publishableKey: secretKey, secretKey: publishableKey }, config));
    expect(probe.secretKey).toEqual({ outcome: 'not-probed', reason: 'wrong-kind', detail: 'publishable' });
    expect(probe.publishableKey).toEqual({ outcome: 'not-probed', reason: 'wrong-kind', detail: 'secret' });
    expect(sandbox.requests()).toHaveLength(0);
  });

  it('missing keys → not-probed (missing), account part failed', async () => {
    const parts = await gatherClubStripe({ publishableKey: club('Cercle Nautique Hyérois').publishableKey, secretKey: null }, config);
    expect(probeOf(parts).secretKey).toEqual({ outcome: 'not-probed', reason: 'missing' });
    expect(probeOf(parts).publishableKey.outcome).toBe('valid');
    expect(failedCause(parts)).toMatchObject({ kind: 'no-secret-key' });
    // The fix names the club platform's menu and the stock PrestaShop path, in both languages.
    const fix = failedCause(parts).fix ?? [];
    expect(fix.map((f) => f.fr).join('\n')).toContain('« Paramétrage du compte Stripe » (sur un PrestaShop standard : Modules > Gestionnaire de modules > Stripe > Configurer)');
    expect(fix.map((f) => f.en).join('\n')).toContain('"Paramétrage du compte Stripe" (on a stock PrestaShop: Modules > Module Manager > Stripe > Configure)');
  });
});

describe('stderr stays clean', () => {
  it('a Stripe-Notice header does not become a process warning', async () => {
    const account = { id: 'acct_1FAKEnotice000001', object: 'account', charges_enabled: true, payouts_enabled: true, details_submitted: true };
    faults.add({ path: '/v1/account', times: 1, respond: { kind: 'status', status: 200, headers: { 'Stripe-Notice': 'This API version is deprecated.' }, contentType: 'application/json', body: JSON.stringify(account) } });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const probe = probeOf(await gatherClubStripe({ secretKey: club('AS Saint-Étienne').secretKey }, config));
      expect(probe.secretKey).toMatchObject({ outcome: 'valid', accountId: 'acct_1FAKEnotice000001' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('network trouble', () => {
  it('a hang → timeout (unreachable), not a crash', async () => {
    faults.add({ path: '/v1/account', respond: { kind: 'hang' } });
    const parts = await gatherClubStripe(club('AS Saint-Étienne'), { ...config, timeoutMs: 300 });
    expect(probeOf(parts).secretKey).toMatchObject({ outcome: 'unreachable', kind: 'timeout', error: { code: 'ETIMEDOUT' } });
    expect(probeOf(parts).publishableKey).toMatchObject({ outcome: 'unreachable', kind: 'timeout' });
    expect(failedCause(parts)).toMatchObject({ source: 'stripe', kind: 'timeout', host: new URL(sandbox.url).host });
  });

  it('one club hanging past its deadline does not block another', async () => {
    const slow = club('AS Saint-Étienne');
    faults.hangKey = slow.secretKey;
    const all = await gatherStripeClubs(
      [
        { name: 'slow', keys: slow },
        { name: 'fast', keys: club('Étoile Sportive de Fréjus') },
      ],
      { ...config, timeoutMs: 30_000, clubTimeoutMs: 400 },
    );
    expect(probeOf(all.get('slow')!).secretKey).toMatchObject({ outcome: 'unreachable', kind: 'timeout' });
    expect(probeOf(all.get('slow')!).publishableKey.outcome).toBe('valid');
    expect(failedCause(all.get('slow')!)).toMatchObject({ kind: 'timeout' });
    expect(probeOf(all.get('fast')!).secretKey.outcome).toBe('valid');
    expect(accountOf(all.get('fast')!).id).toBe('acct_1FAKEfrejus00001');
    // Closing the session ends the hung request; the SDK's retry of a reset connection (after
    // at least 0.5 s) must not reach the server once the run is over.
    const seen = sandbox.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(sandbox.requests()).toHaveLength(seen);
  });

  it('a 503 → unreachable api-error with the status', async () => {
    faults.add({ path: '/v1/account', respond: { kind: 'status', status: 503, contentType: 'application/json', body: '{"error":{"message":"Service unavailable","type":"api_error"}}' } });
    const parts = await gatherClubStripe({ secretKey: club('AS Saint-Étienne').secretKey }, config);
    expect(probeOf(parts).secretKey).toMatchObject({ outcome: 'unreachable', kind: 'api-error', error: { status: 503 } });
    expect(failedCause(parts)).toMatchObject({ kind: 'api-error', status: 503 });
  });

  it('a 500 then success is retried by the SDK (maxNetworkRetries)', async () => {
    faults.add({ path: '/v1/account', times: 1, respond: { kind: 'status', status: 500, contentType: 'application/json', body: '{"error":{"message":"boom","type":"api_error"}}' } });
    const probe = probeOf(await gatherClubStripe({ secretKey: club('AS Saint-Étienne').secretKey }, { ...config, maxNetworkRetries: 1 }));
    expect(probe.secretKey.outcome).toBe('valid');
  });

  it('a garbage body → unreachable bad-response', async () => {
    faults.add({ path: '/v1/account', respond: { kind: 'garbage' } });
    const probe = probeOf(await gatherClubStripe({ secretKey: club('AS Saint-Étienne').secretKey }, config));
    expect(probe.secretKey).toMatchObject({ outcome: 'unreachable', kind: 'bad-response' });
  });

  it('a refused connection → unreachable connection (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const parts = await gatherClubStripe(club('AS Saint-Étienne'), { ...config, apiBase: `http://127.0.0.1:${port}` });
    expect(probeOf(parts).secretKey).toMatchObject({ outcome: 'unreachable', kind: 'connection', error: { code: 'ECONNREFUSED' } });
    expect(failedCause(parts)).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED', host: `127.0.0.1:${port}` });
  });
});

/** Counts the requests in flight on the sandbox (from arrival to the end of the answer), per path and key. */
class InFlight extends FaultInjector {
  peak = 0;
  readonly open = new Set<{ path: string; key: string }>();
  /** A request that arrived while one of the same key on another path was still open. */
  readonly overlaps: string[] = [];
  readonly arrivals: { path: string; key: string; at: number }[] = [];
  readonly sockets = new Set<unknown>();
  /**
   * When set, requests are held until `size` are in flight (or all `total` have arrived), then
   * answered: the pool is seen full by an event, not by hoping a latency outlasts a loaded
   * machine's slowness in sending the next ones.
   */
  gate?: { size: number; total: number };
  private readonly held: Array<() => void> = [];
  override async intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    this.sockets.add(req.socket);
    const entry = { path: (req.url ?? '/').split('?')[0]!, key: req.headers.authorization ?? '' };
    this.arrivals.push({ ...entry, at: Date.now() });
    for (const other of this.open) if (other.key === entry.key && other.path !== entry.path) this.overlaps.push(`${other.path}+${entry.path}`);
    this.open.add(entry);
    this.peak = Math.max(this.peak, this.open.size);
    res.once('close', () => this.open.delete(entry));
    if (this.gate) {
      const gate = this.gate;
      await new Promise<void>((resolve) => {
        this.held.push(resolve);
        if (this.open.size >= gate.size || this.arrivals.length >= gate.total) for (const release of this.held.splice(0)) release();
      });
    }
    return super.intercept(req, res);
  }
}

// These tests count requests and clients, not time: per-request timeouts a loaded machine cannot
// reach (the 2 s of \`config\` is for the tests of a timeout).
const roomy = () => ({ ...config, timeoutMs: 60_000, clubTimeoutMs: 90_000 });

describe('speed at the dependency bound (issue 9)', () => {
  const generatedClubs = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `club ${i}`, keys: generatedKeys(i) }));
  async function withGenerated<T>(n: number, latencyMs: number, body: (own: StripeSandbox, flight: InFlight) => Promise<T>): Promise<T> {
    const flight = new InFlight();
    if (latencyMs) flight.add({ path: '*', latencyMs });
    const own = await startStripeSandbox({ fixture: generateStripeFixture(n), faults: flight, now: () => NOW });
    try {
      return await body(own, flight);
    } finally {
      await own.close();
    }
  }

  it('one SDK client serves every key of a run', async () => {
    await withGenerated(30, 0, async (own) => {
      const before = stripeClientsCreated();
      const all = await gatherStripeClubs(generatedClubs(30), { ...roomy(), apiBase: own.url });
      expect(stripeClientsCreated() - before).toBe(1);
      // ...and each request went with its own club's key.
      expect([...all.values()].every((parts) => probeOf(parts).secretKey.outcome === 'valid' && probeOf(parts).publishableKey.outcome === 'valid')).toBe(true);
      expect(new Set(own.calls.map((c) => c.accountId)).size).toBe(30);
      expect(own.calls).toHaveLength(90);
    });
  });

  it(`never more than the pool (${DEFAULT_STRIPE_POOL} by default) in flight, and the pool is used`, async () => {
    await withGenerated(60, 0, async (own, flight) => {
      flight.gate = { size: DEFAULT_STRIPE_POOL, total: 180 };
      const all = await gatherStripeClubs(generatedClubs(60), { ...roomy(), apiBase: own.url });
      expect(flight.peak).toBe(DEFAULT_STRIPE_POOL);
      expect(own.calls).toHaveLength(180);
      // Connections are kept alive and reused: no more than the pool, not one per request.
      expect(flight.sockets.size).toBeLessThanOrEqual(DEFAULT_STRIPE_POOL);
      expect([...all.values()].every((parts) => accountOf(parts).lastActivity.charges.status === 'read')).toBe(true);
    });
    await withGenerated(20, 0, async (own, flight) => {
      flight.gate = { size: 5, total: 60 };
      await gatherStripeClubs(generatedClubs(20), { ...roomy(), apiBase: own.url, concurrency: 5 });
      expect(flight.peak).toBe(5);
      expect(own.calls).toHaveLength(60);
    });
  });

  it("a club's /account and /charges are in flight together", async () => {
    await withGenerated(1, 150, async (own, flight) => {
      const parts = await gatherClubStripe(generatedKeys(0), { ...roomy(), apiBase: own.url });
      expect(accountOf(parts).lastActivity.charges.status).toBe('read');
      // One round trip of the injected latency, not two in a row: the two were seen in flight at the
      // same time (the overlap is observed by the server, not timed: a loaded machine cannot fail it).
      expect(flight.overlaps.filter((o) => o === '/v1/account+/v1/charges' || o === '/v1/charges+/v1/account')).toHaveLength(1);
      expect(own.calls).toHaveLength(3);
    });
  });

  it('a 429 holds back only its own key, without keeping a pool slot', async () => {
    const custom = parseStripeFixture({
      accounts: [
        { keys: [{ key: 'sk_test_FAKEbusy000000000000002', state: 'rate-limited' }], account: { id: 'acct_1FAKEbusy00000002' } },
        ...generateStripeFixture(1).accounts,
      ],
    });
    const flight = new InFlight();
    const own = await startStripeSandbox({ fixture: custom, faults: flight, now: () => NOW });
    try {
      // A pool of one: if the busy key's waits held the slot, the other club would wait 2 s.
      const session = new StripeSession({ ...roomy(), apiBase: own.url, concurrency: 1, rateLimitRetries: 2, maxRetryAfterMs: 5_000 });
      const t0 = Date.now();
      const busy = session.gatherClub({ secretKey: 'sk_test_FAKEbusy000000000000002' }).then((parts) => ({ parts, at: Date.now() - t0 }));
      const other = session.gatherClub(generatedKeys(0)).then((parts) => ({ parts, at: Date.now() - t0 }));
      const [b, o] = await Promise.all([busy, other]);
      session.close();
      expect(probeOf(o.parts).secretKey.outcome).toBe('valid');
      expect(probeOf(b.parts).secretKey).toMatchObject({ outcome: 'rate-limited', error: { status: 429 } });
      expect(b.at).toBeGreaterThanOrEqual(2_000);
      // Retry-After: 1 honoured for every request of the busy key: account and charges, 3 times each, a second apart.
      // Ordered by events, not bounded by time (a loaded machine is slower, never faster): each
      // batch comes at least the Retry-After after the one it retries, and the other club, sharing
      // the one slot, was answered before the busy key's first retry.
      const times = flight.arrivals.filter((a) => a.key.endsWith('busy000000000000002')).map((a) => a.at - t0).sort((x, y) => x - y);
      expect(times).toHaveLength(6);
      expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(990);
      expect(times[4]! - times[2]!).toBeGreaterThanOrEqual(990);
      expect(o.at).toBeLessThan(times[2]!);
    } finally {
      await own.close();
    }
  });
});
