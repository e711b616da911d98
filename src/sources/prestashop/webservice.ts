// Read-only client of the PrestaShop Webservice (`/api/`), api-notes/prestashop.md.
//
//   const ws = new PrestaShopWebservice({ url, key, shopId });
//   await ws.list('customers', { display: 'full', filter: { email: eq('a@b.fr') } });
//   await ws.listAll('groups', { display: 'full' });        // paginated, limit=offset,N&sort=[id_ASC]
//   await ws.getById('customers', 2);                        // display=full&filter[id]=[2]: no falsy-field drop
//   ws.version                                               // from PSWS-Version, once a request succeeded
//
// - Basic auth built here (key as user name, empty password); the key never goes in a URL (no
//   ws_key) nor in any message.
// - Both JSON switches (`Output-Format: JSON` header and `output_format=JSON`).
// - Every GET is cached for the life of the client (one client = one run): the same URL is requested
//   once, concurrent callers share the in-flight promise, failures are cached too.
// - Bounded concurrency (p-limit), per-attempt timeout, retries on 429/502/503/504 with backoff and
//   Retry-After (src/sources/http.ts); redirects are not followed but reported with their Location.
// - Every failure is a PrestaShopWebserviceError whose toCause() gives the engine's Cause, with fix
//   steps in French and English.

