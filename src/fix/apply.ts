// Applying a plan: read every touched object (a fix whose object changed since the diagnosis is
// abandoned), write the backup, then write step by step, recording each step in the backup. A write
// that fails rolls back the steps already written; then the touched parts are gathered again and
// the checks re-run (`verify`): a fix whose check still does not pass is rolled back too. Every
// applied fix and rollback goes to the audit log.
//
//   const result = await applyFixes(plan, { config, dir, verify });
//   result.outcomes  → per fix: applied | rolled-back | failed | skipped | manual, with the reason
//   result.backupFile

import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Status, Text } from '../engine/types.js';
import { audit, changedFields, loadBackup, newBackupFile, saveBackup, shopUrl, type Backup, type StepRecord } from './backup.js';
import { StaleError, WebserviceFixer, type Side } from './apply-webservice.js';
import { SqlFixer } from './apply-sql.js';
import { FIX_MESSAGES } from './messages.js';
import type { FixPlan, PlannedFix } from './plan.js';
import { WebserviceWriter } from './webservice-writer.js';
import { redactor } from '../secrets/redact.js';

export type Outcome = 'applied' | 'rolled-back' | 'failed' | 'skipped' | 'manual';

export interface FixOutcome {
  fix: PlannedFix;
  outcome: Outcome;
  reason?: Text;
  /** The check's status after the fix (from the verification run). */
  statusAfter?: Status;
}

/** Statuses of the re-run after the writes, by club then check id. */
export type Verification = Map<string, Map<string, Status>>;

export interface ApplyOptions {
  config: Config;
  /** Folder of backups and the audit log (default `.checkout-doctor` in the current folder). */
  dir: string;
  /** Gathers the touched parts again and re-runs the checks. */
  verify: () => Promise<Verification>;
  /** Progress lines (stderr). */
  log?: (text: Text) => void;
}

export interface ApplyResult {
  backupFile?: string;
  outcomes: FixOutcome[];
  /** Whether the shop changed after the last verification (a rollback), so a final re-run is needed. */
  changedSinceVerification: boolean;
}

export interface Fixers {
  webservice?: WebserviceFixer;
  sql?: SqlFixer;
}

/** The writers the configuration allows: the write key, the read-write database user. */
export function fixersFor(config: Config): Fixers {
  const ps = config.prestashop;
  if (!ps) return {};
  const webservice = ps.fixWebserviceKey ? new WebserviceFixer(new WebserviceWriter({ url: ps.url, key: ps.fixWebserviceKey, shopId: ps.shopId, timeoutMs: ps.timeoutMs }), ps.shopId) : undefined;
  const sql =
    ps.fixDatabase && ps.database
      ? new SqlFixer({ host: ps.database.host, port: ps.database.port, database: ps.database.database, prefix: ps.database.prefix, user: ps.fixDatabase.user, password: ps.fixDatabase.password })
      : undefined;
  return { webservice, sql };
}

export function fixerFor(fixers: Fixers, step: Pick<StepRecord, 'change'>): WebserviceFixer | SqlFixer | undefined {
  return step.change.kind === 'category-group' ? fixers.sql : fixers.webservice;
}

const reasonOf = (error: unknown): string => redactor.redact(error instanceof Error ? error.message : String(error));

export async function writeStep(fixers: Fixers, step: StepRecord, side: Side, force = false): Promise<void> {
  const fixer = fixerFor(fixers, step);
  if (!fixer) throw new Error(`no writer for ${step.label}`);
  if (fixer instanceof SqlFixer) await fixer.write(step, side, force);
  else await fixer.write(step, side);
}

async function rollBack(fixers: Fixers, backup: Backup, file: string, dir: string, steps: StepRecord[]): Promise<string[]> {
  const failures: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      await writeStep(fixers, step, 'before', true);
      step.state = 'rolled-back';
      await audit(dir, { action: 'rollback', shop: backup.shop.url, object: step.label, fields: Object.keys(step.before), outcome: 'rolled-back', backup: file });
    } catch (error) {
      failures.push(`${step.label}: ${reasonOf(error)}`);
    }
    await saveBackup(file, backup);
  }
  return failures;
}

