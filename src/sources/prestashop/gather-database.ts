// Gathers the PrestaShop parts of a snapshot by SQL, read-only. Besides what the webservice shows,
// the database reveals category group access and cart-rule group and product restrictions. A
// customer's past uses of a cart rule and the currency of its minimum amount follow the rules in
// cart-rules.ts, shared with the webservice. One query per fact, run once whatever the number of clubs.

import type { Cause, Query } from '../../engine/types.js';
import { lookupKey, type Lookups, type PartEnvelope, type PartMap } from '../../engine/snapshot.js';
import type { CartRule, Customer, PartName } from '../../engine/parts.js';
import { DatabaseError, type PrestaShopDatabase } from './database.js';
import { assembleClubs, SECRET_CONFIGURATION, type ClubSpec, type StripeKeysByClub } from './clubs.js';
import { ORDER_RETURN_CONFIGURATION, resolveConfiguration, toBool, toCartRule, toCategory, toCustomer, toGroup, toInt, toOrder, toOrderState, toText, type Row } from './normalise.js';
import { CONFIGURATION_NAMES, CONFIGURATION_PREFIXES } from './configuration-names.js';
import { sendcloudModuleFrom, toCarrier, toCountry, toState, toZone } from './shipping.js';
import { currencyIdsFor, customerForUses, errorStateFrom, needsCurrency, resolveMinimumCurrency, toCurrency, type Currency } from './cart-rules.js';

export interface GatherInput {
  clubs?: readonly ClubSpec[];
  query: Query;
  shopId: number;
  /**
   * Parts the selected checks need (all when absent). What the club list is built from (groups,
   * categories, configuration) is always read; anything else only when wanted.
   */
  wants?: (part: PartName) => boolean;
  /** Told the shop-wide parts as soon as their envelopes are known (progress), before the rest is read. */
  onParts?: (parts: PartMap) => void;
}

export interface GatheredClub {
  name: string;
  parts: PartMap;
}

export interface PrestaShopGathered {
  parts: PartMap;
  lookups: Lookups;
  clubs: GatheredClub[];
  /** Set when the clubs themselves could not be listed (groups unreadable and none configured). */
  clubsCause?: Cause;
  /** Raw Stripe keys per club name, for the Stripe source; never written anywhere. */
  stripeKeys: StripeKeysByClub;
}

const ok = (data: unknown): PartEnvelope => ({ status: 'ok', data });
const failed = (cause: Cause): PartEnvelope => ({ status: 'failed', cause });

function causeOf(error: unknown): Cause {
  if (error instanceof DatabaseError) return error.cause;
  return { source: 'database', kind: 'unexpected', message: (error as Error).message };
}

/** Runs a step; its failure becomes the cause of every part built from it. */
async function attempt<T>(step: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; cause: Cause }> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, cause: causeOf(error) };
  }
}

