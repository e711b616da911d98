// FAQ 004 « Gestion des clients » (and prestashop.md §5 for how PrestaShop stores it): a customer only
// has an account if they created one — an order placed through guest checkout creates none
// (PrestaShop keeps such buyers as `is_guest` customers); a refused (disabled) customer cannot log in
// nor order; deleting a customer cannot be undone, the customer must create a new account.

import type { Customer } from '../src/engine/parts.js';
import { t, type Check, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  noCustomerAccountMatches: (query: string) =>
    t(
      `Aucun compte client ne correspond à « ${query} ». Une commande passée en invité ne crée pas de compte client.`,
      `No customer account matches "${query}". An order placed through guest checkout creates no customer account.`,
    ),
  checkSpellingEMail: t(
    `Vérifiez l'orthographe de l'adresse e-mail ou du numéro de client (Clients > Clients, champ de recherche).`,
    'Check the spelling of the e-mail address or customer id (Customers > Customers, search field).',
  ),
  otherAccountsSearch: (rest: Customer[]) =>
    t(` Autres comptes pour cette recherche : ${summary(rest).fr}.`, ` Other accounts for this search: ${summary(rest).en}.`),
  accountRefusedDisabledCustomer: (chosen: Customer, also: Text) =>
    t(
      `Le compte ${who(chosen)} est refusé (désactivé) : le client ne peut ni se connecter ni passer commande.${also.fr}`,
      `Account ${whoEn(chosen)} is refused (disabled): the customer can neither log in nor place an order.${also.en}`,
    ),
  untickRefusedDependingBack: t(
    'Décochez « Refusé » (selon la version du back-office : passez « Activé » sur Oui).',
    'Untick "Refused" (depending on the back-office version: set "Enabled" to Yes).',
  ),
  clickSave: t('Enregistrez.', 'Click "Save".'),
  accountExistsActive: (chosen: Customer, also: Text) =>
    t(`Le compte ${who(chosen)} existe et est actif.${also.fr}`, `Account ${whoEn(chosen)} exists and is active.${also.en}`),
  ordersPlacedSinceGuest: t(' Les commandes passées depuis en invité ne recréent pas de compte.', ' Orders placed since as a guest did not create an account either.'),
  accountDeletedDeletingCustomer: (query: string, matches: Customer[], guestNote: Text) =>
    t(
      `Le compte de « ${query} » a été supprimé (${summary(matches).fr}). La suppression d'un client est définitive.${guestNote.fr}`,
      `The account of "${query}" was deleted (${summary(matches).en}). Deleting a customer cannot be undone.${guestNote.en}`,
    ),
  customerMustCreateNew: t(
    'Le client doit créer un nouveau compte sur la boutique du club (il peut réutiliser la même adresse e-mail).',
    "The customer must create a new account on the club's shop (the same e-mail address can be used again).",
  ),
  thenAssociateNewAccount: t(
    'Ensuite, associez ce nouveau compte au club (voir le contrôle customer-club-membership).',
    'Then associate the new account with the club (see the customer-club-membership check).',
  ),
  onlyCheckedOutGuest: (query: string, matches: Customer[]) =>
    t(
      `« ${query} » n'a passé ${matches.length > 1 ? `que des commandes en invité (${matches.length})` : "qu'une commande en invité"} : une commande en invité ne crée pas de compte client, il n'y a donc pas de compte à associer au club.`,
      `"${query}" only checked out as a guest${matches.length > 1 ? ` (${matches.length} times)` : ''}: a guest checkout creates no customer account, so there is no account to associate with the club.`,
    ),
  thenAssociateAccountClub: t(
    'Ensuite, associez ce compte au club (voir le contrôle customer-club-membership).',
    'Then associate that account with the club (see the customer-club-membership check).',
  ),
};

function who(c: Customer): string {
  const name = [c.firstname, c.lastname].filter(Boolean).join(' ');
  return name ? `${name} <${c.email}> (n° ${c.id})` : `${c.email} (n° ${c.id})`;
}
function whoEn(c: Customer): string {
  const name = [c.firstname, c.lastname].filter(Boolean).join(' ');
  return name ? `${name} <${c.email}> (#${c.id})` : `${c.email} (#${c.id})`;
}

function kindOf(c: Customer): 'guest' | 'deleted' | 'disabled' | 'active' {
  if (c.isGuest) return 'guest';
  if (c.deleted) return 'deleted';
  return c.active ? 'active' : 'disabled';
}

const KIND_LABEL: Record<ReturnType<typeof kindOf>, Text> = {
  guest: t('commande en invité', 'guest checkout'),
  deleted: t('supprimé', 'deleted'),
  disabled: t('refusé (désactivé)', 'refused (disabled)'),
  active: t('actif', 'active'),
};

