// The shop fixture format: raw PrestaShop data, as close to the database rows as JSON allows, so
// that the same file feeds the webservice emulator and (later) a real MariaDB.
//
// Conventions (fixtures/shops/demo-shop.json):
// - one array per table, snake_case column names of `ps_<table>` (install-dev/data/db_structure.sql);
// - flags are 0/1 numbers, DECIMAL columns are strings ("61.800000"), NULL is null;
// - multilingual columns (`*_lang` tables) are objects keyed by id_lang: `{"1": "Accueil", "2": "Home"}`;
// - junction tables are embedded as id lists on the owning row: category_group → categories[].groups,
//   customer_group → customers[].groups, cart_rule_group → cart_rules[].groups,
//   carrier_zone → carriers[].zones, ps_state → states (not shop-associated), carrier_group → carriers[].groups, *_shop → shops (country_shop
//   → countries[].shops),
//   module_carrier (for the fixture's shop) → carriers[].payment_modules,
//   webservice_permission → webservice_accounts[].permissions, order_history → orders[].history,
//   currency_lang → currencies[].name/symbol, currency_shop → currencies[].shops; order_cart_rule is
//   its own array (order_cart_rules), the rows PrestaShop counts for a rule's per-customer limit;
// - `clubs` is not a PrestaShop table: it is the demo's checkout-doctor club list (name, group,
//   category, the Stripe keys configured for the club) and what each club is meant to exhibit.
//
// Every key and secret in a fixture is fake.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseJsonFile } from '../config/json-syntax.js';
import { FixtureError, fixtureIssues, SANDBOX_MESSAGES } from './messages.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

const Id = z.number().int().nonnegative();
const Flag = z.union([z.literal(0), z.literal(1)]);
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a DECIMAL as a string, e.g. "10.00"');
const DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:MM:SS');
/** A `*_lang` column: value per id_lang. */
const I18n = z.record(z.string().regex(/^\d+$/), z.string());
const Ids = z.array(Id);

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

const ShopInfo = z.strictObject({
  id_shop: Id,
  id_shop_group: Id,
  name: z.string(),
  /** PrestaShop version the emulator impersonates (PSWS-Version header, quirks). */
  version: z.string().regex(/^\d+\.\d+\.\d+(\.\d+)?$/),
  php_version: z.string().default('8.2.24'),
  /** The shop's canonical URL as the fixture's author imagined it (the emulator serves on its own). */
  url: z.string(),
  default_lang: Id,
});

const ShopGroup = z.strictObject({
  id_shop_group: Id,
  name: z.string(),
  share_customer: Flag,
  share_order: Flag,
  share_stock: Flag,
  active: Flag,
  deleted: Flag,
});

const Shop = z.strictObject({
  id_shop: Id,
  id_shop_group: Id,
  name: z.string(),
  id_category: Id,
  theme_name: z.string(),
  active: Flag,
  deleted: Flag,
});

const Language = z.strictObject({
  id_lang: Id,
  name: z.string(),
  active: Flag,
  iso_code: z.string().length(2),
  language_code: z.string(),
  locale: z.string(),
});

const Club = z.strictObject({
  name: z.string().min(1),
  id_group: Id.nullable(),
  id_category: Id.nullable(),
  stripe: z.strictObject({ publishable_key: z.string(), secret_key: z.string() }).nullable(),
  /** What the demo club exhibits (documentation for people and tests). */
  expect: z.string(),
});

const WebserviceAccount = z.strictObject({
  id_webservice_account: Id,
  key: z.string().length(32),
  description: z.string(),
  class_name: z.string(),
  is_module: Flag,
  module_name: z.string().nullable(),
  active: Flag,
  /** webservice_account_shop */
  shops: Ids,
  /** webservice_permission rows grouped by resource. */
  permissions: z.record(z.string(), z.array(z.enum(HTTP_METHODS))),
});

const Configuration = z.strictObject({
  id_configuration: Id,
  id_shop_group: Id.nullable(),
  id_shop: Id.nullable(),
  name: z.string().min(1).max(254),
  value: z.string().nullable(),
  date_add: DateTime,
  date_upd: DateTime,
});