export async function gatherFromDatabase(db: PrestaShopDatabase, input: GatherInput): Promise<PrestaShopGathered> {
  const T = (name: string) => db.table(name);
  const { shopId } = input;
  const wants = input.wants ?? (() => true);
  const skipped = Promise.resolve(undefined);

  const configuration = await attempt(async () => {
    const [shop] = await db.query<{ id_shop_group: number }>(`SELECT id_shop_group FROM ${T('shop')} WHERE id_shop = ?`, [shopId]);
    const rows = await db.query<Row>(
      `SELECT name, value, id_shop, id_shop_group FROM ${T('configuration')}
       WHERE name IN (?) ${CONFIGURATION_PREFIXES.map(() => 'OR name LIKE ?').join(' ')}`,
      // `_` is a LIKE wildcard: escaped so that the prefix is matched literally.
      [CONFIGURATION_NAMES, ...CONFIGURATION_PREFIXES.map((p) => `${p.replaceAll('_', '\\_')}%`)],
    );
    return resolveConfiguration(rows, shopId, toInt(shop?.id_shop_group, 1));
  });
  const config = configuration.ok ? configuration.value : new Map<string, string | null>();
  const langId = toInt(config.get('PS_LANG_DEFAULT'), 1);

  const [groups, categories, orderStates] = await Promise.all([
    attempt(async () =>
      (await db.query<Row>(
        `SELECT g.id_group, gl.name FROM ${T('group')} g
         LEFT JOIN ${T('group_lang')} gl ON gl.id_group = g.id_group AND gl.id_lang = ? ORDER BY g.id_group`,
        [langId],
      )).map((r) => toGroup(r)),
    ),
    attempt(async () =>
      (await db.query<Row>(
        `SELECT c.id_category, cl.name, c.active FROM ${T('category')} c
         JOIN ${T('category_lang')} cl ON cl.id_category = c.id_category AND cl.id_lang = ? AND cl.id_shop = ?`,
        [langId, shopId],
      )).map((r) => toCategory(r)),
    ),
    !wants('prestashop.orderStates') ? skipped : attempt(async () =>
      (await db.query<Row>(
        `SELECT os.*, osl.name FROM ${T('order_state')} os
         LEFT JOIN ${T('order_state_lang')} osl ON osl.id_order_state = os.id_order_state AND osl.id_lang = ? ORDER BY os.id_order_state`,
        [langId],
      )).map((r) => toOrderState(r)),
    ),
  ]);

  const shipping = await gatherShipping(db, shopId, langId, wants);
  const parts: PartMap = {
    ...shipping,
    'prestashop.sendcloudModule': configuration.ok ? ok(sendcloudModuleFrom(configuration.value)) : failed(configuration.cause),
    'prestashop.configuration': configuration.ok
      ? ok(Object.fromEntries([...configuration.value].filter(([name]) => !SECRET_CONFIGURATION.test(name))))
      : failed(configuration.cause),
    'prestashop.groups': groups.ok ? ok(groups.value) : failed(groups.cause),
  };
  if (orderStates) parts['prestashop.orderStates'] = orderStates.ok ? ok(orderStates.value) : failed(orderStates.cause);
  input.onParts?.(parts);

  const baseCause = !configuration.ok ? configuration.cause : !groups.ok ? groups.cause : !categories.ok ? categories.cause : undefined;
  const { clubs, stripeKeys, clubsCause } = await assembleClubs(
    input.clubs,
    baseCause || !groups.ok || !categories.ok ? { cause: baseCause! } : { groups: groups.value, categories: categories.value, config },
    !wants('club.categoryAccess') ? { unavailable: NOT_ASKED } : (categoryIds) =>
      attempt(async () => {
        const rows = categoryIds.length
          ? await db.query<Row>(`SELECT id_category, id_group FROM ${T('category_group')} WHERE id_category IN (?)`, [categoryIds])
          : [];
        const map = new Map<number, number[]>();
        for (const r of rows) map.set(toInt(r.id_category), [...(map.get(toInt(r.id_category)) ?? []), toInt(r.id_group)]);
        return map;
      }),
  );

  const lookups = await gatherLookups(db, wantedQuery(input.query, wants), { config, configurationRead: configuration.ok, langId });
  // A club part no selected check reads stays out of the snapshot.
  if (!wants('club.categoryAccess')) for (const club of clubs) delete club.parts['club.categoryAccess'];
  return { parts, lookups, clubs, clubsCause, stripeKeys };
}

const NOT_ASKED = { fr: 'non demandé', en: 'not asked' };

/** The questions whose lookup part a selected check reads; the others are not looked up. */
export function wantedQuery(query: Query, wants: (part: PartName) => boolean): Query {
  return {
    ...(query.customer !== undefined && wants('prestashop.customer') ? { customer: query.customer } : {}),
    ...(query.code !== undefined && wants('prestashop.cartRule') ? { code: query.code } : {}),
    ...(query.order !== undefined && wants('prestashop.order') ? { order: query.order } : {}),
  };
}

/**
 * Carriers (every version), the zones they serve, their shops and payment modules; zones; the
 * shop's active countries (which make zones reachable); modules. Only the parts a selected check reads.
 */
