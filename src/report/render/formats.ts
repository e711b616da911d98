// The --format names, without the renderers: the command line lists them at start-up, and loading
// every renderer (and chalk) just to print --help would slow every command down.
//
// This file is the one place a new format is declared: its name, how the CLI announces a file of
// that format, and the file extensions that choose it when `--output` comes without `--format`.

import type { Text } from '../../engine/types.js';

export const FORMATS = ['pretty', 'json', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** How stderr names a report of each format ("JUnit report written to r.xml"). */
export const FORMAT_LABELS: Record<Format, Text> = {
  pretty: { fr: 'texte', en: 'text' },
  json: { fr: 'JSON', en: 'JSON' },
  junit: { fr: 'JUnit', en: 'JUnit' },
  markdown: { fr: 'Markdown', en: 'Markdown' },
  html: { fr: 'HTML', en: 'HTML' },
};

/**
 * `--output r.xml` alone: the format its extension stands for (lower case, dot included).
 */
export const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
  '.json': 'json',
  '.xml': 'junit',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'pretty',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a file name's extension stands for, if any. */
export function formatForFile(file: string): Format | undefined {
  const m = /(\.[^./\\]+)$/.exec(file);
  return m ? EXTENSION_FORMATS[m[1]!.toLowerCase()] : undefined;
}
