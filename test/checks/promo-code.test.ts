import { describe, expect, it } from 'vitest';
import check from '../../checks/promo-code.js';
import type { CartRule, Customer, Group } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { lookupKey, type Snapshot } from '../../src/engine/snapshot.js';
import type { CheckContext, CheckOutcome, Query } from '../../src/engine/types.js';

// 2026-11-23 11:00:00 in Paris (UTC+1 in winter).
const NOW = new Date('2026-11-23T10:00:00Z');
const CLUB_GROUP: Group = { id: 4, name: 'FC Lyon' };

function rule(over: Partial<CartRule> = {}): CartRule {
  return {
    id: 7,
    code: 'LYON10',
    name: 'Lyon -10 %',
    active: true,
    dateFrom: '2026-09-01 00:00:00',
    dateTo: '2027-06-30 23:59:59',
    quantity: 100,
    quantityPerUser: 1,
    minimumAmount: 0,
    customerId: 0,
    groupRestriction: false,
    groupIds: null,
    productRestriction: false,
    productRuleGroups: null,
    usesByCustomer: 0,
    ...over,
  };
}

function customer(over: Partial<Customer> = {}): Customer {
  return { id: 12, email: 'marie@example.fr', active: true, deleted: false, isGuest: false, defaultGroupId: 4, groupIds: [3, 4], ...over };
}

interface Input {
  rules?: CartRule[];
  code?: string;
  group?: Group | null;
  customers?: Customer[] | 'unavailable';
  customerQuery?: string;
  configuration?: Record<string, string | null>;
  options?: Record<string, unknown>;
}

function ctx(input: Input): CheckContext {
  const query: Query = { code: input.code ?? 'LYON10' };
  const parts: CheckContext['parts'] = {
    'prestashop.cartRule': { code: query.code!, matches: input.rules ?? [rule()] },
    'club.group': input.group === undefined ? CLUB_GROUP : input.group,
  };
  const unavailable: CheckContext['unavailable'] = {};
  if (input.customers !== undefined || input.customerQuery !== undefined) {
    query.customer = input.customerQuery ?? 'marie@example.fr';
    if (input.customers === 'unavailable') unavailable['prestashop.customer'] = { fr: 'webservice seulement', en: 'webservice only' };
    else parts['prestashop.customer'] = { query: query.customer, matches: input.customers ?? [] };
  }
  if (input.configuration) parts['prestashop.configuration'] = input.configuration;
  return { club: { name: 'FC Lyon' }, parts, unavailable, options: { ...check.meta.defaultOptions, ...input.options }, query, now: NOW };
}

function text(o: CheckOutcome): string {
  return [o.message, ...(o.remediation ?? [])].map((x) => `${x.fr}\n${x.en}`).join('\n');
}

interface Row {
  name: string;
  input: Input;
  status: CheckOutcome['status'];
  /** Substrings the message (both languages) must contain. */
  message?: string[];
  /** Substrings the remediation (both languages) must contain. */
  remediation?: string[];
  /** Substrings nothing may contain. */
  absent?: string[];
}

