// Issue 10, items 1 and 3, through the built CLI on a real pseudo-terminal (tmux) against the
// sandbox: `diagnose -i --sandbox` from the club choice (part of the name, then Enter) to the saved
// markdown report, in French and in English, with a manual question answered; Enter everywhere
// else takes the defaults, and the session ends with the exit code `diagnose` gives. Ctrl-C at a
// prompt exits 130 with nothing written; without a terminal, or with CI set, the guided mode
// refuses with one sentence and exit 2; `checkout-doctor` alone on a terminal is the guided mode.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { expectGoodFrench } from '../support/french-scan.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, fixtureSecrets, runCli } from './run-cli.js';

const node = `'${process.execPath}' '${BIN}'`;
const SECRETS = fixtureSecrets();
const terminals: Terminal[] = [];

function terminal(dir: string, args: string, env: Record<string, string> = {}): Terminal {
  const t = new Terminal(`cd '${dir}' && ${node} ${args}`, { env });
  terminals.push(t);
  return t;
}

afterAll(() => {
  for (const t of terminals) t.close();
});

/** What a club admin reads: good French (test/support/french-scan.ts), no configuration key, HTTP code or code point. */
function expectAdminFrench(text: string, where: string): void {
  expectGoodFrench(text, where);
  expect(text, `${where}: a configuration key`).not.toMatch(/\b(?:prestashop|sendcloud|stripe|clubs(?:\[\])?|dynamicCoupons|checks)\.[a-z]/i);
  expect(text, `${where}: an HTTP code`).not.toMatch(/\bHTTP \d{3}\b/);
  expect(text, `${where}: a code point`).not.toMatch(/U\+[0-9A-F]{4}/);
}

function noSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('guided mode on a terminal (tmux), against the sandbox', () => {
  beforeAll(() => requireTmux());

  it('in French: "sévi" + Enter chooses Racing Club Sévigné, problems walked, a manual item answered "no", the markdown report saved; exit 1 like diagnose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-fr-'));
    const t = terminal(dir, 'diagnose -i --sandbox', { LANG: 'fr_FR.UTF-8' });
    await t.waitFor(/Quel club[\u00a0\u202f]\? Tapez une partie de son nom/);
    t.send('sevi', 'Enter');
    // Every screen the club admin sees, one per question, for the proofreading below.
    const screens: string[] = [];
    const code = await t.answerUntilExit([
      // The category's group access cannot be read through the webservice: the person says it is not ticked.
      { prompt: /le groupe «\u00a0Racing Club Sévigné\u00a0» est-il coché/, keys: ['Down', 'Down', 'Enter'] },
      // The relay-point map does not show either: the FAQ's points no API can see are asked too.
      { prompt: /La carte des points relais ne s’affiche pas au moment de commander/, keys: ['Down', 'Enter'] },
      { prompt: /Le client utilise-t-il la dernière version de son navigateur/, keys: ['Down', 'Enter'] },
    ], 180_000, (_, shown) => screens.push(shown));
    const screen = t.history();
    noSecret(screen);
    // Audience admin: what the club admin reads is French, without configuration key, HTTP code or
    // code point, on every screen of the session (the command line typed aside).
    expect(screens.length).toBeGreaterThan(10);
    const start = screen.indexOf('checkout-doctor — diagnostic guidé');
    expect(start).toBeGreaterThan(-1);
    expectAdminFrench(screen.slice(start), 'the guided session');
    expect(screen).toMatch(/✔ Quel club[\u00a0\u202f]\? Tapez une partie de son nom Racing Club Sévigné/);
    // Live progress per source, then a line per club.
    expect(screen).toMatch(/«\u00a0Racing Club Sévigné\u00a0»\u00a0: tout est lu\./);
    // Problems first, in plain words, the steps one at a time.
    expect(screen).toMatch(/3\u00a0problèmes trouvés pour «\u00a0Racing Club Sévigné\u00a0»/);
    expect(screen).toMatch(/Problème 1 sur 3 — Clés Stripe du club présentes et bien formées/);
    expect(screen).toMatch(/Étape 1 sur 4\u00a0: /);
    expect(screen).not.toMatch(/U\+000A|clubs\[\]\.stripe|HTTP \d{3}/);
    // Then what no source can read.
    expect(screen).toMatch(/6\u00a0points ne peuvent pas être lus automatiquement/);
    expect(screen).toMatch(/Le thème de la boutique est-il le thème d’origine/);
    expect(screen).toMatch(/Enregistré\u00a0: rapport-racing-club-sevigne\.md/);
    expect(code).toBe(1);

    // The saved report: the answered item is a failure a person stated; the rest as diagnose says.
    expect(readdirSync(dir)).toEqual(['rapport-racing-club-sevigne.md']);
    const md = readFileSync(join(dir, 'rapport-racing-club-sevigne.md'), 'utf8');
    noSecret(md);
    expect(md).toContain('## Racing Club Sévigné');
    expect(md).toMatch(/### ✗ ÉCHEC — Catégorie du club accessible au groupe du club/);
    expect(md).toMatch(/- \*\*Source\u00a0:\*\* .*bac à sable|- \*\*Source\u00a0:\*\* .*sandbox/);
    expect(md).toMatch(/Vérifié par une personne\u00a0: «\u00a0Dans «\u00a0Accès des groupes\u00a0» de la catégorie du club, le groupe «\u00a0Racing Club Sévigné\u00a0» est-il coché[\u00a0\u202f]\?\u00a0» — non\./);
    expect(md).toMatch(/### ✗ ÉCHEC — Clés Stripe du club présentes et bien formées/);
    expect(md).toMatch(/### ✓ OK — Navigateur du client à jour/);
    expect(md).toMatch(/### \? À VÉRIFIER — Aucun script personnalisé sur la page de commande/);
    // Unanswered manual items stay to be verified.
    expect(md).toMatch(/### \? À VÉRIFIER — Coupons dynamiques SPREAD/);
  }, 240_000);

  it('offers the safe fixes one by one (default no): "yes" fixes the customer, verified, with an undo file; Enter changes nothing', async () => {
    // Paul Martin is not in the Fréjus group: the customer fix is offered.
    const customer = 'paul.martin@example.fr';
    const declined = mkdtempSync(join(tmpdir(), 'cd-guided-nofix-'));
    const t1 = terminal(declined, 'diagnose -i --sandbox --lang en --only customer-club-membership,customer-account-status');
    await t1.waitFor(/Which club\? Type part of its name/);
    t1.send('frej', 'Enter');
    const code1 = await t1.answerUntilExit([{ prompt: /A customer cannot pay\?/, keys: [customer, 'Enter'] }]);
    expect(t1.history()).toMatch(/Apply this fix to the shop\?/);
    expect(t1.history()).toMatch(/No fix applied: the shop was not changed\./);
    expect(existsSync(join(declined, '.checkout-doctor'))).toBe(false);
    expect(code1).toBe(1);

    const accepted = mkdtempSync(join(tmpdir(), 'cd-guided-fix-'));
    const t2 = terminal(accepted, 'diagnose -i --sandbox --lang en --only customer-club-membership,customer-account-status');
    await t2.waitFor(/Which club\? Type part of its name/);
    t2.send('frej', 'Enter');
    const code2 = await t2.answerUntilExit([
      { prompt: /A customer cannot pay\?/, keys: [customer, 'Enter'] },
      { prompt: /Apply this fix to the shop\?/, keys: ['Down', 'Enter'] },
    ]);
    const screen = t2.history();
    noSecret(screen);
    expect(screen).toMatch(/APPLIED.*customer-club-membership \(FAIL → PASS\)/);
    expect(readdirSync(join(accepted, '.checkout-doctor', 'backups')).length).toBe(1);
    // The sandbox lives as long as the session: the fix is verified there, and the report shows the club after it.
    expect(code2).toBe(0);
  }, 240_000);

  it('in English (--lang en): "frej" + Enter, a manual item answered "yes", the report saved, exit 0 like diagnose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-en-'));
    const t = terminal(dir, 'diagnose --interactive --sandbox --lang en', { LANG: 'fr_FR.UTF-8' });
    await t.waitFor(/Which club\? Type part of its name/);
    t.send('frej', 'Enter');
    const code = await t.answerUntilExit([{ prompt: /Does the Sendcloud relay-point carrier serve every zone/, keys: ['Down', 'Enter'] }]);
    const screen = t.history();
    noSecret(screen);
    expect(screen).toMatch(/✔ Which club\? Type part of its name Étoile Sportive de Fréjus/);
    expect(screen).toMatch(/No problem found for "Étoile Sportive de Fréjus"/);
    expect(screen).toMatch(/3 points cannot be read automatically/);
    expect(screen).toMatch(/Saved: report-etoile-sportive-de-frejus\.md/);
    expect(code).toBe(0);
    expect((await runCli(['diagnose', 'Fréjus', '--sandbox'])).code).toBe(0);

    const md = readFileSync(join(dir, 'report-etoile-sportive-de-frejus.md'), 'utf8');
    expect(md).toMatch(/### ✓ PASS — Sendcloud relay-point carrier on every zone/);
    expect(md).toContain('Checked by a person: "Does the Sendcloud relay-point carrier serve every zone your customers get deliveries in?" — yes.');
    // "I don't know", the default, leaves the others to verify by hand.
    expect(md).toMatch(/### \? MANUAL — Club category open to the club's group/);
  }, 240_000);

  it('stderr not a terminal: the progress is one plain line per step (a part read, the club done), in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-plain-'));
    const log = join(mkdtempSync(join(tmpdir(), 'cd-guided-plain-log-')), 'progress.log');
    const t = terminal(dir, `diagnose -i --sandbox --lang en 2> '${log}'`);
    await t.waitFor(/Which club\? Type part of its name/);
    t.send('noisy', 'Enter');
    expect(await t.answerUntilExit()).toBe(1);
    const lines = readFileSync(log, 'utf8');
    expect(lines).toMatch(/^PrestaShop · prestashop\.groups: read$/m);
    expect(lines).toMatch(/^Stripe · club\.stripeAccount \(Olympique Noisy-le-Sec\): read$/m);
    expect(lines).toMatch(/^Olympique Noisy-le-Sec: all its parts are known$/m);
    // No spinner frame in a file.
    expect(lines).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(t.history()).toMatch(/Problem 1 of 2 — Club category open to the club's group/);
  }, 240_000);

  it('Ctrl-C at a prompt: exit 130, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-ctrl-c-'));
    const t = terminal(dir, 'diagnose -i --sandbox --lang en');
    await t.waitFor(/Which club\? Type part of its name/);
    t.send('racing', 'Enter');
    await t.waitFor(/\? A customer cannot pay\? Their e-mail address/);
    t.send('C-c');
    const [, code] = await t.waitFor(/EXIT=(\d+)/);
    expect(code).toBe('130');
    expect(t.history()).toContain('Interrupted: nothing was written.');
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});

