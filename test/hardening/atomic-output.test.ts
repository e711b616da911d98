// Class: "--output loses data". Whatever fails while writing, the previous file is intact and no
// truncated or temporary file is left; missing folders are created; the run's own inputs (the
// snapshot, the configuration, the sandbox fixture) are never overwritten, whatever path, symlink
// or hard link names them. Through the CLI's program in-process (the disk-full case: the built CLI).

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, ROOT, cleanEnv, fixtureSecrets, type CliResult } from '../e2e/run-cli.js';
import { runInProcess as runCli } from '../e2e/run-in-process.js';
import { expectNoSecret } from './secret-forms.js';

const SECRETS = fixtureSecrets();
const PREVIOUS = '{"previous":"report, kept"}\n';

/** The CLI with a file size limit (`ulimit -f`, 1 KiB blocks): writes beyond it fail with EFBIG. */
function runCliWithFileLimit(args: string[], cwd: string, blocks: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('atomic --output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-output-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the previous report intact and leaves no temporary file when the write fails midway', async () => {
    const out = join(dir, 'failing');
    mkdirSync(out);
    writeFileSync(join(out, 'report.json'), PREVIOUS);
    // The JSON report of every demo club is far above 4 KiB: the write fails after the first blocks.
    const result = await runCliWithFileLimit(['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--output', 'failing/report.json'], dir, 4);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*report\.json \(EFBIG\): the previous file, if any, is left intact/);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(PREVIOUS);
    expect(readdirSync(out)).toEqual(['report.json']);
    expectNoSecret({ stdout: result.stdout, stderr: result.stderr }, SECRETS);
  });

  it('creates missing folders and replaces the previous report whole', async () => {
    const result = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--output', 'new/nested/report.json'], { cwd: dir });
    expect(result.code).toBe(1);
    const written = readFileSync(join(dir, 'new/nested/report.json'), 'utf8');
    expect(JSON.parse(written).clubs.length).toBeGreaterThan(1);
    expect(readdirSync(join(dir, 'new/nested'))).toEqual(['report.json']);
    writeFileSync(join(dir, 'new/nested/report.json'), PREVIOUS);
    const again = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--format', 'markdown', '--output', 'new/nested/report.json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(readFileSync(join(dir, 'new/nested/report.json'), 'utf8')).toMatch(/^# /);
    expectNoSecret({ stdout: result.stdout + again.stdout, stderr: result.stderr + again.stderr, file: written }, SECRETS);
  });

  it('refuses to overwrite the snapshot it reads, through any path, symlink or hard link (exit 2)', async () => {
    const snap = join(dir, 'shop.snapshot.json');
    copyFileSync(DEMO, snap);
    symlinkSync(snap, join(dir, 'link.json'));
    linkSync(snap, join(dir, 'hard.json'));
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const before = readFileSync(snap, 'utf8');
    for (const target of ['shop.snapshot.json', './sub/../shop.snapshot.json', 'link.json', 'hard.json', snap]) {
      const result = await runCli(['diagnose', '--all', '--snapshot', 'shop.snapshot.json', '--output', target], { cwd: dir });
      expect(result.code, target).toBe(2);
      expect(result.stderr).toContain(`--output ${target} is the snapshot given to --snapshot: overwriting it would destroy an input of this run.`);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(snap, 'utf8')).toBe(before);
  });

  it('refuses to overwrite the configuration file, found or given, and says so in French too', async () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    const config = '{ "checks": { "shop-online": "off" } }\n';
    writeFileSync(join(project, '.checkout-doctorrc.json'), config);
    writeFileSync(join(project, 'package.json'), '{}\n');
    const found = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--output', '.checkout-doctorrc.json'], { cwd: project });
    expect(found.code).toBe(2);
    expect(found.stderr).toContain('is the configuration file');
    const given = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--config', '.checkout-doctorrc.json', '--output', `${project}/.checkout-doctorrc.json`, '--lang', 'fr'], { cwd: project });
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('est le fichier de configuration\u00a0: l’écraser détruirait une entrée de cette commande.');
    expect(readFileSync(join(project, '.checkout-doctorrc.json'), 'utf8')).toBe(config);
  });

  it('snapshot --output: refuses the sandbox fixture it serves, writes atomically into new folders', async () => {
    const fixtures = join(dir, 'fixtures');
    mkdirSync(fixtures);
    for (const f of readdirSync(join(ROOT, 'fixtures/shops')).filter((f) => f.startsWith('demo-'))) copyFileSync(join(ROOT, 'fixtures/shops', f), join(fixtures, f));
    const stripeBefore = readFileSync(join(fixtures, 'demo-stripe.json'), 'utf8');
    const refused = await runCli(['snapshot', '--all', '--sandbox', 'fixtures/demo-shop.json', '--output', 'fixtures/demo-stripe.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is a file of the sandbox fixture');
    expect(readFileSync(join(fixtures, 'demo-stripe.json'), 'utf8')).toBe(stripeBefore);

    const written = await runCli(['snapshot', '--all', '--sandbox', 'fixtures/demo-shop.json', '--output', 'snaps/today/shop.json'], { cwd: dir });
    expect(written.code).toBe(0);
    const text = readFileSync(join(dir, 'snaps/today/shop.json'), 'utf8');
    expect(JSON.parse(text).clubs.length).toBeGreaterThan(1);
    expect(readdirSync(join(dir, 'snaps/today'))).toEqual(['shop.json']);
    expect(existsSync(join(dir, '.checkout-doctorrc.sandbox.json'))).toBe(false);
    expectNoSecret({ stdout: refused.stdout + written.stdout, stderr: refused.stderr + written.stderr, snapshot: text }, SECRETS);
  }, 60_000);
});
