// The `checks` key of the configuration, read against the registry (built-in checks and plugins):
// which checks are off, which severity and options each one gets. Problems are exit-2 errors with
// the key path, all reported at once: an unknown id (with the closest id), an option the check does
// not declare (misspelt options would otherwise be silently ignored), an option of the wrong type.
//
// Used by `diagnose` to turn the `checks` config key into per-check settings.

import { closeMatches } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import type { Registry } from '../engine/registry.js';
import type { CheckSettings } from '../engine/runner.js';
import type { Severity } from '../engine/types.js';
import type { Config } from './schema.js';
import { t, type Text } from '../engine/types.js';
import { CONFIG_MESSAGES, EXPECTED, KINDS, problemLines } from './messages.js';

export interface ResolvedCheckSettings {
  off: Set<string>;
  settings: Record<string, CheckSettings>;
}

/** The kind of an option's value, as the person would name it (compared between default and given). */
function typeName(value: unknown): Text {
  if (value === null) return KINDS.null!;
  if (Array.isArray(value)) return KINDS.list!;
  if (typeof value === 'number') return KINDS.number!;
  if (typeof value === 'string') return KINDS.string!;
  if (typeof value === 'boolean') return EXPECTED.boolean!;
  return typeof value === 'object' ? KINDS.object! : t(typeof value, typeof value);
}

export function resolveCheckSettings(checks: Config['checks'], registry: Registry, filepath: string): ResolvedCheckSettings {
  const off = new Set<string>();
  const settings: Record<string, CheckSettings> = {};
  const problems: Text[] = [];
  const ids = registry.ids();
  for (const [id, value] of Object.entries(checks ?? {})) {
    const check = registry.get(id);
    if (!check) {
      const close = closeMatches(id, ids, 1);
      problems.push(close.length ? CONFIG_MESSAGES.unknownCheckClose(`checks.${id}`, close[0]!) : CONFIG_MESSAGES.unknownCheck(`checks.${id}`));
      continue;
    }
    const { severity, ...options } = typeof value === 'string' ? { severity: value } : value;
    if (severity === 'off') {
      off.add(id);
      continue;
    }
    const defaults = check.meta.defaultOptions;
    if (defaults) {
      const known = Object.keys(defaults);
      for (const [name, given] of Object.entries(options)) {
        if (!(name in defaults)) {
          const close = closeMatches(name, known, 1);
          const where = `checks.${id}.${name}`;
          problems.push(close.length ? CONFIG_MESSAGES.unknownOptionClose(where, close[0]!) : known.length ? CONFIG_MESSAGES.unknownOptionKnown(where, known) : CONFIG_MESSAGES.unknownOptionNone(where));
        } else if (defaults[name] !== null && defaults[name] !== undefined && typeName(given).en !== typeName(defaults[name]).en) {
          problems.push(CONFIG_MESSAGES.optionType(`checks.${id}.${name}`, typeName(defaults[name]), JSON.stringify(defaults[name]), typeName(given)));
        }
      }
    }
    settings[id] = { ...(severity ? { severity: severity as Severity } : {}), options };
  }
  if (problems.length) {
    const lines = problemLines(problems);
    throw new UsageError(CONFIG_MESSAGES.invalid(filepath), CONFIG_MESSAGES.fixKeys, lines.en, lines.fr);
  }
  return { off, settings };
}
