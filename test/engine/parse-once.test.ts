// Start-up (issue 9): what a run validates once — the snapshot file, each part — is parsed without
// zod's JIT, which compiles a parser with `new Function` for each object schema on its first parse
// and costs more than it saves on data parsed once. Counted through the global Function
// constructor, which zod's compiler calls at parse time; a control parse proves the counter sees it.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinChecks } from '../../checks/index.js';
import { runChecks } from '../../src/engine/runner.js';
import { answeredQueries, parseSnapshot } from '../../src/engine/snapshot.js';

const DEMO = 'fixtures/demo-shop.snapshot.json';
const RealFunction = globalThis.Function;
let compiled = 0;

function countCompilations(): void {
  compiled = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args, newTarget) {
      compiled++;
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      compiled++;
      return Reflect.apply(target, self, args);
    },
  });
}

afterEach(() => {
  globalThis.Function = RealFunction;
});

describe('parsing once, without compiling', () => {
  it('the counter sees zod compile a parser on a default parse (control)', () => {
    const schema = z.object({ id: z.number(), name: z.string() });
    countCompilations();
    expect(schema.safeParse({ id: 1, name: 'x' }).success).toBe(true);
    expect(compiled).toBeGreaterThan(0);
  });

  it('a snapshot diagnosis of the demo shop compiles no parser, and still validates every part', async () => {
    const text = readFileSync(DEMO, 'utf8');
    countCompilations();
    const snapshot = parseSnapshot(text, DEMO);
    const query = { customer: answeredQueries(snapshot, 'customer')[0], code: answeredQueries(snapshot, 'code')[0], order: answeredQueries(snapshot, 'order')[0] };
    let results = 0;
    for (const club of snapshot.clubs) {
      const clubResults = await runChecks({ checks: builtinChecks, snapshot, club, query });
      // The demo snapshot is sound: no check may be `error` because a part failed validation.
      expect(clubResults.filter((r) => r.cause?.kind === 'malformed').map((r) => r.check.meta.id)).toEqual([]);
      results += clubResults.length;
    }
    expect(results).toBe(snapshot.clubs.length * builtinChecks.length);
    expect(compiled).toBe(0);
  });

  it('a malformed part is still refused with the path of the bad field', async () => {
    const snapshot = parseSnapshot(readFileSync(DEMO, 'utf8'), DEMO);
    const query = { customer: answeredQueries(snapshot, 'customer')[0], code: answeredQueries(snapshot, 'code')[0], order: answeredQueries(snapshot, 'order')[0] };
    const club = snapshot.clubs[0]!;
    const group = club.parts['club.group'];
    expect(group?.status).toBe('ok');
    const broken = { ...club, parts: { ...club.parts, 'club.group': { status: 'ok' as const, data: { id: 'seven', name: 'x' } } } };
    countCompilations();
    const results = await runChecks({ checks: builtinChecks, snapshot, club: broken, query });
    const needing = results.filter((r) => r.check.meta.needs.includes('club.group'));
    expect(needing.length).toBeGreaterThan(0);
    for (const r of needing) {
      expect(r.status).toBe('error');
      expect(r.cause?.kind).toBe('malformed');
      expect(r.cause?.message).toContain('club.group.id');
    }
    expect(compiled).toBe(0);
  });
});
