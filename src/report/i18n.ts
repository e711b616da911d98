// Language choice and the few sentences of the report frame (check texts live in each check).

import type { CheckCategory, Lang, Status, Text } from '../engine/types.js';

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
} satisfies Record<string, Text>;
