// Issue 8, item 4 — secret detection must not eat ordinary words. Only the values of the known
// secret fields (and the env: values that feed them, URL user info and secret query values, plugin
// options named like a secret) are secrets: `"checks": {"stripe-keys-live": "warn"}`, the line
// `explain` suggests, leaves "warn" alone all over the JSON report.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerConfigSecrets, resolveEnv } from '../../src/config/load.js';
import { Redactor } from '../../src/secrets/redact.js';
import { DEMO, runCli } from '../e2e/run-cli.js';

const WS_KEY = 'WSKEY' + 'q7Rt'.repeat(6) + 'Z9x1';
const SC_PUBLIC = 'scpublic' + 'M3n8'.repeat(5);
const SC_SECRET = 'scsecret' + 'p4Lw'.repeat(5) + '/+Qz';
const DB_PASSWORD = 'db-Pa55-' + 'k2Jh'.repeat(3);
const SK = 'sk_live_' + 'Tq4m'.repeat(6);
const PLUGIN_TOKEN = 'plg-' + 'Hy6v'.repeat(5);
const URL_PASSWORD = 'urlPw' + 'e8Ds'.repeat(3);
const URL_KEY = 'urlkey' + 'N5cb'.repeat(5);

const config = {
  prestashop: {
    url: `https://agency:${URL_PASSWORD}@shop.example.fr/?ws_key=${URL_KEY}&id_lang=1`,
    webserviceKey: 'env:PS_KEY',
    database: { host: '127.0.0.1', user: 'readonly', password: 'env:DB_PW', database: 'prestashop' },
  },
  sendcloud: { publicKey: SC_PUBLIC, secretKey: 'env:SC_SECRET' },
  clubs: [{ name: 'FC Lyon', stripe: { publishableKey: 'pk_live_' + 'Ab3d'.repeat(6), secretKey: SK } }],
  checks: {
    'stripe-keys-live': 'warn',
    'stripe-account-status': { severity: 'env:SEVERITY', dormantDays: 90 },
    'my-plugin-check': { apiToken: PLUGIN_TOKEN, mode: 'fail' },
  },
};
const env = { PS_KEY: WS_KEY, DB_PW: DB_PASSWORD, SC_SECRET, SEVERITY: 'warn' };

describe('which configuration values are secrets', () => {
  const redactor = new Redactor();
  registerConfigSecrets(resolveEnv(config, env), redactor);
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('ordinary words under keys named like "key" are not: check ids, severities, modes', () => {
    const text = '"status": "warn", "severity": "warn", "summary": {"warn": 1, "fail": 0}, mode fail, readonly, prestashop, FC Lyon';
    expect(redactor.redact(text)).toBe(text);
  });

  it.each([
    ['webserviceKey (from env:)', WS_KEY],
    ['database.password (from env:)', DB_PASSWORD],
    ['sendcloud.publicKey', SC_PUBLIC],
    ['sendcloud.secretKey (from env:)', SC_SECRET],
    ['clubs[].stripe.secretKey', SK],
    ['the password in prestashop.url', URL_PASSWORD],
    ['ws_key in prestashop.url', URL_KEY],
    ['a plugin option named like a secret', PLUGIN_TOKEN],
    ['the webservice Basic credentials base64(key:)', b64(`${WS_KEY}:`)],
    ['the Sendcloud Basic credentials base64(public:secret)', b64(`${SC_PUBLIC}:${SC_SECRET}`)],
    ['the URL user info as Basic credentials', b64(`agency:${URL_PASSWORD}`)],
    ['a secret percent-encoded', encodeURIComponent(SC_SECRET)],
    ['a secret JSON-escaped with PHP slashes', JSON.stringify(SC_SECRET).slice(1, -1).replace(/\//g, '\\/')],
  ])('%s is masked', (_name, value) => {
    const out = redactor.redact(`before ${value} after`);
    expect(out).not.toContain(value);
    expect(out).toMatch(/^before \S*…\S* after$/);
  });
});

describe('through the built CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-hardening-detection-'));
  writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify({ ...config, checks: { 'stripe-keys-live': 'warn', 'stripe-account-status': { severity: 'env:SEVERITY', dormantDays: 90 } } }));

  it('the JSON report keeps "warn" in status, severity and summary', async () => {
    const r = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--format', 'json'], { cwd: dir, env, secrets: [WS_KEY, SC_SECRET, DB_PASSWORD] });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('…"');
    const report = JSON.parse(r.stdout) as { clubs: Array<{ summary: Record<string, number>; results: Array<{ id: string; status: string; severity: string }> }> };
    for (const club of report.clubs) {
      expect(Object.keys(club.summary).sort()).toEqual(['error', 'fail', 'manual', 'pass', 'skip', 'warn']);
      const live = club.results.find((x) => x.id === 'stripe-keys-live');
      if (live) expect(live.severity).toBe('warn');
    }
    const statuses = new Set(report.clubs.flatMap((c) => c.results.map((x) => x.status)));
    expect(statuses).toContain('warn');
    for (const s of statuses) expect(['pass', 'warn', 'fail', 'error', 'skip', 'manual']).toContain(s);
  });

  it.each([
    ['the webservice key (env:)', WS_KEY],
    ['the Sendcloud secret (env:)', SC_SECRET],
    ['the Sendcloud Basic credentials', Buffer.from(`${SC_PUBLIC}:${SC_SECRET}`).toString('base64')],
    ['the password in prestashop.url', URL_PASSWORD],
  ])('a genuine secret is still masked on stderr: %s', async (_name, value) => {
    // An unknown club is quoted back in the error message.
    const r = await runCli(['diagnose', `club ${value}`, '--snapshot', DEMO], { cwd: dir, env, secrets: [value] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('club ');
    expect(r.stderr).toContain('…');
  });
});
