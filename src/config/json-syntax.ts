// A JSON syntax error as a sentence that says where, never quoting the text: V8 quotes the
// offending source in some messages ('Unexpected token 'x', "{"key": "sk_li"... is not valid
// JSON'), and that source may hold a secret not yet known to the redactor.

import type { Text } from '../engine/types.js';
import { SYNTAX_MESSAGES } from './messages.js';

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  return { line: before.split('\n').length, column: position - before.lastIndexOf('\n') };
}

/** Why `text` is not JSON, in both languages, with line and column when V8 says where; undefined when it is JSON. */
export function jsonSyntaxText(text: string, prefixed = true): Text | undefined {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return undefined;
  } catch (parseError) {
    const message = (parseError as Error).message;
    const at = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '').replace(/ at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
    const where = at ? lineColumn(text, Number(at[1])) : undefined;
    return prefixed ? SYNTAX_MESSAGES.json(reason, where) : SYNTAX_MESSAGES.jsonReason(reason, where);
  }
}

/** Why `text` is not JSON (English), with line and column when V8 says where; undefined when it is JSON. */
export function jsonSyntaxProblem(text: string): string | undefined {
  return jsonSyntaxText(text)?.en;
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  /** The message in both languages. */
  readonly text: Text;
  constructor(text: Text) {
    super(text.en);
    this.text = text;
  }
}

/** JSON.parse, with an error that names the file and never quotes its content. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonSyntaxError(SYNTAX_MESSAGES.notValidJsonFile(file, jsonSyntaxText(text, false) ?? SYNTAX_MESSAGES.invalidJson));
  }
}
