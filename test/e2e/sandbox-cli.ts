// Shared set-up of the tests that run the CLI (in-process, run-in-process.ts) against the sandbox over 127.0.0.1 (the
// PrestaShop Webservice, Stripe and Sendcloud emulators serving the demo shop), split into several
// files so that they run in parallel: diagnose-sandbox*.test.ts. Call useSandboxCli() at the top of
// a test file: it starts the emulators (and, when asked, a MariaDB loaded with the same shop) for
// that file, and clears injected faults after each test.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { FaultRule } from '../../src/sandbox/faults.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import type { JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const TIMEOUT_MS = 10_000;

export interface SandboxCli {
  dir: string;
  running: RunningSandbox;
  /** The sandbox configuration with TIMEOUT_MS per-request timeouts, as written to sandbox.json. */
  config: Config;
  secrets: string[];
  writeConfig(name: string, config: unknown): string;
  /** `diagnose … --config <dir>/<config> --format json`, the report parsed. */
  diagnose(args: string[], config?: string): Promise<{ code: number | null; stdout: string; stderr: string; report: JsonReport; byId: (club?: number) => Record<string, JsonReport['clubs'][number]['results'][number]> }>;
}

export function useSandboxCli(options: { database?: boolean } = {}): SandboxCli {
  let db: MariaDb | undefined;
  const ctx = {
    dir: mkdtempSync(join(tmpdir(), 'cd-sandbox-')),
    secrets: [] as string[],
    writeConfig(name: string, config: unknown): string {
      const file = join(ctx.dir, name);
      writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    },
    async diagnose(args: string[], config = 'sandbox.json') {
      const r = await runCli(['diagnose', ...args, '--config', join(ctx.dir, config), '--format', 'json'], { cwd: ctx.dir, secrets: ctx.secrets });
      expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      const report = JSON.parse(r.stdout) as JsonReport;
      const byId = (club = 0) => Object.fromEntries(report.clubs[club]!.results.map((x) => [x.id, x]));
      return { ...r, report, byId };
    },
  } as SandboxCli;

  beforeAll(async () => {
    [ctx.running, db] = await Promise.all([startFixtureSet(resolveFixtureSet('demo')), options.database ? startMariaDb() : undefined]);
    const config = ctx.running.config;
    ctx.secrets.push(config.prestashop!.webserviceKey!, config.sendcloud!.secretKey!, config.sendcloud!.publicKey!);
    for (const club of config.clubs ?? []) for (const key of [club.stripe?.secretKey, club.stripe?.publishableKey]) if (key) ctx.secrets.push(key, key.trim());
    // Generous per-request timeouts: a loaded CI machine must not turn a slow answer into an error.
    // The tests of a hang set a short one for the hanging source only (diagnose-sandbox-failures*).
    ctx.config = { ...config, prestashop: { ...config.prestashop!, timeoutMs: TIMEOUT_MS }, stripe: { ...config.stripe, timeoutMs: TIMEOUT_MS }, sendcloud: { ...config.sendcloud, timeoutMs: TIMEOUT_MS } };
    ctx.writeConfig('sandbox.json', ctx.config);
    if (!db) return;
    const root = await db.root();
    await loadShop(root, ctx.running.prestashop.fixture as unknown as ShopFixture, { database: 'prestashop' });
    await root.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'sandbox-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
    await root.end();
    ctx.secrets.push('sandbox-ro-pass');
    ctx.writeConfig('database.json', {
      ...ctx.config,
      prestashop: { ...ctx.config.prestashop, database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'sandbox-ro-pass', database: 'prestashop' } },
    });
  }, 120_000);

  afterEach(() => {
    for (const s of [ctx.running.prestashop, ctx.running.stripe!, ctx.running.sendcloud!]) {
      s.faults.clear();
      s.faults.releaseHung();
    }
  });

  afterAll(async () => {
    await Promise.all([ctx.running?.close(), db?.stop()]);
  });

  return ctx;
}

/** An upstream failure injected in the sandbox, and what the diagnosis must say about it. */
export interface FailureCase {
  name: string;
  on: 'prestashop' | 'stripe' | 'sendcloud';
  rule?: FaultRule;
  args?: string[];
  config?: string;
  check: string;
  message: RegExp;
  /** A check of another source, still evaluated. */
  still: string;
  /** Set-up problems: the upstream cause, said once on stderr (the result refers to it). */
  stderr?: RegExp;
}

/** Injects the fault, diagnoses Fréjus: the check is a readable `error`, the other source's check is not. */
export async function expectReadableError(sandbox: SandboxCli, c: FailureCase): Promise<void> {
  if (c.rule) sandbox.running[c.on]!.faults.add(c.rule);
  const r = await sandbox.diagnose(['Étoile Sportive de Fréjus', ...(c.args ?? [])], c.config);
  expect(r.code).toBe(1);
  const result = r.byId()[c.check]!;
  expect(result.status, JSON.stringify(result)).toBe('error');
  expect(result.message).toMatch(c.message);
  if (c.stderr) expect(r.stderr).toMatch(c.stderr);
  expect(r.byId()[c.still]!.status, `${c.still} still evaluated`).not.toBe('error');
}
