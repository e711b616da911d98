// Recorded answers of a real PrestaShop 8.1.2 (fixtures/recordings/prestashop-8.1.2) read through
// the webservice client's own parsing and the sources' mappers: where the emulator, the notes or
// our assumptions disagree with those bytes, the bytes win.

import { describe, expect, it } from 'vitest';
import { toCountry } from '../../src/sources/prestashop/shipping.js';
import { eq, PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { readRecording as recording, recordedShop } from '../support/recordings.js';

const ORIGIN = 'http://shop.test';
const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';

const shop = recordedShop();

describe('countries-active (countries?display=[id,id_zone,active,iso_code]&filter[active]=[1])', () => {
  it('parses into the shop’s active countries with their zones, whatever the scalar types', async () => {
    const recorded = recording('countries-active');
    const asked: string[] = [];
    shop.agent
      .get(ORIGIN)
      .intercept({ path: (path) => (asked.push(path), path.startsWith('/api/countries?')) })
      .reply(recorded.status, recorded.body, { headers: { ...recorded.headers, connection: 'keep-alive' } });
    const ws = new PrestaShopWebservice({ url: `${ORIGIN}/`, key: KEY, dispatcher: shop.agent, timeoutMs: 2000 });
    // The request the gatherer sends (gather-webservice.ts), minus pagination.
    const rows = await ws.list('countries', { display: ['id_zone', 'active', 'iso_code'], filter: { active: eq(1) } });
    const query = new URL(asked[0]!, ORIGIN).searchParams;
    expect([query.get('display'), query.get('filter[active]')]).toEqual(['[id,id_zone,active,iso_code]', '[1]']);
    // id_zone comes as a number, active as the string "1".
    expect(rows).toEqual([
      { id: 8, id_zone: 1, iso_code: 'FR', active: '1' },
      { id: 21, id_zone: 2, iso_code: 'US', active: '1' },
    ]);
    expect(rows.map(toCountry)).toEqual([
      { id: 8, zoneId: 1, active: true, isoCode: 'FR' },
      { id: 21, zoneId: 2, active: true, isoCode: 'US' },
    ]);
    expect(ws.version).toBe('8.1.2');
  });
});
