// What changed since last time (`--baseline previous.json`): every result of this run is marked
// against the baseline report, by club and check id. A problem is a `fail`, `error` or `warn`:
//   new         a problem now, not in the baseline;
//   persisting  a problem now and in the baseline;
//   resolved    a problem in the baseline that is no longer one;
//   unchanged   no problem, then or now.
// Only the clubs of this run are compared: a shard (`--shard i/n`) sees only its clubs, so clubs
// it did not diagnose are not "resolved". Merge the shards, then compare (`merge … --baseline`).

import { UsageError } from '../engine/errors.js';
import { normaliseName } from '../engine/clubs.js';
import type { Status, Text } from '../engine/types.js';
import type { Change, ChangedProblem, ClubReport, Report, ReportResult } from './model.js';
import { readReport, sameShopUrl } from './read-report.js';

export const PROBLEM_STATUSES: readonly Status[] = ['fail', 'error', 'warn'];

const NBSP = '\u00a0';

const MESSAGES = {
  what: { fr: 'le rapport de référence (--baseline)', en: 'the baseline report (--baseline)' },
  otherShop: (file: string, theirs: string, ours: string): Text => ({
    fr: `Le rapport de référence ${file} est celui d’une autre boutique (${theirs})${NBSP}: ce diagnostic porte sur ${ours}.`,
    en: `The baseline report ${file} is of another shop (${theirs}): this diagnosis is of ${ours}.`,
  }),
  otherShopHint: {
    fr: 'Donnez à --baseline un rapport JSON de la même boutique (par exemple celui de la nuit précédente).',
    en: 'Give --baseline a JSON report of the same shop (the previous night’s, for instance).',
  },
  failOnNew: {
    fr: `--fail-on new compare avec un rapport de référence${NBSP}: il faut aussi --baseline <rapport.json>.`,
    en: '--fail-on new compares with a baseline report: it needs --baseline <report.json> too.',
  },
  failOnNewHint: {
    fr: 'Ajoutez --baseline avec le rapport JSON du passage précédent, ou utilisez --fail-on fail.',
    en: 'Add --baseline with the JSON report of the previous run, or use --fail-on fail.',
  },
};

export function isProblem(status: Status): boolean {
  return PROBLEM_STATUSES.includes(status);
}

/** --fail-on new without --baseline is a usage error, raised before any work. */
export function requireBaselineFor(failOn: string, baseline: string | undefined): void {
  if (failOn === 'new' && baseline === undefined) throw new UsageError(MESSAGES.failOnNew, MESSAGES.failOnNewHint);
}

/** Reads the baseline report (before any work: an unreadable or invalid one is an exit-2 error). */
export function loadBaseline(file: string, cwd: string): Promise<Report> {
  return readReport(file, cwd, MESSAGES.what);
}

/** A baseline of another shop than `shopUrl` is refused (exit 2). */
export function checkBaselineShop(baseline: Report, file: string, shopUrl: string | undefined): void {
  const theirs = baseline.shop?.url;
  // A baseline written before reports named their shop cannot be told apart: it is taken as is.
  if (theirs && shopUrl && !sameShopUrl(theirs, shopUrl)) throw new UsageError(MESSAGES.otherShop(file, theirs, shopUrl), MESSAGES.otherShopHint);
}

function clubKey(club: ClubReport['club']): string {
  return `${normaliseName(club.name)}#${club.groupId ?? ''}`;
}

/** The baseline's club for `club`: same name and group, else the only one of that name. */
function matchClub(club: ClubReport['club'], baseline: readonly ClubReport[]): ClubReport | undefined {
  const exact = baseline.find((b) => clubKey(b.club) === clubKey(club));
  if (exact) return exact;
  const named = baseline.filter((b) => normaliseName(b.club.name) === normaliseName(club.name));
  return named.length === 1 ? named[0] : undefined;
}

function changeOf(now: Status, then: Status | undefined): Change {
  const was = then !== undefined && isProblem(then);
  if (isProblem(now)) return was ? 'persisting' : 'new';
  return was ? 'resolved' : 'unchanged';
}

function named(club: ClubReport['club'], r: Pick<ReportResult, 'id' | 'title'>, status: Status): ChangedProblem {
  return { club: club.name, groupId: club.groupId, id: r.id, title: r.title, status };
}

/** The report with every result marked against the baseline and the `changes` summary added. */
export function compareWithBaseline(report: Report, baseline: Report, file?: string): Report {
  if (file) checkBaselineShop(baseline, file, report.shop?.url);
  const newProblems: ChangedProblem[] = [];
  const resolvedProblems: ChangedProblem[] = [];
  let persisting = 0;
  const clubs = report.clubs.map((club) => {
    const before = matchClub(club.club, baseline.clubs);
    const results = club.results.map((r) => {
      const then = before?.results.find((b) => b.id === r.id)?.status;
      const change = changeOf(r.status, then);
      if (change === 'new') newProblems.push(named(club.club, r, r.status));
      if (change === 'persisting') persisting++;
      if (change === 'resolved') resolvedProblems.push(named(club.club, r, then!));
      return { ...r, change };
    });
    return { ...club, results };
  });
  return {
    ...report,
    clubs,
    changes: {
      baseline: { generatedAt: baseline.generatedAt, ...(file ? { file } : {}) },
      new: newProblems.length,
      persisting,
      resolved: resolvedProblems.length,
      newProblems,
      resolvedProblems,
    },
  };
}