import type { Dispatcher } from 'undici';
import { t, type Cause, type Text } from '../../engine/types.js';
import { redactor } from '../../secrets/redact.js';
import { httpRequest, HttpTransportError, type HttpResponse, type RetryPolicy } from '../http.js';
import { requestLog as sharedRequestLog, type RequestLog } from '../request-log.js';
import { priorityPool, type Pool } from '../pool.js';
import { toInt } from './coerce.js';
import { WEBSERVICE_RESOURCES } from './resources.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  keyMalformed: t(
    'Vérifiez la clé configurée (prestashop.webserviceKey) : exactement 32 caractères, sans espace, copiée depuis Paramètres avancés > Webservice.',
    'Check the configured key (prestashop.webserviceKey): exactly 32 characters, no spaces, copied from Advanced Parameters > Webservice.',
  ),
  keyNotEnabled: t(
    'Vérifiez que la clé configurée figure dans la liste et que sa colonne « Activé » est à Oui ; sinon créez une clé (« Ajouter une nouvelle clé webservice ») et mettez-la dans prestashop.webserviceKey.',
    'Check that the configured key is listed and "Enabled" is Yes; otherwise create a key ("Add new webservice key") and put it in prestashop.webserviceKey.',
  ),
  tickViewGet: (resources: string) => t(
    `Modifiez la clé et cochez « Voir (GET) » pour les ressources lues par checkout-doctor (${resources}), puis Enregistrez.`,
    `Edit the key and tick "View (GET)" for the resources checkout-doctor reads (${resources}), then Save.`,
  ),
  authHeaderStripped: t(
    "Le serveur retire l'en-tête Authorization avant PHP (Apache avec PHP-FPM/CGI) : PrestaShop ne voit aucune clé.",
    'The server strips the Authorization header before PHP (Apache with PHP-FPM/CGI): PrestaShop sees no key.',
  ),
  enableCgiMode: t(
    'Dans le back-office : Paramètres avancés > Webservice, passez « Activer le mode CGI pour PHP » sur Oui, puis Enregistrez.',
    'In the back office: Advanced Parameters > Webservice, set "Enable CGI mode for PHP" to Yes, then Save.',
  ),
  htaccessPassAuth: t(
    "Ou, dans le .htaccess de la boutique : `CGIPassAuth On` (Apache ≥ 2.4.13) ou `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1`.",
    'Or, in the shop\'s .htaccess: `CGIPassAuth On` (Apache ≥ 2.4.13) or `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1`.',
  ),
  tickResource: (e: PrestaShopWebserviceError, resource: string) => t(
    `Dans le back-office : Paramètres avancés > Webservice > Modifier la clé, cochez « Voir (GET) » pour la ressource « ${resource} », puis Enregistrez.`,
    `In the back office: Advanced Parameters > Webservice > edit the key, tick "View (GET)" for the resource "${e.resource ?? 'concerned'}", then Save.`,
  ),
  associateShop: t(
    'Dans le back-office : Paramètres avancés > Webservice > Modifier la clé, associez la clé à la boutique lue (section « Association boutique »), puis Enregistrez.',
    'In the back office: Advanced Parameters > Webservice > edit the key, associate it with the shop being read ("Shop association"), then Save.',
  ),
  checkShopId: t('Vérifiez aussi prestashop.shopId dans la configuration de checkout-doctor.', "Also check prestashop.shopId in checkout-doctor's configuration."),
  enableWebservice: t(
    'Dans le back-office : Paramètres avancés > Webservice, passez « Activer le webservice de PrestaShop » sur Oui, puis Enregistrez.',
    'In the back office: Advanced Parameters > Webservice, set "Enable PrestaShop\'s webservice" to Yes, then Save.',
  ),
  phpWarning: t(
    "Un avertissement PHP interrompt le webservice (mode production) : le message ci-dessus nomme le fichier en cause, souvent un module. Mettez ce module à jour ou désactivez-le (Modules > Gestionnaire de modules), puis relancez le diagnostic.",
    'A PHP warning breaks the webservice (production mode): the message above names the file at fault, often a module. Update or disable that module (Modules > Module Manager), then run the diagnosis again.',
  ),
  serverError: t(
    "Le serveur de la boutique a renvoyé une erreur : consultez ses journaux (var/logs de PrestaShop, journaux PHP et du serveur web) à l'heure de la requête.",
    "The shop's server returned an error: read its logs (PrestaShop var/logs, PHP and web-server logs) at the time of the request.",
  ),
  rateLimited: t(
    "Le serveur limite le nombre de requêtes (429) : relancez plus tard, ou autorisez l'adresse IP de cette machine dans le pare-feu / WAF de l'hébergeur.",
    "The server limits requests (429): run again later, or allow this machine's IP address in the host's firewall / WAF.",
  ),
  timeout: t(
    'La boutique ne répond pas à temps : vérifiez qu’elle est en ligne et sa charge, puis relancez.',
    'The shop does not answer in time: check that it is online and its load, then run again.',
  ),
  unreachable: t(
    'Vérifiez prestashop.url (schéma http/https, nom d’hôte, port) et que la boutique est joignable depuis cette machine.',
    'Check prestashop.url (http/https scheme, host name, port) and that the shop can be reached from this machine.',
  ),
  notWebservice: t(
    "Cette adresse ne mène pas au webservice : prestashop.url doit être la racine de la boutique (sans /api), avec l'hôte exact.",
    'This address does not lead to the webservice: prestashop.url must be the shop root (without /api), with the exact host.',
  ),
  friendlyUrl: t(
    'Si la racine est juste, la réécriture d’URL est cassée : Paramètres de la boutique > Trafic & SEO, « URL simplifiées » sur Oui, puis régénérez le .htaccess.',
    'If the root is right, URL rewriting is broken: Shop Parameters > Traffic & SEO, set "Friendly URL" to Yes, then regenerate .htaccess.',
  ),
  redirectTo: (base: string) => t(
    `La boutique redirige vers ${base} : mettez exactement cette adresse dans prestashop.url (configuration de checkout-doctor), puis relancez.`,
    `The shop redirects to ${base}: put exactly that address in prestashop.url (checkout-doctor's configuration), then run again.`,
  ),
  redirectNotShop: t(
    "Si cette adresse n'est pas celle de la boutique : Paramètres de la boutique > Trafic & SEO > « Définir l'URL de la boutique », vérifiez le domaine et le domaine SSL.",
    'If that is not the shop\'s address: Shop Parameters > Traffic & SEO > "Set shop URL", check the domain and the SSL domain.',
  ),
  redirectNowhere: t(
    'La boutique redirige ailleurs sans dire où : mettez dans prestashop.url l’adresse exacte de la boutique (schéma et nom d’hôte, sans /api).',
    "The shop redirects elsewhere without saying where: put the shop's exact address (scheme and host, without /api) in prestashop.url.",
  ),
  malformed: t(
    'La réponse n’est pas le JSON attendu du webservice : vérifiez la version de PrestaShop (1.7 ou plus) et qu’aucun module ou proxy ne modifie les réponses de /api/.',
    'The answer is not the webservice JSON expected: check the PrestaShop version (1.7 or later) and that no module or proxy alters /api/ answers.',
  ),
  badRequest: (e: PrestaShopWebserviceError) => t(
    `La boutique n'accepte pas une requête de checkout-doctor (PrestaShop ${e.version ?? 'de version inconnue'}) : ce n'est pas un réglage de la boutique ni un module à désactiver, mais un écart entre checkout-doctor et cette version de PrestaShop.`,
    `The shop does not accept a request from checkout-doctor (PrestaShop ${e.version ?? 'of unknown version'}): this is neither a shop setting nor a module to disable, but a mismatch between checkout-doctor and this PrestaShop version.`,
  ),
  updateCheckoutDoctor: t(
    'Mettez checkout-doctor à jour ; si cela persiste, signalez ce message et la version de PrestaShop à ses développeurs.',
    "Update checkout-doctor; if it persists, report this message and the PrestaShop version to its developers.",
  ),
  tooLarge: t(
    'La boutique renvoie bien plus de données qu’attendu (réponse énorme ou pagination sans fin) : vérifiez qu’aucun module ou proxy ne modifie les réponses de /api/, puis relancez.',
    'The shop sends far more data than expected (a huge answer or endless pages): check that no module or proxy alters /api/ answers, then run again.',
  ),
};

/** The resources every diagnosis reads (not the multistore-only ones), named in the key's remediation. */
const READ_RESOURCES = WEBSERVICE_RESOURCES.filter((r) => !r.optional).map((r) => r.resource).join(', ');

export type WsEntity = Record<string, unknown> & { id: number };

