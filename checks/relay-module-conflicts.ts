// FAQ 002, "Raisons courantes…" cause 3: another extension that also shows a relay-point map
// (carrier modules usually do) competes with Sendcloud's; the result is no map or the wrong one.
// This check looks for known relay-point / carrier-map modules that are enabled for the shop, and
// for active carriers owned by them (external_module_name, api-notes/prestashop.md §5).
//
// The other FAQ 002 causes no API can see (a theme that does not render the carrier hooks, cause 2;
// a custom checkout script, cause 4; an outdated browser, cause 7) are listed in the description so
// that `explain` and the report tell a person what to look at by hand.

import type { Carrier, Module } from '../src/engine/parts.js';
import { t, type Check, type CheckContext, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  noActiveSendcloudModule: t(
    "Ni module ni transporteur Sendcloud actif sur la boutique : pas de carte Sendcloud avec laquelle entrer en conflit.",
    'No active Sendcloud module or carrier on the shop: no Sendcloud map to conflict with.',
  ),
  moduleListCouldNot: (why: Text | undefined) =>
    t(
      `La liste des modules n'a pas pu être lue${why ? ` (${why.fr})` : ''} : seuls les transporteurs ont été examinés.`,
      `The module list could not be read${why ? ` (${why.en})` : ''}: only the carriers were examined.`,
    ),
  noOtherRelayPoint: (modulesNote: Text | null) =>
    t(
      `Aucun autre module de points relais actif à côté de Sendcloud.${modulesNote ? ` ${modulesNote.fr}` : ''}`,
      `No other relay-point module active beside Sendcloud.${modulesNote ? ` ${modulesNote.en}` : ''}`,
    ),
  moduleLabel: (name: string, labelOf: (name: string) => string, version: string, owned: Carrier[], carriersText: string, carriersTextEn: string) =>
    t(
      `module « ${name} » (${labelOf(name)}${version ? ` ${version}` : ''}) activé${owned.length ? `, avec ${owned.length > 1 ? 'les transporteurs actifs' : 'le transporteur actif'} ${carriersText}` : ''}`,
      `module "${name}" (${labelOf(name)}${version ? ` ${version}` : ''}) enabled${owned.length ? `, with active carrier${owned.length > 1 ? 's' : ''} ${carriersTextEn}` : ''}`,
    ),
  carrierLabel: (name: string, id: number, externalModuleName: string, labelOf: (name: string) => string) =>
    t(
      `transporteur actif « ${name} » (n° ${id}) du module « ${externalModuleName} » (${labelOf(externalModuleName)})`,
      `active carrier "${name}" (#${id}) of module "${externalModuleName}" (${labelOf(externalModuleName)})`,
    ),
  backOfficeModulesModule: (competingModules: Module[]) =>
    t(
      `Dans le back-office : Modules > Gestionnaire de modules, cherchez ${competingModules.map((m) => `« ${m.name} »`).join(', ')} et choisissez « Désactiver » (ou, pour garder ce transporteur, désactivez sa carte de points relais dans la configuration du module).`,
      `In the back office: Modules > Module Manager, search for ${competingModules.map((m) => `"${m.name}"`).join(', ')} and choose "Disable" (or, to keep that carrier, turn off its relay-point map in the module's configuration).`,
    ),
  elseShippingCarriersDisable: (competingCarriers: Carrier[]) =>
    t(
      `Ou, à défaut : Livraison > Transporteurs, désactivez ${competingCarriers.map((c) => `« ${c.name} »`).join(', ')} (colonne « Activé »).`,
      `Or else: Shipping > Carriers, disable ${competingCarriers.map((c) => `"${c.name}"`).join(', ')} ("Enabled" column).`,
    ),
  clearCacheAdvancedParameters: t(
    'Videz le cache (Paramètres avancés > Performances > « Vider le cache »), puis refaites une commande test en point relais : la carte Sendcloud doit s\'afficher.',
    'Clear the cache (Advanced Parameters > Performance > "Clear cache"), then place a test relay-point order again: the Sendcloud map must show.',
  ),
  otherRelayPointModules: (found: Text[], modulesNote: Text | null) =>
    t(
      `D'autres modules de points relais peuvent entrer en conflit avec la carte Sendcloud (aucune carte ou la mauvaise) :\n${bullets(found).fr}${modulesNote ? `\n${modulesNote.fr}` : ''}`,
      `Other relay-point modules may conflict with the Sendcloud map (no map, or the wrong one):\n${bullets(found).en}${modulesNote ? `\n${modulesNote.en}` : ''}`,
    ),
};

