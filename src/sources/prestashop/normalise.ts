// From PrestaShop rows to snapshot part data. Webservice entities and database rows share column
// names, and both hand scalars as strings or numbers depending on version (api-notes §2): every
// field goes through these coercions, so both sources produce identical parts.

import type { CartRule, Category, Customer, Group, Order, OrderState } from '../../engine/parts.js';
import { i18nText, toBool, toDate as coerceDate, toIntOr, toNumber as coerceNumber } from './coerce.js';

export type Row = Record<string, unknown>;

// The part builders below want plain values with defaults; the coercions themselves are the
// webservice client's (coerce.ts), so both sources read "1", 1, "" or an absent field alike.

/** An integer, `fallback` when absent or not numeric (a dropped falsy field is 0). */
export function toInt(value: unknown, fallback = 0): number {
  return toIntOr(value, fallback);
}

export function toNumber(value: unknown, fallback = 0): number {
  return coerceNumber(value) ?? fallback;
}

export { toBool };

/** A string; a multilingual field (webservice, several languages) gives the `langId` value. */
export function toText(value: unknown, langId?: number): string {
  return i18nText(value, langId);
}

/** `YYYY-MM-DD HH:MM:SS`, or null for the zero date, empty values and anything not a date. */
export function toDate(value: unknown): string | null {
  const text = coerceDate(value)?.trim();
  return text && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(text) ? text : null;
}

export function toGroup(row: Row, langId?: number): Group {
  return { id: toInt(row.id ?? row.id_group), name: toText(row.name, langId) };
}

export function toCategory(row: Row, langId?: number): Category {
  return { id: toInt(row.id ?? row.id_category), name: toText(row.name, langId), active: toBool(row.active) };
}

export function toCustomer(row: Row, groupIds: number[]): Customer {
  const defaultGroupId = toInt(row.id_default_group);
  return {
    id: toInt(row.id ?? row.id_customer),
    email: toText(row.email),
    firstname: toText(row.firstname),
    lastname: toText(row.lastname),
    active: toBool(row.active),
    deleted: toBool(row.deleted),
    isGuest: toBool(row.is_guest),
    defaultGroupId,
    // Exactly the customer_group rows, as Customer::getGroups() returns them: no rows means no group
    // at all, whatever id_default_group says (the default group is not a membership by itself).
    groupIds: [...new Set(groupIds)].filter((n) => n > 0),
  };
}

export interface CartRuleExtras {
  /** null when the source cannot see the restriction lists (webservice). */
  groupIds: number[] | null;
  productRuleGroups?: CartRule['productRuleGroups'];
  usesByCustomer?: number | null;
  usesCustomerId?: number;
  usesByCustomerCause?: string;
  /** Which orders usesByCustomer counted (CartRule['usesByCustomerScope']); only with a count. */
  usesByCustomerScope?: CartRule['usesByCustomerScope'];
  minimumAmountCurrencyResolved?: CartRule['minimumAmountCurrencyResolved'];
}

export function toCartRule(row: Row, extras: CartRuleExtras, langId?: number): CartRule {
  return {
    id: toInt(row.id ?? row.id_cart_rule),
    code: toText(row.code),
    name: toText(row.name, langId),
    active: toBool(row.active),
    dateFrom: toDate(row.date_from) ?? '0000-00-00 00:00:00',
    dateTo: toDate(row.date_to) ?? '0000-00-00 00:00:00',
    quantity: toInt(row.quantity),
    quantityPerUser: toInt(row.quantity_per_user),
    minimumAmount: toNumber(row.minimum_amount),
    minimumAmountCurrency: row.minimum_amount_currency === undefined ? undefined : toText(row.minimum_amount_currency),
    minimumAmountTaxIncluded: toBool(row.minimum_amount_tax),
    minimumAmountShippingIncluded: toBool(row.minimum_amount_shipping),
    customerId: toInt(row.id_customer),
    groupRestriction: toBool(row.group_restriction),
    groupIds: extras.groupIds,
    productRestriction: toBool(row.product_restriction),
    productRuleGroups: extras.productRuleGroups ?? null,
    usesByCustomer: extras.usesByCustomer ?? null,
    ...(extras.usesCustomerId !== undefined ? { usesCustomerId: extras.usesCustomerId } : {}),
    ...(extras.usesByCustomerCause !== undefined ? { usesByCustomerCause: extras.usesByCustomerCause } : {}),
    ...(extras.usesByCustomerScope !== undefined && extras.usesByCustomer !== null && extras.usesByCustomer !== undefined ? { usesByCustomerScope: extras.usesByCustomerScope } : {}),
    ...(extras.minimumAmountCurrencyResolved !== undefined ? { minimumAmountCurrencyResolved: extras.minimumAmountCurrencyResolved } : {}),
    countryRestriction: toBool(row.country_restriction),
    carrierRestriction: toBool(row.carrier_restriction),
    shopRestriction: toBool(row.shop_restriction),
  };
}

export function toOrderState(row: Row, langId?: number): OrderState {
  return {
    id: toInt(row.id ?? row.id_order_state),
    name: toText(row.name, langId),
    paid: toBool(row.paid),
    shipped: toBool(row.shipped),
    delivery: toBool(row.delivery),
    deleted: toBool(row.deleted),
  };
}

/** The configuration names Order::isReturnable() reads, for the order's own shop. */
export const ORDER_RETURN_CONFIGURATION = ['PS_ORDER_RETURN', 'PS_ORDER_RETURN_NB_DAYS'] as const;

/**
 * An order; with the configuration rows of every scope (`configurationRows`), its return settings
 * resolved for its own shop and shop group, as Order::isReturnable() reads them.
 */
export function toOrder(row: Row, configurationRows?: Row[]): Order {
  const shopId = row.id_shop === undefined ? undefined : toInt(row.id_shop);
  const shopGroupId = row.id_shop_group === undefined ? undefined : toInt(row.id_shop_group);
  const order: Order = {
    id: toInt(row.id ?? row.id_order),
    reference: toText(row.reference),
    customerId: toInt(row.id_customer),
    currentState: toInt(row.current_state),
    dateAdd: toDate(row.date_add) ?? undefined,
    deliveryDate: toDate(row.delivery_date),
    ...(shopId !== undefined ? { shopId } : {}),
    ...(shopGroupId !== undefined ? { shopGroupId } : {}),
  };
  if (configurationRows && shopId) {
    const wanted = configurationRows.filter((r) => (ORDER_RETURN_CONFIGURATION as readonly string[]).includes(toText(r.name)));
    order.returnConfiguration = Object.fromEntries(resolveConfiguration(wanted, shopId, shopGroupId ?? 0));
  }
  return order;
}

/** Configuration rows of every scope, resolved for one shop: shop > shop group > global. */
export function resolveConfiguration(rows: Row[], shopId: number, shopGroupId: number): Map<string, string | null> {
  const rank = (row: Row) => {
    const shop = toInt(row.id_shop, 0);
    const group = toInt(row.id_shop_group, 0);
    if (shop === shopId) return 3;
    if (shop === 0 && group === shopGroupId) return 2;
    if (shop === 0 && group === 0) return 1;
    return 0; // another shop's row
  };
  const best = new Map<string, { rank: number; value: string | null }>();
  for (const row of rows) {
    const r = rank(row);
    if (r === 0) continue;
    const name = toText(row.name);
    const current = best.get(name);
    if (!current || r > current.rank) best.set(name, { rank: r, value: row.value === null || row.value === undefined ? null : toText(row.value) });
  }
  return new Map([...best].map(([name, { value }]) => [name, value]));
}