export interface WebserviceOptions {
  /** The shop's base URL (`https://shop.tld/` or `https://shop.tld/sub/`); `/api/` is appended. */
  url: string;
  key: string;
  /** Multistore: sent as `id_shop` on every request when set. */
  shopId?: number;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Rows per page for listAll (default 500). */
  pageSize?: number;
  /** Most pages listAll reads for one list before giving up (default 200, i.e. 100,000 rows). */
  maxPages?: number;
  /** Largest response body accepted (default: src/sources/http.ts). */
  maxBodyBytes?: number;
  retry?: Partial<RetryPolicy> | false;
  /** undici dispatcher (tests: MockAgent). */
  dispatcher?: Dispatcher;
  /** Injected for tests (backoff waits). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called once per request actually sent (cache misses only), with the path and query under the
   * shop URL: wire it to the run's request log. Never carries the key.
   */
  onRequest?: (request: { method: 'GET'; target: string }) => void;
  /** Where requests are recorded (source `prestashop`); the run's shared log by default. */
  requestLog?: RequestLog;
}

export interface ListOptions {
  /** `full`, or the fields to return (id is added). Without it the webservice gives ids only. */
  display?: 'full' | string[];
  /** `filter[field]=value`; build values with eq(), like… or give the raw syntax. */
  filter?: Record<string, string>;
  /** `sort=[…]`, e.g. `[id_ASC]`. */
  sort?: string;
  /** `limit=N` or `limit=offset,N`. */
  limit?: number | [offset: number, count: number];
  /** Restricts i18n fields to one language (then rendered as plain strings). */
  language?: number;
  /** Needed to filter or sort on date_add/date_upd. */
  date?: boolean;
  /**
   * `id_shop=all` instead of the configured shop: WebserviceRequest::shopExists() then sets
   * Shop::CONTEXT_ALL, and a shop-restricted list (orders: Shop::addSqlRestriction) covers every
   * active shop. The key must still be linked to one of them (shopHasRight).
   */
  allShops?: boolean;
}

// ------------------------------------------------------------------------------------------------
// Filter values (§3). The syntax has no escaping: `|`, `[` and `]` inside values cannot be sent.

function checkValue(value: string | number): string {
  const s = String(value);
  if (/[[\]|]/.test(s)) throw new Error(`A webservice filter value cannot contain "[", "]" or "|": ${JSON.stringify(s)}`);
  return s;
}
/** Equality with any of the values: `[a|b]`. */
export const eq = (...values: Array<string | number>): string => `[${values.map(checkValue).join('|')}]`;
/** LIKE helpers: begins with, ends with, contains. */
export const beginsWith = (value: string): string => `[${checkValue(value)}]%`;
export const endsWith = (value: string): string => `%[${checkValue(value)}]`;
export const contains = (value: string): string => `%[${checkValue(value)}]%`;

// How PrestaShop reads a filter value (WebserviceRequest::getSQLRetrieveFilter, 8.x): the regex
// `^(.*)\[(.*)\](.*)$` (greedy: the LAST `[` before a later `]`), then `[a|b]` is an OR only when
// `|` is not the first character, `[1,5]` a BETWEEN only for digits/dots/colons/dashes/spaces, a
// prefix other than `%`, `>`, `<`, `!` drops the filter altogether (every row comes back), and a
// value without brackets is a plain `field = "value"`. Values go through pSQL(), whose strip_tags
// cuts everything from a `<` that opens a tag. Hence the forms below.

const BETWEEN_SHAPED = /^[\d.:\-\s]+,[\d.:\-\s]+$/;
const OPENS_TAG = /<\S/;

/**
 * The filter value PrestaShop reads as `field = value`, or undefined when no form can carry it:
 * `[value]` for plain values, else the bracket-less form (which carries `|`, `,`, a lone `[` or
 * `]`); a `[` followed later by `]`, or an HTML-looking `<`, cannot be sent exactly.
 */
export function exactly(value: string): string | undefined {
  if (OPENS_TAG.test(value) || /[\r\n]/.test(value)) return undefined;
  if (!/[[\]|]/.test(value) && !BETWEEN_SHAPED.test(value)) return `[${value}]`;
  // Bare: numbers would be compared with LIKE (harmless: no wildcard in them), the rest with `=`.
  if (!/\[[^]*\]/.test(value)) return value;
  return undefined;
}

/**
 * The longest stretch of `value` a `%[…]%` filter carries without changing it: no brackets, no
 * backslash (an escape inside LIKE), no `<`/`>` (strip_tags). `%` and `_` stay: as wildcards they
 * can only widen the answer, which the caller narrows by comparing exactly.
 */
export function likeSafeRun(value: string): string {
  return value.split(/[[\]\\<>\r\n]+/).reduce((best, run) => (run.length > best.length ? run : best), '');
}

// ------------------------------------------------------------------------------------------------
// Errors

