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

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  clubCompletesRequestedInformation: (list: string, listEn: string) =>
    t(
      `Complétez dans le tableau de bord Stripe du club les informations demandées${list} (Paramètres > Informations sur l’entreprise, ou le bandeau « Informations requises »).`,
      `The club completes the requested information in its Stripe dashboard${listEn} (Settings > Business details, or the "Information required" banner).`,
    ),
  informationStripeAskedNot: t('des informations demandées par Stripe n’ont pas été fournies à temps', 'information Stripe asked for was not provided in time'),
  stripeVerifyingInformationProvided: (pendingVerification: string[]) =>
    t(
      `Stripe vérifie des informations fournies${pendingVerification.length ? ` (${pendingVerification.join(', ')})` : ''}`,
      `Stripe is verifying information provided${pendingVerification.length ? ` (${pendingVerification.join(', ')})` : ''}`,
    ),
  stripeReviewingAccountSecurity: t('Stripe examine le compte (contrôle de sécurité)', 'Stripe is reviewing the account (security check)'),
  accountMayMatchList: t(
    'le compte correspondrait à une liste de personnes ou d’entreprises interdites ; Stripe l’examine',
    'the account may match a list of prohibited persons or companies; Stripe is reviewing it',
  ),
  platformManagingAccountPaused: t('la plateforme qui gère le compte l’a mis en pause', 'the platform managing the account paused it'),
  contactPlatformManagingClub: t('Contactez la plateforme qui gère le compte Stripe du club.', "Contact the platform managing the club's Stripe account."),
  requestedCapabilitiesCardPayments: t('des fonctionnalités demandées (paiements par carte…) attendent une action du club', 'requested capabilities (card payments…) await an action from the club'),
  stripeDisabledAccountAnother: (errors: string[]) =>
    t(
      `Stripe a désactivé le compte pour une autre raison (souvent un examen des risques)${errors.length ? ` : ${errors.join(' ; ')}` : ''}`,
      `Stripe disabled the account for another reason (often a risk review)${errors.length ? `: ${errors.join('; ')}` : ''}`,
    ),
  suspectedFraud: t('fraude présumée', 'suspected fraud'),
  termsServiceViolation: t('non-respect des conditions d’utilisation', 'terms of service violation'),
  listedProhibitedPersonCompany: t('inscription sur une liste de personnes ou d’entreprises interdites', 'listed as a prohibited person or company'),
  incompleteVerification: t('vérification d’identité incomplète', 'incomplete verification'),
  otherReason: t('autre motif', 'other reason'),
  fraudReportedPlatform: t('fraude signalée par la plateforme', 'fraud reported by the platform'),
  platformTermsService: t('conditions de la plateforme non respectées', 'platform terms of service'),
  platformDecision: t('décision de la plateforme', 'platform decision'),
  stripeRejectedAccount: (c: Text) =>
    t(`Stripe a refusé le compte (${c.fr})`, `Stripe rejected the account (${c.en})`),
  stripeDisabledAccountReason: (reason: string) =>
    t(`Stripe a désactivé le compte (motif « ${reason} »)`, `Stripe disabled the account (reason "${reason}")`),
  stripeReportsRestrictionAccount: (id: string, why: Text) =>
    t(`Stripe signale une restriction sur le compte ${id} : ${why.fr}.`, `Stripe reports a restriction on account ${id}: ${why.en}.`),
  paymentsDisabledStripeAccount: (id: string, why: Text) =>
    t(`Les paiements sont désactivés sur le compte Stripe ${id} : ${why.fr}.`, `Payments are disabled on Stripe account ${id}: ${why.en}.`),
  paymentsDisabledNoReason: (id: string) =>
    t(`Les paiements sont désactivés sur le compte Stripe ${id}, sans motif donné par Stripe.`, `Payments are disabled on Stripe account ${id}, with no reason given by Stripe.`),
  paymentsDisabledActivationUnfinished: (id: string) =>
    t(
      `Les paiements sont désactivés sur le compte Stripe ${id} : l’activation du compte n’a pas été terminée.`,
      `Payments are disabled on Stripe account ${id}: the account activation was not finished.`,
    ),
  payoutsDisabledAccountClub: (id: string) =>
    t(
      `Les virements sont désactivés sur le compte ${id} : le club encaisse mais ne reçoit pas l’argent.`,
      `Payouts are disabled on account ${id}: the club takes payments but does not receive the money.`,
    ),
  stripeAsksInformationWithout: (by: string | null, reqcurrentDeadline: number, due: string[]) =>
    t(
      `Stripe demande des informations${by ? ` avant le ${formatShopDay(reqcurrentDeadline, 'fr')}` : ''} (${due.join(', ')}) ; sans elles, le compte sera désactivé.`,
      `Stripe asks for information${by ? ` before ${by}` : ''} (${due.join(', ')}); without it the account will be disabled.`,
    ),
  upcomingStripeWillDisable: (why: Text) =>
    t(`À venir : Stripe désactivera le compte si rien n’est fait (${why.fr}).`, `Upcoming: Stripe will disable the account unless something is done (${why.en}).`),
  stripeCapabilityInactivity: (r: string, capName: string) =>
    t(
      `Stripe a ${r.startsWith('paused') ? 'mis en pause' : 'désactivé'} la fonctionnalité « ${capName} » pour inactivité (${r}).`,
      `Stripe ${r.startsWith('paused') ? 'paused' : 'disabled'} the "${capName}" capability for inactivity (${r}).`,
    ),
  cardPaymentsNotActive: (status: string, why: Text | null) =>
    t(
      `Le paiement par carte n’est pas actif sur le compte (${status}${why ? `, ${why.fr}` : ''}).`,
      `Card payments are not active on the account (${status}${why ? `, ${why.en}` : ''}).`,
    ),
  noPaymentDaysLast: (idleDays: number, newestcreated: number, dormantDays: number) =>
    t(
      `Aucun paiement depuis ${idleDays} jours (dernier le ${formatShopDay(newestcreated, 'fr')}, seuil ${dormantDays} jours) : après une période sans activité, Stripe met le compte en sécurité.`,
      `No payment for ${idleDays} days (last on ${formatShopDay(newestcreated, 'en')}, threshold ${dormantDays} days): after a period without activity, Stripe secures the account.`,
    ),
  noPaymentEverRecorded: (mode: 'test' | 'live' | null) =>
    t(
      `Aucun paiement n’a jamais été enregistré avec ces clés (mode ${mode ?? '?'}) : si le paiement ne s’ouvre pas, le compte est peut-être en sécurité.`,
      `No payment was ever recorded with these keys (${mode ?? '?'} mode): if payment does not open, the account may be secured.`,
    ),
  lastActivityUnknownPayment: t(' (dernière activité inconnue : les listes de paiements n’ont pas pu être lues)', ' (last activity unknown: the payment lists could not be read)'),
  stripeAccountTakesPayments: (id: string, idleDays: number | null, activityNote: Text) =>
    t(
      `Le compte Stripe ${id} encaisse et reçoit les virements${idleDays !== null ? ` ; dernier paiement il y a ${plurals(idleDays, DAYS).fr}` : ''}${activityNote.fr}.`,
      `Stripe account ${id} takes payments and receives payouts${idleDays !== null ? `; last payment ${plurals(idleDays, DAYS).en} ago` : ''}${activityNote.en}.`,
    ),
};

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
  return MESSAGES.clubCompletesRequestedInformation(list, listEn);
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
        why: MESSAGES.informationStripeAskedNot,
        steps: [DASHBOARD, completeRequirements(due)],
      };
    case 'requirements.pending_verification':
      return {
        why: MESSAGES.stripeVerifyingInformationProvided(req.pendingVerification),
        steps: [DASHBOARD, SEND_INVOICE, TICKET],
      };
    case 'under_review':
      return {
        why: MESSAGES.stripeReviewingAccountSecurity,
        steps: [DASHBOARD, SEND_INVOICE, TICKET],
      };
    case 'listed':
      return {
        why: MESSAGES.accountMayMatchList,
        steps: [DASHBOARD, CONTACT_STRIPE],
      };
    case 'platform_paused':
      return {
        why: MESSAGES.platformManagingAccountPaused,
        steps: [MESSAGES.contactPlatformManagingClub, TICKET],
      };
    case 'action_required.requested_capabilities':
      return {
        why: MESSAGES.requestedCapabilitiesCardPayments,
        steps: [DASHBOARD, completeRequirements(due)],
      };
    case 'other':
      return {
        why: MESSAGES.stripeDisabledAccountAnother(errors),
        steps: [DASHBOARD, ...(due.length ? [completeRequirements(due)] : []), SEND_INVOICE, CONTACT_STRIPE],
      };
    default:
      if (reason.startsWith('rejected.')) {
        const cause: Record<string, Text> = {
          'rejected.fraud': MESSAGES.suspectedFraud,
          'rejected.terms_of_service': MESSAGES.termsServiceViolation,
          'rejected.listed': MESSAGES.listedProhibitedPersonCompany,
          'rejected.incomplete_verification': MESSAGES.incompleteVerification,
          'rejected.other': MESSAGES.otherReason,
          'rejected.platform_fraud': MESSAGES.fraudReportedPlatform,
          'rejected.platform_terms_of_service': MESSAGES.platformTermsService,
          'rejected.platform_other': MESSAGES.platformDecision,
        };
        const c = cause[reason] ?? t(reason, reason);
        return {
          why: MESSAGES.stripeRejectedAccount(c),
          steps: [CONTACT_STRIPE, TICKET],
        };
      }
      return {
        why: MESSAGES.stripeDisabledAccountReason(reason),
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
          ? MESSAGES.stripeReportsRestrictionAccount(account.id, why)
          : MESSAGES.paymentsDisabledStripeAccount(account.id, why),
        steps,
      });
    } else if (!account.chargesEnabled) {
      findings.push({
        level: 'fail',
        message: account.detailsSubmitted
          ? MESSAGES.paymentsDisabledNoReason(account.id)
          : MESSAGES.paymentsDisabledActivationUnfinished(account.id),
        steps: account.detailsSubmitted ? [DASHBOARD, CONTACT_STRIPE] : [DASHBOARD, completeRequirements(req?.currentlyDue ?? [])],
      });
    }

    // 2. Payouts: the shop still takes payments, but the club is not paid.
    if (!account.payoutsEnabled && account.chargesEnabled) {
      findings.push({
        level: 'warn',
        message: MESSAGES.payoutsDisabledAccountClub(account.id),
        steps: [DASHBOARD, completeRequirements([...(req?.pastDue ?? []), ...(req?.currentlyDue ?? [])])],
      });
    }

    // 3. Information due before a deadline (not disabled yet).
    if (!reason && req && (req.currentlyDue.length || req.pastDue.length)) {
      const due = [...new Set([...req.pastDue, ...req.currentlyDue])];
      const by = req.currentDeadline ? formatShopDay(req.currentDeadline, 'en') : null;
      findings.push({
        level: 'warn',
        message: MESSAGES.stripeAsksInformationWithout(by, req.currentDeadline!, due),
        steps: [DASHBOARD, completeRequirements(due)],
      });
    }
    const future = account.futureRequirements;
    if (future?.disabledReason) {
      const { why, steps } = explainDisabled(future.disabledReason, future);
      findings.push({
        level: 'warn',
        message: MESSAGES.upcomingStripeWillDisable(why),
        steps,
      });
    }

    // 4. Capabilities: card payments must be active; inactivity has its own fix.
    for (const [capName, cap] of Object.entries(account.capabilities)) {
      const r = cap.disabledReason ?? null;
      if (r && INACTIVITY.has(r)) {
        findings.push({
          level: capName === 'card_payments' ? 'fail' : 'warn',
          message: MESSAGES.stripeCapabilityInactivity(r, capName),
          steps: REACTIVATE,
        });
      } else if (capName === 'card_payments' && cap.status !== 'active' && !findings.some((f) => f.level === 'fail')) {
        const why = r ? (CAPABILITY_REASON[r] ?? t(r, r)) : null;
        findings.push({
          level: cap.status === 'pending' ? 'warn' : 'fail',
          message: MESSAGES.cardPaymentsNotActive(cap.status, why),
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
        message: MESSAGES.noPaymentDaysLast(idleDays, newest.created!, dormantDays),
        steps: REACTIVATE,
      });
    } else if (newest.created === null && newest.known) {
      findings.push({
        level: 'warn',
        message: MESSAGES.noPaymentEverRecorded(account.mode),
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
      : MESSAGES.lastActivityUnknownPayment;
    if (findings.length === 0) {
      return {
        status: 'pass',
        message: MESSAGES.stripeAccountTakesPayments(account.id, idleDays, activityNote),
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
