// `checkout-doctor init` on a real pseudo-terminal (tmux), the built CLI against the sandbox's
// emulators started here: a key lacking permissions is told exactly which, a wrong key is refused
// and the right one accepted, the clubs are confirmed, and the configuration written holds env:
// references only (SPREAD's coupon address too, noted and never called); a diagnosis then runs with it. The clear-secret choice gives a 0600 file; Ctrl-C
// at a prompt writes nothing (130); an existing configuration is not replaced without a yes; no
// terminal (or CI) means no prompt: the commented example, exit 2. No secret ever reaches the
// screen or the file unless the person chose so.

import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { expectGoodFrench } from '../support/french-scan.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, fixtureSecrets, runCli, type JsonReport } from './run-cli.js';

const WRONG_KEY = 'WRONGKEYWRONGKEYWRONGKEYWRONG000';
const SENDCLOUD_ONLY_KEY = 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003';
const FREJUS = 'Étoile Sportive de Fréjus';
const COUPON_TOKEN = 'spread-token-5f3a9c1e7b';

let running: RunningSandbox;
let shopUrl: string;
let key: string;
let secrets: string[];
let COUPON_URL: string;
const terminals: Terminal[] = [];

beforeAll(async () => {
  requireTmux();
  running = await startFixtureSet(resolveFixtureSet('demo'));
  shopUrl = running.config.prestashop!.url;
  key = running.config.prestashop!.webserviceKey!;
  secrets = [...new Set([...fixtureSecrets(), key, WRONG_KEY, SENDCLOUD_ONLY_KEY, COUPON_TOKEN])];
  COUPON_URL = `${running.coupons.endpoint}?token=${COUPON_TOKEN}`;
}, 60_000);

afterAll(async () => {
  for (const t of terminals.splice(0)) t.close();
  await running?.close();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-init-'));
  // The project root for configuration discovery: nothing above it is read.
  writeFileSync(join(dir, 'package.json'), '{}');
  return dir;
}

/** `init` (with `args`) run in `dir` on a terminal; the exit code is printed after it as EXIT=n. */
function startInit(dir: string, args: string[], env: Record<string, string> = {}): Terminal {
  const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
  const command = `cd '${dir}' && env ${vars} '${process.execPath}' '${BIN}' init ${args.map((a) => `'${a}'`).join(' ')}`;
  const terminal = new Terminal(command);
  terminals.push(terminal);
  return terminal;
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of secrets) expect(text, `${where} shows a secret`).not.toContain(secret.trim());
}

