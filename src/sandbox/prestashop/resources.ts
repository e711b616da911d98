// How the emulated webservice turns fixture rows into webservice entities, field by field, with the
// scalar types a stock PrestaShop 8.1.2 on PHP 8.2 mixes (api-notes/prestashop.md §2): the entity
// id is a number, most fields are strings, some integer columns come back as numbers, NULL ids as "".

import type { ShopFixture } from '../shop-fixture.js';

export type Scalar = string | number | null;
export interface I18nValue {
  i18n: Record<string, string>;
}
export type FieldValue = Scalar | I18nValue;

export interface Entity {
  id: number;
  /** Fields in schema order (the webservice ignores the order asked with display=). */
  fields: Array<[string, FieldValue]>;
  associations?: Record<string, Array<{ id: number | string }>>;
  /** Shops the row belongs to, for shop-scoped lists (undefined = every shop). */
  shopIds?: number[];
}

export interface ResourceDef {
  /** Plural name as in the URL and the list key. */
  name: string;
  /** Single-resource key (`customer`). */
  singular: string;
  /** Class name used in "does not exists on this shop" messages. */
  className: string;
  /** Fields computed by a getter: present in output, not filterable (400 code 34). */
  getters?: string[];
  rows(fixture: ShopFixture): Entity[];
}

/**
 * Version-dependent behaviour (api-notes/prestashop.md §1–2): 1.7 returns every scalar as a
 * string, keeps falsy fields and always sends its version; 8.0/8.1 on PHP 8 mix numbers and
 * strings and drop falsy fields from single resources; 8.2 returns strings again but still drops.
 */
export interface Quirks {
  stringScalars: boolean;
  dropFalsySingle: boolean;
  versionBeforeAuth: boolean;
  /** `GET /api/?output_format=JSON` fails with an empty 500 (8.x on PHP 8, #34794). */
  jsonRootFails: boolean;
}

export function quirksFor(version: string): Quirks {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < 8) return { stringScalars: true, dropFalsySingle: false, versionBeforeAuth: true, jsonRootFails: false };
  return { stringScalars: minor >= 2 || major > 8, dropFalsySingle: true, versionBeforeAuth: false, jsonRootFails: true };
}

/** Every scalar as a string (1.7, 8.2): ids stay numbers, association ids become strings. */
export function stringifyScalars(entity: Entity): Entity {
  return {
    ...entity,
    fields: entity.fields.map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]),
    ...(entity.associations
      ? { associations: Object.fromEntries(Object.entries(entity.associations).map(([k, list]) => [k, list.map(({ id }) => ({ id: String(id) }))])) as Entity['associations'] }
      : {}),
  };
}

export function isI18n(value: FieldValue): value is I18nValue {
  return typeof value === 'object' && value !== null;
}

// Field kinds: 'n' = JSON number, 's' = string, 'id?' = nullable id ("" when null, else the number
// as a string), 'i18n' = multilingual.
type Kind = 'n' | 's' | 'id?' | 'i18n';
type Spec = Array<[name: string, kind: Kind, get?: (row: Record<string, unknown>) => unknown]>;

function render(kind: Kind, value: unknown): FieldValue {
  switch (kind) {
    case 'n':
      return value === null || value === undefined ? null : Number(value);
    case 's':
      return value === null || value === undefined ? null : String(value);
    case 'id?':
      return value === null || value === undefined ? '' : String(value);
    case 'i18n':
      return { i18n: (value ?? {}) as Record<string, string> };
  }
}

/**
 * Values a PUT gave to fields the fixture has no column for (computed ones such as `birthday` or
 * `siret`): kept beside the row so that the next GET shows what was written (src/sandbox/prestashop/write.ts).
 */
export const WRITTEN = Symbol('fields written by PUT without a fixture column');

function build(spec: Spec, row: Record<string, unknown>): Array<[string, FieldValue]> {
  const written = (row as { [WRITTEN]?: Record<string, unknown> })[WRITTEN];
  return spec.map(([name, kind, get]) => [name, render(kind, written && name in written ? written[name] : get ? get(row) : row[name])]);
}

