// `checkout-doctor merge` (issue 12.6), through the CLI's program in-process: the reports of 3 shards merge into
// the report of the unsharded `--all` run (same clubs, same order, same statuses), renderable in
// any format, with diagnose's exit code; reports of other shops or versions are refused.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXml } from '../support/xmllint.js';
import { DEMO, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const statuses = (r: JsonReport) => r.clubs.map((c) => [c.club.name, c.club.groupId, c.results.map((x) => `${x.id}:${x.status}`)]);
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonReport;

describe('merge', () => {
  let dir: string;
  let whole: JsonReport;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-merge-'));
    const runs = await Promise.all([
      runCli(['diagnose', '--all', '--snapshot', DEMO, '--output', 'all.json'], { cwd: dir }),
      ...[1, 2, 3].map((i) => runCli(['diagnose', '--all', '--shard', `${i}/3`, '--snapshot', DEMO, '--output', `shard-${i}.json`], { cwd: dir })),
    ]);
    expect(runs.map((r) => r.code).every((c) => c === 0 || c === 1)).toBe(true);
    expect(runs[0]!.code).toBe(1);
    whole = read(dir, 'all.json');
  });

  it('3 shards merge into the unsharded --all report (clubs once, same order, same statuses, same totals)', async () => {
    const shards = [1, 2, 3].map((i) => read(dir, `shard-${i}.json`));
    expect(shards.every((s) => s.clubs.length < whole.clubs.length)).toBe(true);
    const r = await runCli(['merge', 'shard-3.json', 'shard-1.json', 'shard-2.json', '--output', 'merged.json', '--output', 'merged.xml', '--output', 'merged.md'], { cwd: dir });
    expect(r.code).toBe(1); // as diagnose: fail and error count
    expect(r.stderr).toContain('JSON report written to merged.json');
    const merged = read(dir, 'merged.json');
    expect(statuses(merged)).toEqual(statuses(whole));
    expect(merged.clubs.map((c) => c.summary)).toEqual(whole.clubs.map((c) => c.summary));
    expect(merged.shop).toEqual(whole.shop);
    expect(merged.tool).toEqual(whole.tool);
    expect(validateXml(readFileSync(join(dir, 'merged.xml'), 'utf8')).ok).toBe(true);
    expect(readFileSync(join(dir, 'merged.md'), 'utf8')).toMatch(/^# checkout-doctor diagnosis/);
    const pretty = await runCli(['merge', 'shard-1.json', 'shard-2.json', 'shard-3.json'], { cwd: dir });
    expect(pretty.stdout).toMatch(/^AS Saint-Étienne \(group 5, category 11\)$/m);
  });

  it('the exit code follows diagnose: 0 when the shards found nothing at or above the threshold', async () => {
    const healthy = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--only', 'shop-online', '--shard', '1/2', '--output', 'ok-1.json'], { cwd: dir });
    await runCli(['diagnose', '--all', '--snapshot', DEMO, '--only', 'shop-online', '--shard', '2/2', '--output', 'ok-2.json'], { cwd: dir });
    expect(healthy.code).toBe(0);
    expect((await runCli(['merge', 'ok-1.json', 'ok-2.json', '--format', 'json'], { cwd: dir })).code).toBe(0);
  });

  it('refuses reports of different tool versions or shops, a shard given twice, and a file that is no report (exit 2, naming them)', async () => {
    const one = read(dir, 'shard-1.json');
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...read(dir, 'shard-2.json'), tool: { name: 'checkout-doctor', version: '0.0.9' } }));
    writeFileSync(join(dir, 'elsewhere.json'), JSON.stringify({ ...read(dir, 'shard-2.json'), shop: { ...one.shop, url: 'https://autre-boutique.example/' } }));
    const version = await runCli(['merge', 'shard-1.json', 'old.json'], { cwd: dir });
    expect(version.code).toBe(2);
    expect(version.stderr).toContain(`shard-1.json comes from checkout-doctor ${one.tool.version} and old.json from checkout-doctor 0.0.9: reports of different versions are not merged.`);
    const shop = await runCli(['merge', 'shard-1.json', 'elsewhere.json', '--lang', 'fr'], { cwd: dir, env: { LANG: 'fr_FR.UTF-8' } });
    expect(shop.code).toBe(2);
    expect(shop.stderr).toContain('shard-1.json est un rapport de https://boutique-clubs.example/ et elsewhere.json de https://autre-boutique.example/\u00a0: des boutiques différentes ne se fusionnent pas.');
    const twice = await runCli(['merge', 'shard-1.json', 'shard-1.json'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is in both shard-1\.json and shard-1\.json/);
    const snapshot = await runCli(['merge', 'shard-1.json', DEMO], { cwd: dir });
    expect(snapshot.code).toBe(2);
    expect(snapshot.stderr).toContain('is not a checkout-doctor JSON report');
    expect(snapshot.stdout).toBe('');
    const overwrite = await runCli(['merge', 'shard-1.json', 'shard-2.json', '--output', 'shard-2.json'], { cwd: dir });
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain('--output shard-2.json is one of the reports to merge');
  });
});
