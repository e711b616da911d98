// FAQ 000 « Vérifier le compte Stripe » (after a period without activity the account secures
// itself: the club logs into Stripe, checks its keys are active and reactivates it) and the FAQ's
// Stripe security reviews (the account is suspended for a while: the club sends Stripe an invoice
// the shop gave it). Facts from GET /v1/account (api-notes/stripe.md §5): charges/payouts enabled,
// `requirements.disabled_reason` (every documented value explained, unknown ones accepted),
// due requirements, capability states and reasons (inactivity, both spellings), and dormancy
// inferred from the newest charge or payment intent, since Stripe has no dormancy flag.

import type { StripeAccount, StripeActivityRead, StripeRequirements } from '../src/engine/parts.js';
import { t, type Check, type Text } from '../src/engine/types.js';
import { STOCK_SAVE, withStockStripePath } from '../src/engine/back-office.js';
import { formatShopDay } from '../src/report/dates.js';
import { forms, plurals } from '../src/report/french.js';

const DAYS = forms('{n} jour', '{n} jours', '{n} day', '{n} days');

const DASHBOARD = t(
  'Connectez-vous au compte Stripe du club (dashboard.stripe.com) et lisez le bandeau ou les messages de Stripe en haut du tableau de bord.',
  'The club logs into its Stripe account (dashboard.stripe.com) and reads the banner or Stripe’s messages at the top of the dashboard.',
);
const SEND_INVOICE = t(
  'Répondez au courriel de Stripe (qui effectue des contrôles de sécurité aléatoires) en lui envoyant une facture que la boutique a transmise au club.',
  'Stripe runs random security checks: the club answers Stripe’s e-mail by sending Stripe an invoice the shop gave it.',
);
const CONTACT_STRIPE = t(
  'Contactez le support Stripe (support.stripe.com) depuis le compte du club : seul Stripe peut lever cette décision.',
  'The club contacts Stripe support (support.stripe.com) from its account: only Stripe can lift this decision.',
);
const TICKET = t(
  'Si le problème persiste, déposez un ticket auprès du support de la boutique.',
  'If the problem persists, open a ticket with the shop’s support.',
);
const REACTIVATE: Text[] = [
  t('Connectez-vous au compte Stripe du club (dashboard.stripe.com).', 'The club logs into its Stripe account (dashboard.stripe.com).'),
  t(
    'Vérifiez dans Développeurs > Clés API que les clés sont actives (les mêmes que dans la boutique).',
    'It checks in Developers > API keys that its keys are active (the same as in the shop).',
  ),
  t(
    'Si Stripe affiche un message demandant de réactiver le compte, suivez-le pour réactiver le compte.',
    'If Stripe shows a message asking to reactivate the account, the club follows it to reactivate its account.',
  ),
  // The FAQ's menu belongs to the club platform's back office: the stock PrestaShop path follows.
  withStockStripePath(
    t(
      'Puis, dans le back-office de la plateforme club : ouvrez « Accès rapide » > « Compte Stripe » et cliquez en bas de page sur « Enregistrer ».',
      'Then, in the club platform\'s back office: "Accès rapide" > "Compte Stripe" > at the bottom of the page, "Enregistrer" (Save).',
    ),
    STOCK_SAVE,
  ),
];

function completeRequirements(items: string[]): Text {
  const list = items.length ? ` : ${items.join(', ')}` : '';
  const listEn = items.length ? `: ${items.join(', ')}` : '';
  return t(
    `Complétez dans le tableau de bord Stripe du club les informations demandées${list} (Paramètres > Informations sur l’entreprise, ou le bandeau « Informations requises »).`,
    `The club completes the requested information in its Stripe dashboard${listEn} (Settings > Business details, or the "Information required" banner).`,
  );
}

interface Finding {
  level: 'fail' | 'warn';
  message: Text;
  steps: Text[];
}

