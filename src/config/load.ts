// Finds, reads and validates the configuration. Every problem is an exit-2 UsageError that names
// the file and the key path ("clubs[0].stripe.secretKey: ...").

import { dirname } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { z } from 'zod';
import { UsageError } from '../engine/errors.js';
import { redactor } from '../secrets/redact.js';
import { ConfigSchema, type Config } from './schema.js';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, for messages and for resolving plugin paths. */
  filepath: string;
}

const SECRET_KEY_NAMES = /key|secret|password|token/i;

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(root)';
}

/**
 * Replaces every "env:NAME" string by the variable's value. Unset variables are all reported at once.
 * Values under secret-looking keys are registered with the redactor so they never get printed.
 */
export function resolveEnv(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[] = [], missing: string[] = []): unknown {
  if (typeof value === 'string') {
    const key = String(path[path.length - 1] ?? '');
    let resolved = value;
    if (value.startsWith('env:')) {
      const name = value.slice(4);
      const found = env[name];
      if (found === undefined || found === '') {
        missing.push(`${formatPath(path)}: environment variable ${name} is not set`);
        return value;
      }
      resolved = found;
    }
    if (SECRET_KEY_NAMES.test(key)) redactor.add(resolved);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, env, [...path, i], missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, env, [...path, k], missing)]));
  }
  return value;
}

export function validateConfig(raw: unknown, filepath: string, env: NodeJS.ProcessEnv = process.env): Config {
  const missing: string[] = [];
  const resolved = resolveEnv(raw, env, [], missing);
  const parsed = ConfigSchema.safeParse(resolved);
  const problems = [...missing, ...(parsed.success ? [] : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${issueText(i)}`))];
  if (problems.length || !parsed.success) {
    throw new UsageError(`Invalid configuration in ${filepath}:`, 'Fix these keys and run again.', problems.map((p) => `  ${p}`));
  }
  return parsed.data;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

export async function loadConfig(options: { configPath?: string; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<LoadedConfig | undefined> {
  const explorer = cosmiconfig('checkout-doctor');
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    result = options.configPath ? await explorer.load(options.configPath) : await explorer.search(options.cwd);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (options.configPath && err.code === 'ENOENT') {
      throw new UsageError(`Configuration file ${options.configPath} does not exist.`, 'Check the path given to --config.');
    }
    throw new UsageError(`Cannot read configuration ${options.configPath ?? ''}: ${err.message}`.replace('  ', ' '), 'Fix the file syntax and run again.');
  }
  if (!result) return undefined;
  if (result.isEmpty || result.config === null || result.config === undefined) {
    throw new UsageError(`Configuration file ${result.filepath} is empty.`, 'See the README for an example configuration.');
  }
  return { config: validateConfig(result.config, result.filepath, options.env), filepath: result.filepath };
}

export function configDir(loaded: LoadedConfig | undefined, cwd: string): string {
  return loaded ? dirname(loaded.filepath) : cwd;
}
