// Live progress of the guided mode's gathering: on a terminal the spinner counts each source's
// parts (src/cli/progress.ts) and a line is left for each club once everything about it is read;
// when stderr is not a terminal, one plain line per step. Both from the gathering's progress events.

import { importModule } from '../../engine/import-module.js';
import type { GatherListener } from '../../engine/progress.js';
import type { Lang } from '../../engine/types.js';
import { terminalLine } from '../../report/text.js';
import { redactor } from '../../secrets/redact.js';
import { progressLines, progressTally, progressText } from '../progress.js';
import type { Io } from '../output.js';
import { messages } from './messages.js';

export interface GuidedProgress {
  listener: GatherListener;
  stop(): void;
}

export async function showProgress(io: Io, lang: Lang, heading: string): Promise<GuidedProgress> {
  const stderr = io.stderr as NodeJS.WriteStream;
  if (!stderr.isTTY) {
    stderr.write(`${heading}\n`);
    return { listener: progressLines((line) => stderr.write(`${line}\n`), lang), stop() {} };
  }
  // Through the launcher's import(): the bundled build cannot import() by itself (src/engine/import-module.ts).
  const { default: ora } = await importModule<typeof import('ora')>('ora');
  // discardStdin off: Ctrl-C must stay a SIGINT the session handles.
  const spinner = ora({ text: `${heading} ${progressText({}, lang)}`, stream: stderr, discardStdin: false }).start();
  const tally = progressTally();
  return {
    listener(event) {
      tally.consume(event);
      if (event.type === 'club-done') {
        spinner.stopAndPersist({ symbol: '✓', text: terminalLine(redactor.redact(messages.clubChecked(event.club)[lang])) });
        spinner.start();
      }
      spinner.text = `${heading} ${progressText(tally.counts(), lang)}`;
    },
    stop() {
      spinner.stop();
    },
  };
}
