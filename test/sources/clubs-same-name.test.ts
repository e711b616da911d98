// Issue 7 item 11: two customer groups may share a name. Through both PrestaShop sources (the
// webservice emulator and a real MariaDB), each group is one club with its own group; a configured
// club whose name two groups bear is not silently given one of them.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { parseShopFixture } from '../../src/sandbox/shop-fixture.js';
import { PrestaShopDatabase } from '../../src/sources/prestashop/database.js';
import { gatherFromDatabase, type GatherInput, type PrestaShopGathered } from '../../src/sources/prestashop/gather-database.js';
import { gatherFromWebservice } from '../../src/sources/prestashop/gather-webservice.js';
import { PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

type Row = Record<string, unknown>;
const demo = JSON.parse(readFileSync(new URL('../../fixtures/shops/demo-shop.json', import.meta.url), 'utf8')) as Row & { groups: Row[] };

/** The demo shop plus group 20, also named "AS Saint-Étienne" (a second club of that name). */
function shopWithTwinGroups(): Row {
  const fixture = structuredClone(demo);
  const asse = fixture.groups.find((g) => g.id_group === 5)!;
  fixture.groups.push({ ...asse, id_group: 20 });
  return fixture;
}

const groupOf = (envelope: PartEnvelope | undefined) => (envelope?.status === 'ok' ? (envelope.data as { id: number }).id : envelope?.status === 'failed' ? envelope.cause.kind : undefined);

async function expectTwins(gather: (input: GatherInput) => Promise<PrestaShopGathered>) {
  const derived = await gather({ query: {}, shopId: 1 });
  const asse = derived.clubs.filter((c) => c.name === 'AS Saint-Étienne');
  expect(asse.map((c) => groupOf(c.parts['club.group']))).toEqual([5, 20]);
  expect(derived.stripeKeys.size).toBe(derived.clubs.length);

  const configured = await gather({ query: {}, shopId: 1, clubs: [{ name: 'as saint-etienne' }, { name: 'AS Saint-Étienne', group: 20 }] });
  const [ambiguous, chosen] = configured.clubs;
  expect(groupOf(ambiguous!.parts['club.group'])).toBe('ambiguous-group');
  expect(ambiguous!.parts['club.group']).toMatchObject({ cause: { source: 'config', message: expect.stringMatching(/ids 5, 20/) } });
  expect(groupOf(chosen!.parts['club.group'])).toBe(20);
}

describe('two customer groups with one name', () => {
  let ps: PrestaShopSandbox;
  let db: MariaDb;
  let client: PrestaShopDatabase;
  beforeAll(async () => {
    ps = await startPrestaShopSandbox({ fixture: parseShopFixture(shopWithTwinGroups()) });
    db = await startMariaDb();
    const root = await db.root();
    await loadShop(root, shopWithTwinGroups() as ShopFixture, { database: 'prestashop' });
    await root.query(`CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-secret-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';`);
    await root.end();
    client = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-secret-pass', database: 'prestashop', prefix: 'ps_' });
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all([ps?.close(), db?.stop()]);
  });

  it('webservice: one club per group, each with its own group; a configured name borne by two groups asks for the id', async () => {
    const ws = new PrestaShopWebservice({ url: ps.url, key: 'DEMO4CHECKOUTDOCTOR7READONLY0001', timeoutMs: 3000, retry: false });
    await expectTwins((input) => gatherFromWebservice(ws, input));
  });

  it('database: the same', async () => {
    await expectTwins((input) => gatherFromDatabase(client, input));
  });
});
