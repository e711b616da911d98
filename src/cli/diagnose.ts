// `checkout-doctor diagnose <club>`: obtain a snapshot, pick the clubs, run the checks, render.

import { resolve } from 'node:path';
import { resolveCheckSettings } from '../config/checks.js';
import { loadConfig, configDir, type LoadedConfig } from '../config/load.js';
import { clubGroupId, clubLabel, matchClub, type ClubLike } from '../engine/clubs.js';
import { monotonicMs } from '../engine/clock.js';
import { UsageError } from '../engine/errors.js';
import { importModule } from '../engine/import-module.js';
import type { PartName } from '../engine/parts.js';
import { builtinRegistry, loadPlugins, partsNeeded, type Registry } from '../engine/registry.js';
import { runChecks } from '../engine/runner.js';
import type { GatherOptions } from '../sources/gather.js';
import { clubReport, earlyEvaluation, type EvaluatedClub } from './club-evaluation.js';
import { RunStopped } from '../engine/stop.js';
import { loadSnapshot, type ClubSnapshot, type Snapshot } from '../engine/snapshot.js';
import { t, type Check, type Query } from '../engine/types.js';
import { AUDIENCES } from '../report/audience.js';
import { buildReport, exitCodeFor } from '../report/model.js';
import { compareWithBaseline, loadBaseline, requireBaselineFor } from '../report/baseline.js';
import { reportContext } from '../report/context.js';
import { findSetupProblems, renderSetupProblem, setupJson, stoppedCounts } from '../report/setup.js';
import { oneOf, parseIds, parseLang, parseShard, parseTimeout } from './options.js';
import { ERRORS, HELP } from './messages.js';
import { pick } from '../report/i18n.js';
import type { RunInput } from './atomic-write.js';
import { progressTally, progressText } from './progress.js';
import { interactiveTerminal, logError, type Io } from './output.js';
import { resolveOutputs, writeOutputs } from './outputs.js';
import { replayQuery } from './replay.js';

/** The texts of this command (issue 10.4: in one place, out of the logic). */
const MESSAGES = {
  noClubs: t('La boutique n’a aucun club à diagnostiquer.', 'The shop has no club to diagnose.'),
  clubAndAll: t('Donnez soit un nom de club, soit --all, pas les deux.', 'Give either a club name or --all, not both.'),
  whichClub: t('Quel club ? Donnez son nom, ou --all pour tous les clubs.', 'Which club? Give its name, or --all for every club.'),
  shardWithoutAll: t('--shard s’utilise avec --all.', '--shard goes with --all.'),
  nothingToDiagnose: t('Rien à diagnostiquer : aucun snapshot donné et aucune boutique configurée.', 'Nothing to diagnose: no snapshot given and no shop configured.'),
  nothingToDiagnoseHint: t('Donnez --snapshot <fichier>, ou créez .checkout-doctorrc.json avec l’adresse de la boutique (prestashop.url, voir le README).', 'Pass --snapshot <file>, or create .checkout-doctorrc.json with prestashop.url (see README).'),
  snapshotInput: t('le snapshot donné à --snapshot', 'the snapshot given to --snapshot'),
  configInput: t('le fichier de configuration', 'the configuration file'),
  sandboxInput: t('un fichier du jeu de données du bac à sable', 'a file of the sandbox fixture'),
  emptyQuery: (key: string) => t(`--${key} est vide.`, `--${key} is empty.`),
};

export interface DiagnoseFlags {
  config?: string;
  snapshot?: string;
  customer?: string;
  code?: string;
  order?: string;
  /** Repeatable: paired by position with `--output` (src/cli/outputs.ts). */
  format?: string | string[];
  output?: string | string[];
  only?: string;
  skip?: string;
  failOn?: string;
  lang?: string;
  all?: boolean;
  shard?: string;
  /** `--sandbox [fixture]`: true for the bundled demo. */
  sandbox?: string | boolean;
  /** `--test-coupon`: create one SPREAD test coupon (the only write a diagnosis may make). */
  testCoupon?: boolean;
  /** `--timeout <seconds>`: the run's overall deadline. */
  timeout?: string;
  /** `--fix [--dry-run] [--yes]` (issue 11): plan fixes from the results, then apply them (src/cli/fix.ts). */
  fix?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  /** `--baseline <report.json>`: mark what changed since that report (src/report/baseline.ts). */
  baseline?: string;
  /** `--audience admin|support`: who reads the messages (src/report/audience.ts). */
  audience?: string;
  /** `-i, --interactive`: the guided mode (src/cli/guided/). */
  interactive?: boolean;
  /** `--quiet`: problems only in human formats. */
  quiet?: boolean;
  /** `--print-config`: print the effective configuration, secrets masked, and exit 0. */
  printConfig?: boolean;
  /** `--no-color` makes it false. */
  color?: boolean;
}

