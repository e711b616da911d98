// The PrestaShop Webservice emulator: serves a shop fixture the way a stock PrestaShop 8.1.2 on PHP
// 8.2 answers (api-notes/prestashop.md), on 127.0.0.1, with the shared fault injector and request log.
//
//   const ps = await startPrestaShopSandbox({ fixture: 'demo-shop' });
//   ps.url            → http://127.0.0.1:PORT   (the shop's base URL; the webservice is at /api/)
//   ps.requests       → every request received (method, path, query, headers)
//   ps.faults.add(…)  → latency, 429 + Retry-After, 5xx, HTML/PHP error bodies, hang, garbage
//   ps.fixture        → the live fixture (mutate it, or use setConfiguration, to change the shop)
//   await ps.close()

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector, loadFaultsFile, type FaultRule } from '../faults.js';
import { startSandboxServer, type SandboxServer } from '../server.js';
import { loadShopFixture, resolveConfiguration, type ShopFixture } from '../shop-fixture.js';
import { applyListQuery, closest, parseListQuery, WsError, type WsErrorItem } from './query.js';
import { errorsJson, errorsXml, listJson, listXml, rootXml, singleJson, singleXml, type RenderContext } from './render.js';
import { findResource, isI18n as isI18nValue, KNOWN_RESOURCES, quirksFor, stringifyScalars } from './resources.js';
import { applyPut, isWritable } from './write.js';

export interface PrestaShopSandboxOptions {
  /** A fixture object (used as is, so a test can mutate it), a file path or a bundled name. */
  fixture?: ShopFixture | string;
  port?: number;
  host?: string;
  /** An injector, rules, or the path of a JSON rules file (see src/sandbox/faults.ts). */
  faults?: FaultInjector | FaultRule[] | string;
  /** Emulates Apache + PHP-FPM/CGI dropping the Authorization header before PHP sees it. */
  stripAuthorization?: boolean;
  /**
   * The shop's domain (`shop_url.domain`, e.g. `localhost:8080`). When set, a request for another
   * Host without `id_shop` gets Shop::initialize's redirect to the default shop (301, Location
   * `http://<domain>/?<the whole query, url=… included>`), like a shop reached by a wrong host name.
   */
  domain?: string;
}

export interface PrestaShopSandbox extends SandboxServer {
  fixture: ShopFixture;
  /** The webservice root, `${url}/api/`. */
  apiUrl: string;
  /** Sets (or clears) the shop's domain after start, when it must name the port (`localhost:PORT`). */
  setDomain(domain: string | undefined): void;
}

const WWW_AUTHENTICATE =
  'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

interface WsResponse {
  status: number;
  body: string;
  contentType: string;
  authenticated: boolean;
  headers?: Record<string, string>;
}

function wantsJson(req: IncomingMessage, params: URLSearchParams): boolean {
  // Precedence: Io-Format header > Output-Format header > output_format > io_format; case-sensitive.
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const value = header('io-format') ?? header('output-format') ?? params.get('output_format') ?? params.get('io_format');
  return value === 'JSON';
}

