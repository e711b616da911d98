// `checkout-doctor snapshot <club> --output f`: gathers the live shop like `diagnose` does and
// writes what was gathered, secrets reduced to facts, for `diagnose --snapshot` to re-evaluate.

import { loadConfig } from '../config/load.js';
import { clubLabel } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import { serializeSnapshot } from '../engine/snapshot.js';
import { redactor } from '../secrets/redact.js';
import { obtainSnapshot, queryFrom, runInputs, type DiagnoseFlags } from './diagnose.js';
import { logError, outputTarget, writeReport, type Io } from './output.js';
import { t } from '../engine/types.js';

/** The texts of this command (issue 10.4: in one place, out of the logic). */
const MESSAGES = {
  noShop: t('Aucune boutique configurée dont prendre un snapshot.', 'No shop configured to take a snapshot of.'),
  noShopHint: t('Créez .checkout-doctorrc.json avec l’adresse de la boutique (prestashop.url, voir le README), ou donnez --config.', 'Create .checkout-doctorrc.json with prestashop.url (see README), or pass --config.'),
};

// `snapshot --output` takes one file (not repeatable like diagnose's).
export type SnapshotFlags = Pick<DiagnoseFlags, 'config' | 'customer' | 'code' | 'order' | 'all' | 'shard' | 'sandbox'> & { output?: string };

export async function snapshot(io: Io, club: string | undefined, flags: SnapshotFlags): Promise<number> {
  const loaded = await loadConfig({ configPath: flags.config, cwd: io.cwd, env: io.env });
  if (!loaded?.config.prestashop && !flags.sandbox) {
    throw new UsageError(MESSAGES.noShop, MESSAGES.noShopHint);
  }
  const output = await outputTarget(io, flags.output, await runInputs(io, flags, loaded));
  const { snapshot: gathered } = await obtainSnapshot(io, club, flags, loaded, queryFrom(flags));
  await writeReport(io, serializeSnapshot(gathered, (text) => redactor.redact(text)), output);
  if (output) logError(io, `Snapshot of ${gathered.clubs.map((c) => clubLabel(c, gathered.clubs)).join(', ')} written to ${flags.output}`);
  return 0;
}
