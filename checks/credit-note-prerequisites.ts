// FAQ 001 "Comment faire un Avoir ?": a credit note (avoir) can only be made when merchandise
// returns are enabled (SAV > Retours produits, « Activer les retours ») and on an order whose
// status is « Expédié » or « Livré », through « Retourner les produits » + « Générer un avoir ».
// State facts from api-notes/prestashop.md §5-6: "shipped" is the state's `shipped` flag,
// "delivered" is only the id in PS_OS_DELIVERED (the `delivery` flag means something else), and
// Order::isReturnable also wants the days since delivery_date ≤ PS_ORDER_RETURN_NB_DAYS (0 = no limit).

import type { Order, OrderState } from '../src/engine/parts.js';
import { daysBetween, shopClock, shopTimeZone } from '../src/engine/shop-time.js';
import { t, type Check, type CheckContext, type Text } from '../src/engine/types.js';

const openReturns = t(
  'Dans le back-office : SAV > Retours produits (sur PrestaShop 8 : Service client > Retours produits).',
  'In the back office: Customer Service > Merchandise Returns (French back office: « SAV > Retours produits », « Service client > Retours produits » on PrestaShop 8).',
);
const enableReturns = t('Cochez « Activer les retours » (Oui) puis enregistrez.', 'Set "Enable returns" to Yes, then save.');
const openOrders = t('Dans le back-office : Commandes > Commandes, ouvrez la commande.', 'In the back office: Orders > Orders, open the order.');
const makeNote = t(
  'Cliquez sur « Retourner les produits », cochez les produits dans la colonne « Retour », cochez « Générer un avoir » puis validez avec « Retourner les produits ».',
  'Click "Return products", tick the products in the "Return" column, tick "Generate a credit slip", then confirm with "Return products".',
);

const manualSteps: Text[] = [
  openReturns,
  t('Vérifiez que « Activer les retours » est sur Oui.', 'Check that "Enable returns" is Yes.'),
  openOrders,
  t('Vérifiez que son statut est « Expédié » ou « Livré ».', 'Check that its status is "Shipped" or "Delivered".'),
];

/** PHP truthiness of a configuration value: absent, empty and "0" are off. */
function isOn(value: string | null | undefined): boolean {
  return value !== undefined && value !== null && value.trim() !== '' && value.trim() !== '0';
}

function toInt(value: string | null | undefined): number | null {
  if (value === undefined || value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value.trim());
}

interface OrderVerdict {
  order: Order;
  state: OrderState | undefined;
  shipped: boolean;
  delivered: boolean;
  /** Days since delivery when the window applies and is known. */
  daysSinceDelivery: number | null;
  windowOver: boolean;
}

function stateName(v: OrderVerdict): Text {
  return v.state
    ? t(`« ${v.state.name} » (n° ${v.state.id})`, `"${v.state.name}" (#${v.state.id})`)
    : t(`n° ${v.order.currentState} (statut inconnu de la boutique)`, `#${v.order.currentState} (state unknown to the shop)`);
}

function orderName(o: Order): Text {
  return t(`commande ${o.reference} (n° ${o.id})`, `order ${o.reference} (#${o.id})`);
}

