// PUT on the PrestaShop emulator, with PrestaShop's semantics (src/sandbox/prestashop/write.ts):
// XML in, the whole object replaced, fields left out reset, required ones refused, associations
// replaced when given, date_upd stamped; the read-only key gets PrestaShop's 405.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture } from '../../src/sandbox/shop-fixture.js';

const READ_KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
const FIX_KEY = 'DEMO4CHECKOUTDOCTOR7FIXWRITE0006';

let ps: PrestaShopSandbox;
beforeAll(async () => {
  ps = await startPrestaShopSandbox({ fixture: await loadShopFixture('demo-shop') });
});
afterAll(async () => ps.close());
beforeEach(async () => {
  // A fresh shop for every test: PUT changes the fixture in place.
  Object.assign(ps.fixture, await loadShopFixture('demo-shop'));
});

async function call(path: string, init: { method?: string; body?: string; key?: string } = {}) {
  const res = await fetch(`${ps.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Basic ${Buffer.from(`${init.key ?? FIX_KEY}:`).toString('base64')}` },
    body: init.body,
  });
  return { status: res.status, body: await res.text() };
}

/** Every `<field>value</field>` of a single-object XML answer, associations as `assoc.groups`. */
function fields(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/^\t<([a-z_]+)>(.*)<\/\1>$/gm)) out[m[1]!] = m[2]!;
  const groups = /<groups[^>]*>(.*?)<\/groups>/.exec(xml)?.[1] ?? '';
  out['assoc.groups'] = [...groups.matchAll(/<id><!\[CDATA\[(\d+)\]\]><\/id>/g)].map((m) => m[1]).join(',');
  return out;
}

describe('PUT /api/customers/{id}', () => {
  it('takes back what GET gave unchanged: every field identical but date_upd, which PrestaShop stamps', async () => {
    const before = await call('/api/customers/2');
    expect(before.status).toBe(200);
    const put = await call('/api/customers/2', { method: 'PUT', body: before.body });
    expect(put.status).toBe(200);
    const after = await call('/api/customers/2');
    const a = fields(before.body);
    const b = fields(after.body);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) if (name !== 'date_upd') expect([name, b[name]]).toEqual([name, a[name]]);
    expect(b.date_upd).not.toBe(a.date_upd);
  });

  it('resets the fields left out (a partial PUT loses data, as on a real shop)', async () => {
    const before = await call('/api/customers/2');
    expect(fields(before.body).company).toContain('CDATA[');
    const partial = before.body.replace(/^\t<(note|newsletter|optin|id_lang)>.*\n/gm, '').replace(/<associations>[\s\S]*<\/associations>\n/, '');
    expect((await call('/api/customers/2', { method: 'PUT', body: partial })).status).toBe(200);
    const after = fields((await call('/api/customers/2')).body);
    expect(after.newsletter).toBe('<![CDATA[0]]>');
    expect(after.id_lang).toBe('<![CDATA[]]>');
    // An association left out is kept (Customer::setWsGroups is only called when it is given).
    expect(after['assoc.groups']).toBe(fields(before.body)['assoc.groups']);
  });

  it('refuses a PUT without a required field (code 41) and changes nothing', async () => {
    const before = await call('/api/customers/2');
    const put = await call('/api/customers/2', { method: 'PUT', body: before.body.replace(/^\t<lastname>.*\n/m, '').replace(/<id_default_group>.*<\/id_default_group>/, '<id_default_group>4</id_default_group>') });
    expect(put.status).toBe(400);
    expect(put.body).toContain('parameter "lastname" required');
    expect((await call('/api/customers/2')).body).toBe(before.body);
  });

  it('replaces the groups and the default group when given, hashes a changed password', async () => {
    const before = await call('/api/customers/2');
    const body = before.body
      .replace(/<id_default_group><!\[CDATA\[3\]\]><\/id_default_group>/, '<id_default_group><![CDATA[4]]></id_default_group>')
      .replace(/<groups([^>]*)>.*<\/groups>/, '<groups$1><group><id>3</id></group><group><id>4</id></group></groups>')
      .replace(/<passwd>.*<\/passwd>/, '<passwd>secret-typed-by-mistake</passwd>');
    expect((await call('/api/customers/2', { method: 'PUT', body })).status).toBe(200);
    const after = fields((await call('/api/customers/2')).body);
    expect(after.id_default_group).toBe('<![CDATA[4]]>');
    expect(after['assoc.groups']).toBe('3,4');
    expect(after.passwd).not.toContain('secret-typed-by-mistake');
    expect(ps.fixture.customers.find((c) => c.id_customer === 2)!.groups).toEqual([3, 4]);
  });

  it('answers 405 code 25 to the read-only key, 404 code 92 to an unknown id, 500 code 127 to bad XML', async () => {
    const before = await call('/api/customers/2');
    const readOnly = await call('/api/customers/2', { method: 'PUT', body: before.body, key: READ_KEY });
    expect(readOnly.status).toBe(405);
    expect(readOnly.body).toContain('<code><![CDATA[25]]></code>');
    const unknown = await call('/api/customers/999', { method: 'PUT', body: before.body.replace(/<id><!\[CDATA\[2\]\]><\/id>/, '<id>999</id>') });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('<![CDATA[92]]>');
    const bad = await call('/api/customers/2', { method: 'PUT', body: '<prestashop><customer>' });
    expect(bad.status).toBe(500);
    expect(bad.body).toContain('<![CDATA[127]]>');
    expect((await call('/api/customers/2')).body).toBe(before.body);
  });
});

describe('PUT /api/configurations/{id}', () => {
  it('changes a value; a value left out becomes NULL', async () => {
    const before = await call('/api/configurations/19');
    const body = before.body.replace(/<value>.*<\/value>/, '<value><![CDATA[1]]></value>');
    expect((await call('/api/configurations/19', { method: 'PUT', body })).status).toBe(200);
    expect(ps.fixture.configuration.find((c) => c.id_configuration === 19)!.value).toBe('1');
    expect((await call('/api/configurations/19', { method: 'PUT', body: before.body.replace(/^\t<value>.*\n/m, '') })).status).toBe(200);
    expect(ps.fixture.configuration.find((c) => c.id_configuration === 19)!.value).toBeNull();
  });
});

describe('GET ?schema=blank', () => {
  it('gives the empty template of the resource in XML', async () => {
    const blank = await call('/api/customers?schema=blank');
    expect(blank.status).toBe(200);
    expect(blank.body).toContain('<customer>\n\t<id></id>');
    expect(blank.body).toContain('\t<email><![CDATA[]]></email>');
    expect(blank.body).not.toContain('marie');
  });
});
