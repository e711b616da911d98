import { describe, expect, it } from 'vitest';
import check from '../../checks/relay-carrier-zones.js';
import type { Carrier, Country, SendcloudModule, State, Zone } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { t, type Cause, type CheckContext, type CheckOutcome, type Text } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const ZONES: Zone[] = [
  { id: 1, name: 'Europe', active: true },
  { id: 2, name: 'North America', active: false },
  { id: 3, name: 'Outre-Mer', active: true },
  // Active, as every zone of a fresh install, but no active country lies in it.
  { id: 4, name: 'Oceania', active: true },
];

const country = (id: number, zoneId: number, isoCode: string, active = true): Country => ({ id, zoneId, isoCode, active });
/** The shop's countries: AU is disabled, so Oceania holds no enabled country. */
const COUNTRIES: Country[] = [country(8, 1, 'FR'), country(3, 1, 'BE'), country(241, 3, 'GP'), country(21, 2, 'US', false), country(24, 4, 'AU', false)];
/** US enabled while its zone (North America) is disabled: its customers get no carrier at all. */
const STRANDED: Country[] = [...COUNTRIES.filter((c) => c.isoCode !== 'US'), country(21, 2, 'US'), country(9, 99, 'XX')];

/** A fresh 8.1.2: the 8 stock zones active, FR and US the only active countries (recordings/prestashop-8.1.2). */
const STOCK_ZONES: Zone[] = ['Europe', 'North America', 'Asia', 'Africa', 'Oceania', 'South America', 'Europe (non-EU)', 'Central America/Antilla'].map(
  (name, i) => ({ id: i + 1, name, active: true }),
);
const STOCK_COUNTRIES: Country[] = [country(8, 1, 'FR'), country(21, 2, 'US')];

function carrier(over: Partial<Carrier> = {}): Carrier {
  return {
    id: 4,
    reference: 4,
    name: 'Service Point Delivery: Colissimo',
    active: true,
    deleted: false,
    isModule: true,
    externalModuleName: 'sendcloudv2',
    zoneIds: [1, 3],
    shopIds: [1],
    paymentModules: ['ps_checkpayment', 'stripe_official'],
    ...over,
  };
}

const HOME: Carrier = {
  id: 1,
  reference: 1,
  name: 'Retrait au club',
  active: true,
  deleted: false,
  isModule: false,
  externalModuleName: '',
  zoneIds: [1, 3],
  shopIds: [1],
  paymentModules: ['stripe_official'],
};

function moduleConfig(over: Partial<SendcloudModule> = {}): SendcloudModule {
  return {
    variant: 'v2',
    connected: true,
    scriptUrl: 'https://embed.sendcloud.sc/spp/1.0.0/api.min.js',
    selectedCarriers: { colissimo: 'Colissimo' },
    carrierReferences: { colissimo: 4 },
    ...over,
  };
}

const NO_MODULE: SendcloudModule = { variant: null, connected: false, scriptUrl: null, selectedCarriers: {}, carrierReferences: {} };

interface Row {
  name: string;
  carriers: Carrier[];
  zones?: Zone[];
  /** The shop's countries; null: the part is absent (snapshot from before it existed). */
  countries?: Country[] | null;
  module?: SendcloudModule;
  configuration?: Record<string, string | null>;
  shop?: { id: number };
  unavailable?: CheckContext['unavailable'];
  options?: Record<string, unknown>;
  status: CheckOutcome['status'];
  says: string[];
  steps?: string[];
  saysNot?: string[];
}

