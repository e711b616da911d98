import { redactedPieces, redactor, type RedactedPieces } from '../../secrets/redact.js';
import type { ClubReport, Report } from '../model.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** What JSON.stringify leaves out of an object. */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Text at `depth` levels down: every line after the first indented (strings never hold a raw line break). */
const indented = (text: string, depth: number) => (depth ? text.replace(/\n/g, `\n${'  '.repeat(depth)}`) : text);

/** A club's piece of the JSON report, redacted as it is written: what `jsonChunks` would write for it once masked. */
const clubText = (club: unknown) => indented(redactor.redactedJson(club, 2) ?? 'null', 2);

/**
 * Club pieces written before the report is (`prepareClubJson`), each with the redactor's generation
 * then: used only if no secret was registered since. Keyed by the club's report object, which is
 * never changed once built (a baseline comparison makes new ones).
 */
const prepared = new WeakMap<object, { generation: number; bytes: Uint8Array }>();

/**
 * Writes a club's JSON piece now, as soon as its report is built, while the run still waits on
 * other clubs' answers: the end of a 500-club run then only writes the pieces. Kept as UTF-8 bytes,
 * half the memory of the text (the masks and French quotes make it two bytes a character), and
 * what the output writes anyway.
 */
export function prepareClubJson(club: ClubReport): void {
  prepared.set(club, { generation: redactor.generation, bytes: Buffer.from(`    ${clubText(club)}`, 'utf8') });
}

/**
 * `renderJson`'s text, masked by the process redactor, in pieces: each top-level field, and each
 * club of `clubs` on its own, so that a report of 500 clubs is never held whole as text. Masked in
 * one pass: each value redacted as it is written (`redactor.redactedJson`), so the output does not
 * scan the text again. Same bytes as the JSON report masked value by value then scanned as text,
 * which it replaces.
 */
export function redactedJsonChunks(report: Report): RedactedPieces {
  return redactedPieces(
    (function* () {
      const entries = Object.entries(report).filter(([, value]) => !omitted(value));
      if (!entries.length) {
        yield '{}\n';
        return;
      }
      let open = '{\n';
      for (const [i, [key, value]] of entries.entries()) {
        const last = i === entries.length - 1;
        // Top-level keys are the report's own field names: no value of the run.
        const head = `${open}  ${JSON.stringify(key)}: `;
        open = '';
        if (key === 'clubs' && Array.isArray(value) && value.length) {
          yield `${head}[\n`;
          for (const [j, club] of value.entries()) {
            const early = prepared.get(club as object);
            const end = j === value.length - 1 ? '\n' : ',\n';
            if (early && early.generation === redactor.generation) {
              yield early.bytes;
              yield end;
            } else yield `    ${clubText(club)}${end}`;
          }
          yield `  ]${last ? '\n}\n' : ',\n'}`;
        } else {
          yield `${head}${indented(redactor.redactedJson(value, 2) ?? 'null', 1)}${last ? '\n}\n' : ',\n'}`;
        }
      }
    })(),
  );
}
