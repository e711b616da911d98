// Issue 7 item 10: e-mails and promo codes holding `|`, `[`, `]`, `%`, `,`, `_` or quotes exist in
// real shops. Both PrestaShop sources find them (the webservice through the emulator, which reads
// filters as PrestaShop 8 does; SQL through a real MariaDB), and a value the webservice cannot be
// asked about is a failed lookup with its reason, never "does not exist".

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import type { Query } from '../../src/engine/types.js';
import { compileFilter } from '../../src/sandbox/prestashop/query.js';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { parseShopFixture } from '../../src/sandbox/shop-fixture.js';
import { PrestaShopDatabase } from '../../src/sources/prestashop/database.js';
import { gatherFromDatabase } from '../../src/sources/prestashop/gather-database.js';
import { findExactly, gatherFromWebservice } from '../../src/sources/prestashop/gather-webservice.js';
import { exactly, likeSafeRun, PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

type Row = Record<string, unknown>;
const demo = JSON.parse(readFileSync(new URL('../../fixtures/shops/demo-shop.json', import.meta.url), 'utf8')) as Row & { customers: Row[]; cart_rules: Row[] };

// id → e-mail: the values to find, and decoys a too-wide query would also return.
const CUSTOMERS: Record<number, string> = {
  101: "o'neil|club@example.fr",
  102: '[vip]martin@example.fr',
  103: 'xmartin@example.fr', // decoy for 102: contains its searchable part
  104: '100%,"sport"@example.fr',
  105: 'a_b@example.fr',
  106: 'axb@example.fr', // decoy for 105: `_` is a LIKE wildcard
};
const CODES: Record<number, string> = { 101: 'ETE[2025]', 102: 'A|B', 103: '10,20', 104: '15', 105: 'CLUB]%' };

function shopWithSpecialValues(): Row {
  const fixture = structuredClone(demo);
  const customer = fixture.customers.find((c) => c.id_customer === 2)!;
  for (const [id, email] of Object.entries(CUSTOMERS)) {
    fixture.customers.push({ ...customer, id_customer: Number(id), email, secure_key: `special${id}`.padEnd(32, '0') });
  }
  const rule = fixture.cart_rules.find((r) => r.id_cart_rule === 1)!;
  for (const [id, code] of Object.entries(CODES)) fixture.cart_rules.push({ ...rule, id_cart_rule: Number(id), code });
  return fixture;
}

/** The ids a lookup found, or the failure kind. */
function answer(envelope: PartEnvelope | undefined): number[] | string {
  if (envelope?.status === 'failed') return envelope.cause.kind;
  expect(envelope?.status).toBe('ok');
  return ((envelope as { data: { matches: Array<{ id: number }> } }).data.matches).map((m) => m.id).sort((a, b) => a - b);
}

// Asked as a person would type them (other case) → the ids both sources must find.
const CUSTOMER_CASES: Array<[string, number[]]> = [
  ["O'Neil|Club@example.fr", [101]],
  ['[VIP]martin@example.fr', [102]],
  ['100%,"Sport"@example.fr', [104]],
  ['a_b@example.fr', [105]],
  ['[vip]nobody@example.fr', []],
];
const CODE_CASES: Array<[string, number[]]> = [
  ['ete[2025]', [101]],
  ['a|b', [102]],
  ['10,20', [103]],
  ['club]%', [105]],
];

type Gather = (query: Query) => Promise<{ lookups: Record<string, Record<string, PartEnvelope> | undefined> }>;
async function expectFound(gather: Gather) {
  for (const [asked, ids] of CUSTOMER_CASES) {
    const { lookups } = await gather({ customer: asked });
    expect(answer(Object.values(lookups.customer!)[0]), `--customer ${asked}`).toEqual(ids);
  }
  for (const [asked, ids] of CODE_CASES) {
    const { lookups } = await gather({ code: asked });
    expect(answer(Object.values(lookups.code!)[0]), `--code ${asked}`).toEqual(ids);
  }
}

describe('filter forms (webservice.ts)', () => {
  it('sends an equality PrestaShop reads as such, or nothing', () => {
    expect(exactly('paul.martin@example.fr')).toBe('[paul.martin@example.fr]');
    expect(exactly('100%,"x"@example.fr')).toBe('[100%,"x"@example.fr]');
    expect(exactly('a|b@example.fr')).toBe('a|b@example.fr');
    expect(exactly('10,20')).toBe('10,20');
    expect(exactly('x]y@example.fr')).toBe('x]y@example.fr');
    expect(exactly('[vip]x@example.fr')).toBeUndefined();
    expect(exactly('a<b>@example.fr')).toBeUndefined();
    expect(likeSafeRun('[vip]martin@example.fr')).toBe('martin@example.fr');
    expect(likeSafeRun('[]')).toBe('');
  });
});

describe('the emulator reads filters as PrestaShop 8 does (getSQLRetrieveFilter)', () => {
  const test = (filter: string, value: string) => compileFilter(filter)?.(value);
  it('equality, OR, BETWEEN, LIKE and ignored filters', () => {
    expect(test('[Paul@Example.fr]', 'paul@example.fr')).toBe(true);
    expect(test('[a|b]', 'b')).toBe(true);
    expect(test('[|ab]', '|ab')).toBe(true); // `|` first: not an OR
    expect(test('[10,20]', '15')).toBe(true); // BETWEEN
    expect(test('[a,b]', 'a,b')).toBe(true); // not digit-like: equality
    expect(test('a|b', 'a|b')).toBe(true); // no brackets: plain equality
    expect(test('%[a_b]%', 'xaxbx')).toBe(true); // `_` is a wildcard
    expect(test('[50%]', '50x')).toBe(false); // `%` inside an equality is literal
    expect(test('[x<b>y]', 'xy')).toBe(true); // strip_tags
    // A `[` before the last `[…]` leaves a prefix PrestaShop does not know: no SQL condition.
    expect(compileFilter('[a[b]')).toBeUndefined();
    expect(compileFilter('[a]b')).toBeUndefined();
  });
});

describe('webservice source (emulator)', () => {
  let ps: PrestaShopSandbox;
  let ws: () => PrestaShopWebservice;
  beforeAll(async () => {
    ps = await startPrestaShopSandbox({ fixture: parseShopFixture(shopWithSpecialValues()) });
    ws = () => new PrestaShopWebservice({ url: ps.url, key: 'DEMO4CHECKOUTDOCTOR7READONLY0001', timeoutMs: 3000, retry: false });
  });
  afterAll(async () => {
    await ps?.close();
  });

  it('finds e-mails and codes whatever their characters, compared exactly (case aside)', async () => {
    await expectFound((query) => gatherFromWebservice(ws(), { query, shopId: 1 }));
  });

  it('never answers "does not exist" without asking: nothing to ask, or too many candidates, is a failure', async () => {
    const { lookups } = await gatherFromWebservice(ws(), { query: { code: '[]' }, shopId: 1 });
    const envelope = lookups.code!['[]'];
    expect(answer(envelope)).toBe('unsearchable');
    expect(envelope).toMatchObject({ cause: { source: 'prestashop', message: expect.stringContaining('could not be looked up') } });
    await expect(findExactly(ws(), 'customers', 'email', '[x]@example.fr', { pageSize: 2, maxRows: 4 })).rejects.toMatchObject({ kind: 'too-many-candidates' });
    expect(await findExactly(ws(), 'customers', 'email', '[vip]martin@example.fr', { pageSize: 1, maxRows: 50 })).toHaveLength(1);
  });
});

describe('database source (MariaDB)', () => {
  let db: MariaDb;
  let client: PrestaShopDatabase;
  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await loadShop(root, shopWithSpecialValues() as ShopFixture, { database: 'prestashop' });
    await root.query(`CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-secret-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';`);
    await root.end();
    client = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-secret-pass', database: 'prestashop', prefix: 'ps_' });
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('finds the same rows: values are query parameters, compared by the collation', async () => {
    await expectFound((query) => gatherFromDatabase(client, { query, shopId: 1 }));
  });
});
