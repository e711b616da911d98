// The catalogue of snapshot parts: their names, where they live (shop-wide or per club) and the
// exact shape of their data. Sources must produce this shape (already normalised: numbers are
// numbers, flags are booleans); the runner validates every part before a check sees it, so a
// snapshot with garbage in it yields `error` results that name the faulty path.

import * as z from 'zod';
import { KeyFactsSchema } from '../secrets/key-facts-schema.js';

/** The lazily built schemas built so far in this process, by name (for tests). */
const built = new Set<string>();
export function builtLazySchemas(): string[] {
  return [...built];
}

/**
 * A schema built on its first parse, for parts only some runs hold: the answers to --customer,
 * --code and --order. Building zod schemas is a good part of a snapshot diagnosis's start-up
 * (issue 9), and a run without those questions never parses them. Same rules, same issues.
 */
function lazySchema<T extends z.ZodType>(name: string, build: () => T): z.ZodLazy<T> {
  return z.lazy(() => {
    built.add(name);
    return build();
  });
}

const Id = z.number().int().nonnegative();
/** PrestaShop date `YYYY-MM-DD HH:MM:SS` in the shop's time zone; `0000-00-00 00:00:00` means none. */
const PsDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'expected a date like 2026-01-31 23:59:59');

export const GroupSchema = z.object({ id: Id, name: z.string() });

export const CategorySchema = z.object({ id: Id, name: z.string(), active: z.boolean() });

export const CustomerSchema = lazySchema('customer', () => z.object({
  id: Id,
  email: z.string(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  active: z.boolean(),
  deleted: z.boolean(),
  isGuest: z.boolean(),
  defaultGroupId: Id,
  /**
   * The customer's customer_group rows (Customer::getGroups()), which normally include the default
   * group; empty when the customer has no row: then they are in no group at all, default included.
   */
  groupIds: z.array(Id),
}));

export const CartRuleSchema = lazySchema('cartRule', () => z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  dateFrom: PsDate,
  dateTo: PsDate,
  /** Uses left in total. */
  quantity: z.number().int(),
  /** Uses allowed per customer. */
  quantityPerUser: z.number().int(),
  minimumAmount: z.number().nonnegative(),
  /**
   * The currency of the minimum amount as PrestaShop stores it: a currency id (`"1"`; `"0"` means
   * the shop's default currency). Hand-written snapshots may hold an ISO code (`"EUR"`).
   */
  minimumAmountCurrency: z.string().optional(),
  /**
   * That currency resolved by the source (`ps_currency` / webservice `currencies`, id 0 or absent →
   * PS_CURRENCY_DEFAULT): null when it could not be resolved (the check then prints the id,
   * labelled); absent in snapshots older than this field.
   */
  minimumAmountCurrencyResolved: z
    .object({
      id: Id,
      isoCode: z.string(),
      /** The symbol in the shop's default language, when readable. */
      symbol: z.string().nullable(),
      /** The rule named no currency (0): PS_CURRENCY_DEFAULT was used. */
      fromDefault: z.boolean(),
    })
    .nullable()
    .optional(),
  minimumAmountTaxIncluded: z.boolean().optional(),
  minimumAmountShippingIncluded: z.boolean().optional(),
  /** 0 = any customer; otherwise only that customer may use it. */
  customerId: Id,
  groupRestriction: z.boolean(),
  /** Groups allowed when groupRestriction is on; null when unknown (webservice only). */
  groupIds: z.array(Id).nullable(),
  productRestriction: z.boolean(),
  /**
   * Product rules when productRestriction is on (database only; null when unknown): each group of
   * rules must be satisfied by the cart, with `quantity` matching items.
   */
  productRuleGroups: z
    .array(
      z.object({
        quantity: z.number().int(),
        rules: z.array(z.object({ type: z.enum(['products', 'categories', 'attributes', 'manufacturers', 'suppliers']), ids: z.array(Id) })),
      }),
    )
    .nullable()
    .optional(),
  /**
   * How many times the asked customer already used the rule, counted as CartRule::checkValidity
   * does (order_cart_rule rows not deleted, of the customer's orders not in PS_OS_ERROR); null when
   * unknown (no customer asked or found, or the orders could not be read).
   */
  usesByCustomer: z.number().int().nonnegative().nullable().optional(),
  /** The customer account the uses were counted for (a snapshot may hold several customers). */
  usesCustomerId: Id.optional(),
  /** Why usesByCustomer is null although a customer was found (upstream message), when known. */
  usesByCustomerCause: z.string().optional(),
  /**
   * Which orders usesByCustomer counts (CartRule::checkValidity counts the customer's orders of
   * every shop): `all-shops` (SQL, exactly PrestaShop's query), `active-shops` (webservice with
   * `id_shop=all`: every active shop's orders, a disabled shop's are not listed), `shop` (only the
   * orders the diagnosed shop's context lists: uses in other shops of a multistore are missed).
   * Absent in older snapshots.
   */
  usesByCustomerScope: z.enum(['all-shops', 'active-shops', 'shop']).optional(),
  /**
   * Restrictions whose lists neither source reads (delivery country, carrier, shop): the flags
   * only; absent in older snapshots.
   */
  countryRestriction: z.boolean().optional(),
  carrierRestriction: z.boolean().optional(),
  shopRestriction: z.boolean().optional(),
}));

