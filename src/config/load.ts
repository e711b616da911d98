// Finds, reads and validates the configuration. Every problem is an exit-2 UsageError that names
// the file and the key path ("clubs[0].stripe.secretKey: ..."), and never quotes a secret: the values
// of the secret fields are registered with the redactor as soon as they are read (before
// validation), and syntax errors are reported by line and column rather than with a code frame.

import { readFileSync, type Stats } from 'node:fs';
import { readlink, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { z } from 'zod';
import { closeMatches } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import { redactor, type Redactor } from '../secrets/redact.js';
import { registerUrlSecrets, SECRET_NAME } from '../secrets/scrub.js';
import { t } from '../engine/types.js';
import { ConfigTooBigError, sizeLimit, valueLimits } from './bounds.js';
import { discoverConfig } from './discover.js';
import { jsonSyntaxProblem } from './json-syntax.js';
import { ConfigSchema, type Config } from './schema.js';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, for messages and for resolving plugin paths. */
  filepath: string;
  /** The configuration as written, `env:` references unresolved (for --print-config). */
  raw?: unknown;
}

/** The name cosmiconfig searches under; see DESIGN.md §5 for the places. */
export const CONFIG_NAME = 'checkout-doctor';

const SECRET_KEY_NAMES = /key|secret|password|token|passwd|credential/i;

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(root)';
}

export function isSecretKeyName(key: PropertyKey | undefined): boolean {
  return typeof key === 'string' && SECRET_KEY_NAMES.test(key);
}

/**
 * The configuration's secret fields (`*` = any index or key). Only their values are secrets: a word
 * such as "warn" under `checks.stripe-keys-live` is not, whatever the key's name contains.
 */
export const SECRET_FIELDS: readonly (readonly string[])[] = [
  ['prestashop', 'webserviceKey'],
  ['prestashop', 'database', 'password'],
  ['prestashop', 'fixWebserviceKey'],
  ['prestashop', 'fixDatabase', 'password'],
  ['sendcloud', 'publicKey'],
  ['sendcloud', 'secretKey'],
  ['clubs', '*', 'stripe', 'publishableKey'],
  ['clubs', '*', 'stripe', 'secretKey'],
];

/** URLs whose user info and secret-looking query values (`ws_key=`, `token=`) are secrets. */
export const SECRET_URL_FIELDS: readonly (readonly string[])[] = [
  ['prestashop', 'url'],
  ['dynamicCoupons', 'url'],
];

/** The string values at `path` in a not-yet-validated configuration. */
function stringsAt(value: unknown, path: readonly string[]): string[] {
  if (!path.length) return typeof value === 'string' ? [value] : [];
  if (!value || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  const children = head === '*' ? Object.values(value) : [(value as Record<string, unknown>)[head!]];
  return children.flatMap((child) => stringsAt(child, rest));
}

/**
 * Registers with the redactor the values (env: references already resolved) of the secret fields,
 * the secrets held by the configured URLs, the Sendcloud pair as the Basic credentials it makes, and
 * plugin check options named like a secret (`checks.<id>.apiToken`). Run before validation, so that
 * even an invalid configuration cannot get a secret printed.
 */
export function registerConfigSecrets(resolved: unknown, into: Redactor = redactor): void {
  for (const path of SECRET_FIELDS) for (const value of stringsAt(resolved, path)) into.add(value);
  for (const path of SECRET_URL_FIELDS) for (const value of stringsAt(resolved, path)) registerUrlSecrets(value, into);
  const [publicKey] = stringsAt(resolved, ['sendcloud', 'publicKey']);
  const [secretKey] = stringsAt(resolved, ['sendcloud', 'secretKey']);
  if (publicKey && secretKey) into.addCredentials(publicKey, secretKey);
  const checks = (resolved as { checks?: unknown } | null)?.checks;
  if (checks && typeof checks === 'object') {
    for (const options of Object.values(checks)) {
      if (!options || typeof options !== 'object') continue;
      for (const [name, value] of Object.entries(options)) if (typeof value === 'string' && SECRET_NAME.test(name)) into.add(value);
    }
  }
}

/**
 * Replaces every "env:NAME" string by the variable's value. Unset variables are all reported at once.
 * Nothing is registered as a secret here: registerConfigSecrets knows which fields hold secrets.
 */
export function resolveEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: PropertyKey[] = [],
  missing: string[] = [],
  /** Filled with the paths whose value came from the environment: messages never quote those. */
  fromEnv: Set<string> = new Set(),
): unknown {
  if (typeof value === 'string') {
    let resolved = value;
    if (value.startsWith('env:')) {
      const name = value.slice(4).trim();
      const found = name ? env[name] : undefined;
      if (!name) {
        missing.push(`${formatPath(path)}: "env:" must be followed by the name of an environment variable (e.g. "env:PS_WEBSERVICE_KEY")`);
        return value;
      }
      if (found === undefined) {
        missing.push(`${formatPath(path)}: environment variable ${name} is not set`);
        return value;
      }
      if (found.trim() === '') {
        missing.push(`${formatPath(path)}: environment variable ${name} is empty`);
        return value;
      }
      resolved = found;
      fromEnv.add(formatPath(path));
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, env, [...path, i], missing, fromEnv));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, env, [...path, k], missing, fromEnv)]));
  }
  return value;
}

