// Language choice and the few sentences of the report frame (check texts live in each check).

import type { CheckCategory, Lang, QueryKey, Status, Text } from '../engine/types.js';

/** `--lang` wins; else LC_ALL, then LANG: fr* gives French, anything else English. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function pick(text: Text, lang: Lang): string {
  return text[lang];
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
  skip: { fr: 'IGNORÉ', en: 'SKIP' },
  manual: { fr: 'À VÉRIFIER', en: 'MANUAL' },
};

export const SUMMARY_LABELS: Record<Status, Text> = {
  pass: { fr: 'réussi(s)', en: 'passed' },
  warn: { fr: 'avertissement(s)', en: 'warning(s)' },
  fail: { fr: 'échec(s)', en: 'failed' },
  error: { fr: 'erreur(s)', en: 'error(s)' },
  skip: { fr: 'ignoré(s)', en: 'skipped' },
  manual: { fr: 'à vérifier', en: 'to verify by hand' },
};

export const UI = {
  howToFix: { fr: 'À faire :', en: 'How to fix:' },
  toVerify: { fr: 'À vérifier :', en: 'To verify:' },
  group: { fr: 'groupe', en: 'group' },
  category: { fr: 'catégorie', en: 'category' },
  summary: { fr: 'Bilan', en: 'Summary' },
  debugHint: { fr: 'Relancez avec --debug pour plus de détails.', en: 'Run again with --debug for details.' },
  // list-checks
  colId: { fr: 'ID', en: 'ID' },
  colCategory: { fr: 'CATÉGORIE', en: 'CATEGORY' },
  colSeverity: { fr: 'SÉVÉRITÉ', en: 'SEVERITY' },
  colTitle: { fr: 'TITRE', en: 'TITLE' },
  checksCount: { fr: 'contrôle(s)', en: 'check(s)' },
  explainHint: { fr: 'Détails d’un contrôle : checkout-doctor explain <id>', en: 'Details of a check: checkout-doctor explain <id>' },
  onlyWith: { fr: 'seulement avec', en: 'only with' },
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
