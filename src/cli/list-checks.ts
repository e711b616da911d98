// `checkout-doctor list-checks [--format json]`: every check the registry holds (built-in, plus
// plugins when --config names a configuration), as a table for people or JSON for scripts.

import { builtinRegistry, loadPlugins, type Registry } from '../engine/registry.js';
import type { Check, Lang } from '../engine/types.js';
import { CATEGORY_LABELS, CHECKS_COUNT, GUIDED_POINTS_COUNT, QUERY_FLAGS, UI, pick } from '../report/i18n.js';
import { GUIDED_ONLY_POINTS, guidedOnlyPoint } from './guided/faq-points.js';
import { plural } from '../report/french.js';
import { CATEGORY_ORDER } from '../report/render/pretty.js';
import { oneOf, parseLang } from './options.js';
import { terminalSafe } from '../report/text.js';
import { writeReport, type Io } from './output.js';

export interface ListChecksFlags {
  format?: string;
  lang?: string;
  config?: string;
}

/** One entry of `list-checks --format json`. */
export interface CheckListing {
  id: string;
  category: string;
  severity: string;
  title: string;
  description: string;
  docs: string;
  needs: string[];
  optional?: string[];
  asks?: string;
  defaultOptions?: Record<string, unknown>;
  /** A manual point asked only in the guided mode (contract addition): no source reads it, a person answers. */
  guidedOnly?: true;
}

/** Checks in report order: by category as the pretty report groups them, then by id. */
export function sortedChecks(registry: Registry): Check[] {
  return sortChecks(registry.all());
}

function sortChecks(checks: Check[]): Check[] {
  const rank = (c: Check) => {
    const i = CATEGORY_ORDER.indexOf(c.meta.category);
    return i === -1 ? CATEGORY_ORDER.length : i;
  };
  // Ids are lowercase letters, digits and hyphens (the registry refuses others), where code-point
  // order is the collation order: no localeCompare, whose first call loads ICU's collator (~10 ms).
  const byId = (a: Check, b: Check) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0);
  return checks.sort((a, b) => rank(a) - rank(b) || byId(a, b));
}

/** The registry's checks and the points only the guided mode asks, in report order. */
export function listedChecks(registry: Registry): Check[] {
  return sortChecks([...registry.all(), ...GUIDED_ONLY_POINTS.filter((p) => !registry.get(p.meta.id))]);
}

/** True for a point asked only in the guided mode (not a check of the registry). */
export function isGuidedOnly(check: Check): boolean {
  return guidedOnlyPoint(check.meta.id) === check;
}

export function checkListing(check: Check, lang: Lang): CheckListing {
  const { meta } = check;
  return {
    id: meta.id,
    category: meta.category,
    severity: meta.severity,
    title: pick(meta.title, lang),
    description: meta.description ? pick(meta.description, lang) : '',
    docs: meta.docs ?? '',
    needs: [...meta.needs],
    ...(meta.optional?.length ? { optional: [...meta.optional] } : {}),
    ...(meta.asks ? { asks: meta.asks } : {}),
    ...(meta.defaultOptions && Object.keys(meta.defaultOptions).length ? { defaultOptions: meta.defaultOptions } : {}),
    ...(isGuidedOnly(check) ? { guidedOnly: true as const } : {}),
  };
}

export function renderCheckTable(checks: readonly Check[], lang: Lang): string {
  const rows = checks.map((c) => [
    c.meta.id,
    CATEGORY_LABELS[c.meta.category] ? pick(CATEGORY_LABELS[c.meta.category], lang) : c.meta.category,
    c.meta.severity,
    pick(c.meta.title, lang) + (c.meta.asks ? ` (${pick(UI.onlyWith, lang)} ${QUERY_FLAGS[c.meta.asks].split(' ')[0]})` : '') + (isGuidedOnly(c) ? ` (${pick(UI.guidedOnly, lang)})` : ''),
  ]);
  const guided = checks.filter(isGuidedOnly).length;
  const count = `${plural(lang, checks.length - guided, CHECKS_COUNT)}.${guided ? ` ${plural(lang, guided, GUIDED_POINTS_COUNT)}` : ''}`;
  const header = [pick(UI.colId, lang), pick(UI.colCategory, lang), pick(UI.colSeverity, lang), pick(UI.colTitle, lang)];
  const widths = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${count} ${pick(UI.explainHint, lang)}`, ''].join('\n');
}

export async function registryFor(io: Io, configPath: string | undefined): Promise<Registry> {
  const registry = builtinRegistry();
  if (configPath !== undefined) {
    // Only plugins need the configuration: without --config, cosmiconfig and zod stay unloaded.
    const { configDir, loadConfig } = await import('../config/load.js');
    const loaded = await loadConfig({ configPath, cwd: io.cwd, env: io.env });
    await loadPlugins(registry, loaded?.config.plugins ?? [], configDir(loaded, io.cwd));
  }
  return registry;
}

export async function listChecks(io: Io, flags: ListChecksFlags): Promise<number> {
  const format = oneOf('--format', flags.format, ['pretty', 'json'] as const, 'pretty');
  const lang = parseLang(flags.lang, io.env);
  const registry = await registryFor(io, flags.config);
  // JSON is for scripts: the checks a diagnosis runs, each id valid for --only (the contract's list).
  // The table, for people, adds the points only the guided mode asks.
  // A plugin's title reaches the terminal like shop text does: controls shown visibly.
  const text =
    format === 'json'
      ? JSON.stringify(sortedChecks(registry).map((c) => checkListing(c, lang)), null, 2) + '\n'
      : terminalSafe(renderCheckTable(listedChecks(registry), lang));
  await writeReport(io, text);
  return 0;
}
