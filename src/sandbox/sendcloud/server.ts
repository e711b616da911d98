// A Sendcloud Panel API v2 emulator for the sandbox and the tests (node:http on 127.0.0.1). It serves
// the read-only endpoints checkout-doctor uses, for the one account of a fixture, with Basic auth
// (public key : secret key) and the v2 error envelope `{"error":{"code","request","message"}}`
// (api-notes/sendcloud.md §2). Faults (latency, 5xx, hang, garbage, reset...) come from the shared
// injector (src/sandbox/faults.ts), applied before this handler.
//
// Endpoints (trailing slash optional):
//   GET /api/v2/user                     GET /api/v2/user/addresses/sender
//   GET /api/v2/user/invoices            GET /api/v2/integrations      GET /api/v2/integrations/{id}
//   GET /api/v2/integrations/{id}/logs   GET /api/v2/shipping_methods
// Anything else is a 404 envelope; other methods 405 (the sandbox never changes anything).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector } from '../faults.js';
import { startSandboxServer, type SandboxServer } from '../server.js';
import type { SandboxIntegration, SandboxLog, SendcloudFixture, SendcloudSandboxKey } from './fixture.js';

/** One request as the emulator answered it; the public key only, shortened. */
export interface SendcloudSandboxCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The public key sent, masked (`FAKE…0001`), or null when no Basic credentials came. */
  publicKey: string | null;
  status: number;
}

export interface SendcloudSandbox {
  /** Base URL, e.g. `http://127.0.0.1:41234`: give it as `sendcloud.apiBase`. */
  url: string;
  port: number;
  faults: FaultInjector;
  /** Calls answered by the emulator (faults that answered instead are in `faults.hits`). */
  calls: SendcloudSandboxCall[];
  /** Every request received, faults included (method, path, query only). */
  requests(): { method: string; path: string; query: Record<string, string> }[];
  /** Raw Authorization headers received (tests check how credentials were sent). */
  authorizations(): (string | undefined)[];
  /** The most requests this emulator has held at once since the last `clearLog()`. */
  maxInFlight(): number;
  clearLog(): void;
  close(): Promise<void>;
}

export interface SendcloudSandboxOptions {
  fixture: SendcloudFixture;
  port?: number;
  host?: string;
  faults?: FaultInjector;
  /** Clock for the `*_hours_ago` dates (defaults to the real time). */
  now?: () => Date;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function maskPublicKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : '…';
}