const asRow = (row: object) => row as Record<string, unknown>;
const idList = (ids: number[]) => ids.map((id) => ({ id }));

const CUSTOMER: Spec = [
  ['id_default_group', 'n'],
  ['id_lang', 'n'],
  ['newsletter_date_add', 's', (r) => (r.newsletter ? r.date_add : '0000-00-00 00:00:00')],
  ['ip_registration_newsletter', 's', () => ''],
  ['last_passwd_gen', 's', (r) => r.date_add],
  ['secure_key', 's'],
  ['deleted', 's'],
  ['passwd', 's'],
  ['lastname', 's'],
  ['firstname', 's'],
  ['email', 's'],
  ['id_gender', 'n'],
  ['birthday', 's', () => '0000-00-00'],
  ['newsletter', 's'],
  ['optin', 's'],
  ['website', 's', (r) => r.website ?? ''],
  ['company', 's', (r) => r.company ?? ''],
  ['siret', 's', () => ''],
  ['ape', 's', () => ''],
  ['outstanding_allow_amount', 's'],
  ['show_public_prices', 's', () => '0'],
  ['id_risk', 'n'],
  ['max_payment_days', 'n'],
  ['active', 's'],
  ['note', 's', (r) => r.note ?? ''],
  ['is_guest', 's'],
  ['id_shop', 'n'],
  ['id_shop_group', 'n'],
  ['date_add', 's'],
  ['date_upd', 's'],
  ['reset_password_token', 's', () => ''],
  ['reset_password_validity', 's', () => '0000-00-00 00:00:00'],
];

const CATEGORY: Spec = [
  ['id_parent', 'n'],
  ['level_depth', 'n'],
  ['nb_products_recursive', 'n', () => 0],
  ['active', 's'],
  ['id_shop_default', 'n'],
  ['is_root_category', 's'],
  ['position', 'n'],
  ['date_add', 's'],
  ['date_upd', 's'],
  ['name', 'i18n'],
  ['link_rewrite', 'i18n'],
  ['description', 'i18n'],
  ['additional_description', 'i18n', (r) => Object.fromEntries(Object.keys(r.name as object).map((k) => [k, '']))],
  ['meta_title', 'i18n', (r) => Object.fromEntries(Object.keys(r.name as object).map((k) => [k, '']))],
];

const CART_RULE: Spec = [
  ['id_customer', 'n'],
  ['date_from', 's'],
  ['date_to', 's'],
  ['description', 's'],
  ['quantity', 'n'],
  ['quantity_per_user', 'n'],
  ['priority', 'n'],
  ['partial_use', 's'],
  ['code', 's'],
  ['minimum_amount', 's'],
  ['minimum_amount_tax', 's'],
  ['minimum_amount_currency', 'n'],
  ['minimum_amount_shipping', 's'],
  ['country_restriction', 's'],
  ['carrier_restriction', 's'],
  ['group_restriction', 's'],
  ['cart_rule_restriction', 's'],
  ['product_restriction', 's'],
  ['shop_restriction', 's'],
  ['free_shipping', 's'],
  ['reduction_percent', 's'],
  ['reduction_amount', 's'],
  ['reduction_tax', 's'],
  ['reduction_currency', 'n'],
  ['reduction_product', 'n'],
  ['reduction_exclude_special', 's'],
  ['gift_product', 'n'],
  ['gift_product_attribute', 'n'],
  ['highlight', 's'],
  ['active', 's'],
  ['date_add', 's'],
  ['date_upd', 's'],
  ['name', 'i18n'],
];

const ORDER_STATE: Spec = [
  ['unremovable', 's'],
  ['delivery', 's'],
  ['hidden', 's'],
  ['send_email', 's'],
  ['module_name', 's'],
  ['invoice', 's'],
  ['color', 's'],
  ['logable', 's'],
  ['shipped', 's'],
  ['paid', 's'],
  ['pdf_delivery', 's'],
  ['pdf_invoice', 's'],
  ['deleted', 's'],
  ['name', 'i18n'],
  ['template', 'i18n'],
];

