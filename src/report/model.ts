// The one report model every renderer reads. Its JSON form is the public contract of DESIGN.md §5
// (schemaVersion 1): fields may be added, never renamed or reshaped.

import type { ClubSnapshot } from '../engine/snapshot.js';
import type { CheckResult } from '../engine/runner.js';
import { STATUSES, type CheckCategory, type Lang, type Severity, type Status } from '../engine/types.js';
import { pick } from './i18n.js';
import { toolVersion } from './version.js';

export interface ReportResult {
  id: string;
  title: string;
  category: CheckCategory;
  status: Status;
  severity: Severity;
  message: string;
  remediation: string[];
  evidence: Record<string, unknown>;
  durationMs: number;
  /** Added to the contract: why an `error` happened (source, host, status, upstream code). */
  cause?: { source: string; kind: string; message: string; host?: string; status?: number; code?: string | number };
}

export type Summary = Record<Status, number>;

export interface ClubReport {
  club: { name: string; groupId: number | null; categoryId: number | null };
  summary: Summary;
  results: ReportResult[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'checkout-doctor'; version: string };
  generatedAt: string;
  durationMs: number;
  /** Added to the contract: the language of every message. */
  lang: Lang;
  clubs: ClubReport[];
  /**
   * Added to the contract: set-up problems (rejected key, wrong host, unreachable shop, refused
   * database) stated once; the results they stopped refer to them. Absent when there is none.
   */
  setup?: SetupProblemReport[];
  /**
   * Added to the contract: `admin` when the messages and steps speak to a club admin
   * (`--audience admin`, the guided mode: plain words, src/report/audience.ts). Absent for the
   * support agent's report, the default.
   */
  audience?: 'admin';
}

export interface SetupProblemReport {
  source: string;
  kind: string;
  title: string;
  message: string;
  host?: string;
  status?: number;
  code?: string | number;
  resources?: string[];
  fix: string[];
  /** Results (all clubs) this problem kept from being evaluated. */
  checks: number;
}

export function emptySummary(): Summary {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Summary;
}

function partId(club: ClubSnapshot, name: 'club.group' | 'club.category'): number | null {
  const envelope = club.parts[name];
  if (envelope?.status !== 'ok') return null;
  const data = envelope.data as { id?: unknown } | null;
  return data && typeof data.id === 'number' ? data.id : null;
}

export function buildClubReport(club: ClubSnapshot, results: CheckResult[], lang: Lang): ClubReport {
  const summary = emptySummary();
  for (const r of results) summary[r.status]++;
  return {
    club: { name: club.name, groupId: partId(club, 'club.group'), categoryId: partId(club, 'club.category') },
    summary,
    results: results.map((r) => ({
      id: r.check.meta.id,
      title: pick(r.check.meta.title, lang),
      category: r.check.meta.category,
      status: r.status,
      severity: r.severity,
      message: pick(r.message, lang),
      remediation: r.remediation.map((step) => pick(step, lang)),
      evidence: r.evidence,
      durationMs: r.durationMs,
      ...(r.cause ? { cause: { source: r.cause.source, kind: r.cause.kind, message: r.cause.message, host: r.cause.host, status: r.cause.status, code: r.cause.code } } : {}),
    })),
  };
}

export function buildReport(clubs: ClubReport[], lang: Lang, startedAt: number, now = new Date(), setup: SetupProblemReport[] = []): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'checkout-doctor', version: toolVersion() },
    generatedAt: now.toISOString(),
    durationMs: Math.round(performance.now() - startedAt),
    lang,
    clubs,
    ...(setup.length ? { setup } : {}),
  };
}

export function totals(report: Report): Summary {
  const sum = emptySummary();
  for (const club of report.clubs) for (const s of STATUSES) sum[s] += club.summary[s];
  return sum;
}

/** 0: nothing at or above the threshold; 1: something is. `fail` and `error` always count. */
export function exitCodeFor(report: Report, failOn: 'warn' | 'fail' = 'fail'): 0 | 1 {
  const sum = totals(report);
  if (sum.fail > 0 || sum.error > 0) return 1;
  if (failOn === 'warn' && sum.warn > 0) return 1;
  return 0;
}
