// The one report model every renderer reads. Its JSON form is the public contract of DESIGN.md §5
// (schemaVersion 1): fields may be added, never renamed or reshaped.

import type { ClubSnapshot } from '../engine/snapshot.js';
import type { CheckResult } from '../engine/runner.js';
import { STATUSES, type CheckCategory, type Lang, type Severity, type Status } from '../engine/types.js';
import { pick } from './i18n.js';
import { monotonicMs } from '../engine/clock.js';
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
  /** Added to the contract (with `--baseline`): how this result compares with the baseline report. */
  change?: Change;
}

/**
 * Compared with a baseline: `new` is a problem the baseline did not have, `persisting` one it had,
 * `resolved` a problem of the baseline that is no longer one, `unchanged` no problem then or now.
 */
export type Change = 'new' | 'persisting' | 'resolved' | 'unchanged';

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
  /**
   * Added to the contract (issue 11, `diagnose --fix`): the fixes planned, and for each one what
   * became of it, with the check's status before → after. Absent without --fix.
   */
  fixes?: FixReport[];
  /** Added with `fixes`: the backup file of the writes (for `checkout-doctor undo`), when any was made. */
  fixBackup?: string;
  /** Added to the contract: the shop diagnosed (its URL identifies it when reports are compared or merged). */
  shop?: ReportShop;
  /** Added to the contract: where the facts came from (the live shop, a snapshot file, the sandbox). */
  source?: ReportSource;
  /** Added to the contract: the questions the run evaluated (`--customer`, `--code`, `--order`). */
  query?: { customer?: string; code?: string; order?: string };
  /** Added to the contract (with `--baseline`): what changed since the baseline report. */
  changes?: ChangesSummary;
}

export interface ReportShop {
  name?: string;
  url?: string;
  /** The shop's time zone (PS_TIMEZONE), in which dates are shown to people. */
  timeZone?: string;
}

export interface ReportSource {
  kind: 'live' | 'snapshot' | 'sandbox';
  /** The snapshot file as given, or the sandbox fixture. */
  file?: string;
  /** When the facts were gathered (the snapshot's date for a snapshot). */
  gatheredAt: string;
}

/** One problem named in the changes summary. */
export interface ChangedProblem {
  club: string;
  groupId: number | null;
  id: string;
  title: string;
  status: Status;
}

export interface ChangesSummary {
  baseline: { generatedAt: string; file?: string };
  new: number;
  persisting: number;
  resolved: number;
  /** Problems the baseline did not have, and problems of the baseline that are gone (status: then). */
  newProblems: ChangedProblem[];
  resolvedProblems: ChangedProblem[];
}

export interface FixReport {
  id: string;
  club: string;
  check: string;
  title: string;
  /** planned (not applied: --dry-run, no terminal, not confirmed), manual, applied, rolled-back, failed, skipped. */
  outcome: 'planned' | 'manual' | 'applied' | 'rolled-back' | 'failed' | 'skipped';
  changes: Array<{ object: string; field: string; from: string; to: string }>;
  statusBefore: Status;
  statusAfter?: Status;
  reason?: string;
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

/** `startedAt`: when the run started, read on the run's clock (monotonicMs, src/engine/clock.ts). */
export function buildReport(clubs: ClubReport[], lang: Lang, startedAt: number, now = new Date(), setup: SetupProblemReport[] = []): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'checkout-doctor', version: toolVersion() },
    generatedAt: now.toISOString(),
    durationMs: Math.round(monotonicMs() - startedAt),
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

/**
 * 0: nothing at or above the threshold; 1: something is. `fail` and `error` always count, except
 * with `new` (a contract addition, with a baseline): then only problems new since the baseline do.
 */
export function exitCodeFor(report: Report, failOn: 'warn' | 'fail' | 'new' = 'fail'): 0 | 1 {
  if (failOn === 'new') return report.clubs.some((c) => c.results.some((r) => r.change === 'new')) ? 1 : 0;
  const sum = totals(report);
  if (sum.fail > 0 || sum.error > 0) return 1;
  if (failOn === 'warn' && sum.warn > 0) return 1;
  return 0;
}
