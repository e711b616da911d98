// The `--fix` phase of `diagnose` (issue 11): plan from the results, show the plan on stderr, then
// apply with --yes or after a "yes" typed on a terminal (default No). --dry-run stops after the plan;
// without a terminal and without --yes nothing is written. Applying re-runs the diagnosis to verify
// (src/fix/apply.ts); the report then shows each fix with its check's status before → after.

import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config/schema.js';
import type { CheckResult } from '../engine/runner.js';
import type { ClubSnapshot, Snapshot } from '../engine/snapshot.js';
import type { Lang, Query, Status } from '../engine/types.js';
import { applyFixes, unfinishedBackups, type FixOutcome, type Verification } from '../fix/apply.js';
import { DEFAULT_FIX_DIR } from '../fix/backup.js';
import { FIX_MESSAGES } from '../fix/messages.js';
import { planFixes, renderPlan, type FixPlan } from '../fix/plan.js';
import { undoBackup } from '../fix/undo.js';
import type { FixReport } from '../report/model.js';
import { interactiveTerminal, logError, type Io } from './output.js';

export interface FixFlags {
  fix?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

export interface Evaluated {
  snapshot: Snapshot;
  clubs: Array<{ club: ClubSnapshot; results: CheckResult[] }>;
}

export function fixDir(io: Io): string {
  return resolve(io.cwd, DEFAULT_FIX_DIR);
}

/** Whether this run may write: --yes, or a person at a terminal to confirm (never with --dry-run). */
export function mayWrite(io: Io, flags: FixFlags): boolean {
  return !flags.dryRun && (flags.yes === true || canAsk(io));
}

function canAsk(io: Io): boolean {
  return interactiveTerminal(io) && Boolean(process.stdin.isTTY);
}

/** A run killed in the middle of writing left its backup `applying`: undo it before anything else. */
export async function recoverUnfinished(io: Io, config: Config, lang: Lang): Promise<void> {
  for (const file of await unfinishedBackups(fixDir(io))) {
    logError(io, FIX_MESSAGES.unfinished(file)[lang]);
    const result = await undoBackup(file, { config, dir: fixDir(io), force: false });
    for (const line of result.lines) logError(io, line[lang]);
  }
}

async function confirm(io: Io, count: number, lang: Lang): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: io.stderr });
  try {
    const answer = (await rl.question(FIX_MESSAGES.confirm(count)[lang])).trim().toLowerCase();
    return ['y', 'yes', 'o', 'oui'].includes(answer);
  } finally {
    rl.close();
  }
}

function statusesOf(run: Evaluated): Verification {
  return new Map(run.clubs.map(({ club, results }) => [club.name, new Map(results.map((r) => [r.check.meta.id, r.status as Status]))]));
}

function reportOf(plan: FixPlan, outcomes: FixOutcome[] | undefined, lang: Lang, final: Evaluated | undefined): FixReport[] {
  const statuses = final ? statusesOf(final) : undefined;
  return plan.fixes.map((fix, i) => {
    const o = outcomes?.[i];
    const outcome = o?.outcome ?? (fix.change ? 'planned' : 'manual');
    const after = outcome === 'planned' || outcome === 'manual' ? undefined : statuses?.get(fix.club)?.get(fix.checkId);
    return {
      id: fix.id,
      club: fix.club,
      check: fix.checkId,
      title: fix.title[lang],
      outcome,
      changes: fix.lines.map((l) => ({ object: l.object[lang], field: l.field[lang], from: l.from, to: l.to })),
      statusBefore: fix.statusBefore,
      ...(after ? { statusAfter: after } : {}),
      ...(o?.reason ? { reason: o.reason[lang] } : fix.manual ? { reason: fix.manual.map((m) => m[lang]).join(' ') } : {}),
    };
  });
}

export interface FixPhaseResult {
  fixes: FixReport[];
  backup?: string;
  /** The diagnosis after the fixes (undefined when nothing was written). */
  final?: Evaluated;
}

export async function fixPhase(
  io: Io,
  input: { flags: FixFlags; lang: Lang; config: Config; first: Evaluated; query: Query; rerun: () => Promise<Evaluated> },
): Promise<FixPhaseResult> {
  const { flags, lang } = input;
  const plan = planFixes({ snapshot: input.first.snapshot, clubs: input.first.clubs, query: input.query });
  io.stderr.write(renderPlan(plan, lang));
  const writable = plan.fixes.filter((f) => f.change).length;
  const planned = (): FixPhaseResult => ({ fixes: reportOf(plan, undefined, lang, undefined) });
  if (!writable) return planned();
  if (flags.dryRun) {
    logError(io, FIX_MESSAGES.dryRun[lang]);
    return planned();
  }
  if (!flags.yes) {
    if (!canAsk(io)) {
      logError(io, FIX_MESSAGES.noTerminal[lang]);
      return planned();
    }
    if (!(await confirm(io, writable, lang))) {
      logError(io, FIX_MESSAGES.notConfirmed[lang]);
      return planned();
    }
  }
  return applyPlan(io, { plan, config: input.config, lang, rerun: input.rerun });
}

/**
 * Applies a plan (all of it, or the fixes a person accepted one by one in the guided mode): backup,
 * writes, verification by `rerun`, rollback of what does not verify; the report's `fixes`.
 */
export async function applyPlan(
  io: Io,
  input: { plan: FixPlan; config: Config; lang: Lang; rerun: () => Promise<Evaluated>; log?: (line: string) => void },
): Promise<FixPhaseResult> {
  const { plan, lang } = input;
  const log = input.log ?? ((line: string) => logError(io, line));
  let last: Evaluated | undefined;
  const result = await applyFixes(plan, {
    config: input.config,
    dir: fixDir(io),
    log: (text) => log(text[lang]),
    verify: async () => {
      last = await input.rerun();
      return statusesOf(last);
    },
  });
  if (result.backupFile) log(FIX_MESSAGES.undoHint(result.backupFile)[lang]);
  const final = result.backupFile ? (result.changedSinceVerification || !last ? await input.rerun() : last) : undefined;
  return { fixes: reportOf(plan, result.outcomes, lang, final), backup: result.backupFile, final };
}
