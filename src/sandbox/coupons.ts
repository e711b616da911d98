// A small dynamic-coupon endpoint, answering the way a PrestaShop module serving SPREAD might
// (FAQ 003): `POST /module/spread/coupons` with a JSON body `{ code, type, value }` creates the
// coupon and answers `{"success":true,"code":"…"}`. The real module's protocol is not documented in
// our notes: this emulates the protocol src/sources/dynamic-coupons.ts assumes.
//
// Variants, chosen by path, reproduce what the FAQ describes:
//   /module/spread/coupons          201 {"success":true,"code":…,"id_cart_rule":…}; 200 {"success":false,"error":"Voucher code already exists"} for a code seen before
//   /module/spread/coupons-error    200 {"success":false,"error":"Voucher code already exists"}
//   /module/spread/coupons-php      200 HTML page with a PHP fatal error (display_errors on)
//   /module/spread/coupons-warning  200 a PHP warning printed before the JSON
//   /module/spread/coupons-silent   200 {"result":"done"} (neither the code nor success)
//   /module/spread/coupons-moved    301 to /module/spread/coupons
//   /missing                        404 (also any other path)
//   /forbidden                      403
//   /broken                         500
// With `token` set, /module/spread/coupons requires `?token=<token>` (401 otherwise). Every request
// goes through the shared fault injector first (hang, reset, latency, any status...).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSandboxServer, type SandboxServer, type StartOptions } from './server.js';

export const COUPON_PATH = '/module/spread/coupons';

export interface CouponCall {
  method: string;
  path: string;
  /** The raw request body as received. */
  body: string;
  contentType: string | null;
}

export interface CouponSandbox extends SandboxServer {
  /** The endpoint URL (`<url>/module/spread/coupons`, with `?token=` when a token is set). */
  endpoint: string;
  /** Every request with its body, in order. */
  calls: CouponCall[];
  /** Codes created by the main endpoint. */
  created: Array<{ id: number; code: string; percent: number }>;
}

export interface CouponSandboxOptions extends StartOptions {
  /** When set, the main endpoint requires `?token=` with this value. */
  token?: string;
  /** Status of a successful creation. Default 201. */
  createdStatus?: 200 | 201;
}

const PHP_FATAL_PAGE = `<!DOCTYPE html>
<html><head><title>PrestaShop</title></head><body>
<br />
<b>Fatal error</b>:  Uncaught PrestaShopException: Property CartRule-&gt;name is empty in /var/www/html/classes/ObjectModel.php:1231
Stack trace:
#0 /var/www/html/classes/ObjectModel.php(568): ObjectModelCore-&gt;validateFieldsLang()
#1 /var/www/html/modules/spread/controllers/front/coupons.php(58): ObjectModelCore-&gt;add()
#2 {main}
  thrown in <b>/var/www/html/classes/ObjectModel.php</b> on line <b>1231</b><br />
</body></html>
`;

const PHP_WARNING_PREFIX =
  '<br />\n<b>Warning</b>:  Undefined array key "id_currency" in <b>/var/www/html/modules/spread/controllers/front/coupons.php</b> on line <b>42</b><br />\n';

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="fr"><head><title>Page introuvable</title></head>
<body id="pagenotfound" class="page-not-found"><section id="main"><h1>Oups... Page introuvable</h1>
<p>Nous sommes désolés, mais l'adresse que vous avez saisie n'existe plus.</p></section></body></html>
`;

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extra });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseRequest(body: string): { code: string; percent: number } | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'Invalid JSON body';
  }
  if (!value || typeof value !== 'object') return 'Invalid JSON body';
  const o = value as Record<string, unknown>;
  if (typeof o['code'] !== 'string' || !o['code'].trim()) return 'Missing voucher code';
  if (typeof o['value'] !== 'number' || o['value'] <= 0 || o['value'] > 100) return 'Invalid reduction value';
  return { code: o['code'].trim(), percent: o['value'] };
}

/** Starts the coupon emulator on 127.0.0.1 (random port unless `port` is given). */
export async function startCouponSandbox(options: CouponSandboxOptions = {}): Promise<CouponSandbox> {
  const calls: CouponCall[] = [];
  const created: CouponSandbox['created'] = [];
  let nextId = 100;

  const server = await startSandboxServer(async (req, res, url) => {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    calls.push({ method, path: url.pathname, body, contentType: req.headers['content-type'] ?? null });

    switch (url.pathname) {
      case '/forbidden':
        return html(res, 403, '<!doctype html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>You don\'t have permission to access this resource.</p></body></html>');
      case '/broken':
        return html(res, 500, '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>');
      case `${COUPON_PATH}-moved`:
        res.writeHead(301, { Location: COUPON_PATH, 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<html><body>Moved</body></html>');
        return;
      default:
        break;
    }
    const known = [COUPON_PATH, `${COUPON_PATH}-error`, `${COUPON_PATH}-php`, `${COUPON_PATH}-warning`, `${COUPON_PATH}-silent`];
    if (!known.includes(url.pathname)) return html(res, 404, NOT_FOUND_PAGE);
    if (method !== 'POST') return json(res, 405, { success: false, error: 'Method not allowed' }, { Allow: 'POST' });

    switch (url.pathname) {
      case `${COUPON_PATH}-error`:
        return json(res, 200, { success: false, error: 'Voucher code already exists' });
      case `${COUPON_PATH}-php`:
        return html(res, 200, PHP_FATAL_PAGE);
      case `${COUPON_PATH}-warning`: {
        const asked = parseRequest(body);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(PHP_WARNING_PREFIX + JSON.stringify({ success: true, code: typeof asked === 'string' ? null : asked.code }));
        return;
      }
      case `${COUPON_PATH}-silent`:
        return json(res, 200, { result: 'done' });
      default:
        break;
    }

    if (options.token !== undefined && url.searchParams.get('token') !== options.token) {
      return json(res, 401, { success: false, error: 'Invalid token' });
    }
    const asked = parseRequest(body);
    if (typeof asked === 'string') return json(res, 400, { success: false, error: asked });
    if (created.some((c) => c.code.toLowerCase() === asked.code.toLowerCase())) {
      // PrestaShop refuses a second cart rule with the same code; modules typically answer 200.
      return json(res, 200, { success: false, error: 'Voucher code already exists' });
    }
    const id = nextId++;
    created.push({ id, code: asked.code, percent: asked.percent });
    return json(res, options.createdStatus ?? 201, { success: true, code: asked.code, id_cart_rule: id });
  }, options);

  const endpoint = `${server.url}${COUPON_PATH}${options.token !== undefined ? `?token=${encodeURIComponent(options.token)}` : ''}`;
  return Object.assign(server, { endpoint, calls, created });
}
