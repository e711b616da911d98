// Masking a secret for display: prefix and last four characters. Its own module, free of zod:
// the redactor, which every command loads (--help included), needs this and nothing else of
// ./stripe-key.ts.

export const PREFIX = /^(pk|sk|rk)_(test|live)_/;

/** Token prefixes worth showing: `sk_live_`, `pk_test_`, `whsec_`, `acct_`... (lowercase letters only). */
const SHOWN_PREFIX = /^[a-z]{2,6}_(?:[a-z]{2,6}_)?$/;

/**
 * Masks any secret-looking value: the prefix (up to the last `_` within the first 8 characters, when
 * it looks like a token prefix) and the last four characters, only when enough stays hidden.
 */
export function maskSecret(value: string): string {
  const clean = value.trim();
  let prefix = PREFIX.exec(clean)?.[0] ?? '';
  if (!prefix) {
    const head = clean.slice(0, 8);
    const candidate = head.slice(0, head.lastIndexOf('_') + 1);
    if (SHOWN_PREFIX.test(candidate)) prefix = candidate;
  }
  // Show the last four only when at least eight characters of the body stay hidden.
  if (clean.length < prefix.length + 12) return prefix + '…';
  return `${prefix}…${clean.slice(-4)}`;
}
