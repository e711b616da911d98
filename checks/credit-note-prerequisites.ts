// FAQ 001 "Comment faire un Avoir ?": a credit note (avoir) is made from an order with « Retourner
// les produits » + « Générer un avoir », which PrestaShop offers only when merchandise returns are
// enabled (SAV > Retours produits, « Activer les retours ») and the order can be returned.
//
// "Can be returned" mirrors PrestaShop 8.1's Order::isReturnable() (classes/order/Order.php):
//   isReturnable()     = Configuration::get('PS_ORDER_RETURN', null, null, $this->id_shop)
//                        && isPaidAndShipped() && getNumberOfDays()
//   isPaidAndShipped() = the CURRENT state has both flags `paid` and `shipped` (a "shipped, cash on
//                        delivery" state is shipped but not paid; "Delivered" is not special: its
//                        flags are those of "Shipped");
//   getNumberOfDays()  = true when (int) PS_ORDER_RETURN_NB_DAYS is 0 (no limit), else
//                        TO_DAYS(date('Y-m-d')) - TO_DAYS(delivery_date) <= that number, where
//                        date() is the shop's clock (PS_TIMEZONE) and a NULL or zero delivery_date
//                        gives NULL days, which PHP counts as within the window (null <= n).
// Both settings are read for the ORDER's shop (its id_shop; the sources resolve them shop > shop
// group > global into order.returnConfiguration), with PHP's truthiness ("0" and "" are off) and
// PHP's (int) cast ("abc" is 0, i.e. no limit).

import type { Order, OrderState } from '../src/engine/parts.js';
import { daysBetween, shopClock, shopTimeZone } from '../src/engine/shop-time.js';
import { t, type Check, type CheckContext, type FixContext, type FixProposal, type Text } from '../src/engine/types.js';
import { formatShopDay } from '../src/report/dates.js';
import { forms, plurals } from '../src/report/french.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  orderLabel: (reference: string, id: number) =>
    t(`commande ${reference} (n° ${id})`, `order ${reference} (#${id})`),
  stateLabel: (name: string, id: number) =>
    t(`« ${name} » (n° ${id})`, `"${name}" (#${id})`),
  stateUnknownShop: (currentState: number) =>
    t(`n° ${currentState} (statut inconnu de la boutique)`, `#${currentState} (state unknown to the shop)`),
  deliveredInstance: t('« Livré » par exemple', '"Delivered" for instance'),
  addOrderIdReference: t('Ajoutez --order <id|référence> pour vérifier aussi une commande.', "Add --order <id|reference> to check an order too."),
  orderCouldNotRead: (order: string, why: Text | undefined) =>
    t(
      `La commande « ${order} » n'a pas pu être lue${why ? ` : ${why.fr}` : ''}.`,
      `Order "${order}" could not be read${why ? `: ${why.en}` : ''}.`,
    ),
  merchandiseReturnsEnabledBut: (text: Text) =>
    t(`Les retours produits sont activés, mais ${lower(text.fr)}`, `Merchandise returns are enabled, but ${lower(text.en)}`),
  checkStateToo: (text: Text) =>
    t(`${text.fr} Vérifiez aussi son statut.`, `${text.en} Check its state too.`),
  noOrderMatches: (order: string) =>
    t(`aucune commande ne correspond à « ${order} »`, `no order matches "${order}"`),
  backOfficeOrdersOrders: (order: string) =>
    t(
      `Dans le back-office : Commandes > Commandes, cherchez « ${order} » dans les colonnes « ID » et « Référence » (la référence fait 9 lettres).`,
      `In the back office: Orders > Orders, look for "${order}" in the "ID" and "Reference" columns (a reference has 9 letters).`,
    ),
  ordersMatchAllExamined: (verdicts: Verdict[], order: string) =>
    t(
      `${verdicts.length} commandes correspondent à « ${order} » (n° ${verdicts.map((v) => v.order.id).join(', ')}) : toutes sont examinées.`,
      `${verdicts.length} orders match "${order}" (#${verdicts.map((v) => v.order.id).join(', ')}): all are examined.`,
    ),
  productsCanReturnedCredit: (returnable: Verdict[]) =>
    t(
      `${returnable.map((v) => `${capital(orderName(v.order).fr)} au statut ${stateName(v).fr}`).join(', ')} : les produits peuvent être retournés avec un avoir.`,
      `${returnable.map((v) => `${capital(orderName(v.order).en)} in state ${stateName(v).en}`).join(', ')}: products can be returned with a credit note.`,
    ),
  creditNoteCannotMade: (list: (items: Text[]) => Text, all: Text[], noteText: Text) =>
    t(`Impossible de faire un avoir :\n${list(all).fr}${noteText.fr}`, `A credit note cannot be made:\n${list(all).en}${noteText.en}`),
  verifyBeforeMakingCredit: (list: (items: Text[]) => Text, unknowns: Text[], noteText: Text) =>
    t(`À vérifier avant de faire un avoir :\n${list(unknowns).fr}${noteText.fr}`, `To verify before making a credit note:\n${list(unknowns).en}${noteText.en}`),
  returnWindowDays: (passLimit: number) =>
    t(` (délai de retour : ${passLimit} jours)`, ` (return window: ${passLimit} days)`),
  noTimeLimit: t(' (sans limite de délai)', ' (no time limit)'),
  merchandiseReturnsEnabled: (limitText: Text, noteText: Text) =>
    t(`Les retours produits sont activés${limitText.fr}.${noteText.fr}`, `Merchandise returns are enabled${limitText.en}.${noteText.en}`),
};

