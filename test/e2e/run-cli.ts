// Runs the built CLI as a subprocess, the way users and CI pipelines do, and checks every output
// for secrets: a raw key from the fixtures must never appear, whatever the command.

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/checkout-doctor.js`;
export const DEMO = `${ROOT}fixtures/demo-shop.snapshot.json`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const SECRET_FIELD = /key|secret|password|token/i;

/**
 * Every secret of the fixtures, raw (contamination included) and trimmed: Stripe-shaped strings
 * anywhere, and the values of secret-named fields (webservice keys, Sendcloud keys...). The demo
 * snapshot itself holds none (only facts), so the shop fixtures the snapshot was recorded from are
 * scanned too.
 */
export function fixtureSecrets(files = readdirSync(`${ROOT}fixtures/shops`).filter((f) => f.endsWith('.json')).map((f) => `${ROOT}fixtures/shops/${f}`)): string[] {
  const found = new Set<string>();
  for (const file of files) {
    JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) => {
      // Masked forms (`sk_test_…abcd`) are what outputs should show, not secrets.
      if (typeof value === 'string' && value.trim().length >= 8 && !value.includes('…') && (/(sk|pk|rk)_(test|live)_|whsec_/.test(value) || SECRET_FIELD.test(key))) {
        found.add(value);
        found.add(value.trim());
      }
      return value;
    });
  }
  return [...found];
}

const SECRETS = fixtureSecrets();

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The Stripe SDK prints an editor hint on stderr when these are set.
    if (k.startsWith('CLAUDE')) continue;
    if (['LANG', 'LC_ALL', 'NO_COLOR', 'FORCE_COLOR', 'CI'].includes(k)) continue;
    env[k] = v;
  }
  return { ...env, LANG: 'en_US.UTF-8', NO_COLOR: '1', ...extra };
}

/** No secret of the fixtures (nor `extra`) in either output of the run of `args`. */
export function expectNoFixtureSecret(args: string[], out: { stdout: string; stderr: string }, extra: string[] = []): void {
  for (const secret of [...SECRETS, ...extra]) {
    expect(out.stdout, `stdout of ${args.join(' ')} leaks a secret`).not.toContain(secret);
    expect(out.stderr, `stderr of ${args.join(' ')} leaks a secret`).not.toContain(secret);
  }
}

export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; secrets?: string[] } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // A hang guard below the e2e test timeout (vitest.config.ts), not a budget: a loaded machine is slow.
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Checked here, reported by rejecting: a throw inside this callback would hang the test.
      try {
        expectNoFixtureSecret(args, { stdout, stderr }, options.secrets);
      } catch (error) {
        reject(error);
        return;
      }
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON report (`--format json`) is the report model as written: tests read it with its types. */
export type { Report as JsonReport, ReportResult as JsonResult } from '../../src/report/model.js';
