import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamicCouponsSchema, type DynamicCoupons, type DynamicCouponsProbed } from '../../src/engine/parts.js';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { startCouponSandbox, type CouponSandbox } from '../../src/sandbox/coupons.js';
import {
  BODY_EXCERPT_MAX,
  gatherDynamicCoupons,
  makeTestCode,
  normalisePlatform,
  readBody,
  scrubText,
  scrubUrl,
  type DynamicCouponsOptions,
} from '../../src/sources/dynamic-coupons.js';
import { RequestLog } from '../../src/sources/request-log.js';
import { closedPort } from '../support/hostile.js';

const TOKEN = 'spreadtok_9f8e7d6c5b4a3210';
const NOW = new Date('2026-11-23T10:00:00Z');

let sandbox: CouponSandbox;
let refusedUrl: string;
let log: RequestLog;

beforeAll(async () => {
  sandbox = await startCouponSandbox({ token: TOKEN });
  refusedUrl = `http://127.0.0.1:${await closedPort()}/module/spread/coupons`;
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.faults.clear();
});

let counter = 0;
function options(over: DynamicCouponsOptions = {}): DynamicCouponsOptions {
  log = new RequestLog();
  counter += 1;
  // These tests exercise the test creation itself: the write that only --test-coupon asks for.
  return { timeoutMs: 5_000, now: () => NOW, random: () => `r${counter}`, requestLog: log, create: true, ...over };
}

function at(path: string): string {
  return `${sandbox.url}${path}`;
}

async function probeAt(url: string, platform = 'prestashop', over: DynamicCouponsOptions = {}): Promise<{ envelope: PartEnvelope; data: DynamicCouponsProbed }> {
  const envelope = (await gatherDynamicCoupons({ url, platform }, options(over)))!;
  expect(envelope.status).toBe('ok');
  const data = (envelope as { data: DynamicCoupons }).data;
  // Whatever the source returns is valid part data.
  expect(DynamicCouponsSchema.parse(data)).toEqual(data);
  expect(data.outcome).not.toBe('platform-unsupported');
  return { envelope, data: data as DynamicCouponsProbed };
}

