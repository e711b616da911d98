// Issue 7 item 11 through the CLI's program in-process: a sandbox shop where two customer groups (5 and 20) are
// both named "AS Saint-Étienne", each configured as a club. Every club is diagnosed once and told
// apart by its group id; the bare name is an exit-2 error listing both ids; "Name#id" picks one.

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-twins-'));
const SHOP = join(dir, 'twins-shop.json');

beforeAll(() => {
  const shops = join(ROOT, 'fixtures', 'shops');
  const fixture = JSON.parse(readFileSync(join(shops, 'demo-shop.json'), 'utf8'));
  const asse = fixture.groups.find((g: { id_group: number }) => g.id_group === 5);
  fixture.groups.push({ ...asse, id_group: 20 });
  const club = fixture.clubs.find((c: { id_group: number }) => c.id_group === 5);
  // The second club: its own group, the healthy Fréjus category (access granted below).
  fixture.clubs.push({ ...club, id_group: 20, id_category: 10, expect: 'twin of AS Saint-Étienne' });
  fixture.categories.find((c: { id_category: number }) => c.id_category === 10).groups.push(20);
  writeFileSync(SHOP, JSON.stringify(fixture));
  copyFileSync(join(shops, 'demo-stripe.json'), join(dir, 'twins-stripe.json'));
  copyFileSync(join(shops, 'demo-sendcloud.json'), join(dir, 'twins-sendcloud.json'));
});

const run = (args: string[]) => runCli(['diagnose', ...args, '--sandbox', SHOP], { cwd: dir });

describe('clubs with the same name', () => {
  it('--all diagnoses each club once, told apart by group id in JSON, pretty and JUnit', async () => {
    // One after the other: each run starts its own emulators, on 2 shared cores.
    const json = await run(['--all', '--format', 'json']);
    const pretty = await run(['--all']);
    const junit = await run(['--all', '--format', 'junit']);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.clubs).toHaveLength(6);
    const twins = report.clubs.filter((c) => c.club.name === 'AS Saint-Étienne');
    expect(twins.map((c) => c.club)).toEqual([
      { name: 'AS Saint-Étienne', groupId: 5, categoryId: 11 },
      { name: 'AS Saint-Étienne', groupId: 20, categoryId: 10 },
    ]);
    expect(pretty.stdout).toMatch(/AS Saint-Étienne \(group 5, category 11\)/);
    expect(pretty.stdout).toMatch(/AS Saint-Étienne \(group 20, category 10\)/);
    expect(junit.stdout).toMatch(/<testsuite [^>]*name="AS Saint-Étienne#5"/);
    expect(junit.stdout).toMatch(/<testsuite [^>]*name="AS Saint-Étienne#20"/);
    expect(junit.stdout).toMatch(/<testsuite [^>]*name="Étoile Sportive de Fréjus"/);
  });

  it('the shared name alone is an exit-2 error listing both clubs with their ids', async () => {
    const r = await run(['as saint-etienne']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"as saint-etienne" names 2 clubs (customer groups with the same name):\n  AS Saint-Étienne#5 (group 5)\n  AS Saint-Étienne#20 (group 20)\n');
    expect(r.stderr).toContain('Give the club as "AS Saint-Étienne#<group id>"');
  });

  it('"Name#<group id>" diagnoses that club only', async () => {
    const r = await run(['AS Saint-Étienne#20', '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.clubs.map((c) => c.club)).toEqual([{ name: 'AS Saint-Étienne', groupId: 20, categoryId: 10 }]);
  });

  it('a snapshot keeps both clubs apart: "Name#<group id>" finds each offline', async () => {
    const file = join(dir, 'twins.snapshot.json');
    const taken = await runCli(['snapshot', '--all', '--sandbox', SHOP, '--output', file], { cwd: dir });
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain('AS Saint-Étienne#5, AS Saint-Étienne#20');
    const r = await runCli(['diagnose', 'AS Saint-Étienne#5', '--snapshot', file, '--format', 'json'], { cwd: dir });
    expect((JSON.parse(r.stdout) as JsonReport).clubs.map((c) => c.club)).toEqual([{ name: 'AS Saint-Étienne', groupId: 5, categoryId: 11 }]);
    const ambiguous = await runCli(['diagnose', 'AS Saint-Étienne', '--snapshot', file], { cwd: dir });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/AS Saint-Étienne#5 \(group 5\)\n  AS Saint-Étienne#20 \(group 20\)/);
  });
});
