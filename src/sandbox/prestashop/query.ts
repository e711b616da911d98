// List parameters of the emulated webservice (api-notes/prestashop.md §3): display, filter[...],
// sort, limit, language, date. Invalid parameters raise a WsError with the webservice's code.

import { isI18n, type Entity, type FieldValue, type ResourceDef } from './resources.js';

export interface WsErrorItem {
  code: number;
  message: string;
}

export class WsError extends Error {
  constructor(
    readonly status: number,
    readonly errors: WsErrorItem[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export type Display = { kind: 'ids' } | { kind: 'full' } | { kind: 'fields'; fields: string[] };

export interface ListQuery {
  display: Display;
  filters: Array<{ field: string; test: (value: string) => boolean }>;
  sort: Array<{ field: string; desc: boolean }>;
  limit?: { offset: number; count: number };
  /** Languages to render i18n fields in; undefined = every active language. */
  languages?: string[];
}

const DATE_FIELDS = new Set(['date_add', 'date_upd']);

/**
 * A rejected list parameter as a stock 8.1.2 in production mode answers it (recordings
 * error-unknown-filter, error-getter-filter, error-date-filter, error-unknown-display): HTTP 500,
 * the validation error, then four code-3 PHP warnings the failed request causes in
 * WebserviceRequest.php. Only debug mode gives the documented 400 (debugmode-unknown-filter).
 */
export function rejected(code: number, message: string): WsError {
  const warnings = [1333, 1334, 1335, 1336].map((line) => ({
    code: 3,
    message: `[PHP Warning #2] Trying to access array offset on value of type bool (/var/www/prestashop/classes/webservice/WebserviceRequest.php, line ${line})`,
  }));
  return new WsError(500, [{ code, message }, ...warnings]);
}

/** PHP's levenshtein, for "Did you mean". */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** WebserviceRequest::closest: the word at the smallest distance, the last one on a tie. */
export function closest(input: string, words: readonly string[]): string {
  let best = '';
  let shortest = -1;
  for (const word of words) {
    const lev = levenshtein(input, word);
    if (lev === 0) return word;
    if (lev <= shortest || shortest < 0) {
      best = word;
      shortest = lev;
    }
  }
  return best;
}

const quotedList = (list: readonly string[]) => `"${list.join('", "')}"`;

export function fieldNames(def: ResourceDef, sample: Entity | undefined): string[] {
  return ['id', ...(sample?.fields.map(([name]) => name) ?? [])];
}

function inner(value: string): string | undefined {
  const m = /^\[(.*)\]$/s.exec(value);
  return m ? m[1] : undefined;
}

/** MySQL LIKE: `%` any run, `_` one character, `\\x` the character x itself. */
function likeToRegExp(pattern: string): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) body += escapeRe(pattern[++i]!);
    else if (ch === '%') body += '.*';
    else if (ch === '_') body += '.';
    else body += escapeRe(ch);
  }
  return new RegExp(`^${body}$`, 'is');
}
const escapeRe = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** What PrestaShop's pSQL() leaves of a value: PHP's strip_tags cuts from a `<` opening a tag to its `>` (or the end). */
export function stripTags(value: string): string {
  return value.replace(/<(?=\S)[^>]*(>|$)/g, '');
}

const num = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
function compare(a: string, b: string): number {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  return a.localeCompare(b);
}
/** The shop's collation: case-insensitive. */
const eq = (a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'accent' }) === 0;

/**
 * Compiles one `filter[f]=…` value into a predicate on the field's string value, exactly as
 * PrestaShop 8 builds its SQL (WebserviceRequest::getSQLRetrieveFilter): the greedy regex
 * `^(.*)\[(.*)\](.*)$`, LIKE when the part before or after the brackets is `%`, OR only when `|`
 * is not the first character, BETWEEN only for digit-like bounds, `>`/`<`/`!` prefixes, and no
 * clause at all (undefined: every row matches) for any other prefix or suffix. A value without
 * brackets is a plain equality. Values pass through strip_tags as pSQL() does.
 */
export function compileFilter(raw: string): ((value: string) => boolean) | undefined {
  // No `s` flag: PCRE's `.` does not match a line break either.
  const m = /^(.*)\[(.*)\](.*)$/.exec(raw);
  if (!m) {
    const x = stripTags(raw);
    return (v) => eq(v, x);
  }
  const [, pre, body, post] = m as unknown as [string, string, string, string];
  if (pre === '%' || post === '%') {
    const re = likeToRegExp(stripTags(pre + body + post));
    return (v) => re.test(v);
  }
  if (pre === '' && post === '') {
    if (body.indexOf('|') > 0) {
      const values = body.split('|').map(stripTags);
      return (v) => values.some((x) => eq(v, x));
    }
    const between = /^([\d.:\-\s]+),([\d.:\-\s]+)$/.exec(body);
    if (between) {
      const [lo, hi] = [between[1]!, between[2]!].sort(compare);
      // Bounds compared as strings, as the webservice does.
      return (v) => v >= lo! && v <= hi!;
    }
    const x = stripTags(body);
    return (v) => eq(v, x);
  }
  if (pre === '>') return (v) => compare(v, stripTags(body)) > 0;
  if (pre === '<') return (v) => compare(v, stripTags(body)) < 0;
  if (pre === '!') {
    const values = body.split('|').map(stripTags);
    return (v) => !values.some((x) => eq(v, x));
  }
  return undefined;
}