export type PrestaShopErrorKind =
  | 'auth'
  | 'auth-header-stripped'
  | 'forbidden-resource'
  | 'forbidden-method'
  | 'shop-context'
  | 'webservice-disabled'
  | 'not-found'
  | 'bad-request'
  | 'php-error'
  | 'server-error'
  | 'rate-limited'
  | 'timeout'
  | 'unreachable'
  | 'not-webservice'
  | 'redirect'
  | 'malformed'
  /** A body over the size cap, or more pages than the cap (src/sources/http.ts, listAll). */
  | 'too-large';

export interface WsErrorItem {
  code: number | null;
  message: string;
}

export interface PrestaShopErrorDetails {
  kind: PrestaShopErrorKind;
  host: string;
  /** Resource path and query as requested (never holds the key). */
  path: string;
  message: string;
  status?: number;
  /** The last PrestaShop error code of the body (its HTTP status is that of the last error). */
  code?: number;
  /** Every `{code, message}` of the body. */
  errors?: WsErrorItem[];
  /** Redirect target. */
  location?: string;
  /** The resource concerned (code 26, 25). */
  resource?: string;
  retryAfter?: string;
  /** PrestaShop version from PSWS-Version, when the answer carried a real one. */
  version?: string;
}

/**
 * Kinds that say the shop cannot be read at all with this configuration (key, URL, webservice
 * switch, network), whatever the resource: their messages name no resource path, so every part
 * that fails with one shares the same cause, which the report states once (src/report/setup.ts).
 */
export const SETUP_KINDS: ReadonlySet<PrestaShopErrorKind> = new Set([
  'auth',
  'auth-header-stripped',
  'webservice-disabled',
  'shop-context',
  'redirect',
  'not-webservice',
  'unreachable',
  'timeout',
]);

/**
 * Set-up kinds after which the client stops sending requests: every other request would get the
 * same answer. A timeout is not one of them (one slow resource does not make the others slow).
 */
const FAIL_FAST_KINDS: ReadonlySet<PrestaShopErrorKind> = new Set(['auth', 'auth-header-stripped', 'webservice-disabled', 'shop-context', 'redirect', 'unreachable']);

/**
 * PrestaShop's request-validation codes (WebserviceRequest): 27 unknown resource, 30–39 a filter,
 * sort, display, limit or language the shop does not accept. In production mode they come back as
 * HTTP 500 followed by PHP-warning entries (code 3); only debug mode gives the documented 400.
 */
export function isRequestValidationCode(code: number | null): boolean {
  return code !== null && (code === 27 || (code >= 30 && code <= 39));
}

/**
 * The base URL to put in `prestashop.url` from a redirect's Location: scheme, host and the shop's
 * path, without the query PrestaShop copies into it nor the `/api/…` part. PrestaShop's wrong-host
 * redirect (Shop::initialize) points at the default shop's base URI with the whole query
 * (`?url=customers&output_format=JSON&…`); a web-server redirect (http → https, www) keeps the
 * `/api/…` path.
 */
