// `checkout-doctor sandbox [fixture] [--port n] [--write-config f] [--lang fr|en]`: serves a fixture
// shop as PrestaShop Webservice, Stripe and Sendcloud emulators on 127.0.0.1 until interrupted, and
// writes the configuration that points checkout-doctor at them (kept on purpose: `--config` and
// `diagnose --fix` read it). What it prints is in SANDBOX_PRINTOUT (src/sandbox/messages.ts).

import { resolve } from 'node:path';
import { UsageError } from '../engine/errors.js';
import { resolveFixtureSet, startFixtureSet } from '../sandbox/fixture-set.js';
import { writeFileAtomic } from './atomic-write.js';
import type { Io } from './output.js';
import { SANDBOX_MESSAGES, SANDBOX_PRINTOUT } from '../sandbox/messages.js';
import type { Lang, Text } from '../engine/types.js';
import { pick } from '../report/i18n.js';
import { parseLang } from './options.js';

export interface SandboxFlags {
  port?: string;
  writeConfig?: string;
  /** `--lang fr|en` (an addition to the contract): the printout's language; else LC_ALL/LANG. */
  lang?: string;
}

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(SANDBOX_MESSAGES.badPort(value));
  return port;
}

export async function sandbox(io: Io, fixture: string | undefined, flags: SandboxFlags, until?: Promise<unknown>): Promise<number> {
  // Listening from the start, so that Ctrl-C during start-up stops it as cleanly; removed however it
  // ends (an unknown fixture, a port taken): main() also runs in-process (the tests, run-in-process.ts).
  const signal = until ? undefined : interruption();
  try {
    return await serve(io, fixture, flags, until ?? signal!.stopped);
  } finally {
    signal?.dispose();
  }
}

async function serve(io: Io, fixture: string | undefined, flags: SandboxFlags, until: Promise<unknown>): Promise<number> {
  const lang = parseLang(flags.lang, io.env);
  const files = resolveFixtureSet(fixture, io.cwd);
  const running = await startFixtureSet(files, { port: parsePort(flags.port) });
  try {
    const configFile = resolve(io.cwd, flags.writeConfig ?? '.checkout-doctorrc.sandbox.json');
    // The fixture's keys are fakes made for the sandbox: written as they are, so that they work.
    await writeFileAtomic(configFile, JSON.stringify(running.config, null, 2) + '\n');
    const { config } = running;
    const say = (text: Text) => pick(text, lang);
    const P = SANDBOX_PRINTOUT;
    // What `checkout-doctor init` asks for, to set the tool up against the sandbox by hand. The keys
    // are the fixture's fakes, made for the sandbox: shown whole (escaped, a contaminated key's
    // line break included, so that it stays one line).
    const shown = (key: string | undefined) => (key === undefined ? '' : JSON.stringify(key).slice(1, -1));
    const where = columns(lang, 0, [P.prestashop, P.stripe, P.sendcloud, P.configuration]);
    const forInit = columns(lang, 2, [P.shopAddress, P.webserviceKey, P.sendcloudApi, P.sendcloudPublicKey, P.sendcloudSecretKey, P.stripeApi], [P.stripePublishableKey, P.stripeSecretKey]);
    const lines = [
      where(P.prestashop, running.prestashop.apiUrl),
      running.stripe ? where(P.stripe, running.stripe.url) : undefined,
      running.sendcloud ? where(P.sendcloud, running.sendcloud.url) : undefined,
      where(P.configuration, configFile),
      say(P.configurationKept),
      '',
      `${say(P.tryIt)}checkout-doctor diagnose --all --config ${configFile}`,
      '',
      say(P.forInit),
      forInit(P.shopAddress, config.prestashop!.url),
      forInit(P.webserviceKey, shown(config.prestashop!.webserviceKey)),
      config.sendcloud ? forInit(P.sendcloudApi, config.sendcloud.apiBase) : undefined,
      config.sendcloud ? forInit(P.sendcloudPublicKey, shown(config.sendcloud.publicKey)) : undefined,
      config.sendcloud ? forInit(P.sendcloudSecretKey, shown(config.sendcloud.secretKey)) : undefined,
      config.stripe ? forInit(P.stripeApi, config.stripe.apiBase) : undefined,
      ...(config.clubs ?? []).flatMap((club) =>
        club.stripe ? [`  ${club.name}`, forInit(P.stripePublishableKey, shown(club.stripe.publishableKey), 4), forInit(P.stripeSecretKey, shown(club.stripe.secretKey), 4)] : [],
      ),
      '',
      say(P.stop),
    ].filter((l) => l !== undefined);
    io.stderr.write(lines.join('\n') + '\n');
    await until;
    return 0;
  } finally {
    await running.close();
  }
}

/**
 * A block of `label  value` lines, the values in one column: two spaces after the longest label of
 * the block (`labels` at `indent`, `deeper` two further in), in either language, whichever labels
 * this fixture shows. Returns the line maker; `at` indents a line of the deeper labels.
 */
function columns(lang: Lang, indent: number, labels: Text[], deeper: Text[] = []): (label: Text, value: string | undefined, at?: number) => string {
  const width = Math.max(...labels.map((l) => indent + pick(l, lang).length), ...deeper.map((l) => indent + 2 + pick(l, lang).length)) + 2;
  return (label, value, at = indent) => `${' '.repeat(at)}${pick(label, lang)}`.padEnd(width) + (value ?? '');
}

/** Resolves `stopped` on the first SIGINT or SIGTERM; `dispose` removes both listeners. */
function interruption(): { stopped: Promise<void>; dispose: () => void } {
  let done!: () => void;
  const stopped = new Promise<void>((resolve) => (done = resolve));
  const onSignal = () => done();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
