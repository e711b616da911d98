// The catalogue of snapshot parts: their names, where they live (shop-wide or per club) and the
// exact shape of their data. Sources must produce this shape (already normalised: numbers are
// numbers, flags are booleans); the runner validates every part before a check sees it, so a
// snapshot with garbage in it yields `error` results that name the faulty path.

import { z } from 'zod';
import { KeyFactsSchema } from '../secrets/stripe-key.js';

const Id = z.number().int().nonnegative();
/** PrestaShop date `YYYY-MM-DD HH:MM:SS` in the shop's time zone; `0000-00-00 00:00:00` means none. */
const PsDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'expected a date like 2026-01-31 23:59:59');

export const GroupSchema = z.object({ id: Id, name: z.string() });

export const CategorySchema = z.object({ id: Id, name: z.string(), active: z.boolean() });

export const CustomerSchema = z.object({
  id: Id,
  email: z.string(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  active: z.boolean(),
  deleted: z.boolean(),
  isGuest: z.boolean(),
  defaultGroupId: Id,
  /** Every customer_group row, default group included. */
  groupIds: z.array(Id),
});

export const CartRuleSchema = z.object({
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
  minimumAmountCurrency: z.string().optional(),
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
  /** How many times the asked customer already used the rule (null when unknown). */
  usesByCustomer: z.number().int().nonnegative().nullable().optional(),
});

export const OrderStateSchema = z.object({
  id: Id,
  name: z.string(),
  paid: z.boolean(),
  shipped: z.boolean(),
  delivery: z.boolean(),
  deleted: z.boolean(),
});

export const OrderSchema = z.object({
  id: Id,
  reference: z.string(),
  customerId: Id,
  currentState: Id,
  dateAdd: PsDate.optional(),
  deliveryDate: PsDate.nullable().optional(),
});

export const StripeKeysSchema = z.object({
  /** `config`: the club's entry in checkout-doctor's config; `shop`: the Stripe module's configuration rows. */
  origin: z.enum(['config', 'shop']),
  /** Mode the shop uses (`STRIPE_MODE` truthy = test); null when the keys come from config. */
  mode: z.enum(['test', 'live']).nullable(),
  publishableKey: KeyFactsSchema.nullable(),
  secretKey: KeyFactsSchema.nullable(),
});

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
} as const;

export type PartName = keyof typeof PART_SCHEMAS;
export type PartData<K extends PartName> = z.infer<(typeof PART_SCHEMAS)[K]>;
export const PART_NAMES = Object.keys(PART_SCHEMAS) as PartName[];

export function isPartName(name: string): name is PartName {
  return Object.prototype.hasOwnProperty.call(PART_SCHEMAS, name);
}

/** Club parts live in each club's entry of the snapshot; the others once for the shop. */
export function isClubPart(name: PartName): boolean {
  return name.startsWith('club.');
}

export type Customer = z.infer<typeof CustomerSchema>;
export type CartRule = z.infer<typeof CartRuleSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type OrderState = z.infer<typeof OrderStateSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type StripeKeys = z.infer<typeof StripeKeysSchema>;
