import { describe, expect, it } from 'vitest';
import check from '../../checks/stripe-keys-format.js';
import type { StripeKeys } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { parseSnapshot } from '../../src/engine/snapshot.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { describeKey } from '../../src/secrets/stripe-key.js';
import { allText, makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

// Fake keys shaped like Stripe's (not real keys).
const B1 = 'aB3dE5fG7hJ9kL1mN2pQ4rS6';
const B2 = 'Zy9XwV8uT7sR6qP5oN4mL3kJ';
const ACCOUNT_A = '51AbCdEfGhIjKlMnO';
const ACCOUNT_B = '51ZyXwVuTsRqPoNmL';
const newBody = (account: string, tail: string) => (account + tail.repeat(100)).slice(0, 99);

const PK_TEST = `pk_test_${B1}`;
const SK_TEST = `sk_test_${B2}`;
const PK_LIVE = `pk_live_${B1}`;
const SK_LIVE = `sk_live_${B2}`;
const PK_NEW_A = `pk_live_${newBody(ACCOUNT_A, 'q1')}`;
const SK_NEW_A = `sk_live_${newBody(ACCOUNT_A, 'w2')}`;
const SK_NEW_B = `sk_live_${newBody(ACCOUNT_B, 'w2')}`;
const ALL_RAW = [PK_TEST, SK_TEST, PK_LIVE, SK_LIVE, PK_NEW_A, SK_NEW_A, SK_NEW_B];

interface Row {
  name: string;
  pk: string | null;
  sk: string | null;
  origin?: StripeKeys['origin'];
  mode?: StripeKeys['mode'];
  status: CheckOutcome['status'];
  /** Problem codes expected in evidence.problems (exactly). */
  problems?: string[];
  /** Phrases the English message must contain. */
  says?: string[];
  /** Phrases the French message must contain. */
  dit?: string[];
}

function run(row: Pick<Row, 'pk' | 'sk' | 'origin' | 'mode'>) {
  const keys: StripeKeys = {
    origin: row.origin ?? 'config',
    mode: row.mode ?? null,
    publishableKey: row.pk === null ? null : describeKey(row.pk),
    secretKey: row.sk === null ? null : describeKey(row.sk),
  };
  return check.run(makeCtx({ 'club.stripeKeys': keys })) as CheckOutcome;
}

const rows: Row[] = [
  { name: 'old-style test pair', pk: PK_TEST, sk: SK_TEST, status: 'pass', says: ['pk_test_…4rS6', 'sk_test_…L3kJ', 'test mode'] },
  { name: 'old-style live pair, shop in live mode', pk: PK_LIVE, sk: SK_LIVE, origin: 'shop', mode: 'live', status: 'pass', says: ['live mode'] },
  { name: 'restricted key as the secret key', pk: PK_LIVE, sk: `rk_live_${B2}`, status: 'pass' },
  { name: 'new-style pair of one account', pk: PK_NEW_A, sk: SK_NEW_A, status: 'pass' },

  { name: 'publishable key missing', pk: null, sk: SK_TEST, status: 'fail', problems: ['publishableKey-missing'], says: ['publishable key is missing'], dit: ['clé publique est absente'] },
  { name: 'secret key empty', pk: PK_TEST, sk: '', status: 'fail', problems: ['secretKey-missing'], says: ['secret key is missing'] },
  { name: 'secret key blank (spaces only)', pk: PK_TEST, sk: '   ', status: 'fail', problems: ['secretKey-missing'] },
  { name: 'both keys missing', pk: null, sk: null, status: 'fail', problems: ['publishableKey-missing', 'secretKey-missing'], says: ['2 problems'] },
  { name: 'keys swapped', pk: SK_TEST, sk: PK_TEST, status: 'fail', problems: ['keys-swapped'], says: ['swapped'], dit: ['inversées'] },
  { name: 'webhook secret as the secret key', pk: PK_TEST, sk: `whsec_${B2}${B1}`, status: 'fail', problems: ['secretKey-wrong-kind'], says: ['webhook signing secret', 'must start with sk_'] },
  { name: 'publishable key in the secret field', pk: PK_TEST, sk: `pk_test_${B2}`, status: 'fail', problems: ['secretKey-wrong-kind'], says: ['secret key field holds a publishable key'] },
  { name: 'secret key in the publishable field', pk: `sk_test_${B1}`, sk: SK_TEST, status: 'fail', problems: ['publishableKey-wrong-kind'], says: ['publishable key field holds a secret key', 'must start with pk_'] },
  { name: 'not a Stripe key at all', pk: 'mon-identifiant-stripe', sk: SK_TEST, status: 'fail', problems: ['publishableKey-wrong-kind'], says: ['not a recognised Stripe key'] },
  { name: 'trailing newline', pk: PK_TEST, sk: `${SK_TEST}\n`, status: 'fail', problems: ['secretKey-contaminated'], says: ['line break', 'character 33', 'U+000A'], dit: ['retour à la ligne', 'caractère n° 33'] },
  { name: 'leading space', pk: ` ${PK_TEST}`, sk: SK_TEST, status: 'fail', problems: ['publishableKey-contaminated'], says: ['leading space', 'character 1'] },
  { name: 'trailing space', pk: PK_TEST, sk: `${SK_TEST} `, status: 'fail', problems: ['secretKey-contaminated'], says: ['trailing space'] },
  { name: 'space inside', pk: `pk_test_${B1.slice(0, 4)} ${B1.slice(4)}`, sk: SK_TEST, status: 'fail', problems: ['publishableKey-contaminated'], says: ['space inside the key', 'character 13'] },
  { name: 'surrounding quotes', pk: PK_TEST, sk: `"${SK_TEST}"`, status: 'fail', problems: ['secretKey-contaminated'], says: ['quote mark (character 1', 'quote mark (character 34'] },
  { name: 'zero-width space', pk: `pk_test_\u200b${B1}`, sk: SK_TEST, status: 'fail', problems: ['publishableKey-contaminated'], says: ['invisible character', 'U+200B'] },
  { name: 'non-breaking space', pk: PK_TEST, sk: `${SK_TEST}\u00a0`, status: 'fail', problems: ['secretKey-contaminated'], says: ['non-breaking space', 'U+00A0'], dit: ['espace insécable'] },
  { name: 'control character', pk: PK_TEST, sk: `sk_test_\u0008${B2}`, status: 'fail', problems: ['secretKey-contaminated'], says: ['control character', 'U+0008'] },
  { name: 'unexpected printable character', pk: PK_TEST, sk: `sk_test_${B2.slice(0, 12)}-${B2.slice(12)}`, status: 'warn', problems: ['secretKey-unexpected-character', 'length-mismatch'], says: ['unusual in a Stripe key', 'U+002D'] },
  { name: 'test publishable with live secret', pk: PK_TEST, sk: SK_LIVE, status: 'fail', problems: ['mode-mismatch'], says: ['publishable key in test mode', 'secret key in live mode'] },
  { name: 'shop in live mode, test keys', pk: PK_TEST, sk: SK_TEST, origin: 'shop', mode: 'live', status: 'fail', problems: ['shop-mode-mismatch'], says: ['shop is in live mode', 'publishable key', 'secret key', 'are in test mode'] },
  { name: 'shop in test mode, one live key', pk: PK_TEST, sk: SK_LIVE, origin: 'shop', mode: 'test', status: 'fail', problems: ['mode-mismatch', 'shop-mode-mismatch'], says: ['shop is in test mode (STRIPE_MODE) but the secret key (sk_live_…L3kJ) is in live mode'] },
  { name: 'lengths differ', pk: PK_LIVE, sk: `sk_live_${B2}${B1.slice(0, 6)}`, status: 'warn', problems: ['secretKey-unusual-length', 'length-mismatch'], says: ['publishable: 32, secret: 38'] },
  { name: '99 characters not starting with 51: no length warning', pk: `pk_live_${'7'.repeat(99)}`, sk: `sk_live_${'8'.repeat(99)}`, status: 'pass' },
  { name: 'truncated pair of the same length still looks unusual', pk: `pk_live_${B1.slice(0, 20)}`, sk: `sk_live_${B2.slice(0, 20)}`, status: 'warn', problems: ['publishableKey-unusual-length', 'secretKey-unusual-length'], says: ['20 characters after the prefix'] },
  { name: 'new-style keys from two accounts (unconfirmed rule: warn)', pk: PK_NEW_A, sk: SK_NEW_B, status: 'warn', problems: ['account-mismatch'], says: ['different Stripe accounts'], dit: ['comptes Stripe différents'] },
  { name: 'new-style keys of two modes: the mode is the problem, not the account', pk: `pk_test_${newBody(ACCOUNT_A, 'q1')}`, sk: SK_NEW_B, status: 'fail', problems: ['mode-mismatch'] },
  { name: 'the same key in both fields', pk: SK_TEST, sk: `${SK_TEST}\n`, status: 'fail', problems: ['secretKey-contaminated', 'same-key-twice'], says: ['same key (sk_test_…L3kJ) is entered in both fields'] },
];

describe('stripe-keys-format: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    if (row.problems) expect(outcome.evidence?.problems).toEqual(row.problems);
    for (const phrase of row.says ?? []) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.dit ?? []) expect(outcome.message.fr).toContain(phrase);
    if (row.status === 'pass') {
      expect(outcome.remediation ?? []).toEqual([]);
      expect(outcome.evidence?.problems).toBeUndefined();
    } else {
      // The FAQ's steps: the Stripe settings page, save, then re-save from quick access.
      const fr = remediationText(outcome, 'fr');
      expect(fr).toContain('Mettre à jour ma boutique club > Mettre à jour mon club > Paramétrage du compte Stripe');
      expect(fr).toContain('Accès rapide > Compte Stripe');
      expect(fr).toContain('« Enregistrer »');
      expect(remediationText(outcome, 'en')).toContain('Paramétrage du compte Stripe');
      // Those menus are the club platform's: the stock PrestaShop path is the alternative, in both steps.
      expect(fr).toContain("back-office de la plateforme club : Mettre à jour ma boutique club");
      expect(fr.match(/sur un PrestaShop standard : Modules > Gestionnaire de modules > Stripe > Configurer/g)).toHaveLength(2);
      expect(remediationText(outcome, 'en').match(/on a stock PrestaShop: Modules > Module Manager > Stripe > Configure/g)).toHaveLength(2);
    }
    // Never a whole key anywhere in the outcome, even a contaminated one.
    const everything = JSON.stringify(outcome);
    for (const raw of [...ALL_RAW, row.pk ?? '', row.sk ?? ''].filter((k) => k.trim().length > 12)) {
      expect(everything).not.toContain(raw.trim().replace(/[\s"\u200b\u00a0\u0008]/g, ''));
    }
    expect(everything).not.toContain(B1);
    expect(everything).not.toContain(B2);
  });

  it('reports lengths, modes and masked keys as evidence', () => {
    const outcome = run({ pk: PK_TEST, sk: `${SK_LIVE}\n`, origin: 'config', mode: null });
    expect(outcome.evidence).toMatchObject({
      origin: 'config',
      shopMode: null,
      publishableKey: { masked: 'pk_test_…4rS6', length: 32, rawLength: 32, mode: 'test', kind: 'publishable' },
      secretKey: { masked: 'sk_live_…L3kJ', length: 32, rawLength: 33, mode: 'live', kind: 'secret' },
    });
  });

  it("says that keys read from the shop are the Stripe module's configuration, with its rows", () => {
    const outcome = run({ pk: `${PK_TEST} `, sk: SK_TEST, origin: 'shop', mode: 'test' });
    expect(outcome.status).toBe('fail');
    const text = allText(outcome);
    expect(text).toContain("shop's Stripe module configuration");
    expect(text).toContain('module Stripe de la boutique');
    expect(text).toContain('STRIPE_TEST_PUBLISHABLE');
    expect(text).toContain('STRIPE_TEST_KEY');
    expect(outcome.evidence?.configurationRows).toEqual({ publishableKey: 'STRIPE_TEST_PUBLISHABLE', secretKey: 'STRIPE_TEST_KEY' });
    const fromConfig = run({ pk: `${PK_TEST} `, sk: SK_TEST, origin: 'config' });
    expect(allText(fromConfig)).toContain('clubs[].stripe');
    expect(allText(fromConfig)).not.toContain('STRIPE_TEST_KEY');
  });

  it('adds a step for each problem found', () => {
    const outcome = run({ pk: null, sk: `${SK_TEST}\n` });
    const en = remediationText(outcome, 'en');
    expect(en).toContain('Enter the publishable key');
    expect(en).toContain('Clear the secret key field completely');
  });
});

