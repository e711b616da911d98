// Where the CLI writes: the report on stdout (or --output), everything else on stderr.
// Both pass through the redactor, so no code path can print a configured secret whole.

import { writeFile } from 'node:fs/promises';
import { UsageError } from '../engine/errors.js';
import { terminalSafe } from '../report/text.js';
import { redactor } from '../secrets/redact.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export async function writeReport(io: Io, text: string, file?: string): Promise<void> {
  const safe = redactor.redact(text);
  if (!file) {
    io.stdout.write(safe);
    return;
  }
  try {
    await writeFile(file, safe, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Check the path given to --output.');
  }
}

/** One message on stderr: secrets masked, and no control character reaches the terminal (shop names, upstream text). */
export function logError(io: Io, text: string): void {
  io.stderr.write(terminalSafe(redactor.redact(text.endsWith('\n') ? text : text + '\n')));
}

/** Colour only for a terminal, never with NO_COLOR; FORCE_COLOR forces it (tests of colour). */
export function useColor(io: Io, stream: { isTTY?: boolean } = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Spinners and prompts only for a person at a terminal, never in CI. */
export function interactiveTerminal(io: Io): boolean {
  return Boolean(io.stderr.isTTY) && !io.env.CI;
}
