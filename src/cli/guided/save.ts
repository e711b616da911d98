// The end of a session: offer to save the report as markdown for a ticket (default: yes, a file in
// the current folder) and the redacted snapshot (default: no). Both are written atomically
// (src/cli/atomic-write.ts through writeReport), secrets masked, never over one of the session's
// own inputs. Only local files: nothing here writes to the shop.

import { serializeSnapshot, type Snapshot } from '../../engine/snapshot.js';
import { UsageError } from '../../engine/errors.js';
import type { Report } from '../../report/model.js';
import { RENDERERS } from '../../report/render/index.js';
import { redactor } from '../../secrets/redact.js';
import type { RunInput } from '../atomic-write.js';
import { outputTarget, writeReport, type Io } from '../output.js';
import { defaultFiles, messages } from './messages.js';
import type { Conversation } from './terminal.js';

export interface Saveable {
  club: string;
  /** The report for a ticket: the support wording, with the person's answers. */
  report: Report;
  snapshot: Snapshot;
  inputs: readonly RunInput[];
}

export async function offerToSave(io: Io, talk: Conversation, what: Saveable): Promise<string[]> {
  const written: string[] = [];
  talk.say('');
  if (await yes(talk, messages.saveMarkdown, true)) {
    const file = await talk.ask(messages.saveMarkdownPath, talk.text(defaultFiles.markdown(what.club)));
    if (await save(io, talk, file, RENDERERS.markdown(what.report), what.inputs)) written.push(file);
  }
  if (await yes(talk, messages.saveSnapshot, false)) {
    const file = await talk.ask(messages.saveSnapshotPath, talk.text(defaultFiles.snapshot(what.club)));
    if (await save(io, talk, file, serializeSnapshot(what.snapshot, (text) => redactor.redact(text)), what.inputs)) written.push(file);
  }
  return written;
}

/** A yes/no question whose default (Enter) is `fallback`. */
export function yes(talk: Conversation, question: Parameters<Conversation['choose']>[0], fallback: boolean): Promise<boolean> {
  const options = [
    { name: messages.answerYes, value: true },
    { name: messages.answerNo, value: false },
  ];
  // The default comes first: Enter takes it.
  return talk.choose(question, fallback ? options : options.reverse());
}

async function save(io: Io, talk: Conversation, file: string, text: string, inputs: readonly RunInput[]): Promise<boolean> {
  try {
    const target = await outputTarget(io, file, inputs);
    await writeReport(io, text, target);
    talk.say(talk.text(messages.saved(file)));
    return true;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    talk.say(talk.text(messages.notSaved(error.in(talk.lang).message)));
    return false;
  }
}