async function gatherShipping(db: PrestaShopDatabase, shopId: number, langId: number, wants: (part: PartName) => boolean): Promise<PartMap> {
  const T = (name: string) => db.table(name);
  const idMap = (rows: Row[], key: string, value: string) => {
    const map = new Map<number, unknown[]>();
    for (const r of rows) map.set(toInt(r[key]), [...(map.get(toInt(r[key])) ?? []), r[value]]);
    return map;
  };
  const skipped = Promise.resolve(undefined);
  const [carriers, zones, countries, states, modules] = await Promise.all([
    !wants('prestashop.carriers') ? skipped : attempt(async () => {
      const [rows, zoneRows, shopRows, paymentRows] = await Promise.all([
        db.query<Row>(`SELECT id_carrier, id_reference, name, active, deleted, is_module, external_module_name FROM ${T('carrier')} ORDER BY id_carrier`),
        db.query<Row>(`SELECT id_carrier, id_zone FROM ${T('carrier_zone')} ORDER BY id_carrier, id_zone`),
        db.query<Row>(`SELECT id_carrier, id_shop FROM ${T('carrier_shop')} ORDER BY id_carrier, id_shop`),
        db.query<Row>(
          `SELECT mc.id_reference, m.name FROM ${T('module_carrier')} mc JOIN ${T('module')} m ON m.id_module = mc.id_module
           WHERE mc.id_shop = ? ORDER BY mc.id_reference, m.name`,
          [shopId],
        ),
      ]);
      const zonesOf = idMap(zoneRows, 'id_carrier', 'id_zone');
      const shopsOf = idMap(shopRows, 'id_carrier', 'id_shop');
      const paymentsOf = idMap(paymentRows, 'id_reference', 'name');
      return rows.map((r) =>
        toCarrier(r, {
          zoneIds: (zonesOf.get(toInt(r.id_carrier)) ?? []).map((z) => toInt(z)),
          shopIds: (shopsOf.get(toInt(r.id_carrier)) ?? []).map((z) => toInt(z)),
          paymentModules: (paymentsOf.get(toInt(r.id_reference)) ?? []).map((m) => toText(m)),
        }),
      );
    }),
    !wants('prestashop.zones') ? skipped : attempt(async () =>
      (await db.query<Row>(
        `SELECT z.id_zone, z.name, z.active FROM ${T('zone')} z JOIN ${T('zone_shop')} zs ON zs.id_zone = z.id_zone AND zs.id_shop = ? ORDER BY z.id_zone`,
        [shopId],
      )).map(toZone),
    ),
    // Active and associated with the shop, as checkout lists them (Country::getCountries).
    !wants('prestashop.countries') ? skipped : attempt(async () =>
      (await db.query<Row>(
        `SELECT c.id_country, c.id_zone, c.iso_code, c.active, c.contains_states, cl.name FROM ${T('country')} c
         JOIN ${T('country_shop')} cs ON cs.id_country = c.id_country AND cs.id_shop = ?
         LEFT JOIN ${T('country_lang')} cl ON cl.id_country = c.id_country AND cl.id_lang = ?
         WHERE c.active = 1 ORDER BY c.id_country`,
        [shopId, langId],
      )).map(toCountry),
    ),
    // The active states of those countries: an address with a state takes the state's zone
    // (Address::getZoneById), and checkout offers only active states (State::getStatesByIdCountry).
    !wants('prestashop.states') ? skipped : attempt(async () =>
      (await db.query<Row>(
        `SELECT s.id_state, s.id_country, s.id_zone, s.iso_code, s.name, s.active FROM ${T('state')} s
         JOIN ${T('country')} c ON c.id_country = s.id_country AND c.active = 1
         JOIN ${T('country_shop')} cs ON cs.id_country = s.id_country AND cs.id_shop = ?
         WHERE s.active = 1 ORDER BY s.id_state`,
        [shopId],
      )).map(toState),
    ),
    !wants('prestashop.modules') ? skipped : attempt(async () =>
      (await db.query<Row>(
        `SELECT m.name, m.active, m.version, ms.id_module IS NOT NULL AS enabled FROM ${T('module')} m
         LEFT JOIN ${T('module_shop')} ms ON ms.id_module = m.id_module AND ms.id_shop = ? ORDER BY m.name`,
        [shopId],
      )).map((r) => ({ name: toText(r.name), active: toBool(r.active), enabledForShop: toBool(r.enabled), version: toText(r.version) })),
    ),
  ]);
  const parts: PartMap = {};
  if (carriers) parts['prestashop.carriers'] = carriers.ok ? ok(carriers.value) : failed(carriers.cause);
  if (zones) parts['prestashop.zones'] = zones.ok ? ok(zones.value) : failed(zones.cause);
  if (countries) parts['prestashop.countries'] = countries.ok ? ok(countries.value) : failed(countries.cause);
  if (states) parts['prestashop.states'] = states.ok ? ok(states.value) : failed(states.cause);
  if (modules) parts['prestashop.modules'] = modules.ok ? ok(modules.value) : failed(modules.cause);
  return parts;
}

