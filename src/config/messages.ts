// The configuration's error sentences, French and English, in one place for a translator: the file
// cannot be found or read, its syntax, each kind of validation problem zod reports (named by the key
// the person wrote, with what to write instead), unset `env:` variables, the `checks` key. The key
// path is the person's own (`clubs[0].stripe.secretKey`): they wrote the file, it is how they find
// the line. Values are quoted only when the caller says they cannot be secrets.
//
// The English lines keep the shape scripts and tests already read (`<path>: expected a string, got
// a whole number`); the French ones are written for a French reader, not translated word for word.

import type { Text } from '../engine/types.js';
import { t } from '../engine/types.js';
import { typeset } from '../report/french.js';

const NBSP = '\u00a0';

/** `<path>: <sentence>` in both languages (French spacing is applied where the line is printed). */
function line(path: string, sentence: Text): Text {
  return { fr: `${path} : ${sentence.fr}`, en: `${path}: ${sentence.en}` };
}

/** A JSON value's kind, as the person would name it. */
export const KINDS: Record<string, Text> = {
  null: t('null', 'null'),
  list: t('une liste', 'a list'),
  object: t('un objet', 'an object'),
  string: t('un texte', 'a string'),
  integer: t('un nombre entier', 'a whole number'),
  number: t('un nombre', 'a number'),
  boolean: t('`true` ou `false`', 'true/false'),
};

/** What a key expects, by zod's type name; with an example when it helps to see it written. */
export const EXPECTED: Record<string, Text> = {
  number: t('un nombre', 'a number'),
  int: t('un nombre entier', 'a whole number'),
  string: t('un texte entre guillemets droits ("…")', 'a string'),
  boolean: t('`true` ou `false`', 'true or false'),
  array: t('une liste entre crochets [ … ]', 'a list [...]'),
  object: t('un objet entre accolades { … }', 'an object {...}'),
};

/** `un texte ("ftp://x")`: a kind and, when it may be shown, the value. */
export function kindWithValue(kind: Text, quoted: string | undefined): Text {
  return quoted === undefined ? kind : { fr: `${kind.fr} (${quoted})`, en: `${kind.en} (${quoted})` };
}