const DAYS = forms('{n} jour', '{n} jours', '{n} day', '{n} days');

// ---------------------------------------------------------------------------------------------
// Messages (French and English) and back-office steps.

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

const msg = {
  returnsOff: (value: string | null | undefined, shop?: number) =>
    t(
      `les retours produits sont désactivés${shop ? ` pour la boutique n° ${shop} de la commande` : ''} (PS_ORDER_RETURN = ${value === null || value === undefined ? 'absent' : `"${value}"`}) : sans eux, PrestaShop ne permet pas de faire d'avoir`,
      `merchandise returns are disabled${shop ? ` for the order's shop #${shop}` : ''} (PS_ORDER_RETURN = ${value === null || value === undefined ? 'missing' : `"${value}"`}): without them PrestaShop does not let you make a credit note`,
    ),
  chooseShop: (shop: number) =>
    t(
      `En multiboutique, choisissez d'abord la boutique n° ${shop} (celle de la commande) dans le sélecteur de boutique en haut du back-office.`,
      `With multistore, first choose shop #${shop} (the order's) in the shop selector at the top of the back office.`,
    ),
  notPaidAndShipped: (order: Text, state: Text, why: Text) =>
    t(
      `${order.fr} au statut ${state.fr} : ${why.fr} ; PrestaShop n'accepte le retour que d'une commande dont le statut actuel est à la fois payé et expédié`,
      `${order.en} in state ${state.en}: ${why.en}; PrestaShop only accepts returns on an order whose current state is both paid and shipped`,
    ),
  shippedNotPaid: t('expédiée mais pas payée (comme un paiement à la livraison pas encore encaissé)', 'shipped but not paid (like cash on delivery not yet collected)'),
  paidNotShipped: t('payée mais pas encore expédiée', 'paid but not shipped yet'),
  neither: t('ni payée ni expédiée', 'neither paid nor shipped'),
  unknownState: t("ce statut n'existe pas dans la boutique, PrestaShop ne le considère ni payé ni expédié", 'that state does not exist in the shop, so PrestaShop counts it as neither paid nor shipped'),
  windowOver: (order: Text, days: number, date: string, limit: number) =>
    t(
      `${order.fr} : livrée il y a ${plurals(days, DAYS).fr} (date de livraison ${formatShopDay(date, 'fr')}), au-delà du délai de retour de ${plurals(limit, DAYS).fr} (PS_ORDER_RETURN_NB_DAYS) ; PrestaShop ne la considère plus comme retournable`,
      `${order.en}: delivered ${days} days ago (delivery date ${formatShopDay(date, 'en')}), past the ${limit}-day return window (PS_ORDER_RETURN_NB_DAYS); PrestaShop no longer treats it as returnable`,
    ),
  windowUnknown: (order: Text, limit: number) =>
    t(
      `${order.fr} : sa date de livraison n'a pas pu être lue, le délai de retour de ${limit} jours n'a donc pas pu être vérifié`,
      `${order.en}: its delivery date could not be read, so the ${limit}-day return window could not be verified`,
    ),
  noDeliveryDate: (limit: number) =>
    t(
      `Sans date de livraison, PrestaShop n'applique pas le délai de retour de ${limit} jours.`,
      `Without a delivery date, PrestaShop does not apply the ${limit}-day return window.`,
    ),
  setPaidAndShipped: (targets: Text) =>
    t(
      `Quand le paiement est encaissé et les produits partis, choisissez un statut à la fois payé et expédié (${targets.fr}) puis validez le changement de statut.`,
      `Once the payment is collected and the products have left, choose a state that is both paid and shipped (${targets.en}), then confirm the status change.`,
    ),
  lengthenWindow: (days: number) =>
    t(
      `Allongez le délai de retour (en jours ; 0 = sans limite) à au moins ${days} jours le temps de faire l'avoir, puis remettez la valeur habituelle.`,
      `Lengthen the return time limit (in days; 0 = no limit) to at least ${days} days while you make the credit note, then set it back.`,
    ),
  checkWindow: (limit: number) =>
    t(
      `Vérifiez que la commande a été livrée il y a au plus ${limit} jours (sinon allongez le délai de retour dans SAV > Retours produits).`,
      `Check that the order was delivered at most ${limit} days ago (otherwise lengthen the return time limit in Customer Service > Merchandise Returns).`,
    ),
};