function summary(accounts: Customer[]): Text {
  return t(
    accounts.map((c) => `n° ${c.id} : ${KIND_LABEL[kindOf(c)].fr}`).join(' ; '),
    accounts.map((c) => `#${c.id}: ${KIND_LABEL[kindOf(c)].en}`).join('; '),
  );
}

const openCustomer = (c: Customer) =>
  t(
    `Dans le back-office : Clients > Clients, recherchez ${c.email} (n° ${c.id}) puis cliquez sur « Modifier ».`,
    `In the back office: Customers > Customers, search for ${c.email} (#${c.id}) and click "Edit".`,
  );
const createAccount = t(
  'Le client doit créer un compte sur la boutique du club (« Créer un compte »), puis repasser sa commande connecté à ce compte.',
  "The customer must create an account on the club's shop (\"Create an account\"), then place the order again while logged in to it.",
);

export default {
  meta: {
    id: 'customer-account-status',
    category: 'customers',
    severity: 'fail',
    needs: ['prestashop.customer'],
    asks: 'customer',
    title: t('Compte client existant et utilisable', 'Customer account exists and is usable'),
    description: t(
      "Avec --customer : vérifie que le client a bien un compte (une commande passée en invité n'en crée pas), que ce compte n'est pas refusé (désactivé : le client ne peut ni se connecter ni commander) et qu'il n'a pas été supprimé (la suppression est définitive).",
      'With --customer: verifies that the customer has an account (a guest checkout creates none), that the account is not refused (disabled: the customer can neither log in nor order) and that it was not deleted (deletion is final).',
    ),
    manualSteps: [
      t(
        "Dans le back-office : Clients > Clients, recherchez le client. S'il n'apparaît pas, il n'a pas de compte (une commande en invité n'en crée pas) ou son compte a été supprimé : il doit en créer un.",
        'In the back office: Customers > Customers, search for the customer. If they are not listed, they have no account (a guest checkout creates none) or it was deleted: they must create one.',
      ),
      t('Sinon, cliquez sur « Modifier » et vérifiez que le client n\'est pas « Refusé » (compte activé).', 'Otherwise click "Edit" and check that the customer is not "Refused" (account enabled).'),
    ],
    docs: 'FAQ 004, « Gestion des clients », « Bloquer ou refuser un client », « Supprimer un client »',
  },
  run({ parts }) {
    const { query, matches } = parts['prestashop.customer']!;
    const evidence: Record<string, unknown> = {
      query,
      accounts: matches.map((c) => ({ id: c.id, email: c.email, isGuest: c.isGuest, deleted: c.deleted, active: c.active })),
    };

    if (!matches.length) {
      return {
        status: 'fail',
        message: MESSAGES.noCustomerAccountMatches(query),
        remediation: [
          MESSAGES.checkSpellingEMail,
          createAccount,
        ],
        evidence,
      };
    }

    const registered = matches.filter((c) => !c.isGuest);
    const usable = registered.filter((c) => !c.deleted);
    const others = (chosen: Customer) => matches.filter((c) => c !== chosen);

    if (usable.length) {
      // Prefer an active account: it is the one the customer can log in to.
      const chosen = [...usable].sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)[0]!;
      evidence.evaluatedId = chosen.id;
      const rest = others(chosen);
      const also = rest.length
        ? MESSAGES.otherAccountsSearch(rest)
        : t('', '');
      if (!chosen.active) {
        return {
          status: 'fail',
          message: MESSAGES.accountRefusedDisabledCustomer(chosen, also),
          remediation: [
            openCustomer(chosen),
            MESSAGES.untickRefusedDependingBack,
            MESSAGES.clickSave,
          ],
          evidence,
        };
      }
      return {
        status: 'pass',
        message: MESSAGES.accountExistsActive(chosen, also),
        evidence,
      };
    }

    if (registered.length) {
      // Only deleted accounts (maybe with guest checkouts): nothing to restore.
      const guests = matches.filter((c) => c.isGuest);
      const guestNote = guests.length
        ? MESSAGES.ordersPlacedSinceGuest
        : t('', '');
      return {
        status: 'fail',
        message: MESSAGES.accountDeletedDeletingCustomer(query, matches, guestNote),
        remediation: [
          MESSAGES.customerMustCreateNew,
          MESSAGES.thenAssociateNewAccount,
        ],
        evidence,
      };
    }

    // Only guest checkouts.
    return {
      status: 'fail',
      message: MESSAGES.onlyCheckedOutGuest(query, matches),
      remediation: [
        createAccount,
        MESSAGES.thenAssociateAccountClub,
      ],
      evidence,
    };
  },
} satisfies Check;
