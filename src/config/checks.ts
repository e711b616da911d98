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
import { t } from '../engine/types.js';

export interface ResolvedCheckSettings {
  off: Set<string>;
  settings: Record<string, CheckSettings>;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function resolveCheckSettings(checks: Config['checks'], registry: Registry, filepath: string): ResolvedCheckSettings {
  const off = new Set<string>();
  const settings: Record<string, CheckSettings> = {};
  const problems: string[] = [];
  const ids = registry.ids();
  for (const [id, value] of Object.entries(checks ?? {})) {
    const check = registry.get(id);
    if (!check) {
      const close = closeMatches(id, ids, 1);
      problems.push(`checks.${id}: unknown check id${close.length ? ` (did you mean "${close[0]}"?)` : ' (run `checkout-doctor list-checks` to see them)'}`);
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
          const hint = close.length ? `did you mean "${close[0]}"?` : known.length ? `its options: ${known.join(', ')}` : 'this check has no options';
          problems.push(`checks.${id}.${name}: unknown option (${hint})`);
        } else if (defaults[name] !== null && defaults[name] !== undefined && typeName(given) !== typeName(defaults[name])) {
          problems.push(`checks.${id}.${name}: expected ${typeName(defaults[name])} (default ${JSON.stringify(defaults[name])}), got ${typeName(given)}`);
        }
      }
    }
    settings[id] = { ...(severity ? { severity: severity as Severity } : {}), options };
  }
  if (problems.length) throw new UsageError(t(`Configuration invalide dans ${filepath} :`, `Invalid configuration in ${filepath}:`), t('Corrigez ces clés puis relancez.', 'Fix these keys and run again.'), problems.map((p) => `  ${p}`));
  return { off, settings };
}