export function shopBaseFromLocation(location: string, requested: string): string | undefined {
  let target: URL;
  try {
    target = new URL(location, requested);
  } catch {
    return undefined;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  let path = target.pathname;
  const cut = path.search(/\/(api(\/|$)|webservice\/dispatcher\.php|index\.php)/);
  if (cut >= 0) path = path.slice(0, cut);
  if (!path.endsWith('/')) path += '/';
  return `${target.protocol}//${target.host}${path}`;
}

/** One webservice error message, without the long lists PrestaShop appends ("The full list is: …"). */
function shortMessage(message: string): string {
  const cut = message.replace(/\s*(The full list is:|However, these are available:).*$/s, '').trim();
  const text = cut || message;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export class PrestaShopWebserviceError extends Error {
  override name = 'PrestaShopWebserviceError';
  readonly kind: PrestaShopErrorKind;
  readonly host: string;
  readonly path: string;
  readonly status?: number;
  readonly code?: number;
  readonly errors: WsErrorItem[];
  readonly location?: string;
  readonly resource?: string;
  readonly retryAfter?: string;
  readonly version?: string;

  constructor(details: PrestaShopErrorDetails) {
    super(details.message);
    this.kind = details.kind;
    this.host = details.host;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.errors = details.errors ?? [];
    this.location = details.location;
    this.resource = details.resource;
    this.retryAfter = details.retryAfter;
    this.version = details.version;
  }

  /** The engine's Cause: what a part that could not be gathered records. */
  toCause(): Cause {
    const cause: Cause = { source: 'prestashop', kind: this.kind, message: this.message, host: this.host };
    if (this.status !== undefined) cause.status = this.status;
    if (this.code !== undefined) cause.code = this.code;
    const fix = fixFor(this);
    if (fix.length) cause.fix = fix;
    return cause;
  }
}

const WS_SETTINGS = t('Dans le back-office : Paramètres avancés > Webservice.', 'In the back office: Advanced Parameters > Webservice.');

function fixFor(e: PrestaShopWebserviceError): Text[] {
  const codes = e.errors.map((x) => x.code);
  switch (e.kind) {
    case 'auth':
      if (codes.includes(17) || codes.includes(18)) {
        return [
          MESSAGES.keyMalformed,
        ];
      }
      if (codes.includes(20)) {
        return [
          WS_SETTINGS,
          MESSAGES.keyNotEnabled,
        ];
      }
      return [
        WS_SETTINGS,
        MESSAGES.tickViewGet(READ_RESOURCES),
      ];
    case 'auth-header-stripped':
      return [
        MESSAGES.authHeaderStripped,
        MESSAGES.enableCgiMode,
        MESSAGES.htaccessPassAuth,
      ];
    case 'forbidden-resource':
    case 'forbidden-method': {
      const resource = e.resource ?? 'la ressource';
      return [
        MESSAGES.tickResource(e, resource),
      ];
    }
    case 'shop-context':
      return [
        MESSAGES.associateShop,
        MESSAGES.checkShopId,
      ];
    case 'webservice-disabled':
      return [
        MESSAGES.enableWebservice,
      ];
    case 'php-error':
      return [
        MESSAGES.phpWarning,
      ];
    case 'server-error':
      return [
        MESSAGES.serverError,
      ];
    case 'rate-limited':
      return [
        MESSAGES.rateLimited,
      ];
    case 'timeout':
      return [
        MESSAGES.timeout,
      ];
    case 'unreachable':
      return [
        MESSAGES.unreachable,
      ];
    case 'not-webservice':
      return [
        MESSAGES.notWebservice,
        MESSAGES.friendlyUrl,
      ];
    case 'redirect': {
      const base = e.location ? shopBaseFromLocation(e.location, `http://${e.host}/`) : undefined;
      return base
        ? [
            MESSAGES.redirectTo(base),
            MESSAGES.redirectNotShop,
          ]
        : [
            MESSAGES.redirectNowhere,
          ];
    }
    case 'malformed':
      return [
        MESSAGES.malformed,
      ];
    case 'bad-request':
      return [
        MESSAGES.badRequest(e),
        MESSAGES.updateCheckoutDoctor,
      ];
    case 'too-large':
      return [
        MESSAGES.tooLarge,
      ];
    case 'not-found':
      return [];
  }
}

/** Parses `{"errors":[{code,message}]}`; undefined when the body is not that. */
function parseErrors(body: unknown): WsErrorItem[] | undefined {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { errors?: unknown }).errors)) return undefined;
  return ((body as { errors: unknown[] }).errors as Array<Record<string, unknown>>).map((e) => ({
    code: toInt(e?.code),
    message: typeof e?.message === 'string' ? e.message : String(e?.message ?? ''),
  }));
}

