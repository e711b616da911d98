// Why a run stopped before its work was done: the overall deadline (`diagnose --timeout`) or the
// user (Ctrl-C). It is the reason of the run's AbortSignal; sources and the runner turn the work
// still pending into `error` results naming it, and the report is printed with what is known.

import { t, type Cause, type Text } from './types.js';

export type StopKind = 'deadline' | 'interrupted';

export class RunStopped extends Error {
  override name = 'RunStopped';
  constructor(
    readonly kind: StopKind,
    /** The deadline in seconds (kind `deadline`). */
    readonly seconds?: number,
  ) {
    super(kind === 'deadline' ? `the run's deadline (--timeout ${seconds} s) was reached` : 'the run was interrupted (Ctrl-C)');
  }
}

const FIX: Record<StopKind, Text> = {
  deadline: t(
    'Relancez le diagnostic avec un délai plus long (--timeout <secondes>), ou avec --only pour ne lancer que certains contrôles ; si une source ne répond jamais, vérifiez-la.',
    'Run the diagnosis again with a longer deadline (--timeout <seconds>), or with --only to run fewer checks; if a source never answers, check it.',
  ),
  interrupted: t('Relancez le diagnostic pour obtenir ce résultat.', 'Run the diagnosis again to get this result.'),
};

/** The cause recorded for a part that `source` had not delivered when the run stopped. */
export function stoppedCause(reason: unknown, source: Cause['source']): Cause {
  const stopped = reason instanceof RunStopped ? reason : new RunStopped('interrupted');
  return { source, kind: stopped.kind, message: `${stopped.message} before ${source} answered`, fix: [FIX[stopped.kind]] };
}
