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
import { LOOKUP_PARTS, lookupKey, lookupPartFor, SNAPSHOT_FORMAT, type ClubSnapshot, type Lookups, type PartEnvelope, type PartMap, type Snapshot } from '../engine/snapshot.js';
import { stoppedCause } from '../engine/stop.js';
import type { Cause, Query, QueryKey } from '../engine/types.js';
import { t } from '../engine/types.js';
import { scrubUrl } from '../secrets/scrub.js';
import { PrestaShopDatabase } from './prestashop/database.js';
import { gatherFromDatabase, type PrestaShopGathered } from './prestashop/gather-database.js';
import { CLUB_LIST_READS, webserviceFetchers, webserviceParts, WS_FETCHERS } from './prestashop/gather-webservice.js';
import { shopStripeKeys, type AssembledClubs, type ClubSpec } from './prestashop/clubs.js';
import { PrestaShopWebservice } from './prestashop/webservice.js';
import { gatherSendcloud, SENDCLOUD_PART_NAMES } from './sendcloud/index.js';
import { gatherDynamicCoupons } from './dynamic-coupons.js';
import { gatherShopFront } from './shop-front.js';
import { DEFAULT_STRIPE_POOL, StripeSession, stripeSdkReady, type ClubStripeKeys, type StripeParts } from './stripe/index.js';
import { withRunSignal } from './http.js';
import { dependencyBound, firstWave, runDataflow, type Fetcher, type Outcome } from './dataflow.js';

/** The keys are named as the support agent writes them in .checkout-doctorrc.json. */
const SENDCLOUD_NOT_CONFIGURED = t(
  'Sendcloud n’est pas configuré (`sendcloud.publicKey` et `sendcloud.secretKey`) : vérifiez ces points dans le panneau Sendcloud.',
  'Sendcloud is not configured (`sendcloud.publicKey` and `sendcloud.secretKey`): verify these points in the Sendcloud panel.',
);

/** Without a `sendcloud` section the account cannot be read: its checks become manual items. */
function sendcloudNotConfigured(): PartMap {
  return Object.fromEntries(SENDCLOUD_PART_NAMES.map((name) => [name, { status: 'unavailable', reason: SENDCLOUD_NOT_CONFIGURED }])) as PartMap;
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
  /**
   * The club list's webservice reads (CLUB_LIST_READS) are stored here as they succeed: a session
   * that lists the clubs before choosing one (the guided mode) keeps them for the diagnosis.
   */
  remember?: Map<string, unknown>;
  /** Reads of this session already made (what `remember` kept): used as they are, not asked again. */
  reuse?: ReadonlyMap<string, unknown>;
  /**
   * Told once per chosen club, as soon as the club is complete: its own parts settled and every
   * shop-wide part (and asked lookup) the run wants settled. `snapshot` holds those shop-wide parts
   * (its `clubs` is empty): what the checks read for this club is exactly what the final snapshot
   * will hold, so the club can be evaluated now, while other clubs' requests are in flight. Never
   * told for a club completed only by a stop (its missing parts failed with the reason), nor after
   * the run is stopped: those clubs are in the returned snapshot only.
   */
  onClubReady?: (club: ClubSnapshot, index: number, snapshot: Snapshot) => void;
}

/** Whether a part is to be gathered: every part when no selection was given. */
export type Wants = (part: PartName) => boolean;
const wantsFrom = (needs: ReadonlySet<PartName> | undefined): Wants => (needs ? (part) => needs.has(part) : () => true);

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

/** The fetchers of the run's gathering (below) that are not the webservice's own. */
export const GATHER_FETCHERS = {
  database: 'prestashop.database',
  clubs: WS_FETCHERS.clubs,
  chosen: 'clubs.chosen',
  stripe: 'stripe.clubs',
  stripeEarly: 'stripe.configured-keys',
  stripeShopKeys: 'stripe.shop-keys',
  front: 'shop.front',
  sendcloud: 'sendcloud',
  coupons: 'dynamic-coupons',
} as const;
const G = GATHER_FETCHERS;

/** A chosen club, with the keys the Stripe source probes for it (never written anywhere). */
interface ChosenClub {
  name: string;
  parts: PartMap;
  keys?: ClubStripeKeys;
}

