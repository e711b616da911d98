// FAQ 002 « La carte des points relais ne s'affiche plus » steps 2 and 3: carriers enabled in
// "Mes Envois > Prix d'expédition", and in "Réglages > Boutiques connectées" the shop's "Point
// Relais" option on with at least one carrier. Read on the shop's entry of GET /api/v2/integrations
// (`service_point_enabled`, `service_point_carriers`; api-notes/sendcloud.md §4, §6), not on the
// service-points API, which reflects the API key's own integration. The source has already matched
// the shop's integration by URL (host and path of prestashop.url).
//
// The PrestaShop side (the carriers the module created exist, are active and serve every zone) is
// the business of relay-carrier-zones.

import type { SendcloudIntegration } from '../src/engine/parts.js';
import { t, type Check, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  noShopConnectedSendcloud: (shopUrl: string, others: SendcloudIntegration[]) =>
    t(
      `Aucune boutique connectée dans Sendcloud n’a l’adresse ${shopUrl} ; des boutiques PrestaShop y sont connectées avec une autre adresse : ${others.map(describe).join(', ')}. L’adresse de la boutique a peut-être changé.`,
      `No shop connected in Sendcloud has the address ${shopUrl}; PrestaShop shops are connected there with another address: ${others.map(describeEn).join(', ')}. The shop’s address may have changed.`,
    ),
  shopNotConnectedSendcloud: (shopUrl: string) =>
    t(
      `La boutique ${shopUrl} n’est pas connectée à Sendcloud : aucune boutique connectée n’a son adresse.`,
      `The shop ${shopUrl} is not connected to Sendcloud: no connected shop has its address.`,
    ),
  pointRelaisServicePoints: (shop: SendcloudIntegration) =>
    t(
      `L’option « Point Relais » est désactivée pour la boutique ${describe(shop)} dans Sendcloud : la carte des points relais ne peut pas s’afficher.`,
      `The "Point Relais" (service points) option is off for the shop ${describeEn(shop)} in Sendcloud: the relay-point map cannot show.`,
    ),
  pointRelaisOptionShop: (shop: SendcloudIntegration) =>
    t(
      `L’option « Point Relais » est activée pour la boutique ${describe(shop)}, mais aucun transporteur n’est choisi : la carte n’a rien à proposer.`,
      `The "Point Relais" option is on for the shop ${describeEn(shop)}, but no carrier is chosen: the map has nothing to offer.`,
    ),
  noCarrierEnabledSendcloud: (carriers: string) =>
    t(
      `Aucun transporteur n’est activé dans le compte Sendcloud (aucune méthode d’expédition) : les transporteurs choisis pour la carte (${carriers}) ne peuvent pas servir.`,
      `No carrier is enabled in the Sendcloud account (no shipping method): the carriers chosen for the map (${carriers}) cannot be used.`,
    ),
  carrierChosenMapNo: (withoutMethod: string[]) =>
    t(
      `${withoutMethod.length > 1 ? 'Transporteurs choisis' : 'Transporteur choisi'} pour la carte sans méthode en point relais dans le compte : ${withoutMethod.join(', ')} (les méthodes dépendent aussi du pays des adresses d’expédition).`,
      `Carrier${withoutMethod.length > 1 ? 's' : ''} chosen for the map with no service-point method in the account: ${withoutMethod.join(', ')} (methods also depend on the sender addresses’ country).`,
    ),
  keepOnlyEnabledCarriers: t('Ne gardez pour la carte que des transporteurs activés.', 'Keep only enabled carriers for the map.'),
  sendcloudOffersMapBut: (notInShop: string[], selectedCarriers: Record<string, string>) =>
    t(
      `Sendcloud propose sur la carte ${notInShop.join(', ')}, mais la boutique n’a reçu aucun transporteur pour ${notInShop.length > 1 ? 'eux' : 'lui'} (le module Sendcloud n’a que : ${Object.keys(selectedCarriers).join(', ') || 'aucun'}) : la sélection n’a pas été transmise à PrestaShop.`,
      `Sendcloud offers ${notInShop.join(', ')} on the map, but the shop never received a carrier for ${notInShop.length > 1 ? 'them' : 'it'} (the Sendcloud module only has: ${Object.keys(selectedCarriers).join(', ') || 'none'}): the selection did not reach PrestaShop.`,
    ),
  savePointRelaisSettings: t(
    'Enregistrez à nouveau les réglages « Point Relais » : Sendcloud transmet alors sa sélection au module, qui crée les transporteurs manquants.',
    'Save the "Point Relais" settings again: Sendcloud then sends its selection to the module, which creates the missing carriers.',
  ),
  backOfficeShippingCarriers: t(
    'Dans le back-office : Livraison > Transporteurs, vérifiez qu’un transporteur « Service Point Delivery » existe pour chacun (voir relay-carrier-zones).',
    'In the back office: Shipping > Carriers, check that a "Service Point Delivery" carrier exists for each (see relay-carrier-zones).',
  ),
  servicePointsShopPrestashop: (shop: SendcloudIntegration, carriers: string) =>
    t(
      `Points relais activés pour la boutique ${describe(shop)} avec : ${carriers}. Côté PrestaShop, les transporteurs sont contrôlés par relay-carrier-zones.`,
      `Service points are on for the shop ${describeEn(shop)} with: ${carriers}. On the PrestaShop side, the carriers are checked by relay-carrier-zones.`,
    ),
};

