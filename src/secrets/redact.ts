// Last line of defence for secrets: every byte the CLI prints or writes goes through a Redactor.
// It masks anything shaped like a Stripe key, plus every secret value the configuration supplied
// (webservice key, database password, Sendcloud secret...), to prefix + last four characters.

import { maskSecret } from './stripe-key.js';

const STRIPE_LIKE = /\b(?:sk|pk|rk)_(?:test|live)_[A-Za-z0-9]{6,}/g;
const WEBHOOK_LIKE = /\bwhsec_[A-Za-z0-9]{6,}/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Short secrets (4 to 7 characters): masked only where they stand alone as a token. */
  private readonly shortSecrets = new Set<string>();

  /** Registers a configured secret. Values under 4 characters cannot be masked without mangling text. */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    for (const value of new Set([secret, secret.trim()])) {
      if (value.length >= 8) this.secrets.add(value);
      else if (value.trim().length >= 4) this.shortSecrets.add(value.trim());
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
    }
    for (const secret of this.shortSecrets) {
      if (out.includes(secret)) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(secret)}(?![\\p{L}\\p{N}])`, 'gu'), '…');
    }
    return out.replace(STRIPE_LIKE, (m) => maskSecret(m)).replace(WEBHOOK_LIKE, (m) => maskSecret(m));
  }
}

/** Shared by the whole process: sources register secrets as they read them from config. */
export const redactor = new Redactor();

/**
 * A masker for the keys one source holds (raw and without stray characters), for messages it keeps
 * in its parts: the process redactor masks them again at output.
 */
export function maskerFor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  const own = new Redactor();
  for (const secret of secrets) {
    own.add(secret);
    if (secret) own.add(secret.replace(/[\s"'`\u200b-\u200d\u2060\ufeff]/g, ''));
  }
  return (text) => own.redact(text);
}
