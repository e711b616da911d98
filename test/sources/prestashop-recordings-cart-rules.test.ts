// Parser tests on the bytes a real PrestaShop 8.1.2 sent (fixtures/recordings/prestashop-8.1.2/):
// what the cart-rule lookup relies on (cart rules, a customer's orders, an empty list, accounts
// sharing an e-mail) parses into the facts the checks read, and the emulator types those fields as
// the real shop does.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { countUses, customerForUses } from '../../src/sources/prestashop/cart-rules.js';
import { associationIds } from '../../src/sources/prestashop/coerce.js';
import { toCartRule, toCustomer, toInt } from '../../src/sources/prestashop/normalise.js';
import { eq, PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { readRecording as recorded, recordedShop } from '../support/recordings.js';

const shop = recordedShop();
const { serve } = shop;
const client = () => shop.client();

describe('recorded PrestaShop 8.1.2 answers', () => {
  it('cart_rules?display=full: mixed scalars become the cart-rule facts, the currency id kept as given', async () => {
    serve('cart_rules', 'cart_rules-full');
    const rows = await client().list('cart_rules', { display: 'full', filter: { code: eq('MINI50') } });
    // The list is not ordered by id (id 2 comes last): lookups must not rely on order.
    expect(rows.map((r) => r.id)).toEqual([1, 3, 4, 5, 6, 2]);
    const rules = Object.fromEntries(rows.map((r) => [String(r.code), toCartRule(r, { groupIds: [], usesByCustomer: null })]));
    expect(rules.MINI50).toMatchObject({
      id: 6,
      minimumAmount: 50, // "50.000000"
      minimumAmountCurrency: '1', // the JSON number 1: an id, not a currency
      minimumAmountTaxIncluded: true, // "1"
      minimumAmountShippingIncluded: false,
      quantityPerUser: 1, // a JSON number
      countryRestriction: false,
      carrierRestriction: false,
      shopRestriction: false,
    });
    expect(rules.EPUISE).toMatchObject({ quantity: 0, active: true });
    expect(rules.INACTIF!.active).toBe(false);
    expect(rules.RUGBYSTE!.groupRestriction).toBe(true);
  });

  it('orders?display=…&filter[id_customer]=…: number ids and states feed the use count', async () => {
    serve('orders', 'orders-full');
    const orders = await client().listAll('orders', { display: ['id', 'current_state'], filter: { id_customer: eq(2) } });
    // The capture is the unfiltered list: keep customer 2's orders, as the server's filter would.
    const customer2 = orders.filter((o) => toInt(o.id_customer) === 2);
    expect(customer2.map((o) => [o.id, o.current_state])).toEqual([
      [3, 8],
      [5, 10],
    ]);
    // order_cart_rule rows typed as the emulator sends them (no capture of that resource).
    const uses = [
      { id: 1, id_order: 3, id_cart_rule: 6, deleted: '0' },
      { id: 2, id_order: 5, id_cart_rule: 6, deleted: '0' },
      { id: 3, id_order: 1, id_cart_rule: 6, deleted: '0' }, // customer 3's order
    ];
    expect(countUses(customer2, uses, 6, 8)).toBe(1); // order 3 is in "Payment error" (8)
    expect(countUses(customer2, uses, 6, 0)).toBe(2); // no PS_OS_ERROR row: nothing left out
  });

  it('a filter matching nothing is a bare [], read as no use', async () => {
    serve('order_cart_rules', 'empty-list');
    expect(recorded('empty-list').body).toBe('[]');
    const rows = await client().listAll('order_cart_rules', { display: 'full', filter: { id_cart_rule: eq(6), id_order: eq(3, 5) } });
    expect(rows).toEqual([]);
    expect(countUses([{ id: 3, current_state: 2 }], rows, 6, 8)).toBe(0);
  });

  it('two accounts share an e-mail: the uses are counted for the registered one, not the guest', async () => {
    serve('customers', 'customers-email');
    const rows = await client().list('customers', { display: 'full', filter: { email: eq('marc.doublon@example.fr') } });
    const customers = rows.map((r) => toCustomer(r, associationIds(r, 'groups')));
    expect(customers.map((c) => [c.id, c.isGuest])).toEqual([
      [9, true],
      [10, false],
    ]);
    expect(customerForUses(customers)!.id).toBe(10);
  });
});

describe('the emulator types what the lookup reads as the recorded shop does', () => {
  let ps: PrestaShopSandbox;
  beforeAll(async () => {
    ps = await startPrestaShopSandbox();
  });
  afterAll(async () => {
    await ps.close();
  });

  const typesOf = (json: unknown, list: string, fields: string[]) => {
    const first = (json as Record<string, Array<Record<string, unknown>>>)[list]![0]!;
    return Object.fromEntries(fields.map((f) => [f, typeof first[f]]));
  };

  it.each([
    ['cart_rules', 'cart_rules-full', ['id', 'id_customer', 'code', 'quantity', 'quantity_per_user', 'minimum_amount', 'minimum_amount_tax', 'minimum_amount_currency', 'minimum_amount_shipping', 'country_restriction', 'carrier_restriction', 'group_restriction', 'product_restriction', 'shop_restriction', 'active']],
    ['orders', 'orders-full', ['id', 'id_customer', 'id_currency', 'current_state', 'reference', 'valid', 'total_paid']],
  ])('%s', async (resource, capture, fields) => {
    const web = new PrestaShopWebservice({ url: ps.url, key: 'DEMO4CHECKOUTDOCTOR7READONLY0001', timeoutMs: 3000, retry: false });
    const emulated = await web.getJson(resource, { display: 'full' });
    expect(typesOf(emulated, resource, fields)).toEqual(typesOf(JSON.parse(recorded(capture).body), resource, fields));
  });
});
