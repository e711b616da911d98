// The set of checks a run may use: the built-in ones from checks/ plus plugins from config.
// Ids are part of the public contract, so the registry refuses duplicates and malformed metadata.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';
import { builtinChecks } from '../../checks/index.js';
import { UsageError } from './errors.js';
import { importModule } from './import-module.js';
import type { PartName } from './parts.js';
import { isPartName } from './shapes.js';
import { lookupPartFor } from './snapshot.js';
import { CHECK_CATEGORIES, type Check, type Query, type Text } from './types.js';
import { CHECK_PROBLEMS as P, REGISTRY_MESSAGES as M } from './messages.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CATEGORIES = new Set<string>(CHECK_CATEGORIES);

/** Returns the problems of a check's metadata, empty when it is sound. */
export function checkProblems(check: unknown): string[] {
  return checkProblemTexts(check).map((p) => p.en);
}

/** The problems of a check's metadata in both languages, empty when it is sound. */
export function checkProblemTexts(check: unknown): Text[] {
  const c = check as Partial<Check> | undefined;
  if (!c || typeof c !== 'object' || !c.meta || typeof c.run !== 'function') return [P.notACheck];
  const { meta } = c;
  const problems: Text[] = [];
  if (typeof meta.id !== 'string' || !ID.test(meta.id)) problems.push(P.id(JSON.stringify(meta.id)));
  if (!CATEGORIES.has(meta.category)) problems.push(P.category(JSON.stringify(meta.category), CHECK_CATEGORIES.join(', ')));
  if (meta.severity !== 'fail' && meta.severity !== 'warn') problems.push(P.severity(JSON.stringify(meta.severity)));
  for (const part of [...(meta.needs ?? []), ...(meta.optional ?? [])]) if (!isPartName(part)) problems.push(P.part(JSON.stringify(part)));
  if (!meta.title?.fr || !meta.title?.en) problems.push(P.title);
  if (meta.asks !== undefined && !['customer', 'code', 'order'].includes(meta.asks)) problems.push(P.asks(JSON.stringify(meta.asks)));
  return problems;
}

export class Registry {
  private readonly byId = new Map<string, Check>();

  constructor(checks: readonly Check[]) {
    for (const check of checks) this.add(check, M.builtin);
  }

  /** `origin` says where the check comes from (`plugin "./x.mjs"`), for the messages. */
  add(check: Check, origin: Text): void {
    const problems = checkProblemTexts(check);
    if (problems.length) throw new UsageError(M.invalidCheck(origin, problems), M.invalidCheckHint);
    if (this.byId.has(check.meta.id)) throw new UsageError(M.duplicate(check.meta.id, origin), M.duplicateHint);
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
    timer = setTimeout(() => reject(Object.assign(new Error(M.loadTimeout(ms / 1000)), { text: M.loadTimeoutText(ms / 1000) })), ms);
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
      const reason = (error as { text?: Text }).text ?? M.nodeReason((error as Error).message);
      throw new UsageError(M.cannotLoad(spec, reason), M.cannotLoadHint);
    }
    if (!Array.isArray(mod.default)) throw new UsageError(M.notAList(spec), M.notAListHint);
    for (const check of mod.default) registry.add(check as Check, M.plugin(spec));
  }
}
