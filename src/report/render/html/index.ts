// One self-contained HTML page: no request of any kind (inline stylesheet and script, no font, no
// image), and a Content-Security-Policy that allows only that stylesheet and that script, by hash.
// Several clubs: a grid of clubs × checks (colour *and* glyph per cell), problems-only filter,
// search, each cell opening its message and steps. One club: its findings, problems first.
//
// Every text of the report is escaped where it is written: escapeHtml in the markup, and the data
// embedded as JSON with `<`, `>` and `&` as \u escapes, so no string can close the <script> element
// or open a comment. Names and messages first go through terminalSafe, as everywhere else, so a
// bidirectional override or a control character is shown, not obeyed.

import { forReader } from '../../audience.js';
import { causeLine, quoteCause } from '../../cause-line.js';
import { createHash } from 'node:crypto';
import { STATUSES, type Lang, type Status } from '../../../engine/types.js';
import { formatShopDate } from '../../dates.js';
import { forms, plural } from '../../french.js';
import { CATEGORY_LABELS, STATUS_LABELS, pick, resultStatusLabel } from '../../i18n.js';
import { totals, type ClubReport, type Report, type ReportResult, type Summary } from '../../model.js';
import { escapeHtml, terminalSafe } from '../../text.js';
import { CATEGORY_ORDER, GLYPHS } from '../pretty.js';
import { CLIENT_SCRIPT } from './client.js';
import { CHECKS, CLUBS, HTML_TEXT, SHOWN, STATUS_COUNTS, type Plural } from './messages.js';
import { STYLESHEET } from './palette.js';

export interface HtmlOptions {
  /** The shop's time zone, for the date the report was generated (default: Paris, as the checks). */
  timeZone?: string;
}

const PROBLEMS: readonly Status[] = ['fail', 'error', 'warn'];
/** Problems first, then what a person must verify, then the rest. */
const ORDER: readonly Status[] = ['fail', 'error', 'warn', 'manual', 'skip', 'pass'];

const h = (text: string): string => escapeHtml(text);
const T = (key: keyof typeof HTML_TEXT, lang: Lang): string => pick(HTML_TEXT[key], lang);
const colon = (lang: Lang): string => (lang === 'fr' ? '\u00a0: ' : ': ');

/** `3\u00a0échecs`: the one plural helper of src/report/french.ts (the page's script has its own copy, client.ts). */
function count(n: number, p: Plural, lang: Lang): string {
  return plural(lang, n, forms(`{n}\u00a0${p.one.fr}`, `{n}\u00a0${p.other.fr}`, `{n} ${p.one.en}`, `{n} ${p.other.en}`));
}

/** `31/08/2025 à 23:59` (French) or `2025-08-31 23:59`, in the shop's time zone (the one helper of src/report/dates.ts). */
export function formatDate(iso: string, lang: Lang, timeZone?: string): string {
  return formatShopDate(iso, lang, timeZone);
}

/** The column order of the grid: every check met in the report, by category, then as first met. */
function columns(report: Report): { id: string; title: string; category: ReportResult['category'] }[] {
  const seen = new Map<string, { id: string; title: string; category: ReportResult['category']; at: number }>();
  for (const club of report.clubs) for (const r of club.results) if (!seen.has(r.id)) seen.set(r.id, { id: r.id, title: r.title, category: r.category, at: seen.size });
  const rank = (c: ReportResult['category']) => (CATEGORY_ORDER.indexOf(c) === -1 ? CATEGORY_ORDER.length : CATEGORY_ORDER.indexOf(c));
  return [...seen.values()].sort((a, b) => rank(a.category) - rank(b.category) || a.at - b.at);
}

function categoryLabel(category: string, lang: Lang): string {
  const label = CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS];
  return label ? pick(label, lang) : category;
}

function statusLabel(status: Status, lang: Lang): string {
  return pick(STATUS_LABELS[status], lang);
}

