// FAQ 000, the promo-code paragraph: the Get It team creates the codes on request (a ticket giving
// their conditions: validity dates, optional minimum amount, total quantity, quantity per customer,
// the club, an optional product). This check reads the cart rule behind the code asked with --code
// and tells which of those conditions stops it, in the order CartRule::checkValidity applies them
// (api-notes/prestashop.md §5 for the fields, §7 for the group and product restriction tables).

import type { CartRule, Customer, Group } from '../src/engine/parts.js';
import { shopClock, shopTimeZone } from '../src/engine/shop-time.js';
import { t, type Check, type CheckContext, type CheckOutcome, type Text } from '../src/engine/types.js';
import { formatShopDate } from '../src/report/dates.js';
import { forms, plural, plurals } from '../src/report/french.js';

// Counted words, with real plurals (src/report/french.ts).
const TIMES = forms('{n} fois', '{n} fois', '{n} time', '{n} times');
const ITEMS = forms('{n} article', '{n} articles', '{n} item', '{n} items');
const ALLOWED = { fr: { one: 'autorisée', other: 'autorisées' }, en: { one: 'allowed', other: 'allowed' } };
const USES_LEFT = forms('{n} utilisation restante', '{n} utilisations restantes', '{n} use left', '{n} uses left');

const NO_DATE = '0000-00-00';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  openRule: (code: string) =>
    t(
      `Dans le back-office : Catalogue > Réductions > Règles panier, recherchez le code « ${code} » puis cliquez sur « Modifier ».`,
      `In the back office: Catalog > Discounts > Cart Rules, search for the code "${code}" and click "Edit".`,
    ),
  currencyNotResolved: (number: Text, id: number) =>
    t(`${number.fr} (devise n° ${id}, non résolue)`, `${number.en} (currency #${id}, not resolved)`),
  unknownCurrency: (number: Text) =>
    t(`${number.fr} (devise inconnue)`, `${number.en} (unknown currency)`),
  noProductRuleRecorded: t('aucune règle de produit enregistrée', 'no product rule recorded'),
  ruleOfType: (label: Text, ids: string) =>
    t(`${label.fr} n° ${ids}`, `${label.en} #${ids}`),
  productRuleGroup: (quantity: number, rules: Text[]) =>
    t(
      `au moins ${plurals(quantity, ITEMS).fr} parmi ${rules.map((r) => r.fr).join(' ; ') || '(aucune valeur)'}`,
      `at least ${plurals(quantity, ITEMS).en} among ${rules.map((r) => r.en).join('; ') || '(no value)'}`,
    ),
  noCartRuleCode: (asked: string, near: string[]) =>
    t(
      `Aucune règle panier n'a le code « ${asked} » : la boutique le refuse comme inconnu.${near.length ? ` Codes proches : ${near.join(', ')}.` : ''}`,
      `No cart rule has the code "${asked}": the shop rejects it as unknown.${near.length ? ` Close codes: ${near.join(', ')}.` : ''}`,
    ),
  checkSpellingCodeGiven: t(
    `Vérifiez l'orthographe du code donné au client (les majuscules ne comptent pas, les espaces et tirets si).`,
    'Check the spelling of the code given to the customer (case does not matter; spaces and dashes do).',
  ),
  searchCode: (asked: string) =>
    t(
      `Dans le back-office : Catalogue > Réductions > Règles panier, cherchez « ${asked} » dans la colonne « Code ».`,
      `In the back office: Catalog > Discounts > Cart Rules, search for "${asked}" in the "Code" column.`,
    ),
  askGetItToCreate: t(
    "Si le code n'existe pas : les codes promo sont créés par l'équipe Get It ; ouvrez un ticket en indiquant le code voulu, le club, les dates de validité, le montant minimum, la quantité totale, la quantité par client et le produit concerné le cas échéant.",
    'If the code does not exist: promo codes are created by the Get It team; open a ticket giving the code you want, the club, the validity dates, the minimum amount, the total quantity, the quantity per customer and the product concerned if any.',
  ),
  ruleLabel: (code: string, id: number, name: string) =>
    t(`« ${code} » (règle panier n° ${id} « ${name} »)`, `"${code}" (cart rule #${id} "${name}")`),
  sameCode: (matches: CartRule[], id: number) =>
    t(
      `${matches.length} règles portent ce code (n° ${matches.map((m) => m.id).join(', ')}) ; PrestaShop n'en retient qu'une, normalement la plus ancienne (n° ${id}), c'est elle qui est contrôlée. Donnez un code distinct à chacune.`,
      `${matches.length} rules carry this code (#${matches.map((m) => m.id).join(', ')}); PrestaShop keeps only one, normally the oldest (#${id}), which is the one checked here. Give each a distinct code.`,
    ),
  ruleDisabled: t('la règle est désactivée', 'the rule is disabled'),
  tabInformationSetStatus: t('Onglet « Informations » : passez « Statut » sur Oui.', 'Tab "Information": set "Status" to Yes.'),
  noUseLeftTotal: (quantity: number) =>
    t(`plus aucune utilisation disponible (quantité totale restante : ${quantity})`, `no use left (total quantity left: ${quantity})`),
  tabConditionsRaiseTotal: t(
    'Onglet « Conditions » : augmentez « Quantité totale disponible » (elle diminue à chaque commande qui utilise le code).',
    'Tab "Conditions": raise "Total available" (it goes down with every order that uses the code).',
  ),
  validityNotStartedBegins: (dateFrom: string, shopNow: string) =>
    t(`la validité n’a pas commencé : elle débute le ${formatShopDate(dateFrom, 'fr')} (il est ${formatShopDate(shopNow, 'fr')} à la boutique)`, `validity has not started: it begins on ${formatShopDate(dateFrom, 'en')} (it is ${formatShopDate(shopNow, 'en')} at the shop)`),
  tabConditionsMoveStart: t('Onglet « Conditions » : avancez la date de début de « Valide du … au … ».', 'Tab "Conditions": move the start date of "Valid from … to …" earlier.'),
  endDateEmpty: t("la date de fin est vide (0000-00-00) : PrestaShop la compare à l'heure actuelle et considère le code comme expiré", 'the end date is empty (0000-00-00): PrestaShop compares it with the current time and treats the code as expired'),
  tabConditionsFillEnd: t('Onglet « Conditions » : renseignez la date de fin de « Valide du … au … ».', 'Tab "Conditions": fill in the end date of "Valid from … to …".'),
  codeExpiredShop: (dateTo: string, shopNow: string) =>
    t(`le code a expiré le ${formatShopDate(dateTo, 'fr')} (il est ${formatShopDate(shopNow, 'fr')} à la boutique)`, `the code expired on ${formatShopDate(dateTo, 'en')} (it is ${formatShopDate(shopNow, 'en')} at the shop)`),
  tabConditionsPushBack: t('Onglet « Conditions » : repoussez la date de fin de « Valide du … au … ».', 'Tab "Conditions": push back the end date of "Valid from … to …".'),
  customerLabel: (customer: string) =>
    t(`le client « ${customer} »`, `customer "${customer}"`),
  customerCouldNotRead: (customer: string, why: Text | undefined) =>
    t(
      `Le client « ${customer} » n'a pas pu être lu${why ? ` (${why.fr})` : ''} : les conditions propres au client ne sont pas vérifiées.`,
      `Customer "${customer}" could not be read${why ? ` (${why.en})` : ''}: the customer-specific conditions are not verified.`,
    ),
  noCustomerAccountMatches: (customer: string) =>
    t(
      `Aucun compte client ne correspond à « ${customer} » : les conditions propres au client ne sont pas vérifiées (voir le contrôle customer-account-status).`,
      `No customer account matches "${customer}": the customer-specific conditions are not verified (see the customer-account-status check).`,
    ),
  ruleReservedCustomerNot: (customerId: number, customerLabel: Text, askedIds: number[]) =>
    t(
      `la règle est réservée au client n° ${customerId}, pas à ${customerLabel.fr}${askedIds.length ? ` (n° ${askedIds.join(', ')})` : ''}`,
      `the rule is reserved for customer #${customerId}, not ${customerLabel.en}${askedIds.length ? ` (#${askedIds.join(', ')})` : ''}`,
    ),
  tabConditionsClearLimit: t(
    'Onglet « Conditions » : videz « Limiter à un seul client » pour ouvrir le code à tous, ou choisissez le bon client.',
    'Tab "Conditions": clear "Limit to a single customer" to open the code to everyone, or pick the right customer.',
  ),
  quantityPerCustomerNo: (quantityPerUser: number) =>
    t(`la quantité par client est ${quantityPerUser} : aucun client ne peut l'utiliser`, `the quantity per customer is ${quantityPerUser}: no customer can use it`),
  alreadyUsedOutAllowed: (customerLabel: Text, uses: number, quantityPerUser: number) =>
    t(
      `${customerLabel.fr} l’a déjà utilisé ${uses} fois sur ${quantityPerUser} ${plural('fr', quantityPerUser, ALLOWED)} (commandes comptées comme PrestaShop : annulées comprises, hors « Erreur de paiement »)`,
      `${customerLabel.en} already used it ${plurals(uses, TIMES).en} out of ${quantityPerUser} allowed (orders counted as PrestaShop does: cancelled ones included, "Payment error" excluded)`,
    ),
  usablePerCustomerUsed: (quantityPerUser: number, customerLabel: Text, uses: number) =>
    t(`Utilisable ${quantityPerUser} fois par client : ${customerLabel.fr} l'a utilisé ${uses} fois.`, `Usable ${plurals(quantityPerUser, TIMES).en} per customer: ${customerLabel.en} used it ${plurals(uses, TIMES).en}.`),
  raisePerUser: t(
    'Onglet « Conditions » : augmentez « Quantité disponible pour chaque utilisateur ».',
    'Tab "Conditions": raise "Total available for each user".',
  ),
  clubGroup: (name: string, id: number) =>
    t(`le groupe du club « ${name} » (n° ${id})`, `the club's group "${name}" (#${id})`),
  clubWithoutGroup: (name: string) =>
    t(`le club « ${name} » (qui n'a pas de groupe client)`, `the club "${name}" (which has no customer group)`),
  restrictedGroupsNoCustomer: (allowed: number[], customerLabel: Text) =>
    t(
      `réservée aux groupes n° ${allowed.join(', ') || '(aucun)'} : ${customerLabel.fr} n'est dans aucun groupe client (aucune case cochée dans « Accès des groupes » de sa fiche client ; son groupe par défaut ne compte pas à lui seul)`,
      `restricted to groups #${allowed.join(', ') || '(none)'}: ${customerLabel.en} is in no customer group at all (no box ticked under "Group access" on their customer page; their default group does not count on its own)`,
    ),
  customersCustomersEditCustomer: t(
    'Dans Clients > Clients, modifiez le client : dans « Accès des groupes », cochez « Client » et le groupe du club, puis enregistrez (voir le contrôle customer-club-membership).',
    'In Customers > Customers, edit the customer: under "Group access", tick "Client" (Customer) and the club\'s group, then save (see the customer-club-membership check).',
  ),
  restrictedGroupsNoneOfCustomer: (allowed: number[], customerLabel: Text, clubAllowed: boolean) =>
    t(
      `réservée aux groupes n° ${allowed.join(', ') || '(aucun)'} : aucun groupe de ${customerLabel.fr} n'en fait partie${clubAllowed ? ` (le groupe du club est autorisé : vérifiez que le client est bien rattaché au club, contrôle customer-club-membership)` : ''}`,
      `restricted to groups #${allowed.join(', ') || '(none)'}: none of ${customerLabel.en}'s groups is among them${clubAllowed ? ` (the club's group is allowed: check that the customer belongs to the club, customer-club-membership check)` : ''}`,
    ),
  restrictedGroupsWhichDo: (allowed: number[], clubText: Text) =>
    t(
      `réservée aux groupes n° ${allowed.join(', ') || '(aucun)'}, qui ne comprennent pas ${clubText.fr}`,
      `restricted to groups #${allowed.join(', ') || '(none)'}, which do not include ${clubText.en}`,
    ),
  restrictedGroupsMayUse: (allowed: number[], customerLabel: Text, clubText: Text) =>
    t(
      `Réservée aux groupes n° ${allowed.join(', ')} : ${customerLabel.fr} y a droit, mais pas ${clubText.fr}.`,
      `Restricted to groups #${allowed.join(', ')}: ${customerLabel.en} may use it, but ${clubText.en} is not listed.`,
    ),
  restrictedGroupsClubIncluded: (allowed: number[]) =>
    t(`Réservée aux groupes n° ${allowed.join(', ')}, dont celui du club.`, `Restricted to groups #${allowed.join(', ')}, the club's included.`),
  restrictedSomeProductsCart: (d: Text) =>
    t(`Restreinte à certains produits : le panier doit contenir ${d.fr}.`, `Restricted to some products: the cart must hold ${d.en}.`),
  taxIncl: t(' TTC', ' tax incl.'),
  taxExcl: t(' HT', ' tax excl.'),
  shippingIncluded: t(', frais de port compris', ', shipping included'),
  shippingExcluded: t(', hors frais de port', ', shipping excluded'),
  cartMustReachMinimum: (money: Text, tax: Text, shipping: Text) =>
    t(
      `Le panier doit atteindre ${money.fr}${tax.fr}${shipping.fr} (« Montant minimum »).`,
      `The cart must reach ${money.en}${tax.en}${shipping.en} ("Minimum amount").`,
    ),
  conditionsList: (conditions: Text[]) =>
    t(`\nConditions :\n${bullets(conditions).fr}`, `\nConditions:\n${bullets(conditions).en}`),
  codeCannotBeUsed: (label: Text, listed: Text[], conditionText: Text) =>
    t(`Le code ${label.fr} ne peut pas être utilisé :\n${bullets(listed).fr}${conditionText.fr}`, `The code ${label.en} cannot be used:\n${bullets(listed).en}${conditionText.en}`),
  codeActiveWithinDates: (label: Text, details: Text, conditionText: Text) =>
    t(
      `Le code ${label.fr} est actif et dans ses dates, mais ce qui suit décide aussi s'il est accepté et n'a pas pu être vérifié :\n${details.fr}${conditionText.fr}`,
      `The code ${label.en} is active and within its dates, but the following also decides whether it is accepted and could not be verified:\n${details.en}${conditionText.en}`,
    ),
  codeActiveValidUntil: (label: Text, dateTo: string, quantity: number, conditionText: Text) =>
    t(
      `Le code ${label.fr} est actif, valable jusqu’au ${formatShopDate(dateTo, 'fr')}, ${plurals(quantity, USES_LEFT).fr}.${conditionText.fr}`,
      `The code ${label.en} is active, valid until ${formatShopDate(dateTo, 'en')}, ${plurals(quantity, USES_LEFT).en}.${conditionText.en}`,
    ),
  createClubGroup: t(
    "Le club n'a pas de groupe client : créez-le d'abord (Clients > Groupes), puis ajoutez-le dans l'onglet « Conditions » > « Restrictions » > « Restriction de groupes de clients ».",
    'The club has no customer group: create it first (Customers > Groups), then add it under tab "Conditions" > "Restrictions" > "Customer group selection".',
  ),
  checkGroupSelected: (name: string, id: number) =>
    t(
      `Onglet « Conditions » > « Restrictions » > « Restriction de groupes de clients » : vérifiez que « ${name} » (n° ${id}) est dans les groupes sélectionnés.`,
      `Tab "Conditions" > "Restrictions" > "Customer group selection": check that "${name}" (#${id}) is among the selected groups.`,
    ),
  addGroupSelected: (name: string, id: number) =>
    t(
      `Onglet « Conditions » > « Restrictions » > « Restriction de groupes de clients » : ajoutez « ${name} » (n° ${id}) aux groupes sélectionnés.`,
      `Tab "Conditions" > "Restrictions" > "Customer group selection": add "${name}" (#${id}) to the selected groups.`,
    ),
};

function openRule(code: string): Text {
  return MESSAGES.openRule(code);
}
const save = t('Enregistrez.', 'Click "Save".');
const askGetIt = t(
  "Si ce sont les équipes Get It qui gèrent vos codes promo, ouvrez un ticket en leur donnant le code et les conditions voulues (dates, montant minimum, quantités, club, produit).",
  'If the Get It team manages your promo codes, open a ticket giving them the code and the conditions you want (dates, minimum amount, quantities, club, product).',
);
const groupSteps: Text[] = [
  t(
    "Onglet « Conditions » > « Restrictions » : si « Restriction de groupes de clients » est cochée, vérifiez que le groupe du club figure dans les groupes sélectionnés (colonne de gauche) et pas seulement dans les groupes non sélectionnés.",
    'Tab "Conditions" > "Restrictions": if "Customer group selection" is ticked, check that the club\'s group is among the selected groups (left column), not only among the unselected ones.',
  ),
];

const manualSteps: Text[] = [
  t(
    'Dans le back-office : Catalogue > Réductions > Règles panier, recherchez le code puis cliquez sur « Modifier ».',
    'In the back office: Catalog > Discounts > Cart Rules, search for the code and click "Edit".',
  ),
  t('Onglet « Informations » : vérifiez le code exact et que « Statut » est sur Oui.', 'Tab "Information": check the exact code and that "Status" is Yes.'),
  t(
    "Onglet « Conditions » : vérifiez les dates « Valide du … au … », la « Quantité totale disponible » (au moins 1) et la « Quantité disponible pour chaque utilisateur », et que « Limiter à un seul client » est vide.",
    'Tab "Conditions": check the "Valid from … to …" dates, "Total available" (at least 1), "Total available for each user", and that "Limit to a single customer" is empty.',
  ),
  ...groupSteps,
  t(
    "Dans le back-office : Commandes > Commandes, filtrez sur le client : chaque commande dont le bloc « Réductions » contient le code compte comme une utilisation, annulées comprises, sauf en « Erreur de paiement ».",
    'In the back office: Orders > Orders, filter on the customer: every order whose "Discounts" block holds the code counts as one use, cancelled ones included, except in "Payment error".',
  ),
];

/** Dates without a time cover the whole day. */
function withTime(date: string, endOfDay: boolean): string {
  return date.length === 10 ? `${date} ${endOfDay ? '23:59:59' : '00:00:00'}` : date;
}

// Facts that decide the verdict but could not be read: each makes a pass impossible (manual), and
// is named next to the problems of a fail. `label` is the short form listed under a fail.
interface Unverified {
  label: Text;
  detail: Text;
  steps: Text[];
}

const ordersOfCustomer = t(
  "Dans le back-office : Commandes > Commandes, filtrez sur le client et ouvrez ses commandes : comptez celles dont le bloc « Réductions » contient ce code. PrestaShop les compte toutes, annulées et remboursées comprises, sauf celles en « Erreur de paiement » (et sauf si la réduction a été retirée de la commande).",
  'In the back office: Orders > Orders, filter on the customer and open their orders: count those whose "Discounts" block holds this code. PrestaShop counts them all, cancelled and refunded ones included, except those in "Payment error" (and unless the discount was removed from the order).',
);

const perUserTexts = {
  label: t("(à vérifier) utilisations par client non comptées", '(to verify) uses per customer not counted'),
  noCustomer: (n: number) =>
    t(
      `Utilisable ${n} fois par client : sans --customer, les utilisations déjà faites par un client ne sont pas comptées.`,
      `Usable ${plurals(n, TIMES).en} per customer: without --customer, a customer's past uses are not counted.`,
    ),
  unknownCustomer: (n: number, who: Text) =>
    t(
      `Utilisable ${n} fois par client : ${who.fr} n'a pas pu être identifié, ses utilisations ne sont pas comptées.`,
      `Usable ${plurals(n, TIMES).en} per customer: ${who.en} could not be identified, so their uses are not counted.`,
    ),
  unread: (n: number, who: Text, cause?: string) =>
    t(
      `Utilisable ${n} fois par client ; le nombre d'utilisations par ${who.fr} n'a pas pu être lu${cause ? ` (${cause})` : ''}.`,
      `Usable ${plurals(n, TIMES).en} per customer; how often ${who.en} used it could not be read${cause ? ` (${cause})` : ''}.`,
    ),
  rerun: t(
    "Relancez le diagnostic avec --customer <e-mail du client> pour compter ses utilisations automatiquement.",
    'Run the diagnosis again with --customer <customer e-mail> to have their uses counted.',
  ),
  /**
   * Counted in the diagnosed shop only (the webservice refused `id_shop=all`): PrestaShop counts the
   * customer's orders of every shop (CartRule::checkValidity has no shop condition).
   */
  otherShopsLabel: t('(à vérifier) utilisations dans les autres boutiques non comptées', '(to verify) uses in other shops not counted'),
  otherShops: (n: number, who: Text, uses: number) =>
    t(
      `Utilisable ${n} fois par client : ${who.fr} l’a utilisé ${uses} fois dans cette boutique, mais ses commandes passées dans les autres boutiques (clients partagés en multiboutique) n’ont pas pu être lues, et PrestaShop les compte aussi.`,
      `Usable ${plurals(n, TIMES).en} per customer: ${who.en} used it ${plurals(uses, TIMES).en} in this shop, but their orders in the other shops (customers shared across a multistore) could not be read, and PrestaShop counts them too.`,
    ),
  allShopsStep: t(
    "Dans le back-office, choisissez « Toutes les boutiques » dans le sélecteur de boutique en haut de page, puis Commandes > Commandes : filtrez sur le client et comptez les commandes dont le bloc « Réductions » contient ce code (sauf celles en « Erreur de paiement »).",
    'In the back office, pick "All shops" in the shop selector at the top of the page, then Orders > Orders: filter on the customer and count the orders whose "Discounts" block holds this code (except those in "Payment error").',
  ),
};

const reservedTexts = {
  label: (id: number) => t(`(à vérifier) réservée au client n° ${id}`, `(to verify) reserved for customer #${id}`),
  detail: (id: number) =>
    t(
      `Réservée au seul client n° ${id} (« Limiter à un seul client ») : aucun autre client ne peut l'utiliser ; vérifiez que c'est bien le client concerné.`,
      `Reserved for customer #${id} only ("Limit to a single customer"): no other customer can use it; check that this is the customer concerned.`,
    ),
  step: (id: number) =>
    t(
      `Onglet « Conditions » : « Limiter à un seul client » désigne le client n° ${id} (Clients > Clients pour retrouver son e-mail) ; relancez avec --customer pour le vérifier automatiquement.`,
      `Tab "Conditions": "Limit to a single customer" names customer #${id} (Customers > Customers to find their e-mail); run again with --customer to have it checked.`,
    ),
};

const productTexts = {
  label: t('(à vérifier) restriction de produits illisible par le webservice', '(to verify) product restriction unreadable through the webservice'),
  detail: t(
    'La règle est restreinte à certains produits, que le webservice ne permet pas de lire : vérifiez que les produits du club y figurent.',
    "The rule is restricted to some products, which the webservice cannot read: check that the club's products are among them.",
  ),
  step: t(
    "Onglet « Conditions » > « Restrictions » > « Restriction de produits » : vérifiez que les produits du club figurent dans la sélection (ou configurez prestashop.database pour la lire automatiquement).",
    'Tab "Conditions" > "Restrictions" > "Product selection": check that the club\'s products are in the selection (or configure prestashop.database to have it read automatically).',
  ),
};

const groupTexts = {
  label: t('(à vérifier) restriction de groupes illisible par le webservice', '(to verify) group restriction unreadable through the webservice'),
  detail: t(
    "La règle est restreinte à certains groupes de clients, que le webservice ne permet pas de lire : vérifiez que le groupe du club y figure.",
    'The rule is restricted to some customer groups, which the webservice cannot read: check that the club\'s group is among them.',
  ),
};

/** Restrictions whose lists no source reads: flag → what to verify. */
const LIST_RESTRICTIONS: Array<{ flag: 'countryRestriction' | 'carrierRestriction' | 'shopRestriction'; label: Text; detail: Text; step: Text }> = [
  {
    flag: 'countryRestriction',
    label: t('(à vérifier) restriction de pays', '(to verify) country restriction'),
    detail: t('La règle est restreinte à certains pays de livraison, qui ne sont pas lus.', 'The rule is restricted to some delivery countries, which are not read.'),
    step: t(
      "Onglet « Conditions » > « Restrictions » > « Restriction de pays » : vérifiez que les pays de livraison des clients du club sont sélectionnés.",
      'Tab "Conditions" > "Restrictions" > "Country selection": check that the club customers\' delivery countries are selected.',
    ),
  },
  {
    flag: 'carrierRestriction',
    label: t('(à vérifier) restriction de transporteurs', '(to verify) carrier restriction'),
    detail: t('La règle est restreinte à certains transporteurs, qui ne sont pas lus.', 'The rule is restricted to some carriers, which are not read.'),
    step: t(
      "Onglet « Conditions » > « Restrictions » > « Restriction de transporteurs » : vérifiez que les transporteurs proposés aux clients du club (point relais compris) sont sélectionnés.",
      'Tab "Conditions" > "Restrictions" > "Carrier selection": check that the carriers offered to the club\'s customers (relay point included) are selected.',
    ),
  },
  {
    flag: 'shopRestriction',
    label: t('(à vérifier) restriction de boutiques', '(to verify) shop restriction'),
    detail: t('La règle est restreinte à certaines boutiques (multiboutique), qui ne sont pas lues.', 'The rule is restricted to some shops (multistore), which are not read.'),
    step: t(
      "Onglet « Conditions » > « Restrictions » > « Restriction de boutiques » : vérifiez que la boutique du club est sélectionnée.",
      'Tab "Conditions" > "Restrictions" > "Shop selection": check that the club\'s shop is selected.',
    ),
  },
];

/** "20,00 €" / "€20.00": Intl in each language, the shop's own symbol where Intl only knows the code. */
function formatMoney(value: number, iso: string, symbol: string | null): Text | null {
  try {
    const one = (locale: string) => {
      const text = new Intl.NumberFormat(locale, { style: 'currency', currency: iso }).format(value);
      return symbol && text.includes(iso) ? text.replace(iso, symbol) : text;
    };
    return t(one('fr-FR'), one('en'));
  } catch {
    return null; // not a well-formed ISO 4217 code
  }
}

/**
 * The minimum amount with its currency: resolved by the source, else an ISO code written in the
 * snapshot; otherwise the bare number with the currency id labelled (never "150 1").
 */
function minimumAmountText(rule: CartRule, configuration: Record<string, string | null> | undefined): Text {
  const value = rule.minimumAmount;
  const raw = (rule.minimumAmountCurrency ?? '').trim();
  const resolved = rule.minimumAmountCurrencyResolved;
  const iso = resolved?.isoCode ?? (/^[A-Za-z]{3}$/.test(raw) ? raw.toUpperCase() : undefined);
  const formatted = iso ? formatMoney(value, iso, resolved?.symbol ?? null) : null;
  if (formatted) return formatted;
  const fixed = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const number = t(fixed.replace('.', ','), fixed);
  const own = /^\d+$/.test(raw) ? Number(raw) : 0;
  const fallback = Number(configuration?.PS_CURRENCY_DEFAULT ?? '');
  const id = own > 0 ? own : Number.isInteger(fallback) && fallback > 0 ? fallback : undefined;
  if (iso) return t(`${number.fr} ${iso}`, `${number.en} ${iso}`);
  if (id !== undefined) return MESSAGES.currencyNotResolved(number, id);
  return MESSAGES.unknownCurrency(number);
}

const RULE_TYPES: Record<string, Text> = {
  products: t('produits', 'products'),
  categories: t('catégories', 'categories'),
  attributes: t('attributs', 'attributes'),
  manufacturers: t('marques', 'brands'),
  suppliers: t('fournisseurs', 'suppliers'),
};

function describeProductRules(groups: NonNullable<CartRule['productRuleGroups']>): Text {
  if (groups.length === 0) return MESSAGES.noProductRuleRecorded;
  const each = groups.map((g) => {
    const rules = g.rules.map((r) => {
      const label = RULE_TYPES[r.type] ?? t(r.type, r.type);
      const ids = r.ids.join(', ') || '—';
      return MESSAGES.ruleOfType(label, ids);
    });
    return MESSAGES.productRuleGroup(g.quantity, rules);
  });
  return t(each.map((e) => e.fr).join(', et '), each.map((e) => e.en).join(', and '));
}

function bullets(items: Text[]): Text {
  return t(items.map((i) => `- ${i.fr}`).join('\n'), items.map((i) => `- ${i.en}`).join('\n'));
}

export default {
  meta: {
    id: 'promo-code',
    category: 'promotions',
    severity: 'fail',
    needs: ['prestashop.cartRule', 'club.group'],
    optional: ['prestashop.customer', 'prestashop.configuration'],
    asks: 'code',
    title: t('Code promo utilisable', 'Promo code usable'),
    description: t(
      "Avec --code : vérifie que la règle panier du code existe, est active, est dans ses dates de validité, qu'il en reste (au total et pour le client) et que ses restrictions (client, groupes, produits, montant minimum) laissent les clients du club l'utiliser. Les utilisations par client sont comptées comme PrestaShop le fait (commandes annulées comprises, sauf « Erreur de paiement ») pour le client donné avec --customer ; sans lui, ou quand une restriction ne peut pas être lue, le résultat est « à vérifier », jamais « réussi ».",
      'With --code: verifies that the cart rule behind the code exists, is active, is within its validity dates, has uses left (in total and for the customer), and that its restrictions (customer, groups, products, minimum amount) let the club\'s customers use it. Uses per customer are counted as PrestaShop does (cancelled orders included, "Payment error" excluded) for the customer given with --customer; without it, or when a restriction cannot be read, the result is "to verify", never "pass".',
    ),
    manualSteps,
    docs: 'FAQ 000, création des codes promo par l’équipe Get It (conditions : dates, montant minimum, quantités, club, produit)',
    /** Used when the shop's PS_TIMEZONE was not gathered: cart-rule dates are in the shop's time zone. */
    defaultOptions: { timeZone: 'Europe/Paris' },
  },
  run(ctx: CheckContext) {
    const { club, parts, unavailable, options, query, now } = ctx;
    const lookup = parts['prestashop.cartRule']!;
    const group: Group | null = parts['club.group'] ?? null;
    const asked = (query.code ?? lookup.code).trim();
    const wanted = asked.toLowerCase();

    // PrestaShop compares codes without regard to case; the source may also return near matches.
    const matches = lookup.matches.filter((m) => m.code.trim().toLowerCase() === wanted).sort((a, b) => a.id - b.id);
    if (matches.length === 0) {
      const near = lookup.matches.map((m) => m.code);
      return {
        status: 'fail',
        message: MESSAGES.noCartRuleCode(asked, near),
        remediation: [
          MESSAGES.checkSpellingCodeGiven,
          MESSAGES.searchCode(asked),
          MESSAGES.askGetItToCreate,
        ],
        evidence: { code: asked, closeCodes: near },
      };
    }

    const rule = matches[0]!;
    const label = MESSAGES.ruleLabel(rule.code, rule.id, rule.name);

    const configuration = parts['prestashop.configuration'];
    const timeZone = shopTimeZone(configuration, options.timeZone);
    const shopNow = shopClock(now, timeZone);

    const problems: Text[] = [];
    const fixes: Text[] = [];
    const conditions: Text[] = [];

    if (matches.length > 1) {
      conditions.push(MESSAGES.sameCode(matches, rule.id));
    }

    // Status.
    if (!rule.active) {
      problems.push(MESSAGES.ruleDisabled);
      fixes.push(MESSAGES.tabInformationSetStatus);
    }

    // Total quantity.
    if (rule.quantity <= 0) {
      problems.push(MESSAGES.noUseLeftTotal(rule.quantity));
      fixes.push(MESSAGES.tabConditionsRaiseTotal);
    }

    // Dates, compared on the shop's clock.
    const dateFrom = rule.dateFrom.startsWith(NO_DATE) ? null : withTime(rule.dateFrom, false);
    const dateTo = withTime(rule.dateTo, true);
    if (dateFrom && dateFrom > shopNow) {
      problems.push(MESSAGES.validityNotStartedBegins(dateFrom, shopNow));
      fixes.push(MESSAGES.tabConditionsMoveStart);
    }
    if (rule.dateTo.startsWith(NO_DATE)) {
      problems.push(MESSAGES.endDateEmpty);
      fixes.push(MESSAGES.tabConditionsFillEnd);
    } else if (dateTo < shopNow) {
      problems.push(MESSAGES.codeExpiredShop(dateTo, shopNow));
      fixes.push(MESSAGES.tabConditionsPushBack);
    }

    // The asked customer, when one was asked and could be read.
    const customerPart = query.customer !== undefined ? parts['prestashop.customer'] : undefined;
    const customers: Customer[] = customerPart?.matches ?? [];
    const customerLabel = query.customer !== undefined ? MESSAGES.customerLabel(query.customer) : undefined;
    if (query.customer !== undefined) {
      if (!customerPart) {
        const why = unavailable['prestashop.customer'];
        conditions.push(MESSAGES.customerCouldNotRead(query.customer, why));
      } else if (customers.length === 0) {
        conditions.push(MESSAGES.noCustomerAccountMatches(query.customer));
      }
    }

    const unverified: Unverified[] = [];

    // Reserved for one customer.
    if (rule.customerId !== 0) {
      const askedIds = customers.map((c) => c.id);
      const askedNumeric = query.customer !== undefined && /^\d+$/.test(query.customer.trim()) ? Number(query.customer.trim()) : undefined;
      const known = customers.length > 0 || askedNumeric !== undefined;
      const isThatCustomer = askedIds.includes(rule.customerId) || askedNumeric === rule.customerId;
      if (customerLabel && known && !isThatCustomer) {
        problems.push(MESSAGES.ruleReservedCustomerNot(rule.customerId, customerLabel, askedIds));
        fixes.push(MESSAGES.tabConditionsClearLimit);
      } else if (!isThatCustomer) {
        // Nobody (identifiable) asked: whether the person concerned is that customer is unknown.
        unverified.push({ label: reservedTexts.label(rule.customerId), detail: reservedTexts.detail(rule.customerId), steps: [reservedTexts.step(rule.customerId)] });
      }
    }

    // Quantity per customer: counted for the asked customer only (the account the source counted).
    const counted = rule.usesCustomerId === undefined || customers.some((c) => c.id === rule.usesCustomerId);
    const uses = customers.length > 0 && counted ? (rule.usesByCustomer ?? null) : null;
    if (rule.quantityPerUser <= 0) {
      problems.push(MESSAGES.quantityPerCustomerNo(rule.quantityPerUser));
    } else if (uses !== null && uses >= rule.quantityPerUser) {
      problems.push(MESSAGES.alreadyUsedOutAllowed(customerLabel!, uses, rule.quantityPerUser));
    } else if (uses !== null && rule.usesByCustomerScope === 'shop') {
      // Below the limit in this shop only: other shops' uses may reach it, never a confident pass.
      unverified.push({ label: perUserTexts.otherShopsLabel, detail: perUserTexts.otherShops(rule.quantityPerUser, customerLabel!, uses), steps: [perUserTexts.allShopsStep] });
    } else if (uses !== null) {
      conditions.push(MESSAGES.usablePerCustomerUsed(rule.quantityPerUser, customerLabel!, uses));
    } else {
      const detail = !customerLabel
        ? perUserTexts.noCustomer(rule.quantityPerUser)
        : customers.length === 0
          ? perUserTexts.unknownCustomer(rule.quantityPerUser, customerLabel)
          : perUserTexts.unread(rule.quantityPerUser, customerLabel, counted ? rule.usesByCustomerCause : undefined);
      unverified.push({ label: perUserTexts.label, detail, steps: customerLabel && customers.length > 0 ? [ordersOfCustomer] : [perUserTexts.rerun, ordersOfCustomer] });
    }
    if (rule.quantityPerUser <= 0 || (uses !== null && uses >= rule.quantityPerUser)) {
      fixes.push(MESSAGES.raisePerUser);
    }

    // Group restriction (ps_cart_rule_group; the webservice shows only the flag).
    if (rule.groupRestriction) {
      if (rule.groupIds === null) {
        unverified.push({ label: groupTexts.label, detail: groupTexts.detail, steps: groupFix(group, true) });
      } else {
        const allowed = rule.groupIds;
        const clubAllowed = group !== null && allowed.includes(group.id);
        const customerAllowed = customers.some((c) => c.groupIds.some((g) => allowed.includes(g)));
        const clubText = group ? MESSAGES.clubGroup(group.name, group.id) : MESSAGES.clubWithoutGroup(club.name);
        // No customer_group row = no group at all (Customer::getGroups()), the default one included.
        const inNoGroup = customers.length > 0 && customers.every((c) => c.groupIds.length === 0);
        if (inNoGroup) {
          problems.push(MESSAGES.restrictedGroupsNoCustomer(allowed, customerLabel!));
          fixes.push(MESSAGES.customersCustomersEditCustomer);
        } else if (customers.length > 0 && !customerAllowed) {
          problems.push(MESSAGES.restrictedGroupsNoneOfCustomer(allowed, customerLabel!, clubAllowed));
          if (!clubAllowed) fixes.push(...groupFix(group));
        } else if (customers.length === 0 && !clubAllowed) {
          problems.push(MESSAGES.restrictedGroupsWhichDo(allowed, clubText));
          fixes.push(...groupFix(group));
        } else if (!clubAllowed) {
          conditions.push(MESSAGES.restrictedGroupsMayUse(allowed, customerLabel!, clubText));
        } else {
          conditions.push(MESSAGES.restrictedGroupsClubIncluded(allowed));
        }
      }
    }

    // Product restriction: a condition on the cart when its rules are known; unknown, it decides.
    if (rule.productRestriction) {
      const rules = rule.productRuleGroups;
      if (rules) {
        const d = describeProductRules(rules);
        conditions.push(MESSAGES.restrictedSomeProductsCart(d));
      } else unverified.push({ label: productTexts.label, detail: productTexts.detail, steps: [productTexts.step] });
    }

    // Country, carrier and shop restrictions: their lists are read by neither source.
    for (const r of LIST_RESTRICTIONS) if (rule[r.flag]) unverified.push({ label: r.label, detail: r.detail, steps: [r.step] });

    // Minimum amount: a condition the cart must meet.
    if (rule.minimumAmount > 0) {
      const money = minimumAmountText(rule, configuration);
      const tax = rule.minimumAmountTaxIncluded === undefined ? t('', '') : rule.minimumAmountTaxIncluded ? MESSAGES.taxIncl : MESSAGES.taxExcl;
      const shipping = rule.minimumAmountShippingIncluded === undefined ? t('', '') : rule.minimumAmountShippingIncluded ? MESSAGES.shippingIncluded : MESSAGES.shippingExcluded;
      conditions.push(MESSAGES.cartMustReachMinimum(money, tax, shipping));
    }

    const evidence: Record<string, unknown> = {
      id: rule.id,
      code: rule.code,
      name: rule.name,
      active: rule.active,
      dateFrom: rule.dateFrom,
      dateTo: rule.dateTo,
      shopTime: shopNow,
      timeZone,
      quantity: rule.quantity,
      quantityPerUser: rule.quantityPerUser,
      usesByCustomer: uses,
      ...(rule.usesByCustomerScope ? { usesByCustomerScope: rule.usesByCustomerScope } : {}),
      customerId: rule.customerId,
      groupRestriction: rule.groupRestriction,
      groupIds: rule.groupIds,
      clubGroupId: group?.id ?? null,
      productRestriction: rule.productRestriction,
      productRuleGroups: rule.productRuleGroups ?? null,
      minimumAmount: rule.minimumAmount,
      minimumAmountCurrency: rule.minimumAmountCurrency ?? null,
      minimumAmountCurrencyResolved: rule.minimumAmountCurrencyResolved ?? null,
    };
    if (rule.usesCustomerId !== undefined) evidence.usesCustomerId = rule.usesCustomerId;
    if (matches.length > 1) evidence.sameCodeRuleIds = matches.map((m) => m.id);
    if (customers.length) evidence.customerIds = customers.map((c) => c.id);
    if (unverified.length) evidence.unverified = unverified.map((u) => u.label.en);

    return { ...verdict({ label, rule, dateTo, problems, fixes, conditions, unverified }), evidence };
  },
} satisfies Check;

interface Findings {
  label: Text;
  rule: CartRule;
  dateTo: string;
  problems: Text[];
  fixes: Text[];
  conditions: Text[];
  unverified: Unverified[];
}

/** fail on any problem (naming what is left to verify), manual while a deciding fact is unread, else pass. */
function verdict(f: Findings): Omit<CheckOutcome, 'evidence'> {
  const { label, rule } = f;
  const conditionText = f.conditions.length ? MESSAGES.conditionsList(f.conditions) : t('', '');
  const verifySteps = unique(f.unverified.flatMap((u) => u.steps));
  if (f.problems.length) {
    const listed = [...f.problems, ...f.unverified.map((u) => u.label)];
    return {
      status: 'fail',
      message: MESSAGES.codeCannotBeUsed(label, listed, conditionText),
      remediation: [openRule(rule.code), ...unique(f.fixes), ...verifySteps, save, askGetIt],
    };
  }
  if (f.unverified.length) {
    const details = bullets(f.unverified.map((u) => u.detail));
    return {
      status: 'manual',
      message: MESSAGES.codeActiveWithinDates(label, details, conditionText),
      remediation: [openRule(rule.code), ...verifySteps],
    };
  }
  return {
    status: 'pass',
    message: MESSAGES.codeActiveValidUntil(label, f.dateTo, rule.quantity, conditionText),
  };
}

function groupFix(group: Group | null, verifyOnly = false): Text[] {
  if (!group) {
    return [
      MESSAGES.createClubGroup,
    ];
  }
  return [
    verifyOnly
      ? MESSAGES.checkGroupSelected(group.name, group.id)
      : MESSAGES.addGroupSelected(group.name, group.id),
  ];
}

function unique(texts: Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((x) => (seen.has(x.en) ? false : (seen.add(x.en), true)));
}
