import { describe, expect, it } from 'vitest';
import check, { KNOWN_RELAY_MODULES } from '../../checks/relay-module-conflicts.js';
import type { Carrier, Module } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { t, type CheckContext, type CheckOutcome } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

function carrier(over: Partial<Carrier>): Carrier {
  return {
    id: 1,
    reference: 1,
    name: 'Carrier',
    active: true,
    deleted: false,
    isModule: false,
    externalModuleName: '',
    zoneIds: [1],
    shopIds: [1],
    paymentModules: ['stripe_official'],
    ...over,
  };
}

const SENDCLOUD = carrier({ id: 4, reference: 4, name: 'Service Point Delivery: Colissimo', isModule: true, externalModuleName: 'sendcloudv2' });
// A plain carrier merely named after a relay network: not a module, not a conflict.
const PLAIN_COLISSIMO = carrier({ id: 3, reference: 2, name: 'Colissimo' });
const MONDIAL_CARRIER = carrier({ id: 9, reference: 9, name: 'Mondial Relay - Point Relais', isModule: true, externalModuleName: 'mondialrelay' });

function mod(name: string, over: Partial<Module> = {}): Module {
  return { name, active: true, enabledForShop: true, version: '1.0.0', ...over };
}
const BASE_MODULES: Module[] = [mod('ps_checkpayment'), mod('stripe_official'), mod('sendcloudv2', { version: '2.0.16' })];

interface Row {
  name: string;
  carriers: Carrier[];
  modules?: Module[];
  unavailable?: CheckContext['unavailable'];
  options?: Record<string, unknown>;
  status: CheckOutcome['status'];
  says: string[];
  saysNot?: string[];
  steps?: string[];
}

const rows: Row[] = [
  { name: 'Sendcloud alone', carriers: [SENDCLOUD, PLAIN_COLISSIMO], modules: BASE_MODULES, status: 'pass', says: ['No other relay-point module active'], saysNot: ['could not be read'] },
  {
    name: 'an enabled Mondial Relay module with its active carrier',
    carriers: [SENDCLOUD, MONDIAL_CARRIER],
    modules: [...BASE_MODULES, mod('mondialrelay', { version: '3.4.0' })],
    status: 'fail',
    says: ['module "mondialrelay" (Mondial Relay 3.4.0) enabled, with active carrier "Mondial Relay - Point Relais" (#9)', 'no map, or the wrong one'],
    steps: ['Modules > Module Manager', '"mondialrelay"', '"Disable"', 'Shipping > Carriers, disable "Mondial Relay - Point Relais"', 'test relay-point order'],
  },
  {
    name: 'an enabled competing module without carriers still competes',
    carriers: [SENDCLOUD],
    modules: [...BASE_MODULES, mod('Chronopost')],
    status: 'fail',
    says: ['module "Chronopost" (Chronopost (Chrono Relais) 1.0.0) enabled'],
    saysNot: ['active carrier'],
    steps: ['Modules > Module Manager'],
  },
  {
    name: 'a disabled module is no conflict',
    carriers: [SENDCLOUD],
    modules: [...BASE_MODULES, mod('mondialrelay', { active: false }), mod('relaiscolis', { enabledForShop: false })],
    status: 'pass',
    says: ['No other relay-point module active'],
  },
  {
    name: 'the active carrier of a disabled or uninstalled module never reaches checkout',
    carriers: [SENDCLOUD, MONDIAL_CARRIER, carrier({ id: 12, reference: 12, name: 'Relais Colis', externalModuleName: 'relaiscolis', isModule: true })],
    modules: [...BASE_MODULES, mod('mondialrelay', { active: false })],
    status: 'pass',
    says: ['No other relay-point module active'],
  },
  {
    name: 'deleted or disabled competing carriers are no conflict',
    carriers: [SENDCLOUD, { ...MONDIAL_CARRIER, deleted: true }, { ...MONDIAL_CARRIER, id: 10, active: false }],
    modules: BASE_MODULES,
    status: 'pass',
    says: ['No other relay-point module active'],
  },
  {
    name: 'modules unreadable (webservice): carriers only, said so',
    carriers: [SENDCLOUD, carrier({ id: 12, reference: 12, name: 'Relais Colis', externalModuleName: 'relaiscolis', isModule: true })],
    unavailable: { 'prestashop.modules': t('modules illisibles par le webservice', 'modules are not readable through the webservice') },
    status: 'fail',
    says: ['active carrier "Relais Colis" (#12) of module "relaiscolis" (Relais Colis)', 'The module list could not be read (modules are not readable through the webservice): only the carriers were examined.'],
    steps: ['Shipping > Carriers, disable "Relais Colis"', 'Modules > Module Manager, look for carrier or relay-point modules'],
  },
  {
    name: 'modules unreadable and no competing carrier: pass, with the manual look suggested',
    carriers: [SENDCLOUD],
    status: 'pass',
    says: ['only the carriers were examined'],
    steps: ['Modules > Module Manager'],
  },
  {
    name: 'no Sendcloud at all: nothing to compete with',
    carriers: [PLAIN_COLISSIMO, MONDIAL_CARRIER],
    modules: [mod('mondialrelay')],
    status: 'skip',
    says: ['No active Sendcloud module or carrier'],
  },
  {
    name: 'the Sendcloud module alone (no carrier yet) is enough to look',
    carriers: [PLAIN_COLISSIMO],
    modules: [...BASE_MODULES, mod('envoimoinscher')],
    status: 'fail',
    says: ['module "envoimoinscher" (Boxtal / EnvoiMoinsCher 1.0.0) enabled'],
  },
  {
    name: 'extra module names from the options',
    carriers: [SENDCLOUD],
    modules: [...BASE_MODULES, mod('myrelaymap')],
    options: { extraModules: ['MyRelayMap'] },
    status: 'fail',
    says: ['module "myrelaymap"'],
  },
];

