// FAQ 000 "Associer la catégorie au club": the club's category must exist, be displayed, and list
// the club's customer group in its group access; otherwise its products are not tied to the club
// and payment cannot open.

import { t, type Check, type FixContext, type FixProposal, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  noCustomerGroupMatches: (name: string) =>
    t(`Aucun groupe client ne correspond au club « ${name} ».`, `No customer group matches the club "${name}".`),
  backOfficeCustomersGroups: t('Dans le back-office : Clients > Groupes, vérifiez le nom du groupe du club (ou créez-le).', "In the back office: Customers > Groups, check the club group's name (or create it)."),
  giveGroupIdInClubs: t('Ou indiquez son identifiant dans la configuration (clubs[].group).', 'Or give its id in the configuration (clubs[].group).'),
  noCategoryMatchesClub: (name: string) =>
    t(`Aucune catégorie ne correspond au club « ${name} ».`, `No category matches the club "${name}".`),
  backOfficeCatalogueCategories: t('Dans le back-office : Catalogue > Catégories, vérifiez le nom de la catégorie du club (ou créez-la).', "In the back office: Catalogue > Categories, check the club category's name (or create it)."),
  giveCategoryIdInClubs: t('Ou indiquez son identifiant dans la configuration (clubs[].category).', 'Or give its id in the configuration (clubs[].category).'),
  categoryDisabledProductsHidden: (name: string, id: number) =>
    t(`La catégorie « ${name} » (n° ${id}) est désactivée : ses produits ne sont pas visibles.`, `Category "${name}" (#${id}) is disabled: its products are hidden.`),
  setDisplayedYes: t('Passez « Affiché » sur Oui.', 'Set "Displayed" to Yes.'),
  categoryGroupAccess: t("L'accès des groupes de la catégorie n'a pas pu être lu.", "The category's group access could not be read."),
  groupLabel: (s: Text, name: string, id: number) =>
    t(`${s.fr} (groupe « ${name} », n° ${id})`, `${s.en} (group "${name}", #${id})`),
  groupNoAccessCategory: (name: string, id: number, categoryName: string, categoryId: number) =>
    t(
      `Le groupe « ${name} » (n° ${id}) n'a pas accès à la catégorie « ${categoryName} » (n° ${categoryId}) : les produits ne sont pas rattachés au club et le paiement est bloqué.`,
      `Group "${name}" (#${id}) has no access to category "${categoryName}" (#${categoryId}): products are not tied to the club and payment is blocked.`,
    ),
  underGroupAccessTick: (name: string) =>
    t(`Dans « Accès des groupes », cochez « ${name} ».`, `Under "Group access", tick "${name}".`),
  categoryActiveOpenGroup: (name: string, groupName: string) =>
    t(`La catégorie « ${name} » est active et ouverte au groupe « ${groupName} ».`, `Category "${name}" is active and open to group "${groupName}".`),
};

const fixMessages = {
  fixTitle: (group: string, groupId: number, category: string, categoryId: number) =>
    t(
      `Ouvrir la catégorie «\u00a0${category}\u00a0» (n° ${categoryId}) au groupe «\u00a0${group}\u00a0» (n° ${groupId})\u00a0: cocher le groupe dans «\u00a0Accès des groupes\u00a0»`,
      `Open category "${category}" (#${categoryId}) to group "${group}" (#${groupId}): tick the group under "Group access"`,
    ),
};

// What a club admin reads (`--audience admin`, the guided mode) where the support wording speaks of
// the tool's configuration or its sources.
const adminMessages = {
  accessUnreadable: (category: string, group: string) =>
    t(
      `Ce point ne peut pas être lu automatiquement : dans le back-office, la catégorie « ${category} » doit être ouverte au groupe « ${group} » (« Accès des groupes »), sinon le paiement ne s’ouvre pas.`,
      `This cannot be read automatically: in the back office, category "${category}" must be open to group "${group}" ("Group access"), otherwise payment does not open.`,
    ),
  noGroupSteps: [t('Dans le back-office : Clients > Groupes, vérifiez le nom du groupe du club (ou créez-le), puis signalez-le au support.', "In the back office: Customers > Groups, check the club group's name (or create it), then tell support.")],
  noCategorySteps: [
    t(
      'Dans le back-office : Catalogue > Catégories, vérifiez que la catégorie du club existe et porte le nom du club (ou créez-la), puis signalez-le au support.',
      "In the back office: Catalogue > Categories, check that the club's category exists and bears the club's name (or create it), then tell support.",
    ),
  ],
};

