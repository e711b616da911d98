import { describe, expect, it } from 'vitest';
import { planOutputs } from '../../src/cli/outputs.js';
import { UsageError } from '../../src/engine/errors.js';
import { EXTENSION_FORMATS, FORMATS, formatForFile } from '../../src/report/render/formats.js';

function refusal(formats: string[], outputs: string[]): { en: string; fr: string } {
  try {
    planOutputs(formats, outputs);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const en = error.in('en');
    const fr = error.in('fr');
    return { en: `${en.message} ${en.hint ?? ''}`, fr: `${fr.message} ${fr.hint ?? ''}` };
  }
  throw new Error('not refused');
}

describe('several outputs from one run', () => {
  it('nothing asked: pretty on stdout', () => {
    expect(planOutputs(undefined, undefined)).toEqual([{ format: 'pretty' }]);
  });

  it('pairs --format and --output by position; the extra format goes to stdout', () => {
    expect(planOutputs(['json', 'junit', 'markdown'], ['r.json', 'r.xml'])).toEqual([
      { format: 'json', output: 'r.json' },
      { format: 'junit', output: 'r.xml' },
      { format: 'markdown' },
    ]);
    // An explicit format wins over the extension (the contract's `--format markdown --output x.json`).
    expect(planOutputs('markdown', 'x.json')).toEqual([{ format: 'markdown', output: 'x.json' }]);
  });

  it('--output without --format: the format from the extension, case aside', () => {
    expect(planOutputs([], ['a.json', 'b.XML', 'c.md', 'notes.txt'])).toEqual([
      { format: 'json', output: 'a.json' },
      { format: 'junit', output: 'b.XML' },
      { format: 'markdown', output: 'c.md' },
      { format: 'pretty', output: 'notes.txt' },
    ]);
  });

  it('the extension table only names known formats', () => {
    for (const format of Object.values(EXTENSION_FORMATS)) expect(FORMATS).toContain(format);
    expect(formatForFile('dir.v2/report')).toBeUndefined();
    expect(formatForFile('report.json.bak')).toBeUndefined();
  });

  it('refuses mismatches with what to do, in English and French', () => {
    const unknown = refusal([], ['r.pdf']);
    expect(unknown.en).toContain('--output r.pdf: its extension does not tell which format to write');
    expect(unknown.en).toContain('Put --format <format> before --output r.pdf');
    expect(unknown.fr).toContain('--output r.pdf\u00a0: l’extension ne dit pas quel format écrire');
    expect(refusal([], ['report']).en).toContain('does not tell which format');

    const two = refusal(['json', 'junit'], []);
    expect(two.en).toContain('Several formats would go to stdout (json, junit): only one can.');
    expect(two.fr).toContain('Plusieurs formats iraient sur la sortie standard (json, junit)\u00a0: un seul peut y aller.');

    const more = refusal(['json'], ['a.json', 'b.xml']);
    expect(more.en).toContain('2 --output for 1 --format');
    expect(more.en).toContain('Give one --format per --output');

    expect(refusal(['json', 'junit'], ['r.out', 'r.out']).en).toContain('--output r.out is given twice');
    expect(() => planOutputs(['yaml'], [])).toThrow(/--format must be one of pretty, json, junit, markdown/);
  });
});
