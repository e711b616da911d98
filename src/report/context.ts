// What a report says about the run itself, beside the results: which shop (its URL identifies it
// when reports are compared or merged), where the facts came from, which questions were asked.
// Additions to the JSON report (DESIGN.md §5: fields added, never reshaped).

import { snapshotTimeZone } from '../engine/shop-time.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { Query } from '../engine/types.js';
import type { Report, ReportShop, ReportSource } from './model.js';

export interface RunOrigin {
  /** The `--snapshot` file as given. */
  snapshot?: string;
  /** `--sandbox [fixture]`. */
  sandbox?: string | boolean;
}

function shopOf(snapshot: Snapshot): ReportShop {
  return {
    ...(snapshot.shop.name ? { name: snapshot.shop.name } : {}),
    ...(snapshot.shop.url ? { url: snapshot.shop.url } : {}),
    timeZone: snapshotTimeZone(snapshot),
  };
}

function sourceOf(snapshot: Snapshot, origin: RunOrigin): ReportSource {
  if (origin.snapshot) return { kind: 'snapshot', file: origin.snapshot, gatheredAt: snapshot.generatedAt };
  if (origin.sandbox) return { kind: 'sandbox', file: typeof origin.sandbox === 'string' ? origin.sandbox : 'demo', gatheredAt: snapshot.generatedAt };
  return { kind: 'live', gatheredAt: snapshot.generatedAt };
}

/** The fields a diagnosis adds to its report. */
export function reportContext(snapshot: Snapshot, origin: RunOrigin, query: Query): Pick<Report, 'shop' | 'source' | 'query'> {
  const asked = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Query;
  return { shop: shopOf(snapshot), source: sourceOf(snapshot, origin), ...(Object.keys(asked).length ? { query: asked } : {}) };
}
