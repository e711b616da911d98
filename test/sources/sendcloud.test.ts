// The Sendcloud source against the Sendcloud emulator on 127.0.0.1: every part from the demo
// account, each resource fetched once, every failure as a failed part with its Cause, the shop's
// integration matched by host, and no secret anywhere in parts, causes or the request log.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sendcloudAccountSetup from '../../checks/sendcloud-account-setup.js';
import sendcloudIntegrationHealth from '../../checks/sendcloud-integration-health.js';
import sendcloudServicePoints from '../../checks/sendcloud-service-points.js';
import { PART_SCHEMAS, type PartName } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { PartEnvelope, PartMap, Snapshot } from '../../src/engine/snapshot.js';
import type { Cause } from '../../src/engine/types.js';
import { FaultInjector } from '../../src/sandbox/faults.js';
import {
  DEMO_SENDCLOUD_FIXTURE,
  loadSendcloudFixture,
  overrideSendcloudFixture,
  sendcloudVariant,
  type SendcloudFixture,
  type SendcloudVariant,
} from '../../src/sandbox/sendcloud/fixture.js';
import { startSendcloudSandbox, type SendcloudSandbox } from '../../src/sandbox/sendcloud/server.js';
import { RequestLog } from '../../src/sources/request-log.js';
import { gatherSendcloud, matchShopIntegration, SENDCLOUD_PART_NAMES, shopUrlKey, type GatherSendcloudOptions } from '../../src/sources/sendcloud/index.js';
import { closedPort } from '../support/hostile.js';

let demo: SendcloudFixture;
let sandbox: SendcloudSandbox;
let faults: FaultInjector;
let log: RequestLog;
let sleeps: number[];

const PUBLIC = 'FAKEscPublic0demo000000000000001';
const SECRET = 'FAKEscSecret0demo000000000000001';
/** The PrestaShop webservice key the fixture hides in user modules and log URLs. */
const PS_KEY = 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003';
const PERSONAL = ['Camille', '+33600000000', '+33400000000', 'camille.durand@'];

const config = (overrides: { publicKey?: string; secretKey?: string; apiBase?: string } = {}) => ({
  sendcloud: { apiBase: sandbox.url, publicKey: PUBLIC, secretKey: SECRET, ...overrides },
});
const shopUrl = () => `http://127.0.0.1:${8000 + (sandbox.port % 1000)}/`;
const opts = (extra: GatherSendcloudOptions = {}): GatherSendcloudOptions => ({
  requestLog: log,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  timeoutMs: 5_000,
  ...extra,
});

function data<K extends PartName>(parts: PartMap, name: K) {
  const env = parts[name];
  if (env?.status !== 'ok') throw new Error(`${name} is not ok: ${JSON.stringify(env)}`);
  return PART_SCHEMAS[name].parse(env.data) as ReturnType<(typeof PART_SCHEMAS)[K]['parse']>;
}
function causeOf(parts: PartMap, name: PartName): Cause {
  const env = parts[name];
  if (env?.status !== 'failed') throw new Error(`${name} did not fail: ${JSON.stringify(env)}`);
  return env.cause;
}
function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of [SECRET, PUBLIC, PS_KEY, Buffer.from(`${PUBLIC}:${SECRET}`).toString('base64'), ...PERSONAL]) expect(text).not.toContain(secret);
}

/** Speculative reads may go out on a broken account, but never twice. */
function expectEachOnce(paths: string[]) {
  expect(new Set(paths).size).toBe(paths.length);
}

async function withFixture<T>(fixture: SendcloudFixture, fn: (url: string) => Promise<T>): Promise<T> {
  const other = await startSendcloudSandbox({ fixture });
  try {
    return await fn(other.url);
  } finally {
    await other.close();
  }
}

beforeAll(async () => {
  demo = await loadSendcloudFixture(DEMO_SENDCLOUD_FIXTURE.pathname);
  faults = new FaultInjector();
});
// An emulator per test: a speculative read a test cancelled may still be on the wire when it ends,
// and would land in the next test's request log, whichever test runs next (a shuffled order showed
// it). Closed after the test, the emulator refuses what arrives late.
beforeEach(async () => {
  faults.clear();
  sandbox = await startSendcloudSandbox({ fixture: demo, faults });
  log = new RequestLog();
  sleeps = [];
});
afterEach(async () => {
  await sandbox.close();
});

