// `init`'s read-only check of the database user, against a real MariaDB: only SELECT passes; any
// right to change something (schema-wide, on one table, through a role) is named.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnlyUser, granteeOf } from '../../src/sources/prestashop/database-grants.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

describe('checkReadOnlyUser against MariaDB', () => {
  let db: MariaDb;
  const as = (user: string, extra: Partial<{ prefix: string; password: string }> = {}) => ({
    host: '127.0.0.1',
    port: db.port,
    user,
    password: `${user}-password-1234`,
    database: 'prestashop',
    prefix: 'ps_',
    ...extra,
  });

  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await root.query(`
      CREATE DATABASE prestashop;
      CREATE TABLE prestashop.ps_group (id_group INT UNSIGNED NOT NULL PRIMARY KEY);
      CREATE TABLE prestashop.ps_orders (id_order INT UNSIGNED NOT NULL PRIMARY KEY);
      CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-password-1234';
      GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';
      CREATE USER 'rw'@'127.0.0.1' IDENTIFIED BY 'rw-password-1234';
      GRANT SELECT, INSERT, UPDATE ON prestashop.* TO 'rw'@'127.0.0.1';
      CREATE USER 'onetable'@'127.0.0.1' IDENTIFIED BY 'onetable-password-1234';
      GRANT SELECT ON prestashop.* TO 'onetable'@'127.0.0.1';
      GRANT DELETE ON prestashop.ps_orders TO 'onetable'@'127.0.0.1';
      CREATE ROLE writer;
      GRANT UPDATE ON prestashop.* TO writer;
      CREATE USER 'viarole'@'127.0.0.1' IDENTIFIED BY 'viarole-password-1234';
      GRANT SELECT ON prestashop.* TO 'viarole'@'127.0.0.1';
      GRANT writer TO 'viarole'@'127.0.0.1';
      SET DEFAULT ROLE writer FOR 'viarole'@'127.0.0.1';
    `);
    await root.end();
  }, 120_000);
  afterAll(async () => {
    await db?.stop();
  });

  it('writes grantees as information_schema does', () => {
    expect(granteeOf('ro@127.0.0.1')).toBe("'ro'@'127.0.0.1'");
  });

  it('a user with SELECT only is read-only', async () => {
    const result = await checkReadOnlyUser(as('ro'));
    expect(result).toMatchObject({ ok: true, writes: [], roles: [] });
  });

  it('INSERT and UPDATE on the database are named', async () => {
    const result = await checkReadOnlyUser(as('rw'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.writes.map((w) => `${w.privilege} ON ${w.on}`).sort()).toEqual(['INSERT ON `prestashop`.*', 'UPDATE ON `prestashop`.*']);
  });

  it('a right on one table is named', async () => {
    const result = await checkReadOnlyUser(as('onetable'));
    expect(result.ok && result.writes.map((w) => `${w.privilege} ON ${w.on}`)).toEqual(['DELETE ON `prestashop`.`ps_orders`']);
  });

  it('a role is named: what it allows cannot be proven read-only', async () => {
    const result = await checkReadOnlyUser(as('viarole'));
    expect(result).toMatchObject({ ok: true, roles: ['writer'] });
  });

  it('a wrong password or table prefix is a cause, not a crash', async () => {
    expect(await checkReadOnlyUser(as('ro', { password: 'nope' }))).toMatchObject({ ok: false, cause: { kind: 'auth' } });
    expect(await checkReadOnlyUser(as('ro', { prefix: 'shop_' }))).toMatchObject({ ok: false, cause: { kind: 'wrong-prefix' } });
  });
});