function snippet(body: string): string {
  // Masked before it is cut: a cut through an echoed key would leave a piece no redactor recognises.
  const text = redactor.redact(body).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function isWebservice(res: HttpResponse): boolean {
  return (res.headers['x-powered-by'] ?? '').includes('PrestaShop Webservice');
}

/**
 * Turns a non-successful (or unusable) response into a typed error; returns the parsed JSON body
 * for a good one (`[]` or an object). Exported for tests and for other PrestaShop callers.
 */
export function classifyResponse(res: HttpResponse, path: string, resource?: string): { json: unknown } | PrestaShopWebserviceError {
  const host = new URL(res.url).host;
  const contentType = res.headers['content-type'] ?? '';
  let json: unknown;
  let jsonError = false;
  if (contentType.startsWith('application/json') && res.body.trim() !== '') {
    try {
      json = JSON.parse(res.body);
    } catch {
      jsonError = true;
    }
  }
  const errors = parseErrors(json);
  const codes = errors?.map((e) => e.code) ?? [];
  const lastCode = errors?.at(-1)?.code ?? undefined;
  const psText = errors?.map((e) => (e.code !== null ? `[${e.code}] ${shortMessage(e.message)}` : shortMessage(e.message))).join(' ');
  const psws = res.headers['psws-version'];
  const make = (kind: PrestaShopErrorKind, message: string, extra: Partial<PrestaShopErrorDetails> = {}) =>
    new PrestaShopWebserviceError({
      kind,
      host,
      path,
      status: res.status,
      ...(lastCode !== undefined && lastCode !== null ? { code: lastCode } : {}),
      errors,
      message,
      resource,
      ...(psws && psws !== '0' ? { version: psws } : {}),
      ...extra,
    });
  const where = `${host} /api/${path}`;
  // Set-up failures (SETUP_KINDS) name no resource: the same answer for every request, said once.
  const root = `${host} /api/`;
  // Permission errors concern the resource, not the query: no filters repeated.
  const resourceWhere = `${host} /api/${path.split('?')[0]}`;

  if (res.status >= 200 && res.status < 300) {
    if (json !== undefined && !errors) {
      if (Array.isArray(json) || (typeof json === 'object' && json !== null)) return { json };
    }
    if (errors) return make('server-error', `${where} answered ${res.status} with errors: ${psText}`);
    if (jsonError) return make('malformed', `${where} answered ${res.status} with a body that is not valid JSON: ${snippet(res.body)}`);
    if (contentType.startsWith('text/html')) {
      return make('not-webservice', `${root} answered an HTML page, not the webservice (wrong URL, URL rewriting off, or a redirect to the home page)`);
    }
    if (contentType.includes('xml')) return make('malformed', `${where} answered XML although JSON was asked (Output-Format ignored: PrestaShop older than 1.7?)`);
    return make('malformed', `${where} answered ${res.status} with ${res.body ? `an unexpected ${contentType || 'untyped'} body` : 'an empty body'}`);
  }
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.location;
    const base = location ? shopBaseFromLocation(location, res.url) : undefined;
    // The Location repeats the whole query (hundreds of characters): only the base URL is shown.
    return make(
      'redirect',
      base ? `${root} redirects (HTTP ${res.status}) to ${base}: the shop's address is ${base}` : `${root} redirects (HTTP ${res.status}) without a usable Location; redirects are not followed`,
      location ? { location } : {},
    );
  }
  // A filter, field, sort or limit the shop refuses (codes 27, 30–39): production mode answers 500
  // followed by PHP-warning entries (code 3) that only follow from it; debug mode answers 400.
  // Either way the request is at fault, not a module.
  const validation = errors?.filter((e) => isRequestValidationCode(e.code)) ?? [];
  if (validation.length && (res.status === 400 || res.status === 500)) {
    const warnings = (errors?.length ?? 0) - validation.length;
    const text = validation.map((e) => `[${e.code}] ${shortMessage(e.message)}`).join(' ');
    return make(
      'bad-request',
      `${where} rejected the request (HTTP ${res.status}): ${text}${warnings > 0 ? ` (followed by ${warnings} PHP warning(s) it causes)` : ''}`,
      { code: validation[0]!.code! },
    );
  }
  switch (res.status) {
    case 401:
      if (!errors) {
        return make(
          'auth-header-stripped',
          `${root} answered a plain-text 401 although a key was sent: the server drops the Authorization header before PrestaShop sees it`,
        );
      }
      if (codes.includes(26)) return make('forbidden-resource', `${resourceWhere}: ${psText}`);
      return make('auth', `${root} refused the webservice key: ${psText}`);
    case 403:
      if (codes.includes(132)) return make('shop-context', `${root}: ${psText}`);
      return make(errors ? 'auth' : isWebservice(res) ? 'auth' : 'not-webservice', errors ? `${root}: ${psText}` : `${root} answered 403 Forbidden (${snippet(res.body) || 'empty body'})`);
    case 404:
      if (codes.includes(999)) return make('shop-context', `${root}: ${psText}`);
      if (errors) return make('not-found', `${where}: ${psText}`);
      if (isWebservice(res)) return make('not-found', `${where} does not exist (404)`);
      return make('not-webservice', `${root} answered 404 without the webservice's headers: /api/ is not routed to PrestaShop (wrong URL or URL rewriting off)`);
    case 405:
      return make('forbidden-method', `${resourceWhere}: ${psText ?? '405 Method Not Allowed'}`);
    case 400:
      return make('bad-request', `${where} rejected the request: ${psText ?? snippet(res.body)}`);
    case 429:
      return make('rate-limited', `${where} kept answering 429 Too Many Requests${res.headers['retry-after'] ? ` (Retry-After ${res.headers['retry-after']})` : ''} after ${res.attempts} attempt(s)`, {
        retryAfter: res.headers['retry-after'],
      });
    case 503:
      if (codes.includes(22)) return make('webservice-disabled', `${root}: ${psText}`);
      break;
  }
  // Warnings with no request-validation code: something in the shop (often a module) breaks it.
  if (res.status === 500 && errors && codes.some((c) => c !== null && c >= 2 && c <= 15)) {
    return make('php-error', `${where} failed on a PHP error: ${psText}`);
  }
  if (errors) return make('server-error', `${where} answered ${res.status}: ${psText}`);
  const kindOfBody = contentType.startsWith('text/html') ? `an HTML error page (${snippet(res.body) || 'empty'})` : res.body ? snippet(res.body) : 'an empty body';
  return make('server-error', `${where} answered ${res.status} with ${kindOfBody}`);
}

// ------------------------------------------------------------------------------------------------
// Client

/** A shop URL with its credentials, query and fragment removed (what may be logged or stored). */
export function bareUrl(url: string): URL {
  const base = new URL(url);
  // Credentials in the URL would leak into logs and undici refuses them anyway.
  base.username = '';
  base.password = '';
  base.search = '';
  base.hash = '';
  return base;
}

/** The webservice root (`…/api/`) of a shop URL, credentials, query and fragment removed. */
export function apiBase(url: string): URL {
  const base = bareUrl(url);
  let path = base.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api')) path = path.slice(0, -4);
  base.pathname = `${path}/api/`;
  return base;
}

export class PrestaShopWebservice {
  readonly host: string;
  /** PrestaShop version from the PSWS-Version header of the last authenticated answer. */
  version: string | undefined;
  /** Requests actually sent (cache misses), for tests and the report's footer. */
  requestCount = 0;

