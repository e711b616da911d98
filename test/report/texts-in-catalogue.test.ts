// Issue 10.4, "no user-visible string outside the message catalogue": a source-level guard. Every
// bilingual literal of src/ and checks/ (t('…', '…'), { fr: '…', en: '…' }, lang === 'fr' ? '…')
// sits in a catalogue file or in the messages block of its file, never in the logic (the rule in
// full: test/support/catalogue-scan.ts). A translator then reads each file's texts in one place.

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { straysIn, type Stray } from '../support/catalogue-scan.js';
import { ROOT } from '../e2e/run-cli.js';

/**
 * Files whose logic may keep `{ fr: … }` objects and `lang === 'fr' ? …` conditionals, each for a
 * reason. Kept short: a new entry needs a reason a reviewer accepts.
 */
const ALLOWED: Record<string, string> = {
  'src/report/french.ts': 'the French typography and date helpers themselves (« à » between day and time)',
  'src/report/dates.ts': 'the shop-date helper itself (« à » between day and time in French, none in English)',
  'checks/customer-club-membership.ts': 'two id labels (`n° 5` / `#5`) built per language in its helpers: typography, no sentence',
};

/**
 * `t('…', '…')` calls allowed in logic, by file. When this guard was written some 450 were (the
 * checks' `run` bodies, the sources' causes); they have all moved to messages blocks, so the list
 * is empty and any `t(…)` call inside a function fails. Keep it empty.
 */
const T_CALLS_LEFT: Record<string, number> = {
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const strays: Stray[] = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'checks'))].flatMap((file) => straysIn(file)).map((s) => ({ ...s, file: relative(ROOT, s.file) }));
const show = (s: Stray) => `${s.file}:${s.line} ${s.text}`;

describe('user-visible texts live in catalogues', () => {
  it('no { fr: … } object nor lang conditional with words in the logic of src/ and checks/', () => {
    expect(strays.filter((s) => s.kind !== 'call' && !(s.file in ALLOWED)).map(show)).toEqual([]);
  });

  it('no new t(…) call in logic; the files still holding some only go down', () => {
    const counts = new Map<string, number>();
    for (const s of strays.filter((s) => s.kind === 'call')) counts.set(s.file, (counts.get(s.file) ?? 0) + 1);
    const over = [...counts].filter(([file, n]) => n > (T_CALLS_LEFT[file] ?? 0)).map(([file, n]) => `${file}: ${n} t(…) calls in logic, ${T_CALLS_LEFT[file] ?? 0} allowed:\n  ${strays.filter((s) => s.kind === 'call' && s.file === file).map(show).join('\n  ')}`);
    expect(over).toEqual([]);
    // A file that did better lowers its number, so that the list never hides a new call.
    const stale = Object.entries(T_CALLS_LEFT).filter(([file, n]) => (counts.get(file) ?? 0) < n).map(([file, n]) => `${file}: ${counts.get(file) ?? 0} left, list says ${n}`);
    expect(stale).toEqual([]);
  });

  it('the scan finds each kind of stray, and leaves messages blocks alone', async () => {
    const { straysIn: scan } = await import('../support/catalogue-scan.js');
    const source = [
      "const MESSAGES = { hello: t('Bonjour', 'Hello'), count: (n: number) => t(`${n} clubs`, `${n} clubs`), raw: { fr: 'oui', en: 'yes' } };",
      "export default { meta: { title: t('Titre', 'Title') }, run() { return t('Dans la logique', 'In the logic'); } };",
      "function f(lang: string) { const x = { fr: 'objet', en: 'object' }; return lang === 'fr' ? 'oui' : 'yes'; }",
      "function g(lang: string) { return lang === 'fr' ? '\\u00a0:' : ':'; }",
    ].join('\n');
    expect(scan('x.ts', source).map((s) => [s.line, s.kind])).toEqual([[2, 'call'], [3, 'object'], [3, 'ternary']]);
    expect(scan('src/x/messages.ts', source)).toEqual([]);
  });
});
