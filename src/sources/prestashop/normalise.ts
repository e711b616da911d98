// From PrestaShop rows to snapshot part data. Webservice entities and database rows share column
// names, and both hand scalars as strings or numbers depending on version (api-notes §2): every
// field goes through these coercions, so both sources produce identical parts.

import type { CartRule, Category, Customer, Group, Order, OrderState } from '../../engine/parts.js';

export type Scalar = string | number | boolean | null | undefined;
export type Row = Record<string, unknown>;

export function toInt(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Math.trunc(Number(value));
  return fallback;
}

export function toNumber(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return fallback;
}

/** PrestaShop flags: "1"/1/true are on; "0"/0/""/null/absent (8.x drops falsy fields) are off. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function toText(value: unknown, langId?: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // Webservice i18n field with several languages: [{id, value}].
  if (Array.isArray(value)) {
    const entries = value as Array<{ id?: unknown; value?: unknown }>;
    const hit = entries.find((e) => toInt(e.id) === langId) ?? entries[0];
    return hit ? toText(hit.value) : '';
  }
  return '';
}

/** `YYYY-MM-DD HH:MM:SS`, or null for the zero date and empty values. */
export function toDate(value: unknown): string | null {
  const text = toText(value).trim();
  if (!text || text.startsWith('0000-00-00')) return null;
  return /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(text) ? text : null;
}

export function toIdList(value: unknown): number[] {
  if (Array.isArray(value)) return value.map((v) => toInt(typeof v === 'object' && v !== null ? (v as Row).id : v)).filter((n) => n > 0);
  if (typeof value === 'string') return value.split(',').map((v) => toInt(v)).filter((n) => n > 0);
  return [];
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
    // customer_group normally holds the default group too; make sure a reader sees it.
    groupIds: [...new Set(groupIds.length ? groupIds : [defaultGroupId])].filter((n) => n > 0),
  };
}

export interface CartRuleExtras {
  /** null when the source cannot see the restriction lists (webservice). */
  groupIds: number[] | null;
  productRuleGroups?: CartRule['productRuleGroups'];
  usesByCustomer?: number | null;
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

export function toOrder(row: Row): Order {
  return {
    id: toInt(row.id ?? row.id_order),
    reference: toText(row.reference),
    customerId: toInt(row.id_customer),
    currentState: toInt(row.current_state),
    dateAdd: toDate(row.date_add) ?? undefined,
    deliveryDate: toDate(row.delivery_date),
  };
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

