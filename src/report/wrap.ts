// Wrapping text to a width with a hanging indent. Lines break only at ordinary spaces: a
// non-breaking space (U+00A0, U+202F) keeps « word », « n° 5 », « 5 % » and « Bilan : » together.
// Widths count what the terminal shows: colour escapes take no room.

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on a terminal (escape sequences excluded; one per code point). */
export function visibleWidth(text: string): number {
  return Array.from(text.replace(ANSI, '')).length;
}

/**
 * `text` wrapped to `width` columns: the first line after `indent`, the others after `hanging`.
 * A word longer than the line stays whole (never cut inside). Line feeds in `text` are kept.
 */
export function wrapText(text: string, width: number, indent = '', hanging = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = indent;
    // Split on ordinary spaces and tabs only: \s would also break at non-breaking spaces.
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      if (line && visibleWidth(prefix) + visibleWidth(line) + 1 + visibleWidth(word) > width) {
        lines.push(prefix + line);
        prefix = hanging;
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(prefix + line);
  }
  return lines;
}