const manualSteps: Text[] = [
  openReturns,
  t('Vérifiez que « Activer les retours » est sur Oui, et notez le délai de retour (0 = sans limite).', 'Check that "Enable returns" is Yes, and note the return time limit (0 = no limit).'),
  openOrders,
  t(
    'Vérifiez que son statut actuel est à la fois payé et expédié (« Expédié » ou « Livré » ; un statut « expédié, paiement à la livraison » ne suffit pas) et que la livraison date de moins que le délai de retour.',
    'Check that its current state is both paid and shipped ("Shipped" or "Delivered"; a "shipped, cash on delivery" state is not enough) and that it was delivered within the return time limit.',
  ),
];

// ---------------------------------------------------------------------------------------------
// PHP semantics of the configuration values.

/** PHP truthiness of a configuration value (Configuration::get): absent, null, "" and "0" are off. */
function phpTruthy(value: string | null | undefined): boolean {
  return value !== undefined && value !== null && value !== '' && value !== '0';
}

/** PHP's (int) cast of a configuration value: leading number, else 0 (absent = false = 0). */
function phpInt(value: string | null | undefined): number {
  const m = /^[ \t\n\r\v\f]*([+-]?\d+(\.\d*)?([eE][+-]?\d+)?)/.exec(value ?? '');
  const n = m ? Math.trunc(Number(m[1])) : 0;
  return Number.isFinite(n) ? n : 0;
}

// ---------------------------------------------------------------------------------------------
// Order::isReturnable(), condition by condition.

interface Verdict {
  order: Order;
  state: OrderState | undefined;
  /** The configuration the rule reads for this order (its shop's, else the diagnosed shop's). */
  returnsValue: string | null | undefined;
  returnsOn: boolean;
  paidAndShipped: boolean;
  /** (int) PS_ORDER_RETURN_NB_DAYS; 0 = no limit. */
  limit: number;
  /** TO_DAYS(today) - TO_DAYS(delivery_date); null when the date is NULL/zero (inside for PHP). */
  days: number | null;
  /** The delivery date was not read at all: the window cannot be decided. */
  windowUnknown: boolean;
  windowOk: boolean;
}

function judge(order: Order, states: OrderState[], shopConfig: Record<string, string | null>, today: string): Verdict {
  const config = order.returnConfiguration ?? shopConfig;
  const returnsValue = config['PS_ORDER_RETURN'];
  const state = states.find((s) => s.id === order.currentState);
  const limit = phpInt(config['PS_ORDER_RETURN_NB_DAYS']);
  // NULL and the zero date both make TO_DAYS() NULL.
  const dated = order.deliveryDate && !order.deliveryDate.startsWith('0000-00-00') ? order.deliveryDate : null;
  const days = dated ? daysBetween(today, dated) : null;
  const windowUnknown = limit !== 0 && order.deliveryDate === undefined;
  return {
    order,
    state,
    returnsValue,
    returnsOn: phpTruthy(returnsValue),
    paidAndShipped: state?.paid === true && state.shipped === true,
    limit,
    days,
    windowUnknown,
    windowOk: limit === 0 || days === null || days <= limit,
  };
}

function orderName(o: Order): Text {
  return MESSAGES.orderLabel(o.reference, o.id);
}

function stateName(v: Verdict): Text {
  return v.state
    ? MESSAGES.stateLabel(v.state.name, v.state.id)
    : MESSAGES.stateUnknownShop(v.order.currentState);
}

