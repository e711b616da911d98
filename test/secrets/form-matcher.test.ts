import { describe, expect, it } from 'vitest';
import { FormMatcher } from '../../src/secrets/form-matcher.js';
import { Redactor } from '../../src/secrets/redact.js';

/** The redactor's former matcher: one alternation of every form, longest first. */
function alternation(forms: string[], text: string, replace: (form: string) => string): string {
  const sorted = [...forms].filter((f) => f.length >= 8).sort((a, b) => b.length - a.length);
  if (!sorted.length) return text;
  return text.replace(new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'), replace);
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('FormMatcher', () => {
  it('finds what the alternation found: leftmost, longest at one position, overlapping forms, text ends', () => {
    const forms = ['abcdefgh', 'abcdefghij', 'cdefghijkl', 'zzzzzzzz', 'zzzzzzzzzz', 'éàçù€😀12', 'short'];
    for (const text of ['', 'abcdefg', 'abcdefgh', 'xabcdefghijy', 'abcdefghijkl', 'zzzzzzzzzzzzzzzzzzz', 'a éàçù€😀12 b', 'cdefghijkl abcdefgh']) {
      const tag = (f: string) => `<${f.length}>`;
      expect(new FormMatcher(forms).replace(text, tag)).toBe(alternation(forms, text, tag));
    }
  });

  it('agrees with the alternation on random texts full of near misses', () => {
    const next = random(42);
    const alphabet = 'ab0=+/%:é';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    // Lengths 8 to 29, many sharing long prefixes (as keys sharing `sk_test_` and their base64 do).
    const forms: string[] = [];
    for (let k = 0; k < 300; k++) {
      const base = forms.length && next() < 0.5 ? forms[Math.floor(next() * forms.length)]!.slice(0, 8 + Math.floor(next() * 12)) : '';
      forms.push(base + word(Math.max(0, 8 + Math.floor(next() * 22) - base.length)));
    }
    const matcher = new FormMatcher(forms);
    for (let round = 0; round < 200; round++) {
      // Texts made of forms, pieces of forms and noise.
      const parts = Array.from({ length: 20 }, () => {
        const f = forms[Math.floor(next() * forms.length)]!;
        const r = next();
        return r < 0.3 ? f : r < 0.6 ? f.slice(0, 1 + Math.floor(next() * (f.length - 1))) : word(Math.floor(next() * 5));
      });
      const text = parts.join('');
      const tag = (f: string) => `[${forms.indexOf(f)}]`;
      expect(matcher.replace(text, tag)).toBe(alternation(forms, text, tag));
    }
  });

  it('forms added one by one to a built matcher find what a matcher built with them all finds', () => {
    const next = random(7);
    const alphabet = 'xy0=/é';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const forms = Array.from({ length: 400 }, (_, k) => (k % 3 ? '' : 'sk_test_') + word(8 + Math.floor(next() * 20)));
    const grown = new FormMatcher(forms.slice(0, 2));
    const added = forms.slice(2).filter((form) => grown.add(form));
    // The bit set of a matcher built for 2 forms fills up: it asks to be rebuilt rather than slow down.
    expect(added.length).toBeLessThan(forms.length - 2);
    const kept = forms.slice(0, 2 + added.length);
    const text = Array.from({ length: 300 }, () => (next() < 0.4 ? forms[Math.floor(next() * forms.length)]! : word(3))).join('');
    const tag = (f: string) => `[${f.length}]`;
    expect(grown.replace(text, tag)).toBe(alternation(kept, text, tag));
  });

  it('the redactor masks a secret registered after it has redacted (matcher grown in place or rebuilt)', () => {
    const r = new Redactor();
    const keys = Array.from({ length: 300 }, (_, i) => `sk_test_LATEclub${String(i).padStart(6, '0')}00000000001`);
    for (const [i, key] of keys.entries()) {
      r.add(key);
      const out = r.redact(`${keys[0]} ${key} ${Buffer.from(`${key}:`).toString('base64')}`);
      expect(out, `after ${i + 1} keys`).not.toContain(key.slice(10));
    }
  });

  it('the redactor masks the same report with 1,500 configured keys as the alternation did', () => {
    const r = new Redactor();
    const keys = Array.from({ length: 1500 }, (_, i) => `sk_test_GENclub${String(i).padStart(6, '0')}0000000000001`);
    for (const k of keys) r.add(k);
    r.addCredentials('FAKEscPublic0demo', 'FAKEscSecret0demo000001');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const text = keys.filter((_, i) => i % 97 === 0).map((k, i) => `club ${i}: ${k} ${encodeURIComponent(b64(`${k}:`))} Basic ${b64('FAKEscPublic0demo:FAKEscSecret0demo000001')}`).join('\n');
    const out = r.redact(text);
    for (const k of keys) expect(out).not.toContain(k.slice(8));
    expect(out).not.toContain(b64('FAKEscPublic0demo:FAKEscSecret0demo000001').slice(0, 12));
    expect(out.split('\n')[0]).toBe(`club 0: sk_test_…0001 sk_test_…0001 Basic …0001`);
  });
});
