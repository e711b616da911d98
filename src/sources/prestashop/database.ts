// Read-only access to a PrestaShop database (MySQL/MariaDB) through mysql2.
// Two locks keep it read-only whatever the credentials allow: every statement must be provably one
// plain SELECT (sql-guard.ts, checked on the exact text sent), and every connection is put in READ
// ONLY transaction mode before its first statement. The same session set-up asks the server to end
// any statement that outlives prestashop.timeoutMs: the client giving up alone would leave a slow
// read running on the shop's database after the doctor has moved on.

import { createRequire } from 'node:module';
import type mysql from 'mysql2/promise';
import { t, type Cause } from '../../engine/types.js';
import { requestLog } from '../request-log.js';
import { assertRead } from './sql-guard.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  checkHost: t('Vérifiez prestashop.database.host et port, et que le serveur accepte les connexions.', 'Check prestashop.database.host and port, and that the server accepts connections.'),
  overloaded: t(
    'Le serveur de base de données est surchargé ou une table est verrouillée : relancez plus tard, ou augmentez prestashop.timeoutMs.',
    'The database server is overloaded or a table is locked: run again later, or raise prestashop.timeoutMs.',
  ),
  checkCredentials: t('Vérifiez prestashop.database.user et password (variable d’environnement).', 'Check prestashop.database.user and password (environment variable).'),
  grantSelect: t('Donnez à cet utilisateur le droit SELECT sur la base PrestaShop.', 'Grant that user SELECT on the PrestaShop database.'),
  checkDatabaseName: t('Vérifiez prestashop.database.database.', 'Check prestashop.database.database.'),
  checkPrefix: t(
    'Vérifiez prestashop.database.prefix : c’est database_prefix dans app/config/parameters.php.',
    'Check prestashop.database.prefix: it is database_prefix in app/config/parameters.php.',
  ),
};

// mysql2 is loaded by the first query, not by whoever imports this file: runs that read the shop
// through the webservice (or a snapshot) never pay for it. It is a CommonJS package, so a plain
// synchronous require does, from source and from the bundled build alike.
const requireHere = createRequire(import.meta.url);
let mysqlModule: typeof mysql | undefined;
const mysql2 = (): typeof mysql => (mysqlModule ??= requireHere('mysql2/promise') as typeof mysql);

export interface DatabaseSettings {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  /** Table prefix, `database_prefix` in app/config/parameters.php; `ps_` by default. */
  prefix: string;
}

export class DatabaseError extends Error {
  constructor(override readonly cause: Cause) {
    super(cause.message);
    this.name = 'DatabaseError';
  }
}

// The statement guard lives in its own module; re-exported for the callers that know it from here.
export { NotAReadError, assertRead } from './sql-guard.js';

const TABLE_NAME = /^[a-z_]+$/;

/** The server ended a statement at its time limit: MariaDB 1969 (max_statement_time), MySQL 3024 (max_execution_time). */
const SERVER_TIMEOUTS = new Set([1969, 3024]);
/** "Unknown system variable": the server has no such limit (MySQL for MariaDB's, and back). */
const UNKNOWN_VARIABLE = 1193;

function causeFor(error: NodeJS.ErrnoException & { sqlMessage?: string; errno?: number }, settings: DatabaseSettings, timeoutMs?: number): Cause {
  const host = `${settings.host}:${settings.port}`;
  const base = { source: 'database' as const, host, code: error.code };
  switch (SERVER_TIMEOUTS.has(error.errno ?? 0) ? 'ER_STATEMENT_TIMEOUT' : error.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
      return {
        ...base,
        kind: 'unreachable',
        message: `cannot connect to the database server (${error.code})`,
        fix: [MESSAGES.checkHost],
      };
    case 'ETIMEDOUT':
      return { ...base, kind: 'timeout', message: 'the database server did not answer in time' };
    // mysql2's per-query `timeout`, or the server's own limit set in lockSession (MariaDB's
    // max_statement_time, MySQL's max_execution_time): the statement ran longer than prestashop.timeoutMs.
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
    case 'ER_STATEMENT_TIMEOUT':
    case 'ER_QUERY_TIMEOUT':
      return {
        ...base,
        kind: 'timeout',
        message: `a query took longer than ${timeoutMs ?? '?'} ms and was abandoned`,
        fix: [
          MESSAGES.overloaded,
        ],
      };
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
      return {
        ...base,
        kind: 'auth',
        message: `access denied: ${error.sqlMessage ?? error.message}`,
        fix: [
          MESSAGES.checkCredentials,
          MESSAGES.grantSelect,
        ],
      };
    case 'ER_BAD_DB_ERROR':
      return { ...base, kind: 'unknown-database', message: `database "${settings.database}" does not exist`, fix: [MESSAGES.checkDatabaseName] };
    case 'ER_NO_SUCH_TABLE':
      return {
        ...base,
        kind: 'wrong-prefix',
        message: `${error.sqlMessage ?? 'table missing'} (table prefix "${settings.prefix}")`,
        fix: [
          MESSAGES.checkPrefix,
        ],
      };
    default:
      return { ...base, kind: 'query-failed', message: error.sqlMessage ?? error.message };
  }
}