async function findCustomers(db: PrestaShopDatabase, asked: string): Promise<Customer[]> {
  const T = (name: string) => db.table(name);
  const byId = /^\d+$/.test(asked.trim());
  const rows = await db.query<Row>(
    `SELECT c.id_customer, c.email, c.firstname, c.lastname, c.active, c.deleted, c.is_guest, c.id_default_group,
            GROUP_CONCAT(cg.id_group ORDER BY cg.id_group) AS group_ids
     FROM ${T('customer')} c LEFT JOIN ${T('customer_group')} cg ON cg.id_customer = c.id_customer
     WHERE ${byId ? 'c.id_customer = ?' : 'c.email = ?'} GROUP BY c.id_customer ORDER BY c.id_customer`,
    [byId ? Number(asked) : asked.trim()],
  );
  return rows.map((r) => toCustomer(r, String(r.group_ids ?? '').split(',').map((v) => toInt(v)).filter((n) => n > 0)));
}

interface ShopSettings {
  config: Map<string, string | null>;
  /** The configuration rows could be read (else PS_OS_ERROR is unknown). */
  configurationRead: boolean;
  langId: number;
}

async function findCartRules(db: PrestaShopDatabase, code: string, customer: Customer | undefined, shop: ShopSettings): Promise<CartRule[]> {
  const T = (name: string) => db.table(name);
  const { config, langId } = shop;
  const rows = await db.query<Row>(
    `SELECT cr.*, crl.name FROM ${T('cart_rule')} cr
     LEFT JOIN ${T('cart_rule_lang')} crl ON crl.id_cart_rule = cr.id_cart_rule AND crl.id_lang = ?
     WHERE cr.code = ? ORDER BY cr.id_cart_rule`,
    [langId, code.trim()],
  );
  const errorState = errorStateFrom(config, shop.configurationRead);
  // An unreadable currency table only costs the amount's currency symbol, never the rule.
  const currencyIds = currencyIdsFor(rows, config);
  const currencies = currencyIds.length ? await readCurrencies(db, currencyIds, langId) : [];
  const rules: CartRule[] = [];
  for (const row of rows) {
    const id = toInt(row.id_cart_rule);
    const groupIds = (await db.query<Row>(`SELECT id_group FROM ${T('cart_rule_group')} WHERE id_cart_rule = ? ORDER BY id_group`, [id])).map((r) => toInt(r.id_group));
    const ruleRows = await db.query<Row>(
      `SELECT g.id_product_rule_group, g.quantity, r.id_product_rule, r.type, v.id_item
       FROM ${T('cart_rule_product_rule_group')} g
       LEFT JOIN ${T('cart_rule_product_rule')} r ON r.id_product_rule_group = g.id_product_rule_group
       LEFT JOIN ${T('cart_rule_product_rule_value')} v ON v.id_product_rule = r.id_product_rule
       WHERE g.id_cart_rule = ? ORDER BY g.id_product_rule_group, r.id_product_rule, v.id_item`,
      [id],
    );
    const productRuleGroups: NonNullable<CartRule['productRuleGroups']> = [];
    const byGroup = new Map<number, { quantity: number; rules: Map<number, { type: string; ids: number[] }> }>();
    for (const r of ruleRows) {
      const g = toInt(r.id_product_rule_group);
      if (!byGroup.has(g)) byGroup.set(g, { quantity: toInt(r.quantity), rules: new Map() });
      if (r.id_product_rule === null || r.id_product_rule === undefined) continue;
      const group = byGroup.get(g)!;
      const ruleId = toInt(r.id_product_rule);
      if (!group.rules.has(ruleId)) group.rules.set(ruleId, { type: String(r.type), ids: [] });
      if (r.id_item !== null && r.id_item !== undefined) group.rules.get(ruleId)!.ids.push(toInt(r.id_item));
    }
    for (const group of byGroup.values()) {
      productRuleGroups.push({ quantity: group.quantity, rules: [...group.rules.values()] as NonNullable<CartRule['productRuleGroups']>[number]['rules'] });
    }
    // Past uses by the asked customer, counted exactly as CartRule::checkValidity does
    // (cart-rules.ts): only orders in PS_OS_ERROR are left out, cancelled ones count.
    let usesByCustomer: number | null = null;
    let usesByCustomerCause: string | undefined;
    if (customer && errorState === null) usesByCustomerCause = 'the configuration (PS_OS_ERROR) could not be read';
    else if (customer) {
      const [count] = await db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${T('orders')} o JOIN ${T('order_cart_rule')} ocr ON ocr.id_order = o.id_order
         WHERE o.id_customer = ? AND ocr.deleted = 0 AND ocr.id_cart_rule = ? AND o.current_state != ?`,
        [customer.id, id, errorState],
      );
      usesByCustomer = toInt(count?.n);
    }
    const minimumAmountCurrencyResolved = needsCurrency(row) ? resolveMinimumCurrency(row.minimum_amount_currency, currencies, config) : undefined;
    // No shop condition, as in CartRule::checkValidity: with shared customers, the orders of every
    // shop of the group count.
    rules.push(toCartRule(row, { groupIds, productRuleGroups, usesByCustomer, usesCustomerId: customer?.id, usesByCustomerCause, usesByCustomerScope: 'all-shops', minimumAmountCurrencyResolved }, langId));
  }
  return rules;
}

/** The currencies the rules' minimum amounts are in (ps_currency + ps_currency_lang); null when unreadable. */
async function readCurrencies(db: PrestaShopDatabase, ids: number[], langId: number): Promise<Currency[] | null> {
  const T = (name: string) => db.table(name);
  const found = await attempt(async () =>
    (await db.query<Row>(
      `SELECT c.id_currency, c.iso_code, cl.symbol FROM ${T('currency')} c
       LEFT JOIN ${T('currency_lang')} cl ON cl.id_currency = c.id_currency AND cl.id_lang = ?
       WHERE c.id_currency IN (?) ORDER BY c.id_currency`,
      [langId, ids],
    )).map((r) => toCurrency(r)),
  );
  return found.ok ? found.value : null;
}

async function gatherLookups(db: PrestaShopDatabase, query: Query, shop: ShopSettings): Promise<Lookups> {
  const lookups: Lookups = {};
  let customer: Customer | undefined;
  if (query.customer !== undefined) {
    const found = await attempt(() => findCustomers(db, query.customer!));
    if (found.ok) customer = customerForUses(found.value);
    lookups.customer = {
      [lookupKey('customer', query.customer)]: found.ok ? ok({ query: query.customer, matches: found.value }) : failed(found.cause),
    };
  }
  if (query.code !== undefined) {
    const found = await attempt(() => findCartRules(db, query.code!, customer, shop));
    lookups.code = { [lookupKey('code', query.code)]: found.ok ? ok({ code: query.code, matches: found.value }) : failed(found.cause) };
  }
  if (query.order !== undefined) {
    const asked = query.order.trim();
    const found = await attempt(async () => {
      const rows = await db.query<Row>(
        `SELECT id_order, reference, id_customer, current_state, date_add, delivery_date, id_shop, id_shop_group FROM ${db.table('orders')}
         WHERE ${/^\d+$/.test(asked) ? 'id_order = ?' : 'reference = ?'} ORDER BY id_order`,
        [/^\d+$/.test(asked) ? Number(asked) : asked],
      );
      if (!rows.length) return [];
      // Order::isReturnable() reads PS_ORDER_RETURN(_NB_DAYS) for the order's own shop, which may not
      // be the diagnosed one: every scope's rows, resolved per order.
      const configurationRows = await db.query<Row>(`SELECT name, value, id_shop, id_shop_group FROM ${db.table('configuration')} WHERE name IN (?)`, [
        ORDER_RETURN_CONFIGURATION,
      ]);
      return rows.map((row) => toOrder(row, configurationRows));
    });
    lookups.order = { [lookupKey('order', query.order)]: found.ok ? ok({ query: query.order, matches: found.value }) : failed(found.cause) };
  }
  return lookups;
}