// Every session has its own terminal and folder, and init only reads the shop: the sessions run
// side by side (concurrent), as each mostly waits on its CLI; the terminals are closed after the file.
describe.concurrent('init on a terminal', () => {
  it('French: missing permissions named, wrong key refused, right key accepted, clubs confirmed, env: references written; diagnose works with them', async () => {
    const dir = folder();
    const term = startInit(dir, [], { LANG: 'fr_FR.UTF-8' });
    const sendcloud = running.config.sendcloud!;
    const frejus = running.config.clubs!.find((c) => c.name === FREJUS)!.stripe!;

    await term.waitFor('Adresse de la boutique');
    term.answer(shopUrl);
    // A key that works but lacks most resources: each one is named.
    await term.waitFor('Clé webservice de la boutique');
    term.answer(SENDCLOUD_ONLY_KEY);
    const missing = await term.waitFor(/il lui manque le droit «\u00a0Voir \(GET\)\u00a0» sur 9\u00a0ressources\u00a0:([\s\S]*?)Que faire/);
    const named = [...missing[1]!.matchAll(/^\s+- ([a-z_]+)\u00a0:/gm)].map((m) => m[1]);
    expect(named).toEqual(['configurations', 'groups', 'categories', 'customers', 'cart_rules', 'order_cart_rules', 'currencies', 'countries', 'states']);
    term.press('Down', 'Enter'); // « Saisir une autre clé »
    // A key the shop does not know.
    await term.waitFor('Clé webservice de la boutique');
    term.answer(WRONG_KEY);
    await term.waitFor('La boutique refuse cette clé : elle n’existe pas ou n’est pas activée.'.replace(' :', '\u00a0:'));
    await term.waitFor('Clé webservice de la boutique');
    term.answer(key);
    await term.waitFor('Boutique jointe\u00a0: « Boutique des Clubs »'.replace('« ', '«\u00a0').replace(' »', '\u00a0»'));

    await term.waitFor('accès en lecture seule à la base de données');
    term.press('Enter'); // Non (default)
    await term.waitFor('expédie-t-elle avec Sendcloud');
    term.press('Up', 'Enter'); // Oui
    await term.waitFor('Adresse de l’API Sendcloud');
    term.answer(sendcloud.apiBase!);
    await term.waitFor('Clé publique de l’intégration');
    term.answer(sendcloud.publicKey!);
    await term.waitFor('Clé secrète de la même intégration');
    term.answer(sendcloud.secretKey!);
    await term.waitFor('Clés Sendcloud acceptées.');

    // SPREAD's coupon address is noted, never tried (the test would create a coupon): no request.
    await term.waitFor('coupons dynamiques de SPREAD');
    term.press('Up', 'Enter'); // Oui
    await term.waitFor('Adresse que SPREAD appelle');
    term.answer('spread/coupons'); // not an address: refused, asked again
    await term.waitFor('Une adresse complète est attendue');
    term.press('C-u');
    term.answer(COUPON_URL);
    await term.waitFor('Solution e-commerce choisie dans SPREAD');
    term.press('Enter'); // PrestaShop (default)
    await term.waitFor('Adresse notée, sans essai');

    // Five clubs found, all ticked: the last one is unticked, the others confirmed.
    // The question mark as frenchSpaces sets it everywhere else (U+202F), not init's former U+00A0.
    await term.waitFor('5\u00a0clubs. Lesquels diagnostiquer\u202f?');
    await term.waitFor('Cercle Nautique Hyérois');
    term.press('Down', 'Down', 'Down', 'Down', 'Space', 'Enter');
    await term.waitFor('Adresse de l’API Stripe');
    term.answer(running.config.stripe!.apiBase!);
    await term.waitFor(`Clé publiable Stripe du club «\u00a0${FREJUS}\u00a0»`);
    term.answer(frejus.publishableKey!);
    await term.waitFor(`Clé secrète Stripe du club «\u00a0${FREJUS}\u00a0»`);
    term.answer(frejus.secretKey!);
    await term.waitFor(`Clés Stripe du club «\u00a0${FREJUS}\u00a0» acceptées par Stripe.`);
    for (const club of ['AS Saint-Étienne', 'Racing Club Sévigné', 'Olympique Noisy-le-Sec']) {
      await term.waitFor(`Clé publiable Stripe du club «\u00a0${club}\u00a0»`);
      term.press('Enter'); // no keys: the shop's Stripe module keys
    }
    await term.waitFor('Où garder les clés et mots de passe');
    term.press('Enter'); // environment variables (default)
    await term.waitFor('Afficher les valeurs des clés');
    term.press('Enter'); // Non (default)
    await term.waitFor('EXIT=0');

    const screen = term.history();
    expect(screen).toContain("export PS_WEBSERVICE_KEY='<clé webservice>'");
    // What the club admin reads is good French (the export lines to copy aside: shell, not prose).
    const start = screen.indexOf('Configuration de checkout-doctor');
    expect(start).toBeGreaterThan(-1);
    expectGoodFrench(screen.slice(start).replace(/^ *export .*$/gm, ''), 'init');
    expect(screen).toContain("export ETOILE_SPORTIVE_DE_FREJUS_SK='<clé secrète Stripe (Étoile Sportive de Fréjus)>'");
    expectNoSecret(screen, 'the terminal');

    const file = join(dir, '.checkout-doctorrc.json');
    const text = readFileSync(file, 'utf8');
    expectNoSecret(text, 'the configuration');
    const config = JSON.parse(text) as { prestashop: Record<string, unknown>; sendcloud: Record<string, unknown>; dynamicCoupons: unknown; clubs: Array<{ name: string; group: number; stripe?: unknown }> };
    // The address carries a token: an env: reference, like every secret.
    expect(config.dynamicCoupons).toEqual({ url: 'env:SPREAD_COUPON_URL', platform: 'prestashop' });
    expect(screen).toContain("export SPREAD_COUPON_URL='<adresse des coupons dynamiques SPREAD>'");
    expect(running.coupons.calls).toEqual([]);
    expect(config.prestashop).toEqual({ url: shopUrl, webserviceKey: 'env:PS_WEBSERVICE_KEY' });
    expect(config.sendcloud).toEqual({ apiBase: sendcloud.apiBase, publicKey: 'env:SC_PUBLIC', secretKey: 'env:SC_SECRET' });
    expect(config.clubs.map((c) => [c.name, c.group])).toEqual([
      [FREJUS, 4],
      ['AS Saint-Étienne', 5],
      ['Racing Club Sévigné', 6],
      ['Olympique Noisy-le-Sec', 7],
    ]);
    expect(config.clubs[0]!.stripe).toEqual({ publishableKey: 'env:ETOILE_SPORTIVE_DE_FREJUS_PK', secretKey: 'env:ETOILE_SPORTIVE_DE_FREJUS_SK' });

    // The written file, with the variables the export lines name, diagnoses the healthy club.
    const env = {
      PS_WEBSERVICE_KEY: key,
      SC_PUBLIC: sendcloud.publicKey!,
      SC_SECRET: sendcloud.secretKey!,
      ETOILE_SPORTIVE_DE_FREJUS_PK: frejus.publishableKey!,
      ETOILE_SPORTIVE_DE_FREJUS_SK: frejus.secretKey!,
      SPREAD_COUPON_URL: COUPON_URL,
    };
    const result = await runCli(['diagnose', FREJUS, '--config', file, '--format', 'json'], { cwd: dir, env, secrets });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    const byId = Object.fromEntries(report.clubs[0]!.results.map((r) => [r.id, r.status]));
    expect(byId['stripe-keys-live']).toBe('pass');
    expect(byId['sendcloud-account-setup']).toBe('pass');
    expect(byId['shop-online']).toBe('pass');
    // Webservice only (no database was given): what it cannot see is left to a person.
    expect(byId['category-club-access']).toBe('manual');
    expect(result.code).toBe(0);
  }, 240_000);

  it('English (--lang en): the values chosen in clear are written in a file only its owner can read', async () => {
    const dir = folder();
    const term = startInit(dir, ['--lang', 'en'], { LANG: 'fr_FR.UTF-8' });
    await term.waitFor('Shop address');
    term.answer(shopUrl);
    await term.waitFor('The shop’s webservice key');
    term.answer(key);
    await term.waitFor('Shop reached: "Boutique des Clubs" (PrestaShop 8.1.2), key accepted.');
    await term.waitFor('Do you have read-only access');
    term.press('Enter');
    await term.waitFor('Does the shop ship with Sendcloud');
    term.press('Enter');
    await term.waitFor('SPREAD’s dynamic coupons');
    term.press('Enter'); // No (default)
    await term.waitFor('5 clubs. Which ones to diagnose?');
    term.press('Enter');
    await term.waitFor('Stripe API address');
    term.press('Enter'); // the default: no Stripe key typed afterwards, so nothing is asked of it
    for (let i = 0; i < 5; i++) {
      await term.waitFor('Stripe publishable key of');
      term.press('Enter');
    }
    await term.waitFor('Where to keep the keys and passwords?');
    term.press('Down', 'Enter');
    await term.waitFor('EXIT=0');
    const screen = term.history();
    expect(screen).toContain('The keys are in it in clear: only you can read this file.');
    expectNoSecret(screen, 'the terminal');
    const file = join(dir, '.checkout-doctorrc.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).prestashop.webserviceKey).toBe(key);
  }, 180_000);

  it('the key values in the export lines only when asked, once, on the terminal; never in the file', async () => {
    const dir = folder();
    const term = startInit(dir, ['--lang', 'en']);
    await term.waitFor('Shop address');
    term.answer(shopUrl);
    await term.waitFor('The shop’s webservice key');
    term.answer(key);
    await term.waitFor('Do you have read-only access');
    term.press('Enter');
    await term.waitFor('Does the shop ship with Sendcloud');
    term.press('Enter');
    await term.waitFor('SPREAD’s dynamic coupons');
    term.press('Enter'); // No (default)
    await term.waitFor('Which ones to diagnose?');
    term.press('Enter');
    await term.waitFor('Stripe API address');
    term.press('Enter');
    for (let i = 0; i < 5; i++) {
      await term.waitFor('Stripe publishable key of');
      term.press('Enter');
    }
    await term.waitFor('Where to keep the keys and passwords?');
    term.press('Enter');
    await term.waitFor('Show the key values in the lines to copy?');
    term.press('Up', 'Enter'); // Yes
    await term.waitFor('EXIT=0');
    const screen = term.history();
    expect(screen.split(key).length - 1).toBe(1);
    expect(screen).toContain(`export PS_WEBSERVICE_KEY='${key}'`);
    expect(readFileSync(join(dir, '.checkout-doctorrc.json'), 'utf8')).not.toContain(key);
  }, 180_000);

  it('Ctrl-C at a prompt: exit 130, nothing written', async () => {
    const dir = folder();
    const term = startInit(dir, [], { LANG: 'fr_FR.UTF-8' });
    await term.waitFor('Adresse de la boutique');
    term.answer(shopUrl);
    await term.waitFor('Clé webservice de la boutique');
    term.type(key.slice(0, 10));
    term.press('C-c');
    await term.waitFor('EXIT=130');
    expect(term.history()).toContain('Abandon\u00a0: rien n’a été écrit.');
    expectNoSecret(term.history(), 'the terminal');
    expect(existsSync(join(dir, '.checkout-doctorrc.json'))).toBe(false);
  }, 120_000);

  it('Ctrl-C at a later prompt, in English (the key already accepted): exit 130, nothing written', async () => {
    const dir = folder();
    const term = startInit(dir, ['--lang', 'en']);
    await term.waitFor('Shop address');
    term.answer(shopUrl);
    await term.waitFor('The shop’s webservice key');
    term.answer(key);
    await term.waitFor('Do you have read-only access');
    term.press('C-c');
    expect(await term.exitCode()).toBe(130);
    expect(term.history()).toMatch(/nothing was written/i);
    expectNoSecret(term.history(), 'the terminal');
    expect(readdirSync(dir)).toEqual(['package.json']);
  }, 120_000);

  it('an existing configuration is kept unless the person says yes', async () => {
    const dir = folder();
    const file = join(dir, '.checkout-doctorrc.json');
    writeFileSync(file, '{"prestashop":{"url":"https://mine.example.fr"}}\n');
    const term = startInit(dir, ['--lang', 'en']);
    await term.waitFor('A configuration already exists: .checkout-doctorrc.json. Replace it?');
    term.press('Enter'); // No (default)
    await term.waitFor('EXIT=0');
    expect(term.history()).toContain('Nothing was written: .checkout-doctorrc.json is unchanged.');
    expect(readFileSync(file, 'utf8')).toBe('{"prestashop":{"url":"https://mine.example.fr"}}\n');
  }, 120_000);

  it('CI set: no prompt even on a terminal, the example instead, exit 2', async () => {
    const dir = folder();
    const term = startInit(dir, ['--lang', 'en'], { CI: 'true' });
    await term.waitFor('EXIT=2');
    expect(term.history()).toContain('checkout-doctor init asks its questions on a terminal and has none here');
    expect(existsSync(join(dir, 'checkout-doctor.example.yaml'))).toBe(true);
    expect(existsSync(join(dir, '.checkout-doctorrc.json'))).toBe(false);
  }, 120_000);
});

describe('init without a terminal', () => {
  it('writes the commented example, says in one sentence what to do, exits 2; a second run keeps the example', async () => {
    const dir = folder();
    const first = await runCli(['init'], { cwd: dir, env: { LANG: 'fr_FR.UTF-8' } });
    expect(first.code).toBe(2);
    expect(first.stdout).toBe('');
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).toContain('un exemple commenté a été écrit dans checkout-doctor.example.yaml');
    expect(first.stderr).toContain('renommez-le .checkout-doctorrc.yaml');
    // French spacing of frenchSpaces: U+00A0 before the colon, U+202F before the semicolon.
    expect(first.stderr).toContain('n’en a pas ici\u00a0: un exemple commenté');
    expect(first.stderr).toContain('checkout-doctor.example.yaml\u202f; remplissez-le');
    const example = join(dir, 'checkout-doctor.example.yaml');
    expect(readFileSync(example, 'utf8')).toMatch(/^# Exemple de configuration de checkout-doctor/);
    writeFileSync(example, '# mine\n');
    const second = await runCli(['init', '--lang', 'en'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('the commented example checkout-doctor.example.yaml already exists (left as it is)');
    expect(second.stderr).toContain('already exists (left as it is); fill it in');
    expect(second.stderr).not.toMatch(/[\u00a0\u202f]/);
    expect(readFileSync(example, 'utf8')).toBe('# mine\n');
    // The example is never taken for a configuration: a diagnosis still finds none.
    expect(existsSync(join(dir, '.checkout-doctorrc.json'))).toBe(false);
  });
});