const Group = z.strictObject({
  id_group: Id,
  reduction: Decimal,
  price_display_method: Flag,
  show_prices: Flag,
  date_add: DateTime,
  date_upd: DateTime,
  name: I18n,
  shops: Ids,
});

const Category = z.strictObject({
  id_category: Id,
  id_parent: Id,
  id_shop_default: Id,
  level_depth: z.number().int().nonnegative(),
  active: Flag,
  is_root_category: Flag,
  position: z.number().int().nonnegative(),
  date_add: DateTime,
  date_upd: DateTime,
  name: I18n,
  link_rewrite: I18n,
  description: I18n,
  /** category_group: the groups allowed to see the category. */
  groups: Ids,
  shops: Ids,
});

const Customer = z.strictObject({
  id_customer: Id,
  id_shop_group: Id,
  id_shop: Id,
  id_gender: Id,
  id_default_group: Id,
  id_lang: Id.nullable(),
  id_risk: Id,
  company: z.string().nullable(),
  firstname: z.string(),
  lastname: z.string(),
  email: z.string(),
  passwd: z.string(),
  newsletter: Flag,
  optin: Flag,
  website: z.string().nullable(),
  note: z.string().nullable(),
  active: Flag,
  is_guest: Flag,
  deleted: Flag,
  secure_key: z.string(),
  outstanding_allow_amount: Decimal,
  max_payment_days: z.number().int().nonnegative(),
  date_add: DateTime,
  date_upd: DateTime,
  /** customer_group rows, default group included. */
  groups: Ids,
});

const CartRule = z.strictObject({
  id_cart_rule: Id,
  id_customer: Id,
  date_from: DateTime,
  date_to: DateTime,
  description: z.string(),
  quantity: z.number().int(),
  quantity_per_user: z.number().int(),
  priority: z.number().int(),
  partial_use: Flag,
  code: z.string(),
  minimum_amount: Decimal,
  minimum_amount_tax: Flag,
  minimum_amount_currency: Id,
  minimum_amount_shipping: Flag,
  country_restriction: Flag,
  carrier_restriction: Flag,
  group_restriction: Flag,
  cart_rule_restriction: Flag,
  product_restriction: Flag,
  shop_restriction: Flag,
  free_shipping: Flag,
  reduction_percent: Decimal,
  reduction_amount: Decimal,
  reduction_tax: Flag,
  reduction_currency: Id,
  reduction_product: z.number().int(),
  reduction_exclude_special: Flag,
  gift_product: Id,
  gift_product_attribute: Id,
  highlight: Flag,
  active: Flag,
  date_add: DateTime,
  date_upd: DateTime,
  name: I18n,
  /** cart_rule_group, meaningful when group_restriction = 1. */
  groups: Ids,
});

const OrderState = z.strictObject({
  id_order_state: Id,
  invoice: Flag,
  send_email: Flag,
  module_name: z.string(),
  color: z.string(),
  unremovable: Flag,
  hidden: Flag,
  logable: Flag,
  delivery: Flag,
  shipped: Flag,
  paid: Flag,
  pdf_invoice: Flag,
  pdf_delivery: Flag,
  deleted: Flag,
  name: I18n,
  template: I18n,
});

const OrderHistory = z.strictObject({
  id_order_history: Id,
  id_employee: Id,
  id_order_state: Id,
  date_add: DateTime,
});

const Order = z.strictObject({
  id_order: Id,
  reference: z.string().max(9),
  id_shop_group: Id,
  id_shop: Id,
  id_carrier: Id,
  id_lang: Id,
  id_customer: Id,
  id_cart: Id,
  id_currency: Id,
  id_address_delivery: Id,
  id_address_invoice: Id,
  current_state: Id,
  secure_key: z.string(),
  payment: z.string(),
  module: z.string(),
  recyclable: Flag,
  gift: Flag,
  gift_message: z.string(),
  mobile_theme: Flag,
  total_discounts: Decimal,
  total_paid: Decimal,
  total_paid_tax_incl: Decimal,
  total_paid_tax_excl: Decimal,
  total_paid_real: Decimal,
  total_products: Decimal,
  total_products_wt: Decimal,
  total_shipping: Decimal,
  conversion_rate: Decimal,
  invoice_number: Id,
  delivery_number: Id,
  invoice_date: DateTime,
  delivery_date: DateTime,
  valid: Flag,
  date_add: DateTime,
  date_upd: DateTime,
  history: z.array(OrderHistory),
});

