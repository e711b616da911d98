// The Stripe source: live, read-only probes of a club's keys and its account, through the official
// SDK (api-notes/stripe.md). Produces two per-club parts:
//   club.stripeKeyProbe  what Stripe said about the secret key (GET /v1/account) and the
//                        publishable key (the same secret-only read must answer secret_key_required)
//   club.stripeAccount   the account (GET /v1/account) and its last activity (newest charge, then
//                        newest payment intent when charges show nothing)
//
// Rules: a key whose format is already broken (newline, invisible or quote characters, spaces) is
// never sent — the SDK would report a trailing newline as a *connection* error — and is reported as
// a format problem. Nothing is ever created (no POST /v1/tokens). Each request is made at most once
// per session, whatever the number of clubs sharing a key. One club's failure or slowness never
// blocks another: each club has its own deadline, and nothing here throws.
//
// Speed (issue 9): the work is bounded by requests, not clubs. One SDK client serves every key (the
// key goes with each request), one pool bounds the requests in flight for all clubs, and a 429
// holds back only the requests of the key that got it (the pool slot is given back while waiting).

import * as http from 'node:http';
import * as https from 'node:https';
import pLimit from 'p-limit';
import type StripeSdk from 'stripe';
import type { PartEnvelope } from '../../engine/snapshot.js';
import type {
  StripeAccount,
  StripeActivityRead,
  StripeKeyProbe,
  StripePublishableProbe,
  StripeRequirements,
  StripeSecretProbe,
} from '../../engine/parts.js';
import { t, type Cause, type Text } from '../../engine/types.js';
import { withStockStripePath } from '../../engine/back-office.js';
import { redactor } from '../../secrets/redact.js';
import { describeContamination, describeKey, describeKeyKind, type KeyFacts } from '../../secrets/stripe-key.js';
import { currentRunSignal, DEFAULT_MAX_BODY_BYTES } from '../http.js';
import { importModule } from '../../engine/import-module.js';
import { requestLog as sharedRequestLog, type RequestLog } from '../request-log.js';
import { causeOf, classifyStripeError, makeMasker, type Classified } from './errors.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  saveAndRerun: t('Enregistrez, puis relancez le diagnostic.', 'Save, then run the diagnosis again.'),
  noSecretKey: t('le club n’a pas de clé secrète Stripe', 'the club has no Stripe secret key'),
  enterSecretKey: t('Renseignez la clé secrète du club.', "Enter the club's secret key."),
  contaminated: (facts: KeyFacts, broken: string[]) => t(
    `la clé secrète ${facts.masked} contient des caractères parasites (${describeContamination(broken, 'fr')}) : elle n’a pas été envoyée à Stripe`,
    `the secret key ${facts.masked} contains stray characters (${describeContamination(broken, 'en')}), so it was not sent to Stripe`,
  ),
  reenterClean: t('Ressaisissez la clé secrète sans espace, retour à la ligne ni guillemet.', 'Re-enter the secret key without spaces, line breaks or quotes.'),
  wrongKind: (facts: KeyFacts) => t(
    `le champ de la clé secrète contient ${describeKeyKind(facts.kind, 'fr')} (${facts.masked}) : elle n’a pas été envoyée`,
    `the secret key field holds ${describeKeyKind(facts.kind, 'en')} (${facts.masked}), so it was not sent`,
  ),
  pasteSecretKey: t('Collez la clé secrète (sk_…) dans le champ de la clé secrète.', 'Paste the secret key (sk_…) in the secret key field.'),
  reenterActiveKey: t('Ressaisissez une clé secrète active de ce compte Stripe (Stripe : Développeurs > Clés API).', 'Re-enter an active secret key of this Stripe account (Stripe: Developers > API keys).'),
  grantAccountRead: (c: { permission: string | null }) => t(
    `Utilisez la clé secrète standard (sk_…), ou donnez à la clé restreinte la permission de lecture du compte${c.permission ? ` (${c.permission})` : ''} dans Stripe : Développeurs > Clés API.`,
    `Use the standard secret key (sk_…), or grant the restricted key the account read permission${c.permission ? ` (${c.permission})` : ''} in Stripe: Developers > API keys.`,
  ),
};

