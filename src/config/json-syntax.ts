// A JSON syntax error as a sentence that says where, never quoting the text: V8 quotes the
// offending source in some messages ('Unexpected token 'x', "{"key": "sk_li"... is not valid
// JSON'), and that source may hold a secret not yet known to the redactor.

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Why `text` is not JSON, with line and column when V8 says where; undefined when it is JSON. */
export function jsonSyntaxProblem(text: string): string | undefined {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return undefined;
  } catch (parseError) {
    const message = (parseError as Error).message;
    const at = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '').replace(/ at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
    return at ? `${reason} (${lineColumn(text, Number(at[1]))})` : reason;
  }
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** JSON.parse, with an error that names the file and never quotes its content. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonSyntaxError(`${file} is not valid JSON: ${jsonSyntaxProblem(text) ?? 'invalid JSON'}`);
  }
}
