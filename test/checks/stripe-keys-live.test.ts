import { describe, expect, it } from 'vitest';
import check from '../../checks/stripe-keys-live.js';
import { PART_SCHEMAS, type StripeKeyProbe, type StripeKeys } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { describeKey } from '../../src/secrets/stripe-key.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const PK = 'pk_test_FAKElyon000000000000001';
const SK = 'sk_test_FAKElyon000000000000001';
const RK = 'rk_test_FAKElyon000000000000001';
// New-style keys (107 characters): the same 17-character account segment, or another account's.
const body = (account: string) => `51${account}${'x'.repeat(99 - 2 - account.length - 10)}00FAKEtail`;
const NEW_PK = `pk_test_${body('FAKElyonAAAAAAA')}`;
const NEW_SK = `sk_test_${body('FAKElyonAAAAAAA')}`;
const OTHER_PK = `pk_test_${body('FAKEotherBBBBBB')}`;

function keys(pk: string | null = PK, sk: string | null = SK): StripeKeys {
  return { origin: 'config', mode: null, publishableKey: pk === null ? null : describeKey(pk), secretKey: sk === null ? null : describeKey(sk) };
}

const err = (status: number, message: string, code?: string) => ({ status, message, type: 'invalid_request_error', requestId: 'req_FAKE123', ...(code ? { code } : {}) });
const VALID_SK: StripeKeyProbe['secretKey'] = { outcome: 'valid', keyKind: 'secret', accountId: 'acct_1FAKElyon0000001', livemode: false };
const VALID_PK: StripeKeyProbe['publishableKey'] = { outcome: 'valid', requestId: 'req_FAKE999' };

interface Row {
  name: string;
  keys?: StripeKeys;
  secret?: StripeKeyProbe['secretKey'];
  publishable?: StripeKeyProbe['publishableKey'];
  status: CheckOutcome['status'];
  says: string[];
  steps?: string[];
  evidence?: Record<string, unknown>;
}