/** What a live gathering is limited to and bound by (diagnose; a snapshot gathers everything). */
export interface GatherScope {
  needs?: ReadonlySet<PartName>;
  signal?: AbortSignal;
  /** Told as each club is complete, before the gathering ends (gather.ts `onClubReady`). */
  onClubReady?: GatherOptions['onClubReady'];
}

/** The exit code of a run stopped by Ctrl-C (128 + SIGINT), whatever the report says. */
export const INTERRUPTED_EXIT = 130;

export function selectChecks(registry: Registry, flags: DiagnoseFlags, off: Set<string>): Check[] {
  const only = parseIds('--only', flags.only, registry.ids());
  const skip = parseIds('--skip', flags.skip, registry.ids()) ?? [];
  return registry
    .all()
    .filter((c) => (only ? only.includes(c.meta.id) : !off.has(c.meta.id)))
    .filter((c) => !skip.includes(c.meta.id));
}

/** Picks the clubs a run reports: one by name, or every club (optionally one shard of them). */
export function chooseClubs<T extends ClubLike>(clubs: readonly T[], club: string | undefined, flags: Pick<DiagnoseFlags, 'all' | 'shard'>): T[] {
  checkClubFlags(club, flags);
  if (!clubs.length) throw new UsageError(MESSAGES.noClubs);
  if (!flags.all) return [matchClub(club!, clubs)];
  const shard = parseShard(flags.shard);
  // Clubs sharing a name (two customer groups) stay apart, in group id order.
  const sorted = [...clubs].sort((a, b) => a.name.localeCompare(b.name) || (clubGroupId(a) ?? 0) - (clubGroupId(b) ?? 0));
  return shard ? sorted.filter((_, i) => i % shard.count === shard.index - 1) : sorted;
}

/** Usage errors about the club flags, raised before any network call. */
function checkClubFlags(club: string | undefined, flags: Pick<DiagnoseFlags, 'all' | 'shard'>, known: readonly { name: string }[] = []): void {
  if (flags.all && club) throw new UsageError(MESSAGES.clubAndAll);
  if (!flags.all && !club) throw new UsageError(MESSAGES.whichClub, undefined, known.map((c) => `  ${clubLabel(c, known)}`));
  if (!flags.all && flags.shard) throw new UsageError(MESSAGES.shardWithoutAll);
  parseShard(flags.shard);
}

export interface Obtained {
  snapshot: Snapshot;
  clubs: ClubSnapshot[];
}

/** The snapshot to evaluate: a file given with --snapshot, else gathered live from the configured shop. */
export async function obtainSnapshot(io: Io, club: string | undefined, flags: DiagnoseFlags, loaded: LoadedConfig | undefined, query: Query, scope: GatherScope = {}): Promise<Obtained> {
  if (flags.snapshot) {
    const snapshot = await loadSnapshot(resolve(io.cwd, flags.snapshot));
    checkClubFlags(club, flags, snapshot.clubs);
    return { snapshot, clubs: chooseClubs(snapshot.clubs, club, flags) };
  }
  if (flags.sandbox) return obtainFromSandbox(io, club, flags, loaded, query, scope);
  if (!loaded?.config.prestashop) {
    throw new UsageError(
      MESSAGES.nothingToDiagnose,
      MESSAGES.nothingToDiagnoseHint,
    );
  }
  checkClubFlags(club, flags);
  // Live sources, SDKs and the spinner are loaded only for live runs: a snapshot run or --help
  // starts without them.
  const [{ gatherSnapshot }, { default: ora }] = await Promise.all([import('../sources/gather.js'), importModule<typeof import('ora')>('ora')]);
  // discardStdin off: the spinner must not put the terminal in raw mode, so that Ctrl-C stays a
  // SIGINT that the run handles (stop, print what is known, exit 130).
  const lang = parseLang(flags.lang, io.env);
  const spinner = interactiveTerminal(io) ? ora({ text: progressText({}, lang), stream: io.stderr as NodeJS.WriteStream, discardStdin: false }).start() : undefined;
  // Off a terminal nobody listens: the sources emit nothing (progress on stderr only on a TTY).
  const tally = spinner ? progressTally() : undefined;
  try {
    const snapshot = await gatherSnapshot({
      config: loaded.config,
      query,
      choose: (clubs) => chooseClubs(clubs, club, flags),
      fallbackNames: [club ?? 'all clubs'],
      onProgress:
        spinner && tally
          ? (event) => {
              tally.consume(event);
              spinner.text = progressText(tally.counts(), lang);
            }
          : undefined,
      needs: scope.needs,
      signal: scope.signal,
      onClubReady: scope.onClubReady,
      testCoupon: flags.testCoupon === true,
    });
    return { snapshot, clubs: snapshot.clubs };
  } finally {
    spinner?.stop();
  }
}

