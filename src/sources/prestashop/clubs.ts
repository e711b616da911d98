// Which clubs a shop has, and which group, category and Stripe keys each one uses (DESIGN.md §5):
// configured clubs first, else every customer group but the built-in ones; group and category by
// id when configured, else by name ignoring case and accents; keys from config, else the Stripe
// module's configuration.

import { normaliseName } from '../../engine/clubs.js';
import type { Category, Group, StripeKeys } from '../../engine/parts.js';
import type { PartEnvelope, PartMap } from '../../engine/snapshot.js';
import { t, type Cause, type Text } from '../../engine/types.js';
import { describeKey } from '../../secrets/stripe-key.js';
import { redactor } from '../../secrets/redact.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  addGroupId: (index: number, ids: string) => t(
    `Dans la configuration, ajoutez "group": <id> au club clubs[${index}] (ids possibles : ${ids} ; voir Clients > Groupes dans le back-office).`,
    `In the configuration, add "group": <id> to the club clubs[${index}] (possible ids: ${ids}; see Customers > Groups in the back office).`,
  ),
};

export interface ClubSpec {
  name: string;
  group?: number;
  category?: number;
  stripe?: { publishableKey?: string; secretKey?: string };
}

export interface ResolvedClub {
  name: string;
  group: Group | null;
  /** Set when a configured club's name is borne by several groups and no `group` id was given. */
  ambiguousGroup?: Cause;
  /** Only the category id is needed to read the category itself from the source. */
  categoryId: number | null;
  stripe: { publishableKey: string | null; secretKey: string | null; origin: 'config' | 'shop' };
}

/** Groups every shop has, whatever their name: visitor, guest, customer (ids from configuration). */
export function builtInGroupIds(config: Map<string, string | null>): number[] {
  return ['PS_UNIDENTIFIED_GROUP', 'PS_GUEST_GROUP', 'PS_CUSTOMER_GROUP'].map((k, i) => Number(config.get(k) ?? i + 1));
}

/**
 * Items indexed once by folded name (case, accents and punctuation ignored, as people type club
 * names): each club is then a lookup, not a scan, and `--all` over hundreds of clubs and thousands
 * of categories stays linear.
 */
function indexByName<T extends { name: string }>(items: readonly T[]): (name: string) => readonly T[] {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const key = normaliseName(item.name);
    const list = index.get(key);
    if (list) list.push(item);
    else index.set(key, [item]);
  }
  return (name) => index.get(normaliseName(name)) ?? [];
}

/** The Stripe module's keys for the shop: `STRIPE_MODE` truthy means test mode (api-notes). */
export function shopStripeKeys(config: Map<string, string | null>): { mode: 'test' | 'live'; publishableKey: string | null; secretKey: string | null } {
  // The module reads it as PHP does: any non-empty value but "0" is true (test mode).
  const raw = config.get('STRIPE_MODE');
  const test = raw !== undefined && raw !== null && raw !== '' && raw !== '0';
  const get = (name: string) => {
    const value = config.get(name);
    return value ? value : null;
  };
  return test
    ? { mode: 'test', publishableKey: get('STRIPE_TEST_PUBLISHABLE'), secretKey: get('STRIPE_TEST_KEY') }
    : { mode: 'live', publishableKey: get('STRIPE_PUBLISHABLE'), secretKey: get('STRIPE_KEY') };
}

export function resolveClubs(
  specs: readonly ClubSpec[] | undefined,
  groups: readonly Group[],
  categories: readonly Category[],
  config: Map<string, string | null>,
): ResolvedClub[] {
  const builtIn = builtInGroupIds(config);
  // Clubs found in the shop carry their group id: two groups may share a name, each is one club.
  const wanted: ClubSpec[] = specs?.length ? [...specs] : groups.filter((g) => !builtIn.includes(g.id)).map((g) => ({ name: g.name, group: g.id }));
  const shopKeys = shopStripeKeys(config);
  const groupsNamed = indexByName(groups.filter((g) => !builtIn.includes(g.id)));
  const categoriesNamed = indexByName(categories);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  return wanted.map((spec, index) => {
    const named = spec.group === undefined ? groupsNamed(spec.name) : [];
    const group = spec.group !== undefined ? (groupById.get(spec.group) ?? null) : named.length === 1 ? named[0]! : null;
    // Several categories may bear the club's name: the displayed (active) one wins.
    const category = spec.category !== undefined ? (categoryById.get(spec.category) ?? null) : (categoriesNamed(spec.name).find((c) => c.active) ?? categoriesNamed(spec.name)[0] ?? null);
    const fromConfig = spec.stripe?.publishableKey !== undefined || spec.stripe?.secretKey !== undefined;
    return {
      name: spec.name,
      group,
      ...(named.length > 1 ? { ambiguousGroup: ambiguousGroupCause(spec.name, index, named) } : {}),
      categoryId: category?.id ?? (spec.category ?? null),
      stripe: fromConfig
        ? { publishableKey: spec.stripe?.publishableKey ?? null, secretKey: spec.stripe?.secretKey ?? null, origin: 'config' }
        : { publishableKey: shopKeys.publishableKey, secretKey: shopKeys.secretKey, origin: 'shop' },
    };
  });
}