export async function applyFixes(plan: FixPlan, options: ApplyOptions): Promise<ApplyResult> {
  const { config, dir } = options;
  const fixers = fixersFor(config);
  const outcomes = new Map<PlannedFix, FixOutcome>();
  const steps: Array<{ fix: PlannedFix; step: StepRecord }> = [];

  // 1. Read what each fix will overwrite; a fix that cannot be made is skipped with its reason.
  for (const fix of plan.fixes) {
    if (!fix.change) {
      outcomes.set(fix, { fix, outcome: 'manual' });
      continue;
    }
    const fixer = fixerFor(fixers, { change: fix.change });
    if (!fixer) {
      outcomes.set(fix, { fix, outcome: 'skipped', reason: fix.change.kind === 'category-group' ? FIX_MESSAGES.noFixDatabase : FIX_MESSAGES.noWriteKey });
      continue;
    }
    try {
      const prepared = await fixer.prepare(fix.change);
      steps.push({ fix, step: { ...prepared, fixId: fix.id, checkId: fix.checkId, club: fix.club, change: fix.change, state: 'prepared' } });
    } catch (error) {
      const label = fix.lines[0]?.object ?? fix.title;
      const reason = error instanceof StaleError ? { fr: FIX_MESSAGES.stale(label.fr).fr, en: FIX_MESSAGES.stale(label.en).en } : { fr: reasonOf(error), en: reasonOf(error) };
      outcomes.set(fix, { fix, outcome: 'skipped', reason });
    }
  }
  const finish = (changed: boolean, file?: string): ApplyResult => ({
    backupFile: file,
    outcomes: plan.fixes.map((f) => outcomes.get(f) ?? { fix: f, outcome: 'skipped' }),
    changedSinceVerification: changed,
  });
  if (!steps.length) return finish(false);

  // 2. The backup, before the first write.
  const file = newBackupFile(dir);
  const backup: Backup = {
    format: 'checkout-doctor-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    shop: { url: shopUrl(config.prestashop!.url), ...(config.prestashop!.shopId !== undefined ? { shopId: config.prestashop!.shopId } : {}) },
    state: 'applying',
    steps: steps.map((s) => s.step),
  };
  await saveBackup(file, backup);
  options.log?.(FIX_MESSAGES.backupWritten(file));

  // 3. Write, step by step; a failure rolls back what was written.
  const written: StepRecord[] = [];
  for (const { fix, step } of steps) {
    try {
      await writeStep(fixers, step, 'after');
      step.state = 'applied';
      written.push(step);
      await saveBackup(file, backup);
    } catch (error) {
      // A write that timed out may still have landed: roll it back too when the object shows it.
      const landed = await fixerFor(fixers, step)!
        .hashes(step)
        .then((now) => changedFields(now, step.hashesAfter).length === 0)
        .catch(() => false);
      if (landed) written.push(step);
      const failures = await rollBack(fixers, backup, file, dir, written);
      backup.state = 'rolled-back';
      await saveBackup(file, backup);
      const why = reasonOf(error) + (failures.length ? `; ${failures.join('; ')}` : '');
      outcomes.set(fix, { fix, outcome: 'failed', reason: FIX_MESSAGES.failedHalfWay(why) });
      for (const s of steps) if (s.fix !== fix && !outcomes.has(s.fix)) outcomes.set(s.fix, { fix: s.fix, outcome: 'rolled-back', reason: FIX_MESSAGES.failedHalfWay(why) });
      return finish(true, file);
    }
  }

  // 4. Verify: gather again, re-run; a fix whose check still fails is rolled back.
  const statuses = await options.verify();
  const notVerified = steps.filter(({ fix }) => {
    const status = statuses.get(fix.club)?.get(fix.checkId);
    return status !== 'pass' && status !== 'warn';
  });
  if (notVerified.length) await rollBack(fixers, backup, file, dir, notVerified.map((s) => s.step));
  for (const { fix, step } of steps) {
    const statusAfter = statuses.get(fix.club)?.get(fix.checkId);
    if (step.state === 'rolled-back') outcomes.set(fix, { fix, outcome: 'rolled-back', statusAfter, reason: FIX_MESSAGES.notVerified(fix.checkId) });
    else {
      outcomes.set(fix, { fix, outcome: 'applied', statusAfter });
      await audit(dir, { action: 'fix', shop: backup.shop.url, object: step.label, fields: Object.keys(step.after), outcome: 'applied', backup: file });
    }
  }
  backup.state = steps.every((s) => s.step.state === 'rolled-back') ? 'rolled-back' : 'applied';
  await saveBackup(file, backup);
  return finish(notVerified.length > 0, file);
}

/** Backups a killed run left `applying`: the next `--fix` undoes them first. */
export async function unfinishedBackups(dir: string): Promise<string[]> {
  const folder = join(resolve(dir), 'backups');
  const names = await readdir(folder).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const backup = await loadBackup(join(folder, name));
    if (backup?.state === 'applying') out.push(join(folder, name));
  }
  return out;
}