export const CONFIG_MESSAGES = {
  invalid: (file: string) => t(`Configuration invalide dans ${file} :`, `Invalid configuration in ${file}:`),
  fixKeys: t('Corrigez ces clés puis relancez.', 'Fix these keys and run again.'),
  fixKeysAndEnv: t(
    'Définissez les variables d’environnement nommées ci-dessus (ou remplacez les références "env:"), corrigez les autres clés, puis relancez.',
    'Set the environment variables named above (or replace the "env:" references), fix any other key, and run again.',
  ),

  // --- env: references -------------------------------------------------------------------------
  envNoName: (path: string) =>
    line(path, t('"env:" doit être suivi du nom d’une variable d’environnement (par exemple "env:PS_WEBSERVICE_KEY")', '"env:" must be followed by the name of an environment variable (e.g. "env:PS_WEBSERVICE_KEY")')),
  envUnset: (path: string, name: string) =>
    line(path, t(`la variable d’environnement ${name} n’est pas définie ; exportez-la avant de lancer la commande`, `environment variable ${name} is not set`)),
  envEmpty: (path: string, name: string) =>
    line(path, t(`la variable d’environnement ${name} est vide ; donnez-lui une valeur`, `environment variable ${name} is empty`)),

  // --- zod issues, one sentence per kind -------------------------------------------------------
  unknownKeyClose: (path: string, close: string) =>
    line(path, t(`clé inconnue ; vouliez-vous dire "${close}" ? Corrigez son nom ou supprimez-la`, `unknown key (did you mean "${close}"?)`)),
  unknownKeyKnown: (path: string, known: string[]) =>
    line(path, t(`clé inconnue ; les clés possibles ici sont ${known.join(', ')} ; supprimez-la ou corrigez son nom`, `unknown key (known keys: ${known.join(', ')})`)),
  unknownKey: (path: string) => line(path, t('clé inconnue ; supprimez-la', 'unknown key')),
  missing: (path: string, expected: Text) =>
    line(path, t(`obligatoire et absente ; ajoutez-la avec pour valeur ${expected.fr}`, `missing (expected ${expected.en})`)),
  wrongType: (path: string, expected: Text, got: Text) =>
    line(path, t(`il faut ${expected.fr}, pas ${got.fr}`, `expected ${expected.en}, got ${got.en}`)),
  emptyString: (path: string) => line(path, t('ne doit pas être vide ; écrivez la valeur ou supprimez la clé', 'must not be empty')),
  emptyList: (path: string) => line(path, t('la liste ne doit pas être vide ; ajoutez-y au moins un élément ou supprimez la clé', 'must not be an empty list')),
  tooSmall: (path: string, inclusive: boolean, min: string, got: Text) =>
    line(path, t(`doit valoir ${inclusive ? 'au moins' : 'plus de'} ${min}, pas ${got.fr}`, `must be ${inclusive ? 'at least' : 'greater than'} ${min}, got ${got.en}`)),
  tooBig: (path: string, inclusive: boolean, max: string, got: Text) =>
    line(path, t(`doit valoir ${inclusive ? 'au plus' : 'moins de'} ${max}, pas ${got.fr}`, `must be ${inclusive ? 'at most' : 'less than'} ${max}, got ${got.en}`)),
  oneOf: (path: string, values: string, got: Text) => line(path, t(`valeurs possibles : ${values} ; pas ${got.fr}`, `expected ${values}, got ${got.en}`)),
  httpUrl: (path: string, got: Text) =>
    line(path, t(`il faut une adresse http:// ou https:// complète (par exemple "https://boutique.example.fr"), pas ${got.fr}`, `expected an http(s) URL, got ${got.en}`)),
  prefix: (path: string, got: Text) =>
    line(path, t(`seulement des lettres sans accents, des chiffres et des soulignés (par exemple "ps_"), pas ${got.fr}`, `expected letters, digits and underscores, got ${got.en}`)),
  checkSetting: (path: string, got: Text) =>
    line(
      path,
      t(
        `valeurs possibles : "off", "warn", "fail", ou un objet comme { "severity": "warn", "dormantDays": 90 } ; pas ${got.fr}`,
        `expected "off", "warn", "fail", or an object such as { "severity": "warn", "dormantDays": 90 }, got ${got.en}`,
      ),
    ),
  checkSeverity: (path: string, got: Text) =>
    line(path, t(`valeurs possibles : "off", "warn" ou "fail" ; pas ${got.fr}`, `expected "off", "warn" or "fail", got ${got.en}`)),
  /** An issue kind none of the above words: zod's own message is quoted, never shown as French. */
  other: (path: string, zodMessage: string, got: Text | undefined) =>
    line(
      path,
      t(`valeur refusée (${NBSP}« ${zodMessage} »${NBSP})${got ? ` ; trouvé : ${got.fr}` : ''}`, `${zodMessage}${got ? `, got ${got.en}` : ''}`),
    ),

  // --- the `checks` key against the registry ---------------------------------------------------
  unknownCheckClose: (path: string, close: string) =>
    line(path, t(`identifiant de contrôle inconnu ; vouliez-vous dire "${close}" ?`, `unknown check id (did you mean "${close}"?)`)),
  unknownCheck: (path: string) =>
    line(path, t('identifiant de contrôle inconnu ; `checkout-doctor list-checks` les affiche tous', 'unknown check id (run `checkout-doctor list-checks` to see them)')),
  unknownOptionClose: (path: string, close: string) =>
    line(path, t(`option inconnue ; vouliez-vous dire "${close}" ?`, `unknown option (did you mean "${close}"?)`)),
  unknownOptionKnown: (path: string, known: string[]) =>
    line(path, t(`option inconnue ; les options de ce contrôle sont ${known.join(', ')}`, `unknown option (its options: ${known.join(', ')})`)),
  unknownOptionNone: (path: string) => line(path, t('option inconnue ; ce contrôle n’a pas d’options', 'unknown option (this check has no options)')),
  optionType: (path: string, expected: Text, fallback: string, got: Text) =>
    line(path, t(`il faut ${expected.fr} (par défaut ${fallback}), pas ${got.fr}`, `expected ${expected.en} (default ${fallback}), got ${got.en}`)),
};

