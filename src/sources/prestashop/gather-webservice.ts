// Gathers the PrestaShop parts of a snapshot through the Webservice (read-only GETs), producing
// the same parts as gather-database.ts (same normalisers, same club resolution) minus what the
// webservice cannot show: category group access is `unavailable` (a person checks it, or the
// database source reads it), so are installed modules; cart-rule group and product lists and
// carrier zones / shops / payment modules are unknown (null).
//
// Requests: configuration (3 filtered lists), groups, categories, order states, carriers, zones,
// active countries (the shop's: lists are shop-scoped) and active states, plus one per lookup (a few pages when the
// value cannot be sent as an equality: findExactly), all through one PrestaShopWebservice so that
// each URL is fetched once per run whatever the number of clubs; independent requests run
// concurrently under the client's bound. A --code lookup adds, when needed, the currencies (minimum
// amount) and, with --customer, the customer's orders and the rule's order_cart_rules among them
// (per-customer uses, cart-rules.ts).

import { t, type Cause, type Query, type Text } from '../../engine/types.js';
import { lookupKey, type Lookups, type PartEnvelope, type PartMap } from '../../engine/snapshot.js';
import type { CartRule, Category, Country, Customer, Group } from '../../engine/parts.js';
import { assembleClubs, SECRET_CONFIGURATION, type AssembledClubs } from './clubs.js';
import { runDataflow, type FetchContext, type Fetcher, type Outcome } from '../dataflow.js';
import { wantedQuery, type GatherInput, type PrestaShopGathered } from './gather-database.js';
import { resolveConfiguration, toCartRule, toCategory, toCustomer, toGroup, toInt, toOrder, toOrderState, type Row } from './normalise.js';
import { associationIds, toBool } from './coerce.js';
import { sendcloudModuleFrom, toCarrier, toCountry, toState, toZone } from './shipping.js';
import { CONFIGURATION_NAMES, CONFIGURATION_PREFIXES } from './configuration-names.js';
import { countUses, currencyIdsFor, customerForUses, errorStateFrom, needsCurrency, resolveMinimumCurrency, toCurrency, type Currency } from './cart-rules.js';
import { beginsWith, contains, eq, exactly, likeSafeRun, PrestaShopWebserviceError, type PrestaShopWebservice, type WsEntity } from './webservice.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  lookUpOrUseDatabase: t(
    'Cherchez-la dans le back-office (Clients > Clients, ou Catalogue > Réductions), ou configurez prestashop.database : la lecture SQL compare cette valeur exactement.',
    'Look it up in the back office (Customers > Customers, or Catalog > Discounts), or configure prestashop.database: the SQL source compares this value exactly.',
  ),
};

export const CATEGORY_ACCESS_UNAVAILABLE: Text = t(
  "Le webservice de PrestaShop ne montre pas l'« Accès des groupes » d'une catégorie : vérifiez-le dans le back-office, ou configurez prestashop.database (accès SQL en lecture seule) pour qu'il soit lu automatiquement.",
  'The PrestaShop webservice does not show a category\'s "Group access": check it in the back office, or configure prestashop.database (read-only SQL access) to have it read automatically.',
);

export const MODULES_UNAVAILABLE: Text = t(
  'Le webservice de PrestaShop ne liste pas les modules installés : vérifiez-les dans Modules > Gestionnaire de modules, ou configurez prestashop.database pour les lire automatiquement.',
  'The PrestaShop webservice does not list installed modules: check them in Modules > Module Manager, or configure prestashop.database to have them read automatically.',
);

const ok = (data: unknown): PartEnvelope => ({ status: 'ok', data });
const failed = (cause: Cause): PartEnvelope => ({ status: 'failed', cause });

export function causeOf(error: unknown): Cause {
  if (error instanceof PrestaShopWebserviceError || error instanceof LookupNotExact) return error.toCause();
  return { source: 'prestashop', kind: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

type Attempt<T> = { ok: true; value: T } | { ok: false; cause: Cause };

async function attempt<T>(step: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, cause: causeOf(error) };
  }
}

export interface WebserviceGathered extends PrestaShopGathered {
  /** PrestaShop version read from PSWS-Version, when any request succeeded. */
  prestashopVersion?: string;
}