/** ps_currency with its currency_lang columns (name, symbol) and currency_shop (shops). */
const Currency = z.strictObject({
  id_currency: Id,
  iso_code: z.string().length(3),
  numeric_iso_code: z.string().nullable(),
  precision: z.number().int().nonnegative(),
  conversion_rate: Decimal,
  deleted: Flag,
  active: Flag,
  unofficial: Flag,
  modified: Flag,
  name: I18n,
  symbol: I18n,
  shops: Ids,
});

/** ps_order_cart_rule: a cart rule applied to an order (deleted = removed from it in the back office). */
const OrderCartRule = z.strictObject({
  id_order_cart_rule: Id,
  id_order: Id,
  id_cart_rule: Id,
  id_order_invoice: Id,
  name: z.string(),
  value: Decimal,
  value_tax_excl: Decimal,
  free_shipping: Flag,
  deleted: Flag,
});

const Carrier = z.strictObject({
  id_carrier: Id,
  id_reference: Id,
  name: z.string(),
  url: z.string(),
  active: Flag,
  deleted: Flag,
  shipping_handling: Flag,
  range_behavior: Flag,
  is_module: Flag,
  is_free: Flag,
  shipping_external: Flag,
  need_range: Flag,
  external_module_name: z.string(),
  shipping_method: z.number().int().min(0).max(3),
  position: z.number().int().nonnegative(),
  max_width: z.number().int().nonnegative(),
  max_height: z.number().int().nonnegative(),
  max_depth: z.number().int().nonnegative(),
  max_weight: Decimal,
  grade: z.number().int().nonnegative(),
  delay: I18n,
  /** carrier_zone */
  zones: Ids,
  /** carrier_group */
  groups: Ids,
  shops: Ids,
  /** module_carrier for the fixture's shop: ids of the payment modules allowed with the carrier (by its id_reference). */
  payment_modules: Ids,
});

const Zone = z.strictObject({ id_zone: Id, name: z.string(), active: Flag, shops: Ids });

/** ps_country (+ country_lang names, country_shop as `shops`): checkout reaches a zone through it. */
const Country = z.strictObject({
  id_country: Id,
  id_zone: Id,
  id_currency: Id,
  iso_code: z.string().min(2).max(3),
  call_prefix: z.number().int().nonnegative(),
  active: Flag,
  contains_states: Flag,
  need_identification_number: Flag,
  need_zip_code: Flag,
  zip_code_format: z.string(),
  display_tax_label: Flag,
  name: I18n,
  shops: Ids,
});

/** ps_state: an address in a country with states takes its state's zone (Address::getZoneById). */
const State = z.strictObject({
  id_state: Id,
  id_country: Id,
  id_zone: Id,
  name: z.string(),
  iso_code: z.string().min(1).max(7),
  tax_behavior: z.number().int().nonnegative().default(0),
  active: Flag,
});

const Module = z.strictObject({ id_module: Id, name: z.string(), active: Flag, version: z.string(), shops: Ids });

