// The webservice source on the demo shop served by the emulator: the parts the checks read, the
// facts the webservice cannot show (unavailable / null), lookups, failures as causes, and one
// request per URL.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PART_SCHEMAS, type PartData, type PartName } from '../../src/engine/parts.js';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture } from '../../src/sandbox/shop-fixture.js';
import { CATEGORY_ACCESS_UNAVAILABLE, gatherFromWebservice, MODULES_UNAVAILABLE } from '../../src/sources/prestashop/gather-webservice.js';
import { sendcloudModuleFrom } from '../../src/sources/prestashop/shipping.js';
import { PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
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

const ws = (key = KEY, shopId?: number) => new PrestaShopWebservice({ url: ps.url, key, timeoutMs: 3000, shopId, retry: { retries: 1, baseDelayMs: 5 } });

function data<K extends PartName>(name: K, envelope: PartEnvelope | undefined): PartData<K> {
  expect(envelope?.status, `${name}: ${JSON.stringify(envelope)}`).toBe('ok');
  return PART_SCHEMAS[name].parse((envelope as { data: unknown }).data) as PartData<K>;
}

describe('gatherFromWebservice (demo shop)', () => {
  it('lists the clubs and resolves group and category by name; group access is unavailable', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: {}, shopId: 1 });
    expect(gathered.clubsCause).toBeUndefined();
    expect(gathered.clubs.map((c) => c.name)).toEqual([
      'Étoile Sportive de Fréjus',
      'AS Saint-Étienne',
      'Racing Club Sévigné',
      'Olympique Noisy-le-Sec',
      'Cercle Nautique Hyérois',
    ]);
    const [frejus, asse, sevigne, noisy, hyeres] = gathered.clubs;
    expect(data('club.group', asse!.parts['club.group'])).toEqual({ id: 5, name: 'AS Saint-Étienne' });
    expect(data('club.category', asse!.parts['club.category'])).toEqual({ id: 11, name: 'AS Saint-Étienne', active: true });
    expect(asse!.parts['club.categoryAccess']).toEqual({ status: 'unavailable', reason: CATEGORY_ACCESS_UNAVAILABLE });
    expect(data('club.category', noisy!.parts['club.category'])!.active).toBe(false);
    expect(data('club.group', hyeres!.parts['club.group'])).toEqual({ id: 8, name: 'Cercle Nautique Hyérois' });
    expect(data('club.category', hyeres!.parts['club.category'])).toBeNull();
    expect(hyeres!.parts['club.categoryAccess']).toBeUndefined();
    expect(data('club.category', frejus!.parts['club.category'])).toEqual({ id: 10, name: 'Étoile Sportive de Fréjus', active: true });
    expect(data('club.stripeKeys', sevigne!.parts['club.stripeKeys']).origin).toBe('shop');
    expect(gathered.prestashopVersion).toBe('8.1.2');
  });

  it('matches configured club names ignoring case and accents, and takes their keys from config', async () => {
    const gathered = await gatherFromWebservice(ws(), {
      query: {},
      shopId: 1,
      clubs: [{ name: 'racing club sevigne', stripe: { publishableKey: 'pk_test_DEMOSevigneFakeKey000003', secretKey: 'sk_test_DEMOSevigneFakeKey000003\n' } }],
    });
    const [club] = gathered.clubs;
    expect(data('club.group', club!.parts['club.group'])).toEqual({ id: 6, name: 'Racing Club Sévigné' });
    expect(data('club.category', club!.parts['club.category'])!.id).toBe(12);
    const keys = data('club.stripeKeys', club!.parts['club.stripeKeys']);
    expect(keys.origin).toBe('config');
    expect(keys.secretKey!.contamination.map((c) => c.kind)).toContain('newline');
    expect(JSON.stringify(gathered.clubs)).not.toContain('sk_test_DEMOSevigneFakeKey000003');
  });

  it('resolves configuration shop > group > global and keeps secrets out', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: {}, shopId: 1 });
    const config = data('prestashop.configuration', gathered.parts['prestashop.configuration']);
    expect(config.PS_ORDER_RETURN).toBe('1');
    expect(config.PS_ORDER_RETURN_NB_DAYS).toBe('30');
    expect(config.PS_SHOP_ENABLE).toBe('1');
    expect(config.STRIPE_MODE).toBe('1');
    expect(Object.keys(config).filter((k) => /STRIPE_(TEST_)?(KEY|PUBLISHABLE)/.test(k))).toEqual([]);
    expect(JSON.stringify(gathered.parts)).not.toContain('sk_test_');
    const keys = data('club.stripeKeys', gathered.clubs[0]!.parts['club.stripeKeys']);
    expect(keys).toMatchObject({ origin: 'shop', mode: 'test' });
    expect(keys.secretKey!.masked).toMatch(/^sk_test_…/);
  });

  it('reads another shop of the group with its own rows', async () => {
    const gathered = await gatherFromWebservice(ws(KEY, 2), { query: {}, shopId: 2 });
    expect(data('prestashop.configuration', gathered.parts['prestashop.configuration']).PS_SHOP_ENABLE).toBe('0');
    expect(ps.requests.every((r) => r.query.id_shop === '2')).toBe(true);
  });

  it('produces the order states with their flags', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: {}, shopId: 1 });
    const states = data('prestashop.orderStates', gathered.parts['prestashop.orderStates']);
    expect(states).toHaveLength(14);
    expect(states.find((s) => s.id === 4)).toEqual({ id: 4, name: 'Expédié', paid: true, shipped: true, delivery: true, deleted: false });
    expect(states.find((s) => s.id === 14)).toMatchObject({ paid: false, shipped: true });
    expect(data('prestashop.groups', gathered.parts['prestashop.groups']).find((g) => g.id === 3)!.name).toBe('Client');
  });

  it('produces carriers (zones unknown), zones, the Sendcloud module state; modules are unavailable', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: {}, shopId: 1 });
    const carriers = data('prestashop.carriers', gathered.parts['prestashop.carriers']);
    expect(carriers.map((c) => [c.id, c.reference, c.deleted])).toEqual([
      [1, 1, false],
      [2, 2, true],
      [3, 2, false],
      [4, 4, false],
    ]);
    expect(carriers[3]).toEqual({
      id: 4,
      reference: 4,
      name: 'Service Point Delivery: Colissimo',
      active: true,
      deleted: false,
      isModule: true,
      externalModuleName: 'sendcloudv2',
      zoneIds: null,
      shopIds: null,
      paymentModules: null,
    });
    expect(data('prestashop.zones', gathered.parts['prestashop.zones'])).toEqual(
      ['Europe', 'North America', 'Asia', 'Africa', 'Oceania', 'South America', 'Europe (non-EU)', 'Central America/Antilla', 'Îles Canaries'].map((name, i) => ({ id: i + 1, name, active: true })),
    );
    // The shop's enabled countries, as the database gives them but for the (i18n) name, not asked.
    expect(data('prestashop.countries', gathered.parts['prestashop.countries'])).toEqual([
      { id: 3, zoneId: 1, active: true, isoCode: 'BE', containsStates: false },
      { id: 6, zoneId: 1, active: true, isoCode: 'ES', containsStates: true },
      { id: 8, zoneId: 1, active: true, isoCode: 'FR', containsStates: false },
      { id: 12, zoneId: 1, active: true, isoCode: 'LU', containsStates: false },
      { id: 19, zoneId: 7, active: true, isoCode: 'CH', containsStates: false },
    ]);
    const countries = ps.requests.find((r) => r.path === '/api/countries')!;
    expect(countries.query).toMatchObject({ display: '[id,id_zone,active,iso_code,contains_states]', 'filter[active]': '[1]' });
    // The active states (not shop-scoped), kept to the shop's enabled countries: the same part as SQL.
    expect(data('prestashop.states', gathered.parts['prestashop.states'])).toEqual([
      { id: 313, countryId: 6, zoneId: 1, isoCode: 'ES-M', name: 'Madrid', active: true },
      { id: 323, countryId: 6, zoneId: 9, isoCode: 'ES-GC', name: 'Las Palmas', active: true },
      { id: 335, countryId: 6, zoneId: 9, isoCode: 'ES-TF', name: 'Santa Cruz de Tenerife', active: true },
    ]);
    const states = ps.requests.find((r) => r.path === '/api/states')!;
    expect(states.query).toMatchObject({ display: '[id,id_country,id_zone,iso_code,name,active]', 'filter[active]': '[1]' });
    // Lists are shop-scoped (country_shop): US is enabled for the test shop only.
    const test = await gatherFromWebservice(ws(KEY, 2), { query: {}, shopId: 2 });
    expect(data('prestashop.countries', test.parts['prestashop.countries']).map((c) => c.isoCode)).toEqual(['BE', 'ES', 'FR', 'LU', 'CH', 'US']);
    expect(data('prestashop.sendcloudModule', gathered.parts['prestashop.sendcloudModule'])).toEqual({
      variant: 'v2',
      connected: true,
      scriptUrl: 'https://embed.sendcloud.sc/spp/1.0.0/api.min.js',
      selectedCarriers: { colissimo: 'Colissimo' },
      carrierReferences: { colissimo: 4 },
    });
    expect(gathered.parts['prestashop.modules']).toEqual({ status: 'unavailable', reason: MODULES_UNAVAILABLE });
    // The connect settings hold a webservice key: used, never copied.
    expect(JSON.stringify(gathered.parts)).not.toContain('DEMO4SENDCLOUDKEYNOCUSTOMERS0003');
  });

  it('sendcloudModuleFrom: v1 keys, no module, unreadable JSON', () => {
    expect(
      sendcloudModuleFrom(
        new Map([
          ['SENDCLOUD_SETTINGS_CONNECT', '{"id":1}'],
          ['SENDCLOUD_SPP_SCRIPT', ''],
          ['SENDCLOUD_SPP_SELECTED_CARRIERS', '{"MONDIAL_RELAY":"Mondial Relay"}'],
          ['SENDCLOUD_SPP_CARRIER_MONDIAL_RELAY_REFERENCE', '12'],
        ]),
      ),
    ).toEqual({ variant: 'v1', connected: true, scriptUrl: null, selectedCarriers: { mondial_relay: 'Mondial Relay' }, carrierReferences: { mondial_relay: 12 } });
    expect(sendcloudModuleFrom(new Map([['PS_SHOP_ENABLE', '1']]))).toEqual({ variant: null, connected: false, scriptUrl: null, selectedCarriers: {}, carrierReferences: {} });
    expect(sendcloudModuleFrom(new Map([['SENDCLOUD_V2_SPP_SELECTED_CARRIERS', '{oops']])).selectedCarriers).toEqual({});
    expect(sendcloudModuleFrom(new Map([['SENDCLOUD_V2_SPP_SELECTED_CARRIERS', '{oops']])).connected).toBe(false);
  });

  it('answers --customer, --code and --order through filter[...]', async () => {
    const gathered = await gatherFromWebservice(ws(), {
      query: { customer: 'Marie.Durand@example.fr', code: 'frejus10', order: 'xkbknabjk' },
      shopId: 1,
    });
    const customer = data('prestashop.customer', gathered.lookups.customer!['marie.durand@example.fr']);
    expect(customer.matches).toEqual([
      expect.objectContaining({ id: 1, email: 'marie.durand@example.fr', defaultGroupId: 4, groupIds: [3, 4], isGuest: false, deleted: false, active: true }),
    ]);
    const rule = data('prestashop.cartRule', gathered.lookups.code!['frejus10']).matches[0]!;
    // Marie's cancelled order used the code: counted, as PrestaShop does.
    expect(rule).toMatchObject({ code: 'FREJUS10', groupRestriction: true, groupIds: null, usesByCustomer: 1, usesCustomerId: 1, quantity: 250, minimumAmount: 20 });
    expect(rule.minimumAmountCurrencyResolved).toEqual({ id: 1, isoCode: 'EUR', symbol: '€', fromDefault: false });
    const order = data('prestashop.order', gathered.lookups.order!['XKBKNABJK']).matches[0]!;
    expect(order).toMatchObject({ id: 1, reference: 'XKBKNABJK', currentState: 4, customerId: 1, deliveryDate: '2026-10-05 14:00:00' });
  });

  it('lookups by id, guests, deleted and blocked accounts, unknown values', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: { customer: '3', code: 'NOPE', order: '2' }, shopId: 1 });
    expect(data('prestashop.customer', gathered.lookups.customer!['3']).matches[0]).toMatchObject({ email: 'invite@example.fr', isGuest: true, groupIds: [2] });
    expect(data('prestashop.cartRule', gathered.lookups.code!['nope']).matches).toEqual([]);
    expect(data('prestashop.order', gathered.lookups.order!['2']).matches[0]).toMatchObject({ reference: 'PAYEEEEEE', currentState: 2, deliveryDate: null });
    const more = await gatherFromWebservice(ws(), { query: { customer: 'ancien.membre@example.fr', code: 'EPUISE' }, shopId: 1 });
    expect(data('prestashop.customer', more.lookups.customer!['ancien.membre@example.fr']).matches[0]).toMatchObject({ deleted: true });
    expect(data('prestashop.cartRule', more.lookups.code!['epuise']).matches[0]).toMatchObject({ quantity: 0, groupRestriction: false, groupIds: [] });
    const blocked = await gatherFromWebservice(ws(), { query: { customer: 'compte.bloque@example.fr', code: 'ETE2025' }, shopId: 1 });
    expect(data('prestashop.customer', blocked.lookups.customer!['compte.bloque@example.fr']).matches[0]).toMatchObject({ active: false });
    expect(data('prestashop.cartRule', blocked.lookups.code!['ete2025']).matches[0]!.dateTo).toBe('2025-08-31 23:59:59');
  });

  it('gives what Order::isReturnable() reads, the return settings resolved for the order\'s shop from the rows already read', async () => {
    const gathered = await gatherFromWebservice(ws(), { query: { order: 'CONTREREM' }, shopId: 1 });
    expect(data('prestashop.order', gathered.lookups.order!['CONTREREM']).matches).toEqual([
      expect.objectContaining({
        id: 3,
        currentState: 14,
        deliveryDate: '2026-11-18 10:00:00',
        shopId: 1,
        shopGroupId: 1,
        returnConfiguration: { PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: '30' },
      }),
    ]);
    // No extra request for the settings: the configuration list is shared.
    expect(ps.requests.filter((r) => r.url.includes('configurations'))).toHaveLength(3);
    const shop2 = await gatherFromWebservice(ws(KEY, 2), { query: { order: 'BOUTIQUEB' }, shopId: 2 });
    expect(data('prestashop.order', shop2.lookups.order!['BOUTIQUEB']).matches[0]).toMatchObject({
      shopId: 2,
      returnConfiguration: { PS_ORDER_RETURN: '0', PS_ORDER_RETURN_NB_DAYS: '30' },
    });
  });

  it('a customer the webservice shows without associations.groups is in no group at all, not in its default group', async () => {
    const byEmail = await gatherFromWebservice(ws(), { query: { customer: 'sans.groupe@example.fr' }, shopId: 1 });
    expect(data('prestashop.customer', byEmail.lookups.customer!['sans.groupe@example.fr']).matches[0]).toMatchObject({ id: 6, defaultGroupId: 4, groupIds: [] });
    const byId = await gatherFromWebservice(ws(), { query: { customer: '6' }, shopId: 1 });
    expect(data('prestashop.customer', byId.lookups.customer!['6']).matches[0]).toMatchObject({ id: 6, defaultGroupId: 4, groupIds: [] });
  });

  it('sends each URL once and nothing else than GETs', async () => {
    await gatherFromWebservice(ws(), { query: { customer: 'paul.martin@example.fr', code: 'FREJUS10', order: 'PAYEEEEEE' }, shopId: 1 });
    const urls = ps.requests.map((r) => `${r.method} ${r.url}`);
    expect(new Set(urls).size).toBe(urls.length);
    expect(ps.requests.every((r) => r.method === 'GET')).toBe(true);
    // configuration ×3, groups, categories, order states, carriers, zones, countries, states, customer,
    // cart rule, order, and for the code: currencies (it has a minimum amount), the customer's orders, their uses of it.
    expect(ps.requests).toHaveLength(16);
  });

  it.each(['1.7.8.11', '8.2.0'])('gives the same parts from a PrestaShop %s (other scalar types and falsy-field rules)', async (version) => {
    const query = { customer: '3', code: 'FREJUS10', order: 'XKBKNABJK' };
    const reference = await gatherFromWebservice(ws(), { query, shopId: 1 });
    const fixture = await loadShopFixture();
    fixture.shop.version = version;
    const other = await startPrestaShopSandbox({ fixture });
    try {
      const gathered = await gatherFromWebservice(new PrestaShopWebservice({ url: other.url, key: KEY, timeoutMs: 3000 }), { query, shopId: 1 });
      expect(gathered.prestashopVersion).toBe(version);
      expect(gathered.parts).toEqual(reference.parts);
      expect(gathered.lookups).toEqual(reference.lookups);
      expect(gathered.clubs).toEqual(reference.clubs);
    } finally {
      await other.close();
    }
  });

  it('a key without the needed resources: every part fails with the cause, the clubs cannot be listed', async () => {
    const gathered = await gatherFromWebservice(ws('DEMO4SENDCLOUDKEYNOCUSTOMERS0003'), { query: { customer: 'paul.martin@example.fr' }, shopId: 1 });
    const configuration = gathered.parts['prestashop.configuration'];
    expect(configuration).toMatchObject({ status: 'failed', cause: { source: 'prestashop', kind: 'forbidden-resource', code: 26, status: 401 } });
    expect(gathered.parts['prestashop.orderStates']!.status).toBe('ok');
    expect(gathered.clubs).toEqual([]);
    expect(gathered.clubsCause).toMatchObject({ kind: 'forbidden-resource' });
    expect(gathered.lookups.customer!['paul.martin@example.fr']).toMatchObject({ status: 'failed', cause: { kind: 'forbidden-resource' } });
  });

  it('configured clubs still appear, failed, when the shop cannot be read', async () => {
    ps.faults.add({ path: '/api/*', respond: { kind: 'php-warning' } });
    const gathered = await gatherFromWebservice(ws(), { query: {}, shopId: 1, clubs: [{ name: 'AS Saint-Étienne' }] });
    expect(gathered.clubsCause).toBeUndefined();
    expect(gathered.clubs[0]!.parts['club.group']).toMatchObject({ status: 'failed', cause: { kind: 'php-error', status: 500 } });
    const cause = (gathered.clubs[0]!.parts['club.category'] as { cause: { fix?: unknown[] } }).cause;
    expect(cause.fix?.length).toBeGreaterThan(0);
  });
});
