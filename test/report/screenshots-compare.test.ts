// The screenshot comparison of html-browser.test.ts (test/support/screenshots.ts) on small images
// made here: the same bytes compare equal without decoding, a changed pixel is counted, and the
// diff image is written only when the differing ratio reaches the tolerance.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { compareScreenshot } from '../support/screenshots.js';

/** A 10×10 white PNG, with the listed pixels black. */
function image(black: Array<[number, number]> = []): Buffer {
  const png = new PNG({ width: 10, height: 10 });
  png.data.fill(255);
  for (const [x, y] of black) png.data.fill(0, (y * 10 + x) * 4, (y * 10 + x) * 4 + 3);
  return PNG.sync.write(png);
}

describe('compareScreenshot', () => {
  const references = mkdtempSync(join(tmpdir(), 'cd-screenshots-'));
  writeFileSync(join(references, 'selftest-compare.png'), image());

  it('the same bytes: nothing differs', () => {
    const result = compareScreenshot('selftest-compare', image(), { references, tolerance: 0.005 });
    expect(result).toMatchObject({ width: 10, height: 10, differing: 0, ratio: 0, updated: false });
    expect(result.diff).toBeUndefined();
  });

  it('the same pixels encoded differently: decoded and compared, nothing differs', () => {
    const png = PNG.sync.read(image());
    const other = PNG.sync.write(png, { deflateLevel: 1, filterType: 0 });
    expect(other.equals(image())).toBe(false);
    expect(compareScreenshot('selftest-compare', other, { references })).toMatchObject({ differing: 0, ratio: 0 });
  });

  it('changed pixels are counted; the diff image is written only at the tolerance', () => {
    const below = compareScreenshot('selftest-compare', image([[3, 3]]), { references, tolerance: 0.05 });
    expect(below).toMatchObject({ differing: 1, ratio: 0.01 });
    expect(below.diff).toBeUndefined();
    const above = compareScreenshot('selftest-compare', image([[3, 3], [4, 4]]), { references, tolerance: 0.01 });
    expect(above).toMatchObject({ differing: 2, ratio: 0.02 });
    expect(existsSync(above.diff!)).toBe(true);
    // Without a tolerance, as before: always written.
    expect(compareScreenshot('selftest-compare', image([[3, 3]]), { references }).diff).toBeDefined();
    rmSync(references, { recursive: true, force: true });
  });
});
