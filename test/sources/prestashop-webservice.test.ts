// The webservice client against undici's MockAgent: request shape, parsing quirks, coercion,
// caching, pagination, retries and every error of api-notes/prestashop.md §4 as a typed Cause.

import { MockAgent } from 'undici';
import { WEBSERVICE_RESOURCES } from '../../src/sources/prestashop/resources.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, httpRequest, parseRetryAfter, withRunSignal } from '../../src/sources/http.js';
import { associationIds, i18nAll, i18nText, toBool, toDate, toInt, toIntOr, toNumber, toStr } from '../../src/sources/prestashop/coerce.js';
import {
  contains,
  eq,
  PrestaShopWebservice,
  PrestaShopWebserviceError,
  type WebserviceOptions,
} from '../../src/sources/prestashop/webservice.js';

const ORIGIN = 'http://shop.test';
const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';
const PS = { 'x-powered-by': 'PrestaShop Webservice', 'psws-version': '8.1.2' };
const JSON_HEADERS = { ...PS, 'content-type': 'application/json' };

let agent: MockAgent;
let sleeps: number[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  sleeps = [];
});
afterEach(async () => {
  await agent.close();
});

function client(extra: Partial<WebserviceOptions> = {}) {
  return new PrestaShopWebservice({
    url: `${ORIGIN}/`,
    key: KEY,
    dispatcher: agent,
    timeoutMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
}

const pool = () => agent.get(ORIGIN);
const onPath = (prefix: string) => (path: string) => path.split('?')[0] === prefix;

async function failure(promise: Promise<unknown>): Promise<PrestaShopWebserviceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PrestaShopWebserviceError);
    return error as PrestaShopWebserviceError;
  }
  throw new Error('expected a failure');
}

