// Live diagnosis end to end: the CLI reads the demo shop from a real MariaDB (read-only user) and
// asks the Stripe emulator over 127.0.0.1 through the official SDK; `snapshot` then
// `diagnose --snapshot` gives the same statuses offline. The first run is the built CLI (mysql2 and
// the Stripe SDK as the bundle loads them); the others run the program in this process
// (runInProcess), what they read and say being the point.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeFixture } from '../../src/sandbox/stripe/fixture.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { ROOT, runCli, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

const shop = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as ShopFixture;
const CLUBS = ['Étoile Sportive de Fréjus', 'AS Saint-Étienne', 'Racing Club Sévigné', 'Olympique Noisy-le-Sec', 'Cercle Nautique Hyérois'];
const DB_PASSWORD = 'ro-Pa55word-for-tests';

describe('diagnose against a live shop (MariaDB + Stripe emulator)', () => {
  let db: MariaDb;
  let stripe: StripeSandbox;
  const dir = mkdtempSync(join(tmpdir(), 'cd-live-'));
  const env: Record<string, string> = { PS_DB_PASSWORD: DB_PASSWORD };
  const secrets: string[] = [DB_PASSWORD];

  beforeAll(async () => {
    const stripeFixture = await loadStripeFixture(join(ROOT, 'fixtures/shops/demo-stripe.json'));
    [db, stripe] = await Promise.all([startMariaDb(), startStripeSandbox({ fixture: stripeFixture, now: () => new Date('2026-11-20T09:30:00Z') })]);
    const root = await db.root();
    await loadShop(root, shop, { database: 'prestashop' });
    await root.query(`CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';`);
    await root.end();
    const clubs = CLUBS.map((name, i) => {
      const keys = stripeFixture.clubs.find((c) => c.name === name)!;
      const club: Record<string, unknown> = { name, stripe: {} as Record<string, string> };
      for (const [field, value] of [['publishableKey', keys.publishableKey], ['secretKey', keys.secretKey]] as const) {
        if (!value) continue;
        env[`CLUB${i}_${field.toUpperCase()}`] = value;
        secrets.push(value, value.trim());
        (club.stripe as Record<string, string>)[field] = `env:CLUB${i}_${field.toUpperCase()}`;
      }
      return club;
    });
    const config = {
      prestashop: {
        url: 'http://127.0.0.1:9/',
        database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'env:PS_DB_PASSWORD', database: 'prestashop', prefix: 'ps_' },
      },
      stripe: { apiBase: stripe.url },
      clubs,
    };
    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(config, null, 2));
    writeFileSync(join(dir, 'down.json'), JSON.stringify({ ...config, prestashop: { ...config.prestashop, database: { ...config.prestashop.database, port: 1 } } }));
  });
  afterAll(async () => {
    await Promise.all([db?.stop(), stripe?.close()]);
  });

  const run = (args: string[]) => runInProcess(args, { cwd: dir, env, secrets });
  const statuses = (report: JsonReport) => Object.fromEntries(report.clubs[0]!.results.map((r) => [r.id, r.status]));

  it('finds the missing group access of AS Saint-Étienne through SQL, exit 1', async () => {
    const r = await runCli(['diagnose', 'as saint-etienne', '--format', 'json'], { cwd: dir, env, secrets });
    // Nothing on stderr but the one set-up problem of this test's shop: no front page at 127.0.0.1:9.
    expect(r.stderr.replace(/^Set-up problem: The shop cannot be reached \(127\.0\.0\.1:9\)\.\n( {2}.*\n)*/, '')).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(statuses(report)['category-club-access']).toBe('fail');
    expect(report.clubs[0]!.results.find((x) => x.id === 'category-club-access')!.message).toMatch(/AS Saint-Étienne.*#5/);
  });

  it('answers --customer, --code and --order from the database', async () => {
    const r = await run(['diagnose', 'Fréjus', '--customer', 'paul.martin@example.fr', '--code', 'ETE2025', '--order', 'PAYEEEEEE', '--format', 'json']);
    const s = statuses(JSON.parse(r.stdout) as JsonReport);
    expect(s['customer-club-membership']).toBe('fail');
    expect(s['customer-account-status']).toBe('pass');
    expect(s['promo-code']).toBe('fail');
    expect(s['credit-note-prerequisites']).toBe('fail');
    expect(s['category-club-access']).toBe('pass');
  });

  it('writes a snapshot that re-evaluates to the same statuses offline, without any secret', async () => {
    const file = join(dir, 'racing.json');
    const taken = await run(['snapshot', 'Racing Club Sévigné', '--customer', 'marie.durand@example.fr', '--output', file]);
    expect(taken.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
    const live = await run(['diagnose', 'Racing Club Sévigné', '--customer', 'marie.durand@example.fr', '--format', 'json']);
    const offline = await run(['diagnose', 'Racing Club Sévigné', '--customer', 'marie.durand@example.fr', '--snapshot', file, '--format', 'json']);
    expect(statuses(JSON.parse(offline.stdout) as JsonReport)).toEqual(statuses(JSON.parse(live.stdout) as JsonReport));
    expect(statuses(JSON.parse(live.stdout) as JsonReport)['stripe-keys-format']).toBe('fail');
  });

  it('turns an unreachable database into error results with the cause, exit 1, no stack trace', async () => {
    const r = await run(['diagnose', 'AS Saint-Étienne', '--config', 'down.json', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(r.stdout) as JsonReport;
    const access = report.clubs[0]!.results.find((x) => x.id === 'category-club-access')!;
    expect(access.status).toBe('error');
    // The cause is said once on stderr with its fix; the result refers to it and keeps it as data.
    expect(access.message).toMatch(/^Not evaluated: the database cannot be reached/);
    expect((access as { cause?: { message: string; host?: string } }).cause).toMatchObject({ message: expect.stringMatching(/cannot connect to the database server/), host: '127.0.0.1:1' });
    expect(r.stderr.split('Set-up problem: The database cannot be reached (127.0.0.1:1).')).toHaveLength(2);
    expect(r.stderr).toContain('Check `prestashop.database.host` and port');
    // Keys given in the configuration are still asked to Stripe: its verdict is not hidden by the shop's failure.
    expect(statuses(report)['stripe-keys-live']).toBe('pass');
  });

  it('rejects an unknown club with exit 2 before calling Stripe', async () => {
    stripe.clearLog();
    const r = await run(['diagnose', 'Olympique Lyonnais']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No club named "Olympique Lyonnais"/);
    expect(stripe.requests()).toEqual([]);
  });
});
