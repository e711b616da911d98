// Every webservice resource checkout-doctor reads, and why: one list for the client's remediation
// (webservice.ts), `init`'s permission check (permissions.ts) and docs/ (test/docs).

import { t, type Text } from '../../engine/types.js';

export interface WebserviceResource {
  resource: string;
  /** What the diagnosis reads there, for the person ticking the boxes. */
  why: Text;
  /** Read only in rare cases (multistore), and its absence is tolerated. */
  optional?: boolean;
}

/** Every resource the webservice source reads (src/sources/prestashop/gather-webservice.ts), "View (GET)" each. */
export const WEBSERVICE_RESOURCES: readonly WebserviceResource[] = [
  { resource: 'configurations', why: t('réglages de la boutique (groupes par défaut, clés du module Stripe, retours produits)', 'shop settings (default groups, Stripe module keys, merchandise returns)') },
  { resource: 'groups', why: t('groupes de clients (un par club)', 'customer groups (one per club)') },
  { resource: 'categories', why: t('catégories des clubs', 'the clubs’ categories') },
  { resource: 'customers', why: t('compte du client (--customer)', 'the customer’s account (--customer)') },
  { resource: 'cart_rules', why: t('codes promo (--code)', 'promo codes (--code)') },
  { resource: 'order_cart_rules', why: t('utilisations d’un code par un client', 'a customer’s uses of a code') },
  { resource: 'orders', why: t('commandes (--order, utilisations des codes)', 'orders (--order, uses of codes)') },
  { resource: 'order_states', why: t('états de commande', 'order states') },
  { resource: 'currencies', why: t('devises (montants minimum des codes promo)', 'currencies (promo code minimum amounts)') },
  { resource: 'carriers', why: t('transporteurs (point relais)', 'carriers (relay point)') },
  { resource: 'zones', why: t('zones de livraison', 'delivery zones') },
  { resource: 'countries', why: t('pays activés (zones réellement desservies)', 'enabled countries (zones actually reached)') },
  { resource: 'states', why: t('états et provinces (une adresse qui en a un prend sa zone)', 'states (an address with one takes its zone)') },
  { resource: 'shops', why: t('boutiques (multiboutique seulement)', 'shops (multistore only)'), optional: true },
];
