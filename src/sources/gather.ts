// Gathers a snapshot from the live sources the configuration names. PrestaShop first (it lists
// the clubs and their keys), then the clubs to diagnose are chosen, then the per-club upstreams
// (Stripe) are asked for those clubs only: a run never calls Stripe for a club it does not report.

import type { Config } from '../config/schema.js';
import type { ClubLike } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import { PART_SCHEMAS, type PartName } from '../engine/parts.js';
import { SNAPSHOT_FORMAT, type PartMap, type Snapshot } from '../engine/snapshot.js';
import type { Cause, Query } from '../engine/types.js';
import { scrubUrl } from '../secrets/scrub.js';
import { PrestaShopDatabase } from './prestashop/database.js';
import { gatherFromDatabase, type PrestaShopGathered } from './prestashop/gather-database.js';
import { gatherFromWebservice } from './prestashop/gather-webservice.js';
import { PrestaShopWebservice } from './prestashop/webservice.js';
import { gatherSendcloud, SENDCLOUD_PART_NAMES } from './sendcloud/index.js';
import { gatherDynamicCoupons } from './dynamic-coupons.js';
import { gatherShopFront } from './shop-front.js';
import { gatherStripeClubs } from './stripe/index.js';

/** Without a `sendcloud` section the account cannot be read: its checks become manual items. */
function sendcloudNotConfigured(): PartMap {
  const reason = {
    fr: "Sendcloud n'est pas configuré (sendcloud.publicKey et sendcloud.secretKey) : vérifiez ces points dans le panneau Sendcloud.",
    en: 'Sendcloud is not configured (sendcloud.publicKey and sendcloud.secretKey): verify these points in the Sendcloud panel.',
  };
  return Object.fromEntries(SENDCLOUD_PART_NAMES.map((name) => [name, { status: 'unavailable', reason }])) as PartMap;
}

export interface GatherOptions {
  config: Config;
  query: Query;
  /** Picks the clubs to report among those the shop has (may throw a UsageError: unknown club). */
  choose: <T extends ClubLike>(clubs: readonly T[]) => T[];
  /** When the shop's clubs cannot be listed at all: the names to report the failure under. */
  fallbackNames: string[];
  progress?: (message: string) => void;
}

async function gatherPrestaShop(config: Config, query: Query): Promise<{ source: string; gathered: PrestaShopGathered }> {
  const ps = config.prestashop!;
  const shopId = ps.shopId ?? 1;
  if (ps.database) {
    const db = new PrestaShopDatabase(ps.database, { connectTimeoutMs: ps.timeoutMs });
    try {
      return { source: 'database', gathered: await gatherFromDatabase(db, { clubs: config.clubs, query, shopId }) };
    } finally {
      await db.close();
    }
  }
  if (!ps.webserviceKey) {
    throw new UsageError(
      'No way to read the shop: prestashop has neither webserviceKey nor database.',
      'Set prestashop.webserviceKey (e.g. "env:PS_WEBSERVICE_KEY"), or prestashop.database for read-only SQL access.',
    );
  }
  const ws = new PrestaShopWebservice({ url: ps.url, key: ps.webserviceKey, shopId: ps.shopId, timeoutMs: ps.timeoutMs });
  return { source: 'webservice', gathered: await gatherFromWebservice(ws, { clubs: config.clubs, query, shopId }) };
}

/** Every part a club would have, failed with the same cause (the clubs could not be listed). */
function failedClub(name: string, cause: Cause): { name: string; parts: PartMap } {
  const failed = { status: 'failed', cause } as const;
  const clubParts = (Object.keys(PART_SCHEMAS) as PartName[]).filter((part) => part.startsWith('club.'));
  return { name, parts: Object.fromEntries(clubParts.map((part) => [part, failed])) };
}

export async function gatherSnapshot(options: GatherOptions): Promise<Snapshot> {
  const { config, query } = options;
  if (!config.prestashop) throw new UsageError('No shop configured.', 'Set prestashop.url in the configuration (see README).');
  const generatedAt = new Date().toISOString();
  options.progress?.('Reading the PrestaShop shop…');
  const { source, gathered } = await gatherPrestaShop(config, query);

  let clubs: { name: string; parts: PartMap }[];
  if (gathered.clubsCause) {
    clubs = options.fallbackNames.map((name) => failedClub(name, gathered.clubsCause!));
  } else {
    // The chooser's own entries, in its order (--all sorts by name): two clubs may share a name.
    clubs = options.choose(gathered.clubs);
  }
  // The shop-wide upstreams and the chosen clubs' Stripe accounts are independent: asked at once.
  options.progress?.('Asking Stripe, Sendcloud and the shop front…');
  const [stripe, front, sendcloud, coupons] = await Promise.all([
    // Clubs that could not be resolved have no keys to probe.
    // Keyed by position, not by name: two clubs may share a name.
    gatherStripeClubs(gathered.clubsCause ? [] : clubs.map((c, i) => ({ name: String(i), keys: gathered.stripeKeys.get(c) ?? {} })), { apiBase: config.stripe?.apiBase, timeoutMs: config.stripe?.timeoutMs }),
    gatherShopFront(config.prestashop.url, { timeoutMs: config.prestashop.timeoutMs }),
    config.sendcloud ? gatherSendcloud(config, config.prestashop.url, { timeoutMs: config.sendcloud.timeoutMs }) : Promise.resolve(sendcloudNotConfigured()),
    // Creates one test coupon per run when an endpoint is configured (what the FAQ's test button does).
    gatherDynamicCoupons(config.dynamicCoupons, { timeoutMs: config.prestashop.timeoutMs }),
  ]);
  clubs.forEach((club, i) => Object.assign(club.parts, stripe.get(String(i))));
  const parts: PartMap = { ...gathered.parts, ...sendcloud, 'shop.front': front, 'prestashop.shop': { status: 'ok', data: { id: config.prestashop.shopId ?? 1 } } };
  if (coupons) parts['shop.dynamicCoupons'] = coupons;

  return {
    format: SNAPSHOT_FORMAT,
    schemaVersion: 1,
    generatedAt,
    // The URL as shown: its user info and secret query values (`ws_key=`, `token=`) masked.
    shop: { url: scrubUrl(config.prestashop.url) },
    sources: { prestashop: source, stripe: 'api', sendcloud: config.sendcloud ? 'api' : 'not configured', dynamicCoupons: config.dynamicCoupons ? 'api' : 'not configured' },
    parts,
    lookups: gathered.lookups,
    clubs,
  };
}