const rows: Row[] = [
  // Pass cases: every deciding fact read, the asked customer's uses included.
  { name: 'a plain valid code', input: { customers: [customer()] }, status: 'pass', message: ['LYON10', 'n° 7', 'jusqu’au 30/06/2027 à 23:59', '100 uses left', 'used it 0 times'] },
  { name: 'the code typed in another case', input: { code: 'lyon10', customers: [customer()] }, status: 'pass', message: ['LYON10'] },
  { name: 'no start date (0000-00-00)', input: { rules: [rule({ dateFrom: '0000-00-00 00:00:00' })], customers: [customer()] }, status: 'pass' },
  {
    name: 'a group restriction that lists the club group',
    input: { rules: [rule({ groupRestriction: true, groupIds: [3, 4] })], customers: [customer()] },
    status: 'pass',
    message: ['Réservée aux groupes n° 3, 4, dont celui du club'],
  },
  {
    name: 'a group restriction met by the asked customer but not the club group',
    input: { rules: [rule({ groupRestriction: true, groupIds: [9] })], customers: [customer({ groupIds: [3, 9] })] },
    status: 'pass',
    message: ['may use it', 'is not listed'],
  },
  {
    name: 'a minimum amount in a currency written as an ISO code',
    input: { rules: [rule({ minimumAmount: 30, minimumAmountCurrency: 'EUR', minimumAmountTaxIncluded: true, minimumAmountShippingIncluded: false })], customers: [customer()] },
    status: 'pass',
    message: ['30,00\u00a0€ TTC, hors frais de port', 'The cart must reach €30.00 tax incl., shipping excluded'],
  },
  {
    name: 'a minimum amount in the currency the source resolved',
    input: { rules: [rule({ minimumAmount: 150, minimumAmountCurrency: '1', minimumAmountCurrencyResolved: { id: 1, isoCode: 'EUR', symbol: '€', fromDefault: false } })], customers: [customer()] },
    status: 'pass',
    message: ['150,00\u00a0€', '€150.00'],
    absent: ['150 1', '150,00 1'],
  },
  {
    name: 'a currency Intl does not know is shown with the shop\'s symbol',
    input: { rules: [rule({ minimumAmount: 12.5, minimumAmountCurrency: '3', minimumAmountCurrencyResolved: { id: 3, isoCode: 'XCL', symbol: 'Ꝃ', fromDefault: false } })], customers: [customer()] },
    status: 'pass',
    message: ['12,50\u00a0Ꝃ', 'Ꝃ'],
    absent: ['XCL'],
  },
  {
    name: 'a currency id that could not be resolved is labelled, never glued to the amount',
    input: { rules: [rule({ minimumAmount: 150, minimumAmountCurrency: '1', minimumAmountCurrencyResolved: null })], customers: [customer()] },
    status: 'pass',
    message: ['150 (devise n° 1, non résolue)', '150 (currency #1, not resolved)'],
  },
  {
    name: 'currency 0 unresolved falls back to PS_CURRENCY_DEFAULT, labelled',
    input: { rules: [rule({ minimumAmount: 19.9, minimumAmountCurrency: '0' })], customers: [customer()], configuration: { PS_CURRENCY_DEFAULT: '2' } },
    status: 'pass',
    message: ['19,90 (devise n° 2, non résolue)', '19.90 (currency #2, not resolved)'],
  },
  {
    name: 'a product restriction with its rules',
    input: {
      rules: [
        rule({
          productRestriction: true,
          productRuleGroups: [{ quantity: 1, rules: [{ type: 'categories', ids: [12] }, { type: 'products', ids: [5, 6] }] }],
        }),
      ],
      customers: [customer()],
    },
    status: 'pass',
    message: ['au moins 1 article parmi catégories n° 12 ; produits n° 5, 6', 'categories #12; products #5, 6'],
  },
  {
    name: 'reserved for the asked customer',
    input: { rules: [rule({ customerId: 12 })], customers: [customer()] },
    status: 'pass',
    absent: ['reserved for customer #12'],
  },
  {
    name: 'per-customer uses left',
    input: { rules: [rule({ quantityPerUser: 2, usesByCustomer: 1 })], customers: [customer()] },
    status: 'pass',
    message: ['used it 1 time.'],
  },
  {
    name: 'duplicate codes: the oldest rule is checked',
    input: { rules: [rule({ id: 9, active: false }), rule({ id: 7 })], customers: [customer()] },
    status: 'pass',
    message: ['#7, 9', 'the oldest (#7)'],
  },
  {
    name: 'the shop time zone moves "now" past the end date',
    // 10:00 UTC = 11:00 in Paris, 19:00 in Tokyo; the rule ends at 12:00 shop time.
    input: { rules: [rule({ dateTo: '2026-11-23 12:00:00' })], configuration: { PS_TIMEZONE: 'Asia/Tokyo' } },
    status: 'fail',
    message: ['expired on 2026-11-23 12:00', '2026-11-23 19:00'],
  },
  {
    name: 'the default Paris time zone keeps the code valid until noon',
    input: { rules: [rule({ dateTo: '2026-11-23 12:00:00' })], customers: [customer()] },
    status: 'pass',
  },

  // Manual: a fact that decides the verdict could not be read, so no pass.
  {
    name: 'no --customer: the per-customer limit cannot be verified',
    input: {},
    status: 'manual',
    message: ['Utilisable 1 fois par client', "without --customer, a customer's past uses are not counted"],
    remediation: ['--customer', 'Commandes > Commandes', 'Payment error'],
  },
  {
    name: 'no account matches the asked customer: uses unknown',
    input: { customers: [] },
    status: 'manual',
    message: ['could not be identified'],
    remediation: ['--customer'],
  },
  {
    name: 'customers unreadable (unavailable): uses unknown',
    input: { customers: 'unavailable' },
    status: 'manual',
    message: ['could not be read (webservice only)', 'could not be identified'],
  },
  {
    name: 'per-customer uses unknown, with the reason',
    input: { rules: [rule({ quantityPerUser: 2, usesByCustomer: null, usesByCustomerCause: 'order_cart_rules: resource not granted' })], customers: [customer()] },
    status: 'manual',
    message: ['could not be read (order_cart_rules: resource not granted)'],
    remediation: ['Commandes > Commandes'],
  },
  {
    name: 'uses counted for another account than the asked one are not used',
    input: { rules: [rule({ quantityPerUser: 1, usesByCustomer: 0, usesCustomerId: 99 })], customers: [customer()] },
    status: 'manual',
    message: ['could not be read'],
  },
  {
    name: 'a product restriction whose rules are unknown',
    input: { rules: [rule({ productRestriction: true, productRuleGroups: null })], customers: [customer()] },
    status: 'manual',
    message: ['restricted to some products, which the webservice cannot read'],
    remediation: ['Restriction de produits', 'Product selection'],
  },
  {
    name: 'reserved for a customer, none asked: to verify',
    input: { rules: [rule({ customerId: 55 })] },
    status: 'manual',
    message: ['Reserved for customer #55 only'],
    remediation: ['Limiter à un seul client', 'n° 55'],
  },
  {
    name: 'country, carrier and shop restrictions: their lists are not read',
    input: { rules: [rule({ countryRestriction: true, carrierRestriction: true, shopRestriction: true })], customers: [customer()] },
    status: 'manual',
    message: ['delivery countries', 'carriers', 'shops'],
    remediation: ['Restriction de pays', 'Carrier selection', 'Shop selection'],
  },

  // One row per failure reason.
  {
    name: 'unknown code',
    input: { code: 'NOPE', rules: [] },
    status: 'fail',
    message: ['« NOPE »', 'unknown'],
    remediation: ['Catalogue > Réductions > Règles panier', 'Get It', 'ticket'],
  },
  {
    name: 'unknown code with a near match from the source',
    input: { code: 'LYON-10', rules: [rule()] },
    status: 'fail',
    message: ['Close codes: LYON10'],
  },
  { name: 'disabled rule', input: { rules: [rule({ active: false })] }, status: 'fail', message: ['disabled'], remediation: ['« Informations »', 'Statut'] },
  {
    name: 'not started yet',
    input: { rules: [rule({ dateFrom: '2026-12-01 00:00:00' })] },
    status: 'fail',
    message: ['begins on 2026-12-01 00:00'],
    remediation: ['Valide du', 'Catalogue > Réductions > Règles panier'],
  },
  { name: 'expired', input: { rules: [rule({ dateTo: '2026-10-31 23:59:59' })] }, status: 'fail', message: ['expired on 2026-10-31 23:59'], remediation: ['end date'] },
  { name: 'expired, date-only end date', input: { rules: [rule({ dateTo: '2026-11-22' })] }, status: 'fail', message: ['expired on 2026-11-22 23:59'] },
  { name: 'empty end date', input: { rules: [rule({ dateTo: '0000-00-00 00:00:00' })] }, status: 'fail', message: ['0000-00-00'] },
  { name: 'no quantity left', input: { rules: [rule({ quantity: 0 })] }, status: 'fail', message: ['no use left'], remediation: ['Quantité totale disponible'] },
  { name: 'zero per customer', input: { rules: [rule({ quantityPerUser: 0 })] }, status: 'fail', message: ['no customer can use it'], remediation: ['Quantité disponible pour chaque utilisateur'] },
  {
    name: 'the asked customer used up their share',
    input: { rules: [rule({ quantityPerUser: 1, usesByCustomer: 1, usesCustomerId: 12 })], customers: [customer()] },
    status: 'fail',
    message: ['already used it 1 time out of 1', 'cancelled ones included'],
    remediation: ['Total available for each user'],
  },
  {
    name: 'a fail also names what is left to verify',
    input: { rules: [rule({ active: false, productRestriction: true, productRuleGroups: null })] },
    status: 'fail',
    message: ['disabled', '(to verify) uses per customer not counted', '(to verify) product restriction unreadable'],
    remediation: ['Statut', 'Restriction de produits', '--customer'],
  },
  {
    name: 'reserved for another customer than the asked one',
    input: { rules: [rule({ customerId: 99 })], customers: [customer()] },
    status: 'fail',
    message: ['reserved for customer #99', '(#12)'],
    remediation: ['Limiter à un seul client'],
  },
  {
    name: 'reserved for another customer, asked by id while customers are unreadable',
    input: { rules: [rule({ customerId: 99 })], customers: 'unavailable', customerQuery: '12' },
    status: 'fail',
    message: ['reserved for customer #99', 'could not be read (webservice only)'],
  },
  {
    name: 'group restriction without the club group',
    input: { rules: [rule({ groupRestriction: true, groupIds: [3, 8] })] },
    status: 'fail',
    message: ['groups #3, 8', '"FC Lyon" (#4)'],
    remediation: ['Restriction de groupes de clients', 'ajoutez « FC Lyon » (n° 4)'],
  },
  {
    name: 'group restriction and the club has no group',
    input: { group: null, rules: [rule({ groupRestriction: true, groupIds: [3] })] },
    status: 'fail',
    message: ['has no customer group'],
    remediation: ['Clients > Groupes'],
  },
  {
    name: 'group restriction the asked customer is outside of, although the club is listed',
    input: { rules: [rule({ groupRestriction: true, groupIds: [4] })], customers: [customer({ groupIds: [3] })] },
    status: 'fail',
    message: ['none of customer "marie@example.fr"\'s groups', 'customer-club-membership'],
  },
  {
    name: 'group restriction and the asked customer has no group row at all (default group the club)',
    input: { rules: [rule({ groupRestriction: true, groupIds: [4] })], customers: [customer({ groupIds: [], defaultGroupId: 4 })] },
    status: 'fail',
    message: ['customer "marie@example.fr" is in no customer group at all', 'default group does not count on its own'],
    remediation: ['« Accès des groupes », cochez « Client » et le groupe du club'],
    absent: ["'s groups"],
  },
  {
    name: 'group restriction unreadable: manual',
    input: { rules: [rule({ groupRestriction: true, groupIds: null })] },
    status: 'manual',
    message: ['webservice cannot read'],
    remediation: ['Conditions » > « Restrictions » > « Restriction de groupes de clients »', '« FC Lyon » (n° 4)'],
  },
  {
    name: 'group restriction unreadable but expired: fail that names both',
    input: { rules: [rule({ groupRestriction: true, groupIds: null, dateTo: '2026-01-01 00:00:00' })] },
    status: 'fail',
    message: ['expired', 'group restriction unreadable'],
    remediation: ['Restriction de groupes de clients'],
  },
  {
    name: 'several failures are listed together',
    input: { rules: [rule({ active: false, quantity: 0, dateTo: '2026-01-01 00:00:00' })] },
    status: 'fail',
    message: ['- the rule is disabled', '- no use left', '- the code expired on 2026-01-01 00:00'],
    remediation: ['Statut', 'Quantité totale disponible', 'repoussez la date de fin'],
  },
  // Multistore (CartRule::checkValidity counts the customer's orders of every shop).
  {
    name: 'uses counted in every shop (SQL) and below the limit: pass',
    input: { rules: [rule({ quantityPerUser: 2, usesByCustomer: 1, usesByCustomerScope: 'all-shops' })], customers: [customer()] },
    status: 'pass',
    message: ['used it 1 time.'],
  },
  {
    name: 'uses counted in every active shop (webservice, id_shop=all) and below the limit: pass',
    input: { rules: [rule({ quantityPerUser: 2, usesByCustomer: 1, usesByCustomerScope: 'active-shops' })], customers: [customer()] },
    status: 'pass',
    absent: ['other shops'],
  },
  {
    name: 'uses counted in this shop only and below the limit: to verify, never a pass',
    input: { rules: [rule({ quantityPerUser: 2, usesByCustomer: 1, usesByCustomerScope: 'shop' })], customers: [customer()] },
    status: 'manual',
    message: ['used it 1 time in this shop', 'their orders in the other shops', 'l’a utilisé 1 fois dans cette boutique', 'autres boutiques'],
    remediation: ['"All shops"', '« Toutes les boutiques »'],
  },
  {
    name: 'uses counted in this shop only already reach the limit: a certain failure',
    input: { rules: [rule({ quantityPerUser: 1, usesByCustomer: 1, usesByCustomerScope: 'shop' })], customers: [customer()] },
    status: 'fail',
    message: ['already used it 1 time out of 1 allowed'],
    absent: ['other shops'],
  },
  // CartRule::checkValidity reads the customer_group rows whatever PS_GROUP_FEATURE_ACTIVE says
  // (unlike Customer::getGroupsStatic): the customer-group feature changes nothing here.
  {
    name: 'group restriction with the customer-group feature off: the rows still decide',
    input: { rules: [rule({ groupRestriction: true, groupIds: [4] })], customers: [customer({ groupIds: [3, 4] })], configuration: { PS_GROUP_FEATURE_ACTIVE: '0', PS_CUSTOMER_GROUP: '3' } },
    status: 'pass',
  },
];