/**
 * The configured clubs the run will report, chosen by name before any request (the configured club
 * list is the shop's club list: DESIGN.md §5), or undefined when that needs the shop (no configured
 * clubs, or a `#<group id>` the configuration does not give).
 */
function chooseEarly(config: Config, choose: GatherOptions['choose']): ClubSpec[] | undefined {
  const specs = config.clubs;
  if (!specs?.length) return undefined;
  try {
    return choose(specs.map((spec) => ({ name: spec.name, groupId: spec.group ?? null, spec }))).map((c) => c.spec);
  } catch {
    return undefined;
  }
}

/** Clubs whose Stripe probes are started together (3 requests each: enough to fill the pool twice). */
const EARLY_SLICE = Math.ceil((2 * DEFAULT_STRIPE_POOL) / 3);

const hasConfiguredKeys = (spec: ClubSpec) => spec.stripe?.publishableKey !== undefined || spec.stripe?.secretKey !== undefined;

export interface GatherPlan {
  fetchers: Fetcher[];
  /** Which source delivers the database or the webservice parts. */
  prestashopSource: 'database' | 'prestashop';
  /** Per-source request pools, sized from the fetchers' declarations. */
  pools: { prestashop: number; stripe: number };
  /** The parts each fetcher yields when it settles (shop-wide). */
  partsOf(id: string, outcome: Outcome): { parts: PartMap; lookups?: Lookups };
  /** The configured clubs chosen before any request (chooseEarly), when they could be. */
  early?: ClubSpec[];
  /** Ends the Stripe session (kept-alive connections) once the run is over. */
  close(): void;
}

/**
 * The webservice's requests in flight: enough for the first wave of independent reads to fit in the
 * run's critical path (a 4-slot queue made 3 waves of 9 reads), never fewer than 4, never more than 8.
 */
function webservicePool(fetchers: readonly Fetcher[]): number {
  const bound = Math.max(1, dependencyBound(fetchers).rounds);
  return Math.min(8, Math.max(4, Math.ceil(firstWave(fetchers, 'prestashop') / bound)));
}

/**
 * What the run fetches, as a dataflow (dataflow.ts): each fetcher declares what it needs and starts
 * as soon as that is known. No request is sent until the plan is run.
 */