/**
 * V8's JSON.parse reasons, in French. Their English is stable across Node 20–24; one not listed is
 * quoted as V8 wrote it.
 */
const JSON_REASONS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^Unexpected end of JSON input$/, () => 'le fichier s’arrête au milieu d’une valeur (accolade ou crochet non fermé ?)'],
  [/^Unexpected token '?(.+?)'?,?$/, (_, c) => `caractère inattendu «${NBSP}${c}${NBSP}»`],
  [/^Unexpected token$/, () => 'caractère inattendu'],
  [/^Expected double-quoted property name$/, () => 'il faut ici un nom de clé entre guillemets droits (une virgule de trop avant } ?)'],
  [/^Expected property name or '}'$/, () => 'il faut ici un nom de clé entre guillemets droits ou }'],
  [/^Expected ',' or '}' after property value$/, () => 'il manque une virgule ou } après une valeur'],
  [/^Expected ',' or '\]' after array element$/, () => 'il manque une virgule ou ] après un élément de liste'],
  [/^Expected ':' after property name$/, () => 'il manque « : » après un nom de clé'],
  [/^Unterminated string$/, () => 'un texte entre guillemets n’est pas refermé'],
  [/^Bad control character in string literal$/, () => 'caractère de contrôle (retour à la ligne, tabulation…) dans un texte entre guillemets'],
  [/^Bad escaped character$/, () => 'séquence d’échappement \\ invalide dans un texte'],
  [/^Bad Unicode escape$/, () => 'séquence \\u invalide dans un texte'],
  [/^Unexpected non-whitespace character after JSON$/, () => 'du texte suit la fin de la configuration'],
  [/^No number after minus sign$/, () => 'un signe moins sans nombre'],
  [/^Exponent part is missing a number$/, () => 'un exposant sans nombre'],
  [/^Unterminated fractional number$/, () => 'un nombre décimal inachevé'],
];

/** js-yaml's reasons, in French (its most common ones); others are quoted. */
const YAML_REASONS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^unexpected end of the stream within a flow collection$/, () => 'le fichier s’arrête avant la fin d’une liste [ ] ou d’un objet { }'],
  [/^bad indentation of a mapping entry$/, () => 'mauvaise indentation d’une clé'],
  [/^bad indentation of a sequence entry$/, () => 'mauvaise indentation d’un élément de liste'],
  [/^duplicated mapping key$/, () => 'la même clé apparaît deux fois'],
  [/^end of the stream or a document separator is expected$/, () => 'texte inattendu ; une ligne a sans doute une mauvaise indentation'],
  [/^unexpected end of the stream within a (double|single) quoted scalar$/, () => 'un texte entre guillemets n’est pas refermé'],
  [/^incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line$/, () => 'une clé manque ou est suivie d’une ligne vide mal placée'],
  [/^can not read a block mapping entry; a multiline key may not be an implicit key$/, () => 'une clé s’étend sur plusieurs lignes (un « : » ou un guillemet manque ?)'],
  [/^unknown (?:tag|alias)/, () => 'étiquette ou alias YAML inconnu'],
  [/^end of the stream or a document separator is expected$/, () => 'texte inattendu après la fin du document'],
];

function reasonIn(rules: Array<[RegExp, (...m: string[]) => string]>, reason: string): string {
  for (const [re, fr] of rules) {
    const m = re.exec(reason);
    if (m) return fr(...m);
  }
  return `«${NBSP}${reason}${NBSP}»`;
}

