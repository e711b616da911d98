// The one driver for terminal tests: a command run on a real pseudo-terminal inside a private tmux
// server, typed into with send-keys and read with capture-pane (wrapped lines joined). The command
// prints `EXIT=<code>` when it ends, then the pane stays open to be read. Waits are on text, with
// generous deadlines, never fixed sleeps: a loaded machine only makes them slower.
//
// Event-driven: one long-lived tmux control-mode client per terminal (`tmux -C attach`) carries
// every command (capture-pane, send-keys) over its stdin and tells, as `%output` notifications on
// its stdout, each time the program wrote to the terminal. A wait reads the screen again only after
// such a notification (no process per read, no polling, the worker's event loop never blocked), and
// "the prompt has finished drawing" is judged from those events: no output for a short quiet period.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cleanEnv } from '../e2e/run-cli.js';

let tmuxChecked = false;
export function requireTmux(): void {
  if (tmuxChecked) return;
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for this test (apt-get install tmux)');
  tmuxChecked = true;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The line of an @inquirer/prompts prompt waiting for an answer starts with "? " (done: "✔ "). */
const ACTIVE_PROMPT = /^\? /;
const DONE_PROMPT = /^✔ /gm;

/** tmux key names; anything else is typed literally. */
const NAMED_KEY = /^(Enter|Up|Down|Left|Right|Tab|Space|Escape|BSpace|C-[a-z])$/;

/**
 * No output for this long after a prompt line showed: the prompt has finished drawing. Short, as it
 * is measured from the output events themselves (a loaded machine delays the events, not the rule);
 * answering a prompt twice is prevented by the answered-prompt count below, not by this period.
 */
const QUIET_MS = 60;
/**
 * A prompt still waiting after keys ending in Enter, with no prompt answered (✔) since: the keys are
 * in flight, or the prompt refused the answer (a validation message). Answered again only after the
 * screen stayed this long unchanged: keys that arrive make the prompt redraw (an output) well before,
 * even on a loaded machine, so this is the refused answer.
 */
const REFUSED_QUIET_MS = 1_500;
/**
 * A wait reads the terminal again after this long without any notification: a net under a lost
 * notification, never what a wait relies on (every change of the pane is an `%output`).
 */
const NET_MS = 2_000;

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

/** What the terminal shows, read in one go: the screen and everything so far agree. */
interface Reading {
  screen: string;
  history: string;
  /** Prompts answered so far: lines starting with "✔ " in the history. */
  done: number;
}

/** A tmux command argument, quoted for tmux's parser (single quotes: nothing is expanded in them). */
function quote(text: string): string {
  if (/[\n\r]/.test(text)) throw new Error(`a line break cannot be typed as text: ${JSON.stringify(text)}`);
  return text
    .split("'")
    .map((part) => `'${part}'`)
    .join(` "'" `);
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
  private readonly height: number;
  private readonly client: ChildProcessWithoutNullStreams;
  /** Replies awaited from the control client, in the order the commands were sent. */
  private readonly replies: Array<{ resolve: (lines: string[]) => void; reject: (error: Error) => void }> = [];
  /** The reply being read (between %begin and %end), and whether it answers one of our commands. */
  private block: { lines: string[]; ours: boolean } | undefined;
  private pending = '';
  /** `%output` notifications so far, and when the newest came. */
  private outputs = 0;
  private lastOutputAt = Date.now();
  private readonly wakers = new Set<() => void>();
  private ended: Error | undefined;
  /** A command sent without awaiting its reply (send-keys) that tmux refused: thrown by the next wait. */
  private failure: Error | undefined;
  /** Answered prompts at the newest reading; and at the time keys ending in Enter were sent. */
  private done = 0;
  private doneAtEnter: number | undefined;
  /** What this terminal cost: tmux processes started, screen reads, waits for a refused answer, wakes by the net (printed at close when TERMINAL_STATS is set). */
  readonly stats = { processes: 0, reads: 0, refusedWaits: 0, netWakes: 0 };

  /** Runs `command` (a shell command line) in a fresh tmux server of its own; a wide screen, so prompts do not wrap. */
  constructor(command: string, options: TerminalOptions = {}) {
    const full = `${command}; echo "EXIT=$?"; sleep 600`;
    this.height = options.height ?? 50;
    // A long scroll-back, so that no line of a long session is dropped from `history()` (the
    // answered-prompt count relies on it); set before the pane exists, as tmux reads it then.
    // The server's environment (the clean one, plus `options.env`) is the command's.
    const started = this.tmuxSync(options.env ?? {}, 'start-server', ';', 'set-option', '-g', 'history-limit', '100000', ';', 'new-session', '-d', '-s', 'run', '-x', String(options.width ?? 200), '-y', String(this.height), full);
    if (started.status !== 0) throw new Error(`tmux did not start: ${started.stderr}`);
    // Without a size of its own, a control client does not resize the window.
    this.client = spawn('tmux', ['-L', this.socket, '-C', 'attach-session', '-t', 'run'], { env: cleanEnv(), stdio: 'pipe' });
    this.stats.processes++;
    this.client.stdout.setEncoding('utf8').on('data', (chunk: string) => this.received(chunk));
    this.client.stderr.resume();
    this.client.stdin.on('error', () => undefined); // the client gone: reported through `ended`
    this.client.on('error', (error) => this.stop(error));
    this.client.on('close', () => this.stop(new Error('the tmux control client ended')));
    // A terminal left open must not keep the test process alive.
    this.client.unref();
  }

  private tmuxSync(env: Record<string, string>, ...args: string[]) {
    this.stats.processes++;
    return spawnSync('tmux', ['-L', this.socket, ...args], { env: cleanEnv(env), encoding: 'utf8' });
  }

  /** Lines from the control client: replies to our commands, and notifications. */
  private received(chunk: string): void {
    this.pending += chunk;
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (this.block) {
        if (/^%(end|error) \d+ \d+ \d+$/.test(line)) {
          const { lines, ours } = this.block;
          this.block = undefined;
          if (!ours) continue;
          const reply = this.replies.shift();
          if (line.startsWith('%end')) reply?.resolve(lines);
          else reply?.reject(new Error(`tmux: ${lines.join('\n')}`));
        } else this.block.lines.push(line);
      } else if (line.startsWith('%begin ')) {
        // The last field is 1 for a command this client sent (0: the attach itself).
        this.block = { lines: [], ours: line.endsWith(' 1') };
      } else if (line.startsWith('%output ') || line.startsWith('%extended-output ')) {
        this.outputs++;
        this.lastOutputAt = Date.now();
        this.wake();
      } else if (line.startsWith('%exit')) {
        this.stop(new Error(`the tmux control client left: ${line}`));
      }
    }
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }

  private stop(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    for (const reply of this.replies.splice(0)) reply.reject(error);
    this.wake();
  }

  /** Sends one command line to tmux through the control client; resolves with its output lines. */
  private command(line: string): Promise<string[]> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.replies.push({ resolve, reject });
      this.client.stdin.write(`${line}\n`);
    });
  }

  /** A command whose reply is not awaited (keys): a refusal surfaces at the next wait. */
  private fire(line: string): void {
    this.command(line).catch((error: Error) => (this.failure ??= error));
  }

  /** Resolves at the next output after `outputs` notifications (at once if it came already), or at `end`. */
  private changeAfter(outputs: number, end: number): Promise<void> {
    if (this.outputs > outputs || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const left = end - Date.now();
      const timer = setTimeout(() => {
        if (left > NET_MS) this.stats.netWakes++;
        done();
      }, Math.max(0, Math.min(NET_MS, left)));
      this.wakers.add(done);
    });
  }

  /** Resolves once no output came for `ms` (measured from the newest `%output`). */
  private async quiet(ms: number): Promise<void> {
    for (let wait = this.lastOutputAt + ms - Date.now(); wait > 0; wait = this.lastOutputAt + ms - Date.now()) await pause(wait);
  }

  /** The screen and the whole history, read together (tmux runs the two commands back to back). */
  private async read(): Promise<Reading> {
    if (this.failure) throw this.failure;
    this.stats.reads++;
    const [screen, history] = await Promise.all([this.command('capture-pane -p -J -t run'), this.command('capture-pane -p -J -S - -t run')]);
    const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
    const reading = { screen: text(screen), history: text(history), done: history.join('\n').match(DONE_PROMPT)?.length ?? 0 };
    this.done = reading.done;
    return reading;
  }

  /** What is on the screen now, wrapped lines joined. */
  screen(): string {
    return this.tmuxSync({}, 'capture-pane', '-p', '-J', '-t', 'run').stdout ?? '';
  }

  /** Everything the terminal showed so far, scroll-back included, wrapped lines joined. */
  history(): string {
    return this.tmuxSync({}, 'capture-pane', '-p', '-J', '-S', '-', '-t', 'run').stdout ?? '';
  }

  /**
   * Reads the terminal until `found` returns something: read again at each output, not on a clock.
   * `what` names the wait in the error thrown at the deadline.
   */
  async until<T>(found: (reading: Reading) => T | undefined, what: string, ms = 90_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const outputs = this.outputs;
      const reading = await this.read();
      const result = found(reading);
      if (result !== undefined) return result;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what} on the terminal; it shows:\n${reading.history}`);
      if (this.ended) throw new Error(`${this.ended.message}, waiting for ${what}; the terminal showed:\n${reading.history}`);
      await this.changeAfter(outputs, end);
    }
  }

  /** Waits until `pattern` appears once more than at the previous wait for it; returns that match. */
  async waitFor(pattern: RegExp | string, ms = 90_000): Promise<RegExpExecArray> {
    const source = typeof pattern === 'string' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.source;
    // The pattern's own flags (m, i, u) kept; g added to count the matches.
    const flags = typeof pattern === 'string' ? 'g' : pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const re = new RegExp(source, flags);
    const key = `${flags} ${source}`;
    const wanted = (this.seen.get(key) ?? 0) + 1;
    const match = await this.until(({ history }) => [...history.matchAll(re)][wanted - 1], String(re), ms);
    this.seen.set(key, wanted);
    return match as RegExpExecArray;
  }

  /** Waits until the screen (not the history) satisfies `test`, e.g. a shell prompt back on the last line. */
  async waitForScreen(test: (screen: string) => boolean, what: string, ms = 90_000): Promise<string> {
    return this.until(({ screen }) => (test(screen) ? screen : undefined), what, ms);
  }

  /** The command's exit code, once it has ended. */
  async exitCode(ms = 90_000): Promise<number> {
    return Number((await this.waitFor(/EXIT=(\d+)/, ms))[1]);
  }

  /** Types text literally (no key names), without Enter. */
  type(text: string): void {
    this.fire(`send-keys -t run -l ${quote(text)}`);
  }

  /** Presses keys by name: Enter, Up, Down, Space, C-c… */
  press(...keys: string[]): void {
    for (const key of keys) {
      if (!NAMED_KEY.test(key)) throw new Error(`not a key name: ${key}`);
      // Keys ending an answer: the prompt now showing is answered once a new "✔" line shows.
      if (key === 'Enter') this.doneAtEnter = this.done;
      this.fire(`send-keys -t run ${key}`);
    }
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

  /**
   * The question of the prompt waiting for an answer, once it has finished drawing; else undefined.
   * Waiting means: the last prompt line on the screen is an active one ("? "), no output came for a
   * quiet period, and the screen was read after that period with no output during the read. A
   * prompt is not taken as waiting again after keys ending in Enter until a prompt was answered
   * since (a new "✔" line), unless the screen then stays unchanged for long (the answer refused).
   */
  private async waitingPrompt(): Promise<(Reading & { line: string }) | undefined> {
    await this.quiet(QUIET_MS);
    const outputs = this.outputs;
    const reading = await this.read();
    if (this.outputs !== outputs) return undefined;
    const lines = reading.screen.split('\n').filter((l) => l.trim());
    const last = [...lines].reverse().find((l) => ACTIVE_PROMPT.test(l) || l.startsWith('✔ '));
    if (!last || !ACTIVE_PROMPT.test(last)) return undefined;
    if (this.doneAtEnter !== undefined && reading.done === this.doneAtEnter) {
      // Most often the keys are still on their way: the next output ends this wait.
      await this.changeAfter(outputs, this.lastOutputAt + REFUSED_QUIET_MS);
      if (this.outputs !== outputs) return undefined;
      this.stats.refusedWaits++;
    }
    return { ...reading, line: last };
  }

  /**
   * Answers every prompt until the command ends: the matching AutoAnswer when there is one, else
   * Enter (the default). Returns the exit code. `onPrompt` sees each question answered (with the
   * whole screen then), e.g. to check what a person reads.
   */
  async answerUntilExit(answers: AutoAnswer[] = [], ms = 180_000, onPrompt?: (line: string, screen: string) => void): Promise<number> {
    const pending = [...answers];
    return this.answering(ms, 'the command to end', ({ history }) => {
      const exit = /EXIT=(\d+)/.exec(history);
      return exit ? Number(exit[1]) : undefined;
    }, (waiting) => {
      onPrompt?.(waiting.line, waiting.screen);
      const i = pending.findIndex((a) => a.prompt.test(waiting.line));
      return i >= 0 ? pending.splice(i, 1)[0]!.keys : ['Enter'];
    });
  }

  /** Answers prompts with Enter until `pattern` shows on the screen (e.g. a spinner's text). */
  async answerUntilSeen(pattern: RegExp, ms = 90_000): Promise<void> {
    await this.answering(ms, String(pattern), ({ screen }) => (pattern.test(screen) ? true : undefined), () => ['Enter']);
  }

  /** Reads at each output until `finished` gives a result; answers each prompt that waits meanwhile. */
  private async answering<T>(ms: number, what: string, finished: (reading: Reading) => T | undefined, keysFor: (waiting: Reading & { line: string }) => string[]): Promise<T> {
    const end = Date.now() + ms;
    let answeredScreen = '';
    for (;;) {
      const outputs = this.outputs;
      const reading = await this.read();
      const result = finished(reading);
      if (result !== undefined) return result;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${reading.screen}`);
      if (this.ended) throw new Error(`${this.ended.message}, waiting for ${what}; screen:\n${reading.screen}`);
      const waiting = await this.waitingPrompt();
      // Read again for the prompt: what was awaited may show on this reading (e.g. a question
      // drawn below the awaited text), and then no key must be sent.
      const then = waiting ? finished(waiting) : undefined;
      if (then !== undefined) return then;
      if (waiting && waiting.screen !== answeredScreen) {
        answeredScreen = waiting.screen;
        this.send(...keysFor(waiting));
      } else if (!waiting) await this.changeAfter(outputs, end);
      else await this.changeAfter(this.outputs, end);
    }
  }

  close(): void {
    this.tmuxSync({}, 'kill-server');
    if (process.env['TERMINAL_STATS']) process.stderr.write(`terminal ${this.socket}: ${JSON.stringify(this.stats)}\n`);
    this.client.kill();
  }
}
