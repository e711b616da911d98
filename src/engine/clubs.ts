// Finding a club by the name a person typed: case, accents, punctuation and spacing do not matter
// ("as saint-etienne" finds "AS Saint-Étienne").

import { UsageError } from './errors.js';
import type { PartMap } from './snapshot.js';
import { t } from './types.js';

/** The texts of the club-name errors (issue 10.4: in one place, out of the logic). */
const MESSAGES = {
  emptyName: t('Le nom du club est vide.', 'The club name is empty.'),
  emptyNameHint: t('Donnez un nom de club, ou utilisez --all.', 'Give a club name, or use --all.'),
  sameName: (query: string, exact: readonly ClubLike[]) => t(`« ${query} » désigne ${exact.length} clubs (groupes de clients du même nom) :`, `"${query}" names ${exact.length} clubs (customer groups with the same name):`),
  sameNameHint: (exact: readonly ClubLike[]) => t(`Donnez le club sous la forme "${exact[0]!.name}#<n° du groupe>", par exemple "${clubLabel(exact[0]!, exact)}".`, `Give the club as "${exact[0]!.name}#<group id>", e.g. "${clubLabel(exact[0]!, exact)}".`),
  several: (query: string) => t(`« ${query} » correspond à plusieurs clubs :`, `"${query}" matches several clubs:`),
  severalTwinsHint: t('Donnez le nom complet du club, et "#<n° du groupe>" pour les clubs qui partagent un nom.', 'Give the full club name, and "#<group id>" for clubs that share a name.'),
  severalHint: t('Donnez le nom complet du club.', 'Give the full club name.'),
  noSuchClub: (query: string, close: readonly string[]) => t(`Aucun club nommé « ${query} ». ${close.length ? 'Vouliez-vous dire l’un de ceux-ci ?' : 'Clubs connus :'}`, `No club named "${query}". ${close.length ? 'Did you mean one of these?' : 'Known clubs:'}`),
  noSuchClubHint: t('Donnez le nom du club tel que la boutique l’écrit (majuscules et accents indifférents).', 'Give the club name as the shop spells it (case and accents do not matter).'),
};

