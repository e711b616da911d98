// Configuration as the CLI uses it: exit codes, per-check settings, and secrets kept out of output.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/load.js';
import { redactor } from '../../src/secrets/redact.js';
import { runMain } from '../support/run-main.js';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-cli-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const snapshot = JSON.stringify({
  format: 'checkout-doctor-snapshot',
  schemaVersion: 1,
  generatedAt: '2026-01-15T10:00:00Z',
  clubs: [
    {
      name: 'FC Lyon',
      parts: {
        'club.group': { status: 'ok', data: { id: 4, name: 'FC Lyon' } },
        'club.category': { status: 'ok', data: { id: 12, name: 'Lyon', active: true } },
        // The club's group is missing from the category's group access: category-club-access fails.
        'club.categoryAccess': { status: 'ok', data: { groupIds: [1, 2, 3] } },
      },
    },
  ],
});

const echoPlugin = `
export default [{
  meta: {
    id: 'echo-options', category: 'shop', severity: 'fail', needs: [],
    title: { fr: 'Écho', en: 'Echo' }, description: { fr: 'Écho', en: 'Echo' }, docs: 'test',
    defaultOptions: { dormantDays: 30, other: 'kept' },
  },
  run({ options }) { return { status: 'pass', message: { fr: 'ok', en: 'ok' }, evidence: { options } }; },
}];
`;

const env = { LANG: 'en_US.UTF-8', NO_COLOR: '1' };

