// Configuration: discovery, --config, env: references, validation messages with key paths.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/engine/errors.js';

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-config-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The UsageError thrown by `fn`, as one text (message, details, hint). */
async function usageError(fn: () => unknown): Promise<{ error: UsageError; text: string }> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { error, text: [error.message, ...error.details, error.hint ?? ''].join('\n') };
  }
  throw new Error('expected a UsageError, got none');
}

const minimal = { clubs: [{ name: 'FC Lyon', group: 4 }] };

describe('discovery', () => {
  it('finds .checkout-doctorrc.json in the current folder', async () => {
    const dir = tempDir({ '.checkout-doctorrc.json': JSON.stringify(minimal) });
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded?.filepath).toBe(join(dir, '.checkout-doctorrc.json'));
    expect(loaded?.config.clubs?.[0]).toEqual({ name: 'FC Lyon', group: 4 });
  });

  it('finds checkout-doctor.config.js (CommonJS and ESM)', async () => {
    const cjs = tempDir({ 'checkout-doctor.config.js': `module.exports = ${JSON.stringify(minimal)};` });
    expect((await loadConfig({ cwd: cjs, env: {} }))?.config.clubs?.[0]?.name).toBe('FC Lyon');
    const esm = tempDir({
      'package.json': JSON.stringify({ name: 'shop-tools', type: 'module' }),
      'checkout-doctor.config.js': `export default { clubs: [{ name: 'AS Saint-Étienne' }] };`,
    });
    const loaded = await loadConfig({ cwd: esm, env: {} });
    expect(loaded?.filepath).toBe(join(esm, 'checkout-doctor.config.js'));
    expect(loaded?.config.clubs?.[0]?.name).toBe('AS Saint-Étienne');
  });

  it('finds the "checkout-doctor" key of package.json', async () => {
    const dir = tempDir({ 'package.json': JSON.stringify({ name: 'shop-tools', 'checkout-doctor': { checks: { 'shop-online': 'off' } } }) });
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded?.filepath).toBe(join(dir, 'package.json'));
    expect(loaded?.config.checks).toEqual({ 'shop-online': 'off' });
  });

  it('ignores a package.json without the key, and returns nothing when no configuration exists', async () => {
    expect(await loadConfig({ cwd: tempDir({ 'package.json': '{"name":"x"}' }), env: {} })).toBeUndefined();
    expect(await loadConfig({ cwd: tempDir(), env: {} })).toBeUndefined();
  });

  it('validates a discovered file too, naming it', async () => {
    const dir = tempDir({ '.checkout-doctorrc.json': JSON.stringify({ clubs: [{ name: 'A', groupe: 4 }] }) });
    const { text } = await usageError(() => loadConfig({ cwd: dir, env: {} }));
    expect(text).toContain(join(dir, '.checkout-doctorrc.json'));
    expect(text).toContain('clubs[0].groupe: unknown key (did you mean "group"?)');
  });
});