const rows: Row[] = [
  {
    name: 'active, every active zone, in the shop, with payment modules',
    carriers: [HOME, carrier()],
    module: moduleConfig(),
    status: 'pass',
    says: ['"Service Point Delivery: Colissimo"', 'Europe, Outre-Mer'],
  },
  {
    name: 'a renamed carrier is still found by its module',
    carriers: [carrier({ name: 'Livraison en point relais' })],
    module: moduleConfig(),
    status: 'pass',
    says: ['"Livraison en point relais"'],
  },
  {
    name: 'a carrier merely named like a relay carrier is not Sendcloud\'s',
    carriers: [HOME, carrier({ externalModuleName: '', isModule: false, id: 9, reference: 9 })],
    module: NO_MODULE,
    status: 'skip',
    says: ['does not use the Sendcloud module'],
  },
  {
    name: 'missing reachable zone, listed by name with its countries (FAQ cause 5)',
    carriers: [carrier({ zoneIds: [1, 2] })],
    module: moduleConfig(),
    status: 'fail',
    says: [
      '"Service Point Delivery: Colissimo" (carrier #4, reference 4, Sendcloud colissimo): does not serve the zone "Outre-Mer" (#3, enabled countries: GP)',
      'customers there see neither the carrier nor the map',
    ],
    steps: ['Shipping > Carriers, "Edit" on "Service Point Delivery: Colissimo"', '"Shipping locations and costs"', 'tick the zone "Outre-Mer" (#3) and give it a price'],
    saysNot: ['North America', 'Oceania'],
  },
  {
    name: 'a fresh install (8 zones active, FR and US enabled): only Europe and North America are asked for (issue 7)',
    zones: STOCK_ZONES,
    countries: STOCK_COUNTRIES,
    carriers: [carrier({ zoneIds: [1, 2] })],
    module: moduleConfig(),
    status: 'pass',
    says: ['on every zone customers can be delivered to (Europe, North America)', 'Active zones left out, as they hold no enabled country: "Asia", "Africa", "Oceania", "South America", "Europe (non-EU)", "Central America/Antilla"'],
  },
  {
    name: 'a fresh install whose relay carrier serves Europe only: North America (US) is missing',
    zones: STOCK_ZONES,
    countries: STOCK_COUNTRIES,
    carriers: [carrier({ zoneIds: [1] })],
    module: moduleConfig(),
    status: 'fail',
    says: ['does not serve the zone "North America" (#2, enabled countries: US)'],
    steps: ['tick the zone "North America" (#2) and give it a price'],
    saysNot: ['Oceania', 'Asia'],
  },
  {
    name: 'an active zone without any enabled country is not asked for',
    carriers: [carrier({ zoneIds: [1, 3] })],
    module: moduleConfig(),
    status: 'pass',
    says: ['on every zone customers can be delivered to (Europe, Outre-Mer)', 'left out, as they hold no enabled country: "Oceania"'],
  },
  {
    name: 'countries not in the snapshot: an active zone the carrier lacks is to verify, neither pass nor fail',
    countries: null,
    carriers: [carrier({ zoneIds: [1, 3] })],
    module: moduleConfig(),
    status: 'manual',
    says: ['does not serve the active zone "Oceania" (#4); no enabled country was read for the shop, so whether customers are delivered there is unknown'],
    steps: ['International > Locations > Countries', 'tick the zone "Oceania" (#4)'],
  },
  {
    name: 'countries unreadable (reason given): to verify',
    countries: null,
    unavailable: { 'prestashop.countries': t('non lus', 'not read by this source') },
    carriers: [carrier({ zoneIds: [1, 3] })],
    module: moduleConfig(),
    status: 'manual',
    says: ["the shop's countries are unreadable: not read by this source"],
  },
  {
    name: 'countries not in the snapshot, carrier on every active zone → pass (they could not change it)',
    countries: null,
    carriers: [carrier({ zoneIds: [1, 3, 4] })],
    module: moduleConfig(),
    status: 'pass',
    says: ['on every active zone (Europe, Outre-Mer, Oceania)'],
  },
  {
    name: 'countries not in the snapshot and the carrier disabled → fail, the zones still to verify',
    countries: null,
    carriers: [carrier({ zoneIds: [1], active: false })],
    module: moduleConfig(),
    status: 'fail',
    says: ['): disabled', '(also to verify) "Service Point Delivery: Colissimo" does not serve the active zones "Outre-Mer" (#3), "Oceania" (#4)'],
  },
  {
    name: 'an enabled country in a disabled zone gets no carrier at all → fail (a zone not the shop\'s: evidence only)',
    countries: STRANDED,
    carriers: [carrier()],
    module: moduleConfig(),
    status: 'fail',
    says: ['the enabled country US is in the disabled zone "North America" (#2): no carrier at all, relay point included, is offered there'],
    steps: ['International > Locations > Zones: enable the zone "North America"', 'move US to an active zone'],
    saysNot: ['XX'],
  },
  {
    name: 'no enabled country at all: every active zone is a candidate, to verify',
    countries: [country(8, 1, 'FR', false)],
    carriers: [carrier({ zoneIds: [1] })],
    module: moduleConfig(),
    status: 'manual',
    says: ['no enabled country was read for the shop'],
  },
  {
    name: 'no zone at all',
    carriers: [carrier({ zoneIds: [] })],
    module: moduleConfig(),
    status: 'fail',
    says: ['): no delivery zone at all', 'hides it at checkout'],
    steps: ['"Shipping locations and costs"', 'tick the zones "Europe" (#1), "Outre-Mer" (#3) and give each a price'],
  },
  {
    name: 'disabled carrier',
    carriers: [carrier({ active: false })],
    module: moduleConfig(),
    status: 'fail',
    says: ['(carrier #4, reference 4, Sendcloud colissimo): disabled'],
    steps: ['Shipping > Carriers', '"Enabled" column'],
  },
  {
    name: 'not in carrier_shop for the shop',
    carriers: [carrier({ shopIds: [2] })],
    module: moduleConfig(),
    status: 'fail',
    says: ['): not enabled for shop #1 (only #2)'],
    steps: ['"Shop association"', 'Advanced Parameters > Multistore'],
  },
  {
    name: 'the shop id comes from the check option',
    carriers: [carrier({ shopIds: [2] })],
    module: moduleConfig(),
    options: { shopId: 2 },
    status: 'pass',
    says: ['enabled, on every zone customers can be delivered to'],
  },
  {
    name: 'the diagnosed shop, as gathered, wins over the option',
    carriers: [carrier({ shopIds: [2] })],
    module: moduleConfig(),
    shop: { id: 3 },
    options: { shopId: 2 },
    status: 'fail',
    says: ['): not enabled for shop #3 (only #2)'],
  },
  {
    name: 'no payment module (warning_carrier_restricted)',
    carriers: [carrier({ paymentModules: [] })],
    module: moduleConfig(),
    status: 'fail',
    says: ['): no payment method associated', 'cannot select it at checkout'],
    steps: ['Payment > Preferences, "Carrier restrictions"'],
  },
  {
    name: 'edited carrier: the live version is judged, the deleted one ignored',
    carriers: [carrier({ id: 4, zoneIds: [], active: false, deleted: true }), carrier({ id: 7 })],
    module: moduleConfig(),
    status: 'pass',
    says: ['"Service Point Delivery: Colissimo"'],
  },
  {
    name: 'the module\'s carrier exists only as deleted versions',
    carriers: [HOME, carrier({ deleted: true }), carrier({ id: 5, deleted: true })],
    module: moduleConfig(),
    status: 'fail',
    says: ['(carrier #5, reference 4, Sendcloud colissimo) was deleted'],
    steps: ['Settings > Connected stores', '"Service Points"', '"Service Point Delivery"'],
  },
  {
    name: 'the module points to a reference that does not exist (warning_carrier_not_found)',
    carriers: [HOME],
    module: moduleConfig({ carrierReferences: { colissimo: 12 } }),
    status: 'fail',
    says: ['reference 12 (colissimo), which does not exist', 'not configured properly'],
    steps: ['Settings > Connected stores'],
  },
  {
    name: 'a carrier selected in Sendcloud without a PrestaShop carrier',
    carriers: [carrier()],
    module: moduleConfig({ selectedCarriers: { colissimo: 'Colissimo', mondial_relay: 'Mondial Relay' } }),
    status: 'fail',
    says: ['Mondial Relay (mondial_relay) is selected for service points in Sendcloud, but the module has no PrestaShop carrier for it'],
    saysNot: ['Colissimo (colissimo) is selected'],
    steps: ['Settings > Connected stores'],
  },
  {
    name: 'a deleted carrier of a code no longer selected is ignored',
    carriers: [carrier({ id: 2, reference: 2, deleted: true, name: 'Service Point Delivery: Mondial Relay' }), carrier()],
    module: moduleConfig(),
    status: 'pass',
    says: ['"Service Point Delivery: Colissimo"'],
    saysNot: ['Mondial Relay'],
  },
  {
    name: 'without the module part, a Sendcloud carrier left only deleted is a failure',
    carriers: [HOME, carrier({ deleted: true })],
    status: 'fail',
    says: ['was deleted'],
  },
  {
    name: 'references read from the configuration when the module part is absent',
    carriers: [HOME],
    configuration: { SENDCLOUD_V2_SPP_CARRIER_MONDIAL_RELAY_REFERENCE: '15', PS_SHOP_ENABLE: '1' },
    status: 'fail',
    says: ['reference 15 (mondial_relay), which does not exist'],
  },
  {
    name: 'module installed, no relay carrier: service points not enabled in Sendcloud',
    carriers: [HOME],
    module: moduleConfig({ carrierReferences: {}, selectedCarriers: {}, scriptUrl: null }),
    status: 'fail',
    says: ['Sendcloud module (v2) is installed but the shop has no Sendcloud relay-point carrier'],
    steps: ['In Sendcloud: Settings > Connected stores', '"Service Points"', 'creates the "Service Point Delivery" carrier'],
  },
  {
    name: 'module installed but not connected, no carrier',
    carriers: [HOME],
    module: moduleConfig({ connected: false, carrierReferences: {}, selectedCarriers: {}, scriptUrl: null }),
    status: 'fail',
    says: ['not connected to Sendcloud either'],
    steps: ['Modules > Module Manager', 'connect the shop'],
  },
  {
    name: 'module not connected while the carrier is fine',
    carriers: [carrier()],
    module: moduleConfig({ connected: false }),
    status: 'fail',
    says: ['not connected to Sendcloud'],
  },
  {
    name: 'no map script although carriers exist',
    carriers: [carrier()],
    module: moduleConfig({ scriptUrl: null }),
    status: 'fail',
    says: ['has not stored the map script'],
    steps: ['Settings > Connected stores'],
  },
  {
    name: 'no Sendcloud module and no Sendcloud carrier → skip',
    carriers: [HOME],
    module: NO_MODULE,
    status: 'skip',
    says: ['does not use the Sendcloud module'],
  },
  {
    name: 'nothing known about the module and no Sendcloud carrier → skip, reason given',
    carriers: [HOME],
    unavailable: { 'prestashop.sendcloudModule': t('illisible', 'unreadable') },
    status: 'skip',
    says: ['no sign of the Sendcloud module', 'unreadable'],
  },
  {
    name: 'zones unknown (webservice) → manual with the back-office steps',
    carriers: [carrier({ zoneIds: null, shopIds: null, paymentModules: null })],
    module: moduleConfig(),
    status: 'manual',
    says: ['cannot be read with the configured sources', 'check that it serves the zones customers can be delivered to, "Europe" (#1), "Outre-Mer" (#3).'],
    steps: ['Shipping > Carriers', '"Shipping locations and costs"', 'tick the zones "Europe" (#1), "Outre-Mer" (#3) and give each a price'],
    saysNot: ['Oceania', 'North America'],
  },
  {
    name: 'zones unknown (webservice) and countries unknown → manual, every active zone listed with the way to sort them',
    countries: null,
    carriers: [carrier({ zoneIds: null, shopIds: null, paymentModules: null })],
    module: moduleConfig(),
    status: 'manual',
    says: ['among the active zones "Europe" (#1), "Outre-Mer" (#3), "Oceania" (#4), those holding an enabled country'],
    steps: ['International > Locations > Countries'],
  },
  {
    name: 'zones unknown but the carrier is disabled → fail, the zone check still listed',
    carriers: [carrier({ zoneIds: null, active: false })],
    module: moduleConfig(),
    status: 'fail',
    says: ['): disabled', '(also to verify)'],
    steps: ['"Enabled" column', '"Shipping locations and costs"'],
  },
  {
    name: 'several problems on two carriers are all listed',
    carriers: [
      carrier(),
      carrier({ id: 8, reference: 8, name: 'Service Point Delivery: Chronopost', zoneIds: [1], paymentModules: [] }),
    ],
    module: moduleConfig({ carrierReferences: { colissimo: 4, chronopost: 8 } }),
    status: 'fail',
    says: ['"Service Point Delivery: Chronopost" (carrier #8, reference 8, Sendcloud chronopost): does not serve the zone "Outre-Mer" (#3, enabled countries: GP) (customers there see neither the carrier nor the map); no payment method associated'],
    saysNot: ['"Service Point Delivery: Colissimo" (carrier #4'],
  },
  {
    name: 'a v1 module carrier is found too',
    carriers: [carrier({ externalModuleName: 'SendCloud', zoneIds: [3] })],
    status: 'fail',
    says: ['does not serve the zone "Europe" (#1, enabled countries: BE, FR)'],
  },
];

