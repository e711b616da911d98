// Configuration discovery lists each folder once instead of probing every search place (issue 9,
// start-up): it must find exactly what probing found. The probing version is kept here as the
// reference, and both run on folders holding each kind of thing discovery meets.

import { lstat, mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverConfig, searchPlaces } from '../../src/config/discover.js';

const NAME = 'checkout-doctor';

/** discoverConfig as it was: one lstat per search place and folder. */
async function probing(cwd: string, name: string): Promise<string | undefined> {
  const exists = (file: string) => stat(file).then(() => true, () => false);
  let dir = resolve(cwd);
  for (;;) {
    for (const place of searchPlaces(name)) {
      const file = join(dir, place);
      const link = await lstat(file).catch((error: NodeJS.ErrnoException) => (['ENOENT', 'ENOTDIR'].includes(error.code ?? '') ? undefined : error));
      if (!link) continue;
      if (link instanceof Error) return file;
      if (basename(place) === 'package.json') {
        const st = await stat(file).catch(() => undefined);
        if (!st?.isFile()) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readFile(file, 'utf8'));
        } catch {
          return file;
        }
        if (parsed && typeof parsed === 'object' && Object.hasOwn(parsed, name)) return file;
        continue;
      }
      return file;
    }
    if ((await exists(join(dir, 'package.json'))) || (await exists(join(dir, 'package.yaml')))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A project folder (its package.json, without the key, bounds the search) with `files` in it; returns it and its folder `a/b`. */
async function project(files: Record<string, string | { link: string } | 'folder'>): Promise<{ root: string; deep: string }> {
  const root = await mkdtemp(join(tmpdir(), 'cd-discover-'));
  await writeFile(join(root, 'package.json'), '{"name":"shop-tools"}');
  const deep = join(root, 'a', 'b');
  await mkdir(deep, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    if (content === 'folder') await mkdir(file, { recursive: true });
    else if (typeof content === 'string') await writeFile(file, content);
    else await symlink(content.link, file);
  }
  return { root, deep };
}

const CASES: [string, Record<string, string | { link: string } | 'folder'>, string | undefined][] = [
  ['no configuration', {}, undefined],
  ['an rc file at the project root', { '.checkout-doctorrc.yaml': 'checks: {}' }, '.checkout-doctorrc.yaml'],
  ['the first place in cosmiconfig’s order wins', { 'checkout-doctor.config.js': '', '.checkout-doctorrc.json': '{}', '.config/checkout-doctorrc': '' }, '.checkout-doctorrc.json'],
  ['one in .config/', { '.config/checkout-doctorrc.json': '{}' }, '.config/checkout-doctorrc.json'],
  ['a .config that is a file', { '.config': 'x' }, undefined],
  ['a link to nothing', { '.checkout-doctorrc.json': { link: 'missing.json' } }, '.checkout-doctorrc.json'],
  ['a folder where the file goes', { '.checkout-doctorrc': 'folder' }, '.checkout-doctorrc'],
  ['a nearer folder’s file', { 'a/.checkout-doctorrc.json': '{}', '.checkout-doctorrc.json': '{}' }, 'a/.checkout-doctorrc.json'],
  ['a package.json with the key', { 'a/package.json': '{"checkout-doctor":{}}' }, 'a/package.json'],
  ['a package.json that is not JSON', { 'a/package.json': '{' }, 'a/package.json'],
  ['a package.json without the key ends the search', { 'a/package.json': '{}', '.checkout-doctorrc.json': '{}' }, undefined],
  ['a package.yaml ends the search', { 'a/package.yaml': 'name: x', '.checkout-doctorrc.json': '{}' }, undefined],
  ['a package.json folder does not count, but ends the search', { 'a/package.json': 'folder', '.checkout-doctorrc.json': '{}' }, undefined],
  ['a link to nothing as package.json does not end the search', { 'a/package.json': { link: 'nowhere' }, '.checkout-doctorrc.json': '{}' }, '.checkout-doctorrc.json'],
  ['an upper-case name', { '.CHECKOUT-DOCTORRC.JSON': '{}', 'a/.Config/checkout-doctorrc': '' }, undefined],
];

describe('discoverConfig (one listing per folder)', () => {
  it.each(CASES)('%s: found as by probing every place', async (_what, files, expected) => {
    const { root, deep } = await project(files);
    // On a case-insensitive file system the upper-case names are the same files: whatever probing finds.
    const reference = await probing(deep, NAME);
    expect(await discoverConfig(deep, NAME)).toBe(reference);
    if (expected === undefined) expect(reference === undefined || /checkout-doctorrc/i.test(basename(reference ?? ''))).toBe(true);
    else expect(reference).toBe(join(root, expected));
  });
});
