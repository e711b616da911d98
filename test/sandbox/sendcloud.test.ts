// The Sendcloud emulator over HTTP: Basic auth, v2 error envelopes, 404/405, 429 with or without
// Retry-After, relative dates, fault injection, and fixture validation / variants.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/sandbox/faults.js';
import {
  DEMO_SENDCLOUD_FIXTURE,
  loadSendcloudFixture,
  overrideSendcloudFixture,
  parseSendcloudFixture,
  SENDCLOUD_VARIANTS,
  sendcloudVariant,
  type SendcloudFixture,
  type SendcloudVariant,
} from '../../src/sandbox/sendcloud/fixture.js';
import { startSendcloudSandbox, type SendcloudSandbox } from '../../src/sandbox/sendcloud/server.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const GOOD = { user: 'FAKEscPublic0demo000000000000001', password: 'FAKEscSecret0demo000000000000001' };
let demo: SendcloudFixture;
let sandbox: SendcloudSandbox;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function call(path: string, init: { auth?: string | null; method?: string } = {}) {
  const headers: Record<string, string> = {};
  const auth = init.auth === undefined ? basic(GOOD.user, GOOD.password) : init.auth;
  if (auth) headers.Authorization = auth;
  const res = await fetch(`${sandbox.url}${path}`, { method: init.method ?? 'GET', headers, signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as any };
}

beforeAll(async () => {
  demo = await loadSendcloudFixture(DEMO_SENDCLOUD_FIXTURE.pathname);
  sandbox = await startSendcloudSandbox({ fixture: demo, faults: new FaultInjector(), now: () => NOW });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.clearLog();
});

describe('Sendcloud emulator', () => {
  it('serves the user with good keys, wrapped in "user"', async () => {
    const r = await call('/api/v2/user');
    expect(r.status).toBe(200);
    expect(r.json.user.company_name).toBe('Boutique des Clubs SAS');
  });

  it('wrong keys: 401 with the documented v2 body', async () => {
    const r = await call('/api/v2/user', { auth: basic(GOOD.user, 'nope') });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 401, request: 'api/v2/user', message: 'Invalid username/password.' } });
  });

  it('no credentials and revoked keys are refused too', async () => {
    expect((await call('/api/v2/integrations', { auth: null })).json.error).toMatchObject({ code: 401, request: 'api/v2/integrations' });
    const revoked = await call('/api/v2/user', { auth: basic('FAKEscPublic0revoked0000000000002', 'FAKEscSecret0revoked0000000000002') });
    expect(revoked.json.error.message).toBe('Invalid username/password.');
  });

  it('unknown paths and unknown integrations: 404 envelopes', async () => {
    expect((await call('/api/v2/parcels')).json).toEqual({ error: { code: 404, request: 'api/v2/parcels', message: 'Not found.' } });
    expect((await call('/api/v2/integrations/1/logs')).json).toEqual({
      error: { code: 404, request: 'api/v2/integrations/1/logs', message: 'No Integration matches the given query.' },
    });
  });

  it('refuses anything but GET', async () => {
    const r = await call('/api/v2/integrations/4242', { method: 'PATCH' });
    expect(r.status).toBe(405);
    expect(r.json.error.code).toBe(405);
  });

  it('a rate-limited key gets 429 with its Retry-After', async () => {
    const r = await call('/api/v2/user', { auth: basic('FAKEscPublic0busy000000000000003', 'FAKEscSecret0busy000000000000003') });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json.error.code).toBe(429);
  });

  it('a rate-limited key without retryAfter gets 429 without the header', async () => {
    const fixture = overrideSendcloudFixture(demo, { keys: [{ publicKey: 'p'.repeat(16), secretKey: 's'.repeat(16), state: 'rate-limited' }] });
    const other = await startSendcloudSandbox({ fixture });
    try {
      const res = await fetch(`${other.url}/api/v2/user`, { headers: { Authorization: basic('p'.repeat(16), 's'.repeat(16)) }, signal: AbortSignal.timeout(5_000) });
      await res.text();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('integrations: a top-level array with relative dates resolved against the clock', async () => {
    const r = await call('/api/v2/integrations/');
    expect(Array.isArray(r.json)).toBe(true);
    const shop = r.json.find((i: { id: number }) => i.id === 4242);
    expect(shop.last_fetch).toBe('2026-11-23T09:30:00Z');
    expect(shop).not.toHaveProperty('last_fetch_hours_ago');
    expect(shop.failing_since).toBeNull();
  });

  it('logs: paginated shape, newest first', async () => {
    const r = await call('/api/v2/integrations/4242/logs');
    expect(r.json.next).toBeNull();
    expect(r.json.results.map((l: { id: number }) => l.id)).toEqual([8801, 8790, 8001]);
    expect(r.json.results[0].created_at).toBe('2026-11-23T09:30:00Z');
  });

  it('shipping methods accept sender_address=all or a known id', async () => {
    expect((await call('/api/v2/shipping_methods?sender_address=all')).json.shipping_methods).toHaveLength(4);
    expect((await call('/api/v2/shipping_methods?sender_address=99')).status).toBe(404);
  });

  it('logs every request with the public key masked, and applies faults first', async () => {
    sandbox.faults.add({ path: '/api/v2/user/invoices', times: 1, respond: { kind: 'status', status: 503 } });
    expect((await call('/api/v2/user/invoices')).status).toBe(503);
    expect((await call('/api/v2/user/invoices')).status).toBe(200);
    expect(sandbox.requests().map((r) => r.path)).toEqual(['/api/v2/user/invoices', '/api/v2/user/invoices']);
    expect(sandbox.calls).toHaveLength(1);
    expect(sandbox.calls[0]!.publicKey).toBe('FAKE…0001');
    expect(JSON.stringify(sandbox.calls)).not.toContain(GOOD.password);
  });
});

describe('Sendcloud fixture', () => {
  it('rejects an invalid fixture with the path of the problem', () => {
    expect(() => parseSendcloudFixture({ ...demo, keys: [] })).toThrow(/keys/);
    expect(() => parseSendcloudFixture({ ...demo, integrations: [demo.integrations[0], demo.integrations[0]] })).toThrow(/id listed twice/);
    expect(() => parseSendcloudFixture({ ...demo, integrations: [{ ...demo.integrations[0], failing_since: '2026-01-01T00:00:00Z', failing_since_hours_ago: 3 }] })).toThrow(
      /failing_since or failing_since_hours_ago/,
    );
  });

  it('overrides leave the base untouched', () => {
    const before = JSON.stringify(demo);
    const changed = overrideSendcloudFixture(demo, { shopIntegration: { service_point_enabled: false }, senderAddresses: [] });
    expect(JSON.stringify(demo)).toBe(before);
    expect(changed.integrations.find((i) => i.id === 4242)!.service_point_enabled).toBe(false);
    expect(changed.senderAddresses).toEqual([]);
  });

  it('an absolute date in an override replaces the relative one', () => {
    const changed = overrideSendcloudFixture(demo, { shopIntegration: { last_fetch: '2026-01-01T00:00:00Z' } });
    const shop = changed.integrations.find((i) => i.id === 4242)!;
    expect(shop.last_fetch).toBe('2026-01-01T00:00:00Z');
    expect(shop.last_fetch_hours_ago).toBeUndefined();
  });

  it.each(Object.keys(SENDCLOUD_VARIANTS) as SendcloudVariant[])('variant %s is a valid fixture', (name) => {
    expect(() => sendcloudVariant(demo, name)).not.toThrow();
  });
});