export function parseListQuery(def: ResourceDef, params: URLSearchParams, sample: Entity | undefined): ListQuery {
  const available = fieldNames(def, sample);
  const dateAllowed = params.get('date') === '1';

  // display
  let display: Display = { kind: 'ids' };
  const rawDisplay = params.get('display');
  if (rawDisplay !== null) {
    if (rawDisplay === 'full') display = { kind: 'full' };
    else {
      const body = inner(rawDisplay);
      if (body === undefined || body.trim() === '') {
        throw rejected(36, `The "display" syntax is wrong. You can set "full" or "[field_1,field_2,field_3,...]". These are available: ${available.join(', ')}`);
      }
      const fields = body.split(',').map((f) => f.trim());
      const unknown = fields.filter((f) => !available.includes(f) && f !== 'associations');
      if (unknown.length) throw rejected(35, `Unable to display this field "${unknown[0]}". However, these are available: ${available.join(', ')}`);
      display = { kind: 'fields', fields };
    }
  }

  // filter[field]
  const filters: ListQuery['filters'] = [];
  for (const [key, value] of params.entries()) {
    const m = /^filter\[([^\]]+)\]$/.exec(key);
    if (!m) continue;
    const field = m[1]!;
    // Dates are filterable only with date=1; the list PrestaShop suggests then leaves them out.
    const filterable = available.filter((f) => !DATE_FIELDS.has(f) || dateAllowed);
    if (!filterable.includes(field)) {
      throw rejected(32, `This filter does not exist. Did you mean: "${closest(field, filterable)}"?${filterable.length > 1 ? ` The full list is: ${quotedList(filterable)}` : ''}`);
    }
    if (def.getters?.includes(field)) throw rejected(34, `The field "${field}" is dynamic. It is not possible to filter GET query with this field.`);
    // A filter PrestaShop cannot read adds no SQL condition: it is silently ignored there too.
    const test = compileFilter(value);
    if (test) filters.push({ field, test });
  }

  // sort=[f_ASC,g_DESC]
  const sort: ListQuery['sort'] = [];
  const rawSort = params.get('sort');
  if (rawSort !== null) {
    const body = inner(rawSort) ?? rawSort;
    for (const part of body.split(',')) {
      const m = /^(.+)_(ASC|DESC)$/.exec(part.trim());
      if (!m || !available.includes(m[1]!) || (DATE_FIELDS.has(m[1]!) && !dateAllowed)) {
        throw rejected(37, `Unable to sort by this field "${part}". However, these are available: ${available.join(', ')}`);
      }
      sort.push({ field: m[1]!, desc: m[2] === 'DESC' });
    }
  }

  // limit=N | offset,N
  let limit: ListQuery['limit'];
  const rawLimit = params.get('limit');
  if (rawLimit !== null) {
    const parts = rawLimit.split(',');
    if (parts.length > 2 || parts.some((p) => !/^\s*\d+\s*$/.test(p))) {
      throw rejected(39, 'The "limit" value has to be formed as this example: "5,25" or "10"');
    } else {
      const nums = parts.map((p) => Number(p.trim()));
      limit = nums.length === 2 ? { offset: nums[0]!, count: nums[1]! } : { offset: 0, count: nums[0]! };
    }
  }

  // language=N | [1|2]
  let languages: string[] | undefined;
  const rawLanguage = params.get('language');
  if (rawLanguage !== null) languages = (inner(rawLanguage) ?? rawLanguage).split('|').map((s) => s.trim());

  return { display, filters, sort, limit, languages };
}

/** The string a filter or sort compares: i18n values give one string per language. */
export function valuesOf(entity: Entity, field: string): string[] {
  if (field === 'id') return [String(entity.id)];
  const found = entity.fields.find(([name]) => name === field);
  if (!found) return [''];
  const value: FieldValue = found[1];
  if (isI18n(value)) return Object.values(value.i18n);
  return [value === null ? '' : String(value)];
}

export function applyListQuery(entities: Entity[], query: ListQuery): Entity[] {
  let out = entities.filter((e) => query.filters.every((f) => valuesOf(e, f.field).some((v) => f.test(v))));
  if (query.sort.length) {
    out = [...out].sort((a, b) => {
      for (const s of query.sort) {
        const c = compare(valuesOf(a, s.field)[0]!, valuesOf(b, s.field)[0]!);
        if (c !== 0) return s.desc ? -c : c;
      }
      return 0;
    });
  }
  if (query.limit) out = out.slice(query.limit.offset, query.limit.offset + query.limit.count);
  return out;
}
