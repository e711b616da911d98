// The SPREAD dynamic-coupon endpoint (FAQ 003, « Coupons dynamiques »). SPREAD supports dynamic
// coupons on PrestaShop or Magento only; its test tool ("Créer un coupon test") asks the shop to
// create a coupon with a unique code worth 5 % and shows the HTTP code and, when a 2xx did not
// create the code, the body ("Contenu retourné"). This source does the same test once per run, only
// when the run asks for it (`diagnose --test-coupon`: the test coupon is a write), and returns the
// `shop.dynamicCoupons` part envelope; without it nothing is sent and the part says what was checked.
//
// ASSUMPTION (not documented in our notes): the exact protocol between SPREAD and the shop's module
// is unknown. We POST JSON `{ "code", "type": "percent", "value": 5, "test": true }` with
// `Content-Type: application/json` and `Accept: application/json` to the configured URL as is
// (credentials, if the module needs any, travel in that URL, e.g. `?token=…`), and read a JSON
// answer: `success`, `code`, `error`, `errors`, `status`. A module speaking another dialect will
// show up as `ok-with-error-body` / `client-error` with the body excerpt, which still tells a
// person what happened.
//
// The request is a POST that may create a coupon: it is sent exactly once (never retried, not even
// on 502/503/504 or a dropped connection: a retried POST could create two coupons) and redirects
// are not followed (following would replay the POST elsewhere, or turn it into a GET): a 3xx is
// reported with its Location.
//
// Whatever HTTP answer came back is data (`status: 'ok'`): judging it is the check's job. Only "no
// answer at all" (refused, DNS, TLS, timeout) is a failed part.

import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { DynamicCoupons, DynamicCouponsProbed } from '../engine/parts.js';
import type { PartEnvelope } from '../engine/snapshot.js';
import type { Cause } from '../engine/types.js';
import { redactor } from '../secrets/redact.js';
import { cap, scrubText, scrubUrl, urlSecrets } from '../secrets/scrub.js';
import { httpRequest, HttpTransportError, type HttpResponse } from './http.js';
import { requestLog as sharedRequestLog, type RequestLog } from './request-log.js';

export interface DynamicCouponsSection {
  url: string;
  platform: string;
}

export interface DynamicCouponsOptions {
  /** From sending to the end of the body. Default 15 s. */
  timeoutMs?: number;
  /** Injected for tests. */
  dispatcher?: Dispatcher;
  /** Clock used for the unique code (tests make it deterministic). */
  now?: () => Date;
  /** Random part of the unique code (tests make it deterministic). */
  random?: () => string;
  requestLog?: RequestLog;
  /**
   * Send the test creation (a write: one coupon is created on the shop). Only `diagnose
   * --test-coupon` sets it; otherwise nothing is sent and the part says what was verified.
   */
  create?: boolean;
}

/** SPREAD's dynamic coupons work with these e-commerce solutions only (FAQ 003). */
export const SUPPORTED_PLATFORMS = ['prestashop', 'magento'] as const;

export const TEST_PERCENT = 5;
export const BODY_EXCERPT_MAX = 500;
const ERROR_MESSAGE_MAX = 300;

/**
 * `prestashop` or `magento`, case-insensitive, surrounding spaces ignored; a version suffix is
 * accepted (`Magento 2`, `PrestaShop 8.1`). Anything else is unsupported.
 */
export function normalisePlatform(platform: string): (typeof SUPPORTED_PLATFORMS)[number] | null {
  const match = /^(prestashop|magento)(?:[\s_-]*v?\d+(?:\.\d+)*)?$/i.exec(platform.trim());
  return match ? (match[1]!.toLowerCase() as (typeof SUPPORTED_PLATFORMS)[number]) : null;
}

/** `CDTEST-<time in base 36>-<random>`: unique, upper-case letters, digits and dashes only. */
export function makeTestCode(now: Date, random: string = randomBytes(4).toString('hex')): string {
  return `CDTEST-${now.getTime().toString(36)}-${random}`.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Reading the answer

/** PHP's own error output (display_errors on): `<b>Warning</b>: …` in HTML, `PHP Warning: … on line N` in text. */
const PHP_ERROR_HTML = /<b>\s*(Fatal error|Parse error|Warning|Notice|Deprecated|Catchable fatal error|Recoverable fatal error)\s*<\/b>\s*:\s*([\s\S]*?)(?:<br\s*\/?>|\n|$)/i;
const PHP_ERROR_TEXT = /^(?:PHP )?(Fatal error|Parse error|Warning|Notice|Deprecated|Catchable fatal error|Recoverable fatal error)\s*:\s*(.+?\bon line \d+.*)$/im;

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The visible text of an HTML page (scripts and styles dropped), whitespace collapsed. */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, (m) => {
        const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(m);
        return title ? ` ${title[1]} ` : ' ';
      })
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function looksLikeHtml(contentType: string | null, body: string): boolean {
  if (contentType && /html/i.test(contentType)) return true;
  const head = body.trimStart().slice(0, 200).toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<br') || /<(?:html|body|head|title)\b/.test(head);
}

