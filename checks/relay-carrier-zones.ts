// FAQ 002: the Sendcloud relay-point map shows only through the shop's "Service Point Delivery"
// carrier. Cause 5 of "Raisons courantes…": that shipping method was not created for every delivery
// zone. api-notes/sendcloud.md §7 adds what the PrestaShop module itself requires before the map
// renders (servicePointsAvailable()): the shop connected, the script key set, and a synced carrier
// that is active, not deleted, in carrier_shop for the shop, with at least one zone and at least one
// module_carrier (payment module) row; otherwise the carrier silently disappears from checkout.
//
// The carriers are found by their owning module (external_module_name `sendcloud` / `sendcloudv2`)
// and by the references the module stored (`*_SPP_CARRIER_<CODE>_REFERENCE`), never by name:
// merchants rename them. PrestaShop gives a carrier a new id on every back-office edit and marks
// the old one deleted (api-notes/prestashop.md §5), so carriers are keyed on their reference.
//
// Zones: checkout reaches a zone only through the delivery address's country (`country.id_zone`),
// among the shop's active countries, and only if the zone is active (Carrier::getCarriers joins
// `zone.active = 1`). A fresh 8.1.2 leaves all 8 zones active with only FR and US active
// (recordings/prestashop-8.1.2/countries-active), so the carrier is judged on the zones holding
// at least one active country; the others are listed in the evidence with why they were left out.
// Without the countries (older snapshot, none active) every active zone is a candidate, and a
// candidate the carrier lacks is only "to verify", never a failure nor a pass.
//
// States: an address whose country has states (`contains_states`) names one, and takes the state's
// zone, not the country's (Address::getZoneById: `id_zone_state ?: country.id_zone`, which the cart's
// delivery zone and so carrier availability use); checkout offers only active states and requires
// one in such a country. So a country with active states reaches its states' zones; one without
// (or without states at all) reaches its own zone. States unreadable (key without `states`) leave
// those countries' zones to verify; an older snapshot without states says so in the evidence.

import type { Carrier, Country, SendcloudModule, State, Zone } from '../src/engine/parts.js';
import { t, type Check, type CheckContext, type Text } from '../src/engine/types.js';

const SENDCLOUD_MODULES = new Set(['sendcloud', 'sendcloudv2']);
const isSendcloudCarrier = (c: Carrier) => SENDCLOUD_MODULES.has(c.externalModuleName.trim().toLowerCase());

/** `SENDCLOUD_SPP_CARRIER_<CODE>_REFERENCE` (v1) and `SENDCLOUD_V2_SPP_CARRIER_<CODE>_REFERENCE` (v2). */
const REFERENCE_KEY = /^SENDCLOUD_(?:V2_)?SPP_CARRIER_([A-Z0-9_]+)_REFERENCE$/;

const carriersList = t('Dans le back-office : Livraison > Transporteurs.', 'In the back office: Shipping > Carriers.');

const sendcloudServicePoints = t(
  "Dans Sendcloud : Réglages > Boutiques connectées, ouvrez la boutique, activez l'option « Point Relais » avec au moins un transporteur et enregistrez : le module Sendcloud crée alors dans PrestaShop le transporteur « Service Point Delivery ».",
  'In Sendcloud: Settings > Connected stores, open the shop, enable the "Service Points" option with at least one carrier and save: the Sendcloud module then creates the "Service Point Delivery" carrier in PrestaShop.',
);

const zoneNames = (zones: Zone[]) => zones.map((z) => `« ${z.name} » (n° ${z.id})`).join(', ');
const zoneNamesEn = (zones: Zone[]) => zones.map((z) => `"${z.name}" (#${z.id})`).join(', ');

const countriesStep = t(
  "International > Zones géographiques > Pays, filtrez « Activé » sur Oui : la colonne « Zone » donne les zones où vos clients peuvent se faire livrer ; le transporteur point relais doit desservir chacune d'elles.",
  'International > Locations > Countries, filter "Enabled" on Yes: the "Zone" column gives the zones your customers can be delivered to; the relay-point carrier must serve each of them.',
);

const zoneStep = (name: string, zones: Zone[]): Text =>
  t(
    `Livraison > Transporteurs, « Modifier » sur « ${name} », étape « Destinations et coûts d'expédition » (zones d'expédition) : cochez ${zones.length ? `${zones.length > 1 ? 'les zones' : 'la zone'} ${zoneNames(zones)}` : 'chaque zone qui contient un pays activé'} et ${zones.length === 1 ? 'donnez-lui' : 'donnez à chacune'} un prix, puis « Terminer ».`,
    `Shipping > Carriers, "Edit" on "${name}", step "Shipping locations and costs" (shipping zones): tick ${zones.length ? `the zone${zones.length > 1 ? 's' : ''} ${zoneNamesEn(zones)}` : 'every zone holding an enabled country'} and give ${zones.length === 1 ? 'it' : 'each'} a price, then "Finish".`,
  );

