// `checkout-doctor undo <backup>`: puts back exactly what a --fix overwrote, then reads it again to
// verify. Each object must be as the fix left it: one changed since (by a person, another tool) is
// not touched, and the command stops with exit 2 saying which fields changed, unless --force. A
// step a killed run never wrote (the object is still as before) needs nothing.

import type { Config } from '../config/schema.js';
import { UsageError } from '../engine/errors.js';
import type { Text } from '../engine/types.js';
import { fixerFor, fixersFor, writeStep } from './apply.js';
import { audit, changedFields, loadBackup, saveBackup, shopUrl, type StepRecord } from './backup.js';
import { FIX_MESSAGES } from './messages.js';

export interface UndoOptions {
  config: Config;
  dir: string;
  force?: boolean;
}

export interface UndoResult {
  /** 0 restored (or nothing to do), 1 a restore could not be verified, 2 refused (changed since). */
  code: 0 | 1 | 2;
  lines: Text[];
}

type Plan = { step: StepRecord; action: 'nothing' | 'restore' | 'conflict'; changed: string[] };

export async function undoBackup(file: string, options: UndoOptions): Promise<UndoResult> {
  const backup = await loadBackup(file);
  if (!backup) throw new UsageError(FIX_MESSAGES.notABackup(file), FIX_MESSAGES.notABackupHint);
  const url = options.config.prestashop?.url;
  if (!url || shopUrl(url) !== backup.shop.url) {
    throw new UsageError(FIX_MESSAGES.otherShop(backup.shop.url, url ? shopUrl(url) : undefined), FIX_MESSAGES.otherShopHint);
  }
  const fixers = fixersFor(options.config);
  const pending = backup.steps.filter((s) => s.state === 'applied' || s.state === 'prepared').reverse();
  const plans: Plan[] = [];
  for (const step of pending) {
    const fixer = fixerFor(fixers, step);
    if (!fixer) throw new UsageError(step.change.kind === 'category-group' ? FIX_MESSAGES.noFixDatabase : FIX_MESSAGES.noWriteKey);
    const now = await fixer.hashes(step);
    if (!changedFields(now, step.hashesBefore).length) plans.push({ step, action: 'nothing', changed: [] });
    else {
      const changed = changedFields(now, step.hashesAfter);
      plans.push({ step, action: changed.length ? 'conflict' : 'restore', changed });
    }
  }
  const conflicts = plans.filter((p) => p.action === 'conflict');
  if (conflicts.length && !options.force) {
    // Nothing is written when any object changed since the fix.
    return { code: 2, lines: conflicts.map((c) => FIX_MESSAGES.undoConflict(c.step.label, c.changed)) };
  }
  const lines: Text[] = [];
  let code: 0 | 1 = 0;
  for (const { step, action } of plans) {
    if (action === 'nothing') {
      step.state = 'undone';
      lines.push(FIX_MESSAGES.undoNothing(step.label));
      continue;
    }
    await writeStep(fixers, step, 'before', true);
    const now = await fixerFor(fixers, step)!.hashes(step);
    // Verified: the fields the fix changed are back as they were (all of them when not forced).
    const wanted = action === 'restore' ? Object.keys(step.hashesBefore) : Object.keys(step.before);
    const verified = wanted.every((k) => now[k] === step.hashesBefore[k]);
    step.state = 'undone';
    if (!verified) code = 1;
    lines.push(verified ? FIX_MESSAGES.undoDone(step.label) : FIX_MESSAGES.undoNotVerified(step.label));
    await audit(options.dir, { action: 'undo', shop: backup.shop.url, object: step.label, fields: Object.keys(step.before), outcome: verified ? 'restored' : 'not-verified', backup: file });
  }
  backup.state = 'undone';
  await saveBackup(file, backup);
  return { code, lines };
}
