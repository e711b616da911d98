// The set of checks a run may use: the built-in ones from checks/ plus plugins from config.
// Ids are part of the public contract, so the registry refuses duplicates and malformed metadata.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';
import { builtinChecks } from '../../checks/index.js';
import { UsageError } from './errors.js';
import { importModule } from './import-module.js';
import { isPartName, type PartName } from './parts.js';
import { lookupPartFor } from './snapshot.js';
import { CHECK_CATEGORIES, type Check, type Query } from './types.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CATEGORIES = new Set<string>(CHECK_CATEGORIES);

/** Returns the problems of a check's metadata, empty when it is sound. */
export function checkProblems(check: unknown): string[] {
  const c = check as Partial<Check> | undefined;
  if (!c || typeof c !== 'object' || !c.meta || typeof c.run !== 'function') return ['not a { meta, run } object'];
  const { meta } = c;
  const problems: string[] = [];
  if (typeof meta.id !== 'string' || !ID.test(meta.id)) problems.push(`id ${JSON.stringify(meta.id)} is not kebab-case`);
  if (!CATEGORIES.has(meta.category)) problems.push(`category ${JSON.stringify(meta.category)} is unknown`);
  if (meta.severity !== 'fail' && meta.severity !== 'warn') problems.push(`severity ${JSON.stringify(meta.severity)} is not fail or warn`);
  for (const part of [...(meta.needs ?? []), ...(meta.optional ?? [])]) if (!isPartName(part)) problems.push(`part ${JSON.stringify(part)} is unknown`);
  if (!meta.title?.fr || !meta.title?.en) problems.push('title needs fr and en');
  if (meta.asks !== undefined && !['customer', 'code', 'order'].includes(meta.asks)) problems.push(`asks ${JSON.stringify(meta.asks)} is not customer, code or order`);
  return problems;
}

export class Registry {
  private readonly byId = new Map<string, Check>();

  constructor(checks: readonly Check[]) {
    for (const check of checks) this.add(check, 'built-in');
  }

  add(check: Check, origin: string): void {
    const problems = checkProblems(check);
    if (problems.length) throw new UsageError(`Check from ${origin} is invalid: ${problems.join('; ')}.`);
    if (this.byId.has(check.meta.id)) throw new UsageError(`Check id "${check.meta.id}" from ${origin} is already taken.`);
    this.byId.set(check.meta.id, check);
  }

  all(): Check[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get(id: string): Check | undefined {
    return this.byId.get(id);
  }
}

/**
 * The parts a run must gather for these checks and questions: what each selected check needs or
 * can use. A check that will be skipped (its `--customer`/`--code`/`--order` was not asked) needs
 * nothing, and a lookup part is only needed when its question was asked. Sources request nothing
 * outside this set (`--only`, `--skip` and `"off"` restrict what is fetched, not only what is shown).
 */
export function partsNeeded(checks: readonly Check[], query: Query): Set<PartName> {
  const needed = new Set<PartName>();
  for (const { meta } of checks) {
    if (meta.asks && query[meta.asks] === undefined) continue;
    for (const part of [...meta.needs, ...(meta.optional ?? [])]) {
      const lookup = lookupPartFor(part);
      if (!lookup || query[lookup] !== undefined) needed.add(part);
    }
  }
  return needed;
}

export function builtinRegistry(): Registry {
  return new Registry(builtinChecks);
}

/**
 * A package name is looked up from the configuration's folder (the shop project's node_modules),
 * not from wherever checkout-doctor itself is installed; failing that, Node's own resolution.
 */
function packageTarget(spec: string, baseDir: string): string {
  try {
    return pathToFileURL(createRequire(join(baseDir, 'noop.js')).resolve(spec)).href;
  } catch {
    return spec;
  }
}

/** Longest a plugin module may take to load (a top-level await that never settles ends here). */
export const PLUGIN_LOAD_TIMEOUT_MS = 10_000;

function importWithin(target: string, ms: number): Promise<{ default?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not finish loading within ${ms / 1000} s`)), ms);
  });
  return Promise.race([importModule<{ default?: unknown }>(target), late]).finally(() => clearTimeout(timer));
}

/** Loads plugins: module paths (relative to the config file) or package names exporting a list of checks. */
export async function loadPlugins(registry: Registry, plugins: readonly string[], baseDir: string, loadTimeoutMs = PLUGIN_LOAD_TIMEOUT_MS): Promise<void> {
  for (const spec of plugins) {
    const target = spec.startsWith('.') || isAbsolute(spec) ? pathToFileURL(resolve(baseDir, spec)).href : packageTarget(spec, baseDir);
    let mod: { default?: unknown };
    try {
      mod = await importWithin(target, loadTimeoutMs);
    } catch (error) {
      throw new UsageError(`Cannot load plugin "${spec}": ${(error as Error).message}`, 'Check the "plugins" list in your configuration.');
    }
    if (!Array.isArray(mod.default)) throw new UsageError(`Plugin "${spec}" must export a list of checks as its default export.`);
    for (const check of mod.default) registry.add(check as Check, `plugin "${spec}"`);
  }
}