describe('Ctrl-C late in a French session', () => {
  it('at a manual question, after the checks ran: exit 130, « rien n’a été écrit », no report saved', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-ctrl-c-fr-'));
    const t = terminal(dir, 'diagnose -i --sandbox', { LANG: 'fr_FR.UTF-8' });
    await t.waitFor(/Quel club[\u00a0\u202f]\? Tapez une partie de son nom/);
    t.send('noisy', 'Enter');
    // Enter through the questions and the problems, until the first point to check by hand.
    await t.answerUntilSeen(/À vérifier 1 sur \d+ — [\s\S]*\n\? /);
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.history()).toContain('Interrompu\u00a0: rien n’a été écrit.');
    expect(t.history()).not.toMatch(/Enregistré\u00a0:/);
    expect(readdirSync(dir)).toEqual([]);
  }, 180_000);
});

describe('checkout-doctor alone', () => {
  let running: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    running = await startFixtureSet(resolveFixtureSet('demo'));
    dir = mkdtempSync(join(tmpdir(), 'cd-guided-alone-'));
    // The configuration a user keeps in the shop's folder, discovered from the current folder.
    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(running.config));
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });

  it('on a terminal: the guided mode on the configured shop (Ctrl-C at the club prompt: 130, nothing written)', async () => {
    requireTmux();
    const t = terminal(dir, '', { LANG: 'en_US.UTF-8' });
    await t.waitFor(/Which club\? Type part of its name/);
    expect(t.screen()).toContain('Racing Club Sévigné');
    t.send('C-c');
    const [, code] = await t.waitFor(/EXIT=(\d+)/);
    expect(code).toBe('130');
    expect(readdirSync(dir)).toEqual(['.checkout-doctorrc.json']);
  }, 120_000);

  it('Ctrl-C while the checks gather (Stripe never answers): exit 130, nothing walked, nothing written', async () => {
    requireTmux();
    running.stripe!.faults.add({ path: '/v1/*', respond: { kind: 'hang' } });
    try {
      const t = terminal(dir, 'diagnose -i --lang en', { LANG: 'en_US.UTF-8' });
      await t.waitFor(/Which club\? Type part of its name/);
      t.send('frejus', 'Enter');
      // Enter through the questions until the spinner waits on Stripe.
      await t.answerUntilSeen(/Stripe 0\/2/);
      t.send('C-c');
      const [, code] = await t.waitFor(/EXIT=(\d+)/);
      expect(code).toBe('130');
      expect(t.history()).toContain('Interrupted: nothing was written.');
      expect(t.history()).not.toMatch(/Problem 1 of|everything is read/);
      expect(readdirSync(dir)).toEqual(['.checkout-doctorrc.json']);
    } finally {
      running.stripe!.faults.clear();
      running.stripe!.faults.releaseHung();
    }
  }, 120_000);

  it('a live session reads the club list once (the diagnosis reuses it), and Enter everywhere after the club writes nothing', async () => {
    requireTmux();
    const logs = [running.prestashop.requests, running.stripe!.requests(), running.sendcloud!.requests(), running.coupons.requests];
    running.prestashop.requests.length = 0;
    running.coupons.requests.length = 0;
    running.stripe!.clearLog();
    running.sendcloud!.clearLog();
    const t = terminal(dir, 'diagnose -i --lang en --customer paul.martin@example.fr', { LANG: 'en_US.UTF-8' });
    await t.waitFor(/Which club\? Type part of its name/);
    t.send('frej', 'Enter');
    // Enter on every prompt: the fix offered for Paul Martin included (default no).
    const code = await t.answerUntilExit();
    expect(t.history()).toMatch(/Apply this fix to the shop\?/);
    expect(t.history()).toMatch(/No fix applied: the shop was not changed\./);
    expect(code).toBe(1);
    // Each webservice request once: the club list's reads (configurations, groups, categories)
    // were not asked again for the diagnosis.
    const asked = running.prestashop.requests.filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    const twice = asked.filter((request, i) => asked.indexOf(request) !== i);
    expect(twice).toEqual([]);
    expect(asked.filter((r) => /^GET \/api\/groups\b/.test(r))).toHaveLength(1);
    expect(asked.filter((r) => /^GET \/api\/categories\b/.test(r))).toHaveLength(1);
    // No write reached the shop or any upstream: only reads.
    const writes = [...running.prestashop.requests, ...running.stripe!.requests(), ...running.sendcloud!.requests(), ...running.coupons.requests].filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes).toEqual([]);
    expect(logs[0]!.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['.checkout-doctorrc.json', 'report-etoile-sportive-de-frejus.md']);
    rmSync(join(dir, 'report-etoile-sportive-de-frejus.md'));
  }, 240_000);

  it('without a terminal: the usage, as before (exit 2)', async () => {
    const r = await runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: checkout-doctor');
  });
});

