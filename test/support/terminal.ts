// Drives the built CLI on a real pseudo-terminal through tmux (as test/hardening/ctrl-c.test.ts
// does): start a command in a detached session, read the screen, type keys. Every wait polls the
// screen with a generous deadline, never a fixed sleep, so a loaded machine only makes it slower.

import { spawnSync } from 'node:child_process';
import { cleanEnv } from '../e2e/run-cli.js';

// One check that tmux is there, shared with test/support/tmux.ts.
export { requireTmux } from './tmux.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The line of an @inquirer/prompts prompt waiting for an answer starts with "? " (done: "✔ "). */
const ACTIVE_PROMPT = /^\? /;

export interface AutoAnswer {
  /** The waiting prompt's line (the question) this answer is for; used once. */
  prompt: RegExp;
  /** tmux key names, e.g. ['Down', 'Enter'] or ['sevi', 'Enter']. */
  keys: string[];
}

export class Terminal {
  private static count = 0;
  readonly socket = `cd-guided-${process.pid}-${Terminal.count++}`;

  constructor(
    command: string,
    env: Record<string, string> = {},
    size = { width: 200, height: 50 },
  ) {
    // -x/-y: a wide screen, so that prompts are not wrapped; the command ends by printing its code.
    const full = `${command}; echo "EXIT=$?"; sleep 600`;
    const r = spawnSync('tmux', ['-L', this.socket, 'new-session', '-d', '-s', 'run', '-x', String(size.width), '-y', String(size.height), full], { env: cleanEnv(env), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
  }

  private tmux(...args: string[]) {
    return spawnSync('tmux', ['-L', this.socket, ...args], { env: cleanEnv(), encoding: 'utf8' });
  }

  /** What is on the screen now, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'run').stdout;
  }

  /** The whole session so far (scroll-back included). */
  history(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'run').stdout;
  }

  send(...keys: string[]): void {
    for (const key of keys) {
      // Text is typed literally (-l); named keys (Enter, Down, C-c) are sent as keys.
      const named = /^(Enter|Up|Down|Left|Right|Tab|Escape|C-[a-z]|BSpace)$/.test(key);
      this.tmux('send-keys', '-t', 'run', ...(named ? [key] : ['-l', key]));
    }
  }

  async waitFor(pattern: RegExp, what: string, ms = 90_000): Promise<RegExpMatchArray> {
    const end = Date.now() + ms;
    for (;;) {
      const m = this.history().match(pattern);
      if (m) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${this.screen()}`);
      await pause(100);
    }
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
   * Enter (the default). Returns the exit code the command printed.
   */
  async answerUntilExit(answers: AutoAnswer[] = [], ms = 180_000): Promise<number> {
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