const rows: Row[] = [
  { name: 'both keys valid, old style', status: 'pass', says: ['Stripe accepts both keys (acct_1FAKElyon0000001)', 'nothing proves they come from the same account'], evidence: { sameAccount: 'unproven', accountId: 'acct_1FAKElyon0000001' } },
  { name: 'both keys valid, new style, same account', keys: keys(NEW_PK, NEW_SK), status: 'pass', says: ['belong to the same account'], evidence: { sameAccount: 'same' } },
  {
    name: 'keys from two different accounts',
    keys: keys(OTHER_PK, NEW_SK),
    status: 'fail',
    says: ['two different Stripe accounts'],
    steps: ['Developers > API keys', 'Paramétrage du compte Stripe', 'Accès rapide'],
    evidence: { sameAccount: 'different' },
  },
  {
    name: 'secret key unknown or revoked',
    secret: { outcome: 'revoked-or-unknown', error: err(401, 'Invalid API Key provided: sk_test_********************0001') },
    status: 'fail',
    says: ['Stripe does not know the secret key sk_test_…0001', 'deleted or rolled, or it is mistyped', 'HTTP 401', 'req_FAKE123'],
    steps: ['Developers > API keys', '"Roll key"', '"Mettre à jour ma boutique club" > "Mettre à jour mon club" > "Paramétrage du compte Stripe"', '"Accès rapide" > "Compte Stripe"'],
  },
  {
    name: 'secret key expired',
    secret: { outcome: 'expired', error: err(401, 'Expired API Key provided: sk_test_********************0001', 'api_key_expired') },
    status: 'fail',
    says: ['has expired', 'api_key_expired'],
    steps: ['new secret key that replaced the old one', 'Paramétrage du compte Stripe', 'Compte Stripe'],
  },
  {
    name: 'secret key refused for spaces',
    secret: { outcome: 'invalid', error: err(401, 'Invalid API Key provided: sk_test_****0001. This key contains at least one space.') },
    status: 'fail',
    says: ['Stripe refuses the secret key', 'contains at least one space'],
    steps: ['Paramétrage du compte Stripe'],
  },
  {
    name: 'secret key field holds a publishable key (secret_key_required)',
    secret: { outcome: 'publishable-key', error: err(401, 'This API call cannot be made with a publishable API key.', 'secret_key_required') },
    status: 'fail',
    says: ['secret key field holds a publishable key'],
  },
  {
    name: 'restricted key without the account permission',
    keys: keys(PK, RK),
    secret: { outcome: 'restricted-without-permission', accountId: 'acct_1FAKElyon0000001', permission: 'rak_account_read', error: err(403, "The provided key 'rk_test_****0001' does not have the required permissions") },
    status: 'fail',
    says: ['restricted key without permission to read the account', 'rak_account_read', 'acct_1FAKElyon0000001'],
    steps: ['standard secret key (sk_…)', 'Paramétrage du compte Stripe'],
  },
  {
    name: 'restricted key with the account permission',
    keys: keys(PK, RK),
    secret: { outcome: 'valid', keyKind: 'restricted', accountId: 'acct_1FAKElyon0000001', livemode: false },
    status: 'warn',
    says: ['it is a restricted key (rk_)'],
    steps: ['Prefer the standard secret key'],
  },
  {
    name: 'publishable key unknown',
    publishable: { outcome: 'revoked-or-unknown', error: err(401, 'Invalid API Key provided: pk_test_********************0001') },
    status: 'fail',
    says: ['Stripe does not know the publishable key pk_test_…0001'],
    steps: ['Developers > API keys', 'Paramétrage du compte Stripe'],
  },
  {
    name: 'publishable key expired',
    publishable: { outcome: 'expired', error: err(401, 'Expired API Key provided: pk_test_****0001', 'api_key_expired') },
    status: 'fail',
    says: ['publishable key pk_test_…0001 has expired'],
  },
  {
    name: 'publishable field accepted as a secret key',
    publishable: { outcome: 'accepted-as-secret', accountId: 'acct_1FAKElyon0000001' },
    status: 'fail',
    says: ['publishable key field holds a secret key', 'shown to customers'],
    steps: ['"Roll key"'],
  },
  {
    name: 'secret key contaminated: a format problem, not a network one',
    keys: keys(PK, `${SK}\n`),
    secret: { outcome: 'not-probed', reason: 'contaminated', detail: 'newline' },
    status: 'fail',
    says: ['stray characters (line break)', 'not sent to Stripe', 'format problem, not a network one'],
    steps: ['stripe-keys-format', 'Paramétrage du compte Stripe', 'Compte Stripe'],
  },
  {
    name: 'secret key missing',
    keys: keys(PK, null),
    secret: { outcome: 'not-probed', reason: 'missing' },
    status: 'fail',
    says: ['The secret key is not set'],
    steps: ['Developers > API keys', 'Paramétrage du compte Stripe'],
  },
  {
    name: 'publishable key of the wrong kind',
    keys: keys(SK, SK),
    publishable: { outcome: 'not-probed', reason: 'wrong-kind', detail: 'secret' },
    status: 'fail',
    says: ['publishable key field holds a key of another kind (a secret key (sk_))'],
  },
  {
    name: 'rate-limited',
    secret: { outcome: 'rate-limited', host: 'api.stripe.com', error: err(429, 'Request rate limit exceeded.', 'rate_limit') },
    status: 'error',
    says: ['rate-limited the requests (429)'],
    steps: ['again in a few minutes'],
  },
  {
    name: 'Stripe unreachable (timeout)',
    secret: { outcome: 'unreachable', kind: 'timeout', host: 'api.stripe.com', error: { message: 'Request aborted due to timeout being reached (15000ms)', code: 'ETIMEDOUT' } },
    publishable: { outcome: 'unreachable', kind: 'timeout', host: 'api.stripe.com', error: { message: 'Request aborted due to timeout being reached (15000ms)', code: 'ETIMEDOUT' } },
    status: 'error',
    says: ['could not be verified (no answer in time, api.stripe.com)', 'ETIMEDOUT'],
    steps: ['stripe.apiBase'],
  },
  {
    name: 'a refused key outweighs an unreachable probe',
    secret: { outcome: 'expired', error: err(401, 'Expired API Key provided', 'api_key_expired') },
    publishable: { outcome: 'unreachable', kind: 'connection', error: { message: 'An error occurred with our connection to Stripe.', code: 'ECONNRESET' } },
    status: 'fail',
    says: ['has expired', 'publishable key pk_test_…0001 could not be verified'],
  },
];

