import { describe, expect, it } from 'vitest';
import { closeMatches, clubLabel, latinFold, matchClub, normaliseName } from '../../src/engine/clubs.js';
import { UsageError } from '../../src/engine/errors.js';

const clubs = ['AS Saint-Étienne', 'Étoile Sportive de Fréjus', 'FC Lyon', 'Lyon Rugby Club', 'Racing Club Sévigné', 'Olympique Noisy-le-Sec'].map((name) => ({ name }));

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('normaliseName', () => {
  it('drops case, accents and punctuation', () => {
    expect(normaliseName('  AS Saint-Étienne ')).toBe('as saint etienne');
    expect(normaliseName("Cercle Nautique d'Hyères")).toBe('cercle nautique d hyeres');
  });

  // The general rule, as it was before the Latin fast path (issue 9, start-up).
  const general = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it('folds the demo shop\'s club names without Unicode property tables (the start-up fast path)', () => {
    for (const { name } of clubs) expect(latinFold(name)).toBe(general(name));
    expect(latinFold('Cercle Nautique d’Hyères — Ø')).toBeUndefined();
  });

  it('gives the general rule\'s result for every character up to U+036F, alone and in a name, and for others', () => {
    const samples: string[] = [];
    for (let c = 0; c <= 0x36f; c++) {
      const ch = String.fromCharCode(c);
      samples.push(ch, `Ab${ch}Cd`, `É${ch}1`, `${ch}\u0301x`);
    }
    samples.push('Ørsted', 'İstanbul SK', 'ǅemal', 'Σπάρτη', '東京 FC', 'K\u212a', 'ﬁnale', 'Club ½', 'Ⅻ arrondissement', 'Se\u0301vigne\u0301', 'Lyon\u00a0Rugby', 'A\u2019B');
    for (const name of samples) expect(normaliseName(name), JSON.stringify(name)).toBe(general(name));
  });
});

describe('matchClub', () => {
  it('ignores case and accents: "as saint-etienne" finds "AS Saint-Étienne"', () => {
    expect(matchClub('as saint-etienne', clubs).name).toBe('AS Saint-Étienne');
    expect(matchClub('ETOILE SPORTIVE DE FREJUS', clubs).name).toBe('Étoile Sportive de Fréjus');
    expect(matchClub('as  saint etienne', clubs).name).toBe('AS Saint-Étienne');
  });

  it('matches whole words of a longer name', () => {
    expect(matchClub('saint-étienne', clubs).name).toBe('AS Saint-Étienne');
    expect(matchClub('frejus', clubs).name).toBe('Étoile Sportive de Fréjus');
    expect(matchClub('noisy le sec', clubs).name).toBe('Olympique Noisy-le-Sec');
  });

  it('does not match a fragment of a word', () => {
    const error = usageError(() => matchClub('sevi', clubs));
    expect(error.message).toContain('No club named "sevi"');
  });

  it('prefers an exact name over names that contain it', () => {
    expect(matchClub('lyon', [...clubs, { name: 'Lyon' }]).name).toBe('Lyon');
  });

  it('an ambiguous name is a usage error listing every candidate', () => {
    const error = usageError(() => matchClub('lyon', clubs));
    expect(error.message).toContain('"lyon" matches several clubs');
    expect(error.details).toEqual(['  FC Lyon', '  Lyon Rugby Club']);
    expect(error.hint).toMatch(/full club name/);
  });

  it('an unknown name is a usage error with close matches', () => {
    const error = usageError(() => matchClub('Saint-Etiene', clubs));
    expect(error.message).toMatch(/No club named "Saint-Etiene"\. Did you mean/);
    expect(error.details).toContain('  AS Saint-Étienne');
    expect(error.details).not.toContain('  FC Lyon');
  });

  it('an unknown name with nothing close lists the known clubs', () => {
    const error = usageError(() => matchClub('Paris Saint-Germain Handball', clubs));
    expect(error.message).toContain('Known clubs');
    expect(error.details).toHaveLength(clubs.length);
  });

  it('an empty name is a usage error', () => {
    expect(usageError(() => matchClub('  -- ', clubs)).message).toContain('empty');
  });
});

describe('closeMatches', () => {
  it('ranks containing names and small typos first, and limits the count', () => {
    const ids = ['stripe-keys-format', 'stripe-keys-live', 'stripe-account-status', 'shop-online'];
    expect(closeMatches('stripe-keys-fromat', ids, 3)[0]).toBe('stripe-keys-format');
    expect(closeMatches('stripe-keys', ids, 3)).toEqual(['stripe-keys-format', 'stripe-keys-live']);
    expect(closeMatches('zzzzzzzzzzzzzzzzzzzzzz', ids)).toEqual([]);
    expect(closeMatches('stripe', ids, 1)).toHaveLength(1);
  });
});

describe('clubs sharing a name (two customer groups with one name)', () => {
  const club = (name: string, id: number) => ({ name, parts: { 'club.group': { status: 'ok' as const, data: { id, name } } } });
  const twins = [club('FC Lyon', 9), club('FC Lyon', 12), club('Team #1', 30), club('AS Saint-Étienne', 5)];

  it('the shared name is an exit-2 error listing both with their group ids and the id form', () => {
    const error = usageError(() => matchClub('fc lyon', twins));
    expect(error.message).toBe('"fc lyon" names 2 clubs (customer groups with the same name):');
    expect(error.details).toEqual(['  FC Lyon#9 (group 9)', '  FC Lyon#12 (group 12)']);
    expect(error.hint).toBe('Give the club as "FC Lyon#<group id>", e.g. "FC Lyon#9".');
    // A partial name reaching the twins lists their ids too.
    expect(usageError(() => matchClub('lyon', twins)).details).toEqual(['  FC Lyon#9 (group 9)', '  FC Lyon#12 (group 12)']);
  });

  it('accepts "Name#<group id>" and "#<group id>"', () => {
    expect(matchClub('FC Lyon#12', twins)).toBe(twins[1]);
    expect(matchClub('fc lyon # 9', twins)).toBe(twins[0]);
    expect(matchClub('lyon#12', twins)).toBe(twins[1]);
    expect(matchClub('#5', twins).name).toBe('AS Saint-Étienne');
    // A name with "#" in it is still found by name when no group has that id.
    expect(matchClub('Team #1', twins)).toBe(twins[2]);
    expect(usageError(() => matchClub('FC Lyon#5', twins)).message).toMatch(/No club named "FC Lyon#5"/);
  });

  it('labels a club with its group id only when another bears its name', () => {
    expect(clubLabel(twins[1]!, twins)).toBe('FC Lyon#12');
    expect(clubLabel(twins[3]!, twins)).toBe('AS Saint-Étienne');
  });
});