describe('--config', () => {
  it('loads the given file, relative to the current folder', async () => {
    const dir = tempDir({ 'conf/shop.json': JSON.stringify(minimal) });
    const loaded = await loadConfig({ configPath: 'conf/shop.json', cwd: dir, env: {} });
    expect(loaded?.filepath).toBe(join(dir, 'conf/shop.json'));
  });

  it('a missing file is a usage error naming the path', async () => {
    const { text } = await usageError(() => loadConfig({ configPath: 'nope.json', cwd: tempDir(), env: {} }));
    expect(text).toMatch(/Configuration file nope\.json does not exist/);
    expect(text).toContain('--config');
  });

  it('an empty path, or a folder, is a usage error', async () => {
    expect((await usageError(() => loadConfig({ configPath: ' ', cwd: tempDir(), env: {} }))).text).toContain('--config is empty');
    const dir = tempDir({ 'sub/x.json': '{}' });
    expect((await usageError(() => loadConfig({ configPath: 'sub', cwd: dir, env: {} }))).text).toContain('is a folder');
  });

  it('a device such as /dev/null is said to be a special file, not a folder', async () => {
    const text = (await usageError(() => loadConfig({ configPath: '/dev/null', cwd: tempDir(), env: {} }))).text;
    expect(text).toContain('is a special file');
    expect(text).not.toContain('folder');
  });

  it('bad JSON syntax says where (line and column) and never quotes the file', async () => {
    const secret = 'WSKEY1234567890ABCDEFGHIJKLMNOP';
    const dir = tempDir({ 'bad.json': `{\n  "prestashop": { "url": "https://shop.example.fr", "webserviceKey": "${secret}" ,, }\n}\n` });
    const { text } = await usageError(() => loadConfig({ configPath: 'bad.json', cwd: dir, env: {} }));
    expect(text).toContain(join(dir, 'bad.json'));
    expect(text).toMatch(/line 2, column \d+/);
    expect(text).toContain('Fix the file syntax');
    expect(text).not.toContain(secret);
  });

  it('bad JSON where V8 quotes the source still keeps the file out of the message', async () => {
    const secret = 'SECRETVALUE0987654321';
    const dir = tempDir({ 'bad.json': `{"prestashop": {"webserviceKey": ${secret}}}` });
    const { text } = await usageError(() => loadConfig({ configPath: 'bad.json', cwd: dir, env: {} }));
    expect(text).toMatch(/Cannot read configuration .*bad\.json: Unexpected token/);
    expect(text).not.toContain(secret);
  });

  it('an unknown extension says which file types work', async () => {
    const dir = tempDir({ 'shop.conf': '{}' });
    const { text } = await usageError(() => loadConfig({ configPath: 'shop.conf', cwd: dir, env: {} }));
    expect(text).toContain('unknown file type');
    expect(text).toContain('.json');
  });

  it('an empty file is reported as empty', async () => {
    const dir = tempDir({ 'empty.json': '' });
    const { text } = await usageError(() => loadConfig({ configPath: 'empty.json', cwd: dir, env: {} }));
    expect(text).toMatch(/empty\.json is empty/);
  });

  it('an empty object is a valid configuration', async () => {
    const dir = tempDir({ 'c.json': '{}' });
    expect((await loadConfig({ configPath: 'c.json', cwd: dir, env: {} }))?.config).toEqual({});
  });
});

