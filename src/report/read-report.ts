// Reading a JSON report written by checkout-doctor (`--format json`): a baseline to compare with,
// or a shard to merge. Checked enough for every renderer to trust it; anything else is an exit-2
// error naming the file and what is wrong with it.

import { readFile } from '../engine/fs.js';
import { resolve } from 'node:path';
import * as z from 'zod';
import { UsageError } from '../engine/errors.js';
import { CHECK_CATEGORIES, STATUSES, type Text } from '../engine/types.js';
import type { Report } from './model.js';

const NBSP = '\u00a0';

/**
 * The report's schema, built on first use: zod schemas cost ~0.1 ms each to build, and every
 * diagnosis loads this module (for --baseline) while few read a report (issue 9, start-up).
 */
function buildReportFile() {
  const Result = z.looseObject({
    id: z.string(),
    title: z.string(),
    category: z.enum(CHECK_CATEGORIES),
    status: z.enum(STATUSES as [string, ...string[]]),
    severity: z.enum(['fail', 'warn']),
    message: z.string(),
    remediation: z.array(z.string()),
    evidence: z.record(z.string(), z.unknown()).default({}),
    durationMs: z.number().default(0),
  });
  const Club = z.looseObject({
    club: z.looseObject({ name: z.string(), groupId: z.number().nullable(), categoryId: z.number().nullable() }),
    summary: z.record(z.string(), z.number()),
    results: z.array(Result),
  });
  return z.looseObject({
    schemaVersion: z.literal(1),
    tool: z.looseObject({ name: z.literal('checkout-doctor'), version: z.string() }),
    generatedAt: z.string(),
    durationMs: z.number().default(0),
    lang: z.enum(['fr', 'en']).default('en'),
    clubs: z.array(Club),
  });
}

let reportFile: ReturnType<typeof buildReportFile> | undefined;

/** Whether the report's schema has been built (for test/startup/lazy-report-schema.test.ts). */
export function reportSchemaBuilt(): boolean {
  return reportFile !== undefined;
}

const MESSAGES = {
  unreadable: (what: Text, file: string, reason: string): Text => ({
    fr: `Impossible de lire ${what.fr} ${file} (${reason}).`,
    en: `Cannot read ${what.en} ${file} (${reason}).`,
  }),
  notJson: (what: Text, file: string): Text => ({
    fr: `${capital(what.fr)} ${file} n’est pas du JSON${NBSP}: ce n’est pas un rapport JSON de checkout-doctor.`,
    en: `${capital(what.en)} ${file} is not JSON: it is not a checkout-doctor JSON report.`,
  }),
  notReport: (what: Text, file: string, where: string): Text => ({
    fr: `${capital(what.fr)} ${file} n’est pas un rapport JSON de checkout-doctor (${where}).`,
    en: `${capital(what.en)} ${file} is not a checkout-doctor JSON report (${where}).`,
  }),
  hint: {
    fr: 'Donnez un rapport écrit par checkout-doctor diagnose --format json (ou --output rapport.json).',
    en: 'Give a report written by checkout-doctor diagnose --format json (or --output report.json).',
  },
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The report in `file` (relative to `cwd`). `what` names the file's role in messages
 * ("the baseline", "the report to merge").
 */
export async function readReport(file: string, cwd: string, what: Text): Promise<Report> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(MESSAGES.unreadable(what, file, reason), MESSAGES.hint);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(MESSAGES.notJson(what, file), MESSAGES.hint);
  }
  const parsed = (reportFile ??= buildReportFile()).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = `${issue.path.join('.') || '(document)'}: ${issue.message}`;
    throw new UsageError(MESSAGES.notReport(what, file, where), MESSAGES.hint);
  }
  return parsed.data as unknown as Report;
}

/** A shop URL compared as a shop: scheme and host case aside, a trailing slash aside. */
export function sameShopUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return u.trim().replace(/\/+$/, '').toLowerCase();
    }
  };
  return norm(a) === norm(b);
}
