// Hostile upstreams on 127.0.0.1, for the hardening tests and bench/hostile-upstream.ts. One server
// plays every upstream at once (PrestaShop webservice, Stripe, Sendcloud, shop front, coupon
// endpoint) and misbehaves in one way on every request:
//
//   same-page  a full page of 500 webservice rows whatever the offset (a server ignoring `limit`)
//   endless    200 with a body that never ends (64 KiB chunks as fast as the socket takes them)
//   huge       200 with a 64 MiB body (Content-Length set)
//   trickle    200 whose body comes one byte every 200 ms, forever
//   echo       500 echoing the request's headers (Authorization included) in its body
//
// It logs every request (method and target) and how many bytes it managed to send.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileMode = 'same-page' | 'endless' | 'huge' | 'trickle' | 'echo';
export const HOSTILE_MODES: readonly HostileMode[] = ['same-page', 'endless', 'huge', 'trickle', 'echo'];

export interface HostileServer {
  url: string;
  mode: HostileMode;
  requests: Array<{ method: string; url: string }>;
  /** Bytes of body written so far, all requests together. */
  bytesSent: number;
  close(): Promise<void>;
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

export async function startHostile(mode: HostileMode): Promise<HostileServer> {
  const state: HostileServer = { url: '', mode, requests: [], bytesSent: 0, close: async () => undefined };
  const timers = new Set<NodeJS.Timeout>();
  const send = (res: ServerResponse, data: Buffer | string) => {
    state.bytesSent += Buffer.byteLength(data);
    return res.write(data);
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    state.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const headers = { 'Content-Type': 'application/json', 'X-Powered-By': 'PrestaShop Webservice', 'PSWS-Version': '8.1.2' };
    switch (mode) {
      case 'same-page': {
        const body = samePage(req.url ?? '/');
        state.bytesSent += Buffer.byteLength(body);
        res.writeHead(200, headers).end(body);
        return;
      }
      case 'echo': {
        const body = JSON.stringify({ errors: [{ code: 0, message: `echo: ${JSON.stringify(req.headers)}` }], headers: req.headers, url: req.url });
        state.bytesSent += Buffer.byteLength(body);
        res.writeHead(500, headers).end(body);
        return;
      }
      case 'huge':
      case 'endless': {
        const total = mode === 'huge' ? 64 * 1024 * 1024 : Infinity;
        res.writeHead(200, mode === 'huge' ? { ...headers, 'Content-Length': String(total) } : headers);
        let sent = 0;
        const pump = () => {
          while (sent < total && !res.destroyed) {
            sent += CHUNK.length;
            if (!send(res, CHUNK)) return void res.once('drain', pump);
          }
          if (sent >= total) res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      case 'trickle': {
        res.writeHead(200, headers);
        send(res, '{');
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
          } else send(res, ' ');
        }, 200);
        timers.add(timer);
        res.on('error', () => undefined);
        return;
      }
    }
  };
  const server: Server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
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
