import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopFrontSchema } from '../../src/engine/parts.js';
import { gatherShopFront, isMaintenancePage } from '../../src/sources/shop-front.js';
import { RequestLog } from '../../src/sources/request-log.js';
import { closedPort } from '../support/hostile.js';

// What PrestaShop 1.7/8.x (classic theme) serves when "Enable store" is off: 503, Retry-After, the
// errors/maintenance.tpl template.
const CLASSIC_MAINTENANCE = `<!doctype html>
<html lang="fr"><head><title>Boutique des Clubs</title></head>
<body id="maintenance" class="lang-fr page-maintenance">
  <section id="main">
    <header class="page-header"><div class="logo"><img src="/img/logo.png" alt="logo"></div><h1>Nous revenons très vite.</h1></header>
    <section id="content" class="page-content page-maintenance"><p>Nous procédons actuellement à des mises à jour.</p></section>
  </section>
</body></html>`;
const LEGACY_MAINTENANCE = `<html><body><div class="container"><div id='maintenance'><p>In maintenance</p></div></div></body></html>`;
const HOME = '<!doctype html><html><head><title>Boutique des Clubs</title></head><body id="index" class="page-index">Accueil</body></html>';

let server: Server;
let other: Server;
let base: string;
let otherBase: string;
let refusedUrl: string;
const seen: string[] = [];

