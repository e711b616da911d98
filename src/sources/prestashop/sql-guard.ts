// The first lock of the read-only database source: a positive allow-list that lets a statement
// through only when it can be proven to be one plain SELECT. It never strips or rewrites anything:
// MariaDB *executes* the body of `/*! … */` and `/*M! … */` comments, so "remove the comments, then
// look" would let `SELECT 1 /*! ; DELETE FROM ps_orders */` through. Whatever the guard cannot
// read with certainty is refused; the READ ONLY session (database.ts) is the second lock.
//
// The statement checked is the one sent: placeholders already filled in (mysql2 `format`), so the
// values of --customer, --code... are checked as the server will read them.
//
// Rules, decided with the sources' own queries in mind (they are all single SELECTs):
// - exactly one statement, its first word SELECT (no WITH, SHOW, EXPLAIN, HANDLER, CALL...);
// - no block comment at all (`/* */`, `/*!`, `/*M!`, `/*+` hints): none is needed, some execute;
//   `-- ` and `#` line comments are allowed (they end at the line end, execute nothing);
// - string literals in single quotes only, with the server's default backslash escapes (the
//   session forces that sql_mode); double quotes are refused, since ANSI_QUOTES would make them
//   identifiers; backquoted identifiers are allowed;
// - outside literals, only ASCII letters, digits, spaces and `. , ( ) * = < > ! + - / % @ ?`:
//   this alone refuses `;`, `:=` (user-variable assignment), `{` (ODBC escapes), backslashes,
//   control characters and NUL bytes;
// - none of these words outside literals: INTO (OUTFILE, DUMPFILE, @var), UPDATE and LOCK / SHARE
//   (FOR UPDATE, LOCK IN SHARE MODE, FOR SHARE), PROCEDURE (PROCEDURE ANALYSE), NEXT / NEXTVAL /
//   SETVAL (sequences advance), LOAD_FILE (reads server files), SLEEP / BENCHMARK (tie up the
//   server), GET_LOCK and the other named-lock functions, MASTER_POS_WAIT / MASTER_GTID_WAIT.
// A stored function called by name could still write; the READ ONLY session refuses that.

export class NotAReadError extends Error {
  constructor(statement: string, readonly reason: string) {
    super(`Refused to run a statement that is not provably a single read (${reason}): ${statement.trim().slice(0, 60)}`);
    this.name = 'NotAReadError';
  }
}

const FORBIDDEN_WORDS = new Set(
  [
    'into', 'outfile', 'dumpfile', 'update', 'lock', 'share', 'procedure', 'next', 'nextval', 'setval', 'load_file', 'sleep', 'benchmark',
    'get_lock', 'release_lock', 'release_all_locks', 'is_free_lock', 'is_used_lock', 'master_pos_wait', 'master_gtid_wait', 'source_pos_wait',
  ],
);

/** What may appear outside string literals, backquoted identifiers and line comments. */
const PLAIN_CODE = /^[A-Za-z0-9_$ \t\r\n.,()*=<>!+\-/%@?]*$/;

/**
 * The code of the statement: string literals replaced by ` s `, backquoted identifiers by ` q `, line comments by a
 * space; throws on anything it cannot read with certainty.
 */
function codeOf(sql: string): string {
  let code = '';
  let i = 0;
  const refuse = (reason: string): never => {
    throw new NotAReadError(sql, reason);
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'") {
      // Single-quoted literal: backslash escapes and doubled quotes, as MariaDB reads it by default.
      i++;
      for (;;) {
        if (i >= sql.length) refuse('unterminated string');
        if (sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
      code += ' s ';
    } else if (ch === '`') {
      const end = sql.indexOf('`', i + 1);
      if (end < 0) refuse('unterminated identifier');
      if (sql[end + 1] === '`') refuse('doubled backquote in an identifier');
      i = end + 1;
      code += ' q ';
    } else if (ch === '"') {
      refuse('double-quoted text');
    } else if (ch === '/' && next === '*') {
      refuse('block comment');
    } else if (ch === '#' || (ch === '-' && next === '-' && /^[\s\x00-\x1f]$/.test(sql[i + 2] ?? ' '))) {
      // Line comment: MariaDB needs whitespace or a control character after `--`. It is taken to
      // end at the first \r or \n, so that the guard reads at least as much code as the server.
      const end = sql.slice(i).search(/[\r\n]/);
      i = end < 0 ? sql.length : i + end;
      code += ' ';
    } else {
      code += ch;
      i++;
    }
  }
  return code;
}

/** Throws NotAReadError unless `sql` is provably one plain SELECT (see the rules above). */
export function assertRead(sql: string): void {
  const code = codeOf(sql);
  if (!PLAIN_CODE.test(code)) {
    const bad = [...code].find((c) => !PLAIN_CODE.test(c)) ?? '';
    throw new NotAReadError(sql, bad === ';' ? 'more than one statement' : `character ${JSON.stringify(bad)} outside a string`);
  }
  const words = code.toLowerCase().match(/[a-z0-9_$]+/g) ?? [];
  if (words[0] !== 'select' || !/^\s*select\b/i.test(code)) throw new NotAReadError(sql, 'not a SELECT');
  const forbidden = words.find((w) => FORBIDDEN_WORDS.has(w));
  if (forbidden) throw new NotAReadError(sql, `${forbidden.toUpperCase()} is not allowed`);
}