const CONNECTED_SHOPS = (shop: string): Text =>
  t(
    `Dans Sendcloud : Réglages > Boutiques connectées, ouvrez la boutique « ${shop} ».`,
    `In Sendcloud: Settings > Connected shops ("Réglages > Boutiques connectées"), open the shop "${shop}".`,
  );
const ENABLE_OPTION = t('Activez l’option « Point Relais ».', 'Turn on the "Point Relais" (service points) option.');
const CHOOSE_CARRIER = t(
  'Cochez au moins un transporteur pour la carte des points relais (par exemple Colissimo, Mondial Relay), puis enregistrez.',
  'Tick at least one carrier for the relay-point map (for example Colissimo, Mondial Relay), then save.',
);
const ENABLE_CARRIERS = t(
  'Les transporteurs proposés doivent être activés dans Sendcloud : Mes Envois > Prix d’expédition (ajoutez vos contrats transporteur si vous en avez).',
  'The carriers offered must be enabled in Sendcloud: "Mes Envois > Prix d’expédition" (shipping prices; add your own carrier contracts if you have any).',
);
const CONNECT_FROM_MODULE = t(
  'Dans le back-office PrestaShop, ouvrez la configuration du module Sendcloud et connectez la boutique à Sendcloud (le module crée une clé webservice ; le webservice PrestaShop doit rester activé).',
  'In the PrestaShop back office, open the Sendcloud module’s configuration and connect the shop to Sendcloud (the module creates a webservice key; the PrestaShop webservice must stay enabled).',
);
const CHECK_LIST = t(
  'Puis vérifiez dans Sendcloud : Réglages > Boutiques connectées que la boutique apparaît avec l’adresse de la boutique.',
  'Then check in Sendcloud: Settings > Connected shops ("Réglages > Boutiques connectées") that the shop appears with the shop’s address.',
);

function describe(i: SendcloudIntegration): string {
  return `« ${i.shopName} » (n° ${i.id}, ${i.system}${i.shopUrl ? `, ${i.shopUrl}` : ''})`;
}
function describeEn(i: SendcloudIntegration): string {
  return `"${i.shopName}" (#${i.id}, ${i.system}${i.shopUrl ? `, ${i.shopUrl}` : ''})`;
}

