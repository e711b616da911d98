// Text that came from a shop or an upstream (group and carrier names, error bodies) made safe for
// the place it is printed. One module, used by the renderers and by stderr, so that no check has to
// think about it: a terminal never receives a control character or an escape sequence (they are
// shown as visible `\x1b`-style escapes), markdown and HTML never receive live markup.
// JSON and JUnit escape on their own (JSON.stringify, escapeXml).

/**
 * Characters a terminal would act on rather than print: C0 controls (but line feed and tab), DEL,
 * C1 controls (U+0080–U+009F, `\x9b` is a one-character CSI), the Unicode line and paragraph
 * separators, and the bidirectional overrides and isolates that reorder what is displayed.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\u000b': '\\v', '\f': '\\f', '\b': '\\b', '\u0007': '\\a' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For a terminal (and plain-text files): every unsafe character shown as a visible escape; line feeds kept. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visible);
}

/** One line of terminal-safe text: line feeds become spaces too (a name printed inline, a heading). */
export function terminalLine(text: string): string {
  return terminalSafe(text.replace(/\r?\n/g, ' '));
}

/**
 * Markdown (GitHub, GitLab, Jira, Zendesk) inline text: controls shown visibly, then every character
 * that starts markup escaped with a backslash (emphasis, code, links and images, raw HTML, tables,
 * strike-through, headings, entities), and the line starts that would open a list, a quote or a
 * heading. The text reads the same once rendered; nothing in it becomes markup.
 */
export function escapeMarkdown(text: string): string {
  return (
    terminalSafe(text)
      .replace(/[\\`*[\]<|~#]/g, '\\$&')
      // `_` between two letters or digits never opens or closes emphasis (CommonMark): `WS_OFF` stays readable.
      .replace(/_/g, (u, at: number, all: string) => (/[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '') ? u : '\\_'))
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // `>` is markup only where it opens a quote ("Shipping > Carriers" stays as written).
      .replace(/^(\s*)([-+=>])/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
  );
}

/** Markdown text that must stay on one line (a heading, a table cell, a list item). */
export function markdownLine(text: string): string {
  return escapeMarkdown(text.replace(/\r?\n/g, ' ').trim());
}

/** HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return terminalSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