describe('gatherDynamicCoupons against the coupon sandbox', () => {
  it('no section: no part at all (the check skips), no request', async () => {
    const before = sandbox.requests.length;
    expect(await gatherDynamicCoupons(undefined, options())).toBeUndefined();
    expect(sandbox.requests.length).toBe(before);
    expect(log.entries).toEqual([]);
  });

  it('without create (no --test-coupon): no request at all, the part says what was checked: not-tested', async () => {
    const before = sandbox.requests.length;
    // The coupons the other tests created (whatever ran first): this one creates none.
    const created = [...sandbox.created];
    const envelope = (await gatherDynamicCoupons({ url: sandbox.endpoint, platform: 'PrestaShop 8' }, options({ create: undefined })))!;
    const data = (envelope as { data: DynamicCoupons }).data;
    expect(DynamicCouponsSchema.parse(data)).toEqual(data);
    expect(data).toMatchObject({ outcome: 'not-tested', platform: 'PrestaShop 8' });
    expect(data.url).not.toContain(TOKEN);
    expect(sandbox.requests.length).toBe(before);
    expect(sandbox.created).toEqual(created);
    expect(log.entries).toEqual([]);
  });

  it('creates the test coupon: one POST with the JSON test body, outcome created', async () => {
    const before = sandbox.calls.length;
    const { data } = await probeAt(sandbox.endpoint);
    const code = makeTestCode(NOW, `r${counter}`);
    expect(data).toMatchObject({ outcome: 'created', status: 201, platform: 'prestashop', request: { code, percent: 5 }, errorKind: null, errorMessage: null, location: null });
    expect(data.contentType).toContain('application/json');
    expect(data.bodyExcerpt).toContain(code);

    const calls = sandbox.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/module/spread/coupons', contentType: 'application/json' });
    expect(JSON.parse(calls[0]!.body)).toEqual({ code, type: 'percent', value: 5, test: true });
    const request = sandbox.requests[sandbox.requests.length - 1]!;
    expect(request.headers['accept']).toBe('application/json');
    expect(sandbox.created.map((c) => c.code)).toContain(code);
    expect(log.entries).toEqual([{ source: 'dynamic-coupons', method: 'POST', target: '/module/spread/coupons' }]);
  });

  it('the test code is unique per run and upper-case', async () => {
    const a = await probeAt(sandbox.endpoint, 'prestashop', { random: undefined });
    const b = await probeAt(sandbox.endpoint, 'prestashop', { random: undefined });
    expect(a.data.request.code).toMatch(/^CDTEST-[0-9A-Z]+-[0-9A-F]{8}$/);
    expect(a.data.request.code).not.toBe(b.data.request.code);
    expect(b.data.outcome).toBe('created');
  });

  it('the token never shows in the part, the log or the excerpt', async () => {
    const { envelope } = await probeAt(sandbox.endpoint);
    const text = JSON.stringify(envelope) + JSON.stringify(log.entries);
    expect(text).not.toContain(TOKEN);
    expect((envelope as { data: DynamicCouponsProbed }).data.url).toMatch(/token=…3210$/);
  });

  it('a wrong token: 401 client-error with the module message', async () => {
    const { data } = await probeAt(`${sandbox.url}/module/spread/coupons?token=wrong-token-value`);
    expect(data).toMatchObject({ outcome: 'client-error', status: 401, errorMessage: 'Invalid token' });
  });

  it('2xx with a JSON error: ok-with-error-body, error-field, message extracted', async () => {
    const { data } = await probeAt(at('/module/spread/coupons-error'));
    expect(data).toMatchObject({ outcome: 'ok-with-error-body', status: 200, errorKind: 'error-field', errorMessage: 'Voucher code already exists' });
    expect(data.bodyExcerpt).toBe('{"success":false,"error":"Voucher code already exists"}');
  });

  it('a code created twice: the second answer is a 200 with an error', async () => {
    const fixed: DynamicCouponsOptions = { random: () => 'same' };
    expect((await probeAt(sandbox.endpoint, 'prestashop', fixed)).data.outcome).toBe('created');
    expect((await probeAt(sandbox.endpoint, 'prestashop', fixed)).data).toMatchObject({ outcome: 'ok-with-error-body', errorMessage: 'Voucher code already exists' });
  });

  it('2xx with a PHP fatal error page: ok-with-error-body, error-page, the PHP error as message, text excerpt', async () => {
    const { data } = await probeAt(at('/module/spread/coupons-php'));
    expect(data).toMatchObject({ outcome: 'ok-with-error-body', status: 200, errorKind: 'error-page' });
    expect(data.errorMessage).toMatch(/^Fatal error: Uncaught PrestaShopException: Property CartRule->name is empty/);
    expect(data.bodyExcerpt).toContain('Fatal error');
    expect(data.bodyExcerpt).not.toContain('<b>');
    expect(data.bodyExcerpt.length).toBeLessThanOrEqual(BODY_EXCERPT_MAX);
  });

  it('2xx with a PHP warning printed before a success JSON: not a creation', async () => {
    const { data } = await probeAt(at('/module/spread/coupons-warning'));
    expect(data).toMatchObject({ outcome: 'ok-with-error-body', errorKind: 'error-page' });
    expect(data.errorMessage).toContain('Warning: Undefined array key "id_currency"');
  });

  it('2xx JSON that neither names the code nor says success: code-not-confirmed', async () => {
    const { data } = await probeAt(at('/module/spread/coupons-silent'));
    expect(data).toMatchObject({ outcome: 'ok-with-error-body', errorKind: 'code-not-confirmed' });
  });

  it.each([
    ['/missing', 404, 'client-error', 'Page introuvable'],
    ['/forbidden', 403, 'client-error', '403 Forbidden'],
    ['/broken', 500, 'server-error', '500 Internal Server Error'],
  ] as const)('%s → HTTP %i, %s', async (path, status, outcome, message) => {
    const { data } = await probeAt(at(path));
    expect(data).toMatchObject({ outcome, status, errorMessage: message, errorKind: null });
  });

  it('a redirect is reported with its Location, never followed', async () => {
    const before = sandbox.calls.length;
    const { data } = await probeAt(at('/module/spread/coupons-moved'));
    expect(data).toMatchObject({ outcome: 'redirect', status: 301, location: `${sandbox.url}/module/spread/coupons` });
    expect(sandbox.calls.slice(before).map((c) => c.path)).toEqual(['/module/spread/coupons-moved']);
  });

  it.each([500, 502, 503, 504])('exactly one POST on %i (never retried), even with Retry-After', async (status) => {
    sandbox.faults.add({ name: 'down', path: '/module/spread/coupons', respond: { kind: 'status', status, retryAfter: 0, body: 'down' } });
    const before = sandbox.requests.length;
    const { data } = await probeAt(sandbox.endpoint);
    expect(data).toMatchObject({ outcome: 'server-error', status });
    expect(sandbox.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sandbox.faults.applied('down')).toBe(1);
    expect(log.entries).toHaveLength(1);
  });

  it('429 is a client-error, not retried', async () => {
    sandbox.faults.add({ name: 'busy', path: '/module/spread/coupons', respond: { kind: 'status', status: 429, retryAfter: 0 } });
    const { data } = await probeAt(sandbox.endpoint);
    expect(data).toMatchObject({ outcome: 'client-error', status: 429 });
    expect(sandbox.faults.applied('busy')).toBe(1);
  });

  it('a dropped connection is a failed part after one attempt (not retried)', async () => {
    sandbox.faults.add({ name: 'reset', path: '/module/spread/coupons', respond: { kind: 'reset' } });
    const envelope = await gatherDynamicCoupons({ url: sandbox.endpoint, platform: 'prestashop' }, options());
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'dynamic-coupons', kind: 'unreachable', host: `127.0.0.1:${sandbox.port}` } });
    expect(sandbox.faults.applied('reset')).toBe(1);
  });

  it('a hung endpoint: failed part, kind timeout, one attempt', async () => {
    sandbox.faults.add({ name: 'hang', path: '/module/spread/coupons', respond: { kind: 'hang' } });
    const envelope = await gatherDynamicCoupons({ url: sandbox.endpoint, platform: 'prestashop' }, options({ timeoutMs: 300 }));
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'dynamic-coupons', kind: 'timeout', host: `127.0.0.1:${sandbox.port}` } });
    expect((envelope as { cause: { message: string } }).cause.message).toContain('did not answer within 0.3 s');
    expect(sandbox.faults.applied('hang')).toBe(1);
    expect(JSON.stringify(envelope)).not.toContain(TOKEN);
  });

  it('connection refused: failed part, kind unreachable, host named', async () => {
    const envelope = await gatherDynamicCoupons({ url: refusedUrl, platform: 'prestashop' }, options());
    const host = new URL(refusedUrl).host;
    expect(envelope).toMatchObject({ status: 'failed', cause: { source: 'dynamic-coupons', kind: 'unreachable', host, code: 'ECONNREFUSED' } });
    expect((envelope as { cause: { message: string } }).cause.message).toContain('refused the connection');
    expect(log.entries).toHaveLength(1);
  });

  it.each(['Shopify', 'woocommerce', 'Wix', 'prestashop-like'])('platform %s is unsupported: no request at all', async (platform) => {
    const before = sandbox.requests.length;
    const envelope = await gatherDynamicCoupons({ url: sandbox.endpoint, platform }, options());
    expect(envelope).toEqual({ status: 'ok', data: { outcome: 'platform-unsupported', platform, url: scrubUrl(sandbox.endpoint) } });
    expect(DynamicCouponsSchema.safeParse((envelope as { data: unknown }).data).success).toBe(true);
    expect(sandbox.requests.length).toBe(before);
    expect(log.entries).toEqual([]);
  });

  it.each(['PrestaShop', ' MAGENTO ', 'Magento 2', 'prestashop 8.1'])('platform "%s" is supported', async (platform) => {
    const { data } = await probeAt(sandbox.endpoint, platform);
    expect(data.outcome).toBe('created');
    expect(data.platform).toBe(platform);
  });
});

