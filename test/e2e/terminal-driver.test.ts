// The tmux driver of the terminal tests (test/support/terminal.ts) on small shell commands: text is
// typed literally whatever its quotes; a wait reads the screen when the program writes, not on a
// clock; a prompt that refused its answer (drawn again, nothing answered) is answered again.

import { describe, expect, it } from 'vitest';
import { requireTmux, Terminal } from '../support/terminal.js';

describe('the terminal driver', () => {
  it('types quotes, dollars, semicolons and key-name-like words literally', async () => {
    requireTmux();
    const t = new Terminal(`IFS= read -r line; printf 'GOT<%s>\\n' "$line"`);
    try {
      const text = `it's "$HOME"; a \\ #{b} Enter`;
      t.answer(text);
      expect(await t.exitCode()).toBe(0);
      expect(t.history()).toContain(`GOT<${text}>`);
    } finally {
      t.close();
    }
  });

  it('reads the screen when the program writes: a few reads for a wait across two seconds of silence', async () => {
    requireTmux();
    const t = new Terminal('sleep 1; echo FIRST; sleep 1; echo SECOND');
    try {
      await t.waitFor('SECOND');
      // Polling every 100 ms would read it about twenty times; one read per output (and the
      // first) is about five, whatever the machine's load.
      expect(t.stats.reads).toBeLessThanOrEqual(8);
      // Every read went through the control client: no tmux process per read.
      expect(t.stats.processes).toBe(2);
    } finally {
      t.close();
    }
  });

  it('answers again a prompt that refused the answer (drawn again, no "✔" line since)', async () => {
    requireTmux();
    const t = new Terminal(`printf '? Name '; read -r name; while [ -z "$name" ]; do printf 'required\\n? Name (required) '; read -r name; done; echo "NAME=$name"`);
    try {
      const seen: string[] = [];
      // Enter (the default) first: refused; the second prompt gets the name.
      const code = await t.answerUntilExit([{ prompt: /required/, keys: ['Bob', 'Enter'] }], 60_000, (line) => seen.push(line));
      expect(code).toBe(0);
      expect(seen.map((line) => line.trimEnd())).toEqual(['? Name', '? Name (required)']);
      expect(t.history()).toContain('NAME=Bob');
    } finally {
      t.close();
    }
  });
});
