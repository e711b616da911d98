// `checkout-doctor sandbox [fixture] [--port n]`: serves a fixture shop as PrestaShop Webservice,
// Stripe and Sendcloud emulators on 127.0.0.1 until interrupted, and writes the configuration that
// points checkout-doctor at them.

import { resolve } from 'node:path';
import { UsageError } from '../engine/errors.js';
import { resolveFixtureSet, startFixtureSet } from '../sandbox/fixture-set.js';
import { writeFileAtomic } from './atomic-write.js';
import type { Io } from './output.js';
import { SANDBOX_MESSAGES } from '../sandbox/messages.js';

export interface SandboxFlags {
  port?: string;
  writeConfig?: string;
}

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(SANDBOX_MESSAGES.badPort(value));
  return port;
}

export async function sandbox(io: Io, fixture: string | undefined, flags: SandboxFlags, until: Promise<unknown> = interrupted()): Promise<number> {
  const files = resolveFixtureSet(fixture, io.cwd);
  const running = await startFixtureSet(files, { port: parsePort(flags.port) });
  try {
    const configFile = resolve(io.cwd, flags.writeConfig ?? '.checkout-doctorrc.sandbox.json');
    // The fixture's keys are fakes made for the sandbox: written as they are, so that they work.
    await writeFileAtomic(configFile, JSON.stringify(running.config, null, 2) + '\n');
    const { config } = running;
    // What `checkout-doctor init` asks for, to set the tool up against the sandbox by hand. The keys
    // are the fixture's fakes, made for the sandbox: shown whole (escaped, a contaminated key's
    // line break included, so that it stays one line).
    const shown = (key: string | undefined) => (key === undefined ? '' : JSON.stringify(key).slice(1, -1));
    const lines = [
      `PrestaShop webservice  ${running.prestashop.apiUrl}`,
      running.stripe ? `Stripe API             ${running.stripe.url}` : undefined,
      running.sendcloud ? `Sendcloud API          ${running.sendcloud.url}` : undefined,
      `Configuration          ${configFile}`,
      '',
      `Try: checkout-doctor diagnose --all --config ${configFile}`,
      '',
      'For checkout-doctor init:',
      `  shop address          ${config.prestashop!.url}`,
      `  webservice key        ${shown(config.prestashop!.webserviceKey)}`,
      config.sendcloud ? `  Sendcloud API         ${config.sendcloud.apiBase}` : undefined,
      config.sendcloud ? `  Sendcloud public key  ${shown(config.sendcloud.publicKey)}` : undefined,
      config.sendcloud ? `  Sendcloud secret key  ${shown(config.sendcloud.secretKey)}` : undefined,
      config.stripe ? `  Stripe API            ${config.stripe.apiBase}` : undefined,
      ...(config.clubs ?? []).flatMap((club) =>
        club.stripe ? [`  ${club.name}`, `    Stripe publishable  ${shown(club.stripe.publishableKey)}`, `    Stripe secret       ${shown(club.stripe.secretKey)}`] : [],
      ),
      '',
      'Stop with Ctrl-C.',
    ].filter((l) => l !== undefined);
    io.stderr.write(lines.join('\n') + '\n');
    await until;
    return 0;
  } finally {
    await running.close();
  }
}

function interrupted(): Promise<void> {
  return new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}
