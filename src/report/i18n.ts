// Language choice and the few sentences of the report frame (check texts live in each check).

import type { CheckCategory, Lang, QueryKey, Status, Text } from '../engine/types.js';
import { plural, typeset, type PluralForms } from './french.js';

/** `--lang` wins; else LC_ALL, then LANG: fr* gives French, anything else English. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The text in `lang`, French typeset (non-breaking spaces, typographic apostrophes). */
export function pick(text: Text, lang: Lang): string {
  return typeset(lang, text[lang]);
}

export const CATEGORY_LABELS: Record<CheckCategory, Text> = {
  catalogue: { fr: 'Catalogue', en: 'Catalogue' },
  payments: { fr: 'Paiement', en: 'Payments' },
  customers: { fr: 'Clients', en: 'Customers' },
  promotions: { fr: 'Codes promo', en: 'Promotions' },
  shipping: { fr: 'Livraison', en: 'Shipping' },
  orders: { fr: 'Commandes', en: 'Orders' },
  shop: { fr: 'Boutique', en: 'Shop' },
};

export const STATUS_LABELS: Record<Status, Text> = {
  pass: { fr: 'OK', en: 'PASS' },
  warn: { fr: 'ATTENTION', en: 'WARN' },
  fail: { fr: 'ÉCHEC', en: 'FAIL' },
  error: { fr: 'ERREUR', en: 'ERROR' },
  // A check that did not run because nothing was asked of it (--customer missing…) is « NON
  // DEMANDÉ » (resultStatusLabel); one that does not apply to this shop is « NON LANCÉ ».
  skip: { fr: 'NON LANCÉ', en: 'SKIP' },
  manual: { fr: 'À VÉRIFIER', en: 'MANUAL' },
};

/** The label of a skip whose check was not asked for (its `evidence.notAsked` names the flag). */
export const NOT_ASKED_LABEL: Text = { fr: 'NON DEMANDÉ', en: 'SKIP' };

/** A result's status word: a skip says whether the check was not asked for or does not apply. */
export function resultStatusLabel(r: { status: Status; evidence?: Record<string, unknown> }, lang: Lang): string {
  if (r.status === 'skip' && r.evidence && typeof r.evidence['notAsked'] === 'string') return NOT_ASKED_LABEL[lang];
  return STATUS_LABELS[r.status][lang];
}

/** Counted statuses of the summary line: real plurals (`1 échec`, `2 échecs`), never "(s)". */
export const SUMMARY_LABELS: Record<Status, Record<Lang, PluralForms>> = {
  pass: { fr: { one: '{n} réussi', other: '{n} réussis' }, en: { one: '{n} passed', other: '{n} passed' } },
  warn: { fr: { one: '{n} avertissement', other: '{n} avertissements' }, en: { one: '{n} warning', other: '{n} warnings' } },
  fail: { fr: { one: '{n} échec', other: '{n} échecs' }, en: { one: '{n} failed', other: '{n} failed' } },
  error: { fr: { one: '{n} erreur', other: '{n} erreurs' }, en: { one: '{n} error', other: '{n} errors' } },
  skip: { fr: { one: '{n} non lancé', other: '{n} non lancés' }, en: { one: '{n} skipped', other: '{n} skipped' } },
  manual: { fr: { one: '{n} à vérifier', other: '{n} à vérifier' }, en: { one: '{n} to verify by hand', other: '{n} to verify by hand' } },
};

/** `3 échecs`, `1 warning`: one counted status of a summary. */
export function summaryCount(status: Status, n: number, lang: Lang): string {
  return plural(lang, n, SUMMARY_LABELS[status]);
}

/** `3 points sont posés seulement en mode guidé.`, after the count of list-checks. */
export const GUIDED_POINTS_COUNT: Record<Lang, PluralForms> = {
  fr: { one: '{n} point n’est posé qu’en mode guidé.', other: '{n} points ne sont posés qu’en mode guidé.' },
  en: { one: '{n} point is asked only in the guided mode.', other: '{n} points are asked only in the guided mode.' },
};

/** `15 contrôles`, `1 check`. */
export const CHECKS_COUNT: Record<Lang, PluralForms> = {
  fr: { one: '{n} contrôle', other: '{n} contrôles' },
  en: { one: '{n} check', other: '{n} checks' },
};

