// A report to paste into a support ticket (GitHub, GitLab, Jira, Zendesk markdown): a header
// saying which shop, from which source (live, or which snapshot and when it was taken), with which
// questions and when (on the shop's clock); then per club its problems first, each with its steps,
// and the checks that passed or were skipped folded in a <details> table; then the totals.
// Glyphs, not emoji, so the text survives any ticket system. Every text of the report goes through
// escapeMarkdown (src/report/text.ts): a group name or an upstream error body never becomes markup.

import type { Lang, Status, Text } from '../../engine/types.js';
import { causeLine, quoteCause } from '../cause-line.js';
import { formatShopDate } from '../dates.js';
import { forms, plural } from '../french.js';
import { CATEGORY_LABELS, UI, pick, resultStatusLabel } from '../i18n.js';
import type { ClubReport, Report, ReportResult } from '../model.js';
import { escapeMarkdown, markdownLine } from '../text.js';
import { changesLines } from './changes.js';
import { CATEGORY_ORDER, GLYPHS, summaryLine } from './pretty.js';

const NBSP = '\u00a0';

const MD_TEXT = {
  title: { fr: 'Diagnostic checkout-doctor', en: 'checkout-doctor diagnosis' },
  check: { fr: 'Contrôle', en: 'Check' },
  status: { fr: 'Statut', en: 'Status' },
  category: { fr: 'Catégorie', en: 'Category' },
  details: { fr: 'Détails', en: 'Details' },
  allGood: { fr: 'Aucun problème détecté pour ce club.', en: 'No problem found for this club.' },
  generated: { fr: 'Généré le', en: 'Generated' },
  cause: { fr: 'Cause', en: 'Cause' },
  shop: { fr: 'Boutique', en: 'Shop' },
  source: { fr: 'Source', en: 'Source' },
  asked: { fr: 'Options', en: 'Options' },
  date: { fr: 'Date', en: 'Date' },
  none: { fr: 'aucune', en: 'none' },
  unknownShop: { fr: 'inconnue', en: 'unknown' },
  live: { fr: 'la boutique en direct', en: 'the live shop' },
} satisfies Record<string, Text>;

/** Where the facts came from, in the header (the file names already formatted as code). */
const MD_SOURCES = {
  snapshot: (file: string, taken: string): Text => ({ fr: `instantané ${file} pris le ${taken}`, en: `snapshot ${file} taken ${taken}` }),
  sandbox: (file: string): Text => ({ fr: `bac à sable (jeu de données ${file})`, en: `sandbox (fixture ${file})` }),
};

/** One line of the header: `**Label :** value` (French puts a non-breaking space before the colon). */
function field(label: Text, value: string, lang: Lang): string {
  return `- **${pick(label, lang)}${lang === 'fr' ? `${NBSP}:` : ':'}** ${value}`;
}

function sourceText(report: Report, lang: Lang): string {
  const source = report.source;
  if (!source) return pick(MD_TEXT.live, lang);
  const taken = formatShopDate(source.gatheredAt, lang, report.shop?.timeZone);
  if (source.kind === 'snapshot') return MD_SOURCES.snapshot(code(source.file ?? ''), taken)[lang];
  if (source.kind === 'sandbox') return MD_SOURCES.sandbox(code(source.file ?? 'demo'))[lang];
  return pick(MD_TEXT.live, lang);
}

function header(report: Report, lang: Lang): string[] {
  const shop = report.shop?.url ? `${escapeMarkdown(report.shop.url)}${report.shop.name ? ` (${inline(report.shop.name)})` : ''}` : report.shop?.name ? inline(report.shop.name) : pick(MD_TEXT.unknownShop, lang);
  const asked = Object.entries(report.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => code(`--${k} ${v}`));
  const zone = report.shop?.timeZone;
  return [
    field(MD_TEXT.shop, shop, lang),
    field(MD_TEXT.source, sourceText(report, lang), lang),
    field(MD_TEXT.asked, asked.length ? asked.join(', ') : pick(MD_TEXT.none, lang), lang),
    field(MD_TEXT.date, `${formatShopDate(report.generatedAt, lang, zone)}${zone ? ` (${escapeMarkdown(zone)})` : ''} — checkout-doctor ${code(report.tool.version)}`, lang),
    '',
  ];
}

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

/** What is folded under each club: "3 checks passed, 4 skipped" (real plurals). */
const FOLDED: Partial<Record<Status, Record<Lang, Record<'one' | 'other', string>>>> = {
  pass: { fr: { one: 'contrôle réussi', other: 'contrôles réussis' }, en: { one: 'check passed', other: 'checks passed' } },
  skip: { fr: { one: 'ignoré', other: 'ignorés' }, en: { one: 'skipped', other: 'skipped' } },
};

function counted(n: number, status: Status, lang: Lang): string {
  const f = FOLDED[status]!;
  return plural(lang, n, forms(`{n} ${f.fr.one}`, `{n} ${f.fr.other}`, `{n} ${f.en.one}`, `{n} ${f.en.other}`));
}

function rank(r: ReportResult): number {
  const i = CATEGORY_ORDER.indexOf(r.category);
  return i === -1 ? CATEGORY_ORDER.length : i;
}

