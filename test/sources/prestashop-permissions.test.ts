// Which webservice permissions a key lacks, named resource by resource: from the root listing of a
// real PrestaShop 8.1.2 (recording root-xml) and against the emulator, whose keys differ in what
// they were granted. The list of resources is checked against what the webservice source reads.

import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture, setConfiguration } from '../../src/sandbox/shop-fixture.js';
import { checkWebserviceKey, parseRootListing, WEBSERVICE_RESOURCES } from '../../src/sources/prestashop/permissions.js';
import { RECORDINGS } from '../support/recordings.js';

const SOURCE_DIR = new URL('../../src/sources/prestashop/', import.meta.url);

describe('the resources init asks for', () => {
  it('are exactly those the webservice source reads', () => {
    const read = new Set<string>();
    for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts') && f !== 'permissions.ts')) {
      const text = readFileSync(new URL(file, SOURCE_DIR), 'utf8');
      // ws.list('x'…), listAll('x'…), getById('x'…), and lookups findExactly(ws, 'x', …) / lookup('x', …).
      for (const m of text.matchAll(/\b(?:list|listAll|getById)\('([a-z_]+)'/g)) read.add(m[1]!);
      for (const m of text.matchAll(/\bfindExactly\(\s*ws,\s*'([a-z_]+)'/g)) read.add(m[1]!);
      for (const m of text.matchAll(/resource: '([a-z_]+)'/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(8);
    expect(new Set(WEBSERVICE_RESOURCES.map((r) => r.resource))).toEqual(read);
  });
});

describe('parseRootListing', () => {
  const recorded = readFileSync(`${RECORDINGS}root-xml.body`, 'utf8');

  it('reads the recorded listing of a GET/HEAD key: every resource with GET and HEAD only', () => {
    const listing = parseRootListing(recorded)!;
    expect(listing.shopName).toBe('Boutique des Clubs');
    for (const { resource } of WEBSERVICE_RESOURCES) expect([...(listing.granted.get(resource) ?? [])].sort()).toEqual(['GET', 'HEAD']);
  });

  it('a resource absent from the listing is not granted; get="false" is not GET', () => {
    const withoutZones = recorded.replace(/<zones [\s\S]*?<\/zones>\n/, '');
    expect(parseRootListing(withoutZones)!.granted.has('zones')).toBe(false);
    const putOnly = recorded.replace(/(<carriers [^>]*?)get="true"/, '$1get="false"').replace(/(<carriers [^>]*?)put="false"/, '$1put="true"');
    expect([...parseRootListing(putOnly)!.granted.get('carriers')!]).toEqual(['PUT', 'HEAD']);
  });

  it('anything else is not a listing', () => {
    expect(parseRootListing('<html><body>Maintenance</body></html>')).toBeUndefined();
  });
});

describe('checkWebserviceKey against the emulator', () => {
  let ps: PrestaShopSandbox;
  let url: string;
  beforeAll(async () => {
    ps = await startPrestaShopSandbox({ fixture: await loadShopFixture('demo-shop') });
    url = `${ps.url}/`;
  });
  afterAll(async () => {
    await ps?.close();
  });

  it('the diagnosis key: accepted, nothing missing, shop named', async () => {
    expect(await checkWebserviceKey({ url, key: 'DEMO4CHECKOUTDOCTOR7READONLY0001' })).toMatchObject({ ok: true, missing: [], shopName: 'Boutique des Clubs', version: '8.1.2' });
  });

  it('a key made for Sendcloud: exactly the resources it lacks, in the order of the list', async () => {
    const result = await checkWebserviceKey({ url, key: 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003' });
    expect(result.ok && result.missing.map((r) => r.resource)).toEqual([
      'configurations',
      'groups',
      'categories',
      'customers',
      'cart_rules',
      'order_cart_rules',
      'currencies',
      'countries',
      'states',
    ]);
  });

  it('the listing unreadable (a proxy answers HTML there): each resource is asked instead', async () => {
    ps.faults.add({ path: '/api/', respond: { kind: 'html-error', status: 502 } });
    try {
      const result = await checkWebserviceKey({ url, key: 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003' });
      expect(result.ok && result.missing.map((r) => r.resource)).toEqual(['configurations', 'groups', 'categories', 'customers', 'cart_rules', 'order_cart_rules', 'currencies', 'countries', 'states']);
    } finally {
      ps.faults.clear();
    }
  });

  it('an unknown key, a disabled key, a key without any permission: refused, with the codes', async () => {
    const unknown = await checkWebserviceKey({ url, key: 'NOTAKEYOFTHISSHOP000000000000000' });
    expect(unknown.ok === false && [unknown.error.kind, unknown.error.errors.map((e) => e.code)]).toEqual(['auth', [20, 21]]);
    const disabled = await checkWebserviceKey({ url, key: 'DEMO4OLDKEYDISABLEDBYTHEAGENCY02' });
    expect(disabled.ok === false && disabled.error.kind).toBe('auth');
    const none = await checkWebserviceKey({ url, key: 'DEMO4KEYWITHOUTANYPERMISSION0004' });
    expect(none.ok === false && none.error.errors.map((e) => e.code)).toEqual([21]);
  });

  it('the webservice switched off, and nothing listening: set-up failures, not missing permissions', async () => {
    setConfiguration(ps.fixture, 'PS_WEBSERVICE', '0');
    try {
      const off = await checkWebserviceKey({ url, key: 'DEMO4CHECKOUTDOCTOR7READONLY0001' });
      expect(off.ok === false && off.error.kind).toBe('webservice-disabled');
    } finally {
      setConfiguration(ps.fixture, 'PS_WEBSERVICE', '1');
    }
    const closed = await checkWebserviceKey({ url: 'http://127.0.0.1:1/', key: 'DEMO4CHECKOUTDOCTOR7READONLY0001', timeoutMs: 2000 });
    expect(closed.ok === false && closed.error.kind).toBe('unreachable');
  });
});
