// Issue 8, item 1, through the database source: the demo shop in a real MariaDB, gathered for a
// selection of checks. Only the statements the selected checks need are sent (the club list is
// always read); the parts no selected check reads are absent from the snapshot.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinRegistry, partsNeeded } from '../../src/engine/registry.js';
import type { Query } from '../../src/engine/types.js';
import { requestLog } from '../../src/sources/request-log.js';
import { gatherSnapshot } from '../../src/sources/gather.js';
import type { GatherEvent } from '../../src/engine/progress.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/shops/demo-shop.json', import.meta.url), 'utf8')) as ShopFixture;
let db: MariaDb;

beforeAll(async () => {
  db = await startMariaDb();
  const root = await db.root();
  await loadShop(root, fixture, { database: 'prestashop' });
  await root.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'scope-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
  await root.end();
}, 120_000);
afterAll(async () => {
  await db?.stop();
});
beforeEach(() => requestLog.clear());

async function gatherFor(ids: string[], query: Query = {}) {
  const registry = builtinRegistry();
  const checks = ids.map((id) => registry.get(id)!);
  const snapshot = await gatherSnapshot({
    // The shop front is not needed by these selections; the URL is never asked.
    config: { prestashop: { url: 'http://127.0.0.1:9/', database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'scope-ro-pass', database: 'prestashop', prefix: 'ps_' } } },
    query,
    choose: (clubs) => clubs.filter((c) => c.name === 'AS Saint-Étienne'),
    fallbackNames: [],
    needs: partsNeeded(checks, query),
  });
  const statements = requestLog.entries.map((e) => `${e.source} ${e.target}`);
  return { snapshot, statements, club: snapshot.clubs[0]! };
}

describe('the database source reads only what the selected checks need', () => {
  it('category-club-access: the club list and its category access; no carriers, zones, modules, order states, lookups', async () => {
    const { snapshot, statements, club } = await gatherFor(['category-club-access'], { customer: 'marie.durand@example.fr', order: 'XKBKNABJK' });
    expect(statements.every((s) => s.startsWith('database '))).toBe(true);
    expect(statements.some((s) => /ps_category_group/.test(s))).toBe(true);
    expect(statements.filter((s) => /ps_(carrier|zone|module|order_state|customer|orders)\b/.test(s))).toEqual([]);
    expect(Object.keys(snapshot.parts).filter((p) => /carriers|zones|modules|orderStates|shop\.front|^sendcloud\./.test(p))).toEqual([]);
    expect(snapshot.lookups).toEqual({});
    expect(club.parts['club.categoryAccess']?.status).toBe('ok');
    expect(club.parts['club.stripeKeyProbe']).toBeUndefined();
  });

  it('relay-module-conflicts: carriers and modules, but not category access nor zones', async () => {
    const { snapshot, statements, club } = await gatherFor(['relay-module-conflicts']);
    expect(statements.some((s) => /FROM `ps_carrier`/.test(s))).toBe(true);
    expect(statements.some((s) => /FROM `ps_module` m\s+LEFT JOIN/.test(s))).toBe(true);
    expect(statements.filter((s) => /ps_category_group|FROM `ps_zone`|ps_order_state/.test(s))).toEqual([]);
    expect(snapshot.parts['prestashop.modules']?.status).toBe('ok');
    expect(snapshot.parts['prestashop.zones']).toBeUndefined();
    expect(club.parts['club.categoryAccess']).toBeUndefined();
  });

  it('without a selection (a snapshot), everything is read as before', async () => {
    const registry = builtinRegistry();
    const all = await gatherFor(registry.ids().filter((id) => !/sendcloud|stripe-keys-live|stripe-account|shop-online|dynamic/.test(id)));
    expect(all.statements.some((s) => /FROM `ps_zone`/.test(s))).toBe(true);
    expect(all.statements.some((s) => /ps_order_state/.test(s))).toBe(true);
  });
});

// Issue 9, item 1, through the database source: its parts are reported as the database's, each
// started and settled once, only the selected ones, and the club done at the end.
describe('progress events of a database gathering', () => {
  it('every PrestaShop part of the snapshot is started and settled under the source "database"', async () => {
    const events: GatherEvent[] = [];
    const registry = builtinRegistry();
    const query: Query = { customer: 'marie.durand@example.fr' };
    const snapshot = await gatherSnapshot({
      config: { prestashop: { url: 'http://127.0.0.1:9/', database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'scope-ro-pass', database: 'prestashop', prefix: 'ps_' } } },
      query,
      choose: (clubs) => clubs.filter((c) => c.name === 'AS Saint-Étienne'),
      fallbackNames: [],
      needs: partsNeeded([registry.get('category-club-access')!, registry.get('customer-account-status')!], query),
      onProgress: (event) => events.push(event),
    });
    const club = snapshot.clubs[0]!;
    const expected = [...Object.keys(snapshot.parts), 'prestashop.customer', ...Object.keys(club.parts).map((p) => `${p} @${club.name}`)].sort();
    const key = (e: GatherEvent) => (e.type === 'club-done' ? `done ${e.club}` : `${e.part}${e.club ? ` @${e.club}` : ''}`);
    expect(events.filter((e) => e.type === 'part-started').map(key).sort()).toEqual(expected);
    expect(events.filter((e) => e.type === 'part-finished' || e.type === 'part-failed').map(key).sort()).toEqual(expected);
    expect(events.every((e) => e.type === 'club-done' || e.source === 'database')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'club-done', club: 'AS Saint-Étienne' });
    expect(JSON.stringify(events)).not.toContain('scope-ro-pass');
  });
});