export function normaliseName(name: string): string {
  return latinFold(name) ?? name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * normaliseName for the names nearly every shop has (Latin letters, their accents, ASCII
 * punctuation), without Unicode property escapes: the first \p{…} regular expression a process
 * runs builds its character tables from ICU, ~5 ms of CPU at every diagnosis (issue 9). Undefined
 * when the name holds anything else; the result is then the general one's.
 * Exact: every mark up to U+036F lies in U+0300–U+036F, and an ASCII string's letters and digits are
 * [a-z0-9] once lower-cased (test/engine/clubs.test.ts compares both on every such character).
 */
export function latinFold(name: string): string | undefined {
  const decomposed = name.normalize('NFD');
  if (!/^[\0-\u036f]*$/.test(decomposed)) return undefined;
  const folded = decomposed.replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (!/^[\0-\x7f]*$/.test(folded)) return undefined;
  return folded.replace(/[^a-z0-9]+/g, ' ').trim();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * How far `q` is from the name `n` (both normalised): -1 when equal, 0 when one contains the other, else the edit
 * distance to the whole name, or to the run of as many of its words as the query has when that is
 * close enough: "frejsu" is two edits from the word "frejus" of "etoile sportive de frejus".
 */
function nameScore(q: string, n: string): number | undefined {
  // An exact match (case and accents aside) comes before names that merely contain the query.
  if (n === q) return -1;
  if (n.includes(q) || q.includes(n)) return 0;
  const whole = distance(q, n);
  let best = whole <= Math.max(3, Math.floor(q.length / 3)) ? whole : undefined;
  const words = n.split(' ');
  const span = q.split(' ').length;
  // A typo within a word: at most a third of the query's letters (one for a short word).
  const near = Math.max(1, Math.floor(q.length / 3));
  for (let i = 0; i + span <= words.length; i++) {
    const d = distance(q, words.slice(i, i + span).join(' '));
    if (d <= near && (best === undefined || d < best)) best = d;
  }
  return best;
}

/** Names closest to the query, best first: containing it, or within a small edit distance of it or of some of its words. */
export function closeMatches(query: string, names: readonly string[], max = 5): string[] {
  const q = normaliseName(query);
  return names
    .map((name) => ({ name, score: nameScore(q, normaliseName(name)) }))
    .filter((m): m is { name: string; score: number } => m.score !== undefined)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((m) => m.name);
}

/** What matching needs of a club: its name, and its parts when known (for the group id). */
export interface ClubLike {
  name: string;
  parts?: PartMap;
  /** Already known (a report's club); otherwise read from the `club.group` part. */
  groupId?: number | null;
}

/** The club's customer group id, when known or when its `club.group` part was gathered. */
export function clubGroupId(club: ClubLike): number | null {
  if (club.groupId !== undefined) return club.groupId;
  const envelope = club.parts?.['club.group'];
  if (envelope?.status !== 'ok') return null;
  const data = envelope.data as { id?: unknown } | null;
  return data && typeof data.id === 'number' ? data.id : null;
}

/**
 * The name a person types to get exactly this club: `Name#<group id>` when another club of the
 * list bears the same name (two customer groups may share one), else the name alone.
 */
export function clubLabel(club: ClubLike, clubs: readonly ClubLike[] = []): string {
  const id = clubGroupId(club);
  const twin = (foldedNameCounts(clubs).get(normaliseName(club.name)) ?? 0) > (clubs.includes(club) ? 1 : 0);
  return twin && id !== null ? `${club.name}#${id}` : club.name;
}

// Labelling every club of a list asks the same question of each: the list is counted once.
/** `(groupe 5)` beside a candidate club. */
const GROUP_WORD = t('groupe', 'group');

const nameCounts = new WeakMap<readonly ClubLike[], Map<string, number>>();

function foldedNameCounts(clubs: readonly ClubLike[]): Map<string, number> {
  let counts = nameCounts.get(clubs);
  if (!counts) {
    counts = new Map();
    for (const c of clubs) counts.set(normaliseName(c.name), (counts.get(normaliseName(c.name)) ?? 0) + 1);
    nameCounts.set(clubs, counts);
  }
  return counts;
}

/** Candidates listed in an error: with their group id, so the id form can be copied. */
function candidates(clubs: readonly ClubLike[], lang: 'fr' | 'en' = 'en'): string[] {
  return clubs.map((c) => {
    const id = clubGroupId(c);
    return id === null ? `  ${c.name}` : `  ${c.name}#${id} (${GROUP_WORD[lang]} ${id})`;
  });
}

/**
 * `Name#9` or `#9`: the club whose customer group is 9 (and, when a name is given, whose name
 * matches it), or undefined when the query is not of that form or no club has that group, so that
 * a club literally named "Team #1" is still found by name.
 */
function matchById<T extends ClubLike>(query: string, clubs: readonly T[]): T | undefined {
  const m = /^(.*?)\s*#\s*(\d+)\s*$/s.exec(query);
  if (!m) return undefined;
  const id = Number(m[2]);
  const name = normaliseName(m[1]!);
  const hits = clubs.filter((c) => clubGroupId(c) === id && (!name || ` ${normaliseName(c.name)} `.includes(` ${name} `)));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Picks the one club meant by `query`: `Name#<group id>` (or `#<group id>`), an exact match after
 * normalisation, else the only club whose name contains the query as whole words. Anything else is
 * an exit-2 error listing the candidates (with their group ids) or close matches.
 */
export function matchClub<T extends ClubLike>(query: string, clubs: readonly T[]): T {
  const q = normaliseName(query);
  const all = clubs.map((c) => c.name);
  if (!q) throw new UsageError(MESSAGES.emptyName, MESSAGES.emptyNameHint, all.map((n) => `  ${n}`));
  const byId = matchById(query, clubs);
  if (byId) return byId;
  const exact = clubs.filter((c) => normaliseName(c.name) === q);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) {
    // Two customer groups with one name: only the group id tells them apart.
    throw new UsageError(
      MESSAGES.sameName(query, exact),
      MESSAGES.sameNameHint(exact),
      candidates(exact, 'en'),
      candidates(exact, 'fr'),
    );
  }
  const partial = clubs.filter((c) => ` ${normaliseName(c.name)} `.includes(` ${q} `));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    const twins = partial.some((c) => partial.some((o) => o !== c && normaliseName(o.name) === normaliseName(c.name)));
    throw new UsageError(
      MESSAGES.several(query),
      twins ? MESSAGES.severalTwinsHint : MESSAGES.severalHint,
      twins ? candidates(partial, 'en') : partial.map((c) => `  ${c.name}`),
      twins ? candidates(partial, 'fr') : undefined,
    );
  }
  const close = closeMatches(query, all);
  throw new UsageError(
    MESSAGES.noSuchClub(query, close),
    MESSAGES.noSuchClubHint,
    (close.length ? close : all).map((n) => `  ${n}`),
  );
}