function clubLabel(club: ClubReport, lang: Lang): string {
  const ids = [
    club.club.groupId !== null ? `${T('group', lang)} ${club.club.groupId}` : null,
    club.club.categoryId !== null ? `${T('category', lang)} ${club.club.categoryId}` : null,
  ].filter(Boolean);
  return ids.length ? ` (${ids.join(', ')})` : '';
}

function causeText(r: ReportResult, lang: Lang): string | undefined {
  const line = r.status === 'error' ? causeLine(r) : undefined;
  if (!line) return undefined;
  return `${line.source} — ${quoteCause(lang, line.message)}${line.where.length ? ` (${line.where.join(', ')})` : ''}`;
}

function counts(sum: Summary, lang: Lang): string {
  const items = ORDER.filter((s) => sum[s] > 0).map((s) => `<li class="s-${s}"><span class="g" aria-hidden="true">${GLYPHS[s]}</span> ${h(count(sum[s], STATUS_COUNTS[s], lang))}</li>`);
  return `<ul class="counts">${items.join('')}</ul>`;
}

function legend(lang: Lang): string {
  return `<ul class="legend" aria-label="${h(T('legend', lang))}">${ORDER.map((s) => `<li><span class="g s-${s}" aria-hidden="true">${GLYPHS[s]}</span>${h(statusLabel(s, lang))}</li>`).join('')}</ul>`;
}

function setupSection(report: Report, lang: Lang): string {
  if (!report.setup?.length) return '';
  const items = report.setup.map(
    (p) =>
      `<article class="finding b-error"><h3><span class="badge s-error">${GLYPHS.error} ${h(statusLabel('error', lang))}</span>${h(p.title)}</h3>` +
      `<p class="msg">${h(p.message)}</p><p class="cause">${h(T('stopped', lang))}${h(colon(lang))}${p.checks}</p>` +
      (p.fix.length ? `<h4>${h(T('steps', lang))}</h4><ol>${p.fix.map((s) => `<li>${h(s)}</li>`).join('')}</ol>` : '') +
      `</article>`,
  );
  return `<section aria-labelledby="setup"><h2 id="setup">${h(T('setup', lang))}</h2>${items.join('')}</section>`;
}