describe('env: references', () => {
  const raw = {
    prestashop: { url: 'https://shop.example.fr', webserviceKey: 'env:PS_WEBSERVICE_KEY' },
    sendcloud: { publicKey: 'env:SC_PUBLIC', secretKey: 'env:SC_SECRET' },
    clubs: [{ name: 'FC Lyon', stripe: { publishableKey: 'env:LYON_PK', secretKey: 'env:LYON_SK' } }],
  };

  it('reads set variables', () => {
    const env = { PS_WEBSERVICE_KEY: 'K'.repeat(32), SC_PUBLIC: 'pub-123456789', SC_SECRET: 'sec-123456789', LYON_PK: 'pk_test_abc', LYON_SK: 'sk_test_abc' };
    const config = validateConfig(raw, 'c.json', env);
    expect(config.prestashop?.webserviceKey).toBe('K'.repeat(32));
    expect(config.clubs?.[0]?.stripe).toEqual({ publishableKey: 'pk_test_abc', secretKey: 'sk_test_abc' });
  });

  it('an unset variable names the key path and the variable', async () => {
    const env = { PS_WEBSERVICE_KEY: 'x'.repeat(32), SC_PUBLIC: 'p'.repeat(10), SC_SECRET: 's'.repeat(10), LYON_PK: 'pk_test_abc' };
    const { text } = await usageError(() => validateConfig(raw, 'c.json', env));
    expect(text).toContain('clubs[0].stripe.secretKey: environment variable LYON_SK is not set');
    expect(text).toMatch(/Set the environment variables/);
  });

  it('reports every unset variable at once', async () => {
    const { error } = await usageError(() => validateConfig(raw, 'c.json', { SC_PUBLIC: 'p'.repeat(10) }));
    const lines = error.details.join('\n');
    for (const [path, name] of [
      ['prestashop.webserviceKey', 'PS_WEBSERVICE_KEY'],
      ['sendcloud.secretKey', 'SC_SECRET'],
      ['clubs[0].stripe.publishableKey', 'LYON_PK'],
      ['clubs[0].stripe.secretKey', 'LYON_SK'],
    ]) {
      expect(lines).toContain(`${path}: environment variable ${name} is not set`);
    }
    expect(lines).not.toContain('SC_PUBLIC');
    expect(error.details).toHaveLength(4);
  });

  it('an empty variable, or "env:" without a name, is reported', async () => {
    const { text } = await usageError(() => validateConfig({ prestashop: { url: 'https://x.fr', webserviceKey: 'env:WS' }, sendcloud: { secretKey: 'env:' } }, 'c.json', { WS: '' }));
    expect(text).toContain('prestashop.webserviceKey: environment variable WS is empty');
    expect(text).toContain('sendcloud.secretKey: "env:" must be followed by the name of an environment variable');
  });

  it('an unset variable under a number key is reported once, not also as a wrong type', async () => {
    const { error } = await usageError(() =>
      validateConfig({ prestashop: { url: 'https://x.fr', database: { host: 'h', user: 'u', database: 'd', port: 'env:DB_PORT' } } }, 'c.json', {}),
    );
    expect(error.details).toEqual(['  prestashop.database.port: environment variable DB_PORT is not set']);
  });

  it('env: works anywhere, not only for secrets', () => {
    const config = validateConfig({ prestashop: { url: 'env:SHOP_URL' } }, 'c.json', { SHOP_URL: 'https://shop.example.fr' });
    expect(config.prestashop?.url).toBe('https://shop.example.fr');
  });
});

describe('validation messages', () => {
  it('unknown keys are reported with their full path, with a suggestion when one is close', async () => {
    const { error } = await usageError(() =>
      validateConfig({ prestashop: { url: 'https://x.fr', webservicekey: 'x' }, clubs: [{ name: 'A', categroy: 3 }], colour: true }, 'c.json', {}),
    );
    expect(error.details).toContain('  prestashop.webservicekey: unknown key (did you mean "webserviceKey"?)');
    expect(error.details).toContain('  clubs[0].categroy: unknown key (did you mean "category"?)');
    expect(error.details.some((d) => d.startsWith('  colour: unknown key'))).toBe(true);
  });

  it('wrong types are reported with their path and what was found', async () => {
    const { error } = await usageError(() => validateConfig({ clubs: [{ name: 'A', group: 4 }, { name: 'B', group: 'four' }] }, 'c.json', {}));
    expect(error.message).toBe('Invalid configuration in c.json:');
    expect(error.details).toEqual(['  clubs[1].group: expected a number, got a string ("four")']);
  });

  it('more shapes: list expected, whole number, empty name, bad URL, port out of range', async () => {
    const { text } = await usageError(() =>
      validateConfig(
        {
          prestashop: { url: 'ftp://shop', database: { host: 'h', user: 'u', database: 'd', port: 70000 } },
          clubs: [{ name: '', category: 1.5 }],
          plugins: 'my-plugin',
        },
        'c.json',
        {},
      ),
    );
    expect(text).toContain('prestashop.url: expected an http(s) URL');
    expect(text).toContain('prestashop.database.port: must be at most 65535');
    expect(text).toContain('clubs[0].name: must not be empty');
    expect(text).toContain('clubs[0].category: expected a whole number, got a number (1.5)');
    expect(text).toContain('plugins: expected a list');
  });

  it('the root must be an object', async () => {
    expect((await usageError(() => validateConfig([], 'c.json', {}))).text).toContain('(root): expected an object');
  });

  it('a value under a secret-looking key is never quoted, even when its type is wrong', async () => {
    const { text } = await usageError(() => validateConfig({ clubs: [{ name: 'A', stripe: { secretKey: 424242424242424242 } }] }, 'c.json', {}));
    expect(text).toContain('clubs[0].stripe.secretKey: expected a string, got a whole number');
    expect(text).not.toContain('424242424242424242');
  });
});

