// FAQ 000 « Associer le compte client au club »: the customer's account must be tied to the club
// they order from, so that the payment goes to that club; a customer tied to the wrong club cannot
// order. In Clients > Clients > Modifier, the ticked "Accès des groupes" must be "Client" and the
// club, and the "Groupe de client par défaut" must be the club. FAQ 004: a guest checkout creates no
// account, so there is nothing to associate.
// A customer's groups are their customer_group rows (Customer::getGroups() in PrestaShop's
// classes/Customer.php): with no row the customer is in no group at all, whatever their default
// group says, and PrestaShop gives them no group's access (prices, categories, cart rules).
//
// The customer-group feature (PS_GROUP_FEATURE_ACTIVE, Advanced Parameters > Performance > Optional
// features): when it is off, Customer::getGroupsStatic() answers [PS_CUSTOMER_GROUP] and
// Customer::getDefaultGroupId() PS_CUSTOMER_GROUP, whatever customer_group holds. Prices (group
// reductions), payment modules restricted per group and product access (Product::checkAccessStatic
// lets everyone in) then ignore the club's group: the account is not tied to the club in
// PrestaShop's eyes even with the right boxes ticked. (Category::checkAccess and the cart-rule group
// restriction of CartRule::checkValidity still read the customer_group rows: see promo-code.)

import type { Customer, Group } from '../src/engine/parts.js';
import { t, type Check, type FixContext, type FixProposal } from '../src/engine/types.js';

/** PrestaShop's default id of the Customer group when PS_CUSTOMER_GROUP is not readable (prestashop.md §6). */
const DEFAULT_CUSTOMER_GROUP = 3;

/** A group by its name and id, in one language (built in `run`, where the shop's groups are). */
type GroupName = (id: number, lang: 'fr' | 'en') => string;

/** What the closing sentences of `run` are built from. */
interface Sentence {
  chosen: Customer;
  clubGroup: Group;
  problemsFr: string[];
  problemsEn: string[];
  extraFr: string;
  extraEn: string;
  othersFr: string;
  othersEn: string;
  name: GroupName;
  customerGroupId: number;
  featureOn: boolean | null;
}

