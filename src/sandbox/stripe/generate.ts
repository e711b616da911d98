// Generated Stripe fixtures for scale tests and the Stripe benchmark (issue 9): N healthy test-mode
// accounts, each with its own publishable and secret key and one charge two days old, and N clubs
// using them. Keys are fake and deterministic (`sk_test_GEN…`), matching the fixture's key format.

import { parseStripeFixture, type StripeFixture } from './fixture.js';

/** The keys of generated club `i` (0-based). */
export function generatedKeys(i: number): { publishableKey: string; secretKey: string } {
  const id = String(i).padStart(6, '0');
  return { publishableKey: `pk_test_GENclub${id}000000000001`, secretKey: `sk_test_GENclub${id}000000000001` };
}

export function generateStripeFixture(count: number): StripeFixture {
  const accounts = [];
  const clubs = [];
  for (let i = 0; i < count; i++) {
    const { publishableKey, secretKey } = generatedKeys(i);
    const id = String(i).padStart(6, '0');
    accounts.push({
      keys: [{ key: publishableKey }, { key: secretKey }],
      account: { id: `acct_1GEN${id}`, country: 'FR', charges_enabled: true, payouts_enabled: true, details_submitted: true, capabilities: { card_payments: 'active' } },
      charges: [{ id: `ch_GEN${id}`, createdDaysAgo: 2 }],
    });
    clubs.push({ name: `Club généré ${id}`, publishableKey, secretKey });
  }
  return parseStripeFixture({ description: `${count} generated healthy clubs`, accounts, clubs }, 'generated Stripe fixture');
}
