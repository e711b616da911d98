// Gathers the PrestaShop parts of a snapshot through the Webservice (read-only GETs), producing
// the same parts as gather-database.ts (same normalisers, same club resolution) minus what the
// webservice cannot show: category group access is `unavailable` (a person checks it, or the
// database source reads it), so are installed modules; cart-rule group lists, per-customer uses
// and carrier zones / shops / payment modules are unknown (null).
//
// Requests: configuration (3 filtered lists), groups, categories, order states, carriers, zones, plus one per
// lookup, all through one PrestaShopWebservice so that each URL is fetched once per run whatever
// the number of clubs; independent requests run concurrently under the client's bound.

import { t, type Cause, type Query, type Text } from '../../engine/types.js';
import { lookupKey, type Lookups, type PartEnvelope, type PartMap } from '../../engine/snapshot.js';
import type { Customer } from '../../engine/parts.js';
import { assembleClubs, SECRET_CONFIGURATION } from './clubs.js';
import { wantedQuery, type GatherInput, type PrestaShopGathered } from './gather-database.js';
import { resolveConfiguration, toCartRule, toCategory, toCustomer, toGroup, toInt, toOrder, toOrderState, type Row } from './normalise.js';
import { associationIds, toBool } from './coerce.js';
import { sendcloudModuleFrom, toCarrier, toZone } from './shipping.js';
import { CONFIGURATION_NAMES, CONFIGURATION_PREFIXES } from './configuration-names.js';
import { beginsWith, eq, PrestaShopWebserviceError, type PrestaShopWebservice, type WsEntity } from './webservice.js';

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
  if (error instanceof PrestaShopWebserviceError) return error.toCause();
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

