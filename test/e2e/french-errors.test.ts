// Issue 10 item 4 on the error paths: every way a run can stop before a report (a configuration of
// each kind of wrong, a bad flag value, an unknown club, an unreadable snapshot, a plugin that does
// not load or brings a bad check, a broken sandbox fixture) says so in French on a French locale and
// with --lang fr, and in English otherwise. The French is read by the French scan (no English
// sentence, no "(s)", no ISO date, French spacing); each case also names what it expects in both
// languages, so that a message that vanished does not pass the scan by saying nothing.
//
// The runs go through the program in this process (run-in-process.ts, the same `main` as the
// binary, proven equal by run-in-process.test.ts): 126 processes cost ≈50 s of CPU. One run per kind
// of path still goes through the built CLI (`binary` below): a locale taken from the environment
// variables, --lang fr, English, a plugin loaded by the bundle, a sandbox fixture, a snapshot, and
// commander's --help exit, so that the launcher, the bundle's packs and the exit code stay covered.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { frenchProblems } from '../support/french-scan.js';
import { DEMO, ROOT, runCli, type CliResult } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

interface ErrorCase {
  name: string;
  args: string[];
  /** Whether the command takes --lang (sandbox and snapshot do not: the locale alone). */
  langFlag?: boolean;
  /** What the French stderr says (after the scan found nothing wrong). */
  fr: RegExp;
  /** What the English stderr says. */
  en: RegExp;
  /** The one run of this case that goes through the built CLI (the others run in-process). */
  binary?: How;
}

type How = 'LANG=fr_FR.UTF-8' | 'LANG=en_US.UTF-8' | '--lang fr';

let dir: string;

function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const SHOP = { prestashop: { url: 'http://127.0.0.1:9/' } };
const CHECK = `{ meta: { id: 'club-colours', category: 'catalogue', severity: 'warn', needs: [], title: { fr: 'Couleurs', en: 'Colours' }, description: { fr: 'x', en: 'x' } }, run: () => ({ status: 'pass', message: { fr: 'ok', en: 'ok' } }) }`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-french-errors-'));
  for (const f of readdirSync(join(ROOT, 'fixtures/shops')).filter((f) => f.startsWith('demo-'))) cpSync(join(ROOT, 'fixtures/shops', f), join(dir, f));
  const shop = JSON.parse(readFileSync(join(dir, 'demo-shop.json'), 'utf8')) as Record<string, unknown>;
  delete shop.shop;
  file('shapeless-shop.json', shop);
  // A Stripe fixture of the wrong shape beside an intact shop.
  mkdirSync(join(dir, 'bad-stripe'));
  cpSync(join(dir, 'demo-shop.json'), join(dir, 'bad-stripe/demo-shop.json'));
  cpSync(join(dir, 'demo-sendcloud.json'), join(dir, 'bad-stripe/demo-sendcloud.json'));
  writeFileSync(join(dir, 'bad-stripe/demo-stripe.json'), JSON.stringify({ accounts: 'none' }));
  mkdirSync(join(dir, 'broken-json'));
  cpSync(join(dir, 'demo-shop.json'), join(dir, 'broken-json/demo-shop.json'));
  writeFileSync(join(dir, 'broken-json/demo-stripe.json'), '{"accounts": [}');
  file('not-a-list.mjs', 'export default 5;');
  file('bad-check.mjs', `export default [{ ...${CHECK}, meta: { ...${CHECK}.meta, id: 'Club_Colours', category: 'misc' } }];`);
  file('dup-check.mjs', `export default [${CHECK}, ${CHECK}];`);
  file('throws.mjs', "throw new Error('the plugin cannot start');");
});

const c = (name: string, body: unknown) => ['--config', file(name, body)];

