// The PrestaShop Webservice emulator, seen raw over 127.0.0.1 (no client): auth and its error
// bodies, output formats, list parameters and the 8.1.2 quirks of api-notes/prestashop.md.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture, setConfiguration } from '../../src/sandbox/shop-fixture.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
const basic = (key: string) => 'Basic ' + Buffer.from(`${key}:`).toString('base64');

let ps: PrestaShopSandbox;
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

async function call(path: string, init: { key?: string | null; json?: boolean; headers?: Record<string, string>; method?: string } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.key !== null) headers.Authorization = basic(init.key ?? KEY);
  if (init.json !== false) headers['Output-Format'] = 'JSON';
  const sep = path.includes('?') ? '&' : '?';
  const url = ps.url + path + (init.json !== false ? `${sep}output_format=JSON` : '');
  const res = await fetch(url, { headers, method: init.method ?? 'GET', signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as any };
}

describe('authentication (§4)', () => {
  it('no key: plain-text 401 with WWW-Authenticate and PHP X-Powered-By', async () => {
    const r = await call('/api/customers', { key: null });
    expect(r.status).toBe(401);
    expect(r.text).toBe('401 Unauthorized');
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="Welcome to PrestaShop Webservice/);
    expect(r.headers.get('x-powered-by')).toMatch(/^PHP\//);
  });

  it.each([
    ['', 401, [17]],
    ['SHORTKEY', 401, [18]],
    ['ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', 401, [20, 21]],
    ['DEMO4OLDKEYDISABLEDBYTHEAGENCY02', 401, [20, 21]],
    ['DEMO4KEYWITHOUTANYPERMISSION0004', 401, [21]],
  ])('key %j → %i codes %j', async (key, status, codes) => {
    const r = await call('/api/customers', { key });
    expect(r.status).toBe(status);
    expect(r.json().errors.map((e: { code: number }) => e.code)).toEqual(codes);
    expect(r.headers.get('psws-version')).toBe('0');
    expect(r.headers.get('x-powered-by')).toBe('PrestaShop Webservice');
    // authenticate() sends the challenge with its own errors (unlike code 26).
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('keeps the "Authentification" typo of codes 20', async () => {
    const r = await call('/api/customers', { key: 'DEMO4OLDKEYDISABLEDBYTHEAGENCY02' });
    expect(r.json().errors[0].message).toBe('Authentification key is not active');
  });

  it('resource not granted: 401 code 26 without WWW-Authenticate', async () => {
    const r = await call('/api/customers', { key: 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBeNull();
    expect(r.json()).toEqual({ errors: [{ code: 26, message: 'Resource of type "customers" is not allowed with this authentication key' }] });
  });

  it('webservice disabled: 503 code 22, checked before the key', async () => {
    const copy = await startPrestaShopSandbox();
    try {
      setConfiguration(copy.fixture, 'PS_WEBSERVICE', '0');
      const res = await fetch(`${copy.url}/api/groups?output_format=JSON`, { headers: { Authorization: basic('BAD') }, signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).errors[0].code).toBe(22);
    } finally {
      await copy.close();
    }
  });

  it('Authorization stripped by CGI: text 401 even with a key; ws_key still works', async () => {
    const cgi = await startPrestaShopSandbox({ stripAuthorization: true });
    try {
      const res = await fetch(`${cgi.url}/api/groups`, { headers: { Authorization: basic(KEY) }, signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('401 Unauthorized');
      const viaQuery = await fetch(`${cgi.url}/api/groups?ws_key=${KEY}&output_format=JSON`, { signal: AbortSignal.timeout(5000) });
      expect(viaQuery.status).toBe(200);
      await viaQuery.text();
    } finally {
      await cgi.close();
    }
  });

  it('key not linked to the shop: 403 code 132; unknown id_shop: 404 code 999', async () => {
    expect((await call('/api/groups', { key: 'DEMO4KEYFOROTHERSHOPONLY00000005' })).json().errors[0].code).toBe(132);
    const r = await call('/api/groups?id_shop=9');
    expect(r.status).toBe(404);
    expect(r.json().errors[0].code).toBe(999);
  });

  it('unknown resource: 400 code 27; method not granted: 405 code 25', async () => {
    const r = await call('/api/clients');
    expect(r.status).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ code: 27, message: expect.stringContaining('Resource of type "clients" does not exists') });
    const d = await call('/api/customers/1', { method: 'DELETE' });
    expect(d.status).toBe(405);
    expect(d.json().errors[0].code).toBe(25);
  });
});

describe('formats and headers', () => {
  it('JSON only when asked exactly "JSON"; XML otherwise', async () => {
    const lower = await call('/api/groups?output_format=json', { json: false });
    expect(lower.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    expect(lower.text).toContain('<groups>');
    const header = await call('/api/groups', { json: false, headers: { 'Output-Format': 'JSON' } });
    expect(header.headers.get('content-type')).toBe('application/json');
    const query = await call('/api/groups?output_format=JSON', { json: false });
    expect(query.headers.get('content-type')).toBe('application/json');
  });

  it('sends X-Powered-By and the real PSWS-Version once authenticated', async () => {
    const r = await call('/api/groups');
    expect(r.headers.get('x-powered-by')).toBe('PrestaShop Webservice');
    expect(r.headers.get('psws-version')).toBe('8.1.2');
    expect(r.headers.get('content-sha1')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('GET /api/ lists the key resources in XML; in JSON it is an empty 500', async () => {
    const xml = await call('/api/', { json: false });
    expect(xml.status).toBe(200);
    expect(xml.text).toMatch(/<customers xlink:href="[^"]+" get="true" put="false"/);
    const json = await call('/api/');
    expect(json.status).toBe(500);
    expect(json.text).toBe('');
  });
});

describe('lists and quirks (§2, §3)', () => {
  it('list without display: ids only, not sorted by id', async () => {
    expect((await call('/api/customers')).json()).toEqual({ customers: [{ id: 3 }, { id: 1 }, { id: 2 }, { id: 5 }, { id: 4 }, { id: 6 }] });
    expect((await call('/api/customers?sort=[id_ASC]')).json().customers.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('empty list is a bare []', async () => {
    const r = await call('/api/cart_rules?filter[code]=[NOPE]');
    expect(r.status).toBe(200);
    expect(r.text).toBe('[]');
  });

  it('missing single id: 404 with an empty body and an empty Content-Type', async () => {
    const r = await call('/api/customers/99');
    expect(r.status).toBe(404);
    expect(r.text).toBe('');
    expect(r.headers.get('content-type') ?? '').toBe('');
  });

  it('single resource drops falsy top-level fields; lists keep them', async () => {
    const single = (await call('/api/customers/1')).json().customer;
    expect(single).not.toHaveProperty('deleted');
    expect(single).not.toHaveProperty('is_guest');
    expect(single).toMatchObject({ id: 1, id_default_group: 4, active: '1', associations: { groups: [{ id: 3 }, { id: 4 }] } });
    const [listed] = (await call('/api/customers?display=full&filter[id]=[1]')).json().customers;
    expect(listed).toMatchObject({ id: 1, deleted: '0', is_guest: '0', id_risk: 0, active: '1' });
  });

  it('mixes scalar types like 8.1.2 (show_prices 1 for group 1, "1" for the others)', async () => {
    const groups = (await call('/api/groups?display=full&sort=[id_ASC]&limit=3')).json().groups;
    expect(groups.map((g: { show_prices: unknown }) => g.show_prices)).toEqual([1, '1', '1']);
  });

  it('i18n fields: [{id,value}] with several languages, a string with language=N', async () => {
    const g = (await call('/api/groups?display=full&filter[id]=[4]')).json().groups[0];
    expect(g.name).toEqual([
      { id: 1, value: 'Étoile Sportive de Fréjus' },
      { id: 2, value: 'Étoile Sportive de Fréjus' },
    ]);
    const one = (await call('/api/groups?display=full&filter[id]=[1]&language=2')).json().groups[0];
    expect(one.name).toBe('Visitor');
  });

  it('display=[a,b] keeps schema order; unknown field is a 500 code 35', async () => {
    const r = (await call('/api/customers?display=[email,id]&filter[id]=[2]')).json();
    expect(Object.keys(r.customers[0])).toEqual(['id', 'email']);
    const bad = await call('/api/customers?display=[nope]');
    expect(bad.status).toBe(500);
    expect(bad.json().errors[0].code).toBe(35);
    expect((await call('/api/customers?display=nope')).json().errors[0].code).toBe(36);
  });

  it('filters: OR, LIKE, not-equal, case-insensitive equality; unknown field 500 code 32 (production mode)', async () => {
    const ids = async (q: string) => (await call(`/api/customers?${q}&sort=[id_ASC]`)).json().customers?.map((c: { id: number }) => c.id);
    expect(await ids('filter[email]=[MARIE.DURAND@example.fr]')).toEqual([1]);
    expect(await ids('filter[id]=[1|3]')).toEqual([1, 3]);
    expect(await ids('filter[email]=[paul]%')).toEqual([2]);
    expect(await ids('filter[email]=%[bloque]%')).toEqual([5]);
    expect(await ids('filter[is_guest]=![1]')).toEqual([1, 2, 4, 5, 6]);
    const unknown = await call('/api/customers?filter[nope]=[1]');
    expect(unknown.status).toBe(500);
    expect(unknown.json().errors[0].code).toBe(32);
    expect((await call('/api/customers?filter[date_add]=[2025]%')).json().errors[0].code).toBe(32);
  });

  it('limit=N and limit=offset,N; three parts is 400 code 39', async () => {
    const page = async (limit: string) => (await call(`/api/order_states?sort=[id_ASC]&limit=${limit}`)).json().order_states.map((s: { id: number }) => s.id);
    expect(await page('3')).toEqual([1, 2, 3]);
    expect(await page('10,5')).toEqual([11, 12, 13, 14]);
    expect((await call('/api/order_states?limit=1,2,3')).json().errors[0].code).toBe(39);
  });

  it('configurations are not shop-filtered: global, group and shop rows', async () => {
    const rows = (await call('/api/configurations?display=[id,name,value,id_shop,id_shop_group]&filter[name]=[PS_ORDER_RETURN]&sort=[id_ASC]')).json()
      .configurations;
    expect(rows.map((r: any) => [r.value, r.id_shop_group, r.id_shop])).toEqual([
      ['0', '', ''],
      ['1', '1', '1'],
      ['0', '1', '2'],
    ]);
  });

  it('category associations list only active children', async () => {
    const home = (await call('/api/categories/2')).json().category;
    expect(home.associations.categories.map((c: { id: number }) => c.id)).toEqual([10, 11, 12]);
  });

  it('serves /webservice/dispatcher.php?url= as a fallback', async () => {
    const r = await call('/webservice/dispatcher.php?url=groups/4');
    expect(r.json().group.id).toBe(4);
  });
});

describe('front page', () => {
  it('200 HTML, 503 maintenance with PS_SHOP_ENABLE=0', async () => {
    const open = await fetch(`${ps.url}/`, { signal: AbortSignal.timeout(5000) });
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('Boutique des Clubs');
    setConfiguration(ps.fixture, 'PS_SHOP_ENABLE', '0', { idShop: 1 });
    try {
      const closed = await fetch(`${ps.url}/`, { signal: AbortSignal.timeout(5000) });
      expect(closed.status).toBe(503);
      expect(await closed.text()).toContain('maintenance');
      // The webservice is not blocked by maintenance.
      expect((await call('/api/groups')).status).toBe(200);
    } finally {
      setConfiguration(ps.fixture, 'PS_SHOP_ENABLE', '1', { idShop: 1 });
    }
  });

  it('logs every request with method, path and query', async () => {
    await call('/api/customers?display=[id]');
    expect(ps.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/customers', query: { display: '[id]', output_format: 'JSON' } });
  });
});

describe('version quirks', () => {
  async function withVersion<T>(version: string, run: (url: string) => Promise<T>): Promise<T> {
    const fixture = await loadShopFixture();
    fixture.shop.version = version;
    const sandbox = await startPrestaShopSandbox({ fixture });
    try {
      return await run(sandbox.url);
    } finally {
      await sandbox.close();
    }
  }
  const get = async (url: string, key = KEY) => {
    const res = await fetch(`${url}&output_format=JSON`, { headers: { Authorization: basic(key) }, signal: AbortSignal.timeout(5000) });
    return { status: res.status, version: res.headers.get('psws-version'), json: (await res.json()) as any };
  };

  it('1.7: strings everywhere, falsy fields kept on single resources, version sent before auth', async () => {
    await withVersion('1.7.8.11', async (url) => {
      const single = (await get(`${url}/api/customers/1?x=1`)).json.customer;
      expect(single).toMatchObject({ id: 1, id_default_group: '4', deleted: '0', is_guest: '0', id_risk: '0', associations: { groups: [{ id: '3' }, { id: '4' }] } });
      const refused = await get(`${url}/api/customers?x=1`, 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ');
      expect(refused.status).toBe(401);
      expect(refused.version).toBe('1.7.8.11');
    });
  });

  it('8.2: strings again, falsy fields still dropped', async () => {
    await withVersion('8.2.0', async (url) => {
      const single = (await get(`${url}/api/customers/1?x=1`)).json.customer;
      expect(single.id_default_group).toBe('4');
      expect(single).not.toHaveProperty('deleted');
      const groups = (await get(`${url}/api/groups?display=full&sort=[id_ASC]&limit=2`)).json.groups;
      expect(groups.map((g: { show_prices: unknown }) => g.show_prices)).toEqual(['1', '1']);
    });
  });
});
