// Sendcloud v2 payloads as the source accepts them (lenient: nulls and missing optional fields are
// tolerated, as api-notes/sendcloud.md marks much as unconfirmed) and their reduction to the
// snapshot parts of src/engine/parts.ts. Nothing personal or secret is kept: user modules (their
// settings may hold a PrestaShop webservice key), sender contact names / e-mails / phones, and log
// bodies, headers and URLs are dropped; exception texts are masked and truncated.

import * as z from 'zod';
import { cap, scrubText, scrubUrl } from '../../secrets/scrub.js';
import type {
  SendcloudIntegration,
  SendcloudIntegrationLogs,
  SendcloudIntegrations,
  SendcloudInvoices,
  SendcloudLogEntry,
  SendcloudSenderAddresses,
  SendcloudShippingMethods,
  SendcloudUser,
} from '../../engine/parts.js';

const Str = z.string().nullish();
/** Ids and codes sometimes come as numeric strings in third-party copies: accept both. */
const IntLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

export const UserPayloadSchema = z.object({
  user: z.looseObject({
    company_name: Str,
    email: Str,
    address: Str,
    postal_code: Str,
    city: Str,
    registered: Str,
  }),
});

export const SenderAddressesPayloadSchema = z.object({
  sender_addresses: z.array(
    z.looseObject({
      id: IntLike,
      label: Str,
      company_name: Str,
      street: Str,
      house_number: Str,
      postal_code: Str,
      city: Str,
      country: Str,
    }),
  ),
});

export const InvoicesPayloadSchema = z.object({
  invoices: z.array(z.looseObject({ type: Str, isPayed: z.boolean().nullish() })),
});

const IntegrationItem = z.looseObject({
  id: IntLike,
  shop_name: Str,
  shop_url: Str,
  system: Str,
  failing_since: Str,
  last_fetch: Str,
  service_point_enabled: z.boolean().nullish(),
  service_point_carriers: z.array(z.string()).nullish(),
  webhook_active: z.boolean().nullish(),
});
/** A top-level array (documented); a paginated `{results:[…]}` is accepted too. */
export const IntegrationsPayloadSchema = z.union([z.array(IntegrationItem), z.object({ results: z.array(IntegrationItem) }).transform((o) => o.results)]);

export const LogsPayloadSchema = z.object({
  next: Str,
  results: z.array(
    z.looseObject({
      created_at: z.string(),
      method: Str,
      response_code: z.union([IntLike, z.null()]).optional(),
      exception_type: Str,
      exception: Str,
    }),
  ),
});

export const ShippingMethodsPayloadSchema = z.object({
  shipping_methods: z.array(z.looseObject({ carrier: z.string(), service_point_input: Str })),
});

const filled = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';
const orNull = (value: string | null | undefined): string | null => (filled(value) ? value.trim() : null);

export function normaliseUser(payload: z.infer<typeof UserPayloadSchema>): SendcloudUser {
  const u = payload.user;
  return {
    companyName: orNull(u.company_name),
    email: orNull(u.email),
    invoiceAddressMissing: (['address', 'postal_code', 'city'] as const).filter((field) => !filled(u[field])),
    registered: orNull(u.registered),
  };
}

export function normaliseSenderAddresses(payload: z.infer<typeof SenderAddressesPayloadSchema>): SendcloudSenderAddresses {
  const addresses = payload.sender_addresses.map((a) => ({
    id: a.id,
    label: orNull(a.label),
    companyName: orNull(a.company_name),
    city: orNull(a.city),
    country: orNull(a.country),
    complete: [a.street, a.postal_code, a.city, a.country].every(filled),
  }));
  return { count: addresses.length, addresses };
}

export function normaliseInvoices(payload: z.infer<typeof InvoicesPayloadSchema>): SendcloudInvoices {
  const initial = payload.invoices.filter((i) => i.type === 'initial_payment');
  return { count: payload.invoices.length, initialPayments: initial.length, initialPaymentPaid: initial.some((i) => i.isPayed === true) };
}