/** `--sandbox`: the fixture shop's emulators started in this process, read like a live shop. */
async function obtainFromSandbox(io: Io, club: string | undefined, flags: DiagnoseFlags, loaded: LoadedConfig | undefined, query: Query, scope: GatherScope): Promise<Obtained> {
  checkClubFlags(club, flags);
  const { resolveFixtureSet, startFixtureSet } = await import('../sandbox/fixture-set.js');
  const running = await startFixtureSet(resolveFixtureSet(typeof flags.sandbox === 'string' ? flags.sandbox : 'demo', io.cwd));
  try {
    // The sandbox says where the shop is; the user's check settings still apply.
    const config = { ...running.config, checks: loaded?.config.checks, plugins: loaded?.config.plugins };
    return await obtainSnapshot(io, club, { ...flags, sandbox: undefined }, { config, filepath: loaded?.filepath ?? '(sandbox)' }, query, scope);
  } finally {
    await running.close();
  }
}

export function queryFrom(flags: Pick<DiagnoseFlags, 'customer' | 'code' | 'order'>): Query {
  const query: Query = { customer: flags.customer, code: flags.code, order: flags.order };
  for (const key of ['customer', 'code', 'order'] as const) {
    if (query[key] !== undefined && !query[key]!.trim()) throw new UsageError(MESSAGES.emptyQuery(key));
  }
  return query;
}

/** The files this run reads, which --output must never overwrite. */
export async function runInputs(io: Io, flags: Pick<DiagnoseFlags, 'snapshot' | 'sandbox'>, loaded: LoadedConfig | undefined): Promise<RunInput[]> {
  const inputs: RunInput[] = [];
  if (flags.snapshot) inputs.push({ file: resolve(io.cwd, flags.snapshot), what: MESSAGES.snapshotInput });
  if (loaded) inputs.push({ file: loaded.filepath, what: MESSAGES.configInput });
  if (typeof flags.sandbox === 'string') {
    const { resolveFixtureSet } = await import('../sandbox/fixture-set.js');
    const set = resolveFixtureSet(flags.sandbox, io.cwd);
    for (const file of [set.shop, set.stripe, set.sendcloud]) if (file) inputs.push({ file, what: MESSAGES.sandboxInput });
  }
  return inputs;
}

/**
 * The run's stop signal: aborted at the deadline (`--timeout`) or on the first Ctrl-C (then pending
 * work becomes `error` and the report is printed); a second Ctrl-C quits at once. The guided mode
 * uses it too, without the announcement (its screen says it otherwise).
 */
export function runStopper(io: Io, seconds: number, announce?: string) {
  const controller = new AbortController();
  let interrupted = false;
  const timer = setTimeout(() => controller.abort(new RunStopped('deadline', seconds)), seconds * 1000);
  const onSigint = () => {
    if (interrupted) process.exit(INTERRUPTED_EXIT);
    interrupted = true;
    if (announce) logError(io, announce);
    controller.abort(new RunStopped('interrupted'));
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    interrupted: () => interrupted,
    dispose: () => {
      clearTimeout(timer);
      process.off('SIGINT', onSigint);
    },
  };
}

