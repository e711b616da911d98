// Finds, reads and validates the configuration. Every problem is an exit-2 UsageError that names
// the file and the key path ("clubs[0].stripe.secretKey: ..."), and never quotes a secret: the values
// of the secret fields are registered with the redactor as soon as they are read (before
// validation), and syntax errors are reported by line and column rather than with a code frame.

import { readFileSync, type Stats } from 'node:fs';
import { readlink, stat } from '../engine/fs.js';
import { dirname, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import * as z from 'zod';
import { closeMatches } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import { redactor, type Redactor } from '../secrets/redact.js';
import { registerUrlSecrets, SECRET_NAME } from '../secrets/scrub.js';
import { t, type Text } from '../engine/types.js';
import { ConfigTooBigError, sizeLimit, valueLimits } from './bounds.js';
import { discoverConfig } from './discover.js';
import { jsonSyntaxText } from './json-syntax.js';
import { configSchema, type Config } from './schema.js';
import { CONFIG_MESSAGES, EXPECTED, FILE_MESSAGES as M, KINDS, kindWithValue, problemLines, SYNTAX_MESSAGES } from './messages.js';

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
  /** Filled with one line per unusable reference, in both languages. */
  missing: Text[] = [],
  /** Filled with the paths whose value came from the environment: messages never quote those. */
  fromEnv: Set<string> = new Set(),
): unknown {
  if (typeof value === 'string') {
    let resolved = value;
    if (value.startsWith('env:')) {
      const name = value.slice(4).trim();
      const found = name ? env[name] : undefined;
      const where = formatPath(path);
      if (!name) {
        missing.push(CONFIG_MESSAGES.envNoName(where));
        return value;
      }
      if (found === undefined) {
        missing.push(CONFIG_MESSAGES.envUnset(where, name));
        return value;
      }
      if (found.trim() === '') {
        missing.push(CONFIG_MESSAGES.envEmpty(where, name));
        return value;
      }
      resolved = found;
      fromEnv.add(where);
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
  let schema: AnySchema | undefined = configSchema() as unknown as AnySchema;
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

function kindOf(value: unknown): Text {
  if (value === null) return KINDS.null!;
  if (Array.isArray(value)) return KINDS.list!;
  if (typeof value === 'object') return KINDS.object!;
  if (typeof value === 'string') return KINDS.string!;
  if (typeof value === 'number') return Number.isInteger(value) ? KINDS.integer! : KINDS.number!;
  if (typeof value === 'boolean') return KINDS.boolean!;
  return t(typeof value, typeof value);
}

/** A value that may be a secret: under a secret-looking key (`checks.<id>` names a check, not a key). */
function isSecretPath(path: readonly PropertyKey[]): boolean {
  if (path[0] === 'checks' && path.length <= 2) return false;
  return isSecretKeyName([...path].reverse().find((p) => typeof p === 'string'));
}

/** What was found, quoted only when it cannot be a secret (secret-looking key, or read from the environment) and is short. */
function got(value: unknown, path: readonly PropertyKey[], envPaths: ReadonlySet<string>): Text {
  const secret = isSecretPath(path) || envPaths.has(formatPath(path));
  const shown = !secret && (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 40));
  return kindWithValue(kindOf(value), shown ? JSON.stringify(value) : undefined);
}

function expected(type: string): Text {
  return EXPECTED[type] ?? t(type, type);
}

function issueLines(issue: z.core.$ZodIssue, input: unknown, envPaths: ReadonlySet<string>): Text[] {
  const where = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  const found = () => got(value, issue.path, envPaths);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => {
        const path = formatPath([...issue.path, key]);
        const close = closeMatches(key, known, 1);
        if (close.length) return CONFIG_MESSAGES.unknownKeyClose(path, close[0]!);
        return known.length ? CONFIG_MESSAGES.unknownKeyKnown(path, known) : CONFIG_MESSAGES.unknownKey(path);
      });
    }
    case 'invalid_type':
      if (value === undefined) return [CONFIG_MESSAGES.missing(where, expected(issue.expected))];
      return [CONFIG_MESSAGES.wrongType(where, expected(issue.expected), found())];
    case 'too_small':
      if (issue.origin === 'string') return [CONFIG_MESSAGES.emptyString(where)];
      if (issue.origin === 'array') return [CONFIG_MESSAGES.emptyList(where)];
      return [CONFIG_MESSAGES.tooSmall(where, Boolean(issue.inclusive), String(issue.minimum), found())];
    case 'too_big':
      return [CONFIG_MESSAGES.tooBig(where, Boolean(issue.inclusive), String(issue.maximum), found())];
    case 'invalid_value':
      return [CONFIG_MESSAGES.oneOf(where, issue.values.map((v) => JSON.stringify(v)).join(', '), found())];
    case 'invalid_union':
      if (issue.path[0] === 'checks' && issue.path.length === 2) return [checkSettingProblem(issue.path, value, envPaths)];
      return [CONFIG_MESSAGES.other(where, issue.message, found())];
    case 'invalid_format':
      // The schema's two formats: URLs (prestashop.url, *.apiBase) and the table prefix.
      if (issue.format === 'url') return [CONFIG_MESSAGES.httpUrl(where, found())];
      if (issue.format === 'regex') return [CONFIG_MESSAGES.prefix(where, found())];
      return [CONFIG_MESSAGES.other(where, issue.message, found())];
    default:
      return [CONFIG_MESSAGES.other(where, issue.message, value !== undefined ? found() : undefined)];
  }
}

