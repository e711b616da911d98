// Class: "a statement the read-only database source sends could write". The guard must prove every
// statement is one plain SELECT (refusing, never stripping, MariaDB's executable comments), and the
// READ ONLY session must refuse a write on its own, against a real MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError, NotAReadError, PrestaShopDatabase, assertRead } from '../../src/sources/prestashop/database.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { expectNoSecret } from './secret-forms.js';

const HOSTILE: Array<[string, string]> = [
  ['executable comment', 'SELECT 1 /*! ; DELETE FROM ps_orders */'],
  ['MariaDB executable comment', 'SELECT 1 /*M! , SLEEP(10) */'],
  ['versioned executable comment', 'SELECT 1 /*!50000 INTO OUTFILE "/tmp/x" */'],
  ['optimizer hint', 'SELECT /*+ MAX_EXECUTION_TIME(1) */ 1'],
  ['plain block comment hiding a statement start', '/* SELECT */ DELETE FROM ps_customer'],
  ['unterminated comment', 'SELECT 1 /* ; DROP TABLE ps_orders'],
  ['second statement', 'SELECT 1; DROP TABLE ps_orders'],
  ['trailing semicolon', 'SELECT 1;'],
  ['semicolon after a string', "SELECT 'a'; DELETE FROM ps_orders"],
  ['string closed by an escaped quote trick', "SELECT 'a\\'; DELETE FROM ps_orders"],
  ['double-quoted text (an identifier under ANSI_QUOTES)', 'SELECT "a" FROM ps_customer'],
  ['line comment ended by a carriage return', 'SELECT 1 -- x\r; DELETE FROM ps_orders'],
  ['INTO OUTFILE', "SELECT * FROM ps_customer INTO OUTFILE '/tmp/x'"],
  ['INTO DUMPFILE', "SELECT email FROM ps_customer INTO DUMPFILE '/tmp/x'"],
  ['INTO a variable', 'SELECT email INTO @mail FROM ps_customer'],
  ['user-variable assignment', 'SELECT @n := COUNT(*) FROM ps_customer'],
  ['FOR UPDATE', 'SELECT * FROM ps_customer FOR UPDATE'],
  ['FOR SHARE', 'SELECT * FROM ps_customer FOR SHARE'],
  ['LOCK IN SHARE MODE', 'SELECT * FROM ps_customer LOCK IN SHARE MODE'],
  ['LOAD_FILE', "SELECT LOAD_FILE('/etc/passwd')"],
  ['SLEEP', 'SELECT SLEEP(100)'],
  ['BENCHMARK', "SELECT BENCHMARK(100000000, MD5('x'))"],
  ['GET_LOCK', "SELECT GET_LOCK('x', 10)"],
  ['sequence advance', 'SELECT NEXTVAL(s)'],
  ['sequence advance, standard form', 'SELECT NEXT VALUE FOR s'],
  ['PROCEDURE ANALYSE', 'SELECT * FROM ps_customer PROCEDURE ANALYSE()'],
  ['WITH … UPDATE', 'WITH x AS (SELECT 1) UPDATE ps_customer SET active = 0'],
  ['WITH … SELECT (not used by the sources)', 'WITH g AS (SELECT 1) SELECT * FROM g'],
  ['SHOW', 'SHOW GRANTS'],
  ['HANDLER', 'HANDLER ps_customer OPEN'],
  ['CALL', 'CALL wipe()'],
  ['SET', 'SET GLOBAL read_only = 0'],
  ['ODBC escape', 'SELECT {fn NOW()}'],
  ['NUL byte', 'SELECT 1\u0000; DELETE FROM ps_orders'],
  ['unterminated string', "SELECT 'abc"],
  ['unterminated identifier', 'SELECT `abc'],
  ['empty statement', ''],
];

const READS = [
  'SELECT 1',
  'select * from `ps_customer` where email = ?',
  "SELECT * FROM ps_customer WHERE email = 'o\\'brien@example.fr'",
  "SELECT 'a; /*! DELETE */ -- # \" ` INTO OUTFILE' AS s",
  'SELECT name FROM ps_configuration -- trailing comment',
  'SELECT name FROM ps_configuration # trailing comment',
  'SELECT @@SESSION.tx_read_only AS ro',
  'SELECT 2--1',
];

describe('the read guard proves a statement is one plain SELECT', () => {
  it.each(HOSTILE)('refuses %s', (_name, sql) => expect(() => assertRead(sql)).toThrow(NotAReadError));
  it.each(READS)('lets a plain read through: %s', (sql) => expect(() => assertRead(sql)).not.toThrow());
});

