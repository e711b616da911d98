import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeXml, renderJunit } from '../../src/report/render/junit.js';
import { sampleReport } from './fixture.js';

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function unescape(s: string): string {
  return s.replace(ENTITY, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/** A strict little XML reader: throws on anything not well-formed (enough for what we write). */
function parseXml(xml: string): Element {
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`not well-formed at ${i}: ${why}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const checkText = (s: string) => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s)) fail('control character');
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) fail('bare &');
  };
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!decl) fail('missing XML declaration');
  i = decl![0].length;
  const root: Element = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  while (i < xml.length) {
    if (xml.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i)) ?? fail('bad end tag');
      const open = stack.pop()!;
      if (open.name !== m![1]) fail(`</${m![1]}> closes <${open.name}>`);
      i += m![0].length;
    } else if (xml[i] === '<') {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(i)) ?? fail('bad start tag');
      const attrs: Record<string, string> = {};
      for (const a of m![2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"<]*)"/g)) {
        if (a[1]! in attrs) fail(`duplicate attribute ${a[1]}`);
        checkText(a[2]!);
        attrs[a[1]!] = unescape(a[2]!);
      }
      const el: Element = { name: m![1]!, attrs, children: [], text: '' };
      stack[stack.length - 1]!.children.push(el);
      if (!m![3]) stack.push(el);
      i += m![0].length;
    } else {
      const end = xml.indexOf('<', i) === -1 ? xml.length : xml.indexOf('<', i);
      const text = xml.slice(i, end);
      if (stack.length === 1 && text.trim()) fail('text outside the root');
      if (text.includes('>') && /]]>/.test(text)) fail(']]> in text');
      checkText(text);
      stack[stack.length - 1]!.text += unescape(text);
      i = end;
    }
  }
  if (stack.length !== 1) fail(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) fail('not exactly one root element');
  return root.children[0]!;
}

describe('junit renderer', () => {
  const xml = renderJunit(sampleReport('en'));
  const root = parseXml(xml);
  const suites = root.children.filter((c) => c.name === 'testsuite');

  it('is well-formed XML with a <testsuites> root', () => {
    expect(root.name).toBe('testsuites');
    expect(() => parseXml(xml.replace('</testsuites>', ''))).toThrow(/unclosed/); // the reader does reject bad XML
  });

  it('has one testsuite per club, named after the club (escaped)', () => {
    expect(suites.map((s) => s.attrs.name)).toEqual(['AS Saint-Étienne', 'Club <Tom & "Jerry"> | Ünïcode']);
  });

  it('has one testcase per result, classname = club.category, name = check id — title, time in seconds', () => {
    const cases = suites[0]!.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => [c.attrs.classname, c.attrs.name])).toEqual([
      ['AS Saint-Étienne.payments', 'stripe-keys-format — Stripe keys well-formed'],
      ['AS Saint-Étienne.shop', 'shop-online — Shop online'],
      ['AS Saint-Étienne.catalogue', 'category-club-access — Club category open to the group'],
      ['AS Saint-Étienne.payments', 'stripe-account-status — Stripe account active'],
      ['AS Saint-Étienne.promotions', 'promo-code — Promo code usable'],
      ['AS Saint-Étienne.shipping', 'relay-carrier-zones — Relay carrier <zones> & "points"'],
    ]);
    expect(cases.every((c) => c.attrs.time === '0.013')).toBe(true);
    expect(root.attrs.time).toBe('1.234');
  });

  it('maps statuses: fail → failure with remediation, error → error, skip → skipped, warn/manual/pass → passing', () => {
    const byId: Record<string, Element> = Object.fromEntries(suites[0]!.children.map((c) => [c.attrs.name?.split(' — ')[0], c]));
    const failure = byId['stripe-keys-format']!.children;
    expect(failure.map((c) => c.name)).toEqual(['failure']);
    // The message CI lists show carries the steps too.
    expect(failure[0]!.attrs.message).toBe('The secret key is missing.\nHow to fix:\n1. Open Stripe account settings.\n2. Paste the secret key.');
    expect(failure[0]!.text).toContain('1. Open Stripe account settings.\n2. Paste the secret key.');
    expect(byId['category-club-access']!.children.map((c) => c.name)).toEqual(['error']);
    expect(byId['category-club-access']!.children[0]!.text).toContain('shop.example.fr');
    expect(byId['promo-code']!.children.map((c) => c.name)).toEqual(['skipped']);
    expect(byId['stripe-account-status']!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(byId['stripe-account-status']!.children[0]!.text).toContain('WARN: Stripe account active');
    expect(byId['relay-carrier-zones']!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(byId['shop-online']!.children).toEqual([]);
  });

  it('counts tests, failures, errors and skipped per suite and in total', () => {
    expect(suites[0]!.attrs).toMatchObject({ tests: '6', failures: '1', errors: '1', skipped: '1' });
    expect(suites[1]!.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0', skipped: '0' });
    // The schema CI servers validate against has no `skipped` on <testsuites>.
    expect(root.attrs).toMatchObject({ tests: '8', failures: '2', errors: '1' });
    expect(root.attrs.skipped).toBeUndefined();
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const failure = suites[1]!.children[1]!.children[0]!;
    expect(failure.attrs.message).toBe('Zone "Corse" not served | a <b> & "c" \uFFFD\nHow to fix:\n1. Tick <Corse> & save.');
    expect(failure.text).toContain('Tick <Corse> & save.');
    expect(xml).not.toContain('\u0007');
  });

  it('escape functions', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe(`a&lt;b&gt;&amp;"c'`);
    expect(escapeAttr(`a<b>&"c'\nd`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#10;d');
    expect(escapeXml('ok \u0000 \uD800 😀')).toBe('ok \uFFFD \uFFFD 😀');
  });

  it('an empty report is still a valid document', () => {
    const empty = parseXml(renderJunit({ ...sampleReport('en'), clubs: [] }));
    expect(empty.attrs).toMatchObject({ tests: '0', failures: '0' });
  });
});
