import { monotonicMs } from '../../src/engine/clock.js';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeReport, type Io } from '../../src/cli/output.js';
import { builtinRegistry } from '../../src/engine/registry.js';
import { runChecks } from '../../src/engine/runner.js';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import { buildClubReport, buildReport, type Report } from '../../src/report/model.js';
import { redactedJsonChunks } from '../../src/report/render/json.js';
import { RENDERERS, STREAMERS } from '../../src/report/render/index.js';
import { redactor } from '../../src/secrets/redact.js';

/** The demo snapshot's every club, every check: the report `diagnose --all` writes. */
async function demoReport(): Promise<Report> {
  const snapshot = await loadSnapshot(new URL('../../fixtures/demo-shop.snapshot.json', import.meta.url).pathname);
  const checks = builtinRegistry().all();
  const clubs = [];
  for (const club of snapshot.clubs) clubs.push(buildClubReport(club, await runChecks({ checks, snapshot, club, query: {}, settings: {} }), 'fr'));
  return buildReport(clubs, 'fr', monotonicMs());
}

describe('the JSON report in pieces', () => {
  it('is byte for byte the JSON report, whatever fields are set, absent or empty', async () => {
    const report = await demoReport();
    expect(report.clubs.length).toBeGreaterThan(1);
    const variants: Report[] = [
      report,
      { ...report, clubs: [] },
      { ...report, clubs: report.clubs.slice(0, 1) },
      { ...report, setup: undefined, audience: 'admin' },
      // clubs last, and a field JSON leaves out.
      { ...(Object.fromEntries(Object.entries(report).filter(([k]) => k !== 'clubs')) as unknown as Report), fixes: undefined, clubs: report.clubs },
      {} as Report,
    ];
    // The pieces hold text and, for clubs written early, UTF-8 bytes.
    const text = (pieces: Iterable<string | Uint8Array>) => [...pieces].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
    for (const variant of variants) expect(text(redactedJsonChunks(variant))).toBe(redactor.redact(RENDERERS.json(variant)));
  });

  it('written masked piece by piece, is what the whole report was once masked and written', async () => {
    const report = await demoReport();
    // A secret in a message of the last club: masked in its piece as in the whole text.
    const secret = 'sk_live_STREAMtest0000000000001234';
    redactor.add('STREAMtestSecretValue42');
    const last = report.clubs.at(-1)!;
    last.results[0]!.message = `${last.results[0]!.message} (${secret} STREAMtestSecretValue42)`;
    const whole = redactor.redact(RENDERERS.json(report));

    const stdout = new PassThrough({ highWaterMark: 1024 });
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    await writeReport({ stdout, stderr: new PassThrough(), env: {}, cwd: '/' } as unknown as Io, STREAMERS.json!(report));
    expect(out).toBe(whole);
    expect(out).not.toContain(secret);
    expect(out).not.toContain('STREAMtestSecretValue42');
    expect([...STREAMERS.json!(report)].length).toBe(report.clubs.length + Object.keys(report).length + 1);
  });
});