/** Explains a `disabled_reason` (account or future requirements); unknown values are accepted. */
function explainDisabled(reason: string, req: StripeRequirements): { why: Text; steps: Text[] } {
  const due = [...new Set([...req.pastDue, ...req.currentlyDue])];
  const errors = req.errors.map((e) => `${e.requirement}: ${e.reason}`);
  switch (reason) {
    case 'requirements.past_due':
      return {
        why: t('des informations demandées par Stripe n’ont pas été fournies à temps', 'information Stripe asked for was not provided in time'),
        steps: [DASHBOARD, completeRequirements(due)],
      };
    case 'requirements.pending_verification':
      return {
        why: t(
          `Stripe vérifie des informations fournies${req.pendingVerification.length ? ` (${req.pendingVerification.join(', ')})` : ''}`,
          `Stripe is verifying information provided${req.pendingVerification.length ? ` (${req.pendingVerification.join(', ')})` : ''}`,
        ),
        steps: [DASHBOARD, SEND_INVOICE, TICKET],
      };
    case 'under_review':
      return {
        why: t('Stripe examine le compte (contrôle de sécurité)', 'Stripe is reviewing the account (security check)'),
        steps: [DASHBOARD, SEND_INVOICE, TICKET],
      };
    case 'listed':
      return {
        why: t(
          'le compte correspondrait à une liste de personnes ou d’entreprises interdites ; Stripe l’examine',
          'the account may match a list of prohibited persons or companies; Stripe is reviewing it',
        ),
        steps: [DASHBOARD, CONTACT_STRIPE],
      };
    case 'platform_paused':
      return {
        why: t('la plateforme qui gère le compte l’a mis en pause', 'the platform managing the account paused it'),
        steps: [t('Contactez la plateforme qui gère le compte Stripe du club.', "Contact the platform managing the club's Stripe account."), TICKET],
      };
    case 'action_required.requested_capabilities':
      return {
        why: t('des fonctionnalités demandées (paiements par carte…) attendent une action du club', 'requested capabilities (card payments…) await an action from the club'),
        steps: [DASHBOARD, completeRequirements(due)],
      };
    case 'other':
      return {
        why: t(
          `Stripe a désactivé le compte pour une autre raison (souvent un examen des risques)${errors.length ? ` : ${errors.join(' ; ')}` : ''}`,
          `Stripe disabled the account for another reason (often a risk review)${errors.length ? `: ${errors.join('; ')}` : ''}`,
        ),
        steps: [DASHBOARD, ...(due.length ? [completeRequirements(due)] : []), SEND_INVOICE, CONTACT_STRIPE],
      };
    default:
      if (reason.startsWith('rejected.')) {
        const cause: Record<string, Text> = {
          'rejected.fraud': t('fraude présumée', 'suspected fraud'),
          'rejected.terms_of_service': t('non-respect des conditions d’utilisation', 'terms of service violation'),
          'rejected.listed': t('inscription sur une liste de personnes ou d’entreprises interdites', 'listed as a prohibited person or company'),
          'rejected.incomplete_verification': t('vérification d’identité incomplète', 'incomplete verification'),
          'rejected.other': t('autre motif', 'other reason'),
          'rejected.platform_fraud': t('fraude signalée par la plateforme', 'fraud reported by the platform'),
          'rejected.platform_terms_of_service': t('conditions de la plateforme non respectées', 'platform terms of service'),
          'rejected.platform_other': t('décision de la plateforme', 'platform decision'),
        };
        const c = cause[reason] ?? t(reason, reason);
        return {
          why: t(`Stripe a refusé le compte (${c.fr})`, `Stripe rejected the account (${c.en})`),
          steps: [CONTACT_STRIPE, TICKET],
        };
      }
      return {
        why: t(`Stripe a désactivé le compte (motif « ${reason} »)`, `Stripe disabled the account (reason "${reason}")`),
        steps: [DASHBOARD, ...(due.length ? [completeRequirements(due)] : []), CONTACT_STRIPE],
      };
  }
}

