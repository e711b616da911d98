// Issue 12 item 8, through the CLI's program in-process: --quiet, --print-config, --no-color / FORCE_COLOR=0 /
// TERM=dumb, wrapping on a real terminal (tmux, 60 columns) with a hanging indent that never splits
// « from its word, typo suggestions for club names, --help in French and English.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, DEMO, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const ESC = '\u001b';
const RACING = 'Racing Club Sévigné';

describe('--quiet', () => {
  it('shows only problems in pretty and markdown; JSON stays complete', async () => {
    const full = await runCli(['diagnose', RACING, '--snapshot', DEMO]);
    const quiet = await runCli(['diagnose', RACING, '--snapshot', DEMO, '--quiet']);
    expect(full.stdout).toMatch(/✓ PASS/);
    expect(full.stdout).toMatch(/- SKIP/);
    expect(quiet.stdout).not.toMatch(/✓ PASS|- SKIP/);
    expect(quiet.stdout).toMatch(/✗ FAIL .*\[stripe-keys-format\]/);
    expect(quiet.stdout).toMatch(/‼ ERROR .*\[stripe-account-status\]/);
    // The summary still counts everything.
    expect(quiet.stdout.trimEnd().split('\n').pop()).toMatch(/^Summary: \d+ passed, .*skipped/);
    expect(quiet.code).toBe(full.code);

    const md = await runCli(['diagnose', RACING, '--snapshot', DEMO, '--format', 'markdown', '--quiet']);
    // Problems are detailed under headings; the passing checks are not even folded.
    expect(md.stdout).not.toMatch(/\| ✓ \| PASS \||<details>/);
    expect(md.stdout).toMatch(/### ✗ FAIL — /);

    const json = (args: string[]) => runCli(['diagnose', RACING, '--snapshot', DEMO, '--format', 'json', ...args]).then((r) => JSON.parse(r.stdout) as JsonReport);
    const [a, b] = await Promise.all([json([]), json(['--quiet'])]);
    const strip = (r: JsonReport) => ({ ...r, generatedAt: '', durationMs: 0, clubs: r.clubs.map((c) => ({ ...c, results: c.results.map((x) => ({ ...x, durationMs: 0 })) })) });
    expect(strip(b)).toEqual(strip(a));
  });
});

describe('--print-config', () => {
  it('prints the effective configuration: env: references as such, secrets in clear masked, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-print-config-'));
    const sk = 'sk_live_51PrintConfigSecretKeyValue0000a1B2';
    const pk = 'pk_live_51PrintConfigPublishableKey000zZ9y';
    const wsKey = 'WSKEYFROMENVIRONMENT0123456789AB';
    const scSecret = 'sendcloud-secret-from-env-0123456789';
    const dbPassword = 'db-password-in-clear-42';
    writeFileSync(
      join(dir, '.checkout-doctorrc.json'),
      JSON.stringify({
        prestashop: { url: 'https://shop.example.fr', webserviceKey: 'env:CD_TEST_WS_KEY', database: { host: '127.0.0.1', user: 'ro', password: dbPassword, database: 'ps' } },
        sendcloud: { publicKey: 'env:CD_TEST_SC_PUBLIC', secretKey: 'env:CD_TEST_SC_SECRET' },
        clubs: [{ name: 'FC Lyon', stripe: { publishableKey: pk, secretKey: sk } }],
        checks: { 'stripe-keys-live': 'warn' },
      }),
    );
    const env = { CD_TEST_WS_KEY: wsKey, CD_TEST_SC_PUBLIC: 'sendcloud-public-0123456789', CD_TEST_SC_SECRET: scSecret };
    const r = await runCli(['diagnose', '--print-config'], { cwd: dir, env, secrets: [sk, pk, wsKey, scSecret, dbPassword] });
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout) as Record<string, any>;
    expect(shown.prestashop.webserviceKey).toBe('env:CD_TEST_WS_KEY');
    expect(shown.sendcloud.secretKey).toBe('env:CD_TEST_SC_SECRET');
    expect(shown.clubs[0].stripe.secretKey).toBe('sk_live_…a1B2');
    expect(shown.clubs[0].stripe.publishableKey).toBe('pk_live_…zZ9y');
    expect(shown.prestashop.database.password).not.toBe(dbPassword);
    expect(shown.checks).toEqual({ 'stripe-keys-live': 'warn' });
    expect(r.stderr).toContain('.checkout-doctorrc.json');
  });
});

