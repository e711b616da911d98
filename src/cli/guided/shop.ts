// Where the guided mode reads the shop: a snapshot file, the sandbox's emulators (started once for
// the whole session), or the configured live shop. The club list is read first and alone (groups,
// categories, configuration: no Stripe, no Sendcloud), since the person picks the club and says
// what the problem is about before the checks know what to gather.

import { resolve } from 'node:path';
import type { Config } from '../../config/schema.js';
import type { LoadedConfig } from '../../config/load.js';
import { UsageError } from '../../engine/errors.js';
import type { PartName } from '../../engine/parts.js';
import type { GatherListener } from '../../engine/progress.js';
import { loadSnapshot, type ClubSnapshot, type Snapshot } from '../../engine/snapshot.js';
import { pick } from '../../report/i18n.js';
import type { Lang, Query } from '../../engine/types.js';
import type { DiagnoseFlags } from '../diagnose.js';
import type { Io } from '../output.js';
import { messages } from './messages.js';
import { ERRORS } from '../messages.js';

export interface GuidedShop {
  /** The clubs the person chooses from (a snapshot's, or the live shop's). */
  listClubs(): Promise<readonly ClubSnapshot[]>;
  /** The snapshot to evaluate for one club and the questions asked. */
  gather(club: ClubSnapshot, query: Query, needs: ReadonlySet<PartName>, onProgress: GatherListener | undefined, signal: AbortSignal): Promise<Snapshot>;
  /** True when gathering reads a live shop (progress to show), false for a snapshot file. */
  readonly live: boolean;
  /** The live shop's configuration (write credentials included), for the safe fixes; none for a snapshot. */
  readonly config?: Config;
  close(): Promise<void>;
}

export async function openShop(io: Io, flags: DiagnoseFlags, loaded: LoadedConfig | undefined, lang: Lang): Promise<GuidedShop> {
  if (flags.snapshot) {
    const snapshot = await loadSnapshot(resolve(io.cwd, flags.snapshot));
    return {
      live: false,
      listClubs: async () => snapshot.clubs,
      gather: async () => snapshot,
      close: async () => {},
    };
  }
  if (flags.sandbox) {
    const { resolveFixtureSet, startFixtureSet } = await import('../../sandbox/fixture-set.js');
    const running = await startFixtureSet(resolveFixtureSet(typeof flags.sandbox === 'string' ? flags.sandbox : 'demo', io.cwd));
    // The sandbox says where the shop is; the user's check settings still apply.
    const config: Config = { ...running.config, checks: loaded?.config.checks, plugins: loaded?.config.plugins };
    return liveShop(config, lang, () => running.close());
  }
  if (!loaded?.config.prestashop) {
    throw new UsageError(ERRORS.guidedNoShop, ERRORS.guidedNoShopHint);
  }
  return liveShop(loaded.config, lang, async () => {});
}

function liveShop(config: Config, lang: Lang, close: () => Promise<void>): GuidedShop {
  return {
    live: true,
    config,
    close,
    async listClubs() {
      const { gatherSnapshot } = await import('../../sources/gather.js');
      // Only the club list: the parts every club has without asking Stripe or Sendcloud.
      const listing = await gatherSnapshot({ config, query: {}, choose: (clubs) => [...clubs], fallbackNames: [], needs: new Set<PartName>(['club.group']) });
      if (!listing.clubs.length) {
        const failed = Object.values(listing.parts).find((p) => p?.status === 'failed');
        if (failed?.status === 'failed') throw new UsageError(pick(messages.clubsUnreadable(failed.cause.message), lang));
      }
      return listing.clubs;
    },
    async gather(club, query, needs, onProgress, signal) {
      const { gatherSnapshot } = await import('../../sources/gather.js');
      const { clubGroupId } = await import('../../engine/clubs.js');
      // The chosen club again, found among the shop's by name and group (two groups may share a name).
      const id = clubGroupId(club);
      return gatherSnapshot({
        config,
        query,
        choose: (clubs) => {
          const same = clubs.filter((c) => c.name === club.name && (id === null || clubGroupId(c) === id));
          return same.length ? [same[0]!] : [];
        },
        fallbackNames: [club.name],
        onProgress,
        needs,
        signal,
      });
    },
  };
}