function reply(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

function handler(req: IncomingMessage, res: ServerResponse) {
  const path = req.url ?? '/';
  seen.push(path);
  switch (path) {
    case '/':
      return reply(res, 200, HOME);
    case '/maintenance':
      return reply(res, 503, CLASSIC_MAINTENANCE, { 'retry-after': '3600' });
    case '/maintenance-legacy':
      return reply(res, 503, LEGACY_MAINTENANCE);
    case '/busy':
      return reply(res, 503, '<html><body>Service Unavailable</body></html>');
    case '/broken':
      return reply(res, 500, '<html><body>Internal Server Error</body></html>');
    case '/private':
      return reply(res, 401, 'Authorization Required', { 'www-authenticate': 'Basic realm="Restricted"' });
    case '/forbidden-page':
      return reply(res, 403, 'Forbidden');
    case '/maintenance-200':
      // A 200 page mentioning maintenance is not the maintenance page.
      return reply(res, 200, '<html><body><div class="maintenance">Tips</div></body></html>');
    case '/chain/1':
      return reply(res, 301, '', { location: '/chain/2' });
    case '/chain/2':
      return reply(res, 302, '', { location: `${base}/chain/3` });
    case '/chain/3':
      return reply(res, 307, '', { location: '/' });
    case '/chain/too-long':
      return reply(res, 302, '', { location: '/chain/1' });
    case '/loop/a':
      return reply(res, 302, '', { location: '/loop/b' });
    case '/loop/b':
      return reply(res, 302, '', { location: '/loop/a' });
    case '/elsewhere':
      return reply(res, 301, '', { location: `${otherBase}/fr/` });
    case '/to-maintenance':
      return reply(res, 302, '', { location: '/maintenance' });
    case '/no-location':
      return reply(res, 302, '');
    case '/hang':
      return; // never answers
    default:
      return reply(res, 404, 'Not found');
  }
}

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

function close(s: Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((resolve) => s.close(() => resolve()));
}

beforeAll(async () => {
  server = createServer(handler);
  other = createServer((req, res) => reply(res, 200, `<html><body>other ${req.url}</body></html>`));
  base = await listen(server);
  otherBase = await listen(other);
  // A port that was open a moment ago and is now closed: connection refused.
  refusedUrl = `http://127.0.0.1:${await closedPort()}/`;
});

afterAll(async () => {
  await close(server);
  await close(other);
});

const noSleep = async () => {};

async function front(path: string, options: Parameters<typeof gatherShopFront>[1] = {}) {
  const log = new RequestLog();
  const envelope = await gatherShopFront(`${base}${path}`, { requestLog: log, timeoutMs: 5_000, sleep: noSleep, ...options });
  return { envelope, log };
}

function data(envelope: Awaited<ReturnType<typeof gatherShopFront>>) {
  expect(envelope.status).toBe('ok');
  if (envelope.status !== 'ok') throw new Error('not ok');
  return ShopFrontSchema.parse(envelope.data);
}

describe('gatherShopFront: answers', () => {
  it('200: online, no redirect, one request logged', async () => {
    const { envelope, log } = await front('/');
    expect(data(envelope)).toEqual({ url: `${base}/`, status: 200, maintenance: false, finalUrl: null });
    expect(log.entries).toEqual([{ source: 'shop-front', method: 'GET', target: `${base}/` }]);
  });

  it('503 with the classic maintenance template: maintenance, not retried', async () => {
    const before = seen.length;
    const { envelope, log } = await front('/maintenance', { retries: 3 });
    expect(data(envelope)).toMatchObject({ status: 503, maintenance: true, finalUrl: null });
    expect(seen.slice(before)).toEqual(['/maintenance']);
    expect(log.entries).toHaveLength(1);
  });

  it('503 with the 1.6 template (single-quoted id) is maintenance too', async () => {
    const { envelope } = await front('/maintenance-legacy', { retries: 0 });
    expect(data(envelope)).toMatchObject({ status: 503, maintenance: true });
  });

  it('503 without any maintenance marker is a plain server error, asked again once by default', async () => {
    const before = seen.length;
    const { envelope, log } = await front('/busy');
    expect(data(envelope)).toMatchObject({ status: 503, maintenance: false });
    expect(seen.slice(before)).toEqual(['/busy', '/busy']);
    // One resource, one log entry: the retry is the transport's business.
    expect(log.entries).toHaveLength(1);
  });

  it('a 200 page that mentions maintenance is not the maintenance page', async () => {
    const { envelope } = await front('/maintenance-200');
    expect(data(envelope)).toMatchObject({ status: 200, maintenance: false });
  });

  it.each([
    ['/broken', 500],
    ['/private', 401],
    ['/forbidden-page', 403],
    ['/missing', 404],
  ])('%s → HTTP %i is data, not a failure', async (path, status) => {
    const { envelope } = await front(path);
    expect(data(envelope)).toMatchObject({ status, maintenance: false, finalUrl: null });
  });
});

describe('gatherShopFront: redirects', () => {
  it('follows a chain of 3 (relative and absolute Location) and records every hop', async () => {
    const { envelope, log } = await front('/chain/1');
    expect(data(envelope)).toEqual({ url: `${base}/chain/1`, status: 200, maintenance: false, finalUrl: `${base}/` });
    expect(log.entries.map((e) => e.target)).toEqual([`${base}/chain/1`, `${base}/chain/2`, `${base}/chain/3`, `${base}/`]);
  });

  it('stops after 3 redirects and reports the last 3xx', async () => {
    const { envelope, log } = await front('/chain/too-long');
    const front_ = data(envelope);
    expect(front_.status).toBe(307);
    expect(front_.finalUrl).toBe(`${base}/chain/3`);
    expect(log.entries).toHaveLength(4);
  });

  it('a loop ends as a 302 instead of running forever', async () => {
    const { envelope, log } = await front('/loop/a');
    const front_ = data(envelope);
    expect(front_.status).toBe(302);
    expect(front_.finalUrl).toBe(`${base}/loop/b`);
    expect(log.entries.map((e) => e.target)).toEqual([`${base}/loop/a`, `${base}/loop/b`, `${base}/loop/a`, `${base}/loop/b`]);
  });

  it('maxRedirects is honoured', async () => {
    const { envelope } = await front('/chain/1', { maxRedirects: 1 });
    expect(data(envelope)).toMatchObject({ status: 302, finalUrl: `${base}/chain/2` });
  });

  it('records a redirect to another host as finalUrl', async () => {
    const { envelope } = await front('/elsewhere');
    expect(data(envelope)).toMatchObject({ status: 200, finalUrl: `${otherBase}/fr/` });
  });

  it('recognises maintenance at the end of a redirect', async () => {
    const { envelope } = await front('/to-maintenance');
    expect(data(envelope)).toMatchObject({ status: 503, maintenance: true, finalUrl: `${base}/maintenance` });
  });

  it('a 3xx without Location is reported as it is', async () => {
    const { envelope } = await front('/no-location');
    expect(data(envelope)).toMatchObject({ status: 302, finalUrl: null });
  });
});

describe('gatherShopFront: no answer', () => {
  it('a server that never answers → failed part, kind timeout, host named', async () => {
    const { envelope } = await front('/hang', { timeoutMs: 300 });
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'shop-front', kind: 'timeout', host: new URL(base).host } });
  });

  it('connection refused → failed part, kind unreachable', async () => {
    const log = new RequestLog();
    const envelope = await gatherShopFront(refusedUrl, { requestLog: log, timeoutMs: 2_000, sleep: noSleep });
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'shop-front', kind: 'unreachable', host: new URL(refusedUrl).host, code: 'ECONNREFUSED' } });
    if (envelope.status === 'failed') expect(envelope.cause.message).toContain('refused');
    expect(log.entries).toHaveLength(1);
  });

  it('a URL that is not http(s) is refused without a request', async () => {
    const log = new RequestLog();
    const envelope = await gatherShopFront('ftp://shop.example/', { requestLog: log });
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'shop-front', kind: 'bad-url' } });
    expect(log.entries).toEqual([]);
  });
});

describe('isMaintenancePage', () => {
  it.each([
    [503, CLASSIC_MAINTENANCE, true],
    [503, LEGACY_MAINTENANCE, true],
    [503, '<html><head><title>Site en maintenance</title></head><body></body></html>', true],
    [503, '<div class=maintenance>', true],
    [503, '<html><body>Service Unavailable</body></html>', false],
    [503, '<div class="no-maintenance-mode">', false],
    [200, CLASSIC_MAINTENANCE, false],
  ])('%i + %s → %s', (status, body, expected) => {
    expect(isMaintenancePage(status, body)).toBe(expected);
  });
});