function run(row: Row): CheckOutcome {
  const parts: CheckContext['parts'] = { 'prestashop.carriers': row.carriers, 'prestashop.zones': row.zones ?? ZONES };
  if (row.countries !== null) parts['prestashop.countries'] = row.countries ?? COUNTRIES;
  if (row.module) parts['prestashop.sendcloudModule'] = row.module;
  if (row.configuration) parts['prestashop.configuration'] = row.configuration;
  if (row.shop) parts['prestashop.shop'] = row.shop;
  return check.run(makeCtx(parts, { unavailable: row.unavailable ?? {}, options: { ...check.meta.defaultOptions, ...row.options } })) as CheckOutcome;
}

describe('relay-carrier-zones: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.saysNot ?? []) expect(outcome.message.en).not.toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
    if (row.status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
  });

  it('speaks French with the back-office paths of the FAQ', () => {
    const outcome = run(rows.find((r) => r.name.startsWith('missing reachable zone'))!);
    const fr = remediationText(outcome, 'fr');
    expect(outcome.message.fr).toContain('(transporteur n° 4, référence 4, Sendcloud colissimo) : ne dessert pas la zone « Outre-Mer » (n° 3, pays activés : GP)');
    expect(fr).toContain('Livraison > Transporteurs');
    expect(fr).toContain("« Destinations et coûts d'expédition »");
    expect(fr).toContain('cochez la zone « Outre-Mer » (n° 3) et donnez-lui un prix');
    expect(fr).not.toContain('"Outre-Mer"');
    const payment = remediationText(run(rows.find((r) => r.name.startsWith('no payment module'))!), 'fr');
    expect(payment).toContain('Paiement > Préférences');
    expect(payment).toContain('« Restrictions par transporteur »');
    const none = remediationText(run(rows.find((r) => r.name.startsWith('module installed, no relay'))!), 'fr');
    expect(none).toContain('Réglages > Boutiques connectées');
    expect(none).toContain('« Point Relais »');
    const stock = run(rows.find((r) => r.name.startsWith('a fresh install ('))!);
    expect(stock.message.fr).toContain('sur toutes les zones où les clients peuvent se faire livrer (Europe, North America)');
    expect(stock.message.fr).toContain('Zones actives laissées de côté, faute de pays activé : « Asia », « Africa », « Oceania »');
    const unsure = run(rows.find((r) => r.name.startsWith('countries not in the snapshot: '))!);
    expect(unsure.message.fr).toContain('ne dessert pas la zone active « Oceania » (n° 4) ; aucun pays activé n\'a été lu pour la boutique');
    expect(remediationText(unsure, 'fr')).toContain('International > Zones géographiques > Pays');
  });

  it('lists in the evidence the enabled countries no active zone holds', () => {
    const outcome = run(rows.find((r) => r.name.startsWith('an enabled country in a disabled zone'))!);
    expect(outcome.evidence).toMatchObject({ countriesWithoutActiveZone: [{ zoneId: 2, countries: ['US'] }, { zoneId: 99, countries: ['XX'] }] });
    expect(run(rows[0]!).evidence).not.toHaveProperty('countriesWithoutActiveZone');
    expect(remediationText(outcome, 'fr')).toContain('International > Zones géographiques > Zones : activez la zone « North America »');
  });

  it('gives evidence: the carrier judged, its missing zones, the module references', () => {
    const outcome = run(rows.find((r) => r.name.startsWith('missing reachable zone'))!);
    expect(outcome.evidence).toMatchObject({
      shopId: 1,
      activeZones: [
        { id: 1, name: 'Europe' },
        { id: 3, name: 'Outre-Mer' },
        { id: 4, name: 'Oceania' },
      ],
      reachableZones: [
        { id: 1, name: 'Europe', countries: ['BE', 'FR'] },
        { id: 3, name: 'Outre-Mer', countries: ['GP'] },
      ],
      leftOutZones: [
        { id: 2, name: 'North America', why: 'inactive' },
        { id: 4, name: 'Oceania', why: 'no-active-country' },
      ],

      carriers: [{ reference: 4, id: 4, codes: ['colissimo'], missingZoneIds: [3] }],
      module: { variant: 'v2', references: { colissimo: 4 } },
    });
  });
});

