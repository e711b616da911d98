// Benchmark: a shop of 100,000 customers and 2,000 categories in a real MariaDB, diagnosed by the
// built CLI through the database source. Prints wall time, upstream request count and peak memory
// of the CLI process for a few typical runs. Run with `npm run bench`.
//
// What it shows: the source reads only what the checks need (the asked customer, the clubs'
// categories), so neither the requests nor the memory grow with the number of customers.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPrestaShopSandbox } from '../src/sandbox/prestashop/server.js';
import { parseShopFixture } from '../src/sandbox/shop-fixture.js';
import { loadStripeFixture } from '../src/sandbox/stripe/fixture.js';
import { startStripeSandbox } from '../src/sandbox/stripe/server.js';
import { loadShop, type ShopFixture } from '../test/support/load-shop.js';
import { startMariaDb } from '../test/support/mariadb.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const CATEGORIES = Number(process.env.BENCH_CATEGORIES ?? 2_000);
const ROOT = process.cwd();

function bigShop(): ShopFixture {
  const shop = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as ShopFixture & Record<string, unknown[]>;
  const customers = shop.customers as Record<string, unknown>[];
  const template = customers[0]!;
  for (let i = 0; i < CUSTOMERS; i++) {
    const club = 4 + (i % 5);
    customers.push({ ...template, id_customer: 10_000 + i, email: `client.${i}@example.fr`, firstname: 'Client', lastname: `N°${i}`, id_default_group: club, groups: [3, club] });
  }
  const categories = shop.categories as Record<string, unknown>[];
  const home = categories.find((c) => c.id_category === 2)!;
  for (let i = 0; i < CATEGORIES; i++) {
    categories.push({ ...home, id_category: 10_000 + i, id_parent: 2, is_root_category: 0, name: { '1': `Rayon ${i}`, '2': `Aisle ${i}` }, link_rewrite: { '1': `rayon-${i}`, '2': `aisle-${i}` }, groups: [1, 2, 3] });
  }
  return shop;
}

interface Run {
  label: string;
  args: string[];
}

function runCli(cwd: string, args: string[]): Promise<{ ms: number; code: number | null; stats: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLAUDE')));
    const child = spawn(process.execPath, [join(ROOT, 'bin/checkout-doctor.js'), '--debug', ...args], { cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stats: /stats: (.*)/.exec(stderr)?.[1] ?? `no stats line; stderr: ${stderr.slice(0, 300)}` }));
  });
}

async function main(): Promise<void> {
  const setupStarted = performance.now();
  const shop = bigShop();
  const [db, stripe, ps] = await Promise.all([
    startMariaDb(),
    loadStripeFixture(join(ROOT, 'fixtures/shops/demo-stripe.json')).then((fixture) => startStripeSandbox({ fixture })),
    startPrestaShopSandbox({ fixture: parseShopFixture(shop) }),
  ]);
  try {
    const root = await db.root();
    await loadShop(root, shop, { database: 'prestashop' });
    await root.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'bench-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
    await root.end();
    const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
    const key = (shop as unknown as { webservice_accounts: Array<{ key: string; description: string }> }).webservice_accounts.find((a) => /checkout-doctor/.test(a.description))!.key;
    // Same shop, two sources: read-only SQL, and the webservice served by the emulator.
    writeFileSync(
      join(dir, 'database.json'),
      JSON.stringify({
        prestashop: { url: `${ps.url}/`, database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'bench-ro-pass', database: 'prestashop' } },
        stripe: { apiBase: stripe.url },
      }),
    );
    writeFileSync(join(dir, 'webservice.json'), JSON.stringify({ prestashop: { url: `${ps.url}/`, webserviceKey: key }, stripe: { apiBase: stripe.url } }));
    console.log(`shop: ${CUSTOMERS} customers, ${CATEGORIES} categories, loaded in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s (MariaDB ${db.port})`);
    const runs: Run[] = [
      { label: 'one club', args: ['diagnose', 'AS Saint-Étienne'] },
      { label: 'one club + customer/code/order', args: ['diagnose', 'AS Saint-Étienne', '--customer', `client.${Math.floor(CUSTOMERS / 2)}@example.fr`, '--code', 'FREJUS10', '--order', 'XKBKNABJK'] },
      { label: 'all clubs', args: ['diagnose', '--all', '--format', 'json'] },
    ];
    console.log('source      run                              wall ms  exit  stats');
    for (const source of ['database', 'webservice']) {
      for (const run of runs) {
        const args = [...run.args, '--config', join(dir, `${source}.json`)];
        await runCli(dir, args); // warm the servers' caches once
        const r = await runCli(dir, args);
        console.log(`${source.padEnd(11)} ${run.label.padEnd(32)} ${r.ms.toFixed(0).padStart(7)}  ${String(r.code).padStart(4)}  ${r.stats}`);
      }
    }
  } finally {
    await Promise.all([db.stop(), stripe.close(), ps.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
