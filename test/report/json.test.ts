import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderJson } from '../../src/report/render/json.js';
import { sampleReport } from './fixture.js';

// DESIGN.md §5, the JSON report contract (extra fields are allowed: the contract only grows).
const Status = z.enum(['pass', 'warn', 'fail', 'error', 'skip', 'manual']);
const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('checkout-doctor'), version: z.string().regex(/^\d+\.\d+\.\d+/) }),
  generatedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  clubs: z.array(
    z.object({
      club: z.object({ name: z.string(), groupId: z.number().int().nullable(), categoryId: z.number().int().nullable() }),
      summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), error: z.number().int(), skip: z.number().int(), manual: z.number().int() }),
      results: z.array(
        z.object({
          id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
          title: z.string().min(1),
          category: z.string(),
          status: Status,
          severity: z.enum(['fail', 'warn']),
          message: z.string(),
          remediation: z.array(z.string()),
          evidence: z.record(z.string(), z.unknown()),
          durationMs: z.number().nonnegative(),
        }),
      ),
    }),
  ),
});

describe('json renderer', () => {
  const text = renderJson(sampleReport('en'));
  const doc = JSON.parse(text);

  it('is one JSON document matching the §5 shape', () => {
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = ReportSchema.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('has summaries that add up to the results', () => {
    for (const club of doc.clubs as Array<{ summary: Record<string, number>; results: Array<{ status: string }> }>) {
      const total = Object.values(club.summary).reduce((a, b) => a + b, 0);
      expect(total).toBe(club.results.length);
      for (const [status, n] of Object.entries(club.summary)) expect(club.results.filter((r) => r.status === status)).toHaveLength(n);
    }
    expect(doc.clubs[0].club).toEqual({ name: 'AS Saint-Étienne', groupId: 5, categoryId: 11 });
    expect(doc.clubs[1].club).toEqual({ name: 'Club <Tom & "Jerry"> | Ünïcode', groupId: null, categoryId: null });
  });

  it('keeps the additions: report language, and the cause of errors', () => {
    expect(doc.lang).toBe('en');
    const error = doc.clubs[0].results.find((r: { status: string }) => r.status === 'error');
    expect(error.cause).toMatchObject({ source: 'prestashop', host: 'shop.example.fr', status: 401, code: 'WS_OFF' });
  });

  it('texts follow the report language', () => {
    const fr = JSON.parse(renderJson(sampleReport('fr')));
    expect(fr.clubs[0].results[0].message).toBe('La clé secrète manque.');
    expect(ReportSchema.safeParse(fr).success).toBe(true);
  });
});