const CONFIGURATION_DISPLAY = ['name', 'value', 'id_shop', 'id_shop_group'];

/** The named configuration rows of every scope (one request, shared by every caller of the run). */
function namedConfigurationRows(ws: PrestaShopWebservice): Promise<WsEntity[]> {
  return ws.listAll('configurations', { display: CONFIGURATION_DISPLAY, filter: { name: eq(...CONFIGURATION_NAMES) } });
}

async function readConfiguration(ws: PrestaShopWebservice, shopId: number): Promise<Map<string, string | null>> {
  const display = CONFIGURATION_DISPLAY;
  const lists = await Promise.all([
    namedConfigurationRows(ws),
    // `_` is a one-character wildcard in LIKE: keep only the real prefix matches.
    ...CONFIGURATION_PREFIXES.map(async (prefix) =>
      (await ws.listAll('configurations', { display, filter: { name: beginsWith(prefix) } })).filter((r) => String(r.name ?? '').startsWith(prefix)),
    ),
  ]);
  const rows: Row[] = lists.flat();
  // Configurations are not shop-filtered (global, group and shop rows all come back): the shop's own
  // rows tell its shop group; otherwise ask the shops resource, else assume the default group 1.
  let shopGroupId = rows.map((r) => (toInt(r.id_shop) === shopId ? toInt(r.id_shop_group) : 0)).find((g) => g > 0);
  if (shopGroupId === undefined && rows.some((r) => toInt(r.id_shop) === 0 && toInt(r.id_shop_group) > 0)) {
    const shop = await ws.getById('shops', shopId).catch(() => null);
    shopGroupId = shop ? toInt(shop.id_shop_group) : undefined;
  }
  return resolveConfiguration(rows, shopId, shopGroupId ?? 1);
}

/** The webservice's fetchers (dataflow.ts), by the part or fact each one yields. */
export const WS_FETCHERS = {
  configuration: 'prestashop.configuration',
  groups: 'prestashop.groups',
  categories: 'prestashop.categories',
  orderStates: 'prestashop.orderStates',
  carriers: 'prestashop.carriers',
  zones: 'prestashop.zones',
  countries: 'prestashop.countries',
  states: 'prestashop.states',
  lookups: 'prestashop.lookups',
  clubs: 'prestashop.clubs',
} as const;

const F = WS_FETCHERS;

/**
 * The reads that list the shop's clubs (the configuration, the groups, the categories, the clubs
 * assembled from them): the same whatever the checks and the questions asked, so a session that
 * listed the clubs first (the guided mode) may reuse them for the diagnosis (gather.ts `reuse`).
 */
export const CLUB_LIST_READS: readonly string[] = [F.configuration, F.groups, F.categories, F.clubs];

/** Round trips a lookup chain waits for (healthy run): a code's rule, then the customer's orders and their uses. */
function lookupRounds(query: Query): number {
  if (query.code !== undefined) return query.customer !== undefined ? 3 : 2;
  return query.customer !== undefined || query.order !== undefined ? 1 : 0;
}

/**
 * The reads of the shop through the webservice, each a fetcher declaring what it needs. Every read
 * starts at once; the club list needs the configuration (built-in groups, the shop's Stripe keys),
 * the groups and the categories. Names are resolved in the shop's language, which the configuration
 * gives: awaited after the read, never before it. Only what a selected check reads is requested; the
 * club list (configuration, groups, categories) always is.
 */
