// The fix phase's API, for `diagnose --fix` (src/cli/fix.ts) and the guided mode, which offers the
// fixes one by one (default No):
//
//   const plan = planFixes({ snapshot, clubs: [{ club, results }], query });   // pure
//   renderPlan(plan, lang);                                                    // what will change
//   const one = { fixes: [plan.fixes[i]] };                                    // the fixes accepted
//   const { outcomes, backupFile } = await applyFixes(one, { config, dir, verify, log });
//   await undoBackup(backupFile, { config, dir, force: false });

export { planFixes, renderPlan, describeChange, type FixPlan, type PlannedFix, type PlanInput, type PlanLine } from './plan.js';
export { applyFixes, unfinishedBackups, type ApplyOptions, type ApplyResult, type FixOutcome, type Outcome, type Verification } from './apply.js';
export { undoBackup, type UndoOptions, type UndoResult } from './undo.js';
export { DEFAULT_FIX_DIR, type Backup, type StepRecord } from './backup.js';
