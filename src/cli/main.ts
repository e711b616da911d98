// The commander program. Every command returns an exit code; errors become one sentence on stderr
// (what happened, what to do) and exit 2, with the stack only under --debug.

import { Command, CommanderError, Help, Option } from 'commander';
import { UsageError } from '../engine/errors.js';
import type { Lang, Text } from '../engine/types.js';
import { typeset } from '../report/french.js';
import { HELP, HELP_FOOTER, commanderError, helpExtras, helpTitle } from './messages.js';
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

/**
 * Commander, speaking the run's language: its own errors ("unknown option…") are translated where
 * they are raised, and every subcommand is one of these too.
 */
class LocalCommand extends Command {
  lang: Lang = 'en';
  override createCommand(name?: string): LocalCommand {
    const command = new LocalCommand(name);
    command.lang = this.lang;
    return command;
  }
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(commanderError(message, this.lang), errorOptions);
  }
}

export function buildProgram(io: Io, setExit: (code: number) => void, lang: Lang = detectLang(io.env)): Command {
  const h = (text: Text) => text[lang];
  const program = new LocalCommand('checkout-doctor');
  program.lang = lang;
  program
    .description(h(HELP.program))
    .version(toolVersion(), '-V, --version', h(HELP.version))
    .helpOption('-h, --help', h(HELP.help))
    .helpCommand(h(HELP.helpCommandName), h(HELP.helpCommand))
    .option('--debug', h(HELP.debug))
    .exitOverride()
    .configureHelp({
      styleTitle: (title) => helpTitle(title, lang),
      optionDescription(option) {
        return helpExtras(Help.prototype.optionDescription.call(this, option), lang);
      },
      argumentDescription(argument) {
        return helpExtras(Help.prototype.argumentDescription.call(this, argument), lang);
      },
    })
    .configureOutput({
      // Commander echoes arguments in its errors ("unknown command 'sk_live_…'"): redact those too.
      writeOut: (s) => io.stdout.write(redactor.redact(typeset(lang, s))),
      writeErr: (s) => io.stderr.write(terminalSafe(redactor.redact(typeset(lang, s)))),
    })
    .showHelpAfterError(h(HELP.afterError))
    .addHelpText('after', `\n${h(HELP_FOOTER)}`);
  if (lang === 'fr') program.usage('[options] [commande]');

  program
    .command('diagnose')
    .description(h(HELP.diagnose))
    .argument('[club]', h(HELP.club))
    .option('--config <file>', h(HELP.config))
    .option('--snapshot <file>', h(HELP.snapshotFile))
    .option('--customer <email|id>', h(HELP.customer))
    .option('--code <code>', h(HELP.code))
    .option('--order <id|reference>', h(HELP.order))
    .addOption(new Option('--format <format>', h(HELP.format(FORMATS.join(', ')))).default(undefined, 'pretty').argParser(collect))
    .addOption(new Option('--output <file>', h(HELP.output)).argParser(collect))
    .option('--only <ids>', h(HELP.only))
    .option('--skip <ids>', h(HELP.skip))
    .option('--fail-on <level>', h(HELP.failOn))
    .option('--baseline <report.json>', h(HELP.baseline))
    .option('--lang <lang>', h(HELP.lang))
    .option('--all', h(HELP.all))
    .option('--shard <i/n>', h(HELP.shard))
    .option('--sandbox [fixture]', h(HELP.sandbox))
    .option('--test-coupon', h(HELP.testCoupon))
    .option('--timeout <seconds>', h(HELP.timeout))
    .option('-q, --quiet', h(HELP.quiet))
    .option('--print-config', h(HELP.printConfig))
    .option('--no-color', h(HELP.noColor))
    .option('--fix', h(HELP.fix))
    .option('--dry-run', h(HELP.dryRun))
    .option('--yes', h(HELP.yes))
    .option('-i, --interactive', h(HELP.interactive))
    .option('--audience <who>', h(HELP.audience))
    .action(async (club: string | undefined, flags: DiagnoseFlags) => {
      const { diagnose } = await import('./diagnose.js');
      setExit(await diagnose(io, club, flags));
    });

  program
    .command('merge')
    .description(h(HELP.merge))
    .argument('<report.json...>', h(HELP.mergeReports))
    .addOption(new Option('--format <format>', h(HELP.format(FORMATS.join(', ')))).default(undefined, 'pretty').argParser(collect))
    .addOption(new Option('--output <file>', h(HELP.output)).argParser(collect))
    .option('--fail-on <level>', h(HELP.failOn))
    .option('--baseline <report.json>', h(HELP.baseline))
    .option('--lang <lang>', h(HELP.mergeLang))
    .action(async (files: string[], flags: MergeFlags) => {
      const { merge } = await import('./merge.js');
      setExit(await merge(io, files, flags));
    });

  program
    .command('snapshot')
    .description(h(HELP.snapshot))
    .argument('[club]', h(HELP.club))
    .option('--output <file>', h(HELP.snapshotOutput))
    .option('--config <file>', h(HELP.config))
    .option('--customer <email|id>', h(HELP.snapshotCustomer))
    .option('--code <code>', h(HELP.snapshotCode))
    .option('--order <id|reference>', h(HELP.snapshotOrder))
    .option('--all', h(HELP.snapshotAll))
    .option('--shard <i/n>', h(HELP.shard))
    .option('--sandbox [fixture]', h(HELP.snapshotSandbox))
    .action(async (club: string | undefined, flags: SnapshotFlags) => {
      const { snapshot } = await import('./snapshot.js');
      setExit(await snapshot(io, club, flags));
    });

  program
    .command('sandbox')
    .description(h(HELP.sandboxCommand))
    .argument('[fixture]', h(HELP.fixture), 'demo')
    .option('--port <n>', h(HELP.port))
    .option('--write-config <file>', h(HELP.writeConfig), '.checkout-doctorrc.sandbox.json')
    .option('--lang <lang>', h(HELP.sandboxLang))
    .action(async (fixture: string, flags: SandboxFlags) => {
      const { sandbox } = await import('./sandbox.js');
      setExit(await sandbox(io, fixture, flags));
    });

  program
    .command('undo')
    .description(h(HELP.undo))
    .argument('<backup-file>', h(HELP.backupFile))
    .option('--config <file>', h(HELP.undoConfig))
    .option('--force', h(HELP.force))
    .option('--lang <lang>', h(HELP.explainLang))
    .action(async (file: string, flags: UndoFlags) => {
      const { undo } = await import('./undo.js');
      setExit(await undo(io, file, flags));
    });

  program
    .command('init')
    .description(h(HELP.init))
    .option('--lang <lang>', h(HELP.initLang))
    .option('--config <file>', h(HELP.initConfig), '.checkout-doctorrc.json')
    .action(async (flags: InitFlags) => {
      const { init } = await import('./init/index.js');
      setExit(await init(io, flags));
    });

  program
    .command('list-checks')
    .description(h(HELP.listChecks))
    .addOption(new Option('--format <format>', h(HELP.listFormat)).default(undefined, 'pretty'))
    .option('--lang <lang>', h(HELP.listLang))
    .option('--config <file>', h(HELP.listConfig))
    .action(async (flags: ListChecksFlags) => {
      const { listChecks } = await import('./list-checks.js');
      setExit(await listChecks(io, flags));
    });

  program
    .command('explain')
    .description(h(HELP.explain))
    .argument('<check-id>', h(HELP.checkId))
    .option('--lang <lang>', h(HELP.explainLang))
    .option('--config <file>', h(HELP.explainConfig))
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
  const { message, hint, details } = error.in(lang);
  logError(io, typeset(lang, HELP.errorLine(message)[lang]));
  for (const line of details) logError(io, line);
  if (hint) logError(io, typeset(lang, hint));
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exit = 0;
  // No arguments on a terminal: the guided mode (same as `diagnose -i`). Without a terminal, or
  // with CI set, the usage as before.
  if (argv.length <= 2 && process.stdin.isTTY && io.stdout.isTTY && !io.env.CI) argv = [...argv, 'diagnose', '--interactive'];
  const lang = errorLang(argv, io.env);
  const program = buildProgram(io, (code) => (exit = code), lang);
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
        logError(io, typeset(lang, HELP.commands(names.join(', '))[lang]));
      }
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      printUsageError(io, error, lang);
      if (debug && error.stack) logError(io, error.stack);
      return 2;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    logError(io, typeset(lang, HELP.internal(err.message)[lang]));
    logError(io, debug && err.stack ? err.stack : typeset(lang, HELP.internalHint[lang]));
    return 2;
  }
}
