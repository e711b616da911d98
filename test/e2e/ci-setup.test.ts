// The CI set-up of docs/ci/ (issue 12.7), played locally: the YAML is parsed, each shard's command
// of the matrix runs in bash against `checkout-doctor sandbox` (the demo shop served on 127.0.0.1),
// then the merge job's command; the merged report must cover every club once, with the statuses of
// an unsharded run. A second night gets the first night's report as its baseline.
// Steps that only talk to the CI platform (install, artifacts, the previous run's download) are not
// played: the test lays out the files they would (the shards' reports in one folder, the baseline).
//
// What is played is the scripts (their flags, files, globs and exit codes through `bash -e`): the
// `checkout-doctor` on their PATH relays each call to the CLI's program run in this process
// (test/support/cli-relay.ts), and the sandbox command runs here too. Spawned, the 16 CLI processes
// cost ≈1 s of CPU each; the launcher and the bundle are tested by startup and package tests.
//
// The second night plays the merge (and verdict) jobs only: its shard jobs would run the same
// commands on the same shop as the first night's (≈1.4 s of CPU each, 8 of them), and that a
// sharded diagnosis gives the statuses of an unsharded run is asserted on the first night. Its
// shards' artifacts are laid out from the first night's reports.

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sandbox as sandboxCommand } from '../../src/cli/sandbox.js';
import { FORMATS } from '../../src/report/render/formats.js';
import { startCliRelay, type CliRelay } from '../support/cli-relay.js';
import { validateXml } from '../support/xmllint.js';
import { ROOT, cleanEnv, fixtureSecrets, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface GithubJob {
  strategy?: { matrix: { shard: number[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface GitlabJob {
  parallel?: number;
  script: string[];
  artifacts?: { paths?: string[]; reports?: { junit?: string } };
}

const SECRETS = fixtureSecrets();

/** Runs a CI script with bash as the runners do (-e, pipefail), checkout-doctor on the PATH. */
function sh(script: string, cwd: string, bin: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  // The html renderer is another item of the issue: until it exists, its output is left out.
  const playable = FORMATS.includes('html' as never) ? script : script.replace(/^[ \t]*--format html --output \S+ \\\n/gm, '').replace(/ --format html --output \S+/g, '');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', playable], {
      cwd,
      env: { ...cleanEnv({ CI: 'true', ...env }), PATH: `${bin}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const secret of SECRETS) if (out.includes(secret)) reject(new Error('a CI step printed a secret'));
      resolve({ code, out });
    });
  });
}

/** GitHub expressions the jobs use, evaluated for one matrix entry. */
function githubEnv(job: GithubJob, shard: number): Record<string, string> {
  const total = job.strategy!.matrix.shard.length;
  return Object.fromEntries(
    Object.entries(job.env ?? {}).map(([k, v]) => [k, String(v).replace('${{ matrix.shard }}', String(shard)).replace('${{ strategy.job-total }}', String(total))]),
  );
}

// The two platforms' nights run side by side (concurrent): each plays in a checkout of its own, and
// the relay serves the CLI's runs one at a time.
describe.concurrent('docs/ci: the nightly set-up, played against the sandbox', () => {
  let dir: string;
  let bin: string;
  let relay: CliRelay;
  let stopSandbox: () => void;
  let sandbox: Promise<number>;
  let config: string;
  let unsharded: JsonReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-ci-'));
    // What `npm install --global checkout-doctor` puts on the PATH: here, the relay to the CLI's program.
    relay = await startCliRelay(dir);
    bin = relay.bin;
    config = join(dir, 'sandbox.json');
    // `checkout-doctor sandbox demo --write-config <config>`, the command itself, until afterAll stops it.
    const stderr = new PassThrough().setEncoding('utf8');
    const stopped = new Promise<void>((resolve) => (stopSandbox = resolve));
    sandbox = sandboxCommand({ stdout: new PassThrough(), stderr, env: cleanEnv(), cwd: ROOT }, 'demo', { writeConfig: config }, stopped);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      stderr.on('data', (d: string) => {
        err += d;
        if (err.includes('Stop with Ctrl-C.')) resolve();
      });
      sandbox.then((code) => reject(new Error(`sandbox ended (${code}): ${err}`)), reject);
    });
    const whole = await runInProcess(['diagnose', '--all', '--config', config, '--format', 'json']);
    expect(whole.code).toBe(1);
    unsharded = JSON.parse(whole.stdout) as JsonReport;
  }, 60_000);

  afterAll(async () => {
    stopSandbox?.();
    await sandbox;
    await relay?.close();
  });

  /** Calls of checkout-doctor made so far from the checkout `repo`. */
  const callsFrom = (repo: string) => relay.calls.filter((c) => c.cwd === repo).length;

  /** A fresh checkout of the shop's repository: its configuration, nothing else. */
  function checkout(name: string): string {
    const repo = join(dir, name);
    mkdirSync(repo, { recursive: true });
    copyFileSync(config, join(repo, '.checkout-doctorrc.json'));
    return repo;
  }

  function expectCoversEveryClubOnce(report: JsonReport): void {
    const names = report.clubs.map((c) => `${c.club.name}#${c.club.groupId}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(unsharded.clubs.map((c) => `${c.club.name}#${c.club.groupId}`));
    const statuses = (r: JsonReport) => r.clubs.map((c) => c.results.map((x) => `${x.id}:${x.status}`));
    expect(statuses(report)).toEqual(statuses(unsharded));
  }

  it('GitHub Actions: matrix of shards, merge job, JUnit and reports kept, the previous night as baseline', async () => {
    const workflow = parse(readFileSync(join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, GithubJob & { needs?: string }> };
    expect(Object.keys(workflow.on)).toContain('schedule');
    const { diagnose, merge } = workflow.jobs;
    expect(merge!.needs).toBe('diagnose');
    const shardStep = diagnose!.steps.find((s) => s.name === 'Diagnose shard')!;
    const mergeStep = merge!.steps.find((s) => s.name === 'Merge shards')!;
    const shards = diagnose!.strategy!.matrix.shard;
    expect(shards.length).toBeGreaterThan(1);
    // The artifacts carry what the next job reads: shards' reports/ into reports/, report/ kept under the name the next night downloads.
    const upload = (job: GithubJob) => job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!;
    expect(upload(diagnose!).path).toBe('reports/');
    expect(merge!.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with).toMatchObject({ path: 'reports', 'merge-multiple': true });
    expect(upload(merge!)).toMatchObject({ name: 'checkout-doctor-report', path: 'report/' });
    expect(merge!.steps.find((s) => s.name === "Previous night's report")!.run).toContain('--name checkout-doctor-report --dir baseline');
    expect(merge!.steps.find((s) => s.name === 'Publish JUnit')!.with).toMatchObject({ report_paths: 'report/report.xml' });

    const night = async (repo: string, playShards = true) => {
      const calls = callsFrom(repo);
      if (playShards) {
        const runs = await Promise.all(shards.map((shard) => sh(shardStep.run!, repo, bin, githubEnv(diagnose!, shard))));
        runs.forEach((r) => expect(r.code, r.out).toBe(0));
      }
      for (const shard of shards) expect(existsSync(join(repo, `reports/shard-${shard}.xml`))).toBe(true);
      const merged = await sh(mergeStep.run!, repo, bin, {});
      expect(merged.code, merged.out).toBe(1); // the demo shop has problems: the run is red
      // The scripts called checkout-doctor once per shard, then once to merge.
      expect(callsFrom(repo) - calls).toBe((playShards ? shards.length : 0) + 1);
      return JSON.parse(readFileSync(join(repo, 'report/report.json'), 'utf8')) as JsonReport;
    };

    const repo = checkout('github');
    const first = await night(repo);
    expectCoversEveryClubOnce(first);
    expect(first.changes).toBeUndefined();
    expect(validateXml(readFileSync(join(repo, 'report/report.xml'), 'utf8')).ok).toBe(true);
    expect(readFileSync(join(repo, 'report/report.md'), 'utf8')).toMatch(/^# checkout-doctor diagnosis/);

    // The next night: the previous run's artifact downloaded into baseline/, the shards' reports
    // (the same commands on the same shop) laid out as their artifacts would be.
    mkdirSync(join(repo, 'baseline'));
    copyFileSync(join(repo, 'report/report.json'), join(repo, 'baseline/report.json'));
    rmSync(join(repo, 'report'), { recursive: true });
    const second = await night(repo, false);
    expectCoversEveryClubOnce(second);
    expect(second.changes).toMatchObject({ new: 0, resolved: 0, baseline: { file: 'baseline/report.json' } });
  }, 300_000);

  it('GitLab CI: parallel shards, merge job, verdict, JUnit report and artifacts, the previous pipeline as baseline', async () => {
    const pipeline = parse(readFileSync(join(ROOT, 'docs/ci/gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob> & { stages: string[] };
    const { diagnose, merge, verdict } = pipeline;
    expect(pipeline.stages).toEqual(['diagnose', 'report', 'verdict']);
    expect(diagnose!.parallel).toBeGreaterThan(1);
    expect(diagnose!.artifacts!.paths).toEqual(['reports/']);
    expect(merge!.artifacts!.reports!.junit).toBe('report/report.xml');
    expect(merge!.artifacts!.paths).toEqual(['report/']);

    const total = diagnose!.parallel!;
    // The platform's API is out of reach here: a closed port on the loopback, so no baseline is downloaded.
    const platform = { CI_API_V4_URL: 'http://127.0.0.1:9/api/v4', CI_PROJECT_ID: '1', CI_COMMIT_REF_NAME: 'main', CI_JOB_TOKEN: 'test' };
    const night = async (repo: string, playShards = true) => {
      const calls = callsFrom(repo);
      if (playShards) {
        const runs = await Promise.all(
          Array.from({ length: total }, (_, i) => sh(diagnose!.script.join('\n'), repo, bin, { CI_NODE_INDEX: String(i + 1), CI_NODE_TOTAL: String(total) })),
        );
        runs.forEach((r) => expect(r.code, r.out).toBe(0));
      }
      for (let i = 1; i <= total; i++) expect(existsSync(join(repo, `reports/shard-${i}.json`))).toBe(true);
      const merged = await sh(merge!.script.join('\n'), repo, bin, platform);
      expect(merged.code, merged.out).toBe(0); // the report is kept whatever the clubs' state
      const judged = await sh(verdict!.script.join('\n'), repo, bin, {});
      expect(judged.code).toBe(1); // problems: a warning (allow_failure on 1), not a failed pipeline
      // The scripts called checkout-doctor once per shard, then once to merge (the verdict reads a file).
      expect(callsFrom(repo) - calls).toBe((playShards ? total : 0) + 1);
      return JSON.parse(readFileSync(join(repo, 'report/report.json'), 'utf8')) as JsonReport;
    };

    const repo = checkout('gitlab');
    const first = await night(repo);
    expectCoversEveryClubOnce(first);
    expect(first.changes).toBeUndefined();
    expect(validateXml(readFileSync(join(repo, 'report/report.xml'), 'utf8')).ok).toBe(true);

    // The next night: the last pipeline's merge artifact, unzipped into baseline/, the shards'
    // reports (the same commands on the same shop) laid out as their artifacts would be.
    mkdirSync(join(repo, 'baseline/report'), { recursive: true });
    copyFileSync(join(repo, 'report/report.json'), join(repo, 'baseline/report/report.json'));
    rmSync(join(repo, 'report'), { recursive: true });
    const second = await night(repo, false);
    expectCoversEveryClubOnce(second);
    expect(second.changes).toMatchObject({ new: 0, resolved: 0 });
  }, 300_000);
});