// --- Reading zod issues as sentences ------------------------------------------------------------

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** The schema that validates the value at `path`, looking through optional/default/array/record. */
function schemaAt(path: readonly PropertyKey[]): AnySchema | undefined {
  let schema: AnySchema | undefined = ConfigSchema as unknown as AnySchema;
  const unwrap = (s: AnySchema | undefined) => {
    while (s && ['optional', 'default', 'nullable', 'prefault'].includes(s._zod.def.type)) s = s._zod.def.innerType as AnySchema;
    return s;
  };
  for (const part of path) {
    schema = unwrap(schema);
    if (!schema) return undefined;
    const def = schema._zod.def;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(part)];
    else if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'record') schema = def.valueType as AnySchema;
    else return undefined;
  }
  return unwrap(schema);
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(path);
  return schema?._zod.def.type === 'object' ? Object.keys(schema._zod.def.shape as object) : [];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part as string];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return typeof value;
}

/** A value that may be a secret: under a secret-looking key (`checks.<id>` names a check, not a key). */
function isSecretPath(path: readonly PropertyKey[]): boolean {
  if (path[0] === 'checks' && path.length <= 2) return false;
  return isSecretKeyName([...path].reverse().find((p) => typeof p === 'string'));
}

/** What was found, quoted only when it cannot be a secret (secret-looking key, or read from the environment) and is short. */
function got(value: unknown, path: readonly PropertyKey[], envPaths: ReadonlySet<string>): string {
  const secret = isSecretPath(path) || envPaths.has(formatPath(path));
  const shown = !secret && (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 40));
  return shown ? `${kindOf(value)} (${JSON.stringify(value)})` : kindOf(value);
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list [...]',
  object: 'an object {...}',
};

function issueLines(issue: z.core.$ZodIssue, input: unknown, envPaths: ReadonlySet<string>): string[] {
  const where = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => {
        const close = closeMatches(key, known, 1);
        const suggestion = close.length ? ` (did you mean "${close[0]}"?)` : known.length ? ` (known keys: ${known.join(', ')})` : '';
        return `${formatPath([...issue.path, key])}: unknown key${suggestion}`;
      });
    }
    case 'invalid_type': {
      if (value === undefined) return [`${where}: missing (expected ${EXPECTED[issue.expected] ?? issue.expected})`];
      return [`${where}: expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got(value, issue.path, envPaths)}`];
    }
    case 'too_small':
      if (issue.origin === 'string') return [`${where}: must not be empty`];
      if (issue.origin === 'array') return [`${where}: must not be an empty list`];
      return [`${where}: must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}, got ${got(value, issue.path, envPaths)}`];
    case 'too_big':
      return [`${where}: must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, got ${got(value, issue.path, envPaths)}`];
    case 'invalid_value':
      return [`${where}: expected ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got(value, issue.path, envPaths)}`];
    case 'invalid_union':
      if (issue.path[0] === 'checks' && issue.path.length === 2) return [checkSettingProblem(issue.path, value, envPaths)];
      return [`${where}: ${issue.message}, got ${got(value, issue.path, envPaths)}`];
    default:
      return [`${where}: ${issue.message}${value !== undefined ? `, got ${got(value, issue.path, envPaths)}` : ''}`];
  }
}

