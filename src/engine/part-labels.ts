// What each snapshot part is, in words a reader understands: a French report never names an
// internal part (« club.stripeAccount ») but what it holds (« le compte Stripe du club »).

import type { PartName } from './parts.js';
import type { Text } from './types.js';

export const PART_LABELS: Record<PartName, Text> = {
  'prestashop.groups': { fr: 'les groupes de clients de la boutique', en: 'the shop’s customer groups' },
  'prestashop.configuration': { fr: 'la configuration de la boutique', en: 'the shop’s configuration' },
  'prestashop.orderStates': { fr: 'les états de commande de la boutique', en: 'the shop’s order states' },
  'prestashop.customer': { fr: 'le compte du client demandé', en: 'the account of the customer asked for' },
  'prestashop.cartRule': { fr: 'le code promo demandé', en: 'the promo code asked for' },
  'prestashop.order': { fr: 'la commande demandée', en: 'the order asked for' },
  'club.group': { fr: 'le groupe de clients du club', en: 'the club’s customer group' },
  'club.category': { fr: 'la catégorie du club', en: 'the club’s category' },
  'club.categoryAccess': { fr: 'les accès des groupes à la catégorie du club', en: 'the group access of the club’s category' },
  'club.stripeKeys': { fr: 'les clés Stripe du club', en: 'the club’s Stripe keys' },
  'club.stripeKeyProbe': { fr: 'la réponse de Stripe aux clés du club', en: 'Stripe’s answer to the club’s keys' },
  'club.stripeAccount': { fr: 'le compte Stripe du club', en: 'the club’s Stripe account' },
  'prestashop.shop': { fr: 'les réglages de la boutique', en: 'the shop’s settings' },
  'prestashop.carriers': { fr: 'les transporteurs de la boutique', en: 'the shop’s carriers' },
  'prestashop.zones': { fr: 'les zones de livraison de la boutique', en: 'the shop’s delivery zones' },
  'prestashop.countries': { fr: 'les pays de la boutique', en: 'the shop’s countries' },
  'prestashop.states': { fr: 'les états et provinces des pays', en: 'the countries’ states' },
  'prestashop.modules': { fr: 'les modules installés sur la boutique', en: 'the shop’s installed modules' },
  'prestashop.sendcloudModule': { fr: 'le module Sendcloud de la boutique', en: 'the shop’s Sendcloud module' },
  'shop.front': { fr: 'la page d’accueil publique de la boutique', en: 'the shop’s public home page' },
  'sendcloud.user': { fr: 'le compte Sendcloud', en: 'the Sendcloud account' },
  'sendcloud.senderAddresses': { fr: 'les adresses d’expédition Sendcloud', en: 'the Sendcloud sender addresses' },
  'sendcloud.invoices': { fr: 'les factures Sendcloud', en: 'the Sendcloud invoices' },
  'sendcloud.integrations': { fr: 'la connexion de la boutique à Sendcloud', en: 'the shop’s Sendcloud integration' },
  'sendcloud.integrationLogs': { fr: 'le journal d’erreurs de la connexion Sendcloud', en: 'the Sendcloud integration’s error log' },
  'sendcloud.shippingMethods': { fr: 'les méthodes d’expédition Sendcloud', en: 'the Sendcloud shipping methods' },
  'shop.dynamicCoupons': { fr: 'le point d’accès des coupons dynamiques', en: 'the dynamic-coupon endpoint' },
};

/** A part no label names: neutral in French, its name in English (support reads it). */
const UNKNOWN_PART = (name: string): Text => ({ fr: 'des données nécessaires au contrôle', en: `"${name}"` });

/** A part's label; a part added since (a plugin's, a newer snapshot's) falls back to a neutral phrase. */
export function partLabel(name: string): Text {
  return (PART_LABELS as Record<string, Text | undefined>)[name] ?? UNKNOWN_PART(name);
}