/** A PHP error, warning or notice printed into the answer (display_errors on). */
function phpError(body: string): string | null {
  const match = PHP_ERROR_HTML.exec(body) ?? PHP_ERROR_TEXT.exec(body);
  if (!match) return null;
  const text = htmlText(`${match[1]}: ${match[2]}`).replace(/\s+/g, ' ').trim();
  return text || null;
}

function stringOf(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || value === true) return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => stringOf(v)).filter((v): v is string => !!v);
    return parts.length ? parts.join('; ') : null;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['message', 'error', 'msg', 'detail', 'description']) {
      const s = stringOf(o[key]);
      if (s) return s;
    }
    const parts = Object.values(o)
      .map((v) => stringOf(v))
      .filter((v): v is string => !!v);
    return parts.length ? parts.join('; ') : null;
  }
  return null;
}

function nonEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function mentions(value: unknown, code: string): boolean {
  const needle = code.toLowerCase();
  if (typeof value === 'string') return value.toLowerCase().includes(needle);
  if (Array.isArray(value)) return value.some((v) => mentions(v, code));
  if (value && typeof value === 'object') return Object.values(value as object).some((v) => mentions(v, code));
  return false;
}

const ERROR_STATUS = /^(?:error|errors|fail|failed|failure|ko|nok)$/i;