export interface StripeSourceConfig {
  /** `stripe.apiBase` from the configuration, e.g. `http://127.0.0.1:4242`; default `https://api.stripe.com`. */
  apiBase?: string;
  /** Per request (SDK `timeout`), default 15 s. */
  timeoutMs?: number;
  /** SDK retries of connection errors, 409 and 5xx (SDK `maxNetworkRetries`), default 1. */
  maxNetworkRetries?: number;
  /** Our retries of 429 answers, honouring `Retry-After`, default 2. */
  rateLimitRetries?: number;
  /** A `Retry-After` longer than this is not waited for (the probe reports rate-limited), default 10 s. */
  maxRetryAfterMs?: number;
  /** Base delay of the 429 backoff when there is no `Retry-After`, default 500 ms. */
  retryBaseMs?: number;
  /** Everything for one club must finish within this, default 60 s. */
  clubTimeoutMs?: number;
  /** Requests in flight at once, shared by every club of the session, default 24. */
  concurrency?: number;
  /** Where each request is recorded (method and path, key masked); default the run's shared log. */
  requestLog?: RequestLog;
}

export interface ClubStripeKeys {
  publishableKey?: string | null | undefined;
  secretKey?: string | null | undefined;
}

export interface StripeParts {
  'club.stripeKeyProbe': PartEnvelope;
  'club.stripeAccount': PartEnvelope;
}

type StripeCtor = typeof StripeSdk;
type Result<T> = { ok: true; value: T } | { ok: false; error: Classified };

let sdk: Promise<StripeCtor> | undefined;
/**
 * The SDK is imported once, when a session starts (not at the first request, which would then pay
 * for it), and never by runs that do not ask Stripe (its import writes on stderr under some envs).
 */
function loadSdk(): Promise<StripeCtor> {
  sdk ??= importModule<{ default: StripeCtor }>('stripe').then((m) => m.default);
  return sdk;
}

/**
 * Starts importing the SDK, and resolves once it is imported (or failed to: the first read says
 * why); never rejects, so a run that only wants the import started need not wait. A run whose first
 * Stripe requests need nothing from the shop waits for it before sending its first request, so that
 * the import, CPU-bound, does not hold those requests back behind the shop's answers.
 */
export function stripeSdkReady(): Promise<void> {
  return loadSdk().then(
    () => undefined,
    () => undefined,
  );
}

let clientsCreated = 0;
/** How many SDK clients this process has built (a test seam: one per session, whatever the keys). */
export function stripeClientsCreated(): number {
  return clientsCreated;
}

/** Default number of Stripe requests in flight (Stripe allows far more per account; this is ours). */
export const DEFAULT_STRIPE_POOL = 24;

export interface Endpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  /** `host[:port]` for Causes. */
  display: string;
}

/** Maps `stripe.apiBase` onto the SDK's host/port/protocol (a path in the URL is ignored: the SDK has none). */
export function endpointOf(apiBase: string | undefined): Endpoint {
  const url = new URL(apiBase ?? 'https://api.stripe.com');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { host, port, protocol, display: url.host };
}

/** Contamination that changes what would be sent (anything but an unexpected printable character). */
function breakingContamination(facts: KeyFacts): string[] {
  return [...new Set(facts.contamination.map((c) => c.kind).filter((k) => k !== 'unexpected-character'))];
}

// The FAQ's menus are the club platform's; the stock PrestaShop path follows (src/engine/back-office.ts).
const KEYS_PATH = withStockStripePath(
  t(
    'Dans le back-office de la plateforme club : « Mettre à jour ma boutique club » > « Mettre à jour mon club » > « Paramétrage du compte Stripe ».',
    'In the club platform\'s back office: "Mettre à jour ma boutique club" > "Mettre à jour mon club" > "Paramétrage du compte Stripe".',
  ),
);

function keyFix(what: Text): Text[] {
  return [what, KEYS_PATH, MESSAGES.saveAndRerun];
}