describe('no shop configured', () => {
  it('on a terminal, in French: what to do, in French, exit 2, nothing written', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-noshop-'));
    writeFileSync(join(dir, 'package.json'), '{}');
    const t = terminal(dir, 'diagnose -i', { LANG: 'fr_FR.UTF-8' });
    expect(await t.exitCode()).toBe(2);
    const screen = t.history();
    expect(screen).toContain('Rien à diagnostiquer\u00a0: aucune boutique n’est configurée dans ce dossier.');
    expect(screen).toContain('Lancez checkout-doctor init pour configurer la boutique');
    expectGoodFrench(screen.slice(screen.indexOf('Rien à diagnostiquer')).replace(/EXIT=\d+/, ''), 'no shop');
    expect(readdirSync(dir)).toEqual(['package.json']);
  }, 60_000);
});

describe('never a prompt without a terminal', () => {
  it('diagnose -i with stdin and stdout not terminals: one sentence, exit 2, in French and in English', async () => {
    const en = await runCli(['diagnose', '-i', '--sandbox']);
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toContain('The guided mode asks questions: it needs a terminal');
    const fr = await runCli(['diagnose', '--interactive', '--sandbox'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('Le mode guidé pose des questions\u00a0: il lui faut un terminal');
  });

  it('on a terminal but with CI set: refuses too (exit 2), before reading anything', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-ci-'));
    const t = terminal(dir, 'diagnose -i --sandbox', { CI: 'true', LANG: 'en_US.UTF-8' });
    const [, code] = await t.waitFor(/EXIT=(\d+)/);
    expect(code).toBe('2');
    expect(t.history()).toContain('The guided mode asks questions: it needs a terminal, and does not start in continuous integration.');
    expect(t.history()).not.toContain('Which club?');
    expect(existsSync(join(dir, 'report-racing-club-sevigne.md'))).toBe(false);
  }, 60_000);
});
