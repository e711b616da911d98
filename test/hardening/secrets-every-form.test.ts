// Issue 8, item 3 — secrets in every form. Hostile upstreams on 127.0.0.1 echo what they receive
// (Authorization as sent, decoded, percent-encoded, in PHP-style JSON, the URL with its query) into
// their error bodies; the shop URL carries `user:pass@`, `?ws_key=` and `token=`. Through the built
// CLI, in every format, on stderr, under --debug and in `snapshot --output`, no configured secret
// appears in any of its forms: raw, percent-encoded, JSON-escaped, Basic `base64(key:)` and
// `base64(public:secret)` — nor a long piece of one (an echo cut in the middle).
//
// `--format pretty --debug` runs the built CLI (what the process itself writes, with the launcher);
// the other runs go through the same `main` in this process (runInProcess, which starts each run
// with a redactor that knows no secret, as a process does, and checks both outputs the same way).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { runCli } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';
import { echoOf, forward, startHostileServer, type HostileServer } from '../support/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-hardening-secrets-'));
let sandbox: RunningSandbox;
const servers: HostileServer[] = [];

const rand = (n: number) => Array.from({ length: n }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[Math.floor(Math.random() * 57)]).join('');
// Each secret with characters that change form once encoded (`/`, `+`, `&`, quotes, spaces).
const URL_USER = `shopadmin${rand(4)}`;
const URL_PASSWORD = `Pw/${rand(10)}+x&y"z`;
const URL_WS_KEY = `URLWSKEY${rand(24)}`;
const URL_TOKEN = `tok/${rand(20)}`;
const SC_PUBLIC = `scpub${rand(27)}`;
const SC_SECRET = `scsec/${rand(20)}+"q'`;
const COUPON_TOKEN = `cpn${rand(29)}`;
const STRIPE_SECRET = `sk_live_${rand(24)}`;
const STRIPE_PUBLIC = `pk_live_${rand(24)}`;
let WS_KEY: string;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Every form a configured secret takes on the way out, and the Basic credentials built from them. */
function forms(): string[] {
  const singles = [URL_PASSWORD, URL_WS_KEY, URL_TOKEN, SC_PUBLIC, SC_SECRET, COUPON_TOKEN, STRIPE_SECRET, STRIPE_PUBLIC, WS_KEY];
  const out = new Set<string>();
  for (const s of singles) {
    out.add(s);
    out.add(encodeURIComponent(s));
    out.add(JSON.stringify(s).slice(1, -1));
    out.add(b64(s).replace(/=+$/, ''));
  }
  for (const pair of [`${WS_KEY}:`, `${SC_PUBLIC}:${SC_SECRET}`, `${URL_USER}:${URL_PASSWORD}`]) {
    const plain = b64(pair).replace(/=+$/, '');
    out.add(plain);
    out.add(encodeURIComponent(plain));
    out.add(plain.replace(/\//g, '\\/'));
  }
  return [...out];
}

/** Long pieces of the base64 credentials: what an echo cut in the middle would leave. */
function pieces(): string[] {
  const out: string[] = [];
  for (const pair of [`${WS_KEY}:`, `${SC_PUBLIC}:${SC_SECRET}`]) {
    const plain = b64(pair);
    for (let i = 0; i + 16 <= plain.length; i += 4) out.push(plain.slice(i, i + 16));
  }
  return out;
}

function expectClean(text: string, where: string): void {
  for (const form of forms()) expect(text, `${where} holds a secret form ${form.slice(0, 6)}…`).not.toContain(form);
  for (const piece of pieces()) expect(text, `${where} holds a piece of Basic credentials`).not.toContain(piece);
}

/** Sabotages some webservice resources with echoing error bodies, forwards the others to the emulator. */
function prestashopProxy(target: string) {
  return async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = req.url ?? '/';
    if (path.startsWith('/api/carriers')) {
      // The whole PrestaShop error message is quoted in the cause.
      res.writeHead(500, { 'content-type': 'application/json', 'x-powered-by': 'PrestaShop Webservice', 'psws-version': '8.1.2' });
      res.end(JSON.stringify({ errors: [{ code: 3, message: `Fatal error \u001b[31m${echoOf(req)}` }] }));
      return;
    }
    if (path.startsWith('/api/zones')) {
      // An HTML page cut at 160 characters: the Authorization header straddles the cut.
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<html><body><p>${'x'.repeat(134)} ${req.headers.authorization}</p><pre>${echoOf(req)}</pre></body></html>`);
      return;
    }
    if (!path.startsWith('/api/')) {
      // The shop front, asked with the configured URL's query: a 500 echoing it.
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<h1>Error</h1><pre>${echoOf(req)}</pre>`);
      return;
    }
    await forward(req, res, body, target);
  };
}

function sendcloudEcho(req: IncomingMessage, res: ServerResponse): void {
  if ((req.url ?? '').includes('integrations')) {
    // A plain-text body longer than the 300 characters quoted: the secret sits across the cut.
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`${'y'.repeat(270)} ${req.headers.authorization} ${echoOf(req)}`);
    return;
  }
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 401, message: `Invalid credentials: ${echoOf(req)}` } }));
}