export const ShopFixtureSchema = z
  .strictObject({
    $comment: z.string().optional(),
    format: z.literal('checkout-doctor-shop-fixture'),
    version: z.literal(1),
    shop: ShopInfo,
    shop_groups: z.array(ShopGroup),
    shops: z.array(Shop).min(1),
    languages: z.array(Language).min(1),
    clubs: z.array(Club),
    webservice_accounts: z.array(WebserviceAccount),
    configuration: z.array(Configuration),
    groups: z.array(Group),
    categories: z.array(Category),
    customers: z.array(Customer),
    cart_rules: z.array(CartRule),
    order_states: z.array(OrderState),
    orders: z.array(Order),
    /** Optional in older fixture files: none. */
    order_cart_rules: z.array(OrderCartRule).default([]),
    currencies: z.array(Currency).default([]),
    carriers: z.array(Carrier),
    zones: z.array(Zone),
    /** Optional for older fixtures: a shop without countries has no reachable zone. */
    countries: z.array(Country).default([]),
    /** Optional for older fixtures: no state, every address takes its country's zone. */
    states: z.array(State).default([]),
    modules: z.array(Module),
  })
  .superRefine((f, ctx) => {
    // Primary keys are unique; references point at existing rows.
    const unique = (table: string, ids: number[]) => {
      const seen = new Set<number>();
      for (const id of ids) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [table], message: `duplicate id ${id} in ${table}` });
        seen.add(id);
      }
      return seen;
    };
    const groups = unique('groups', f.groups.map((g) => g.id_group));
    const categories = unique('categories', f.categories.map((c) => c.id_category));
    unique('customers', f.customers.map((c) => c.id_customer));
    unique('cart_rules', f.cart_rules.map((c) => c.id_cart_rule));
    const states = unique('order_states', f.order_states.map((s) => s.id_order_state));
    unique('orders', f.orders.map((o) => o.id_order));
    const carriers = unique('carriers', f.carriers.map((c) => c.id_carrier));
    const zones = unique('zones', f.zones.map((z) => z.id_zone));
    const countryIds = unique('countries', f.countries.map((c) => c.id_country));
    unique('states', f.states.map((s) => s.id_state));
    unique('configuration', f.configuration.map((c) => c.id_configuration));
    const langs = new Set(f.languages.map((l) => String(l.id_lang)));
    const customers = new Set(f.customers.map((c) => c.id_customer));
    const check = (ok: boolean, path: (string | number)[], message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message });
    };
    const checkI18n = (value: Record<string, string>, path: (string | number)[]) => {
      for (const lang of Object.keys(value)) check(langs.has(lang), path, `unknown id_lang ${lang}`);
    };
    f.groups.forEach((g, i) => checkI18n(g.name, ['groups', i, 'name']));
    f.categories.forEach((c, i) => {
      checkI18n(c.name, ['categories', i, 'name']);
      check(c.id_parent === 0 || categories.has(c.id_parent), ['categories', i, 'id_parent'], `unknown parent ${c.id_parent}`);
      for (const g of c.groups) check(groups.has(g), ['categories', i, 'groups'], `unknown group ${g}`);
    });
    f.customers.forEach((c, i) => {
      check(groups.has(c.id_default_group), ['customers', i, 'id_default_group'], `unknown group ${c.id_default_group}`);
      for (const g of c.groups) check(groups.has(g), ['customers', i, 'groups'], `unknown group ${g}`);
    });
    f.cart_rules.forEach((r, i) => {
      for (const g of r.groups) check(groups.has(g), ['cart_rules', i, 'groups'], `unknown group ${g}`);
    });
    f.orders.forEach((o, i) => {
      check(states.has(o.current_state), ['orders', i, 'current_state'], `unknown order state ${o.current_state}`);
      check(customers.has(o.id_customer), ['orders', i, 'id_customer'], `unknown customer ${o.id_customer}`);
      check(carriers.has(o.id_carrier), ['orders', i, 'id_carrier'], `unknown carrier ${o.id_carrier}`);
    });
    unique('order_cart_rules', f.order_cart_rules.map((r) => r.id_order_cart_rule));
    unique('currencies', f.currencies.map((c) => c.id_currency));
    const orderIds = new Set(f.orders.map((o) => o.id_order));
    const ruleIds = new Set(f.cart_rules.map((r) => r.id_cart_rule));
    f.order_cart_rules.forEach((r, i) => {
      check(orderIds.has(r.id_order), ['order_cart_rules', i, 'id_order'], `unknown order ${r.id_order}`);
      check(ruleIds.has(r.id_cart_rule), ['order_cart_rules', i, 'id_cart_rule'], `unknown cart rule ${r.id_cart_rule}`);
    });
    f.currencies.forEach((c, i) => {
      checkI18n(c.name, ['currencies', i, 'name']);
      checkI18n(c.symbol, ['currencies', i, 'symbol']);
    });
    const modules = new Set(f.modules.map((m) => m.id_module));
    f.carriers.forEach((c, i) => {
      for (const z of c.zones) check(zones.has(z), ['carriers', i, 'zones'], `unknown zone ${z}`);
      for (const m of c.payment_modules) check(modules.has(m), ['carriers', i, 'payment_modules'], `unknown module ${m}`);
    });
    f.countries.forEach((c, i) => {
      check(zones.has(c.id_zone), ['countries', i, 'id_zone'], `unknown zone ${c.id_zone}`);
      checkI18n(c.name, ['countries', i, 'name']);
    });
    f.states.forEach((s, i) => {
      check(countryIds.has(s.id_country), ['states', i, 'id_country'], `unknown country ${s.id_country}`);
      check(zones.has(s.id_zone), ['states', i, 'id_zone'], `unknown zone ${s.id_zone}`);
    });
    f.clubs.forEach((c, i) => {
      if (c.id_group !== null) check(groups.has(c.id_group), ['clubs', i, 'id_group'], `unknown group ${c.id_group}`);
      if (c.id_category !== null) check(categories.has(c.id_category), ['clubs', i, 'id_category'], `unknown category ${c.id_category}`);
    });
  });