describe('promo-code', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = check.run(ctx(row.input)) as CheckOutcome;
    expect(outcome.status).toBe(row.status);
    const message = `${outcome.message.fr}\n${outcome.message.en}`;
    for (const s of row.message ?? []) expect(message).toContain(s);
    const remediation = (outcome.remediation ?? []).map((x) => `${x.fr}\n${x.en}`).join('\n');
    for (const s of row.remediation ?? []) expect(remediation).toContain(s);
    for (const s of row.absent ?? []) expect(text(outcome)).not.toContain(s);
    if (outcome.status === 'fail' || outcome.status === 'manual') expect(outcome.remediation?.length).toBeGreaterThan(0);
  });

  it('names the rule and its conditions in the evidence', () => {
    const outcome = check.run(ctx({ rules: [rule({ groupRestriction: true, groupIds: [4], minimumAmount: 25 })] })) as CheckOutcome;
    expect(outcome.evidence).toMatchObject({
      id: 7,
      code: 'LYON10',
      dateFrom: '2026-09-01 00:00:00',
      dateTo: '2027-06-30 23:59:59',
      quantity: 100,
      quantityPerUser: 1,
      groupRestriction: true,
      groupIds: [4],
      clubGroupId: 4,
      minimumAmount: 25,
      shopTime: '2026-11-23 11:00:00',
      timeZone: 'Europe/Paris',
    });
  });

  it('every fail and manual text exists in both languages', () => {
    for (const row of rows) {
      const outcome = check.run(ctx(row.input)) as CheckOutcome;
      for (const x of [outcome.message, ...(outcome.remediation ?? [])]) {
        expect(x.fr.trim()).not.toBe('');
        expect(x.en.trim()).not.toBe('');
      }
    }
  });
});

