// `diagnose --snapshot f` without --customer/--code/--order keeps what the snapshot was asked: a
// snapshot taken with `--customer x` is replayed with `--customer x`, so the agent who opens a
// ticket's snapshot sees the verdicts of the live run. A kind holding several questions (a
// snapshot taken several times, the demo shop) is not guessed: its questions are listed with the
// flag to repeat. Any of the three flags given means the person chose: nothing is added.

import { askedQuestions, type Snapshot } from '../engine/snapshot.js';
import type { Query, QueryKey } from '../engine/types.js';
import { t, type Lang } from '../engine/types.js';
import { typeset } from '../report/french.js';

const KINDS: readonly QueryKey[] = ['customer', 'code', 'order'];

export interface Replay {
  query: Query;
  /** Lines for stderr: what was re-evaluated, or which flags to repeat. */
  notes: string[];
}

/** A value as a shell argument: bare when it cannot be misread, else single-quoted. */
export function shellArg(value: string): string {
  return /^[\w@.+\-:/=,]+$/u.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const messages = {
  replaying: (flags: string) =>
    t(
      `checkout-doctor : réévaluation des questions avec lesquelles le snapshot a été pris : ${flags} (donnez --customer, --code ou --order pour demander autre chose).`,
      `checkout-doctor: re-evaluating what the snapshot was taken with: ${flags} (give --customer, --code or --order to ask something else).`,
    ),
  several: t(
    'checkout-doctor : le snapshot répond aussi à ces questions ; répétez celle à évaluer :',
    'checkout-doctor: the snapshot also answers these questions; repeat the one to evaluate:',
  ),
};

export function replayQuery(snapshot: Snapshot, query: Query, lang: Lang = 'en'): Replay {
  if (KINDS.some((k) => query[k] !== undefined)) return { query, notes: [] };
  const replayed: Query = {};
  const several: string[] = [];
  for (const kind of KINDS) {
    const asked = askedQuestions(snapshot, kind);
    if (asked.length === 1) replayed[kind] = asked[0];
    else for (const value of asked) several.push(`  --${kind} ${shellArg(value)}`);
  }
  const notes: string[] = [];
  const flags = KINDS.filter((k) => replayed[k] !== undefined).map((k) => `--${k} ${shellArg(replayed[k]!)}`);
  if (flags.length) notes.push(typeset(lang, messages.replaying(flags.join(' '))[lang]));
  if (several.length) notes.push(typeset(lang, messages.several[lang]), ...several);
  return { query: { ...query, ...replayed }, notes };
}
