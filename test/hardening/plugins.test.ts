// Issue 8, item 8: plugins are isolated. Hostile plugin files (a check that throws, one that never
// settles, one that mutates the data it is given, a module whose loading never ends) each become an
// `error` (or a usage error for the module) while every other check reads the same data and gives
// the same result as without them; and a run whose main promise can never settle does not exit 0
// with no output.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { builtinRegistry, loadPlugins } from '../../src/engine/registry.js';
import { runChecks } from '../../src/engine/runner.js';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import { t, type Check } from '../../src/engine/types.js';
import { DEMO, ROOT, type JsonReport } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-plugins-'));

function meta(id: string, needs: string[]): string {
  return JSON.stringify({ id, category: 'shop', severity: 'fail', needs, title: { fr: id, en: id }, description: { fr: 'd', en: 'd' }, docs: 'test' });
}
const NEEDS = ['prestashop.configuration', 'club.group', 'prestashop.groups'];

writeFileSync(join(dir, 'throws.mjs'), `export default [{ meta: ${meta('plugin-throws', [])}, run() { throw new Error('plugin boom'); } }];`);
writeFileSync(join(dir, 'hangs.mjs'), `export default [{ meta: ${meta('plugin-hangs', [])}, run() { return new Promise(() => {}); } }];`);
// Tries to change, for the checks after it, the shop's configuration, the club's group and the group list.
writeFileSync(
  join(dir, 'mutates.mjs'),
  `export default [
  { meta: ${meta('plugin-mutates', NEEDS)}, run({ parts }) {
      parts['prestashop.configuration'].PS_SHOP_ENABLE = '0';
      return { status: 'pass', message: { fr: 'muté', en: 'mutated' } };
  } },
  { meta: ${meta('plugin-mutates-more', NEEDS)}, run({ parts }) {
      const tries = [
        () => { parts['club.group'].name = 'HACKED'; },
        () => { parts['prestashop.groups'].length = 0; },
        () => { delete parts['prestashop.configuration'].PS_ORDER_RETURN; },
      ];
      const refused = tries.filter((f) => { try { f(); return false; } catch { return true; } }).length;
      return { status: 'pass', message: { fr: 'refusé ' + refused, en: 'refused ' + refused } };
  } },
  { meta: ${meta('plugin-observes', NEEDS)}, run({ parts }) {
      const seen = [parts['prestashop.configuration'].PS_SHOP_ENABLE, parts['club.group'].name, parts['prestashop.groups'].length, parts['prestashop.configuration'].PS_ORDER_RETURN].join('|');
      return { status: 'pass', message: { fr: seen, en: seen } };
  } },
];`,
);
writeFileSync(join(dir, 'never-loads.mjs'), `await new Promise(() => {}); export default [];`);

function config(name: string, plugins: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ plugins }));
  return file;
}

/**
 * The CLI's program in this process (runInProcess, the same `main` as the binary): plugins are
 * loaded by the same loader either way, and the launcher's guard, the one thing only a process
 * shows, has its own test below.
 */
async function diagnose(args: string[], plugins: string[]) {
  const r = await runInProcess(['diagnose', ...args, '--snapshot', DEMO, '--format', 'json', '--config', config(`c${plugins.length}-${Date.now()}.json`, plugins)], { cwd: dir });
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
}

const builtin = new Set(builtinRegistry().ids());
const builtinResults = (report: JsonReport) => report.clubs.map((c) => ({ club: c.club.name, results: c.results.filter((x) => builtin.has(x.id)) }));

