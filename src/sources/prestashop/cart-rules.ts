// What both PrestaShop sources add to a cart rule beyond its own row: the asked customer's past
// uses (for `quantity_per_user`) and the currency of its minimum amount. The rules mirrored here
// are PrestaShop's own, so that the database and the webservice give the same facts.
//
// Per-customer uses — CartRule::checkValidity (classes/CartRule.php, 1.7.7 to 8.1.x), when the cart
// has a customer:
//
//   SELECT count(*) FROM orders o LEFT JOIN order_cart_rule ocr ON o.id_order = ocr.id_order
//   WHERE o.id_customer = <customer> AND ocr.deleted = 0 AND ocr.id_cart_rule = <rule>
//     AND <(int) PS_OS_ERROR> != o.current_state
//
// then one more use (the one being attempted) is added and the code is refused when the total
// exceeds quantity_per_user, i.e. when uses >= quantity_per_user. So:
// - only the "payment error" state (PS_OS_ERROR) is excluded: cancelled and refunded orders count;
// - an order_cart_rule row removed from the order in the back office (deleted = 1) does not count;
// - orders of every shop count (no shop filter), each row counts (a rule applied twice, twice);
// - the current cart's rules count only when PrestaShop re-validates a rule already in the cart
//   (useOrderPrices): a customer typing the code does not hit that branch, so it is not counted;
// - PS_OS_ERROR missing from the configuration is (int) false = 0: no state is excluded.

import type { CartRule, Customer } from '../../engine/parts.js';
import { toBool, toInt, toNumber, toText, type Row } from './normalise.js';

/**
 * The account whose uses are counted when the asked e-mail matches several: a registered, not
 * deleted account first (the one a customer logs in with), else the first match.
 */
export function customerForUses(matches: readonly Customer[]): Customer | undefined {
  return matches.find((c) => !c.isGuest && !c.deleted) ?? matches[0];
}

/**
 * The order state excluded from the count (PS_OS_ERROR, 0 when the shop has no such row); null
 * when the configuration itself could not be read, so the count would be a guess.
 */
export function errorStateFrom(config: ReadonlyMap<string, string | null>, configurationRead: boolean): number | null {
  if (!configurationRead) return null;
  return toInt(config.get('PS_OS_ERROR'), 0);
}

/**
 * Counts the uses from the customer's orders (`id`, `current_state`) and order_cart_rule rows
 * (`id_order`, `id_cart_rule`, `deleted`), as the query above does. Rows of other orders or rules
 * are ignored, so callers may pass wider lists. A missing `deleted` (PrestaShop before 1.7.7 had
 * no soft delete) counts as not deleted.
 */
export function countUses(orders: readonly Row[], orderCartRules: readonly Row[], ruleId: number, errorState: number): number {
  const counted = new Set(orders.filter((o) => toInt(o.current_state) !== errorState).map((o) => toInt(o.id ?? o.id_order)));
  return orderCartRules.filter((r) => toInt(r.id_cart_rule) === ruleId && !toBool(r.deleted) && counted.has(toInt(r.id_order))).length;
}

export interface Currency {
  id: number;
  isoCode: string;
  /** In the language asked; null when empty or not readable. */
  symbol: string | null;
}

/** A `ps_currency` row joined with its `currency_lang` row, or a webservice `currencies` entity. */
export function toCurrency(row: Row, langId?: number): Currency {
  const symbol = toText(row.symbol, langId).trim();
  return { id: toInt(row.id ?? row.id_currency), isoCode: toText(row.iso_code).trim().toUpperCase(), symbol: symbol || null };
}

/**
 * The currency of a rule's minimum amount: its `minimum_amount_currency`, or PS_CURRENCY_DEFAULT
 * when that is 0 or absent; null when the id is not among the currencies read (or none could be).
 */
export function resolveMinimumCurrency(
  rawId: unknown,
  currencies: readonly Currency[] | null,
  config: ReadonlyMap<string, string | null>,
): NonNullable<CartRule['minimumAmountCurrencyResolved']> | null {
  if (!currencies) return null;
  const own = toInt(rawId, 0);
  const id = own > 0 ? own : toInt(config.get('PS_CURRENCY_DEFAULT'), 0);
  const currency = currencies.find((c) => c.id === id && c.isoCode !== '');
  return currency ? { ...currency, fromDefault: own <= 0 } : null;
}

/** Only a minimum amount above 0 is shown, so only then is its currency read. */
export function needsCurrency(row: Row): boolean {
  return toNumber(row.minimum_amount) > 0;
}

/** The currency ids a set of rules needs (their own, and the default for rules naming none). */
export function currencyIdsFor(rows: readonly Row[], config: ReadonlyMap<string, string | null>): number[] {
  const ids = rows.filter(needsCurrency).map((r) => toInt(r.minimum_amount_currency, 0)).map((id) => (id > 0 ? id : toInt(config.get('PS_CURRENCY_DEFAULT'), 0)));
  return [...new Set(ids.filter((id) => id > 0))].sort((a, b) => a - b);
}
