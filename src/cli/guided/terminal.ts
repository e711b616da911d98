// The guided mode's terminal: whether a person is there to answer, what it says, and the prompts
// (@inquirer/prompts) it asks with, each with a default that Enter takes. Ctrl-C at a prompt ends
// the session (exit 130) before anything is written.

import { input, search, select } from '@inquirer/prompts';
import type { Lang, Text } from '../../engine/types.js';
import { typeset } from '../../report/french.js';
import { terminalLine, terminalSafe } from '../../report/text.js';
import { redactor } from '../../secrets/redact.js';
import type { Io } from '../output.js';
import { messages } from './messages.js';

/** No prompt, ever, without a terminal on both ends or with CI set (DESIGN.md §5). */
export function canPrompt(io: Io, stdin: { isTTY?: boolean } = process.stdin): boolean {
  return Boolean(stdin.isTTY) && Boolean(io.stdout.isTTY) && !io.env.CI;
}

/** Ctrl-C at a prompt: @inquirer/prompts rejects with an ExitPromptError. */
export function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

export interface Conversation {
  lang: Lang;
  /** One or more lines for the person: masked, control characters made visible. */
  say(text: string): void;
  /** A rendered report (the renderer already made its texts safe; its colours must stay live). */
  show(rendered: string): void;
  /** The text in the session's language. */
  text(text: Text): string;
  choose<T>(message: Text | string, choices: { name: Text | string; value: T }[]): Promise<T>;
  ask(message: Text | string, fallback?: string): Promise<string>;
  search<T>(message: Text | string, source: (term: string | undefined) => { name: string; value: T; disabled?: boolean | string }[]): Promise<T>;
}

export function conversation(io: Io, lang: Lang): Conversation {
  // A catalogue text (the guided mode's, a check's message, title or step) gets French typography
  // here, once for all (src/report/french.ts), as the renderers give it: the checks write plain spaces.
  const text = (value: Text | string) => (typeof value === 'string' ? value : typeset(lang, value[lang]));
  // Names and messages come from the shop: shown on one line, masked, never driving the terminal.
  const line = (value: Text | string) => terminalLine(redactor.redact(text(value)));
  const output = io.stdout;
  return {
    lang,
    text,
    say(value) {
      output.write(`${terminalSafe(redactor.redact(value))}\n`);
    },
    show(rendered) {
      output.write(`${redactor.redact(rendered)}\n`);
    },
    choose(message, choices) {
      return select(
        {
          message: line(message),
          choices: choices.map((c) => ({ name: line(c.name), value: c.value })),
          instructions: { navigation: text(messages.selectHelp), pager: text(messages.selectHelp) },
        },
        { output },
      );
    },
    ask(message, fallback = '') {
      return input({ message: line(message), default: fallback || undefined }, { output });
    },
    search(message, source) {
      return search(
        {
          message: line(message),
          source: async (term) => source(term || undefined).map((c) => ({ ...c, name: line(c.name) })),
          pageSize: 10,
          instructions: { navigation: text(messages.searchHelp), pager: text(messages.searchHelp) },
        },
        { output },
      );
    },
  };
}