interface BodyReading {
  created: boolean;
  errorKind: DynamicCouponsProbed['errorKind'];
  errorMessage: string | null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^[[{"]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What an answer's body says about the test code (the status is judged by the caller). */
export function readBody(body: string, contentType: string | null, code: string): BodyReading {
  const trimmed = body.trim();
  if (!trimmed) return { created: false, errorKind: 'unexpected-body', errorMessage: null };

  const json = parseJson(trimmed);
  if (json.ok) {
    const value = json.value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const statusSaysError = typeof o['status'] === 'string' && ERROR_STATUS.test(o['status'].trim());
      const saysFailure = o['success'] === false || o['success'] === 'false' || o['ok'] === false;
      if (nonEmpty(o['error']) || nonEmpty(o['errors']) || saysFailure || statusSaysError) {
        const message =
          stringOf(o['error']) ??
          stringOf(o['errors']) ??
          stringOf(o['message']) ??
          stringOf(o['msg']) ??
          (statusSaysError ? `status: ${String(o['status'])}` : saysFailure ? 'success: false' : null);
        return { created: false, errorKind: 'error-field', errorMessage: message };
      }
      if (o['success'] === true || o['success'] === 'true' || mentions(o, code)) return { created: true, errorKind: null, errorMessage: null };
      return { created: false, errorKind: 'code-not-confirmed', errorMessage: stringOf(o['message']) };
    }
    if (mentions(value, code)) return { created: true, errorKind: null, errorMessage: null };
    return { created: false, errorKind: 'code-not-confirmed', errorMessage: null };
  }

  // PHP output before (or instead of) the JSON: the module crashed or warned while answering.
  const php = phpError(trimmed);
  if (php) return { created: false, errorKind: 'error-page', errorMessage: php };
  if (looksLikeHtml(contentType, trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed);
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed);
    const message = [title?.[1], h1?.[1]].map((s) => (s ? htmlText(s) : '')).find((s) => s) || htmlText(trimmed).split('\n')[0] || null;
    return { created: false, errorKind: 'error-page', errorMessage: message };
  }
  return { created: false, errorKind: 'unexpected-body', errorMessage: trimmed.split('\n')[0]!.trim() || null };
}

function excerptOf(body: string, contentType: string | null, secrets: readonly string[]): string {
  const trimmed = body.trim();
  const shown = looksLikeHtml(contentType, trimmed) && !/^[[{]/.test(trimmed) ? htmlText(trimmed) : trimmed;
  // Scrub before cutting, so a secret straddling the cut cannot leak its first half.
  return cap(scrubText(shown, secrets), BODY_EXCERPT_MAX);
}

function classify(response: HttpResponse, code: string, secrets: readonly string[]): Omit<DynamicCouponsProbed, 'platform' | 'url' | 'request'> {
  const contentType = response.headers['content-type'] ?? null;
  const bodyExcerpt = excerptOf(response.body, contentType, secrets);
  const scrubMessage = (m: string | null) => (m ? cap(scrubText(m, secrets), ERROR_MESSAGE_MAX) : null);
  const status = response.status;
  const base = { status, contentType, bodyExcerpt, location: null as string | null };

  if (status >= 200 && status < 300) {
    const reading = readBody(response.body, contentType, code);
    if (reading.created) return { ...base, outcome: 'created', errorKind: null, errorMessage: null };
    return { ...base, outcome: 'ok-with-error-body', errorKind: reading.errorKind, errorMessage: scrubMessage(reading.errorMessage) };
  }
  // An error answer may still say why (JSON error field, PHP error, page title).
  const reading = readBody(response.body, contentType, code);
  const errorMessage = scrubMessage(reading.errorMessage);
  if (status >= 300 && status < 400) {
    const raw = response.headers['location'];
    let location: string | null = null;
    if (raw) {
      try {
        location = scrubUrl(new URL(raw, response.url).toString());
      } catch {
        location = scrubText(raw, secrets);
      }
    }
    return { ...base, outcome: 'redirect', location, errorKind: null, errorMessage: null };
  }
  if (status >= 400 && status < 500) return { ...base, outcome: 'client-error', errorKind: null, errorMessage };
  // 5xx, and anything outside the known classes, is the server failing to build its answer.
  return { ...base, outcome: 'server-error', errorKind: null, errorMessage };
}

function failed(cause: Omit<Cause, 'source'>): PartEnvelope {
  return { status: 'failed', cause: { source: 'dynamic-coupons', ...cause } };
}

/**
 * Asks the configured endpoint to create one test coupon and returns the `shop.dynamicCoupons`
 * part envelope; `undefined` when config has no `dynamicCoupons` section (the check then skips).
 * Never throws.
 */
export async function gatherDynamicCoupons(section: DynamicCouponsSection | undefined, options: DynamicCouponsOptions = {}): Promise<PartEnvelope | undefined> {
  if (!section) return undefined;
  const log = options.requestLog ?? sharedRequestLog;
  const secrets = urlSecrets(section.url);
  for (const secret of secrets) redactor.add(secret);
  const shownUrl = scrubUrl(section.url);

  if (!normalisePlatform(section.platform)) {
    const data: DynamicCoupons = { outcome: 'platform-unsupported', platform: section.platform, url: shownUrl };
    return { status: 'ok', data };
  }

  let target: URL;
  try {
    target = new URL(section.url);
  } catch {
    return failed({ kind: 'bad-url', message: `"${shownUrl}" is not a valid URL` });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return failed({ kind: 'bad-url', host: target.host, message: `"${shownUrl}" is not an http(s) URL` });
  }

  if (!options.create) {
    const data: DynamicCoupons = { outcome: 'not-tested', platform: section.platform, url: shownUrl };
    return { status: 'ok', data };
  }

  const code = makeTestCode((options.now ?? (() => new Date()))(), options.random?.());
  // Path only: the query may carry the module's token.
  log.record({ source: 'dynamic-coupons', method: 'POST', target: target.pathname });
  let response: HttpResponse;
  try {
    response = await httpRequest(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'checkout-doctor (dynamic-coupons check)',
      },
      body: JSON.stringify({ code, type: 'percent', value: TEST_PERCENT, test: true }),
      timeoutMs: options.timeoutMs ?? 15_000,
      retry: false,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    if (error instanceof HttpTransportError) {
      return failed({ kind: error.kind, host: error.host, message: scrubText(error.message, secrets), ...(error.code ? { code: error.code } : {}) });
    }
    return failed({ kind: 'unexpected', host: target.host, message: scrubText(error instanceof Error ? error.message : String(error), secrets) });
  }

  const data: DynamicCoupons = {
    platform: section.platform,
    url: shownUrl,
    request: { code, percent: TEST_PERCENT },
    ...classify(response, code, secrets),
  };
  return { status: 'ok', data };
}

// Re-exported for the tests and callers that scrub what this source quotes.
export { scrubText, scrubUrl } from '../secrets/scrub.js';
