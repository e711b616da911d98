// The backup of a fix run: written (atomically) before the first write, rewritten after each step,
// it holds exactly what the fixes overwrite (the fields changed, as they were) and the state expected
// after, plus short hashes of every field of each touched object before and after, so that `undo`
// can tell "as the fix left it" from "changed since". Never a secret in clear: for a key clean-up it
// holds the masked key and the characters removed with their positions.

import { bareUrl } from '../sources/prestashop/webservice.js';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../cli/atomic-write.js';
import type { FixChange } from '../engine/types.js';

export const BACKUP_FORMAT = 'checkout-doctor-backup';
/** Default folder of backups and of the audit log, under the current folder. */
export const DEFAULT_FIX_DIR = '.checkout-doctor';

export type StepState = 'prepared' | 'applied' | 'rolled-back' | 'undone';

export type ObjectRef =
  | { kind: 'webservice'; resource: 'customers' | 'configurations'; singular: string; id: number }
  | { kind: 'sql'; table: 'category_group'; categoryId: number };

export interface StepRecord {
  fixId: string;
  checkId: string;
  club: string;
  change: FixChange;
  object: ObjectRef;
  /** `customers/2`, `configurations/19`, `category_group/11`. */
  label: string;
  /** The fields the fix overwrites, as they were (null: NULL). A key's value is never here. */
  before: Record<string, string | null>;
  /** The same fields as the fix leaves them. */
  after: Record<string, string | null>;
  /** Short hash of every field of the object (date_upd aside), before and as expected after. */
  hashesBefore: Record<string, string>;
  hashesAfter: Record<string, string>;
  state: StepState;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  /** The shop written to (URL without credentials) and its shop id. */
  shop: { url: string; shopId?: number };
  /** `applying` until every step is written and verified (a killed run leaves it so). */
  state: 'applying' | 'applied' | 'rolled-back' | 'undone';
  steps: StepRecord[];
}

export function fieldHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** Hashes of every field but date_upd, which PrestaShop stamps on every write. */
export function hashFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'date_upd').map(([k, v]) => [k, fieldHash(v)]));
}

/** Fields whose hash differs between two sets (either side missing counts). */
export function changedFields(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

export function shopUrl(url: string): string {
  return bareUrl(url).toString();
}

export function newBackupFile(dir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(resolve(dir), 'backups', `fix-${stamp}-${randomBytes(3).toString('hex')}.json`);
}

export async function saveBackup(file: string, backup: Backup): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(backup, null, 2) + '\n');
}

export async function loadBackup(file: string): Promise<Backup | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Backup;
    return data && data.format === BACKUP_FORMAT && Array.isArray(data.steps) ? data : undefined;
  } catch {
    return undefined;
  }
}

// --- Audit log ---------------------------------------------------------------------------------

export interface AuditEntry {
  at: string;
  action: 'fix' | 'rollback' | 'undo';
  shop: string;
  object: string;
  fields: string[];
  outcome: string;
  backup: string;
}

/** One JSON line per applied fix, rollback or undo in `<dir>/audit.log` (no value, no secret: field names only). */
export async function audit(dir: string, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const file = join(resolve(dir), 'audit.log');
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n', 'utf8');
}
