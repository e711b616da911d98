// Read-only access to a PrestaShop database (MySQL/MariaDB) through mysql2.
// Two locks keep it read-only whatever the credentials allow: every statement must be a single read
// (checked before sending), and the session is put in READ ONLY transaction mode on connect.

import mysql from 'mysql2/promise';
import { t, type Cause } from '../../engine/types.js';
import { requestLog } from '../request-log.js';

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

export class NotAReadError extends Error {
  constructor(statement: string) {
    super(`Refused to run a statement that is not a read: ${statement.slice(0, 60)}`);
    this.name = 'NotAReadError';
  }
}

const READ_START = /^(select|with|show|describe|desc|explain)\b/i;
// Clauses that make a SELECT write or lock.
const WRITE_CLAUSES = /\b(into\s+(out|dump)file|into\s+@|for\s+update|lock\s+in\s+share\s+mode|for\s+share)\b/i;

/** Strips comments and quoted text so that keywords inside strings do not fool the checks. */
function skeleton(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(--\s|#)[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, '?')
    .trim();
}

/** Throws NotAReadError unless `sql` is exactly one read statement. */
export function assertRead(sql: string): void {
  const bare = skeleton(sql).replace(/;\s*$/, '');
  if (!READ_START.test(bare) || bare.includes(';') || WRITE_CLAUSES.test(bare)) throw new NotAReadError(sql.trim());
  // A WITH must end in a SELECT, not an UPDATE/DELETE (MariaDB allows neither, MySQL 8 does).
  if (/^with\b/i.test(bare) && /\b(update|delete|insert|replace)\b/i.test(bare)) throw new NotAReadError(sql.trim());
}

const TABLE_NAME = /^[a-z_]+$/;

function causeFor(error: NodeJS.ErrnoException & { sqlMessage?: string; errno?: number }, settings: DatabaseSettings, timeoutMs?: number): Cause {
  const host = `${settings.host}:${settings.port}`;
  const base = { source: 'database' as const, host, code: error.code };
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
      return {
        ...base,
        kind: 'unreachable',
        message: `cannot connect to the database server (${error.code})`,
        fix: [t('Vérifiez prestashop.database.host et port, et que le serveur accepte les connexions.', 'Check prestashop.database.host and port, and that the server accepts connections.')],
      };
    case 'ETIMEDOUT':
      return { ...base, kind: 'timeout', message: 'the database server did not answer in time' };
    // mysql2's per-query `timeout`: the statement ran longer than prestashop.timeoutMs.
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
      return {
        ...base,
        kind: 'timeout',
        message: `a query took longer than ${timeoutMs ?? '?'} ms and was abandoned`,
        fix: [
          t(
            'Le serveur de base de données est surchargé ou une table est verrouillée : relancez plus tard, ou augmentez prestashop.timeoutMs.',
            'The database server is overloaded or a table is locked: run again later, or raise prestashop.timeoutMs.',
          ),
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
          t('Vérifiez prestashop.database.user et password (variable d’environnement).', 'Check prestashop.database.user and password (environment variable).'),
          t('Donnez à cet utilisateur le droit SELECT sur la base PrestaShop.', 'Grant that user SELECT on the PrestaShop database.'),
        ],
      };
    case 'ER_BAD_DB_ERROR':
      return { ...base, kind: 'unknown-database', message: `database "${settings.database}" does not exist`, fix: [t('Vérifiez prestashop.database.database.', 'Check prestashop.database.database.')] };
    case 'ER_NO_SUCH_TABLE':
      return {
        ...base,
        kind: 'wrong-prefix',
        message: `${error.sqlMessage ?? 'table missing'} (table prefix "${settings.prefix}")`,
        fix: [
          t(
            'Vérifiez prestashop.database.prefix : c’est database_prefix dans app/config/parameters.php.',
            'Check prestashop.database.prefix: it is database_prefix in app/config/parameters.php.',
          ),
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

  constructor(
    private readonly settings: DatabaseSettings,
    /** `queryTimeoutMs` bounds each statement (mysql2 `timeout`), not only the connection. */
    private readonly options: { connectTimeoutMs?: number; queryTimeoutMs?: number; connectionLimit?: number } = {},
  ) {}

  /** `ps_customer` for `customer`, quoted. Only known-shape names: the prefix is validated by config. */
  table(name: string): string {
    if (!TABLE_NAME.test(name)) throw new Error(`bad table name ${name}`);
    return `\`${this.settings.prefix}${name}\``;
  }

  private getPool(): mysql.Pool {
    if (!this.pool) {
      this.pool = mysql.createPool({
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
      this.pool.on('connection', (conn) => {
        // Second lock: even a statement that slipped past assertRead could not write.
        (conn as unknown as { query(sql: string): void }).query('SET SESSION TRANSACTION READ ONLY');
      });
    }
    return this.pool;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    assertRead(sql);
    this.log.push(sql);
    // Parameters belong to a statement's identity (duplicate detection); they hold ids and e-mails, never secrets.
    requestLog.record({ source: 'database', method: 'SQL', target: `${sql.replace(/\s+/g, ' ').trim()} [${params.map((p) => JSON.stringify(p)).join(', ')}]` });
    try {
      const timeout = this.options.queryTimeoutMs ?? 15_000;
      const [rows] = await this.getPool().query({ sql, timeout }, params);
      return rows as T[];
    } catch (error) {
      throw new DatabaseError(causeFor(error as NodeJS.ErrnoException, this.settings, this.options.queryTimeoutMs ?? 15_000));
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    // Best effort: a connection the server (or a query timeout) already closed must not turn the
    // end of a gathering into a failure.
    await pool?.end().catch(() => undefined);
  }
}
