// A customer's past uses of a promo code and the currency of its minimum amount, through both
// sources on the same shop: the database source against the shop loaded into a real MariaDB, the
// webservice source against the emulator serving it. Both must count as CartRule::checkValidity
// does (src/sources/prestashop/cart-rules.ts) and give the same cart rules.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_SCHEMAS, type CartRule } from '../../src/engine/parts.js';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture, parseShopFixture, type ShopFixture } from '../../src/sandbox/shop-fixture.js';
import { PrestaShopDatabase } from '../../src/sources/prestashop/database.js';
import { gatherFromDatabase } from '../../src/sources/prestashop/gather-database.js';
import { gatherFromWebservice } from '../../src/sources/prestashop/gather-webservice.js';
import { PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { loadShop, type ShopFixture as LoadableFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
const PAUL = 2;
const MARIE = 1;
const MULTI = 20;

/**
 * The demo shop plus: MULTI3 (3 per customer, minimum 150 in the default currency), CHF50 (in CHF)
 * and GHOST (a currency id that does not exist); 105 orders of Paul, so that the webservice has to
 * page the orders and split the order ids of order_cart_rules in two requests.
 */
async function shopWithUses(): Promise<ShopFixture> {
  const fixture = await loadShopFixture();
  const template = fixture.cart_rules.find((r) => r.code === 'ETE2025')!;
  const rule = (id: number, code: string, over: Partial<typeof template>) => ({
    ...template,
    id_cart_rule: id,
    code,
    date_to: '2030-12-31 23:59:59',
    name: { '1': code, '2': code },
    groups: [],
    ...over,
  });
  fixture.cart_rules.push(
    rule(MULTI, 'MULTI3', { quantity_per_user: 3, minimum_amount: '150.000000', minimum_amount_currency: 0 }),
    rule(21, 'CHF50', { minimum_amount: '50.000000', minimum_amount_currency: 2 }),
    rule(22, 'GHOST', { minimum_amount: '10.000000', minimum_amount_currency: 9 }),
  );
  fixture.currencies.push({ ...fixture.currencies[0]!, id_currency: 2, iso_code: 'CHF', numeric_iso_code: '756', conversion_rate: '0.940000', name: { '1': 'Franc suisse', '2': 'Swiss franc' }, symbol: { '1': 'CHF', '2': 'CHF' } });

  const order = fixture.orders.find((o) => o.reference === 'PAYEEEEEE')!;
  const states = [2, 6, 8, 7, 5];
  for (let i = 0; i < 105; i++) {
    const id = 100 + i;
    fixture.orders.push({ ...order, id_order: id, reference: `P${id}`, id_customer: PAUL, id_cart: 1000 + id, current_state: states[i % states.length]!, history: [] });
  }
  fixture.orders.push({ ...order, id_order: 300, reference: 'MARIE300', id_customer: MARIE, id_cart: 1300, history: [] });
  const state = (id: number) => fixture.orders.find((o) => o.id_order === id)!.current_state;
  expect([state(100), state(101), state(102), state(103), state(104)]).toEqual([2, 6, 8, 7, 5]);
  let next = 100;
  const use = (idOrder: number, idCartRule = MULTI, deleted: 0 | 1 = 0) =>
    fixture.order_cart_rules.push({ id_order_cart_rule: next++, id_order: idOrder, id_cart_rule: idCartRule, id_order_invoice: 0, name: 'x', value: '1.000000', value_tax_excl: '1.000000', free_shipping: 0, deleted });
  use(100); // payment accepted: counts
  use(101); // cancelled: counts
  use(102); // payment error (PS_OS_ERROR): left out
  use(103); // refunded: counts
  use(104, MULTI, 1); // removed from the order in the back office: left out
  use(105); // payment accepted, applied twice to the order: counts twice (count(*) of rows)
  use(105);
  use(204); // the 105th order, beyond the first 100 order ids: counts
  use(150, 1); // another rule
  use(300); // another customer
  return parseShopFixture(JSON.parse(JSON.stringify(fixture)));
}

function rulesOf(envelope: PartEnvelope | undefined): CartRule[] {
  expect(envelope?.status, JSON.stringify(envelope)).toBe('ok');
  return PART_SCHEMAS['prestashop.cartRule'].parse((envelope as { data: unknown }).data).matches;
}

let db: MariaDb;
const clients: PrestaShopDatabase[] = [];
const sandboxes: PrestaShopSandbox[] = [];

beforeAll(async () => {
  db = await startMariaDb();
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(sandboxes.map((s) => s.close()));
  await db?.stop();
});

/** The fixture in its own database and its own emulator; both sources ready to read it. */
async function serve(fixture: ShopFixture, database: string) {
  const root = await db.root();
  await loadShop(root, fixture as unknown as LoadableFixture, { database });
  await root.query(`CREATE USER IF NOT EXISTS 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-uses-pass'; GRANT SELECT ON \`${database}\`.* TO 'ro'@'127.0.0.1';`);
  await root.end();
  const client = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-uses-pass', database, prefix: 'ps_' });
  clients.push(client);
  const sandbox = await startPrestaShopSandbox({ fixture });
  sandboxes.push(sandbox);
  // Small pages: the customer's 105 orders come in three pages.
  const ws = new PrestaShopWebservice({ url: sandbox.url, key: KEY, timeoutMs: 5000, pageSize: 40, retry: false });
  return { client, sandbox, ws };
}

describe('per-customer uses and minimum-amount currency, database and webservice alike', () => {
  it('counts as PrestaShop does: cancelled and refunded count, payment error and removed rows do not', async () => {
    const { client, sandbox, ws } = await serve(await shopWithUses(), 'uses');
    const query = { customer: 'paul.martin@example.fr', code: 'MULTI3' };
    const [sql, web] = await Promise.all([gatherFromDatabase(client, { query, shopId: 1 }), gatherFromWebservice(ws, { query, shopId: 1 })]);
    const [fromSql] = rulesOf(sql.lookups.code!['multi3']);
    const [fromWeb] = rulesOf(web.lookups.code!['multi3']);
    // 100, 101, 103, 105 twice, 204.
    expect(fromSql).toMatchObject({ usesByCustomer: 6, usesCustomerId: PAUL, quantityPerUser: 3, usesByCustomerScope: 'all-shops' });
    // The webservice reads the orders of every active shop (id_shop=all), SQL those of every shop.
    expect(fromWeb).toEqual({ ...fromSql, usesByCustomerScope: 'active-shops' });
    // Currency 0: the shop's default (PS_CURRENCY_DEFAULT = 1, EUR).
    expect(fromSql!.minimumAmountCurrencyResolved).toEqual({ id: 1, isoCode: 'EUR', symbol: '€', fromDefault: true });

    const paths = sandbox.requests.map((r) => decodeURIComponent(r.url));
    const orders = paths.filter((p) => p.startsWith('/api/orders?') && p.includes(`filter[id_customer]=[${PAUL}]`));
    // Paginated: the first page, the ids that give the total (no display), the other pages together.
    expect(orders, 'the customer\'s orders, paginated').toHaveLength(4);
    expect(orders.filter((p) => !p.includes('display='))).toHaveLength(1);
    for (const p of orders.filter((p) => p.includes('display='))) expect(p).toContain('display=[id,current_state]');
    const uses = paths.filter((p) => p.startsWith('/api/order_cart_rules?'));
    expect(uses, 'order ids split in two requests').toHaveLength(2);
    for (const p of uses) expect(p).toContain(`filter[id_cart_rule]=[${MULTI}]`);
    // Paul's 107 orders (PAYEEEEEE, BOUTIQUEB placed in shop 2 and read with id_shop=all, and the 105
    // added): 100 ids, then 7.
    expect(uses.map((p) => /filter\[id_order\]=\[([^\]]*)\]/.exec(p)![1]!.split('|').length), uses.join('\n')).toEqual([100, 7]);
    expect(uses.some((p) => p.includes('filter[id_order]=[198|199|200|201|202|203|204]'))).toBe(true);
  });

  it('resolves each rule\'s currency, and leaves an unknown currency id unresolved', async () => {
    const { client, ws } = await serve(await shopWithUses(), 'currencies');
    for (const [code, expected] of [
      ['CHF50', { id: 2, isoCode: 'CHF', symbol: 'CHF', fromDefault: false }],
      ['GHOST', null],
      ['ETE2025', undefined], // no minimum amount: no currency needed
    ] as const) {
      const query = { code };
      const [sql, web] = await Promise.all([gatherFromDatabase(client, { query, shopId: 1 }), gatherFromWebservice(ws, { query, shopId: 1 })]);
      const [fromSql] = rulesOf(sql.lookups.code![code.toLowerCase()]);
      const [fromWeb] = rulesOf(web.lookups.code![code.toLowerCase()]);
      expect(fromSql!.minimumAmountCurrencyResolved, code).toEqual(expected);
      expect(fromWeb, code).toEqual(fromSql);
      // Without --customer the uses stay unknown.
      expect(fromSql!.usesByCustomer).toBeNull();
    }
  });

  it('excludes no state when the shop has no PS_OS_ERROR row, as PrestaShop\'s (int) false = 0 does', async () => {
    const fixture = await shopWithUses();
    fixture.configuration = fixture.configuration.filter((c) => c.name !== 'PS_OS_ERROR');
    const { client, ws } = await serve(fixture, 'noerrorstate');
    const query = { customer: 'paul.martin@example.fr', code: 'MULTI3' };
    const [sql, web] = await Promise.all([gatherFromDatabase(client, { query, shopId: 1 }), gatherFromWebservice(ws, { query, shopId: 1 })]);
    expect(rulesOf(sql.lookups.code!['multi3'])[0]!.usesByCustomer).toBe(7);
    expect(rulesOf(web.lookups.code!['multi3'])[0]!.usesByCustomer).toBe(7);
  });

  it('keeps the rule when uses or currencies cannot be read through the webservice: unknown, with the cause', async () => {
    const fixture = await shopWithUses();
    const account = fixture.webservice_accounts.find((a) => a.key === KEY)!;
    delete account.permissions.order_cart_rules;
    delete account.permissions.currencies;
    const { ws } = await serve(fixture, 'notgranted');
    const gathered = await gatherFromWebservice(ws, { query: { customer: 'paul.martin@example.fr', code: 'MULTI3' }, shopId: 1 });
    const [rule] = rulesOf(gathered.lookups.code!['multi3']);
    expect(rule).toMatchObject({ code: 'MULTI3', usesByCustomer: null, usesCustomerId: PAUL, minimumAmountCurrencyResolved: null });
    expect(rule!.usesByCustomerCause).toMatch(/order_cart_rules/);
    expect(rule!.usesByCustomerCause).not.toContain(KEY);
  });
});

// CartRule::checkValidity counts the customer's orders of every shop: with customers shared in a
// shop group (share_customer), an order placed in the other shop counts against quantity_per_user.
describe('per-customer uses in a multistore whose shops share customers', () => {
  const ONCE = 30;
  async function sharedShops(): Promise<ShopFixture> {
    const fixture = await shopWithUses();
    // Customers shared, orders not: each shop's context lists only its own orders.
    fixture.shop_groups[0]!.share_customer = 1;
    const template = fixture.cart_rules.find((r) => r.code === 'ETE2025')!;
    fixture.cart_rules.push({ ...template, id_cart_rule: ONCE, code: 'ONCE', date_to: '2030-12-31 23:59:59', name: { '1': 'ONCE', '2': 'ONCE' }, groups: [], quantity_per_user: 1 });
    const order = fixture.orders.find((o) => o.reference === 'PAYEEEEEE')!;
    // Paul's only use of ONCE: an order placed in shop 2 ("Boutique de test").
    fixture.orders.push({ ...order, id_order: 400, reference: 'SHOPTWO40', id_customer: PAUL, id_cart: 1400, id_shop: 2, current_state: 2, history: [] });
    fixture.order_cart_rules.push({ id_order_cart_rule: 400, id_order: 400, id_cart_rule: ONCE, id_order_invoice: 0, name: 'ONCE', value: '1.000000', value_tax_excl: '1.000000', free_shipping: 0, deleted: 0 });
    return parseShopFixture(JSON.parse(JSON.stringify(fixture)));
  }

  it('both sources count the use made in the other shop (the webservice asks id_shop=all)', async () => {
    const { client, sandbox, ws } = await serve(await sharedShops(), 'sharedcustomers');
    const shopOne = new PrestaShopWebservice({ url: sandbox.url, key: KEY, timeoutMs: 5000, retry: false, shopId: 1 });
    const query = { customer: 'paul.martin@example.fr', code: 'ONCE' };
    const [sql, web, webShopOne] = await Promise.all([
      gatherFromDatabase(client, { query, shopId: 1 }),
      gatherFromWebservice(ws, { query, shopId: 1 }),
      gatherFromWebservice(shopOne, { query, shopId: 1 }),
    ]);
    expect(rulesOf(sql.lookups.code!['once'])[0]).toMatchObject({ usesByCustomer: 1, usesByCustomerScope: 'all-shops' });
    expect(rulesOf(web.lookups.code!['once'])[0]).toMatchObject({ usesByCustomer: 1, usesByCustomerScope: 'active-shops' });
    // Configured for shop 1 (id_shop=1 on every request), the orders are still asked for every shop.
    expect(rulesOf(webShopOne.lookups.code!['once'])[0]).toMatchObject({ usesByCustomer: 1, usesByCustomerScope: 'active-shops' });
    const orders = sandbox.requests.filter((r) => r.path === '/api/orders' && decodeURIComponent(r.url).includes(`filter[id_customer]=[${PAUL}]`));
    expect(orders.length).toBeGreaterThan(0);
    for (const r of orders) expect(r.query).toMatchObject({ id_shop: 'all' });
    // In shop 1's context, the emulator (like PrestaShop) does not list the order of shop 2.
    expect((await shopOne.list('orders', { filter: { reference: '[SHOPTWO40]' } })).length).toBe(0);
  });

  it('id_shop=all refused: the shop\'s own orders are counted, and the count says so', async () => {
    const { sandbox, ws } = await serve(await sharedShops(), 'sharedrefused');
    sandbox.faults.add({ path: '/api/orders?*id_shop=all*', respond: { kind: 'status', status: 403, body: JSON.stringify({ errors: [{ code: 132, message: 'No permission for this key on this shop' }] }), contentType: 'application/json' } });
    const gathered = await gatherFromWebservice(ws, { query: { customer: 'paul.martin@example.fr', code: 'ONCE' }, shopId: 1 });
    const [rule] = rulesOf(gathered.lookups.code!['once']);
    expect(rule, rule!.usesByCustomerCause).toMatchObject({ usesByCustomer: 0, usesByCustomerScope: 'shop' });
  });
});