describe('request shape', () => {
  it('sends Basic auth with the key as user name, both JSON switches, and no ws_key', async () => {
    let seen: { path: string; headers: Record<string, string> } | undefined;
    pool()
      .intercept({ path: onPath('/sub/api/customers'), method: 'GET' })
      .reply((opts) => {
        seen = { path: opts.path, headers: opts.headers as Record<string, string> };
        return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
      });
    const ws = new PrestaShopWebservice({ url: `${ORIGIN}/sub/`, key: KEY, dispatcher: agent });
    expect(await ws.list('customers', { display: ['email'], filter: { email: eq('marie@example.fr') } })).toEqual([]);
    const headers = Object.fromEntries(Object.entries(seen!.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers.authorization).toBe('Basic ' + Buffer.from(`${KEY}:`).toString('base64'));
    expect(headers['output-format']).toBe('JSON');
    const url = new URL(seen!.path, ORIGIN);
    expect(url.searchParams.get('output_format')).toBe('JSON');
    expect(url.searchParams.get('display')).toBe('[id,email]');
    expect(url.searchParams.get('filter[email]')).toBe('[marie@example.fr]');
    expect(seen!.path).not.toContain(KEY);
    expect(url.searchParams.has('ws_key')).toBe(false);
  });

  it('adds id_shop when a shop is configured, and accepts a URL ending in /api', async () => {
    let path = '';
    pool()
      .intercept({ path: onPath('/api/groups') })
      .reply((opts) => {
        path = opts.path;
        return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
      });
    await new PrestaShopWebservice({ url: `${ORIGIN}/api`, key: KEY, shopId: 3, dispatcher: agent }).list('groups');
    expect(new URL(path, ORIGIN).searchParams.get('id_shop')).toBe('3');
  });

  it('refuses filter values the syntax cannot carry', () => {
    expect(eq(1, 'a')).toBe('[1|a]');
    expect(contains('bloque')).toBe('%[bloque]%');
    expect(() => eq('a|b')).toThrow(/cannot contain/);
  });
});

describe('parsing quirks', () => {
  it('reads the plural list, a bare [] and the version header', async () => {
    pool()
      .intercept({ path: onPath('/api/customers') })
      .reply(200, JSON.stringify({ customers: [{ id: 1, active: '1', id_default_group: 3 }, { id: 2 }] }), { headers: JSON_HEADERS });
    pool().intercept({ path: onPath('/api/cart_rules') }).reply(200, '[]', { headers: JSON_HEADERS });
    const ws = client();
    expect(await ws.list('customers', { display: 'full' })).toEqual([{ id: 1, active: '1', id_default_group: 3 }, { id: 2 }]);
    expect(await ws.list('cart_rules', { filter: { code: eq('NOPE') } })).toEqual([]);
    expect(ws.version).toBe('8.1.2');
  });

  it('reads order_slip under its order_slips key', async () => {
    pool().intercept({ path: onPath('/api/order_slip') }).reply(200, JSON.stringify({ order_slips: [{ id: 4 }] }), { headers: JSON_HEADERS });
    expect(await client().list('order_slip')).toEqual([{ id: 4 }]);
  });

  it('getById asks the list form with filter[id] and returns null on []', async () => {
    const paths: string[] = [];
    pool()
      .intercept({ path: onPath('/api/customers') })
      .reply((opts) => {
        paths.push(opts.path);
        return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
      });
    expect(await client().getById('customers', 42)).toBeNull();
    const url = new URL(paths[0]!, ORIGIN);
    expect(url.searchParams.get('display')).toBe('full');
    expect(url.searchParams.get('filter[id]')).toBe('[42]');
  });

  it('coerces mixed scalars', () => {
    expect([toInt(3), toInt('3'), toInt(''), toInt(null), toInt(undefined), toInt('abc')]).toEqual([3, 3, null, null, null, null]);
    expect(toIntOr(undefined, 0)).toBe(0);
    expect([toBool('1'), toBool(1), toBool('0'), toBool(0), toBool(''), toBool(undefined), toBool(null)]).toEqual([true, true, false, false, false, false, false]);
    expect([toStr(null), toStr(5), toStr('x')]).toEqual(['', '5', 'x']);
    expect(toNumber('61.800000')).toBe(61.8);
    expect([toDate('0000-00-00 00:00:00'), toDate(''), toDate('2026-01-01 10:00:00')]).toEqual([null, null, '2026-01-01 10:00:00']);
    const name = [
      { id: '1', value: 'Accueil' },
      { id: '2', value: 'Home' },
    ];
    expect([i18nText(name, 2), i18nText(name, 1), i18nText(name, 9), i18nText('Home', 1), i18nText(undefined)]).toEqual(['Home', 'Accueil', 'Accueil', 'Home', '']);
    expect(i18nAll(name)).toEqual(['Accueil', 'Home']);
    expect(associationIds({ associations: { groups: [{ id: 3 }, { id: '4' }] } }, 'groups')).toEqual([3, 4]);
    expect(associationIds({}, 'groups')).toEqual([]);
  });

  it('rejects a list answer it cannot read', async () => {
    pool().intercept({ path: onPath('/api/groups') }).reply(200, '{"something":1}', { headers: JSON_HEADERS });
    expect((await failure(client().list('groups'))).kind).toBe('malformed');
  });
});

describe('cache, concurrency and pagination', () => {
  it('requests the same URL once, concurrent callers sharing the in-flight request', async () => {
    pool().intercept({ path: onPath('/api/groups') }).reply(200, JSON.stringify({ groups: [{ id: 1 }] }), { headers: JSON_HEADERS }).delay(20);
    const ws = client();
    const [a, b] = await Promise.all([ws.list('groups', { display: 'full' }), ws.list('groups', { display: 'full' })]);
    const c = await ws.list('groups', { display: 'full' });
    expect(a).toEqual([{ id: 1 }]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(ws.requestCount).toBe(1);
  });

  it('caches failures too (no second request in the same run)', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(401, JSON.stringify({ errors: [{ code: 26, message: 'x' }] }), { headers: JSON_HEADERS });
    const ws = client();
    await failure(ws.list('customers'));
    await failure(ws.list('customers'));
    expect(ws.requestCount).toBe(1);
  });

  it('paginates with limit=offset,N&sort=[id_ASC] until a short page', async () => {
    const limits: string[] = [];
    const all = [1, 2, 3, 4, 5].map((id) => ({ id }));
    pool()
      .intercept({ path: onPath('/api/customers') })
      .reply((opts) => {
        const params = new URL(opts.path, ORIGIN).searchParams;
        limits.push(`${params.get('limit')} ${params.get('sort')}`);
        // The ids alone (no limit, no display): every row.
        if (!params.get('limit')) return { statusCode: 200, data: JSON.stringify({ customers: all }), responseOptions: { headers: JSON_HEADERS } };
        const [offset, count] = params.get('limit')!.split(',').map(Number) as [number, number];
        const page = all.slice(offset, offset + count);
        return { statusCode: 200, data: page.length ? JSON.stringify({ customers: page }) : '[]', responseOptions: { headers: JSON_HEADERS } };
      })
      .persist();
    const rows = await client({ pageSize: 2 }).listAll('customers', { display: 'full' });
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    // The first page full: the ids give the total (5), then the two other pages are asked together.
    expect(limits).toEqual(['0,2 [id_ASC]', 'null null', '2,2 [id_ASC]', '4,2 [id_ASC]']);
  });

  it('stops on an empty page when the total is a multiple of the page size', async () => {
    let calls = 0;
    pool()
      .intercept({ path: onPath('/api/zones') })
      .reply((opts) => {
        calls++;
        const limit = new URL(opts.path, ORIGIN).searchParams.get('limit');
        if (!limit) return { statusCode: 200, data: JSON.stringify({ zones: [{ id: 1 }, { id: 2 }] }), responseOptions: { headers: JSON_HEADERS } };
        const offset = Number(limit.split(',')[0]);
        return { statusCode: 200, data: offset === 0 ? JSON.stringify({ zones: [{ id: 1 }, { id: 2 }] }) : '[]', responseOptions: { headers: JSON_HEADERS } };
      })
      .persist();
    expect((await client({ pageSize: 2 }).listAll('zones')).length).toBe(2);
    // The full first page, the ids (2: no other page), the empty page that confirms the end.
    expect(calls).toBe(3);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    for (const r of ['a', 'b', 'c', 'd', 'e']) {
      pool()
        .intercept({ path: onPath(`/api/${r}`) })
        .reply(() => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          setTimeout(() => inFlight--, 15);
          return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
        })
        .delay(15);
    }
    const ws = client({ concurrency: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((r) => ws.list(r)));
    expect(peak).toBeLessThanOrEqual(2);
    expect(ws.requestCount).toBe(5);
  });
});

describe('retries', () => {
  it('retries 429 honouring Retry-After, then succeeds', async () => {
    pool().intercept({ path: onPath('/api/groups') }).reply(429, 'slow down', { headers: { 'retry-after': '2' } }).times(2);
    pool().intercept({ path: onPath('/api/groups') }).reply(200, JSON.stringify({ groups: [{ id: 1 }] }), { headers: JSON_HEADERS });
    const ws = client();
    expect(await ws.list('groups')).toEqual([{ id: 1 }]);
    expect(sleeps).toEqual([2000, 2000]);
    expect(ws.requestCount).toBe(1); // one logical request, three attempts
  });

  it('backs off exponentially on 502/503/504 without Retry-After', async () => {
    pool().intercept({ path: onPath('/api/groups') }).reply(502, '<html>Bad Gateway</html>', { headers: { 'content-type': 'text/html' } });
    pool().intercept({ path: onPath('/api/groups') }).reply(504, '', {});
    pool().intercept({ path: onPath('/api/groups') }).reply(200, '[]', { headers: JSON_HEADERS });
    await client({ retry: { baseDelayMs: 100 } }).list('groups');
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(80);
    expect(sleeps[0]).toBeLessThanOrEqual(120);
    expect(sleeps[1]).toBeGreaterThanOrEqual(160);
    expect(sleeps[1]).toBeLessThanOrEqual(240);
  });

  it('gives up when the total wait would exceed the cap, or Retry-After is too long', async () => {
    pool().intercept({ path: onPath('/api/groups') }).reply(429, '', { headers: { 'retry-after': '3' } }).persist();
    const err = await failure(client({ retry: { maxTotalWaitMs: 5000 } }).list('groups'));
    expect(err.kind).toBe('rate-limited');
    expect(sleeps).toEqual([3000]);
    expect(err.toCause()).toMatchObject({ source: 'prestashop', kind: 'rate-limited', status: 429, host: 'shop.test' });

    sleeps = [];
    pool().intercept({ path: onPath('/api/zones') }).reply(429, '', { headers: { 'retry-after': '3600' } }).persist();
    expect((await failure(client().list('zones'))).retryAfter).toBe('3600');
    expect(sleeps).toEqual([]);
  });

  it('does not retry "webservice disabled" (503 code 22)', async () => {
    pool()
      .intercept({ path: onPath('/api/groups') })
      .reply(503, JSON.stringify({ errors: [{ code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' }] }), {
        headers: JSON_HEADERS,
      });
    const err = await failure(client().list('groups'));
    expect(err.kind).toBe('webservice-disabled');
    expect(sleeps).toEqual([]);
    const cause = err.toCause();
    expect(cause.code).toBe(22);
    expect(cause.fix?.[0]?.fr).toMatch(/Paramètres avancés > Webservice.*Activer le webservice/);
  });

  it('http helpers: Retry-After forms and backoff growth', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    const fixed = () => 0.5;
    expect([0, 1, 2, 10].map((n) => backoffDelay(n, { baseDelayMs: 100, maxDelayMs: 1000 }, fixed))).toEqual([100, 200, 400, 1000]);
  });

  it('retries a dropped connection, then reports unreachable', async () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    pool().intercept({ path: onPath('/api/groups') }).replyWithError(reset).times(4);
    const err = await failure(client().list('groups'));
    expect(err.kind).toBe('unreachable');
    expect(sleeps).toHaveLength(3);
  });
});

describe('errors of §4 become typed causes', () => {
  const errorsBody = (...errors: Array<[number, string]>) => JSON.stringify({ errors: errors.map(([code, message]) => ({ code, message })) });

  it.each([
    [401, errorsBody([17, 'Authentication key is empty']), 'auth', 17],
    [401, errorsBody([18, 'Invalid authentication key format']), 'auth', 18],
    [401, errorsBody([20, 'Authentification key is not active'], [21, 'No permission for this authentication key']), 'auth', 21],
    [401, errorsBody([21, 'No permission for this authentication key']), 'auth', 21],
    [401, errorsBody([26, 'Resource of type "customers" is not allowed with this authentication key']), 'forbidden-resource', 26],
    [403, errorsBody([132, 'No permission for this key on this shop']), 'shop-context', 132],
    [404, errorsBody([999, 'This shop id does not exist']), 'shop-context', 999],
    [404, errorsBody([131, 'This Customer (5) does not exists on this shop']), 'not-found', 131],
    [405, errorsBody([25, 'Method GET is not allowed for the resource customers with this authentication key']), 'forbidden-method', 25],
    [400, errorsBody([27, 'Resource of type "clients" does not exists.']), 'bad-request', 27],
    [400, errorsBody([32, 'Unable to filter by this field.']), 'bad-request', 32],
    [500, errorsBody([35, 'Unable to display this field "x".'], [3, '[PHP Warning #2] x']), 'bad-request', 35],
    [503, errorsBody([22, 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office']), 'webservice-disabled', 22],
    [500, errorsBody([2, '[PHP Warning #2] Undefined array key "x" (/var/www/modules/relaiscolis/relaiscolis.php, line 412)']), 'php-error', 2],
    [500, errorsBody([15, '[PHP Unknown error #8192] Deprecated (…)']), 'php-error', 15],
  ])('%i %s → %s', async (status, body, kind, code) => {
    pool().intercept({ path: onPath('/api/customers') }).reply(status, body, { headers: JSON_HEADERS });
    const err = await failure(client().list('customers'));
    expect(err.kind).toBe(kind);
    const cause = err.toCause();
    expect(cause).toMatchObject({ source: 'prestashop', kind, status, code, host: 'shop.test' });
    // Set-up causes (key, webservice switch, shop context) are the same for every resource: they
    // name the webservice root, not the request, so a report can state them once.
    if (['auth', 'webservice-disabled', 'shop-context'].includes(kind)) expect(cause.message).toMatch(/^shop\.test \/api\/[ :](?!.*customers)/);
    else expect(cause.message).toContain('shop.test /api/customers');
    if (kind !== 'not-found') expect(cause.fix?.length).toBeGreaterThan(0);
  });

  it('a key without permission (code 21) is told to tick "View (GET)" on every resource a diagnosis reads', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(401, errorsBody([21, 'No permission for this authentication key']), { headers: JSON_HEADERS });
    const fix = (await failure(client().list('customers'))).toCause().fix ?? [];
    const tick = fix.find((f) => f.en.includes('View (GET)'));
    expect(tick).toBeDefined();
    for (const { resource, optional } of WEBSERVICE_RESOURCES) {
      if (optional) continue;
      expect(tick!.en).toMatch(new RegExp(`\\b${resource}\\b`));
      expect(tick!.fr).toMatch(new RegExp(`\\b${resource}\\b`));
    }
  });

  it('code 26 names the resource and the back-office path to grant it', async () => {
    pool()
      .intercept({ path: onPath('/api/configurations') })
      .reply(401, errorsBody([26, 'Resource of type "configurations" is not allowed with this authentication key']), { headers: JSON_HEADERS });
    const cause = (await failure(client().list('configurations'))).toCause();
    expect(cause.message).toContain('Resource of type "configurations" is not allowed');
    expect(cause.fix?.[0]?.fr).toContain('Paramètres avancés > Webservice > Modifier la clé');
    expect(cause.fix?.[0]?.fr).toContain('« configurations »');
    expect(cause.fix?.[0]?.en).toContain('"configurations"');
  });

  it('plain-text 401 although a key was sent: Authorization stripped (CGI mode)', async () => {
    pool()
      .intercept({ path: onPath('/api/customers') })
      .reply(401, '401 Unauthorized', { headers: { 'content-type': 'text/html', 'x-powered-by': 'PHP/8.2.24', 'www-authenticate': 'Basic realm="Welcome…"' } });
    const err = await failure(client().list('customers'));
    expect(err.kind).toBe('auth-header-stripped');
    expect(err.toCause().fix?.map((f) => f.fr).join(' ')).toMatch(/mode CGI/);
  });

  it('empty 404 with the webservice headers is not-found; an HTML 404 is not the webservice', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(404, '', { headers: { ...PS, 'content-type': '' } });
    expect((await failure(client().list('customers'))).kind).toBe('not-found');
    pool().intercept({ path: onPath('/api/groups') }).reply(404, '<html><body>Page introuvable</body></html>', { headers: { 'content-type': 'text/html' } });
    expect((await failure(client().list('groups'))).kind).toBe('not-webservice');
  });

  it('HTML 500 and empty 500 are server errors (after retries are not attempted: 500 is not transient)', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(500, '<html><title>500 Internal Server Error</title></html>', { headers: { 'content-type': 'text/html' } });
    const err = await failure(client().list('customers'));
    expect(err.kind).toBe('server-error');
    expect(err.message).toContain('HTML error page');
    expect(sleeps).toEqual([]);
    pool().intercept({ path: onPath('/api/groups') }).reply(500, '', {});
    expect((await failure(client().list('groups'))).message).toContain('empty body');
  });

  it('HTML 200 is not the webservice; XML 200 and broken JSON are malformed', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(200, '<!doctype html><html>Accueil</html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect((await failure(client().list('customers'))).kind).toBe('not-webservice');
    pool().intercept({ path: onPath('/api/groups') }).reply(200, '<?xml version="1.0"?><prestashop/>', { headers: { ...PS, 'content-type': 'text/xml;charset=utf-8' } });
    expect((await failure(client().list('groups'))).kind).toBe('malformed');
    pool().intercept({ path: onPath('/api/zones') }).reply(200, '{"zones":[{"id":1,', { headers: JSON_HEADERS });
    expect((await failure(client().list('zones'))).kind).toBe('malformed');
  });

  it('does not follow redirects and reports the Location', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(301, '', { headers: { location: 'https://www.shop.test/api/customers' } });
    const err = await failure(client().list('customers'));
    expect(err.kind).toBe('redirect');
    expect(err.location).toBe('https://www.shop.test/api/customers');
    // The base URL to configure, not the redirect target.
    expect(err.toCause().fix?.[0]?.fr).toContain('https://www.shop.test/ :');
    expect(err.message).toBe('shop.test /api/ redirects (HTTP 301) to https://www.shop.test/: the shop\'s address is https://www.shop.test/');
  });

  it('connection refused is unreachable, without retries', async () => {
    pool().intercept({ path: onPath('/api/customers') }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const err = await failure(client().list('customers'));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('refused the connection');
    expect(sleeps).toEqual([]);
  });

  it('a slow answer becomes a timeout error', async () => {
    pool().intercept({ path: onPath('/api/customers') }).reply(200, '[]', { headers: JSON_HEADERS }).delay(1000);
    const err = await failure(client({ timeoutMs: 50 }).list('customers'));
    expect(err.kind).toBe('timeout');
    expect(err.toCause()).toMatchObject({ kind: 'timeout', host: 'shop.test' });
  });

  it('never puts the key in a message, cause or URL', async () => {
    const bodies: Array<[number, string, Record<string, string>]> = [
      [401, errorsBody([20, 'Authentification key is not active'], [21, 'No permission for this authentication key']), JSON_HEADERS],
      [401, '401 Unauthorized', { 'content-type': 'text/html' }],
      [500, '<html>boom</html>', { 'content-type': 'text/html' }],
      [301, '', { location: `${ORIGIN}/elsewhere` }],
    ];
    const texts: string[] = [];
    for (const [i, [status, body, headers]] of bodies.entries()) {
      pool().intercept({ path: onPath(`/api/r${i}`) }).reply(status, body, { headers });
      const err = await failure(client().list(`r${i}`));
      texts.push(err.message, JSON.stringify(err.toCause()), err.path, String(err.stack));
    }
    for (const text of texts) expect(text).not.toContain(KEY);
  });

  it('strips credentials from a configured URL', async () => {
    let path = '';
    pool()
      .intercept({ path: onPath('/api/groups') })
      .reply((opts) => {
        path = opts.path;
        return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
      });
    const ws = new PrestaShopWebservice({ url: `http://${KEY}@shop.test/`, key: KEY, dispatcher: agent });
    await ws.list('groups');
    expect(ws.host).toBe('shop.test');
    expect(path).not.toContain(KEY);
  });
});

describe('httpRequest', () => {
  it('sends a POST once with its body, never retried even on 503', async () => {
    const bodies: string[] = [];
    pool()
      .intercept({ path: '/coupons', method: 'POST' })
      .reply((opts) => {
        bodies.push(String(opts.body));
        return { statusCode: 503, data: 'busy', responseOptions: { headers: { 'retry-after': '1' } } };
      })
      .persist();
    const res = await httpRequest(`${ORIGIN}/coupons`, { method: 'POST', body: '{"percent":5}', dispatcher: agent, sleep: async (ms) => void sleeps.push(ms) });
    expect(res.status).toBe(503);
    expect(res.attempts).toBe(1);
    expect(bodies).toEqual(['{"percent":5}']);
    expect(sleeps).toEqual([]);
  });

  it('many requests in flight on one run signal: no MaxListenersExceededWarning on stderr', async () => {
    // Each request in flight listens to the run's signal (to be cancelled by the deadline or
    // Ctrl-C); the source pools bound how many, and Node's default warns past 10 per signal.
    pool().intercept({ path: '/slow' }).reply(200, 'ok').delay(30).persist();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const run = new AbortController();
      const answers = await withRunSignal(run.signal, () => Promise.all(Array.from({ length: 16 }, () => httpRequest(`${ORIGIN}/slow`, { dispatcher: agent }))));
      expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });

  it('returns every status to the caller (no throw on 4xx/5xx) and never follows redirects', async () => {
    pool().intercept({ path: '/x' }).reply(302, '', { headers: { location: '/y' } });
    const res = await httpRequest(`${ORIGIN}/x`, { dispatcher: agent });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/y');
    expect(res.attempts).toBe(1);
  });
});
