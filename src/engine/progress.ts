// Progress of a gathering as typed events: a part started, finished (ok or unavailable) or failed
// with its cause, a club done. The spinner consumes them today, the guided mode later. Events carry
// part names, club names and causes only: causes are built masked by the sources, never a secret.

import type { PartName } from './parts.js';
import type { PartEnvelope } from './snapshot.js';
import type { Cause } from './types.js';

/** The upstream a part is read from (the `source` of a Cause, minus the non-gathering ones). */
export type GatherSource = Exclude<Cause['source'], 'snapshot' | 'config'>;

interface PartRef {
  source: GatherSource;
  part: PartName;
  /** The club the part belongs to; absent for a shop-wide part. */
  club?: string;
}

export type GatherEvent =
  | ({ type: 'part-started' } & PartRef)
  | ({ type: 'part-finished'; status: 'ok' | 'unavailable' } & PartRef)
  | ({ type: 'part-failed'; cause: Cause } & PartRef)
  | { type: 'club-done'; club: string };

export type GatherListener = (event: GatherEvent) => void;

/** A club as the gathering tracks it: its name and a key unique in the run (two clubs may share a name). */
export interface ClubRef {
  key: string;
  name: string;
}

/**
 * What the sources call. Each part is started once and settled once (a second settle, e.g. the
 * sweep after a stopped run, is ignored), so a listener can count. Without a listener every call
 * returns at once: gathering pays nothing for progress nobody watches.
 */
export interface GatherProgress {
  readonly listening: boolean;
  start(source: GatherSource, parts: readonly PartName[], club?: ClubRef): void;
  /** The envelopes now known; parts of `envelopes` never started are started first. */
  settle(source: GatherSource, envelopes: Readonly<Partial<Record<PartName, PartEnvelope>>>, club?: ClubRef): void;
  clubDone(club: ClubRef): void;
}

const SILENT: GatherProgress = { listening: false, start() {}, settle() {}, clubDone() {} };

export function gatherProgress(listener: GatherListener | undefined): GatherProgress {
  if (!listener) return SILENT;
  // Keyed by club key and part: the state of each (club, part) pair.
  const state = new Map<string, 'started' | 'settled'>();
  const done = new Set<string>();
  const id = (part: PartName, club?: ClubRef) => `${club ? `c${club.key}` : '-'}\u0000${part}`;
  const ref = (source: GatherSource, part: PartName, club?: ClubRef): PartRef => (club ? { source, part, club: club.name } : { source, part });
  const start = (source: GatherSource, part: PartName, club?: ClubRef) => {
    const key = id(part, club);
    if (state.has(key)) return;
    state.set(key, 'started');
    listener({ type: 'part-started', ...ref(source, part, club) });
  };
  return {
    listening: true,
    start(source, parts, club) {
      for (const part of parts) start(source, part, club);
    },
    settle(source, envelopes, club) {
      for (const [name, envelope] of Object.entries(envelopes)) {
        const part = name as PartName;
        if (!envelope || state.get(id(part, club)) === 'settled') continue;
        start(source, part, club);
        state.set(id(part, club), 'settled');
        listener(
          envelope.status === 'failed'
            ? { type: 'part-failed', ...ref(source, part, club), cause: envelope.cause }
            : { type: 'part-finished', ...ref(source, part, club), status: envelope.status },
        );
      }
    },
    clubDone(club) {
      if (done.has(club.key)) return;
      done.add(club.key);
      listener({ type: 'club-done', club: club.name });
    },
  };
}
