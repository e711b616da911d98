// The Sendcloud source (api-notes/sendcloud.md): the account behind `sendcloud.publicKey` /
// `sendcloud.secretKey` and the diagnosed shop's connection. Shop-wide parts, gathered once per run
// and shared by every club:
//
//   sendcloud.user             GET /api/v2/user                     (decides for the account)
//   sendcloud.senderAddresses  GET /api/v2/user/addresses/sender
//   sendcloud.invoices         GET /api/v2/user/invoices             (direct-debit heuristic)
//   sendcloud.integrations     GET /api/v2/integrations              (+ which one is the shop's)
//   sendcloud.integrationLogs  GET /api/v2/integrations/{id}/logs    (the shop's integration only)
//   sendcloud.shippingMethods  GET /api/v2/shipping_methods?sender_address=all
//
// The shop's integration is matched here, not in the checks (they cannot see the configuration):
// its `shop_url` has the host (case-insensitive, port and scheme ignored) and path (trailing slash
// ignored) of `prestashop.url`; among several, `system` starting with `prestashop` wins.
//
// Rules: every read starts at once, the logs as soon as the integrations are known. Keys refused
// (401/403), rate limit, unreachable or silent host, or 404/redirect on the user → every part failed
// with that cause, the other reads cancelled and never retried. Any other failure
// (5xx, unreadable answer) costs only its part. Invoices or logs answering 403/404 (not
// offered to this account) are `unavailable`, not failed. Nothing here throws.

import type { Dispatcher } from 'undici';
import type { PartEnvelope, PartMap } from '../../engine/snapshot.js';
import { t, type Cause } from '../../engine/types.js';
import { redactor } from '../../secrets/redact.js';
import { currentRunSignal, withRunSignal, type RetryPolicy } from '../http.js';
import type { RequestLog } from '../request-log.js';
import { DEFAULT_SENDCLOUD_API, SendcloudClient, SendcloudError } from './client.js';
import {
  IntegrationsPayloadSchema,
  InvoicesPayloadSchema,
  LogsPayloadSchema,
  normaliseIntegrations,
  normaliseInvoices,
  normaliseLogs,
  normaliseSenderAddresses,
  normaliseShippingMethods,
  normaliseUser,
  SenderAddressesPayloadSchema,
  ShippingMethodsPayloadSchema,
  UserPayloadSchema,
} from './normalise.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  copyApiKeys: t(
    'Dans Sendcloud : Réglages > Intégrations > Sendcloud API, ouvrez (ou créez) l’intégration API et copiez sa clé publique et sa clé secrète.',
    'In Sendcloud: Settings > Integrations > Sendcloud API, open (or create) the API integration and copy its public key and secret key.',
  ),
  addKeysToConfig: t(
    'Ajoutez-les à la configuration : "sendcloud": { "publicKey": "env:SC_PUBLIC", "secretKey": "env:SC_SECRET" }.',
    'Add them to the configuration: "sendcloud": { "publicKey": "env:SC_PUBLIC", "secretKey": "env:SC_SECRET" }.',
  ),
  invoicesNotReadable: (e: SendcloudError) => t(
    `Les factures Sendcloud ne sont pas lisibles avec ces clés (HTTP ${e.details.status}) : le prélèvement automatique ne peut pas être vérifié ainsi.`,
    `Sendcloud invoices cannot be read with these keys (HTTP ${e.details.status}): the direct debit cannot be verified this way.`,
  ),
  logNotReadable: (matchedId: number, e: SendcloudError) => t(
    `Le journal d’erreurs de l’intégration n° ${matchedId} n’est pas lisible par l’API (HTTP ${e.details.status}).`,
    `The error log of integration #${matchedId} cannot be read through the API (HTTP ${e.details.status}).`,
  ),
};

export { DEFAULT_SENDCLOUD_API, SendcloudClient, SendcloudError } from './client.js';
export { matchShopIntegration, shopUrlKey } from './normalise.js';

export const SENDCLOUD_PART_NAMES = [
  'sendcloud.user',
  'sendcloud.senderAddresses',
  'sendcloud.invoices',
  'sendcloud.integrations',
  'sendcloud.integrationLogs',
  'sendcloud.shippingMethods',
] as const;
export type SendcloudPartName = (typeof SENDCLOUD_PART_NAMES)[number];

/** The `sendcloud` section of the configuration (env: references already resolved). */
export interface SendcloudConfigSection {
  apiBase?: string | undefined;
  publicKey?: string | undefined;
  secretKey?: string | undefined;
}

export interface GatherSendcloudOptions {
  /** Per attempt, default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy> | false;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  /** Default: the run's shared request log. */
  requestLog?: RequestLog;
}

const PATHS = {
  user: '/api/v2/user',
  senderAddresses: '/api/v2/user/addresses/sender',
  invoices: '/api/v2/user/invoices',
  integrations: '/api/v2/integrations',
  shippingMethods: '/api/v2/shipping_methods?sender_address=all',
  logs: (id: number) => `/api/v2/integrations/${id}/logs`,
} as const;

function failed(cause: Cause): PartEnvelope {
  return { status: 'failed', cause };
}

function allFailed(cause: Cause): PartMap {
  return Object.fromEntries(SENDCLOUD_PART_NAMES.map((name) => [name, failed(cause)])) as PartMap;
}

function causeOf(error: unknown): Cause {
  if (error instanceof SendcloudError) return error.details;
  return { source: 'sendcloud', kind: 'unexpected', message: `unexpected error: ${(error as Error)?.message ?? String(error)}` };
}

