// Gathers a snapshot from the live sources the configuration names, only the parts the selected
// checks need. PrestaShop (it lists the clubs and their keys) alongside the shop-wide upstreams, then
// the clubs to diagnose are chosen, then the per-club upstreams (Stripe) are asked for those clubs
// only: a run never calls Stripe for a club it does not report. A stopped run (deadline, Ctrl-C)
// keeps what it gathered and records the rest as failed with the reason.

import type { Config } from '../config/schema.js';
import type { ClubLike } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import { PART_SCHEMAS, type PartName } from '../engine/parts.js';
import { gatherProgress, type ClubRef, type GatherListener, type GatherProgress, type GatherSource } from '../engine/progress.js';
import { LOOKUP_PARTS, lookupKey, lookupPartFor, SNAPSHOT_FORMAT, type Lookups, type PartEnvelope, type PartMap, type Snapshot } from '../engine/snapshot.js';
import { stoppedCause } from '../engine/stop.js';
import type { Cause, Query, QueryKey } from '../engine/types.js';
import { scrubUrl } from '../secrets/scrub.js';
import { PrestaShopDatabase } from './prestashop/database.js';
import { gatherFromDatabase, type PrestaShopGathered } from './prestashop/gather-database.js';
import { gatherFromWebservice } from './prestashop/gather-webservice.js';
import { PrestaShopWebservice } from './prestashop/webservice.js';
import { gatherSendcloud, SENDCLOUD_PART_NAMES } from './sendcloud/index.js';
import { gatherDynamicCoupons } from './dynamic-coupons.js';
import { gatherShopFront } from './shop-front.js';
import { gatherStripeClubs, preloadStripeSdk } from './stripe/index.js';
import { withRunSignal } from './http.js';

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
  /** Progress events (part started / finished / failed, club done), for the spinner or the guided mode. */
  onProgress?: GatherListener;
  /**
   * The parts the selected checks need (registry `partsNeeded`); undefined gathers everything (a
   * snapshot). A source whose parts are all unneeded is not asked at all, and unneeded parts are
   * simply absent from the snapshot.
   */
  needs?: ReadonlySet<PartName>;
  /** `diagnose --test-coupon`: the only write a diagnosis may make (one SPREAD test coupon per run). */
  testCoupon?: boolean;
  /**
   * The run's signal (deadline, Ctrl-C): once aborted, requests in flight are cancelled and every
   * wanted part not yet gathered is `failed` with the reason; what was gathered is kept.
   */
  signal?: AbortSignal;
}

/** Whether a part is to be gathered: every part when no selection was given. */
export type Wants = (part: PartName) => boolean;
const wantsFrom = (needs: ReadonlySet<PartName> | undefined): Wants => (needs ? (part) => needs.has(part) : () => true);

