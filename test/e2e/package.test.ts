// The npm package (issue 12, item 9): what `npm pack` puts in the tarball. The tarball itself is
// installed and run by scripts/check-package.sh (a step of .ci/run); this checks its contents
// without building (`--ignore-scripts`: the files of the build the tests run on).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

function packedFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}

describe('npm package', () => {
  it('builds before packing', () => {
    expect(pkg.scripts.prepack).toMatch(/npm run build/);
  });

  it('holds the launcher, the bundle and its code cache, the demo shop, and the configuration schema: no source map, no source, no test-only fixture', () => {
    const files = packedFiles();
    for (const needed of [
      'bin/checkout-doctor.js',
      'bin/load-program.cjs',
      'dist/bundle/checkout-doctor.cjs',
      'dist/bundle/checkout-doctor.cjs.cache',
      'fixtures/shops/demo-shop.json',
      'fixtures/shops/demo-stripe.json',
      'fixtures/shops/demo-sendcloud.json',
      'fixtures/demo-shop.snapshot.json',
      'schema/checkout-doctor.schema.json',
      'schema/example.checkout-doctorrc.json',
      'package.json',
      'README.md',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|test|checks|bench|scripts|dist\/src)\//.test(f) || f.endsWith('.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('fixtures/') && !/^fixtures\/(shops\/demo-[a-z]+\.json|demo-shop\.snapshot\.json)$/.test(f))).toEqual([]);
    expect(files).toContain(pkg.bin['checkout-doctor']);
  });
});