function stateWhy(v: Verdict): Text {
  if (!v.state) return msg.unknownState;
  if (v.state.shipped) return msg.shippedNotPaid;
  return v.state.paid ? msg.paidNotShipped : msg.neither;
}

/** The shop's states that are both paid and shipped, by name, for the fix. */
function paidAndShippedStates(states: OrderState[]): Text {
  const good = states.filter((s) => s.paid && s.shipped && !s.deleted);
  if (!good.length) return MESSAGES.deliveredInstance;
  return t(good.map((s) => `« ${s.name} »`).join(' ou '), good.map((s) => `"${s.name}"`).join(' or '));
}

const fixMessages = {
  enableReturns: t(
    'Activer les retours produits (Service client > Retours produits\u00a0: «\u00a0Activer les retours\u00a0» sur Oui)',
    'Enable merchandise returns (Customer Service > Merchandise Returns: "Enable returns" set to Yes)',
  ),
};

export default {
  meta: {
    id: 'credit-note-prerequisites',
    category: 'orders',
    severity: 'fail',
    needs: ['prestashop.configuration', 'prestashop.orderStates'],
    optional: ['prestashop.order'],
    title: t('Conditions pour faire un avoir', 'Prerequisites for a credit note'),
    description: t(
      "Vérifie que les retours produits sont activés (sans eux, pas d'avoir) et, avec --order, que la commande est retournable comme PrestaShop le décide (Order::isReturnable) : retours activés pour sa boutique, statut actuel à la fois payé et expédié, et livraison dans le délai de retour.",
      "Verifies that merchandise returns are enabled (no credit note without them) and, with --order, that the order is returnable as PrestaShop decides it (Order::isReturnable): returns enabled for its shop, a current state both paid and shipped, and delivery within the return window.",
    ),
    manualSteps,
    docs: 'FAQ 001, « Comment faire un Avoir ? » ; PrestaShop 8.1 Order::isReturnable()',
    /** Used when the shop's PS_TIMEZONE was not gathered: delivery dates are in the shop's time zone. */
    defaultOptions: { timeZone: 'Europe/Paris' },
  },
  run(ctx: CheckContext) {
    const { parts, unavailable, options, query, now } = ctx;
    const config = parts['prestashop.configuration']!;
    const states = parts['prestashop.orderStates']!;
    const today = shopClock(now, shopTimeZone(config, options.timeZone)).slice(0, 10);

    const shopReturns = config['PS_ORDER_RETURN'] ?? null;
    const shopLimit = phpInt(config['PS_ORDER_RETURN_NB_DAYS']);
    const evidence: Record<string, unknown> = { PS_ORDER_RETURN: shopReturns, PS_ORDER_RETURN_NB_DAYS: shopLimit, today };
    const problems: Text[] = [];
    const unknowns: Text[] = [];
    const notes: Text[] = [];
    const remediation: Text[] = [];

    const lookup = query.order !== undefined ? parts['prestashop.order'] : undefined;
    /** The window the pass message states: the returnable order's shop's, else the diagnosed shop's. */
    let passLimit = shopLimit;
    // Without an order to judge, the diagnosed shop's switch is the whole question.
    if (!lookup?.matches.length && !phpTruthy(shopReturns)) {
      problems.push(msg.returnsOff(shopReturns));
      remediation.push(openReturns, enableReturns);
    }

    if (query.order === undefined) {
      notes.push(MESSAGES.addOrderIdReference);
    } else if (!lookup) {
      const why = unavailable['prestashop.order'];
      const text = MESSAGES.orderCouldNotRead(query.order, why);
      if (!problems.length) {
        return { status: 'manual', message: MESSAGES.merchandiseReturnsEnabledBut(text), remediation: [openOrders, manualSteps[3]!], evidence };
      }
      notes.push(MESSAGES.checkStateToo(text));
    } else if (lookup.matches.length === 0) {
      problems.push(MESSAGES.noOrderMatches(query.order));
      remediation.push(MESSAGES.backOfficeOrdersOrders(query.order));
      evidence.order = { query: query.order, matches: [] };
    } else {
      const verdicts = lookup.matches.map((o) => judge(o, states, config, today));
      evidence.order = {
        query: query.order,
        matches: verdicts.map((v) => ({
          id: v.order.id,
          reference: v.order.reference,
          shopId: v.order.shopId ?? null,
          currentState: v.order.currentState,
          stateName: v.state?.name ?? null,
          paid: v.state?.paid ?? null,
          shipped: v.state?.shipped ?? null,
          PS_ORDER_RETURN: v.returnsValue ?? null,
          PS_ORDER_RETURN_NB_DAYS: v.limit,
          deliveryDate: v.order.deliveryDate ?? null,
          daysSinceDelivery: v.days,
          returnable: v.returnsOn && v.paidAndShipped && v.windowOk && !v.windowUnknown,
        })),
      };
      if (verdicts.length > 1) {
        notes.push(MESSAGES.ordersMatchAllExamined(verdicts, query.order));
      }
      const returnable = verdicts.filter((v) => v.returnsOn && v.paidAndShipped && v.windowOk && !v.windowUnknown);
      if (returnable.length) {
        evidence.returnableOrderIds = returnable.map((v) => v.order.id);
        passLimit = returnable[0]!.limit;
        notes.push(MESSAGES.productsCanReturnedCredit(returnable));
        const undated = returnable.find((v) => v.limit !== 0 && v.days === null);
        if (undated) notes.push(msg.noDeliveryDate(undated.limit));
      } else {
        for (const v of verdicts) explain(v, states, problems, unknowns, remediation);
      }
    }

    const list = (items: Text[]) => t(items.map((i) => `- ${i.fr}`).join('\n'), items.map((i) => `- ${i.en}`).join('\n'));
    const noteText = notes.length ? t(`\n${notes.map((n) => n.fr).join('\n')}`, `\n${notes.map((n) => n.en).join('\n')}`) : t('', '');

    if (problems.length) {
      if (query.order !== undefined) remediation.push(openOrders, makeNote);
      const all = [...problems, ...unknowns];
      return {
        status: 'fail',
        message: MESSAGES.creditNoteCannotMade(list, all, noteText),
        remediation: dedupe(remediation),
        evidence,
      };
    }
    if (unknowns.length) {
      return {
        status: 'manual',
        message: MESSAGES.verifyBeforeMakingCredit(list, unknowns, noteText),
        remediation: dedupe([...remediation, openOrders, makeNote]),
        evidence,
      };
    }
    const limitText = passLimit ? MESSAGES.returnWindowDays(passLimit) : MESSAGES.noTimeLimit;
    return {
      status: 'pass',
      message: MESSAGES.merchandiseReturnsEnabled(limitText, noteText),
      evidence,
    };
  },
  /** Switches merchandise returns on for the diagnosed shop when they are off (the order's state is a person's call). */
  fix({ status, evidence }: FixContext): FixProposal[] {
    const value = evidence.PS_ORDER_RETURN as string | null | undefined;
    if (status !== 'fail' || phpTruthy(value ?? null)) return [];
    return [{ title: fixMessages.enableReturns, change: { kind: 'configuration', name: 'PS_ORDER_RETURN', from: value ?? null, to: '1' } }];
  },
} satisfies Check;