describe('reading bodies and scrubbing', () => {
  const code = 'CDTEST-ABC-123';
  it.each([
    ['{"success":true}', true, null],
    [`{"code":"${code}"}`, true, null],
    [`{"data":{"voucher":"${code.toLowerCase()}"}}`, true, null],
    [`["${code}"]`, true, null],
    ['{"status":"error","message":"Currency not found"}', false, 'error-field'],
    ['{"errors":["Invalid value","Missing name"]}', false, 'error-field'],
    ['{"success":true,"error":"partially failed"}', false, 'error-field'],
    [`{"code":"${code}","errors":[]}`, true, null],
    ['{"ok":1}', false, 'code-not-confirmed'],
    ['Coupon created', false, 'unexpected-body'],
    ['', false, 'unexpected-body'],
    ['<html><head><title>Erreur</title></head><body>x</body></html>', false, 'error-page'],
    ['PHP Fatal error:  Allowed memory size exhausted in /var/www/x.php on line 3', false, 'error-page'],
  ] as const)('%s → created %s, %s', (body, created, kind) => {
    const reading = readBody(body, null, code);
    expect(reading.created).toBe(created);
    expect(reading.errorKind).toBe(kind);
  });

  it('extracts the error message from JSON error shapes', () => {
    expect(readBody('{"errors":[{"code":3,"message":"Bad rule"}]}', null, code).errorMessage).toBe('Bad rule');
    expect(readBody('{"success":false}', null, code).errorMessage).toBe('success: false');
    expect(readBody('{"status":"failed"}', null, code).errorMessage).toBe('status: failed');
  });

  it('masks secrets that answers may carry', () => {
    const text = scrubText(
      'token=abcdef123456 "password":"hunter22" Authorization: Bearer eyJhbGciOi.abc.def PDO->__construct(\'mysql:host=db\', \'root\', \'s3cr3tpw\') define(\'_COOKIE_KEY_\', \'Zx9Yw8Vu7Ts6\') sk_live_ABCDEFGHIJKLMNOPQRSTUV "error":"Voucher exists"',
      ['extra-secret-value'],
    );
    for (const leaked of ['abcdef123456', 'hunter22', 'eyJhbGciOi', 's3cr3tpw', 'Zx9Yw8Vu7Ts6', 'ABCDEFGHIJKLMNOPQRSTUV']) expect(text).not.toContain(leaked);
    expect(text).toContain('"error":"Voucher exists"');
    expect(scrubText('keep extra-secret-value out', ['extra-secret-value'])).toBe('keep … out');
  });

  it('masks URL credentials and secret-looking query values, keeps the rest', () => {
    const shown = scrubUrl('https://user:pa55word@shop.example.fr/module/spread/coupons?id_shop=2&token=0123456789abcdef&api_key=k3y');
    expect(shown).not.toContain('pa55word');
    expect(shown).not.toContain('0123456789abcdef');
    expect(shown).not.toContain('k3y');
    expect(shown).toContain('id_shop=2');
    expect(shown).toContain('shop.example.fr/module/spread/coupons');
  });

  it('the body excerpt is capped at 500 characters, scrubbed before the cut', async () => {
    // A secret straddling the 500th character must not leak its first half.
    sandbox.faults.add({
      name: 'long',
      path: '/module/spread/coupons',
      respond: { kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify({ success: false, error: 'x'.repeat(470) + ' token=ABCDEFGHIJKLMNOPQRSTUVWXYZ', more: 'y'.repeat(2000) }) },
    });
    const { data } = await probeAt(sandbox.endpoint);
    expect(data.outcome).toBe('ok-with-error-body');
    expect(Array.from(data.bodyExcerpt).length).toBe(BODY_EXCERPT_MAX);
    expect(data.bodyExcerpt.endsWith('…')).toBe(true);
    expect(data.bodyExcerpt).not.toContain('ABCDEFGH');
    expect(data.errorMessage).not.toContain('ABCDEFGH');
  });

  it('platform names', () => {
    expect(normalisePlatform('PrestaShop')).toBe('prestashop');
    expect(normalisePlatform('magento2')).toBe('magento');
    expect(normalisePlatform('Shopify')).toBeNull();
    expect(normalisePlatform('')).toBeNull();
  });
});
