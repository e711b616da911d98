// A real pseudo-terminal for terminal tests: a command run inside a private tmux server, typed into
// with send-keys and read with capture-pane (the whole history, wrapped lines joined). Waits are on
// text, with generous deadlines, never fixed sleeps: a loaded machine only makes them slower.

import { spawnSync } from 'node:child_process';

export function requireTmux(): void {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for this test (apt-get install tmux)');
}

let sessions = 0;

export class Terminal {
  private readonly socket = `cd-term-${process.pid}-${++sessions}`;
  /**
   * Matches of each pattern already waited for: a wait is for one more occurrence. Counted rather
   * than read from a position, because prompts redraw in place (a list of choices collapses into
   * one line once answered), so the text before the newest line changes length.
   */
  private readonly seen = new Map<string, number>();

  /** Runs `command` (a shell command line) in a fresh tmux server of its own. */
  constructor(command: string, options: { env: NodeJS.ProcessEnv; width?: number; height?: number }) {
    const started = this.tmux(options.env, 'new-session', '-d', '-s', 'run', '-x', String(options.width ?? 200), '-y', String(options.height ?? 300), command);
    if (started.status !== 0) throw new Error(`tmux did not start: ${started.stderr}`);
  }

  private tmux(env: NodeJS.ProcessEnv | undefined, ...args: string[]) {
    return spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', ...(env ? { env } : {}) });
  }

  /** Everything the terminal showed, history included, wrapped lines joined. */
  screen(): string {
    return this.tmux(undefined, 'capture-pane', '-p', '-J', '-S', '-', '-t', 'run').stdout ?? '';
  }

  /** Waits until `pattern` appears once more than at the previous wait for it; returns that match. */
  async waitFor(pattern: RegExp | string, ms = 60_000): Promise<RegExpExecArray> {
    const source = typeof pattern === 'string' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.source;
    const re = new RegExp(source, 'g');
    const wanted = (this.seen.get(source) ?? 0) + 1;
    const end = Date.now() + ms;
    for (;;) {
      const text = this.screen();
      const matches = [...text.matchAll(re)];
      if (matches.length >= wanted) {
        this.seen.set(source, wanted);
        return matches[wanted - 1] as RegExpExecArray;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${re} on the terminal; it shows:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Types text literally (no key names), without Enter. */
  type(text: string): void {
    this.tmux(undefined, 'send-keys', '-t', 'run', '-l', text);
  }

  /** Presses keys by name: Enter, Up, Down, Space, C-c… */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux(undefined, 'send-keys', '-t', 'run', key);
  }

  /** Types a line and presses Enter. */
  answer(text: string): void {
    this.type(text);
    this.press('Enter');
  }

  close(): void {
    this.tmux(undefined, 'kill-server');
  }
}
