// The JUnit report against the JUnit XML schema CI servers read (test/support/junit-jenkins.xsd),
// with a real validator (xmllint), and the names that keep 300 clubs × 15 checks apart.

import { monotonicMs } from '../../src/engine/clock.js';
import { describe, expect, it } from 'vitest';
import { buildClubReport, buildReport } from '../../src/report/model.js';
import { renderJunit } from '../../src/report/render/junit.js';
import { CLUB_A, resultsA, sampleReport } from './fixture.js';
import { validateXml } from '../support/xmllint.js';
import { DEMO, runCli } from '../e2e/run-cli.js';

describe('JUnit schema', () => {
  it('the validator rejects what the schema forbids (so a pass means something)', () => {
    const xml = renderJunit(sampleReport('en'));
    const withSkipped = xml.replace('<testsuites name="checkout-doctor"', '<testsuites skipped="1" name="checkout-doctor"');
    expect(validateXml(withSkipped).ok).toBe(false);
    const noName = xml.replace(/<testcase classname="[^"]*" name="[^"]*"/, '<testcase classname="x"');
    const verdict = validateXml(noName);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toMatch(/name.*required|required.*name/i);
  });

  it('every status, awkward names and both languages validate', () => {
    for (const lang of ['en', 'fr'] as const) {
      const verdict = validateXml(renderJunit(sampleReport(lang)));
      expect(verdict.output).not.toMatch(/error/i);
      expect(verdict.ok).toBe(true);
    }
    expect(validateXml(renderJunit({ ...sampleReport('en'), clubs: [] })).ok).toBe(true);
  });

  it('300 clubs: every (classname, name) pair is distinct, and the document validates', () => {
    const clubs = Array.from({ length: 300 }, (_, i) => buildClubReport({ ...CLUB_A, name: `Club ${i + 1}` }, resultsA(), 'en'));
    const xml = renderJunit(buildReport(clubs, 'en', monotonicMs()));
    const pairs = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]}\u0000${m[2]}`);
    expect(pairs).toHaveLength(300 * resultsA().length);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(validateXml(xml).ok).toBe(true);
  });

  it('the built CLI writes a valid JUnit report of the demo shop (--output r.xml infers junit)', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cd-junit-'));
    const r = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--output', 'r.xml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JUnit report written to r.xml');
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    const verdict = validateXml(xml);
    expect(verdict.output).toContain('validates');
    expect(verdict.ok).toBe(true);
    expect(xml).toContain('classname="Racing Club Sévigné.payments" name="stripe-keys-format — ');
  });
});
