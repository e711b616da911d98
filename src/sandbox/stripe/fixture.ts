// The Stripe sandbox's fixture: Stripe accounts keyed by their API keys, each with the account
// object `GET /v1/account` returns, its capabilities' reasons, and its charges / payment intents.
// `clubs` says which keys each demo club has configured in the shop (not Stripe's side).
// Dates may be relative (`createdDaysAgo`) so that a demo stays "recent" whenever it runs.

import { readFile } from 'node:fs/promises';
import { parseJsonFile } from '../../config/json-syntax.js';
import { FixtureError, fixtureIssues, SANDBOX_MESSAGES } from '../messages.js';
import * as z from 'zod';

const KeyString = z.string().regex(/^(pk|sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'expected a Stripe key like sk_test_…');

export const SandboxKeySchema = z.strictObject({
  key: KeyString,
  /**
   * `active`: works; `expired`: rolled with an expiry that passed (401 api_key_expired);
   * `revoked`: deleted / rolled at once (401 Invalid API Key provided, like an unknown key);
   * `rate-limited`: every request answers 429.
   */
  state: z.enum(['active', 'expired', 'revoked', 'rate-limited']).default('active'),
  /** Restricted keys only: the `rak_…` permissions granted (see RAK_PERMISSIONS in server.ts). */
  permissions: z.array(z.string()).optional(),
  note: z.string().optional(),
});

/** A charge or payment intent: `created` (unix seconds) or `createdDaysAgo` (relative to the server clock). */
export const SandboxListItemSchema = z
  .looseObject({
    id: z.string(),
    created: z.number().int().optional(),
    createdDaysAgo: z.number().nonnegative().optional(),
    /** Absent: listed in both modes. */
    livemode: z.boolean().optional(),
    amount: z.number().int().optional(),
    currency: z.string().optional(),
    status: z.string().optional(),
  })
  .refine((item) => item.created !== undefined || item.createdDaysAgo !== undefined, { message: 'give created or createdDaysAgo' });

export const SandboxAccountSchema = z.strictObject({
  note: z.string().optional(),
  keys: z.array(SandboxKeySchema).min(1),
  /** Fields of Stripe's Account object; `id` required, the rest served as given. */
  account: z.looseObject({
    id: z.string().regex(/^acct_[A-Za-z0-9]+$/, 'expected acct_…'),
    charges_enabled: z.boolean().optional(),
    payouts_enabled: z.boolean().optional(),
    details_submitted: z.boolean().optional(),
    capabilities: z.record(z.string(), z.string()).optional(),
  }),
  /** Capability name → `requirements.disabled_reason` served by `GET /v1/accounts/{id}/capabilities`. */
  capabilityReasons: z.record(z.string(), z.string().nullable()).optional(),
  charges: z.array(SandboxListItemSchema).default([]),
  paymentIntents: z.array(SandboxListItemSchema).default([]),
  balance: z
    .strictObject({ available: z.number().int().default(0), pending: z.number().int().default(0), currency: z.string().default('eur') })
    .optional(),
});

export const SandboxClubSchema = z.strictObject({
  name: z.string().min(1),
  publishableKey: z.string().optional(),
  secretKey: z.string().optional(),
  note: z.string().optional(),
});

export const StripeFixtureSchema = z
  .strictObject({
    description: z.string().optional(),
    accounts: z.array(SandboxAccountSchema),
    clubs: z.array(SandboxClubSchema).default([]),
  })
  .superRefine((fixture, ctx) => {
    const seen = new Set<string>();
    fixture.accounts.forEach((account, i) =>
      account.keys.forEach((k, j) => {
        if (seen.has(k.key)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'keys', j, 'key'], message: 'key listed twice' });
        seen.add(k.key);
      }),
    );
  });

export type StripeFixture = z.infer<typeof StripeFixtureSchema>;
export type SandboxAccount = z.infer<typeof SandboxAccountSchema>;
export type SandboxKey = z.infer<typeof SandboxKeySchema>;
export type SandboxListItem = z.infer<typeof SandboxListItemSchema>;

export function parseStripeFixture(json: unknown, where = 'Stripe fixture'): StripeFixture {
  const parsed = StripeFixtureSchema.safeParse(json);
  if (!parsed.success) throw new FixtureError(SANDBOX_MESSAGES.notStripe(where), fixtureIssues(parsed.error.issues));
  return parsed.data;
}

export async function loadStripeFixture(file: string): Promise<StripeFixture> {
  return parseStripeFixture(parseJsonFile(await readFile(file, 'utf8'), file), file);
}

