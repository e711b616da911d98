import { describe, expect, it } from 'vitest';
import { visibleWidth, wrapText } from '../../src/report/wrap.js';
import { useColor } from '../../src/cli/output.js';
import { closeMatches } from '../../src/engine/clubs.js';
import type { Io } from '../../src/cli/output.js';

describe('wrapText', () => {
  it('wraps with a hanging indent and breaks only at ordinary spaces', () => {
    const text = 'Cliquez sur «\u00a0Enregistrer\u00a0» puis sur «\u00a0Compte\u00a0Stripe\u00a0» : la clé n°\u00a033 est fausse';
    const lines = wrapText(text, 24, '- ', '  ');
    expect(lines[0]!.startsWith('- ')).toBe(true);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    for (const line of lines) {
      expect(visibleWidth(line)).toBeLessThanOrEqual(24);
      expect(line).not.toMatch(/«$/);
      expect(line.trim()).not.toMatch(/^»/);
    }
    expect(lines.join(' ').replace(/ +/g, ' ')).toContain('«\u00a0Compte\u00a0Stripe\u00a0»');
  });

  it('counts colour escapes as nothing', () => {
    expect(visibleWidth('\u001b[1mgras\u001b[22m')).toBe(4);
    expect(wrapText('\u001b[1mun deux trois\u001b[22m', 13)).toHaveLength(1);
  });
});

describe('useColor', () => {
  const io = (env: Record<string, string>, isTTY = true) => ({ env, stdout: { isTTY }, stderr: {}, cwd: '/' }) as unknown as Io;
  it('is off with --no-color, NO_COLOR, FORCE_COLOR=0, TERM=dumb, and off a terminal', () => {
    expect(useColor(io({}))).toBe(true);
    expect(useColor(io({}), undefined, false)).toBe(false);
    expect(useColor(io({ NO_COLOR: '1' }))).toBe(false);
    expect(useColor(io({ FORCE_COLOR: '0' }))).toBe(false);
    expect(useColor(io({ TERM: 'dumb', FORCE_COLOR: '1' }))).toBe(false);
    expect(useColor(io({}, false))).toBe(false);
    expect(useColor(io({ FORCE_COLOR: '1' }, false))).toBe(true);
  });
});

describe('closeMatches', () => {
  const clubs = ['Étoile Sportive de Fréjus', 'AS Saint-Étienne', 'Racing Club Sévigné', 'Olympique Noisy-le-Sec', 'Cercle Nautique Hyérois'];
  it('finds a club from a typo in one of its words', () => {
    expect(closeMatches('Frejsu', clubs)).toEqual(['Étoile Sportive de Fréjus']);
    expect(closeMatches('sevgine', clubs)).toEqual(['Racing Club Sévigné']);
    expect(closeMatches('zzzz', clubs)).toEqual([]);
  });
});