function run(row: Row): CheckOutcome {
  const probe: StripeKeyProbe = { secretKey: row.secret ?? VALID_SK, publishableKey: row.publishable ?? VALID_PK, host: 'api.stripe.com' };
  // Hand-built parts must satisfy the part schemas the runner enforces.
  PART_SCHEMAS['club.stripeKeyProbe'].parse(probe);
  return check.run(makeCtx({ 'club.stripeKeys': row.keys ?? keys(), 'club.stripeKeyProbe': probe })) as CheckOutcome;
}

describe('stripe-keys-live: run', () => {
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

  it('never shows a key whole, in any language', () => {
    for (const row of rows) {
      const text = JSON.stringify(run(row));
      for (const key of [PK, SK, RK, NEW_PK, NEW_SK, OTHER_PK]) expect(text).not.toContain(key);
    }
  });

  it('speaks French with the FAQ paths', () => {
    const outcome = run(rows[3]!);
    expect(outcome.message.fr).toContain('Stripe ne connaît pas la clé secrète sk_test_…0001');
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('« Mettre à jour ma boutique club » > « Mettre à jour mon club » > « Paramétrage du compte Stripe »');
    expect(fr).toContain('« Accès rapide » > « Compte Stripe » : en bas de page, cliquez sur « Enregistrer »');
    expect(fr).toContain('Développeurs > Clés API');
    // The FAQ's save steps close the list.
    expect(outcome.remediation?.at(-1)?.en).toContain('Accès rapide');
    // The FAQ's menus are the club platform's; the stock PrestaShop path follows each of them.
    expect(fr).toContain('back-office de la plateforme club');
    expect(fr).toContain('« Enregistrer » (sur un PrestaShop standard : Modules > Gestionnaire de modules > Stripe > Configurer, puis « Enregistrer »).');
    const en = remediationText(outcome, 'en');
    expect(en).toContain("In the club platform's back office");
    expect(en.match(/on a stock PrestaShop: Modules > Module Manager > Stripe > Configure/g)).toHaveLength(2);
  });
});

describe('stripe-keys-live: through the runner', () => {
  it('a part the sources cannot see becomes manual with the steps a person follows', async () => {
    const { snapshot, club } = makeSnapshot({
      clubParts: {
        'club.stripeKeys': ok(keys()),
        'club.stripeKeyProbe': { status: 'unavailable', reason: { fr: 'Stripe non interrogé.', en: 'Stripe was not asked.' } },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('manual');
    expect(result!.message.en).toBe('Stripe was not asked.');
    expect(result!.remediation.map((r) => r.en).join('\n')).toContain('Developers > API keys');
  });

  it('a failed probe part becomes error with its cause', async () => {
    const { snapshot, club } = makeSnapshot({
      clubParts: {
        'club.stripeKeys': ok(keys()),
        'club.stripeKeyProbe': { status: 'failed', cause: { source: 'stripe', kind: 'timeout', host: 'api.stripe.com', message: 'no answer' } },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('api.stripe.com');
  });

  it('a failing probe passes through the runner as fail', async () => {
    const probe: StripeKeyProbe = { secretKey: { outcome: 'expired', error: err(401, 'Expired API Key provided', 'api_key_expired') }, publishableKey: VALID_PK };
    const { snapshot, club } = makeSnapshot({ clubParts: { 'club.stripeKeys': ok(keys()), 'club.stripeKeyProbe': ok(probe) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('fail');
  });
});