async function gatherPrestaShop(config: Config, query: Query, wants: Wants, onParts: (parts: PartMap) => void): Promise<{ source: string; gathered: PrestaShopGathered }> {
  const ps = config.prestashop!;
  const shopId = ps.shopId ?? 1;
  if (ps.database) {
    const db = new PrestaShopDatabase(ps.database, { connectTimeoutMs: ps.timeoutMs, queryTimeoutMs: ps.timeoutMs });
    try {
      return { source: 'database', gathered: await gatherFromDatabase(db, { clubs: config.clubs, query, shopId, wants, onParts }) };
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
  return { source: 'webservice', gathered: await gatherFromWebservice(ws, { clubs: config.clubs, query, shopId, wants, onParts }) };
}

/** Every part a club would have, failed with the same cause (the clubs could not be listed). */
function failedClub(name: string, cause: Cause): { name: string; parts: PartMap } {
  const failed = { status: 'failed', cause } as const;
  const clubParts = (Object.keys(PART_SCHEMAS) as PartName[]).filter((part) => part.startsWith('club.'));
  return { name, parts: Object.fromEntries(clubParts.map((part) => [part, failed])) };
}

/** The work's value, or undefined as soon as the run is stopped (the work is abandoned). */
function untilStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** Which source delivers a part (for the cause of a part it had not delivered when the run stopped). */
function sourceOf(part: PartName, prestashop: 'database' | 'prestashop'): GatherSource {
  if (part === 'club.stripeKeyProbe' || part === 'club.stripeAccount') return 'stripe';
  if (part.startsWith('sendcloud.')) return 'sendcloud';
  if (part === 'shop.front') return 'shop-front';
  if (part === 'shop.dynamicCoupons') return 'dynamic-coupons';
  return prestashop;
}

/** Every wanted part a source delivers shop-wide (lookups only when asked): started with the source's requests. */
function partsOf(source: GatherSource, wants: Wants, query: Query, prestashop: 'database' | 'prestashop'): PartName[] {
  return (Object.keys(PART_SCHEMAS) as PartName[]).filter((part) => {
    if (!wants(part) || part.startsWith('club.') || sourceOf(part, prestashop) !== source) return false;
    const lookup = lookupPartFor(part);
    return lookup === undefined || query[lookup] !== undefined;
  });
}

/** Reports envelopes now known, each under the source that delivers its part. */
function settle(progress: GatherProgress, envelopes: PartMap, prestashop: 'database' | 'prestashop', club?: ClubRef): void {
  if (!progress.listening) return;
  for (const [part, envelope] of Object.entries(envelopes) as [PartName, PartEnvelope][]) {
    progress.settle(sourceOf(part, prestashop), { [part]: envelope }, club);
  }
}

/** A lookup's answers as parts (one question per key in a run). */
function lookupParts(lookups: Lookups): PartMap {
  const parts: PartMap = {};
  for (const [key, answers] of Object.entries(lookups) as [QueryKey, Record<string, PartEnvelope>][]) {
    const first = Object.values(answers)[0];
    if (first) parts[LOOKUP_PARTS[key]] = first;
  }
  return parts;
}

/** After a stop: every wanted part (shop-wide, per club, asked lookup) still missing is failed with the reason. */
function markStopped(reason: unknown, wants: Wants, query: Query, prestashop: 'database' | 'prestashop', parts: PartMap, lookups: Lookups, clubs: { parts: PartMap }[]): void {
  for (const part of Object.keys(PART_SCHEMAS) as PartName[]) {
    if (!wants(part)) continue;
    const failed = { status: 'failed', cause: stoppedCause(reason, sourceOf(part, prestashop)) } as const;
    const lookup = lookupPartFor(part);
    if (lookup) {
      const asked = query[lookup];
      if (asked === undefined) continue;
      const key = lookupKey(lookup, asked);
      if (!lookups[lookup]?.[key]) lookups[lookup] = { ...lookups[lookup], [key]: failed };
    } else if (part.startsWith('club.')) {
      for (const club of clubs) club.parts[part] ??= failed;
    } else parts[part] ??= failed;
  }
}

export function gatherSnapshot(options: GatherOptions): Promise<Snapshot> {
  // Every request started below, however deep, is bound to the run's signal.
  return options.signal ? withRunSignal(options.signal, () => gather(options)) : gather(options);
}

async function gather(options: GatherOptions): Promise<Snapshot> {
  const { config, query, signal } = options;
  if (!config.prestashop) throw new UsageError('No shop configured.', 'Set prestashop.url in the configuration (see README).');
  const generatedAt = new Date().toISOString();
  const wants = wantsFrom(options.needs);
  const within = <T>(work: Promise<T>) => untilStopped(work, signal);
  const none = Promise.resolve(undefined);
  const stripeParts = (['club.stripeKeyProbe', 'club.stripeAccount'] as const).filter(wants);
  // The Stripe SDK loads while PrestaShop is read, not when the first club's keys are known.
  if (stripeParts.length) preloadStripeSdk();
  const progress = gatherProgress(options.onProgress);
  const prestashopSource = config.prestashop.database ? 'database' : 'prestashop';
  const clubRef = (club: { name: string }, i: number): ClubRef => ({ key: String(i), name: club.name });

  // The shop front, Sendcloud and the coupon endpoint do not depend on the shop's data: asked at
  // once, each only when a selected check needs one of its parts.
  for (const source of ['shop-front', 'sendcloud', 'dynamic-coupons'] as const) progress.start(source, partsOf(source, wants, query, prestashopSource));
  const frontP = within(wants('shop.front') ? gatherShopFront(config.prestashop.url, { timeoutMs: config.prestashop.timeoutMs }) : none);
  const sendcloudP = within(
    !SENDCLOUD_PART_NAMES.some(wants)
      ? none
      : config.sendcloud
        ? gatherSendcloud(config, config.prestashop.url, { timeoutMs: config.sendcloud.timeoutMs })
        : Promise.resolve(sendcloudNotConfigured()),
  );
  // The test coupon is a write: created only when the run asks for it (--test-coupon), once per run.
  const couponsP = within(
    wants('shop.dynamicCoupons') ? gatherDynamicCoupons(config.dynamicCoupons, { timeoutMs: config.prestashop.timeoutMs, create: options.testCoupon === true }) : none,
  );
  // A stopped run still resolves these (as undefined): nothing is left rejecting unobserved.
  const shopWide = Promise.all([
    frontP.then((front) => (front && settle(progress, { 'shop.front': front }, prestashopSource), front)),
    sendcloudP.then((sendcloud) => (sendcloud && settle(progress, sendcloud, prestashopSource), sendcloud)),
    couponsP.then((coupons) => (coupons && settle(progress, { 'shop.dynamicCoupons': coupons }, prestashopSource), coupons)),
  ]);
  shopWide.catch(() => undefined);

  progress.start(prestashopSource, partsOf(prestashopSource, wants, query, prestashopSource));
  const ps = await within(gatherPrestaShop(config, query, wants, (parts) => settle(progress, parts, prestashopSource)));
  // The shop id is the configuration's: known with the shop's other parts.
  const shopPart: PartEnvelope = { status: 'ok', data: { id: config.prestashop.shopId ?? 1 } };
  if (ps) settle(progress, { ...ps.gathered.parts, ...lookupParts(ps.gathered.lookups), 'prestashop.shop': shopPart }, prestashopSource);
  const gathered: PrestaShopGathered = ps?.gathered ?? {
    parts: {},
    lookups: {},
    clubs: [],
    clubsCause: stoppedCause(signal?.reason, prestashopSource),
    stripeKeys: new Map(),
  };

  let clubs: { name: string; parts: PartMap }[];
  if (gathered.clubsCause) {
    clubs = options.fallbackNames.map((name) => failedClub(name, gathered.clubsCause!));
  } else {
    // The chooser's own entries, in its order (--all sorts by name): two clubs may share a name.
    clubs = options.choose(gathered.clubs);
  }
  // A club's PrestaShop parts come from the shop-wide reads: known as soon as its club is.
  clubs.forEach((club, i) => settle(progress, club.parts, prestashopSource, clubRef(club, i)));
  // Then the chosen clubs' Stripe accounts: a run never calls Stripe for a club it does not report.
  if (!gathered.clubsCause) clubs.forEach((club, i) => progress.start('stripe', stripeParts, clubRef(club, i)));
  const stripe = await within(
    stripeParts.length
      ? // Clubs that could not be resolved have no keys to probe. Keyed by position, not by name:
        // two clubs may share a name.
        gatherStripeClubs(gathered.clubsCause ? [] : clubs.map((c, i) => ({ name: String(i), keys: gathered.stripeKeys.get(c) ?? {} })), { apiBase: config.stripe?.apiBase, timeoutMs: config.stripe?.timeoutMs, maxNetworkRetries: config.stripe?.maxNetworkRetries })
      : none,
  );
  if (stripe) clubs.forEach((club, i) => Object.assign(club.parts, stripe.get(String(i))));
  if (!signal?.aborted) {
    clubs.forEach((club, i) => {
      settle(progress, club.parts, prestashopSource, clubRef(club, i));
      progress.clubDone(clubRef(club, i));
    });
  }
  const [front, sendcloud, coupons] = await shopWide;
  const parts: PartMap = { ...gathered.parts, ...sendcloud, 'prestashop.shop': shopPart };
  if (front) parts['shop.front'] = front;
  if (coupons) parts['shop.dynamicCoupons'] = coupons;
  if (signal?.aborted) markStopped(signal.reason, wants, query, prestashopSource, parts, gathered.lookups, clubs);
  // Whatever was not reported yet (a stopped run's failed parts): settled now, each once.
  settle(progress, { ...parts, ...lookupParts(gathered.lookups) }, prestashopSource);
  clubs.forEach((club, i) => {
    settle(progress, club.parts, prestashopSource, clubRef(club, i));
    progress.clubDone(clubRef(club, i));
  });

  return {
    format: SNAPSHOT_FORMAT,
    schemaVersion: 1,
    generatedAt,
    // The URL as shown: its user info and secret query values (`ws_key=`, `token=`) masked.
    shop: { url: scrubUrl(config.prestashop.url) },
    sources: { prestashop: ps?.source ?? (config.prestashop.database ? 'database' : 'webservice'), stripe: 'api', sendcloud: config.sendcloud ? 'api' : 'not configured', dynamicCoupons: config.dynamicCoupons ? 'api' : 'not configured' },
    parts,
    lookups: gathered.lookups,
    clubs,
  };
}
