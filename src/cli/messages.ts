// The command line's own words, French and English: help texts, commander's titles and errors,
// the examples, exit codes and documentation pointer of --help. French goes through `typeset`
// (non-breaking spaces, apostrophes) where it is printed.

import type { Lang, Text } from '../engine/types.js';
import { t } from '../engine/types.js';

export const HELP = {
  program: t(
    'Diagnostique pourquoi le paiement d’un club échoue sur une boutique PrestaShop + Stripe + Sendcloud, et dit comment le corriger.',
    'Diagnoses why a club checkout fails on a PrestaShop + Stripe + Sendcloud shop, and says how to fix it.',
  ),
  version: t('affiche le numéro de version', 'output the version number'),
  help: t('affiche l’aide de la commande', 'display help for command'),
  helpCommand: t('affiche l’aide d’une commande', 'display help for command'),
  helpCommandName: t('help [commande]', 'help [command]'),
  /** How every error line starts (French puts a space before the colon). */
  errorLine: (message: string) => t(`checkout-doctor : ${message}`, `checkout-doctor: ${message}`),
  debug: t('affiche les piles d’appels et le détail des réponses amont en cas d’erreur', 'show stack traces and upstream details on errors'),
  diagnose: t('lance tous les contrôles pour un club (ou --all) et dit ce qui ne va pas et comment le corriger', 'run every check for a club (or --all) and print what is wrong and how to fix it'),
  club: t('nom du club ; majuscules et accents indifférents', 'club name; case and accents do not matter'),
  config: t('fichier de configuration (par défaut, cherché depuis le dossier courant)', 'configuration file (default: discovered from the current folder)'),
  snapshotFile: t('évalue un fichier snapshot au lieu de la boutique en ligne', 'evaluate a snapshot file instead of the live shop'),
  customer: t('contrôle aussi le compte de ce client et son appartenance au club', "also check this customer's account and club membership"),
  code: t('contrôle aussi ce code promo', 'also check this promo code'),
  order: t('contrôle aussi cette commande pour un avoir', 'also check this order for a credit note'),
  format: (formats: string) =>
    t(`format du rapport : ${formats} ; répétable, associé dans l’ordre à --output`, `report format: ${formats}; repeatable, paired by position with --output`),
  output: t(
    'écrit le rapport dans un fichier au lieu de la sortie standard ; répétable ; seul, l’extension donne le format (.json, .xml, .md, .html)',
    'write the report to a file instead of stdout; repeatable; alone, the extension gives the format (.json, .xml, .md, .html)',
  ),
  only: t('ne lance que ces contrôles (identifiants séparés par des virgules)', 'run only these checks (comma-separated ids)'),
  skip: t('ne lance pas ces contrôles (identifiants séparés par des virgules)', 'do not run these checks (comma-separated ids)'),
  failOn: t(
    'statut le plus bas qui donne le code de sortie 1 : fail (par défaut) ou warn ; new : seulement les problèmes apparus depuis --baseline',
    'lowest status that makes the exit code 1: fail (default) or warn; new: only problems new since --baseline',
  ),
  baseline: t('un rapport JSON précédent : marque chaque problème nouveau, persistant ou résolu depuis', 'a previous JSON report: mark each problem new, persisting or resolved since then'),
  fix: t(
    'prépare des corrections pour ce qui a été trouvé, les montre et les applique une fois confirmées (sauvegarde d’abord ; annulation avec checkout-doctor undo)',
    'plan fixes for what was found, show them, and apply them once confirmed (backup first; undo with `checkout-doctor undo`)',
  ),
  dryRun: t('avec --fix : montre le plan seulement, ne change rien', 'with --fix: show the plan only, change nothing'),
  yes: t('avec --fix : applique sans demander', 'with --fix: apply without asking'),
  interactive: t(
    'mode guidé pour les administrateurs de club : choix du club, description du problème, constats un par un (il faut un terminal)',
    'guided mode for club admins: choose the club, say what the problem is about, walk the findings (needs a terminal)',
  ),
  audience: t(
    'à qui s’adresse le rapport : support (par défaut, tout le détail technique) ou admin (mots simples)',
    'who reads the report: support (default, every technical detail) or admin (plain words)',
  ),
  merge: t(
    'rassemble les rapports JSON de lancements --shard en un seul rapport, dans tout format ; code de sortie comme pour diagnose',
    'combine the JSON reports of --shard runs into one report, in any format; exit code as for diagnose',
  ),
  mergeReports: t('rapports JSON des parts (diagnose --all --shard i/n --format json)', 'JSON reports of the shards (diagnose --all --shard i/n --format json)'),
  mergeLang: t('langue des messages sur les fichiers écrits : fr ou en (par défaut : celle des rapports)', "language of the messages about files written: fr or en (default: the reports' language)"),
  undo: t('remet ce qu’un diagnose --fix a remplacé, depuis son fichier de sauvegarde, et le vérifie', 'restore what a `diagnose --fix` overwrote, from its backup file, and verify it'),
  backupFile: t('le fichier de sauvegarde indiqué par la correction (.checkout-doctor/backups/…)', 'the backup file the fix printed (.checkout-doctor/backups/…)'),
  undoConfig: t('configuration de la boutique (par défaut, cherchée depuis le dossier courant)', 'configuration of the shop (default: discovered from the current folder)'),
  force: t('remet aussi les objets modifiés depuis la correction', 'restore even the objects changed since the fix'),
  init: t(
    'configuration guidée : demande la boutique, ses clés et les clubs, teste chaque réponse, écrit .checkout-doctorrc.json (références env: pour les secrets) ; sans terminal, écrit un exemple commenté',
    'guided set-up: asks for the shop, its keys and the clubs, tests each answer, writes .checkout-doctorrc.json (env: references for secrets); without a terminal, writes a commented example',
  ),
  initLang: t('langue des questions : fr ou en (par défaut selon LC_ALL/LANG)', 'language of the questions: fr or en (default from LC_ALL/LANG)'),
  initConfig: t('où écrire la configuration', 'where to write the configuration'),
  lang: t('langue du rapport : fr ou en (par défaut selon LC_ALL/LANG)', 'report language: fr or en (default from LC_ALL/LANG)'),
  all: t('diagnostique tous les clubs', 'diagnose every club'),
  shard: t('avec --all : seulement la i-ème de n parts des clubs', 'with --all: only the i-th of n slices of the clubs'),
  sandbox: t('diagnostique une boutique de démonstration servie par les émulateurs intégrés (par défaut : demo)', 'diagnose a fixture shop served by the built-in emulators over HTTP (default fixture: demo)'),
  testCoupon: t('teste aussi la création de coupons dynamiques : crée un coupon test SPREAD sur la boutique (la seule écriture d’un diagnostic)', 'also test dynamic-coupon creation: creates one SPREAD test coupon on the shop (the only write a diagnosis makes)'),
  timeout: t('délai global du diagnostic en secondes ; ce qui reste en attente devient une erreur et le rapport est affiché (par défaut 120)', 'overall deadline of the run; what is pending then becomes an error and the report is printed (default 120)'),
  quiet: t('n’affiche que les problèmes (attention, échec, erreur, à vérifier) ; le JSON reste complet', 'show problems only (warn, fail, error, manual); JSON stays complete'),
  printConfig: t('affiche la configuration effective, secrets masqués, puis s’arrête', 'print the effective configuration, secrets masked, then exit'),
  noColor: t('sans couleurs (comme NO_COLOR, FORCE_COLOR=0 ou TERM=dumb)', 'no colours (like NO_COLOR, FORCE_COLOR=0 or TERM=dumb)'),
  snapshot: t('collecte la boutique en ligne pour un club (ou --all) et l’écrit, secrets réduits à des faits, pour diagnose --snapshot', 'gather the live shop for a club (or --all) and write it, secrets reduced to facts, for diagnose --snapshot'),
  snapshotOutput: t('fichier à écrire (par défaut : la sortie standard)', 'file to write (default: stdout)'),
  snapshotCustomer: t('collecte aussi ce client', 'also gather this customer'),
  snapshotCode: t('collecte aussi ce code promo', 'also gather this promo code'),
  snapshotOrder: t('collecte aussi cette commande', 'also gather this order'),
  snapshotAll: t('tous les clubs', 'every club'),
  snapshotSandbox: t('collecte une boutique de démonstration servie par les émulateurs intégrés (par défaut : demo)', 'snapshot a fixture shop served by the built-in emulators (default fixture: demo)'),
  sandboxCommand: t('sert une boutique de démonstration (émulateurs PrestaShop, Stripe et Sendcloud) sur 127.0.0.1 jusqu’à interruption', 'serve a fixture shop as PrestaShop, Stripe and Sendcloud emulators on 127.0.0.1 until interrupted'),
  fixture: t('nom d’un jeu de données intégré ou chemin d’un fichier <nom>-shop.json', 'bundled fixture name or path of a <name>-shop.json file'),
  port: t('port de l’émulateur PrestaShop (par défaut : un port libre)', 'port of the PrestaShop emulator (default: a free port)'),
  writeConfig: t('où écrire la configuration du bac à sable', 'where to write the configuration for the sandbox'),
  sandboxLang: t('langue de ce qu’affiche le bac à sable : fr ou en (par défaut selon LC_ALL/LANG)', 'language of what the sandbox prints: fr or en (default from LC_ALL/LANG)'),
  listChecks: t('liste tous les contrôles : identifiant, catégorie, sévérité par défaut et titre', 'list every check: id, category, default severity and title'),
  listFormat: t('tableau lisible ou json', 'pretty table or json'),
  listLang: t('langue des titres : fr ou en (par défaut selon LC_ALL/LANG)', 'language of titles: fr or en (default from LC_ALL/LANG)'),
  listConfig: t('liste aussi les contrôles des extensions que charge cette configuration', 'also list the checks of the plugins this configuration loads'),
  explain: t('explique un contrôle : ce qu’il vérifie et pourquoi, ce dont il a besoin, comment vérifier ou corriger à la main', 'explain a check: what it verifies and why, what it needs, how to verify or fix it by hand'),
  checkId: t('un identifiant de contrôle, tel que list-checks l’affiche', 'a check id, as shown by list-checks'),
  explainLang: t('langue : fr ou en (par défaut selon LC_ALL/LANG)', 'language: fr or en (default from LC_ALL/LANG)'),
  explainConfig: t('connaît aussi les contrôles des extensions que charge cette configuration', 'also know the checks of the plugins this configuration loads'),
  afterError: t('(lancez avec --help pour l’aide)', '(run with --help for usage)'),
  commands: (names: string) =>
    t(`Commandes : ${names}. Pour diagnostiquer un club : checkout-doctor diagnose "<nom du club>".`, `Commands: ${names}. To diagnose a club: checkout-doctor diagnose "<club name>".`),
  internal: (message: string) => t(`checkout-doctor : erreur interne inattendue : ${message}`, `checkout-doctor: unexpected internal error: ${message}`),
  internalHint: t('Relancez avec --debug pour voir la pile d’appels, et signalez le problème.', 'Run again with --debug for the stack trace, and report it.'),
  interrupted: t('checkout-doctor : interrompu ; arrêt en cours, affichage de ce qui est connu (Ctrl-C encore pour quitter tout de suite)…', 'checkout-doctor: interrupted: stopping, printing what is known (Ctrl-C again to quit at once)…'),
};

