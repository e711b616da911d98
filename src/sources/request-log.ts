// Every upstream request a run makes (HTTP call, SQL statement), recorded by the sources. It proves
// the "each resource at most once per run" rule in tests, feeds `--debug` and the benchmarks, and
// never holds secrets: callers record method and target only (no headers, no bodies, no keys).

export interface LoggedRequest {
  source: 'prestashop' | 'database' | 'stripe' | 'sendcloud' | 'shop-front' | 'dynamic-coupons';
  /** GET, SQL... */
  method: string;
  /** URL path and query, or the SQL statement's first line. */
  target: string;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  /** Requests made more than once, with their count: should always be empty. */
  duplicates(): Array<LoggedRequest & { count: number }> {
    const counts = new Map<string, { entry: LoggedRequest; count: number }>();
    for (const e of this.entries) {
      const key = `${e.source} ${e.method} ${e.target}`;
      const seen = counts.get(key);
      if (seen) seen.count++;
      else counts.set(key, { entry: e, count: 1 });
    }
    return [...counts.values()].filter((c) => c.count > 1).map((c) => ({ ...c.entry, count: c.count }));
  }

  countBySource(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) out[e.source] = (out[e.source] ?? 0) + 1;
    return out;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** The run's log, shared by all sources of the process. */
export const requestLog = new RequestLog();
