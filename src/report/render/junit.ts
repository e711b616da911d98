// JUnit XML for CI dashboards: one <testsuite> per club, one <testcase> per check result.
// Only `fail` is a <failure> and `error` an <error>; `warn` and `manual` pass with their message in
// <system-out> (CI that wants warnings to break the build uses --fail-on warn on the exit code).
// 300 clubs × 15 checks must stay apart in Jenkins and GitLab test views, which group testcases by
// `classname` (Jenkins: package = before the last dot, class = after) and name them by `name`:
// classname is `<club>.<category>` and name `<check id> — <title>`. The document follows the
// JUnit schema CI servers read (Jenkins' junit-10.xsd; checked in test/report/junit-schema.test.ts):
// no `skipped` attribute on <testsuites>, for one.

import { forReader } from '../audience.js';
import { causeLine, quoteCause } from '../cause-line.js';
import { STATUSES, t, type Lang } from '../../engine/types.js';
import { UI, pick, resultStatusLabel } from '../i18n.js';
import { clubLabel } from '../../engine/clubs.js';
import type { ClubReport, Report, ReportResult } from '../model.js';
import { changesLines } from './changes.js';

// Characters XML 1.0 forbids even escaped: C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted attribute; line breaks survive as character references. */
export function escapeAttr(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function body(r: ReportResult, lang: Lang): string {
  const lines = [r.message];
  const cause = causeLine(r);
  if (cause) {
    const { source, where } = cause;
    const said = quoteCause(lang, cause.message);
    lines.push(lang === 'fr' ? `(${source}\u00a0: ${said}${where.length ? `\u202f; ${where.join(', ')}` : ''})` : `(${source}: ${said}${where.length ? `; ${where.join(', ')}` : ''})`);
  }
  if (r.remediation.length) {
    lines.push('', pick(r.status === 'manual' ? UI.toVerify : UI.howToFix, lang));
    r.remediation.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
  }
  return lines.join('\n');
}

/** The short line CI lists show for a failure or an error: the message, then the steps. */
function summaryMessage(r: ReportResult, lang: Lang): string {
  if (!r.remediation.length) return r.message;
  return [r.message, pick(UI.howToFix, lang), ...r.remediation.map((step, i) => `${i + 1}. ${step}`)].join('\n');
}

function testcase(r: ReportResult, lang: Lang, club: string): string {
  const open = `    <testcase classname="${escapeAttr(`${club}.${r.category}`)}" name="${escapeAttr(`${r.id} — ${r.title}`)}" time="${seconds(r.durationMs)}"`;
  const title = pick(t(`${resultStatusLabel(r, lang)} : ${r.title}`, `${resultStatusLabel(r, lang)}: ${r.title}`), lang);
  switch (r.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return `${open}>\n      <failure message="${escapeAttr(summaryMessage(r, lang))}" type="${escapeAttr(r.severity)}">${escapeXml(`${r.title}\n${body(r, lang)}`)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${escapeAttr(summaryMessage(r, lang))}" type="${escapeAttr(r.cause?.kind ?? 'error')}">${escapeXml(`${r.title}\n${body(r, lang)}`)}</error>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped message="${escapeAttr(r.message)}"/>\n    </testcase>`;
    case 'warn':
    case 'manual':
      return `${open}>\n      <system-out>${escapeXml(`${title}\n${body(r, lang)}`)}</system-out>\n    </testcase>`;
  }
}

function counts(results: readonly ReportResult[]) {
  const by = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
  for (const r of results) by[r.status]++;
  return { tests: results.length, failures: by.fail, errors: by.error, skipped: by.skip };
}

/** `skipped` only where the schema has it: on <testsuite>, not on <testsuites>. */
function attrs(c: ReturnType<typeof counts>, withSkipped = true): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}"${withSkipped ? ` skipped="${c.skipped}"` : ''}`;
}

/** `clubs`: every club of the report, for the `Name#<group id>` of clubs sharing a name. */
function suite(club: ClubReport, report: Report, index: number, clubs: readonly ClubReport['club'][]): string {
  const c = counts(club.results);
  const time = club.results.reduce((sum, r) => sum + r.durationMs, 0);
  const properties = [
    ['groupId', club.club.groupId],
    ['categoryId', club.club.categoryId],
    ['shop', report.shop?.url ?? null],
    // With --baseline: this club's problems new and resolved since then.
    ...(report.changes ? ([['changes.new', club.results.filter((r) => r.change === 'new').length], ['changes.resolved', club.results.filter((r) => r.change === 'resolved').length]] as const) : []),
  ]
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `      <property name="${k}" value="${escapeAttr(String(v))}"/>`);
  const label = clubLabel(club.club, clubs);
  return [
    `  <testsuite id="${index}" name="${escapeAttr(label)}" ${attrs(c)} time="${seconds(time)}" timestamp="${escapeAttr(report.generatedAt.replace(/\.\d+Z$|Z$/, ''))}">`,
    ...(properties.length ? ['    <properties>', ...properties, '    </properties>'] : []),
    ...club.results.map((r) => testcase(r, report.lang, label)),
    '  </testsuite>',
  ].join('\n');
}

/** With --baseline, what changed, as a comment at the top (the schema has no place for it). */
function changesComment(report: Report): string[] {
  const changes = changesLines(report, report.lang);
  if (!changes) return [];
  // A comment may not hold "--" nor end with "-".
  const safe = (s: string) => escapeXml(s).replace(/--/g, '-\u2010').replace(/-$/, '-\u2010');
  return [`<!-- ${safe(changes.headline)}`, ...changes.items.map((i) => `     ${safe(i)}`), '-->'];
}

export function renderJunit(given: Report): string {
  const report = forReader(given);
  const all = counts(report.clubs.flatMap((c) => c.results));
  const clubs = report.clubs.map((c) => c.club);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...changesComment(report),
    `<testsuites name="checkout-doctor" ${attrs(all, false)} time="${seconds(report.durationMs)}">`,
    ...report.clubs.map((club, i) => suite(club, report, i, clubs)),
    '</testsuites>',
    '',
  ].join('\n');
}
