// The client's parsing and classification fed with the bytes a real PrestaShop 8.1.2 sent
// (fixtures/recordings/prestashop-8.1.2, production mode unless the name says debugmode): each
// recording this project relies on is read here, so a classifier that drifts from the real shop
// fails a test, not a support call.

import { describe, expect, it } from 'vitest';
import { toCategory, toGroup } from '../../src/sources/prestashop/normalise.js';
import { classifyResponse, PrestaShopWebserviceError } from '../../src/sources/prestashop/webservice.js';
import { asResponse, readBody, readRecording, recordedShop } from '../support/recordings.js';

const ORIGIN = 'http://shop.test';

function classify(name: string, path = 'customers?display=full&output_format=JSON'): PrestaShopWebserviceError {
  const result = classifyResponse(asResponse(readRecording(name), `${ORIGIN}/api/${path}`), path, path.split('?')[0]);
  if (!(result instanceof PrestaShopWebserviceError)) throw new Error(`${name} was accepted as data`);
  return result;
}

const fixText = (e: PrestaShopWebserviceError) => (e.toCause().fix ?? []).map((f) => `${f.fr}\n${f.en}`).join('\n');

describe('rejected requests: the request is at fault, not a module', () => {
  it.each([
    ['error-unknown-filter', 500, 32, /This filter does not exist\. Did you mean: "email"\?/],
    ['error-date-filter', 500, 32, /This filter does not exist\. Did you mean: "total_paid"\?/],
    ['error-getter-filter', 500, 34, /The field "nb_products_recursive" is dynamic/],
    ['error-unknown-display', 500, 35, /Unable to display this field "mail"\./],
    ['debugmode-unknown-filter', 400, 32, /This filter does not exist/],
    ['error-unknown-resource', 400, 27, /Resource of type "customer" does not exists\. Did you mean: "customers"\?/],
  ])('%s (HTTP %i, code %i) is a bad request', (name, status, code, says) => {
    const e = classify(name);
    expect(e.kind).toBe('bad-request');
    expect(e.toCause()).toMatchObject({ kind: 'bad-request', status, code });
    expect(e.message).toMatch(says);
    // The long lists PrestaShop appends are left out of the message.
    expect(e.message).not.toContain('The full list is');
    expect(e.message).not.toContain('However, these are available');
    expect(e.message.length).toBeLessThan(400);
    // Production mode: the code-3 warnings that follow are counted, not blamed.
    if (status === 500) expect(e.message).toContain('followed by 4 PHP warning(s)');
    expect(fixText(e)).toContain('8.1.2');
    expect(fixText(e)).not.toMatch(/Module Manager|Gestionnaire de modules/);
    expect(fixText(e)).toMatch(/not a module to disable|ni un module à désactiver/);
  });

  it('a PHP warning with no validation code still points at a module', () => {
    const recorded = readRecording('error-unknown-filter');
    const body = JSON.stringify({ errors: (JSON.parse(recorded.body) as { errors: Array<{ code: number }> }).errors.filter((e) => e.code === 3) });
    const e = classifyResponse(asResponse({ ...recorded, body }, `${ORIGIN}/api/customers`), 'customers', 'customers') as PrestaShopWebserviceError;
    expect(e.kind).toBe('php-error');
    expect(fixText(e)).toMatch(/Module Manager/);
  });
});

describe('set-up answers: one cause whatever the resource', () => {
  it('badkey: 401 codes 20+21 with WWW-Authenticate is a refused key, without the request path', () => {
    const recorded = readRecording('badkey');
    expect(recorded.headers['www-authenticate']).toMatch(/^Basic realm=/);
    const e = classify('badkey');
    expect(e.toCause()).toMatchObject({ kind: 'auth', status: 401, code: 21 });
    expect(e.errors.map((x) => x.code)).toEqual([20, 21]);
    expect(e.message).toBe('shop.test /api/ refused the webservice key: [20] Authentification key is not active [21] No permission for this authentication key');
    expect(classify('badkey', 'groups?display=full').message).toBe(e.message);
    expect(fixText(e)).toMatch(/Advanced Parameters > Webservice/);
  });

  it('nokey: the plain-text 401 while a key was sent means the Authorization header was stripped', () => {
    expect(readRecording('nokey').headers['content-type']).toBe('text/html; charset=utf-8');
    const e = classify('nokey');
    expect(e.kind).toBe('auth-header-stripped');
    expect(fixText(e)).toMatch(/Enable CGI mode for PHP/);
  });

  it('webservice-disabled: 503 code 22', () => {
    const e = classify('webservice-disabled');
    expect(e.toCause()).toMatchObject({ kind: 'webservice-disabled', status: 503, code: 22 });
    expect(e.message).not.toContain('customers');
  });

  it('resource-not-granted: 401 code 26 without WWW-Authenticate, names the resource to tick', () => {
    expect(readRecording('resource-not-granted').headers['www-authenticate']).toBeUndefined();
    const e = classify('resource-not-granted', 'zones?display=full');
    expect(e.toCause()).toMatchObject({ kind: 'forbidden-resource', status: 401, code: 26 });
    expect(fixText(e)).toContain('« zones »');
  });
});

describe('other answers', () => {
  it('missing-id: 404 with an empty body and an empty Content-Type is not-found', () => {
    const recorded = readRecording('missing-id');
    expect([recorded.body, recorded.headers['content-type']]).toEqual(['', '']);
    expect(classify('missing-id', 'customers/999').kind).toBe('not-found');
  });

  it('root-json: the empty 500 of GET /api/?output_format=JSON is a server error', () => {
    expect(classify('root-json', '?output_format=JSON').toCause()).toMatchObject({ kind: 'server-error', status: 500 });
  });
});

describe('data answers through the client', () => {
  const shop = recordedShop();
  const { serve } = shop;
  const client = () => shop.client({ url: ORIGIN });

  it('empty-list and missing-id-listform: a bare [] is an empty list', async () => {
    serve('customers', 'empty-list');
    expect(await client().list('customers', { display: 'full' })).toEqual([]);
    serve('customers', 'missing-id-listform');
    expect(await client().getById('customers', 999)).toBeNull();
  });

  it('groups-4: a single object without its falsy fields parses as is, and gives the version', async () => {
    serve('groups', 'groups-4');
    const ws = client();
    expect(await ws.getJson('groups/4')).toEqual({
      group: { id: 4, reduction: '0.00', show_prices: '1', date_add: '2026-11-28 23:15:05', date_upd: '2026-11-28 23:15:05', name: 'AS Saint-Étienne Rugby' },
    });
    expect(ws.version).toBe('8.1.2');
  });

  it.each([
    ['groups', 'groups-2langs', toGroup, [[3, 'Client', 'Customer'], [5, 'Racing Club Sévigné', 'Racing Club Sévigné']]],
    ['categories', 'categories-2langs', toCategory, [[11, 'Racing Club Sévigné', 'Racing Club Sévigné']]],
  ] as const)('%s with two languages: i18n values with NUMBER language ids (%s)', async (resource, name, normalise, expected) => {
    // Only the body was recorded: the headers are those of any JSON list of this shop.
    const body = readBody(name);
    expect(body).toMatch(/"name":\[\{"id":1,"value":/);
    const head = readRecording('empty-list');
    serve(resource, { ...head, status: 200, body });
    const rows = await client().list(resource, { display: 'full' });
    expect(rows.map((r) => [r.id, normalise(r, 1).name, normalise(r, 2).name])).toEqual(expected);
  });
});
