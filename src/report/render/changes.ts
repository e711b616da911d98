// The summary of what changed since the baseline (`--baseline`), in words every format shows at its
// top: a headline with the counts, then one line per new and per resolved problem. Plain text:
// each renderer escapes it for its medium.

import type { Lang, Status, Text } from '../../engine/types.js';
import { formatShopDate } from '../dates.js';
import { forms, plural } from '../french.js';
import { STATUS_LABELS, pick } from '../i18n.js';
import type { ChangedProblem, Report } from '../model.js';

const NBSP = '\u00a0';

type Forms = Record<Lang, Record<'one' | 'other', string>>;

const MESSAGES = {
  since: (date: string): Text => ({ fr: `Depuis le rapport de référence du ${date}`, en: `Since the baseline report of ${date}` }),
  newProblems: { fr: { one: 'nouveau problème', other: 'nouveaux problèmes' }, en: { one: 'new problem', other: 'new problems' } } satisfies Forms,
  persisting: { fr: { one: 'toujours présent', other: 'toujours présents' }, en: { one: 'persisting', other: 'persisting' } } satisfies Forms,
  resolved: { fr: { one: 'résolu', other: 'résolus' }, en: { one: 'resolved', other: 'resolved' } } satisfies Forms,
  newItem: { fr: 'Nouveau', en: 'New' },
  resolvedItem: { fr: 'Résolu', en: 'Resolved' },
  was: { fr: 'était', en: 'was' },
};

function count(n: number, f: Forms, lang: Lang): string {
  return plural(lang, n, forms(`{n} ${f.fr.one}`, `{n} ${f.fr.other}`, `{n} ${f.en.one}`, `{n} ${f.en.other}`));
}

function colon(lang: Lang): string {
  return lang === 'fr' ? `${NBSP}:` : ':';
}

function item(label: Text, p: ChangedProblem, lang: Lang, status: Status, was: boolean): string {
  const word = pick(STATUS_LABELS[status], lang);
  return `${pick(label, lang)}${colon(lang)} ${p.club}${p.groupId !== null ? ` (#${p.groupId})` : ''} — ${p.title} (${p.id}, ${was ? `${pick(MESSAGES.was, lang)} ` : ''}${word})`;
}

/** The headline and the lines of the changes summary; undefined without a baseline. */
export function changesLines(report: Report, lang: Lang): { headline: string; items: string[] } | undefined {
  const c = report.changes;
  if (!c) return undefined;
  const date = formatShopDate(c.baseline.generatedAt, lang, report.shop?.timeZone);
  const headline = `${pick(MESSAGES.since(date), lang)}${colon(lang)} ${count(c.new, MESSAGES.newProblems, lang)}, ${count(c.persisting, MESSAGES.persisting, lang)}, ${count(c.resolved, MESSAGES.resolved, lang)}.`;
  return {
    headline,
    items: [...c.newProblems.map((p) => item(MESSAGES.newItem, p, lang, p.status, false)), ...c.resolvedProblems.map((p) => item(MESSAGES.resolvedItem, p, lang, p.status, true))],
  };
}
