// The shop front as a visitor gets it (FAQ 002, cause 1: the relay-point map only works when the
// shop is online and public). One GET of the shop's public URL, redirects followed here (at most
// `maxRedirects`, so a loop ends as a 3xx answer rather than an endless chase), PrestaShop's
// maintenance page recognised, and the result as a `shop.front` part envelope.
//
// What the visitor got is data (`status: 'ok'`), even a 500, a 403 or a redirect loop: judging it
// is the shop-online check's job. Only "no HTTP answer at all" (refused, DNS, TLS, timeout) is a
// failed part, which the runner turns into an `error` naming the host.

import type { Dispatcher } from 'undici';
import type { PartEnvelope } from '../engine/snapshot.js';
import type { ShopFront } from '../engine/parts.js';
import type { Cause } from '../engine/types.js';
import { scrubUrl } from '../secrets/scrub.js';
import { httpRequest, HttpTransportError, type HttpResponse } from './http.js';
import { requestLog as sharedRequestLog, type RequestLog } from './request-log.js';

export interface ShopFrontOptions {
  /** Per request (each redirect hop gets its own), from sending to the end of the body. Default 10 s. */
  timeoutMs?: number;
  /** Redirects followed before giving up and reporting the last 3xx. Default 3. */
  maxRedirects?: number;
  /** Retries of one hop on 429/502/503/504 (a maintenance page is never retried). Default 1. */
  retries?: number;
  /** Injected for tests. */
  dispatcher?: Dispatcher;
  requestLog?: RequestLog;
  sleep?: (ms: number) => Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Markers of PrestaShop's maintenance page, looked for only in a 503 answer:
 * - 1.7/8.x classic theme, `templates/errors/maintenance.tpl`: `<section id="content" class="page-content page-maintenance">`;
 * - 1.6 default-bootstrap `maintenance.tpl`: `<div id="maintenance">`;
 * - child or third-party themes usually keep an id or class containing "maintenance", or say so in the title.
 * Defensive on purpose: attribute quotes may be single, double or absent; case is ignored.
 */
const MAINTENANCE_MARKERS: readonly RegExp[] = [
  /\bid\s*=\s*["']?maintenance(?:["'\s>]|$)/i,
  /\bclass\s*=\s*["'](?:[^"']*\s)?(?:page-)?maintenance(?:\s[^"']*)?["']/i,
  /\bclass\s*=\s*(?:page-)?maintenance(?:[\s>]|$)/i,
  /<title[^>]*>[^<]*maintenance[^<]*<\/title>/i,
];

/** The maintenance template, when the answer is PrestaShop's "shop disabled" page. */
export function isMaintenancePage(status: number, body: string): boolean {
  if (status !== 503) return false;
  // Only the head of a large page matters; markers sit near the top of the template.
  const head = body.length > 200_000 ? body.slice(0, 200_000) : body;
  return MAINTENANCE_MARKERS.some((marker) => marker.test(head));
}

function logTarget(url: URL): string {
  // The whole URL (a redirect may change host), never credentials.
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

function failed(cause: Omit<Cause, 'source'>): PartEnvelope {
  return { status: 'failed', cause: { source: 'shop-front', ...cause } };
}

/**
 * GETs the shop's public URL the way a visitor would (no credentials, no cookies) and returns the
 * `shop.front` part envelope. Never throws.
 */
export async function gatherShopFront(url: string, options: ShopFrontOptions = {}): Promise<PartEnvelope> {
  const log = options.requestLog ?? sharedRequestLog;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 3;

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return failed({ kind: 'bad-url', message: `"${url}" is not a valid URL` });
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') {
    return failed({ kind: 'bad-url', message: `"${url}" is not an http(s) URL`, host: current.host });
  }
  const asked = current.toString();

  let response: HttpResponse;
  for (let hop = 0; ; hop++) {
    log.record({ source: 'shop-front', method: 'GET', target: logTarget(current) });
    try {
      response = await httpRequest(current, {
        method: 'GET',
        headers: {
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
          'user-agent': 'checkout-doctor (shop-online check)',
        },
        timeoutMs,
        retry: { retries: options.retries ?? 1 },
        // The maintenance page is a deliberate 503 with `Retry-After: 3600`: asking again changes nothing.
        isFinal: (r) => isMaintenancePage(r.status, r.body),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    } catch (error) {
      if (error instanceof HttpTransportError) {
        return failed({ kind: error.kind, host: error.host, message: error.message, ...(error.code ? { code: error.code } : {}) });
      }
      return failed({ kind: 'unexpected', host: current.host, message: error instanceof Error ? error.message : String(error) });
    }

    const location = response.headers['location'];
    if (!REDIRECT_STATUSES.has(response.status) || !location) break;
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      break; // An unreadable Location: report the 3xx as it is.
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') break;
    // Still redirecting after the allowed hops (often a loop): the visitor never gets a page; the
    // 3xx is reported with the last URL asked as finalUrl.
    if (hop >= maxRedirects) break;
    current = next;
  }

  const finalUrl = current.toString();
  // Shown in reports: user info and secret query values (`?ws_key=`, `token=`) masked.
  const data: ShopFront = {
    url: scrubUrl(asked),
    status: response.status,
    maintenance: isMaintenancePage(response.status, response.body),
    finalUrl: finalUrl === asked ? null : scrubUrl(finalUrl),
  };
  return { status: 'ok', data };
}