const statesStep = (isoCodes: string[]): Text =>
  t(
    `International > Zones géographiques > États, filtrez le pays ${isoCodes.join(', ')} : la colonne « Zone » donne la zone où va une adresse de chaque état ; le transporteur point relais doit desservir chacune d’elles.`,
    `International > Locations > States, filter the country ${isoCodes.join(', ')}: the "Zone" column gives the zone an address in each state goes to; the relay-point carrier must serve each of them.`,
  );

/** Texts about states whose zones could not be read (the address takes its state's zone). */
const countryTexts = {
  unreadable: (reason: Text) => t(`pays de la boutique illisibles : ${reason.fr}`, `the shop's countries are unreadable: ${reason.en}`),
  noneRead: t("aucun pays activé n'a été lu pour la boutique", 'no enabled country was read for the shop'),
};

const stateTexts = {
  unread: (isoCodes: string[], cause: Text | undefined) =>
    t(
      `${isoCodes.length > 1 ? 'les pays' : 'le pays'} ${isoCodes.join(', ')} ${isoCodes.length > 1 ? 'ont' : 'a'} des états, dont les zones n’ont pas pu être lues${cause ? ` (${cause.fr})` : ''} ; une adresse avec un état prend la zone de l’état, pas celle du pays`,
      `${isoCodes.length > 1 ? 'the countries' : 'the country'} ${isoCodes.join(', ')} ${isoCodes.length > 1 ? 'have' : 'has'} states whose zones could not be read${cause ? ` (${cause.en})` : ''}; an address with a state takes the state's zone, not the country's`,
    ),
  /** A pass on a snapshot from before states were read. */
  notRead: t(
    " Les états des pays n’ont pas été lus (instantané antérieur) : une adresse avec un état prend la zone de l’état, non vérifiée ici.",
    " The countries' states were not read (older snapshot): an address with a state takes the state's zone, not verified here.",
  ),
};

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  zonesLeftOut: (skipped: Reach['leftOut']) =>
    t(
      ` Zones actives laissées de côté, faute de pays activé : ${skipped.map((z) => `« ${z.name} »`).join(', ')}.`,
      ` Active zones left out, as they hold no enabled country: ${skipped.map((z) => `"${z.name}"`).join(', ')}.`,
    ),
  carrierLabel: (name: string, id: number, reference: number, sc: string) =>
    t(`« ${name} » (transporteur n° ${id}, référence ${reference}${sc})`, `"${name}" (carrier #${id}, reference ${reference}${sc})`),
  sendcloudModulePointsCarrier: (reference: number, codes: string[]) =>
    t(
      `le module Sendcloud désigne le transporteur de référence ${reference} (${codes.join(', ')}), qui n'existe pas dans la boutique : les points relais sont activés mais mal configurés`,
      `the Sendcloud module points to the carrier with reference ${reference} (${codes.join(', ')}), which does not exist in the shop: service points are enabled but not configured properly`,
    ),
  relayPointCarrierDeleted: (last: Carrier, codes: string[]) =>
    t(
      `le transporteur point relais ${label(last, codes).fr} a été supprimé`,
      `the relay-point carrier ${label(last, codes).en} was deleted`,
    ),
  disabledLabel: t('désactivé', 'disabled'),
  enabledColumnClickRed: (name: string) =>
    t(
      `${carriersList.fr} Dans la colonne « Activé », cliquez sur la croix rouge de « ${name} » pour l'activer.`,
      `${carriersList.en} In the "Enabled" column, click the red cross of "${name}" to enable it.`,
    ),
  noDeliveryZoneAll: t('aucune zone de livraison (le module le masque à la commande)', 'no delivery zone at all (the module hides it at checkout)'),
  doesNotServeZone: (missing: Zone[], where: (z: Zone) => string) =>
    t(
      `ne dessert pas ${missing.length > 1 ? 'les zones' : 'la zone'} ${missing.map((z) => `« ${z.name} » (n° ${z.id}, pays activés : ${where(z)})`).join(', ')} (les clients de ${missing.length > 1 ? 'ces zones' : 'cette zone'} ne voient ni le transporteur ni la carte)`,
      `does not serve the zone${missing.length > 1 ? 's' : ''} ${missing.map((z) => `"${z.name}" (#${z.id}, enabled countries: ${where(z)})`).join(', ')} (customers there see neither the carrier nor the map)`,
    ),
  notEnabledShop: (shopId: number, shopIds: number[]) =>
    t(
      `pas associé à la boutique n° ${shopId}${shopIds.length ? ` (seulement n° ${shopIds.join(', ')})` : ''}`,
      `not enabled for shop #${shopId}${shopIds.length ? ` (only #${shopIds.join(', ')})` : ''}`,
    ),
  shippingCarriersEditStep: (name: string, shopId: number) =>
    t(
      `Livraison > Transporteurs, « Modifier » sur « ${name} », étape « Résumé » : cochez la boutique n° ${shopId} dans « Association boutique » (présent quand le multiboutique est activé dans Paramètres avancés > Multiboutique), puis « Terminer ».`,
      `Shipping > Carriers, "Edit" on "${name}", step "Summary": tick shop #${shopId} under "Shop association" (shown when multistore is enabled in Advanced Parameters > Multistore), then "Finish".`,
    ),
  noPaymentMethodAssociated: t(
    'aucun moyen de paiement associé (les clients ne peuvent pas le choisir à la commande)',
    'no payment method associated (customers cannot select it at checkout)',
  ),
  paymentPreferencesCarrierRestrictions: (name: string) =>
    t(
      `Paiement > Préférences, section « Restrictions par transporteur » : cochez les modules de paiement de la boutique (Stripe…) dans la colonne de « ${name} », puis Enregistrez.`,
      `Payment > Preferences, "Carrier restrictions" section: tick the shop's payment modules (Stripe…) in the column of "${name}", then click "Save".`,
    ),
  selectedServicePointsSendcloud: (carrierName: string, code: string) =>
    t(
      `${carrierName} (${code}) est sélectionné pour les points relais dans Sendcloud, mais le module n'a pas de transporteur PrestaShop pour lui`,
      `${carrierName} (${code}) is selected for service points in Sendcloud, but the module has no PrestaShop carrier for it`,
    ),
  relayCarrierDeletedKept: (last: Carrier) =>
    t(`le transporteur point relais ${label(last, []).fr} a été supprimé`, `the relay-point carrier ${label(last, []).en} was deleted`),
  enabledCountryInDisabledZone: (countries: string[], name: string, id: number) =>
    t(
      `${countries.length > 1 ? 'les pays activés' : 'le pays activé'} ${countries.join(', ')} ${countries.length > 1 ? 'sont' : 'est'} dans la zone désactivée « ${name} » (n° ${id}) : aucun transporteur, point relais compris, n'y est proposé`,
      `the enabled countr${countries.length > 1 ? 'ies' : 'y'} ${countries.join(', ')} ${countries.length > 1 ? 'are' : 'is'} in the disabled zone "${name}" (#${id}): no carrier at all, relay point included, is offered there`,
    ),
  internationalLocationsZonesEnable: (name: string, countries: string[]) =>
    t(
      `International > Zones géographiques > Zones : activez la zone « ${name} » et cochez-la dans les zones d'expédition du transporteur point relais ; ou, dans International > Zones géographiques > Pays, rattachez ${countries.join(', ')} à une zone active.`,
      `International > Locations > Zones: enable the zone "${name}" and tick it in the relay-point carrier's shipping zones; or, in International > Locations > Countries, move ${countries.join(', ')} to an active zone.`,
    ),
  sendcloudModuleNotConnected: t(
    "le module Sendcloud n'est pas connecté à Sendcloud (« You must connect with SendCloud before using this feature »)",
    'the Sendcloud module is not connected to Sendcloud ("You must connect with SendCloud before using this feature")',
  ),
  modulesModuleManagerConfigure: t(
    'Modules > Gestionnaire de modules, « Configurer » sur le module Sendcloud : connectez la boutique à votre compte Sendcloud.',
    'Modules > Module Manager, "Configure" on the Sendcloud module: connect the shop to your Sendcloud account.',
  ),
  sendcloudNotStoredMap: t(
    "Sendcloud n'a pas enregistré le script de la carte dans la boutique : les points relais ne sont pas activés pour cette boutique",
    'Sendcloud has not stored the map script in the shop: service points are not enabled for this shop',
  ),
  sendcloudModuleInstalledBut: (variant: "v1" | "v2" | null, notConnected: boolean) =>
    t(
      `Le module Sendcloud${variant ? ` (${variant})` : ''} est installé mais la boutique n'a aucun transporteur point relais Sendcloud : la carte des points relais ne peut pas s'afficher.${notConnected ? " Le module n'est d'ailleurs pas connecté à Sendcloud." : ''}`,
      `The Sendcloud module${variant ? ` (${variant})` : ''} is installed but the shop has no Sendcloud relay-point carrier: the relay-point map cannot show.${notConnected ? ' The module is not connected to Sendcloud either.' : ''}`,
    ),
  shopDoesNotUse: t("La boutique n'utilise pas le module Sendcloud : pas de transporteur point relais à contrôler.", 'The shop does not use the Sendcloud module: no relay-point carrier to check.'),
  noSendcloudRelayPoint: (why: Text | undefined) =>
    t(
      `Aucun transporteur point relais Sendcloud et aucune trace du module Sendcloud${why ? ` (configuration du module illisible : ${why.fr})` : ''} : rien à contrôler.`,
      `No Sendcloud relay-point carrier and no sign of the Sendcloud module${why ? ` (module configuration unreadable: ${why.en})` : ''}: nothing to check.`,
    ),
  zonesCustomersCanDelivered: (required: Zone[]) =>
    t(`les zones où les clients peuvent se faire livrer, ${zoneNames(required)}`, `the zones customers can be delivered to, ${zoneNamesEn(required)}`),
  holdingEnabledCountry: (required: Zone[], why: Text) =>
    t(
      `${required.length ? `parmi les zones actives ${zoneNames(required)}, celles` : 'les zones'} qui contiennent un pays activé (${why.fr})`,
      `${required.length ? `among the active zones ${zoneNamesEn(required)}, those` : 'the zones'} holding an enabled country (${why.en})`,
    ),
  zonesCannotReadConfigured: (unknownZones: Carrier[], target: Text) =>
    t(
      `Les zones de ${unknownZones.map((c) => `« ${c.name} »`).join(', ')} ne sont pas lisibles avec les sources configurées (webservice) : vérifiez ${unknownZones.length > 1 ? "qu'ils desservent" : "qu'il dessert"} ${target.fr}.`,
      `The zones of ${unknownZones.map((c) => `"${c.name}"`).join(', ')} cannot be read with the configured sources (webservice): check that ${unknownZones.length > 1 ? 'they serve' : 'it serves'} ${target.en}.`,
    ),
  checkRelayPointCarrier: (unread: Text) =>
    t(
      `${unread.fr.charAt(0).toUpperCase()}${unread.fr.slice(1)} : vérifiez que le transporteur point relais dessert aussi les zones de ces états.`,
      `${unread.en.charAt(0).toUpperCase()}${unread.en.slice(1)}: check that the relay-point carrier also serves those states' zones.`,
    ),
  doesNotServeActive: (name: string, missing: Zone[], why: Text) =>
    t(
      `« ${name} » ne dessert pas ${missing.length > 1 ? 'les zones actives' : 'la zone active'} ${zoneNames(missing)} ; ${why.fr}, impossible de dire si des clients s'y font livrer : si ${missing.length > 1 ? 'elles contiennent' : 'elle contient'} un pays activé, le transporteur et la carte y manquent.`,
      `"${name}" does not serve the active zone${missing.length > 1 ? 's' : ''} ${zoneNamesEn(missing)}; ${why.en}, so whether customers are delivered there is unknown: if ${missing.length > 1 ? 'they hold' : 'it holds'} an enabled country, the carrier and the map are missing there.`,
    ),
  alsoVerify: (unknownText: Text) =>
    t(`(à vérifier aussi) ${unknownText.fr}`, `(also to verify) ${unknownText.en}`),
  failMapNotEverywhere: (listed: Text[]) =>
    t(
      `Le transporteur point relais Sendcloud ne permet pas d'afficher la carte partout :\n${bullets(listed).fr}`,
      `The Sendcloud relay-point carrier cannot show the map everywhere:\n${bullets(listed).en}`,
    ),
  placeTestOrder: t('Passez une commande test en point relais depuis la boutique.', 'Place a test relay-point order on the shop.'),
  manualEnabledButUnknown: (unknownText: Text) =>
    t(
      `Le transporteur point relais Sendcloud est actif. ${unknownText.fr}`,
      `The Sendcloud relay-point carrier is enabled. ${unknownText.en}`,
    ),
  passEveryZone: (evaluated: Record<string, unknown>[], names: string, reachable: Reach, required: Zone[], namesEn: string) =>
    t(
      `${evaluated.length > 1 ? `Transporteurs point relais Sendcloud ${names} actifs` : `Transporteur point relais Sendcloud ${names} actif`}, sur toutes les zones ${reachable.known ? 'où les clients peuvent se faire livrer' : 'actives'} (${required.map((z) => z.name).join(', ') || 'aucune'}).${leftOutNote(reachable).fr}${reachable.statesNotRead.length ? stateTexts.notRead.fr : ''}`,
      `Sendcloud relay-point carrier${evaluated.length > 1 ? 's' : ''} ${namesEn} enabled, on every ${reachable.known ? 'zone customers can be delivered to' : 'active zone'} (${required.map((z) => z.name).join(', ') || 'none'}).${leftOutNote(reachable).en}${reachable.statesNotRead.length ? stateTexts.notRead.en : ''}`,
    ),
};

const manualSteps: Text[] = [
  carriersList,
  t(
    "Repérez le transporteur point relais de Sendcloud (créé sous le nom « Service Point Delivery: <transporteur> », qui a pu être renommé) : il doit être activé.",
    'Find Sendcloud\'s relay-point carrier (created as "Service Point Delivery: <carrier>", possibly renamed since): it must be enabled.',
  ),
  countriesStep,
  zoneStep('Service Point Delivery', []),
  t(
    'Paiement > Préférences, section « Restrictions par transporteur » : vérifiez que des modules de paiement sont cochés pour ce transporteur.',
    'Payment > Preferences, "Carrier restrictions" section: check that payment modules are ticked for that carrier.',
  ),
];

/** Why a zone is not one the carrier must serve. */
type LeftOut = 'inactive' | 'no-active-country';

interface Reach {
  /** Zones the relay carrier must serve, by id. */
  required: Zone[];
  /** true: `required` holds exactly the zones with an active country; false: every active zone, to verify. */
  known: boolean;
  leftOut: Array<{ id: number; name: string; why: LeftOut }>;
  /** Active countries by zone id (iso codes; `ES (Las Palmas)` for a state's addresses), for messages and evidence. */
  countriesOf: Map<number, string[]>;
  /** Active countries known to have states whose zones could not be read: their addresses' zones are unknown. */
  statesUnread: string[];
  /** Active countries that may have states (snapshot from before states were read). */
  statesNotRead: string[];
  /** Zones reached only through states: the states step helps there. */
  throughStates: Set<number>;
}

/**
 * The zones checkout can reach: active ones holding at least one of the shop's active countries,
 * or one of their active states (Address::getZoneById).
 */
function reach(zones: Zone[], countries: Country[] | undefined, states: State[] | undefined): Reach {
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  const active = zones.filter((z) => z.active).sort(byId);
  const countriesOf = new Map<number, string[]>();
  const add = (zoneId: number, label: string) => countriesOf.set(zoneId, [...(countriesOf.get(zoneId) ?? []), label]);
  const statesUnread: string[] = [];
  const statesNotRead: string[] = [];
  const byCountry = new Set<number>();
  const throughStates = new Set<number>();
  for (const c of (countries ?? []).filter((c) => c.active).sort(byId)) {
    const own = states && c.containsStates !== false ? states.filter((s) => s.countryId === c.id && s.active && s.zoneId > 0).sort(byId) : [];
    if (own.length) {
      for (const s of own) {
        add(s.zoneId, `${c.isoCode} (${s.name || s.isoCode})`);
        throughStates.add(s.zoneId);
      }
      continue;
    }
    if (!states && c.containsStates === true) statesUnread.push(c.isoCode);
    if (!states && c.containsStates === undefined) statesNotRead.push(c.isoCode);
    add(c.zoneId, c.isoCode);
    byCountry.add(c.zoneId);
  }
  for (const zoneId of byCountry) throughStates.delete(zoneId);
  if (countriesOf.size === 0) return { required: active, known: false, leftOut: [], countriesOf, statesUnread, statesNotRead, throughStates };
  const required = active.filter((z) => countriesOf.has(z.id));
  const leftOut = [...zones]
    .sort(byId)
    .filter((z) => !required.includes(z))
    .map((z) => ({ id: z.id, name: z.name, why: (z.active ? 'no-active-country' : 'inactive') as LeftOut }));
  return { required, known: true, leftOut, countriesOf, statesUnread, statesNotRead, throughStates };
}

interface ModuleView {
  /** true: the module's configuration is there; false: known absent; null: unknown. */
  present: boolean | null;
  variant: SendcloudModule['variant'];
  connected: boolean | null;
  scriptUrl: string | null | undefined;
  /** reference → Sendcloud carrier codes, as stored by the module. */
  references: Map<number, string[]>;
  selectedCarriers: Record<string, string>;
}

function moduleView(sendcloud: SendcloudModule | undefined, configuration: Record<string, string | null> | undefined): ModuleView {
  const references = new Map<number, string[]>();
  const add = (reference: number, code: string) => references.set(reference, [...(references.get(reference) ?? []), code]);
  if (sendcloud) {
    for (const [code, reference] of Object.entries(sendcloud.carrierReferences)) add(reference, code);
    return {
      present: sendcloud.variant !== null || references.size > 0,
      variant: sendcloud.variant,
      connected: sendcloud.connected,
      scriptUrl: sendcloud.scriptUrl,
      references,
      selectedCarriers: sendcloud.selectedCarriers,
    };
  }
  // Without the module part, the configuration can only prove presence: a source may have read
  // only some names, so a missing key proves nothing.
  if (configuration) {
    const keys = Object.keys(configuration).filter((k) => k.startsWith('SENDCLOUD_'));
    for (const key of keys) {
      const match = REFERENCE_KEY.exec(key);
      const value = configuration[key]?.trim();
      if (match && value && /^\d+$/.test(value) && Number(value) > 0) add(Number(value), match[1]!.toLowerCase());
    }
    if (keys.length) {
      return {
        present: true,
        variant: keys.some((k) => k.startsWith('SENDCLOUD_V2_')) ? 'v2' : 'v1',
        connected: null,
        scriptUrl: undefined,
        references,
        selectedCarriers: {},
      };
    }
  }
  return { present: null, variant: null, connected: null, scriptUrl: undefined, references, selectedCarriers: {} };
}

/** Why the reachable zones are not known: the source's reason, or no active country read. */
function countriesUnknown(reason: Text | undefined): Text {
  return reason ? countryTexts.unreadable(reason) : countryTexts.noneRead;
}

/** " Zones left out: …" in a pass, so that nobody wonders where Oceania went. */
function leftOutNote(r: Reach): Text {
  const skipped = r.leftOut.filter((z) => z.why === 'no-active-country');
  if (!r.known || !skipped.length) return t('', '');
  return MESSAGES.zonesLeftOut(skipped);
}

/** Enabled countries outside every active zone of the list: their zone is disabled, or not the shop's. */
function strandedCountries(zones: Zone[], r: Reach): Array<{ zoneId: number; countries: string[] }> {
  const live = new Set(zones.filter((z) => z.active).map((z) => z.id));
  return [...r.countriesOf]
    .filter(([zoneId]) => !live.has(zoneId))
    .sort(([a], [b]) => a - b)
    .map(([zoneId, countries]) => ({ zoneId, countries }));
}

function bullets(items: Text[]): Text {
  return t(items.map((i) => `- ${i.fr}`).join('\n'), items.map((i) => `- ${i.en}`).join('\n'));
}

function unique(texts: Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((x) => (seen.has(x.en) ? false : (seen.add(x.en), true)));
}

function label(c: Carrier, codes: string[]): Text {
  const sc = codes.length ? `, Sendcloud ${codes.join(', ')}` : '';
  return MESSAGES.carrierLabel(c.name, c.id, c.reference, sc);
}


export default {
  meta: {
    id: 'relay-carrier-zones',
    category: 'shipping',
    severity: 'fail',
    needs: ['prestashop.carriers', 'prestashop.zones'],
    // Optional so that snapshots from before it still run; a failed read still makes this an error.
    optional: ['prestashop.sendcloudModule', 'prestashop.configuration', 'prestashop.shop', 'prestashop.countries', 'prestashop.states'],
    // A key without `states` must not cost the whole check: those countries' zones are then to verify.
    toleratesFailure: ['prestashop.states'],
    title: t('Transporteur point relais Sendcloud sur toutes les zones', 'Sendcloud relay-point carrier on every zone'),
    description: t(
      "Vérifie que le transporteur point relais créé par le module Sendcloud (reconnu par son module, pas par son nom) existe, n'est pas supprimé, est activé, dessert toutes les zones où les clients peuvent se faire livrer (zones actives contenant au moins un pays activé de la boutique, ou un état activé d'un tel pays : une adresse avec un état prend la zone de l'état), est associé à la boutique et a des moyens de paiement, et qu'aucun pays activé n'est dans une zone désactivée. Sans cela la carte des points relais ne s'affiche pas : le module masque le transporteur au moment de la commande.",
      "Verifies that the relay-point carrier created by the Sendcloud module (recognised by its module, not its name) exists, is not deleted, is enabled, serves every zone customers can be delivered to (active zones holding at least one of the shop's enabled countries, or an enabled state of such a country: an address with a state takes the state's zone), is attached to the shop and has payment methods, and that no enabled country lies in a disabled zone. Otherwise the relay-point map does not show: the module hides the carrier at checkout.",
    ),
    manualSteps,
    docs: 'FAQ 002, cause 5 (méthode « Livraison en Point Relais » pas créée pour toutes les zones) ; api-notes/sendcloud.md §7 (conditions du module)',
    /** The diagnosed shop's id, for carrier_shop (multistore). */
    defaultOptions: { shopId: 1 },
  },
  run(ctx: CheckContext) {
    const { parts, unavailable, options } = ctx;
    const carriers = parts['prestashop.carriers']!;
    const zones = parts['prestashop.zones']!;
    const module = moduleView(parts['prestashop.sendcloudModule'], parts['prestashop.configuration']);
    // The diagnosed shop as gathered; the option is for snapshots from before that part existed.
    const shopId = parts['prestashop.shop']?.id ?? (typeof options.shopId === 'number' && Number.isInteger(options.shopId) && options.shopId > 0 ? options.shopId : 1);
    const activeZones = zones.filter((z) => z.active).sort((a, b) => a.id - b.id);
    const reachable = reach(zones, parts['prestashop.countries'], parts['prestashop.states']);
    const failedStates = ctx.failed?.['prestashop.states'];
    const statesCause = failedStates ? (failedStates.text ?? t(failedStates.message, failedStates.message)) : unavailable['prestashop.states'];
    const required = reachable.required;

    // Every reference that is Sendcloud's: by module on any version, or stored by the module.
    const fromCarriers = new Set(carriers.filter(isSendcloudCarrier).map((c) => c.reference));
    const allRefs = [...new Set([...fromCarriers, ...module.references.keys()])].sort((a, b) => a - b);
    const moduleKnowsRefs = module.references.size > 0;

    const problems: Text[] = [];
    const fixes: Text[] = [];
    const unknownZones: Carrier[] = [];
    /** Active zones a carrier lacks while the countries are unknown: maybe unreachable, to verify. */
    const unsure: Array<{ carrier: Carrier; missing: Zone[] }> = [];
    const evaluated: Record<string, unknown>[] = [];
    const ignored: Record<string, unknown>[] = [];
    const deletedOnly: { reference: number; last: Carrier }[] = [];
    let live = 0;

    for (const reference of allRefs) {
      const codes = module.references.get(reference) ?? [];
      const versions = carriers.filter((c) => c.reference === reference);
      const current = versions.filter((c) => !c.deleted).sort((a, b) => b.id - a.id)[0];
      if (versions.length === 0) {
        problems.push(MESSAGES.sendcloudModulePointsCarrier(reference, codes));
        fixes.push(sendcloudServicePoints);
        evaluated.push({ reference, codes, found: false });
        continue;
      }
      if (!current) {
        const last = [...versions].sort((a, b) => b.id - a.id)[0]!;
        if (codes.length) {
          problems.push(MESSAGES.relayPointCarrierDeleted(last, codes));
          fixes.push(sendcloudServicePoints);
          evaluated.push({ reference, codes, found: true, deleted: true, lastId: last.id, name: last.name });
        } else if (moduleKnowsRefs) {
          // The module deletes the carriers of codes no longer selected: nothing to repair.
          ignored.push({ reference, lastId: last.id, name: last.name, why: 'deleted, no longer selected in Sendcloud' });
        } else {
          deletedOnly.push({ reference, last });
        }
        continue;
      }
      if (!codes.length && moduleKnowsRefs && !current.active) {
        // A disabled leftover (older module version, code deselected) the module no longer uses.
        ignored.push({ reference, id: current.id, name: current.name, why: 'inactive, not one of the module\'s carriers' });
        continue;
      }

      live++;
      const name = label(current, codes);
      const row: Record<string, unknown> = {
        reference,
        id: current.id,
        name: current.name,
        module: current.externalModuleName,
        codes,
        active: current.active,
        zoneIds: current.zoneIds,
        shopIds: current.shopIds,
        paymentModules: current.paymentModules,
      };
      const own: Text[] = [];
      if (!current.active) {
        own.push(MESSAGES.disabledLabel);
        fixes.push(MESSAGES.enabledColumnClickRed(current.name));
      }
      if (current.zoneIds === null) {
        unknownZones.push(current);
      } else {
        const served = new Set(current.zoneIds);
        const missing = required.filter((z) => !served.has(z.id));
        row.missingZoneIds = missing.map((z) => z.id);
        if (current.zoneIds.length === 0) {
          own.push(MESSAGES.noDeliveryZoneAll);
          fixes.push(zoneStep(current.name, reachable.known ? required : []));
        } else if (missing.length && !reachable.known) {
          unsure.push({ carrier: current, missing });
        } else if (missing.length) {
          const where = (z: Zone) => (reachable.countriesOf.get(z.id) ?? []).join(', ');
          own.push(MESSAGES.doesNotServeZone(missing, where));
          fixes.push(zoneStep(current.name, missing));
          const viaStates = missing.some((z) => reachable.throughStates.has(z.id));
          if (viaStates) fixes.push(statesStep([...new Set(missing.flatMap((z) => (reachable.countriesOf.get(z.id) ?? []).filter((l) => l.includes(' (')).map((l) => l.split(' ')[0]!)))]));
        }
      }
      if (current.shopIds !== null && !current.shopIds.includes(shopId)) {
        own.push(MESSAGES.notEnabledShop(shopId, current.shopIds));
        fixes.push(MESSAGES.shippingCarriersEditStep(current.name, shopId));
      }
      if (current.paymentModules !== null && current.paymentModules.length === 0) {
        own.push(MESSAGES.noPaymentMethodAssociated);
        fixes.push(MESSAGES.paymentPreferencesCarrierRestrictions(current.name));
      }
      if (own.length) {
        problems.push(t(`${name.fr} : ${own.map((p) => p.fr).join(' ; ')}`, `${name.en}: ${own.map((p) => p.en).join('; ')}`));
      }
      evaluated.push(row);
    }

    // A carrier selected in Sendcloud for which the module stored no PrestaShop carrier: the module
    // creates one per selected code, so this one was never created (or its keys were removed).
    if (moduleKnowsRefs) {
      const norm = (code: string) => code.trim().toLowerCase().replace(/-/g, '_');
      const withCarrier = new Set([...module.references.values()].flat().map(norm));
      const orphans = Object.entries(module.selectedCarriers).filter(([code]) => !withCarrier.has(norm(code)));
      for (const [code, carrierName] of orphans) {
        problems.push(MESSAGES.selectedServicePointsSendcloud(carrierName, code));
      }
      if (orphans.length) fixes.push(sendcloudServicePoints);
    }

    // References known only from deleted carriers, with no module list to tell removed from lost.
    if (live === 0 && deletedOnly.length) {
      for (const { reference, last } of deletedOnly) {
        problems.push(MESSAGES.relayCarrierDeletedKept(last));
        evaluated.push({ reference, found: true, deleted: true, lastId: last.id, name: last.name });
      }
      fixes.push(sendcloudServicePoints);
    } else {
      for (const { reference, last } of deletedOnly) ignored.push({ reference, lastId: last.id, name: last.name, why: 'deleted' });
    }

    // An enabled country in a disabled zone gets no carrier at all (Carrier::getCarriers wants
    // `zone.active = 1`): its customers never see the relay carrier. Zones absent from the list
    // (not the shop's) are only evidence: PrestaShop does not check zone_shop at checkout.
    const stranded = strandedCountries(zones, reachable);
    for (const { zoneId, countries } of stranded) {
      const zone = zones.find((z) => z.id === zoneId);
      if (!zone || allRefs.length === 0) continue;
      problems.push(MESSAGES.enabledCountryInDisabledZone(countries, zone.name, zone.id));
      fixes.push(MESSAGES.internationalLocationsZonesEnable(zone.name, countries));
    }

    // Module-level conditions of the map (only from the module part, which is authoritative).
    if (module.present && module.connected === false) {
      problems.push(MESSAGES.sendcloudModuleNotConnected);
      fixes.unshift(MESSAGES.modulesModuleManagerConfigure);
    }
    if (module.present && module.variant !== null && module.scriptUrl === null && allRefs.length > 0) {
      problems.push(MESSAGES.sendcloudNotStoredMap);
      fixes.push(sendcloudServicePoints);
    }

    const evidence: Record<string, unknown> = {
      shopId,
      activeZones: activeZones.map((z) => ({ id: z.id, name: z.name })),
      // The zones judged, and which were left out and why (no active country, zone disabled).
      reachableZones: reachable.known
        ? required.map((z) => ({ id: z.id, name: z.name, countries: reachable.countriesOf.get(z.id) ?? [] }))
        : null,
      ...(reachable.known ? { leftOutZones: reachable.leftOut } : { reachableZonesUnknown: countriesUnknown(unavailable['prestashop.countries']).en }),
      ...(stranded.length ? { countriesWithoutActiveZone: stranded } : {}),
      // Countries whose addresses may take a state's zone that was not read.
      ...(reachable.statesUnread.length ? { statesUnread: { countries: reachable.statesUnread, cause: statesCause?.en ?? null } } : {}),
      ...(reachable.statesNotRead.length ? { statesNotRead: reachable.statesNotRead } : {}),
      carriers: evaluated,
      ...(ignored.length ? { ignored } : {}),
      module: {
        variant: module.variant,
        connected: module.connected,
        scriptUrl: module.scriptUrl ?? null,
        references: Object.fromEntries([...module.references].map(([ref, codes]) => [codes.join(','), ref])),
      },
    };

    // No Sendcloud relay carrier at all.
    if (allRefs.length === 0) {
      if (module.present) {
        const notConnected = module.connected === false;
        return {
          status: 'fail',
          message: MESSAGES.sendcloudModuleInstalledBut(module.variant, notConnected),
          remediation: unique([...fixes, sendcloudServicePoints, zoneStep('Service Point Delivery', [])]),
          evidence,
        };
      }
      const why = unavailable['prestashop.sendcloudModule'];
      return {
        status: 'skip',
        message:
          module.present === false
            ? MESSAGES.shopDoesNotUse
            : MESSAGES.noSendcloudRelayPoint(why),
        evidence,
      };
    }

    const why = countriesUnknown(unavailable['prestashop.countries']);
    const texts: Text[] = [];
    if (unknownZones.length) {
      const target = reachable.known
        ? MESSAGES.zonesCustomersCanDelivered(required)
        : MESSAGES.holdingEnabledCountry(required, why);
      texts.push(MESSAGES.zonesCannotReadConfigured(unknownZones, target));
    }
    if (reachable.statesUnread.length) {
      const unread = stateTexts.unread(reachable.statesUnread, statesCause);
      texts.push(MESSAGES.checkRelayPointCarrier(unread));
    }
    for (const { carrier, missing } of unsure) {
      texts.push(MESSAGES.doesNotServeActive(carrier.name, missing, why));
    }
    const unknownText: Text | null = texts.length ? t(texts.map((x) => x.fr).join(' '), texts.map((x) => x.en).join(' ')) : null;
    const zoneChecks = [
      ...(reachable.known || !texts.length ? [] : [countriesStep]),
      ...unknownZones.map((c) => zoneStep(c.name, required)),
      ...unsure.map(({ carrier, missing }) => zoneStep(carrier.name, missing)),
      ...(reachable.statesUnread.length ? [statesStep(reachable.statesUnread), ...(failedStates?.fix ?? [])] : []),
    ];

    if (problems.length) {
      const listed = unknownText ? [...problems, MESSAGES.alsoVerify(unknownText)] : problems;
      return {
        status: 'fail',
        message: MESSAGES.failMapNotEverywhere(listed),
        remediation: unique([...fixes, ...zoneChecks, MESSAGES.placeTestOrder]),
        evidence,
      };
    }
    if (unknownText) {
      return {
        status: 'manual',
        message: MESSAGES.manualEnabledButUnknown(unknownText),
        remediation: unique([carriersList, ...zoneChecks]),
        evidence,
      };
    }
    const names = evaluated.map((r) => `« ${String(r.name)} »`).join(', ');
    const namesEn = evaluated.map((r) => `"${String(r.name)}"`).join(', ');
    return {
      status: 'pass',
      message: MESSAGES.passEveryZone(evaluated, names, reachable, required, namesEn),
      evidence,
    };
  },
} satisfies Check;