describe('colour', () => {
  it('--no-color, FORCE_COLOR=0 and TERM=dumb print no escape code (FORCE_COLOR=1 does)', async () => {
    const args = ['diagnose', RACING, '--snapshot', DEMO];
    // NO_COLOR is unset here: only the convention under test turns colour off.
    const forced = await runCli(args, { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    for (const [extra, env] of [
      [['--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' }],
      [[], { NO_COLOR: '', FORCE_COLOR: '0' }],
      [[], { NO_COLOR: '', FORCE_COLOR: '1', TERM: 'dumb' }],
    ] as Array<[string[], Record<string, string>]>) {
      const r = await runCli([...args, ...extra], { env });
      expect(r.stdout, JSON.stringify({ extra, env })).not.toContain(ESC);
      expect(r.stderr).not.toContain(ESC);
    }
  });
});

describe('wrapping on a terminal', () => {
  it('wraps to 60 columns with a hanging indent, never splitting « from its word; a pipe stays unwrapped', async () => {
    requireTmux();
    const term = new Terminal(`'${process.execPath}' '${BIN}' diagnose '${RACING}' --snapshot '${DEMO}' --lang fr --quiet 2>/dev/null`, { width: 60 });
    try {
      await term.exitCode(20_000);
      // Wrapped lines are joined (capture-pane -J): a line over 60 columns is one the CLI did not wrap.
      const lines = term.history().split('\n').map((l) => l.trimEnd()).filter(Boolean);
      const report = lines.slice(lines.findIndex((l) => l.startsWith(RACING)));
      expect(report.length).toBeGreaterThan(20);
      for (const line of report) {
        expect(Array.from(line).length, line).toBeLessThanOrEqual(60);
        expect(line, 'a guillemet left at a line end').not.toMatch(/«$/);
        expect(line.trimStart(), 'a guillemet alone at a line start').not.toMatch(/^»/);
        expect(line.trimStart(), 'a colon alone at a line start').not.toMatch(/^[:;!?]/);
      }
      // Hanging indent: inside a result, every line is indented under the status column (16), and
      // a step's continuation lines under the step's text (21 for "  1. ").
      const first = report.findIndex((l) => l.includes('[stripe-keys-format]'));
      const block = report.slice(first + 1, report.findIndex((l, i) => i > first && l.startsWith('  ✗')));
      expect(block.length).toBeGreaterThan(6);
      for (const line of block) expect(line, 'hanging indent').toMatch(/^ {16}\S/.test(line) || /^ {18}\d\. /.test(line) || /^ {21}\S/.test(line) ? /./ : /^$/);
      expect(block.some((l) => /^ {21}\S/.test(l))).toBe(true);
      // The same run into a pipe: one line per message, however long.
      const piped = await runCli(['diagnose', RACING, '--snapshot', DEMO, '--lang', 'fr', '--quiet']);
      expect(piped.stdout.split('\n').some((l) => Array.from(l).length > 100)).toBe(true);
    } finally {
      term.close();
    }
  });
});

describe('typo suggestions and --help', () => {
  it('diagnose Frejsu suggests Étoile Sportive de Fréjus', async () => {
    for (const lang of ['fr', 'en']) {
      const r = await runCli(['diagnose', 'Frejsu', '--snapshot', DEMO, '--lang', lang]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(lang === 'fr' ? 'Vouliez-vous dire' : 'Did you mean');
      expect(r.stderr.split('\n').filter((l) => l.startsWith('  '))).toEqual(['  Étoile Sportive de Fréjus']);
    }
  });

  it('--help gives examples, exit codes and where the docs are, in French and in English', async () => {
    const fr = await runCli(['--help'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.code).toBe(0);
    for (const s of ['Utilisation\u00a0: checkout-doctor', 'Commandes\u00a0:', 'Exemples\u00a0:', 'Codes de sortie\u00a0:', '130  interrompu', 'docs/README.md']) expect(fr.stdout).toContain(s);
    const en = await runCli(['--help']);
    for (const s of ['Usage: checkout-doctor', 'Commands:', 'Examples:', 'Exit codes:', '130  interrupted', 'docs/README.md']) expect(en.stdout).toContain(s);
    const diagnoseFr = await runCli(['diagnose', '--help', '--lang', 'fr']);
    expect(diagnoseFr.stdout).toContain('n’affiche que les problèmes');
    expect(diagnoseFr.stdout).toContain('--print-config');
  });
});
