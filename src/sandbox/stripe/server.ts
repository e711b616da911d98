// A Stripe API emulator for the sandbox and the tests (node:http on 127.0.0.1). It serves the few
// read-only endpoints checkout-doctor uses, for the accounts of a fixture keyed by API key, and
// answers with the error bodies the real API gives (api-notes/stripe.md §4): unknown or revoked key,
// expired key, publishable key on a secret-only endpoint, restricted key without the permission,
// no key, rate limit. Every response carries a `Request-Id` header. Faults (latency, 5xx, hang,
// garbage...) come from the shared injector (src/sandbox/faults.ts), applied before this handler.
//
// Endpoints: GET /v1/account, GET /v1/accounts/{id}/capabilities, GET /v1/charges,
// GET /v1/payment_intents, GET /v1/balance. Anything else is 404 "Unrecognized request URL"; other
// methods are refused (the sandbox never creates anything, POST /v1/tokens included).

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector } from '../faults.js';
import { startSandboxServer, type SandboxServer } from '../server.js';
import type { SandboxAccount, SandboxKey, SandboxListItem, StripeFixture } from './fixture.js';

/** The permission a restricted key needs for each endpoint (names modelled on Stripe's `rak_…`). */
export const RAK_PERMISSIONS = {
  account: 'rak_account_read',
  charges: 'rak_charge_read',
  paymentIntents: 'rak_payment_intent_read',
  balance: 'rak_balance_read',
} as const;
type Resource = keyof typeof RAK_PERMISSIONS;

/** One request as the emulator saw it; the key is masked the way Stripe masks it. */
export interface StripeSandboxCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** `sk_test_********…abcd`, or null when no key was sent. */
  key: string | null;
  /** Which fixture account the key belongs to (null: unknown key or none). */
  accountId: string | null;
  status: number;
  requestId: string;
}

export interface StripeSandbox {
  /** Base URL, e.g. `http://127.0.0.1:41234`: give it as `stripe.apiBase`. */
  url: string;
  port: number;
  faults: FaultInjector;
  /** Calls answered by the emulator (faults that answered instead are in `faults.hits`). */
  calls: StripeSandboxCall[];
  /** Every request received, faults included (method, path, query only). */
  requests(): { method: string; path: string; query: Record<string, string> }[];
  clearLog(): void;
  close(): Promise<void>;
}

export interface StripeSandboxOptions {
  fixture: StripeFixture;
  port?: number;
  host?: string;
  faults?: FaultInjector;
  /** Clock for `createdDaysAgo` (defaults to the real time). */
  now?: () => Date;
}

const DOCS = 'https://stripe.com/docs/error-codes';

