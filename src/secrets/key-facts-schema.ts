// The zod schemas of the facts about a Stripe key (src/secrets/stripe-key.ts), for the part
// schemas (src/engine/parts.ts). Their own module, so that computing facts builds no schema.

import * as z from 'zod';

export const KeyContaminationSchema = z.object({
  kind: z.enum([
    'leading-whitespace',
    'trailing-whitespace',
    'inner-whitespace',
    'newline',
    'quote',
    'zero-width',
    'nbsp',
    'control',
    'unexpected-character',
  ]),
  /** 0-based index in the raw value. */
  position: z.number().int().nonnegative(),
  /** The character as U+XXXX, never the character itself (it may be invisible). */
  codePoint: z.string(),
});
export type KeyContamination = z.infer<typeof KeyContaminationSchema>;

export const KeyFactsSchema = z.object({
  /** Prefix + last four characters of the cleaned key: `sk_live_…a1B2`. */
  masked: z.string(),
  /** Length of the raw value as configured, contamination included. */
  rawLength: z.number().int().nonnegative(),
  /** Length once whitespace, quotes and invisible characters are removed. */
  length: z.number().int().nonnegative(),
  prefix: z.string().nullable(),
  kind: z.enum(['publishable', 'secret', 'restricted', 'webhook-secret']).nullable(),
  mode: z.enum(['test', 'live']).nullable(),
  /** `old`: 24 characters after the prefix; `new`: 99 after it starting with `51`; else `other`. */
  style: z.enum(['old', 'new', 'other']),
  contamination: z.array(KeyContaminationSchema),
  /** Hash of the account segment of new-style keys (pk and sk of one account share it). */
  accountSegment: z.string().nullable(),
  /** Hash of the cleaned key, to tell whether two values are the same key. */
  fingerprint: z.string(),
});
export type KeyFacts = z.infer<typeof KeyFactsSchema>;