export const OrderStateSchema = z.object({
  id: Id,
  name: z.string(),
  paid: z.boolean(),
  shipped: z.boolean(),
  delivery: z.boolean(),
  deleted: z.boolean(),
});

export const OrderSchema = lazySchema('order', () => z.object({
  id: Id,
  reference: z.string(),
  customerId: Id,
  currentState: Id,
  dateAdd: PsDate.optional(),
  /** orders.delivery_date; null when NULL or the zero date (TO_DAYS gives NULL); absent when not read. */
  deliveryDate: PsDate.nullable().optional(),
  /** orders.id_shop and id_shop_group: Order::isReturnable() reads its settings for the order's own shop. */
  shopId: Id.optional(),
  shopGroupId: Id.optional(),
  /**
   * The configuration Order::isReturnable() reads (PS_ORDER_RETURN, PS_ORDER_RETURN_NB_DAYS),
   * resolved for the order's shop (shop > shop group > global); absent names are missing. Absent
   * when not read: the shop-wide prestashop.configuration stands in.
   */
  returnConfiguration: z.record(z.string(), z.string().nullable()).optional(),
}));

export const StripeKeysSchema = z.object({
  /** `config`: the club's entry in checkout-doctor's config; `shop`: the Stripe module's configuration rows. */
  origin: z.enum(['config', 'shop']),
  /** Mode the shop uses (`STRIPE_MODE` truthy = test); null when the keys come from config. */
  mode: z.enum(['test', 'live']).nullable(),
  publishableKey: KeyFactsSchema.nullable(),
  secretKey: KeyFactsSchema.nullable(),
});


// ---------------------------------------------------------------------------------------------
// BEGIN stripe-live parts (issue 4): live Stripe key probes and account state, per club.
// Written by src/sources/stripe/; read by checks/stripe-keys-live.ts and checks/stripe-account-status.ts.

/** What Stripe answered when a probe failed: data only; `message` already has every key masked. */
export const StripeErrorInfoSchema = z.object({
  /** HTTP status, absent for connection problems. */
  status: z.number().int().optional(),
  /** Stripe's `error.code` (`api_key_expired`, `secret_key_required`, `rate_limit`...) or a Node code (`ETIMEDOUT`...). */
  code: z.string().optional(),
  /** Stripe's `error.type` (`invalid_request_error`...). */
  type: z.string().optional(),
  /** The `Request-Id` response header, for Stripe support. */
  requestId: z.string().optional(),
  message: z.string(),
});

