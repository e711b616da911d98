// The database source's guard rails, against a real MariaDB on 127.0.0.1.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError, NotAReadError, PrestaShopDatabase, assertRead } from '../../src/sources/prestashop/database.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

describe('assertRead', () => {
  const reads = [
    'SELECT 1',
    'select * from `ps_customer` where email = ?',
    '  SELECT name FROM ps_configuration -- trailing comment',
    "SELECT 'DELETE FROM x; DROP TABLE y' AS s",
  ];
  const writes = [
    'DELETE FROM ps_customer',
    'UPDATE ps_configuration SET value = 1',
    'INSERT INTO ps_group VALUES (1)',
    'DROP TABLE ps_orders',
    'SELECT 1; DROP TABLE ps_orders',
    'SELECT * FROM ps_customer FOR UPDATE',
    'SELECT * FROM ps_customer LOCK IN SHARE MODE',
    "SELECT * INTO OUTFILE '/tmp/x' FROM ps_customer",
    '/* SELECT */ DELETE FROM ps_customer',
    'SET GLOBAL read_only = 0',
    'CALL wipe()',
    // Reads the sources never send: outside the allow-list (see sql-guard.ts).
    'WITH g AS (SELECT id_group FROM ps_group) SELECT * FROM g',
    'SHOW TABLES',
    'SELECT 1;',
  ];
  it.each(reads)('lets a read through: %s', (sql) => expect(() => assertRead(sql)).not.toThrow());
  it.each(writes)('refuses: %s', (sql) => expect(() => assertRead(sql)).toThrow(NotAReadError));
});

describe('PrestaShopDatabase against MariaDB', () => {
  let db: MariaDb;
  const settings = () => ({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'ro-password-1234', database: 'prestashop', prefix: 'ps_' });

  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await root.query(`
      CREATE DATABASE prestashop;
      CREATE TABLE prestashop.ps_configuration (id_configuration INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id_shop_group INT UNSIGNED NULL, id_shop INT UNSIGNED NULL, name VARCHAR(254) NOT NULL, value TEXT,
        date_add DATETIME NOT NULL, date_upd DATETIME NOT NULL);
      INSERT INTO prestashop.ps_configuration (name, value, date_add, date_upd) VALUES ('PS_ORDER_RETURN', '1', NOW(), NOW());
      CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'ro-password-1234';
      GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';
      CREATE USER 'rw'@'127.0.0.1' IDENTIFIED BY 'rw-password-1234';
      GRANT ALL ON prestashop.* TO 'rw'@'127.0.0.1';
    `);
    await root.end();
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('reads rows with placeholders', async () => {
    const client = new PrestaShopDatabase(settings());
    const rows = await client.query<{ value: string }>(`SELECT value FROM ${client.table('configuration')} WHERE name = ?`, ['PS_ORDER_RETURN']);
    expect(rows).toEqual([{ value: '1' }]);
    await client.close();
  });

  it('refuses a write before sending it, even with a user allowed to write', async () => {
    const client = new PrestaShopDatabase({ ...settings(), user: 'rw', password: 'rw-password-1234' });
    await expect(client.query(`DELETE FROM ${client.table('configuration')}`)).rejects.toThrow(NotAReadError);
    expect(client.log).toEqual([]);
    const rows = await client.query(`SELECT COUNT(*) AS n FROM ${client.table('configuration')}`);
    expect(rows).toEqual([{ n: 1 }]);
    await client.close();
  });

  it('puts its sessions in read-only transaction mode', async () => {
    const client = new PrestaShopDatabase({ ...settings(), user: 'rw', password: 'rw-password-1234' });
    // MariaDB before 11.1 only knows the old name of the variable.
    const rows = await client.query<{ ro: number }>('SELECT @@SESSION.tx_read_only AS ro');
    expect(rows[0]!.ro).toBe(1);
    await client.close();
  });

  const failures: Array<[string, (s: ReturnType<typeof settings>) => ReturnType<typeof settings>, string, RegExp]> = [
    ['wrong password', (s) => ({ ...s, password: 'nope-nope-nope' }), 'auth', /access denied/i],
    ['unknown database', (s) => ({ ...s, database: 'nope' }), 'auth', /access denied|does not exist/i],
    ['wrong table prefix', (s) => ({ ...s, prefix: 'shop_' }), 'wrong-prefix', /shop_configuration/],
    ['nothing listening', (s) => ({ ...s, port: 1 }), 'unreachable', /cannot connect/],
  ];
  it.each(failures)('turns %s into a typed cause', async (_name, change, kind, message) => {
    const client = new PrestaShopDatabase(change(settings()), { connectTimeoutMs: 3000 });
    const error = await client.query(`SELECT value FROM ${client.table('configuration')}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    const cause = (error as DatabaseError).cause;
    expect(cause.source).toBe('database');
    expect(cause.kind).toBe(kind);
    expect(cause.message).toMatch(message);
    expect(cause.host).toBe(`127.0.0.1:${change(settings()).port}`);
    expect(JSON.stringify(cause)).not.toContain('nope-nope-nope');
    await client.close();
  });
});