async function readConfiguration(ws: PrestaShopWebservice, shopId: number): Promise<Map<string, string | null>> {
  const display = ['name', 'value', 'id_shop', 'id_shop_group'];
  const lists = await Promise.all([
    ws.listAll('configurations', { display, filter: { name: eq(...CONFIGURATION_NAMES) } }),
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

/**
 * Reads the shop through the webservice and builds the PrestaShop parts. Never throws for an
 * upstream failure: each part that could not be gathered is `failed` with the cause.
 */
export async function gatherFromWebservice(ws: PrestaShopWebservice, input: GatherInput): Promise<WebserviceGathered> {
  const { shopId } = input;
  const wants = input.wants ?? (() => true);
  // Only what a selected check reads is requested; the club list (configuration, groups,
  // categories) always is.
  const when = <T>(part: Parameters<typeof wants>[0], step: () => Promise<T>) => (wants(part) ? attempt(step) : Promise.resolve(undefined));
  // Everything independent starts at once; the client bounds concurrency and shares requests.
  const configurationP = attempt(() => readConfiguration(ws, shopId));
  const groupsP = attempt(() => ws.listAll('groups', { display: 'full' }));
  const categoriesP = attempt(() => ws.listAll('categories', { display: ['name', 'active'] }));
  const orderStatesP = when('prestashop.orderStates', () => ws.listAll('order_states', { display: 'full' }));
  // Carrier zones, shops and payment modules are not exposed: null (unknown) in each carrier.
  const carriersP = when('prestashop.carriers', async () => (await ws.listAll('carriers', { display: 'full' })).map((r) => toCarrier(r)));
  const zonesP = when('prestashop.zones', async () => (await ws.listAll('zones', { display: 'full' })).map(toZone));
  const lookupsP = gatherLookups(ws, wantedQuery(input.query, wants));

  const configuration = await configurationP;
  const config = configuration.ok ? configuration.value : new Map<string, string | null>();
  const langId = toInt(config.get('PS_LANG_DEFAULT'), 1);
  const [groupRows, categoryRows, stateRows] = await Promise.all([groupsP, categoriesP, orderStatesP]);
  const groups = groupRows.ok ? { ok: true as const, value: groupRows.value.map((r) => toGroup(r, langId)) } : groupRows;
  const categories = categoryRows.ok ? { ok: true as const, value: categoryRows.value.map((r) => toCategory(r, langId)) } : categoryRows;

  const parts: PartMap = {
    'prestashop.configuration': configuration.ok
      ? ok(Object.fromEntries([...configuration.value].filter(([name]) => !SECRET_CONFIGURATION.test(name))))
      : failed(configuration.cause),
    'prestashop.groups': groups.ok ? ok(groups.value) : failed(groups.cause),
    'prestashop.sendcloudModule': configuration.ok ? ok(sendcloudModuleFrom(configuration.value)) : failed(configuration.cause),
    'prestashop.modules': { status: 'unavailable', reason: MODULES_UNAVAILABLE },
  };
  if (stateRows) parts['prestashop.orderStates'] = stateRows.ok ? ok(stateRows.value.map((r) => toOrderState(r, langId))) : failed(stateRows.cause);
  const [carriers, zones] = await Promise.all([carriersP, zonesP]);
  if (carriers) parts['prestashop.carriers'] = carriers.ok ? ok(carriers.value) : failed(carriers.cause);
  if (zones) parts['prestashop.zones'] = zones.ok ? ok(zones.value) : failed(zones.cause);

  const baseCause = !configuration.ok ? configuration.cause : !groups.ok ? groups.cause : !categories.ok ? categories.cause : undefined;
  const { clubs, stripeKeys, clubsCause } = await assembleClubs(
    input.clubs,
    baseCause || !groups.ok || !categories.ok ? { cause: baseCause! } : { groups: groups.value, categories: categories.value, config },
    { unavailable: CATEGORY_ACCESS_UNAVAILABLE },
  );

  const lookups = await lookupsP;
  return { parts, lookups, clubs, clubsCause, stripeKeys, ...(ws.version ? { prestashopVersion: ws.version } : {}) };
}

/** A filter value the webservice syntax can carry, or undefined (`|`, `[`, `]` cannot be sent). */
function safe(value: string): string | undefined {
  return /[[\]|]/.test(value) ? undefined : value;
}

function customerOf(row: WsEntity): Customer {
  return toCustomer(row, associationIds(row, 'groups'));
}

async function gatherLookups(ws: PrestaShopWebservice, query: Query): Promise<Lookups> {
  const lookups: Lookups = {};
  const tasks: Promise<void>[] = [];
  if (query.customer !== undefined) {
    const asked = query.customer.trim();
    tasks.push(
      attempt(async () => {
        if (/^\d+$/.test(asked)) {
          const row = await ws.getById('customers', Number(asked));
          return row ? [customerOf(row)] : [];
        }
        const email = safe(asked);
        if (!email) return [];
        return (await ws.list('customers', { display: 'full', filter: { email: eq(email) } })).map(customerOf);
      }).then((found) => {
        lookups.customer = {
          [lookupKey('customer', query.customer!)]: found.ok ? ok({ query: query.customer, matches: found.value }) : failed(found.cause),
        };
      }),
    );
  }
  if (query.code !== undefined) {
    const code = query.code.trim();
    tasks.push(
      attempt(async () => {
        const value = safe(code);
        if (!value) return [];
        const rows = await ws.list('cart_rules', { display: 'full', filter: { code: eq(value) } });
        // Only the restriction flags are visible: the lists behind them are unknown (null).
        return rows.map((row) =>
          toCartRule(row, {
            groupIds: toBool(row.group_restriction) ? null : [],
            productRuleGroups: toBool(row.product_restriction) ? null : [],
            usesByCustomer: null,
          }),
        );
      }).then((found) => {
        lookups.code = { [lookupKey('code', query.code!)]: found.ok ? ok({ code: query.code, matches: found.value }) : failed(found.cause) };
      }),
    );
  }
  if (query.order !== undefined) {
    const asked = query.order.trim();
    tasks.push(
      attempt(async () => {
        if (/^\d+$/.test(asked)) {
          const row = await ws.getById('orders', Number(asked));
          return row ? [toOrder(row)] : [];
        }
        const reference = safe(asked.toUpperCase());
        if (!reference) return [];
        return (await ws.list('orders', { display: 'full', filter: { reference: eq(reference) } })).map((r) => toOrder(r));
      }).then((found) => {
        lookups.order = { [lookupKey('order', query.order!)]: found.ok ? ok({ query: query.order, matches: found.value }) : failed(found.cause) };
      }),
    );
  }
  await Promise.all(tasks);
  return lookups;
}