function checkSettingProblem(path: readonly PropertyKey[], value: unknown, envPaths: ReadonlySet<string>): string {
  const where = formatPath(path);
  const allowed = '"off", "warn", "fail", or an object such as { "severity": "warn", "dormantDays": 90 }';
  if (value && typeof value === 'object' && !Array.isArray(value) && 'severity' in value) {
    return `${where}.severity: expected "off", "warn" or "fail", got ${got((value as { severity: unknown }).severity, [...path, 'severity'], envPaths)}`;
  }
  return `${where}: expected ${allowed}, got ${got(value, path, envPaths)}`;
}

export function validateConfig(raw: unknown, filepath: string, env: NodeJS.ProcessEnv = process.env): Config {
  const missing: string[] = [];
  const fromEnv = new Set<string>();
  const resolved = resolveEnv(raw, env, [], missing, fromEnv);
  registerConfigSecrets(resolved);
  const parsed = ConfigSchema.safeParse(resolved);
  // A key whose variable is unset still holds "env:NAME": its type errors would only repeat the news.
  const unresolved = new Set(missing.map((m) => m.slice(0, m.indexOf(': '))));
  const issues = parsed.success ? [] : parsed.error.issues.filter((i) => !unresolved.has(formatPath(i.path)));
  const problems = [...missing, ...issues.flatMap((i) => issueLines(i, resolved, fromEnv))];
  if (problems.length || !parsed.success) {
    const hint = missing.length
      ? t('Définissez les variables d’environnement nommées ci-dessus (ou remplacez les références "env:"), corrigez les autres clés, puis relancez.', 'Set the environment variables named above (or replace the "env:" references), fix any other key, and run again.')
      : t('Corrigez ces clés puis relancez.', 'Fix these keys and run again.');
    throw new UsageError(t(`Configuration invalide dans ${filepath} :`, `Invalid configuration in ${filepath}:`), hint, [...new Set(problems)].map((p) => `  ${p}`));
  }
  return parsed.data;
}

// --- Reading the file --------------------------------------------------------------------------

/**
 * A syntax error as one line that says where, never showing the file's content (it may hold a
 * secret that could not be registered yet, since the file did not parse).
 */
export function describeSyntaxError(error: Error & { mark?: { line: number; column: number }; reason?: string }, filepath: string | undefined): string {
  if (error.name === 'YAMLException' && error.mark) {
    return `${error.reason ?? 'invalid YAML'} (line ${error.mark.line + 1}, column ${error.mark.column + 1})`;
  }
  if (error.name === 'JSONError' || /^JSON Error in /.test(error.message)) {
    let text = '';
    try {
      if (filepath) text = readFileSync(filepath, 'utf8');
    } catch {
      return 'invalid JSON';
    }
    const problem = jsonSyntaxProblem(text);
    if (problem) return problem;
    return 'invalid JSON';
  }
  // JS/TS configuration: the first line of the error only; the stack and code frames stay out.
  return (error.message.split('\n').find((l) => l.trim() && !/^(JSON|YAML|TypeScript) Error in /.test(l)) ?? error.name).trim();
}

/**
 * The default loaders, each bounded (size of what it reads, values and depth of what it returns)
 * and tagging its errors with the file it was reading. A JS configuration may throw anything:
 * what is not an Error becomes one, so that it can be reported.
 */
