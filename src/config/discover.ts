// Finds the configuration file without reading it, in cosmiconfig's places and order (searchStrategy
// "project": from the current folder up to the nearest folder holding a package.json). Done here
// rather than by cosmiconfig's search because that search silently skips a file it cannot read,
// a folder standing where a file is expected and a file holding `null`, and then reports "no
// configuration": here such a file is found, and reading it fails with what is really wrong. It
// also lets the file's size be checked before anything reads it.
//
// Each folder is listed once (readdir) and only the places it holds are looked at (lstat), instead
// of probing all 24 places one by one: a diagnosis from a folder without configuration made ~25
// file-system calls for nothing (issue 9, start-up). Names are compared without case, as a
// case-insensitive file system would find them, and the lstat that follows decides; a folder that
// cannot be listed is probed place by place as before.

import { lstat, readdir, readFile, stat } from '../engine/fs.js';
import { basename, dirname, join, resolve } from 'node:path';
import { sizeLimit } from './bounds.js';

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Whether a package.json carries a `name` key; one that is not JSON is reported by the loader. */
async function packageHasKey(file: string, size: number, name: string): Promise<boolean> {
  sizeLimit(file, size);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return true;
  }
  return Boolean(parsed && typeof parsed === 'object' && Object.hasOwn(parsed, name));
}

/**
 * cosmiconfig's search places (its getDefaultSearchPlaces), in its order: written out here so that a
 * run without a configuration file never loads cosmiconfig; test/config/discover.test.ts checks
 * that the list still matches the installed cosmiconfig.
 */
export function searchPlaces(name: string): string[] {
  const rc = ['', '.json', '.yaml', '.yml', '.js', '.ts', '.cjs', '.mjs'];
  return ['package.json', ...rc.map((ext) => `.${name}rc${ext}`), ...rc.map((ext) => `.config/${name}rc${ext}`), ...['.js', '.ts', '.cjs', '.mjs'].map((ext) => `${name}.config${ext}`)];
}

/** The names in `dir`, lower-cased; undefined when it cannot be listed (its places are then probed). */
async function listing(dir: string): Promise<Set<string> | undefined> {
  return readdir(dir).then(
    (names) => new Set(names.map((n) => n.toLowerCase())),
    () => undefined,
  );
}

/** Whether `place` (`x` or `.config/x`) may be in `dir`, from the listings of `dir` and, when asked, of its subfolder. */
function placeTester(dir: string, names: Set<string> | undefined): (place: string) => Promise<boolean> {
  const sub = new Map<string, Promise<Set<string> | undefined>>();
  return async (place) => {
    if (!names) return true;
    const slash = place.indexOf('/');
    if (slash < 0) return names.has(place.toLowerCase());
    const folder = place.slice(0, slash);
    if (!names.has(folder.toLowerCase())) return false;
    if (!sub.has(folder)) sub.set(folder, listing(join(dir, folder)));
    const inside = await sub.get(folder);
    return !inside || inside.has(place.slice(slash + 1).toLowerCase());
  };
}

/** The path of the configuration file that applies to `cwd`, or undefined when there is none. */
export async function discoverConfig(cwd: string, name: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const names = await listing(dir);
    const mayHold = placeTester(dir, names);
    for (const place of searchPlaces(name)) {
      if (!(await mayHold(place))) continue;
      const file = join(dir, place);
      // lstat first: a symlink to nothing is a configuration the person meant, not an absence.
      const link = await lstat(file).catch((error: NodeJS.ErrnoException) => (MISSING.has(error.code ?? '') ? undefined : error));
      if (!link) continue;
      if (link instanceof Error) return file;
      if (basename(place) === 'package.json') {
        const st = await stat(file).catch(() => undefined);
        if (st?.isFile() && (await packageHasKey(file, st.size, name))) return file;
        continue;
      }
      return file;
    }
    for (const marker of ['package.json', 'package.yaml']) if ((await mayHold(marker)) && (await exists(join(dir, marker)))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