const messages = {
  /** The customer has no customer_group row: no group at all, the default one included. */
  noGroupAtAll: (defaultGroup: { fr: string; en: string }) =>
    t(
      `il n'est dans aucun groupe client (aucune case n'est cochée dans « Accès des groupes ») ; son groupe par défaut ${defaultGroup.fr} ne compte pas à lui seul, PrestaShop ne le considère membre d'aucun groupe`,
      `it is in no customer group at all (no box is ticked under "Group access"); its default group ${defaultGroup.en} does not count on its own, PrestaShop treats it as a member of no group`,
    ),
  noClubGroup: (club: { name: string }) =>
    t(
      `Aucun groupe client ne correspond au club « ${club.name} » : le compte ne peut pas lui être associé.`,
      `No customer group matches the club "${club.name}": the account cannot be tied to it.`,
    ),
  noClubGroupSteps: [
    t('Dans le back-office : Clients > Groupes, vérifiez le nom du groupe du club (ou créez-le).', "In the back office: Customers > Groups, check the club group's name (or create it)."),
    t('Ou indiquez son identifiant dans la configuration (clubs[].group).', 'Or give its id in the configuration (clubs[].group).'),
  ],
  noAccount: (query: string) =>
    t(
      `Aucun compte client ne correspond à « ${query} » : il n'y a pas de compte à associer au club. Une commande passée en invité ne crée pas de compte.`,
      `No customer account matches "${query}": there is no account to tie to the club. A guest checkout creates no account.`,
    ),
  noAccountStep: t(
    "Vérifiez l'adresse e-mail ou le numéro de client ; sinon le client doit créer un compte sur la boutique du club, puis associez-le au club comme ci-dessous.",
    "Check the e-mail address or customer id; otherwise the customer must create an account on the club's shop, then tie it to the club as below.",
  ),
  noUsableAccount: (query: string, matches: Customer[]) =>
    t(
      `« ${query} » n'a pas de compte utilisable (${matches.map((c) => `n° ${c.id} : ${c.isGuest ? 'commande en invité' : 'compte supprimé'}`).join(' ; ')}) : il n'y a pas de compte à associer au club.`,
      `"${query}" has no usable account (${matches.map((c) => `#${c.id}: ${c.isGuest ? 'guest checkout' : 'deleted account'}`).join('; ')}): there is no account to tie to the club.`,
    ),
  noUsableAccountStep: t(
    'Le client doit créer un compte sur la boutique du club (voir le contrôle customer-account-status), puis associez-le au club comme indiqué par ce contrôle.',
    "The customer must create an account on the club's shop (see the customer-account-status check), then tie it to the club as this check explains.",
  ),
  openCustomer: (chosen: Customer) =>
    t(
      `Dans le back-office : Clients > Clients, recherchez ${account(chosen, 'fr')} puis cliquez sur « Modifier ».`,
      `In the back office: Customers > Customers, search for ${account(chosen, 'en')} and click "Edit".`,
    ),
  tick: (customerGroupName: string, clubGroup: Group, extra: number[], name: GroupName) =>
    t(
      `Dans « Accès des groupes », cochez « ${customerGroupName} » et « ${clubGroup.name} »${extra.length ? `, et décochez ${extra.map((id) => name(id, 'fr')).join(', ')}` : ''}.`,
      `Under "Group access", tick "${customerGroupName}" and "${clubGroup.name}"${extra.length ? `, and untick ${extra.map((id) => name(id, 'en')).join(', ')}` : ''}.`,
    ),
  chooseDefault: (clubGroup: Group) =>
    t(
      `Dans « Groupe de client par défaut », choisissez « ${clubGroup.name} ».`,
      `Under "Default customer group", choose "${clubGroup.name}".`,
    ),
  save: t('Enregistrez.', 'Click "Save".'),
  notTied: ({ chosen, clubGroup, problemsFr, problemsEn, extraFr, extraEn, othersFr, othersEn }: Sentence) =>
    t(
      `Le compte ${account(chosen, 'fr')} n'est pas associé au club « ${clubGroup.name} » : ${problemsFr.join(' ; ')}. Le paiement ne peut pas être envoyé au club.${extraFr ? ` Par ailleurs, ${extraFr}.` : ''}${othersFr}`,
      `Account ${account(chosen, 'en')} is not tied to the club "${clubGroup.name}": ${problemsEn.join('; ')}. The payment cannot be sent to the club.${extraEn ? ` Besides, ${extraEn}.` : ''}${othersEn}`,
    ),
  tiedWithExtra: ({ chosen, clubGroup, extraFr, extraEn, othersFr, othersEn }: Sentence) =>
    t(
      `Le compte ${account(chosen, 'fr')} est bien associé au club « ${clubGroup.name} », mais ${extraFr}. Un client associé à un autre club peut ne pas pouvoir commander.${othersFr}`,
      `Account ${account(chosen, 'en')} is tied to the club "${clubGroup.name}", but ${extraEn}. A customer tied to another club may be unable to order.${othersEn}`,
    ),
  tied: ({ chosen, clubGroup, othersFr, othersEn, name, customerGroupId, featureOn }: Sentence) =>
    t(
      `Le compte ${account(chosen, 'fr')} est dans les groupes ${name(customerGroupId, 'fr')} et ${name(clubGroup.id, 'fr')}, avec le club comme groupe par défaut.${othersFr}${featureOn === null ? groupFeature.unknown.fr : ''}`,
      `Account ${account(chosen, 'en')} is in the groups ${name(customerGroupId, 'en')} and ${name(clubGroup.id, 'en')}, with the club as default group.${othersEn}${featureOn === null ? groupFeature.unknown.en : ''}`,
    ),
};

