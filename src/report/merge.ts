// `checkout-doctor merge`: the shard reports of one nightly run (`diagnose --all --shard i/n`)
// combined into the report `diagnose --all` would have written: every club once, in the same
// order, the set-up problems said once. Reports of different shops, tool versions or languages
// are refused (exit 2, naming the files), as is a club found in two reports.

import { clubGroupId } from '../engine/clubs.js';
import { UsageError } from '../engine/errors.js';
import type { Text } from '../engine/types.js';
import type { ClubReport, Report, SetupProblemReport } from './model.js';
import { sameShopUrl } from './read-report.js';

const NBSP = '\u00a0';

const MESSAGES = {
  nothing: { fr: 'Aucun rapport à fusionner.', en: 'No report to merge.' },
  nothingHint: {
    fr: `Donnez les rapports JSON des fragments${NBSP}: checkout-doctor merge fragment-1.json fragment-2.json …`,
    en: 'Give the JSON reports of the shards: checkout-doctor merge shard-1.json shard-2.json …',
  },
  versions: (a: string, va: string, b: string, vb: string): Text => ({
    fr: `${a} vient de checkout-doctor ${va} et ${b} de checkout-doctor ${vb}${NBSP}: des versions différentes ne se fusionnent pas.`,
    en: `${a} comes from checkout-doctor ${va} and ${b} from checkout-doctor ${vb}: reports of different versions are not merged.`,
  }),
  versionsHint: {
    fr: 'Relancez tous les fragments avec la même version de checkout-doctor.',
    en: 'Run every shard again with the same checkout-doctor version.',
  },
  shops: (a: string, sa: string, b: string, sb: string): Text => ({
    fr: `${a} est un rapport de ${sa} et ${b} de ${sb}${NBSP}: des boutiques différentes ne se fusionnent pas.`,
    en: `${a} is a report of ${sa} and ${b} of ${sb}: reports of different shops are not merged.`,
  }),
  shopsHint: { fr: 'Ne fusionnez que les fragments d’une même boutique.', en: 'Merge only the shards of one shop.' },
  unknownShop: { fr: 'une boutique inconnue', en: 'an unknown shop' },
  langs: (a: string, la: string, b: string, lb: string): Text => ({
    fr: `${a} est rédigé en ${la} et ${b} en ${lb}${NBSP}: un rapport fusionné parle une seule langue.`,
    en: `${a} is written in ${la} and ${b} in ${lb}: a merged report speaks one language.`,
  }),
  langsHint: { fr: 'Relancez les fragments avec la même option --lang.', en: 'Run the shards with the same --lang.' },
  twice: (club: string, a: string, b: string): Text => ({
    fr: `Le club «${NBSP}${club}${NBSP}» est à la fois dans ${a} et dans ${b}${NBSP}: un fragment a été donné deux fois, ou les fragments se recouvrent.`,
    en: `Club "${club}" is in both ${a} and ${b}: a shard was given twice, or the shards overlap.`,
  }),
  twiceHint: {
    fr: 'Donnez chaque fragment une seule fois, tous lancés avec le même nombre de fragments (--shard i/n).',
    en: 'Give each shard once, all run with the same number of shards (--shard i/n).',
  },
};

export interface NamedReport {
  file: string;
  report: Report;
}

function clubKey(club: ClubReport['club']): string {
  return `${club.name}\u0000${club.groupId ?? ''}`;
}

/** Set-up problems said once: the same cause in several shards adds up the checks it stopped. */
function mergeSetup(reports: readonly Report[]): SetupProblemReport[] {
  const byCause = new Map<string, SetupProblemReport>();
  for (const p of reports.flatMap((r) => r.setup ?? [])) {
    const key = JSON.stringify([p.source, p.kind, p.host, p.status, p.code]);
    const seen = byCause.get(key);
    byCause.set(key, seen ? { ...seen, checks: seen.checks + p.checks } : p);
  }
  return [...byCause.values()];
}

function check(all: readonly NamedReport[]): void {
  const [first, ...rest] = all;
  for (const other of rest) {
    const a = first!.report;
    const b = other.report;
    if (a.tool.version !== b.tool.version) throw new UsageError(MESSAGES.versions(first!.file, a.tool.version, other.file, b.tool.version), MESSAGES.versionsHint);
    const ua = a.shop?.url;
    const ub = b.shop?.url;
    if ((ua ?? '') !== (ub ?? '') && !(ua && ub && sameShopUrl(ua, ub))) {
      const lang = a.lang;
      throw new UsageError(MESSAGES.shops(first!.file, ua ?? MESSAGES.unknownShop[lang], other.file, ub ?? MESSAGES.unknownShop[lang]), MESSAGES.shopsHint);
    }
    if (a.lang !== b.lang) throw new UsageError(MESSAGES.langs(first!.file, a.lang, other.file, b.lang), MESSAGES.langsHint);
  }
}

/** The merged report; throws a UsageError saying which files disagree. */
export function mergeReports(all: readonly NamedReport[]): Report {
  if (!all.length) throw new UsageError(MESSAGES.nothing, MESSAGES.nothingHint);
  check(all);
  const owner = new Map<string, string>();
  const clubs: ClubReport[] = [];
  for (const { file, report } of all) {
    for (const club of report.clubs) {
      const key = clubKey(club.club);
      const before = owner.get(key);
      if (before !== undefined) throw new UsageError(MESSAGES.twice(club.club.name, before, file), MESSAGES.twiceHint);
      owner.set(key, file);
      clubs.push(club);
    }
  }
  // The order `diagnose --all` reports clubs in (chooseClubs): name, then group id.
  clubs.sort((a, b) => a.club.name.localeCompare(b.club.name) || (clubGroupId(a.club) ?? 0) - (clubGroupId(b.club) ?? 0));
  const first = all[0]!.report;
  const setup = mergeSetup(all.map((r) => r.report));
  const latest = all.map((r) => r.report.generatedAt).sort().at(-1)!;
  const { changes: _changes, setup: _setup, ...base } = first;
  return {
    ...base,
    generatedAt: latest,
    // Shards run side by side: the merged run took as long as the slowest.
    durationMs: Math.max(...all.map((r) => r.report.durationMs)),
    clubs: clubs.map((c) => ({ ...c, results: c.results.map(({ change: _change, ...r }) => r) })),
    ...(setup.length ? { setup } : {}),
  };
}