function checkSettingProblem(path: readonly PropertyKey[], value: unknown, envPaths: ReadonlySet<string>): Text {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'severity' in value) {
    const at = [...path, 'severity'];
    return CONFIG_MESSAGES.checkSeverity(formatPath(at), got((value as { severity: unknown }).severity, at, envPaths));
  }
  return CONFIG_MESSAGES.checkSetting(formatPath(path), got(value, path, envPaths));
}

export function validateConfig(raw: unknown, filepath: string, env: NodeJS.ProcessEnv = process.env): Config {
  const missing: Text[] = [];
  const fromEnv = new Set<string>();
  const resolved = resolveEnv(raw, env, [], missing, fromEnv);
  registerConfigSecrets(resolved);
  const parsed = configSchema().safeParse(resolved);
  // A key whose variable is unset still holds "env:NAME": its type errors would only repeat the news.
  const unresolved = new Set(missing.map((m) => m.en.slice(0, m.en.indexOf(': '))));
  const issues = parsed.success ? [] : parsed.error.issues.filter((i) => !unresolved.has(formatPath(i.path)));
  const problems = [...missing, ...issues.flatMap((i) => issueLines(i, resolved, fromEnv))];
  if (problems.length || !parsed.success) {
    const lines = problemLines(problems);
    throw new UsageError(CONFIG_MESSAGES.invalid(filepath), missing.length ? CONFIG_MESSAGES.fixKeysAndEnv : CONFIG_MESSAGES.fixKeys, lines.en, lines.fr);
  }
  return parsed.data;
}

// --- Reading the file --------------------------------------------------------------------------

/**
 * A syntax error as one line that says where, never showing the file's content (it may hold a
 * secret that could not be registered yet, since the file did not parse).
 */
export function describeSyntaxError(error: Error & { mark?: { line: number; column: number }; reason?: string }, filepath: string | undefined): Text {
  if (error.name === 'YAMLException' && error.mark) return SYNTAX_MESSAGES.yaml(error.reason, error.mark.line + 1, error.mark.column + 1);
  if (error.name === 'JSONError' || /^JSON Error in /.test(error.message)) {
    let text = '';
    try {
      if (filepath) text = readFileSync(filepath, 'utf8');
    } catch {
      return SYNTAX_MESSAGES.invalidJson;
    }
    return jsonSyntaxText(text) ?? SYNTAX_MESSAGES.invalidJson;
  }
  // JS/TS configuration: the first line of the error only; the stack and code frames stay out.
  return SYNTAX_MESSAGES.thrown((error.message.split('\n').find((l) => l.trim() && !/^(JSON|YAML|TypeScript) Error in /.test(l)) ?? error.name).trim());
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
          const err = error instanceof Error ? error : new Error(SYNTAX_MESSAGES.threw(typeof error === 'string' ? JSON.stringify(error) : String(error)));
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
  if (given !== undefined && !given.trim()) throw new UsageError(M.emptyFlag, M.emptyFlagHint);
  const path = given !== undefined ? resolve(cwd, given) : await discoverConfig(cwd, CONFIG_NAME).catch(tooBig);
  if (!path) return undefined;
  const shown = given ?? path;
  let st: Stats;
  try {
    st = await stat(path);
  } catch (error) {
    if (given !== undefined) throw new UsageError(M.noFile(given), M.noFileHint);
    const target = await readlink(path).catch(() => undefined);
    throw new UsageError(M.cannotStat(path, (error as NodeJS.ErrnoException).code, target), M.cannotStatHint);
  }
  if (!st.isFile()) {
    // A folder, or a device such as /dev/null: either way there is no configuration to read.
    throw new UsageError(M.notAFile(shown, st.isDirectory() ? M.folder : M.special), given !== undefined ? M.notAFileGivenHint : M.notAFileFoundHint);
  }
  sizeLimitOrUsage(path, st.size);
  return path;
}

function tooBig(error: unknown): never {
  if (error instanceof ConfigTooBigError) {
    throw new UsageError(M.tooBig(error.filepath, error.what), M.tooBigHint);
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
        throw new UsageError(M.importMissing(path, missing), M.importMissingHint);
      }
      throw new UsageError(M.noFile(given ?? path), M.noFileHint);
    }
    if (err.code === 'EACCES' || err.code === 'EPERM') {
      throw new UsageError(M.denied(path), M.deniedHint);
    }
    if (/^No loader specified for extension/.test(err.message ?? '')) {
      throw new UsageError(M.unknownType(path), M.unknownTypeHint);
    }
    const file = (err as { configFile?: string }).configFile ?? path!;
    if (JS_CONFIG.test(file) && !(err instanceof SyntaxError)) {
      // The file ran and threw: its own error is the news, not a syntax problem.
      throw new UsageError(M.jsFailed(file, describeSyntaxError(err, file)), M.jsFailedHint);
    }
    throw new UsageError(M.syntax(file, describeSyntaxError(err, file)), M.syntaxHint);
  }
  if (!result || result.config === null) {
    throw new UsageError(M.isNull(path), M.isNullHint);
  }
  if (result.isEmpty || result.config === undefined) {
    throw new UsageError(M.isEmpty(result.filepath), M.isEmptyHint);
  }
  return { config: validateConfig(result.config, result.filepath, options.env), filepath: result.filepath, raw: result.config };
}

export function configDir(loaded: LoadedConfig | undefined, cwd: string): string {
  return loaded ? dirname(loaded.filepath) : cwd;
}