/** A configured club whose name two customer groups bear: no group is guessed, `group` is asked for. */
function ambiguousGroupCause(name: string, index: number, groups: readonly Group[]): Cause {
  const ids = groups.map((g) => g.id).join(', ');
  return {
    source: 'config',
    kind: 'ambiguous-group',
    message: `Several customer groups are named "${name}" (ids ${ids}): the configured club clubs[${index}] does not say which one is the club.`,
    fix: [
      MESSAGES.addGroupId(index, ids),
    ],
  };
}

/** The `club.stripeKeys` part: facts only, the raw keys are registered with the redactor. */
export function stripeKeysPart(club: ResolvedClub, config: Map<string, string | null>): PartEnvelope {
  redactor.add(club.stripe.publishableKey);
  redactor.add(club.stripe.secretKey);
  const data: StripeKeys = {
    origin: club.stripe.origin,
    mode: club.stripe.origin === 'shop' ? shopStripeKeys(config).mode : null,
    publishableKey: club.stripe.publishableKey === null ? null : describeKey(club.stripe.publishableKey),
    secretKey: club.stripe.secretKey === null ? null : describeKey(club.stripe.secretKey),
  };
  return { status: 'ok', data };
}

/** Configuration names whose values are secrets: used, never copied into the snapshot. */
export const SECRET_CONFIGURATION = /^(STRIPE_(TEST_)?(KEY|PUBLISHABLE)|STRIPE_WEBHOOK_SIGNATURE|SENDCLOUD_.*(KEY|SECRET|AUTH|CONNECT).*)$/;

/**
 * The configured clubs when the shop itself could not be read: what depends on the shop fails with
 * its cause, but keys given in the configuration are still facts, so Stripe is still asked about
 * them (and says so) instead of reporting "no key".
 */
export function clubsWithoutShop(
  specs: readonly ClubSpec[],
  cause: Cause,
): { clubs: Array<{ name: string; parts: PartMap }>; stripeKeys: StripeKeysByClub } {
  const failed: PartEnvelope = { status: 'failed', cause };
  const stripeKeys: StripeKeysByClub = new Map();
  const clubs = specs.map((spec) => {
    const fromConfig = spec.stripe?.publishableKey !== undefined || spec.stripe?.secretKey !== undefined;
    const resolved: ResolvedClub = {
      name: spec.name,
      group: null,
      categoryId: null,
      stripe: { publishableKey: spec.stripe?.publishableKey ?? null, secretKey: spec.stripe?.secretKey ?? null, origin: 'config' },
    };
    const club = {
      name: spec.name,
      parts: { 'club.group': failed, 'club.category': failed, 'club.stripeKeys': fromConfig ? stripeKeysPart(resolved, new Map()) : failed } satisfies PartMap,
    };
    if (fromConfig) stripeKeys.set(club, resolved.stripe);
    return club;
  });
  return { clubs, stripeKeys };
}

/**
 * Raw keys per club entry (the object itself, not its name: two customer groups may share a name,
 * and so may two clubs).
 */
export type StripeKeysByClub = Map<{ name: string; parts: PartMap }, ResolvedClub['stripe']>;

export type CategoryAccessResult = { ok: true; value: Map<number, number[]> } | { ok: false; cause: Cause };

export interface AssembledClubs {
  clubs: Array<{ name: string; parts: PartMap }>;
  /** Raw keys per club, for the Stripe source only. */
  stripeKeys: StripeKeysByClub;
  /** Set when the clubs could not be listed at all (shop unreadable and none configured). */
  clubsCause?: Cause;
}

/**
 * The club parts, the same for both PrestaShop sources: resolved from the shop's groups and
 * categories, with the category group access the source can read (SQL) or a reason it cannot
 * (webservice); or, when the shop could not be read, the configured clubs with that cause.
 */
export async function assembleClubs(
  specs: readonly ClubSpec[] | undefined,
  shop: { cause: Cause } | { groups: readonly Group[]; categories: readonly Category[]; config: Map<string, string | null> },
  categoryAccess: ((categoryIds: number[]) => Promise<CategoryAccessResult>) | { unavailable: Text },
): Promise<AssembledClubs> {
  if ('cause' in shop) {
    return { ...clubsWithoutShop(specs ?? [], shop.cause), ...(specs?.length ? {} : { clubsCause: shop.cause }) };
  }
  const resolved = resolveClubs(specs, shop.groups, shop.categories, shop.config);
  const categoryIds = resolved.map((c) => c.categoryId).filter((id): id is number => id !== null);
  const access = typeof categoryAccess === 'function' ? await categoryAccess(categoryIds) : undefined;
  const stripeKeys: StripeKeysByClub = new Map();
  const categoryById = new Map(shop.categories.map((c) => [c.id, c]));
  const clubs = resolved.map((club) => {
    const category = club.categoryId === null ? null : (categoryById.get(club.categoryId) ?? null);
    const parts: PartMap = {
      'club.group': club.ambiguousGroup ? { status: 'failed', cause: club.ambiguousGroup } : { status: 'ok', data: club.group },
      'club.category': { status: 'ok', data: category },
      'club.stripeKeys': stripeKeysPart(club, shop.config),
    };
    if (category) {
      parts['club.categoryAccess'] =
        access === undefined
          ? { status: 'unavailable', reason: (categoryAccess as { unavailable: Text }).unavailable }
          : access.ok
            ? { status: 'ok', data: { groupIds: [...(access.value.get(category.id) ?? [])].sort((a, b) => a - b) } }
            : { status: 'failed', cause: access.cause };
    }
    const entry = { name: club.name, parts };
    stripeKeys.set(entry, club.stripe);
    return entry;
  });
  return { clubs, stripeKeys };
}