/** The v2 envelope; `request` is the path without its leading slash. */
function v2Error(status: number, path: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code: status, request: path.replace(/^\//, ''), message } }, ...(headers ? { headers } : {}) };
}

function readBasic(req: IncomingMessage): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { user: decoded, password: '' };
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export async function startSendcloudSandbox(options: SendcloudSandboxOptions): Promise<SendcloudSandbox> {
  const { fixture } = options;
  const now = options.now ?? (() => new Date());
  const calls: SendcloudSandboxCall[] = [];
  const hoursAgo = (h: number) => new Date(now().getTime() - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

  function integrationBody(i: SandboxIntegration): Record<string, unknown> {
    const { failing_since_hours_ago, last_fetch_hours_ago, ...rest } = i;
    return {
      ...rest,
      failing_since: failing_since_hours_ago !== undefined ? hoursAgo(failing_since_hours_ago) : (i.failing_since ?? null),
      last_fetch: last_fetch_hours_ago !== undefined ? hoursAgo(last_fetch_hours_ago) : (i.last_fetch ?? null),
      last_updated_at: i.last_updated_at ?? hoursAgo(0),
      webhook_active: i.webhook_active ?? false,
      webhook_url: i.webhook_url ?? null,
    };
  }

  function logBody(l: SandboxLog, integration: number): Record<string, unknown> {
    const { created_hours_ago, ...rest } = l;
    return {
      base_url: null,
      full_url: null,
      method: 'GET',
      response_code: null,
      response: { headers: {}, body: '' },
      request: { headers: {}, payload: null },
      exception_type: null,
      exception: null,
      protected: true,
      integration,
      ...rest,
      created_at: created_hours_ago !== undefined ? hoursAgo(created_hours_ago) : l.created_at,
    };
  }

  function authenticate(req: IncomingMessage, path: string): { key?: SendcloudSandboxKey; reply?: Reply; publicKey: string | null } {
    const credentials = readBasic(req);
    if (!credentials) {
      return { publicKey: null, reply: v2Error(401, path, 'Authentication credentials were not provided.') };
    }
    const key = fixture.keys.find((k) => k.publicKey === credentials.user && k.secretKey === credentials.password);
    const publicKey = maskPublicKey(credentials.user);
    if (!key || key.state === 'revoked') return { publicKey, reply: v2Error(401, path, 'Invalid username/password.') };
    if (key.state === 'rate-limited') {
      return {
        publicKey,
        key,
        reply: v2Error(429, path, 'Request was throttled.', key.retryAfter !== undefined ? { 'Retry-After': String(key.retryAfter) } : undefined),
      };
    }
    return { publicKey, key };
  }

  function route(path: string, url: URL): Reply {
    const p = path.replace(/\/+$/, '');
    if (p === '/api/v2/user') return { status: 200, body: { user: fixture.user } };
    if (p === '/api/v2/user/addresses/sender') return { status: 200, body: { sender_addresses: fixture.senderAddresses } };
    if (p === '/api/v2/user/invoices') return { status: 200, body: { invoices: fixture.invoices } };
    if (p === '/api/v2/integrations') return { status: 200, body: fixture.integrations.map(integrationBody) };
    const one = /^\/api\/v2\/integrations\/(\d+)(\/logs)?$/.exec(p);
    if (one) {
      const id = Number(one[1]);
      const integration = fixture.integrations.find((i) => i.id === id);
      if (!integration) return v2Error(404, path, 'No Integration matches the given query.');
      if (!one[2]) return { status: 200, body: integrationBody(integration) };
      const logs = (fixture.integrationLogs[String(id)] ?? []).map((l) => logBody(l, id));
      logs.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
      return { status: 200, body: { next: null, previous: null, results: logs } };
    }
    if (p === '/api/v2/shipping_methods') {
      const sender = url.searchParams.get('sender_address');
      if (sender !== null && sender !== 'all' && !fixture.senderAddresses.some((a) => String(a.id) === sender)) {
        return v2Error(404, path, 'No SenderAddress matches the given query.');
      }
      return { status: 200, body: { shipping_methods: fixture.shippingMethods } };
    }
    return v2Error(404, path, 'Not found.');
  }

  const handler = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const method = req.method ?? 'GET';
    const auth = authenticate(req, url.pathname);
    let reply: Reply;
    if (method !== 'GET' && method !== 'HEAD') reply = v2Error(405, url.pathname, `Method "${method}" not allowed.`);
    else reply = auth.reply ?? route(url.pathname, url);
    calls.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams.entries()), publicKey: auth.publicKey, status: reply.status });
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      ...(reply.status === 401 ? { 'WWW-Authenticate': 'Basic realm="api"' } : {}),
      ...reply.headers,
    });
    res.end(method === 'HEAD' ? undefined : body);
  };

  const server: SandboxServer = await startSandboxServer(handler, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    faults: options.faults ?? new FaultInjector(),
  });
  return {
    url: server.url,
    port: server.port,
    faults: server.faults,
    calls,
    requests: () => server.requests.map(({ method, path, query }) => ({ method, path, query })),
    authorizations: () => server.requests.map((r) => r.headers.authorization as string | undefined),
    maxInFlight: () => server.concurrency.max,
    clearLog: () => {
      calls.length = 0;
      server.concurrency.max = server.concurrency.inFlight;
      server.requests.length = 0;
      server.faults.hits.length = 0;
    },
    close: () => server.close(),
  };
}