const ORDER: Spec = [
  ['id_address_delivery', 'n'],
  ['id_address_invoice', 'n'],
  ['id_cart', 'n'],
  ['id_currency', 'n'],
  ['id_lang', 'n'],
  ['id_customer', 'n'],
  ['id_carrier', 'n'],
  ['current_state', 'n'],
  ['module', 's'],
  ['invoice_number', 'n'],
  ['invoice_date', 's'],
  ['delivery_number', 'n'],
  ['delivery_date', 's'],
  ['valid', 's'],
  ['date_add', 's'],
  ['date_upd', 's'],
  ['shipping_number', 's', () => ''],
  ['id_shop_group', 'n'],
  ['id_shop', 'n'],
  ['secure_key', 's'],
  ['payment', 's'],
  ['recyclable', 's'],
  ['gift', 's'],
  ['gift_message', 's'],
  ['mobile_theme', 's'],
  ['total_discounts', 's'],
  ['total_paid', 's'],
  ['total_paid_tax_incl', 's'],
  ['total_paid_tax_excl', 's'],
  ['total_paid_real', 's'],
  ['total_products', 's'],
  ['total_products_wt', 's'],
  ['total_shipping', 's'],
  ['conversion_rate', 's'],
  ['reference', 's'],
];

// No 8.1.2 recording of these two: typed like the recorded siblings (TYPE_INT → number,
// TYPE_BOOL → "0"/"1", TYPE_FLOAT/DECIMAL → "10.000000"), fields in OrderCartRule / Currency
// definition order.
const ORDER_CART_RULE: Spec = [
  ['id_order', 'n'],
  ['id_cart_rule', 'n'],
  ['id_order_invoice', 'n'],
  ['name', 's'],
  ['value', 's'],
  ['value_tax_excl', 's'],
  ['free_shipping', 's'],
  ['deleted', 's'],
];

const CURRENCY: Spec = [
  ['iso_code', 's'],
  ['numeric_iso_code', 's'],
  ['precision', 'n'],
  ['conversion_rate', 's'],
  ['deleted', 's'],
  ['active', 's'],
  ['unofficial', 's'],
  ['modified', 's'],
  ['name', 'i18n'],
  ['symbol', 'i18n'],
  ['pattern', 'i18n', (r) => Object.fromEntries(Object.keys(r.name as object).map((k) => [k, '']))],
];

const CARRIER: Spec = [
  ['deleted', 's'],
  ['is_module', 's'],
  ['id_tax_rules_group', 'n', () => 1],
  ['id_reference', 'n'],
  ['name', 's'],
  ['active', 's'],
  ['is_free', 's'],
  ['url', 's'],
  ['shipping_handling', 's'],
  ['shipping_external', 's'],
  ['range_behavior', 's'],
  ['shipping_method', 'n'],
  ['max_width', 'n'],
  ['max_height', 'n'],
  ['max_depth', 'n'],
  ['max_weight', 's'],
  ['grade', 'n'],
  ['external_module_name', 's'],
  ['need_range', 's'],
  ['position', 'n'],
  ['delay', 'i18n'],
];

// Country::$definition field order; types as a stock 8.1.2 answers `countries?display=[id,id_zone,
// active,iso_code]` (recordings/prestashop-8.1.2/countries-active: id_zone a number, active "1").
// The other scalars are not recorded: typed like the same kinds of columns elsewhere.
const COUNTRY: Spec = [
  ['id_zone', 'n'],
  ['id_currency', 'n'],
  ['call_prefix', 'n'],
  ['iso_code', 's'],
  ['active', 's'],
  ['contains_states', 's'],
  ['need_identification_number', 's'],
  ['need_zip_code', 's'],
  ['zip_code_format', 's'],
  ['display_tax_label', 's'],
  ['name', 'i18n'],
];

/** The shops whose context lists an order of `shopId`: its group's shops when the group shares orders. */
function orderShops(f: ShopFixture, shopId: number): number[] {
  const groupId = f.shops.find((s) => s.id_shop === shopId)?.id_shop_group;
  const group = f.shop_groups.find((g) => g.id_shop_group === groupId);
  return group?.share_order ? f.shops.filter((s) => s.id_shop_group === groupId).map((s) => s.id_shop) : [shopId];
}

