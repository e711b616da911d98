import { describe, expect, it } from 'vitest';
import check from '../../checks/stripe-account-status.js';
import { PART_SCHEMAS, type StripeAccount, type StripeRequirements } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { NOW, makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const DAY = 86_400;
const nowUnix = Math.floor(NOW.getTime() / 1000);
const daysAgo = (n: number) => nowUnix - n * DAY;

const REQ: StripeRequirements = {
  disabledReason: null,
  currentDeadline: null,
  currentlyDue: [],
  eventuallyDue: [],
  pastDue: [],
  pendingVerification: [],
  errors: [],
};

const HEALTHY: StripeAccount = {
  id: 'acct_1FAKElyon0000001',
  mode: 'live',
  country: 'FR',
  chargesEnabled: true,
  payoutsEnabled: true,
  detailsSubmitted: true,
  requirements: REQ,
  futureRequirements: REQ,
  capabilities: { card_payments: { status: 'active' }, transfers: { status: 'active' } },
  lastActivity: { charges: { status: 'read', created: daysAgo(3) }, paymentIntents: { status: 'skipped' } },
};

function disabled(reason: string, extra: Partial<StripeRequirements> = {}): Partial<StripeAccount> {
  return { chargesEnabled: false, payoutsEnabled: false, requirements: { ...REQ, disabledReason: reason, ...extra } };
}

interface Row {
  name: string;
  account: Partial<StripeAccount>;
  options?: Record<string, unknown>;
  status: CheckOutcome['status'];
  says: string[];
  steps?: string[];
  evidence?: Record<string, unknown>;
}

const INVOICE = 'sending Stripe an invoice the shop gave it';
const REACTIVATE = ['logs into its Stripe account', 'keys are active', 'reactivate its account', '"Compte Stripe"'];

const rows: Row[] = [
  { name: 'healthy, recent charge', account: {}, status: 'pass', says: ['takes payments and receives payouts', 'last payment 3 days ago'], evidence: { idleDays: 3, dormantDays: 90 } },
  {
    name: 'requirements past due',
    account: disabled('requirements.past_due', { pastDue: ['business_profile.url', 'external_account'], currentlyDue: ['business_profile.url', 'external_account'] }),
    status: 'fail',
    says: ['Payments are disabled', 'not provided in time'],
    steps: ['completes the requested information in its Stripe dashboard: business_profile.url, external_account'],
    evidence: { disabledReason: 'requirements.past_due', requirements: { pastDue: ['business_profile.url', 'external_account'] } },
  },
  {
    name: 'pending verification',
    account: disabled('requirements.pending_verification', { pendingVerification: ['individual.verification.document'] }),
    status: 'fail',
    says: ['verifying information provided (individual.verification.document)'],
    steps: [INVOICE],
  },
  { name: 'under review (security check)', account: disabled('under_review'), status: 'fail', says: ['reviewing the account (security check)'], steps: [INVOICE, 'open a ticket'] },
  { name: 'listed', account: disabled('listed'), status: 'fail', says: ['prohibited persons or companies'], steps: ['contacts Stripe support'] },
  { name: 'platform paused', account: disabled('platform_paused'), status: 'fail', says: ['platform managing the account paused it'], steps: ['Contact the platform'] },
  { name: 'requested capabilities', account: disabled('action_required.requested_capabilities'), status: 'fail', says: ['requested capabilities'], steps: ['completes the requested information'] },
  {
    name: 'other (risk review)',
    account: disabled('other', { pastDue: ['interv_abc123.restricted_or_prohibited_industry_diligence.form'], errors: [{ code: 'verification_supportability', reason: 'Business not supported', requirement: 'interv_abc123' }] }),
    status: 'fail',
    says: ['another reason (often a risk review)', 'interv_abc123: Business not supported'],
    steps: ['interv_abc123.restricted_or_prohibited_industry_diligence.form', 'contacts Stripe support'],
  },
  ...(
    [
      ['rejected.fraud', 'suspected fraud'],
      ['rejected.terms_of_service', 'terms of service violation'],
      ['rejected.listed', 'listed as a prohibited person or company'],
      ['rejected.incomplete_verification', 'incomplete verification'],
      ['rejected.other', 'other reason'],
      ['rejected.platform_fraud', 'fraud reported by the platform'],
      ['rejected.platform_terms_of_service', 'platform terms of service'],
      ['rejected.platform_other', 'platform decision'],
      ['rejected.something_new', 'rejected.something_new'],
    ] as const
  ).map(([reason, says]): Row => ({ name: reason, account: disabled(reason), status: 'fail', says: ['Stripe rejected the account', says], steps: ['contacts Stripe support'] })),
  { name: 'unknown disabled_reason', account: disabled('brand_new.reason'), status: 'fail', says: ['reason "brand_new.reason"'], steps: ['contacts Stripe support'], evidence: { disabledReason: 'brand_new.reason' } },
  { name: 'charges disabled without reason', account: { chargesEnabled: false }, status: 'fail', says: ['no reason given by Stripe'] },
  { name: 'activation not finished', account: { chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirements: { ...REQ, currentlyDue: ['tos_acceptance.date'] } }, status: 'fail', says: ['activation was not finished'], steps: ['tos_acceptance.date'] },
  { name: 'payouts disabled only', account: { payoutsEnabled: false }, status: 'warn', says: ['Payouts are disabled', 'does not receive the money'] },
  {
    name: 'information due before a deadline',
    account: { requirements: { ...REQ, currentlyDue: ['company.tax_id'], currentDeadline: daysAgo(-10) } },
    status: 'warn',
    says: ['before 2026-12-03', 'company.tax_id', 'will be disabled'],
  },
  { name: 'future requirements will disable', account: { futureRequirements: { ...REQ, disabledReason: 'requirements.past_due', currentlyDue: ['company.owners_provided'] } }, status: 'warn', says: ['Upcoming'], evidence: { futureDisabledReason: 'requirements.past_due' } },
  {
    name: 'card payments paused for inactivity',
    account: { capabilities: { card_payments: { status: 'inactive', disabledReason: 'paused.inactivity' } } },
    status: 'fail',
    says: ['paused the "card_payments" capability for inactivity (paused.inactivity)'],
    steps: REACTIVATE,
  },
  { name: 'rejected.inactivity', account: { capabilities: { card_payments: { status: 'inactive', disabledReason: 'rejected.inactivity' } } }, status: 'fail', says: ['disabled the "card_payments" capability for inactivity'], steps: REACTIVATE },
  { name: 'old spelling rejected.inactivty', account: { capabilities: { card_payments: { status: 'inactive', disabledReason: 'rejected.inactivty' } } }, status: 'fail', says: ['for inactivity (rejected.inactivty)'], steps: REACTIVATE },
  { name: 'another capability inactive for inactivity', account: { capabilities: { card_payments: { status: 'active' }, transfers: { status: 'inactive', disabledReason: 'paused.inactivity' } } }, status: 'warn', says: ['"transfers" capability for inactivity'] },
  { name: 'card payments inactive, other reason', account: { capabilities: { card_payments: { status: 'inactive', disabledReason: 'rejected.unsupported_business' } } }, status: 'fail', says: ['Card payments are not active', 'business not supported by Stripe'] },
  { name: 'card payments pending', account: { capabilities: { card_payments: { status: 'pending', disabledReason: 'pending.review' } } }, status: 'warn', says: ['(pending, being reviewed by Stripe)'] },
  {
    name: 'dormant: last charge 200 days ago',
    account: { lastActivity: { charges: { status: 'read', created: daysAgo(200) }, paymentIntents: { status: 'skipped' } } },
    status: 'warn',
    says: ['No payment for 200 days', 'threshold 90 days', 'Stripe secures the account'],
    steps: REACTIVATE,
    evidence: { idleDays: 200 },
  },
  { name: 'not dormant at 60 days', account: { lastActivity: { charges: { status: 'read', created: daysAgo(60) }, paymentIntents: { status: 'skipped' } } }, status: 'pass', says: ['60 days ago'] },
  {
    name: 'dormantDays option lowers the threshold',
    account: { lastActivity: { charges: { status: 'read', created: daysAgo(60) }, paymentIntents: { status: 'skipped' } } },
    options: { dormantDays: 30 },
    status: 'warn',
    says: ['No payment for 60 days', 'threshold 30 days'],
  },
  {
    name: 'newest of charges and payment intents counts',
    account: { lastActivity: { charges: { status: 'read', created: null }, paymentIntents: { status: 'read', created: daysAgo(10) } } },
    status: 'pass',
    says: ['10 days ago'],
  },
  {
    name: 'never charged',
    account: { lastActivity: { charges: { status: 'read', created: null }, paymentIntents: { status: 'read', created: null } } },
    status: 'warn',
    says: ['No payment was ever recorded', 'live mode'],
    steps: REACTIVATE,
  },
  {
    name: 'activity unreadable (restricted key)',
    account: {
      lastActivity: {
        charges: { status: 'forbidden', error: { status: 403, message: 'no permission' } },
        paymentIntents: { status: 'forbidden', error: { status: 403, message: 'no permission' } },
      },
    },
    status: 'pass',
    says: ['last activity unknown'],
    evidence: { idleDays: null },
  },
  { name: 'requirements absent from the account object', account: { requirements: null, futureRequirements: null }, status: 'pass', says: ['takes payments'] },
];

function run(row: Row): CheckOutcome {
  const account = PART_SCHEMAS['club.stripeAccount'].parse({ ...HEALTHY, ...row.account });
  return check.run(makeCtx({ 'club.stripeAccount': account }, { options: { ...check.meta.defaultOptions, ...row.options } })) as CheckOutcome;
}

describe('stripe-account-status: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    const steps = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(steps).toContain(step);
    if (row.status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
    else expect(outcome.remediation?.length).toBeGreaterThan(0);
    if (row.evidence) expect(outcome.evidence).toMatchObject(row.evidence);
    expect(outcome.message.fr.length).toBeGreaterThan(0);
  });

  it('speaks French with the FAQ advice', () => {
    const review = run(rows.find((r) => r.name.startsWith('under review'))!);
    expect(remediationText(review, 'fr')).toContain('en lui envoyant une facture que la boutique a transmise au club');
    const dormant = run(rows.find((r) => r.name.startsWith('dormant'))!);
    expect(dormant.message.fr).toContain('Aucun paiement depuis 200 jours');
    const fr = remediationText(dormant, 'fr');
    expect(fr).toContain('Vérifiez dans Développeurs > Clés API que les clés sont actives');
    expect(fr).toContain('suivez-le pour réactiver le compte');
    expect(fr).toContain('« Accès rapide » > « Compte Stripe »');
    // A menu of the club platform's back office: the stock PrestaShop path is the alternative.
    expect(fr).toContain('back-office de la plateforme club : ouvrez « Accès rapide »');
    expect(fr).toContain('sur un PrestaShop standard : Modules > Gestionnaire de modules > Stripe > Configurer, puis « Enregistrer »');
    expect(remediationText(dormant, 'en')).toContain('on a stock PrestaShop: Modules > Module Manager > Stripe > Configure, then "Save"');
  });

  it('declares dormantDays 90 by default', () => {
    expect(check.meta.defaultOptions).toEqual({ dormantDays: 90 });
  });
});