/** Where a syntax error is, in both languages. */
function at(line: number, column: number): Text {
  return t(`ligne ${line}, colonne ${column}`, `line ${line}, column ${column}`);
}

export const SYNTAX_MESSAGES = {
  json: (reason: string, where?: { line: number; column: number }): Text => {
    const r = SYNTAX_MESSAGES.jsonReason(reason, where);
    return { fr: `JSON invalide : ${r.fr}`, en: r.en };
  },
  /** The reason alone, for a sentence that already says « not valid JSON ». */
  jsonReason: (reason: string, where?: { line: number; column: number }): Text => {
    const w = where && at(where.line, where.column);
    return { fr: `${reasonIn(JSON_REASONS, reason)}${w ? ` (${w.fr})` : ''}`, en: `${reason}${w ? ` (${w.en})` : ''}` };
  },
  invalidJson: t('JSON invalide', 'invalid JSON'),
  yaml: (reason: string | undefined, line: number, column: number): Text => {
    const w = at(line, column);
    return {
      fr: `YAML invalide : ${reason ? reasonIn(YAML_REASONS, reason) : 'erreur de syntaxe'} (${w.fr})`,
      en: `${reason ?? 'invalid YAML'} (${w.en})`,
    };
  },
  /** A JS configuration's own error: its first line, quoted in French (it is the program's English). */
  thrown: (message: string): Text => ({ fr: `«${NBSP}${message}${NBSP}»`, en: message }),
  threw: (value: string) => `it threw ${value}`,
  notValidJsonFile: (file: string, problem: Text): Text =>
    t(`${file} n’est pas un JSON valide : ${problem.fr}`, `${file} is not valid JSON: ${problem.en}`),
};

/** What makes a configuration too big to read (src/config/bounds.ts). */
export const BOUNDS_MESSAGES = {
  size: (mib: string, limit: number) =>
    t(`le fichier pèse ${mib.replace('.', ',')} Mio, au-delà de la limite de ${limit} Mio pour une configuration`, `the file is ${mib} MiB, over the ${limit} MiB limit for a configuration`),
  values: (limit: number) =>
    t(
      `il décrit plus de ${limit.toLocaleString('fr-FR')} valeurs (alias YAML dépliés), la limite pour une configuration`,
      `it describes more than ${limit.toLocaleString('en-US')} values (YAML aliases expanded), the limit for a configuration`,
    ),
  depth: (limit: number) => t(`il imbrique plus de ${limit} niveaux, la limite pour une configuration`, `it nests more than ${limit} levels deep, the limit for a configuration`),
};

