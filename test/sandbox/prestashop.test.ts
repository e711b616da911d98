// The webservice client against the real emulator over 127.0.0.1: the demo shop read end to end,
// every error of §4 as a typed cause, and injected faults (429 + Retry-After, hang, HTML 500, PHP
// warning, garbage, redirect). The request log proves nothing is fetched twice.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { setConfiguration } from '../../src/sandbox/shop-fixture.js';
import { associationIds, i18nText, toBool, toInt } from '../../src/sources/prestashop/coerce.js';
import { RequestLog } from '../../src/sources/request-log.js';
import { redactor } from '../../src/secrets/redact.js';
import { eq, PrestaShopWebservice, PrestaShopWebserviceError, type WebserviceOptions } from '../../src/sources/prestashop/webservice.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';

let ps: PrestaShopSandbox;
let sleeps: number[];

beforeAll(async () => {
  ps = await startPrestaShopSandbox();
});
afterAll(async () => {
  await ps.close();
});
afterEach(() => {
  ps.faults.clear();
  ps.requests.length = 0;
});

function client(extra: Partial<WebserviceOptions> = {}) {
  sleeps = [];
  return new PrestaShopWebservice({
    url: ps.url,
    key: KEY,
    timeoutMs: 3000,
    // Record the waits the client asks for, and wait a little for real.
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((r) => setTimeout(r, 5));
    },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<PrestaShopWebserviceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PrestaShopWebserviceError);
    return error as PrestaShopWebserviceError;
  }
  throw new Error('expected a failure');
}

