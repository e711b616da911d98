// The commander program. Every command returns an exit code; errors become one sentence on stderr
// (what happened, what to do) and exit 2, with the stack only under --debug.

import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../engine/errors.js';
import type { Lang } from '../engine/types.js';
import { detectLang } from '../report/i18n.js';
import { FORMATS } from '../report/render/formats.js';
import { toolVersion } from '../report/version.js';
import { terminalSafe } from '../report/text.js';
import { redactor } from '../secrets/redact.js';
import { requestLog } from '../sources/request-log.js';
import type { DiagnoseFlags } from './diagnose.js';
import type { ExplainFlags } from './explain.js';
import type { InitFlags } from './init/index.js';
import type { MergeFlags } from './merge.js';
import type { ListChecksFlags } from './list-checks.js';
import type { SandboxFlags } from './sandbox.js';
import type { SnapshotFlags } from './snapshot.js';
import type { UndoFlags } from './undo.js';
import { logError, processIo, type Io } from './output.js';
import { collect } from './outputs.js';

// Each command's modules load when that command runs: --help and --version pay for commander only,
// list-checks never loads the sources, a snapshot diagnosis never loads Stripe or mysql2.

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('checkout-doctor')
    .description('Diagnoses why a club checkout fails on a PrestaShop + Stripe + Sendcloud shop, and says how to fix it.')
    .version(toolVersion(), '-V, --version')
    .option('--debug', 'show stack traces and upstream details on errors')
    .exitOverride()
    .configureOutput({
      // Commander echoes arguments in its errors ("unknown command 'sk_live_…'"): redact those too.
      writeOut: (s) => io.stdout.write(redactor.redact(s)),
      writeErr: (s) => io.stderr.write(terminalSafe(redactor.redact(s))),
    })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('diagnose')
    .description("run every check for a club (or --all) and print what is wrong and how to fix it")
    .argument('[club]', 'club name; case and accents do not matter')
    .option('--config <file>', 'configuration file (default: discovered from the current folder)')
    .option('--snapshot <file>', 'evaluate a snapshot file instead of the live shop')
    .option('--customer <email|id>', "also check this customer's account and club membership")
    .option('--code <code>', 'also check this promo code')
    .option('--order <id|reference>', 'also check this order for a credit note')
    .addOption(new Option('--format <format>', `report format: ${FORMATS.join(', ')}; repeatable, paired by position with --output`).default(undefined, 'pretty').argParser(collect))
    .addOption(new Option('--output <file>', 'write the report to a file instead of stdout; repeatable; alone, the extension gives the format (.json, .xml, .md)').argParser(collect))
    .option('--only <ids>', 'run only these checks (comma-separated ids)')
    .option('--skip <ids>', 'do not run these checks (comma-separated ids)')
    .option('--fail-on <level>', 'lowest status that makes the exit code 1: fail (default) or warn; new: only problems new since --baseline')
    .option('--baseline <report.json>', 'a previous JSON report: mark each problem new, persisting or resolved since then')
    .option('--lang <lang>', 'report language: fr or en (default from LC_ALL/LANG)')
    .option('--all', 'diagnose every club')
    .option('--shard <i/n>', 'with --all: only the i-th of n slices of the clubs')
    .option('--sandbox [fixture]', 'diagnose a fixture shop served by the built-in emulators over HTTP (default fixture: demo)')
    .option('--test-coupon', 'also test dynamic-coupon creation: creates one SPREAD test coupon on the shop (the only write a diagnosis makes)')
    .option('--timeout <seconds>', 'overall deadline of the run; what is pending then becomes an error and the report is printed (default 120)')
    .option('--fix', 'plan fixes for what was found, show them, and apply them once confirmed (backup first; undo with `checkout-doctor undo`)')
    .option('--dry-run', 'with --fix: show the plan only, change nothing')
    .option('--yes', 'with --fix: apply without asking')
    .option('-i, --interactive', 'guided mode for club admins: choose the club, say what the problem is about, walk the findings (needs a terminal)')
    .option('--audience <who>', 'who reads the report: support (default, every technical detail) or admin (plain words)')
    .action(async (club: string | undefined, flags: DiagnoseFlags) => {
      const { diagnose } = await import('./diagnose.js');
      setExit(await diagnose(io, club, flags));
    });

  program
    .command('merge')
    .description('combine the JSON reports of --shard runs into one report, in any format; exit code as for diagnose')
    .argument('<report.json...>', 'JSON reports of the shards (diagnose --all --shard i/n --format json)')
    .addOption(new Option('--format <format>', `report format: ${FORMATS.join(', ')}; repeatable, paired by position with --output`).default(undefined, 'pretty').argParser(collect))
    .addOption(new Option('--output <file>', 'write the report to a file instead of stdout; repeatable; alone, the extension gives the format (.json, .xml, .md)').argParser(collect))
    .option('--fail-on <level>', 'lowest status that makes the exit code 1: fail (default) or warn; new: only problems new since --baseline')
    .option('--baseline <report.json>', 'a previous JSON report: mark each problem new, persisting or resolved since then')
    .option('--lang <lang>', 'language of the messages about files written: fr or en (default: the reports\' language)')
    .action(async (files: string[], flags: MergeFlags) => {
      const { merge } = await import('./merge.js');
      setExit(await merge(io, files, flags));
    });

  program
    .command('snapshot')
    .description('gather the live shop for a club (or --all) and write it, secrets reduced to facts, for diagnose --snapshot')
    .argument('[club]', 'club name; case and accents do not matter')
    .option('--output <file>', 'file to write (default: stdout)')
    .option('--config <file>', 'configuration file (default: discovered from the current folder)')
    .option('--customer <email|id>', 'also gather this customer')
    .option('--code <code>', 'also gather this promo code')
    .option('--order <id|reference>', 'also gather this order')
    .option('--all', 'every club')
    .option('--shard <i/n>', 'with --all: only the i-th of n slices of the clubs')
    .option('--sandbox [fixture]', 'snapshot a fixture shop served by the built-in emulators (default fixture: demo)')
    .action(async (club: string | undefined, flags: SnapshotFlags) => {
      const { snapshot } = await import('./snapshot.js');
      setExit(await snapshot(io, club, flags));
    });

  program
    .command('sandbox')
    .description('serve a fixture shop as PrestaShop, Stripe and Sendcloud emulators on 127.0.0.1 until interrupted')
    .argument('[fixture]', 'bundled fixture name or path of a <name>-shop.json file', 'demo')
    .option('--port <n>', 'port of the PrestaShop emulator (default: a free port)')
    .option('--write-config <file>', 'where to write the configuration for the sandbox', '.checkout-doctorrc.sandbox.json')
    .action(async (fixture: string, flags: SandboxFlags) => {
      const { sandbox } = await import('./sandbox.js');
      setExit(await sandbox(io, fixture, flags));
    });

  program
    .command('undo')
    .description('restore what a `diagnose --fix` overwrote, from its backup file, and verify it')
    .argument('<backup-file>', 'the backup file the fix printed (.checkout-doctor/backups/…)')
    .option('--config <file>', 'configuration of the shop (default: discovered from the current folder)')
    .option('--force', 'restore even the objects changed since the fix')
    .option('--lang <lang>', 'language: fr or en (default from LC_ALL/LANG)')
    .action(async (file: string, flags: UndoFlags) => {
      const { undo } = await import('./undo.js');
      setExit(await undo(io, file, flags));
    });

  program
    .command('init')
    .description('guided set-up: asks for the shop, its keys and the clubs, tests each answer, writes .checkout-doctorrc.json (env: references for secrets); without a terminal, writes a commented example')
    .option('--lang <lang>', 'language of the questions: fr or en (default from LC_ALL/LANG)')
    .option('--config <file>', 'where to write the configuration', '.checkout-doctorrc.json')
    .action(async (flags: InitFlags) => {
      const { init } = await import('./init/index.js');
      setExit(await init(io, flags));
    });

  program
    .command('list-checks')
    .description('list every check: id, category, default severity and title')
    .addOption(new Option('--format <format>', 'pretty table or json').default(undefined, 'pretty'))
    .option('--lang <lang>', 'language of titles: fr or en (default from LC_ALL/LANG)')
    .option('--config <file>', 'also list the checks of the plugins this configuration loads')
    .action(async (flags: ListChecksFlags) => {
      const { listChecks } = await import('./list-checks.js');
      setExit(await listChecks(io, flags));
    });

  program
    .command('explain')
    .description('explain a check: what it verifies and why, what it needs, how to verify or fix it by hand')
    .argument('<check-id>', 'a check id, as shown by list-checks')
    .option('--lang <lang>', 'language: fr or en (default from LC_ALL/LANG)')
    .option('--config <file>', 'also know the checks of the plugins this configuration loads')
    .action(async (id: string, flags: ExplainFlags) => {
      const { explain } = await import('./explain.js');
      setExit(await explain(io, id, flags));
    });

  return program;
}

