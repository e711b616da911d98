// Issue 7: on a stock-like shop (the 8 zones of a fresh install all active, few countries enabled)
// the CLI's program in-process judges the relay-point carrier on the zones customers can reach, through the
// database (real MariaDB) and through the webservice (the emulator over 127.0.0.1).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-relay-zones-'));
let running: RunningSandbox;
let db: MariaDb;
const secrets: string[] = ['relay-ro-pass'];

beforeAll(async () => {
  [running, db] = await Promise.all([startFixtureSet(resolveFixtureSet('demo')), startMariaDb()]);
  const config = { ...running.config, prestashop: { ...running.config.prestashop!, timeoutMs: 3000 } };
  secrets.push(config.prestashop.webserviceKey!);
  for (const club of config.clubs ?? []) for (const key of [club.stripe?.secretKey, club.stripe?.publishableKey]) if (key) secrets.push(key, key.trim());
  const shop = running.prestashop.fixture as unknown as ShopFixture & { carriers: Array<{ id_carrier: number; zones: number[] }> };
  // The same shop, whose relay carrier was never given Switzerland's zone.
  const lacking = structuredClone(shop);
  lacking.carriers.find((c) => c.id_carrier === 4)!.zones = [1, 9];
  // The same shop, whose relay carrier serves every zone of an enabled country, but not the zone of
  // the Canary Islands' provinces (Spain's own zone is Europe): judged on countries alone, it passed.
  const canaries = structuredClone(shop);
  canaries.carriers.find((c) => c.id_carrier === 4)!.zones = [1, 7];
  const root = await db.root();
  await loadShop(root, shop, { database: 'prestashop' });
  await loadShop(root, lacking, { database: 'lacking' });
  await loadShop(root, canaries, { database: 'canaries' });
  await root.query(
    "CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'relay-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1'; GRANT SELECT ON lacking.* TO 'ro'@'127.0.0.1'; GRANT SELECT ON canaries.* TO 'ro'@'127.0.0.1';",
  );
  await root.end();
  const database = (name: string) => ({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'relay-ro-pass', database: name });
  writeFileSync(join(dir, 'webservice.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'database.json'), JSON.stringify({ ...config, prestashop: { ...config.prestashop, database: database('prestashop') } }));
  writeFileSync(join(dir, 'lacking.json'), JSON.stringify({ ...config, prestashop: { ...config.prestashop, database: database('lacking') } }));
  writeFileSync(join(dir, 'canaries.json'), JSON.stringify({ ...config, prestashop: { ...config.prestashop, database: database('canaries') } }));
}, 120_000);

afterAll(async () => {
  await Promise.all([running?.close(), db?.stop()]);
});

async function relay(config: string, lang = 'en') {
  const r = await runCli(['diagnose', 'Étoile Sportive de Fréjus', '--only', 'relay-carrier-zones', '--config', join(dir, config), '--format', 'json', '--lang', lang], { cwd: dir, secrets });
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  return { code: r.code, result: (JSON.parse(r.stdout) as JsonReport).clubs[0]!.results[0]! };
}

describe('relay-carrier-zones on a stock-like shop (all zones active, few countries enabled)', () => {
  it('database: passes on Europe, Europe (non-EU) and the Canaries’ zone, and says which zones were left out and why', async () => {
    const { code, result } = await relay('database.json');
    expect(result.status, result.message).toBe('pass');
    expect(code).toBe(0);
    expect(result.message).toContain('on every zone customers can be delivered to (Europe, Europe (non-EU), Îles Canaries)');
    expect(result.message).toContain('"Oceania"');
    // Spain's addresses take their province's zone (Address::getZoneById); Ceuta is disabled.
    expect(result.evidence.reachableZones).toEqual([
      { id: 1, name: 'Europe', countries: ['BE', 'ES (Madrid)', 'FR', 'LU'] },
      { id: 7, name: 'Europe (non-EU)', countries: ['CH'] },
      { id: 9, name: 'Îles Canaries', countries: ['ES (Las Palmas)', 'ES (Santa Cruz de Tenerife)'] },
    ]);
    expect(result.evidence.leftOutZones).toContainEqual({ id: 5, name: 'Oceania', why: 'no-active-country' });
    expect((result.evidence.leftOutZones as unknown[]).length).toBe(6);
  });

  it('database: a reachable zone the carrier lacks is a failure naming the zone and its countries, in French too', async () => {
    const en = await relay('lacking.json');
    expect(en.result.status).toBe('fail');
    expect(en.code).toBe(1);
    expect(en.result.message).toContain('does not serve the zone "Europe (non-EU)" (#7, enabled countries: CH)');
    expect(en.result.message).not.toContain('Oceania');
    expect(en.result.remediation.join('\n')).toContain('tick the zone "Europe (non-EU)" (#7)');
    const fr = await relay('lacking.json', 'fr');
    expect(fr.result.message).toContain('ne dessert pas la zone «\u00a0Europe (non-EU)\u00a0» (n°\u00a07, pays activés\u00a0: CH)');
  });

  it('database: a province’s zone the carrier lacks is a failure naming the zone and the provinces (a pass on countries alone)', async () => {
    const en = await relay('canaries.json');
    expect(en.result.status, en.result.message).toBe('fail');
    expect(en.code).toBe(1);
    expect(en.result.message).toContain('does not serve the zone "Îles Canaries" (#9, enabled countries: ES (Las Palmas), ES (Santa Cruz de Tenerife))');
    expect(en.result.remediation.join('\n')).toContain('tick the zone "Îles Canaries" (#9)');
    expect(en.result.remediation.join('\n')).toContain('International > Locations > States, filter the country ES');
    const fr = await relay('canaries.json', 'fr');
    expect(fr.result.message).toContain('ne dessert pas la zone «\u00a0Îles Canaries\u00a0» (n°\u00a09, pays activés\u00a0: ES (Las Palmas), ES (Santa Cruz de Tenerife))');
    expect(fr.result.remediation.join('\n')).toContain('International > Zones géographiques > États, filtrez le pays ES');
  });

  it('webservice: states the key may not read leave the provinces’ zones to verify, never a pass nor an error', async () => {
    const body = JSON.stringify({ errors: [{ code: 26, message: 'Resource of type "states" is not allowed with this authentication key' }] });
    running.prestashop.faults.add({ path: '/api/states', respond: { kind: 'status', status: 401, body, contentType: 'application/json' } });
    try {
      const { result } = await relay('webservice.json');
      expect(result.status).toBe('manual');
      expect(result.message).toContain('The country ES has states whose zones could not be read');
      expect(result.remediation.join('\n')).toContain('International > Locations > States, filter the country ES');
      expect(result.evidence.statesUnread).toMatchObject({ countries: ['ES'] });
    } finally {
      running.prestashop.faults.clear();
    }
  });

  it('webservice: the manual item lists only the zones customers can reach', async () => {
    const { result } = await relay('webservice.json');
    expect(result.status).toBe('manual');
    expect(result.message).toContain('check that it serves the zones customers can be delivered to, "Europe" (#1), "Europe (non-EU)" (#7), "Îles Canaries" (#9).');
    for (const zone of ['Oceania', 'Asia', 'Africa', 'North America']) expect(result.message).not.toContain(zone);
    expect(result.remediation.join('\n')).toContain('tick the zones "Europe" (#1), "Europe (non-EU)" (#7), "Îles Canaries" (#9) and give each a price');
  });

  it('webservice: countries the key may not read make it an error naming the fix, never a pass', async () => {
    const body = JSON.stringify({ errors: [{ code: 26, message: 'Resource of type "countries" is not allowed with this authentication key' }] });
    running.prestashop.faults.add({ path: '/api/countries', respond: { kind: 'status', status: 401, body, contentType: 'application/json' } });
    try {
      const r = await runCli(['diagnose', 'Étoile Sportive de Fréjus', '--only', 'relay-carrier-zones', '--config', join(dir, 'webservice.json'), '--format', 'json', '--lang', 'en'], { cwd: dir, secrets });
      const report = JSON.parse(r.stdout) as JsonReport & { setup?: { resources?: string[]; fix: string[] }[] };
      const result = report.clubs[0]!.results[0]!;
      expect(result.status).toBe('error');
      // A missing permission is a set-up problem: said once (report `setup` and stderr) with the
      // resource to tick; the check refers to it.
      expect(result.message).toMatch(/^Not evaluated/);
      expect(report.setup?.[0]?.resources).toContain('countries');
      expect(report.setup?.[0]?.fix.join('\n')).toContain('countries');
      expect(r.stderr).toContain('countries');
    } finally {
      running.prestashop.faults.clear();
    }
  });
});
