// `checkout-doctor explain <check-id>`: what a check verifies and why, what it needs to run, how a
// person verifies or fixes it by hand, and where the knowledge comes from (FAQ).

import { closeMatches } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import type { Check, Lang, Text } from '../engine/types.js';
import { CATEGORY_LABELS, QUERY_FLAGS, UI, pick } from '../report/i18n.js';
import { manualQuestions } from './guided/messages.js';
import { isGuidedOnly, listedChecks, registryFor } from './list-checks.js';
import { parseLang } from './options.js';
import { terminalSafe } from '../report/text.js';
import { typeset } from '../report/french.js';
import { wrapText } from '../report/wrap.js';
import { writeReport, type Io } from './output.js';
import { t } from '../engine/types.js';

/** The texts of this command (issue 10.4: in one place, out of the logic). */
const MESSAGES = {
  unknownId: (id: string, close: readonly string[]) =>
    t(`Identifiant de contrôle inconnu : « ${id} ».${close.length ? ' Vouliez-vous dire :' : ''}`, `Unknown check id "${id}".${close.length ? ' Did you mean:' : ''}`),
  unknownIdHint: t('Lancez `checkout-doctor list-checks` pour voir tous les identifiants.', 'Run `checkout-doctor list-checks` to see every check id.'),
};

export interface ExplainFlags {
  lang?: string;
  config?: string;
}

const SOURCES: Array<[prefix: string, label: Text]> = [
  ['club.categoryAccess', { fr: 'base de données PrestaShop (lecture seule)', en: 'PrestaShop database (read-only)' }],
  ['club.stripeKeys', { fr: 'configuration du club, sinon configuration du module Stripe', en: "the club's configuration, else the Stripe module's configuration" }],
  ['club.stripe', { fr: 'API Stripe du club (lecture seule)', en: "the club's Stripe API (read-only)" }],
  ['club.', { fr: 'PrestaShop, pour le club', en: 'PrestaShop, for the club' }],
  ['prestashop.modules', { fr: 'base de données PrestaShop (lecture seule)', en: 'PrestaShop database (read-only)' }],
  ['prestashop.', { fr: 'PrestaShop (webservice ou base de données)', en: 'PrestaShop (webservice or database)' }],
  ['sendcloud.', { fr: 'API Sendcloud', en: 'Sendcloud API' }],
  ['shop.dynamicCoupons', { fr: 'point d’accès des coupons dynamiques (création d’un coupon test)', en: 'dynamic-coupons endpoint (creates a test coupon)' }],
  ['shop.front', { fr: 'site public de la boutique', en: 'public shop front' }],
];

function partLine(part: string, lang: Lang): string {
  const source = SOURCES.find(([prefix]) => part.startsWith(prefix));
  return source ? `${part} (${pick(source[1], lang)})` : part;
}

/** Wraps at `width`; continuation lines get `hanging` (so numbered steps keep their text aligned). */
function wrap(text: string, indent: string, width = 100, hanging = indent): string[] {
  return wrapText(text, width, indent, hanging);
}

/** "label:" in English, "label :" in French. */
const colon = (label: string, lang: Lang) => `${label}${lang === 'fr' ? ' :' : ':'}`;

export function renderExplanation(check: Check, lang: Lang): string {
  const { meta } = check;
  const out: string[] = [];
  const category = CATEGORY_LABELS[meta.category] ? pick(CATEGORY_LABELS[meta.category], lang) : meta.category;
  out.push(`${meta.id} — ${pick(meta.title, lang)}`);
  out.push(`${category} · ${colon(pick(UI.defaultSeverity, lang), lang)} ${meta.severity}`);

  out.push('', pick(UI.verifies, lang));
  out.push(...wrap(meta.description ? pick(meta.description, lang) : pick(meta.title, lang), '  '));

  out.push('', pick(UI.needs, lang));
  const guided = isGuidedOnly(check);
  if (guided) {
    out.push(...wrap(pick(UI.askedInGuidedMode, lang), '  '));
    // The guided points' questions do not name the club.
    const question = manualQuestions[meta.id];
    if (question) out.push(`  ${pick(UI.questionAsked, lang)}`, ...wrap(pick(question(''), lang), '    '));
  }
  if (meta.asks) out.push(`  ${pick(UI.runsOnlyWith, lang)} ${QUERY_FLAGS[meta.asks]}`);
  out.push(`  ${colon(pick(UI.requiredData, lang), lang)}`);
  if (meta.needs.length) for (const part of meta.needs) out.push(`    - ${partLine(part, lang)}`);
  else out.push('    -');
  if (meta.optional?.length) {
    out.push(`  ${colon(pick(UI.optionalData, lang), lang)}`);
    for (const part of meta.optional) out.push(`    - ${partLine(part, lang)}`);
  }
  const options = Object.entries(meta.defaultOptions ?? {});
  if (options.length) {
    out.push(`  ${colon(pick(UI.options, lang), lang)}`);
    for (const [name, value] of options) out.push(`    - ${name} = ${JSON.stringify(value)}`);
  }

  out.push('', pick(UI.manual, lang));
  if (meta.manualSteps?.length) meta.manualSteps.forEach((step, i) => out.push(...wrap(`${i + 1}. ${pick(step, lang)}`, '  ', 100, ' '.repeat(`  ${i + 1}. `.length))));
  else out.push(...wrap(pick(UI.noManualSteps, lang), '  '));

  out.push('', pick(UI.reference, lang), `  ${typeset(lang, meta.docs || '-')}`);

  if (guided) {
    out.push('', pick(UI.configure, lang), ...wrap(pick(UI.notConfigurable, lang), '  '));
    return typeset(lang, out.join('\n')) + '\n';
  }
  const example = options.length
    ? `{ "severity": "warn", ${options.map(([k, v]) => `"${k}": ${JSON.stringify(v)}`).join(', ')} }`
    : '"warn"';
  out.push('', pick(UI.configure, lang), `  "checks": { "${meta.id}": ${example} }   ("off" | "warn" | "fail")`);
  // Labels and colons put together here get the French spacing too.
  return typeset(lang, out.join('\n')) + '\n';
}

export function findCheck(ids: readonly string[], get: (id: string) => Check | undefined, id: string): Check {
  const wanted = id.trim();
  const found = get(wanted) ?? get(wanted.toLowerCase());
  if (found) return found;
  const close = closeMatches(wanted, ids, 3);
  throw new UsageError(
    MESSAGES.unknownId(id, close),
    MESSAGES.unknownIdHint,
    close.map((c) => `  ${c}`),
  );
}

export async function explain(io: Io, id: string, flags: ExplainFlags): Promise<number> {
  const lang = parseLang(flags.lang, io.env);
  const registry = await registryFor(io, flags.config);
  // The points only the guided mode asks are explained too (list-checks lists them).
  const listed = listedChecks(registry);
  const check = findCheck(
    listed.map((c) => c.meta.id),
    (x) => listed.find((c) => c.meta.id === x),
    id,
  );
  // A plugin's texts reach the terminal like shop text does: controls shown visibly.
  await writeReport(io, terminalSafe(renderExplanation(check, lang)));
  return 0;
}
