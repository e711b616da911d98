// A report to paste into a support ticket (GitHub, GitLab, Jira, Zendesk markdown): a heading per
// club, a table of every result, then what to do for each one that needs attention, then the totals.
// Glyphs, not emoji, so the text survives any ticket system. Every text of the report goes through
// escapeMarkdown (src/report/text.ts): a group name or an upstream error body never becomes markup.

import type { Lang, Status } from '../../engine/types.js';
import { CATEGORY_LABELS, UI, pick, resultStatusLabel } from '../i18n.js';
import type { ClubReport, Report, ReportResult } from '../model.js';
import { escapeMarkdown, markdownLine } from '../text.js';
import { formatShopDate } from '../french.js';
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

function clubSection(club: ClubReport, lang: Lang, quiet = false): string[] {
  const ids = [
    club.club.groupId !== null ? `${pick(UI.group, lang)} ${club.club.groupId}` : null,
    club.club.categoryId !== null ? `${pick(UI.category, lang)} ${club.club.categoryId}` : null,
  ].filter(Boolean);
  const out = [`## ${inline(club.club.name)}${ids.length ? ` (${ids.join(', ')})` : ''}`, ''];
  const results = [...club.results].filter((r) => !quiet || ATTENTION.includes(r.status)).sort((a, b) => rank(a) - rank(b));
  if (results.length) {
    out.push(`| | ${pick(MD_TEXT.status, lang)} | ${pick(MD_TEXT.check, lang)} | ${pick(MD_TEXT.category, lang)} |`, '|---|---|---|---|');
    for (const r of results) {
      const category = CATEGORY_LABELS[r.category] ? pick(CATEGORY_LABELS[r.category], lang) : r.category;
      out.push(`| ${GLYPHS[r.status]} | ${resultStatusLabel(r, lang)} | ${cell(r.title)} (${code(r.id)}) | ${cell(category)} |`);
    }
    out.push('');
  }
  const attention = results.filter((r) => ATTENTION.includes(r.status)).sort((a, b) => ATTENTION.indexOf(a.status) - ATTENTION.indexOf(b.status) || rank(a) - rank(b));
  if (!attention.length) {
    out.push(pick(MD_TEXT.allGood, lang), '');
    return out;
  }
  for (const r of attention) {
    out.push(`### ${GLYPHS[r.status]} ${resultStatusLabel(r, lang)} — ${inline(r.title)} (${code(r.id)})`, '');
    // No spread: a message may have any number of lines.
    for (const l of escapeMarkdown(r.message).split('\n')) out.push(l.trimEnd());
    out.push('');
    if (r.cause && r.status === 'error') {
      const where = [r.cause.host, r.cause.status !== undefined ? `HTTP ${r.cause.status}` : undefined, r.cause.code !== undefined ? `code ${r.cause.code}` : undefined].filter(Boolean);
      // The upstream's own words are quoted as such: in French they are a citation, not a sentence of the report.
      const said = lang === 'fr' ? `«\u00a0${inline(r.cause.message)}\u00a0»` : inline(r.cause.message);
      const cause = `${inline(r.cause.source)} — ${said}${where.length ? ` (${inline(where.join(', '))})` : ''}`;
      out.push(lang === 'fr' ? `${pick(MD_TEXT.cause, lang)}\u00a0: ${cause}` : `${pick(MD_TEXT.cause, lang)}: ${cause}`, '');
    }
    if (r.remediation.length) {
      out.push(`**${pick(r.status === 'manual' ? UI.toVerify : UI.howToFix, lang)}**`, '');
      r.remediation.forEach((step, i) => out.push(`${i + 1}. ${inline(step)}`));
      out.push('');
    }
  }
  return out;
}

export function renderMarkdown(report: Report, options: { quiet?: boolean } = {}): string {
  const lang = report.lang;
  const out = [`# ${pick(MD_TEXT.title, lang)}`, '', `_${pick(MD_TEXT.generated, lang)} ${formatShopDate(report.generatedAt, lang)} — checkout-doctor ${report.tool.version}_`, ''];
  for (const club of report.clubs) for (const line of clubSection(club, lang, options.quiet)) out.push(line);
  out.push('---', '', `**${summaryLine(report, lang)}**`, '');
  return out.join('\n');
}