/** Stripe's masked echo: the prefix, stars for the hidden part (same length), the last 4 (old keys) or 6 (longer keys). */
export function maskLikeStripe(key: string): string {
  const prefix = /^(pk|sk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  const tail = key.length - prefix.length > 24 ? 6 : 4;
  if (key.length <= prefix.length + tail + 4) return prefix + '*'.repeat(Math.max(0, key.length - prefix.length));
  return prefix + '*'.repeat(key.length - prefix.length - tail) + key.slice(-tail);
}

/**
 * `req_` + 14 characters, like Stripe's. Derived from the request (method, path, key, and how many
 * times that same request came before) rather than random, so that a recording through the sandbox
 * is reproducible whatever the order concurrent requests arrive in.
 */
function requestId(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return 'req_' + Array.from(createHash('sha256').update(seed).digest().subarray(0, 14), (b) => alphabet[b % alphabet.length]).join('');
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function stripeError(status: number, error: Record<string, unknown>, headers?: Record<string, string>): Reply {
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/** Reads the key from `Authorization: Bearer <key>` or Basic `<key>:`; undefined when none. */
function readKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const bearer = /^Bearer (.*)$/s.exec(header);
  if (bearer) return bearer[1] || undefined;
  const basic = /^Basic (.*)$/s.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    return decoded.split(':')[0] || undefined;
  }
  return undefined;
}

function resourceOf(path: string): Resource | 'capabilities' | undefined {
  if (path === '/v1/account') return 'account';
  if (path === '/v1/charges') return 'charges';
  if (path === '/v1/payment_intents') return 'paymentIntents';
  if (path === '/v1/balance') return 'balance';
  if (/^\/v1\/accounts\/[^/]+\/capabilities$/.test(path)) return 'capabilities';
  return undefined;
}

export async function startStripeSandbox(options: StripeSandboxOptions): Promise<StripeSandbox> {
  const { fixture } = options;
  const now = options.now ?? (() => new Date());
  const byKey = new Map<string, { account: SandboxAccount; key: SandboxKey }>();
  for (const account of fixture.accounts) for (const key of account.keys) byKey.set(key.key, { account, key });
  const calls: StripeSandboxCall[] = [];
  const seen = new Map<string, number>();

  const created = (item: SandboxListItem): number =>
    item.created ?? Math.floor(now().getTime() / 1000 - (item.createdDaysAgo ?? 0) * 86_400);

  function list(path: string, url: URL, items: SandboxListItem[], object: string, livemode: boolean): Reply {
    const rawLimit = url.searchParams.get('limit');
    const limit = rawLimit === null ? 10 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return stripeError(400, {
        code: 'parameter_invalid_integer',
        message: 'This value must be greater than or equal to 1.',
        param: 'limit',
        type: 'invalid_request_error',
      });
    }
    const data = items
      .filter((item) => item.livemode === undefined || item.livemode === livemode)
      .map(({ createdDaysAgo: _ignored, ...item }) => ({
        object,
        amount: 2500,
        currency: 'eur',
        status: 'succeeded',
        ...item,
        created: created({ ...item, createdDaysAgo: _ignored }),
        livemode,
      }))
      .sort((a, b) => b.created - a.created);
    return { status: 200, body: { object: 'list', data: data.slice(0, limit), has_more: data.length > limit, url: path } };
  }

  function answer(req: IncomingMessage, url: URL): { reply: Reply; key: string | undefined; account: SandboxAccount | undefined } {
    const key = readKey(req);
    const found = key === undefined ? undefined : byKey.get(key);
    const account = found?.account;
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const resource = resourceOf(path);

    if (resource === undefined) {
      return {
        reply: stripeError(404, {
          message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    if (method !== 'GET') {
      return {
        reply: stripeError(405, {
          message: `The checkout-doctor Stripe sandbox is read-only: ${method} ${path} is not emulated.`,
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    if (key === undefined) {
      return {
        reply: stripeError(401, {
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    if (!found || found.key.state === 'revoked') {
      const spaces = /\s/.test(key) ? ' This key contains at least one space. Please delete the spaces and try again.' : '';
      return {
        reply: stripeError(401, { message: `Invalid API Key provided: ${maskLikeStripe(key.trim())}${spaces}`, type: 'invalid_request_error' }),
        key,
        account: undefined,
      };
    }
    const { key: entry } = found;
    const kind = key.slice(0, 2);
    const livemode = key.startsWith(`${kind}_live_`);
    if (entry.state === 'expired') {
      return {
        reply: stripeError(401, {
          code: 'api_key_expired',
          doc_url: `${DOCS}/api-key-expired`,
          message: `Expired API Key provided: ${maskLikeStripe(key)}`,
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    if (entry.state === 'rate-limited') {
      return {
        reply: stripeError(
          429,
          {
            code: 'rate_limit',
            doc_url: `${DOCS}/rate-limit`,
            message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
            type: 'invalid_request_error',
          },
          { 'Retry-After': '1' },
        ),
        key,
        account,
      };
    }
    if (kind === 'pk') {
      return {
        reply: stripeError(401, {
          code: 'secret_key_required',
          doc_url: `${DOCS}/secret-key-required`,
          message:
            'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    const acct = found.account;
    const permission = RAK_PERMISSIONS[resource === 'capabilities' ? 'account' : resource];
    if (kind === 'rk' && !(entry.permissions ?? []).includes(permission)) {
      return {
        reply: stripeError(403, {
          message: `The provided key '${maskLikeStripe(key)}' does not have the required permissions for this endpoint on account '${acct.account.id}'. Having the '${permission}' permission would allow this request to continue.`,
          type: 'invalid_request_error',
        }),
        key,
        account,
      };
    }
    switch (resource) {
      case 'account':
        return { reply: { status: 200, body: { object: 'account', ...acct.account } }, key, account };
      case 'capabilities': {
        const id = path.split('/')[3];
        if (id !== acct.account.id) {
          return {
            reply: stripeError(404, { code: 'resource_missing', message: `No such account: '${id}'`, param: 'account', type: 'invalid_request_error' }),
            key,
            account,
          };
        }
        const data = Object.entries(acct.account.capabilities ?? {}).map(([name, status]) => ({
          id: name,
          object: 'capability',
          account: acct.account.id,
          requested: status !== 'unrequested',
          status,
          requirements: {
            alternatives: [],
            current_deadline: null,
            currently_due: [],
            disabled_reason: acct.capabilityReasons?.[name] ?? null,
            errors: [],
            eventually_due: [],
            past_due: [],
            pending_verification: [],
          },
        }));
        return { reply: { status: 200, body: { object: 'list', data, has_more: false, url: path } }, key, account };
      }
      case 'charges':
        return { reply: list(path, url, acct.charges, 'charge', livemode), key, account };
      case 'paymentIntents':
        return { reply: list(path, url, acct.paymentIntents, 'payment_intent', livemode), key, account };
      case 'balance': {
        const b = acct.balance ?? { available: 0, pending: 0, currency: 'eur' };
        return {
          reply: {
            status: 200,
            body: {
              object: 'balance',
              livemode,
              available: [{ amount: b.available, currency: b.currency, source_types: { card: b.available } }],
              pending: [{ amount: b.pending, currency: b.currency, source_types: { card: b.pending } }],
            },
          },
          key,
          account,
        };
      }
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const { reply, key, account } = answer(req, url);
    const seed = `${req.method ?? 'GET'} ${req.url ?? '/'} ${key ?? ''}`;
    const nth = (seen.get(seed) ?? 0) + 1;
    seen.set(seed, nth);
    const id = requestId(`${seed} ${nth}`);
    calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      key: key === undefined ? null : maskLikeStripe(key.trim()),
      accountId: account?.account.id ?? null,
      status: reply.status,
      requestId: id,
    });
    const body = JSON.stringify(reply.body, null, 2);
    res.writeHead(reply.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Request-Id': id,
      'Stripe-Version': String(req.headers['stripe-version'] ?? ''),
      ...reply.headers,
    });
    res.end(body);
  };

  const server: SandboxServer = await startSandboxServer(handler, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    faults: options.faults ?? new FaultInjector(),
  });
  // Node's client agent keeps a socket only when the server's `Keep-Alive: timeout` exceeds one
  // second; the shared 1 s would make every Stripe request open a connection, which the real API
  // (which keeps them far longer) does not. Idle sockets still end with close().
  server.server.keepAliveTimeout = 5_000;
  return {
    url: server.url,
    port: server.port,
    faults: server.faults,
    calls,
    requests: () => server.requests.map(({ method, path, query }) => ({ method, path, query })),
    clearLog: () => {
      calls.length = 0;
      server.requests.length = 0;
      server.faults.hits.length = 0;
    },
    close: () => server.close(),
  };
}
