// Back-office paths several checks and sources quote. The FAQ's Stripe menus (« Mettre à jour ma
// boutique club » > « Mettre à jour mon club » > « Paramétrage du compte Stripe », « Accès rapide »
// > « Compte Stripe ») belong to the club platform's own back office, not to PrestaShop: they are
// kept, and the stock PrestaShop path to the same settings, the Stripe module's configuration page,
// is given as the alternative.

import { t, type Text } from './types.js';

/** The Stripe module's settings on a stock PrestaShop back office. */
export const STOCK_STRIPE_SETTINGS: Text = t('Modules > Gestionnaire de modules > Stripe > Configurer', 'Modules > Module Manager > Stripe > Configure');

/** The sentence joining a club-platform step to its stock PrestaShop alternative (issue 10.4). */
const MESSAGES = {
  withStockPath: (bare: (s: string) => string, step: Text, then?: Text) =>
    t(
      `${bare(step.fr)} (sur un PrestaShop standard : ${STOCK_STRIPE_SETTINGS.fr}${then ? `, puis ${then.fr}` : ''}).`,
      `${bare(step.en)} (on a stock PrestaShop: ${STOCK_STRIPE_SETTINGS.en}${then ? `, then ${then.en}` : ''}).`,
    ),
};

/**
 * A step through the club platform's Stripe menus, followed by the stock PrestaShop alternative
 * (`then`: what to do once there, e.g. save).
 */
export function withStockStripePath(step: Text, then?: Text): Text {
  const bare = (s: string) => s.replace(/[.\s]+$/, '');
  return MESSAGES.withStockPath(bare, step, then);
}

/** "Save" on the stock module page, for the FAQ's re-save step. */
export const STOCK_SAVE: Text = t('« Enregistrer »', '"Save"');
