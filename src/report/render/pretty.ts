// Human report for a terminal or a support ticket. Glyph and status word carry the meaning, so the
// report reads the same without colour (NO_COLOR, pipes, ticket text boxes). Every text of the
// report (names and messages may quote the shop or an upstream) goes through terminalSafe: the only
// escape sequences on the terminal are this renderer's own colours.

import { Chalk, type ChalkInstance } from 'chalk';
import { CHECK_CATEGORIES, STATUSES, t, type CheckCategory, type Lang, type Status } from '../../engine/types.js';
import { CATEGORY_LABELS, FIX_OUTCOMES, STATUS_LABELS, UI, pick, resultStatusLabel, summaryCount } from '../i18n.js';
import { totals, type ClubReport, type Report, type ReportResult } from '../model.js';
import { terminalLine, terminalSafe } from '../text.js';
import { wrapText } from '../wrap.js';
import { changesLines } from './changes.js';

// User-visible texts (issue 10.4: one catalogue per file, read by translators in one place).
const MESSAGES = {
  summary: (parts: string[], report: Report) => t(`Bilan : ${parts.join(', ')} (${report.durationMs} ms)`, `Summary: ${parts.join(', ')} (${report.durationMs} ms)`),
};

export const GLYPHS: Record<Status, string> = { pass: '✓', warn: '!', fail: '✗', error: '‼', skip: '-', manual: '?' };

export const CATEGORY_ORDER: readonly CheckCategory[] = CHECK_CATEGORIES;

export interface PrettyOptions {
  color: boolean;
  /** Only results that need attention (warn, fail, error, manual); the summary still counts all. */
  quiet?: boolean;
  /** Wrap to this many columns with a hanging indent (a terminal); unset: lines as long as they come. */
  width?: number;
}

/** Statuses --quiet keeps in human formats. */
export const PROBLEMS: readonly Status[] = ['warn', 'fail', 'error', 'manual'];

/** Lines of `text` under `indent`, wrapped with a hanging indent when a width is given. */
function block(text: string, indent: string, width: number | undefined, hanging = indent): string[] {
  if (!width) return text.split('\n').map((l) => indent + l);
  return wrapText(text, width, indent, hanging);
}

function paint(c: ChalkInstance, status: Status, text: string): string {
  switch (status) {
    case 'pass':
      return c.green(text);
    case 'warn':
      return c.yellow(text);
    case 'fail':
      return c.red(text);
    case 'error':
      return c.magenta(text);
    case 'manual':
      return c.cyan(text);
    case 'skip':
      return c.dim(text);
  }
}

function renderResult(c: ChalkInstance, r: ReportResult, lang: Lang, width?: number, admin = false): string[] {
  const label = `${GLYPHS[r.status]} ${resultStatusLabel(r, lang)}`.padEnd(13);
  // A club admin's report names no check id: the title says it in words.
  const id = admin ? '' : ` ${c.dim(`[${terminalLine(r.id)}]`)}`;
  const indent = ' '.repeat(16);
  // The status column is the first line's indent: wrapping never touches its padding.
  const lines = block(`${c.bold(terminalLine(r.title))}${id}`, `  ${paint(c, r.status, label)} `, width, indent);
  if (r.status === 'pass') return lines;
  // No spread: a message may have any number of lines.
  for (const l of block(terminalSafe(r.message), indent, width)) lines.push(r.status === 'skip' ? c.dim(l) : l);
  if (r.remediation.length && r.status !== 'skip') {
    lines.push(indent + c.underline(pick(r.status === 'manual' ? UI.toVerify : UI.howToFix, lang)));
    r.remediation.forEach((step, i) => {
      // A step's continuation lines start under its text, not under its number.
      const number = `${indent}  ${i + 1}. `;
      for (const line of block(`${i + 1}. ${terminalLine(step)}`, `${indent}  `, width, ' '.repeat(number.length))) lines.push(line);
    });
  }
  return lines;
}

function renderClub(c: ChalkInstance, club: ClubReport, lang: Lang, options: PrettyOptions, admin = false): string[] {
  const ids = [
    club.club.groupId !== null ? `${pick(UI.group, lang)} ${club.club.groupId}` : null,
    club.club.categoryId !== null ? `${pick(UI.category, lang)} ${club.club.categoryId}` : null,
  ].filter(Boolean);
  const lines = [c.bold(`${terminalLine(club.club.name)}${ids.length ? ` (${ids.join(', ')})` : ''}`)];
  for (const category of CATEGORY_ORDER) {
    const results = club.results.filter((r) => r.category === category && (!options.quiet || PROBLEMS.includes(r.status)));
    if (!results.length) continue;
    lines.push('', c.bold.underline(pick(CATEGORY_LABELS[category], lang)));
    for (const r of results) for (const line of renderResult(c, r, lang, options.width, admin)) lines.push(line);
  }
  if (options.quiet && lines.length === 1) lines.push(`  ${pick(UI.noProblem, lang)}`);
  return lines;
}

export function summaryLine(report: Report, lang: Lang): string {
  const sum = totals(report);
  const parts = STATUSES.filter((s) => sum[s] > 0 || s === 'fail' || s === 'error').map((s) => summaryCount(s, sum[s], lang));
  return pick(MESSAGES.summary(parts, report), lang);
}

/** `--fix`: each fix, what became of it, and its check's status before → after. */
function renderFixes(c: ChalkInstance, report: Report, lang: Lang): string[] {
  if (!report.fixes) return [];
  const lines = ['', c.bold.underline(pick(UI.fixes, lang))];
  for (const f of report.fixes) {
    const status = f.statusAfter ? ` (${pick(STATUS_LABELS[f.statusBefore], lang)} → ${pick(STATUS_LABELS[f.statusAfter], lang)})` : '';
    lines.push(`  ${c.bold(`[${pick(FIX_OUTCOMES[f.outcome], lang)}]`)} ${terminalLine(f.club)} · ${terminalLine(f.check)}${status}`);
    lines.push(`      ${terminalLine(f.title)}`);
    for (const ch of f.changes) lines.push(`      ${terminalLine(`${ch.object}${lang === 'fr' ? '\u00a0:' : ':'} ${ch.field} ${ch.from} → ${ch.to}`)}`);
    // A manual fix's reason is often its title: said once.
    if (f.reason && f.reason !== f.title) lines.push(`      ${terminalLine(f.reason)}`);
  }
  if (report.fixBackup) lines.push('', terminalLine(`${pick(UI.fixBackup, lang)} ${report.fixBackup}`));
  return lines;
}

export function renderPretty(report: Report, options: PrettyOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lang = report.lang;
  const blocks = report.clubs.map((club) => renderClub(c, club, lang, options, report.audience === 'admin').join('\n'));
  const fixes = renderFixes(c, report, lang);
  // With --baseline, what changed comes first.
  const changes = changesLines(report, lang);
  const top = changes ? `${c.bold(terminalLine(changes.headline))}\n${changes.items.map((i) => `  ${terminalLine(i)}\n`).join('')}\n` : '';
  return `${top}${blocks.join('\n\n')}${fixes.length ? `\n${fixes.join('\n')}` : ''}\n\n${block(c.bold(summaryLine(report, lang)), '', options.width).join('\n')}\n`;
}
