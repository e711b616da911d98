// Every sentence of the HTML report, French and English. The page's own script receives the ones it
// needs (filter status, dialog labels) inside the embedded data, so no text lives in the script.
// French: typographic apostrophe, a non-breaking space (U+00A0) before : ; ! ? and inside « ».

import type { Status, Text } from '../../../engine/types.js';

export const HTML_TEXT = {
  titleAll: { fr: 'Diagnostic checkout-doctor', en: 'checkout-doctor diagnosis' },
  titleClub: { fr: 'Diagnostic du club', en: 'Club diagnosis' },
  generated: { fr: 'Généré le', en: 'Generated on' },
  duration: { fr: 'durée', en: 'duration' },
  navLabel: { fr: 'Sommaire', en: 'Contents' },
  summary: { fr: 'Bilan', en: 'Summary' },
  grid: { fr: 'Clubs et contrôles', en: 'Clubs and checks' },
  gridCaption: {
    fr: 'Une ligne par club, une colonne par contrôle. Choisissez une case pour lire le message et les étapes.',
    en: 'One row per club, one column per check. Choose a cell to read its message and steps.',
  },
  legend: { fr: 'Légende', en: 'Legend' },
  club: { fr: 'Club', en: 'Club' },
  filters: { fr: 'Filtres', en: 'Filters' },
  problemsOnly: { fr: 'Clubs à problème seulement', en: 'Clubs with problems only' },
  search: { fr: 'Chercher un club', en: 'Search a club' },
  searchHint: { fr: 'Majuscules et accents ignorés', en: 'Case and accents ignored' },
  noClub: { fr: 'Aucun club dans ce rapport.', en: 'No club in this report.' },
  noMatch: { fr: 'Aucun club ne correspond.', en: 'No club matches.' },
  setup: { fr: 'Problèmes de configuration', en: 'Set-up problems' },
  stopped: { fr: 'Contrôles empêchés', en: 'Checks it stopped' },
  toFix: { fr: 'À traiter', en: 'To fix' },
  toVerify: { fr: 'À vérifier à la main', en: 'To verify by hand' },
  others: { fr: 'Contrôles réussis ou non lancés', en: 'Passed or skipped checks' },
  allGood: { fr: 'Aucun problème détecté pour ce club.', en: 'No problem found for this club.' },
  steps: { fr: 'À faire', en: 'How to fix' },
  stepsManual: { fr: 'À vérifier', en: 'To verify' },
  cause: { fr: 'Cause', en: 'Cause' },
  close: { fr: 'Fermer', en: 'Close' },
  notRun: { fr: 'non exécuté pour ce club', en: 'not run for this club' },
  group: { fr: 'groupe', en: 'group' },
  category: { fr: 'catégorie', en: 'category' },
} satisfies Record<string, Text>;

/** A count with its noun, chosen by Intl.PluralRules ("one" or "other"; "many" falls back to "other"). */
export interface Plural {
  one: Text;
  other: Text;
}

/** The totals line: "3 échecs", "1 avertissement". */
export const STATUS_COUNTS: Record<Status, Plural> = {
  pass: { one: { fr: 'réussi', en: 'passed' }, other: { fr: 'réussis', en: 'passed' } },
  warn: { one: { fr: 'avertissement', en: 'warning' }, other: { fr: 'avertissements', en: 'warnings' } },
  fail: { one: { fr: 'échec', en: 'failure' }, other: { fr: 'échecs', en: 'failures' } },
  error: { one: { fr: 'erreur', en: 'error' }, other: { fr: 'erreurs', en: 'errors' } },
  skip: { one: { fr: 'non lancé', en: 'skipped' }, other: { fr: 'non lancés', en: 'skipped' } },
  manual: { one: { fr: 'à vérifier', en: 'to verify by hand' }, other: { fr: 'à vérifier', en: 'to verify by hand' } },
};

/** What the filter line says: "12 clubs affichés sur 300". `{n}` and `{total}` are filled in. */
export const SHOWN: Plural = {
  one: { fr: '{n} club affiché sur {total}', en: '{n} club shown of {total}' },
  other: { fr: '{n} clubs affichés sur {total}', en: '{n} clubs shown of {total}' },
};

export const CLUBS: Plural = {
  one: { fr: 'club', en: 'club' },
  other: { fr: 'clubs', en: 'clubs' },
};

export const CHECKS: Plural = {
  one: { fr: 'contrôle', en: 'check' },
  other: { fr: 'contrôles', en: 'checks' },
};
