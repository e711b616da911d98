import { describe, expect, it } from 'vitest';
import check from '../../checks/shop-online.js';
import type { ShopFront } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckContext, CheckOutcome } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const URL_ = 'https://boutique.example.fr/';
function front(over: Partial<ShopFront> = {}): ShopFront {
  return { url: URL_, status: 200, maintenance: false, finalUrl: null, ...over };
}

interface Row {
  name: string;
  front: ShopFront;
  configuration?: Record<string, string | null>;
  status: CheckOutcome['status'];
  says: string[];
  saysNot?: string[];
  steps?: string[];
}

const MAINTENANCE_STEPS = ['Shop Parameters > General > "Maintenance" tab', 'Set "Enable store" to Yes'];

const rows: Row[] = [
  { name: 'HTTP 200', front: front(), status: 'pass', says: ['The shop is online', 'HTTP 200'] },
  { name: 'HTTP 200, PS_SHOP_ENABLE=1', front: front(), configuration: { PS_SHOP_ENABLE: '1' }, status: 'pass', says: ['PS_SHOP_ENABLE is 1'] },
  { name: 'redirect on the same host (http → https, /fr/)', front: front({ finalUrl: 'https://boutique.example.fr/fr/' }), status: 'pass', says: ['https://boutique.example.fr/fr/ answers HTTP 200'] },
  {
    name: 'maintenance page served',
    front: front({ status: 503, maintenance: true }),
    status: 'fail',
    says: ["shows PrestaShop's maintenance page (HTTP 503)", 'neither order nor see the relay-point map'],
    steps: [...MAINTENANCE_STEPS, '"Maintenance IP"'],
  },
  {
    name: 'PS_SHOP_ENABLE=0 although the front answered 200 (maintenance IP)',
    front: front(),
    configuration: { PS_SHOP_ENABLE: '0', PS_MAINTENANCE_IP: '203.0.113.7, 198.51.100.2' },
    status: 'fail',
    says: ['PS_SHOP_ENABLE is 0', 'answered HTTP 200', 'listed under "Maintenance IP"', '203.0.113.7, 198.51.100.2'],
    steps: MAINTENANCE_STEPS,
  },
  {
    name: 'PS_SHOP_ENABLE=0 without maintenance IPs',
    front: front({ status: 503, maintenance: true }),
    configuration: { PS_SHOP_ENABLE: '0', PS_MAINTENANCE_IP: '' },
    status: 'fail',
    says: ['maintenance page'],
    saysNot: ['IP addresses that still see the shop'],
  },
  {
    name: 'HTTP 500',
    front: front({ status: 500 }),
    status: 'fail',
    says: ['server error (HTTP 500)'],
    saysNot: ['503'],
    steps: ['PHP error logs', 'Modules > Module Manager'],
  },
  { name: 'HTTP 503 without the maintenance page', front: front({ status: 503 }), status: 'fail', says: ['server error (HTTP 503)', "without PrestaShop's maintenance page"] },
  {
    name: 'HTTP 401: password-protected',
    front: front({ status: 401 }),
    status: 'fail',
    says: ['not public', 'HTTP 401 (password required)'],
    steps: ['.htaccess/.htpasswd'],
  },
  { name: 'HTTP 403: access denied', front: front({ status: 403 }), status: 'fail', says: ['not public', 'HTTP 403 (access denied)'], steps: ['firewall'] },
  { name: 'HTTP 404', front: front({ status: 404 }), status: 'fail', says: ['answers HTTP 404'], steps: ['prestashop.url', '"Set shop URL"'] },
  { name: 'HTTP 429', front: front({ status: 429 }), status: 'warn', says: ['HTTP 429'] },
  {
    name: 'still redirecting after the allowed hops',
    front: front({ status: 302, finalUrl: 'https://boutique.example.fr/loop' }),
    status: 'fail',
    says: ['still redirects', 'redirect loop', 'HTTP 302 from https://boutique.example.fr/loop'],
    steps: ['"Enable SSL on all pages"', '.htaccess'],
  },
  {
    name: 'redirected to another host',
    front: front({ finalUrl: 'https://www.autre-site.example/' }),
    status: 'warn',
    says: ['redirects to another site: https://www.autre-site.example/'],
    steps: ['prestashop.url', 'Settings > Connected stores'],
  },
  {
    name: 'maintenance wins over a redirect elsewhere',
    front: front({ status: 503, maintenance: true, finalUrl: 'https://www.autre-site.example/' }),
    status: 'fail',
    says: ['https://www.autre-site.example/ shows PrestaShop\'s maintenance page'],
  },
  {
    name: 'a server error after a redirect elsewhere is a failure, not a warning',
    front: front({ status: 500, finalUrl: 'https://www.autre-site.example/' }),
    status: 'fail',
    says: ['https://www.autre-site.example/ answers with a server error'],
  },
];