export function webserviceFetchers(ws: PrestaShopWebservice, input: GatherInput): Fetcher[] {
  const { shopId } = input;
  const wants = input.wants ?? (() => true);
  const source = 'prestashop';
  const langOf = async (context: FetchContext) => {
    const configuration = await context.outcome<Map<string, string | null>>(F.configuration);
    return toInt(configuration.ok ? configuration.value.get('PS_LANG_DEFAULT') : undefined, 1);
  };
  const inLanguage = <T>(id: string, read: () => Promise<WsEntity[]>, to: (row: WsEntity, langId: number) => T): Fetcher => ({
    id,
    source,
    rounds: 1,
    awaits: [F.configuration],
    run: async (context) => {
      const rows = await read();
      const langId = await langOf(context);
      return rows.map((r) => to(r, langId));
    },
  });
  const query = wantedQuery(input.query, wants);
  const fetchers: Fetcher[] = [
    // Three filtered lists: the named settings and each module prefix (STRIPE_, SENDCLOUD_).
    { id: F.configuration, source, rounds: 1, requests: 1 + CONFIGURATION_PREFIXES.length, run: () => readConfiguration(ws, shopId) },
    inLanguage(F.groups, () => ws.listAll('groups', { display: 'full' }), toGroup),
    inLanguage(F.categories, () => ws.listAll('categories', { display: ['name', 'active'] }), toCategory),
    {
      id: F.clubs,
      needs: [F.configuration, F.groups, F.categories],
      tolerant: true,
      run: async (context) => {
        const [configuration, groups, categories] = await Promise.all([
          context.outcome<Map<string, string | null>>(F.configuration),
          context.outcome<Group[]>(F.groups),
          context.outcome<Category[]>(F.categories),
        ]);
        const baseCause = !configuration.ok ? causeOf(configuration.error) : !groups.ok ? causeOf(groups.error) : !categories.ok ? causeOf(categories.error) : undefined;
        return assembleClubs(
          input.clubs,
          baseCause || !groups.ok || !categories.ok || !configuration.ok ? { cause: baseCause! } : { groups: groups.value, categories: categories.value, config: configuration.value },
          { unavailable: CATEGORY_ACCESS_UNAVAILABLE },
        );
      },
    },
  ];
  if (wants('prestashop.orderStates')) fetchers.push(inLanguage(F.orderStates, () => ws.listAll('order_states', { display: 'full' }), toOrderState));
  // Carrier zones, shops and payment modules are not exposed: null (unknown) in each carrier.
  if (wants('prestashop.carriers')) fetchers.push({ id: F.carriers, source, rounds: 1, run: async () => (await ws.listAll('carriers', { display: 'full' })).map((r) => toCarrier(r)) });
  if (wants('prestashop.zones')) fetchers.push({ id: F.zones, source, rounds: 1, run: async () => (await ws.listAll('zones', { display: 'full' })).map(toZone) });
  // The fields the recording of a stock 8.1.2 shows (countries-active); names are i18n, not needed.
  if (wants('prestashop.countries')) {
    fetchers.push({
      id: F.countries,
      source,
      rounds: 1,
      run: async () => (await ws.listAll('countries', { display: ['id_zone', 'active', 'iso_code', 'contains_states'], filter: { active: eq(1) } })).map(toCountry),
    });
  }
  // Active states (the resource is not shop-scoped), kept to the shop's active countries once
  // those are known, so that both sources give the same part: an address with a state takes the
  // state's zone (Address::getZoneById). The key needs "View (GET)" on `states`.
  if (wants('prestashop.states')) {
    const withCountries = wants('prestashop.countries');
    fetchers.push({
      id: F.states,
      source,
      rounds: 1,
      ...(withCountries ? { awaits: [F.countries] } : {}),
      run: async (context) => {
        const states = (await ws.listAll('states', { display: ['id_country', 'id_zone', 'iso_code', 'name', 'active'], filter: { active: eq(1) } })).map(toState);
        if (!withCountries) return states;
        const countries = await context.outcome<Country[]>(F.countries);
        if (!countries.ok) return states;
        const shopCountries = new Set(countries.value.map((c) => c.id));
        return states.filter((s) => shopCountries.has(s.countryId));
      },
    });
  }
  if (lookupRounds(query) > 0) {
    fetchers.push({
      id: F.lookups,
      source,
      rounds: lookupRounds(query),
      requests: Object.keys(query).length,
      // The configuration matters only once a code's rules are found (uses, currency).
      awaits: [F.configuration],
      run: (context) =>
        gatherLookups(
          ws,
          query,
          context.outcome<Map<string, string | null>>(F.configuration).then((o): Settings => (o.ok ? { ok: true, value: o.value } : { ok: false, cause: causeOf(o.error) })),
        ),
    });
  }
  return fetchers;
}

