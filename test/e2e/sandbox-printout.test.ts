// Issue 10 (gap left by the last round): `checkout-doctor sandbox` prints where its emulators
// listen, the configuration it wrote and what `init` asks for, in the run's language: French on a
// French locale or with `--lang fr` (an addition to the contract), English otherwise, through the
// built CLI. The configuration file it leaves is intended (`--config`, `diagnose --fix` read it), and
// the printout says so. The English labels stay as scripts read them (readme-init, ci-setup).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGoodFrench } from '../support/french-scan.js';
import { BIN, cleanEnv } from './run-cli.js';

interface Printed {
  dir: string;
  stderr: string;
  code: number | null;
}

/** Runs `sandbox` in a fresh folder until it printed `last`, then Ctrl-C (SIGINT) and its exit. */
function printout(args: string[], env: Record<string, string>, last: string): Promise<Printed> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-sandbox-print-'));
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { cwd: dir, env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`sandbox did not print "${last}":\n${stderr}`));
    }, 60_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes(last)) child.kill('SIGINT');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ dir, stderr, code });
    });
  });
}

/** The value beside `label` (labels end in two spaces or more before the value column). */
function valueOf(text: string, label: string): string {
  const m = new RegExp(`^ *${label} {2,}(\\S+)$`, 'm').exec(text);
  expect(m, `${label} in:\n${text}`).not.toBeNull();
  return m![1]!;
}

describe('checkout-doctor sandbox prints in the run’s language', { timeout: 180_000 }, () => {
  it('English by default: the labels scripts read, the configuration file said to stay, Ctrl-C stops it (exit 0)', async () => {
    const { dir, stderr, code } = await printout([], {}, 'Stop with Ctrl-C.');
    expect(code).toBe(0);
    const api = valueOf(stderr, 'PrestaShop webservice');
    expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(valueOf(stderr, 'shop address')).toBe(api.replace(/api\/$/, ''));
    expect(valueOf(stderr, 'webservice key')).toMatch(/^[A-Z0-9]{32}$/);
    expect(stderr).toContain('For checkout-doctor init:\n');
    expect(valueOf(stderr, 'Stripe publishable')).toMatch(/^pk_test_/);
    // The file it leaves is the one it names, said to stay on purpose, and it points at the emulators.
    const file = valueOf(stderr, 'Configuration');
    expect(file).toBe(join(dir, '.checkout-doctorrc.sandbox.json'));
    expect(stderr).toContain('This file stays after the sandbox stops, for later runs with --config; --write-config <file> writes it elsewhere.');
    expect(JSON.parse(readFileSync(file, 'utf8')).prestashop.url).toBe(api.replace(/api\/$/, ''));
    expect(stderr).toContain(`Try: checkout-doctor diagnose --all --config ${file}`);
    // No French in the English printout.
    expect(stderr).not.toMatch(/clé|boutique|Essayez|arrêter|[\u00a0\u202f’]/);
  });

  for (const [how, args, env] of [
    ['LANG=fr_FR.UTF-8', [] as string[], { LANG: 'fr_FR.UTF-8' }],
    ['--lang fr', ['--lang', 'fr'], {}],
  ] as const) {
    it(`French with ${how}: every label and sentence, French typography, the values untouched`, async () => {
      const { dir, stderr, code } = await printout([...args], env, 'Ctrl-C pour arrêter.');
      expect(code).toBe(0);
      const api = valueOf(stderr, 'Webservice PrestaShop');
      expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
      expect(valueOf(stderr, 'adresse de la boutique')).toBe(api.replace(/api\/$/, ''));
      expect(valueOf(stderr, 'clé du webservice')).toMatch(/^[A-Z0-9]{32}$/);
      expect(valueOf(stderr, 'API Stripe')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(valueOf(stderr, 'clé publique Sendcloud')).toMatch(/^\S{20,}$/);
      expect(valueOf(stderr, 'clé publiable Stripe')).toMatch(/^pk_test_/);
      expect(valueOf(stderr, 'clé secrète Stripe')).toMatch(/^sk_test_/);
      const file = valueOf(stderr, 'Configuration');
      expect(file).toBe(join(dir, '.checkout-doctorrc.sandbox.json'));
      expect(stderr).toContain('Pour checkout-doctor init\u00a0:\n');
      expect(stderr).toContain(`Essayez\u00a0: checkout-doctor diagnose --all --config ${file}`);
      expect(stderr).toContain('Ce fichier reste après l’arrêt, pour les lancements suivants avec --config\u202f; --write-config <fichier> l’écrit ailleurs.');
      expect(stderr).not.toMatch(/Stop with|For checkout-doctor init|shop address|webservice key|Try:/);
      // Good French once the values (keys, URLs, paths, club names) are set aside.
      expectGoodFrench(stderr.replace(/ {2,}\S+$/gm, ''), `sandbox (${how})`);
    });
  }

  it('--lang en wins over a French locale', async () => {
    const { stderr, code } = await printout(['--lang', 'en'], { LANG: 'fr_FR.UTF-8' }, 'Stop with Ctrl-C.');
    expect(code).toBe(0);
    expect(stderr).toContain('For checkout-doctor init:');
    expect(stderr).not.toContain('Pour checkout-doctor init');
  });
});
