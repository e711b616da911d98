// The Sendcloud sandbox's fixture: one Sendcloud account (the Panel API v2 payloads it serves, as
// api-notes/sendcloud.md shows them) and the API keys that open it. Dates of integrations and log
// entries may be relative (`*_hours_ago`) so that the demo stays "recent" whenever it runs.
//
// Test variants are made from the demo by `overrideSendcloudFixture(base, { … })` or by name
// with `sendcloudVariant(base, 'service-points-off')` (see VARIANTS below).

import { readFile } from 'node:fs/promises';
import { parseJsonFile } from '../../config/json-syntax.js';
import { FixtureError, fixtureIssues, SANDBOX_MESSAGES } from '../messages.js';
import * as z from 'zod';

export const SendcloudKeySchema = z.strictObject({
  publicKey: z.string().min(1),
  secretKey: z.string().min(1),
  /** `active`: works; `revoked`: 401 like unknown keys; `rate-limited`: every request answers 429. */
  state: z.enum(['active', 'revoked', 'rate-limited']).default('active'),
  /** Retry-After (seconds) sent with the 429 of a rate-limited key; none when absent. */
  retryAfter: z.number().int().nonnegative().optional(),
  note: z.string().optional(),
});

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** `user` of `GET /api/v2/user`; served as given (extra fields kept). */
export const SandboxUserSchema = z.looseObject({
  username: z.string(),
  company_name: Nullable(z.string()),
  email: Nullable(z.string()),
  address: Nullable(z.string()),
  postal_code: Nullable(z.string()),
  city: Nullable(z.string()),
  registered: Nullable(z.string()),
  modules: z.array(z.looseObject({ id: z.number().int(), short_name: z.string(), settings: z.unknown().optional() })).optional(),
});

export const SandboxSenderAddressSchema = z.looseObject({ id: z.number().int().positive(), country: z.string() });

export const SandboxInvoiceSchema = z.looseObject({
  id: z.number().int().positive(),
  type: z.string(),
  isPayed: z.boolean(),
  date: z.string().optional(),
});

export const SandboxIntegrationSchema = z
  .looseObject({
    id: z.number().int().positive(),
    shop_name: z.string(),
    shop_url: z.string().nullable(),
    system: z.string(),
    failing_since: Nullable(z.string()),
    /** Fixture only: `failing_since` this many hours before the server clock. */
    failing_since_hours_ago: z.number().nonnegative().optional(),
    last_fetch: Nullable(z.string()),
    /** Fixture only: `last_fetch` this many hours before the server clock. */
    last_fetch_hours_ago: z.number().nonnegative().optional(),
    last_updated_at: z.string().optional(),
    service_point_enabled: z.boolean(),
    service_point_carriers: z.array(z.string()),
    webhook_active: z.boolean().optional(),
    webhook_url: Nullable(z.string()),
  })
  .refine((i) => !(i.failing_since && i.failing_since_hours_ago !== undefined), { message: 'give failing_since or failing_since_hours_ago, not both' })
  .refine((i) => !(i.last_fetch && i.last_fetch_hours_ago !== undefined), { message: 'give last_fetch or last_fetch_hours_ago, not both' });

export const SandboxLogSchema = z
  .looseObject({
    id: z.number().int().positive(),
    created_at: z.string().optional(),
    /** Fixture only: `created_at` this many hours before the server clock. */
    created_hours_ago: z.number().nonnegative().optional(),
    method: z.string().optional(),
    response_code: z.number().int().nullable().optional(),
    exception_type: z.string().nullable().optional(),
    exception: z.string().nullable().optional(),
  })
  .refine((l) => l.created_at !== undefined || l.created_hours_ago !== undefined, { message: 'give created_at or created_hours_ago' });

export const SandboxShippingMethodSchema = z.looseObject({
  id: z.number().int().positive(),
  name: z.string(),
  carrier: z.string(),
  service_point_input: z.string(),
});

export const SendcloudFixtureSchema = z
  .strictObject({
    description: z.string().optional(),
    keys: z.array(SendcloudKeySchema).min(1),
    user: SandboxUserSchema,
    senderAddresses: z.array(SandboxSenderAddressSchema).default([]),
    invoices: z.array(SandboxInvoiceSchema).default([]),
    integrations: z.array(SandboxIntegrationSchema).default([]),
    /** Integration id (as a string) → its log entries. */
    integrationLogs: z.record(z.string().regex(/^\d+$/), z.array(SandboxLogSchema)).default({}),
    shippingMethods: z.array(SandboxShippingMethodSchema).default([]),
    /** Which integration is the demo PrestaShop shop (the one variants patch); it may be absent from `integrations` (shop not connected). */
    shopIntegrationId: z.number().int().positive(),
  })
  .superRefine((f, ctx) => {
    const ids = new Set<number>();
    f.integrations.forEach((i, n) => {
      if (ids.has(i.id)) ctx.addIssue({ code: 'custom', path: ['integrations', n, 'id'], message: 'id listed twice' });
      ids.add(i.id);
    });
  });

export type SendcloudFixture = z.infer<typeof SendcloudFixtureSchema>;
export type SendcloudSandboxKey = z.infer<typeof SendcloudKeySchema>;
export type SandboxIntegration = z.infer<typeof SandboxIntegrationSchema>;
export type SandboxLog = z.infer<typeof SandboxLogSchema>;