export class PrestaShopDatabase {
  private pool: mysql.Pool | undefined;
  /** Statements sent, for tests and for the request log. */
  readonly log: string[] = [];
  /** Connections whose session is already read-only. */
  private readonly locked = new WeakSet<object>();

  constructor(
    private readonly settings: DatabaseSettings,
    /** `queryTimeoutMs` bounds each statement (mysql2 `timeout`), not only the connection. */
    private readonly options: { connectTimeoutMs?: number; queryTimeoutMs?: number; connectionLimit?: number; guard?: (statement: string) => void } = {},
  ) {
    // `guard` exists so that a test can prove the second lock holds on its own.
    this.guard = options.guard ?? assertRead;
  }

  private readonly guard: (statement: string) => void;

  /** `ps_customer` for `customer`, quoted. Only known-shape names: the prefix is validated by config. */
  table(name: string): string {
    if (!TABLE_NAME.test(name)) throw new Error(`bad table name ${name}`);
    return `\`${this.settings.prefix}${name}\``;
  }

  private getPool(): mysql.Pool {
    if (!this.pool) {
      this.pool = mysql2().createPool({
        host: this.settings.host,
        port: this.settings.port,
        user: this.settings.user,
        password: this.settings.password,
        database: this.settings.database,
        connectTimeout: this.options.connectTimeoutMs ?? 10_000,
        connectionLimit: this.options.connectionLimit ?? 4,
        multipleStatements: false,
        charset: 'utf8mb4',
        // DECIMAL and BIGINT as strings: callers coerce, nothing is rounded silently.
        decimalNumbers: false,
        supportBigNumbers: true,
        dateStrings: true,
      });
    }
    return this.pool;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    // Placeholders are filled in here, so the guard reads exactly the text the server will parse.
    const statement = mysql2().format(sql, params as Parameters<typeof mysql.format>[1]);
    this.guard(statement);
    this.log.push(sql);
    // Parameters belong to a statement's identity (duplicate detection); they hold ids and e-mails, never secrets.
    requestLog.record({ source: 'database', method: 'SQL', target: `${sql.replace(/\s+/g, ' ').trim()} [${params.map((p) => JSON.stringify(p)).join(', ')}]` });
    try {
      const conn = await this.getPool().getConnection();
      try {
        await this.lockSession(conn);
        const [rows] = await conn.query({ sql: statement, timeout: this.queryTimeoutMs() });
        return rows as T[];
      } finally {
        conn.release();
      }
    } catch (error) {
      throw new DatabaseError(causeFor(error as NodeJS.ErrnoException, this.settings, this.queryTimeoutMs()));
    }
  }

  /** prestashop.timeoutMs: what each statement may last, for the client and the server alike. */
  private queryTimeoutMs(): number {
    return this.options.queryTimeoutMs ?? 15_000;
  }

  /**
   * Second lock, awaited before a connection's first statement (a failure stops the query): READ
   * ONLY transactions, so that even a statement that slipped past the guard cannot write; and the
   * default string escaping and quoting, so that the server reads literals as the guard did. With
   * them, the server's own time limit per statement (prestashop.timeoutMs).
   */
  private async lockSession(conn: mysql.PoolConnection): Promise<void> {
    const raw = conn.connection as unknown as object;
    if (this.locked.has(raw)) return;
    await conn.query('SET SESSION TRANSACTION READ ONLY');
    const sqlMode =
      "SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','), ',ANSI_QUOTES,', ','))";
    // The time limit rides on the same SET (no extra round trip). A SET that names a variable the
    // server lacks changes nothing and fails as a whole: then the other server's name, then none
    // (a server older than both: the client's timeout still ends the wait).
    const ms = this.queryTimeoutMs();
    for (const limit of [`SESSION max_statement_time = ${ms / 1000}`, `SESSION max_execution_time = ${ms}`, undefined]) {
      try {
        await conn.query(`SET ${limit ? `${sqlMode}, ${limit}` : sqlMode}`);
        break;
      } catch (error) {
        if ((error as { errno?: number }).errno !== UNKNOWN_VARIABLE || !limit) throw error;
      }
    }
    this.locked.add(raw);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    // Best effort: a connection the server (or a query timeout) already closed must not turn the
    // end of a gathering into a failure.
    await pool?.end().catch(() => undefined);
  }
}