export default {
  meta: {
    id: 'sendcloud-service-points',
    category: 'shipping',
    severity: 'fail',
    needs: ['sendcloud.integrations'],
    optional: ['sendcloud.shippingMethods', 'prestashop.sendcloudModule'],
    title: t('Points relais activés pour la boutique dans Sendcloud', 'Service points enabled for the shop in Sendcloud'),
    description: t(
      'Vérifie que la boutique est connectée à Sendcloud (une boutique connectée a l’adresse de la boutique), que son option « Point Relais » est activée avec au moins un transporteur, et, quand les méthodes d’expédition sont lisibles, que des transporteurs sont activés dans « Mes Envois > Prix d’expédition » et offrent des méthodes en point relais. Sans cela, la carte des points relais ne s’affiche pas.',
      'Verifies that the shop is connected to Sendcloud (a connected shop has the shop’s address), that its "Point Relais" option is on with at least one carrier, and, when shipping methods are readable, that carriers are enabled in "Mes Envois > Prix d’expédition" and offer service-point methods. Without this, the relay-point map does not show.',
    ),
    docs: 'FAQ 002, « La carte des points relais ne s’affiche plus sur mon site », étapes 2 et 3',
  },
  run({ parts }) {
    const integrations = parts['sendcloud.integrations']!;
    const methods = parts['sendcloud.shippingMethods'];
    const shopModule = parts['prestashop.sendcloudModule'];
    const shop = integrations.matchedId === null ? undefined : integrations.list.find((i) => i.id === integrations.matchedId);

    if (!shop) {
      const others = integrations.list.filter((i) => i.system.toLowerCase().startsWith('prestashop'));
      const evidence = { shopUrl: integrations.shopUrl, otherPrestashopIntegrations: others.map((i) => ({ id: i.id, shopName: i.shopName, shopUrl: i.shopUrl })) };
      if (others.length) {
        return {
          status: 'fail',
          message: MESSAGES.noShopConnectedSendcloud(integrations.shopUrl, others),
          remediation: [CONNECT_FROM_MODULE, CHECK_LIST, ENABLE_OPTION, CHOOSE_CARRIER],
          evidence,
        };
      }
      return {
        status: 'fail',
        message: MESSAGES.shopNotConnectedSendcloud(integrations.shopUrl),
        remediation: [CONNECT_FROM_MODULE, CHECK_LIST, ENABLE_OPTION, CHOOSE_CARRIER],
        evidence,
      };
    }

    const evidence: Record<string, unknown> = {
      integrationId: shop.id,
      shopName: shop.shopName,
      shopUrl: shop.shopUrl,
      system: shop.system,
      servicePointEnabled: shop.servicePointEnabled,
      servicePointCarriers: shop.servicePointCarriers,
    };
    if (integrations.candidateIds.length > 1) evidence.sameUrlIntegrations = integrations.candidateIds;
    if (methods) {
      evidence.enabledCarriers = methods.carriers;
      evidence.servicePointCapableCarriers = methods.servicePointCarriers;
    }

    if (!shop.servicePointEnabled) {
      return {
        status: 'fail',
        message: MESSAGES.pointRelaisServicePoints(shop),
        remediation: [CONNECTED_SHOPS(shop.shopName), ENABLE_OPTION, CHOOSE_CARRIER, ENABLE_CARRIERS],
        evidence,
      };
    }
    if (shop.servicePointCarriers.length === 0) {
      return {
        status: 'fail',
        message: MESSAGES.pointRelaisOptionShop(shop),
        remediation: [CONNECTED_SHOPS(shop.shopName), CHOOSE_CARRIER, ENABLE_CARRIERS],
        evidence,
      };
    }
    const carriers = shop.servicePointCarriers.join(', ');
    if (methods && methods.carriers.length === 0) {
      return {
        status: 'fail',
        message: MESSAGES.noCarrierEnabledSendcloud(carriers),
        remediation: [ENABLE_CARRIERS],
        evidence,
      };
    }
    if (methods) {
      const withoutMethod = shop.servicePointCarriers.filter((c) => !methods.servicePointCarriers.includes(c));
      if (withoutMethod.length) {
        evidence.carriersWithoutServicePointMethod = withoutMethod;
        return {
          status: 'warn',
          message: MESSAGES.carrierChosenMapNo(withoutMethod),
          remediation: [ENABLE_CARRIERS, CONNECTED_SHOPS(shop.shopName), MESSAGES.keepOnlyEnabledCarriers],
          evidence,
        };
      }
    }
    // Cross-check with the shop: Sendcloud writes its carrier selection into the module's
    // configuration, from which the module creates one PrestaShop carrier per code. A code Sendcloud
    // offers but the shop never received has no carrier at checkout.
    if (shopModule && shopModule.variant !== null) {
      const notInShop = shop.servicePointCarriers.filter((c) => !(c in shopModule.selectedCarriers) && !(c in shopModule.carrierReferences));
      if (notInShop.length) {
        evidence.carriersNotInShop = notInShop;
        evidence.shopSelectedCarriers = Object.keys(shopModule.selectedCarriers);
        return {
          status: 'warn',
          message: MESSAGES.sendcloudOffersMapBut(notInShop, shopModule.selectedCarriers),
          remediation: [
            CONNECTED_SHOPS(shop.shopName),
            MESSAGES.savePointRelaisSettings,
            MESSAGES.backOfficeShippingCarriers,
          ],
          evidence,
        };
      }
    }
    return {
      status: 'pass',
      message: MESSAGES.servicePointsShopPrestashop(shop, carriers),
      evidence,
    };
  },
} satisfies Check;