const INACTIVITY = new Set(['paused.inactivity', 'rejected.inactivity', 'rejected.inactivty']);

const CAPABILITY_REASON: Record<string, Text> = {
  'pending.onboarding': t('inscription à terminer', 'onboarding to finish'),
  'pending.review': t('en cours d’examen par Stripe', 'being reviewed by Stripe'),
  'requirements.fields_needed': t('informations manquantes', 'information missing'),
  'rejected.unsupported_business': t('activité non acceptée par Stripe', 'business not supported by Stripe'),
  'rejected.other': t('refusée par Stripe', 'rejected by Stripe'),
  platform_disabled: t('désactivée par la plateforme', 'disabled by the platform'),
  platform_paused: t('mise en pause par la plateforme', 'paused by the platform'),
  other: t('autre motif', 'other reason'),
};

function newestActivity(activity: StripeAccount['lastActivity']): { created: number | null; known: boolean } {
  const reads = [activity.charges, activity.paymentIntents].filter((r): r is Extract<StripeActivityRead, { status: 'read' }> => r.status === 'read');
  const dates = reads.map((r) => r.created).filter((c): c is number => c !== null);
  if (dates.length) return { created: Math.max(...dates), known: true };
  // Known to be empty only when every list that was needed could be read.
  const known = [activity.charges, activity.paymentIntents].every((r) => r.status === 'read' || r.status === 'skipped') && reads.length > 0;
  return { created: null, known };
}

