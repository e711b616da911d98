// Shared HTTP plumbing for the sources that speak HTTP through undici (PrestaShop webservice,
// Sendcloud, shop front): one request with a per-attempt timeout, retries of idempotent requests on
// 429/502/503/504 (and dropped connections) with exponential backoff and `Retry-After`, a cap on the
// total time spent waiting, no redirect following, and transport failures as typed errors.
//
// Whatever the upstream does, a request is bounded: in time (per attempt, from sending to the end of
// the body), in size (`maxBodyBytes`: a huge or endless body is cut and is an error, never held in
// memory), and by the run (`withRunSignal`: the run's deadline or Ctrl-C aborts every request in
// flight, through AsyncLocalStorage so that no source has to thread a signal by hand).
//
// It knows nothing about any upstream: callers classify the HttpResponse they get back (every
// status, including the last 429 when retries ran out, is returned, never thrown).

import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';
import { request, type Dispatcher } from 'undici';

/** Default cap on one response body: far above any real answer, far below the memory budget. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const runScope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `fn` with every HTTP request it starts (however deep) bound to `signal`: when it aborts
 * (deadline, Ctrl-C), requests in flight are cancelled and new ones fail at once.
 */
export function withRunSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  // Every request in flight listens to it (and its retry wait too): the source pools bound how
  // many, not Node's default of 10 per signal, past which it prints a leak warning on stderr.
  setMaxListeners(0, signal);
  return runScope.run(signal, fn);
}

/** The run's signal in this async context, if any (sources that do not use httpRequest read it). */
export function currentRunSignal(): AbortSignal | undefined {
  return runScope.getStore();
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubled at each retry, with ±20 % jitter. */
  baseDelayMs: number;
  /** Longest single wait, `Retry-After` included: a longer `Retry-After` stops the retries. */
  maxDelayMs: number;
  /** Longest total wait across retries for one request. */
  maxTotalWaitMs: number;
  /** Statuses worth another attempt. */
  statuses: readonly number[];
  /** Retry after a timeout too (off by default: a hung server would multiply the wait). */
  retryTimeouts: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxTotalWaitMs: 20_000,
  statuses: [429, 502, 503, 504],
  retryTimeouts: false,
};

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The URL requested (never followed elsewhere). */
  url: string;
  /** Attempts made, 1 when the first one was kept. */
  attempts: number;
  /** Time spent waiting between attempts. */
  waitedMs: number;
}

export interface HttpRequestOptions {
  /** GET and HEAD are retried per the policy; other methods are sent once, never retried. */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** Request body (non-GET methods). */
  body?: string;
  /** Per attempt, from sending to the end of the body. */
  timeoutMs?: number;
  /** Largest body accepted; a longer one is cut and is a `too-large` error. Default 8 MiB. */
  maxBodyBytes?: number;
  retry?: Partial<RetryPolicy> | false;
  dispatcher?: Dispatcher;
  /** Responses that must not be retried despite a retryable status (e.g. "webservice disabled"). */
  isFinal?: (response: HttpResponse) => boolean;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export type TransportErrorKind = 'timeout' | 'unreachable' | 'too-large';

/** The request got no usable HTTP response (none at all, or a body over the size cap). */
export class HttpTransportError extends Error {
  override name = 'HttpTransportError';
  constructor(
    readonly kind: TransportErrorKind,
    readonly host: string,
    message: string,
    /** System or undici error code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT…). */
    readonly code?: string,
    readonly attempts = 1,
  ) {
    super(message);
  }
}

const sleepReal = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    // Cleared on abort: a cancelled wait must not keep the process alive for its remaining time.
    const cancel = () => clearTimeout(timer);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }, ms);
    signal?.addEventListener('abort', cancel, { once: true });
  });

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/** Reads a body as UTF-8 text, refusing more than `limit` bytes (the rest is never read). */
async function readCapped(body: AsyncIterable<Uint8Array> & { destroy?: (e?: Error) => void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy?.();
      throw new BodyTooLarge(limit);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const base = policy.baseDelayMs * 2 ** retry;
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.min(policy.maxDelayMs, Math.round(base * jitter));
}

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeTransport(error: unknown, code: string | undefined, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} could not be resolved (DNS)`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection without answering`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `${host} presented a TLS certificate that cannot be trusted (${code})`;
    default:
      return `${host} could not be reached (${code ?? (error as Error)?.message ?? 'unknown error'})`;
  }
}

