// What a person sees of a gathering: the spinner's one live line ("PrestaShop 5/9 · Stripe 2/3 ·
// Sendcloud 4/6"), and a plain mode of one line per step (a part known, a club done) for the guided
// mode. Both only read progress events (src/engine/progress.ts); neither writes anything unless the
// caller does, so a run off a terminal stays silent on stderr.

import type { GatherEvent, GatherListener, GatherSource } from '../engine/progress.js';
import type { Lang } from '../engine/types.js';
import { terminalLine } from '../report/text.js';
import { partLabel } from '../engine/part-labels.js';
import { redactor } from '../secrets/redact.js';

const messages = {
  label: {
    prestashop: { fr: 'PrestaShop', en: 'PrestaShop' },
    stripe: { fr: 'Stripe', en: 'Stripe' },
    sendcloud: { fr: 'Sendcloud', en: 'Sendcloud' },
    'shop-front': { fr: 'Vitrine', en: 'Shop front' },
    'dynamic-coupons': { fr: 'Coupons dynamiques', en: 'Dynamic coupons' },
  },
  starting: { fr: 'Collecte…', en: 'Gathering…' },
  failedCount: { fr: (n: number) => `${n} en échec`, en: (n: number) => `${n} failed` },
  ok: { fr: 'lu', en: 'read' },
  unavailable: { fr: 'non visible par les sources configurées', en: 'not visible to the configured sources' },
  // The upstream's words are quoted as such in French.
  failed: { fr: (why: string) => `échec\u00a0: «\u00a0${why}\u00a0»`, en: (why: string) => `failed: ${why}` },
  clubDone: { fr: (club: string) => `${club}\u00a0: toutes ses données sont connues`, en: (club: string) => `${club}: all its parts are known` },
  colon: { fr: '\u00a0: ', en: ': ' },
} as const;

type Label = keyof typeof messages.label;
/** The spinner's order; the database is the PrestaShop shop read another way. */
const ORDER: readonly Label[] = ['prestashop', 'stripe', 'sendcloud', 'shop-front', 'dynamic-coupons'];
const labelOf = (source: GatherSource): Label => (source === 'database' ? 'prestashop' : source);

/** Per source: parts started, settled (finished or failed), failed. */
export type ProgressCounts = Partial<Record<Label, { started: number; settled: number; failed: number }>>;

/** Counts the events, for the spinner. */
export function progressTally(): { consume: GatherListener; counts: () => ProgressCounts } {
  const counts: ProgressCounts = {};
  return {
    consume(event) {
      if (event.type === 'club-done') return;
      const entry = (counts[labelOf(event.source)] ??= { started: 0, settled: 0, failed: 0 });
      if (event.type === 'part-started') entry.started += 1;
      else entry.settled += 1;
      if (event.type === 'part-failed') entry.failed += 1;
    },
    counts: () => counts,
  };
}

/** "PrestaShop 5/9 · Stripe 2/3 (1 failed) · Sendcloud 4/6": only the sources asked so far. */
export function progressText(counts: ProgressCounts, lang: Lang): string {
  const shown = ORDER.flatMap((label) => {
    const c = counts[label];
    if (!c) return [];
    const failed = c.failed ? ` (${messages.failedCount[lang](c.failed)})` : '';
    return [`${messages.label[label][lang]} ${c.settled}/${c.started}${failed}`];
  });
  return shown.length ? shown.join(' · ') : messages.starting[lang];
}

/** The one line a step gives in the plain mode, or undefined for a step not worth a line (a start). */
export function progressLine(event: GatherEvent, lang: Lang): string | undefined {
  if (event.type === 'part-started') return undefined;
  if (event.type === 'club-done') return safe(messages.clubDone[lang](event.club));
  // French names what the part holds, never the internal part name.
  const part = lang === 'fr' ? partLabel(event.part).fr : event.part;
  const what = `${messages.label[labelOf(event.source)][lang]} · ${part}${event.club !== undefined ? ` (${event.club})` : ''}`;
  const outcome = event.type === 'part-failed' ? messages.failed[lang](event.cause.message) : event.status === 'ok' ? messages.ok[lang] : messages.unavailable[lang];
  return safe(what + messages.colon[lang] + outcome);
}

/**
 * The plain mode: one line per step handed to `write` (a part known, a club done), secrets masked
 * and control characters made visible. For a caller that wants lines rather than a spinner.
 */
export function progressLines(write: (line: string) => void, lang: Lang): GatherListener {
  return (event) => {
    const line = progressLine(event, lang);
    if (line !== undefined) write(line);
  };
}

// Shop and club names and upstream messages reach the terminal: masked and on one line.
const safe = (text: string) => terminalLine(redactor.redact(text));