const openCategory = t(
  'Dans le back-office : Catalogue > Catégories, affichez la catégorie du club puis cliquez sur « Modifier ».',
  'In the back office: Catalogue > Categories, find the club category and click "Edit".',
);
const save = t('Enregistrez.', 'Click "Save".');

const manualSteps: Text[] = [
  openCategory,
  t('Dans « Accès des groupes », vérifiez que le groupe du club est coché.', 'Under "Group access", check that the club group is ticked.'),
  save,
];

export default {
  meta: {
    id: 'category-club-access',
    category: 'catalogue',
    severity: 'fail',
    needs: ['club.group', 'club.category'],
    optional: ['club.categoryAccess'],
    title: t('Catégorie du club accessible au groupe du club', "Club category open to the club's group"),
    description: t(
      "Vérifie que la catégorie du club existe, est affichée et que son « Accès des groupes » inclut le groupe client du club. C'est ce lien qui rattache les produits au club : sans lui, le paiement ne s'ouvre pas.",
      "Verifies that the club's category exists, is displayed, and that its group access includes the club's customer group. That link ties the products to the club: without it, payment does not open.",
    ),
    manualSteps,
    docs: 'FAQ 000, « Associer la catégorie au club »',
  },
  run({ club, parts, unavailable }) {
    const group = parts['club.group'];
    const category = parts['club.category'];
    if (!group) {
      return {
        status: 'fail',
        message: MESSAGES.noCustomerGroupMatches(club.name),
        remediation: [
          MESSAGES.backOfficeCustomersGroups,
          MESSAGES.giveGroupIdInClubs,
        ],
        admin: { remediation: adminMessages.noGroupSteps },
      };
    }
    if (!category) {
      return {
        status: 'fail',
        message: MESSAGES.noCategoryMatchesClub(club.name),
        remediation: [
          MESSAGES.backOfficeCatalogueCategories,
          MESSAGES.giveCategoryIdInClubs,
        ],
        evidence: { groupId: group.id },
        admin: { remediation: adminMessages.noCategorySteps },
      };
    }
    const evidence: Record<string, unknown> = { groupId: group.id, groupName: group.name, categoryId: category.id, categoryName: category.name };
    if (!category.active) {
      return {
        status: 'fail',
        message: MESSAGES.categoryDisabledProductsHidden(category.name, category.id),
        remediation: [openCategory, MESSAGES.setDisplayedYes, save],
        evidence,
      };
    }
    const access = parts['club.categoryAccess'];
    if (!access) {
      return {
        status: 'manual',
        message: unavailable['club.categoryAccess'] ?? MESSAGES.categoryGroupAccess,
        remediation: manualSteps.map((s, i) => (i === 1 ? MESSAGES.groupLabel(s, group.name, group.id) : s)),
        evidence,
        admin: { message: adminMessages.accessUnreadable(category.name, group.name) },
      };
    }
    evidence.allowedGroupIds = access.groupIds;
    if (!access.groupIds.includes(group.id)) {
      return {
        status: 'fail',
        message: MESSAGES.groupNoAccessCategory(group.name, group.id, category.name, category.id),
        remediation: [
          openCategory,
          MESSAGES.underGroupAccessTick(group.name),
          save,
        ],
        evidence,
      };
    }
    return {
      status: 'pass',
      message: MESSAGES.categoryActiveOpenGroup(category.name, group.name),
      evidence,
    };
  },
  /** Adds the club's group to the category's group access (only when the database showed it missing). */
  fix({ status, evidence }: FixContext): FixProposal[] {
    const allowed = evidence.allowedGroupIds;
    const { groupId, categoryId } = evidence as { groupId?: number; categoryId?: number };
    if (status !== 'fail' || !Array.isArray(allowed) || typeof groupId !== 'number' || typeof categoryId !== 'number') return [];
    return [
      {
        title: fixMessages.fixTitle(String(evidence.groupName), groupId, String(evidence.categoryName), categoryId),
        change: { kind: 'category-group', categoryId, groupId, groupsBefore: [...(allowed as number[])] },
      },
    ];
  },
} satisfies Check;
