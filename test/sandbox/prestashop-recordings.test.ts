// The emulator against the recorded answers of a real PrestaShop 8.1.2: the same request on a shop
// in the same state gives the same bytes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture } from '../../src/sandbox/shop-fixture.js';
import { readRecording as recording } from '../support/recordings.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';

let ps: PrestaShopSandbox;
beforeAll(async () => {
  const fixture = await loadShopFixture();
  // The recorded shop's state: a fresh install, where only FR (zone 1) and US (zone 2) are active.
  for (const c of fixture.countries) {
    c.active = c.iso_code === 'FR' || c.iso_code === 'US' ? 1 : 0;
    c.shops = [1];
  }
  ps = await startPrestaShopSandbox({ fixture });
});
afterAll(async () => {
  await ps.close();
});

async function get(path: string) {
  const res = await fetch(`${ps.url}/api/${path}${path.includes('?') ? '&' : '?'}output_format=JSON`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${KEY}:`).toString('base64'), 'Output-Format': 'JSON' },
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('countries', () => {
  it('answers countries?display=[id,id_zone,active,iso_code]&filter[active]=[1] byte for byte as 8.1.2 does', async () => {
    const recorded = recording('countries-active');
    const r = await get('countries?display=[id,id_zone,active,iso_code]&filter[active]=[1]');
    expect(r.status).toBe(recorded.status);
    expect(r.headers.get('content-type')).toBe(recorded.headers['content-type']);
    expect(r.headers.get('psws-version')).toBe(recorded.headers['psws-version']);
    expect(r.body).toBe(recorded.body);
  });

  it('keeps the schema order whatever the order asked', async () => {
    const r = await get('countries?display=[iso_code,active,id_zone,id]&filter[active]=[1]');
    expect(r.body).toBe(recording('countries-active').body);
    const full = JSON.parse((await get('countries?display=full&filter[iso_code]=[FR]')).body) as { countries: Array<Record<string, unknown>> };
    expect(Object.keys(full.countries[0]!)).toEqual([
      'id', 'id_zone', 'id_currency', 'call_prefix', 'iso_code', 'active', 'contains_states', 'need_identification_number',
      'need_zip_code', 'zip_code_format', 'display_tax_label', 'name',
    ]);
  });
});