/** A club's deadline: unset (Infinity) until its first request is sent, then `clubTimeoutMs` later. */
interface ClubClock {
  deadline: number;
  /** Called when one of the club's requests is sent (or one it shares with another club was). */
  started(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class StripeSession {
  private readonly endpoint: Endpoint;
  private readonly agent: http.Agent;
  private sdkClient: Promise<StripeSdk> | undefined;
  private readonly pool: ReturnType<typeof pLimit>;
  /** Per key: no request before this time (set by a 429's Retry-After or our backoff). */
  private readonly heldUntil = new Map<string, number>();
  private readonly cache = new Map<string, Promise<Result<unknown>>>();
  /** Per club's keys: its parts, probed once per session. */
  private readonly clubs = new Map<string, Promise<StripeParts>>();
  /** Per cached read: settles when it is first sent (it took a slot of the pool). */
  private readonly onWire = new Map<string, Promise<void>>();
  /** How each key is named in the request log (masked, fingerprint): described once per key, not per request. */
  private readonly logNames = new Map<string, string>();
  private readonly options: Required<Omit<StripeSourceConfig, 'apiBase' | 'requestLog'>>;
  private readonly log: RequestLog;
  private closed = false;

  constructor(config: StripeSourceConfig = {}) {
    this.endpoint = endpointOf(config.apiBase);
    this.log = config.requestLog ?? sharedRequestLog;
    this.agent = this.endpoint.protocol === 'http' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
    // The run's end (deadline, Ctrl-C) closes the session: requests in flight fail at once.
    currentRunSignal()?.addEventListener('abort', () => this.close(), { once: true });
    this.options = {
      timeoutMs: config.timeoutMs ?? 15_000,
      maxNetworkRetries: config.maxNetworkRetries ?? 1,
      rateLimitRetries: config.rateLimitRetries ?? 2,
      maxRetryAfterMs: config.maxRetryAfterMs ?? 10_000,
      retryBaseMs: config.retryBaseMs ?? 500,
      clubTimeoutMs: config.clubTimeoutMs ?? 60_000,
      concurrency: config.concurrency ?? DEFAULT_STRIPE_POOL,
    };
    this.pool = pLimit(Math.max(1, this.options.concurrency));
    // Start importing the SDK now, while the first clubs are prepared; a failure shows on the first read.
    void stripeSdkReady();
  }

  get host(): string {
    return this.endpoint.display;
  }

  /** Ends kept-alive connections; pending requests fail (their clubs already have an answer or a timeout). */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  /** The session's one SDK client; each request brings its own key (`apiKey` request option). */
  private client(): Promise<StripeSdk> {
    let client = this.sdkClient;
    if (!client) {
      client = loadSdk().then((Stripe) => {
        // The SDK's Node client on our agent, refusing new requests once the session is closed: the
        // SDK retries a reset connection even with 0 retries, which must not outlive the run.
        const base = Stripe.createNodeHttpClient(this.agent);
        const httpClient = Object.create(base) as typeof base;
        httpClient.makeRequest = async (...args: Parameters<typeof base.makeRequest>) => {
          if (this.closed) throw Object.assign(new Error('the Stripe session is closed'), { code: 'ECANCELED' });
          const startedAt = Date.now();
          const response = await base.makeRequest(...args);
          // A `Stripe-Notice` header makes the SDK call process.emitWarning, which would print on the
          // CLI's stderr (and cannot be silenced when an AI-agent variable is set): drop it.
          const headers = response.getHeaders() as Record<string, unknown>;
          if ('stripe-notice' in headers) delete headers['stripe-notice'];
          // Bounded like every other request (src/sources/http.ts): a huge or endless body is cut,
          // not buffered, and the whole request, body included, gets `timeoutMs` (the SDK's own
          // timeout is an idle timeout, which a slow trickle never triggers). The SDK's reader then
          // fails like a dropped connection. Counting starts with that reader, so no chunk is missed.
          const toJSON = response.toJSON.bind(response);
          response.toJSON = () => {
            const raw = response.getRawResponse() as http.IncomingMessage;
            let size = 0;
            const timer = setTimeout(() => raw.destroy(new Error(`Stripe did not send its whole answer within ${this.options.timeoutMs} ms`)), Math.max(0, this.options.timeoutMs - (Date.now() - startedAt)));
            raw.once('close', () => clearTimeout(timer));
            raw.on('data', (chunk: Buffer | string) => {
              size += chunk.length;
              if (size > DEFAULT_MAX_BODY_BYTES) raw.destroy(new Error(`Stripe sent a body larger than ${DEFAULT_MAX_BODY_BYTES / 1024 / 1024} MiB`));
            });
            return toJSON();
          };
          return response;
        };
        clientsCreated++;
        // No key of its own: a request without a per-request key fails here instead of being sent.
        return new Stripe('', {
          authenticator: () => Promise.reject(new Error('no Stripe key given for this request')),
          apiVersion: Stripe.API_VERSION,
          host: this.endpoint.host,
          port: this.endpoint.port,
          protocol: this.endpoint.protocol,
          timeout: this.options.timeoutMs,
          maxNetworkRetries: this.options.maxNetworkRetries,
          httpClient,
          telemetry: false,
          appInfo: { name: 'checkout-doctor' },
        });
      });
      this.sdkClient = client;
    }
    return client;
  }

  /** Waits until `key` is no longer held back by a 429 (other keys are not concerned). */
  private async heldBack(key: string): Promise<void> {
    for (let until = this.heldUntil.get(key) ?? 0; until > Date.now() && !this.closed; until = this.heldUntil.get(key) ?? 0) await sleep(until - Date.now());
  }

  private holdBack(key: string, ms: number): void {
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, Date.now() + ms));
  }

