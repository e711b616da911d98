// The fix the webservice cannot make: a category's group access (category_group, not exposed by
// the webservice: api-notes/prestashop.md §5, §7). Written by SQL with the read-write user meant
// for fixes (`prestashop.fixDatabase`), never the diagnosis's read-only one, each change inside a
// transaction that first locks and re-reads the rows and checks they are as expected.

import mysql from 'mysql2/promise';
import { requestLog } from '../sources/request-log.js';
import { redactor } from '../secrets/redact.js';
import { hashFields, type StepRecord } from './backup.js';
import { StaleError, type Prepared, type Side } from './apply-webservice.js';
import type { FixChange } from '../engine/types.js';
import type { DatabaseSettings } from '../sources/prestashop/database.js';

/** The fix user's connection: the diagnosis's database settings with the read-write user. */
type FixDatabaseSettings = DatabaseSettings;

const list = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');

export class SqlFixer {
  private readonly table: string;

  constructor(private readonly settings: FixDatabaseSettings) {
    if (!/^[A-Za-z0-9_]*$/.test(settings.prefix)) throw new Error('invalid table prefix');
    this.table = `\`${settings.prefix}category_group\``;
    if (settings.password) redactor.add(settings.password);
  }

  private async connect(): Promise<mysql.Connection> {
    const { host, port, user, password, database } = this.settings;
    return mysql.createConnection({ host, port, user, password, database, connectTimeout: 10_000 });
  }

  private async groups(conn: mysql.Connection, categoryId: number, lock = false): Promise<number[]> {
    const sql = `SELECT id_group FROM ${this.table} WHERE id_category = ? ORDER BY id_group${lock ? ' FOR UPDATE' : ''}`;
    requestLog.record({ source: 'database', method: 'SQL', target: sql });
    const [rows] = await conn.query(sql, [categoryId]);
    return (rows as Array<{ id_group: number }>).map((r) => Number(r.id_group));
  }

  async prepare(change: FixChange): Promise<Prepared> {
    if (change.kind !== 'category-group') throw new Error(`${change.kind} is not an SQL fix`);
    const conn = await this.connect();
    try {
      const before = await this.groups(conn, change.categoryId);
      if (list(before) !== list(change.groupsBefore) || before.includes(change.groupId)) throw new StaleError(`category_group/${change.categoryId}`);
      const after = [...before, change.groupId].sort((a, b) => a - b);
      return {
        object: { kind: 'sql', table: 'category_group', categoryId: change.categoryId },
        label: `category_group/${change.categoryId}`,
        before: { groups: list(before) },
        after: { groups: list(after) },
        hashesBefore: hashFields({ groups: list(before) }),
        hashesAfter: hashFields({ groups: list(after) }),
      };
    } finally {
      await conn.end();
    }
  }

  async hashes(step: StepRecord): Promise<Record<string, string>> {
    const conn = await this.connect();
    try {
      return hashFields({ groups: list(await this.groups(conn, (step.object as { categoryId: number }).categoryId)) });
    } finally {
      await conn.end();
    }
  }

  /** Adds (after) or removes (before) the club's row, in a transaction, from the state of the other side. */
  async write(step: StepRecord, side: Side, force = false): Promise<void> {
    const change = step.change;
    if (change.kind !== 'category-group') throw new Error(`${change.kind} is not an SQL fix`);
    const conn = await this.connect();
    try {
      await conn.beginTransaction();
      const current = list(await this.groups(conn, change.categoryId, true));
      const expected = side === 'after' ? step.before.groups : step.after.groups;
      if (current !== expected && !force) throw new StaleError(`category_group/${change.categoryId}`);
      const sql =
        side === 'after'
          ? `INSERT IGNORE INTO ${this.table} (id_category, id_group) VALUES (?, ?)`
          : `DELETE FROM ${this.table} WHERE id_category = ? AND id_group = ?`;
      requestLog.record({ source: 'database', method: 'SQL', target: sql });
      await conn.query(sql, [change.categoryId, change.groupId]);
      await conn.commit();
    } catch (error) {
      await conn.rollback().catch(() => undefined);
      throw error;
    } finally {
      await conn.end();
    }
  }
}
