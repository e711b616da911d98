// The safe fixes, offered one by one at the end of the guided session (issue 11, item 6): each fix
// the checks planned is shown (what changes, on which object, from which value to which) and applied
// only after an explicit "yes" — the default is no, so Enter never writes to the shop. The accepted
// fixes go through the same phase as `diagnose --fix` (src/cli/fix.ts): backup first, writes with
// the write credentials, verification by a new reading, rollback of what does not verify, undo file.

import type { Config } from '../../config/schema.js';
import type { Query } from '../../engine/types.js';
import { planFixes, renderPlan } from '../../fix/plan.js';
import type { Evaluated, FixPhaseResult } from '../fix.js';
import type { Io } from '../output.js';
import { messages } from './messages.js';
import { yes } from './save.js';
import type { Conversation } from './terminal.js';

export interface FixOffer {
  /** The diagnosis the fixes are planned from (one club). */
  first: Evaluated;
  query: Query;
  /** The shop's configuration; undefined for a snapshot file, which nothing can fix. */
  config: Config | undefined;
  /** Reads the club again and re-runs the checks: the verification. */
  rerun: () => Promise<Evaluated>;
}

/** Undefined when nothing was offered or accepted; otherwise what became of the accepted fixes. */
export async function offerSafeFixes(io: Io, talk: Conversation, offer: FixOffer): Promise<FixPhaseResult | undefined> {
  if (!offer.config) return undefined;
  const plan = planFixes({ snapshot: offer.first.snapshot, clubs: offer.first.clubs, query: offer.query });
  const writable = plan.fixes.filter((f) => f.change);
  if (!writable.length) return undefined;
  talk.say('');
  talk.say(talk.text(messages.fixesIntro(writable.length)));
  const accepted = [];
  for (const fix of writable) {
    talk.show(renderPlan({ fixes: [fix] }, talk.lang).trimEnd());
    if (await yes(talk, messages.applyFix, false)) accepted.push(fix);
  }
  if (!accepted.length) {
    talk.say(talk.text(messages.noFixApplied));
    return undefined;
  }
  const { applyPlan } = await import('../fix.js');
  return applyPlan(io, { plan: { fixes: accepted }, config: offer.config, lang: talk.lang, rerun: offer.rerun, log: (line) => talk.say(line) });
}
