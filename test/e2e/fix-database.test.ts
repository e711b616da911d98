// The category group-access fix, which the webservice cannot make, end to end against a real
// MariaDB: the diagnosis reads with its read-only user, the fix writes with the separate read-write
// user (prestashop.fixDatabase) inside a transaction, and undo puts category_group back row for row.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { ROOT, runCli, type JsonReport } from './run-cli.js';

const shop = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as ShopFixture;
const RO_PASSWORD = 'ro-Pa55word-for-fix-tests';
const RW_PASSWORD = 'rw-Pa55word-for-fix-tests';
const CLUB = 'AS Saint-Étienne'; // category 11 lacks the club's group 5

describe('diagnose --fix on category group access (MariaDB)', { timeout: 180_000 }, () => {
  let db: MariaDb;
  const dir = mkdtempSync(join(tmpdir(), 'cd-fix-db-'));
  const env = { PS_DB_RO: RO_PASSWORD, PS_DB_RW: RW_PASSWORD };
  const secrets = [RO_PASSWORD, RW_PASSWORD];

  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await loadShop(root, shop, { database: 'prestashop' });
    await root.query(
      `CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY '${RO_PASSWORD}'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';
       CREATE USER 'fix'@'127.0.0.1' IDENTIFIED BY '${RW_PASSWORD}'; GRANT SELECT, INSERT, DELETE ON prestashop.ps_category_group TO 'fix'@'127.0.0.1';`,
    );
    await root.end();
    const database = { host: '127.0.0.1', port: db.port, user: 'ro', password: 'env:PS_DB_RO', database: 'prestashop', prefix: 'ps_' };
    writeFileSync(
      join(dir, '.checkout-doctorrc.json'),
      JSON.stringify({ prestashop: { url: 'http://127.0.0.1:9/', database, fixDatabase: { user: 'fix', password: 'env:PS_DB_RW' } }, clubs: [{ name: CLUB, group: 5, category: 11 }] }),
    );
  });
  afterAll(async () => {
    await db?.stop();
  });

  const run = (args: string[]) => runCli(args, { cwd: dir, env, secrets });
  async function rows(): Promise<unknown[]> {
    const root = await db.root();
    try {
      const [r] = await root.query('SELECT * FROM prestashop.ps_category_group ORDER BY id_category, id_group');
      return r as unknown[];
    } finally {
      await root.end();
    }
  }

  it('adds the club group with the read-write user, the check passes, and undo restores every row', async () => {
    const before = await rows();
    const fixed = await run(['diagnose', CLUB, '--only', 'category-club-access', '--fix', '--yes', '--format', 'json']);
    const report = JSON.parse(fixed.stdout) as JsonReport;
    expect(report.fixes).toEqual([expect.objectContaining({ outcome: 'applied', statusBefore: 'fail', statusAfter: 'pass' })]);
    expect(report.fixes![0]!.changes[0]).toMatchObject({ from: '1, 2, 3', to: '1, 2, 3, 5' });
    expect(fixed.code).toBe(0);
    expect(await rows()).toEqual([...before, { id_category: 11, id_group: 5 }].sort((a, b) => {
      const x = a as { id_category: number; id_group: number };
      const y = b as { id_category: number; id_group: number };
      return x.id_category - y.id_category || x.id_group - y.id_group;
    }));

    const undone = await run(['undo', report.fixBackup!]);
    expect(undone.code).toBe(0);
    expect(await rows()).toEqual(before);
    const again = await run(['diagnose', CLUB, '--only', 'category-club-access', '--format', 'json']);
    expect((JSON.parse(again.stdout) as JsonReport).clubs[0]!.results[0]!.status).toBe('fail');
  });

  it('without a read-write user the fix is not applied, and says how to do it', async () => {
    writeFileSync(join(dir, 'ro-only.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, '.checkout-doctorrc.json'), 'utf8')), prestashop: { url: 'http://127.0.0.1:9/', database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'env:PS_DB_RO', database: 'prestashop', prefix: 'ps_' } } }));
    const before = await rows();
    const result = await run(['diagnose', CLUB, '--config', 'ro-only.json', '--only', 'category-club-access', '--fix', '--yes', '--format', 'json']);
    const fix = (JSON.parse(result.stdout) as JsonReport).fixes![0]!;
    expect(fix.outcome).toBe('skipped');
    expect(fix.reason).toContain('prestashop.fixDatabase');
    expect(await rows()).toEqual(before);
  });
});
