import { describe, expect, it } from 'vitest';
import check from '../../checks/dynamic-coupons.js';
import { builtinChecks } from '../../checks/index.js';
import { PART_SCHEMAS, type DynamicCoupons, type DynamicCouponsProbed } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { allText, makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const URL_ = 'https://boutique.example.fr/module/spread/coupons?token=…f00d';
const CODE = 'CDTEST-MI3XK2A0-1A2B3C4D';

function probe(over: Partial<DynamicCouponsProbed> = {}): DynamicCouponsProbed {
  return {
    outcome: 'created',
    platform: 'prestashop',
    url: URL_,
    request: { code: CODE, percent: 5 },
    status: 201,
    contentType: 'application/json',
    errorKind: null,
    bodyExcerpt: `{"success":true,"code":"${CODE}"}`,
    errorMessage: null,
    location: null,
    ...over,
  };
}

interface Row {
  name: string;
  part: DynamicCoupons;
  status: CheckOutcome['status'];
  says: string[];
  saysNot?: string[];
  /** English remediation fragments. */
  steps?: string[];
}

const rows: Row[] = [
  {
    name: 'created (PrestaShop): pass, names the code and where to delete it',
    part: probe(),
    status: 'pass',
    says: [`created the test coupon ${CODE}`, 'HTTP 201', 'can be deleted'],
    steps: ['Catalog > Discounts > Cart Rules'],
  },
  {
    name: 'created (Magento): the Magento admin path',
    part: probe({ platform: 'Magento', status: 200 }),
    status: 'pass',
    says: [CODE],
    steps: ['Marketing > Cart Price Rules'],
  },
  {
    name: 'platform unsupported: fail with the FAQ rule, nothing sent',
    part: { outcome: 'platform-unsupported', platform: 'Shopify', url: URL_ },
    status: 'fail',
    says: ['"Shopify"', 'only work with PrestaShop or Magento', 'not supported', 'no test request was sent'],
    steps: ['Mon compte > Détails du site', 'dynamicCoupons.platform'],
  },
  {
    name: '2xx with a JSON error: fail, quotes it',
    part: probe({ outcome: 'ok-with-error-body', status: 200, errorKind: 'error-field', errorMessage: 'Voucher code already exists', bodyExcerpt: '{"success":false,"error":"Voucher code already exists"}' }),
    status: 'fail',
    says: ['answered HTTP 200 but the code', 'was not created', 'carries an error', '"Voucher code already exists"'],
    steps: ['"Contenu retourné"', 'Paramétrage > Coupons dynamiques', 'Créer un coupon test', 'Modules > Module Manager'],
  },
  {
    name: '2xx with a PHP error page: fail, quotes the PHP error, points at the logs',
    part: probe({
      outcome: 'ok-with-error-body',
      status: 200,
      contentType: 'text/html',
      errorKind: 'error-page',
      errorMessage: 'Fatal error: Uncaught PrestaShopException: Property CartRule->name is empty',
      bodyExcerpt: 'PrestaShop\nFatal error: Uncaught PrestaShopException…',
    }),
    status: 'fail',
    says: ['was not created', 'error page', 'Property CartRule->name is empty'],
    steps: ['PHP error logs'],
  },
  {
    name: '2xx that neither names the code nor says success',
    part: probe({ outcome: 'ok-with-error-body', status: 200, errorKind: 'code-not-confirmed', bodyExcerpt: '{"result":"done"}' }),
    status: 'fail',
    says: ['was not created', 'mentions neither the code nor a success', '{"result":"done"}'],
    saysNot: ['PHP error logs'],
  },
  {
    name: '2xx with an empty body',
    part: probe({ outcome: 'ok-with-error-body', status: 204, contentType: null, errorKind: 'unexpected-body', bodyExcerpt: '' }),
    status: 'fail',
    says: ['HTTP 204', 'empty or is not JSON'],
    saysNot: ['Answer:'],
  },
  {
    name: '404: endpoint missing',
    part: probe({ outcome: 'client-error', status: 404, contentType: 'text/html', errorMessage: 'Page introuvable', bodyExcerpt: 'Page introuvable' }),
    status: 'fail',
    says: ['HTTP 404', 'does not exist', 'module missing, disabled, or wrong URL'],
    steps: ['installed and enabled', 'dynamicCoupons.url'],
  },
  {
    name: '403: access refused',
    part: probe({ outcome: 'client-error', status: 403, errorMessage: '403 Forbidden', bodyExcerpt: 'Forbidden' }),
    status: 'fail',
    says: ['HTTP 403', 'access is refused'],
    saysNot: ['does not exist'],
    steps: ['credentials or token'],
  },
  {
    name: '401: access refused',
    part: probe({ outcome: 'client-error', status: 401, errorMessage: 'Invalid token', bodyExcerpt: '{"success":false,"error":"Invalid token"}' }),
    status: 'fail',
    says: ['HTTP 401', 'access is refused', '"Invalid token"'],
  },
  {
    name: '500: the shop failed building the answer',
    part: probe({ outcome: 'server-error', status: 500, errorMessage: '500 Internal Server Error', bodyExcerpt: 'Internal Server Error' }),
    status: 'fail',
    says: ['HTTP 500', 'failed while building the answer', 'was not created'],
    steps: ['PHP error logs', 'Modules > Module Manager'],
  },
  {
    name: 'redirect: use the final URL',
    part: probe({ outcome: 'redirect', status: 301, location: 'https://www.boutique.example.fr/module/spread/coupons' }),
    status: 'fail',
    says: ['redirects (HTTP 301) to https://www.boutique.example.fr/module/spread/coupons', 'configured address is wrong'],
    steps: ['Use the final address (https://www.boutique.example.fr/module/spread/coupons)', 'dynamicCoupons.url'],
  },
];

describe('dynamic-coupons check', () => {
  it('is registered with its contract id, category and severity', () => {
    expect(builtinChecks).toContain(check);
    expect(check.meta).toMatchObject({ id: 'dynamic-coupons', category: 'promotions', severity: 'fail' });
    expect(check.meta.optional).toEqual(['shop.dynamicCoupons']);
  });

  it.each(rows)('$name', async (row) => {
    // Every row is valid part data (the runner would refuse anything else).
    expect(PART_SCHEMAS['shop.dynamicCoupons'].safeParse(row.part).success).toBe(true);
    const outcome = await check.run(makeCtx({ 'shop.dynamicCoupons': row.part }));
    expect(outcome.status).toBe(row.status);
    for (const s of row.says) expect(outcome.message.en).toContain(s);
    for (const s of row.saysNot ?? []) expect(allText(outcome)).not.toContain(s);
    for (const s of row.steps ?? []) expect(remediationText(outcome, 'en')).toContain(s);
    // Both languages, every time.
    expect(outcome.message.fr).not.toBe('');
    expect(outcome.message.fr).not.toBe(outcome.message.en);
    for (const step of outcome.remediation ?? []) expect(step.fr && step.en).toBeTruthy();
    expect(outcome.evidence).toMatchObject({ outcome: row.part.outcome, platform: row.part.platform });
  });

  it('French texts carry the SPREAD paths and back-office path', async () => {
    const created = await check.run(makeCtx({ 'shop.dynamicCoupons': probe() }));
    expect(remediationText(created, 'fr')).toContain('Catalogue > Réductions > Règles panier');
    const unsupported = await check.run(makeCtx({ 'shop.dynamicCoupons': { outcome: 'platform-unsupported', platform: 'WooCommerce', url: URL_ } }));
    expect(unsupported.message.fr).toContain('PrestaShop ou Magento');
    expect(remediationText(unsupported, 'fr')).toContain('Mon compte > Détails du site');
    const failing = await check.run(makeCtx({ 'shop.dynamicCoupons': probe({ outcome: 'server-error', status: 502 }) }));
    expect(remediationText(failing, 'fr')).toContain('« Paramétrage > Coupons dynamiques »');
    expect(remediationText(failing, 'fr')).toContain('« Créer un coupon test »');
  });

  it('evidence keeps the test code and the status', async () => {
    const outcome = await check.run(makeCtx({ 'shop.dynamicCoupons': probe({ outcome: 'server-error', status: 503, errorMessage: 'down' }) }));
    expect(outcome.evidence).toMatchObject({ testCode: CODE, percent: 5, status: 503, errorMessage: 'down' });
  });
});

describe('dynamic-coupons through the runner', () => {
  it('skips when the part is absent (dynamicCoupons not configured)', async () => {
    const { snapshot, club } = makeSnapshot({});
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('skip');
    expect(result!.message.en).toContain('dynamicCoupons not configured');
  });

  it('passes with a created coupon', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.dynamicCoupons': ok(probe()) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('pass');
  });

  it('an unreachable endpoint is an error naming the host', async () => {
    const { snapshot, club } = makeSnapshot({
      shopParts: {
        'shop.dynamicCoupons': { status: 'failed', cause: { source: 'dynamic-coupons', kind: 'timeout', host: 'boutique.example.fr', code: 'TIMEOUT', message: 'boutique.example.fr did not answer within 15 s' } },
      },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('boutique.example.fr did not answer within 15 s');
  });

  it('malformed part data is an error naming the path', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.dynamicCoupons': ok({ ...probe(), request: { code: CODE, percent: 10 } }) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('shop.dynamicCoupons.request.percent');
  });

  it('an unavailable part becomes a manual item with the SPREAD test steps', async () => {
    const { snapshot, club } = makeSnapshot({
      shopParts: { 'shop.dynamicCoupons': { status: 'unavailable', reason: { fr: 'non testé', en: 'not tested' } } },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('manual');
    expect(result!.message.en).toBe('not tested');
    expect(result!.remediation.map((s) => s.en).join('\n')).toContain('Créer un coupon test');
  });

  it('a set-to-warn severity turns the failure into a warning', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts: { 'shop.dynamicCoupons': ok(probe({ outcome: 'server-error', status: 500 })) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'dynamic-coupons': { severity: 'warn' } } });
    expect(result!.status).toBe('warn');
  });
});
