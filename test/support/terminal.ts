// The one driver for terminal tests: a command run on a real pseudo-terminal inside a private tmux
// server, typed into with send-keys and read with capture-pane (wrapped lines joined). The command
// prints `EXIT=<code>` when it ends, then the pane stays open to be read. Waits are on text, with
// generous deadlines, never fixed sleeps: a loaded machine only makes them slower.

import { spawnSync } from 'node:child_process';
import { cleanEnv } from '../e2e/run-cli.js';

export function requireTmux(): void {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for this test (apt-get install tmux)');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The line of an @inquirer/prompts prompt waiting for an answer starts with "? " (done: "✔ "). */
const ACTIVE_PROMPT = /^\? /;

/** tmux key names; anything else is typed literally. */
const NAMED_KEY = /^(Enter|Up|Down|Left|Right|Tab|Space|Escape|BSpace|C-[a-z])$/;

export interface AutoAnswer {
  /** The waiting prompt's line (the question) this answer is for; used once. */
  prompt: RegExp;
  /** Keys, e.g. ['Down', 'Enter'] or ['sevi', 'Enter'] (text typed literally, key names pressed). */
  keys: string[];
}

export interface TerminalOptions {
  /** Added to the clean test environment (run-cli.ts cleanEnv: English locale, no colour, no CI). */
  env?: Record<string, string>;
  width?: number;
  height?: number;
}

let sessions = 0;

export class Terminal {
  readonly socket = `cd-term-${process.pid}-${++sessions}`;
  /**
   * Matches of each pattern already waited for: a wait is for one more occurrence. Counted rather
   * than read from a position, because prompts redraw in place (a list of choices collapses into
   * one line once answered), so the text before the newest line changes length.
   */
  private readonly seen = new Map<string, number>();

  /** Runs `command` (a shell command line) in a fresh tmux server of its own; a wide screen, so prompts do not wrap. */
  constructor(command: string, options: TerminalOptions = {}) {
    const full = `${command}; echo "EXIT=$?"; sleep 600`;
    const started = spawnSync('tmux', ['-L', this.socket, 'new-session', '-d', '-s', 'run', '-x', String(options.width ?? 200), '-y', String(options.height ?? 50), full], {
      env: cleanEnv(options.env),
      encoding: 'utf8',
    });
    if (started.status !== 0) throw new Error(`tmux did not start: ${started.stderr}`);
  }

  private tmux(...args: string[]) {
    return spawnSync('tmux', ['-L', this.socket, ...args], { env: cleanEnv(), encoding: 'utf8' });
  }

  /** What is on the screen now, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'run').stdout ?? '';
  }

  /** Everything the terminal showed so far, scroll-back included, wrapped lines joined. */
  history(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'run').stdout ?? '';
  }

  /** Waits until `pattern` appears once more than at the previous wait for it; returns that match. */
  async waitFor(pattern: RegExp | string, ms = 90_000): Promise<RegExpExecArray> {
    const source = typeof pattern === 'string' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.source;
    // The pattern's own flags (m, i, u) kept; g added to count the matches.
    const flags = typeof pattern === 'string' ? 'g' : pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const re = new RegExp(source, flags);
    const key = `${flags} ${source}`;
    const wanted = (this.seen.get(key) ?? 0) + 1;
    const end = Date.now() + ms;
    for (;;) {
      const text = this.history();
      const matches = [...text.matchAll(re)];
      if (matches.length >= wanted) {
        this.seen.set(key, wanted);
        return matches[wanted - 1] as RegExpExecArray;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${re} on the terminal; it shows:\n${text}`);
      await pause(100);
    }
  }

  /** The command's exit code, once it has ended. */
  async exitCode(ms = 90_000): Promise<number> {
    return Number((await this.waitFor(/EXIT=(\d+)/, ms))[1]);
  }

  /** Types text literally (no key names), without Enter. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'run', '-l', text);
  }

  /** Presses keys by name: Enter, Up, Down, Space, C-c… */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'run', key);
  }

  /** Key names pressed, anything else typed: send('sevi', 'Enter'). */
  send(...keys: string[]): void {
    for (const key of keys) (NAMED_KEY.test(key) ? this.press(key) : this.type(key));
  }

  /** Types a line and presses Enter. */
  answer(text: string): void {
    this.type(text);
    this.press('Enter');
  }

  /** The question of the prompt waiting for an answer, once the screen has settled; else undefined. */
  private async waitingPrompt(): Promise<{ line: string; screen: string } | undefined> {
    const first = this.screen();
    await pause(150);
    const screen = this.screen();
    if (screen !== first) return undefined;
    const lines = screen.split('\n').filter((l) => l.trim());
    const last = [...lines].reverse().find((l) => ACTIVE_PROMPT.test(l) || l.startsWith('✔ '));
    return last && ACTIVE_PROMPT.test(last) ? { line: last, screen } : undefined;
  }

  /**
   * Answers every prompt until the command ends: the matching AutoAnswer when there is one, else
   * Enter (the default). Returns the exit code. `onPrompt` sees each question answered (with the
   * whole screen then), e.g. to check what a person reads.
   */
  async answerUntilExit(answers: AutoAnswer[] = [], ms = 180_000, onPrompt?: (line: string, screen: string) => void): Promise<number> {
    const pending = [...answers];
    const end = Date.now() + ms;
    let answeredScreen = '';
    for (;;) {
      const exit = /EXIT=(\d+)/.exec(this.history());
      if (exit) return Number(exit[1]);
      if (Date.now() > end) throw new Error(`timed out; screen:\n${this.screen()}`);
      const waiting = await this.waitingPrompt();
      if (!waiting || waiting.screen === answeredScreen) {
        await pause(100);
        continue;
      }
      onPrompt?.(waiting.line, waiting.screen);
      const i = pending.findIndex((a) => a.prompt.test(waiting.line));
      const keys = i >= 0 ? pending.splice(i, 1)[0]!.keys : ['Enter'];
      answeredScreen = waiting.screen;
      this.send(...keys);
    }
  }

  /** Answers prompts with Enter until `pattern` shows on the screen (e.g. a spinner's text). */
  async answerUntilSeen(pattern: RegExp, ms = 90_000): Promise<void> {
    const end = Date.now() + ms;
    let answeredScreen = '';
    while (!pattern.test(this.screen())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; screen:\n${this.screen()}`);
      const waiting = await this.waitingPrompt();
      if (waiting && waiting.screen !== answeredScreen) {
        answeredScreen = waiting.screen;
        this.send('Enter');
      } else await pause(100);
    }
  }

  close(): void {
    this.tmux('kill-server');
  }
}
