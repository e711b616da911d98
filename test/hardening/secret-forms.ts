// Every form a configured secret could leak in: raw, trimmed, JSON- and URL-escaped, base64 (HTTP
// basic auth sends the PrestaShop key as base64 of "key:"). The hardening tests assert that none of
// them appears in anything the run printed or wrote.

import { expect } from 'vitest';

export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const s of [secret, secret.trim()]) {
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
    forms.add(Buffer.from(`${s}:`).toString('base64').replace(/=+$/, ''));
  }
  return [...forms].filter((f) => f.length >= 6);
}

/** Fails when any output holds any form of any secret; `outputs` maps a name (stdout, a file) to its text. */
export function expectNoSecret(outputs: Record<string, string | undefined>, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      for (const [name, text] of Object.entries(outputs)) {
        expect(text ?? '', `${name} holds a form of a configured secret`).not.toContain(form);
      }
    }
  }
}
