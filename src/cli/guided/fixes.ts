// Hook point for the safe fixes (issue 10, item 1: "once fixes exist, offer to apply the safe
// fixes"). `--fix` is being built separately (src/fix/); until it lands this offers nothing and
// says nothing, so no one is shown a fix that does not exist. When it lands: plan the fixes from
// `results`, show them, and apply only after an explicit yes whose default is no (Enter never
// writes to the shop).

import type { CheckResult } from '../../engine/runner.js';
import type { Conversation } from './terminal.js';

export interface FixOffer {
  club: string;
  results: readonly CheckResult[];
}

export async function offerSafeFixes(_talk: Conversation, _offer: FixOffer): Promise<void> {
  // Intentionally empty until src/fix/ exists.
}
