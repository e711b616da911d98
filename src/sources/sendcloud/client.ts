// Read-only client of the Sendcloud Panel API v2 (api-notes/sendcloud.md §1-2), through the shared
// undici helper (src/sources/http.ts: per-attempt timeout, retries of GETs on 429/502/503/504 with
// backoff and Retry-After).
//
// - Basic auth built here: public key as user name, secret key as password. Keys never go in a URL,
//   a message, a Cause or the request log.
// - Every GET is cached for the life of the client (one client = one run): the same path is asked
//   once; concurrent callers share the in-flight promise; failures are cached too.
// - Every failure is a SendcloudError whose `details` is the engine's Cause (source 'sendcloud', kind
//   auth | rate-limited | server-error | timeout | unreachable | malformed | not-found | http-error)
//   with fix steps in French and English. Bodies are validated with zod: garbage is `malformed`.

import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { t, type Cause, type Text } from '../../engine/types.js';
import { maskerFor } from '../../secrets/redact.js';
import { httpRequest, HttpTransportError, type HttpResponse, type RetryPolicy } from '../http.js';
import { requestLog as sharedRequestLog, type RequestLog } from '../request-log.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  sameKeysElsewhere: t('Une autre application utilise peut-être les mêmes clés API intensivement.', 'Another application may be using the same API keys heavily.'),
};

export const DEFAULT_SENDCLOUD_API = 'https://panel.sendcloud.sc';

export interface SendcloudClientOptions {
  /** `sendcloud.apiBase`, default https://panel.sendcloud.sc (a path in it is kept as a prefix). */
  apiBase?: string;
  publicKey: string;
  secretKey: string;
  /** Per attempt, default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy> | false;
  dispatcher?: Dispatcher;
  /** Injected for tests (backoff and Retry-After waits). */
  sleep?: (ms: number) => Promise<void>;
  /** Where each request sent is recorded (method and path only); default the run's shared log. */
  requestLog?: RequestLog;
}

export type SendcloudErrorKind = 'auth' | 'rate-limited' | 'server-error' | 'timeout' | 'unreachable' | 'malformed' | 'not-found' | 'http-error' | 'too-large';

export class SendcloudError extends Error {
  override name = 'SendcloudError';
  constructor(readonly details: Cause) {
    super(details.message);
  }
  get kind(): SendcloudErrorKind {
    return this.details.kind as SendcloudErrorKind;
  }
}

const KEYS_FIX: Text[] = [
  t(
    'Dans Sendcloud : Réglages > Intégrations > Sendcloud API, ouvrez l’intégration API (ou créez-en une avec « Connecter ») et copiez sa clé publique et sa clé secrète.',
    'In Sendcloud: Settings > Integrations > Sendcloud API, open the API integration (or create one with "Connect") and copy its public key and secret key.',
  ),
  t(
    'Reportez-les dans la configuration de checkout-doctor (sendcloud.publicKey et sendcloud.secretKey, de préférence sous la forme "env:NOM_DE_VARIABLE"), sans espace ni guillemet autour.',
    'Put them in checkout-doctor’s configuration (sendcloud.publicKey and sendcloud.secretKey, preferably as "env:VARIABLE_NAME"), with no space or quote around them.',
  ),
  t(
    'Si l’intégration API a été passée en OAuth2 seulement, l’authentification par clés ne fonctionne plus : utilisez une intégration API avec clés.',
    'If the API integration was switched to OAuth2 only, key authentication no longer works: use an API integration with keys.',
  ),
];
const RETRY_LATER = t('Relancez le diagnostic dans quelques minutes.', 'Run the diagnosis again in a few minutes.');
const API_BASE_FIX = t(
  'Vérifiez sendcloud.apiBase dans la configuration (par défaut https://panel.sendcloud.sc, sans /api/v2).',
  'Check sendcloud.apiBase in the configuration (default https://panel.sendcloud.sc, without /api/v2).',
);
const STATUS_PAGE = t(
  'Si cela persiste, consultez la page d’état de Sendcloud ou le support Sendcloud (« Besoin d’aide » dans le compte).',
  'If it persists, check Sendcloud’s status page or Sendcloud support ("Besoin d’aide" in the account).',
);
const NETWORK_FIX = t(
  'Vérifiez que cette machine accède à Internet en HTTPS (proxy, pare-feu, DNS), puis relancez.',
  'Check that this machine can reach the Internet over HTTPS (proxy, firewall, DNS), then run again.',
);

/** The upstream's own words: v2 `{"error":{message}}`, v3 `{"errors":[{title,detail}]}`, or a short hint of the body. */
export function upstreamMessage(response: Pick<HttpResponse, 'body' | 'headers'>): string | undefined {
  try {
    const json = JSON.parse(response.body) as unknown;
    if (json && typeof json === 'object') {
      const error = (json as { error?: unknown }).error;
      if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
      if (typeof error === 'string') return error;
      const errors = (json as { errors?: unknown }).errors;
      if (Array.isArray(errors) && errors[0] && typeof errors[0] === 'object') {
        const e = errors[0] as { title?: unknown; detail?: unknown };
        return [e.title, e.detail].filter((x) => typeof x === 'string').join(': ') || undefined;
      }
      const detail = (json as { detail?: unknown }).detail;
      if (typeof detail === 'string') return detail;
    }
  } catch {
    // not JSON
  }
  const type = response.headers['content-type'] ?? '';
  if (/html/i.test(type) || /^\s*</.test(response.body)) {
    const title = /<title>([^<]{1,120})<\/title>/i.exec(response.body)?.[1];
    return title ? `HTML page "${title.trim()}"` : 'an HTML page';
  }
  return undefined;
}