export function parseSendcloudFixture(json: unknown, where = 'Sendcloud fixture'): SendcloudFixture {
  const parsed = SendcloudFixtureSchema.safeParse(json);
  if (!parsed.success) throw new FixtureError(SANDBOX_MESSAGES.notSendcloud(where), fixtureIssues(parsed.error.issues));
  return parsed.data;
}

export async function loadSendcloudFixture(file: string): Promise<SendcloudFixture> {
  return parseSendcloudFixture(parseJsonFile(await readFile(file, 'utf8'), file), file);
}

export const DEMO_SENDCLOUD_FIXTURE = new URL('../../../fixtures/shops/demo-sendcloud.json', import.meta.url);

/** Changes to the demo account; each given field replaces the fixture's, `shopIntegration` is merged into the shop's entry. */
export interface SendcloudOverrides {
  keys?: z.input<typeof SendcloudKeySchema>[];
  user?: Record<string, unknown>;
  senderAddresses?: z.input<typeof SandboxSenderAddressSchema>[];
  invoices?: z.input<typeof SandboxInvoiceSchema>[];
  integrations?: z.input<typeof SandboxIntegrationSchema>[];
  /** Fields merged into the shop's integration (`shopIntegrationId`); `null` values clear a field. */
  shopIntegration?: Record<string, unknown>;
  /** Replaces the log entries of the shop's integration. */
  shopLogs?: z.input<typeof SandboxLogSchema>[];
  shippingMethods?: z.input<typeof SandboxShippingMethodSchema>[];
  /** Drops the shop's integration (the shop is not connected to Sendcloud). */
  removeShopIntegration?: boolean;
}

/** A validated copy of `base` with the overrides applied (the base is not modified). */
export function overrideSendcloudFixture(base: SendcloudFixture, overrides: SendcloudOverrides): SendcloudFixture {
  const copy = structuredClone(base) as Record<string, unknown> & SendcloudFixture;
  if (overrides.keys) copy.keys = overrides.keys as SendcloudFixture['keys'];
  if (overrides.user) copy.user = { ...copy.user, ...overrides.user } as SendcloudFixture['user'];
  if (overrides.senderAddresses) copy.senderAddresses = overrides.senderAddresses as SendcloudFixture['senderAddresses'];
  if (overrides.invoices) copy.invoices = overrides.invoices as SendcloudFixture['invoices'];
  if (overrides.integrations) copy.integrations = overrides.integrations as SendcloudFixture['integrations'];
  if (overrides.shippingMethods) copy.shippingMethods = overrides.shippingMethods as SendcloudFixture['shippingMethods'];
  if (overrides.shopIntegration) {
    copy.integrations = copy.integrations.map((i) => {
      if (i.id !== copy.shopIntegrationId) return i;
      const merged: Record<string, unknown> = { ...i, ...overrides.shopIntegration };
      // Setting an absolute date drops the relative one of the base, and the other way round.
      for (const field of ['failing_since', 'last_fetch'] as const) {
        if (overrides.shopIntegration![field] !== undefined && overrides.shopIntegration![`${field}_hours_ago`] === undefined) delete merged[`${field}_hours_ago`];
        if (overrides.shopIntegration![`${field}_hours_ago`] !== undefined) merged[field] = null;
      }
      return merged as SandboxIntegration;
    });
  }
  if (overrides.removeShopIntegration) copy.integrations = copy.integrations.filter((i) => i.id !== copy.shopIntegrationId);
  if (overrides.shopLogs) copy.integrationLogs = { ...copy.integrationLogs, [String(copy.shopIntegrationId)]: overrides.shopLogs as SandboxLog[] };
  return parseSendcloudFixture(copy, 'Sendcloud fixture with overrides');
}

/** Named variants of the demo account, for tests and `checkout-doctor sandbox`. */
export const SENDCLOUD_VARIANTS = {
  'no-sender-address': { senderAddresses: [] },
  'no-invoice-address': { user: { address: '', postal_code: '', city: '' } },
  'no-direct-debit': { invoices: [] },
  'service-points-off': { shopIntegration: { service_point_enabled: false } },
  'no-service-point-carriers': { shopIntegration: { service_point_carriers: [] } },
  /** Sendcloud offers a carrier on the map that the shop's module never received (no PrestaShop carrier). */
  'carrier-not-in-shop': { shopIntegration: { service_point_carriers: ['colissimo', 'mondial_relay'] } },
  failing: { shopIntegration: { failing_since_hours_ago: 30 } },
  'stale-fetch': { shopIntegration: { last_fetch_hours_ago: 24 * 5 } },
  'log-errors': {
    shopLogs: [
      {
        id: 9101,
        created_hours_ago: 3,
        method: 'GET',
        response_code: 401,
        exception_type: 'sendcloud.integrations.exceptions.AuthenticationError',
        exception: 'Unauthorized',
      },
      {
        id: 9102,
        created_hours_ago: 27,
        method: 'GET',
        response_code: 495,
        exception_type: 'requests.exceptions.SSLError',
        exception: 'An SSL error occurred',
      },
      { id: 9103, created_hours_ago: 24 * 20, method: 'GET', response_code: 404, exception_type: null, exception: 'PageNotFound' },
    ],
  },
  'no-shop-integration': { removeShopIntegration: true },
} satisfies Record<string, SendcloudOverrides>;

export type SendcloudVariant = keyof typeof SENDCLOUD_VARIANTS;

export function sendcloudVariant(base: SendcloudFixture, name: SendcloudVariant): SendcloudFixture {
  return overrideSendcloudFixture(base, SENDCLOUD_VARIANTS[name]);
}
