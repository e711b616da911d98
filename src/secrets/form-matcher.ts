// Finds many literal strings (the forms of every configured secret) in a text in one linear pass.
// A single regular expression alternating every form did the same, but with 500 clubs it holds some
// 30,000 alternatives that V8 tries one after another at each position of the text: the report of an
// `--all` run spent most of its redaction there. Here each position costs one rolling-hash update
// and one bit test; only a position whose first WINDOW characters hash like a form's is looked at
// closely. Semantics of the old alternation kept: leftmost match first, and at one position the
// longest form wins (a secret containing another is masked whole), then the scan resumes after it.

/** Every form is at least this long (the redactor's MIN_LONG): the hash covers its first WINDOW characters. */
export const WINDOW = 8;

const BASE = 0x01000193;
/** BASE^WINDOW mod 2^32: what the character leaving the window weighed. */
const BASE_POW = (() => {
  let p = 1;
  for (let i = 0; i < WINDOW; i++) p = Math.imul(p, BASE);
  return p;
})();
/** Bit-set size bounds, in bits of slot index: a masker for two keys stays small, 30,000 forms stay sparse. */
const MIN_BITS = 10;
const MAX_BITS = 20;

/** Polynomial hash of `text[from, from + WINDOW)`. */
function hashAt(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + WINDOW; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}


/**
 * Forms sharing their first k × WINDOW characters share a path of nodes (a trie over chunks of WINDOW
 * characters): 500 clubs' keys all begin `sk_test_`, so a flat list per first chunk would be tried
 * form by form wherever a text holds `sk_test_`. A form of length L sits in the node reached after
 * floor(L / WINDOW) chunks; its tail (under WINDOW characters) is compared there.
 */
interface Node {
  /** Forms ending in this node's next, partial chunk, longest first. */
  forms: string[];
  children: Map<string, Node>;
}

const node = (): Node => ({ forms: [], children: new Map() });

export class FormMatcher {
  /** The trie's first level, by each form's first WINDOW characters. */
  private readonly roots = new Map<string, Node>();
  /** One bit per hash slot of a form's prefix: the quick "certainly not here" (about 1 bit set in 32). */
  private readonly seen: Uint32Array;
  private readonly bits: number;

  /** Forms held: past 2 per 32 bits of the bit set, it would let too many positions through. */
  private count = 0;

  /** `forms`: strings of at least WINDOW characters; shorter ones are ignored. */
  constructor(forms: Iterable<string>) {
    const long = [...forms].filter((form) => form.length >= WINDOW);
    this.bits = Math.min(MAX_BITS, Math.max(MIN_BITS, Math.ceil(Math.log2(long.length * 32 + 1))));
    this.seen = new Uint32Array(2 ** this.bits / 32);
    for (const form of long) this.insert(form);
  }

  /**
   * Adds one form without rebuilding (a secret registered while the run already redacts). False when
   * the bit set is too full for it to stay fast: build a new matcher then.
   */
  add(form: string): boolean {
    if (form.length < WINDOW) return true;
    if (this.count * 16 >= 2 ** this.bits && this.bits < MAX_BITS) return false;
    this.insert(form);
    return true;
  }

  private insert(form: string): void {
    const first = form.slice(0, WINDOW);
    let at: Node = this.roots.get(first) ?? node();
    this.roots.set(first, at);
    for (let end = 2 * WINDOW; end <= form.length; end += WINDOW) {
      const chunk = form.slice(end - WINDOW, end);
      let next = at.children.get(chunk);
      if (!next) at.children.set(chunk, (next = node()));
      at = next;
    }
    if (at.forms.includes(form)) return;
    // Longest first: at one position the longest form wins.
    const i = at.forms.findIndex((other) => other.length < form.length);
    at.forms.splice(i === -1 ? at.forms.length : i, 0, form);
    this.count++;
    const s = this.slot(hashAt(form, 0));
    this.seen[s >>> 5]! |= 1 << (s & 31);
  }

  /** Folds a 32-bit hash to an index into the bit set (Fibonacci hashing: the top bits of h × 2^32/φ). */
  private slot(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> (32 - this.bits);
  }

  get empty(): boolean {
    return this.roots.size === 0;
  }

  /** The longest form starting at `i` of `text`, whose first WINDOW characters lead to `root`. */
  private longestAt(text: string, i: number, root: Node): string | undefined {
    let best: string | undefined;
    let at: Node | undefined = root;
    for (let end = i + WINDOW; at; end += WINDOW) {
      // Deeper nodes hold longer forms: a match there beats this one.
      const here = at.forms.find((form) => text.startsWith(form, i));
      if (here) best = here;
      if (end + WINDOW > text.length || at.children.size === 0) break;
      at = at.children.get(text.slice(end, end + WINDOW));
    }
    return best;
  }

  /** `text` with every form found replaced by `replace(form)`; the text itself when none is. */
  replace(text: string, replace: (form: string) => string): string {
    const n = text.length;
    if (n < WINDOW || this.roots.size === 0) return text;
    let out = '';
    let copied = 0;
    let h = hashAt(text, 0);
    let i = 0;
    for (;;) {
      const s = this.slot(h);
      let matched: string | undefined;
      if (this.seen[s >>> 5]! & (1 << (s & 31))) {
        const root = this.roots.get(text.slice(i, i + WINDOW));
        if (root) matched = this.longestAt(text, i, root);
      }
      if (matched) {
        out += text.slice(copied, i) + replace(matched);
        i += matched.length;
        copied = i;
        if (i + WINDOW > n) break;
        h = hashAt(text, i);
        continue;
      }
      if (i + WINDOW >= n) break;
      h = (Math.imul(h, BASE) - Math.imul(text.charCodeAt(i), BASE_POW) + text.charCodeAt(i + WINDOW)) | 0;
      i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}
