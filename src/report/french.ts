// French typography, plurals and dates, in one place for every catalogue: check messages, CLI
// errors, renderers, help. A French reader expects a non-breaking space before « : ; ! ? », inside
// guillemets, in « n° 5 » and « 5 % » (so that wrapping never leaves a sign alone at a line start),
// typographic apostrophes, real plurals and dates like « 31/08/2025 à 23:59 » on the shop's clock.

import type { Lang } from '../engine/types.js';

/** U+00A0: before « : », inside « », in « n° 5 » and « 5 % ». */
export const NBSP = '\u00a0';
/** U+202F, the narrow one, before « ; ! ? » (the French printing habit). */
export const NNBSP = '\u202f';

/** Singular and plural of a word or phrase; `{n}` in either is replaced by the number. */
export interface PluralForms {
  one: string;
  other: string;
}

const rules = new Map<Lang, Intl.PluralRules>();

function ruleFor(lang: Lang): Intl.PluralRules {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang === 'fr' ? 'fr-FR' : 'en-GB')));
  return rule;
}

/**
 * The form of `forms[lang]` that goes with `n`, by the language's own rules (French: 0 and 1 take
 * the singular; English: only 1). `{n}` is replaced by the number, in the language's digit grouping.
 */
export function plural(lang: Lang, n: number, forms: Record<Lang, PluralForms>): string {
  const category = ruleFor(lang).select(n);
  const form = category === 'one' ? forms[lang].one : forms[lang].other;
  return form.replace(/\{n\}/g, formatNumber(lang, n));
}

const numbers = new Map<Lang, Intl.NumberFormat>();

/** `1 234` (NBSP-grouped) in French, `1,234` in English. */
export function formatNumber(lang: Lang, n: number): string {
  // One formatter per language: building one costs far more than formatting (thousands of calls in an --all run).
  let format = numbers.get(lang);
  if (!format) numbers.set(lang, (format = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB')));
  // Intl groups French thousands with U+202F; keep it (it is non-breaking too).
  return format.format(n);
}

/**
 * French spacing made right, idempotent: ordinary spaces before « : ; ! ? », inside « » and in
 * « n° 5 », « 5 % » become non-breaking; a guillemet glued to its word gets one. Nothing else moves:
 * « 23:59 », URLs and identifiers keep their colons.
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/[ \t]+:/g, `${NBSP}:`)
    .replace(/[ \t\u00a0]+([;!?])/g, `${NNBSP}$1`)
    .replace(/«[ \t\u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \t\u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/\b([nN]°)[ \t]+(?=\d)/g, `$1${NBSP}`)
    .replace(/(\d)[ \t]+%/g, `$1${NBSP}%`);
}

/** ASCII apostrophes between two letters become typographic (« l’accès »). For catalogue text only. */
export function frenchApostrophes(text: string): string {
  return text.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

/** Both: what every French text of a catalogue goes through before it is shown. */
export function frenchText(text: string): string {
  return frenchSpaces(frenchApostrophes(text));
}

/** `frenchText` for French, the text as written for English. */
export function typeset(lang: Lang, text: string): string {
  return lang === 'fr' ? frenchText(text) : text;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const zoned = new Map<string, Intl.DateTimeFormat>();
function zonedParts(date: Date, timeZone: string): Record<string, string> {
  let f = zoned.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zoned.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * A date as its reader expects it: French `31/08/2025 à 23:59` (or `31/08/2025` for a date alone),
 * English `2025-08-31 23:59`. `value` is either a PrestaShop wall-clock string (`YYYY-MM-DD[ HH:MM:SS]`,
 * already on the shop's clock) or an instant (a Date, an ISO string with its offset, Unix seconds),
 * shown on the shop's clock `timeZone`. Anything unreadable is returned as given.
 */
export function formatShopDate(value: string | Date | number, lang: Lang, timeZone = 'Europe/Paris'): string {
  let y: string, mo: string, d: string, h: string | undefined, mi: string | undefined;
  const wall = typeof value === 'string' ? WALL_CLOCK.exec(value.trim()) : null;
  if (wall) {
    [, y, mo, d, h, mi] = wall as unknown as [string, string, string, string, string | undefined, string | undefined];
  } else {
    const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const p = zonedParts(date, timeZone);
    [y, mo, d, h, mi] = [p.year!, p.month!, p.day!, p.hour, p.minute];
  }
  const day = lang === 'fr' ? `${d}/${mo}/${y}` : `${y}-${mo}-${d}`;
  if (h === undefined || mi === undefined) return day;
  return lang === 'fr' ? `${day} à ${h}:${mi}` : `${day} ${h}:${mi}`;
}

/** A calendar day alone (`31/08/2025`), whatever time `value` carries. */
export function formatShopDay(value: string | Date | number, lang: Lang, timeZone = 'Europe/Paris'): string {
  return formatShopDate(value, lang, timeZone).replace(/ (à )?\d{2}:\d{2}$/, '');
}

/** Both languages of a counted phrase at once, for a check's `t(…)` texts: `plurals(3, FORMS).fr` is `3 échecs`. */
export function plurals(n: number, forms: Record<Lang, PluralForms>): { fr: string; en: string } {
  return { fr: plural('fr', n, forms), en: plural('en', n, forms) };
}

/** Shorthand for forms: `forms('{n} article', '{n} articles', '{n} item', '{n} items')`. */
export function forms(frOne: string, frOther: string, enOne: string, enOther: string): Record<Lang, PluralForms> {
  return { fr: { one: frOne, other: frOther }, en: { one: enOne, other: enOther } };
}

/** A date in both languages (see formatShopDate). */
export function shopDates(value: string | Date | number, timeZone?: string): { fr: string; en: string } {
  return { fr: formatShopDate(value, 'fr', timeZone), en: formatShopDate(value, 'en', timeZone) };
}
