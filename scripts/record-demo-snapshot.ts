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
import { loadStripeFixture } from '../src/sandbox/stripe/fixture.js';
import { startStripeSandbox } from '../src/sandbox/stripe/server.js';
import { redactor } from '../src/secrets/redact.js';
import { gatherSnapshot } from '../src/sources/gather.js';
import { loadShop, type ShopFixture } from '../test/support/load-shop.js';
import { startMariaDb } from '../test/support/mariadb.js';

export const DEMO_CLOCK = '2026-11-20T09:30:00.000Z';

/** The questions the demo snapshot can answer (README examples and e2e tests use them). */
export const DEMO_QUESTIONS = {
  customer: ['marie.durand@example.fr', 'paul.martin@example.fr', 'invite@example.fr', 'ancien.membre@example.fr', 'compte.bloque@example.fr'],
  code: ['FREJUS10', 'ETE2025', 'EPUISE'],
  order: ['XKBKNABJK', 'PAYEEEEEE'],
} as const;

interface FixtureClub {
  name: string;
  stripe?: { publishable_key?: string; secret_key?: string };
}

export async function recordDemoSnapshot(root: string): Promise<Snapshot> {
  const shop = JSON.parse(readFileSync(join(root, 'fixtures/shops/demo-shop.json'), 'utf8')) as ShopFixture & { clubs: FixtureClub[] };
  const stripeFixture = await loadStripeFixture(join(root, 'fixtures/shops/demo-stripe.json'));
  const [db, stripe] = await Promise.all([startMariaDb(), startStripeSandbox({ fixture: stripeFixture, now: () => new Date(DEMO_CLOCK) })]);
  try {
    const conn = await db.root();
    await loadShop(conn, shop, { database: 'prestashop' });
    await conn.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'record-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
    await conn.end();
    const config: Config = {
      prestashop: {
        url: shop.shop.url,
        database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'record-ro-pass', database: 'prestashop', prefix: 'ps_' },
      },
      stripe: { apiBase: stripe.url },
      clubs: shop.clubs.map((c) => ({
        name: c.name,
        stripe: { publishableKey: c.stripe?.publishable_key, secretKey: c.stripe?.secret_key },
      })),
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
    return {
      ...snapshot,
      generatedAt: DEMO_CLOCK,
      shop: { name: 'Boutique des Clubs (démo)', url: 'https://boutique-clubs.example', prestashopVersion: (shop.shop as { version?: string }).version },
    };
  } finally {
    await Promise.all([db.stop(), stripe.close()]);
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