/** PHP's (bool) of a configuration value: '' and '0' are false, as is a row with NULL. */
function phpTruthy(value: string | null): boolean {
  return value !== null && value !== '' && value !== '0';
}

const groupFeature = {
  /** Why the account is not tied to the club while the feature is off (leads the problem list). */
  off: (customerGroup: { fr: string; en: string }) =>
    t(
      `la fonctionnalité « Groupes de clients » de PrestaShop est désactivée : PrestaShop range chaque client dans le seul groupe ${customerGroup.fr}, quels que soient les cases cochées sur sa fiche et son groupe par défaut, si bien que les prix et les moyens de paiement réservés au club ne s’appliquent pas à lui`,
      `PrestaShop's "Customer groups" feature is disabled: PrestaShop puts every customer in the ${customerGroup.en} group only, whatever is ticked on their page and whatever their default group, so the club's prices and the payment methods reserved to the club do not apply to them`,
    ),
  step: t(
    'Dans le back-office : Paramètres avancés > Performances, section « Fonctionnalités optionnelles » : réglez « Groupes de clients » sur Oui, puis enregistrez.',
    'In the back office: Advanced Parameters > Performance, "Optional features" section: set "Customer groups" to Yes, then save.',
  ),
  /** A pass that could not account for the feature (older snapshot without the setting). */
  unknown: t(
    ' Le réglage « Groupes de clients » de PrestaShop n’a pas été lu : s’il est désactivé, PrestaShop ignore ces groupes.',
    ' PrestaShop\'s "Customer groups" setting was not read: if it is disabled, PrestaShop ignores these groups.',
  ),
};

const fixMessages = {
  fixTitle: (email: string, id: number, club: string) =>
    t(
      `Associer le compte ${email} (n° ${id}) au club «\u00a0${club}\u00a0»\u00a0: cocher «\u00a0Client\u00a0» et le club dans «\u00a0Accès des groupes\u00a0», choisir le club comme groupe par défaut`,
      `Tie account ${email} (#${id}) to the club "${club}": tick "Customer" and the club under "Group access", make the club the default group`,
    ),
};

function configuredId(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : null;
}

function account(c: Customer, lang: 'fr' | 'en'): string {
  return lang === 'fr' ? `${c.email} (n° ${c.id})` : `${c.email} (#${c.id})`;
}