describe('reading the demo shop', () => {
  it('lists customers with coercible fields and group associations', async () => {
    const ws = client();
    const [marie] = await ws.list('customers', { display: 'full', filter: { email: eq('marie.durand@example.fr') } });
    expect(marie).toBeDefined();
    expect(toInt(marie!.id_default_group)).toBe(4);
    expect(associationIds(marie!, 'groups')).toEqual([3, 4]);
    expect(toBool(marie!.deleted)).toBe(false);
    expect(ws.version).toBe('8.1.2');
  });

  it('getById keeps falsy fields (list form), and returns null for a missing id', async () => {
    const ws = client();
    const guest = await ws.getById('customers', 3);
    expect(guest).toMatchObject({ id: 3, is_guest: '1', deleted: '0' });
    expect(await ws.getById('customers', 999)).toBeNull();
  });

  it('paginates the whole order-state list in id order', async () => {
    const ws = client({ pageSize: 5 });
    const states = await ws.listAll('order_states', { display: 'full' });
    expect(states.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(i18nText(states[3]!.name, 1)).toBe('Expédié');
    // The first page, then one request without display nor limit for the ids (the total), then the
    // remaining pages together (src/sources/prestashop/webservice.ts, listAll).
    expect(ps.requests.map((r) => r.query.limit)).toEqual(['0,5', undefined, '5,5', '10,5']);
    expect(ps.requests[1]!.query.display).toBeUndefined();
  });

  it('reads the club groups and categories by i18n name', async () => {
    const ws = client();
    const groups = await ws.listAll('groups', { display: 'full' });
    expect(groups.map((g) => i18nText(g.name, 1))).toContain('AS Saint-Étienne');
    const [noisy] = await ws.list('categories', { display: 'full', filter: { name: eq('Olympique Noisy-le-Sec') } });
    expect(toBool(noisy!.active)).toBe(false);
  });

  it('fetches nothing twice, however many overlapping callers ask', async () => {
    const log = new RequestLog();
    const ws = client({ requestLog: log });
    const asks = () => [
      ws.listAll('groups', { display: 'full' }),
      ws.list('configurations', { display: ['name', 'value', 'id_shop', 'id_shop_group'], filter: { name: '[PS_]%' } }),
      ws.getById('customers', 1),
      ws.listAll('order_states', { display: 'full' }),
    ];
    await Promise.all([...asks(), ...asks()]);
    await Promise.all(asks());
    const urls = ps.requests.map((r) => r.url);
    expect(urls.length).toBe(4);
    expect(new Set(urls).size).toBe(urls.length);
    expect(ws.requestCount).toBe(4);
    expect(log.entries).toHaveLength(4);
    expect(log.duplicates()).toEqual([]);
    expect(log.entries.every((e) => e.source === 'prestashop' && e.method === 'GET' && e.target.startsWith('/api/'))).toBe(true);
    expect(JSON.stringify(log.entries)).not.toContain(KEY);
  });

  it('registers the key with the redactor', () => {
    client();
    expect(redactor.redact(`key=${KEY}`)).not.toContain(KEY);
  });
});

describe('errors of §4 over the wire', () => {
  it.each([
    ['DEMO4OLDKEYDISABLEDBYTHEAGENCY02', 'auth', 21],
    ['SHORT', 'auth', 18],
    ['DEMO4KEYWITHOUTANYPERMISSION0004', 'auth', 21],
    ['DEMO4SENDCLOUDKEYNOCUSTOMERS0003', 'forbidden-resource', 26],
    ['DEMO4KEYFOROTHERSHOPONLY00000005', 'shop-context', 132],
  ])('key %s → %s (code %i)', async (key, kind, code) => {
    const err = await failure(client({ key }).list('customers'));
    expect(err.toCause()).toMatchObject({ source: 'prestashop', kind, code, status: kind === 'shop-context' ? 403 : 401, host: new URL(ps.url).host });
  });

  it('an empty key → code 17', async () => {
    expect((await failure(client({ key: '' }).list('customers'))).code).toBe(17);
  });

  it('webservice disabled → 503 code 22, not retried', async () => {
    setConfiguration(ps.fixture, 'PS_WEBSERVICE', '0');
    try {
      const err = await failure(client().list('groups'));
      expect(err.kind).toBe('webservice-disabled');
      expect(sleeps).toEqual([]);
      expect(ps.requests).toHaveLength(1);
    } finally {
      setConfiguration(ps.fixture, 'PS_WEBSERVICE', '1');
    }
  });

  it('Authorization stripped by the server → auth-header-stripped with the CGI fix', async () => {
    const cgi = await startPrestaShopSandbox({ stripAuthorization: true });
    try {
      const err = await failure(new PrestaShopWebservice({ url: cgi.url, key: KEY, timeoutMs: 3000 }).list('groups'));
      expect(err.kind).toBe('auth-header-stripped');
      expect(err.toCause().fix?.some((f) => f.en.includes('Enable CGI mode for PHP'))).toBe(true);
    } finally {
      await cgi.close();
    }
  });

  it('a wrong base URL (subfolder that does not exist) → not-webservice', async () => {
    const err = await failure(client({ url: `${ps.url}/boutique/` }).list('groups'));
    expect(err.kind).toBe('not-webservice');
    expect(ps.requests[0]!.path).toBe('/boutique/api/groups');
  });

  it('a missing resource id through the single form → not-found', async () => {
    const err = await failure(client().getJson('customers/999'));
    expect(err.kind).toBe('not-found');
    expect(err.status).toBe(404);
  });

  it('an unreachable port → unreachable', async () => {
    const closed = await startPrestaShopSandbox();
    const url = closed.url;
    await closed.close();
    const err = await failure(new PrestaShopWebservice({ url, key: KEY, timeoutMs: 3000 }).list('groups'));
    expect(err.kind).toBe('unreachable');
  });
});

describe('injected faults', () => {
  it('429 twice with Retry-After, then success: the waits follow Retry-After', async () => {
    ps.faults.add({ path: '/api/groups', times: 2, respond: { kind: 'status', status: 429, retryAfter: 1 } });
    const ws = client();
    const groups = await ws.list('groups', { display: 'full' });
    expect(groups.length).toBe(8);
    expect(sleeps).toEqual([1000, 1000]);
    expect(ps.requests.filter((r) => r.path === '/api/groups')).toHaveLength(3);
    expect(ps.faults.hits.map((h) => h.action)).toEqual(['status', 'status']);
  });

  it('429 with a real Retry-After wait', async () => {
    ps.faults.add({ path: '/api/zones', times: 1, respond: { kind: 'status', status: 429, retryAfter: 1 } });
    const ws = new PrestaShopWebservice({ url: ps.url, key: KEY, timeoutMs: 3000 });
    const started = Date.now();
    expect((await ws.list('zones')).length).toBe(9);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('503 HTML pages are retried with backoff, then reported as server errors', async () => {
    ps.faults.add({ path: '/api/carriers', respond: { kind: 'html-error', status: 503 } });
    const err = await failure(client({ retry: { retries: 2, baseDelayMs: 10 } }).list('carriers'));
    expect(err.kind).toBe('server-error');
    expect(err.status).toBe(503);
    expect(sleeps).toHaveLength(2);
    expect(ps.requests).toHaveLength(3);
  });

  it('a hung request becomes a timeout error', async () => {
    ps.faults.add({ path: '/api/customers', respond: { kind: 'hang' } });
    const err = await failure(client({ timeoutMs: 300 }).list('customers'));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/did not answer within 0\.3 s/);
    expect(sleeps).toEqual([]);
  });

  it('an HTML 500 → server-error; a PHP warning 500 → php-error naming the module', async () => {
    ps.faults.add({ path: '/api/customers', respond: { kind: 'html-error' } });
    ps.faults.add({ path: '/api/carriers', respond: { kind: 'php-warning' } });
    const ws = client();
    const html = await failure(ws.list('customers'));
    expect(html.kind).toBe('server-error');
    expect(html.message).toContain('HTML error page');
    const php = await failure(ws.list('carriers'));
    expect(php.kind).toBe('php-error');
    expect(php.toCause()).toMatchObject({ status: 500, code: 3 });
    expect(php.message).toContain('relaiscolis');
  });

  it('garbage JSON → malformed; a redirect → redirect with its Location, not followed', async () => {
    ps.faults.add({ path: '/api/zones', respond: { kind: 'garbage' } });
    ps.faults.add({ path: '/api/groups', respond: { kind: 'status', status: 301, headers: { Location: 'https://www.boutique-des-clubs.test/api/groups' } } });
    const ws = client();
    expect((await failure(ws.list('zones'))).kind).toBe('malformed');
    const redirect = await failure(ws.list('groups'));
    expect(redirect.kind).toBe('redirect');
    expect(redirect.location).toBe('https://www.boutique-des-clubs.test/api/groups');
    expect(ps.requests.map((r) => r.path)).toEqual(['/api/zones', '/api/groups']);
  });

  it('latency below the timeout is only slower', async () => {
    ps.faults.add({ path: '/api/zones', latencyMs: 100 });
    expect((await client({ timeoutMs: 2000 }).list('zones')).length).toBe(9);
  });
});

describe('faults from a JSON file', () => {
  it('loads fixtures/shops/faults/flaky-webservice.json and the client rides through the transient ones', async () => {
    const flaky = await startPrestaShopSandbox({ faults: new URL('../../fixtures/shops/faults/flaky-webservice.json', import.meta.url).pathname });
    try {
      const recorded: number[] = [];
      const ws = new PrestaShopWebservice({ url: flaky.url, key: KEY, timeoutMs: 3000, sleep: async (ms) => void recorded.push(ms) });
      expect((await ws.list('groups')).length).toBe(8);
      expect((await ws.list('zones')).length).toBe(9);
      const php = await failure(ws.list('carriers'));
      expect(php.kind).toBe('php-error');
      expect(php.message).toContain('mondialrelay');
      expect(recorded[0]).toBe(1000);
      expect(recorded).toHaveLength(3);
      expect(flaky.faults.hits.map((h) => h.rule)).toEqual([
        'groups rate-limited twice',
        'groups rate-limited twice',
        'gateway error once on zones',
        'relay module warning on carriers',
      ]);
    } finally {
      await flaky.close();
    }
  });
});