export default {
  meta: {
    id: 'credit-note-prerequisites',
    category: 'orders',
    severity: 'fail',
    needs: ['prestashop.configuration', 'prestashop.orderStates'],
    optional: ['prestashop.order'],
    title: t('Conditions pour faire un avoir', 'Prerequisites for a credit note'),
    description: t(
      "Vérifie que les retours produits sont activés (sans eux, pas d'avoir) et, avec --order, que la commande est au statut « Expédié » ou « Livré » et encore dans le délai de retour.",
      'Verifies that merchandise returns are enabled (no credit note without them) and, with --order, that the order is "Shipped" or "Delivered" and still within the return window.',
    ),
    manualSteps,
    docs: 'FAQ 001, « Comment faire un Avoir ? »',
    /** Used when the shop's PS_TIMEZONE was not gathered: delivery dates are in the shop's time zone. */
    defaultOptions: { timeZone: 'Europe/Paris' },
  },
  run(ctx: CheckContext) {
    const { parts, unavailable, options, query, now } = ctx;
    const config = parts['prestashop.configuration']!;
    const states = parts['prestashop.orderStates']!;

    const returnsValue = config['PS_ORDER_RETURN'] ?? null;
    const returnsOn = isOn(returnsValue);
    const returnDays = toInt(config['PS_ORDER_RETURN_NB_DAYS']);
    const deliveredId = toInt(config['PS_OS_DELIVERED']);
    const zone = shopTimeZone(config, options.timeZone);
    const today = shopClock(now, zone).slice(0, 10);

    const problems: Text[] = [];
    const warnings: Text[] = [];
    const notes: Text[] = [];
    const remediation: Text[] = [];
    const evidence: Record<string, unknown> = { PS_ORDER_RETURN: returnsValue, PS_ORDER_RETURN_NB_DAYS: returnDays, PS_OS_DELIVERED: deliveredId };

    if (!returnsOn) {
      problems.push(
        t(
          `les retours produits sont désactivés (PS_ORDER_RETURN = ${returnsValue === null ? 'absent' : `"${returnsValue}"`}) : sans eux, PrestaShop ne permet pas de faire d'avoir`,
          `merchandise returns are disabled (PS_ORDER_RETURN = ${returnsValue === null ? 'missing' : `"${returnsValue}"`}): without them PrestaShop does not let you make a credit note`,
        ),
      );
      remediation.push(openReturns, enableReturns);
    }

    if (query.order !== undefined) {
      const lookup = parts['prestashop.order'];
      if (!lookup) {
        const why = unavailable['prestashop.order'];
        if (!problems.length) {
          return {
            status: 'manual',
            message: t(
              `Les retours produits sont activés, mais la commande « ${query.order} » n'a pas pu être lue${why ? ` : ${why.fr}` : ''}.`,
              `Merchandise returns are enabled, but order "${query.order}" could not be read${why ? `: ${why.en}` : ''}.`,
            ),
            remediation: [openOrders, t('Vérifiez que son statut est « Expédié » ou « Livré ».', 'Check that its status is "Shipped" or "Delivered".')],
            evidence,
          };
        }
        notes.push(t(`La commande « ${query.order} » n'a pas pu être lue : vérifiez aussi son statut.`, `Order "${query.order}" could not be read: check its status too.`));
      } else if (lookup.matches.length === 0) {
        problems.push(t(`aucune commande ne correspond à « ${query.order} »`, `no order matches "${query.order}"`));
        remediation.push(
          t(
            `Dans le back-office : Commandes > Commandes, cherchez « ${query.order} » dans les colonnes « ID » et « Référence » (la référence fait 9 lettres).`,
            `In the back office: Orders > Orders, look for "${query.order}" in the "ID" and "Reference" columns (a reference has 9 letters).`,
          ),
        );
        evidence.order = { query: query.order, matches: [] };
      } else {
        const verdicts: OrderVerdict[] = lookup.matches.map((order) => {
          const state = states.find((s) => s.id === order.currentState);
          const shipped = state?.shipped === true;
          const delivered = deliveredId !== null && order.currentState === deliveredId;
          const delivery = order.deliveryDate && !order.deliveryDate.startsWith('0000-00-00') ? order.deliveryDate.slice(0, 10) : null;
          const daysSinceDelivery = returnDays !== null && returnDays > 0 && delivery ? daysBetween(today, delivery) : null;
          return { order, state, shipped, delivered, daysSinceDelivery, windowOver: daysSinceDelivery !== null && daysSinceDelivery > returnDays! };
        });
        const inState = verdicts.filter((v) => v.shipped || v.delivered);
        const usable = inState.filter((v) => !v.windowOver);
        evidence.order = {
          query: query.order,
          matches: verdicts.map((v) => ({
            id: v.order.id,
            reference: v.order.reference,
            currentState: v.order.currentState,
            stateName: v.state?.name ?? null,
            shipped: v.shipped,
            delivered: v.delivered,
            deliveryDate: v.order.deliveryDate ?? null,
            daysSinceDelivery: v.daysSinceDelivery,
          })),
        };
        if (verdicts.length > 1) {
          notes.push(
            t(
              `${verdicts.length} commandes correspondent à « ${query.order} » (n° ${verdicts.map((v) => v.order.id).join(', ')}) : toutes sont examinées.`,
              `${verdicts.length} orders match "${query.order}" (#${verdicts.map((v) => v.order.id).join(', ')}): all are examined.`,
            ),
          );
        }
        if (inState.length === 0) {
          const each = verdicts.map((v) => t(`${orderName(v.order).fr} au statut ${stateName(v).fr}`, `${orderName(v.order).en} in state ${stateName(v).en}`));
          problems.push(
            t(
              `${each.map((e) => e.fr).join(', ')} : il faut le statut « Expédié » ou « Livré » pour retourner les produits`,
              `${each.map((e) => e.en).join(', ')}: the state must be "Shipped" or "Delivered" to return products`,
            ),
          );
          remediation.push(
            openOrders,
            t(
              'Si les produits sont bien partis, passez le statut sur « Expédié » (ou « Livré ») puis validez le changement.',
              'If the products did leave, change the status to "Shipped" (or "Delivered") and confirm the change.',
            ),
            makeNote,
          );
        } else if (usable.length === 0) {
          for (const v of inState) {
            warnings.push(
              t(
                `${orderName(v.order).fr} : livrée il y a ${v.daysSinceDelivery} jours, au-delà du délai de retour de ${returnDays} jours ; PrestaShop ne la considère plus comme retournable`,
                `${orderName(v.order).en}: delivered ${v.daysSinceDelivery} days ago, past the ${returnDays}-day return window; PrestaShop no longer treats it as returnable`,
              ),
            );
          }
          remediation.push(
            openReturns,
            t(
              `Allongez le délai de retour (en jours ; 0 = sans limite) au-delà de ${Math.max(...inState.map((v) => v.daysSinceDelivery ?? 0))} jours, le temps de faire l'avoir.`,
              `Lengthen the return time limit (in days; 0 = no limit) beyond ${Math.max(...inState.map((v) => v.daysSinceDelivery ?? 0))} days while you make the credit note.`,
            ),
            openOrders,
            makeNote,
          );
        } else {
          evidence.returnableOrderIds = usable.map((v) => v.order.id);
          notes.push(
            t(
              `${usable.map((v) => `${capital(orderName(v.order).fr)} au statut ${stateName(v).fr}`).join(', ')} : les produits peuvent être retournés avec un avoir.`,
              `${usable.map((v) => `${capital(orderName(v.order).en)} in state ${stateName(v).en}`).join(', ')}: products can be returned with a credit note.`,
            ),
          );
          if (returnDays !== null && returnDays > 0 && usable.some((v) => v.daysSinceDelivery === null)) {
            notes.push(t(`Date de livraison inconnue : le délai de retour de ${returnDays} jours n'a pas pu être vérifié.`, `Delivery date unknown: the ${returnDays}-day return window could not be verified.`));
          }
        }
      }
    } else {
      notes.push(t('Ajoutez --order <id|référence> pour vérifier aussi le statut d’une commande.', 'Add --order <id|reference> to check an order\'s status too.'));
    }

    const list = (items: Text[]) => t(items.map((i) => `- ${i.fr}`).join('\n'), items.map((i) => `- ${i.en}`).join('\n'));
    const noteText = notes.length ? t(`\n${notes.map((n) => n.fr).join('\n')}`, `\n${notes.map((n) => n.en).join('\n')}`) : t('', '');

    if (problems.length) {
      const all = [...problems, ...warnings];
      if (!returnsOn && query.order !== undefined) remediation.push(makeNote);
      return {
        status: 'fail',
        message: t(`Impossible de faire un avoir :\n${list(all).fr}${noteText.fr}`, `A credit note cannot be made:\n${list(all).en}${noteText.en}`),
        remediation: dedupe(remediation),
        evidence,
      };
    }
    if (warnings.length) {
      return {
        status: 'warn',
        message: t(`Les retours sont activés, mais le délai de retour est dépassé :\n${list(warnings).fr}${noteText.fr}`, `Returns are enabled, but the return window is over:\n${list(warnings).en}${noteText.en}`),
        remediation: dedupe(remediation),
        evidence,
      };
    }
    return {
      status: 'pass',
      message: t(
        `Les retours produits sont activés${returnDays ? ` (délai de retour : ${returnDays} jours)` : returnDays === 0 ? ' (sans limite de délai)' : ''}.${noteText.fr}`,
        `Merchandise returns are enabled${returnDays ? ` (return window: ${returnDays} days)` : returnDays === 0 ? ' (no time limit)' : ''}.${noteText.en}`,
      ),
      evidence,
    };
  },
} satisfies Check;

function dedupe(texts: Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((x) => (seen.has(x.en) ? false : (seen.add(x.en), true)));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