/** A club admin's report names no check id and no upstream cause: plain words only. */
const idOf = (r: ReportResult, admin: boolean) => (admin ? '' : ` (${code(r.id)})`);

/** A result's heading: glyph, status word, title and id; `new`/`resolved` with a baseline. */
function resultHeading(r: ReportResult, lang: Lang, admin: boolean): string {
  const change = r.change === 'new' ? ` — ${pick(CHANGE_TAGS.new, lang)}` : '';
  return `### ${GLYPHS[r.status]} ${resultStatusLabel(r, lang)} — ${inline(r.title)}${idOf(r, admin)}${change}`;
}

const CHANGE_TAGS = {
  new: { fr: '**nouveau**', en: '**new**' },
  resolved: { fr: 'résolu', en: 'resolved' },
} satisfies Record<string, Text>;

function problem(r: ReportResult, lang: Lang, admin: boolean): string[] {
  const out = [resultHeading(r, lang, admin), ''];
  // No spread: a message may have any number of lines.
  for (const l of escapeMarkdown(r.message).split('\n')) out.push(l.trimEnd());
  out.push('');
  const line = r.status === 'error' && !admin ? causeLine(r) : undefined;
  if (line) {
    const cause = `${inline(line.source)} — ${quoteCause(lang, inline(line.message))}${line.where.length ? ` (${inline(line.where.join(', '))})` : ''}`;
    out.push(lang === 'fr' ? `${pick(MD_TEXT.cause, lang)}${NBSP}: ${cause}` : `${pick(MD_TEXT.cause, lang)}: ${cause}`, '');
  }
  if (r.remediation.length) {
    out.push(`**${pick(r.status === 'manual' ? UI.toVerify : UI.howToFix, lang)}**`, '');
    r.remediation.forEach((step, i) => out.push(`${i + 1}. ${inline(step)}`));
    out.push('');
  }
  return out;
}

/** The checks that need nothing, in a table folded under <details> (GitHub, GitLab, most trackers). */
function folded(results: readonly ReportResult[], lang: Lang, admin: boolean): string[] {
  if (!results.length) return [];
  const parts = (['pass', 'skip'] as const).map((s) => [s, results.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const summary = parts.map(([s, n]) => `${GLYPHS[s]} ${counted(n, s, lang)}`).join(', ');
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  out.push(`| | ${pick(MD_TEXT.status, lang)} | ${pick(MD_TEXT.check, lang)} | ${pick(MD_TEXT.category, lang)} |`, '|---|---|---|---|');
  for (const r of results) {
    const category = CATEGORY_LABELS[r.category] ? pick(CATEGORY_LABELS[r.category], lang) : r.category;
    const change = r.change === 'resolved' ? ` — ${pick(CHANGE_TAGS.resolved, lang)}` : '';
    out.push(`| ${GLYPHS[r.status]} | ${resultStatusLabel(r, lang)} | ${cell(r.title)}${idOf(r, admin)}${change} | ${cell(category)} |`);
  }
  out.push('', '</details>', '');
  return out;
}

function clubSection(club: ClubReport, lang: Lang, admin = false, quiet = false): string[] {
  const ids = [
    club.club.groupId !== null ? `${pick(UI.group, lang)} ${club.club.groupId}` : null,
    club.club.categoryId !== null ? `${pick(UI.category, lang)} ${club.club.categoryId}` : null,
  ].filter(Boolean);
  const out = [`## ${inline(club.club.name)}${ids.length ? ` (${ids.join(', ')})` : ''}`, ''];
  const results = [...club.results].sort((a, b) => rank(a) - rank(b));
  // Problems first, worst first, each with its steps. A point a person checked in the guided mode
  // is detailed whatever the answer: the ticket says who said what.
  const weight = (r: ReportResult) => (ATTENTION.includes(r.status) ? ATTENTION.indexOf(r.status) : ATTENTION.length);
  const detailed = (r: ReportResult) => ATTENTION.includes(r.status) || r.evidence?.answeredBy === 'person';
  const attention = results.filter(detailed).sort((a, b) => weight(a) - weight(b) || rank(a) - rank(b));
  if (!attention.length) out.push(pick(MD_TEXT.allGood, lang), '');
  for (const r of attention) for (const line of problem(r, lang, admin)) out.push(line);
  // --quiet: the checks that need nothing are left out, not folded.
  if (!quiet) for (const line of folded(results.filter((r) => !detailed(r)), lang, admin)) out.push(line);
  return out;
}

export function renderMarkdown(report: Report, options: { quiet?: boolean } = {}): string {
  const lang = report.lang;
  const out = [`# ${pick(MD_TEXT.title, lang)}`, '', ...header(report, lang)];
  const changes = changesLines(report, lang);
  if (changes) {
    out.push(`**${escapeMarkdown(changes.headline)}**`, '');
    for (const item of changes.items) out.push(`- ${inline(item)}`);
    if (changes.items.length) out.push('');
  }
  out.push(`**${summaryLine(report, lang)}**`, '');
  for (const club of report.clubs) for (const line of clubSection(club, lang, report.audience === 'admin', options.quiet)) out.push(line);
  out.push('---', '', `**${summaryLine(report, lang)}**`, '');
  return out.join('\n');
}