function cases(): ErrorCase[] {
  const diag = (...more: string[]) => ['diagnose', 'Fréjus', ...more];
  return [
    // --- configuration, one kind of problem each --------------------------------------------
    { name: 'unknown key', binary: 'LANG=fr_FR.UTF-8', args: diag(...c('unknown-key.json', { ...SHOP, colour: 'red', clubs: [{ name: 'A', groupe: 4 }] })), fr: /clubs\[0\]\.groupe\u00a0: clé inconnue\u202f; vouliez-vous dire "group"/, en: /clubs\[0\]\.groupe: unknown key \(did you mean "group"\?\)/ },
    { name: 'wrong type', args: diag(...c('wrong-type.json', { ...SHOP, clubs: [{ name: 'A', group: 'four' }] })), fr: /clubs\[0\]\.group\u00a0: il faut un nombre, pas un texte \("four"\)/, en: /clubs\[0\]\.group: expected a number, got a string \("four"\)/ },
    { name: 'a secret of the wrong type is not quoted', args: diag(...c('secret-type.json', { prestashop: { url: 'http://127.0.0.1:9/', webserviceKey: 12345678 } })), fr: /prestashop\.webserviceKey\u00a0: il faut un texte entre guillemets droits \("…"\), pas un nombre entier$/m, en: /prestashop\.webserviceKey: expected a string, got a whole number$/m },
    { name: 'missing key', args: diag(...c('missing.json', { ...SHOP, clubs: [{ group: 4 }] })), fr: /clubs\[0\]\.name\u00a0: obligatoire et absente\u202f; ajoutez-la/, en: /clubs\[0\]\.name: missing \(expected a string\)/ },
    { name: 'empty string', args: diag(...c('empty.json', { ...SHOP, clubs: [{ name: '' }] })), fr: /clubs\[0\]\.name\u00a0: ne doit pas être vide/, en: /clubs\[0\]\.name: must not be empty/ },
    { name: 'number out of range', args: diag(...c('range.json', { prestashop: { url: 'http://127.0.0.1:9/', database: { host: 'h', user: 'u', database: 'd', port: 70000 } } })), fr: /prestashop\.database\.port\u00a0: doit valoir au plus 65535, pas un nombre entier \(70000\)/, en: /prestashop\.database\.port: must be at most 65535/ },
    { name: 'too small', args: diag(...c('small.json', { prestashop: { url: 'http://127.0.0.1:9/', timeoutMs: 5 } })), fr: /prestashop\.timeoutMs\u00a0: doit valoir au moins 100/, en: /prestashop\.timeoutMs: must be at least 100/ },
    { name: 'not a URL', args: diag(...c('url.json', { prestashop: { url: 'ftp://shop' } })), fr: /prestashop\.url\u00a0: il faut une adresse http:\/\/ ou https:\/\//, en: /prestashop\.url: expected an http\(s\) URL/ },
    { name: 'table prefix', args: diag(...c('prefix.json', { prestashop: { url: 'http://127.0.0.1:9/', database: { host: 'h', user: 'u', database: 'd', prefix: 'ps-' } } })), fr: /prestashop\.database\.prefix\u00a0: seulement des lettres/, en: /prestashop\.database\.prefix: expected letters, digits and underscores/ },
    { name: 'not an object', args: diag(...c('list.json', [1, 2])), fr: /\(root\)\u00a0: il faut un objet entre accolades/, en: /\(root\): expected an object/ },
    { name: 'check setting', args: diag(...c('setting.json', { ...SHOP, checks: { 'shop-online': 'of', 'stripe-account-status': { severity: 'warning' } } })), fr: /checks\.shop-online\u00a0: valeurs possibles\u00a0: "off", "warn", "fail"/, en: /checks\.shop-online: expected "off", "warn", "fail", or an object/ },
    { name: 'unknown check id', args: diag(...c('check-id.json', { ...SHOP, checks: { 'stripe-acount-status': 'warn' } })), fr: /checks\.stripe-acount-status\u00a0: identifiant de contrôle inconnu\u202f; vouliez-vous dire "stripe-account-status"/, en: /unknown check id \(did you mean "stripe-account-status"\?\)/ },
    { name: 'unknown check option', args: diag(...c('check-option.json', { ...SHOP, checks: { 'stripe-account-status': { dormantdays: 3 }, 'sendcloud-integration-health': { staleHours: 'two days' } } })), fr: /option inconnue\u202f; vouliez-vous dire "dormantDays"[\s\S]*staleHours\u00a0: il faut un nombre \(par défaut 48\), pas un texte/, en: /unknown option \(did you mean "dormantDays"\?\)[\s\S]*staleHours: expected a number \(default 48\), got a string/ },
    { name: 'unset environment variable', args: diag(...c('env.json', { prestashop: { url: 'http://127.0.0.1:9/', webserviceKey: 'env:CD_FRENCH_NOT_SET' } })), fr: /la variable d’environnement CD_FRENCH_NOT_SET n’est pas définie[\s\S]*Définissez les variables/, en: /environment variable CD_FRENCH_NOT_SET is not set[\s\S]*Set the environment variables/ },
    { name: 'JSON syntax', args: diag('--config', file('syntax.json', '{"prestashop": {"url": "http://x",}}')), fr: /JSON invalide\u00a0: il faut ici un nom de clé entre guillemets droits .*\(ligne 1, colonne \d+\)/, en: /Expected double-quoted property name \(line 1, column \d+\)/ },
    { name: 'YAML syntax', binary: '--lang fr', args: diag('--config', file('syntax.yaml', 'prestashop:\n  url: [\n')), fr: /YAML invalide\u00a0: le fichier s’arrête avant la fin d’une liste/, en: /unexpected end of the stream within a flow collection \(line 3, column 1\)/ },
    { name: 'null configuration', args: diag('--config', file('null.json', 'null')), fr: /vaut null\u00a0: elle ne configure rien/, en: /holds null: it configures nothing/ },
    { name: 'empty configuration', args: diag('--config', file('void.json', '')), fr: /est vide\./, en: /is empty\./ },
    { name: 'a folder as configuration', args: diag('--config', '.'), fr: /est un dossier, pas un fichier/, en: /is a folder, not a file/ },
    { name: 'a missing configuration', args: diag('--config', 'nowhere.json'), fr: /Le fichier de configuration nowhere\.json n’existe pas/, en: /Configuration file nowhere\.json does not exist/ },
    // --- plugins and the check registry ------------------------------------------------------
    { name: 'a plugin that is not there', args: diag(...c('p-missing.json', { ...SHOP, plugins: ['./nowhere.mjs'] })), fr: /Impossible de charger l’extension "\.\/nowhere\.mjs"\u00a0: «/, en: /Cannot load plugin "\.\/nowhere\.mjs": Cannot find module/ },
    { name: 'a plugin that throws', binary: 'LANG=fr_FR.UTF-8', args: diag(...c('p-throws.json', { ...SHOP, plugins: ['./throws.mjs'] })), fr: /Impossible de charger l’extension "\.\/throws\.mjs"\u00a0: «\u00a0the plugin cannot start\u00a0»/, en: /Cannot load plugin "\.\/throws\.mjs": the plugin cannot start/ },
    { name: 'a plugin without a list', args: diag(...c('p-list.json', { ...SHOP, plugins: ['./not-a-list.mjs'] })), fr: /L’extension "\.\/not-a-list\.mjs" doit exporter par défaut une liste de contrôles/, en: /must export a list of checks/ },
    { name: 'a plugin with a malformed check', binary: 'LANG=en_US.UTF-8', args: diag(...c('p-bad.json', { ...SHOP, plugins: ['./bad-check.mjs'] })), fr: /Un contrôle de l’extension "\.\/bad-check\.mjs" est invalide\u00a0: l’identifiant "Club_Colours".*\u202f; la catégorie "misc" n’existe pas/, en: /Check from plugin "\.\/bad-check\.mjs" is invalid: id "Club_Colours" is not kebab-case; category "misc" is unknown/ },
    { name: 'a plugin with a duplicate id', args: diag(...c('p-dup.json', { ...SHOP, plugins: ['./dup-check.mjs'] })), fr: /L’identifiant de contrôle "club-colours" de l’extension "\.\/dup-check\.mjs" est déjà pris/, en: /Check id "club-colours" from plugin "\.\/dup-check\.mjs" is already taken/ },
    { name: 'explain with a broken plugin', args: ['explain', 'shop-online', ...c('p-explain.json', { ...SHOP, plugins: ['./not-a-list.mjs'] })], fr: /doit exporter par défaut une liste de contrôles/, en: /must export a list of checks/ },
    // --- flags, clubs, snapshots ---------------------------------------------------------------
    { name: 'unknown club', binary: '--lang fr', args: ['diagnose', 'Frejsu', '--snapshot', DEMO], fr: /Aucun club nommé «\u00a0Frejsu\u00a0»/, en: /No club named "Frejsu"/ },
    { name: 'bad --fail-on', args: diag('--snapshot', DEMO, '--fail-on', 'x'), fr: /--fail-on doit valoir/, en: /--fail-on must be/ },
    { name: 'bad --audience', args: diag('--snapshot', DEMO, '--audience', 'boss'), fr: /--audience doit valoir/, en: /--audience must be/ },
    { name: 'bad --timeout', args: diag('--snapshot', DEMO, '--timeout', 'abc'), fr: /--timeout attend un nombre de secondes/, en: /--timeout/ },
    { name: '--dry-run alone', args: diag('--snapshot', DEMO, '--dry-run'), fr: /--dry-run et --yes s’utilisent avec --fix/, en: /--dry-run and --yes go with --fix/ },
    { name: '--fix on a snapshot', args: diag('--snapshot', DEMO, '--fix'), fr: /--fix modifie la boutique en ligne/, en: /--fix changes the live shop/ },
    { name: 'no shop for undo', args: ['undo', file('backup.json', '{}'), '--config', file('undo-empty.json', {})], fr: /Aucune boutique configurée/, en: /No shop configured/ },
    // sandbox takes --lang since this round (a contract addition): its errors follow it too.
    { name: 'sandbox --lang de', args: ['sandbox', '--lang', 'de'], langFlag: false, fr: /--lang doit valoir fr, en/, en: /--lang must be/ },
    { name: 'init --lang de', args: ['init', '--lang', 'de'], langFlag: false, fr: /--lang doit valoir fr, en/, en: /--lang must be/ },
    { name: 'unreadable snapshot', args: diag('--snapshot', 'nowhere.snapshot.json'), fr: /Impossible de lire l’instantané \S*nowhere\.snapshot\.json \(ENOENT\)/, en: /Cannot read snapshot \S*nowhere\.snapshot\.json \(ENOENT\)/ },
    { name: 'snapshot not JSON', binary: 'LANG=en_US.UTF-8', args: diag('--snapshot', file('s-json.json', '{"format": ')), fr: /n’est pas un JSON valide \(le fichier s’arrête au milieu d’une valeur/, en: /is not valid JSON \(Unexpected end of JSON input\)/ },
    { name: 'not a snapshot', args: diag('--snapshot', file('s-other.json', { clubs: [] })), fr: /n’est pas un instantané de checkout-doctor\u00a0: les champs format, schemaVersion, generatedAt manquent ou sont invalides/, en: /is not a checkout-doctor snapshot: format: /, },
    { name: 'a snapshot that is a list', args: diag('--snapshot', file('s-list.json', [1])), fr: /il ne contient pas un objet JSON/, en: /is not a checkout-doctor snapshot/ },
    { name: 'a snapshot of another version', args: diag('--snapshot', file('s-v2.json', { format: 'checkout-doctor-snapshot', schemaVersion: 2, generatedAt: '2026-01-01T00:00:00Z', clubs: [] })), fr: /a été écrit par une autre version de checkout-doctor/, en: /was written by another version of checkout-doctor/ },
    // --- the sandbox's fixtures ---------------------------------------------------------------
    { name: 'unknown fixture', binary: 'LANG=en_US.UTF-8', args: ['sandbox', 'nowhere'], fr: /Aucun jeu de données de bac à sable «\u00a0nowhere\u00a0»/, en: /No sandbox fixture "nowhere"/ },
    { name: 'shop fixture of the wrong shape', args: ['sandbox', 'shapeless-shop.json'], fr: /shapeless-shop\.json n’est pas un jeu de données de boutique valide\u00a0:\n\s+shop\u00a0: «/, en: /shapeless-shop\.json is not a valid shop fixture:\n\s+shop: / },
    { name: 'Stripe fixture of the wrong shape', args: diag('--sandbox', 'bad-stripe/demo-shop.json'), fr: /demo-stripe\.json n’est pas un jeu de données Stripe valide\u00a0:\n\s+accounts\u00a0: «/, en: /demo-stripe\.json is invalid:\n\s+accounts: / },
    { name: 'fixture not JSON', binary: 'LANG=fr_FR.UTF-8', args: diag('--sandbox', 'broken-json/demo-shop.json'), fr: /demo-stripe\.json n’est pas un JSON valide\u00a0: caractère inattendu «\u00a0\}\u00a0»/, en: /demo-stripe\.json is not valid JSON: Unexpected token '\}'/ },
  ];
}

/**
 * The program in this process, one run at a time (runInProcess resets the request log and the
 * redactor that runs share), or the built CLI for the runs that keep the process boundary.
 */
function run(args: string[], env: Record<string, string>, binary: boolean): Promise<CliResult> {
  return binary ? runCli(args, { cwd: dir, env }) : runInProcess(args, { cwd: dir, env });
}

describe('error paths in French and English', () => {
  it('every error path: French on a French locale and with --lang fr, English otherwise', async () => {
    const failures: string[] = [];
    const judge = (k: ErrorCase, where: string, lang: 'fr' | 'en', r: CliResult) => {
      if (r.code !== 2) failures.push(`${where}: exit ${r.code}\n${r.stderr}`);
      if (!(lang === 'fr' ? k.fr : k.en).test(r.stderr)) failures.push(`${where}: expected ${lang === 'fr' ? k.fr : k.en}, got:\n${r.stderr}`);
      if (lang === 'fr') for (const p of frenchProblems(r.stderr)) failures.push(`${where}: ${p.rule}: ${p.excerpt}`);
      // The English run is English: none of the French catalogue's words.
      if (lang === 'en' && /\b(?:Impossible|Configuration invalide|inconnue?|n’|d’|l’|vouliez)\b/.test(r.stderr)) failures.push(`${where}: French in English:\n${r.stderr}`);
    };
    // The built CLI's runs start at once and run beside the in-process ones (a subprocess waits on its own).
    const spawned: Array<Promise<void>> = [];
    for (const k of cases()) {
      const runs: Array<[How, string[], Record<string, string>, 'fr' | 'en']> = [
        ['LANG=fr_FR.UTF-8', k.args, { LANG: 'fr_FR.UTF-8' }, 'fr'],
        ['LANG=en_US.UTF-8', k.args, {}, 'en'],
      ];
      if (k.langFlag !== false) runs.push(['--lang fr', [...k.args, '--lang', 'fr'], {}, 'fr']);
      for (const [how, args, env, lang] of runs) {
        if (k.binary === how) spawned.push(runCli(args, { cwd: dir, env }).then((r) => judge(k, `${k.name} (${how}, built CLI)`, lang, r)));
        else judge(k, `${k.name} (${how})`, lang, await runInProcess(args, { cwd: dir, env }));
      }
    }
    await Promise.all(spawned);
    // Each kind of run (the locale from the environment, --lang fr, English) went through the built CLI.
    expect(new Set(cases().flatMap((k) => (k.binary ? [k.binary] : []))).size).toBe(3);
    expect(failures).toEqual([]);
  }, 400_000);

  it('--help of every command, with --lang fr and on a French locale', async () => {
    const failures: string[] = [];
    const commands = [[], ['diagnose'], ['snapshot'], ['sandbox'], ['merge'], ['undo'], ['init'], ['list-checks'], ['explain']];
    for (const command of commands) {
      for (const [how, args, env] of [
        ['--lang fr', [...command, '--help', '--lang', 'fr'], {}],
        ['LANG=fr_FR.UTF-8', [...command, '--help'], { LANG: 'fr_FR.UTF-8' }],
      ] as const) {
        // Commander's help exit through the built CLI once, on the locale of the environment.
        const binary = command[0] === 'diagnose' && how === 'LANG=fr_FR.UTF-8';
        const r = await run([...args], { ...env }, binary);
        const where = `${command.join(' ') || '(program)'} --help (${how}${binary ? ', built CLI' : ''})`;
        if (r.code !== 0) failures.push(`${where}: exit ${r.code}`);
        if (!/Utilisation\u00a0:/.test(r.stdout)) failures.push(`${where}: no French usage line`);
        for (const p of frenchProblems(r.stdout)) failures.push(`${where}: ${p.rule}: ${p.excerpt}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