export default {
  meta: {
    id: 'stripe-account-status',
    category: 'payments',
    severity: 'fail',
    needs: ['club.stripeAccount'],
    title: t('Compte Stripe du club actif', "Club's Stripe account active"),
    description: t(
      'Vérifie que le compte Stripe du club peut encaisser (paiements activés) et recevoir les virements, explique pourquoi Stripe l’a désactivé (informations en retard, examen de sécurité, refus), et signale un compte dormant : sans paiement depuis N jours (option dormantDays, 90 par défaut), Stripe le met en sécurité et le club doit le réactiver.',
      "Verifies that the club's Stripe account can take payments (charges enabled) and receive payouts, explains why Stripe disabled it (overdue information, security review, rejection), and flags a dormant account: with no payment for N days (option dormantDays, default 90), Stripe secures it and the club must reactivate it.",
    ),
    manualSteps: [
      DASHBOARD,
      t(
        'Si Stripe signale un contrôle de sécurité ou des informations à fournir, le club y répond (une facture transmise par la boutique suffit pour un contrôle).',
        'If Stripe reports a security check or information to provide, the club answers it (an invoice from the shop is enough for a check).',
      ),
      t('Dans Paiements, vérifiez la date du dernier paiement : après une longue inactivité, suivez les étapes de réactivation.', 'In Payments, check the date of the last payment: after a long inactivity, follow the reactivation steps.'),
      ...REACTIVATE.slice(1),
    ],
    docs: 'FAQ 000, « Vérifier le compte Stripe » et contrôles de sécurité Stripe',
    defaultOptions: { dormantDays: 90 },
  },
  run({ parts, options, now }) {
    const account = parts['club.stripeAccount']!;
    const rawDays = Number(options.dormantDays);
    const dormantDays = Number.isFinite(rawDays) && rawDays > 0 ? rawDays : 90;
    const findings: Finding[] = [];
    const req = account.requirements;
    const reason = req?.disabledReason ?? null;

    // 1. The account is disabled, with or without a reason.
    if (reason && req) {
      const { why, steps } = explainDisabled(reason, req);
      findings.push({
        level: account.chargesEnabled ? 'warn' : 'fail',
        message: account.chargesEnabled
          ? t(`Stripe signale une restriction sur le compte ${account.id} : ${why.fr}.`, `Stripe reports a restriction on account ${account.id}: ${why.en}.`)
          : t(`Les paiements sont désactivés sur le compte Stripe ${account.id} : ${why.fr}.`, `Payments are disabled on Stripe account ${account.id}: ${why.en}.`),
        steps,
      });
    } else if (!account.chargesEnabled) {
      findings.push({
        level: 'fail',
        message: account.detailsSubmitted
          ? t(`Les paiements sont désactivés sur le compte Stripe ${account.id}, sans motif donné par Stripe.`, `Payments are disabled on Stripe account ${account.id}, with no reason given by Stripe.`)
          : t(
              `Les paiements sont désactivés sur le compte Stripe ${account.id} : l’activation du compte n’a pas été terminée.`,
              `Payments are disabled on Stripe account ${account.id}: the account activation was not finished.`,
            ),
        steps: account.detailsSubmitted ? [DASHBOARD, CONTACT_STRIPE] : [DASHBOARD, completeRequirements(req?.currentlyDue ?? [])],
      });
    }

    // 2. Payouts: the shop still takes payments, but the club is not paid.
    if (!account.payoutsEnabled && account.chargesEnabled) {
      findings.push({
        level: 'warn',
        message: t(
          `Les virements sont désactivés sur le compte ${account.id} : le club encaisse mais ne reçoit pas l’argent.`,
          `Payouts are disabled on account ${account.id}: the club takes payments but does not receive the money.`,
        ),
        steps: [DASHBOARD, completeRequirements([...(req?.pastDue ?? []), ...(req?.currentlyDue ?? [])])],
      });
    }

    // 3. Information due before a deadline (not disabled yet).
    if (!reason && req && (req.currentlyDue.length || req.pastDue.length)) {
      const due = [...new Set([...req.pastDue, ...req.currentlyDue])];
      const by = req.currentDeadline ? formatShopDay(req.currentDeadline, 'en') : null;
      findings.push({
        level: 'warn',
        message: t(
          `Stripe demande des informations${by ? ` avant le ${formatShopDay(req.currentDeadline!, 'fr')}` : ''} (${due.join(', ')}) ; sans elles, le compte sera désactivé.`,
          `Stripe asks for information${by ? ` before ${by}` : ''} (${due.join(', ')}); without it the account will be disabled.`,
        ),
        steps: [DASHBOARD, completeRequirements(due)],
      });
    }
    const future = account.futureRequirements;
    if (future?.disabledReason) {
      const { why, steps } = explainDisabled(future.disabledReason, future);
      findings.push({
        level: 'warn',
        message: t(`À venir : Stripe désactivera le compte si rien n’est fait (${why.fr}).`, `Upcoming: Stripe will disable the account unless something is done (${why.en}).`),
        steps,
      });
    }

    // 4. Capabilities: card payments must be active; inactivity has its own fix.
    for (const [capName, cap] of Object.entries(account.capabilities)) {
      const r = cap.disabledReason ?? null;
      if (r && INACTIVITY.has(r)) {
        findings.push({
          level: capName === 'card_payments' ? 'fail' : 'warn',
          message: t(
            `Stripe a ${r.startsWith('paused') ? 'mis en pause' : 'désactivé'} la fonctionnalité « ${capName} » pour inactivité (${r}).`,
            `Stripe ${r.startsWith('paused') ? 'paused' : 'disabled'} the "${capName}" capability for inactivity (${r}).`,
          ),
          steps: REACTIVATE,
        });
      } else if (capName === 'card_payments' && cap.status !== 'active' && !findings.some((f) => f.level === 'fail')) {
        const why = r ? (CAPABILITY_REASON[r] ?? t(r, r)) : null;
        findings.push({
          level: cap.status === 'pending' ? 'warn' : 'fail',
          message: t(
            `Le paiement par carte n’est pas actif sur le compte (${cap.status}${why ? `, ${why.fr}` : ''}).`,
            `Card payments are not active on the account (${cap.status}${why ? `, ${why.en}` : ''}).`,
          ),
          steps: [DASHBOARD, CONTACT_STRIPE],
        });
      }
    }

    // 5. Dormancy: no payment for more than dormantDays (measured against the diagnosis time).
    const newest = newestActivity(account.lastActivity);
    const nowUnix = Math.floor(now.getTime() / 1000);
    const idleDays = newest.created !== null ? Math.floor((nowUnix - newest.created) / 86_400) : null;
    if (idleDays !== null && idleDays > dormantDays) {
      findings.push({
        level: 'warn',
        message: t(
          `Aucun paiement depuis ${idleDays} jours (dernier le ${formatShopDay(newest.created!, 'fr')}, seuil ${dormantDays} jours) : après une période sans activité, Stripe met le compte en sécurité.`,
          `No payment for ${idleDays} days (last on ${formatShopDay(newest.created!, 'en')}, threshold ${dormantDays} days): after a period without activity, Stripe secures the account.`,
        ),
        steps: REACTIVATE,
      });
    } else if (newest.created === null && newest.known) {
      findings.push({
        level: 'warn',
        message: t(
          `Aucun paiement n’a jamais été enregistré avec ces clés (mode ${account.mode ?? '?'}) : si le paiement ne s’ouvre pas, le compte est peut-être en sécurité.`,
          `No payment was ever recorded with these keys (${account.mode ?? '?'} mode): if payment does not open, the account may be secured.`,
        ),
        steps: REACTIVATE,
      });
    }

    const evidence: Record<string, unknown> = {
      accountId: account.id,
      mode: account.mode,
      chargesEnabled: account.chargesEnabled,
      payoutsEnabled: account.payoutsEnabled,
      detailsSubmitted: account.detailsSubmitted,
      disabledReason: reason,
      futureDisabledReason: future?.disabledReason ?? null,
      lastActivity: newest.created !== null ? new Date(newest.created * 1000).toISOString() : null,
      idleDays,
      dormantDays,
    };
    if (req && (req.pastDue.length || req.currentlyDue.length || req.pendingVerification.length)) {
      evidence.requirements = { pastDue: req.pastDue, currentlyDue: req.currentlyDue, pendingVerification: req.pendingVerification };
    }
    if (req?.errors.length) evidence.requirementErrors = req.errors;
    const notActive = Object.fromEntries(Object.entries(account.capabilities).filter(([, c]) => c.status !== 'active'));
    if (Object.keys(notActive).length) evidence.capabilities = notActive;

    const activityNote: Text = newest.known
      ? t('', '')
      : t(' (dernière activité inconnue : les listes de paiements n’ont pas pu être lues)', ' (last activity unknown: the payment lists could not be read)');
    if (findings.length === 0) {
      return {
        status: 'pass',
        message: t(
          `Le compte Stripe ${account.id} encaisse et reçoit les virements${idleDays !== null ? ` ; dernier paiement il y a ${plurals(idleDays, DAYS).fr}` : ''}${activityNote.fr}.`,
          `Stripe account ${account.id} takes payments and receives payouts${idleDays !== null ? `; last payment ${plurals(idleDays, DAYS).en} ago` : ''}${activityNote.en}.`,
        ),
        evidence,
      };
    }
    const steps: Text[] = [];
    for (const f of findings) for (const s of f.steps) if (!steps.includes(s)) steps.push(s);
    return {
      status: findings.some((f) => f.level === 'fail') ? 'fail' : 'warn',
      message: t(
        findings.map((f) => f.message.fr).join(' ') + (newest.known ? '' : ' Dernière activité inconnue : les listes de paiements n’ont pas pu être lues.'),
        findings.map((f) => f.message.en).join(' ') + (newest.known ? '' : ' Last activity unknown: the payment lists could not be read.'),
      ),
      remediation: steps,
      evidence,
    };
  },
} satisfies Check;
