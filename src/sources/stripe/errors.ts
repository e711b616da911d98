// Turning what the Stripe SDK throws into data: probe outcomes and Causes. v23 maps errors by HTTP
// status (api-notes/stripe.md §6): 401 → StripeAuthenticationError, 403 → StripePermissionError,
// 429 → StripeRateLimitError, network/timeout/truncated body → StripeConnectionError, anything
// else (5xx, unreadable JSON) → StripeAPIError. Every message leaves here with keys masked.

import type { StripeErrorInfo } from '../../engine/parts.js';
import type { Cause } from '../../engine/types.js';
import { maskerFor } from '../../secrets/redact.js';

export type Classified =
  /** 401: the key itself was refused. */
  | { kind: 'auth'; outcome: 'revoked-or-unknown' | 'expired' | 'invalid' | 'publishable-key'; error: StripeErrorInfo }
  /** 403: the key is alive but lacks a permission (restricted key). */
  | { kind: 'permission'; accountId: string | null; permission: string | null; error: StripeErrorInfo }
  | { kind: 'rate-limited'; retryAfterMs: number | null; error: StripeErrorInfo }
  | { kind: 'unreachable'; sub: 'connection' | 'timeout' | 'api-error' | 'bad-response' | 'unexpected'; error: StripeErrorInfo }
  /** 400/404 and other answers that say our request was wrong (should not happen on these reads). */
  | { kind: 'request'; error: StripeErrorInfo };

interface SdkErrorLike {
  type?: string;
  rawType?: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  message?: string;
  headers?: Record<string, string | string[] | undefined>;
  detail?: { code?: string; message?: string } | undefined;
}

/** Masks every configured key (raw and trimmed) and anything shaped like a Stripe key. */
export const makeMasker = maskerFor;

function header(headers: SdkErrorLike['headers'], name: string): string | undefined {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function classifyStripeError(error: unknown, mask: (text: string) => string): Classified {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorLike;
  const info: StripeErrorInfo = { message: mask(e.message || 'unknown error') };
  if (typeof e.statusCode === 'number') info.status = e.statusCode;
  if (typeof e.code === 'string') info.code = e.code;
  if (typeof e.rawType === 'string') info.type = e.rawType;
  if (typeof e.requestId === 'string') info.requestId = e.requestId;

  switch (e.type) {
    case 'StripeAuthenticationError': {
      if (e.code === 'api_key_expired' || /^Expired API Key/i.test(e.message ?? '')) return { kind: 'auth', outcome: 'expired', error: info };
      if (e.code === 'secret_key_required') return { kind: 'auth', outcome: 'publishable-key', error: info };
      if (/^Invalid API Key provided/i.test(e.message ?? '') && !/space/i.test(e.message ?? '')) return { kind: 'auth', outcome: 'revoked-or-unknown', error: info };
      return { kind: 'auth', outcome: 'invalid', error: info };
    }
    case 'StripePermissionError': {
      const message = e.message ?? '';
      return {
        kind: 'permission',
        accountId: /on account '(acct_[A-Za-z0-9]+)'/.exec(message)?.[1] ?? null,
        permission: /'(rak_[a-z0-9_]+)'/.exec(message)?.[1] ?? null,
        error: info,
      };
    }
    case 'StripeRateLimitError':
      return { kind: 'rate-limited', retryAfterMs: retryAfterMs(header(e.headers, 'retry-after')), error: info };
    case 'StripeConnectionError': {
      const code = e.detail?.code;
      if (code) info.code = code;
      const timeout = code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '');
      if (e.detail?.message && !timeout) info.message = mask(`${info.message} (${e.detail.message})`);
      return { kind: 'unreachable', sub: timeout ? 'timeout' : 'connection', error: info };
    }
    case 'StripeAPIError':
      if (/Invalid JSON/i.test(e.message ?? '')) return { kind: 'unreachable', sub: 'bad-response', error: info };
      return { kind: 'unreachable', sub: 'api-error', error: info };
    case 'StripeInvalidRequestError':
    case 'StripeIdempotencyError':
    case 'StripeCardError':
      return { kind: 'request', error: info };
    default:
      return { kind: 'unreachable', sub: 'unexpected', error: info };
  }
}

/** The Cause of a failed part, from a classified error. */
export function causeOf(c: Classified, host: string): Cause {
  const kind =
    c.kind === 'auth' ? `key-${c.outcome}` : c.kind === 'permission' ? 'permission-denied' : c.kind === 'unreachable' ? c.sub : c.kind === 'rate-limited' ? 'rate-limited' : 'bad-request';
  const cause: Cause = { source: 'stripe', kind, host, message: c.error.message };
  if (c.error.status !== undefined) cause.status = c.error.status;
  if (c.error.code !== undefined) cause.code = c.error.code;
  return cause;
}