function run(row: Row): CheckOutcome {
  const parts: CheckContext['parts'] = { 'prestashop.carriers': row.carriers };
  if (row.modules) parts['prestashop.modules'] = row.modules;
  return check.run(makeCtx(parts, { unavailable: row.unavailable ?? {}, options: { ...check.meta.defaultOptions, ...row.options } })) as CheckOutcome;
}

describe('relay-module-conflicts: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.saysNot ?? []) expect(outcome.message.en).not.toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
  });

  it('keeps the carriers of disabled modules as evidence', () => {
    const outcome = run(rows.find((r) => r.name.startsWith('the active carrier of a disabled'))!);
    expect(outcome.evidence).toMatchObject({ disabledKnownModules: ['mondialrelay'], carriersOfDisabledModules: [{ id: 9 }, { id: 12 }] });
  });

  it('speaks French', () => {
    const outcome = run(rows[1]!);
    expect(outcome.message.fr).toContain('module « mondialrelay » (Mondial Relay 3.4.0) activé');
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('Modules > Gestionnaire de modules');
    expect(fr).toContain('Livraison > Transporteurs');
    expect(outcome.evidence).toMatchObject({ modulesRead: true, competingModules: [{ name: 'mondialrelay' }], competingCarriers: [{ id: 9, module: 'mondialrelay' }] });
  });

  it('documents the causes no API can see, and its list', () => {
    for (const lang of ['fr', 'en'] as const) expect(check.meta.description[lang]).toMatch(/th[èe]me/i);
    expect(check.meta.description.en).toContain('custom script');
    expect(check.meta.description.en).toContain('browser');
    expect(Object.keys(KNOWN_RELAY_MODULES)).toEqual(expect.arrayContaining(['mondialrelay', 'colissimo', 'lpc', 'chronopost', 'dpdfrance', 'upsmodule', 'boxtal', 'packlink', 'relaiscolis', 'gls']));
    expect(Object.keys(KNOWN_RELAY_MODULES)).not.toContain('sendcloud');
  });
});

describe('relay-module-conflicts: through the runner', () => {
  it('a fail reads as warn with the default severity, fail when configured so', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'prestashop.carriers': ok([SENDCLOUD, MONDIAL_CARRIER]), 'prestashop.modules': ok([...BASE_MODULES, mod('mondialrelay')]) } });
    const [warned] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(warned!.status).toBe('warn');
    expect(warned!.severity).toBe('warn');
    const [failed] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'relay-module-conflicts': { severity: 'fail' } } });
    expect(failed!.status).toBe('fail');
  });

  it('an unavailable module list reaches the check as a reason', async () => {
    const reason = t('pas de base de données', 'no database');
    const { snapshot, club } = makeSnapshot({ shopParts: { 'prestashop.carriers': ok([SENDCLOUD]), 'prestashop.modules': { status: 'unavailable', reason } } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('pass');
    expect(result!.message.en).toContain('(no database)');
  });

  it('a failed carrier list is an error naming its cause', async () => {
    const { snapshot, club } = makeSnapshot({
      shopParts: { 'prestashop.carriers': { status: 'failed', cause: { source: 'prestashop', kind: 'permission', message: 'Resource of type "carriers" is not allowed', host: 'shop.example', status: 401 } } },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('"carriers" is not allowed');
  });
});
