// Last line of defence for secrets: every byte the CLI prints or writes goes through a Redactor.
// It masks anything shaped like a Stripe key, plus every secret value the configuration supplied
// (webservice key, database password, Sendcloud keys...), to prefix + last four characters, in
// every form a secret takes on its way to an output: as configured and trimmed, percent-encoded,
// escaped in JSON, XML or markdown, and base64-encoded as HTTP Basic credentials (PrestaShop's
// `base64(key:)`, Sendcloud's `base64(public:secret)`), which an upstream may echo in an error body.

import { escapeMarkdown } from '../report/text.js';
import { FormMatcher, WINDOW } from './form-matcher.js';
import { maskSecret } from './mask.js';

// Stripe-shaped keys and webhook secrets, in one pass (neither's mask can make the other).
const STRIPE_LIKE = /\b(?:(?:sk|pk|rk)_(?:test|live)_|whsec_)[A-Za-z0-9]{6,}/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Shortest form worth masking anywhere in a text; shorter secrets are masked only as whole tokens. */
const MIN_LONG = WINDOW;

const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
const xmlEscaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** What a value becomes in text: percent-encoded (URI and form), JSON (with PHP's `\/`), XML and markdown escaped. */
export function textForms(value: string): string[] {
  const json = jsonEscaped(value);
  return [value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), json, json.replace(/\//g, '\\/'), xmlEscaped(value), escapeMarkdown(value)];
}

/**
 * base64 of a value as it travels: standard, without padding (a prefix of the padded form), URL-safe,
 * percent-encoded, and with PHP's json_encode `\/`. Matching the unpadded form also masks the padded one.
 */
export function base64Forms(value: string): string[] {
  const padded = Buffer.from(value, 'utf8').toString('base64');
  // Padded and unpadded (the longer form wins, so the padding goes with the mask).
  return [padded, padded.replace(/=+$/, '')].flatMap((plain) => [plain, plain.replace(/\+/g, '-').replace(/\//g, '_'), encodeURIComponent(plain), plain.replace(/\//g, '\\/')]);
}

export class Redactor {
  /** Form → its mask (the mask of the secret it derives from). */
  private readonly forms = new Map<string, string>();
  /** Short secrets (4 to 7 characters): masked only where they stand alone as a token. */
  private readonly shortSecrets = new Set<string>();
  private matcher: FormMatcher | undefined;

  /**
   * Changes whenever a new secret form is registered (forms are only ever added): text redacted
   * under an older generation may hold a secret registered since, and must be redacted again (a
   * report piece prepared early).
   */
  get generation(): number {
    return this.forms.size + this.shortSecrets.size;
  }

  private addForm(form: string, mask: string): void {
    if (form.length < MIN_LONG || this.forms.has(form)) return;
    this.forms.set(form, mask);
    // Added to the matcher in place: a source registering keys club by club while the run redacts
    // would otherwise rebuild the whole matcher (every club's forms) once per club.
    if (this.matcher && !this.matcher.add(form)) this.matcher = undefined;
  }

  /**
   * Registers a configured secret with every form it takes in transit, including the HTTP Basic
   * credentials `base64(secret:)` (a key sent as the user name with an empty password, as the
   * PrestaShop webservice wants it). Values under 4 characters cannot be masked without mangling text.
   */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    for (const value of new Set([secret, secret.trim()])) {
      if (value.length < MIN_LONG) {
        if (value.trim().length >= 4) this.shortSecrets.add(value.trim());
        continue;
      }
      const mask = maskSecret(value);
      for (const form of textForms(value)) this.addForm(form, mask);
      for (const form of [...base64Forms(value), ...base64Forms(`${value}:`)]) this.addForm(form, mask);
    }
  }

  /** Registers a user name and password, and the HTTP Basic credentials `base64(user:password)` they make. */
  addCredentials(user: string | undefined | null, password: string | undefined | null): void {
    this.add(user);
    this.add(password);
    if (!user && !password) return;
    const mask = maskSecret(password || user || '');
    for (const value of new Set([`${user ?? ''}:${password ?? ''}`, `${(user ?? '').trim()}:${(password ?? '').trim()}`])) {
      for (const form of base64Forms(value)) this.addForm(form, mask);
    }
  }

  /** Every form in one linear matcher; at one position the longest form wins, so that a secret containing another is masked whole. */
  private compiled(): FormMatcher {
    return (this.matcher ??= new FormMatcher(this.forms.keys()));
  }

  redact(text: string): string {
    let out = this.compiled().replace(text, (form) => this.forms.get(form) ?? '…');
    for (const secret of this.shortSecrets) {
      if (out.includes(secret)) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'gu'), '…');
    }
    return out.replace(STRIPE_LIKE, (m) => maskSecret(m));
  }

  /**
   * `JSON.stringify(value, null, indent)` with every string, object key and number redacted as it
   * is written: the JSON report's one redaction pass. Redacting the values before they are escaped
   * is the stronger of the two passes the JSON report had (a text pass over the JSON sees `\n` before
   * a key, which hides its word boundary); keys and numbers, which the value pass (redactDeep) left
   * to the text pass, are covered here, and so are objects that are not plain (JSON's own walk). A
   * number whose digits are a secret is written as its masked string.
   */
  redactedJson(value: unknown, indent: number): string {
    // JSON.stringify calls the replacer with `this` the holder: keys are redacted where the object is.
    const redactor = this;
    return JSON.stringify(
      value,
      function (this: unknown, _key: string, v: unknown) {
        if (typeof v === 'string') return redactor.redact(v);
        if (typeof v === 'number') {
          const digits = String(v);
          const masked = digits.length >= 4 ? redactor.redact(digits) : digits;
          return masked === digits ? v : masked;
        }
        if (v && typeof v === 'object' && !Array.isArray(v)) return redactor.withRedactedKeys(v as Record<string, unknown>);
        return v;
      },
      indent,
    );
  }

  /** The object itself when no key of it holds a secret (nearly always), else a copy with its keys redacted. */
  private withRedactedKeys(object: Record<string, unknown>): Record<string, unknown> {
    // toJSON first, as JSON.stringify would have (Date...): then the result is walked as a value.
    if (typeof (object as { toJSON?: unknown }).toJSON === 'function') return object;
    const keys = Object.keys(object);
    if (keys.every((key) => key.length < 4 || this.redact(key) === key)) return object;
    return Object.fromEntries(keys.map((key) => [this.redact(key), object[key]]));
  }

  /** Every string inside a plain value (a report, a snapshot) redacted; the shape is kept. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }
}

/** Shared by the whole process: the configuration and the sources register secrets as they read them. */
export const redactor = new Redactor();

const REDACTED = Symbol('redacted by the process redactor');

/** Text pieces (strings, or UTF-8 bytes) every byte of which the process redactor already wrote (its `redactedJson`). */
export type RedactedPieces = Iterable<string | Uint8Array> & { readonly [REDACTED]: true };

/**
 * Marks pieces as already redacted, so that the output (src/cli/output.ts) does not scan them a
 * second time. Only for text made by `redactor.redactedJson` and structure without any value.
 */
export function redactedPieces(pieces: Iterable<string | Uint8Array>): RedactedPieces {
  return Object.assign(pieces, { [REDACTED]: true as const });
}

export function isRedacted(text: unknown): text is RedactedPieces {
  return typeof text === 'object' && text !== null && (text as { [REDACTED]?: unknown })[REDACTED] === true;
}

/**
 * A masker for the keys one source holds (raw and without stray characters), for messages it keeps
 * in its parts: the process redactor masks them again at output.
 */
export function maskerFor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  // Built at its first use: most maskers (one per club's Stripe keys) never mask anything, and a
  // 500-club run built 500 of them before its first Stripe request could leave.
  let own: Redactor | undefined;
  return (text) => {
    if (!own) {
      own = new Redactor();
      for (const secret of secrets) {
        own.add(secret);
        if (secret) own.add(secret.replace(/[\s"'`\u200b-\u200d\u2060\ufeff]/g, ''));
      }
    }
    return own.redact(text);
  };
}