describe('per-check settings in diagnose', () => {
  it('an unknown check id in "checks" is an exit-2 error naming the key', async () => {
    const dir = tempDir({ 'c.json': JSON.stringify({ checks: { 'category-club-acces': 'warn' } }), 'shop.json': snapshot });
    const r = await runMain(['diagnose', 'FC Lyon', '--config', 'c.json', '--snapshot', join(dir, 'shop.json')], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('checks.category-club-acces');
    expect(r.stderr).toMatch(/unknown check id/);
    expect(r.stdout).toBe('');
  });

  it('a severity override turns a fail into a warn, which counts only with --fail-on warn', async () => {
    const dir = tempDir({ 'c.json': JSON.stringify({ checks: { 'category-club-access': 'warn' } }), 'shop.json': snapshot });
    const args = ['diagnose', 'fc lyon', '--config', 'c.json', '--snapshot', join(dir, 'shop.json'), '--only', 'category-club-access', '--format', 'json'];
    const r = await runMain(args, { cwd: dir, env });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout).clubs[0].results[0];
    expect(result).toMatchObject({ id: 'category-club-access', status: 'warn', severity: 'warn' });
    expect(r.code).toBe(0);
    expect((await runMain([...args, '--fail-on', 'warn'], { cwd: dir, env })).code).toBe(1);
  });

  it('without the override the same snapshot fails with exit 1', async () => {
    const dir = tempDir({ 'c.json': '{}', 'shop.json': snapshot });
    const r = await runMain(['diagnose', 'FC Lyon', '--config', 'c.json', '--snapshot', join(dir, 'shop.json'), '--only', 'category-club-access', '--format', 'json'], { cwd: dir, env });
    expect(JSON.parse(r.stdout).clubs[0].results[0]).toMatchObject({ status: 'fail', severity: 'fail' });
    expect(r.code).toBe(1);
  });

  it('"off" removes a check from the run; options reach the check over its defaults', async () => {
    const config = { plugins: ['./plugin.mjs'], checks: { 'category-club-access': 'off', 'echo-options': { severity: 'warn', dormantDays: 90 } } };
    const dir = tempDir({ 'c.json': JSON.stringify(config), 'shop.json': snapshot, 'plugin.mjs': echoPlugin });
    const r = await runMain(['diagnose', 'FC Lyon', '--config', 'c.json', '--snapshot', join(dir, 'shop.json'), '--format', 'json'], { cwd: dir, env });
    const results = JSON.parse(r.stdout).clubs[0].results as Array<{ id: string; severity: string; evidence: { options?: unknown } }>;
    expect(results.map((x) => x.id)).not.toContain('category-club-access');
    const echo = results.find((x) => x.id === 'echo-options');
    expect(echo?.severity).toBe('warn');
    expect(echo?.evidence.options).toEqual({ dormantDays: 90, other: 'kept' });
  });

  it('an invalid configuration is exit 2 with the file, the key path and what to do', async () => {
    const dir = tempDir({ 'c.json': JSON.stringify({ clubs: [{ name: 'A' }, { name: 'B', group: 'four' }] }) });
    const r = await runMain(['diagnose', 'A', '--config', 'c.json'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Invalid configuration in ${join(dir, 'c.json')}`);
    expect(r.stderr).toContain('clubs[1].group: expected a number, got a string ("four")');
    expect(r.stderr).toContain('Fix these keys');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a missing --config file is exit 2', async () => {
    const r = await runMain(['diagnose', 'A', '--config', 'missing.json'], { cwd: tempDir({}), env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.json does not exist');
  });
});

describe('secrets from the configuration', () => {
  it('values read through env: under secret keys are registered with the redactor', () => {
    const secret = 'sc-secret-' + 'Zq9'.repeat(8) + 'W7x2';
    const webservice = 'WS' + 'A1B2C3D4'.repeat(4);
    validateConfig(
      { prestashop: { url: 'https://shop.example.fr', webserviceKey: 'env:WS_KEY', database: { host: 'h', user: 'u', database: 'd', password: 'env:DB_PW' } }, sendcloud: { secretKey: 'env:SC_SECRET' } },
      'c.json',
      { SC_SECRET: secret, WS_KEY: webservice, DB_PW: 'db-pass-4729-xx' },
    );
    for (const value of [secret, webservice, 'db-pass-4729-xx']) {
      const out = redactor.redact(`before ${value} after`);
      expect(out).not.toContain(value);
      expect(out).toContain(value.slice(-4));
    }
  });

  it('an env value used by mistake in a non-secret key is not quoted in the error', async () => {
    const secret = 'KX7' + 'p'.repeat(20) + '91';
    const dir = tempDir({ 'c.json': JSON.stringify({ prestashop: { url: 'env:PS_WEBSERVICE_KEY' } }) });
    const r = await runMain(['diagnose', 'A', '--config', 'c.json'], { cwd: dir, env: { ...env, PS_WEBSERVICE_KEY: secret } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('prestashop.url: expected an http(s) URL, got a string');
    expect(r.stderr).not.toContain(secret);
  });

  it('a configured secret quoted by a failing plugin never appears whole on stderr', async () => {
    const secret = 'sendcloud-' + 'S3cr3t'.repeat(4);
    const plugin = `throw new Error('cannot start with key ' + process.env.SC_SECRET);`;
    const config = { sendcloud: { secretKey: 'env:SC_SECRET' }, plugins: ['./bad-plugin.mjs'] };
    const dir = tempDir({ 'c.json': JSON.stringify(config), 'bad-plugin.mjs': plugin });
    process.env.SC_SECRET = secret; // the plugin reads the real process environment
    try {
      const r = await runMain(['diagnose', 'A', '--config', 'c.json'], { cwd: dir, env: { ...env, SC_SECRET: secret } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Cannot load plugin "./bad-plugin.mjs"');
      expect(r.stderr).toContain(secret.slice(-4));
      expect(r.stderr).not.toContain(secret);
    } finally {
      delete process.env.SC_SECRET;
    }
  });

  it('a configured secret quoted by a crashing check never appears whole in the report', async () => {
    const secret = 'ps-webservice-' + 'Q8'.repeat(12);
    const plugin = `export default [{
      meta: { id: 'leaky', category: 'shop', severity: 'fail', needs: [], title: { fr: 'f', en: 'e' }, description: { fr: 'f', en: 'e' }, docs: 't' },
      run() { throw new Error('upstream refused key ' + process.env.PS_KEY_LEAK); },
    }];`;
    const config = { prestashop: { url: 'https://shop.example.fr', webserviceKey: 'env:PS_KEY_LEAK' }, plugins: ['./leaky.mjs'] };
    const dir = tempDir({ 'c.json': JSON.stringify(config), 'leaky.mjs': plugin, 'shop.json': snapshot });
    process.env.PS_KEY_LEAK = secret;
    try {
      for (const format of ['pretty', 'json', 'junit', 'markdown']) {
        const r = await runMain(['diagnose', 'FC Lyon', '--config', 'c.json', '--snapshot', join(dir, 'shop.json'), '--only', 'leaky', '--format', format], {
          cwd: dir,
          env: { ...env, PS_KEY_LEAK: secret },
        });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(secret.slice(-4));
        expect(r.stdout + r.stderr).not.toContain(secret);
      }
    } finally {
      delete process.env.PS_KEY_LEAK;
    }
  });
});
