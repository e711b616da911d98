// Hostile upstreams on 127.0.0.1, for the hardening tests, the sources' tests and
// bench/hostile-upstream.ts. One helper for all of them (it was two, doing the same thing):
//
// - startHostileServer(handler): a server whose every request (body read) goes to `handler`; it
//   logs each request, counts the body bytes written through `send` and the responses closed, so a
//   test can wait on what the server saw instead of on time;
// - startHostile(mode): one server playing every upstream at once (PrestaShop webservice, Stripe,
//   Sendcloud, shop front, coupon endpoint) and misbehaving in one way on every request:
//
//   same-page  a full page of 500 webservice rows whatever the offset (a server ignoring `limit`)
//   endless    200 with a body that never ends (64 KiB chunks as fast as the socket takes them)
//   huge       200 with a 64 MiB body (Content-Length set)
//   trickle    200 whose body comes one byte every 200 ms, forever
//   echo       500 echoing the request's headers (Authorization included) in its body
//
// - echoOf(req): what a request carried, echoed the ways real servers leak it (raw header dump,
//   PHP's $_SERVER as JSON with `\/`, percent-encoded, decoded Basic credentials);
// - forward(...): hands the requests a test does not sabotage to a real emulator.

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileMode = 'same-page' | 'endless' | 'huge' | 'trickle' | 'echo';
export const HOSTILE_MODES: readonly HostileMode[] = ['same-page', 'endless', 'huge', 'trickle', 'echo'];

