// Records fixtures/demo-shop.snapshot.json from the demo fixture shop, through the real sources:
// the shop loaded into a real MariaDB (database source) and the upstream emulators, one gathering
// per demo question (customer, promo code, order), merged into one snapshot. The clock is fixed so
// that the recording is reproducible; test/e2e/demo-snapshot.test.ts re-records and compares.
//
//   npm run record-demo        (needs mariadb-server, like the tests)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../src/config/schema.js';
import { serializeSnapshot, type Snapshot } from '../src/engine/snapshot.js';
import { resolveFixtureSet, startFixtureSet } from '../src/sandbox/fixture-set.js';
import { redactor } from '../src/secrets/redact.js';
import { gatherSnapshot } from '../src/sources/gather.js';
import { loadShop, type ShopFixture } from '../test/support/load-shop.js';
import { startMariaDb } from '../test/support/mariadb.js';

export const DEMO_CLOCK = '2026-11-20T09:30:00.000Z';

/** The questions the demo snapshot can answer (README examples and e2e tests use them). */
export const DEMO_QUESTIONS = {
  customer: ['marie.durand@example.fr', 'paul.martin@example.fr', 'invite@example.fr', 'ancien.membre@example.fr', 'compte.bloque@example.fr', 'sans.groupe@example.fr'],
  code: ['FREJUS10', 'ETE2025', 'EPUISE'],
  order: ['XKBKNABJK', 'PAYEEEEEE', 'CONTREREM', 'BOUTIQUEB'],
} as const;

export async function recordDemoSnapshot(root: string): Promise<Snapshot> {
  const files = resolveFixtureSet(join(root, 'fixtures/shops/demo-shop.json'));
  const shop = JSON.parse(readFileSync(files.shop, 'utf8')) as ShopFixture & { shop: { version?: string } };
  const [db, sandbox] = await Promise.all([startMariaDb(), startFixtureSet(files, { now: () => new Date(DEMO_CLOCK) })]);
  try {
    const conn = await db.root();
    await loadShop(conn, shop, { database: 'prestashop' });
    await conn.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'record-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
    await conn.end();
    // The emulators' configuration, with the database added: the SQL source sees what the
    // webservice hides (category group access, carrier zones, modules), so the demo shows it.
    // Without the coupon endpoint: each probe creates a coupon with a new unique code, which would
    // make every recording differ. dynamic-coupons is exercised live by the sandbox tests.
    const config: Config = {
      ...sandbox.config,
      dynamicCoupons: undefined,
      prestashop: {
        ...sandbox.config.prestashop!,
        database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'record-ro-pass', database: 'prestashop', prefix: 'ps_' },
      },
    };
    const all = <T>(clubs: readonly T[]) => [...clubs];
    const none = () => [];
    const snapshot = await gatherSnapshot({ config, query: {}, choose: all, fallbackNames: [] });
    for (const [key, values] of Object.entries(DEMO_QUESTIONS) as Array<[keyof typeof DEMO_QUESTIONS, readonly string[]]>) {
      for (const value of values) {
        const answer = await gatherSnapshot({ config, query: { [key]: value }, choose: none, fallbackNames: [] });
        snapshot.lookups[key] = { ...snapshot.lookups[key], ...answer.lookups[key] };
      }
    }
    // The emulators listen on random ports: the recording names the shop by a stable URL instead.
    const stable = JSON.parse(JSON.stringify(snapshot).replaceAll(sandbox.prestashop.url, 'https://boutique-clubs.example')) as Snapshot;
    return {
      ...stable,
      generatedAt: DEMO_CLOCK,
      shop: { name: 'Boutique des Clubs (démo)', url: 'https://boutique-clubs.example/', prestashopVersion: shop.shop.version },
    };
  } finally {
    await Promise.all([db.stop(), sandbox.close()]);
  }
}

// Run as a script: write the fixture.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const root = process.cwd();
  const out = process.argv[2] ?? join(root, 'fixtures/demo-shop.snapshot.json');
  recordDemoSnapshot(root)
    .then((snapshot) => {
      writeFileSync(out, serializeSnapshot(snapshot, (t) => redactor.redact(t)));
      console.log(`${out}: ${snapshot.clubs.length} clubs, recorded at ${snapshot.generatedAt}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