export default {
  meta: {
    id: 'customer-club-membership',
    category: 'customers',
    severity: 'fail',
    needs: ['prestashop.customer', 'club.group', 'prestashop.groups', 'prestashop.configuration'],
    asks: 'customer',
    title: t('Compte client associé au club', "Customer account tied to the club"),
    description: t(
      "Avec --customer : vérifie que les groupes du client comprennent le groupe « Client » et le groupe du club, et que son groupe par défaut est le club. C'est ce qui envoie le paiement au bon club : un client associé au mauvais club ne peut pas commander.",
      "With --customer: verifies that the customer's groups include the Customer group and the club's group, and that the default group is the club. That is what sends the payment to the right club: a customer tied to the wrong club cannot order.",
    ),
    manualSteps: [
      t('Dans le back-office : Clients > Clients, recherchez le client puis cliquez sur « Modifier ».', 'In the back office: Customers > Customers, search for the customer and click "Edit".'),
      t('Vérifiez que « Accès des groupes » coche « Client » et le club.', 'Check that "Group access" ticks "Client" (Customer) and the club.'),
      t('Vérifiez que le « Groupe de client par défaut » est le club ; sinon corrigez et enregistrez.', 'Check that the "Default customer group" is the club; otherwise fix it and save.'),
    ],
    docs: 'FAQ 000, « Associer le compte client au club » ; FAQ 004 (commandes en invité)',
  },
  run({ club, parts }) {
    const { query, matches } = parts['prestashop.customer']!;
    const clubGroup = parts['club.group'];
    const groups = parts['prestashop.groups']!;
    const configuration = parts['prestashop.configuration']!;

    const byId = new Map<number, Group>(groups.map((g) => [g.id, g]));
    /** A group by its name and id: « Club » (n° 4), or n° 4 when the shop does not list it. */
    const name = (id: number, lang: 'fr' | 'en') => {
      const group = byId.get(id);
      if (lang === 'fr') return group ? `« ${group.name} » (n° ${id})` : `n° ${id}`;
      return group ? `"${group.name}" (#${id})` : `#${id}`;
    };

    const customerGroupId = configuredId(configuration['PS_CUSTOMER_GROUP']) ?? DEFAULT_CUSTOMER_GROUP;
    const customerGroupName = byId.get(customerGroupId)?.name ?? 'Client';
    // Absent from the part: not read (older snapshot); present: Configuration::get's value.
    const featureRead = Object.prototype.hasOwnProperty.call(configuration, 'PS_GROUP_FEATURE_ACTIVE');
    const featureOn = featureRead ? phpTruthy(configuration['PS_GROUP_FEATURE_ACTIVE'] ?? null) : null;
    const evidence: Record<string, unknown> = { query, customerGroupId, groupFeatureActive: featureOn };

    if (!clubGroup) {
      return {
        status: 'fail',
        message: messages.noClubGroup(club),
        remediation: messages.noClubGroupSteps,
        evidence,
      };
    }
    evidence.clubGroupId = clubGroup.id;
    evidence.clubGroupName = clubGroup.name;

    if (!matches.length) {
      return {
        status: 'fail',
        message: messages.noAccount(query),
        remediation: [messages.noAccountStep],
        evidence,
      };
    }

    // A guest checkout and a registered account often share one e-mail: the registered, not deleted
    // account is the one that logs in and orders. Prefer an active one.
    const usable = matches.filter((c) => !c.isGuest && !c.deleted).sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id);
    const chosen = usable[0];
    evidence.accounts = matches.map((c) => ({ id: c.id, email: c.email, isGuest: c.isGuest, deleted: c.deleted, defaultGroupId: c.defaultGroupId, groupIds: c.groupIds }));
    if (!chosen) {
      return {
        status: 'fail',
        message: messages.noUsableAccount(query, matches),
        remediation: [messages.noUsableAccountStep],
        evidence,
      };
    }
    const others = matches.filter((c) => c !== chosen);
    evidence.evaluatedId = chosen.id;
    evidence.groupIds = chosen.groupIds;
    evidence.groupNames = chosen.groupIds.map((id) => byId.get(id)?.name ?? null);
    evidence.defaultGroupId = chosen.defaultGroupId;
    evidence.defaultGroupName = byId.get(chosen.defaultGroupId)?.name ?? null;

    const missingCustomer = !chosen.groupIds.includes(customerGroupId);
    const missingClub = !chosen.groupIds.includes(clubGroup.id);
    const wrongDefault = chosen.defaultGroupId !== clubGroup.id;
    const extra = chosen.groupIds.filter((id) => id !== customerGroupId && id !== clubGroup.id);

    const problemsFr: string[] = [];
    const problemsEn: string[] = [];
    if (chosen.groupIds.length === 0) {
      evidence.noGroupAtAll = true;
      const none = messages.noGroupAtAll({ fr: name(chosen.defaultGroupId, 'fr'), en: name(chosen.defaultGroupId, 'en') });
      problemsFr.push(none.fr);
      problemsEn.push(none.en);
    } else if (missingClub) {
      problemsFr.push(`il n'est pas dans le groupe du club ${name(clubGroup.id, 'fr')}`);
      problemsEn.push(`it is not in the club's group ${name(clubGroup.id, 'en')}`);
    }
    if (missingCustomer && chosen.groupIds.length > 0) {
      problemsFr.push(`il n'est pas dans le groupe Client ${name(customerGroupId, 'fr')}`);
      problemsEn.push(`it is not in the Customer group ${name(customerGroupId, 'en')}`);
    }
    if (wrongDefault) {
      problemsFr.push(`son groupe par défaut est ${name(chosen.defaultGroupId, 'fr')} au lieu du club ${name(clubGroup.id, 'fr')}`);
      problemsEn.push(`its default group is ${name(chosen.defaultGroupId, 'en')} instead of the club ${name(clubGroup.id, 'en')}`);
    }
    const othersFr = others.length
      ? ` (Autres comptes pour « ${query} », non évalués : ${others.map((c) => `n° ${c.id}${c.isGuest ? ' en invité' : c.deleted ? ' supprimé' : ''}`).join(', ')}.)`
      : '';
    const othersEn = others.length
      ? ` (Other accounts for "${query}", not evaluated: ${others.map((c) => `#${c.id}${c.isGuest ? ' guest checkout' : c.deleted ? ' deleted' : ''}`).join(', ')}.)`
      : '';
    const extraFr = extra.length ? `il est aussi dans ${extra.map((id) => name(id, 'fr')).join(', ')}, alors que seuls ${name(customerGroupId, 'fr')} et le club doivent être cochés` : '';
    const extraEn = extra.length ? `it is also in ${extra.map((id) => name(id, 'en')).join(', ')}, while only ${name(customerGroupId, 'en')} and the club should be ticked` : '';
    if (extra.length) evidence.extraGroupIds = extra;

    const openCustomer = messages.openCustomer(chosen);
    const tick = messages.tick(customerGroupName, clubGroup, extra, name);
    const chooseDefault = messages.chooseDefault(clubGroup);
    const save = messages.save;
    const sentence = { chosen, clubGroup, problemsFr, problemsEn, extraFr, extraEn, othersFr, othersEn, name, customerGroupId, featureOn };

    // Rows that would need changing on the customer's page (the fix plans only those).
    evidence.membershipProblems = problemsFr.length > 0;
    if (featureOn === false) {
      // What PrestaShop computes instead of the rows (Customer::getGroupsStatic / getDefaultGroupId).
      evidence.effectiveGroupIds = [customerGroupId];
      evidence.effectiveDefaultGroupId = customerGroupId;
      const off = groupFeature.off({ fr: name(customerGroupId, 'fr'), en: name(customerGroupId, 'en') });
      problemsFr.unshift(off.fr);
      problemsEn.unshift(off.en);
    }

    if (problemsFr.length) {
      const rowSteps = evidence.membershipProblems ? [openCustomer, tick, chooseDefault, save] : [];
      return {
        status: 'fail',
        message: messages.notTied(sentence),
        remediation: featureOn === false ? [groupFeature.step, ...rowSteps] : rowSteps,
        evidence,
      };
    }
    if (extra.length) {
      return {
        status: 'warn',
        message: messages.tiedWithExtra(sentence),
        remediation: [openCustomer, tick, save],
        evidence,
      };
    }
    return {
      status: 'pass',
      message: messages.tied(sentence),
      evidence,
    };
  },
  /** Adds the Customer group and the club's group (other groups are left alone), sets the default group to the club. */
  fix({ status, evidence }: FixContext): FixProposal[] {
    const id = evidence.evaluatedId;
    const club = evidence.clubGroupId;
    if (status !== 'fail' || typeof id !== 'number' || typeof club !== 'number') return [];
    // Only the disabled group feature is wrong: the customer's page needs no change.
    if (evidence.membershipProblems === false) return [];
    const groups = (evidence.groupIds as number[] | undefined) ?? [];
    const customerGroup = evidence.customerGroupId as number;
    const account = (evidence.accounts as Array<{ id: number; email: string }> | undefined)?.find((a) => a.id === id);
    return [
      {
        title: fixMessages.fixTitle(account?.email ?? '', id, String(evidence.clubGroupName ?? club)),
        change: {
          kind: 'customer-groups',
          customerId: id,
          email: account?.email ?? '',
          groupsBefore: [...groups],
          groupsAfter: [...new Set([...groups, customerGroup, club])].sort((a, b) => a - b),
          defaultBefore: evidence.defaultGroupId as number,
          defaultAfter: club,
        },
      },
    ];
  },
} satisfies Check;
