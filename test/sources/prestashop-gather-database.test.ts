// The database source on the demo shop fixture loaded into a real MariaDB: every part the checks
// read, with the facts only the database can see, and every failure as a typed cause.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrestaShopDatabase } from '../../src/sources/prestashop/database.js';
import { gatherFromDatabase } from '../../src/sources/prestashop/gather-database.js';
import { PART_SCHEMAS, type PartData, type PartName } from '../../src/engine/parts.js';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/shops/demo-shop.json', import.meta.url), 'utf8')) as ShopFixture;

function data<K extends PartName>(name: K, envelope: PartEnvelope | undefined): PartData<K> {
  expect(envelope?.status, `${name}: ${JSON.stringify(envelope)}`).toBe('ok');
  return PART_SCHEMAS[name].parse((envelope as { data: unknown }).data) as PartData<K>;
}

describe('gatherFromDatabase (demo shop in MariaDB)', () => {
  let db: MariaDb;
  let client: PrestaShopDatabase;

  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await loadShop(root, fixture, { database: 'prestashop' });
    await root.query(`CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-secret-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';`);
    await root.end();
    client = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-secret-pass', database: 'prestashop', prefix: 'ps_' });
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('lists the clubs as the non-built-in groups and resolves group, category and access', async () => {
    const gathered = await gatherFromDatabase(client, { query: {}, shopId: 1 });
    const names = gathered.clubs.map((c) => c.name);
    expect(names).toEqual(['Étoile Sportive de Fréjus', 'AS Saint-Étienne', 'Racing Club Sévigné', 'Olympique Noisy-le-Sec', 'Cercle Nautique Hyérois']);
    const asse = gathered.clubs[1]!;
    expect(data('club.group', asse.parts['club.group'])).toEqual({ id: 5, name: 'AS Saint-Étienne' });
    expect(data('club.category', asse.parts['club.category'])).toEqual({ id: 11, name: 'AS Saint-Étienne', active: true });
    expect(data('club.categoryAccess', asse.parts['club.categoryAccess'])).toEqual({ groupIds: [1, 2, 3] });
    expect(data('club.category', gathered.clubs[3]!.parts['club.category'])!.active).toBe(false);
    expect(data('club.category', gathered.clubs[4]!.parts['club.category'])).toBeNull();
  });

  it('resolves configuration for the shop (shop > group > global) and keeps secrets out of it', async () => {
    const gathered = await gatherFromDatabase(client, { query: {}, shopId: 1 });
    const config = data('prestashop.configuration', gathered.parts['prestashop.configuration']);
    expect(config.PS_ORDER_RETURN).toBe('1'); // per-shop row beats the global 0
    expect(config.PS_ORDER_RETURN_NB_DAYS).toBe('30'); // shop-group row beats the global 14
    expect(Object.keys(config).filter((k) => /STRIPE_(TEST_)?(KEY|PUBLISHABLE)/.test(k))).toEqual([]);
    const keys = data('club.stripeKeys', gathered.clubs[0]!.parts['club.stripeKeys']);
    expect(keys.origin).toBe('shop');
    expect(keys.mode).toBe('test');
    expect(keys.secretKey!.masked).toMatch(/^sk_test_…/);
    expect(JSON.stringify(gathered.clubs)).not.toContain('sk_test_DEMOBoutiqueFakeKey00001');
    const other = await gatherFromDatabase(client, { query: {}, shopId: 2 });
    expect(data('prestashop.configuration', other.parts['prestashop.configuration']).PS_SHOP_ENABLE).toBe('0');
  });

  it('answers --customer, --code and --order with what only the database knows', async () => {
    const gathered = await gatherFromDatabase(client, {
      query: { customer: 'Marie.Durand@example.fr', code: 'FREJUS10', order: 'XKBKNABJK' },
      shopId: 1,
    });
    const customer = data('prestashop.customer', gathered.lookups.customer!['marie.durand@example.fr']);
    expect(customer.matches).toHaveLength(1);
    expect(customer.matches[0]).toMatchObject({ email: 'marie.durand@example.fr', defaultGroupId: 4, groupIds: [3, 4], isGuest: false });
    const rule = data('prestashop.cartRule', gathered.lookups.code!['frejus10']).matches[0]!;
    // Marie's only use is on a cancelled order: PrestaShop counts it (only "Payment error" is left out).
    expect(rule).toMatchObject({ code: 'FREJUS10', groupRestriction: true, groupIds: [4], usesByCustomer: 1, usesCustomerId: 1 });
    expect(rule.minimumAmountCurrencyResolved).toEqual({ id: 1, isoCode: 'EUR', symbol: '€', fromDefault: false });
    const order = data('prestashop.order', gathered.lookups.order!['XKBKNABJK']).matches[0]!;
    expect(order).toMatchObject({ reference: 'XKBKNABJK', currentState: 4 });
    const guest = await gatherFromDatabase(client, { query: { customer: 'invite@example.fr' }, shopId: 1 });
    expect(data('prestashop.customer', guest.lookups.customer!['invite@example.fr']).matches[0]!.isGuest).toBe(true);
  });

  it('reads the active countries of the shop (country_shop), with their zone and default-language name', async () => {
    const gathered = await gatherFromDatabase(client, { query: {}, shopId: 1 });
    // DE, CA, JP, AU are disabled; US is enabled but associated with shop 2 only.
    expect(data('prestashop.countries', gathered.parts['prestashop.countries'])).toEqual([
      { id: 3, zoneId: 1, active: true, isoCode: 'BE', name: 'Belgique', containsStates: false },
      { id: 6, zoneId: 1, active: true, isoCode: 'ES', name: 'Espagne', containsStates: true },
      { id: 8, zoneId: 1, active: true, isoCode: 'FR', name: 'France', containsStates: false },
      { id: 12, zoneId: 1, active: true, isoCode: 'LU', name: 'Luxembourg', containsStates: false },
      { id: 19, zoneId: 7, active: true, isoCode: 'CH', name: 'Suisse', containsStates: false },
    ]);
    const test = await gatherFromDatabase(client, { query: {}, shopId: 2 });
    expect(data('prestashop.countries', test.parts['prestashop.countries']).map((c) => c.isoCode)).toEqual(['BE', 'ES', 'FR', 'LU', 'CH', 'US']);
  });

  it('gives what Order::isReturnable() reads: state, delivery date, and the return settings of the order\'s own shop', async () => {
    const cod = await gatherFromDatabase(client, { query: { order: 'CONTREREM' }, shopId: 1 });
    expect(data('prestashop.order', cod.lookups.order!['CONTREREM']).matches).toEqual([
      expect.objectContaining({
        id: 3,
        currentState: 14,
        deliveryDate: '2026-11-18 10:00:00',
        shopId: 1,
        shopGroupId: 1,
        returnConfiguration: { PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: '30' },
      }),
    ]);
    expect(data('prestashop.orderStates', cod.parts['prestashop.orderStates']).find((s) => s.id === 14)).toMatchObject({ paid: false, shipped: true });
    // An order of shop 2, read while diagnosing shop 1: returns are off there (its own shop row).
    const other = await gatherFromDatabase(client, { query: { order: '4' }, shopId: 1 });
    expect(data('prestashop.order', other.lookups.order!['4']).matches[0]).toMatchObject({
      reference: 'BOUTIQUEB',
      shopId: 2,
      returnConfiguration: { PS_ORDER_RETURN: '0', PS_ORDER_RETURN_NB_DAYS: '30' },
    });
    // The zero date is no delivery date (TO_DAYS gives NULL).
    const paid = await gatherFromDatabase(client, { query: { order: 'PAYEEEEEE' }, shopId: 1 });
    expect(data('prestashop.order', paid.lookups.order!['PAYEEEEEE']).matches[0]!.deliveryDate).toBeNull();
  });

  it('a customer without any customer_group row is in no group at all, not in its default group', async () => {
    const gathered = await gatherFromDatabase(client, { query: { customer: 'sans.groupe@example.fr' }, shopId: 1 });
    const [customer] = data('prestashop.customer', gathered.lookups.customer!['sans.groupe@example.fr']).matches;
    expect(customer).toMatchObject({ id: 6, defaultGroupId: 4, groupIds: [] });
  });

  it('reads carriers with their zones, shops and payment modules, zones, modules and the Sendcloud module settings', async () => {
    const gathered = await gatherFromDatabase(client, { query: {}, shopId: 1 });
    const carriers = data('prestashop.carriers', gathered.parts['prestashop.carriers']);
    const relay = carriers.find((c) => c.externalModuleName.startsWith('sendcloud'))!;
    expect(relay).toMatchObject({ id: 4, reference: 4, active: true, deleted: false, isModule: true, zoneIds: [1, 7, 9], shopIds: [1] });
    expect(relay.paymentModules).toEqual(['ps_checkpayment', 'ps_wirepayment', 'stripe_official']);
    // An edited carrier keeps its reference: the old version is deleted, the new one is not.
    expect(carriers.filter((c) => c.reference === 2).map((c) => [c.id, c.deleted])).toEqual([[2, true], [3, false]]);
    // Stock-like: the 8 zones of a fresh install all active, only a few countries enabled.
    expect(data('prestashop.zones', gathered.parts['prestashop.zones']).filter((z) => z.active).map((z) => z.name)).toEqual(['Europe', 'North America', 'Asia', 'Africa', 'Oceania', 'South America', 'Europe (non-EU)', 'Central America/Antilla', 'Îles Canaries']);
    const modules = data('prestashop.modules', gathered.parts['prestashop.modules']);
    expect(modules.find((m) => m.name === 'mondialrelay')).toMatchObject({ active: false, enabledForShop: false });
    expect(modules.find((m) => m.name === 'stripe_official')).toMatchObject({ active: true, enabledForShop: true });
    expect(data('prestashop.sendcloudModule', gathered.parts['prestashop.sendcloudModule'])).toEqual({
      variant: 'v2',
      connected: true,
      scriptUrl: 'https://embed.sendcloud.sc/spp/1.0.0/api.min.js',
      selectedCarriers: { colissimo: 'Colissimo' },
      carrierReferences: { colissimo: 4 },
    });
    expect(JSON.stringify(gathered.parts)).not.toContain('DEMO4SENDCLOUDKEY');
  });

  it('reads the shop’s active countries with contains_states, and the active states of those countries with their zone', async () => {
    const gathered = await gatherFromDatabase(client, { query: {}, shopId: 1 });
    const countries = data('prestashop.countries', gathered.parts['prestashop.countries']);
    expect(countries.map((c) => [c.isoCode, c.zoneId, c.containsStates])).toEqual([
      ['BE', 1, false],
      ['ES', 1, true],
      ['FR', 1, false],
      ['LU', 1, false],
      ['CH', 7, false],
    ]);
    // ps_state: Ceuta is disabled; US states would belong to a country the main shop does not enable.
    expect(data('prestashop.states', gathered.parts['prestashop.states'])).toEqual([
      { id: 313, countryId: 6, zoneId: 1, isoCode: 'ES-M', name: 'Madrid', active: true },
      { id: 323, countryId: 6, zoneId: 9, isoCode: 'ES-GC', name: 'Las Palmas', active: true },
      { id: 335, countryId: 6, zoneId: 9, isoCode: 'ES-TF', name: 'Santa Cruz de Tenerife', active: true },
    ]);
  });

  it('configured clubs take their group and category by id, and their keys from config', async () => {
    const gathered = await gatherFromDatabase(client, {
      clubs: [{ name: 'Les Fréjussiens', group: 4, category: 10, stripe: { publishableKey: 'pk_test_CONFIGkey0000000000000001', secretKey: 'sk_test_CONFIGkey0000000000000001' } }],
      query: {},
      shopId: 1,
    });
    expect(gathered.clubs).toHaveLength(1);
    expect(data('club.group', gathered.clubs[0]!.parts['club.group'])!.id).toBe(4);
    expect(data('club.stripeKeys', gathered.clubs[0]!.parts['club.stripeKeys']).origin).toBe('config');
  });

  it('turns a wrong table prefix into failed parts with the cause, not a crash', async () => {
    const wrong = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-secret-pass', database: 'prestashop', prefix: 'shop_' });
    const gathered = await gatherFromDatabase(wrong, { clubs: [{ name: 'AS Saint-Étienne' }], query: { customer: 'x@example.fr' }, shopId: 1 });
    await wrong.close();
    const envelope = gathered.clubs[0]!.parts['club.category']!;
    expect(envelope.status).toBe('failed');
    expect(envelope.status === 'failed' && envelope.cause.kind).toBe('wrong-prefix');
    expect(gathered.lookups.customer!['x@example.fr']!.status).toBe('failed');
  });
});