  private readonly base: URL;
  private readonly authorization: string;
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Requests in flight; the highest priority (dataflow.ts: the reads others wait for) goes first. */
  private limit: Pool;
  private readonly pageSize: number;
  /** The first set-up failure (FAIL_FAST_KINDS): later requests are not sent, they fail with it. */
  private fatal: PrestaShopWebserviceError | undefined;

  constructor(private readonly options: WebserviceOptions) {
    this.base = apiBase(options.url);
    this.host = this.base.host;
    this.authorization = `Basic ${Buffer.from(`${options.key}:`, 'utf8').toString('base64')}`;
    // Defence in depth: whatever prints anything masks the key, in every form it travels in (the
    // redactor registers the Basic credentials `base64(key:)` too, which an echoing server quotes).
    redactor.add(options.key);
    this.limit = priorityPool(Math.max(1, options.concurrency ?? 4));
    this.pageSize = Math.max(1, options.pageSize ?? 500);
  }

  /**
   * Sets the requests in flight before the first one is sent (the run sizes the pool from its
   * fetchers' declarations, dataflow.ts); a `concurrency` given to the constructor stands.
   */
  resize(concurrency: number): void {
    if (this.options.concurrency === undefined && this.cache.size === 0) this.limit = priorityPool(Math.max(1, concurrency));
  }

  /** `resource?query` relative to /api/, parameters in a canonical order (the cache key). */
  private relative(resource: string, params: Record<string, string>): string {
    const search = new URLSearchParams();
    const all: Record<string, string> = { ...params, output_format: 'JSON' };
    if (this.options.shopId !== undefined && all.id_shop === undefined) all.id_shop = String(this.options.shopId);
    for (const name of Object.keys(all).sort()) search.append(name, all[name]!);
    return `${resource}?${search.toString()}`;
  }

  /**
   * GETs `/api/{path}` with the given parameters and returns the parsed JSON (`[]` or an object).
   * Cached: the same path and parameters are requested once per client.
   */
  getJson(path: string, params: Record<string, string> = {}): Promise<unknown> {
    const relative = this.relative(path.replace(/^\/+/, ''), params);
    let pending = this.cache.get(relative);
    if (!pending) {
      pending = this.limit(() => this.fetchJson(relative, path.split('/')[0] || undefined));
      this.cache.set(relative, pending);
    }
    return pending;
  }

  private async fetchJson(relative: string, resource: string | undefined): Promise<unknown> {
    // A rejected key, a wrong host or a refused connection answers every request the same way:
    // stop asking (fail fast) and give every caller that one cause.
    if (this.fatal) throw this.fatal;
    try {
      return await this.send(relative, resource);
    } catch (error) {
      // A shop-context refusal of an `id_shop=all` read concerns that read only: the configured
      // shop may still be read (its caller falls back to it).
      const allShops = /[?&]id_shop=all(&|$)/.test(relative);
      if (error instanceof PrestaShopWebserviceError && FAIL_FAST_KINDS.has(error.kind) && !(allShops && error.kind === 'shop-context')) this.fatal ??= error;
      throw error;
    }
  }

  private async send(relative: string, resource: string | undefined): Promise<unknown> {
    const url = new URL(relative, this.base);
    const shownPath = decodeURIComponent(relative);
    this.requestCount += 1;
    const target = `${this.base.pathname}${relative}`;
    (this.options.requestLog ?? sharedRequestLog).record({ source: 'prestashop', method: 'GET', target });
    this.options.onRequest?.({ method: 'GET', target });
    let res: HttpResponse;
    try {
      res = await httpRequest(url, {
        headers: { Authorization: this.authorization, 'Output-Format': 'JSON', Accept: 'application/json' },
        timeoutMs: this.options.timeoutMs ?? 15_000,
        ...(this.options.maxBodyBytes !== undefined ? { maxBodyBytes: this.options.maxBodyBytes } : {}),
        retry: this.options.retry,
        dispatcher: this.options.dispatcher,
        sleep: this.options.sleep,
        // "Webservice disabled" is a 503 that no retry will fix.
        isFinal: (r) => r.status === 503 && /"code":\s*22\b/.test(r.body),
      });
    } catch (error) {
      if (error instanceof HttpTransportError) {
        throw new PrestaShopWebserviceError({
          kind: error.kind,
          host: error.host,
          path: shownPath,
          // No resource path: the same for every request (see SETUP_KINDS).
          message: `${error.message}${error.attempts > 1 ? ` (${error.attempts} attempts)` : ''}`,
          resource,
        });
      }
      throw error;
    }
    const psws = res.headers['psws-version'];
    if (psws && psws !== '0') this.version = psws;
    const result = classifyResponse(res, shownPath, resource);
    if (result instanceof PrestaShopWebserviceError) throw result;
    return result.json;
  }

  private listParams(options: ListOptions): Record<string, string> {
    const params: Record<string, string> = {};
    if (options.display) params.display = options.display === 'full' ? 'full' : `[${[...new Set(['id', ...options.display])].join(',')}]`;
    for (const [field, value] of Object.entries(options.filter ?? {})) params[`filter[${field}]`] = value;
    if (options.sort) params.sort = options.sort;
    if (options.limit !== undefined) params.limit = Array.isArray(options.limit) ? options.limit.join(',') : String(options.limit);
    if (options.language !== undefined) params.language = String(options.language);
    if (options.date) params.date = '1';
    if (options.allShops) params.id_shop = 'all';
    return params;
  }

