// Parsing of the flags shared by several commands, with exit-2 errors that list valid values.

import { UsageError } from '../engine/errors.js';
import { closeMatches } from '../engine/clubs.js';
import type { Lang } from '../engine/types.js';
import { detectLang } from '../report/i18n.js';
import { t } from '../engine/types.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  notOneOf: (flag: string, allowed: readonly string[], value: string) => t(`${flag} doit valoir ${allowed.join(', ')} (reçu : « ${value} »).`, `${flag} must be one of ${allowed.join(', ')} (got "${value}").`),
  noIds: (flag: string) => t(`${flag} attend au moins un identifiant de contrôle.`, `${flag} needs at least one check id.`),
  listChecksHint: t('Lancez `checkout-doctor list-checks` pour les voir.', 'Run `checkout-doctor list-checks` to see them.'),
  unknownId: (flag: string, id: string) => t(`Identifiant de contrôle inconnu dans ${flag} : « ${id} ».`, `Unknown check id "${id}" in ${flag}.`),
  didYouMean: t('Vouliez-vous dire :', 'Did you mean:'),
  badShard: (value: string) => t(`--shard s’écrit comme 2/5 (part 2 sur 5) ; reçu : « ${value} ».`, `--shard must look like 2/5 (shard 2 of 5), got "${value}".`),
  badTimeout: (value: string) => t(`--timeout attend un nombre de secondes entre 0 et 86400 (reçu : « ${value} »).`, `--timeout must be a number of seconds between 0 and 86400 (got "${value}").`),
};

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(MESSAGES.notOneOf(flag, allowed, value));
}

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  return value === undefined ? detectLang(env) : oneOf('--lang', value, ['fr', 'en'] as const, 'en');
}

/** Comma-separated check ids, each one known. */
export function parseIds(flag: string, value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) throw new UsageError(MESSAGES.noIds(flag), MESSAGES.listChecksHint);
  for (const id of ids) {
    if (!known.includes(id)) {
      const close = closeMatches(id, known, 3);
      throw new UsageError(MESSAGES.unknownId(flag, id), close.length ? MESSAGES.didYouMean : MESSAGES.listChecksHint, close.map((c) => `  ${c}`));
    }
  }
  return ids;
}

/** `--shard i/n`: this run takes the clubs whose index modulo n is i-1. */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(MESSAGES.badShard(value));
  return { index, count };
}

/** Default overall deadline of a run, in seconds: above every source's own bounds added up. */
export const DEFAULT_RUN_TIMEOUT_S = 120;

/** `--timeout <seconds>`: the run's overall deadline (a positive number, at most a day). */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RUN_TIMEOUT_S;
  const seconds = Number(value.trim());
  if (!value.trim() || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new UsageError(MESSAGES.badTimeout(value));
  }
  return seconds;
}
