// `checkout-doctor undo <backup-file> [--config f] [--force]`: restores what a `diagnose --fix`
// overwrote (src/fix/undo.ts). Exit 0 restored and verified (or nothing to restore), 1 a restore
// could not be verified, 2 refused: an object was changed since the fix (without --force), or the
// backup or configuration is not usable.

import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../engine/errors.js';
import { undoBackup } from '../fix/undo.js';
import { fixDir } from './fix.js';
import { parseLang } from './options.js';
import { ERRORS } from './messages.js';
import { logError, type Io } from './output.js';

export interface UndoFlags {
  config?: string;
  force?: boolean;
  lang?: string;
}

export async function undo(io: Io, file: string, flags: UndoFlags): Promise<number> {
  const lang = parseLang(flags.lang, io.env);
  const loaded = await loadConfig({ configPath: flags.config, cwd: io.cwd, env: io.env });
  if (!loaded?.config.prestashop) throw new UsageError(ERRORS.undoNoShop, ERRORS.undoNoShopHint);
  const result = await undoBackup(resolve(io.cwd, file), { config: loaded.config, dir: fixDir(io), force: flags.force === true });
  for (const line of result.lines) logError(io, line[lang]);
  return result.code;
}
