// The admin audience's wording (src/report/audience.ts): a check's own admin texts win; otherwise
// technical details are removed from the message and steps, and a message left empty becomes a
// plain sentence. The support audience is the report as the checks wrote it.

import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/runner.js';
import { t, type Check } from '../../src/engine/types.js';
import { forAudience, plainText } from '../../src/report/audience.js';

const check = { meta: { id: 'stripe-keys-format', title: t('Clés', 'Keys') } } as unknown as Check;
const result = (over: Partial<CheckResult>): CheckResult => ({ check, status: 'fail', severity: 'fail', message: t('', ''), remediation: [], evidence: {}, durationMs: 0, ...over });

describe('plainText', () => {
  it('drops technical parentheses and the sentences that still carry a configuration key, a flag or an HTTP code', () => {
    expect(plainText('The secret key (sk_test_…0003) contains a line break (character 33, U+000A). Fix it.')).toBe('The secret key (sk_test_…0003) contains a line break. Fix it.');
    expect(plainText('Check it in the back office, or configure prestashop.database to have it read. Then save.')).toBe('Then save.');
    expect(plainText('Run again with --test-coupon. The shop answered HTTP 503.')).toBe('');
    // Addresses and dotted host names are not configuration keys, and do not split sentences.
    expect(plainText('Log into dashboard.stripe.com, then open http://127.0.0.1:8080/x.')).toBe('Log into dashboard.stripe.com, then open http://127.0.0.1:8080/x.');
    expect(plainText('Category "A" (#13) is disabled.')).toBe('Category "A" is disabled.');
  });
});

describe('forAudience', () => {
  it('support: unchanged', () => {
    const r = result({ message: t('a (U+000A)', 'a (U+000A)') });
    expect(forAudience([r], 'support')[0]!.message.en).toBe('a (U+000A)');
  });

  it("admin: the check's own texts win, else a plain version; steps only for the configuration are dropped", () => {
    const own = result({ message: t('x clubs[].stripe', 'x clubs[].stripe'), admin: { message: t('Clair.', 'Plain.') } });
    const derived = result({
      message: t('La clé contient un retour à la ligne (U+000A).', 'The key holds a line break (U+000A).'),
      remediation: [t('Corrigez clubs[].stripe.', 'Fix clubs[].stripe.'), t('Enregistrez.', 'Save.')],
    });
    const [a, b] = forAudience([own, derived], 'admin');
    expect(a!.message.en).toBe('Plain.');
    expect(b!.message).toEqual(t('La clé contient un retour à la ligne.', 'The key holds a line break.'));
    expect(b!.remediation).toEqual([t('Enregistrez.', 'Save.')]);
  });

  it('admin: an error whose message only named a data part reads as a plain sentence, in both languages', () => {
    const r = result({ status: 'error', message: t('Impossible d’obtenir « club.stripeAccount » : x (HTTP 500).', 'Could not get "club.stripeAccount": x (HTTP 500).'), cause: { source: 'stripe', kind: 'http', message: 'x' } });
    const [a] = forAudience([r], 'admin');
    expect(a!.message.fr).toMatch(/^Ce point n’a pas pu être vérifié/);
    expect(a!.message.en).toMatch(/^This point could not be checked/);
    expect(a!.remediation.length).toBe(1);
  });
});
