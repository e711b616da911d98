// Builders shared by the check tests: a hand-built CheckContext for calling `check.run` directly,
// and a tiny in-memory Snapshot for going through the runner.

import type { PartName } from '../../src/engine/parts.js';
import type { ClubSnapshot, PartEnvelope, PartMap, Snapshot } from '../../src/engine/snapshot.js';
import type { CheckContext, CheckOutcome, Text } from '../../src/engine/types.js';

export const NOW = new Date('2026-11-23T10:00:00Z');

export function makeCtx(parts: CheckContext['parts'], extra: Partial<Omit<CheckContext, 'parts'>> = {}): CheckContext {
  return {
    club: { name: 'FC Lyon' },
    parts,
    unavailable: {},
    options: {},
    query: {},
    now: NOW,
    ...extra,
  };
}

export function ok(data: unknown): PartEnvelope {
  return { status: 'ok', data };
}

export function makeSnapshot(opts: {
  shopParts?: PartMap;
  clubParts?: PartMap;
  lookups?: Snapshot['lookups'];
  clubName?: string;
}): { snapshot: Snapshot; club: ClubSnapshot } {
  const club: ClubSnapshot = { name: opts.clubName ?? 'FC Lyon', parts: opts.clubParts ?? {} };
  const snapshot: Snapshot = {
    format: 'checkout-doctor-snapshot',
    schemaVersion: 1,
    generatedAt: NOW.toISOString(),
    shop: {},
    sources: {},
    parts: opts.shopParts ?? {},
    lookups: opts.lookups ?? {},
    clubs: [club],
  };
  return { snapshot, club };
}

/** Every sentence of an outcome, both languages, for "mentions X" assertions. */
export function allText(outcome: Pick<CheckOutcome, 'message' | 'remediation'>): string {
  const texts: Text[] = [outcome.message, ...(outcome.remediation ?? [])];
  return texts.map((x) => `${x.fr}\n${x.en}`).join('\n');
}

export function englishMessage(outcome: Pick<CheckOutcome, 'message'>): string {
  return outcome.message.en;
}

export function remediationText(outcome: Pick<CheckOutcome, 'remediation'>, lang: 'fr' | 'en' = 'fr'): string {
  return (outcome.remediation ?? []).map((x) => x[lang]).join('\n');
}

export type { PartName };
