// The French reader's proofreading, as a test helper: every engineer scans the French output of
// what they add (a catalogue, a renderer, a prompt) with `frenchProblems(text)` or
// `expectGoodFrench(text, where)`. It finds what a native reader complained about: "(s)" plurals,
// ISO dates, ordinary spaces before « : ; ! ? » or inside « », ASCII apostrophes between letters, and
// English sentences (words common in English that never occur in French).

import { expect } from 'vitest';

/**
 * Words frequent in English sentences and absent from French ones (whole words, lower case: a
 * proper noun such as « Get It » is not a sentence).
 */
export const ENGLISH_WORDS = [
  'the', 'is', 'are', 'was', 'and', 'with', 'contains', 'newline', 'should', 'could', 'cannot', 'does', 'not',
  'this', 'that', 'which', 'have', 'has', 'from', 'your', 'when', 'for', 'to', 'of', 'it', 'be', 'holds', 'run',
  'missing', 'found', 'please', 'usage', 'error', 'unknown', 'command', 'display', 'default',
];

/**
 * Text whose English is legitimately verbatim, removed before the English-word and "(s)" checks:
 * quotations « … » (an upstream's own message, a menu label such as « Journal d’erreur(s) »),
 * `code`, URLs, e-mail addresses, --flags, check ids and other kebab/snake/dotted identifiers,
 * <placeholders>, file paths (`/tmp/x/unknown-key.json`, `./plugin.mjs`), and values between
 * straight double quotes on one line (`"off"`, `"./not-a-list.mjs"`): French prose quotes with
 * « », so "…" is always a value the person wrote in a file or on the command line.
 */
function withoutVerbatim(text: string): string {
  return text
    .replace(/«[^»]*»/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"\n]{0,80}"/g, ' ')
    .replace(/(?<![\p{L}\p{N}])\.{0,2}\/[^\s"«»]+/gu, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/<[^>\s]+>/g, ' ')
    .replace(/--?[a-z][\w-]*/gi, ' ')
    .replace(/\b[\w]+(?:[-_.][\w]+)+\b/g, ' ');
}

export interface FrenchProblem {
  rule: string;
  excerpt: string;
}

function excerpt(text: string, index: number, length: number): string {
  return JSON.stringify(text.slice(Math.max(0, index - 30), index + length + 30));
}

/** Every problem of a French text; empty when a native reader would not frown. */
export function frenchProblems(text: string): FrenchProblem[] {
  const problems: FrenchProblem[] = [];
  const find = (rule: string, re: RegExp, on = text) => {
    for (const m of on.matchAll(re)) problems.push({ rule, excerpt: excerpt(on, m.index ?? 0, m[0].length) });
  };
  const prose = withoutVerbatim(text);
  find('"(s)" plural', /\(s\)/g, prose);
  // A date alone or an instant (`2026-11-20T09:00:00Z`: no word boundary before the T).
  find('ISO date', /\b\d{4}-\d{2}-\d{2}(?:\b|(?=T\d))/g);
  // After a word or a closing sign (a status glyph `!` or `?` at a line start is not punctuation).
  find('ordinary space before : ; ! ?', /(?<=[\p{L}\p{N})\]»”]) [:;!?](?=\s|$)/gmu);
  find('no non-breaking space after «', /«(?![\u00a0\u202f])/g);
  find('no non-breaking space before »', /(?<![\u00a0\u202f])»/g);
  find('ordinary space in n° 5 or 5 %', /n° \d|\d %/g);
  find('ASCII apostrophe between letters', /\p{L}'\p{L}/gu, prose);
  find('English word', new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${ENGLISH_WORDS.join('|')})(?![\\p{L}\\p{N}'’])`, 'gu'), prose);
  return problems;
}

/** Fails with every problem listed, each with where it was found. */
export function expectGoodFrench(text: string, where: string): void {
  const problems = frenchProblems(text).map((p) => `${where}: ${p.rule}: ${p.excerpt}`);
  expect(problems).toEqual([]);
}