/** What --help ends with: examples, exit codes, where the documentation is. */
export const HELP_FOOTER: Text = t(
  `Exemples :
  checkout-doctor diagnose "AS Saint-Étienne"                  diagnostique un club (nom sans accents ni majuscules accepté)
  checkout-doctor diagnose --all --format junit --output r.xml tous les clubs, rapport JUnit pour l’intégration continue
  checkout-doctor diagnose "Fréjus" --customer a@b.fr --code ETE2025   un client qui ne peut pas utiliser un code promo
  checkout-doctor diagnose "Fréjus" --quiet                    seulement les problèmes
  checkout-doctor diagnose --print-config                      la configuration effective, secrets masqués
  checkout-doctor explain stripe-keys-format                   ce que vérifie un contrôle et comment corriger à la main

Codes de sortie :
  0    rien au niveau du seuil (--fail-on)
  1    au moins un problème au niveau du seuil (les échecs et les erreurs comptent toujours)
  2    erreur d’utilisation ou de configuration
  130  interrompu (Ctrl-C)

Documentation : docs/README.md dans le dépôt (configuration, clé webservice, dépannage).`,
  `Examples:
  checkout-doctor diagnose "AS Saint-Étienne"                  diagnose one club (case and accents do not matter)
  checkout-doctor diagnose --all --format junit --output r.xml every club, JUnit report for CI
  checkout-doctor diagnose "Fréjus" --customer a@b.fr --code ETE2025   a customer who cannot use a promo code
  checkout-doctor diagnose "Fréjus" --quiet                    problems only
  checkout-doctor diagnose --print-config                      the effective configuration, secrets masked
  checkout-doctor explain stripe-keys-format                   what a check verifies and how to fix it by hand

Exit codes:
  0    nothing at or above the threshold (--fail-on)
  1    something is (fail and error always count)
  2    usage or configuration error
  130  interrupted (Ctrl-C)

Documentation: docs/README.md in the repository (configuration, webservice key, troubleshooting).`,
);