export function planGathering(
  options: Pick<GatherOptions, 'config' | 'query' | 'choose' | 'fallbackNames' | 'needs' | 'testCoupon'> & {
    onParts?: (parts: PartMap) => void;
    /** A chosen club's Stripe parts, as soon as they are known (by its index among the chosen clubs). */
    onClubStripe?: (index: number, parts: StripeParts) => void;
  },
): GatherPlan {
  const { config, query } = options;
  const ps = config.prestashop!;
  const wants = wantsFrom(options.needs);
  const shopId = ps.shopId ?? 1;
  const prestashopSource = ps.database ? 'database' : 'prestashop';
  const stripeWanted = (['club.stripeKeyProbe', 'club.stripeAccount'] as const).some(wants);
  const early = chooseEarly(config, options.choose);
  const input = { clubs: config.clubs, query, shopId, wants, onParts: options.onParts };

  // One Stripe session for the run, created at its first use: one SDK client, one request pool, and
  // each request made once whatever asks for it (a speculative start, then the chosen clubs).
  let session: StripeSession | undefined;
  const stripe = () => (session ??= new StripeSession({ apiBase: config.stripe?.apiBase, timeoutMs: config.stripe?.timeoutMs, maxNetworkRetries: config.stripe?.maxNetworkRetries }));

  const fetchers: Fetcher[] = [];
  let database: PrestaShopDatabase | undefined;
  let ws: PrestaShopWebservice | undefined;
  if (ps.database) {
    fetchers.push(
      {
        id: G.database,
        source: 'database',
        rounds: 1,
        run: async () => {
          database = new PrestaShopDatabase(ps.database!, { connectTimeoutMs: ps.timeoutMs, queryTimeoutMs: ps.timeoutMs });
          try {
            return await gatherFromDatabase(database, input);
          } finally {
            await database.close();
          }
        },
      },
      {
        id: G.clubs,
        needs: [G.database],
        run: async (context) => {
          const gathered = await context.get<PrestaShopGathered>(G.database);
          return { clubs: gathered.clubs, stripeKeys: gathered.stripeKeys, clubsCause: gathered.clubsCause } satisfies AssembledClubs;
        },
      },
    );
  } else {
    ws = new PrestaShopWebservice({ url: ps.url, key: ps.webserviceKey!, shopId: ps.shopId, timeoutMs: ps.timeoutMs });
    fetchers.push(...webserviceFetchers(ws, input));
  }

  // The clubs to report, once the shop's clubs are known.
  fetchers.push({
    id: G.chosen,
    needs: [G.clubs],
    tolerant: true,
    run: async (context): Promise<ChosenClub[]> => {
      const listed = await context.outcome<AssembledClubs>(G.clubs);
      const clubsCause = listed.ok ? listed.value.clubsCause : unexpectedCause(listed.error, prestashopSource);
      if (clubsCause || !listed.ok) return options.fallbackNames.map((name) => failedClub(name, clubsCause!));
      // The chooser's own entries, in its order (--all sorts by name): two clubs may share a name.
      // Their parts are copied: the Stripe parts added later must not reach a club list kept for reuse.
      return options.choose(listed.value.clubs).map((club) => ({ ...club, parts: { ...club.parts }, keys: listed.value.stripeKeys.get(club) ?? {} }));
    },
  });

  if (stripeWanted) {
    // The chosen clubs' Stripe accounts: a run never calls Stripe for a club it does not report. When
    // every chosen club's keys come from the configuration, their requests are already on the wire.
    const startedEarly = early !== undefined && early.every(hasConfiguredKeys);
    fetchers.push({
      id: G.stripe,
      source: 'stripe',
      needs: [G.chosen],
      rounds: startedEarly ? 0 : 1,
      run: async (context) => {
        const chosen = await context.get<ChosenClub[]>(G.chosen);
        // Each club's parts are told as they come: that club can be evaluated before the others answer.
        const club = (keys: ClubStripeKeys, i: number) =>
          stripe()
            .gatherClub(keys)
            .then((parts) => {
              options.onClubStripe?.(i, parts);
              return parts;
            });
        return Promise.all(chosen.map((c, i) => (c.keys ? club(c.keys, i) : undefined)));
      },
    });
    // Speculation, read-only and cheap (GET /v1/account, /v1/charges?limit=1): the keys given in the
    // configuration for the clubs already chosen are probed at once, before the shop answers.
    const configured = early?.filter(hasConfiguredKeys) ?? [];
    if (configured.length) {
      fetchers.push({
        id: G.stripeEarly,
        source: 'stripe',
        rounds: 1,
        requests: configured.length * 3,
        run: async () => {
          // A slice of clubs at a time, the event loop let run between slices: the first clubs'
          // requests are on the wire while the next are prepared (500 clubs took a quarter of a
          // second of set-up before any request could leave). The order, the pool's, is kept.
          const probes: Promise<unknown>[] = [];
          for (let from = 0; from < configured.length; from += EARLY_SLICE) {
            if (from > 0) await new Promise((resolve) => setImmediate(resolve));
            for (const spec of configured.slice(from, from + EARLY_SLICE)) probes.push(stripe().gatherClub({ publishableKey: spec.stripe?.publishableKey, secretKey: spec.stripe?.secretKey }));
          }
          await Promise.all(probes);
        },
      });
    }
    // The shop's own keys (Stripe module configuration), which every club without configured keys
    // uses: probed as soon as the configuration read yields them, not after every other read.
    if (ws && (early === undefined || early.some((spec) => !hasConfiguredKeys(spec)))) {
      fetchers.push({
        id: G.stripeShopKeys,
        source: 'stripe',
        needs: [WS_FETCHERS.configuration],
        rounds: 1,
        run: async (context) => {
          const keys = shopStripeKeys(await context.get<Map<string, string | null>>(WS_FETCHERS.configuration));
          if (keys.publishableKey !== null || keys.secretKey !== null) await stripe().gatherClub(keys);
        },
      });
    }
  }

  // The shop front, Sendcloud and the coupon endpoint do not depend on the shop's data: asked at
  // once, each only when a selected check needs one of its parts.
  if (wants('shop.front')) fetchers.push({ id: G.front, source: 'shop-front', rounds: 1, run: () => gatherShopFront(ps.url, { timeoutMs: ps.timeoutMs }) });
  if (SENDCLOUD_PART_NAMES.some(wants)) {
    fetchers.push({
      id: G.sendcloud,
      source: 'sendcloud',
      // The integrations, then the shop's integration's logs.
      rounds: config.sendcloud ? 2 : 0,
      requests: SENDCLOUD_PART_NAMES.length - 1,
      run: () => (config.sendcloud ? gatherSendcloud(config, ps.url, { timeoutMs: config.sendcloud.timeoutMs }) : sendcloudNotConfigured()),
    });
  }
  // The test coupon is a write: created only when the run asks for it (--test-coupon), once per run.
  if (wants('shop.dynamicCoupons')) {
    fetchers.push({
      id: G.coupons,
      source: 'dynamic-coupons',
      rounds: config.dynamicCoupons ? 1 : 0,
      run: () => gatherDynamicCoupons(config.dynamicCoupons, { timeoutMs: ps.timeoutMs, create: options.testCoupon === true }),
    });
  }

  const pools = { prestashop: webservicePool(fetchers), stripe: DEFAULT_STRIPE_POOL };
  ws?.resize(pools.prestashop);
  return {
    fetchers,
    prestashopSource,
    pools,
    ...(early ? { early } : {}),
    partsOf(id, outcome) {
      if (id === G.front || id === G.coupons) {
        const part = id === G.front ? 'shop.front' : 'shop.dynamicCoupons';
        return { parts: { [part]: outcome.ok ? (outcome.value as PartEnvelope) : { status: 'failed', cause: unexpectedCause(outcome.error, sourceOf(part, prestashopSource)) } } };
      }
      if (id === G.sendcloud) return { parts: outcome.ok ? (outcome.value as PartMap) : allFailed(SENDCLOUD_PART_NAMES, unexpectedCause(outcome.error, 'sendcloud')) };
      if (id === G.database) {
        if (!outcome.ok) return { parts: {} };
        const gathered = outcome.value as PrestaShopGathered;
        return { parts: gathered.parts, lookups: gathered.lookups };
      }
      if (id === WS_FETCHERS.lookups) return { parts: {}, lookups: outcome.ok ? (outcome.value as Lookups) : {} };
      return { parts: webserviceParts(id, outcome) };
    },
    close: () => session?.close(),
  };
}

