// What the guided-mode test files share (test/e2e/guided-mode*.test.ts, split so that vitest runs
// them on different workers): the built CLI on a tmux terminal in a folder of the test's, closed
// after the file; and what a club admin may read.

import { afterAll, expect } from 'vitest';
import { BIN, fixtureSecrets } from '../e2e/run-cli.js';
import { expectGoodFrench } from './french-scan.js';
import { Terminal } from './terminal.js';

const node = `'${process.execPath}' '${BIN}'`;
const SECRETS = fixtureSecrets();

/** `terminal(dir, args, env)`: `checkout-doctor <args>` run in `dir` on a terminal; every one closed after the file. */
export function guidedTerminals(): (dir: string, args: string, env?: Record<string, string>) => Terminal {
  const terminals: Terminal[] = [];
  afterAll(() => {
    for (const t of terminals) t.close();
  });
  return (dir, args, env = {}) => {
    const t = new Terminal(`cd '${dir}' && ${node} ${args}`, { env });
    terminals.push(t);
    return t;
  };
}

/** What a club admin reads: good French (test/support/french-scan.ts), no configuration key, HTTP code or code point. */
export function expectAdminFrench(text: string, where: string): void {
  expectGoodFrench(text, where);
  expect(text, `${where}: a configuration key`).not.toMatch(/\b(?:prestashop|sendcloud|stripe|clubs(?:\[\])?|dynamicCoupons|checks)\.[a-z]/i);
  expect(text, `${where}: an HTTP code`).not.toMatch(/\bHTTP \d{3}\b/);
  expect(text, `${where}: a code point`).not.toMatch(/U\+[0-9A-F]{4}/);
}

export function noSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}