/** Resolves when `wait` does or `signal` aborts, whichever comes first. */
function untilAborted(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    wait.then(done, done);
  });
}

/**
 * Sends one request and returns the final response, retrying GET and HEAD (idempotent) per the
 * policy. Throws HttpTransportError when no response came (timeout, refused, DNS, TLS, reset).
 */
export async function httpRequest(url: string | URL, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const host = target.host;
  const method = options.method ?? 'GET';
  const idempotent = method === 'GET' || method === 'HEAD';
  const policy: RetryPolicy =
    options.retry === false || !idempotent ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...(options.retry ?? {}) };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const runSignal = runScope.getStore();
  const sleep = options.sleep ?? ((ms: number) => sleepReal(ms, runSignal));
  const random = options.random ?? Math.random;
  let waited = 0;

  for (let attempt = 1; ; attempt++) {
    const retriesLeft = policy.retries - (attempt - 1);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    // The run's end (deadline, Ctrl-C) cancels this attempt too, and no retry follows.
    const onRunAbort = () => controller.abort(runSignal?.reason);
    if (runSignal?.aborted) onRunAbort();
    else runSignal?.addEventListener('abort', onRunAbort, { once: true });
    let response: HttpResponse | undefined;
    let failure: HttpTransportError | undefined;
    let retryable = false;
    try {
      const res = await request(target, {
        method,
        headers: options.headers,
        ...(options.body !== undefined && idempotent === false ? { body: options.body } : {}),
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      const body = await readCapped(res.body, maxBodyBytes);
      response = {
        status: res.statusCode,
        headers: normaliseHeaders(res.headers as Record<string, string | string[] | undefined>),
        body,
        url: target.toString(),
        attempts: attempt,
        waitedMs: waited,
      };
    } catch (error) {
      const code = errorCode(error);
      if (error instanceof BodyTooLarge) {
        failure = new HttpTransportError('too-large', host, `${host} sent a body larger than ${mib(error.limit)}; it was not read further`, 'BODY_TOO_LARGE', attempt);
      } else if (runSignal?.aborted) {
        const why = runSignal.reason instanceof Error ? runSignal.reason.message : 'the run was stopped';
        failure = new HttpTransportError('timeout', host, `request to ${host} cancelled: ${why}`, 'ABORTED', attempt);
      } else if (timedOut || (code && TIMEOUT_CODES.has(code))) {
        failure = new HttpTransportError('timeout', host, `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s`, code ?? 'TIMEOUT', attempt);
        retryable = policy.retryTimeouts;
      } else {
        failure = new HttpTransportError('unreachable', host, describeTransport(error, code, host), code, attempt);
        retryable = code !== undefined && DROPPED_CODES.has(code);
      }
    } finally {
      clearTimeout(timer);
      runSignal?.removeEventListener('abort', onRunAbort);
    }

    let delay: number | undefined;
    let reason = '';
    if (response) {
      if (!policy.statuses.includes(response.status) || options.isFinal?.(response)) return response;
      const retryAfter = parseRetryAfter(response.headers['retry-after']);
      delay = retryAfter ?? backoffDelay(attempt - 1, policy, random);
      reason = `HTTP ${response.status}${retryAfter !== undefined ? ` (Retry-After ${response.headers['retry-after']})` : ''}`;
      // A server asking for a longer pause than we accept: give its answer back now.
      if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) return response;
    } else if (retryable) {
      delay = backoffDelay(attempt - 1, policy, random);
      reason = failure!.message;
    } else {
      throw failure!;
    }
    if (retriesLeft <= 0 || waited + delay > policy.maxTotalWaitMs || runSignal?.aborted) {
      if (response) return response;
      throw failure!;
    }
    options.onRetry?.({ attempt, delayMs: delay, reason });
    // The run's end (or a cancelled speculative read) cuts the wait short: no attempt follows.
    await (runSignal ? untilAborted(sleep(delay), runSignal) : sleep(delay));
    if (runSignal?.aborted) {
      if (response) return response;
      throw failure!;
    }
    waited += delay;
  }
}