/** Runs a read and reduces it to an envelope; never throws. */
async function part<T>(read: () => Promise<T>, notOffered?: (error: SendcloudError) => PartEnvelope | undefined): Promise<PartEnvelope> {
  try {
    return { status: 'ok', data: await read() };
  } catch (error) {
    if (error instanceof SendcloudError && notOffered) {
      const envelope = notOffered(error);
      if (envelope) return envelope;
    }
    return failed(causeOf(error));
  }
}

/** Failures of the first request that say the whole account is out of reach for this run. */
const STOP_KINDS = new Set(['auth', 'rate-limited', 'unreachable', 'timeout', 'not-found', 'http-error', 'too-large']);

const isNotOffered = (e: SendcloudError) => e.details.status === 403 || e.details.status === 404;

/**
 * Gathers the Sendcloud parts for the shop at `shopUrl` (config `prestashop.url`). `config` is the
 * whole configuration or anything with its `sendcloud` section.
 */
export async function gatherSendcloud(
  config: { sendcloud?: SendcloudConfigSection | undefined },
  shopUrl: string,
  options: GatherSendcloudOptions = {},
): Promise<PartMap> {
  const section = config.sendcloud ?? {};
  // Our own configuration, not the shop's: stray whitespace around a pasted key is only noise.
  const publicKey = section.publicKey?.trim() ?? '';
  const secretKey = section.secretKey?.trim() ?? '';
  redactor.add(section.publicKey);
  redactor.add(section.secretKey);
  if (!publicKey || !secretKey) {
    const missing = [!publicKey && 'sendcloud.publicKey', !secretKey && 'sendcloud.secretKey'].filter(Boolean).join(' and ');
    return allFailed({
      source: 'config',
      kind: 'missing-keys',
      message: `no Sendcloud API keys configured (${missing} missing)`,
      fix: [
        MESSAGES.copyApiKeys,
        MESSAGES.addKeysToConfig,
      ],
    });
  }

  let client: SendcloudClient;
  try {
    client = new SendcloudClient({
      apiBase: section.apiBase ?? DEFAULT_SENDCLOUD_API,
      publicKey,
      secretKey,
      ...options,
    });
  } catch (error) {
    return allFailed({ source: 'config', kind: 'invalid-api-base', message: `sendcloud.apiBase is not a URL (${(error as Error).message})` });
  }

  // Every read starts at once (issue 9: the reads are independent, only the integration logs need
  // the integrations): awaiting the user first cost a whole round trip on every run. The user still
  // decides for the account: when it shows the account cannot be read at all now (keys refused,
  // rate-limited, host unreachable or silent, wrong apiBase), the speculative reads are cancelled
  // (in flight or waiting to retry) and every part gets the user's cause. The price is at most one
  // refused read per resource on a broken account: read-only and cheap.
  const speculation = new AbortController();
  const runSignal = currentRunSignal();
  const scope = runSignal ? AbortSignal.any([runSignal, speculation.signal]) : speculation.signal;
  const user = part(async () => normaliseUser(await client.get(PATHS.user, UserPayloadSchema)));
  const others = withRunSignal(scope, () => readIndependent(client, shopUrl));
  const userEnvelope = await user;
  if (userEnvelope.status === 'failed' && STOP_KINDS.has(userEnvelope.cause.kind)) {
    speculation.abort(new Error('the Sendcloud account cannot be read (see the user request)'));
    await others; // settles at once: nothing left to wait for once cancelled
    return allFailed(userEnvelope.cause);
  }
  return { 'sendcloud.user': userEnvelope, ...(await others) };
}

/** The reads that need nothing but the keys, and the logs once the integrations are known. */
async function readIndependent(client: SendcloudClient, shopUrl: string): Promise<PartMap> {
  const integrationsAndLogs = (async () => {
    const integrations = await part(async () => normaliseIntegrations(await client.get(PATHS.integrations, IntegrationsPayloadSchema), shopUrl));
    return { integrations, integrationLogs: await logsOf(client, integrations) };
  })();
  const [senderAddresses, invoices, shippingMethods, { integrations, integrationLogs }] = await Promise.all([
    part(async () => normaliseSenderAddresses(await client.get(PATHS.senderAddresses, SenderAddressesPayloadSchema))),
    part(
      async () => normaliseInvoices(await client.get(PATHS.invoices, InvoicesPayloadSchema)),
      (e) =>
        isNotOffered(e)
          ? {
              status: 'unavailable',
              reason: MESSAGES.invoicesNotReadable(e),
            }
          : undefined,
    ),
    part(async () => normaliseShippingMethods(await client.get(PATHS.shippingMethods, ShippingMethodsPayloadSchema))),
    integrationsAndLogs,
  ]);
  return {
    'sendcloud.senderAddresses': senderAddresses,
    'sendcloud.invoices': invoices,
    'sendcloud.integrations': integrations,
    'sendcloud.integrationLogs': integrationLogs,
    'sendcloud.shippingMethods': shippingMethods,
  };
}

/** The shop's integration's error log: follows the integrations part (failed with it, empty without a match). */
async function logsOf(client: SendcloudClient, integrations: PartEnvelope): Promise<PartEnvelope> {
  if (integrations.status !== 'ok') return integrations;
  const matchedId = (integrations.data as { matchedId: number | null }).matchedId;
  if (matchedId === null) return { status: 'ok', data: { integrationId: null, entries: [], truncated: false } };
  return part(
    async () => normaliseLogs(await client.get(PATHS.logs(matchedId), LogsPayloadSchema), matchedId),
    (e) =>
      isNotOffered(e)
        ? {
            status: 'unavailable',
            reason: MESSAGES.logNotReadable(matchedId, e),
          }
        : undefined,
  );
}
