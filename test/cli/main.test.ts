import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

const en = { LANG: 'en_GB.UTF-8', NO_COLOR: '1' };

describe('help and usage errors', () => {
  it('--help works at the top level and lists the commands', async () => {
    const r = await runMain(['--help'], { env: en });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: checkout-doctor');
    for (const command of ['diagnose', 'list-checks', 'explain']) expect(r.stdout).toContain(command);
  });

  it.each(['diagnose', 'list-checks', 'explain'])('%s --help and help %s work', async (command) => {
    for (const args of [[command, '--help'], ['help', command]]) {
      const r = await runMain(args, { env: en });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: checkout-doctor ${command}`);
    }
  });

  it('--version prints the version', async () => {
    const r = await runMain(['--version'], { env: en });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown command is exit 2 with a helpful line', async () => {
    const r = await runMain(['AS Saint-Étienne'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'AS Saint-Étienne'");
    expect(r.stderr).toMatch(/Commands: diagnose, .*list-checks.*explain/);
    expect(r.stderr).toContain('checkout-doctor diagnose "<club name>"');
  });

  it('a misspelt command suggests the right one', async () => {
    const r = await runMain(['diagnos'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean diagnose?');
  });

  it('an unknown option is exit 2', async () => {
    const r = await runMain(['list-checks', '--colour'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour'");
  });

  it('no command shows the help and is a usage error', async () => {
    const r = await runMain([], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: checkout-doctor');
  });
});

describe('arguments echoed by the parser', () => {
  it('a Stripe key typed as a command is not echoed whole', async () => {
    const key = 'sk_live_' + 'Ab12Cd34Ef56Gh78Ij90Kl12';
    const r = await runMain([key], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command');
    expect(r.stderr).toContain('sk_live_…Kl12');
    expect(r.stderr).not.toContain(key);
  });
});
