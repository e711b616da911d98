// Scalars from the PrestaShop webservice are `string | number | null | undefined` depending on the
// version, PHP version and field (api-notes/prestashop.md §2): "1", 1, "", null, or absent (8.x
// single-resource JSON drops falsy fields). These helpers turn them into plain values.

export type WsScalar = string | number | boolean | null | undefined;

/** An integer, or null for "", null, absent, a zero date or anything not numeric. */
export function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Math.trunc(Number(value));
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/** An integer with a default for missing values (a dropped falsy field is 0). */
export function toIntOr(value: unknown, fallback: number): number {
  return toInt(value) ?? fallback;
}

/** A decimal number ("61.800000" → 61.8), or null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** PrestaShop flags: "1"/1/true are true; "0", 0, "", null and absent are false. */
export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.trim() !== '' && value.trim() !== '0' && value.trim().toLowerCase() !== 'false';
  return false;
}

/** A string; null and absent become "" (numbers are printed). */
export function toStr(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A PrestaShop date, or null for "", absent and the zero date `0000-00-00 00:00:00`. */
export function toDate(value: unknown): string | null {
  const s = toStr(value).trim();
  if (!s || s.startsWith('0000-00-00')) return null;
  return s;
}

/**
 * A multilingual field as one string: a plain string (one active language, or `language=N`) is
 * returned as is; an array `[{id, value}]` gives the value for `lang`, else the first non-empty one.
 */
export function i18nText(value: unknown, lang?: number | string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const entries = value.filter((v): v is { id?: unknown; value?: unknown } => typeof v === 'object' && v !== null);
    if (lang !== undefined) {
      const hit = entries.find((e) => String(e.id) === String(lang));
      if (hit && toStr(hit.value) !== '') return toStr(hit.value);
    }
    return toStr(entries.find((e) => toStr(e.value) !== '')?.value);
  }
  return '';
}

/** Every value of a multilingual field (for matching a name in any language). */
export function i18nAll(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value
      .filter((v): v is { value?: unknown } => typeof v === 'object' && v !== null)
      .map((v) => toStr(v.value))
      .filter((v) => v !== '');
  }
  return [];
}

/** Ids of an association (`associations.groups = [{id: 3}]`); [] when omitted (empty). */
export function associationIds(entity: Record<string, unknown>, name: string): number[] {
  const associations = entity.associations;
  if (!associations || typeof associations !== 'object') return [];
  const list = (associations as Record<string, unknown>)[name];
  if (!Array.isArray(list)) return [];
  return list.map((item) => toInt((item as { id?: unknown })?.id)).filter((id): id is number => id !== null);
}