export interface HostileServer {
  url: string;
  /** Requests received, as `METHOD url`. */
  seen: string[];
  /** Requests received, method and target apart. */
  requests: Array<{ method: string; url: string }>;
  /** Bytes of body written through `send`, all requests together. */
  bytesSent: number;
  /** Responses closed so far: ended by the server or hung up by the client. */
  closed: number;
  /** Resolves once `count` responses are closed: an event to wait on, not a duration. */
  hungUp(count: number): Promise<void>;
  /** Writes body bytes, counted in `bytesSent`; false when the socket wants a `drain`. */
  send(res: ServerResponse, data: Buffer | string): boolean;
  /** Runs `stop` when the server closes (timers of slow answers). */
  onClose(stop: () => void): void;
  close(): Promise<void>;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: string, server: HostileServer) => void | Promise<void>;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const stops: Array<() => void> = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const state: HostileServer = {
    url: '',
    seen: [],
    requests: [],
    bytesSent: 0,
    closed: 0,
    hungUp: (count) => (state.closed >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve }))),
    send(res, data) {
      state.bytesSent += Buffer.byteLength(data);
      return res.write(data);
    },
    onClose: (stop) => void stops.push(stop),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    res.on('close', () => {
      state.closed++;
      for (const w of waiting.filter((x) => state.closed >= x.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      state.seen.push(`${req.method} ${req.url}`);
      state.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
      Promise.resolve(handler(req, res, body, state)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const stop of stops) stop();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

const PAGE = 500;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** `/api/groups?…` → `groups`; anything else → `items`. */
function resource(url: string): string {
  return /^\/api\/([a-z_]+)/.exec(url)?.[1] ?? 'items';
}

function samePage(url: string): string {
  const rows = Array.from({ length: PAGE }, (_, i) => ({ id: i + 1, name: `Row ${i + 1}`, value: '1', active: '1', id_shop: 0, id_shop_group: 0 }));
  return JSON.stringify({ [resource(url)]: rows });
}

const HEADERS = { 'Content-Type': 'application/json', 'X-Powered-By': 'PrestaShop Webservice', 'PSWS-Version': '8.1.2' };

const MODES: Record<HostileMode, HostileHandler> = {
  'same-page': (req, res, _body, server) => {
    res.writeHead(200, HEADERS);
    server.send(res, samePage(req.url ?? '/'));
    res.end();
  },
  echo: (req, res, _body, server) => {
    res.writeHead(500, HEADERS);
    server.send(res, JSON.stringify({ errors: [{ code: 0, message: `echo: ${JSON.stringify(req.headers)}` }], headers: req.headers, url: req.url }));
    res.end();
  },
  huge: (_req, res, _body, server) => pump(res, server, 64 * 1024 * 1024),
  endless: (_req, res, _body, server) => pump(res, server, Infinity),
  trickle: (_req, res, _body, server) => {
    res.writeHead(200, HEADERS);
    server.send(res, '{');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : server.send(res, ' ')), 200);
    server.onClose(() => clearInterval(timer));
  },
};

/** `total` bytes of body (Content-Length set when finite), as fast as the socket takes them. */
function pump(res: ServerResponse, server: HostileServer, total: number): void {
  res.writeHead(200, Number.isFinite(total) ? { ...HEADERS, 'Content-Length': String(total) } : HEADERS);
  let sent = 0;
  const more = () => {
    while (sent < total && !res.destroyed) {
      sent += CHUNK.length;
      if (!server.send(res, CHUNK)) return void res.once('drain', more);
    }
    if (sent >= total) res.end();
  };
  more();
}

export function startHostile(mode: HostileMode): Promise<HostileServer & { mode: HostileMode }> {
  return startHostileServer(MODES[mode]).then((server) => Object.assign(server, { mode }));
}

/**
 * Everything the request carried, echoed the ways servers leak it: the raw header lines, the
 * decoded Basic credentials (PHP_AUTH_USER / PHP_AUTH_PW), $_SERVER as PHP's json_encode writes
 * it (`\/`), the Authorization header percent-encoded, the bare base64 and the request URL.
 */
export function echoOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  const base64 = auth.replace(/^(Basic|Bearer)\s+/i, '');
  const decoded = /^Basic\s/i.test(auth) ? Buffer.from(base64, 'base64').toString('utf8') : '';
  const [user, ...pw] = decoded.split(':');
  const server = { REQUEST_URI: req.url, HTTP_AUTHORIZATION: auth, PHP_AUTH_USER: user ?? '', PHP_AUTH_PW: pw.join(':') };
  return [
    `authorization: ${auth}`,
    `credentials: ${base64}`,
    `PHP_AUTH_USER=${server.PHP_AUTH_USER} PHP_AUTH_PW=${server.PHP_AUTH_PW}`,
    `REQUEST_URI=${req.url}`,
    `HTTP_AUTHORIZATION=${encodeURIComponent(auth)}`,
    `_SERVER=${JSON.stringify(server).replace(/\//g, '\\/')}`,
    `headers=${JSON.stringify(req.headers)}`,
  ].join('\n');
}

/** Sends the request on to `target` (an emulator) and its answer back unchanged. */
export function forward(req: IncomingMessage, res: ServerResponse, body: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url ?? '/', target);
    const out = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve());
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** Secrets of the hostile configuration: none may appear in any output. */
export const HOSTILE_SECRETS = {
  webserviceKey: 'HOSTILEWSKEY0123456789ABCDEFGHIJ',
  stripeSecret: 'sk_test_51HostileSecretKey0000000000000000000000000000000000000000000000000000000000000000000000000',
  stripePublishable: 'pk_test_51HostilePublishableKey00000000000000000000000000000000000000000000000000000000000000000000',
  sendcloudPublic: 'hostile-sendcloud-public-0123456789',
  sendcloudSecret: 'hostile-sendcloud-secret-9876543210',
  couponToken: 'hostilecoupontoken0123456789',
};

/** A configuration pointing every upstream at the hostile server, with short per-request timeouts. */
export function hostileConfig(url: string, timeoutMs = 2000): Record<string, unknown> {
  const s = HOSTILE_SECRETS;
  return {
    prestashop: { url: `${url}/`, webserviceKey: s.webserviceKey, timeoutMs },
    stripe: { apiBase: url, timeoutMs },
    sendcloud: { apiBase: url, publicKey: s.sendcloudPublic, secretKey: s.sendcloudSecret, timeoutMs },
    clubs: [{ name: 'FC Hostile', stripe: { publishableKey: s.stripePublishable, secretKey: s.stripeSecret } }],
    dynamicCoupons: { url: `${url}/module/spread/coupons?token=${s.couponToken}`, platform: 'prestashop' },
  };
}

/** A loopback port nobody listens on (bound, noted, closed): an upstream refusing connections. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