describe('relay-carrier-zones: through the runner', () => {
  const shopParts = (over: Record<string, unknown> = {}) => ({
    'prestashop.carriers': ok([HOME, carrier({ zoneIds: [1] })]),
    'prestashop.zones': ok(ZONES),
    'prestashop.countries': ok(COUNTRIES),
    'prestashop.sendcloudModule': ok(moduleConfig()),
    ...over,
  });

  it('fails on the shop-wide parts', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: shopParts() });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('fail');
    expect(result!.message.en).toContain('"Outre-Mer"');
  });

  it('takes the shop id from the configured options', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: shopParts({ 'prestashop.carriers': ok([carrier({ shopIds: [3] })]) }) });
    const [failed] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(failed!.status).toBe('fail');
    const [passed] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'relay-carrier-zones': { options: { shopId: 3 } } } });
    expect(passed!.status).toBe('pass');
  });

  it('runs without the optional module part when it is unavailable, and errors without zones', async () => {
    const reason: Text = t('non lu', 'not read');
    const noModule = makeSnapshot({ shopParts: shopParts({ 'prestashop.sendcloudModule': { status: 'unavailable', reason } }) });
    const [result] = await runChecks({ checks: [check], ...noModule, query: {} });
    expect(result!.status).toBe('fail');

    const noZones = makeSnapshot({ shopParts: { 'prestashop.carriers': ok([carrier()]) } });
    const [error] = await runChecks({ checks: [check], ...noZones, query: {} });
    expect(error!.status).toBe('error');
    expect(error!.message.en).toContain('prestashop.zones');
  });

  it('countries that could not be read make it an error with the cause, never a pass', async () => {
    const cause = { source: 'database' as const, kind: 'query', message: "Table 'prestashop.ps_country_shop' doesn't exist" };
    const { snapshot, club } = makeSnapshot({
      shopParts: shopParts({ 'prestashop.carriers': ok([carrier({ zoneIds: [1, 3, 4] })]), 'prestashop.countries': { status: 'failed', cause } }),
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('prestashop.countries');
    expect(result!.message.en).toContain('ps_country_shop');
  });

  it('a malformed carrier list is an error naming the path', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: shopParts({ 'prestashop.carriers': ok([{ id: 4, name: 'x' }]) }) });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('prestashop.carriers[0]');
  });
});