/** Why one order is not returnable: each failing condition of Order::isReturnable(), with its fix. */
function explain(v: Verdict, states: OrderState[], problems: Text[], unknowns: Text[], remediation: Text[]): void {
  const name = orderName(v.order);
  if (!v.returnsOn) {
    problems.push(t(`${name.fr} : ${msg.returnsOff(v.returnsValue, v.order.returnConfiguration ? v.order.shopId : undefined).fr}`, `${name.en}: ${msg.returnsOff(v.returnsValue, v.order.returnConfiguration ? v.order.shopId : undefined).en}`));
    if (v.order.returnConfiguration && v.order.shopId) remediation.push(msg.chooseShop(v.order.shopId));
    remediation.push(openReturns, enableReturns);
  }
  if (!v.paidAndShipped) {
    problems.push(msg.notPaidAndShipped(name, stateName(v), stateWhy(v)));
    remediation.push(openOrders, msg.setPaidAndShipped(paidAndShippedStates(states)));
  }
  if (!v.windowOk) {
    problems.push(msg.windowOver(name, v.days!, v.order.deliveryDate!.slice(0, 10), v.limit));
    remediation.push(openReturns, msg.lengthenWindow(v.days!));
  } else if (v.windowUnknown) {
    unknowns.push(msg.windowUnknown(name, v.limit));
    remediation.push(msg.checkWindow(v.limit));
  }
}

function dedupe(texts: Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((x) => (seen.has(x.en) ? false : (seen.add(x.en), true)));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