export async function diagnose(io: Io, club: string | undefined, flags: DiagnoseFlags): Promise<number> {
  if (flags.interactive) return (await import('./guided/index.js')).guided(io, club, flags);
  const startedAt = monotonicMs();
  const stopper = runStopper(io, parseTimeout(flags.timeout), pick(HELP.interrupted, parseLang(undefined, io.env)));
  try {
    const failOn = oneOf('--fail-on', flags.failOn, ['warn', 'fail', 'new'] as const, 'fail');
    requireBaselineFor(failOn, flags.baseline);
    const baseline = flags.baseline ? await loadBaseline(flags.baseline, io.cwd) : undefined;
    const audience = oneOf('--audience', flags.audience, AUDIENCES, 'support');
    const lang = parseLang(flags.lang, io.env);
    checkFixFlags(flags);
    let loaded = await loadConfig({ configPath: flags.config, cwd: io.cwd, env: io.env });
    if (flags.printConfig) {
      const { printConfig } = await import('./print-config.js');
      return printConfig(io, loaded, lang);
    }
    const registry = builtinRegistry();
    await loadPlugins(registry, loaded?.config.plugins ?? [], configDir(loaded, io.cwd));
    const { off, settings } = resolveCheckSettings(loaded?.config.checks, registry, loaded?.filepath ?? '');
    const checks = selectChecks(registry, flags, off);
    const asked = queryFrom(flags);
    const destinations = await resolveOutputs(io, flags.format, flags.output, await runInputs(io, flags, loaded));

    // --sandbox --fix: the emulators stay up until the fixes are applied and verified.
    const sandboxRun = flags.fix && flags.sandbox ? await startSandboxForFix(io, flags) : undefined;
    if (sandboxRun) loaded = { config: { ...sandboxRun.config, checks: loaded?.config.checks, plugins: loaded?.config.plugins }, filepath: loaded?.filepath ?? '(sandbox)' };
    const obtainFlags = sandboxRun ? { ...flags, sandbox: undefined } : flags;
    try {
      const { fixPhase, mayWrite, recoverUnfinished } = flags.fix ? await import('./fix.js') : ({} as typeof import('./fix.js'));
      // A --fix killed mid-way is undone before this run looks at the shop.
      if (flags.fix && loaded?.config.prestashop && mayWrite(io, flags)) await recoverUnfinished(io, loaded.config, lang);
      // Only the parts the selected checks use are gathered: --only, --skip and "off" restrict what
      // is fetched, not only what is shown.
      const scope = { needs: partsNeeded(checks, asked), signal: stopper.signal };
      let query = asked;
      // The JSON report's club pieces are written (redacted) as each club's report is built.
      const prepare = destinations.some((d) => d.format === 'json') ? (await import('../report/render/json.js')).prepareClubJson : undefined;
      const evaluate = async () => {
        // A live gathering tells each club as it completes: evaluated then, while the others are gathered.
        const early = earlyEvaluation({ checks, settings, query: asked, signal: stopper.signal, audience, lang, prepare });
        const { snapshot, clubs } = await obtainSnapshot(io, club, obtainFlags, loaded, asked, { ...scope, onClubReady: early.onClubReady });
        // A snapshot file keeps the questions it was taken with (src/cli/replay.ts).
        const replayed = flags.snapshot ? replayQuery(snapshot, asked, lang) : { query: asked, notes: [] };
        for (const note of replayed.notes) logError(io, note);
        query = replayed.query;
        const evaluated: EvaluatedClub[] = [];
        for (const [i, c] of clubs.entries()) {
          const done = await early.take(i);
          evaluated.push(done ? { ...done, club: c } : { club: c, results: await runChecks({ checks, snapshot, club: c, query, settings, signal: stopper.signal }) });
        }
        return { snapshot, clubs: evaluated };
      };
      let run = await evaluate();
      const fixed =
        flags.fix && loaded
          ? await fixPhase(io, { flags, lang, config: loaded.config, first: run, query, rerun: evaluate })
          : undefined;
      if (fixed?.final) run = fixed.final;
      // A rejected key, a wrong host, an unreachable shop: said once (stderr and report), not per check.
      const problems = findSetupProblems(run.snapshot);
      const reports = [];
      const stopped = problems.map(() => 0);
      for (const { club: c, results, report } of run.clubs) {
        stoppedCounts(results, problems).forEach((n, i) => (stopped[i]! += n));
        reports.push(report ?? clubReport(c, results, problems, { audience, lang }));
      }
      problems.forEach((p, i) => {
        if (stopped[i]! > 0) logError(io, renderSetupProblem(p, stopped[i]!, lang));
      });
      const setup = problems.flatMap((p, i) => (stopped[i]! > 0 ? [setupJson(p, stopped[i]!, lang)] : []));
      const built = {
        ...buildReport(reports, lang, startedAt, undefined, setup),
        ...reportContext(run.snapshot, flags, query),
        ...(audience === 'admin' ? { audience } : {}),
      };
      if (fixed) {
        built.fixes = fixed.fixes;
        if (fixed.backup) built.fixBackup = fixed.backup;
      }
      const report = baseline ? compareWithBaseline(built, baseline, flags.baseline) : built;
      await writeOutputs(io, report, destinations, lang, { quiet: flags.quiet === true, color: flags.color });
      return stopper.interrupted() ? INTERRUPTED_EXIT : exitCodeFor(report, failOn);
    } finally {
      await sandboxRun?.close();
    }
  } finally {
    stopper.dispose();
  }
}

/** `--dry-run` and `--yes` go with `--fix`; fixes change the live shop, never a snapshot. */
function checkFixFlags(flags: DiagnoseFlags): void {
  if ((flags.dryRun || flags.yes) && !flags.fix) throw new UsageError(ERRORS.fixFlagsAlone, ERRORS.fixFlagsAloneHint);
  if (flags.fix && flags.snapshot) throw new UsageError(ERRORS.fixSnapshot, ERRORS.fixSnapshotHint);
}

async function startSandboxForFix(io: Io, flags: DiagnoseFlags) {
  const { resolveFixtureSet, startFixtureSet } = await import('../sandbox/fixture-set.js');
  return startFixtureSet(resolveFixtureSet(typeof flags.sandbox === 'string' ? flags.sandbox : 'demo', io.cwd));
}
