// Loads a shop fixture (fixtures/shops/*.json, the sandbox's format) into a MariaDB database with
// PrestaShop's own tables (test/support/prestashop-schema.sql), so that the database source and the
// webservice sandbox can be compared on the same shop.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type mysql from 'mysql2/promise';

type Row = Record<string, unknown>;

/** The repository root, found from here whether this runs from test/ or compiled in dist/ (bench). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) dir = dirname(dir);
  return dir;
}
const SCHEMA = join(repoRoot(), 'test/support/prestashop-schema.sql');

/** i18n columns in the fixture are { "<id_lang>": value }. */
function isI18n(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => /^\d+$/.test(k));
}

class Loader {
  private columns = new Map<string, Set<string>>();
  constructor(
    private readonly conn: mysql.Connection,
    private readonly database: string,
    private readonly prefix: string,
  ) {}

  async init(): Promise<void> {
    const [rows] = await this.conn.query('SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?', [this.database]);
    for (const { t, c } of rows as Array<{ t: string; c: string }>) {
      const name = t.slice(this.prefix.length);
      if (!this.columns.has(name)) this.columns.set(name, new Set());
      this.columns.get(name)!.add(c);
    }
  }

  /** Inserts rows, keeping only the keys that are columns of the table. */
  async insert(table: string, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const cols = this.columns.get(table);
    if (!cols) throw new Error(`no table ${this.prefix}${table} in the schema`);
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => cols.has(k));
    const values = rows.map((r) => names.map((n) => {
      const v = r[n];
      return typeof v === 'boolean' ? Number(v) : v ?? null;
    }));
    const quoted = names.map((n) => `\`${n}\``).join(', ');
    // Chunks keep each statement far below max_allowed_packet for large benchmark shops.
    for (let i = 0; i < values.length; i += 2000) {
      await this.conn.query(`INSERT INTO \`${this.database}\`.\`${this.prefix}${table}\` (${quoted}) VALUES ?`, [values.slice(i, i + 2000)]);
    }
  }

  /** Main rows plus `<table>_lang` rows for their i18n columns. */
  async entity(table: string, rows: Row[], idColumn: string, langExtra: (row: Row) => Row = () => ({})): Promise<void> {
    const main: Row[] = [];
    const lang: Row[] = [];
    for (const row of rows) {
      const plain: Row = {};
      const byLang = new Map<string, Row>();
      for (const [key, value] of Object.entries(row)) {
        if (isI18n(value)) {
          for (const [idLang, text] of Object.entries(value)) {
            if (!byLang.has(idLang)) byLang.set(idLang, { [idColumn]: row[idColumn], id_lang: Number(idLang), ...langExtra(row) });
            byLang.get(idLang)![key] = text;
          }
        } else if (!Array.isArray(value)) plain[key] = value;
      }
      main.push(plain);
      lang.push(...byLang.values());
    }
    await this.insert(table, main);
    if (lang.length && this.columns.has(`${table}_lang`)) await this.insert(`${table}_lang`, lang);
  }

  /** Junction rows from an embedded id list: category.groups → category_group(id_category, id_group). */
  async junction(table: string, rows: Row[], idColumn: string, listKey: string, otherColumn: string, extra: Row = {}): Promise<void> {
    await this.insert(
      table,
      rows.flatMap((r) => ((r[listKey] as unknown[] | undefined) ?? []).map((id) => ({ [idColumn]: r[idColumn], [otherColumn]: id, ...extra }))),
    );
  }
}

export interface ShopFixture {
  shop: { id_shop: number; id_shop_group: number; url: string };
  [key: string]: unknown;
}

