// The FAQ's causes no API can see (FAQ 002, « Raisons courantes… » causes 2, 4 and 7): the shop's
// theme, a custom script added to the checkout page, the customer's browser. The guided mode adds
// them as `manual` points when the person says the relay-point map does not show, so that the
// person is asked about each and the answer is recorded like any other manual item. They are not
// built-in checks: a diagnosis without a person has no one to ask, and `relay-module-conflicts`
// already lists them in its description.

import { t, type Check, type CheckMeta, type Text } from '../../engine/types.js';

const messages = {
  theme: {
    title: t('Thème de la boutique compatible avec la carte des points relais', "Shop theme compatible with the relay-point map"),
    description: t(
      'Un thème qui n’affiche pas les emplacements prévus pour les transporteurs empêche la carte des points relais de Sendcloud d’apparaître.',
      "A theme that does not show the places meant for carriers keeps Sendcloud's relay-point map from appearing.",
    ),
    message: t('Le thème ne se lit pas automatiquement : vérifiez-le à la main.', 'The theme cannot be read automatically: check it by hand.'),
    steps: [
      t('Dans le back-office : Apparence > Thème et logo, notez le thème utilisé.', 'In the back office: Design > Theme & Logo, note the theme in use.'),
      t(
        'Si ce n’est pas le thème d’origine (Classic), demandez à son éditeur s’il est compatible avec la carte des points relais de Sendcloud, ou essayez la commande avec le thème Classic sur une boutique de test.',
        "If it is not the original theme (Classic), ask its publisher whether it works with Sendcloud's relay-point map, or try an order with the Classic theme on a test shop.",
      ),
    ],
  },
  script: {
    title: t('Aucun script personnalisé sur la page de commande', 'No custom script on the checkout page'),
    description: t(
      'Un script ajouté à la page de commande (par exemple pour personnaliser le statut des commandes) peut empêcher la carte des points relais de s’afficher.',
      'A script added to the checkout page (for instance to customise order statuses) can keep the relay-point map from showing.',
    ),
    message: t('Les scripts de la page de commande ne se lisent pas automatiquement : vérifiez-les à la main.', 'The checkout page’s scripts cannot be read automatically: check them by hand.'),
    steps: [
      t(
        'Demandez à la personne qui a personnalisé la boutique si un script a été ajouté à la page de commande, et faites-le retirer le temps d’un essai.',
        'Ask whoever customised the shop whether a script was added to the checkout page, and have it removed for a test.',
      ),
    ],
  },
  browser: {
    title: t('Navigateur du client à jour', "Customer's browser up to date"),
    description: t(
      'Un navigateur trop ancien peut ne pas afficher la carte des points relais.',
      'An outdated browser may not show the relay-point map.',
    ),
    message: t('Le navigateur du client ne se lit pas automatiquement : demandez-le-lui.', "The customer's browser cannot be read automatically: ask them."),
    steps: [t('Le client installe la dernière version de son navigateur, ou essaie avec un autre navigateur.', 'The customer installs the latest version of their browser, or tries another browser.')],
  },
} satisfies Record<string, { title: Text; description: Text; message: Text; steps: Text[] }>;

function point(id: string, texts: (typeof messages)[keyof typeof messages]): Check {
  const meta: CheckMeta = {
    id,
    category: 'shipping',
    severity: 'warn',
    needs: [],
    title: texts.title,
    description: texts.description,
    manualSteps: texts.steps,
    docs: 'FAQ 002, « Raisons courantes pour lesquelles la carte interactive ne s’affiche pas »',
  };
  return { meta, run: () => ({ status: 'manual', message: texts.message, remediation: texts.steps }) };
}

/** Asked only when the relay-point map does not show. */
export const RELAY_MAP_POINTS: readonly Check[] = [
  point('checkout-theme', messages.theme),
  point('checkout-custom-script', messages.script),
  point('customer-browser', messages.browser),
];

/**
 * Every point only the guided mode asks: `list-checks` lists them and `explain` explains them
 * (a contract addition), though no configuration, `--only` or `--skip` reaches them.
 */
export const GUIDED_ONLY_POINTS: readonly Check[] = RELAY_MAP_POINTS;

export function guidedOnlyPoint(id: string): Check | undefined {
  return GUIDED_ONLY_POINTS.find((c) => c.meta.id === id);
}