  /** One list request: `[]` and `{plural: [...]}` both become an array of entities. */
  async list(resource: string, options: ListOptions = {}): Promise<WsEntity[]> {
    const json = await this.getJson(resource, this.listParams(options));
    return this.entities(json, resource);
  }

  private entities(json: unknown, resource: string): WsEntity[] {
    if (Array.isArray(json)) {
      if (json.length === 0) return [];
      throw this.malformed(resource, 'a non-empty bare array');
    }
    const obj = json as Record<string, unknown>;
    // The list key is the plural (order_slip → order_slips); take the only array-valued key.
    const value = obj[resource] ?? Object.values(obj).find(Array.isArray);
    if (!Array.isArray(value)) throw this.malformed(resource, `an object without a "${resource}" list`);
    return value.map((item, i) => {
      if (!item || typeof item !== 'object') throw this.malformed(resource, `a non-object at index ${i}`);
      const id = toInt((item as { id?: unknown }).id);
      return { ...(item as Record<string, unknown>), id: id ?? 0 } as WsEntity;
    });
  }

  private malformed(resource: string, what: string): PrestaShopWebserviceError {
    return new PrestaShopWebserviceError({
      kind: 'malformed',
      host: this.host,
      path: resource,
      resource,
      message: `${this.host} /api/${resource} answered ${what}, not a webservice list`,
    });
  }

  /**
   * Every row, in pages (`limit=offset,N&sort=[id_ASC]`). There is no total count header: when the
   * first page is full, the ids alone (one request without `display`, same filters) tell how many
   * rows there are, and the remaining pages are asked together, bounded by the client's pool. Then,
   * should the last page still be full (rows added meanwhile, a count the pages contradict), page by
   * page until a short or empty one, as before. Bounded whatever the server does: a page longer than
   * asked means the server ignored `limit` and sent the whole list; a page that does not move past
   * the previous ones (a server ignoring the offset sends the same page forever) and more than
   * `maxPages` pages are errors, never an endless loop.
   */
  async listAll(resource: string, options: Omit<ListOptions, 'sort' | 'limit'> = {}): Promise<WsEntity[]> {
    const out: WsEntity[] = [];
    const maxPages = Math.max(1, this.options.maxPages ?? 200);
    const seen = new Set<number>();
    const page = (index: number) => this.list(resource, { ...options, sort: '[id_ASC]', limit: [index * this.pageSize, this.pageSize] });
    /** Adds a page's rows; true when it was full (another page may follow). */
    const take = (index: number, rows: WsEntity[]): boolean => {
      // A later page made only of rows already read: the server ignores the offset (whatever its order).
      if (index > 0 && rows.length && rows.every((r) => seen.has(r.id))) {
        throw this.pagingError(resource, 'malformed', `${this.host} /api/${resource} ignores the page offset (limit=${index * this.pageSize},${this.pageSize} answered rows already read); reading stopped`);
      }
      // One by one: `out.push(...rows)` passes every row as an argument and overflows the stack
      // on a page of some 100,000 rows.
      for (const row of rows) {
        seen.add(row.id);
        out.push(row);
      }
      return rows.length === this.pageSize;
    };
    const tooMany = () => this.pagingError(resource, 'too-large', `${this.host} /api/${resource} has more than ${maxPages} pages of ${this.pageSize} rows; reading stopped there`);

    if (!take(0, await page(0))) return out;
    let index = 1;
    if (maxPages > 1) {
      const { filter, date, allShops } = options;
      const total = (await this.list(resource, { ...(filter ? { filter } : {}), ...(date ? { date } : {}), ...(allShops ? { allShops } : {}) })).length;
      if (total >= maxPages * this.pageSize) throw tooMany();
      const pages = Math.ceil(total / this.pageSize);
      const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 1));
      // Read in order below; a failure is thrown there, never left unobserved.
      for (const p of rest) p.catch(() => undefined);
      for (const p of rest) {
        if (!take(index, await p)) return out;
        index += 1;
      }
    }
    for (; ; index++) {
      if (index >= maxPages) throw tooMany();
      if (!take(index, await page(index))) return out;
    }
  }

  private pagingError(resource: string, kind: 'malformed' | 'too-large', message: string): PrestaShopWebserviceError {
    return new PrestaShopWebserviceError({ kind, host: this.host, path: resource, resource, message });
  }

  /**
   * One entity by id through the list form (`display=full&filter[id]=[N]`), which keeps falsy
   * fields on 8.x; null when absent.
   */
  async getById(resource: string, id: number, options: Omit<ListOptions, 'filter' | 'display'> = {}): Promise<WsEntity | null> {
    const rows = await this.list(resource, { ...options, display: 'full', filter: { id: eq(id) } });
    return rows.find((r) => r.id === id) ?? null;
  }
}