function boundedLoaders(defaultLoaders: Record<string, Loader>): Record<string, Loader> {
  return Object.fromEntries(
    Object.entries(defaultLoaders).map(([ext, load]) => [
      ext,
      async (filepath: string, content: string) => {
        try {
          sizeLimit(filepath, Buffer.byteLength(content));
          const value: unknown = await load(filepath, content);
          valueLimits(filepath, value);
          return value;
        } catch (error) {
          const err = error instanceof Error ? error : new Error(`it threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`);
          (err as { configFile?: string }).configFile = filepath;
          throw err;
        }
      },
    ]),
  );
}

const JS_CONFIG = /\.(c|m)?(j|t)s$/;

/** The configuration file to read, checked before reading: a file, there, within the size limit. */
async function configFileToRead(given: string | undefined, cwd: string): Promise<string | undefined> {
  if (given !== undefined && !given.trim()) throw new UsageError(t('--config est vide.', '--config is empty.'), t('Donnez le chemin d’un fichier de configuration, par exemple --config .checkout-doctorrc.json.', 'Give the path of a configuration file, e.g. --config .checkout-doctorrc.json.'));
  const path = given !== undefined ? resolve(cwd, given) : await discoverConfig(cwd, CONFIG_NAME).catch(tooBig);
  if (!path) return undefined;
  const shown = given ?? path;
  let st: Stats;
  try {
    st = await stat(path);
  } catch (error) {
    if (given !== undefined) throw new UsageError(t(`Le fichier de configuration ${given} n’existe pas.`, `Configuration file ${given} does not exist.`), t('Vérifiez le chemin donné à --config.', 'Check the path given to --config.'));
    const target = await readlink(path).catch(() => undefined);
    throw new UsageError(
      t(`Impossible de lire la configuration ${path} (${(error as NodeJS.ErrnoException).code}${target ? ` : lien vers ${target}, introuvable` : ''}).`, `Cannot read configuration ${path} (${(error as NodeJS.ErrnoException).code}${target ? `: a link to ${target}, which does not exist` : ''}).`),
      t('Réparez ou supprimez ce fichier, ou donnez-en un autre avec --config.', 'Repair or delete that file, or give another one with --config.'),
    );
  }
  if (!st.isFile()) {
    // A folder, or a device such as /dev/null: either way there is no configuration to read.
    const what = st.isDirectory() ? t('un dossier', 'a folder') : t('un fichier spécial (périphérique, tube…)', 'a special file (device, pipe…)');
    throw new UsageError(
      t(`La configuration ${shown} est ${what.fr}, pas un fichier.`, `Configuration file ${shown} is ${what.en}, not a file.`),
      given !== undefined
        ? t('Donnez à --config le chemin du fichier de configuration lui-même.', 'Give the path of the configuration file itself to --config.')
        : t('Supprimez ou renommez-le, ou donnez un fichier avec --config.', 'Remove or rename it, or give a file with --config.'),
    );
  }
  sizeLimitOrUsage(path, st.size);
  return path;
}

function tooBig(error: unknown): never {
  if (error instanceof ConfigTooBigError) {
    throw new UsageError(
      t(`La configuration ${error.filepath} est refusée : ${error.what.fr}.`, `Configuration ${error.filepath} refused: ${error.what.en}.`),
      t(
        'Une configuration tient en quelques kilo-octets : vérifiez que c’est le bon fichier, et qu’aucun alias YAML (*nom) ne répète des blocs en cascade.',
        'A configuration takes a few kilobytes: check that this is the right file, and that no YAML alias (*name) repeats blocks over and over.',
      ),
    );
  }
  throw error;
}

function sizeLimitOrUsage(path: string, size: number): void {
  try {
    sizeLimit(path, size);
  } catch (error) {
    tooBig(error);
  }
}