// Address::getZoneById: an address with a state takes the state's zone (`id_zone_state ?: country
// zone`), so a country with active states reaches its states' zones, not its own.
describe('relay-carrier-zones: states send addresses to their own zone', () => {
  const ES: Country = { id: 6, zoneId: 1, isoCode: 'ES', active: true, containsStates: true };
  const FR: Country = { id: 8, zoneId: 1, isoCode: 'FR', active: true, containsStates: false };
  const state = (id: number, zoneId: number, name: string, active = true): State => ({ id, countryId: 6, zoneId, isoCode: name.slice(0, 2).toUpperCase(), name, active });
  const CANARIES: Zone = { id: 3, name: 'Outre-Mer', active: true };
  const STATES: State[] = [state(1, 1, 'Madrid'), state(2, 3, 'Las Palmas'), state(3, 3, 'Santa Cruz de Tenerife'), state(4, 4, 'Ceuta', false)];
  const DENIED: Cause = { source: 'prestashop', kind: 'permission', message: 'Resource of type "states" is not allowed with this authentication key', fix: [t('Cochez « states ».', 'Tick "states".')] };

  interface StateRow {
    name: string;
    zoneIds: number[];
    countries: Country[];
    states?: State[];
    failed?: boolean;
    status: CheckOutcome['status'];
    says: string[];
    saysNot?: string[];
    steps?: string[];
    evidence?: Record<string, unknown>;
  }
  const stateRows: StateRow[] = [
    {
      // The country's zone alone (what the check judged before states) would pass here.
      name: 'a state in another zone than its country, not served: fail naming the states',
      zoneIds: [1],
      countries: [FR, ES],
      states: STATES,
      status: 'fail',
      says: [`does not serve the zone "${CANARIES.name}" (#3, enabled countries: ES (Las Palmas), ES (Santa Cruz de Tenerife))`],
      saysNot: ['Ceuta'],
      steps: ['International > Locations > States, filter the country ES'],
    },
    {
      name: 'every state zone served: pass, the states listed with their zone',
      zoneIds: [1, 3],
      countries: [FR, ES],
      states: STATES,
      status: 'pass',
      says: ['(Europe, Outre-Mer)'],
      evidence: { reachableZones: [{ id: 1, name: 'Europe', countries: ['ES (Madrid)', 'FR'] }, { id: 3, name: 'Outre-Mer', countries: ['ES (Las Palmas)', 'ES (Santa Cruz de Tenerife)'] }] },
    },
    {
      name: 'an inactive state does not make its zone reachable',
      zoneIds: [1, 3],
      countries: [FR, ES],
      states: STATES,
      status: 'pass',
      says: ['"Oceania"'],
    },
    {
      name: 'a country with states but none active keeps its own zone',
      zoneIds: [1],
      countries: [FR, ES],
      states: [state(4, 3, 'Ceuta', false)],
      status: 'pass',
      says: ['(Europe)'],
    },
    {
      name: 'contains_states off: the state rows are not used',
      zoneIds: [1],
      countries: [FR, { ...ES, containsStates: false }],
      states: STATES,
      status: 'pass',
      says: ['(Europe)'],
    },
    {
      name: 'states unreadable (key without `states`): the country with states is to verify, never a pass',
      zoneIds: [1],
      countries: [FR, ES],
      failed: true,
      status: 'manual',
      says: ['The country ES has states whose zones could not be read', 'not allowed with this authentication key', "also serves those states' zones"],
      steps: ['International > Locations > States, filter the country ES', 'Tick "states".'],
      evidence: { statesUnread: { countries: ['ES'], cause: DENIED.message } },
    },
    {
      name: 'states unreadable but no country has states: still a pass',
      zoneIds: [1],
      countries: [FR],
      failed: true,
      status: 'pass',
      says: ['(Europe)'],
      saysNot: ['states'],
    },
    {
      name: 'older snapshot (no states, contains_states unknown): a pass that says what it did not verify',
      zoneIds: [1],
      countries: [{ id: 8, zoneId: 1, isoCode: 'FR', active: true }],
      status: 'pass',
      says: ["The countries' states were not read (older snapshot)"],
      evidence: { statesNotRead: ['FR'] },
    },
    {
      name: 'a stranded state: its zone is disabled',
      zoneIds: [1],
      countries: [FR, ES],
      states: [state(1, 1, 'Madrid'), state(2, 2, 'Las Palmas')],
      status: 'fail',
      says: ['ES (Las Palmas) is in the disabled zone "North America" (#2)'],
    },
  ];

  it.each(stateRows)('$name → $status', (row) => {
    const parts: CheckContext['parts'] = { 'prestashop.carriers': [carrier({ zoneIds: row.zoneIds })], 'prestashop.zones': ZONES, 'prestashop.countries': row.countries };
    if (row.states) parts['prestashop.states'] = row.states;
    const outcome = check.run(makeCtx(parts, { options: { ...check.meta.defaultOptions }, ...(row.failed ? { failed: { 'prestashop.states': DENIED } } : {}) })) as CheckOutcome;
    expect(outcome.status, outcome.message.en).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.saysNot ?? []) expect(outcome.message.en).not.toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
    if (row.evidence) expect(outcome.evidence).toMatchObject(row.evidence);
  });

  it('says it in French too', () => {
    const parts: CheckContext['parts'] = { 'prestashop.carriers': [carrier({ zoneIds: [1] })], 'prestashop.zones': ZONES, 'prestashop.countries': [FR, ES], 'prestashop.states': STATES };
    const outcome = check.run(makeCtx(parts, { options: { ...check.meta.defaultOptions } })) as CheckOutcome;
    expect(outcome.message.fr).toContain('ne dessert pas la zone « Outre-Mer » (n° 3, pays activés : ES (Las Palmas), ES (Santa Cruz de Tenerife))');
    expect(remediationText(outcome, 'fr')).toContain('International > Zones géographiques > États, filtrez le pays ES');
  });

  it('a failed states read does not make the check an error (through the runner)', async () => {
    const { snapshot, club } = makeSnapshot({
      shopParts: {
        'prestashop.carriers': ok([carrier({ zoneIds: [1] })]),
        'prestashop.zones': ok(ZONES),
        'prestashop.countries': ok([FR, ES]),
        'prestashop.states': { status: 'failed', cause: DENIED },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('manual');
    expect(result!.message.en).toContain('could not be read');
  });
});