/** Why a probe was not made: no key, or a key whose format already shows it cannot work. */
export const StripeNotProbedSchema = z.object({
  outcome: z.literal('not-probed'),
  reason: z.enum(['missing', 'contaminated', 'wrong-kind', 'no-secret-key']),
  /** Short machine detail, e.g. the contamination kinds or the key kind found. */
  detail: z.string().optional(),
});

/** Probes that never reached a verdict about the key (network, timeout, 5xx, unreadable answer). */
const StripeUnreachableSchema = z.object({
  outcome: z.literal('unreachable'),
  kind: z.enum(['connection', 'timeout', 'api-error', 'bad-response', 'unexpected']),
  host: z.string().optional(),
  error: StripeErrorInfoSchema,
});
const StripeRateLimitedSchema = z.object({ outcome: z.literal('rate-limited'), host: z.string().optional(), error: StripeErrorInfoSchema });

export const StripeSecretProbeSchema = z.discriminatedUnion('outcome', [
  /** `GET /v1/account` answered with the account. */
  z.object({
    outcome: z.literal('valid'),
    keyKind: z.enum(['secret', 'restricted']),
    accountId: z.string(),
    livemode: z.boolean().nullable(),
  }),
  /** 401 `Invalid API Key provided`: unknown to Stripe (typo, deleted, rolled without expiry). */
  z.object({ outcome: z.literal('revoked-or-unknown'), error: StripeErrorInfoSchema }),
  /** 401 `api_key_expired`: rolled with an expiry date that has passed. */
  z.object({ outcome: z.literal('expired'), error: StripeErrorInfoSchema }),
  /** Any other 401 (spaces in the key, another authentication message). */
  z.object({ outcome: z.literal('invalid'), error: StripeErrorInfoSchema }),
  /** 401 `secret_key_required`: the "secret" key is in fact a publishable key. */
  z.object({ outcome: z.literal('publishable-key'), error: StripeErrorInfoSchema }),
  /** 403 on `GET /v1/account`: a live restricted key without the account read permission. */
  z.object({
    outcome: z.literal('restricted-without-permission'),
    /** Account named in Stripe's message (`on account 'acct_…'`), when present. */
    accountId: z.string().nullable(),
    /** Permission Stripe says would allow the call (`rak_…`), when present. */
    permission: z.string().nullable(),
    error: StripeErrorInfoSchema,
  }),
  StripeRateLimitedSchema,
  StripeUnreachableSchema,
  StripeNotProbedSchema,
]);

export const StripePublishableProbeSchema = z.discriminatedUnion('outcome', [
  /** A secret-only read answered `secret_key_required`: Stripe knows this publishable key. */
  z.object({ outcome: z.literal('valid'), requestId: z.string().optional() }),
  z.object({ outcome: z.literal('revoked-or-unknown'), error: StripeErrorInfoSchema }),
  z.object({ outcome: z.literal('expired'), error: StripeErrorInfoSchema }),
  z.object({ outcome: z.literal('invalid'), error: StripeErrorInfoSchema }),
  /** The secret-only read succeeded: the "publishable" key is a secret key (never expected). */
  z.object({ outcome: z.literal('accepted-as-secret'), accountId: z.string().nullable() }),
  StripeRateLimitedSchema,
  StripeUnreachableSchema,
  StripeNotProbedSchema,
]);

export const StripeKeyProbeSchema = z.object({
  secretKey: StripeSecretProbeSchema,
  publishableKey: StripePublishableProbeSchema,
  /** The API host the probes went to (`api.stripe.com`, or the sandbox). */
  host: z.string().optional(),
});

/** `requirements` / `future_requirements` of `GET /v1/account`, camel-cased; lists default to empty. */
export const StripeRequirementsSchema = z.object({
  /** null when not disabled; any string accepted (Stripe adds values). */
  disabledReason: z.string().nullable(),
  /** Unix seconds, or null. */
  currentDeadline: z.number().int().nullable(),
  currentlyDue: z.array(z.string()),
  eventuallyDue: z.array(z.string()),
  pastDue: z.array(z.string()),
  pendingVerification: z.array(z.string()),
  errors: z.array(z.object({ code: z.string(), reason: z.string(), requirement: z.string() })),
});