describe('gatherSendcloud on the demo account', () => {
  it('gathers every part, valid against the part catalogue', async () => {
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expect(Object.keys(parts).sort()).toEqual([...SENDCLOUD_PART_NAMES].sort());
    expect(data(parts, 'sendcloud.user')).toEqual({
      companyName: 'Boutique des Clubs SAS',
      email: 'expedition@boutique-des-clubs.example.fr',
      invoiceAddressMissing: [],
      registered: '2025-09-01 10:12:00',
    });
    expect(data(parts, 'sendcloud.senderAddresses')).toEqual({
      count: 1,
      addresses: [{ id: 1, label: 'Entrepôt Lyon', companyName: 'Boutique des Clubs SAS', city: 'Lyon', country: 'FR', complete: true }],
    });
    expect(data(parts, 'sendcloud.invoices')).toEqual({ count: 1, initialPayments: 1, initialPaymentPaid: true });
    const integrations = data(parts, 'sendcloud.integrations');
    expect(integrations.shopUrl).toBe(shopUrl());
    expect(integrations.matchedId).toBe(4242);
    expect(integrations.candidateIds).toEqual([4242]);
    expect(integrations.list.map((i) => i.id)).toEqual([4242, 4300, 3900]);
    expect(integrations.list[0]).toMatchObject({
      shopName: 'Boutique des Clubs',
      system: 'prestashop',
      failingSince: null,
      servicePointEnabled: true,
      servicePointCarriers: ['colissimo'],
      webhookActive: true,
    });
    expect(Date.parse(integrations.list[0]!.lastFetch!)).toBeGreaterThan(Date.now() - 2 * 3_600_000);
    const logs = data(parts, 'sendcloud.integrationLogs');
    expect(logs.integrationId).toBe(4242);
    expect(logs.entries.map((e) => e.responseCode)).toEqual([200, 503, 401]);
    expect(logs.entries[1]!.exception).toContain('ws_key=…');
    expect(data(parts, 'sendcloud.shippingMethods')).toEqual({
      methodCount: 4,
      carriers: ['colissimo', 'mondial_relay', 'sendcloud'],
      servicePointCarriers: ['colissimo', 'mondial_relay'],
    });
  });

  it('sends Basic public:secret built by hand, never the keys in a URL', async () => {
    await gatherSendcloud(config(), shopUrl(), opts());
    const expected = `Basic ${Buffer.from(`${PUBLIC}:${SECRET}`).toString('base64')}`;
    expect(sandbox.authorizations().length).toBe(6);
    for (const header of sandbox.authorizations()) expect(header).toBe(expected);
    for (const r of sandbox.requests()) expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('fetches each resource once and records each in the request log (paths only)', async () => {
    await gatherSendcloud(config(), shopUrl(), opts());
    expect(log.entries.map((e) => e.target).sort()).toEqual(
      [
        '/api/v2/user',
        '/api/v2/user/addresses/sender',
        '/api/v2/user/invoices',
        '/api/v2/integrations',
        '/api/v2/integrations/4242/logs',
        '/api/v2/shipping_methods?sender_address=all',
      ].sort(),
    );
    expect(log.entries.every((e) => e.source === 'sendcloud' && e.method === 'GET')).toBe(true);
    expect(log.duplicates()).toEqual([]);
    const seen = sandbox.requests().map((r) => r.path);
    expect(new Set(seen).size).toBe(seen.length);
    expect(sandbox.requests().find((r) => r.path === '/api/v2/shipping_methods')?.query).toEqual({ sender_address: 'all' });
  });

  it('keeps no secret, no module settings and no personal data in the parts or the log', async () => {
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expectNoSecrets(parts);
    expectNoSecrets(log.entries);
    expect(JSON.stringify(parts)).not.toContain('url_webshop');
  });

  it('matches the shop by host whatever the port, case and trailing slash', async () => {
    for (const url of ['http://127.0.0.1:1/', 'HTTP://127.0.0.1', 'https://127.0.0.1:443']) {
      log = new RequestLog();
      const parts = await gatherSendcloud(config(), url, opts());
      expect(data(parts, 'sendcloud.integrations').matchedId).toBe(4242);
    }
  });

  it('without a matching shop: matchedId null, no log request, an empty log part', async () => {
    const parts = await gatherSendcloud(config(), 'https://boutique-des-clubs.example.fr/', opts());
    expect(data(parts, 'sendcloud.integrations').matchedId).toBeNull();
    expect(data(parts, 'sendcloud.integrationLogs')).toEqual({ integrationId: null, entries: [], truncated: false });
    expect(log.entries.some((e) => e.target.includes('/logs'))).toBe(false);
  });
});

describe('reads in flight together (issue 9)', () => {
  it('the user does not hold back the other reads; only the logs wait, for the integrations', async () => {
    // Every request held 150 ms by the emulator: the five independent reads must all be there at once.
    faults.add({ name: 'slow', path: '*', latencyMs: 150 });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expect(data(parts, 'sendcloud.integrationLogs').integrationId).toBe(4242);
    expect(sandbox.maxInFlight()).toBe(5);
    const paths = sandbox.requests().map((r) => r.path);
    expect(paths.slice(0, 5).sort()).toEqual(
      ['/api/v2/user', '/api/v2/user/addresses/sender', '/api/v2/user/invoices', '/api/v2/integrations', '/api/v2/shipping_methods'].sort(),
    );
    expect(paths[5]).toBe('/api/v2/integrations/4242/logs');
  });

  it('a rate-limited account: the speculative reads are cancelled, not retried, every part has the user cause', async () => {
    faults.add({ path: '*', latencyMs: 50 });
    const parts = await gatherSendcloud(config({ publicKey: 'FAKEscPublic0busy000000000000003', secretKey: 'FAKEscSecret0busy000000000000003' }), shopUrl(), opts({ retry: { retries: 2 } }));
    const cause = causeOf(parts, 'sendcloud.user');
    expect(cause.kind).toBe('rate-limited');
    for (const name of SENDCLOUD_PART_NAMES) expect(causeOf(parts, name)).toEqual(cause);
    expect(sandbox.requests().filter((r) => r.path === '/api/v2/user')).toHaveLength(3);
    // Each other resource asked at most as often as the user (never beyond the user's own retries).
    for (const path of ['/api/v2/user/addresses/sender', '/api/v2/user/invoices', '/api/v2/integrations', '/api/v2/shipping_methods']) {
      expect(sandbox.requests().filter((r) => r.path === path).length).toBeLessThanOrEqual(3);
    }
  });
  it('keys refused while the other reads hang: those are cancelled, the gathering does not wait for them', async () => {
    for (const path of ['/api/v2/user/*', '/api/v2/integrations', '/api/v2/shipping_methods']) faults.add({ path, respond: { kind: 'hang' } });
    // A 60 s per-request timeout against a 10 s test: only the cancellation lets this test end.
    const parts = await gatherSendcloud(config({ secretKey: 'FAKEscSecret0wrong00000000000009' }), shopUrl(), opts({ timeoutMs: 60_000 }));
    for (const name of SENDCLOUD_PART_NAMES) expect(causeOf(parts, name)).toMatchObject({ kind: 'auth', status: 401 });
    expectEachOnce(sandbox.requests().map((r) => r.path));
  }, 10_000);
});

describe('failures become failed parts with a Cause', () => {
  it('wrong keys: every part failed (auth, 401, upstream message), each resource asked once at most, fix names the Sendcloud menu', async () => {
    const wrongSecret = 'FAKEscSecret0wrong00000000000009';
    const parts = await gatherSendcloud(config({ secretKey: wrongSecret }), shopUrl(), opts());
    for (const name of SENDCLOUD_PART_NAMES) {
      const cause = causeOf(parts, name);
      expect(cause).toMatchObject({ source: 'sendcloud', kind: 'auth', status: 401, host: new URL(sandbox.url).host });
      expect(cause.message).toContain('Invalid username/password.');
      expect(cause.fix!.map((f) => f.fr).join('\n')).toContain('Réglages > Intégrations > Sendcloud API');
      expect(cause.fix!.map((f) => f.en).join('\n')).toContain('Settings > Integrations > Sendcloud API');
    }
    // The reads start together (issue 9), so the others went out with the user; none is retried.
    expect(sandbox.requests().filter((r) => r.path === '/api/v2/user')).toHaveLength(1);
    expectEachOnce(sandbox.requests().map((r) => r.path));
    expect(JSON.stringify(parts)).not.toContain(wrongSecret);
    expectNoSecrets(parts);
  });

  it('revoked keys answer 401 too', async () => {
    const parts = await gatherSendcloud(config({ publicKey: 'FAKEscPublic0revoked0000000000002', secretKey: 'FAKEscSecret0revoked0000000000002' }), shopUrl(), opts());
    expect(causeOf(parts, 'sendcloud.user')).toMatchObject({ kind: 'auth', status: 401 });
  });

  it('missing keys: every part failed, nothing sent', async () => {
    const parts = await gatherSendcloud({ sendcloud: { apiBase: sandbox.url, publicKey: PUBLIC } }, shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.integrations');
    expect(cause).toMatchObject({ source: 'config', kind: 'missing-keys' });
    expect(cause.message).toContain('sendcloud.secretKey');
    expect(sandbox.requests()).toEqual([]);
  });

  it('429 twice then success: retried after Retry-After, one logical request', async () => {
    faults.add({ path: '/api/v2/user', times: 2, respond: { kind: 'status', status: 429, retryAfter: 1, contentType: 'application/json', body: '{"error":{"code":429,"request":"api/v2/user","message":"Request was throttled."}}' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expect(data(parts, 'sendcloud.user').companyName).toBe('Boutique des Clubs SAS');
    expect(sleeps).toEqual([1000, 1000]);
    expect(sandbox.requests().filter((r) => r.path === '/api/v2/user')).toHaveLength(3);
    expect(log.entries.filter((e) => e.target === '/api/v2/user')).toHaveLength(1);
  });

  it('429 without Retry-After: backs off on its own', async () => {
    faults.add({ path: '/api/v2/integrations', times: 1, respond: { kind: 'status', status: 429 } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expect(data(parts, 'sendcloud.integrations').matchedId).toBe(4242);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
  });

  it('rate-limited until retries run out: rate-limited with the status and Retry-After', async () => {
    const parts = await gatherSendcloud(config({ publicKey: 'FAKEscPublic0busy000000000000003', secretKey: 'FAKEscSecret0busy000000000000003' }), shopUrl(), opts({ retry: { retries: 2 } }));
    const cause = causeOf(parts, 'sendcloud.user');
    expect(cause).toMatchObject({ source: 'sendcloud', kind: 'rate-limited', status: 429 });
    expect(cause.message).toContain('Retry-After 1');
    expect(cause.message).toContain('Request was throttled.');
    // The user waited its Retry-After twice; the speculative reads, refused alike, waited the same and
    // were cancelled when the user gave up (issue 9: they start with the user).
    expect(sleeps.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(2);
    expect(sleeps.every((ms) => ms === 1000)).toBe(true);
    expect(sandbox.requests().filter((r) => r.path === '/api/v2/user')).toHaveLength(3);
    // The account is out of reach for now: every part tells why.
    for (const name of SENDCLOUD_PART_NAMES) expect(causeOf(parts, name)).toEqual(cause);
  });

  it('a wrong apiBase (404 envelope on the user): not-found on every part, with the config fix', async () => {
    const parts = await gatherSendcloud(config({ apiBase: `${sandbox.url}/sendcloud` }), shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.shippingMethods');
    expect(cause).toMatchObject({ kind: 'not-found', status: 404 });
    expect(cause.message).toContain('"Not found."');
    expect(cause.fix!.map((f) => f.en).join()).toContain('sendcloud.apiBase');
    const paths = sandbox.requests().map((r) => r.path);
    expect(paths).toContain('/sendcloud/api/v2/user');
    expect(paths.every((p) => p.startsWith('/sendcloud/api/v2/')), paths.join()).toBe(true);
    expectEachOnce(paths);
  });

  it('a user request that hangs: timeout on every part, each resource asked once at most', async () => {
    faults.add({ path: '/api/v2/user', respond: { kind: 'hang' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts({ timeoutMs: 300 }));
    for (const name of SENDCLOUD_PART_NAMES) expect(causeOf(parts, name).kind).toBe('timeout');
    expect(log.entries.map((e) => e.target)).toContain('/api/v2/user');
    expectEachOnce(log.entries.map((e) => e.target));
  });

  it('5xx on one resource: that part (and the logs that depend on it) fail, the others are gathered', async () => {
    faults.add({ path: '/api/v2/integrations', respond: { kind: 'html-error', status: 500 } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.integrations');
    expect(cause).toMatchObject({ source: 'sendcloud', kind: 'server-error', status: 500 });
    expect(cause.message).toContain('HTML page "500 Internal Server Error"');
    expect(causeOf(parts, 'sendcloud.integrationLogs')).toEqual(cause);
    expect(data(parts, 'sendcloud.user').companyName).toBe('Boutique des Clubs SAS');
    expect(data(parts, 'sendcloud.shippingMethods').carriers).toContain('colissimo');
    expect(sleeps).toEqual([]);
  });

  it('503 on every attempt: retried, then server-error', async () => {
    faults.add({ path: '/api/v2/user/addresses/sender', respond: { kind: 'status', status: 503 } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts({ retry: { retries: 2 } }));
    expect(causeOf(parts, 'sendcloud.senderAddresses')).toMatchObject({ kind: 'server-error', status: 503 });
    expect(sandbox.requests().filter((r) => r.path === '/api/v2/user/addresses/sender')).toHaveLength(3);
  });

  it('garbage JSON: malformed', async () => {
    faults.add({ path: '/api/v2/user/addresses/sender', respond: { kind: 'garbage' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.senderAddresses');
    expect(cause).toMatchObject({ source: 'sendcloud', kind: 'malformed', status: 200 });
    expect(cause.message).toContain('not JSON');
  });

  it('JSON of the wrong shape: malformed, naming the field', async () => {
    faults.add({ path: '/api/v2/shipping_methods', respond: { kind: 'status', status: 200, contentType: 'application/json', body: '{"shipping_methods":[{"id":1,"carrier":42}]}' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.shippingMethods');
    expect(cause.kind).toBe('malformed');
    expect(cause.message).toContain('shipping_methods.0.carrier');
  });

  it('a hung request: timeout, the other parts gathered', async () => {
    faults.add({ path: '/api/v2/user/invoices', respond: { kind: 'hang' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts({ timeoutMs: 300 }));
    expect(causeOf(parts, 'sendcloud.invoices')).toMatchObject({ source: 'sendcloud', kind: 'timeout', host: new URL(sandbox.url).host });
    expect(data(parts, 'sendcloud.senderAddresses').count).toBe(1);
  });

  it('connection refused: unreachable, with the system code', async () => {
    const port = await closedPort();
    const parts = await gatherSendcloud(config({ apiBase: `http://127.0.0.1:${port}` }), shopUrl(), opts());
    const cause = causeOf(parts, 'sendcloud.user');
    expect(cause).toMatchObject({ source: 'sendcloud', kind: 'unreachable', host: `127.0.0.1:${port}`, code: 'ECONNREFUSED' });
    expect(cause.message).toContain('refused the connection');
    expectEachOnce(log.entries.map((e) => e.target));
    for (const name of SENDCLOUD_PART_NAMES) expect(causeOf(parts, name)).toEqual(cause);
    expectNoSecrets(parts);
  });

  it('invoices or logs not offered (403/404): unavailable, not failed', async () => {
    faults.add({ path: '/api/v2/user/invoices', respond: { kind: 'status', status: 404, contentType: 'application/json', body: '{"error":{"code":404,"request":"api/v2/user/invoices","message":"Not found."}}' } });
    faults.add({ path: '/api/v2/integrations/4242/logs', respond: { kind: 'status', status: 403 } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts());
    expect(parts['sendcloud.invoices']).toMatchObject({ status: 'unavailable', reason: { en: expect.stringContaining('HTTP 404') } });
    expect(parts['sendcloud.integrationLogs']).toMatchObject({ status: 'unavailable', reason: { fr: expect.stringContaining('4242') } });
  });

  it('no Cause or log entry ever holds a key, whatever failed', async () => {
    faults.add({ path: '/api/v2/user/invoices', respond: { kind: 'status', status: 400, contentType: 'application/json', body: `{"error":{"code":400,"request":"api/v2/user/invoices","message":"bad key ${SECRET}"}}` } });
    faults.add({ path: '/api/v2/integrations', respond: { kind: 'reset' } });
    const parts = await gatherSendcloud(config(), shopUrl(), opts({ retry: false }));
    expect(causeOf(parts, 'sendcloud.invoices')).toMatchObject({ kind: 'http-error', status: 400 });
    expect(causeOf(parts, 'sendcloud.integrations').kind).toBe('unreachable');
    expectNoSecrets(parts);
    expectNoSecrets(log.entries);
  });
});

describe('shop integration matching', () => {
  const item = (id: number, shopUrl: string | null, system = 'prestashop') => ({
    id,
    shopName: `#${id}`,
    shopUrl,
    system,
    failingSince: null,
    lastFetch: null,
    servicePointEnabled: true,
    servicePointCarriers: [],
    webhookActive: null,
  });

  it.each([
    ['https://Shop.Example.fr/', 'shop.example.fr'],
    ['http://shop.example.fr:8080', 'shop.example.fr'],
    ['shop.example.fr/boutique/', 'shop.example.fr/boutique'],
    ['https://shop.example.fr/Boutique//', 'shop.example.fr/boutique'],
    ['', null],
    [null, null],
  ])('shopUrlKey(%j) = %j', (url, key) => {
    expect(shopUrlKey(url)).toBe(key);
  });

  it('prefers a prestashop* system among several integrations of the same URL', () => {
    const list = [item(1, 'https://shop.example.fr', 'api'), item(2, 'https://shop.example.fr/', 'PrestaShop_v2'), item(3, 'https://other.fr')];
    expect(matchShopIntegration(list, 'https://SHOP.example.fr')).toEqual({ matchedId: 2, candidateIds: [1, 2] });
  });

  it('falls back to the first of the same URL, and a different path does not match', () => {
    expect(matchShopIntegration([item(1, 'https://shop.example.fr', 'woocommerce')], 'https://shop.example.fr/').matchedId).toBe(1);
    expect(matchShopIntegration([item(1, 'https://shop.example.fr/boutique')], 'https://shop.example.fr/').matchedId).toBeNull();
    expect(matchShopIntegration([item(1, null)], 'https://shop.example.fr/').matchedId).toBeNull();
  });
});

describe('fixture variants through the three checks', () => {
  const checks = [sendcloudAccountSetup, sendcloudServicePoints, sendcloudIntegrationHealth];

  async function diagnose(fixture: SendcloudFixture): Promise<Record<string, string>> {
    return withFixture(fixture, async (url) => {
      const parts = await gatherSendcloud(config({ apiBase: url }), 'http://127.0.0.1:8080/', opts());
      const snapshot: Snapshot = {
        format: 'checkout-doctor-snapshot',
        schemaVersion: 1,
        generatedAt: new Date().toISOString(),
        shop: {},
        sources: {},
        parts,
        lookups: {},
        clubs: [{ name: 'FC Lyon', parts: {} }],
      };
      const results = await runChecks({ checks, snapshot, club: snapshot.clubs[0]!, query: {} });
      return Object.fromEntries(results.map((r) => [r.check.meta.id, r.status]));
    });
  }

  it('the demo account passes all three', async () => {
    expect(await diagnose(demo)).toEqual({ 'sendcloud-account-setup': 'pass', 'sendcloud-service-points': 'pass', 'sendcloud-integration-health': 'pass' });
  });

  const cases: Array<[SendcloudVariant, Record<string, string>]> = [
    ['no-sender-address', { 'sendcloud-account-setup': 'fail' }],
    ['no-invoice-address', { 'sendcloud-account-setup': 'fail' }],
    ['no-direct-debit', { 'sendcloud-account-setup': 'warn' }],
    ['service-points-off', { 'sendcloud-service-points': 'fail' }],
    ['no-service-point-carriers', { 'sendcloud-service-points': 'fail' }],
    ['failing', { 'sendcloud-integration-health': 'fail' }],
    ['stale-fetch', { 'sendcloud-integration-health': 'warn' }],
    ['log-errors', { 'sendcloud-integration-health': 'warn' }],
    ['no-shop-integration', { 'sendcloud-service-points': 'fail', 'sendcloud-integration-health': 'fail' }],
  ];
  it.each(cases)('%s', async (variant, expected) => {
    const statuses = await diagnose(sendcloudVariant(demo, variant));
    const all = { 'sendcloud-account-setup': 'pass', 'sendcloud-service-points': 'pass', 'sendcloud-integration-health': 'pass', ...expected };
    expect(statuses).toEqual(all);
  });

  it('a variant built by hand: shipping methods without any service-point method warn', async () => {
    const fixture = overrideSendcloudFixture(demo, { shippingMethods: [{ id: 1, name: 'Colissimo Home', carrier: 'colissimo', service_point_input: 'none' }] });
    expect((await diagnose(fixture))['sendcloud-service-points']).toBe('warn');
  });

  it('failed parts make the checks error, never crash', async () => {
    const parts: PartMap = {};
    const failed: PartEnvelope = { status: 'failed', cause: { source: 'sendcloud', kind: 'auth', message: 'refused' } };
    for (const name of SENDCLOUD_PART_NAMES) parts[name] = failed;
    const snapshot: Snapshot = { format: 'checkout-doctor-snapshot', schemaVersion: 1, generatedAt: new Date().toISOString(), shop: {}, sources: {}, parts, lookups: {}, clubs: [{ name: 'X', parts: {} }] };
    const results = await runChecks({ checks, snapshot, club: snapshot.clubs[0]!, query: {} });
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error']);
  });
});