describe('against a real MariaDB', () => {
  let db: MariaDb;
  const RW_PASSWORD = 'rw-hardening-secret-9876';
  const rw = () => ({ host: '127.0.0.1', port: db.port, user: 'rw', password: RW_PASSWORD, database: 'prestashop', prefix: 'ps_' });
  const count = async () => {
    const root = await db.root();
    const [rows] = await root.query('SELECT COUNT(*) AS n FROM prestashop.ps_customer');
    await root.end();
    return (rows as Array<{ n: number }>)[0]!.n;
  };

  beforeAll(async () => {
    db = await startMariaDb();
    const root = await db.root();
    await root.query(`
      CREATE DATABASE prestashop;
      CREATE TABLE prestashop.ps_customer (id_customer INT PRIMARY KEY, email VARCHAR(255) NOT NULL);
      INSERT INTO prestashop.ps_customer VALUES (1, 'o''brien@example.fr'), (2, 'paul@example.fr');
      CREATE USER 'rw'@'127.0.0.1' IDENTIFIED BY '${RW_PASSWORD}';
      GRANT ALL ON prestashop.* TO 'rw'@'127.0.0.1';
    `);
    await root.end();
  }, 120_000);
  afterAll(async () => {
    await db?.stop();
  });

  it('executes the body of /*! … */ comments, which is why the guard refuses them rather than stripping them', async () => {
    const root = await db.root();
    const [rows] = await root.query('SELECT 1 /*! + 41 */ AS n');
    await root.end();
    expect((rows as Array<{ n: number }>)[0]!.n).toBe(42);
    expect(() => assertRead('SELECT 1 /*! + 41 */ AS n')).toThrow(NotAReadError);
  });

  it('refuses hostile statements before sending them, even for a user allowed to write', async () => {
    const client = new PrestaShopDatabase(rw());
    const messages: string[] = [];
    for (const [, sql] of HOSTILE) {
      const error = await client.query(sql).catch((e: unknown) => e);
      expect(error, sql).toBeInstanceOf(NotAReadError);
      messages.push((error as Error).message);
    }
    expect(client.log).toEqual([]);
    expect(await count()).toBe(2);
    await client.close();
    expectNoSecret({ messages: messages.join('\n') }, [RW_PASSWORD]);
  });

  it('checks the statement with its values filled in: a hostile value stays a string', async () => {
    const client = new PrestaShopDatabase(rw());
    const found = await client.query<{ id_customer: number }>('SELECT id_customer FROM `ps_customer` WHERE email = ?', ["o'brien@example.fr"]);
    expect(found).toEqual([{ id_customer: 1 }]);
    const none = await client.query('SELECT id_customer FROM `ps_customer` WHERE email = ?', ["x'; DELETE FROM ps_customer; /*! DELETE FROM ps_customer */ -- "]);
    expect(none).toEqual([]);
    expect(await count()).toBe(2);
    await client.close();
  });

  it('the READ ONLY session refuses writes on its own, with the guard bypassed', async () => {
    const client = new PrestaShopDatabase(rw(), { guard: () => {} });
    const writes = [
      'DELETE FROM `ps_customer`',
      "UPDATE `ps_customer` SET email = 'x'",
      "INSERT INTO `ps_customer` VALUES (3, 'x')",
      "REPLACE INTO `ps_customer` VALUES (1, 'x')",
      'SELECT 1 /*! ; DELETE FROM `ps_customer` */',
      'CREATE TABLE `ps_x` (a INT)',
      'DROP TABLE `ps_customer`',
    ];
    const messages: string[] = [];
    for (const sql of writes) {
      const error = await client.query(sql).catch((e: unknown) => e);
      expect(error, sql).toBeInstanceOf(DatabaseError);
      messages.push((error as Error).message);
    }
    expect(await count()).toBe(2);
    const [ro] = await client.query<{ ro: number }>('SELECT @@SESSION.tx_read_only AS ro');
    expect(Number(ro!.ro)).toBe(1);
    await client.close();
    expectNoSecret({ messages: messages.join('\n') }, [RW_PASSWORD]);
  });

  it('reads literals as the guard does even when the server defaults to NO_BACKSLASH_ESCAPES and ANSI_QUOTES', async () => {
    const root = await db.root();
    await root.query("SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES,ANSI_QUOTES,STRICT_TRANS_TABLES'");
    await root.end();
    try {
      const client = new PrestaShopDatabase(rw());
      // mysql2 escapes the quote as \' : read with the server's default, the value is one string.
      const found = await client.query<{ id_customer: number }>('SELECT id_customer FROM `ps_customer` WHERE email = ?', ["o'brien@example.fr"]);
      expect(found).toEqual([{ id_customer: 1 }]);
      const [mode] = await client.query<{ mode: string }>('SELECT @@SESSION.sql_mode AS mode');
      expect(mode!.mode).not.toMatch(/NO_BACKSLASH_ESCAPES|ANSI_QUOTES/);
      expect(mode!.mode).toMatch(/STRICT_TRANS_TABLES/);
      await client.close();
    } finally {
      const reset = await db.root();
      await reset.query("SET GLOBAL sql_mode = DEFAULT");
      await reset.end();
    }
  });
});
