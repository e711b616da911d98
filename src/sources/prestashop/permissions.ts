// Which webservice resources checkout-doctor reads, and whether a key may read them: what `init`
// tells a person whose key is refused, resource by resource.
//
// PrestaShop lists a key's permissions at the webservice root: `GET /api/` in XML (the JSON form
// fails with an empty 500 on 8.x + PHP 8, recording root-json) answers one element per resource the
// key is granted, with `get="true|false"`… per method (WebserviceOutputBuilder::getResourcesList;
// recording root-xml); a resource not granted at all is simply absent. When the root cannot be
// read that way, each resource is asked for one row (401 code 26 / 405 code 25 when not granted).

import { httpRequest } from '../http.js';
import { WEBSERVICE_RESOURCES, type WebserviceResource } from './resources.js';
import { apiBase, PrestaShopWebservice, PrestaShopWebserviceError, SETUP_KINDS } from './webservice.js';

// The list lives in its own module: the webservice client's remediation names it too.
export { WEBSERVICE_RESOURCES, type WebserviceResource };

export type WsMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

export interface RootListing {
  shopName?: string;
  /** Each granted resource and its methods; absent resources are not granted at all. */
  granted: Map<string, Set<WsMethod>>;
}

const METHODS: readonly WsMethod[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'];

/** The webservice root's XML listing; undefined when the text is not that listing. */
export function parseRootListing(xml: string): RootListing | undefined {
  const api = /<api\b([^>]*)>/.exec(xml);
  if (!api) return undefined;
  const shopName = /\bshopName="([^"]*)"/.exec(api[1]!)?.[1];
  const granted = new Map<string, Set<WsMethod>>();
  // Each resource element carries xlink:href and the method flags; <description> repeats them.
  for (const m of xml.matchAll(/<([a-z_]+)\s+xlink:href="[^"]*"([^>]*)>/g)) {
    const [, name, attrs] = m;
    if (name === 'description' || name === 'schema') continue;
    const methods = new Set<WsMethod>();
    for (const method of METHODS) if (new RegExp(`\\b${method.toLowerCase()}="true"`).test(attrs!)) methods.add(method);
    granted.set(name!, methods);
  }
  return { ...(shopName !== undefined ? { shopName: decodeXml(shopName) } : {}), granted };
}

function decodeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface KeyCheckOptions {
  url: string;
  key: string;
  shopId?: number;
  timeoutMs?: number;
}

export type KeyCheck =
  /** The key works; `missing` lists the required resources it may not read (GET). */
  | { ok: true; shopName?: string; version?: string; missing: WebserviceResource[] }
  /** The shop cannot be read at all with this URL and key (refused key, wrong URL, webservice off…). */
  | { ok: false; error: PrestaShopWebserviceError };

/**
 * Tests a webservice key the way the diagnosis will use it. A set-up failure (SETUP_KINDS) is
 * returned as the client classifies it, so its message and fix are those the diagnosis gives.
 */
export async function checkWebserviceKey(options: KeyCheckOptions): Promise<KeyCheck> {
  const ws = new PrestaShopWebservice({ url: options.url, key: options.key, shopId: options.shopId, timeoutMs: options.timeoutMs ?? 15_000, retry: false });
  // One JSON read first: it classifies a refused key, a wrong URL or a disabled webservice exactly
  // as a diagnosis would. A resource not granted is not a set-up failure: the listing says more.
  try {
    await ws.list('groups', { display: ['id'], limit: 1 });
  } catch (error) {
    if (!(error instanceof PrestaShopWebserviceError)) throw error;
    if (SETUP_KINDS.has(error.kind)) return { ok: false, error };
  }
  const listing = await readRootListing(options);
  const required = WEBSERVICE_RESOURCES.filter((r) => !r.optional);
  const missing = listing
    ? required.filter((r) => !listing.granted.get(r.resource)?.has('GET'))
    : await probeEach(ws, required);
  return { ok: true, ...(listing?.shopName ? { shopName: listing.shopName } : {}), ...(ws.version ? { version: ws.version } : {}), missing };
}

async function readRootListing(options: KeyCheckOptions): Promise<RootListing | undefined> {
  const url = apiBase(options.url);
  if (options.shopId !== undefined) url.searchParams.set('id_shop', String(options.shopId));
  try {
    const res = await httpRequest(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${options.key}:`, 'utf8').toString('base64')}`, Accept: 'application/xml' },
      timeoutMs: options.timeoutMs ?? 15_000,
      retry: false,
    });
    return res.status === 200 ? parseRootListing(res.body) : undefined;
  } catch {
    return undefined;
  }
}

/** Without the listing: one row of each resource; not granted (code 26) or GET not allowed (25) means missing. */
async function probeEach(ws: PrestaShopWebservice, resources: readonly WebserviceResource[]): Promise<WebserviceResource[]> {
  const refused = await Promise.all(
    resources.map((r) =>
      ws.list(r.resource, { display: ['id'], limit: 1 }).then(
        () => false,
        (error: unknown) => error instanceof PrestaShopWebserviceError && (error.kind === 'forbidden-resource' || error.kind === 'forbidden-method'),
      ),
    ),
  );
  return resources.filter((_, i) => refused[i]);
}