/** The snapshot parts one webservice fetcher yields once settled (none for the club list and lookups). */
export function webserviceParts(id: string, outcome: Outcome): PartMap {
  const envelope = (map: (value: never) => unknown = (v) => v): PartEnvelope => (outcome.ok ? ok(map(outcome.value as never)) : failed(causeOf(outcome.error)));
  switch (id) {
    case F.configuration:
      return {
        'prestashop.configuration': envelope((config: Map<string, string | null>) => Object.fromEntries([...config].filter(([name]) => !SECRET_CONFIGURATION.test(name)))),
        'prestashop.sendcloudModule': envelope((config: Map<string, string | null>) => sendcloudModuleFrom(config)),
        'prestashop.modules': { status: 'unavailable', reason: MODULES_UNAVAILABLE },
      };
    case F.groups:
    case F.orderStates:
    case F.carriers:
    case F.zones:
    case F.countries:
    case F.states:
      return { [id]: envelope() };
    default:
      return {};
  }
}

/**
 * Reads the shop through the webservice and builds the PrestaShop parts. Never throws for an
 * upstream failure: each part that could not be gathered is `failed` with the cause.
 */
export async function gatherFromWebservice(ws: PrestaShopWebservice, input: GatherInput): Promise<WebserviceGathered> {
  const parts: PartMap = {};
  const outcomes = new Map<string, Outcome>();
  const flow = runDataflow(webserviceFetchers(ws, input), {
    onSettle: (id, outcome) => {
      outcomes.set(id, outcome);
      const settled = webserviceParts(id, outcome);
      if (Object.keys(settled).length) {
        Object.assign(parts, settled);
        input.onParts?.(settled);
      }
    },
  });
  await flow.done;
  const clubs = outcomes.get(F.clubs)!;
  if (!clubs.ok) throw clubs.error;
  const lookups = outcomes.get(F.lookups);
  if (lookups && !lookups.ok) throw lookups.error;
  const { clubs: list, stripeKeys, clubsCause } = clubs.value as AssembledClubs;
  return {
    parts,
    lookups: (lookups?.value as Lookups | undefined) ?? {},
    clubs: list,
    ...(clubsCause ? { clubsCause } : {}),
    stripeKeys,
    ...(ws.version ? { prestashopVersion: ws.version } : {}),
  };
}

/** A lookup the webservice cannot answer exactly: the part fails with this cause, never "not found". */
export class LookupNotExact extends Error {
  constructor(
    readonly kind: 'unsearchable' | 'too-many-candidates',
    message: string,
  ) {
    super(message);
  }

  toCause(): Cause {
    return {
      source: 'prestashop',
      kind: this.kind,
      message: this.message,
      fix: [
        MESSAGES.lookUpOrUseDatabase,
      ],
    };
  }
}

/** The shop's collation compares e-mails, codes and references case-insensitively. */
const sameValue = (a: string, b: string) => a.trim().localeCompare(b.trim(), 'fr', { sensitivity: 'accent' }) === 0;

export interface ExactOptions {
  display?: 'full' | string[];
  /** Rows per page of the wide query. */
  pageSize?: number;
  /** Rows the wide query may read before giving up (a definitive answer needs all of them). */
  maxRows?: number;
}

/**
 * The rows whose `field` equals `value`, whatever its characters. The filter syntax has no
 * escaping (webservice.ts `exactly`): when the value cannot be sent as an equality, the longest
 * stretch that can is asked with a contains filter, page by page up to a cap, and the rows are
 * compared exactly here. A value with nothing to ask, or too many candidates, is an error (the
 * lookup part fails with the reason), never an empty answer.
 */