/** --debug: what the run asked upstream and how much memory it took (benchmarks read this line). */
function printRunStats(io: Io): void {
  const bySource = requestLog.countBySource();
  const detail = Object.entries(bySource).map(([source, n]) => `${source} ${n}`).join(', ');
  const repeated = requestLog.duplicates();
  logError(io, `checkout-doctor: stats: requests=${requestLog.entries.length}${detail ? ` (${detail})` : ''} repeated=${repeated.length} peakRssMB=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  for (const r of repeated) logError(io, `checkout-doctor: repeated ${r.count}×: ${r.source} ${r.method} ${r.target}`);
}

/** The language of error messages: --lang when given and valid, else LC_ALL/LANG. */
function errorLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const at = argv.indexOf('--lang');
  const given = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return given === 'fr' || given === 'en' ? given : detectLang(env);
}

function printUsageError(io: Io, error: UsageError, lang: Lang): void {
  const { message, hint } = error.in(lang);
  logError(io, `checkout-doctor: ${message}`);
  for (const line of error.details) logError(io, line);
  if (hint) logError(io, hint);
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exit = 0;
  // No arguments on a terminal: the guided mode (same as `diagnose -i`). Without a terminal, or
  // with CI set, the usage as before.
  if (argv.length <= 2 && process.stdin.isTTY && io.stdout.isTTY && !io.env.CI) argv = [...argv, 'diagnose', '--interactive'];
  const program = buildProgram(io, (code) => (exit = code));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    if (debug) printRunStats(io);
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; unknown options and missing arguments with 2.
      if (error.code === 'commander.unknownCommand') {
        const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
        logError(io, `Commands: ${names.join(', ')}. To diagnose a club: checkout-doctor diagnose "<club name>".`);
      }
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      printUsageError(io, error, errorLang(argv, io.env));
      if (debug && error.stack) logError(io, error.stack);
      return 2;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    logError(io, `checkout-doctor: unexpected internal error: ${err.message}`);
    logError(io, debug && err.stack ? err.stack : 'Run again with --debug for the stack trace, and report it.');
    return 2;
  }
}
