// The emulator against the bytes a real PrestaShop 8.1.2 sent (fixtures/recordings/prestashop-8.1.2):
// for each recorded request, the emulator's status, the headers that tell answers apart and the
// body (byte for byte where the fixture's fields equal the real shop's) must match.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { setConfiguration } from '../../src/sandbox/shop-fixture.js';
import { PrestaShopWebservice, PrestaShopWebserviceError } from '../../src/sources/prestashop/webservice.js';
import { readBody, readRecording } from '../support/recordings.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
const SENDCLOUD_KEY = 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003';

let ps: PrestaShopSandbox;
beforeAll(async () => {
  ps = await startPrestaShopSandbox();
});
afterAll(async () => {
  await ps.close();
});

async function get(path: string, key: string | null = KEY) {
  const headers: Record<string, string> = { 'Output-Format': 'JSON' };
  if (key !== null) headers.Authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const res = await fetch(`${ps.url}/api/${path}${path.includes('?') ? '&' : '?'}output_format=JSON`, { headers, redirect: 'manual', signal: AbortSignal.timeout(5000) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The headers that classify an answer: Content-Type, X-Powered-By (kind), PSWS-Version, WWW-Authenticate. */
function telling(headers: Headers | Record<string, string>) {
  const h = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? null));
  return {
    'content-type': h('content-type'),
    'x-powered-by': h('x-powered-by')?.replace(/^PHP\/.*/, 'PHP/…') ?? null,
    'psws-version': h('psws-version'),
    'www-authenticate': h('www-authenticate'),
  };
}

describe('the emulator answers like the recorded shop', () => {
  it.each([
    ['badkey', 'customers', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'],
    ['nokey', 'customers', null],
    ['error-unknown-filter', 'customers?filter[mail]=[x]', KEY],
    ['error-getter-filter', 'categories?filter[nb_products_recursive]=[1]', KEY],
    ['error-unknown-display', 'customers?display=[mail]', KEY],
    ['error-unknown-resource', 'customer', KEY],
    ['missing-id', 'customers/999', KEY],
    ['empty-list', 'customers?display=full&filter[email]=[nobody@example.invalid]', KEY],
    ['missing-id-listform', 'customers?display=full&filter[id]=[999]', KEY],
    ['root-json', '', KEY],
  ] as const)('%s: same status, telling headers and body bytes', async (name, path, key) => {
    const recorded = readRecording(name);
    const got = await get(path, key);
    expect(got.status).toBe(recorded.status);
    expect(telling(got.headers)).toEqual(telling(recorded.headers));
    expect(got.body).toBe(recorded.body);
  });

  it('error-date-filter: 500, code 32 with the same "Did you mean", then the same four code-3 warnings', async () => {
    const recorded = JSON.parse(readRecording('error-date-filter').body) as { errors: Array<{ code: number; message: string }> };
    const got = await get('orders?filter[date_add]=[2026-01-01]');
    expect(got.status).toBe(500);
    const errors = (JSON.parse(got.body) as typeof recorded).errors;
    expect(errors.map((e) => e.code)).toEqual(recorded.errors.map((e) => e.code));
    const head = (m: string) => m.split(' The full list is:')[0];
    expect(head(errors[0]!.message)).toBe(head(recorded.errors[0]!.message));
    // date_add is only a filter with date=1: the suggested list leaves it out, as recorded.
    expect(errors[0]!.message).not.toContain('"date_add"');
    expect(errors.slice(1)).toEqual(recorded.errors.slice(1));
  });

  it('webservice-disabled: 503 code 22, PSWS-Version 0', async () => {
    const copy = await startPrestaShopSandbox();
    try {
      setConfiguration(copy.fixture, 'PS_WEBSERVICE', '0');
      const res = await fetch(`${copy.url}/api/groups?output_format=JSON`, { headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` } });
      const recorded = readRecording('webservice-disabled');
      expect(res.status).toBe(recorded.status);
      expect(telling(res.headers)).toEqual(telling(recorded.headers));
      expect(await res.text()).toBe(recorded.body);
    } finally {
      await copy.close();
    }
  });

  it('resource-not-granted: 401 code 26 without WWW-Authenticate', async () => {
    const recorded = readRecording('resource-not-granted');
    const got = await get('customers', SENDCLOUD_KEY);
    expect(got.status).toBe(recorded.status);
    expect(telling(got.headers)).toEqual(telling(recorded.headers));
    expect(got.body).toBe(recorded.body.replace('zones', 'customers'));
  });

  it('the php-warning fault writes a warning entry as the recorded ones are written (code 3, escaped slashes)', async () => {
    const chars = String.raw`(?:[^"\\]|\\.)+?`;
    const recordedEntry = new RegExp(String.raw`\{"code":3,"message":"\[PHP Warning #2\] ${chars} \(\\\/var\\\/www\\\/prestashop\\\/${chars}, line \d+\)"\}`);
    expect(readRecording('error-unknown-filter').body).toMatch(recordedEntry);
    const remove = ps.faults.add({ path: '/api/carriers', respond: { kind: 'php-warning' } });
    try {
      const got = await get('carriers?display=full');
      expect(got.status).toBe(500);
      expect(got.body).toMatch(recordedEntry);
    } finally {
      remove();
    }
  });

  it('groups-2langs: i18n values as [{"id":<number>,"value":…}]', async () => {
    const recordedShape = (JSON.parse(readBody('groups-2langs')) as { groups: Array<{ name: unknown }> }).groups[0]!.name;
    const got = (JSON.parse((await get('groups?display=full&filter[id]=[4]')).body) as { groups: Array<{ name: Array<{ id: unknown; value: unknown }> }> }).groups[0]!.name;
    expect(got.map((l) => [typeof l.id, typeof l.value])).toEqual((recordedShape as Array<{ id: unknown; value: unknown }>).map((l) => [typeof l.id, typeof l.value]));
    expect(got.map((l) => l.id)).toEqual([1, 2]);
  });
});

describe('wrong host: Shop::initialize redirects to the default shop with the whole query', () => {
  it('301 to http://<domain>/?url=<resource>&…; an explicit id_shop is not redirected', async () => {
    const copy = await startPrestaShopSandbox();
    try {
      copy.setDomain(`localhost:${copy.port}`);
      const auth = { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` };
      const res = await fetch(`${copy.url}/api/customers?display=full&filter[email]=[a@b.fr]&output_format=JSON`, { headers: auth, redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`http://localhost:${copy.port}/?url=customers&display=full&filter%5Bemail%5D=%5Ba%40b.fr%5D&output_format=JSON`);
      const withShop = await fetch(`${copy.url}/api/groups?id_shop=1&output_format=JSON`, { headers: auth, redirect: 'manual' });
      expect(withShop.status).toBe(200);
      const right = await fetch(`http://localhost:${copy.port}/api/groups?output_format=JSON`, { headers: auth, redirect: 'manual' });
      expect(right.status).toBe(200);
    } finally {
      await copy.close();
    }
  });

  it('the client reports the base URL once and stops asking (fail fast)', async () => {
    const copy = await startPrestaShopSandbox();
    try {
      copy.setDomain(`localhost:${copy.port}`);
      const ws = new PrestaShopWebservice({ url: copy.url, key: KEY, concurrency: 1 });
      const failures = await Promise.all(['groups', 'categories', 'zones', 'carriers', 'order_states'].map((r) => ws.list(r, { display: 'full' }).catch((e: unknown) => e)));
      for (const f of failures) {
        expect(f).toBeInstanceOf(PrestaShopWebserviceError);
        expect((f as PrestaShopWebserviceError).message).toBe(`127.0.0.1:${copy.port} /api/ redirects (HTTP 301) to http://localhost:${copy.port}/: the shop's address is http://localhost:${copy.port}/`);
      }
      expect(copy.requests.filter((r) => r.path.startsWith('/api/'))).toHaveLength(1);
    } finally {
      await copy.close();
    }
  });

  it('a rejected key is asked once, not once per resource', async () => {
    const ws = new PrestaShopWebservice({ url: ps.url, key: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', concurrency: 1 });
    const before = ps.requests.length;
    const kinds = await Promise.all(['groups', 'categories', 'zones'].map((r) => ws.list(r).catch((e: PrestaShopWebserviceError) => e.kind)));
    expect(kinds).toEqual(['auth', 'auth', 'auth']);
    expect(ps.requests.length - before).toBe(1);
  });
});
