// Issue 9 (scale): the JSON report is redacted in one pass, value by value as it is written
// (Redactor.redactedJson), instead of values masked then the whole text scanned again. Same bytes
// as the two passes on what a report holds; what only the text pass caught (object keys, numbers,
// objects that are not plain) is caught too; and a club piece written early (prepareClubJson) is
// written again when a secret was registered after it.

import { describe, expect, it } from 'vitest';
import { Redactor, isRedacted, redactor } from '../../src/secrets/redact.js';
import { prepareClubJson, redactedJsonChunks, renderJson } from '../../src/report/render/json.js';
import type { ClubReport, Report } from '../../src/report/model.js';

const SECRET = 'Wk9-secret/"quoted"\\back\nline';
const DB_PASSWORD = 'p@ss word+/=%é';
const SHORT = 'Zq7x';
const STRIPE = 'sk_live_51Habcdefghijklmnop0123';

function fresh(): Redactor {
  const r = new Redactor();
  r.add(SECRET);
  r.add(DB_PASSWORD);
  r.add(`${SECRET}\n`);
  r.add(SHORT);
  r.addCredentials('user', DB_PASSWORD);
  return r;
}

/** What the JSON report was before: values masked (redactDeep), written, then the text scanned. */
const twoPasses = (r: Redactor, value: unknown) => r.redact(JSON.stringify(r.redactDeep(value), null, 2));

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Strings as a report holds them: messages quoting upstream answers, evidence, causes. */
const HOSTILE = [
  `key ${SECRET} in a message`,
  `${SECRET}\n`,
  `json-escaped ${JSON.stringify(SECRET).slice(1, -1)} from an upstream body`,
  `php-escaped ${JSON.stringify(SECRET).slice(1, -1).replace(/\//g, '\\/')}`,
  `percent ${encodeURIComponent(DB_PASSWORD)} and form ${encodeURIComponent(DB_PASSWORD).replace(/%20/g, '+')}`,
  `basic ${b64(`${SECRET}:`)} and ${b64(`user:${DB_PASSWORD}`)}`,
  `unconfigured ${STRIPE}, at the start of a line:\n${STRIPE}`,
  `\t${STRIPE}`,
  `"${STRIPE}"`,
  `short ${SHORT} alone, not inside ${SHORT}abc`,
  `whsec_abcdefghijklmnop and rk_test_abcdefghijkl`,
  'plain French text : « guillemets » et l’apostrophe…',
  '',
];

describe('Redactor.redactedJson', () => {
  it('writes the same bytes as the two passes it replaces, for every string a report holds', () => {
    const r = fresh();
    const value = {
      messages: HOSTILE,
      evidence: Object.fromEntries(HOSTILE.map((s, i) => [`field${i}`, { text: s, list: [s, i, null, true] }])),
      nested: [[HOSTILE], { deeper: { again: HOSTILE.at(0) } }],
      numbers: [0, -1.5, 1e21, 12],
    };
    expect(r.redactedJson(value, 2)).toBe(twoPasses(r, value));
    for (const s of HOSTILE) expect(r.redactedJson({ s }, 2)).toBe(twoPasses(r, { s }));
    const out = r.redactedJson(value, 2);
    for (const secret of [SECRET, JSON.stringify(SECRET).slice(1, -1), STRIPE, b64(`${SECRET}:`)]) expect(out).not.toContain(secret);
  });

  it('masks secrets in object keys, in numbers and inside objects that are not plain, which only the text pass saw', () => {
    const r = new Redactor();
    r.add('98765432101');
    r.add('KeyAsSecret123');
    class Holder {
      constructor(readonly inside: string) {}
    }
    const value = { evidence: { KeyAsSecret123: 1, [`${STRIPE}`]: 'x', id: 98765432101, holder: new Holder(`leak ${'KeyAsSecret123'}`) } };
    const out = r.redactedJson(value, 2);
    for (const secret of ['98765432101', 'KeyAsSecret123', STRIPE]) expect(out).not.toContain(secret);
    // Still JSON: a masked number is written as a string.
    expect(() => JSON.parse(out)).not.toThrow();
    expect(JSON.parse(out).evidence.id).toBe(r.redact('98765432101'));
  });

  it('the JSON report in pieces is marked redacted, and is the JSON report masked', () => {
    const report = { schemaVersion: 1, lang: 'en', clubs: [{ club: { name: 'A' }, summary: {}, results: [{ message: `x ${STRIPE}` }] }] } as unknown as Report;
    const pieces = redactedJsonChunks(report);
    expect(isRedacted(pieces)).toBe(true);
    const text = [...pieces].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
    expect(text).toBe(redactor.redact(renderJson(redactor.redactDeep(report))));
    expect(text).not.toContain(STRIPE);
  });
});

describe('a club piece written early', () => {
  const join = (pieces: Iterable<string | Uint8Array>) => [...pieces].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
  const club = (name: string, message: string): ClubReport =>
    ({ club: { name, groupId: 1, categoryId: null }, summary: { pass: 1 }, results: [{ id: 'x', title: 'T', message, remediation: [], evidence: { quote: 'l’écho « » …' } }] }) as unknown as ClubReport;

  it('is written as prepared, byte for byte what writing it at the end gives', () => {
    const clubs = [club('Étoile', 'premier'), club('Racing', 'second'), club('Cercle', 'troisième')];
    const report = { schemaVersion: 1, lang: 'fr', clubs } as unknown as Report;
    const atEnd = join(redactedJsonChunks(report));
    clubs.forEach(prepareClubJson);
    const pieces = [...redactedJsonChunks(report)];
    // The prepared pieces are the bytes kept, not written again.
    expect(pieces.filter((p) => typeof p !== 'string')).toHaveLength(clubs.length);
    expect(join(pieces)).toBe(atEnd);
    expect(join(pieces)).toBe(renderJson(report));
  });

  it('is written again when a secret was registered after it was prepared: the secret is masked', () => {
    const late = 'LateRegisteredSecret0042';
    const prepared = club('Late', `the upstream said ${late}`);
    const report = { schemaVersion: 1, lang: 'en', clubs: [prepared] } as unknown as Report;
    prepareClubJson(prepared);
    redactor.add(late);
    const pieces = [...redactedJsonChunks(report)];
    expect(pieces.every((p) => typeof p === 'string')).toBe(true);
    expect(join(pieces)).not.toContain(late);
    expect(join(pieces)).toContain(redactor.redact(late));
  });
});