export class SendcloudClient {
  readonly host: string;
  private readonly base: URL;
  private readonly authorization: string;
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly log: RequestLog;
  private readonly mask: (text: string) => string;

  constructor(private readonly options: SendcloudClientOptions) {
    this.base = new URL(options.apiBase ?? DEFAULT_SENDCLOUD_API);
    this.host = this.base.host;
    this.authorization = `Basic ${Buffer.from(`${options.publicKey}:${options.secretKey}`, 'utf8').toString('base64')}`;
    this.log = options.requestLog ?? sharedRequestLog;
    this.mask = maskerFor([options.secretKey, options.publicKey, this.authorization.slice(6)]);
  }

  /** Masks the configured keys wherever an upstream message might echo them. */
  private scrub(text: string): string {
    return this.mask(text);
  }

  private url(path: string): URL {
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const [pathname, query] = path.split('?');
    const url = new URL(this.base.toString());
    url.pathname = `${prefix}${pathname}`;
    url.search = query ? `?${query}` : '';
    return url;
  }

  private cause(kind: SendcloudErrorKind, path: string, message: string, extra: Partial<Cause> = {}): SendcloudError {
    return new SendcloudError({ source: 'sendcloud', kind, host: this.host, message: this.scrub(message), ...extra });
  }

  /** GET `path` (e.g. `/api/v2/user`), parse JSON, validate with `schema`; cached per path. */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const key = path;
    let pending = this.cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = this.fetch(path, schema);
      this.cache.set(key, pending);
      // Callers may never await a cached failure: keep it from being reported as unhandled.
      pending.catch(() => undefined);
    }
    return pending;
  }

  private async fetch<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    this.log.record({ source: 'sendcloud', method: 'GET', target: path });
    let response: HttpResponse;
    try {
      response = await httpRequest(this.url(path), {
        headers: { Authorization: this.authorization, Accept: 'application/json', 'User-Agent': 'checkout-doctor' },
        timeoutMs: this.options.timeoutMs ?? 15_000,
        ...(this.options.retry !== undefined ? { retry: this.options.retry } : {}),
        ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      });
    } catch (error) {
      if (error instanceof HttpTransportError) {
        const code = error.code;
        return Promise.reject(
          this.cause(error.kind, path, `GET ${path}: ${error.message}`, {
            ...(code ? { code } : {}),
            fix: error.kind === 'timeout' ? [RETRY_LATER, STATUS_PAGE] : [NETWORK_FIX, API_BASE_FIX],
          }),
        );
      }
      throw error;
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        throw this.cause('malformed', path, `GET ${path} answered HTTP ${status} with a body that is not JSON (${response.body.length} bytes)`, {
          status,
          fix: [RETRY_LATER, STATUS_PAGE, API_BASE_FIX],
        });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ');
        throw this.cause('malformed', path, `GET ${path} answered with an unexpected shape: ${issues}`, { status, fix: [RETRY_LATER, STATUS_PAGE] });
      }
      return parsed.data;
    }
    const said = upstreamMessage(response);
    // Masked before it is cut: a cut through an echoed key would leave a piece no masker recognises.
    const quoted = said ? `: "${this.scrub(said).replace(/\s+/g, ' ').trim().slice(0, 300)}"` : '';
    if (status === 401 || status === 403) {
      throw this.cause('auth', path, `Sendcloud refused the API keys on GET ${path} (HTTP ${status})${quoted}`, { status, fix: KEYS_FIX });
    }
    if (status === 429) {
      const after = response.headers['retry-after'];
      throw this.cause(
        'rate-limited',
        path,
        `Sendcloud rate-limited GET ${path} (HTTP 429 after ${response.attempts} attempt(s)${after ? `, Retry-After ${after}` : ''})${quoted}`,
        { status, fix: [MESSAGES.sameKeysElsewhere, RETRY_LATER] },
      );
    }
    if (status >= 500) {
      throw this.cause('server-error', path, `Sendcloud answered HTTP ${status} on GET ${path}${quoted}`, { status, fix: [RETRY_LATER, STATUS_PAGE] });
    }
    if (status === 404) {
      throw this.cause('not-found', path, `GET ${path} answered HTTP 404${quoted}`, { status, fix: [API_BASE_FIX] });
    }
    const location = response.headers.location;
    throw this.cause('http-error', path, `GET ${path} answered HTTP ${status}${location ? ` (redirect to ${location})` : ''}${quoted}`, {
      status,
      fix: location ? [API_BASE_FIX] : [RETRY_LATER, STATUS_PAGE],
    });
  }
}