/** One read of a "most recent first" list used to date the last activity. */
export const StripeActivityReadSchema = z.discriminatedUnion('status', [
  /** `created` (unix seconds) of the newest object; null when the list is empty in this mode. */
  z.object({ status: z.literal('read'), created: z.number().int().nullable() }),
  /** Not needed (an earlier list already dated the activity). */
  z.object({ status: z.literal('skipped') }),
  /** 403: a restricted key without that read permission. */
  z.object({ status: z.literal('forbidden'), error: StripeErrorInfoSchema }),
  z.object({ status: z.literal('failed'), error: StripeErrorInfoSchema }),
]);

export const StripeAccountSchema = z.object({
  id: z.string(),
  /** Mode of the secret key used (`sk_live_` → live). */
  mode: z.enum(['test', 'live']).nullable(),
  country: z.string().nullable(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
  /** null when the account object has none (optional in Stripe's types). */
  requirements: StripeRequirementsSchema.nullable(),
  futureRequirements: StripeRequirementsSchema.nullable(),
  /**
   * Capability name → status (`active | inactive | pending | unrequested`, any string accepted) and,
   * when `GET /v1/accounts/{id}/capabilities` could be read, its `requirements.disabled_reason`.
   */
  capabilities: z.record(z.string(), z.object({ status: z.string(), disabledReason: z.string().nullable().optional() })),
  lastActivity: z.object({
    /** `GET /v1/charges?limit=1`. */
    charges: StripeActivityReadSchema,
    /** `GET /v1/payment_intents?limit=1` (read when charges show nothing or cannot be read). */
    paymentIntents: StripeActivityReadSchema,
  }),
});

export type StripeErrorInfo = z.infer<typeof StripeErrorInfoSchema>;
export type StripeSecretProbe = z.infer<typeof StripeSecretProbeSchema>;
export type StripePublishableProbe = z.infer<typeof StripePublishableProbeSchema>;
export type StripeKeyProbe = z.infer<typeof StripeKeyProbeSchema>;
export type StripeRequirements = z.infer<typeof StripeRequirementsSchema>;
export type StripeActivityRead = z.infer<typeof StripeActivityReadSchema>;
export type StripeAccount = z.infer<typeof StripeAccountSchema>;

const STRIPE_LIVE_PARTS = {
  /** Live probes of the club's keys (read-only calls; never POST /v1/tokens). */
  'club.stripeKeyProbe': StripeKeyProbeSchema,
  /** The club's Stripe account (`GET /v1/account`) and its last activity. */
  'club.stripeAccount': StripeAccountSchema,
} as const;
// END stripe-live parts
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Shipping and shop parts (relay-carrier-zones, relay-module-conflicts, shop-online).

export const CarrierSchema = z.object({
  id: Id,
  /** Stable across edits: PrestaShop gives a carrier a new id on every edit, same id_reference. */
  reference: Id,
  name: z.string(),
  active: z.boolean(),
  /** Old versions of an edited carrier stay with deleted=true. */
  deleted: z.boolean(),
  isModule: z.boolean(),
  /** Module owning the carrier (`sendcloud`, `sendcloudv2`, `mondialrelay`...), '' for none. */
  externalModuleName: z.string(),
  /** Zones the carrier serves (carrier_zone); null when the source cannot see them (webservice). */
  zoneIds: z.array(Id).nullable(),
  /** Shops the carrier is enabled for (carrier_shop); null when unknown. */
  shopIds: z.array(Id).nullable(),
  /** Payment modules allowed with the carrier in this shop (module_carrier, by reference); null when unknown. */
  paymentModules: z.array(z.string()).nullable(),
});

export const ZoneSchema = z.object({ id: Id, name: z.string(), active: z.boolean() });

/**
 * A delivery country of the shop. Checkout reaches a zone only through the delivery address's
 * country (`country.id_zone`), so the zones worth serving are those holding an active country.
 */
export const CountrySchema = z.object({
  id: Id,
  zoneId: Id,
  active: z.boolean(),
  isoCode: z.string(),
  /** In the shop's default language; absent when the source does not read it (webservice). */
  name: z.string().optional(),
  /**
   * `country.contains_states`: an address in this country names a state, and takes the state's zone
   * (Address::getZoneById). Absent in snapshots older than this field (unknown).
   */
  containsStates: z.boolean().optional(),
});

/**
 * An active state (`ps_state`, webservice `states`) of a country. An address with a state gets the
 * state's zone, not the country's (Address::getZoneById: `id_zone_state ?: country.id_zone`).
 */
export const StateSchema = z.object({
  id: Id,
  countryId: Id,
  /** 0 would mean none: the country's zone applies. */
  zoneId: Id,
  isoCode: z.string(),
  name: z.string(),
  active: z.boolean(),
});

export const ModuleSchema = z.object({
  name: z.string(),
  /** ps_module.active */
  active: z.boolean(),
  /** A ps_module_shop row exists for the diagnosed shop. */
  enabledForShop: z.boolean(),
  version: z.string(),
});

/** What the Sendcloud PrestaShop module stored in the configuration (secrets left out). */
export const SendcloudModuleSchema = z.object({
  /** v1 module `sendcloud`, v2 `sendcloudv2`; null when no Sendcloud configuration row exists. */
  variant: z.enum(['v1', 'v2']).nullable(),
  /** The connect settings row is present (SENDCLOUD_SETTINGS_CONNECT / SENDCLOUD_V2_CONNECT_SETTINGS). */
  connected: z.boolean(),
  /** The service-point script URL Sendcloud wrote for the shop; null when absent or empty. */
  scriptUrl: z.string().nullable(),
  /** Service-point carriers selected in Sendcloud: code → carrier name. */
  selectedCarriers: z.record(z.string(), z.string()),
  /** PrestaShop carrier reference the module created for each code (`*_SPP_CARRIER_<CODE>_REFERENCE`). */
  carrierReferences: z.record(z.string(), Id),
});

export const ShopFrontSchema = z.object({
  /** The URL asked (the shop's public home page). */
  url: z.string(),
  status: z.number().int(),
  /** PrestaShop's maintenance page was served (HTTP 503 with the maintenance template). */
  maintenance: z.boolean(),
  /** Where redirects ended, when the answer came from another URL. */
  finalUrl: z.string().nullable(),
});

export type Carrier = z.infer<typeof CarrierSchema>;
export type Zone = z.infer<typeof ZoneSchema>;
export type Country = z.infer<typeof CountrySchema>;
export type State = z.infer<typeof StateSchema>;
export type Module = z.infer<typeof ModuleSchema>;
export type SendcloudModule = z.infer<typeof SendcloudModuleSchema>;
export type ShopFront = z.infer<typeof ShopFrontSchema>;

/** The shop being diagnosed (multistore: `prestashop.shopId` in config, 1 by default). */
export const ShopSchema = z.object({ id: Id });

const SHIPPING_PARTS = {
  'prestashop.shop': ShopSchema,
  /** Every carrier of the shop, deleted versions included. */
  'prestashop.carriers': z.array(CarrierSchema),
  'prestashop.zones': z.array(ZoneSchema),
  /** The shop's active countries only (country_shop for the shop, active = 1), both sources. */
  'prestashop.countries': z.array(CountrySchema),
  /**
   * The active states of the shop's active countries (both sources; `states` is not shop-scoped).
   * Absent in older snapshots: then the zones states send addresses to are unknown.
   */
  'prestashop.states': z.array(StateSchema),
  /** Installed modules (database only: the webservice does not expose them). */
  'prestashop.modules': z.array(ModuleSchema),
  'prestashop.sendcloudModule': SendcloudModuleSchema,
  /** The shop's public front page as a visitor gets it. */
  'shop.front': ShopFrontSchema,
} as const;
// END shipping parts
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// BEGIN sendcloud parts: the Sendcloud account and the shop's connection (api-notes/sendcloud.md).
// Written by src/sources/sendcloud/; read by checks/sendcloud-account-setup.ts,
// checks/sendcloud-service-points.ts and checks/sendcloud-integration-health.ts. Shop-wide: one
// Sendcloud account serves every club. Facts only: no module settings (they may hold a PrestaShop
// webservice key), no contact names, e-mails of senders, phone numbers, log bodies or headers.

/** `GET /api/v2/user`, reduced. `address`, `postal_code` and `city` of the user are its invoice address. */
export const SendcloudUserSchema = z.object({
  companyName: z.string().nullable(),
  /** The account's login e-mail (shown so the merchant knows which account the keys belong to). */
  email: z.string().nullable(),
  /** Invoice address fields that are empty or absent (`address`, `postal_code`, `city`); [] = complete. */
  invoiceAddressMissing: z.array(z.enum(['address', 'postal_code', 'city'])),
  /** `registered` as Sendcloud gives it (`YYYY-MM-DD HH:MM:SS`), opaque. */
  registered: z.string().nullable(),
});

export const SendcloudSenderAddressSchema = z.object({
  id: Id,
  label: z.string().nullable(),
  companyName: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  /** Street, postal code, city and country are all filled in. */
  complete: z.boolean(),
});

/** `GET /api/v2/user/addresses/sender`. */
export const SendcloudSenderAddressesSchema = z.object({
  count: z.number().int().nonnegative(),
  addresses: z.array(SendcloudSenderAddressSchema),
});

/**
 * `GET /api/v2/user/invoices`, reduced to the direct-debit heuristic (unconfirmed): Sendcloud
 * authorises the direct debit with a small `initial_payment` invoice.
 */
export const SendcloudInvoicesSchema = z.object({
  count: z.number().int().nonnegative(),
  /** `initial_payment` invoices, paid or not. */
  initialPayments: z.number().int().nonnegative(),
  /** At least one `initial_payment` invoice has `isPayed: true`. */
  initialPaymentPaid: z.boolean(),
});

/** One entry of `GET /api/v2/integrations` (a connected shop or an API integration). */
export const SendcloudIntegrationSchema = z.object({
  id: Id,
  shopName: z.string(),
  shopUrl: z.string().nullable(),
  /** Raw `system` (`prestashop`, `prestashop_v2`?, `api`, `magento`...). */
  system: z.string(),
  /** ISO date the integration started failing, null when it is not failing. */
  failingSince: z.string().nullable(),
  /** ISO date of the last successful order fetch, null when never. */
  lastFetch: z.string().nullable(),
  servicePointEnabled: z.boolean(),
  servicePointCarriers: z.array(z.string()),
  webhookActive: z.boolean().nullable(),
});

/**
 * Every integration of the account, and which one is the diagnosed shop's. The source matches
 * (checks cannot see the configuration): same host as `prestashop.url` (case-insensitive, port and
 * scheme ignored), same path (trailing slash ignored); among several, `system` starting with
 * `prestashop` first, then the first listed.
 */
export const SendcloudIntegrationsSchema = z.object({
  /** The shop URL matched against (config `prestashop.url`). */
  shopUrl: z.string(),
  /** The shop's integration, null when none matches. */
  matchedId: Id.nullable(),
  /** Every integration whose shop_url matched the shop (several = the shop was connected more than once). */
  candidateIds: z.array(Id),
  list: z.array(SendcloudIntegrationSchema),
});

export const SendcloudLogEntrySchema = z.object({
  /** ISO date, as Sendcloud gives it. */
  createdAt: z.string(),
  method: z.string().nullable(),
  /** HTTP status the shop answered Sendcloud (495 = SSL error), null when no response. */
  responseCode: z.number().int().nullable(),
  /** Python exception class, e.g. `requests.exceptions.SSLError`. */
  exceptionType: z.string().nullable(),
  /** Exception text, truncated, with any `key=`/`ws_key=` value masked. */
  exception: z.string().nullable(),
});

/** `GET /api/v2/integrations/{id}/logs` (first page) of the shop's integration, newest first. */
export const SendcloudIntegrationLogsSchema = z.object({
  /** The matched integration; null (and no entries) when no integration matches the shop. */
  integrationId: Id.nullable(),
  entries: z.array(SendcloudLogEntrySchema),
  /** Sendcloud has older entries than these (a `next` page was not read). */
  truncated: z.boolean(),
});

/** `GET /api/v2/shipping_methods?sender_address=all`, reduced to carriers. */
export const SendcloudShippingMethodsSchema = z.object({
  methodCount: z.number().int().nonnegative(),
  /** Distinct `carrier` codes: the carriers enabled in the account. */
  carriers: z.array(z.string()),
  /** Distinct carriers having a method whose `service_point_input` is not `none`. */
  servicePointCarriers: z.array(z.string()),
});

export type SendcloudUser = z.infer<typeof SendcloudUserSchema>;
export type SendcloudSenderAddresses = z.infer<typeof SendcloudSenderAddressesSchema>;
export type SendcloudInvoices = z.infer<typeof SendcloudInvoicesSchema>;
export type SendcloudIntegration = z.infer<typeof SendcloudIntegrationSchema>;
export type SendcloudIntegrations = z.infer<typeof SendcloudIntegrationsSchema>;
export type SendcloudLogEntry = z.infer<typeof SendcloudLogEntrySchema>;
export type SendcloudIntegrationLogs = z.infer<typeof SendcloudIntegrationLogsSchema>;
export type SendcloudShippingMethods = z.infer<typeof SendcloudShippingMethodsSchema>;

const SENDCLOUD_PARTS = {
  'sendcloud.user': SendcloudUserSchema,
  'sendcloud.senderAddresses': SendcloudSenderAddressesSchema,
  'sendcloud.invoices': SendcloudInvoicesSchema,
  'sendcloud.integrations': SendcloudIntegrationsSchema,
  'sendcloud.integrationLogs': SendcloudIntegrationLogsSchema,
  'sendcloud.shippingMethods': SendcloudShippingMethodsSchema,
} as const;
// END sendcloud parts
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// BEGIN dynamic-coupon parts: the SPREAD dynamic-coupon endpoint's answer to a test creation
// (FAQ 003). Written by src/sources/dynamic-coupons.ts; read by checks/dynamic-coupons.ts.
// Shop-wide; absent when config has no `dynamicCoupons` section. Data only: the URL has its
// credentials and secret-looking query values masked, the body excerpt is scrubbed and capped.

/** The e-commerce platform is not PrestaShop or Magento: SPREAD does not support it, nothing was sent. */
export const DynamicCouponsUnsupportedSchema = z.object({
  outcome: z.literal('platform-unsupported'),
  /** `dynamicCoupons.platform` as configured. */
  platform: z.string(),
  /** `dynamicCoupons.url`, secrets masked. */
  url: z.string(),
});

/**
 * The configuration was read (platform supported, URL well formed) but no test creation was sent:
 * the run did not ask for it (`diagnose --test-coupon`), since a test coupon is a write to the shop.
 */
export const DynamicCouponsNotTestedSchema = z.object({
  outcome: z.literal('not-tested'),
  platform: z.string(),
  /** `dynamicCoupons.url`, secrets masked. */
  url: z.string(),
});

/** A test creation was POSTed once and an HTTP answer came back (no answer at all is a failed part). */
export const DynamicCouponsProbedSchema = z.object({
  /**
   * - `created`: 2xx whose JSON names the test code or says `success: true` (and carries no error);
   * - `ok-with-error-body`: 2xx but the code was not confirmed (see `errorKind`);
   * - `client-error`: 4xx; `server-error`: 5xx; `redirect`: 3xx (never followed: a POST must not be replayed).
   */
  outcome: z.enum(['created', 'ok-with-error-body', 'client-error', 'server-error', 'redirect']),
  platform: z.string(),
  url: z.string(),
  /** What was asked: a unique code worth 5 %, like SPREAD's "Créer un coupon test". */
  request: z.object({ code: z.string(), percent: z.literal(5) }),
  status: z.number().int(),
  contentType: z.string().nullable(),
  /**
   * Why a 2xx is not a creation (null otherwise): `error-field` (JSON with error/errors/success:false/
   * status:"error"), `error-page` (HTML or PHP error output), `unexpected-body` (empty, or text that
   * is not JSON), `code-not-confirmed` (JSON without error that neither names the code nor says success).
   */
  errorKind: z.enum(['error-field', 'error-page', 'unexpected-body', 'code-not-confirmed']).nullable(),
  /** The answer's first 500 characters (text only for HTML pages), secrets and tokens masked. */
  bodyExcerpt: z.string().max(500),
  /** The error the answer states (JSON error field, PHP error line, page title), masked; null when none. */
  errorMessage: z.string().nullable(),
  /** `Location` of a 3xx, resolved against the URL and masked; null otherwise. */
  location: z.string().nullable(),
});

export const DynamicCouponsSchema = z.discriminatedUnion('outcome', [DynamicCouponsUnsupportedSchema, DynamicCouponsNotTestedSchema, DynamicCouponsProbedSchema]);

export type DynamicCoupons = z.infer<typeof DynamicCouponsSchema>;
export type DynamicCouponsProbed = z.infer<typeof DynamicCouponsProbedSchema>;

const DYNAMIC_COUPON_PARTS = {
  /** The dynamic-coupon endpoint's answer to one test creation (config `dynamicCoupons`). */
  'shop.dynamicCoupons': DynamicCouponsSchema,
} as const;
// END dynamic-coupon parts
// ---------------------------------------------------------------------------------------------

export const PART_SCHEMAS = {
  // Shop-wide parts.
  /** Every customer group of the shop. */
  'prestashop.groups': z.array(GroupSchema),
  /** Configuration values resolved for the shop (shop > shop group > global); absent names are missing. */
  'prestashop.configuration': z.record(z.string(), z.string().nullable()),
  'prestashop.orderStates': z.array(OrderStateSchema),
  /** The customer asked with --customer: every account matching the e-mail or id (guests included). */
  'prestashop.customer': z.object({ query: z.string(), matches: z.array(CustomerSchema) }),
  /** The cart rule asked with --code. */
  'prestashop.cartRule': z.object({ code: z.string(), matches: z.array(CartRuleSchema) }),
  /** The order asked with --order (id or reference). */
  'prestashop.order': z.object({ query: z.string(), matches: z.array(OrderSchema) }),
  // Per-club parts.
  /** The club's customer group; null when the shop has none for the club. */
  'club.group': GroupSchema.nullable(),
  /** The club's category; null when the shop has none for the club. */
  'club.category': CategorySchema.nullable(),
  /** The groups allowed to see the club's category (database only). */
  'club.categoryAccess': z.object({ groupIds: z.array(Id) }),
  'club.stripeKeys': StripeKeysSchema,
  ...STRIPE_LIVE_PARTS,
  ...SHIPPING_PARTS,
  ...SENDCLOUD_PARTS,
  ...DYNAMIC_COUPON_PARTS,
} as const;

// Zod-free, so that modules needing only these do not build the schemas above (issue 9, start-up).
export { isPartName, PARSE_ONCE } from './shapes.js';

export type PartName = keyof typeof PART_SCHEMAS;
export type PartData<K extends PartName> = z.infer<(typeof PART_SCHEMAS)[K]>;


export type Customer = z.infer<typeof CustomerSchema>;
export type CartRule = z.infer<typeof CartRuleSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type OrderState = z.infer<typeof OrderStateSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type StripeKeys = z.infer<typeof StripeKeysSchema>;