export async function loadShop(conn: mysql.Connection, fixture: ShopFixture, options: { database: string; prefix?: string }): Promise<void> {
  const prefix = options.prefix ?? 'ps_';
  const { database } = options;
  const schema = (await readFile(SCHEMA, 'utf8')).replaceAll('PREFIX_', prefix);
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await conn.query(`USE \`${database}\``);
  // Fixture rows omit columns PrestaShop fills with defaults: let MariaDB do the same.
  await conn.query("SET SESSION sql_mode = ''");
  await conn.query(schema);
  const load = new Loader(conn, database, prefix);
  await load.init();
  const list = (key: string) => (fixture[key] as Row[] | undefined) ?? [];
  const shopId = fixture.shop.id_shop;

  await load.insert('shop_group', list('shop_groups'));
  await load.insert('shop', list('shops'));
  await load.insert('lang', list('languages'));
  const url = new URL(fixture.shop.url);
  await load.insert('shop_url', [{ id_shop_url: 1, id_shop: shopId, domain: url.host, domain_ssl: url.host, physical_uri: url.pathname, virtual_uri: '', main: 1, active: 1 }]);
  await load.insert('configuration', list('configuration'));

  await load.entity('group', list('groups'), 'id_group');
  await load.junction('group_shop', list('groups'), 'id_group', 'shops', 'id_shop');
  await load.entity('category', list('categories'), 'id_category', () => ({ id_shop: shopId }));
  await load.junction('category_group', list('categories'), 'id_category', 'groups', 'id_group');
  await load.junction('category_shop', list('categories'), 'id_category', 'shops', 'id_shop');
  await load.entity('customer', list('customers'), 'id_customer');
  await load.junction('customer_group', list('customers'), 'id_customer', 'groups', 'id_group');
  await load.entity('cart_rule', list('cart_rules'), 'id_cart_rule');
  await load.junction('cart_rule_group', list('cart_rules'), 'id_cart_rule', 'groups', 'id_group');
  await load.entity('order_state', list('order_states'), 'id_order_state');
  await load.entity('orders', list('orders'), 'id_order');
  await load.insert(
    'order_history',
    list('orders').flatMap((o) => ((o.history as Row[] | undefined) ?? []).map((h) => ({ id_order: o.id_order, ...h }))),
  );
  await load.insert('order_cart_rule', list('order_cart_rules'));
  // name and symbol go to currency_lang; currency.name (deprecated, NOT NULL) gets the default language's.
  const defaultLang = (fixture.shop as { default_lang?: number }).default_lang ?? 1;
  await load.entity('currency', list('currencies'), 'id_currency');
  await conn.query(
    `UPDATE \`${database}\`.\`${prefix}currency\` c JOIN \`${database}\`.\`${prefix}currency_lang\` cl ON cl.id_currency = c.id_currency AND cl.id_lang = ? SET c.name = cl.name`,
    [defaultLang],
  );
  await load.insert(
    'currency_shop',
    list('currencies').flatMap((c) => ((c.shops as unknown[] | undefined) ?? []).map((id) => ({ id_currency: c.id_currency, id_shop: id, conversion_rate: c.conversion_rate }))),
  );
  await load.entity('carrier', list('carriers'), 'id_carrier', () => ({ id_shop: shopId }));
  await load.junction('carrier_zone', list('carriers'), 'id_carrier', 'zones', 'id_zone');
  await load.junction('carrier_group', list('carriers'), 'id_carrier', 'groups', 'id_group');
  await load.junction('carrier_shop', list('carriers'), 'id_carrier', 'shops', 'id_shop');
  // module_carrier is keyed by the carrier's reference, once per reference (edited carriers share it).
  const byReference = new Map<unknown, Row>();
  for (const carrier of list('carriers')) if (!byReference.has(carrier.id_reference)) byReference.set(carrier.id_reference, carrier);
  await load.insert(
    'module_carrier',
    [...byReference.values()].flatMap((c) => ((c.payment_modules as unknown[] | undefined) ?? []).map((id) => ({ id_module: id, id_shop: shopId, id_reference: c.id_reference }))),
  );
  await load.entity('zone', list('zones'), 'id_zone');
  await load.junction('zone_shop', list('zones'), 'id_zone', 'shops', 'id_shop');
  await load.entity('country', list('countries'), 'id_country');
  await load.junction('country_shop', list('countries'), 'id_country', 'shops', 'id_shop');
  await load.entity('state', list('states'), 'id_state');
  await load.entity('module', list('modules'), 'id_module');
  await load.junction('module_shop', list('modules'), 'id_module', 'shops', 'id_shop');
}
