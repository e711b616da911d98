// Validation of an XML document against an XSD with libxml2's xmllint (Debian's libxml2-utils,
// installed by .ci/run): a real validator, not a hand-made reader.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const JUNIT_XSD = fileURLToPath(new URL('./junit-jenkins.xsd', import.meta.url));

/** xmllint's verdict: ok, and what it said (the reasons when not ok). */
export function validateXml(xml: string, xsd: string = JUNIT_XSD): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-xsd-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`xmllint could not run (${r.error.message}): install libxml2-utils`);
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