describe('promo-code through the runner', () => {
  function snapshot(lookups: Snapshot['lookups'], clubGroup: unknown = CLUB_GROUP): Snapshot {
    return {
      format: 'checkout-doctor-snapshot',
      schemaVersion: 1,
      generatedAt: NOW.toISOString(),
      shop: {},
      sources: {},
      parts: {},
      lookups,
      clubs: [{ name: 'FC Lyon', parts: { 'club.group': { status: 'ok', data: clubGroup } } }],
    };
  }
  const lookups: Snapshot['lookups'] = {
    code: { [lookupKey('code', 'LYON10')]: { status: 'ok', data: { code: 'LYON10', matches: [rule({ active: false })] } } },
  };

  it('skips without --code', async () => {
    const snap = snapshot(lookups);
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: {} });
    expect(result!.status).toBe('skip');
    expect(result!.message.en).toContain('--code');
  });

  it('finds the lookup by its normalised key and runs the check', async () => {
    const snap = snapshot(lookups);
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { code: '  Lyon10 ' } });
    expect(result!.status).toBe('fail');
    expect(result!.message.en).toContain('disabled');
    expect(result!.evidence).toMatchObject({ id: 7, shopTime: '2026-11-23 11:00:00' });
  });

  it('errors when the snapshot holds nothing for the code', async () => {
    const snap = snapshot(lookups);
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { code: 'OTHER' } });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('lyon10');
  });

  it('errors when the club group part is missing', async () => {
    const snap = snapshot(lookups);
    snap.clubs[0]!.parts = {};
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { code: 'LYON10' } });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('club.group');
  });

  it('uses the customer lookup when --customer is given', async () => {
    const snap = snapshot({
      ...lookups,
      code: { lyon10: { status: 'ok', data: { code: 'LYON10', matches: [rule({ customerId: 99 })] } } },
      customer: { [lookupKey('customer', 'Marie@Example.fr')]: { status: 'ok', data: { query: 'marie@example.fr', matches: [customer()] } } },
    });
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { code: 'LYON10', customer: 'Marie@Example.fr' } });
    expect(result!.status).toBe('fail');
    expect(result!.message.en).toContain('reserved for customer #99');
  });
});