export type ShopFixture = z.infer<typeof ShopFixtureSchema>;
export type FixtureConfiguration = ShopFixture['configuration'][number];
export type FixtureWebserviceAccount = ShopFixture['webservice_accounts'][number];

export class ShopFixtureError extends FixtureError {
  override name = 'ShopFixtureError';
}

/** Validates parsed JSON; throws ShopFixtureError listing every issue with its path. */
export function parseShopFixture(json: unknown, where = 'shop fixture'): ShopFixture {
  const parsed = ShopFixtureSchema.safeParse(json);
  if (!parsed.success) {
    throw new ShopFixtureError(SANDBOX_MESSAGES.notShop(where), fixtureIssues(parsed.error.issues));
  }
  return parsed.data;
}

/** Directory of the bundled fixtures (fixtures/shops): the nearest one up from src/, dist/src/ or dist/bundle/. */
export function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'fixtures', 'shops'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bundled fixtures not found');
    dir = up;
  }
  return join(dir, 'fixtures', 'shops');
}

/**
 * Reads and validates a fixture file; a bare name (`demo-shop`) means a bundled fixture. Each call
 * returns a fresh object, so a test may mutate its copy.
 */
export async function loadShopFixture(fileOrName = 'demo-shop'): Promise<ShopFixture> {
  const file = /[\\/]|\.json$/.test(fileOrName) ? fileOrName : join(fixturesDir(), `${fileOrName}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ShopFixtureError(SANDBOX_MESSAGES.cannotRead(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
  return parseShopFixture(parseJsonFile(text, file), file);
}

/**
 * The configuration value PrestaShop would use for a shop: the shop's row, else its shop group's,
 * else the global row (`Configuration::get` order). Undefined when the name has no row at all.
 */
export function resolveConfiguration(fixture: ShopFixture, name: string, idShop = fixture.shop.id_shop): string | null | undefined {
  const shop = fixture.shops.find((s) => s.id_shop === idShop);
  const idShopGroup = shop?.id_shop_group ?? fixture.shop.id_shop_group;
  const rows = fixture.configuration.filter((c) => c.name === name);
  const byShop = rows.find((r) => r.id_shop === idShop);
  if (byShop) return byShop.value;
  const byGroup = rows.find((r) => r.id_shop === null && r.id_shop_group === idShopGroup);
  if (byGroup) return byGroup.value;
  const global = rows.find((r) => r.id_shop === null && r.id_shop_group === null);
  return global ? global.value : undefined;
}

/** Sets (or adds) a configuration row, for tests: global when no shop is given. */
export function setConfiguration(
  fixture: ShopFixture,
  name: string,
  value: string | null,
  scope: { idShop?: number | null; idShopGroup?: number | null } = {},
): void {
  const idShop = scope.idShop ?? null;
  const idShopGroup = scope.idShopGroup ?? (idShop !== null ? (fixture.shops.find((s) => s.id_shop === idShop)?.id_shop_group ?? null) : null);
  const row = fixture.configuration.find((c) => c.name === name && c.id_shop === idShop && c.id_shop_group === idShopGroup);
  const now = '2026-11-23 12:00:00';
  if (row) {
    row.value = value;
    row.date_upd = now;
    return;
  }
  const id = Math.max(0, ...fixture.configuration.map((c) => c.id_configuration)) + 1;
  fixture.configuration.push({ id_configuration: id, id_shop_group: idShopGroup, id_shop: idShop, name, value, date_add: now, date_upd: now });
}
