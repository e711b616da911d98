// The demo shop fixture: valid against its schema, and holding exactly the situations the demo and
// the tests rely on.

import { describe, expect, it } from 'vitest';
import { loadShopFixture, parseShopFixture, resolveConfiguration, setConfiguration, ShopFixtureError } from '../../src/sandbox/shop-fixture.js';

const fixture = await loadShopFixture('demo-shop');
const name = (i18n: Record<string, string>) => i18n['1'];

describe('demo shop fixture', () => {
  it('validates and returns a fresh copy on every load', async () => {
    const again = await loadShopFixture();
    again.customers.length = 0;
    expect(fixture.customers.length).toBeGreaterThan(0);
    expect(fixture.shop.version).toBe('8.1.2');
    expect(fixture.languages.filter((l) => l.active === 1).map((l) => l.iso_code)).toEqual(['fr', 'en']);
  });

  it('has the five demo clubs, each with its own defect', () => {
    expect(fixture.clubs.map((c) => c.name)).toEqual([
      'Étoile Sportive de Fréjus',
      'AS Saint-Étienne',
      'Racing Club Sévigné',
      'Olympique Noisy-le-Sec',
      'Cercle Nautique Hyérois',
    ]);
    const group = (club: string) => fixture.groups.find((g) => name(g.name) === club);
    const category = (club: string) => fixture.categories.find((c) => name(c.name) === club);
    for (const club of fixture.clubs) expect(group(club.name)?.id_group).toBe(club.id_group);
    expect(category('Étoile Sportive de Fréjus')).toMatchObject({ active: 1, groups: [4] });
    expect(category('AS Saint-Étienne')!.groups).not.toContain(group('AS Saint-Étienne')!.id_group);
    expect(category('Olympique Noisy-le-Sec')!.active).toBe(0);
    expect(category('Cercle Nautique Hyérois')).toBeUndefined();
    const sevigne = fixture.clubs.find((c) => c.name === 'Racing Club Sévigné')!;
    expect(sevigne.stripe!.secret_key.endsWith('\n')).toBe(true);
    expect(fixture.clubs.filter((c) => c.stripe!.secret_key !== c.stripe!.secret_key.trim())).toHaveLength(1);
  });

  it('has the demo customers, cart rules and orders', () => {
    const customer = (email: string) => fixture.customers.find((c) => c.email === email)!;
    expect(customer('marie.durand@example.fr')).toMatchObject({ is_guest: 0, deleted: 0, active: 1, id_default_group: 4, groups: [3, 4] });
    expect(customer('paul.martin@example.fr').groups).toEqual([3]);
    expect(customer('invite@example.fr').is_guest).toBe(1);
    expect(customer('ancien.membre@example.fr').deleted).toBe(1);
    expect(customer('compte.bloque@example.fr').active).toBe(0);
    const rule = (code: string) => fixture.cart_rules.find((r) => r.code === code)!;
    expect(rule('FREJUS10')).toMatchObject({ active: 1, group_restriction: 1, groups: [4] });
    expect(rule('ETE2025').date_to < '2026-01-01').toBe(true);
    expect(rule('EPUISE').quantity).toBe(0);
    expect(fixture.orders.map((o) => [o.reference, o.current_state])).toEqual([
      ['XKBKNABJK', 4],
      ['PAYEEEEEE', 2],
      ['CONTREREM', 14],
      ['BOUTIQUEB', 5],
      ['PROMOANNU', 6],
    ]);
    // Marie's cancelled order used FREJUS10 (1 per customer): PrestaShop still counts it.
    expect(fixture.order_cart_rules).toEqual([expect.objectContaining({ id_order: 11, id_cart_rule: rule('FREJUS10').id_cart_rule, deleted: 0 })]);
    expect(fixture.orders.find((o) => o.id_order === 11)!.id_customer).toBe(customer('marie.durand@example.fr').id_customer);
    expect(fixture.currencies.map((c) => [c.id_currency, c.iso_code, c.symbol['1']])).toEqual([[1, 'EUR', '€']]);
    // Customer::getGroups() is the customer_group rows: this one has none, whatever its default.
    expect(customer('sans.groupe@example.fr')).toMatchObject({ id_default_group: 4, groups: [] });
    const states = Object.fromEntries(fixture.order_states.map((s) => [s.id_order_state, s]));
    expect(states[4]).toMatchObject({ paid: 1, shipped: 1, delivery: 1 });
    expect(states[2]).toMatchObject({ paid: 1, shipped: 0 });
    // Shipped but not paid (cash on delivery): not returnable for Order::isPaidAndShipped().
    expect(states[14]).toMatchObject({ paid: 0, shipped: 1 });
  });

  it('resolves configuration shop > shop group > global', () => {
    expect(resolveConfiguration(fixture, 'PS_ORDER_RETURN')).toBe('1'); // shop row over global 0
    expect(resolveConfiguration(fixture, 'PS_ORDER_RETURN_NB_DAYS')).toBe('30'); // group row over global 14
    expect(resolveConfiguration(fixture, 'PS_SHOP_ENABLE')).toBe('1');
    expect(resolveConfiguration(fixture, 'PS_SHOP_ENABLE', 2)).toBe('0');
    expect(resolveConfiguration(fixture, 'NOPE')).toBeUndefined();
    const rows = fixture.configuration.filter((c) => c.name === 'PS_ORDER_RETURN');
    expect(rows.map((r) => [r.id_shop_group, r.id_shop])).toEqual([
      [null, null],
      [1, 1],
      [1, 2],
    ]);
  });

  it('setConfiguration updates or adds a row', async () => {
    const copy = await loadShopFixture();
    setConfiguration(copy, 'PS_WEBSERVICE', '0');
    expect(resolveConfiguration(copy, 'PS_WEBSERVICE')).toBe('0');
    setConfiguration(copy, 'PS_SHOP_ENABLE', '0', { idShop: 1 });
    expect(resolveConfiguration(copy, 'PS_SHOP_ENABLE')).toBe('0');
    expect(copy.configuration.filter((c) => c.name === 'PS_SHOP_ENABLE' && c.id_shop === 1)[0]!.id_shop_group).toBe(1);
  });

  it('rejects broken fixtures with the faulty path', () => {
    const broken = structuredClone(fixture) as unknown as { customers: Array<Record<string, unknown>> };
    broken.customers[0]!.id_default_group = 99;
    delete broken.customers[1]!.email;
    expect(() => parseShopFixture(broken)).toThrow(ShopFixtureError);
    expect(() => parseShopFixture(broken)).toThrow(/customers\.1\.email/);
    const dup = structuredClone(fixture);
    dup.groups.push(dup.groups[0]!);
    expect(() => parseShopFixture(dup)).toThrow(/duplicate id 1 in groups/);
  });

  it('reports an unreadable file', async () => {
    await expect(loadShopFixture('/nonexistent/shop.json')).rejects.toThrow(/Cannot read shop fixture/);
  });
});