/** Commander's section titles. */
const TITLES: Record<string, string> = { 'Usage:': 'Utilisation :', 'Arguments:': 'Arguments :', 'Options:': 'Options :', 'Commands:': 'Commandes :' };

export function helpTitle(title: string, lang: Lang): string {
  return lang === 'fr' ? (TITLES[title] ?? title) : title;
}

/** Commander's "(default: x)" and "(choices: …)" in an option's description. */
export function helpExtras(description: string, lang: Lang): string {
  if (lang === 'en') return description;
  return description.replace(/\(default: /g, '(par défaut : ').replace(/\(choices: /g, '(valeurs : ').replace(/\(preset: /g, '(valeur implicite : ');
}

/** Commander's own error messages, in French (they are written in English, in a few fixed shapes). */
export function commanderError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const suggestion = (s: string) =>
    s
      .replace(/\n\(Did you mean one of (.*)\?\)/, '\n(Vouliez-vous dire l’un de $1 ?)')
      .replace(/\n\(Did you mean (.*)\?\)/, '\n(Vouliez-vous dire $1 ?)');
  const rules: Array<[RegExp, (...m: string[]) => string]> = [
    [/^error: unknown option '(.*?)'([\s\S]*)$/, (_, f, s) => `erreur : option inconnue « ${f} »${suggestion(s ?? '')}`],
    [/^error: unknown command '(.*?)'([\s\S]*)$/, (_, c, s) => `erreur : commande inconnue « ${c} »${suggestion(s ?? '')}`],
    [/^error: missing required argument '(.*)'$/, (_, a) => `erreur : argument obligatoire manquant « ${a} »`],
    [/^error: option '(.*)' argument missing$/, (_, o) => `erreur : l’option « ${o} » attend une valeur`],
    [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (_, c, e, g) => `erreur : trop d’arguments${c ? ` pour « ${c} »` : ''} : ${e} attendu${Number(e) > 1 ? 's' : ''}, ${g} reçu${Number(g) > 1 ? 's' : ''}.`],
    [/^error: option '(.*)' argument '(.*)' is invalid\.$/, (_, o, v) => `erreur : valeur « ${v} » invalide pour l’option « ${o} »`],
  ];
  for (const [re, fr] of rules) {
    const m = re.exec(message);
    if (m) return fr(...m);
  }
  return message;
}

/** The command line's own refusals that are not commander's (issue 10.4: none left in English). */
export const ERRORS = {
  fixFlagsAlone: t('--dry-run et --yes s’utilisent avec --fix.', '--dry-run and --yes go with --fix.'),
  fixFlagsAloneHint: t('Ajoutez --fix pour préparer des corrections, ou retirez --dry-run et --yes.', 'Add --fix to plan fixes, or remove --dry-run and --yes.'),
  fixSnapshot: t('--fix modifie la boutique en ligne : il ne peut pas partir d’un instantané.', '--fix changes the live shop: it cannot work from a snapshot.'),
  fixSnapshotHint: t('Lancez-le sur la boutique (--config) ou sur le bac à sable (--sandbox).', 'Run it against the shop (--config) or the sandbox (--sandbox).'),
  undoNoShop: t('Aucune boutique configurée : donnez la configuration de la boutique corrigée (--config).', 'No shop configured: give the configuration of the shop the fix was made on (--config).'),
  undoNoShopHint: t('La sauvegarde ne remet les valeurs que sur la boutique où la correction a été faite.', 'The backup restores values only on the shop the fix was made on.'),
};
