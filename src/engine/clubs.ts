// Finding a club by the name a person typed: case, accents, punctuation and spacing do not matter
// ("as saint-etienne" finds "AS Saint-Étienne").

import { UsageError } from './errors.js';

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

/** Names closest to the query, best first: containing it, or within a small edit distance. */
export function closeMatches(query: string, names: readonly string[], max = 5): string[] {
  const q = normaliseName(query);
  return names
    .map((name) => {
      const n = normaliseName(name);
      const score = n.includes(q) || q.includes(n) ? 0 : distance(q, n);
      return { name, score };
    })
    .filter((m) => m.score <= Math.max(3, Math.floor(q.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((m) => m.name);
}

/**
 * Picks the one club meant by `query`: an exact match after normalisation, else the only club whose
 * name contains the query as whole words. Anything else is an exit-2 error listing close matches.
 */
export function matchClub<T extends { name: string }>(query: string, clubs: readonly T[]): T {
  const q = normaliseName(query);
  const all = clubs.map((c) => c.name);
  if (!q) throw new UsageError('The club name is empty.', 'Give a club name, or use --all.', all.map((n) => `  ${n}`));
  const exact = clubs.filter((c) => normaliseName(c.name) === q);
  if (exact.length === 1) return exact[0]!;
  const partial = exact.length > 1 ? exact : clubs.filter((c) => ` ${normaliseName(c.name)} `.includes(` ${q} `));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    throw new UsageError(`"${query}" matches several clubs:`, 'Give the full club name.', partial.map((c) => `  ${c.name}`));
  }
  const close = closeMatches(query, all);
  throw new UsageError(
    `No club named "${query}". ${close.length ? 'Did you mean one of these?' : 'Known clubs:'}`,
    'Give the club name as the shop spells it (case and accents do not matter).',
    (close.length ? close : all).map((n) => `  ${n}`),
  );
}
