// Is the configured database user read-only? What `init` checks before writing a database section.
//
// The privileges are read from information_schema (USER_, SCHEMA_, TABLE_ and COLUMN_PRIVILEGES,
// which list the current user's own grants, and those of the roles granted to it) rather than with
// SHOW GRANTS: the database source only ever sends statements its guard can prove to be one plain
// SELECT (sql-guard.ts), and these are. USAGE is no privilege ("may connect"); anything but SELECT,
// SHOW VIEW and USAGE is a right to change something. A role's own privileges are not listed to
// the user holding it (MariaDB), so a user with a role is not proven read-only: the roles are named.

import type { Cause } from '../../engine/types.js';
import { DatabaseError, PrestaShopDatabase, type DatabaseSettings } from './database.js';

/** Privileges that change nothing. */
const READ_PRIVILEGES = new Set(['SELECT', 'SHOW VIEW', 'USAGE']);

export interface Privilege {
  privilege: string;
  /** `*.*`, `` `prestashop`.* ``, `` `prestashop`.`ps_orders` ``… */
  on: string;
  grantee: string;
}

export type GrantsCheck =
  | {
      ok: true;
      user: string;
      /** Privileges beyond reading: the user is not read-only when this is not empty. */
      writes: Privilege[];
      /**
       * Roles granted to the user: what a role allows is not always visible to the user itself, so a
       * user with roles cannot be proven read-only.
       */
      roles: string[];
    }
  | { ok: false; cause: Cause };

/** `ro@%` (CURRENT_USER()) as information_schema writes grantees: `'ro'@'%'`. */
export function granteeOf(currentUser: string): string {
  const at = currentUser.lastIndexOf('@');
  const user = at >= 0 ? currentUser.slice(0, at) : currentUser;
  const host = at >= 0 ? currentUser.slice(at + 1) : '';
  return `'${user}'@'${host}'`;
}

export async function checkReadOnlyUser(settings: DatabaseSettings, options: { timeoutMs?: number } = {}): Promise<GrantsCheck> {
  const db = new PrestaShopDatabase(settings, { connectTimeoutMs: options.timeoutMs ?? 10_000, queryTimeoutMs: options.timeoutMs ?? 10_000, connectionLimit: 1 });
  try {
    const [me] = await db.query<{ u: string }>('SELECT CURRENT_USER() AS u');
    const user = String(me?.u ?? settings.user);
    const roles = await db.query<{ r: string }>('SELECT ROLE_NAME AS r FROM information_schema.APPLICABLE_ROLES');
    // A role is written `'role'` (no host) or `'role'@''` depending on the server's version.
    const grantees = [granteeOf(user), ...roles.flatMap(({ r }) => [`'${r}'`, `'${r}'@''`])];
    const [global, schema, table, column] = await Promise.all([
      db.query<{ p: string; g: string }>('SELECT PRIVILEGE_TYPE AS p, GRANTEE AS g FROM information_schema.USER_PRIVILEGES WHERE GRANTEE IN (?)', [grantees]),
      db.query<{ p: string; g: string; s: string }>('SELECT PRIVILEGE_TYPE AS p, GRANTEE AS g, TABLE_SCHEMA AS s FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE IN (?)', [grantees]),
      db.query<{ p: string; g: string; s: string; t: string }>(
        'SELECT PRIVILEGE_TYPE AS p, GRANTEE AS g, TABLE_SCHEMA AS s, TABLE_NAME AS t FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE IN (?)',
        [grantees],
      ),
      db.query<{ p: string; g: string; s: string; t: string }>(
        'SELECT PRIVILEGE_TYPE AS p, GRANTEE AS g, TABLE_SCHEMA AS s, TABLE_NAME AS t FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE IN (?)',
        [grantees],
      ),
    ]);
    const all: Privilege[] = [
      ...global.map((r) => ({ privilege: r.p, on: '*.*', grantee: r.g })),
      ...schema.map((r) => ({ privilege: r.p, on: `\`${r.s}\`.*`, grantee: r.g })),
      ...table.map((r) => ({ privilege: r.p, on: `\`${r.s}\`.\`${r.t}\``, grantee: r.g })),
      ...column.map((r) => ({ privilege: r.p, on: `\`${r.s}\`.\`${r.t}\``, grantee: r.g })),
    ];
    const writes = all.filter((p) => !READ_PRIVILEGES.has(p.privilege.toUpperCase()));
    // The shop's own tables, with the configured prefix: a wrong prefix or database is said now.
    await db.query(`SELECT id_group FROM ${db.table('group')} LIMIT 1`);
    return { ok: true, user, writes, roles: [...new Set(roles.map(({ r }) => r))] };
  } catch (error) {
    if (error instanceof DatabaseError) return { ok: false, cause: error.cause };
    return { ok: false, cause: { source: 'database', kind: 'unexpected', message: (error as Error).message } };
  } finally {
    await db.close();
  }
}
