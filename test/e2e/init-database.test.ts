// `checkout-doctor init`'s database step on a real pseudo-terminal (tmux), against a real MariaDB
// holding the demo shop and the sandbox's webservice: a user that may write is refused, its rights
// named, with the statements that create a read-only one; the read-only user is accepted; the file
// gets the database section with an env: password, and a diagnosis reads the shop through it.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, fixtureSecrets, ROOT, runCli, type JsonReport } from './run-cli.js';

const shop = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as ShopFixture;
const RO_PASSWORD = 'ro-Pa55word-for-init-tests';
const RW_PASSWORD = 'rw-Pa55word-for-init-tests';
const FREJUS = 'Étoile Sportive de Fréjus';

describe('init: the read-only database step', () => {
  let db: MariaDb;
  let running: RunningSandbox;
  let term: Terminal | undefined;

  beforeAll(async () => {
    requireTmux();
    [db, running] = await Promise.all([startMariaDb(), startFixtureSet(resolveFixtureSet('demo'))]);
    const root = await db.root();
    await loadShop(root, shop, { database: 'prestashop' });
    await root.query(`
      CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY '${RO_PASSWORD}'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';
      CREATE USER 'rw'@'127.0.0.1' IDENTIFIED BY '${RW_PASSWORD}'; GRANT SELECT, INSERT, DELETE ON prestashop.* TO 'rw'@'127.0.0.1';
    `);
    await root.end();
  }, 180_000);
  afterAll(async () => {
    term?.close();
    await Promise.all([db?.stop(), running?.close()]);
  });

  it('refuses a user that may write, naming its rights; accepts the read-only one; diagnose reads the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-init-db-'));
    writeFileSync(join(dir, 'package.json'), '{}');
    const key = running.config.prestashop!.webserviceKey!;
    const secrets = [...fixtureSecrets(), key, RO_PASSWORD, RW_PASSWORD];
    term = new Terminal(`cd '${dir}' && '${process.execPath}' '${BIN}' init --lang en`);

    await term.waitFor('Shop address');
    term.answer(running.config.prestashop!.url);
    await term.waitFor('The shop’s webservice key');
    term.answer(key);
    await term.waitFor('key accepted.');
    await term.waitFor('Do you have read-only access');
    term.press('Up', 'Enter'); // Yes

    const connect = async (user: string, password: string) => {
      await term!.waitFor('Database server');
      term!.press('Enter'); // 127.0.0.1
      await term!.waitFor(/[?✔] Port\b/);
      term!.answer(String(db.port));
      await term!.waitFor('User (read-only)');
      term!.answer(user);
      await term!.waitFor('Password (input is hidden)');
      term!.answer(password);
      await term!.waitFor('Name of the PrestaShop database');
      term!.press('Enter'); // prestashop
      await term!.waitFor('Table prefix');
      term!.press('Enter'); // ps_
    };
    await connect('rw', RW_PASSWORD);
    const refused = await term.waitFor(/User rw@127\.0\.0\.1 is not read-only: it holds 2 rights to change data:([\s\S]*?)What now\?/);
    expect(refused[1]).toContain('- INSERT ON `prestashop`.*');
    expect(refused[1]).toContain('- DELETE ON `prestashop`.*');
    expect(refused[1]).toContain("GRANT SELECT ON `prestashop`.* TO 'checkout_doctor'@'%';");
    term.press('Enter'); // type other connection details
    await connect('ro', RO_PASSWORD);
    await term.waitFor('Database reached; user ro@127.0.0.1 can only read.');

    await term.waitFor('Does the shop ship with Sendcloud');
    term.press('Enter'); // No
    await term.waitFor('SPREAD’s dynamic coupons');
    term.press('Enter'); // No
    await term.waitFor('Which ones to diagnose?');
    term.press('Enter');
    await term.waitFor('Stripe API address');
    term.answer(running.config.stripe!.apiBase!);
    for (let i = 0; i < 5; i++) {
      await term.waitFor('Stripe publishable key of');
      term.press('Enter');
    }
    await term.waitFor('Where to keep the keys and passwords?');
    term.press('Enter');
    await term.waitFor('Show the key values in the lines to copy?');
    term.press('Enter');
    await term.waitFor('EXIT=0');
    const screen = term.history();
    expect(screen).toContain("export PS_DB_PASSWORD='<database password>'");
    for (const secret of secrets) expect(screen).not.toContain(secret.trim());

    const file = join(dir, '.checkout-doctorrc.json');
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret.trim());
    expect(JSON.parse(text).prestashop.database).toEqual({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'env:PS_DB_PASSWORD', database: 'prestashop', prefix: 'ps_' });

    // With the database, the category's group access is read, not left to a person.
    const result = await runCli(['diagnose', FREJUS, '--format', 'json', '--only', 'category-club-access'], { cwd: dir, env: { PS_DB_PASSWORD: RO_PASSWORD, PS_WEBSERVICE_KEY: key }, secrets });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.clubs[0]!.results.map((r) => [r.id, r.status])).toEqual([['category-club-access', 'pass']]);
    expect(result.code).toBe(0);
  }, 300_000);
});
