// Choosing the club from the shop's list with type-ahead search: what the person types matches any
// part of a club's name, case, accents and punctuation aside (the folding of src/engine/clubs.ts),
// so "sevigne" finds "Racing Club Sévigné"; Enter takes the first match.

import { clubLabel, matchClub, normaliseName, type ClubLike } from '../../engine/clubs.js';
import { messages } from './messages.js';
import type { Conversation } from './terminal.js';

/** The clubs whose folded name contains the folded term, in list order; every club for no term. */
export function clubsMatching<T extends ClubLike>(clubs: readonly T[], term: string | undefined): T[] {
  const folded = normaliseName(term ?? '');
  if (!folded) return [...clubs];
  return clubs.filter((club) => normaliseName(clubLabel(club, clubs)).includes(folded));
}

/**
 * The club to diagnose: the one named on the command line (`diagnose "Racing" -i`), matched as
 * `diagnose` does, else the person's choice.
 */
export async function chooseClub<T extends ClubLike>(talk: Conversation, clubs: readonly T[], named: string | undefined): Promise<T> {
  if (named !== undefined) return matchClub(named, clubs);
  // Sorted as people read a list; two clubs sharing a name show their group id (clubLabel).
  const sorted = [...clubs].sort((a, b) => a.name.localeCompare(b.name, talk.lang));
  for (;;) {
    let lastTerm: string | undefined;
    const picked = await talk.search(messages.chooseClub, (term) => {
      lastTerm = term;
      const found = clubsMatching(sorted, term);
      // Never an empty list: the prompt's own "no results" line is English only.
      if (!found.length) return [{ name: talk.text(messages.noMatch(term ?? '')), value: undefined as unknown as T, disabled: true }];
      return found.map((club) => ({ name: clubLabel(club, sorted), value: club }));
    });
    // Typed then Enter at once ("noisy\r" from a script): the prompt answers with the entry active
    // before the list was filtered, while the screen shows the filtered one. The last term typed
    // decides: its first match, as shown.
    const matches = clubsMatching(sorted, lastTerm);
    if (matches.includes(picked)) return picked;
    if (matches.length) return matches[0]!;
  }
}