/**
 * PrestaShop modules known to add their own relay-point picker or carrier map at checkout, by
 * technical name (ps_module.name / carrier external_module_name), lower case.
 *
 * A heuristic, not an exhaustive list: module names vary across publishers and versions, and some
 * of these only conflict in some configurations. Extend it per shop with the check option
 * `checks.relay-module-conflicts.extraModules` (a list of module names).
 */
export const KNOWN_RELAY_MODULES: Readonly<Record<string, string>> = {
  mondialrelay: 'Mondial Relay',
  colissimo: 'Colissimo (La Poste)',
  lpc: 'La Poste Colissimo',
  socolissimo: 'So Colissimo',
  soflexibilite: 'So Colissimo Flexibilité',
  chronopost: 'Chronopost (Chrono Relais)',
  dpdfrance: 'DPD France (Pickup)',
  dpdrelais: 'DPD Relais',
  upsmodule: 'UPS (Access Point)',
  boxtal: 'Boxtal',
  boxtalconnect: 'Boxtal Connect',
  envoimoinscher: 'Boxtal / EnvoiMoinsCher',
  packlink: 'Packlink PRO',
  kiala: 'Kiala',
  relaiscolis: 'Relais Colis',
  gls: 'GLS (Relais)',
  nkmgls: 'GLS (Relais)',
};

const SENDCLOUD_MODULES = new Set(['sendcloud', 'sendcloudv2']);

const manualSteps: Text[] = [
  t(
    'Dans le back-office : Modules > Gestionnaire de modules, cherchez les modules de transporteurs ou de points relais (Mondial Relay, Colissimo, Chronopost, DPD, UPS, Boxtal, Packlink, Relais Colis, GLS…) : ils ne doivent pas être activés en même temps que Sendcloud.',
    'In the back office: Modules > Module Manager, look for carrier or relay-point modules (Mondial Relay, Colissimo, Chronopost, DPD, UPS, Boxtal, Packlink, Relais Colis, GLS…): they must not be enabled alongside Sendcloud.',
  ),
  t(
    "Livraison > Transporteurs : seuls les transporteurs « Service Point Delivery » de Sendcloud doivent proposer les points relais.",
    'Shipping > Carriers: only Sendcloud\'s "Service Point Delivery" carriers should offer relay points.',
  ),
];

function extraModules(options: Record<string, unknown>): Record<string, string> {
  const extra = options.extraModules;
  if (!Array.isArray(extra)) return {};
  const out: Record<string, string> = {};
  for (const name of extra) if (typeof name === 'string' && name.trim()) out[name.trim().toLowerCase()] = name.trim();
  return out;
}

function bullets(items: Text[]): Text {
  return t(items.map((i) => `- ${i.fr}`).join('\n'), items.map((i) => `- ${i.en}`).join('\n'));
}

