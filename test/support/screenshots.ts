// Screenshot comparison with a tolerance: font hinting and anti-aliasing may move a few pixels from
// one machine to another, a layout change moves many. The compared images are kept under
// test-output/screenshots/ (git-ignored): <name>.actual.png, <name>.expected.png, <name>.diff.png.
// UPDATE_SCREENSHOTS=1 writes the actual image as the new reference under
// test/report/__screenshots__/ (commit it after looking at it).

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { ROOT } from '../e2e/run-cli.js';

export const REFERENCES = join(ROOT, 'test/report/__screenshots__');
export const OUTPUT = join(ROOT, 'test-output/screenshots');

export interface Comparison {
  reference: string;
  actual: string;
  diff?: string;
  width: number;
  height: number;
  /** Pixels that differ beyond pixelmatch's per-pixel threshold. */
  differing: number;
  ratio: number;
  updated: boolean;
}

/** Width and height from a PNG's IHDR chunk (bytes 16 to 23), without decoding the image. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * `tolerance` (a ratio of differing pixels), when given: the diff image is written only when the
 * ratio reaches it, i.e. when someone has a difference to look at (encoding it costs a fraction of
 * a second of CPU per full-page image).
 */
export function compareScreenshot(name: string, png: Buffer, options: { threshold?: number; tolerance?: number; references?: string } = {}): Comparison {
  mkdirSync(OUTPUT, { recursive: true });
  const reference = join(options.references ?? REFERENCES, `${name}.png`);
  const actual = join(OUTPUT, `${name}.actual.png`);
  writeFileSync(actual, png);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(reference)) {
    if (process.env.UPDATE_SCREENSHOTS !== '1') throw new Error(`No reference screenshot ${reference}: run with UPDATE_SCREENSHOTS=1 to create it.`);
    mkdirSync(options.references ?? REFERENCES, { recursive: true });
    writeFileSync(reference, png);
    return { reference, actual, ...pngSize(png), differing: 0, ratio: 0, updated: true };
  }
  copyFileSync(reference, join(OUTPUT, `${name}.expected.png`));
  const referenceBytes = readFileSync(reference);
  // The same bytes are the same pixels: no decoding (the common case on the machine that recorded them).
  if (referenceBytes.equals(png)) return { reference, actual, ...pngSize(png), differing: 0, ratio: 0, updated: false };
  const image = PNG.sync.read(png);
  const expected = PNG.sync.read(referenceBytes);
  if (expected.width !== image.width || expected.height !== image.height) {
    return { reference, actual, width: image.width, height: image.height, differing: Number.POSITIVE_INFINITY, ratio: 1, updated: false };
  }
  const diff = new PNG({ width: image.width, height: image.height });
  const differing = pixelmatch(expected.data, image.data, diff.data, image.width, image.height, { threshold: options.threshold ?? 0.2 });
  const ratio = differing / (image.width * image.height);
  if (options.tolerance !== undefined && ratio < options.tolerance) return { reference, actual, width: image.width, height: image.height, differing, ratio, updated: false };
  const diffPath = join(OUTPUT, `${name}.diff.png`);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return { reference, actual, diff: diffPath, width: image.width, height: image.height, differing, ratio, updated: false };
}