  /**
   * One read (`path` with its query), made once per session for a key, retried on 429 within the
   * club's deadline. Recorded once in the request log, with the key masked and a short fingerprint.
   * It takes a slot of the session's pool only while on the wire, never while held back by a 429.
   */
  private read<T>(
    path: string,
    key: string,
    clock: ClubClock,
    mask: (s: string) => string,
    fn: (stripe: StripeSdk, options: StripeSdk.RequestOptions) => Promise<T>,
  ): Promise<Result<T>> {
    const cacheKey = `${path}\u0000${key}`;
    let pending = this.cache.get(cacheKey) as Promise<Result<T>> | undefined;
    if (pending) {
      // Shared with a club that asked first: this club's clock starts when that request is sent.
      void this.onWire.get(cacheKey)!.then(() => clock.started());
    } else {
      let sent!: () => void;
      this.onWire.set(cacheKey, new Promise<void>((resolve) => (sent = resolve)));
      let name = this.logNames.get(key);
      if (name === undefined) {
        const facts = describeKey(key);
        this.logNames.set(key, (name = `${facts.masked} #${facts.fingerprint.slice(0, 8)}`));
      }
      this.log.record({ source: 'stripe', method: 'GET', target: `${path} [${name}]` });
      pending = (async (): Promise<Result<T>> => {
        const stripe = await this.client();
        for (let attempt = 0; ; attempt++) {
          try {
            await this.heldBack(key);
            return {
              ok: true,
              value: await this.pool(() => {
                sent();
                clock.started();
                return fn(stripe, { apiKey: key });
              }),
            };
          } catch (error) {
            const c = classifyStripeError(error, mask);
            if (c.kind === 'rate-limited' && attempt < this.options.rateLimitRetries && !this.closed) {
              const wait = c.retryAfterMs ?? this.options.retryBaseMs * 2 ** attempt;
              if (wait <= this.options.maxRetryAfterMs && Date.now() + wait < clock.deadline) {
                // Every request of this key waits too (Stripe limits per account), no other key does.
                this.holdBack(key, wait);
                continue;
              }
            }
            return { ok: false, error: c };
          }
        }
      })();
      this.cache.set(cacheKey, pending);
    }
    return pending;
  }

  /**
   * Gathers the two Stripe parts of one club. Never throws; bounded by `clubTimeoutMs`, counted from
   * the club's first request on the wire: a club whose requests wait behind hundreds of others in
   * the session's pool is not timed out before it was asked anything.
   */
  gatherClub(keys: ClubStripeKeys): Promise<StripeParts> {
    // The same keys asked twice in a session (a speculative start, then the chosen club; two clubs
    // sharing an account) are probed once: the parts are shared, never rebuilt.
    const id = `${keys.publishableKey ?? '\u0001'}\u0000${keys.secretKey ?? '\u0001'}`;
    let parts = this.clubs.get(id);
    if (!parts) {
      parts = this.probeClub(keys);
      this.clubs.set(id, parts);
    }
    return parts.then((p) => ({ ...p }));
  }

