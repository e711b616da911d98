import { describe, expect, it } from 'vitest';
import { scrubText } from '../../src/secrets/scrub.js';

describe('scrubText (upstream text kept in parts)', () => {
  const cases: Array<[string, string, string]> = [
    ['a ws_key in a URL quoted after another pair', "Max retries exceeded with url: /api/orders?ws_key=ABCDEF123456&display=full", 'ws_key=…&display=full'],
    ['a JSON secret field', '{"api_key": "zzzz9999", "id": 4}', '"api_key": "…"'],
    ['a PrestaShop constant', "define('_COOKIE_KEY_', 'q1w2e3r4t5');", "_COOKIE_KEY_', '…"],
  ];
  it.each(cases)('masks %s', (_name, input, expected) => {
    expect(scrubText(input)).toContain(expected);
  });

  it('masks credentials after Basic or Bearer', () => {
    expect(scrubText('Authorization: Basic dXNlcjpwYXNz')).not.toContain('dXNlcjpwYXNz');
    expect(scrubText('sent Bearer abcdef.ghijkl')).toBe('sent Bearer …');
  });

  it('leaves ordinary pairs alone', () => {
    expect(scrubText('display=full&limit=10 status: 503')).toBe('display=full&limit=10 status: 503');
  });
});