/** A write's XML body (bounded: a real PHP has post_max_size too). */
async function readBody(req: IncomingMessage, max = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function basicUser(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth) return undefined;
  const m = /^Basic\s+(.*)$/i.exec(auth);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

export async function startPrestaShopSandbox(options: PrestaShopSandboxOptions = {}): Promise<PrestaShopSandbox> {
  const fixture = typeof options.fixture === 'object' ? options.fixture : await loadShopFixture(options.fixture ?? 'demo-shop');
  const faults =
    options.faults instanceof FaultInjector
      ? options.faults
      : new FaultInjector(typeof options.faults === 'string' ? await loadFaultsFile(options.faults) : (options.faults ?? []));
  let apiBase = '';
  let domain = options.domain;

  const conf = (name: string, idShop = fixture.shop.id_shop) => resolveConfiguration(fixture, name, idShop);
  const activeLanguages = () => fixture.languages.filter((l) => l.active === 1).map((l) => String(l.id_lang));

  function errorResponse(status: number, errors: WsErrorItem[], json: boolean, authenticated: boolean): WsResponse {
    return json
      ? { status, body: errorsJson(errors), contentType: 'application/json', authenticated }
      : { status, body: errorsXml(errors), contentType: 'text/xml;charset=utf-8', authenticated };
  }

  function webservice(req: IncomingMessage, resourcePath: string, params: URLSearchParams, body = ''): WsResponse | 'text-401' | 'php-500' {
    const json = wantsJson(req, params);
    const method = (req.method ?? 'GET').toUpperCase();
    const key = (options.stripAuthorization ? undefined : basicUser(req)) ?? params.get('ws_key') ?? undefined;
    if (key === undefined) return 'text-401';
    const fail = (status: number, errors: WsErrorItem[], authenticated = false) => errorResponse(status, errors, json, authenticated);

    if (conf('PS_WEBSERVICE') !== '1') {
      return fail(503, [{ code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' }]);
    }
    // WebserviceRequest::authenticate() adds WWW-Authenticate to its own errors (17, 18, 20, 21).
    const authFail = (errors: WsErrorItem[]) => ({ ...fail(401, errors), headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } });
    if (key === '') return authFail([{ code: 17, message: 'Authentication key is empty' }]);
    if (key.length !== 32) return authFail([{ code: 18, message: 'Invalid authentication key format' }]);
    const account = fixture.webservice_accounts.find((a) => a.key === key);
    if (!account || account.active !== 1) {
      return authFail([
        { code: 20, message: 'Authentification key is not active' },
        { code: 21, message: 'No permission for this authentication key' },
      ]);
    }
    const granted = Object.entries(account.permissions).filter(([, methods]) => methods.length > 0);
    if (granted.length === 0) return authFail([{ code: 21, message: 'No permission for this authentication key' }]);

    let idShop = fixture.shop.id_shop;
    const rawShop = params.get('id_shop');
    if (rawShop !== null && rawShop !== 'all') {
      const shop = fixture.shops.find((s) => String(s.id_shop) === rawShop);
      if (!shop) return fail(404, [{ code: 999, message: 'This shop id does not exist' }], true);
      idShop = shop.id_shop;
    }
    if (!account.shops.includes(idShop)) return fail(403, [{ code: 132, message: 'No permission for this key on this shop' }], true);

    const [resourceName = '', idPart, ...rest] = resourcePath.split('/').filter((s) => s !== '');
    const languages = activeLanguages();
    const ctx: RenderContext = { languages, apiBase };
    const ok = (body: string, isJson: boolean): WsResponse => ({
      status: 200,
      body: method === 'HEAD' ? '' : body,
      contentType: isJson && method !== 'HEAD' ? 'application/json' : 'text/xml;charset=utf-8',
      authenticated: true,
      headers: { 'Content-Sha1': createHash('sha1').update(body).digest('hex') },
    });

    if (resourceName === '') {
      // GET /api/?output_format=JSON on 8.x + PHP 8: TypeError, empty 500 (#34794), sent by PHP
      // itself (recording root-json: no webservice headers).
      if (json && quirksFor(fixture.shop.version).jsonRootFails) return 'php-500';
      const list = granted.map(([name, methods]) => ({ name, methods })).sort((a, b) => a.name.localeCompare(b.name));
      return ok(rootXml(list, ctx, fixture.shop.name), false);
    }
    if (!KNOWN_RESOURCES.includes(resourceName)) {
      return fail(400, [
        {
          code: 27,
          message: `Resource of type "${resourceName}" does not exists. Did you mean: "${closest(resourceName, KNOWN_RESOURCES)}"? The full list is: "${KNOWN_RESOURCES.join('", "')}"`,
        },
      ], true);
    }
    const allowed = account.permissions[resourceName];
    if (!allowed || allowed.length === 0) {
      return fail(401, [{ code: 26, message: `Resource of type "${resourceName}" is not allowed with this authentication key` }], true);
    }
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].includes(method)) {
      return fail(405, [{ code: 23, message: `Method ${method} is not valid` }], true);
    }
    if (!allowed.includes(method as never)) {
      return fail(405, [{ code: 25, message: `Method ${method} is not allowed for the resource ${resourceName} with this authentication key` }], true);
    }
    const def = findResource(resourceName);
    const quirks = quirksFor(fixture.shop.version);
    if (method === 'PUT' && def && isWritable(resourceName)) {
      // src/sandbox/prestashop/write.ts: the whole object replaced from the XML body.
      const put = applyPut(fixture, def, idPart, body);
      if (!put.ok) return fail(put.status, put.errors, true);
      const updated = (quirks.stringScalars ? def.rows(fixture).map(stringifyScalars) : def.rows(fixture)).find((e) => e.id === put.id)!;
      return ok(json ? singleJson(def, updated, ctx, quirks.dropFalsySingle) : singleXml(def, updated, ctx), json);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return fail(405, [{ code: 101, message: `Method ${method} is not allowed for the resource ${resourceName} (read-only sandbox)` }], true);
    }
    const all = def ? (quirks.stringScalars ? def.rows(fixture).map(stringifyScalars) : def.rows(fixture)) : [];
    // id_shop=all: Shop::CONTEXT_ALL, whose shop list is every active shop (Shop::getShops(true)).
    const activeShops = new Set(fixture.shops.filter((s) => s.active === 1).map((s) => s.id_shop));
    const inShop = all.filter((e) => !e.shopIds || idShop === undefined || (rawShop === 'all' ? e.shopIds.some((id) => activeShops.has(id)) : e.shopIds.includes(idShop)));

    try {
      const schema = params.get('schema');
      if (schema === 'blank' && def && idPart === undefined) {
        // The template to fill for a POST/PUT: every field empty, in XML (the input format).
        const sample = all[0] ?? { id: 0, fields: [] };
        const blank = { ...sample, id: 0, fields: sample.fields.map(([n, v]) => [n, isI18nValue(v) ? { i18n: Object.fromEntries(languages.map((l) => [l, ''])) } : '']) as typeof sample.fields, associations: sample.associations ? Object.fromEntries(Object.keys(sample.associations).map((k) => [k, [{ id: '' }]])) : undefined };
        return ok(singleXml(def, blank, ctx).replace(/<id><!\[CDATA\[0\]\]><\/id>/, '<id></id>'), false);
      }
      // language=N restricts the i18n output.
      if (idPart === undefined || rest.length > 0 || params.get('display') !== null) {
        if (!def) return ok(json ? '[]' : listXml({ name: resourceName, singular: resourceName, className: '', rows: () => [] }, [], { kind: 'ids' }, ctx), json);
        let entities = inShop;
        if (idPart !== undefined) entities = entities.filter((e) => String(e.id) === idPart);
        const query = parseListQuery(def, params, all[0]);
        if (query.languages) ctx.languages = query.languages.filter((l) => languages.includes(l));
        const result = applyListQuery(entities, query);
        return ok(json ? listJson(def, result, query.display, ctx) : listXml(def, result, query.display, ctx), json);
      }
      const entity = def ? all.find((e) => String(e.id) === idPart) : undefined;
      if (!def || !entity) {
        // Missing id: 404, empty body, empty Content-Type, even when JSON was asked.
        return { status: 404, body: '', contentType: '', authenticated: true };
      }
      if (!inShop.includes(entity)) {
        return fail(404, [{ code: 131, message: `This ${def.className} (${entity.id}) does not exists on this shop` }], true);
      }
      const rawLanguage = params.get('language');
      if (rawLanguage !== null) {
        const wanted = (/^\[(.*)\]$/.exec(rawLanguage)?.[1] ?? rawLanguage).split('|');
        ctx.languages = wanted.filter((l) => languages.includes(l));
      }
      return ok(json ? singleJson(def, entity, ctx, quirks.dropFalsySingle) : singleXml(def, entity, ctx), json);
    } catch (error) {
      if (error instanceof WsError) return fail(error.status, error.errors, true);
      throw error;
    }
  }

  function frontPage(req: IncomingMessage, res: ServerResponse): void {
    const name = fixture.shop.name;
    const maintenanceIps = (conf('PS_MAINTENANCE_IP') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
    if (conf('PS_SHOP_ENABLE') === '0' && !maintenanceIps.includes(remote)) {
      res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '3600' });
      res.end(
        `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>${name}</title></head>\n<body id="maintenance">\n<section id="content" class="page-content page-maintenance">\n<h1>Nous sommes actuellement en maintenance</h1>\n<p>Nous procédons actuellement à la maintenance de notre boutique et serons de retour très bientôt.</p>\n</section>\n</body></html>\n`,
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>${name}</title>\n<script type="text/javascript">var prestashop = {"shop":{"name":"${name}"}};</script></head>\n<body id="index" class="lang-fr country-fr page-index">\n<main><header id="header"><h1>${name}</h1></header>\n<section id="content">${fixture.clubs.map((c) => `<a href="#">${c.name}</a>`).join('\n')}</section></main>\n</body></html>\n`,
    );
  }

  /** Shop::initialize finds no shop_url for the Host (and no id_shop was given). */
  function wrongHost(req: IncomingMessage, url: URL): boolean {
    if (!domain || url.searchParams.has('id_shop')) return false;
    return (req.headers.host ?? '').toLowerCase() !== domain.toLowerCase();
  }

  /**
   * Shop::initialize's redirect to the default shop: `Location: http://` + domain + base URI + `?` +
   * http_build_query($_GET), where $_GET holds `url=<resource>` from the /api/ rewrite rule, so the
   * Location carries the whole query (classes/shop/Shop.php; 302 when PS_CANONICAL_REDIRECT is 1).
   */
  function redirectToDefaultShop(res: ServerResponse, url: URL, resourcePath: string | undefined): void {
    const query = new URLSearchParams();
    if (resourcePath !== undefined && url.pathname !== '/webservice/dispatcher.php') query.append('url', resourcePath.replace(/^\//, ''));
    for (const [name, value] of url.searchParams) if (name !== 'id_shop') query.append(name, value);
    const search = query.toString();
    const status = conf('PS_CANONICAL_REDIRECT') === '1' ? 302 : 301;
    res.writeHead(status, { Location: `http://${domain}/${search ? `?${search}` : ''}`, 'Content-Type': 'text/html; charset=utf-8' });
    res.end();
  }

  const sandbox = await startSandboxServer(
    async (req, res, url) => {
      let resourcePath: string | undefined;
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) resourcePath = url.pathname.slice(4);
      else if (url.pathname === '/webservice/dispatcher.php') resourcePath = url.searchParams.get('url') ?? '';
      if (resourcePath === undefined) {
        if (wrongHost(req, url)) return redirectToDefaultShop(res, url, undefined);
        if (url.pathname === '/' || url.pathname === '/index.php') return frontPage(req, res);
        res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>Page introuvable</title></head><body id="pagenotfound"><h1>Page introuvable</h1></body></html>\n`);
        return;
      }
      if (wrongHost(req, url)) return redirectToDefaultShop(res, url, resourcePath);
      const started = process.hrtime.bigint();
      const body = req.method === 'PUT' ? await readBody(req) : '';
      const result = webservice(req, resourcePath, url.searchParams, body);
      if (result === 'text-401') {
        // dispatcher.php answers before PrestaShop loads: plain text, PHP's X-Powered-By (recording nokey).
        res.writeHead(401, {
          'X-Powered-By': `PHP/${fixture.shop.php_version}`,
          'WWW-Authenticate': WWW_AUTHENTICATE,
          'Content-Type': 'text/html; charset=utf-8',
        });
        res.end('401 Unauthorized');
        return;
      }
      if (result === 'php-500') {
        res.writeHead(500, { 'X-Powered-By': `PHP/${fixture.shop.php_version}`, 'Content-Type': 'text/html; charset=utf-8' });
        res.end();
        return;
      }
      const headers: Record<string, string> = {
        'Access-Time': String(Math.floor(Date.now() / 1000)),
        'X-Powered-By': 'PrestaShop Webservice',
        'PSWS-Version': result.authenticated || quirksFor(fixture.shop.version).versionBeforeAuth ? fixture.shop.version : '0',
        'Execution-Time': (Number(process.hrtime.bigint() - started) / 1e9).toFixed(3),
        'Content-Type': result.contentType,
        ...(result.headers ?? {}),
      };
      res.writeHead(result.status, headers);
      res.end(result.body);
    },
    { port: options.port, host: options.host, faults },
  );
  apiBase = `${sandbox.url}/api/`;
  return Object.assign(sandbox, {
    fixture,
    apiUrl: apiBase,
    setDomain: (value: string | undefined) => {
      domain = value;
    },
  });
}