export function normaliseIntegration(i: z.infer<typeof IntegrationItem>): SendcloudIntegration {
  return {
    id: i.id,
    shopName: i.shop_name ?? '',
    shopUrl: orNull(i.shop_url),
    system: i.system ?? '',
    failingSince: orNull(i.failing_since),
    lastFetch: orNull(i.last_fetch),
    servicePointEnabled: i.service_point_enabled === true,
    servicePointCarriers: [...new Set(i.service_point_carriers ?? [])],
    webhookActive: i.webhook_active ?? null,
  };
}

/**
 * `host/path` of a shop URL for matching: host lower-cased (port and scheme ignored), path
 * lower-cased without trailing slashes. A URL without a scheme is read as http. Null when unreadable.
 */
export function shopUrlKey(raw: string | null | undefined): string | null {
  if (!filled(raw)) return null;
  const text = raw.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (!host) return null;
    const path = decodeURI(url.pathname).replace(/\/+$/, '').toLowerCase();
    return `${host}${path}`;
  } catch {
    return null;
  }
}

/**
 * The diagnosed shop's integration among the account's: same host and path as `shopUrl` (see
 * shopUrlKey); when several match, one whose `system` starts with `prestashop` (case-insensitive)
 * first, then the first listed.
 */
export function matchShopIntegration(list: SendcloudIntegration[], shopUrl: string): Pick<SendcloudIntegrations, 'matchedId' | 'candidateIds'> {
  const wanted = shopUrlKey(shopUrl);
  const candidates = wanted === null ? [] : list.filter((i) => shopUrlKey(i.shopUrl) === wanted);
  const best = candidates.find((i) => i.system.toLowerCase().startsWith('prestashop')) ?? candidates[0];
  return { matchedId: best?.id ?? null, candidateIds: candidates.map((i) => i.id) };
}

export function normaliseIntegrations(payload: z.infer<typeof IntegrationsPayloadSchema>, shopUrl: string): SendcloudIntegrations {
  const list = payload.map(normaliseIntegration);
  // Matched on the URL as configured, shown masked (user info, `?ws_key=`).
  return { shopUrl: scrubUrl(shopUrl), ...matchShopIntegration(list, shopUrl), list };
}

/** Masks secrets (exception texts may quote URLs with ws_key), then truncates. */
export function scrubLogText(text: string, max = 300): string {
  return cap(scrubText(text), max);
}

export function normaliseLogs(payload: z.infer<typeof LogsPayloadSchema>, integrationId: number): SendcloudIntegrationLogs {
  const entries: SendcloudLogEntry[] = payload.results.map((l) => ({
    createdAt: l.created_at,
    method: orNull(l.method),
    responseCode: l.response_code ?? null,
    exceptionType: filled(l.exception_type) ? scrubLogText(l.exception_type, 200) : null,
    exception: filled(l.exception) ? scrubLogText(l.exception) : null,
  }));
  // Newest first, whatever order Sendcloud used (unparsable dates last).
  const time = (e: SendcloudLogEntry) => {
    const ms = Date.parse(e.createdAt);
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  entries.sort((a, b) => time(b) - time(a));
  return { integrationId, entries, truncated: filled(payload.next) };
}

export function normaliseShippingMethods(payload: z.infer<typeof ShippingMethodsPayloadSchema>): SendcloudShippingMethods {
  const carriers = new Set<string>();
  const servicePoint = new Set<string>();
  for (const m of payload.shipping_methods) {
    carriers.add(m.carrier);
    // Anything but "none" is service-point capable ("optional" is unconfirmed); absent = none.
    if (filled(m.service_point_input) && m.service_point_input.trim().toLowerCase() !== 'none') servicePoint.add(m.carrier);
  }
  return { methodCount: payload.shipping_methods.length, carriers: [...carriers].sort(), servicePointCarriers: [...servicePoint].sort() };
}