function run(row: Row): CheckOutcome {
  const parts: CheckContext['parts'] = { 'shop.front': row.front };
  if (row.configuration) parts['prestashop.configuration'] = row.configuration;
  return check.run(makeCtx(parts)) as CheckOutcome;
}

describe('shop-online: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.saysNot ?? []) expect(outcome.message.en).not.toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
    if (row.status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
  });

  it('gives the maintenance path in French, and evidence', () => {
    const outcome = run(rows.find((r) => r.name.startsWith('PS_SHOP_ENABLE=0 although'))!);
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('Paramètres de la boutique > Général > onglet « Maintenance »');
    expect(fr).toContain('« Activer la boutique » sur Oui');
    expect(fr).toContain('« IP de maintenance »');
    expect(outcome.message.fr).toContain('PS_SHOP_ENABLE vaut 0');
    expect(outcome.evidence).toMatchObject({ status: 200, maintenance: false, PS_SHOP_ENABLE: '0', PS_MAINTENANCE_IP: ['203.0.113.7', '198.51.100.2'] });
  });
});

describe('shop-online: through the runner', () => {
  it('uses the configuration when gathered', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.front': ok(front()), 'prestashop.configuration': ok({ PS_SHOP_ENABLE: '0' }) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('fail');
  });

  it('an unreachable front is an error naming the host', async () => {
    const { snapshot, club } = makeSnapshot({
      shopParts: { 'shop.front': { status: 'failed', cause: { source: 'shop-front', kind: 'unreachable', host: 'boutique.example.fr', code: 'ECONNREFUSED', message: 'boutique.example.fr refused the connection' } } },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('boutique.example.fr refused the connection');
  });

  describe('when the webservice is down (configuration failed)', () => {
    const down = { status: 'failed' as const, cause: { source: 'prestashop' as const, kind: 'auth', host: 'boutique.example.fr', message: 'boutique.example.fr /api/ refused the webservice key: [20] Authentification key is not active' } };

    it('a reachable front is not a pass: the maintenance flag is unknown, said so (manual)', async () => {
      const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.front': ok(front()), 'prestashop.configuration': down } });
      const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(result!.status).toBe('manual');
      expect(result!.message.en).toContain('answers HTTP 200: the shop can be reached');
      expect(result!.message.en).toContain('PS_SHOP_ENABLE) is unknown');
      expect(result!.message.en).toContain('refused the webservice key');
      expect(result!.message.fr).toContain('PS_SHOP_ENABLE) est inconnu');
      expect(remediationText({ remediation: result!.remediation }, 'en')).toContain('private window');
      expect(result!.evidence).toMatchObject({ status: 200, PS_SHOP_ENABLE: 'unknown' });
    });

    it('the front page still decides what it can: a maintenance page fails', async () => {
      const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.front': ok(front({ status: 503, maintenance: true })), 'prestashop.configuration': down } });
      const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(result!.status).toBe('fail');
      expect(result!.message.en).toContain("maintenance page");
    });

    it('other checks keep failing on a failed optional part (only shop-online tolerates it)', async () => {
      const strict = { ...check, meta: { ...check.meta, id: 'strict', toleratesFailure: undefined } };
      const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.front': ok(front()), 'prestashop.configuration': down } });
      const [result] = await runChecks({ checks: [strict], snapshot, club, query: {} });
      expect(result!.status).toBe('error');
    });
  });

  it('a set-to-warn severity turns the failure into a warning', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.front': ok(front({ status: 503, maintenance: true })) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'shop-online': { severity: 'warn' } } });
    expect(result!.status).toBe('warn');
  });
});
