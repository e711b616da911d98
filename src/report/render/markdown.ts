// A report to paste into a support ticket (GitHub, GitLab, Jira, Zendesk markdown): a heading per
// club, a table of every result, then what to do for each one that needs attention, then the totals.
// Glyphs, not emoji, so the text survives any ticket system. Every text of the report goes through
// escapeMarkdown (src/report/text.ts): a group name or an upstream error body never becomes markup.

import type { Lang, Status } from '../../engine/types.js';
import { CATEGORY_LABELS, STATUS_LABELS, UI, pick } from '../i18n.js';
import type { ClubReport, Report, ReportResult } from '../model.js';
import { escapeMarkdown, markdownLine } from '../text.js';
import { CATEGORY_ORDER, GLYPHS, summaryLine } from './pretty.js';

const MD_TEXT = {
  title: { fr: 'Diagnostic checkout-doctor', en: 'checkout-doctor diagnosis' },
  check: { fr: 'Contrôle', en: 'Check' },
  status: { fr: 'Statut', en: 'Status' },
  category: { fr: 'Catégorie', en: 'Category' },
  details: { fr: 'Détails', en: 'Details' },
  allGood: { fr: 'Aucun problème détecté pour ce club.', en: 'No problem found for this club.' },
  generated: { fr: 'Généré le', en: 'Generated' },
  cause: { fr: 'Cause', en: 'Cause' },
} as const;

/** Table cells: one line, every markup character escaped (pipes included). */
function cell(text: string): string {
  return markdownLine(text);
}

/** Inline text (a heading, a list item): one line, nothing in it becomes markup. */
function inline(text: string): string {
  return markdownLine(text);
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

const ATTENTION: Status[] = ['fail', 'error', 'warn', 'manual'];

function rank(r: ReportResult): number {
  const i = CATEGORY_ORDER.indexOf(r.category);
  return i === -1 ? CATEGORY_ORDER.length : i;
}

function clubSection(club: ClubReport, lang: Lang, admin = false): string[] {
  // A club admin's report names no check id and no upstream cause: plain words only.
  const idOf = (r: ReportResult) => (admin ? '' : ` (${code(r.id)})`);
  const ids = [
    club.club.groupId !== null ? `${pick(UI.group, lang)} ${club.club.groupId}` : null,
    club.club.categoryId !== null ? `${pick(UI.category, lang)} ${club.club.categoryId}` : null,
  ].filter(Boolean);
  const out = [`## ${inline(club.club.name)}${ids.length ? ` (${ids.join(', ')})` : ''}`, ''];
  const results = [...club.results].sort((a, b) => rank(a) - rank(b));
  if (results.length) {
    out.push(`| | ${pick(MD_TEXT.status, lang)} | ${pick(MD_TEXT.check, lang)} | ${pick(MD_TEXT.category, lang)} |`, '|---|---|---|---|');
    for (const r of results) {
      const category = CATEGORY_LABELS[r.category] ? pick(CATEGORY_LABELS[r.category], lang) : r.category;
      out.push(`| ${GLYPHS[r.status]} | ${pick(STATUS_LABELS[r.status], lang)} | ${cell(r.title)}${idOf(r)} | ${cell(category)} |`);
    }
    out.push('');
  }
  // A point a person checked in the guided mode is detailed whatever the answer: the ticket says who said what.
  const weight = (r: ReportResult) => (ATTENTION.includes(r.status) ? ATTENTION.indexOf(r.status) : ATTENTION.length);
  const attention = results
    .filter((r) => ATTENTION.includes(r.status) || r.evidence?.answeredBy === 'person')
    .sort((a, b) => weight(a) - weight(b) || rank(a) - rank(b));
  if (!attention.length) {
    out.push(pick(MD_TEXT.allGood, lang), '');
    return out;
  }
  for (const r of attention) {
    out.push(`### ${GLYPHS[r.status]} ${pick(STATUS_LABELS[r.status], lang)} — ${inline(r.title)}${idOf(r)}`, '');
    // No spread: a message may have any number of lines.
    for (const l of escapeMarkdown(r.message).split('\n')) out.push(l.trimEnd());
    out.push('');
    if (r.cause && r.status === 'error' && !admin) {
      const where = [r.cause.host, r.cause.status !== undefined ? `HTTP ${r.cause.status}` : undefined, r.cause.code !== undefined ? `code ${r.cause.code}` : undefined].filter(Boolean);
      out.push(`${pick(MD_TEXT.cause, lang)} : ${inline(r.cause.source)} — ${inline(r.cause.message)}${where.length ? ` (${inline(where.join(', '))})` : ''}`.replace(' :', lang === 'fr' ? ' :' : ':'), '');
    }
    if (r.remediation.length) {
      out.push(`**${pick(r.status === 'manual' ? UI.toVerify : UI.howToFix, lang)}**`, '');
      r.remediation.forEach((step, i) => out.push(`${i + 1}. ${inline(step)}`));
      out.push('');
    }
  }
  return out;
}

export function renderMarkdown(report: Report): string {
  const lang = report.lang;
  const out = [`# ${pick(MD_TEXT.title, lang)}`, '', `_${pick(MD_TEXT.generated, lang)} ${report.generatedAt} — checkout-doctor ${report.tool.version}_`, ''];
  for (const club of report.clubs) for (const line of clubSection(club, lang, report.audience === 'admin')) out.push(line);
  out.push('---', '', `**${summaryLine(report, lang)}**`, '');
  return out.join('\n');
}