describe('per-check settings', () => {
  it('accepts "off", a severity, and an object with severity and options', () => {
    const config = validateConfig(
      { checks: { 'shop-online': 'off', 'promo-code': 'warn', 'stripe-account-status': { severity: 'warn', dormantDays: 90 }, 'dynamic-coupons': { timeoutMs: 5000 } } },
      'c.json',
      {},
    );
    expect(config.checks).toEqual({
      'shop-online': 'off',
      'promo-code': 'warn',
      'stripe-account-status': { severity: 'warn', dormantDays: 90 },
      'dynamic-coupons': { timeoutMs: 5000 },
    });
  });

  it('a check id containing "key" does not hide what was found', async () => {
    const { text } = await usageError(() => validateConfig({ checks: { 'stripe-keys-format': 'warning' } }, 'c.json', {}));
    expect(text).toContain('got a string ("warning")');
  });

  it('a bad severity is reported at its path with the allowed values', async () => {
    const { error } = await usageError(() => validateConfig({ checks: { 'shop-online': 'of', 'stripe-account-status': { severity: 'warning' } } }, 'c.json', {}));
    expect(error.details).toContain('  checks.stripe-account-status.severity: expected "off", "warn" or "fail", got a string ("warning")');
    expect(error.details.find((d) => d.startsWith('  checks.shop-online:'))).toMatch(/expected "off", "warn", "fail", or an object .*got a string \("of"\)/);
  });
});

describe('other file formats', () => {
  it('a YAML syntax error says where, without quoting the file', async () => {
    const secret = 'YAMLSECRET0123456789abcdef';
    const dir = tempDir({ '.checkout-doctorrc.yaml': `prestashop:\n  url: https://shop.example.fr\n  webserviceKey: "${secret}\n  bad: [\n` });
    const { text } = await usageError(() => loadConfig({ cwd: dir, env: {} }));
    expect(text).toContain(join(dir, '.checkout-doctorrc.yaml'));
    expect(text).toMatch(/\(line \d+, column \d+\)/);
    expect(text).not.toContain(secret);
  });

  it('a JS configuration that throws is reported by its first line, as its own error rather than a syntax problem', async () => {
    const dir = tempDir({ 'checkout-doctor.config.js': `throw new Error('PS_URL must be set before loading');` });
    const { text } = await usageError(() => loadConfig({ cwd: dir, env: {} }));
    expect(text).toContain(`Configuration ${join(dir, 'checkout-doctor.config.js')} failed while loading: PS_URL must be set before loading.`);
    expect(text).not.toMatch(/syntax/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('accepts an editor "$schema" key', () => {
    expect(validateConfig({ $schema: './checkout-doctor.schema.json', clubs: [] }, 'c.json', {}).clubs).toEqual([]);
  });
});

describe('discovery from a subfolder', () => {
  it('finds the configuration of the project root, not beyond it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cd-proj-'));
    writeFileSync(join(root, 'package.json'), '{"name":"shop-tools"}');
    writeFileSync(join(root, '.checkout-doctorrc.json'), JSON.stringify({ prestashop: { url: 'https://shop.example.fr' } }));
    const deep = join(root, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const found = await loadConfig({ cwd: deep, env: {} });
    expect(found?.filepath).toBe(join(root, '.checkout-doctorrc.json'));
    // A nested project (its own package.json) does not climb into the outer one.
    const nested = join(root, 'nested');
    mkdirSync(nested);
    writeFileSync(join(nested, 'package.json'), '{"name":"other"}');
    expect(await loadConfig({ cwd: nested, env: {} })).toBeUndefined();
  });
});