export default {
  meta: {
    id: 'relay-module-conflicts',
    category: 'shipping',
    severity: 'warn',
    needs: ['prestashop.carriers'],
    optional: ['prestashop.modules'],
    title: t('Aucun autre module de points relais en concurrence', 'No competing relay-point module'),
    description: t(
      "Cherche les modules de transporteurs connus pour afficher leur propre carte de points relais (Mondial Relay, Colissimo, Chronopost, DPD, UPS, Boxtal, Packlink, Relais Colis, GLS…) activés sur la boutique, et leurs transporteurs actifs : combinés à Sendcloud, ils font afficher la mauvaise carte ou aucune. La liste est une heuristique, extensible par l'option extraModules. Les autres causes de la FAQ ne sont visibles par aucune API et se vérifient à la main : un thème qui n'affiche pas les emplacements (hooks) des transporteurs, un script personnalisé ajouté à la page de commande, un navigateur trop ancien (essayez la dernière version ou un autre navigateur).",
      "Looks for carrier modules known to show their own relay-point map (Mondial Relay, Colissimo, Chronopost, DPD, UPS, Boxtal, Packlink, Relais Colis, GLS…) enabled on the shop, and their active carriers: combined with Sendcloud, they make the wrong map show, or none. The list is a heuristic, extendable with the extraModules option. The FAQ's other causes are visible to no API and are checked by hand: a theme that does not render the carrier hooks, a custom script added to the checkout page, an outdated browser (try the latest version or another browser).",
    ),
    manualSteps,
    docs: 'FAQ 002, « Raisons courantes… », cause 3 (extension en conflit) ; causes 2, 4 et 7 à vérifier à la main',
    defaultOptions: { extraModules: [] },
  },
  run(ctx: CheckContext) {
    const { parts, unavailable, options } = ctx;
    const carriers: Carrier[] = parts['prestashop.carriers']!;
    const modules: Module[] | undefined = parts['prestashop.modules'];
    const known: Record<string, string> = { ...KNOWN_RELAY_MODULES, ...extraModules(options) };
    const isKnown = (name: string) => Object.prototype.hasOwnProperty.call(known, name.trim().toLowerCase());
    const labelOf = (name: string) => known[name.trim().toLowerCase()] ?? name;

    // Nothing competes with Sendcloud's map on a shop that does not use Sendcloud.
    const sendcloudCarriers = carriers.filter((c) => !c.deleted && SENDCLOUD_MODULES.has(c.externalModuleName.trim().toLowerCase()));
    const sendcloudModules = (modules ?? []).filter((m) => SENDCLOUD_MODULES.has(m.name.trim().toLowerCase()) && m.active && m.enabledForShop);
    if (sendcloudCarriers.length === 0 && sendcloudModules.length === 0) {
      return {
        status: 'skip',
        message: MESSAGES.noActiveSendcloudModule,
        evidence: { modulesRead: modules !== undefined },
      };
    }

    const competingModules = (modules ?? []).filter((m) => isKnown(m.name) && m.active && m.enabledForShop);
    const installedOff = (modules ?? []).filter((m) => isKnown(m.name) && !(m.active && m.enabledForShop));
    const knownCarriers = carriers.filter((c) => !c.deleted && c.active && c.externalModuleName.trim() !== '' && isKnown(c.externalModuleName));
    // Checkout drops a module carrier whose module is disabled or gone (Carrier::getCarriersForOrder
    // loads the module and skips it unless active): with the module list known, only the carriers
    // of enabled modules compete; without it, every active carrier of a known module is suspect.
    const enabledNames = new Set(competingModules.map((m) => m.name.trim().toLowerCase()));
    const competingCarriers = modules ? knownCarriers.filter((c) => enabledNames.has(c.externalModuleName.trim().toLowerCase())) : knownCarriers;
    const dormantCarriers = knownCarriers.filter((c) => !competingCarriers.includes(c));

    const modulesNote: Text | null = modules
      ? null
      : ((why) =>
          MESSAGES.moduleListCouldNot(why))(unavailable['prestashop.modules']);

    const evidence: Record<string, unknown> = {
      modulesRead: modules !== undefined,
      competingModules: competingModules.map((m) => ({ name: m.name, version: m.version })),
      competingCarriers: competingCarriers.map((c) => ({ id: c.id, reference: c.reference, name: c.name, module: c.externalModuleName })),
      ...(installedOff.length ? { disabledKnownModules: installedOff.map((m) => m.name) } : {}),
      ...(dormantCarriers.length ? { carriersOfDisabledModules: dormantCarriers.map((c) => ({ id: c.id, name: c.name, module: c.externalModuleName })) } : {}),
      sendcloudCarriers: sendcloudCarriers.map((c) => ({ id: c.id, name: c.name })),
    };

    if (competingModules.length === 0 && competingCarriers.length === 0) {
      return {
        status: 'pass',
        message: MESSAGES.noOtherRelayPoint(modulesNote),
        ...(modulesNote ? { remediation: [manualSteps[0]!] } : {}),
        evidence,
      };
    }

    const found: Text[] = [];
    for (const m of competingModules) {
      const owned = competingCarriers.filter((c) => c.externalModuleName.trim().toLowerCase() === m.name.trim().toLowerCase());
      const carriersText = owned.length ? owned.map((c) => `« ${c.name} » (n° ${c.id})`).join(', ') : '';
      const carriersTextEn = owned.length ? owned.map((c) => `"${c.name}" (#${c.id})`).join(', ') : '';
      found.push(MESSAGES.moduleLabel(m.name, labelOf, m.version, owned, carriersText, carriersTextEn));
    }
    const coveredModules = new Set(competingModules.map((m) => m.name.trim().toLowerCase()));
    for (const c of competingCarriers.filter((c) => !coveredModules.has(c.externalModuleName.trim().toLowerCase()))) {
      found.push(MESSAGES.carrierLabel(c.name, c.id, c.externalModuleName, labelOf));
    }

    const remediation: Text[] = [];
    if (competingModules.length) {
      remediation.push(MESSAGES.backOfficeModulesModule(competingModules));
    }
    if (competingCarriers.length) {
      remediation.push(MESSAGES.elseShippingCarriersDisable(competingCarriers));
    }
    if (modulesNote) remediation.push(manualSteps[0]!);
    remediation.push(MESSAGES.clearCacheAdvancedParameters);

    return {
      status: 'fail',
      message: MESSAGES.otherRelayPointModules(found, modulesNote),
      remediation,
      evidence,
    };
  },
} satisfies Check;