export async function loadConfig(options: { configPath?: string; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<LoadedConfig | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const given = options.configPath;
  // Searched from the current folder up to the project root (the nearest package.json), as a
  // person running the tool from a subfolder of their project expects.
  const path: string | undefined = await configFileToRead(given, cwd);
  if (!path) return undefined;
  // cosmiconfig (with its YAML parser and code frames) loads only when there is a file to read.
  const { cosmiconfig, defaultLoaders } = await import('./read-file.js');
  const explorer = cosmiconfig(CONFIG_NAME, { loaders: boundedLoaders(defaultLoaders), searchStrategy: 'none', cache: false });
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    result = await explorer.load(path);
  } catch (error) {
    if (error instanceof ConfigTooBigError) tooBig(error);
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      // A file named by the configuration's "$import" is missing, not the configuration itself.
      const missing = (err as { path?: string }).path;
      if (missing && resolve(missing) !== path) {
        throw new UsageError(
          t(`La configuration ${path} importe ${missing}, qui n’existe pas.`, `Configuration ${path} imports ${missing}, which does not exist.`),
          t('Corrigez le chemin donné à "$import" (relatif au dossier de la configuration).', 'Fix the path given to "$import" (relative to the configuration\'s folder).'),
        );
      }
      throw new UsageError(t(`Le fichier de configuration ${given ?? path} n’existe pas.`, `Configuration file ${given ?? path} does not exist.`), t('Vérifiez le chemin donné à --config.', 'Check the path given to --config.'));
    }
    if (err.code === 'EACCES' || err.code === 'EPERM') {
      throw new UsageError(
        t(`Impossible de lire la configuration ${path} (permission refusée).`, `Cannot read configuration ${path} (permission denied).`),
        t('Donnez le droit de lecture sur ce fichier à l’utilisateur qui lance checkout-doctor.', 'Give the user running checkout-doctor read permission on that file.'),
      );
    }
    if (/^No loader specified for extension/.test(err.message ?? '')) {
      throw new UsageError(
        t(`Impossible de lire la configuration ${path} : type de fichier inconnu.`, `Cannot read configuration ${path}: unknown file type.`),
        t('Utilisez un fichier .json, .yaml, .yml, .js, .cjs ou .mjs (ou un fichier sans extension contenant du JSON ou du YAML).', 'Use a .json, .yaml, .yml, .js, .cjs or .mjs file (or a file without extension holding JSON or YAML).'),
      );
    }
    const file = (err as { configFile?: string }).configFile ?? path!;
    if (JS_CONFIG.test(file) && !(err instanceof SyntaxError)) {
      // The file ran and threw: its own error is the news, not a syntax problem.
      const what = describeSyntaxError(err, file);
      throw new UsageError(
        t(`La configuration ${file} a échoué en se chargeant : ${what}.`, `Configuration ${file} failed while loading: ${what}.`),
        t('Corrigez ce que dit cette erreur (souvent une variable d’environnement manquante), puis relancez.', 'Fix what this error says (often a missing environment variable), then run again.'),
      );
    }
    throw new UsageError(t(`Impossible de lire la configuration ${file} : ${describeSyntaxError(err, file)}.`, `Cannot read configuration ${file}: ${describeSyntaxError(err, file)}.`), t('Corrigez la syntaxe du fichier puis relancez.', 'Fix the file syntax and run again.'));
  }
  if (!result || result.config === null) {
    throw new UsageError(
      t(`La configuration ${path} vaut null : elle ne configure rien.`, `Configuration file ${path} holds null: it configures nothing.`),
      t('Écrivez-y la configuration sous forme d’objet JSON (voir le README), ou supprimez le fichier.', 'Write the configuration in it as a JSON object (see the README), or delete the file.'),
    );
  }
  if (result.isEmpty || result.config === undefined) {
    throw new UsageError(t(`Le fichier de configuration ${result.filepath} est vide.`, `Configuration file ${result.filepath} is empty.`), t('Écrivez-y la configuration sous forme d’objet JSON, ou supprimez le fichier.', 'Write the configuration in it as a JSON object, or delete the file.'));
  }
  return { config: validateConfig(result.config, result.filepath, options.env), filepath: result.filepath, raw: result.config };
}

export function configDir(loaded: LoadedConfig | undefined, cwd: string): string {
  return loaded ? dirname(loaded.filepath) : cwd;
}
