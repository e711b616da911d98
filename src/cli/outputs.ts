// Several reports from one run: `--format` and `--output` may be repeated and pair by position
// (`--format json --output r.json --format junit --output r.xml`); an `--output` without any
// `--format` takes the format its extension stands for; a `--format` left without an `--output`
// goes to stdout (one at most). Each file is written atomically and announced on stderr.

import { UsageError } from '../engine/errors.js';
import type { Lang, Text } from '../engine/types.js';
import type { Report } from '../report/model.js';
import { EXTENSION_FORMATS, FORMAT_LABELS, FORMATS, formatForFile, type Format } from '../report/render/formats.js';
import { oneOf } from './options.js';
import type { RunInput } from './atomic-write.js';
import { logError, outputTarget, terminalWidth, useColor, writeReport, type Io } from './output.js';

const NBSP = '\u00a0';
const EXTENSIONS = Object.keys(EXTENSION_FORMATS).join(', ');

const MESSAGES = {
  written: (label: Text, file: string): Text => ({
    fr: `checkout-doctor${NBSP}: rapport ${label.fr} écrit dans ${file}`,
    en: `checkout-doctor: ${label.en} report written to ${file}`,
  }),
  unknownExtension: (file: string): Text => ({
    fr: `--output ${file}${NBSP}: l’extension ne dit pas quel format écrire (extensions reconnues${NBSP}: ${EXTENSIONS}).`,
    en: `--output ${file}: its extension does not tell which format to write (known extensions: ${EXTENSIONS}).`,
  }),
  unknownExtensionHint: (file: string): Text => ({
    fr: `Placez --format <format> avant --output ${file} (formats${NBSP}: ${FORMATS.join(', ')}), ou nommez le fichier avec une extension reconnue.`,
    en: `Put --format <format> before --output ${file} (formats: ${FORMATS.join(', ')}), or name the file with a known extension.`,
  }),
  moreOutputs: (outputs: number, formats: number): Text => ({
    fr: `${outputs} --output pour ${formats} --format${NBSP}: chaque --output prend le --format de même rang, et il en manque.`,
    en: `${outputs} --output for ${formats} --format: each --output takes the --format of the same rank, and some are missing.`,
  }),
  moreOutputsHint: {
    fr: 'Donnez un --format par --output (dans le même ordre), ou aucun --format pour que chaque fichier prenne le format de son extension.',
    en: 'Give one --format per --output (in the same order), or no --format at all so that each file takes the format of its extension.',
  },
  twoOnStdout: (formats: string[]): Text => ({
    fr: `Plusieurs formats iraient sur la sortie standard (${formats.join(', ')})${NBSP}: un seul peut y aller.`,
    en: `Several formats would go to stdout (${formats.join(', ')}): only one can.`,
  }),
  twoOnStdoutHint: {
    fr: 'Ajoutez un --output <fichier> après chaque --format sauf un.',
    en: 'Add an --output <file> after every --format but one.',
  },
  sameFile: (file: string): Text => ({
    fr: `--output ${file} est donné deux fois${NBSP}: le second rapport écraserait le premier.`,
    en: `--output ${file} is given twice: the second report would overwrite the first.`,
  }),
  sameFileHint: { fr: 'Donnez un fichier différent à chaque --output.', en: 'Give each --output a different file.' },
};

/** One report to write: its format, and the file as given (undefined: stdout). */
export interface PlannedOutput {
  format: Format;
  output?: string;
}

/** Commander collector for a repeatable option: every value, in the order given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/** Pairs the formats and outputs asked, by position. Throws a UsageError saying what to change. */
export function planOutputs(formatFlags: string | readonly string[] | undefined, outputFlags: string | readonly string[] | undefined): PlannedOutput[] {
  const formats = list(formatFlags).map((f) => oneOf('--format', f, FORMATS, 'pretty'));
  const outputs = list(outputFlags);
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output)) throw new UsageError(MESSAGES.sameFile(output), MESSAGES.sameFileHint);
    seen.add(output);
  }
  if (!formats.length) {
    if (!outputs.length) return [{ format: 'pretty' }];
    return outputs.map((output) => {
      // An empty --output is refused by outputTarget with its own message.
      const format = output.trim() ? formatForFile(output) : 'pretty';
      if (!format) throw new UsageError(MESSAGES.unknownExtension(output), MESSAGES.unknownExtensionHint(output));
      return { format, output };
    });
  }
  if (outputs.length > formats.length) throw new UsageError(MESSAGES.moreOutputs(outputs.length, formats.length), MESSAGES.moreOutputsHint);
  const onStdout = formats.slice(outputs.length);
  if (onStdout.length > 1) throw new UsageError(MESSAGES.twoOnStdout(onStdout), MESSAGES.twoOnStdoutHint);
  return formats.map((format, i) => (i < outputs.length ? { format, output: outputs[i] } : { format }));
}

/** A planned output with its file resolved and checked (not a folder, not an input of the run). */
export interface Destination extends PlannedOutput {
  file?: string;
}

/** Plans the outputs and checks every file before any work is done. */
export async function resolveOutputs(io: Io, formatFlags: string | readonly string[] | undefined, outputFlags: string | readonly string[] | undefined, inputs: readonly (RunInput | undefined)[]): Promise<Destination[]> {
  // The files first: an empty or forbidden --output is refused as it always was.
  for (const output of list(outputFlags)) await outputTarget(io, output, inputs);
  const planned = planOutputs(formatFlags, outputFlags);
  const destinations: Destination[] = [];
  for (const p of planned) destinations.push({ ...p, file: await outputTarget(io, p.output, inputs) });
  return destinations;
}

/** Renders and writes every destination: files first (each announced on stderr), stdout last. */
/** How the human formats are shown: `--quiet`, `--no-color` (false). */
export interface ShowOptions {
  quiet?: boolean;
  color?: boolean;
}

export async function writeOutputs(io: Io, report: Report, destinations: readonly Destination[], lang: Lang, show: ShowOptions = {}): Promise<void> {
  // The renderers (and chalk) load only when a report is written, and only those of its formats.
  const { loadRenderer, loadStreamer } = await import('../report/render/load.js');
  const ordered = [...destinations.filter((d) => d.file), ...destinations.filter((d) => !d.file)];
  for (const d of ordered) {
    // Colours and wrapping only on the terminal; files get plain, unwrapped text.
    const options = { color: !d.file && useColor(io, io.stdout, show.color), quiet: show.quiet === true, width: d.file ? undefined : terminalWidth(io) };
    const stream = await loadStreamer(d.format);
    await writeReport(io, stream ? stream(report) : (await loadRenderer(d.format))(report, options), d.file);
    if (d.file) logError(io, MESSAGES.written(FORMAT_LABELS[d.format], d.output!)[lang]);
  }
}
