// The cause line under an error result, for the support agent: which source, what it said, where
// (host, HTTP status, upstream code). One place for the markdown, JUnit and HTML renderers.

import type { Lang } from '../engine/types.js';
import type { ReportResult } from './model.js';

export interface CauseLine {
  source: string;
  message: string;
  where: string[];
}

// Causes checkout-doctor writes itself, whose result message already says them in the reader's
// language: their English note would only put English words (and a data name) in a French report.
const OWN_KINDS = new Set(['not-gathered']);

export function causeLine(r: ReportResult): CauseLine | undefined {
  const cause = r.cause;
  if (!cause || OWN_KINDS.has(cause.kind)) return undefined;
  const where = [cause.host, cause.status !== undefined ? `HTTP ${cause.status}` : undefined, cause.code !== undefined ? `code ${cause.code}` : undefined];
  return { source: cause.source, message: cause.message, where: where.filter((w): w is string => Boolean(w)) };
}

/** An upstream's own words are evidence, never translated: in French they are quoted as a citation. */
export function quoteCause(lang: Lang, text: string): string {
  return lang === 'fr' ? `«\u00a0${text}\u00a0»` : text;
}
