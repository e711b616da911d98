// Two audiences for one diagnosis (issue 10, item 5). The support agent's report keeps every
// technical detail; the club admin's (`--audience admin`, and the guided mode) speaks plain words:
// no configuration key, no command-line flag, no check id or data-part name, no code point
// (`U+000A`), no HTTP code. A check may give its own admin wording (CheckOutcome.admin); where it
// does not, a plain version is derived here by removing the technical detail: parenthesised
// details first, then the sentences and steps that still carry one.

import type { CheckResult } from '../engine/runner.js';
import { t, type Text } from '../engine/types.js';
import { codeConfigKeys } from '../config/keys.js';
import type { Report } from './model.js';

export const AUDIENCES = ['support', 'admin'] as const;
export type Audience = (typeof AUDIENCES)[number];

const messages = {
  // When nothing plain is left of a message (it only said which data failed to load).
  notChecked: t(
    'Ce point n’a pas pu être vérifié : une information nécessaire n’a pas pu être lue.',
    'This point could not be checked: some information it needs could not be read.',
  ),
  unexpected: t(
    'Ce point n’a pas pu être vérifié. Transmettez ce rapport au support : il saura quoi regarder.',
    'This point could not be checked. Send this report to support: they will know what to look at.',
  ),
  toVerify: t('Ce point est à vérifier à la main.', 'This point must be checked by hand.'),
  notAsked: t('Non demandé pour ce diagnostic.', 'Not asked in this diagnosis.'),
  sendToSupport: t('Si le problème persiste, transmettez ce rapport au support.', 'If the problem persists, send this report to support.'),
};

/**
 * What a club admin does not need to read: configuration keys and data-part names
 * (`clubs[].stripe`, `prestashop.database`, `club.stripeAccount`; not `dashboard.stripe.com`),
 * command-line flags, code points, HTTP codes and the internal names of webservice keys.
 */
const TECHNICAL: readonly RegExp[] = [
  // Code spans: the support wording writes configuration keys and commands as code.
  /`[^`]+`/,
  /\bdynamicCoupons\b/,
  /(?<![\w./-])(?:prestashop|stripe|sendcloud|clubs|club|shop|checks|dynamicCoupons|plugins|database)(?:\[\])?\.(?!(?:com|fr|sc|io|net|org)\b)[A-Za-z_][\w[\].]*/,
  /(?<![\w-])--[a-z][a-z-]+/,
  /\bU\+[0-9A-Fa-f]{4,6}\b/,
  /\bHTTP\b/,
  // A list of HTTP status codes (`401/403/404`).
  /\b[1-5]\d\d(?:\/[1-5]\d\d)+\b/,
  /\b(?:code|status|statut)\s*:?\s*[1-5]\d\d\b/i,
  /\b(?:webserviceKey|ws_key|publicKey|secretKey|publishableKey|timeoutMs|PS_[A-Z_]+|STRIPE_[A-Z_]+)\b/,
];

const hasTechnical = (text: string, ids: readonly string[]): boolean =>
  TECHNICAL.some((re) => re.test(text)) || ids.some((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text));

/** Parenthesised details that carry something technical are dropped whole: "(character 33, U+000A)". */
function dropTechnicalParentheses(text: string, ids: readonly string[]): string {
  return text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (hasTechnical(inner, ids) || /^\s*(?:#|n°\s*)\d+\s*$/.test(inner) ? '' : whole));
}

/**
 * The plain version of one text, line by line: technical parentheses removed, then the sentences
 * still technical dropped. A sentence ends at `.`, `!` or `?` followed by a space, so the dots of
 * `127.0.0.1` or `prestashop.database` never split one.
 */
export function plainText(text: string, ids: readonly string[] = []): string {
  return dropTechnicalParentheses(text, ids)
    .split('\n')
    .map((line) =>
      line
        .split(/(?<=[.!?])\s+/)
        .filter((sentence) => !hasTechnical(sentence, ids))
        .join(' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

function plainTexts(text: Text, ids: readonly string[]): Text {
  return { fr: plainText(text.fr, ids), en: plainText(text.en, ids) };
}

/** The message a club admin reads when the check gave none: derived, or a plain sentence when nothing is left. */
function adminMessage(result: CheckResult, ids: readonly string[]): Text {
  const plain = plainTexts(result.message, ids);
  if (plain.fr && plain.en) return plain;
  if (result.status === 'error') return result.cause?.kind === 'check-crashed' ? messages.unexpected : messages.notChecked;
  if (result.status === 'manual') return messages.toVerify;
  if (result.status === 'skip') return messages.notAsked;
  // A pass or skip whose every sentence was technical: the title says enough.
  return { fr: plain.fr || result.check.meta.title.fr, en: plain.en || result.check.meta.title.en };
}

/** Steps a club admin follows: each made plain; a step only meant for the configuration is dropped. */
function adminSteps(result: CheckResult, ids: readonly string[]): Text[] {
  const steps = result.remediation.map((step) => plainTexts(step, ids)).filter((step) => step.fr && step.en);
  if (result.status === 'error' && !steps.length) return [messages.sendToSupport];
  return steps;
}

/**
 * The results as the audience reads them. `support` is the report as checks wrote it; `admin`
 * takes each check's admin wording, else the derived plain one. Evidence is kept as is: it is data
 * for the JSON report, which no renderer for people prints.
 */
export function forAudience(results: readonly CheckResult[], audience: Audience): CheckResult[] {
  if (audience === 'support') return results.map((r) => ({ ...r, message: supportText(r.message), remediation: r.remediation.map(supportText) }));
  const ids = [...new Set(results.map((r) => r.check.meta.id))];
  return results.map((r) => ({
    ...r,
    message: r.admin?.message ?? adminMessage(r, ids),
    remediation: r.admin?.remediation ?? adminSteps(r, ids),
  }));
}

/** The support wording: configuration keys as code, the way the agent finds them in .checkout-doctorrc.json. */
export function supportText(text: Text): Text {
  return { fr: codeConfigKeys(text.fr), en: codeConfigKeys(text.en) };
}

/** True when a text a club admin would read still carries a technical detail (tests and guards). */
export function isTechnical(text: string, ids: readonly string[] = []): boolean {
  return hasTechnical(text, ids);
}

/**
 * The report as the renderers show it to its reader: for a club admin, without the upstream's
 * technical cause (its English message, host, HTTP code, data names), which the admin message
 * already says in plain words; the JSON report keeps it (it is data, not read by the admin).
 */
export function forReader(report: Report): Report {
  if (report.audience !== 'admin') return report;
  return { ...report, clubs: report.clubs.map((club) => ({ ...club, results: club.results.map(({ cause: _cause, ...r }) => r) })) };
}
