import { describe, expect, it } from 'vitest';
import check from '../../checks/sendcloud-service-points.js';
import { PART_SCHEMAS, type SendcloudIntegration, type SendcloudModule, type SendcloudIntegrations, type SendcloudShippingMethods } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { allText, makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const SHOP: SendcloudIntegration = {
  id: 4242,
  shopName: 'Boutique des Clubs',
  shopUrl: 'https://boutique.example.fr/',
  system: 'prestashop',
  failingSince: null,
  lastFetch: '2026-11-23T09:30:00Z',
  servicePointEnabled: true,
  servicePointCarriers: ['colissimo', 'mondial_relay'],
  webhookActive: true,
};
const API: SendcloudIntegration = { ...SHOP, id: 4300, shopName: 'Sendcloud API', shopUrl: null, system: 'api', servicePointCarriers: ['colissimo'] };
const OLD: SendcloudIntegration = { ...SHOP, id: 3900, shopName: 'Ancienne boutique', shopUrl: 'https://ancienne.example.fr/', servicePointEnabled: false, servicePointCarriers: [] };

function integrations(shop: Partial<SendcloudIntegration> | null, extra: Partial<SendcloudIntegrations> = {}): SendcloudIntegrations {
  const list = shop === null ? [API, OLD] : [{ ...SHOP, ...shop }, API, OLD];
  return { shopUrl: 'https://boutique.example.fr', matchedId: shop === null ? null : (shop.id ?? SHOP.id), candidateIds: shop === null ? [] : [shop.id ?? SHOP.id], list, ...extra };
}
const METHODS: SendcloudShippingMethods = { methodCount: 4, carriers: ['colissimo', 'mondial_relay', 'sendcloud'], servicePointCarriers: ['colissimo', 'mondial_relay'] };

interface Row {
  name: string;
  integrations: SendcloudIntegrations;
  methods?: SendcloudShippingMethods | null;
  /** The shop side (prestashop.sendcloudModule); absent by default. */
  shopModule?: SendcloudModule;
  status: CheckOutcome['status'];
  says: string[];
  steps?: string[];
  evidence?: Record<string, unknown>;
}

const rows: Row[] = [
  {
    name: 'enabled with two carriers, both with service-point methods',
    integrations: integrations({}),
    status: 'pass',
    says: ['Service points are on for the shop "Boutique des Clubs" (#4242', 'colissimo, mondial_relay', 'relay-carrier-zones'],
    evidence: { integrationId: 4242, servicePointCarriers: ['colissimo', 'mondial_relay'], enabledCarriers: ['colissimo', 'mondial_relay', 'sendcloud'] },
  },
  {
    name: 'shipping methods not gathered: judged on the integration alone',
    integrations: integrations({}),
    methods: null,
    status: 'pass',
    says: ['Service points are on'],
  },
  {
    name: 'service points off',
    integrations: integrations({ servicePointEnabled: false }),
    status: 'fail',
    says: ['"Point Relais" (service points) option is off for the shop "Boutique des Clubs"'],
    steps: ['Réglages > Boutiques connectées, ouvrez la boutique « Boutique des Clubs »', 'Activez l’option « Point Relais »', 'au moins un transporteur', 'Mes Envois > Prix d’expédition'],
    evidence: { servicePointEnabled: false },
  },
  {
    name: 'service points on but no carrier chosen',
    integrations: integrations({ servicePointCarriers: [] }),
    status: 'fail',
    says: ['no carrier is chosen'],
    steps: ['Réglages > Boutiques connectées', 'au moins un transporteur'],
  },
  {
    name: 'no carrier enabled in the account at all',
    integrations: integrations({}),
    methods: { methodCount: 0, carriers: [], servicePointCarriers: [] },
    status: 'fail',
    says: ['No carrier is enabled in the Sendcloud account'],
    steps: ['Mes Envois > Prix d’expédition'],
  },
  {
    name: 'a chosen carrier has no service-point method',
    integrations: integrations({}),
    methods: { methodCount: 2, carriers: ['colissimo', 'mondial_relay'], servicePointCarriers: ['colissimo'] },
    status: 'warn',
    says: ['no service-point method in the account: mondial_relay'],
    steps: ['Mes Envois > Prix d’expédition'],
    evidence: { carriersWithoutServicePointMethod: ['mondial_relay'] },
  },
  {
    name: 'shop not connected, another PrestaShop shop is (address changed?)',
    integrations: integrations(null),
    status: 'fail',
    says: ['No shop connected in Sendcloud has the address https://boutique.example.fr', '"Ancienne boutique" (#3900, prestashop, https://ancienne.example.fr/)', 'address may have changed'],
    steps: ['module Sendcloud', 'Réglages > Boutiques connectées'],
    evidence: { otherPrestashopIntegrations: [{ id: 3900, shopName: 'Ancienne boutique', shopUrl: 'https://ancienne.example.fr/' }] },
  },
  {
    name: 'no integration at all',
    integrations: { shopUrl: 'https://boutique.example.fr', matchedId: null, candidateIds: [], list: [] },
    status: 'fail',
    says: ['is not connected to Sendcloud'],
    steps: ['connectez la boutique à Sendcloud'],
  },
  {
    name: 'a carrier offered by Sendcloud never reached the shop (cross-check with PrestaShop)',
    integrations: integrations({}),
    shopModule: { variant: 'v2', connected: true, scriptUrl: 'https://embed.sendcloud.sc/spp/1.0.0/api.min.js', selectedCarriers: { colissimo: 'Colissimo' }, carrierReferences: { colissimo: 4 } },
    status: 'warn',
    says: ['Sendcloud offers mondial_relay on the map, but the shop never received a carrier for it (the Sendcloud module only has: colissimo)'],
    steps: ['Save the "Point Relais" settings again', 'Shipping > Carriers'],
    evidence: { carriersNotInShop: ['mondial_relay'] },
  },
  {
    name: 'every carrier offered by Sendcloud exists in the shop',
    integrations: integrations({}),
    shopModule: { variant: 'v2', connected: true, scriptUrl: null, selectedCarriers: { colissimo: 'Colissimo', mondial_relay: 'Mondial Relay' }, carrierReferences: { colissimo: 4, mondial_relay: 5 } },
    status: 'pass',
    says: ['Service points are on'],
  },
  {
    name: 'no Sendcloud module in the shop: no cross-check (relay-carrier-zones speaks for the shop)',
    integrations: integrations({}),
    shopModule: { variant: null, connected: false, scriptUrl: null, selectedCarriers: {}, carrierReferences: {} },
    status: 'pass',
    says: ['Service points are on'],
  },
  {
    name: 'connected twice with the same URL: the evidence says so',
    integrations: integrations({}, { candidateIds: [4242, 4243] }),
    status: 'pass',
    says: ['Service points are on'],
    evidence: { sameUrlIntegrations: [4242, 4243] },
  },
];

describe('sendcloud-service-points', () => {
  it.each(rows)('$name', (row) => {
    const parts: Record<string, unknown> = { 'sendcloud.integrations': row.integrations };
    if (row.methods !== null) parts['sendcloud.shippingMethods'] = row.methods ?? METHODS;
    if (row.shopModule) parts['prestashop.sendcloudModule'] = row.shopModule;
    for (const [name, data] of Object.entries(parts)) expect(PART_SCHEMAS[name as keyof typeof PART_SCHEMAS].safeParse(data).success).toBe(true);
    const outcome = check.run(makeCtx(parts)) as CheckOutcome;
    expect(outcome.status).toBe(row.status);
    const text = allText(outcome);
    for (const s of row.says) expect(text).toContain(s);
    for (const s of row.steps ?? []) expect(remediationText(outcome, 'fr') + '\n' + remediationText(outcome, 'en')).toContain(s);
    if (row.evidence) expect(outcome.evidence).toMatchObject(row.evidence);
    if (row.status !== 'pass') expect(outcome.remediation?.length).toBeGreaterThan(0);
  });

  describe('through the runner', () => {
    it('passes on gathered parts', async () => {
      const { snapshot, club } = makeSnapshot({ shopParts: { 'sendcloud.integrations': ok(integrations({})), 'sendcloud.shippingMethods': ok(METHODS) } });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(r!.status).toBe('pass');
    });

    it('a failed integrations part is an error naming the cause', async () => {
      const cause = { source: 'sendcloud' as const, kind: 'server-error', host: 'panel.sendcloud.sc', status: 503, message: 'Sendcloud answered HTTP 503 on GET /api/v2/integrations' };
      const { snapshot, club } = makeSnapshot({ shopParts: { 'sendcloud.integrations': { status: 'failed', cause }, 'sendcloud.shippingMethods': ok(METHODS) } });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(r!.status).toBe('error');
      expect(r!.message.en).toContain('HTTP 503');
    });

    it('garbage in the part is an error naming the path', async () => {
      const bad = { ...integrations({}), list: [{ ...SHOP, servicePointCarriers: 'colissimo' }] };
      const { snapshot, club } = makeSnapshot({ shopParts: { 'sendcloud.integrations': ok(bad) } });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(r!.status).toBe('error');
      expect(r!.message.en).toContain('sendcloud.integrations.list[0].servicePointCarriers');
    });
  });
});
