// The Stripe sandbox over plain HTTP (no SDK): error bodies, masking, Request-Id, lists, refusals.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStripeFixture, parseStripeFixture, type StripeFixture } from '../../src/sandbox/stripe/fixture.js';
import { maskLikeStripe, startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const FIXTURE_FILE = fileURLToPath(new URL('../../fixtures/shops/demo-stripe.json', import.meta.url));
const SK = 'sk_test_FAKEfrejus00000000000001';
const PK = 'pk_test_FAKEfrejus00000000000001';

let fixture: StripeFixture;
let sandbox: StripeSandbox;

async function get(path: string, auth?: string, method = 'GET') {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: auth === undefined ? {} : { Authorization: auth },
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, requestId: res.headers.get('request-id'), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

beforeAll(async () => {
  fixture = await loadStripeFixture(FIXTURE_FILE);
  sandbox = await startStripeSandbox({ fixture, now: () => NOW });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => sandbox.clearLog());

describe('Stripe sandbox', () => {
  it('serves the account with a Request-Id header, Bearer or Basic auth', async () => {
    const bearer = await get('/v1/account', `Bearer ${SK}`);
    expect(bearer.status).toBe(200);
    expect(bearer.requestId).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(bearer.body).toMatchObject({ id: 'acct_1FAKEfrejus00001', object: 'account', charges_enabled: true });
    const basic = await get('/v1/account', `Basic ${Buffer.from(`${SK}:`).toString('base64')}`);
    expect(basic.body.id).toBe('acct_1FAKEfrejus00001');
  });

  it('lists charges most recent first, honouring limit, with relative dates', async () => {
    const r = await get('/v1/charges?limit=1', `Bearer ${SK}`);
    expect(r.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/charges' });
    expect(r.body.data).toHaveLength(1);
    expect(r.body.data[0]).toMatchObject({ id: 'ch_FAKEfrejus0003', object: 'charge', livemode: false, created: Math.floor(NOW.getTime() / 1000) - 2 * 86_400 });
    const bad = await get('/v1/charges?limit=0', `Bearer ${SK}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('limit');
  });

  it('serves the balance with livemode from the key', async () => {
    const r = await get('/v1/balance', `Bearer ${SK}`);
    expect(r.body).toMatchObject({ object: 'balance', livemode: false, available: [{ amount: 125000, currency: 'eur' }] });
  });

  it('no key → 401 "You did not provide an API key"', async () => {
    const r = await get('/v1/account');
    expect(r.status).toBe(401);
    expect(r.body.error.type).toBe('invalid_request_error');
    expect(r.body.error.message).toMatch(/^You did not provide an API key\./);
    expect(r.requestId).toMatch(/^req_/);
  });

  it('unknown key → 401 Invalid API Key provided, masked like Stripe (length kept, last 4)', async () => {
    const key = 'sk_live_FAKEnobody00000000004321';
    const r = await get('/v1/account', `Bearer ${key}`);
    expect(r.status).toBe(401);
    expect(r.body.error).toEqual({ message: `Invalid API Key provided: sk_live_${'*'.repeat(20)}4321`, type: 'invalid_request_error' });
    expect(JSON.stringify(r.body)).not.toContain(key);
  });

  it('a key with a leading space is refused with the spaces hint', async () => {
    const r = await get('/v1/account', `Bearer  ${SK}`);
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('This key contains at least one space');
  });

  it('revoked key → same body as an unknown key', async () => {
    const r = await get('/v1/account', 'Bearer sk_test_FAKEgrasse00000000000001');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toMatch(/^Invalid API Key provided: sk_test_\*+0001$/);
    expect(r.body.error.code).toBeUndefined();
  });

  it('expired key → 401 api_key_expired', async () => {
    const r = await get('/v1/account', 'Bearer sk_test_FAKEantibes0000000000001');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'api_key_expired', doc_url: 'https://stripe.com/docs/error-codes/api-key-expired', type: 'invalid_request_error' });
    expect(r.body.error.message).toMatch(/^Expired API Key provided: sk_test_\*+0001$/);
  });

  it('publishable key on a secret-only endpoint → 401 secret_key_required', async () => {
    for (const path of ['/v1/account', '/v1/charges?limit=1', '/v1/balance']) {
      const r = await get(path, `Bearer ${PK}`);
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'secret_key_required', type: 'invalid_request_error' });
      expect(r.body.error.message).toMatch(/^This API call cannot be made with a publishable API key\./);
    }
  });

  it('restricted key without the permission → 403 naming the account and the permission', async () => {
    const rk = 'rk_test_FAKEvallauris00000000001';
    const denied = await get('/v1/account', `Bearer ${rk}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.type).toBe('invalid_request_error');
    expect(denied.body.error.message).toBe(
      `The provided key '${maskLikeStripe(rk)}' does not have the required permissions for this endpoint on account 'acct_1FAKEvallau00001'. Having the 'rak_account_read' permission would allow this request to continue.`,
    );
    const allowed = await get('/v1/charges?limit=1', `Bearer ${rk}`);
    expect(allowed.status).toBe(200);
  });

  it('rate-limited key → 429 rate_limit with Retry-After', async () => {
    const custom = parseStripeFixture({ accounts: [{ keys: [{ key: 'sk_test_FAKEbusy000000000000001', state: 'rate-limited' }], account: { id: 'acct_1FAKEbusy00000001' } }] });
    const own = await startStripeSandbox({ fixture: custom });
    try {
      const res = await fetch(`${own.url}/v1/account`, { headers: { Authorization: 'Bearer sk_test_FAKEbusy000000000000001' }, signal: AbortSignal.timeout(5_000) });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as any).error).toMatchObject({ code: 'rate_limit', type: 'invalid_request_error' });
    } finally {
      await own.close();
    }
  });

  it('unknown paths are 404, writes are refused (POST /v1/tokens never creates anything)', async () => {
    expect((await get('/v1/customers', `Bearer ${SK}`)).body.error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/customers\)/);
    const post = await get('/v1/tokens', `Bearer ${PK}`, 'POST');
    expect(post.status).toBe(404);
    const write = await get('/v1/account', `Bearer ${SK}`, 'POST');
    expect(write.status).toBe(405);
  });

  it('derives Request-Ids from the request, so recordings are reproducible', async () => {
    const ids = async () => {
      const own = await startStripeSandbox({ fixture });
      try {
        const out: (string | null)[] = [];
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${own.url}/v1/balance`, { headers: { Authorization: `Bearer ${SK}` }, signal: AbortSignal.timeout(5_000) });
          await res.text();
          out.push(res.headers.get('request-id'));
        }
        return out;
      } finally {
        await own.close();
      }
    };
    const [a, b] = [await ids(), await ids()];
    expect(a[0]).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(a[1]).not.toBe(a[0]);
    expect(b).toEqual(a);
  });

  it('logs every call with the key masked', async () => {
    await get('/v1/account', `Bearer ${SK}`);
    await get('/v1/account');
    expect(sandbox.calls).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/account', key: maskLikeStripe(SK), accountId: 'acct_1FAKEfrejus00001', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/v1/account', key: null, accountId: null, status: 401 }),
    ]);
    expect(JSON.stringify(sandbox.calls)).not.toContain(SK);
  });

  it('injected faults answer instead of the emulator', async () => {
    sandbox.faults.add({ path: '/v1/balance', times: 1, respond: { kind: 'status', status: 503, retryAfter: 2, body: '{}', contentType: 'application/json' } });
    const r = await get('/v1/balance', `Bearer ${SK}`);
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('2');
    expect(sandbox.calls).toHaveLength(0);
    expect(sandbox.requests()).toHaveLength(1);
    sandbox.faults.clear();
  });
});

describe('Stripe fixture', () => {
  it('the demo fixture illustrates every case named in the brief', () => {
    const notes = fixture.accounts.map((a) => a.note ?? '').join('\n');
    for (const word of ['healthy', 'dormant', 'under review', 'past due', 'expired', 'revoked', 'restricted key without the account read permission']) expect(notes).toContain(word);
    expect(fixture.clubs.map((c) => c.name)).toEqual(expect.arrayContaining(['Étoile Sportive de Fréjus', 'AS Saint-Étienne']));
  });

  it('refuses a key listed twice and a malformed key', () => {
    expect(() => parseStripeFixture({ accounts: [{ keys: [{ key: SK }, { key: SK }], account: { id: 'acct_1X' } }] })).toThrow(/key listed twice/);
    expect(() => parseStripeFixture({ accounts: [{ keys: [{ key: 'sk_test_with space' }], account: { id: 'acct_1X' } }] })).toThrow(/expected a Stripe key/);
  });
});