export async function findExactly(ws: PrestaShopWebservice, resource: string, field: string, value: string, options: ExactOptions = {}): Promise<WsEntity[]> {
  const display = options.display ?? 'full';
  const filter = exactly(value);
  if (filter !== undefined) return ws.list(resource, { display, filter: { [field]: filter } });
  const run = likeSafeRun(value);
  if (!run.trim()) {
    throw new LookupNotExact('unsearchable', `The webservice filter syntax cannot carry ${JSON.stringify(value)} (${resource}.${field}): it could not be looked up.`);
  }
  const pageSize = options.pageSize ?? 500;
  const maxRows = options.maxRows ?? 5000;
  const found: WsEntity[] = [];
  for (let offset = 0; ; offset += pageSize) {
    if (offset >= maxRows) {
      throw new LookupNotExact(
        'too-many-candidates',
        `${JSON.stringify(value)} cannot be sent as a webservice filter; more than ${maxRows} ${resource} contain ${JSON.stringify(run)}, too many to compare: it could not be looked up.`,
      );
    }
    const page = await ws.list(resource, { display, filter: { [field]: contains(run) }, sort: '[id_ASC]', limit: [offset, pageSize] });
    found.push(...page.filter((row) => sameValue(String(row[field] ?? ''), value)));
    if (page.length < pageSize) return found;
  }
}

/**
 * Customers are always read with display=full, where `associations.groups` lists every
 * customer_group row and is omitted when there is none: then the customer is in no group at all.
 * (A display subset such as `display=[id,groups[id]]` silently drops the association on PHP 8,
 * recordings/display-assoc, so it would look the same: never use one here.)
 */
function customerOf(row: WsEntity): Customer {
  return toCustomer(row, associationIds(row, 'groups'));
}

/** Order ids per `order_cart_rules` request: keeps the URL short whatever the customer's history. */
const ORDER_IDS_PER_REQUEST = 100;

/**
 * How often the customer used the rule, counted as CartRule::checkValidity does (cart-rules.ts):
 * the customer's orders (`orders?display=[id,current_state]&filter[id_customer]=[N]`), then the
 * rule's rows among those orders only (`order_cart_rules?display=full&filter[id_cart_rule]=[R]
 * &filter[id_order]=[…]`), so a popular code's thousands of uses are never listed. display=full
 * because `deleted` only exists since 1.7.7 (naming it would fail on older shops).
 *
 * Shops: PrestaShop counts the customer's orders of every shop (no shop condition; with shared
 * customers, `share_customer`, one account orders in several shops). The webservice lists orders in
 * a shop context (Order::getWebserviceObjectList adds Shop::addSqlRestriction(SHARE_ORDER): the
 * shop's own orders, or its group's when the group shares orders), so the orders are asked with
 * `id_shop=all` (WebserviceRequest::shopExists → Shop::CONTEXT_ALL: every active shop). If that is
 * refused, the shop's context is read and the count says it covers this shop only.
 */
async function usesOf(ws: PrestaShopWebservice, customerId: number, ruleId: number, errorState: number): Promise<{ uses: number; scope: 'active-shops' | 'shop' }> {
  const read = (allShops: boolean) => ws.listAll('orders', { display: ['id', 'current_state'], filter: { id_customer: eq(customerId) }, ...(allShops ? { allShops } : {}) });
  let scope: 'active-shops' | 'shop' = 'active-shops';
  let orders: WsEntity[];
  try {
    orders = await read(true);
  } catch (error) {
    if (!(error instanceof PrestaShopWebserviceError)) throw error;
    scope = 'shop';
    orders = await read(false);
  }
  const ids = orders.map((o) => o.id);
  const rows: WsEntity[] = [];
  for (let i = 0; i < ids.length; i += ORDER_IDS_PER_REQUEST) {
    const chunk = ids.slice(i, i + ORDER_IDS_PER_REQUEST);
    rows.push(...(await ws.listAll('order_cart_rules', { display: 'full', filter: { id_cart_rule: eq(ruleId), id_order: eq(...chunk) } })));
  }
  return { uses: countUses(orders, rows, ruleId, errorState), scope };
}

/** Every currency (a handful), symbols in the shop's language; null when they cannot be read. */
async function readCurrencies(ws: PrestaShopWebservice, langId: number): Promise<Currency[] | null> {
  const found = await attempt(async () => (await ws.listAll('currencies', { display: 'full' })).map((r) => toCurrency(r, langId)));
  return found.ok ? found.value : null;
}

type Settings = Attempt<Map<string, string | null>>;