/** Finding and reading the configuration file. */
export const FILE_MESSAGES = {
  emptyFlag: t('--config est vide.', '--config is empty.'),
  emptyFlagHint: t('Donnez le chemin d’un fichier de configuration, par exemple --config .checkout-doctorrc.json.', 'Give the path of a configuration file, e.g. --config .checkout-doctorrc.json.'),
  noFile: (file: string) => t(`Le fichier de configuration ${file} n’existe pas.`, `Configuration file ${file} does not exist.`),
  noFileHint: t('Vérifiez le chemin donné à --config.', 'Check the path given to --config.'),
  cannotStat: (path: string, code: string | undefined, target: string | undefined) =>
    t(
      `Impossible de lire la configuration ${path} (${code}${target ? ` : lien vers ${target}, introuvable` : ''}).`,
      `Cannot read configuration ${path} (${code}${target ? `: a link to ${target}, which does not exist` : ''}).`,
    ),
  cannotStatHint: t('Réparez ou supprimez ce fichier, ou donnez-en un autre avec --config.', 'Repair or delete that file, or give another one with --config.'),
  folder: t('un dossier', 'a folder'),
  special: t('un fichier spécial (périphérique, tube…)', 'a special file (device, pipe…)'),
  notAFile: (file: string, what: Text) => t(`La configuration ${file} est ${what.fr}, pas un fichier.`, `Configuration file ${file} is ${what.en}, not a file.`),
  notAFileGivenHint: t('Donnez à --config le chemin du fichier de configuration lui-même.', 'Give the path of the configuration file itself to --config.'),
  notAFileFoundHint: t('Supprimez ou renommez-le, ou donnez un fichier avec --config.', 'Remove or rename it, or give a file with --config.'),
  tooBig: (file: string, what: Text) => t(`La configuration ${file} est refusée : ${what.fr}.`, `Configuration ${file} refused: ${what.en}.`),
  tooBigHint: t(
    'Une configuration tient en quelques kilo-octets : vérifiez que c’est le bon fichier, et qu’aucun alias YAML (*nom) ne répète des blocs en cascade.',
    'A configuration takes a few kilobytes: check that this is the right file, and that no YAML alias (*name) repeats blocks over and over.',
  ),
  importMissing: (file: string, missing: string) =>
    t(`La configuration ${file} importe ${missing}, qui n’existe pas.`, `Configuration ${file} imports ${missing}, which does not exist.`),
  importMissingHint: t('Corrigez le chemin donné à "$import" (relatif au dossier de la configuration).', 'Fix the path given to "$import" (relative to the configuration\'s folder).'),
  denied: (file: string) => t(`Impossible de lire la configuration ${file} (permission refusée).`, `Cannot read configuration ${file} (permission denied).`),
  deniedHint: t('Donnez le droit de lecture sur ce fichier à l’utilisateur qui lance checkout-doctor.', 'Give the user running checkout-doctor read permission on that file.'),
  unknownType: (file: string) => t(`Impossible de lire la configuration ${file} : type de fichier inconnu.`, `Cannot read configuration ${file}: unknown file type.`),
  unknownTypeHint: t(
    'Utilisez un fichier .json, .yaml, .yml, .js, .cjs ou .mjs (ou un fichier sans extension contenant du JSON ou du YAML).',
    'Use a .json, .yaml, .yml, .js, .cjs or .mjs file (or a file without extension holding JSON or YAML).',
  ),
  jsFailed: (file: string, what: Text) => t(`La configuration ${file} a échoué en se chargeant : ${what.fr}.`, `Configuration ${file} failed while loading: ${what.en.replace(/[.!?]$/, '')}.`),
  jsFailedHint: t('Corrigez ce que dit cette erreur (souvent une variable d’environnement manquante), puis relancez.', 'Fix what this error says (often a missing environment variable), then run again.'),
  syntax: (file: string, what: Text) => t(`Impossible de lire la configuration ${file} : ${what.fr}.`, `Cannot read configuration ${file}: ${what.en}.`),
  syntaxHint: t('Corrigez la syntaxe du fichier puis relancez.', 'Fix the file syntax and run again.'),
  isNull: (file: string) => t(`La configuration ${file} vaut null : elle ne configure rien.`, `Configuration file ${file} holds null: it configures nothing.`),
  isNullHint: t('Écrivez-y la configuration sous forme d’objet JSON (voir le README), ou supprimez le fichier.', 'Write the configuration in it as a JSON object (see the README), or delete the file.'),
  isEmpty: (file: string) => t(`Le fichier de configuration ${file} est vide.`, `Configuration file ${file} is empty.`),
  isEmptyHint: t('Écrivez-y la configuration sous forme d’objet JSON, ou supprimez le fichier.', 'Write the configuration in it as a JSON object, or delete the file.'),
};

/** Problem lines, indented, in both languages (French spacing applied), without repeats. */
export function problemLines(problems: readonly Text[]): { en: string[]; fr: string[] } {
  const en = [...new Set(problems.map((p) => `  ${p.en}`))];
  const fr = [...new Set(problems.map((p) => `  ${typeset('fr', p.fr)}`))];
  return { en, fr };
}