describe('stripe-account-status: through the runner', () => {
  it('a part the sources cannot see becomes manual with the steps a person follows', async () => {
    const { snapshot, club } = makeSnapshot({
      clubParts: {
        'club.stripeAccount': { status: 'unavailable', reason: { fr: 'Stripe non interrogé.', en: 'Stripe was not asked.' } },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('manual');
    expect(result!.message.en).toBe('Stripe was not asked.');
    expect(result!.remediation.map((r) => r.en).join('\n')).toContain('reactivate its account');
  });

  it('uses the snapshot time and the configured dormantDays', async () => {
    const account = { ...HEALTHY, lastActivity: { charges: { status: 'read', created: daysAgo(100) }, paymentIntents: { status: 'skipped' } } };
    const { snapshot, club } = makeSnapshot({ clubParts: { 'club.stripeAccount': ok(account) } });
    const [byDefault] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(byDefault!.status).toBe('warn');
    const [relaxed] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'stripe-account-status': { options: { dormantDays: 365 } } } });
    expect(relaxed!.status).toBe('pass');
  });

  it('a failed account part (key refused) becomes error with the fix', async () => {
    const { snapshot, club } = makeSnapshot({
      clubParts: {
        'club.stripeAccount': {
          status: 'failed',
          cause: { source: 'stripe', kind: 'key-expired', host: 'api.stripe.com', status: 401, code: 'api_key_expired', message: 'Expired API Key provided: sk_live_****0001', fix: [{ fr: 'Ressaisissez la clé.', en: 'Re-enter the key.' }] },
        },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('api_key_expired');
    expect(result!.remediation.map((r) => r.en)).toEqual(['Re-enter the key.']);
  });
});