/** A fetcher that threw (a defect, not an upstream failure: sources turn those into envelopes). */
function unexpectedCause(error: unknown, source: Cause['source']): Cause {
  return { source, kind: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

function allFailed(names: readonly PartName[], cause: Cause): PartMap {
  return Object.fromEntries(names.map((name) => [name, { status: 'failed', cause }])) as PartMap;
}

/** Parts in the schema's order, whatever order they were settled in (a stable snapshot). */
function canonical(parts: PartMap): PartMap {
  const out: PartMap = {};
  for (const name of Object.keys(PART_SCHEMAS) as PartName[]) if (parts[name]) out[name] = parts[name];
  return out;
}

/** Configurations a gathering cannot start from (the configuration's keys are the reader's: they wrote them). */
const GATHER_ERRORS = {
  noShop: t('Aucune boutique configurée.', 'No shop configured.'),
  noShopHint: t('Donnez l’adresse de la boutique dans la configuration (`prestashop.url`, voir le README).', 'Set prestashop.url in the configuration (see README).'),
  noAccess: t(
    'Aucun moyen de lire la boutique : la configuration n’a ni clé de webservice (`prestashop.webserviceKey`) ni base de données (`prestashop.database`).',
    'No way to read the shop: prestashop has neither webserviceKey nor database.',
  ),
  noAccessHint: t(
    'Donnez `prestashop.webserviceKey` (par exemple "env:PS_WEBSERVICE_KEY"), ou `prestashop.database` pour un accès SQL en lecture seule.',
    'Set prestashop.webserviceKey (e.g. "env:PS_WEBSERVICE_KEY"), or prestashop.database for read-only SQL access.',
  ),
};

async function gather(options: GatherOptions): Promise<Snapshot> {
  const { config, query, signal } = options;
  if (!config.prestashop) throw new UsageError(GATHER_ERRORS.noShop, GATHER_ERRORS.noShopHint);
  if (!config.prestashop.database && !config.prestashop.webserviceKey) throw new UsageError(GATHER_ERRORS.noAccess, GATHER_ERRORS.noAccessHint);
  const generatedAt = new Date().toISOString();
  const wants = wantsFrom(options.needs);
  const within = <T>(work: Promise<T>) => untilStopped(work, signal);
  const stripeParts = (['club.stripeKeyProbe', 'club.stripeAccount'] as const).filter(wants);
  // The Stripe SDK starts loading before anything else: its import is CPU-bound, and begun once the
  // shop's reads are on the wire it held the first Stripe request back behind their answers.
  if (stripeParts.length) void stripeSdkReady();
  const progress = gatherProgress(options.onProgress);
  const prestashopSource = config.prestashop.database ? 'database' : 'prestashop';
  // Each chosen club's Stripe parts as they come, and whether the club was told complete (onClubReady).
  const stripeByClub: (StripeParts | undefined)[] = [];
  const stripeSettled: boolean[] = [];
  const onClubStripe = (i: number, found: StripeParts) => {
    stripeByClub[i] = found;
    stripeSettled[i] = true;
    if (!signal?.aborted) tellReady(i);
  };
  // The database source tells its shop-wide parts as they come (the webservice's fetchers settle one by one).
  const plan = planGathering({ ...options, onParts: (parts) => settle(progress, parts, prestashopSource), onClubStripe });
  // Configured keys are probed at once (speculation): their requests leave with the shop's first
  // wave, the SDK ready. Keys that come from the shop wait for its answer, which hides the import.
  if (plan.fetchers.some((f) => f.id === G.stripeEarly)) await within(stripeSdkReady());
  const clubRef = (club: { name: string }, i: number): ClubRef => ({ key: String(i), name: club.name });
  const snapshotHead = (): Omit<Snapshot, 'parts' | 'lookups' | 'clubs'> => ({
    format: SNAPSHOT_FORMAT,
    schemaVersion: 1,
    generatedAt,
    // The URL as shown: its user info and secret query values (`ws_key=`, `token=`) masked.
    shop: { url: scrubUrl(config.prestashop!.url) },
    sources: { prestashop: config.prestashop!.database ? 'database' : 'webservice', stripe: 'api', sendcloud: config.sendcloud ? 'api' : 'not configured', dynamicCoupons: config.dynamicCoupons ? 'api' : 'not configured' },
  });
  // The shop id is the configuration's: known before any request.
  const shopPart: PartEnvelope = { status: 'ok', data: { id: config.prestashop.shopId ?? 1 } };

  for (const source of ['shop-front', 'sendcloud', 'dynamic-coupons', prestashopSource] as const) progress.start(source, partsOf(source, wants, query, prestashopSource));
  settle(progress, { 'prestashop.shop': shopPart }, prestashopSource);

  let psParts: PartMap = {};
  let otherParts: PartMap = {};
  let lookups: Lookups = {};
  let clubs: ChosenClub[] = [];
  let clubsChosen = false;

  // A club is complete once its Stripe parts are in (its PrestaShop parts come with the club list,
  // whole: a part absent there, e.g. the category access of a club without a category, stays absent)
  // and every fetcher of shop-wide parts and lookups has settled (a part none of them gave, e.g. the
  // coupon endpoint's when it is not configured, stays absent): then its checks read exactly what
  // the final snapshot will hold, and it is told at once (onClubReady, club-done) instead of at the
  // very end. A stop adds nothing to what was complete before it.
  const shopWideFetchers = plan.fetchers.map((f) => f.id).filter((id) => !([G.chosen, G.stripe, G.stripeEarly, G.stripeShopKeys] as string[]).includes(id));
  const settledFetchers = new Set<string>();
  const told = new Set<number>();
  let shopWide: Snapshot | undefined;
  /** The shop-wide part of the snapshot, once all of it is settled (made once: it no longer changes). */
  const shopWideSnapshot = (): Snapshot | undefined => {
    if (!shopWide && shopWideFetchers.every((id) => settledFetchers.has(id))) {
      shopWide = { ...snapshotHead(), parts: canonical({ ...psParts, ...otherParts, 'prestashop.shop': shopPart }), lookups: { ...lookups }, clubs: [] };
    }
    return shopWide;
  };
  function tellReady(i: number): void {
    const club = clubs[i];
    if (!clubsChosen || !club || told.has(i) || !(stripeSettled[i] ?? false)) return;
    const snapshot = shopWideSnapshot();
    if (!snapshot) return;
    Object.assign(club.parts, stripeByClub[i]);
    told.add(i);
    settle(progress, club.parts, prestashopSource, clubRef(club, i));
    progress.clubDone(clubRef(club, i));
    options.onClubReady?.({ name: club.name, parts: canonical(club.parts) }, i, snapshot);
  }
  const tellAllReady = () => clubs.forEach((_, i) => tellReady(i));
  // Only the webservice's club-list reads are kept or reused: the database source reads everything
  // in one go, shaped by the checks asked.
  const keeps = prestashopSource === 'prestashop' ? CLUB_LIST_READS : [];
  const reused = (f: Fetcher): Fetcher => {
    const value = options.reuse?.get(f.id);
    return keeps.includes(f.id) && options.reuse?.has(f.id) ? { id: f.id, run: () => value } : f;
  };
  const flow = runDataflow(plan.fetchers.map(reused), {
    onSettle: (id, outcome) => {
      if (signal?.aborted) return;
      settledFetchers.add(id);
      if (outcome.ok && keeps.includes(id)) options.remember?.set(id, outcome.value);
      if (id === G.chosen) {
        if (!outcome.ok) return;
        clubs = outcome.value as ChosenClub[];
        clubsChosen = true;
        // A club's PrestaShop parts come from the shop-wide reads: known as soon as its club is.
        clubs.forEach((club, i) => {
          settle(progress, club.parts, prestashopSource, clubRef(club, i));
          if (club.keys && stripeParts.length) progress.start('stripe', stripeParts, clubRef(club, i));
          // A club without Stripe requests (no keys, Stripe parts not wanted) waits for nothing of its own.
          if (!club.keys || !stripeParts.length) stripeSettled[i] = true;
        });
        tellAllReady();
        return;
      }
      // Each club's Stripe parts were taken as they came (onClubStripe).
      if (id === G.stripe) return;
      const { parts, lookups: found } = plan.partsOf(id, outcome);
      if (id === G.sendcloud || id === G.front || id === G.coupons) Object.assign(otherParts, parts);
      else Object.assign(psParts, parts);
      if (found) lookups = { ...lookups, ...found };
      settle(progress, { ...parts, ...(found ? lookupParts(found) : {}) }, prestashopSource);
      // The last shop-wide read completes the clubs whose Stripe parts were already in.
      if (!shopWide && shopWideSnapshot() && clubsChosen) tellAllReady();
    },
  });
  try {
    // A club the shop does not have is a usage error, said as soon as the club list is known.
    const chosen = await within(flow.outcome(G.chosen));
    if (chosen && !chosen.ok) throw chosen.error;
    await within(flow.done);
  } finally {
    plan.close();
  }
  // Stopped before the shop listed its clubs: the configured clubs already chosen are reported (each
  // part failed with the reason, below), else the names asked for.
  if (!clubsChosen) {
    clubs = plan.early
      ? plan.early.map((spec) => ({ name: spec.name, parts: {} }))
      : options.fallbackNames.map((name) => failedClub(name, stoppedCause(signal?.reason, prestashopSource)));
  }
  clubs.forEach((club, i) => Object.assign(club.parts, stripeByClub[i]));
  const parts: PartMap = { ...psParts, ...otherParts, 'prestashop.shop': shopPart };
  const snapshotClubs = clubs.map((club) => ({ name: club.name, parts: club.parts }));
  if (signal?.aborted) {
    const open = snapshotClubs.filter((_, i) => !told.has(i));
    // Once every shop-wide read had settled, what it lacks was never coming: nothing is marked stopped there.
    if (shopWide) markStopped(signal.reason, (part) => wants(part) && part.startsWith('club.'), query, prestashopSource, parts, lookups, open);
    else markStopped(signal.reason, wants, query, prestashopSource, parts, lookups, open);
  }
  // Whatever was not reported yet (a stopped run's failed parts): settled now, each once.
  settle(progress, { ...parts, ...lookupParts(lookups) }, prestashopSource);
  snapshotClubs.forEach((club, i) => {
    settle(progress, club.parts, prestashopSource, clubRef(club, i));
    progress.clubDone(clubRef(club, i));
  });

  return {
    ...snapshotHead(),
    parts: canonical(parts),
    lookups,
    clubs: snapshotClubs.map((club) => ({ name: club.name, parts: canonical(club.parts) })),
  };
}