function stripeEcho(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_hostile' });
  res.end(JSON.stringify({ error: { type: 'invalid_request_error', code: 'api_key_expired', message: `Invalid API Key provided: ${req.headers.authorization} ${echoOf(req)}` } }));
}

function couponEcho(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end(`coupon creation failed for ${req.url}\n${echoOf(req)}`);
}

let config: string;
const env = (): Record<string, string> => ({ PS_KEY: WS_KEY, SC_SECRET });

beforeAll(async () => {
  sandbox = await startFixtureSet(resolveFixtureSet('demo'));
  WS_KEY = sandbox.config.prestashop!.webserviceKey!;
  const ps = await startHostileServer(prestashopProxy(sandbox.prestashop.url));
  const sc = await startHostileServer(sendcloudEcho);
  const st = await startHostileServer(stripeEcho);
  const cp = await startHostileServer(couponEcho);
  servers.push(ps, sc, st, cp);
  const psUrl = new URL(`${ps.url}/`);
  psUrl.username = encodeURIComponent(URL_USER);
  psUrl.password = encodeURIComponent(URL_PASSWORD);
  psUrl.search = `?ws_key=${encodeURIComponent(URL_WS_KEY)}&token=${encodeURIComponent(URL_TOKEN)}`;
  config = join(dir, 'hostile.json');
  writeFileSync(
    config,
    JSON.stringify({
      prestashop: { url: psUrl.toString(), webserviceKey: 'env:PS_KEY', shopId: sandbox.config.prestashop!.shopId },
      stripe: { apiBase: st.url },
      sendcloud: { apiBase: sc.url, publicKey: SC_PUBLIC, secretKey: 'env:SC_SECRET' },
      clubs: [{ name: 'AS Saint-Étienne', stripe: { publishableKey: STRIPE_PUBLIC, secretKey: STRIPE_SECRET } }],
      dynamicCoupons: { url: `${cp.url}/module/spread/coupons?id_shop=1&token=${COUPON_TOKEN}`, platform: 'prestashop' },
      checks: { 'stripe-keys-live': 'warn' },
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sandbox?.close();
});

describe('no configured secret leaks in any form, whatever hostile upstreams echo', () => {
  it.each(['pretty', 'json', 'junit', 'markdown'])('diagnose --format %s --debug: stdout and stderr', async (format) => {
    const run = format === 'pretty' ? runCli : runInProcess;
    const r = await run(['diagnose', 'AS Saint-Étienne', '--config', config, '--format', format, '--debug', '--lang', 'en'], { cwd: dir, env: env(), secrets: forms() });
    expect(r.code, r.stderr).toBe(1);
    expectClean(r.stdout, `${format} stdout`);
    expectClean(r.stderr, `${format} stderr`);
    // The hostile answers did reach the report: the echoes are there, masked.
    expect(r.stdout).toMatch(/REQUEST_URI|Fatal error|answered 500/);
    if (format === 'json') {
      const report = JSON.parse(r.stdout) as { clubs: Array<{ results: Array<{ id: string; status: string; message: string; evidence: Record<string, unknown> }> }> };
      const results = Object.fromEntries(report.clubs[0]!.results.map((x) => [x.id, x]));
      // The shop URL shown is the masked one: user info and secret query values hidden, host kept.
      const url = String(results['shop-online']!.evidence.url);
      expect(url).toMatch(/^http:\/\/…@127\.0\.0\.1:\d+\/\?ws_key=…[^&]{4}&token=…/);
      expect(results['relay-carrier-zones']!.status).toBe('error');
      expect(results['relay-carrier-zones']!.message + JSON.stringify(results)).toContain('Fatal error');
      expect(results['stripe-keys-live']!.status).not.toBe('pass');
    }
  });

  it('diagnose --output: the file as well', async () => {
    const out = join(dir, 'report.md');
    const r = await runInProcess(['diagnose', 'AS Saint-Étienne', '--config', config, '--format', 'markdown', '--output', out], { cwd: dir, env: env(), secrets: forms() });
    expect(r.code, r.stderr).toBe(1);
    expectClean(readFileSync(out, 'utf8'), 'markdown --output file');
  });

  it('snapshot --output: the snapshot file, stdout and stderr, and diagnose --snapshot of it', async () => {
    const out = join(dir, 'shop.snapshot.json');
    const r = await runInProcess(['snapshot', 'AS Saint-Étienne', '--config', config, '--output', out, '--debug'], { cwd: dir, env: env(), secrets: forms() });
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    expectClean(written, 'snapshot file');
    expectClean(r.stderr, 'snapshot stderr');
    const snapshot = JSON.parse(written) as { shop: { url: string } };
    expect(snapshot.shop.url).toMatch(/^http:\/\/…@127\.0\.0\.1:\d+\/\?ws_key=…/);
    const again = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', out, '--format', 'json'], { cwd: dir, secrets: forms() });
    expectClean(again.stdout, 'diagnose --snapshot');
  });
});