export const RESOURCES: ResourceDef[] = [
  {
    name: 'customers',
    singular: 'customer',
    className: 'Customer',
    rows: (f) =>
      f.customers.map((c) => ({
        id: c.id_customer,
        fields: build(CUSTOMER, asRow(c)),
        associations: { groups: idList(c.groups) },
        shopIds: [c.id_shop],
      })),
  },
  {
    name: 'groups',
    singular: 'group',
    className: 'Group',
    rows: (f) =>
      f.groups.map((g) => ({
        id: g.id_group,
        fields: [
          ['reduction', g.reduction],
          ['price_display_method', String(g.price_display_method)],
          // Observed on 8.1.2: show_prices is 1 for id 1 but "1" for the other groups.
          ['show_prices', g.id_group === 1 ? g.show_prices : String(g.show_prices)],
          ['date_add', g.date_add],
          ['date_upd', g.date_upd],
          ['name', { i18n: g.name }],
        ],
        shopIds: g.shops,
      })),
  },
  {
    name: 'categories',
    singular: 'category',
    className: 'Category',
    getters: ['nb_products_recursive'],
    rows: (f) =>
      f.categories.map((c) => {
        // Only active direct children are listed.
        const children = f.categories.filter((k) => k.id_parent === c.id_category && k.active === 1).map((k) => k.id_category);
        return {
          id: c.id_category,
          fields: build(CATEGORY, asRow(c)),
          associations: { categories: idList(children) },
          shopIds: c.shops,
        };
      }),
  },
  {
    name: 'cart_rules',
    singular: 'cart_rule',
    className: 'CartRule',
    rows: (f) => f.cart_rules.map((r) => ({ id: r.id_cart_rule, fields: build(CART_RULE, asRow(r)) })),
  },
  {
    name: 'order_states',
    singular: 'order_state',
    className: 'OrderState',
    rows: (f) => f.order_states.map((s) => ({ id: s.id_order_state, fields: build(ORDER_STATE, asRow(s)) })),
  },
  {
    name: 'orders',
    singular: 'order',
    className: 'Order',
    getters: ['shipping_number'],
    // Order::getWebserviceObjectList adds Shop::addSqlRestriction(Shop::SHARE_ORDER): in a shop's
    // context, its own orders, or every order of its group when the group shares orders.
    rows: (f) => f.orders.map((o) => ({ id: o.id_order, fields: build(ORDER, asRow(o)), shopIds: orderShops(f, o.id_shop) })),
  },
  {
    name: 'order_cart_rules',
    singular: 'order_cart_rule',
    className: 'OrderCartRule',
    rows: (f) => f.order_cart_rules.map((r) => ({ id: r.id_order_cart_rule, fields: build(ORDER_CART_RULE, asRow(r)) })),
  },
  {
    name: 'currencies',
    singular: 'currency',
    className: 'Currency',
    rows: (f) => f.currencies.map((c) => ({ id: c.id_currency, fields: build(CURRENCY, asRow(c)), shopIds: c.shops })),
  },
  {
    name: 'order_histories',
    singular: 'order_history',
    className: 'OrderHistory',
    rows: (f) =>
      f.orders.flatMap((o) =>
        o.history.map((h) => ({
          id: h.id_order_history,
          fields: [
            ['id_employee', h.id_employee],
            ['id_order_state', h.id_order_state],
            ['id_order', o.id_order],
            ['date_add', h.date_add],
          ] as Array<[string, FieldValue]>,
        })),
      ),
  },
  {
    name: 'carriers',
    singular: 'carrier',
    className: 'Carrier',
    getters: ['id_tax_rules_group'],
    rows: (f) => f.carriers.map((c) => ({ id: c.id_carrier, fields: build(CARRIER, asRow(c)), shopIds: c.shops })),
  },
  {
    name: 'zones',
    singular: 'zone',
    className: 'Zone',
    rows: (f) =>
      f.zones.map((z) => ({
        id: z.id_zone,
        fields: [
          ['name', z.name],
          ['active', String(z.active)],
        ],
        shopIds: z.shops,
      })),
  },
  {
    name: 'countries',
    singular: 'country',
    className: 'Country',
    // Shop-scoped through country_shop, like every list of a shop-associated table.
    rows: (f) => f.countries.map((c) => ({ id: c.id_country, fields: build(COUNTRY, asRow(c)), shopIds: c.shops })),
  },
  {
    name: 'states',
    singular: 'state',
    className: 'State',
    // State::$definition order. `state` is not a shop-associated table: the list is not shop-scoped.
    rows: (f) =>
      f.states.map((s) => ({
        id: s.id_state,
        fields: [
          ['id_zone', s.id_zone],
          ['id_country', s.id_country],
          ['iso_code', s.iso_code],
          ['name', s.name],
          ['active', String(s.active)],
        ],
      })),
  },
  {
    name: 'configurations',
    singular: 'configuration',
    className: 'Configuration',
    // Not shop-filtered: global, group and shop rows all come back.
    rows: (f) =>
      f.configuration.map((c) => ({
        id: c.id_configuration,
        fields: [
          ['value', c.value],
          ['name', c.name],
          ['id_shop_group', c.id_shop_group === null ? '' : String(c.id_shop_group)],
          ['id_shop', c.id_shop === null ? '' : String(c.id_shop)],
          ['date_add', c.date_add],
          ['date_upd', c.date_upd],
        ],
      })),
  },
  {
    name: 'languages',
    singular: 'language',
    className: 'Language',
    rows: (f) =>
      f.languages.map((l) => ({
        id: l.id_lang,
        fields: [
          ['name', l.name],
          ['iso_code', l.iso_code],
          ['locale', l.locale],
          ['language_code', l.language_code],
          ['active', String(l.active)],
          ['is_rtl', '0'],
          ['date_format_lite', 'd/m/Y'],
          ['date_format_full', 'd/m/Y H:i:s'],
        ],
      })),
  },
  {
    name: 'shops',
    singular: 'shop',
    className: 'Shop',
    rows: (f) =>
      f.shops.map((s) => ({
        id: s.id_shop,
        fields: [
          ['id_shop_group', s.id_shop_group],
          ['id_category', s.id_category],
          ['active', String(s.active)],
          ['deleted', String(s.deleted)],
          ['name', s.name],
          ['color', ''],
          ['theme_name', s.theme_name],
        ],
      })),
  },
  { name: 'deliveries', singular: 'delivery', className: 'Delivery', rows: () => [] },
  { name: 'addresses', singular: 'address', className: 'Address', rows: () => [] },
  { name: 'products', singular: 'product', className: 'Product', rows: () => [] },
];