/** The cart rules behind a code, with what the webservice can add: uses and currency. */
async function findCartRules(ws: PrestaShopWebservice, code: string, customers: Promise<Attempt<Customer[]>> | undefined, settings: Promise<Settings>): Promise<CartRule[]> {
  const rows = await findExactly(ws, 'cart_rules', 'code', code);
  if (!rows.length) return [];
  const configuration = await settings;
  const config = configuration.ok ? configuration.value : new Map<string, string | null>();
  const langId = toInt(config.get('PS_LANG_DEFAULT'), 1);
  const errorState = errorStateFrom(config, configuration.ok);
  const found = customers ? await customers : undefined;
  const customer = found?.ok ? customerForUses(found.value) : undefined;
  const currencyIds = currencyIdsFor(rows, config);
  const currencies = currencyIds.length ? await readCurrencies(ws, langId) : [];
  return Promise.all(
    rows.map(async (row) => {
      let usesByCustomer: number | null = null;
      let usesByCustomerCause: string | undefined;
      let usesByCustomerScope: CartRule['usesByCustomerScope'];
      if (customer && errorState === null) usesByCustomerCause = 'the configuration (PS_OS_ERROR) could not be read';
      else if (customer) {
        // The uses are one fact among many: their failure leaves them unknown, the rule still stands.
        const uses = await attempt(() => usesOf(ws, customer.id, row.id, errorState!));
        if (uses.ok) {
          usesByCustomer = uses.value.uses;
          usesByCustomerScope = uses.value.scope;
        } else usesByCustomerCause = uses.cause.message;
      }
      // Only the restriction flags are visible: the lists behind them are unknown (null).
      return toCartRule(row, {
        groupIds: toBool(row.group_restriction) ? null : [],
        productRuleGroups: toBool(row.product_restriction) ? null : [],
        usesByCustomer,
        usesCustomerId: customer?.id,
        usesByCustomerCause,
        usesByCustomerScope,
        minimumAmountCurrencyResolved: needsCurrency(row) ? resolveMinimumCurrency(row.minimum_amount_currency, currencies, config) : undefined,
      });
    }),
  );
}

async function gatherLookups(ws: PrestaShopWebservice, query: Query, settings: Promise<Settings>): Promise<Lookups> {
  const lookups: Lookups = {};
  const tasks: Promise<void>[] = [];
  let customersP: Promise<Attempt<Customer[]>> | undefined;
  if (query.customer !== undefined) {
    const asked = query.customer.trim();
    customersP = attempt(async () => {
      if (/^\d+$/.test(asked)) {
        const row = await ws.getById('customers', Number(asked));
        return row ? [customerOf(row)] : [];
      }
      return (await findExactly(ws, 'customers', 'email', asked)).map(customerOf);
    });
    tasks.push(
      customersP.then((found) => {
        lookups.customer = {
          [lookupKey('customer', query.customer!)]: found.ok ? ok({ query: query.customer, matches: found.value }) : failed(found.cause),
        };
      }),
    );
  }
  if (query.code !== undefined) {
    const code = query.code.trim();
    tasks.push(
      attempt(() => findCartRules(ws, code, customersP, settings)).then((found) => {
        lookups.code = { [lookupKey('code', query.code!)]: found.ok ? ok({ code: query.code, matches: found.value }) : failed(found.cause) };
      }),
    );
  }
  if (query.order !== undefined) {
    const asked = query.order.trim();
    tasks.push(
      attempt(async () => {
        // Order::isReturnable() reads PS_ORDER_RETURN(_NB_DAYS) for the order's own shop: the
        // configuration rows already read for the shop (same URL, no new request), resolved per order.
        const configurationRows = namedConfigurationRows(ws);
        configurationRows.catch(() => undefined);
        const withSettings = async (rows: WsEntity[]) => {
          const config = rows.length ? await configurationRows.catch(() => undefined) : undefined;
          return rows.map((r) => toOrder(r, config));
        };
        if (/^\d+$/.test(asked)) {
          const row = await ws.getById('orders', Number(asked));
          return withSettings(row ? [row] : []);
        }
        return withSettings(await findExactly(ws, 'orders', 'reference', asked.toUpperCase()));
      }).then((found) => {
        lookups.order = { [lookupKey('order', query.order!)]: found.ok ? ok({ query: query.order, matches: found.value }) : failed(found.cause) };
      }),
    );
  }
  await Promise.all(tasks);
  return lookups;
}
