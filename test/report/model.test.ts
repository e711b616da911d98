import { describe, expect, it } from 'vitest';
import { exitCodeFor, totals } from '../../src/report/model.js';
import { FORMATS, RENDERERS } from '../../src/report/render/index.js';
import { reportWith, sampleReport } from './fixture.js';

describe('exitCodeFor', () => {
  it('fail and error always count', () => {
    expect(exitCodeFor(reportWith(['pass', 'fail']), 'fail')).toBe(1);
    expect(exitCodeFor(reportWith(['pass', 'error']), 'fail')).toBe(1);
    expect(exitCodeFor(reportWith(['error']), 'warn')).toBe(1);
  });

  it('warn counts only with --fail-on warn', () => {
    expect(exitCodeFor(reportWith(['pass', 'warn']), 'fail')).toBe(0);
    expect(exitCodeFor(reportWith(['pass', 'warn']), 'warn')).toBe(1);
    expect(exitCodeFor(reportWith(['warn']))).toBe(0);
  });

  it('pass, skip and manual never count', () => {
    expect(exitCodeFor(reportWith(['pass', 'skip', 'manual']), 'warn')).toBe(0);
    expect(exitCodeFor(reportWith([]), 'warn')).toBe(0);
  });

  it('totals add the clubs up', () => {
    expect(totals(sampleReport())).toEqual({ pass: 2, warn: 1, fail: 2, error: 1, skip: 1, manual: 1 });
  });
});

describe('renderers', () => {
  it('offers the four formats of the contract, and html (an addition)', () => {
    expect([...FORMATS].sort()).toEqual(['html', 'json', 'junit', 'markdown', 'pretty']);
    for (const format of FORMATS) expect(RENDERERS[format](sampleReport(), { color: false }).length).toBeGreaterThan(0);
  });
});
