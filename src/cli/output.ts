// Where the CLI writes: the report on stdout (or --output), everything else on stderr.
// Both pass through the redactor, so no code path can print a configured secret whole.

import { stat } from '../engine/fs.js';
import { resolve } from 'node:path';
import { UsageError } from '../engine/errors.js';
import { terminalSafe } from '../report/text.js';
import { t } from '../engine/types.js';
import { isRedacted, redactor, type RedactedPieces } from '../secrets/redact.js';
import { sameFileAs, writeFileAtomic, type RunInput } from './atomic-write.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  cannotWrite: (file: string, reason: string) => t(`Impossible d’écrire ${file} (${reason}) : le fichier précédent, s’il existait, est intact.`, `Cannot write ${file} (${reason}): the previous file, if any, is left intact.`),
  checkOutputPath: t('Vérifiez le chemin donné à --output, les droits du dossier et la place disque.', 'Check the path given to --output, the folder permissions and the free disk space.'),
  outputEmpty: t('--output est vide.', '--output is empty.'),
  givePathOrStdout: t('Donnez le chemin du fichier à écrire, ou retirez --output pour écrire sur la sortie standard.', 'Give the path of the file to write, or leave --output out to print to stdout.'),
  outputIsFolder: (output: string) => t(`--output ${output} est un dossier.`, `--output ${output} is a folder.`),
  giveFilePath: t('Donnez le chemin d’un fichier.', 'Give the path of a file.'),
  outputIsInput: (output: string, input: RunInput) => t(`--output ${output} est ${input.what.fr} : l’écraser détruirait une entrée de cette commande.`, `--output ${output} is ${input.what.en}: overwriting it would destroy an input of this run.`),
  writeElsewhere: t('Écrivez le rapport dans un autre fichier.', 'Write the report to another file.'),
};

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Resolves once `stream` takes writes again, or is closed or failed (nothing more to wait for). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.once(event, done);
  });
}

/**
 * Writes a report to stdout or, atomically, to `file`, every byte through the redactor. `text` may
 * come in pieces (STREAMERS, src/report/render/index.ts), each masked and written before the next
 * is rendered; a piece ends where the text is structure, never inside a value a secret could span.
 */
export async function writeReport(io: Io, text: string | Iterable<string | Uint8Array> | RedactedPieces, file?: string): Promise<void> {
  const pieces: Iterable<string | Uint8Array> = typeof text === 'string' ? [text] : text;
  // Pieces the redactor wrote itself (the JSON report, redacted value by value as it is written)
  // are not scanned a second time; everything else is, whatever made it.
  const redact = isRedacted(text) ? (piece: string | Uint8Array) => piece : (piece: string | Uint8Array) => redactor.redact(typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8'));
  if (!file) {
    for (const piece of pieces) {
      // Waits when the pipe is full (pieces are not queued whole in memory), or until it is gone.
      if (!io.stdout.write(redact(piece))) await drained(io.stdout);
    }
    return;
  }
  try {
    await writeFileAtomic(file, (function* () {
      for (const piece of pieces) yield redact(piece);
    })());
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(
      MESSAGES.cannotWrite(file, reason),
      MESSAGES.checkOutputPath,
    );
  }
}

/**
 * The file `--output` names, resolved, checked before any work: not empty, not a folder, and not
 * one of the run's own inputs (the snapshot, the configuration...) whatever path, symlink or hard
 * link reaches it. Undefined when the report goes to stdout.
 */
export async function outputTarget(io: Io, output: string | undefined, inputs: readonly (RunInput | undefined)[]): Promise<string | undefined> {
  if (output === undefined) return undefined;
  if (!output.trim()) {
    throw new UsageError(
      MESSAGES.outputEmpty,
      MESSAGES.givePathOrStdout,
    );
  }
  const file = resolve(io.cwd, output);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(MESSAGES.outputIsFolder(output), MESSAGES.giveFilePath);
  }
  const input = await sameFileAs(file, inputs.filter((i): i is RunInput => i !== undefined));
  if (input) {
    throw new UsageError(
      MESSAGES.outputIsInput(output, input),
      MESSAGES.writeElsewhere,
    );
  }
  return file;
}

/** One message on stderr: secrets masked, and no control character reaches the terminal (shop names, upstream text). */
export function logError(io: Io, text: string): void {
  io.stderr.write(terminalSafe(redactor.redact(text.endsWith('\n') ? text : text + '\n')));
}

/**
 * Colour only for a terminal, never with --no-color (`flag` false), NO_COLOR, FORCE_COLOR=0 or
 * TERM=dumb; FORCE_COLOR (other than 0) forces it (tests of colour).
 */
export function useColor(io: Io, stream: { isTTY?: boolean } = io.stdout, flag?: boolean): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.TERM === 'dumb') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return true;
  return Boolean(stream.isTTY);
}

/** The terminal's width for wrapping the report, or undefined when stdout is not a terminal (pipes stay unwrapped). */
export function terminalWidth(io: Io): number | undefined {
  const out = io.stdout as { isTTY?: boolean; columns?: number };
  if (!out.isTTY || !out.columns || out.columns < 20) return undefined;
  return out.columns;
}

/** Spinners and prompts only for a person at a terminal, never in CI. */
export function interactiveTerminal(io: Io): boolean {
  return Boolean(io.stderr.isTTY) && !io.env.CI;
}
