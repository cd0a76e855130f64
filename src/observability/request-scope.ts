import { AsyncLocalStorage } from 'node:async_hooks';
import type { Vendor } from '../model/vendor.ts';
import type { SourceOutcome } from '../sources/outcome.ts';

/** How a GraphQL request ended: all data, data with errors (a vendor failed), or no data. */
export type GraphQLOutcome = 'ok' | 'partial' | 'error' | 'aborted';

/** What one request's lookups of one vendor gave: counts by status, and how many came from the cache. */
export interface VendorTally {
  lookups: number;
  cached: number;
  statuses: Partial<Record<SourceOutcome['status'], number>>;
}

/**
 * What the request log line, the request metrics and the request span need to know about one
 * GraphQL request, filled in by the layers that learn it (HTTP, Apollo plugin, vendor observer).
 * It holds no variables, tokens, IPs or query text by construction.
 */
export interface RequestScope {
  readonly id: string;
  operationType: string | undefined;
  operationName: string | undefined;
  outcome: Exclude<GraphQLOutcome, 'aborted'> | undefined;
  /** Distinct `extensions.code`s of the response's errors (stable codes only). */
  readonly errorCodes: Set<string>;
  readonly vendors: Map<Vendor, VendorTally>;
}

export function newRequestScope(id: string): RequestScope {
  return {
    id,
    operationType: undefined,
    operationName: undefined,
    outcome: undefined,
    errorCodes: new Set(),
    vendors: new Map(),
  };
}

// The scope follows the request through Apollo, resolvers, vendor lookups and vendor calls
// (all promise chains started inside `runInRequestScope`), so no function signature has to carry it.
const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return storage.run(scope, run);
}

/** The scope of the GraphQL request being served, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Counts one lookup's outcome in the current request's tally (no-op outside a request). */
export function tallyOutcome(outcome: SourceOutcome): void {
  const scope = storage.getStore();
  if (!scope) return;
  let tally = scope.vendors.get(outcome.vendor);
  if (!tally) {
    tally = { lookups: 0, cached: 0, statuses: {} };
    scope.vendors.set(outcome.vendor, tally);
  }
  tally.lookups += 1;
  if (outcome.cached) tally.cached += 1;
  tally.statuses[outcome.status] = (tally.statuses[outcome.status] ?? 0) + 1;
}