// Concurrent, every describe of the file: the never-settling check holds its run for the whole 10 s
// check deadline (a default, no setting shortens it), and nothing else has a reason to wait for it.
// No secret is involved (a snapshot), so the runs may share the in-process redactor.
describe.concurrent('hostile plugin checks (the CLI, demo snapshot)', () => {
  it('a check that throws, or mutates what it is given, is an error of its own; the others see intact data', async () => {
    const clean = await diagnose(['--all'], []);
    const hostile = await diagnose(['--all'], ['./throws.mjs', './mutates.mjs']);
    expect(hostile.code).toBe(clean.code);
    // Plugins run after the built-in checks of each club, so club 2's built-in checks come after
    // club 1's plugins: they must still read the data unchanged.
    expect(builtinResults(hostile.report)).toEqual(builtinResults(clean.report).map((c) => ({ ...c, results: c.results.map((x) => ({ ...x, durationMs: expect.any(Number) })) })));
    for (const club of hostile.report.clubs) {
      const byId = Object.fromEntries(club.results.map((x) => [x.id, x]));
      expect(byId['plugin-throws']).toMatchObject({ status: 'error', message: 'The check failed unexpectedly: plugin boom' });
      expect(byId['plugin-mutates']!.status).toBe('error');
      expect(byId['plugin-mutates']!.message).toMatch(/read.only|Cannot assign/i);
      expect(byId['plugin-mutates-more']!.message).toBe('refused 3');
      // PS_SHOP_ENABLE, the club's group name, the number of groups, PS_ORDER_RETURN: all as gathered.
      expect(byId['plugin-observes']!.message).toBe(`1|${club.club.name}|8|1`);
    }
  });

  it('a check that never settles becomes an error after the check deadline; the report is printed', async () => {
    // The check never settles: only the check deadline can end the run, its message says so.
    const r = await diagnose(['AS Saint-Étienne'], ['./hangs.mjs']);
    expect(r.code).toBe(1);
    const hangs = r.report.clubs[0]!.results.find((x) => x.id === 'plugin-hangs')!;
    expect(hangs.status).toBe('error');
    expect(hangs.message).toMatch(/did not finish within 10 s/);
    expect(r.report.clubs[0]!.results.filter((x) => builtin.has(x.id)).length).toBe(builtin.size);
  });
});

describe.concurrent('the runner and the plugin loader, in-process', () => {
  const snapshotP = loadSnapshot(DEMO);
  const never: Check = { meta: { id: 'never', category: 'shop', severity: 'fail', needs: [], title: t('n', 'n'), description: t('d', 'd'), docs: 'x' }, run: () => new Promise(() => {}) };
  const after: Check = { ...never, meta: { ...never.meta, id: 'after' }, run: () => ({ status: 'pass', message: t('ok', 'ok') }) };

  it('a never-settling check is an error after checkTimeoutMs, and the next check still runs', async () => {
    const snapshot = await snapshotP;
    const results = await runChecks({ checks: [never, after], snapshot, club: snapshot.clubs[0]!, query: {}, checkTimeoutMs: 200 });
    expect(results.map((r) => [r.check.meta.id, r.status])).toEqual([
      ['never', 'error'],
      ['after', 'pass'],
    ]);
    expect(results[0]!.message.en).toMatch(/did not finish within 0.2 s/);
  });

  it('a check running when the run is stopped (Ctrl-C, deadline) is an error naming why', async () => {
    const snapshot = await snapshotP;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the run was interrupted (Ctrl-C)')), 100);
    const results = await runChecks({ checks: [never], snapshot, club: snapshot.clubs[0]!, query: {}, signal: controller.signal });
    expect(results[0]!.status).toBe('error');
    expect(results[0]!.message.en).toMatch(/stopped: the run was interrupted/);
  });

  it('a plugin module whose loading never ends is a usage error after the load deadline', async () => {
    const error = await loadPlugins(builtinRegistry(), ['./never-loads.mjs'], dir, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/never-loads\.mjs.*did not finish loading within 0.3 s/);
  });
});

describe.concurrent('the launcher guard', () => {
  it('a main promise that never settles, with nothing left to run: exit 2 with a message, not 0 and silence', async () => {
    const script = `import { exitIfUnsettled } from ${JSON.stringify(`${ROOT}dist/src/cli/guard.js`)}; exitIfUnsettled(new Promise(() => {}));`;
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/stopped before finishing/);
  });
});
