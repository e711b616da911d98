// FAQ 002 « La carte des points relais ne s'affiche plus » step 1: finish the Sendcloud account
// set-up (validate the e-mail address; add sender, return and invoice addresses; activate the direct
// debit). Readable through the API (api-notes/sendcloud.md §3): the keys work (a refused key is a
// failed part, so the runner reports `error` with the fix), the sender addresses, the invoice
// address (address / postal_code / city of the user), and — as a heuristic only — a paid
// `initial_payment` invoice for the direct debit. E-mail validation, the return address and the
// debit mandate itself are not readable: the check names them as things to verify by hand.

import type { SendcloudInvoices } from '../src/engine/parts.js';
import { t, type Check, type Text } from '../src/engine/types.js';
import { forms, plurals } from '../src/report/french.js';

const UNPAID = forms('{n} facture « initial_payment » impayée', '{n} factures « initial_payment » impayées', '{n} unpaid "initial_payment" invoice', '{n} unpaid "initial_payment" invoices');

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  paymentMethodNotVisible: (unavailable: Text) =>
    t(`Moyen de paiement non visible : ${unavailable.fr}`, `Payment method not visible: ${unavailable.en}`),
  paymentMethodNotVisibleInvoicesUnread: t('Moyen de paiement non visible : les factures Sendcloud n’ont pas été lues.', 'Payment method not visible: the Sendcloud invoices were not read.'),
  initialPaymentUnpaid: (initialPayments: number) =>
    t(
      `Le paiement initial du prélèvement automatique n’apparaît pas comme payé (${plurals(initialPayments, UNPAID).fr}) ; indice seulement.`,
      `The direct debit’s initial payment does not show as paid (${plurals(initialPayments, UNPAID).en}); a hint only.`,
    ),
  noDirectDebitInitial: t(
    'Aucun paiement initial de prélèvement automatique n’apparaît dans les factures Sendcloud ; indice seulement, à confirmer dans le compte.',
    'No direct-debit initial payment shows in the Sendcloud invoices; a hint only, to confirm in the account.',
  ),
  sendcloudAccountNoSender: t('Le compte Sendcloud n’a aucune adresse d’expédition.', 'The Sendcloud account has no sender address.'),
  sendcloudSenderAddressesIncomplete: t('Les adresses d’expédition Sendcloud sont incomplètes (rue, code postal, ville ou pays manquant).', 'The Sendcloud sender addresses are incomplete (street, postal code, city or country missing).'),
  sendcloudInvoiceAddressIncomplete: (fields: string) =>
    t(`L’adresse de facturation Sendcloud est incomplète (champs vides : ${fields}).`, `The Sendcloud invoice address is incomplete (empty fields: ${fields}).`),
  sendcloudAcceptsKeysAccount: (account: string) =>
    t(
      `Sendcloud accepte les clés (compte « ${account} ») ; adresse d’expédition et adresse de facturation présentes ; un paiement initial de prélèvement apparaît. Restent à vérifier à la main : e-mail validé, adresse de retour.`,
      `Sendcloud accepts the keys (account "${account}"); sender and invoice addresses are present; a direct-debit initial payment shows. Still to verify by hand: e-mail validated, return address.`,
    ),
  accountWithFindings: (account: string, shown: Finding[]) =>
    t(
      `Compte Sendcloud « ${account} » : ${shown.map((f) => f.message.fr).join(' ')}`,
      `Sendcloud account "${account}": ${shown.map((f) => f.message.en).join(' ')}`,
    ),
};

const TO_VERIFY: Text[] = [
  t(
    'À vérifier dans le compte Sendcloud (non lisible par l’API) : l’adresse e-mail du compte est validée (lien du courriel de confirmation de Sendcloud).',
    'To verify in the Sendcloud account (not readable through the API): the account’s e-mail address is validated (link in Sendcloud’s confirmation e-mail).',
  ),
  t('À vérifier aussi : une adresse de retour est enregistrée.', 'Also verify: a return address is saved.'),
  t('À vérifier aussi : le prélèvement automatique est activé.', 'Also verify: the direct debit is activated.'),
];

const ADD_SENDER = t(
  'Dans les réglages du compte Sendcloud, ajoutez une adresse d’expédition complète (rue, code postal, ville, pays) : sans elle, Sendcloud ne propose pas de méthodes d’expédition.',
  'In the Sendcloud account settings, add a complete sender address (street, postal code, city, country): without it, Sendcloud offers no shipping methods.',
);
const COMPLETE_SENDER = t(
  'Dans les réglages du compte Sendcloud, complétez l’adresse d’expédition (rue, code postal, ville, pays).',
  'In the Sendcloud account settings, complete the sender address (street, postal code, city, country).',
);
const ADD_INVOICE = t(
  'Dans les réglages du compte Sendcloud, renseignez l’adresse de facturation (adresse, code postal, ville).',
  'In the Sendcloud account settings, fill in the invoice address (address, postal code, city).',
);
const ACTIVATE_DEBIT = t(
  'Dans les réglages du compte Sendcloud, activez le prélèvement automatique (Sendcloud valide le mandat par un petit paiement initial).',
  'In the Sendcloud account settings, activate the direct debit (Sendcloud validates the mandate with a small initial payment).',
);