/** The data the page's script reads: strings interned once (300 clubs repeat the same steps). */
function embeddedData(report: Report, cols: ReturnType<typeof columns>): string {
  const lang = report.lang;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (text: string): number => {
    const safe = terminalSafe(text);
    let i = index.get(safe);
    if (i === undefined) {
      i = strings.length;
      strings.push(safe);
      index.set(safe, i);
    }
    return i;
  };
  const at = new Map(cols.map((c, j) => [c.id, j]));
  const data = {
    lang,
    checks: cols.map((c) => [c.id, s(c.title)]),
    status: Object.fromEntries(STATUSES.map((st) => [st, [GLYPHS[st], statusLabel(st, lang)]])),
    t: { steps: T('steps', lang), stepsManual: T('stepsManual', lang), cause: T('cause', lang), colon: colon(lang), shown: { one: pick(SHOWN.one, lang), other: pick(SHOWN.other, lang) } },
    clubs: report.clubs.map((club) => {
      const r: unknown[] = cols.map(() => 0);
      for (const res of club.results) {
        const cause = causeText(res, lang);
        r[at.get(res.id)!] = [res.status, s(res.message), res.remediation.map(s), cause === undefined ? -1 : s(cause)];
      }
      return { n: s(club.club.name + clubLabel(club, lang)), r };
    }),
    s: strings,
  };
  // `<` `>` `&` and the two JavaScript line terminators as \u escapes: the JSON can hold
  // "</script>" or "<!--" in a name and still never end or change the element that carries it.
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function gridSection(report: Report): string {
  const lang = report.lang;
  const cols = columns(report);
  if (!report.clubs.length) return `<p>${h(T('noClub', lang))}</p>`;
  const groups: { category: string; span: number }[] = [];
  for (const c of cols) {
    const last = groups[groups.length - 1];
    if (last && last.category === c.category) last.span++;
    else groups.push({ category: c.category, span: 1 });
  }
  const starts = new Set<number>();
  groups.reduce((at, g) => (starts.add(at), at + g.span), 0);
  const head =
    `<thead><tr class="cats"><td class="corner"></td>${groups.map((g) => `<th scope="colgroup" colspan="${g.span}">${h(categoryLabel(g.category, lang))}</th>`).join('')}</tr>` +
    `<tr class="titles"><th scope="col" class="corner">${h(T('club', lang))}</th>${cols.map((c) => `<th scope="col" class="col" title="${h(c.id)}"><span>${h(c.title)}</span></th>`).join('')}</tr></thead>`;
  const notRun = h(T('notRun', lang));
  const labels = Object.fromEntries(STATUSES.map((st) => [st, h(statusLabel(st, lang))])) as Record<Status, string>;
  const body = report.clubs.map((club, i) => {
    const byId = new Map(club.results.map((r) => [r.id, r]));
    const problems = PROBLEMS.reduce((n, s) => n + club.summary[s], 0);
    const cells = cols.map((c, j) => {
      const r = byId.get(c.id);
      // Kept short: 300 clubs × 15 checks make 4,500 of these. The column is the cell's index.
      const cls = starts.has(j) ? ' class="cs"' : '';
      if (!r) return `<td${cls}><span class="none" aria-hidden="true">·</span><span class="sr">${notRun}</span></td>`;
      return `<td${cls}><button class="cell s-${r.status}" aria-label="${labels[r.status]}" aria-haspopup="dialog">${GLYPHS[r.status]}</button></td>`;
    });
    const flag = problems ? '' : ' class="ok"';
    // The group id tells apart two clubs of the same name; the category is in the cell's panel.
    const group = club.club.groupId !== null ? ` <span class="id">#${club.club.groupId}</span>` : '';
    const n = problems ? `<span class="n">${PROBLEMS.filter((s) => club.summary[s]).map((s) => `${GLYPHS[s]}${club.summary[s]}`).join(' ')}</span>` : '';
    return `<tr data-i="${i}"${flag}><th scope="row"><span class="club">${h(club.club.name)}</span>${group}${n}</th>${cells.join('')}</tr>`;
  });
  return (
    `<section aria-labelledby="grid-h"><h2 id="grid-h">${h(T('grid', lang))}</h2>` +
    `<div class="controls noprint" role="search" aria-label="${h(T('filters', lang))}">` +
    `<label><input type="checkbox" id="problems"> ${h(T('problemsOnly', lang))}</label>` +
    `<label>${h(T('search', lang))} <input type="search" id="q" autocomplete="off" aria-describedby="q-hint"></label> <span class="hint" id="q-hint">${h(T('searchHint', lang))}</span>` +
    `<output id="shown" aria-live="polite">${h(count(report.clubs.length, CLUBS, lang))}</output></div>` +
    legend(lang) +
    `<div class="wrap"><table class="grid" id="grid"><caption>${h(T('gridCaption', lang))}</caption>${head}<tbody>${body.join('\n')}</tbody></table>` +
    `<p id="nomatch" hidden>${h(T('noMatch', lang))}</p></div></section>` +
    `<dialog id="detail" aria-labelledby="d-title"><h2 id="d-title"></h2><p><span id="d-status" class="badge"></span> <code id="d-id"></code></p>` +
    `<p class="msg" id="d-msg"></p><p class="cause" id="d-cause" hidden></p><h3 id="d-steps"></h3><ol id="d-list"></ol>` +
    `<form method="dialog"><button class="close" type="submit" autofocus>${h(T('close', lang))}</button></form></dialog>` +
    `<script type="application/json" id="cd-data">${embeddedData(report, cols)}</script>`
  );
}

function finding(r: ReportResult, lang: Lang): string {
  const cause = causeText(r, lang);
  return (
    `<article class="finding b-${r.status}" id="r-${h(r.id)}"><h3><span class="badge s-${r.status}"><span class="g" aria-hidden="true">${GLYPHS[r.status]}</span> ${h(resultStatusLabel(r, lang))}</span>` +
    `${h(r.title)}<span class="id">${h(r.id)}</span></h3><p class="msg">${h(r.message)}</p>` +
    (cause ? `<p class="cause">${h(T('cause', lang))}${h(colon(lang))}${h(cause)}</p>` : '') +
    (r.remediation.length && r.status !== 'pass' ? `<h4>${h(T(r.status === 'manual' ? 'stepsManual' : 'steps', lang))}</h4><ol>${r.remediation.map((s) => `<li>${h(s)}</li>`).join('')}</ol>` : '') +
    `</article>`
  );
}

function clubSections(club: ClubReport, lang: Lang): string {
  const sorted = [...club.results].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  const problems = sorted.filter((r) => PROBLEMS.includes(r.status));
  const manual = sorted.filter((r) => r.status === 'manual');
  const rest = sorted.filter((r) => r.status === 'pass' || r.status === 'skip');
  let out = `<section aria-labelledby="fix-h"><h2 id="fix-h">${h(T('toFix', lang))}</h2>${problems.length ? problems.map((r) => finding(r, lang)).join('') : `<p>${h(T('allGood', lang))}</p>`}</section>`;
  if (manual.length) out += `<section aria-labelledby="manual-h"><h2 id="manual-h">${h(T('toVerify', lang))}</h2>${manual.map((r) => finding(r, lang)).join('')}</section>`;
  if (rest.length) out += `<section aria-labelledby="rest-h"><h2 id="rest-h">${h(T('others', lang))}</h2><details><summary>${h(count(rest.length, CHECKS, lang))}</summary>${rest.map((r) => finding(r, lang)).join('')}</details></section>`;
  return out;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function renderHtml(given: Report, options: HtmlOptions = {}): string {
  const report = forReader(given);
  const lang = report.lang;
  const single = report.clubs.length === 1 ? report.clubs[0]! : undefined;
  const title = single ? `${T('titleClub', lang)}${colon(lang)}${single.club.name}` : T('titleAll', lang);
  const navItems: [string, string][] = [['summary-h', T('summary', lang)]];
  if (report.setup?.length) navItems.push(['setup', T('setup', lang)]);
  if (single) {
    navItems.push(['fix-h', T('toFix', lang)]);
    if (single.results.some((r) => r.status === 'manual')) navItems.push(['manual-h', T('toVerify', lang)]);
    if (single.results.some((r) => r.status === 'pass' || r.status === 'skip')) navItems.push(['rest-h', T('others', lang)]);
  } else if (report.clubs.length) {
    navItems.push(['grid-h', T('grid', lang)]);
  }
  const csp = [`default-src 'none'`, `script-src ${sha256(CLIENT_SCRIPT)}`, `style-src ${sha256(STYLESHEET)}`, `img-src 'none'`, `font-src 'none'`, `connect-src 'none'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  const generated = `${T('generated', lang)} <time datetime="${h(report.generatedAt)}" class="volatile">${h(formatDate(report.generatedAt, lang, options.timeZone))}</time>`;
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light">` +
    `<title>${h(title)}</title><style>${STYLESHEET}</style></head>\n<body>` +
    `<header><h1>${h(single ? `${single.club.name}${clubLabel(single, lang)}` : T('titleAll', lang))}</h1>` +
    `<p class="meta">${single ? `${h(T('titleClub', lang))} · ` : ''}${generated} · checkout-doctor ${h(report.tool.version)} · ${h(T('duration', lang))} <span class="volatile">${report.durationMs}\u00a0ms</span></p></header>\n` +
    `<nav aria-label="${h(T('navLabel', lang))}"><ul>${navItems.map(([id, label]) => `<li><a href="#${id}">${h(label)}</a></li>`).join('')}</ul></nav>\n` +
    `<main><section aria-labelledby="summary-h"><h2 id="summary-h">${h(T('summary', lang))}</h2>` +
    `${single ? '' : `<p>${h(count(report.clubs.length, CLUBS, lang))}</p>`}${counts(totals(report), lang)}</section>` +
    setupSection(report, lang) +
    (single ? clubSections(single, lang) : gridSection(report)) +
    `</main>\n<script>${CLIENT_SCRIPT}</script></body></html>\n`
  );
}
