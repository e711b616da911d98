// Class: "the CLI says something other than what happened". Each case below used to end as "no
// shop configured", "unexpected internal error, report it", "fix the syntax" or "Maximum call stack
// size exceeded"; each must be exit 2 (or a report) with one sentence saying what happened and
// what to do, in the user's language, through the built CLI, without any configured secret.

import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { BIN, DEMO, ROOT, cleanEnv, fixtureSecrets, type CliResult } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';
import { expectNoSecret } from './secret-forms.js';

const WS_KEY = 'HONESTMESSAGESWSKEY0123456789AB';
const SECRETS = [WS_KEY, ...fixtureSecrets()];
const CONFIG = JSON.stringify({ prestashop: { url: 'https://shop.example.fr', webserviceKey: WS_KEY } });

let root: string;
let n = 0;
function folder(files: Record<string, string> = {}): string {
  const dir = join(root, `case-${++n}`);
  // Readable by everyone: one case runs the CLI as an unprivileged user.
  mkdirSync(dir, { mode: 0o755 });
  writeFileSync(join(dir, 'package.json'), '{"name":"shop-tools"}\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * What a command says, through the program in this process (runInProcess). The runs where the
 * process is the point use spawnCli: another user's permissions, and the call stack of a real
 * process reading a huge page.
 */
async function cli(args: string[], cwd: string, extra: { env?: Record<string, string> } = {}): Promise<CliResult> {
  const result = await runInProcess(args, { cwd, env: extra.env, secrets: [WS_KEY] });
  expect(result.stderr).not.toMatch(/internal error|report it|Maximum call stack/i);
  expectNoSecret({ stdout: result.stdout, stderr: result.stderr }, SECRETS);
  return result;
}

/**
 * The CLI without run-cli's 25-second kill (a 20 MB page takes a while on a busy machine),
 * optionally as an unprivileged user (root reads any file, so "unreadable" needs someone else).
 */
function spawnCli(args: string[], cwd: string, as?: { uid: number; gid: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, ...as, env: { ...cleanEnv(), HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cd-honest-'));
  chmodSync(root, 0o755);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Adds o+x to `path` and the folders above it that lack it; returns what to restore. */
function openTraversal(path: string): { path: string; mode: number }[] {
  const changed: { path: string; mode: number }[] = [];
  for (let p = path; ; p = dirname(p)) {
    const mode = statSync(p).mode & 0o7777;
    if (!(mode & 0o001)) {
      chmodSync(p, mode | 0o001);
      changed.push({ path: p, mode });
    }
    if (dirname(p) === p) return changed;
  }
}

describe('configuration files', () => {
  it('a null configuration says it holds null, not "no shop configured"', async () => {
    for (const [name, text] of [['.checkout-doctorrc.json', 'null'], ['.checkout-doctorrc.yaml', '~\n']] as const) {
      const dir = folder({ [name]: text });
      const result = await cli(['diagnose', 'FC Lyon'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Configuration file ${join(dir, name)} holds null: it configures nothing.`);
      expect(result.stderr).not.toMatch(/no shop configured/);
    }
    const dir = folder({ 'null.json': 'null' });
    const fr = await cli(['diagnose', 'FC Lyon', '--config', 'null.json'], dir, { env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain(`La configuration ${join(dir, 'null.json')} vaut null\u00a0: elle ne configure rien.`);
  });

  it('an unreadable configuration says permission denied, found or given, not "no shop configured"', async () => {
    const dir = folder({ '.checkout-doctorrc.json': CONFIG });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, '.checkout-doctorrc.json'), 0o000);
    // Root reads every file: the CLI runs as `nobody`, which must then reach the checkout itself
    // (a clone inside a private `mktemp -d` folder is not): folders above it get o+x meanwhile.
    const asNobody = process.getuid?.() === 0;
    const opened = asNobody ? openTraversal(ROOT) : [];
    try {
      const run = (args: string[]) => spawnCli(args, dir, asNobody ? { uid: 65534, gid: 65534 } : undefined);
      for (const args of [['diagnose', 'FC Lyon'], ['diagnose', 'FC Lyon', '--config', '.checkout-doctorrc.json']]) {
        const result = await run(args);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`Cannot read configuration ${join(dir, '.checkout-doctorrc.json')} (permission denied).`);
        expect(result.stderr).toContain('Give the user running checkout-doctor read permission on that file.');
        expectNoSecret({ stdout: result.stdout, stderr: result.stderr }, SECRETS);
      }
    } finally {
      for (const { path, mode } of opened) chmodSync(path, mode);
    }
  });

  it('a configuration whose $import is missing names the missing file, not the configuration', async () => {
    const dir = folder({ '.checkout-doctorrc.json': JSON.stringify({ $import: 'shared.json', prestashop: { url: 'https://shop.example.fr', webserviceKey: WS_KEY } }) });
    const result = await cli(['diagnose', 'FC Lyon'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Configuration ${join(dir, '.checkout-doctorrc.json')} imports ${join(dir, 'shared.json')}, which does not exist.`);
  });

  it('a configuration that is a link to nothing says so', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'moved-away.json'), join(dir, '.checkout-doctorrc.json'));
    const result = await cli(['diagnose', 'FC Lyon'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot read configuration ${join(dir, '.checkout-doctorrc.json')} (ENOENT: a link to ${join(dir, 'moved-away.json')}, which does not exist).`);
  });

  it('a JS configuration that throws is reported with its own error, not "fix the syntax"', async () => {
    const dir = folder({
      'checkout-doctor.config.mjs': `const key = ${JSON.stringify(WS_KEY)};\nif (!process.env.SHOP_URL) throw new Error('SHOP_URL is not set');\nexport default { prestashop: { url: process.env.SHOP_URL, webserviceKey: key } };\n`,
    });
    const result = await cli(['diagnose', 'FC Lyon'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Configuration ${join(dir, 'checkout-doctor.config.mjs')} failed while loading: SHOP_URL is not set.`);
    expect(result.stderr).toContain('Fix what this error says');
    expect(result.stderr).not.toMatch(/syntax/i);
    const thrown = folder({ 'checkout-doctor.config.cjs': `throw 'no network';\n` });
    const other = await cli(['diagnose', 'FC Lyon'], thrown);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`failed while loading: it threw "no network".`);
  });
});

describe('--output ""', () => {
  it('is refused for diagnose and snapshot, in the user language', async () => {
    const dir = folder();
    const diagnose = await cli(['diagnose', '--all', '--snapshot', DEMO, '--output', ''], dir);
    expect(diagnose.code).toBe(2);
    expect(diagnose.stdout).toBe('');
    expect(diagnose.stderr).toContain('--output is empty.');
    const snapshot = await cli(['snapshot', '--all', '--sandbox', '--output', ''], dir, { env: { LC_ALL: 'fr_FR.UTF-8' } });
    expect(snapshot.code).toBe(2);
    expect(snapshot.stdout).toBe('');
    expect(snapshot.stderr).toContain('--output est vide.');
  });
});

describe('sandbox', () => {
  let fixtures: string;
  beforeAll(() => {
    fixtures = folder();
    for (const f of readdirSync(join(ROOT, 'fixtures/shops')).filter((f) => f.startsWith('demo-'))) copyFileSync(join(ROOT, 'fixtures/shops', f), join(fixtures, f));
  });

  it('a fixture that is not JSON is an invalid fixture, without quoting it', async () => {
    const text = readFileSync(join(fixtures, 'demo-stripe.json'), 'utf8');
    // Broken right after a secret: V8 would quote the text around the error.
    const broken = text.replace(/("sk_test_[A-Za-z0-9]+")/, '$1 oops');
    expect(broken).not.toBe(text);
    writeFileSync(join(fixtures, 'broken-shop.json'), readFileSync(join(fixtures, 'demo-shop.json')));
    writeFileSync(join(fixtures, 'broken-stripe.json'), broken);
    const result = await cli(['diagnose', '--all', '--sandbox', 'broken-shop.json'], fixtures);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^checkout-doctor: Invalid sandbox fixture: .*broken-stripe\.json is not valid JSON: .*\(line \d+, column \d+\)$/m);
    expect(result.stderr).toContain('Fix that file');
  });

  it('a fixture of the wrong shape is an invalid fixture listing what is wrong', async () => {
    const shop = JSON.parse(readFileSync(join(fixtures, 'demo-shop.json'), 'utf8'));
    delete shop.shop;
    writeFileSync(join(fixtures, 'shapeless-shop.json'), JSON.stringify(shop));
    const result = await cli(['sandbox', 'shapeless-shop.json'], fixtures, { env: { LANG: 'fr_FR.UTF-8' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Jeu de données du bac à sable invalide\u00a0: .*shapeless-shop\.json n’est pas un jeu de données de boutique valide\u00a0:/);
    expect(result.stderr).toMatch(/^\s+shop\u00a0: «\u00a0Invalid input/m);
  });

  it('a port in use says so and what to do', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = await cli(['sandbox', '--port', String(port)], fixtures);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} is already in use on 127.0.0.1: the sandbox cannot listen on it.`);
      expect(result.stderr).toContain('Give another --port, or none for a free port.');
    } finally {
      busy.close();
    }
  });
});

describe('a webservice page too large', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startFixtureSet(resolveFixtureSet('demo'));
  });
  afterAll(async () => {
    await running?.close();
  });

  it('a server that ignores `limit` and sends 150,000 categories in one page is read, not a stack overflow', async () => {
    // More rows than a spread call takes as arguments (about 130,000 on Node 20), in a body under
    // the 8 MiB cap on an answer (bigger pages are a clear `too-large` error: limits.test.ts).
    const rows = Array.from({ length: 150_000 }, (_, i) => ({ id: i + 1, active: '1', name: `c${i + 1}` }));
    running.prestashop.faults.add({ path: '/api/categories', respond: { kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify({ categories: rows }) } });
    const dir = folder({ 'shop.json': JSON.stringify(running.config) });
    const result = await spawnCli(['diagnose', 'Étoile Sportive de Fréjus', '--config', 'shop.json', '--format', 'json', '--only', 'category-club-access'], dir);
    expectNoSecret({ stdout: result.stdout, stderr: result.stderr }, SECRETS);
    expect(result.stderr).not.toMatch(/internal error|Maximum call stack/i);
    expect([0, 1]).toContain(result.code);
    const report = JSON.parse(result.stdout);
    const check = report.clubs[0].results.find((r: { id: string }) => r.id === 'category-club-access');
    expect(check.message).not.toMatch(/call stack/i);
    expect(check.status).not.toBe('error');
    // The whole list came in one page: it was not asked for again and again.
    expect(running.prestashop.requests.filter((r) => r.path === '/api/categories').length).toBe(1);
  }, 180_000);
});