interface Finding {
  level: 'fail' | 'warn';
  message: Text;
  steps: Text[];
}

function paymentFinding(invoices: SendcloudInvoices | undefined, unavailable: Text | undefined): Finding | undefined {
  if (!invoices) {
    return {
      level: 'warn',
      message: unavailable
        ? MESSAGES.paymentMethodNotVisible(unavailable)
        : MESSAGES.paymentMethodNotVisibleInvoicesUnread,
      steps: [ACTIVATE_DEBIT],
    };
  }
  if (invoices.initialPaymentPaid) return undefined;
  return {
    level: 'warn',
    message:
      invoices.initialPayments > 0
        ? MESSAGES.initialPaymentUnpaid(invoices.initialPayments)
        : MESSAGES.noDirectDebitInitial,
    steps: [ACTIVATE_DEBIT],
  };
}

export default {
  meta: {
    id: 'sendcloud-account-setup',
    category: 'shipping',
    severity: 'fail',
    needs: ['sendcloud.user', 'sendcloud.senderAddresses'],
    optional: ['sendcloud.invoices'],
    title: t('Compte Sendcloud paramétré', 'Sendcloud account set up'),
    description: t(
      'Vérifie que Sendcloud accepte les clés API, que le compte a une adresse d’expédition et une adresse de facturation, et, quand les factures sont lisibles, qu’un paiement initial de prélèvement automatique existe (indice seulement : jamais un échec à lui seul). Sans ce paramétrage, la carte des points relais ne s’affiche pas. La validation de l’e-mail, l’adresse de retour et le prélèvement lui-même ne sont pas lisibles : ils sont rappelés comme points à vérifier.',
      'Verifies that Sendcloud accepts the API keys, that the account has a sender address and an invoice address, and, when invoices are readable, that a direct-debit initial payment exists (a hint only: never a failure on its own). Without this set-up the relay-point map does not show. E-mail validation, the return address and the debit itself cannot be read: they are listed as things to verify.',
    ),
    manualSteps: TO_VERIFY,
    docs: 'FAQ 002, « La carte des points relais ne s’affiche plus sur mon site », étape 1',
  },
  run({ parts, unavailable }) {
    const user = parts['sendcloud.user']!;
    const senders = parts['sendcloud.senderAddresses']!;
    const invoices = parts['sendcloud.invoices'];
    const findings: Finding[] = [];

    if (senders.count === 0) {
      findings.push({
        level: 'fail',
        message: MESSAGES.sendcloudAccountNoSender,
        steps: [ADD_SENDER],
      });
    } else if (!senders.addresses.some((a) => a.complete)) {
      findings.push({
        level: 'warn',
        message: MESSAGES.sendcloudSenderAddressesIncomplete,
        steps: [COMPLETE_SENDER],
      });
    }
    if (user.invoiceAddressMissing.length > 0) {
      const fields = user.invoiceAddressMissing.join(', ');
      findings.push({
        level: 'fail',
        message: MESSAGES.sendcloudInvoiceAddressIncomplete(fields),
        steps: [ADD_INVOICE],
      });
    }
    const payment = paymentFinding(invoices, unavailable['sendcloud.invoices']);
    if (payment) findings.push(payment);

    const account = user.companyName ?? user.email ?? '?';
    const evidence: Record<string, unknown> = {
      keysAccepted: true,
      account: { companyName: user.companyName, email: user.email, registered: user.registered },
      senderAddresses: senders.count,
      completeSenderAddresses: senders.addresses.filter((a) => a.complete).length,
      invoiceAddressMissing: user.invoiceAddressMissing,
      directDebitHint: invoices ? (invoices.initialPaymentPaid ? 'paid-initial-payment' : invoices.initialPayments > 0 ? 'unpaid-initial-payment' : 'none') : 'not-visible',
      toVerify: ['email-validated', 'return-address', 'direct-debit'],
    };

    const fails = findings.filter((f) => f.level === 'fail');
    const warns = findings.filter((f) => f.level === 'warn');
    if (!findings.length) {
      return {
        status: 'pass',
        message: MESSAGES.sendcloudAcceptsKeysAccount(account),
        evidence,
      };
    }
    const shown = [...fails, ...warns];
    const steps = [...new Map(shown.flatMap((f) => f.steps).map((s) => [s.en, s])).values()];
    return {
      status: fails.length ? 'fail' : 'warn',
      message: MESSAGES.accountWithFindings(account, shown),
      // The direct-debit reminder is already a step when the payment hint was not seen.
      remediation: [...steps, ...(payment ? TO_VERIFY.slice(0, 2) : TO_VERIFY)],
      evidence,
    };
  },
} satisfies Check;
