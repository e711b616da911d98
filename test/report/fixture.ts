// A report with every status, two clubs and awkward characters, built through the real model.

import { monotonicMs } from '../../src/engine/clock.js';
import { buildClubReport, buildReport, type Report } from '../../src/report/model.js';
import type { CheckResult } from '../../src/engine/runner.js';
import type { ClubSnapshot } from '../../src/engine/snapshot.js';
import { t, type Check, type CheckCategory, type Lang, type Severity, type Status, type Text } from '../../src/engine/types.js';

function check(id: string, category: CheckCategory, title: Text, severity: Severity = 'fail'): Check {
  return { meta: { id, category, severity, needs: [], title, description: title, docs: 'FAQ' }, run: () => ({ status: 'pass', message: t('', '') }) };
}

function result(c: Check, status: Status, message: Text, remediation: Text[] = [], extra: Partial<CheckResult> = {}): CheckResult {
  return { check: c, status, severity: c.meta.severity, message, remediation, evidence: {}, durationMs: 12.5, ...extra };
}

const checks = {
  shop: check('shop-online', 'shop', t('Boutique en ligne', 'Shop online')),
  category: check('category-club-access', 'catalogue', t('Catégorie du club accessible', 'Club category open to the group')),
  keys: check('stripe-keys-format', 'payments', t('Clés Stripe bien formées', 'Stripe keys well-formed')),
  account: check('stripe-account-status', 'payments', t('Compte Stripe actif', 'Stripe account active'), 'warn'),
  promo: check('promo-code', 'promotions', t('Code promo utilisable', 'Promo code usable')),
  relay: check('relay-carrier-zones', 'shipping', t('Zones du transporteur <relais> & "points"', 'Relay carrier <zones> & "points"')),
};

export const CLUB_A: ClubSnapshot = {
  name: 'AS Saint-Étienne',
  parts: { 'club.group': { status: 'ok', data: { id: 5, name: 'AS Saint-Étienne' } }, 'club.category': { status: 'ok', data: { id: 11, name: 'ASSE', active: true } } },
};
export const CLUB_B: ClubSnapshot = { name: 'Club <Tom & "Jerry"> | Ünïcode', parts: {} };

export function resultsA(): CheckResult[] {
  return [
    result(checks.keys, 'fail', t('La clé secrète manque.', 'The secret key is missing.'), [
      t('Ouvrez Paramétrage du compte Stripe.', 'Open Stripe account settings.'),
      t('Collez la clé secrète.', 'Paste the secret key.'),
    ]),
    result(checks.shop, 'pass', t('La boutique répond.', 'The shop answers.')),
    result(checks.category, 'error', t('Impossible d’obtenir « club.category ».', 'Could not get "club.category".'), [t('Corrigez la cause.', 'Fix the cause.')], {
      cause: { source: 'prestashop', kind: 'http', message: 'Unauthorized', host: 'shop.example.fr', status: 401, code: 'WS_OFF' },
    }),
    result(checks.account, 'warn', t('Aucun paiement depuis 120 jours.', 'No charge for 120 days.'), [t('Réactivez le compte.', 'Reactivate the account.')]),
    result(checks.promo, 'skip', t('Non demandé : ajoutez --code <code>.', 'Not asked: add --code <code>.')),
    result(checks.relay, 'manual', t('Vérifiez les zones.\nDeuxième ligne.', 'Check the zones.\nSecond line.'), [t('Ouvrez Livraison > Transporteurs.', 'Open Shipping > Carriers.')]),
  ];
}

export function resultsB(): CheckResult[] {
  return [
    result(checks.keys, 'pass', t('ok', 'ok')),
    result(checks.relay, 'fail', t('Zone « Corse » non desservie | a <b> & "c" \u0007', 'Zone "Corse" not served | a <b> & "c" \u0007'), [t('Cochez <Corse> & enregistrez.', 'Tick <Corse> & save.')]),
  ];
}

export function sampleReport(lang: Lang = 'en'): Report {
  const report = buildReport([buildClubReport(CLUB_A, resultsA(), lang), buildClubReport(CLUB_B, resultsB(), lang)], lang, monotonicMs() - 1234, new Date('2026-03-01T12:00:00.000Z'));
  return { ...report, durationMs: 1234 };
}

export function reportWith(statuses: Status[]): Report {
  const c = check('probe', 'shop', t('Sonde', 'Probe'));
  return buildReport([buildClubReport(CLUB_A, statuses.map((s) => result(c, s, t('m', 'm'))), 'en')], 'en', monotonicMs());
}