  private async probeClub(keys: ClubStripeKeys): Promise<StripeParts> {
    const host = this.endpoint.display;
    const state: { secret?: StripeSecretProbe; publishable?: StripePublishableProbe; account?: PartEnvelope } = {};
    const clock: ClubClock = { deadline: Infinity, started: () => {} };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      clock.started = () => {
        clock.started = () => {};
        clock.deadline = Date.now() + this.options.clubTimeoutMs;
        timer = setTimeout(() => resolve('timeout'), this.options.clubTimeoutMs);
      };
    });
    const mask = makeMasker([keys.publishableKey, keys.secretKey]);
    // Last line of defence: whatever prints later masks these keys too.
    redactor.add(keys.publishableKey);
    redactor.add(keys.secretKey);
    const work = (async () => {
      await Promise.all([this.probePublishable(keys.publishableKey, clock, mask, state), this.probeSecret(keys.secretKey, clock, mask, state)]);
    })().catch((error: unknown) => {
      const message = mask(error instanceof Error ? error.message : String(error));
      const unexpected = { outcome: 'unreachable' as const, kind: 'unexpected' as const, host, error: { message } };
      state.secret ??= unexpected;
      state.publishable ??= unexpected;
      state.account ??= { status: 'failed', cause: { source: 'stripe', kind: 'unexpected', host, message } };
    });
    const winner = await Promise.race([work.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (winner === 'timeout') {
      const seconds = Math.round(this.options.clubTimeoutMs / 100) / 10;
      const message = `Stripe did not answer within ${seconds}s for this club`;
      const late = { outcome: 'unreachable' as const, kind: 'timeout' as const, host, error: { message, code: 'ETIMEDOUT' } };
      state.secret ??= late;
      state.publishable ??= late;
      state.account ??= { status: 'failed', cause: { source: 'stripe', kind: 'timeout', host, code: 'ETIMEDOUT', message } };
    }
    // No host here: outcomes that depend on it (unreachable, rate-limited) carry it themselves, and a
    // probe that reached a verdict reads the same whatever the host (reproducible recordings).
    const probe: StripeKeyProbe = { secretKey: state.secret!, publishableKey: state.publishable! };
    return { 'club.stripeKeyProbe': { status: 'ok', data: probe }, 'club.stripeAccount': state.account! };
  }

  private async probePublishable(raw: string | null | undefined, clock: ClubClock, mask: (s: string) => string, state: { publishable?: StripePublishableProbe }): Promise<void> {
    const host = this.endpoint.display;
    if (raw === undefined || raw === null || raw.trim() === '') {
      state.publishable = { outcome: 'not-probed', reason: 'missing' };
      return;
    }
    const facts = describeKey(raw);
    const broken = breakingContamination(facts);
    if (broken.length) {
      state.publishable = { outcome: 'not-probed', reason: 'contaminated', detail: broken.join(',') };
      return;
    }
    if (facts.kind !== 'publishable') {
      state.publishable = { outcome: 'not-probed', reason: 'wrong-kind', detail: facts.kind ?? 'unrecognised' };
      return;
    }
    // A secret-only read: a genuine publishable key is answered `secret_key_required`.
    const result = await this.read('/v1/account', raw, clock, mask, (stripe, options) => stripe.accounts.retrieveCurrent(undefined, options));
    if (result.ok) {
      const id = (result.value as { id?: unknown }).id;
      state.publishable = { outcome: 'accepted-as-secret', accountId: typeof id === 'string' ? id : null };
      return;
    }
    const c = result.error;
    switch (c.kind) {
      case 'auth':
        state.publishable =
          c.outcome === 'publishable-key'
            ? { outcome: 'valid', ...(c.error.requestId ? { requestId: c.error.requestId } : {}) }
            : { outcome: c.outcome, error: c.error };
        return;
      case 'rate-limited':
        state.publishable = { outcome: 'rate-limited', host, error: c.error };
        return;
      case 'unreachable':
        state.publishable = { outcome: 'unreachable', kind: c.sub, host, error: c.error };
        return;
      default:
        // 403 or 4xx on a secret-only read with a pk: not an answer we know.
        state.publishable = { outcome: 'unreachable', kind: 'unexpected', host, error: c.error };
    }
  }

  private async probeSecret(
    raw: string | null | undefined,
    clock: ClubClock,
    mask: (s: string) => string,
    state: { secret?: StripeSecretProbe; account?: PartEnvelope },
  ): Promise<void> {
    const host = this.endpoint.display;
    const fail = (cause: Cause) => {
      state.account = { status: 'failed', cause };
    };
    if (raw === undefined || raw === null || raw.trim() === '') {
      state.secret = { outcome: 'not-probed', reason: 'missing' };
      fail({ source: 'stripe', kind: 'no-secret-key', message: 'the club has no Stripe secret key', text: MESSAGES.noSecretKey, fix: keyFix(MESSAGES.enterSecretKey) });
      return;
    }
    const facts = describeKey(raw);
    const broken = breakingContamination(facts);
    if (broken.length) {
      state.secret = { outcome: 'not-probed', reason: 'contaminated', detail: broken.join(',') };
      fail({
        source: 'stripe',
        kind: 'key-format',
        message: `the secret key ${facts.masked} contains ${broken.join(', ')} characters, so it was not sent to Stripe`,
        text: MESSAGES.contaminated(facts, broken),
        fix: keyFix(MESSAGES.reenterClean),
      });
      return;
    }
    if (facts.kind !== 'secret' && facts.kind !== 'restricted') {
      state.secret = { outcome: 'not-probed', reason: 'wrong-kind', detail: facts.kind ?? 'unrecognised' };
      fail({
        source: 'stripe',
        kind: 'key-format',
        message: `the secret key field holds ${facts.kind ? `a ${facts.kind} key` : 'no recognisable Stripe key'} (${facts.masked}), so it was not sent`,
        text: MESSAGES.wrongKind(facts),
        fix: keyFix(MESSAGES.pasteSecretKey),
      });
      return;
    }
    const keyKind = facts.kind;
    // The newest charge is read together with the account for a standard secret key: a GET without
    // effects, made anyway once the account answers (nearly always). Its answer is dropped when the
    // account read fails. A restricted key waits: it lacks the account permission more often.
    const charges = (path: string) => this.newest(path, raw, clock, mask, (s, o) => s.charges.list({ limit: 1 }, o));
    const speculative = keyKind === 'secret' ? charges('/v1/charges?limit=1') : undefined;
    speculative?.catch(() => undefined);
    const account = await this.read('/v1/account', raw, clock, mask, (stripe, options) => stripe.accounts.retrieveCurrent(undefined, options));
    if (!account.ok) {
      // The speculative charge read is already on the wire: let it end with the club, so that no
      // request outlives its club's answer (the run log lists only requests Stripe received).
      await speculative;
      const c = account.error;
      const cause = causeOf(c, host);
      switch (c.kind) {
        case 'auth':
          state.secret = { outcome: c.outcome, error: c.error };
          cause.fix = keyFix(MESSAGES.reenterActiveKey);
          break;
        case 'permission':
          state.secret = { outcome: 'restricted-without-permission', accountId: c.accountId, permission: c.permission, error: c.error };
          cause.fix = keyFix(
            MESSAGES.grantAccountRead(c),
          );
          break;
        case 'rate-limited':
          state.secret = { outcome: 'rate-limited', host, error: c.error };
          break;
        case 'unreachable':
          state.secret = { outcome: 'unreachable', kind: c.sub, host, error: c.error };
          break;
        case 'request':
          state.secret = { outcome: 'unreachable', kind: 'unexpected', host, error: c.error };
          break;
      }
      fail(cause);
      return;
    }
    const acct = account.value as unknown as Record<string, unknown>;
    const accountId = typeof acct.id === 'string' ? acct.id : '';
    state.secret = { outcome: 'valid', keyKind, accountId, livemode: facts.mode === null ? null : facts.mode === 'live' };

    // Last activity: the newest charge; payment intents only when charges date nothing.
    const lastCharge = await (speculative ?? charges('/v1/charges?limit=1'));
    const paymentIntents: StripeActivityRead =
      lastCharge.status === 'read' && lastCharge.created !== null
        ? { status: 'skipped' }
        : await this.newest('/v1/payment_intents?limit=1', raw, clock, mask, (s, o) => s.paymentIntents.list({ limit: 1 }, o));

    const capabilities: StripeAccount['capabilities'] = {};
    const rawCaps = acct.capabilities;
    if (rawCaps && typeof rawCaps === 'object') {
      for (const [name, status] of Object.entries(rawCaps as Record<string, unknown>)) if (typeof status === 'string') capabilities[name] = { status };
    }
    // The reasons behind a capability that is not active (inactivity...) need one more read.
    if (accountId && Object.values(capabilities).some((c) => c.status !== 'active')) {
      const list = await this.read(`/v1/accounts/${accountId}/capabilities`, raw, clock, mask, (s, o) => s.accounts.listCapabilities(accountId, undefined, o));
      if (list.ok) {
        for (const cap of (list.value as { data?: unknown[] }).data ?? []) {
          const c = cap as { id?: unknown; status?: unknown; requirements?: { disabled_reason?: unknown } | null };
          if (typeof c.id !== 'string') continue;
          const reason = c.requirements?.disabled_reason;
          capabilities[c.id] = {
            status: typeof c.status === 'string' ? c.status : (capabilities[c.id]?.status ?? 'unknown'),
            disabledReason: typeof reason === 'string' ? reason : null,
          };
        }
      }
    }

    const data: StripeAccount = {
      id: accountId,
      mode: facts.mode,
      country: typeof acct.country === 'string' ? acct.country : null,
      chargesEnabled: acct.charges_enabled === true,
      payoutsEnabled: acct.payouts_enabled === true,
      detailsSubmitted: acct.details_submitted === true,
      requirements: normaliseRequirements(acct.requirements),
      futureRequirements: normaliseRequirements(acct.future_requirements),
      capabilities,
      lastActivity: { charges: lastCharge, paymentIntents },
    };
    state.account = { status: 'ok', data };
  }

  private async newest(
    path: string,
    key: string,
    clock: ClubClock,
    mask: (s: string) => string,
    fn: (stripe: StripeSdk, options: StripeSdk.RequestOptions) => Promise<{ data: { created: number }[] }>,
  ): Promise<StripeActivityRead> {
    const result = await this.read(path, key, clock, mask, fn);
    if (result.ok) {
      // A list without `data` (a proxy's or a broken server's JSON) is not an empty list: say so.
      const list: unknown = (result.value as { data?: unknown } | null)?.data;
      if (!Array.isArray(list)) return { status: 'failed', error: { message: `${path} answered JSON that is not a Stripe list (no "data" array)` } };
      const created: unknown = (list[0] as { created?: unknown } | undefined)?.created;
      return { status: 'read', created: typeof created === 'number' ? Math.trunc(created) : null };
    }
    return result.error.kind === 'permission' ? { status: 'forbidden', error: result.error.error } : { status: 'failed', error: result.error.error };
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Stripe's `requirements` hash, camel-cased, tolerant of absent fields (they are optional in the types). */
export function normaliseRequirements(value: unknown): StripeRequirements | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  return {
    disabledReason: typeof r.disabled_reason === 'string' ? r.disabled_reason : null,
    currentDeadline: typeof r.current_deadline === 'number' ? Math.trunc(r.current_deadline) : null,
    currentlyDue: strings(r.currently_due),
    eventuallyDue: strings(r.eventually_due),
    pastDue: strings(r.past_due),
    pendingVerification: strings(r.pending_verification),
    errors: Array.isArray(r.errors)
      ? r.errors.map((e) => {
          const x = (e ?? {}) as Record<string, unknown>;
          return { code: String(x.code ?? ''), reason: String(x.reason ?? ''), requirement: String(x.requirement ?? '') };
        })
      : [],
  };
}

/** The two Stripe parts of one club, in a session of its own. */
export async function gatherClubStripe(keys: ClubStripeKeys, config: StripeSourceConfig = {}): Promise<StripeParts> {
  const session = new StripeSession(config);
  try {
    return await session.gatherClub(keys);
  } finally {
    session.close();
  }
}

/**
 * The Stripe parts of several clubs, all started at once and sharing one session: one SDK client,
 * one pool of `concurrency` requests in flight (so the run is bounded by requests, not clubs), a key
 * used by two clubs probed once. Each club is independent: one failing never stops another.
 */
export async function gatherStripeClubs(
  clubs: readonly { name: string; keys: ClubStripeKeys }[],
  config: StripeSourceConfig = {},
): Promise<Map<string, StripeParts>> {
  const session = new StripeSession(config);
  try {
    const parts = await Promise.all(clubs.map((club) => session.gatherClub(club.keys)));
    return new Map(clubs.map((c, i) => [c.name, parts[i]!]));
  } finally {
    session.close();
  }
}
