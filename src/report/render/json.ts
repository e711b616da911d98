import type { Report } from '../model.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** What JSON.stringify leaves out of an object. */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** `JSON.stringify(value, null, 2)` as it reads `depth` levels down (strings never hold a raw line break). */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth ? text.replace(/\n/g, `\n${'  '.repeat(depth)}`) : text;
}

/**
 * `renderJson`'s text in pieces, byte for byte: each top-level field, and each club of `clubs` on its
 * own, so that a report of 500 clubs is never held whole as text (nor, through `prepare`, copied whole).
 * `prepare` is applied to each piece's value before it is written (the redactor's mask).
 */
export function* jsonChunks(report: Report, prepare: <T>(value: T) => T = (value) => value): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => !omitted(value));
  if (!entries.length) {
    yield '{}\n';
    return;
  }
  let open = '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const last = i === entries.length - 1;
    const head = `${open}  ${JSON.stringify(key)}: `;
    open = '';
    if (key === 'clubs' && Array.isArray(value) && value.length) {
      yield `${head}[\n`;
      for (const [j, club] of value.entries()) yield `    ${nested(prepare(club), 2)}${j === value.length - 1 ? '\n' : ',\n'}`;
      yield `  ]${last ? '\n}\n' : ',\n'}`;
    } else {
      yield `${head}${nested(prepare(value), 1)}${last ? '\n}\n' : ',\n'}`;
    }
  }
}