describe('stripe-keys-format: through the runner', () => {
  it('reads club.stripeKeys from the club, including keys given as strings in a snapshot file', async () => {
    const text = JSON.stringify({
      format: 'checkout-doctor-snapshot',
      schemaVersion: 1,
      generatedAt: '2026-11-23T10:00:00Z',
      clubs: [
        { name: 'FC Lyon', parts: { 'club.stripeKeys': { status: 'ok', data: { origin: 'config', mode: null, publishableKey: PK_TEST, secretKey: `${SK_LIVE}\n` } } } },
      ],
    });
    const snapshot = parseSnapshot(text, 'test.json');
    const [result] = await runChecks({ checks: [check], snapshot, club: snapshot.clubs[0]!, query: {} });
    expect(result!.status).toBe('fail');
    expect(result!.evidence.problems).toEqual(['secretKey-contaminated', 'mode-mismatch']);
  });

  it('is an error when the part was not gathered, or failed, and reads a configured warn severity', async () => {
    const missing = makeSnapshot({});
    const [notGathered] = await runChecks({ checks: [check], ...missing, query: {} });
    expect(notGathered!.status).toBe('error');
    expect(notGathered!.message.en).toContain('club.stripeKeys');

    const failed = makeSnapshot({ clubParts: { 'club.stripeKeys': { status: 'failed', cause: { source: 'database', kind: 'query', message: 'access denied', host: '127.0.0.1' } } } });
    const [error] = await runChecks({ checks: [check], ...failed, query: {} });
    expect(error!.status).toBe('error');
    expect(error!.message.en).toContain('access denied');

    const keys = { origin: 'config', mode: null, publishableKey: describeKey(PK_TEST), secretKey: null };
    const mild = makeSnapshot({ clubParts: { 'club.stripeKeys': ok(keys) } });
    const [warned] = await runChecks({ checks: [check], ...mild, query: {}, settings: { 'stripe-keys-format': { severity: 'warn' } } });
    expect(warned!.status).toBe('warn');
    expect(warned!.severity).toBe('warn');
  });
});