/** Every resource name a stock webservice knows (for the code 27 "full list"). */
export const KNOWN_RESOURCES = [
  'addresses', 'attachments', 'carriers', 'cart_rules', 'carts', 'categories', 'combinations', 'configurations', 'contacts',
  'content_management_system', 'countries', 'currencies', 'customer_messages', 'customer_threads', 'customers',
  'customizations', 'deliveries', 'employees', 'groups', 'guests', 'image_types', 'images', 'languages', 'manufacturers',
  'messages', 'order_carriers', 'order_cart_rules', 'order_details', 'order_histories', 'order_invoices', 'order_payments',
  'order_slip', 'order_states', 'orders', 'price_ranges', 'product_customization_fields', 'product_feature_values',
  'product_features', 'product_option_values', 'product_options', 'product_suppliers', 'products', 'search', 'shop_groups',
  'shop_urls', 'shops', 'specific_price_rules', 'specific_prices', 'states', 'stock_availables', 'stock_movement_reasons',
  'stock_movements', 'stocks', 'stores', 'suppliers', 'supply_order_details', 'supply_order_histories',
  'supply_order_receipt_histories', 'supply_order_states', 'supply_orders', 'tags', 'tax_rule_groups', 'tax_rules', 'taxes',
  'translated_configurations', 'warehouse_product_locations', 'warehouses', 'weight_ranges', 'zones',
];

export function findResource(name: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.name === name);
}
