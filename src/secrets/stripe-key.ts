// Facts about a Stripe key that checks need, computed without keeping the key itself.
// A snapshot stores these facts instead of the raw key, so that `diagnose --snapshot` re-evaluates
// `stripe-keys-format` identically while no secret ever reaches a file.

import { PREFIX, maskSecret } from './mask.js';

// The redactor (loaded by every command, --help included) masks through ./mask.js, which loads no
// zod: maskSecret is still importable from here.
export { maskSecret } from './mask.js';

// The zod schemas of these facts live in ./key-facts-schema.ts: building them cost every snapshot
// diagnosis ~5 ms of CPU (the first zod schemas built install zod's members), though only a
// malformed part needs them (issue 9, start-up).
import type { KeyContamination, KeyFacts } from './key-facts-schema.js';
export type { KeyContamination, KeyFacts };

const KINDS = { pk: 'publishable', sk: 'secret', rk: 'restricted' } as const;

function codePoint(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

function hash(value: string): string {
  // node:crypto loaded here, not at start-up: a snapshot diagnosis never hashes a key.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(value).digest('hex').slice(0, 16);
}

// Invisible formatting characters that copy-paste drags along: zero-width space/joiners, word
// joiner, BOM, soft hyphen, direction marks and embeddings/isolates, invisible operators.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function classify(ch: string): KeyContamination['kind'] | 'whitespace' | null {
  if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u0085') return 'newline';
  if (/["'`«»“”‘’„‹›]/.test(ch)) return 'quote';
  if (ch === '\u00a0' || ch === '\u202f' || ch === '\u2007') return 'nbsp';
  if (INVISIBLE.test(ch)) return 'zero-width';
  // C0 and C1 control characters (tab is ordinary whitespace).
  if (/[\u0000-\u001f\u007f-\u009f]/.test(ch) && ch !== '\t') return 'control';
  if (/\s/.test(ch)) return 'whitespace';
  if (/[A-Za-z0-9_]/.test(ch)) return null;
  return 'unexpected-character';
}

export function describeKey(raw: string): KeyFacts {
  const chars = Array.from(raw);
  const contamination: KeyContamination[] = [];
  let position = 0;
  // "Solid" = a character that belongs to the key (kept in the cleaned value): a space before the
  // first or after the last of them is leading/trailing even when invisible characters surround it.
  const solid = (c: string) => {
    const kind = classify(c);
    return kind === null || kind === 'unexpected-character';
  };
  const firstSolid = chars.findIndex(solid);
  let lastSolid = -1;
  chars.forEach((c, i) => {
    if (solid(c)) lastSolid = i;
  });
  chars.forEach((ch, i) => {
    const kind = classify(ch);
    if (kind) {
      const resolved: KeyContamination['kind'] =
        kind === 'whitespace' ? (i < firstSolid || firstSolid === -1 ? 'leading-whitespace' : i > lastSolid ? 'trailing-whitespace' : 'inner-whitespace') : kind;
      contamination.push({ kind: resolved, position, codePoint: codePoint(ch) });
    }
    position += ch.length;
  });
  // The key a person meant to paste: drop what classify() flagged as noise, keep unexpected
  // printable characters (they may be part of a future key format).
  const cleaned = chars.filter(solid).join('');
  const match = PREFIX.exec(cleaned);
  const prefix = match?.[0] ?? (cleaned.startsWith('whsec_') ? 'whsec_' : null);
  const kind = match ? KINDS[match[1] as keyof typeof KINDS] : prefix === 'whsec_' ? 'webhook-secret' : null;
  const mode = match ? (match[2] as 'test' | 'live') : null;
  const body = match ? cleaned.slice(match[0].length) : '';
  const style = match && /^[A-Za-z0-9]{24}$/.test(body) ? 'old' : match && /^51[A-Za-z0-9]{97}$/.test(body) ? 'new' : 'other';
  return {
    masked: maskSecret(cleaned),
    rawLength: raw.length,
    length: cleaned.length,
    prefix,
    kind,
    mode,
    style,
    contamination,
    accountSegment: style === 'new' ? hash(body.slice(0, 17)) : null,
    fingerprint: hash(cleaned),
  };
}

// Key facts put into words, for every message that tells them (a check, a source's cause): the
// French report says « retour à la ligne », never the machine name `newline`.

/** Each kind of contamination, as a reader names it. */
export const CONTAMINATION_LABELS: Record<KeyContamination['kind'], { fr: string; en: string }> = {
  'leading-whitespace': { fr: 'espace au début', en: 'leading space' },
  'trailing-whitespace': { fr: 'espace à la fin', en: 'trailing space' },
  'inner-whitespace': { fr: 'espace au milieu', en: 'space inside the key' },
  newline: { fr: 'retour à la ligne', en: 'line break' },
  quote: { fr: 'guillemet ou apostrophe', en: 'quote mark' },
  'zero-width': { fr: 'caractère invisible', en: 'invisible character' },
  nbsp: { fr: 'espace insécable', en: 'non-breaking space' },
  control: { fr: 'caractère de contrôle', en: 'control character' },
  'unexpected-character': { fr: 'caractère inattendu', en: 'unexpected character' },
};

/** Each kind of key, as a reader names it (with its prefix). */
export const KEY_KIND_LABELS: Record<NonNullable<KeyFacts['kind']>, { fr: string; en: string }> = {
  publishable: { fr: 'une clé publique (pk_)', en: 'a publishable key (pk_)' },
  secret: { fr: 'une clé secrète (sk_)', en: 'a secret key (sk_)' },
  restricted: { fr: 'une clé restreinte (rk_)', en: 'a restricted key (rk_)' },
  'webhook-secret': { fr: 'un secret de signature de webhook (whsec_), qui n’est pas une clé d’API', en: 'a webhook signing secret (whsec_), which is not an API key' },
};

/**
 * Contamination kinds (a list, or the comma-separated form a probe's `detail` keeps) in words:
 * `retour à la ligne, espace à la fin`. An unknown kind is kept as written.
 */
export function describeContamination(kinds: readonly string[] | string | undefined, lang: 'fr' | 'en'): string {
  const list = typeof kinds === 'string' ? kinds.split(',').map((k) => k.trim()).filter(Boolean) : [...(kinds ?? [])];
  const words = list.map((k) => (CONTAMINATION_LABELS as Record<string, { fr: string; en: string } | undefined>)[k]?.[lang] ?? k);
  return words.length ? words.join(', ') : '?';
}

const NO_KEY_KIND = { fr: 'aucune clé Stripe reconnaissable', en: 'no recognisable Stripe key' };

/** A key kind (`publishable`, or a probe's `detail`) in words; `unrecognised` and unknown ones too. */
export function describeKeyKind(kind: string | null | undefined, lang: 'fr' | 'en'): string {
  const known = kind ? (KEY_KIND_LABELS as Record<string, { fr: string; en: string } | undefined>)[kind] : undefined;
  if (known) return known[lang];
  return NO_KEY_KIND[lang];
}
