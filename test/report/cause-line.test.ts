// The cause line under an error result (markdown, JUnit, HTML; support audience): an upstream's own
// words are quoted as evidence, « … » in French; a cause checkout-doctor wrote itself (a part the
// snapshot does not hold) gets no line, since the result's message already says it in the reader's
// language (its English note put `"prestashop.carriers" was not gathered` in French reports).

import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import { runChecks } from '../../src/engine/runner.js';
import { builtinRegistry } from '../../src/engine/registry.js';
import type { Lang } from '../../src/engine/types.js';
import { buildClubReport, buildReport } from '../../src/report/model.js';
import { RENDERERS } from '../../src/report/render/index.js';
import { DEMO } from '../e2e/run-cli.js';

async function reportWith(lang: Lang) {
  const snapshot = await loadSnapshot(DEMO);
  // One part never gathered, one an upstream refused.
  delete (snapshot.parts as Record<string, unknown>)['prestashop.carriers'];
  (snapshot.parts as Record<string, unknown>)['sendcloud.integrations'] = {
    status: 'failed',
    cause: { source: 'sendcloud', kind: 'http', message: 'Invalid credentials', host: 'panel.sendcloud.sc', status: 401 },
  };
  const club = snapshot.clubs[0]!;
  const results = await runChecks({ checks: builtinRegistry().all(), snapshot, club, query: {} });
  return buildReport([buildClubReport(club, results, lang)], lang, 0);
}

const formats = ['markdown', 'junit', 'html'] as const;
const render = (format: (typeof formats)[number], report: Awaited<ReturnType<typeof reportWith>>) =>
  RENDERERS[format](report, { color: false, quiet: false, width: undefined } as never);

describe('the cause line of an error result', () => {
  it.each(formats)('%s, French: the upstream quoted as said, no English note of our own', async (format) => {
    const report = await reportWith('fr');
    const kinds = report.clubs[0]!.results.filter((r) => r.status === 'error').map((r) => r.cause?.kind);
    expect(kinds).toContain('not-gathered');
    expect(kinds).toContain('http');
    const out = render(format, report);
    expect(out).toContain('Invalid credentials');
    expect(out).toMatch(/«(\u00a0|&nbsp;|&#160;)Invalid credentials(\u00a0|&nbsp;|&#160;)»/);
    expect(out).not.toContain('was not gathered');
  });

  it.each(formats)('%s, English: the upstream said as is; our own cause left to the message', async (format) => {
    const out = render(format, await reportWith('en'));
    expect(out).toContain('Invalid credentials');
    expect(out).not.toContain('«');
    // The message itself names the part (the agent greps for it); no second, cause line says it again.
    expect(out.split('was not gathered').length - 1).toBeLessThanOrEqual(out.split('so this check cannot be evaluated').length - 1);
  });
});
