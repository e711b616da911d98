// French typography and plurals, in one place for every catalogue: check messages, CLI
// errors, renderers, help. A French reader expects a non-breaking space before « : ; ! ? », inside
// guillemets, in « n° 5 » and « 5 % » (so that wrapping never leaves a sign alone at a line start),
// typographic apostrophes and real plurals. Dates: src/report/dates.ts (formatShopDate).

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
 * Whether `n` takes the singular. Whole numbers (what a report counts) by CLDR's rules written out
 * (French: 0 and 1; English: 1): the first Intl.PluralRules loads ICU's plural data, ~1.5 ms of CPU
 * at every start-up (issue 9). Other numbers ask Intl (test/report/french.test.ts compares both).
 */
export function pluralIsOne(lang: Lang, n: number): boolean {
  if (Number.isSafeInteger(n)) return lang === 'fr' ? Math.abs(n) <= 1 : Math.abs(n) === 1;
  return ruleFor(lang).select(n) === 'one';
}

/**
 * The form of `forms[lang]` that goes with `n`, by the language's own rules (French: 0 and 1 take
 * the singular; English: only 1). `{n}` is replaced by the number, in the language's digit grouping.
 */
export function plural(lang: Lang, n: number, forms: Record<Lang, PluralForms>): string {
  const form = pluralIsOne(lang, n) ? forms[lang].one : forms[lang].other;
  return form.replace(/\{n\}/g, formatNumber(lang, n));
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** `1 234` (NBSP-grouped) in French, `1,234` in English. */
export function formatNumber(lang: Lang, n: number): string {
  // Whole numbers, nearly all a report counts, grouped here as Intl groups them: the first
  // Intl.NumberFormat loads ICU's number data, ~25 ms of CPU at every start-up of a diagnosis.
  if (Number.isSafeInteger(n)) return groupDigits(n, lang === 'fr' ? NNBSP : ',');
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB')));
  // Intl groups French thousands with U+202F; keep it (it is non-breaking too).
  return format.format(n);
}

/** An integer's digits in groups of three (fr-FR and en-GB both group from 1,000 on). */
function groupDigits(n: number, separator: string): string {
  const digits = String(Math.abs(n));
  let text = digits.slice(0, digits.length % 3 || 3);
  for (let i = text.length; i < digits.length; i += 3) text += separator + digits.slice(i, i + 3);
  return n < 0 || Object.is(n, -0) ? `-${text}` : text;
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

/** Both languages of a counted phrase at once, for a check's `t(…)` texts: `plurals(3, FORMS).fr` is `3 échecs`. */
export function plurals(n: number, forms: Record<Lang, PluralForms>): { fr: string; en: string } {
  return { fr: plural('fr', n, forms), en: plural('en', n, forms) };
}

/** Shorthand for forms: `forms('{n} article', '{n} articles', '{n} item', '{n} items')`. */
export function forms(frOne: string, frOther: string, enOne: string, enOther: string): Record<Lang, PluralForms> {
  return { fr: { one: frOne, other: frOther }, en: { one: enOne, other: enOther } };
}