export const UI = {
  howToFix: { fr: 'À faire :', en: 'How to fix:' },
  toVerify: { fr: 'À vérifier :', en: 'To verify:' },
  group: { fr: 'groupe', en: 'group' },
  category: { fr: 'catégorie', en: 'category' },
  summary: { fr: 'Bilan', en: 'Summary' },
  noProblem: { fr: 'Aucun problème.', en: 'No problem.' },
  debugHint: { fr: 'Relancez avec --debug pour plus de détails.', en: 'Run again with --debug for details.' },
  // list-checks
  colId: { fr: 'ID', en: 'ID' },
  colCategory: { fr: 'CATÉGORIE', en: 'CATEGORY' },
  colSeverity: { fr: 'SÉVÉRITÉ', en: 'SEVERITY' },
  colTitle: { fr: 'TITRE', en: 'TITLE' },
  explainHint: { fr: 'Détails d’un contrôle : checkout-doctor explain <id>', en: 'Details of a check: checkout-doctor explain <id>' },
  onlyWith: { fr: 'seulement avec', en: 'only with' },
  // The points asked only in the guided mode (src/cli/guided/faq-points.ts), in list-checks and explain.
  guidedOnly: { fr: 'mode guidé seulement', en: 'guided mode only' },
  askedInGuidedMode: {
    fr: 'Aucune source ne peut le lire : ce point n’est posé qu’en mode guidé (checkout-doctor seul, ou diagnose -i), quand la personne dit que la carte des points relais ne s’affiche pas. Sa réponse est enregistrée dans le rapport : oui, réussi ; non, le problème est retenu ; « je ne sais pas », à vérifier.',
    en: 'No source can read it: this point is asked only in the guided mode (checkout-doctor alone, or diagnose -i), when the person says the relay-point map does not show. The answer is recorded in the report: yes, passed; no, the problem stands; "I don’t know", to verify.',
  },
  questionAsked: { fr: 'Question posée :', en: 'Question asked:' },
  notConfigurable: {
    fr: 'Pas de réglage : ce point n’existe que dans le mode guidé.',
    en: 'No setting: this point exists only in the guided mode.',
  },
  // explain
  verifies: { fr: 'Ce qu’il vérifie', en: 'What it verifies' },
  needs: { fr: 'Ce dont il a besoin', en: 'What it needs' },
  manual: { fr: 'Vérifier ou corriger à la main', en: 'Verify or fix by hand' },
  reference: { fr: 'Référence', en: 'Reference' },
  configure: { fr: 'Configuration', en: 'Configuration' },
  defaultSeverity: { fr: 'sévérité par défaut', en: 'default severity' },
  requiredData: { fr: 'Données requises', en: 'Required data' },
  optionalData: { fr: 'Données utilisées si disponibles', en: 'Data used when available' },
  runsOnlyWith: { fr: 'Ne s’exécute qu’avec', en: 'Runs only with' },
  options: { fr: 'Options (valeurs par défaut)', en: 'Options (defaults)' },
  // diagnose --fix (issue 11)
  fixes: { fr: 'Corrections', en: 'Fixes' },
  fixBackup: { fr: 'Sauvegarde (pour checkout-doctor undo)\u00a0:', en: 'Backup (for checkout-doctor undo):' },
  noManualSteps: {
    fr: 'Pas d’étapes manuelles : suivez les étapes « À faire » du rapport de diagnostic.',
    en: 'No manual steps: follow the "How to fix" steps of the diagnosis report.',
  },
} satisfies Record<string, Text>;

/** The command-line flag that asks each question a check may depend on. */
export const QUERY_FLAGS: Record<QueryKey, string> = {
  customer: '--customer <email|id>',
  code: '--code <code>',
  order: '--order <id|reference>',
};

/** What became of a fix (diagnose --fix, issue 11). */
export const FIX_OUTCOMES: Record<'planned' | 'manual' | 'applied' | 'rolled-back' | 'failed' | 'skipped', Text> = {
  planned: { fr: 'PRÉVUE', en: 'PLANNED' },
  manual: { fr: 'À LA MAIN', en: 'BY HAND' },
  applied: { fr: 'APPLIQUÉE', en: 'APPLIED' },
  'rolled-back': { fr: 'ANNULÉE', en: 'ROLLED BACK' },
  failed: { fr: 'ÉCHOUÉE', en: 'FAILED' },
  skipped: { fr: 'NON APPLIQUÉE', en: 'NOT APPLIED' },
};
