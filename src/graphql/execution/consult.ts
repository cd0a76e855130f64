import type { GraphQLResolveInfo } from 'graphql';
import type { VendorReport } from '../../model/report.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { RequestContext } from '../context.ts';
import { restrictToOutcomes } from './cache-hints.ts';
import type { EventRef } from './event-ref.ts';

export interface Consulted {
  /** Reports of the vendors that answered with data. */
  reports: Map<Vendor, VendorReport>;
  /** Vendors that could not be consulted (failed, timed out, not configured). */
  failed: Vendor[];
}

/** A value now, or later. Resolvers return it as is: graphql-js only takes its slower promise path for promises. */
export type Eventually<T> = T | Promise<T>;

export function after<T, U>(value: Eventually<T>, next: (value: T) => U): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The given vendors' outcomes for an event (those the signals name): synchronously when
 * `preloadEvents` already has them, else by loading them in parallel. `instead` gives some vendors'
 * outcomes from other lookups (a checkpoint's, which also evaluates a vendor ruleset). Failures
 * become collected field errors, never exceptions, so the other vendors' data still resolves. The
 * field's cache hint is limited to the shortest life among the answers (see `cache-hints.ts`).
 */
export function consult(
  context: RequestContext,
  event: EventRef,
  vendors: Iterable<Vendor>,
  info: GraphQLResolveInfo,
  instead?: ReadonlyMap<Vendor, Promise<SourceOutcome>>,
): Eventually<Consulted> {
  const ready: SourceOutcome[] = [];
  const pending: Promise<SourceOutcome>[] = [];
  for (const vendor of vendors) {
    const replaced = instead?.get(vendor);
    if (replaced) {
      pending.push(replaced);
      continue;
    }
    const known = event.outcomes?.get(vendor);
    if (known) {
      ready.push(known);
      continue;
    }
    const outcome = context.sources.load(vendor, event.signals);
    if (outcome) pending.push(outcome);
  }
  if (pending.length === 0) return summarize(context, info, ready);
  return Promise.all(pending).then((loaded) => summarize(context, info, [...ready, ...loaded]));
}

function summarize(context: RequestContext, info: GraphQLResolveInfo, outcomes: readonly SourceOutcome[]): Consulted {
  restrictToOutcomes(info, outcomes);
  const consulted: Consulted = { reports: new Map(), failed: [] };
  for (const outcome of outcomes) {
    if (outcome.report) consulted.reports.set(outcome.vendor, outcome.report);
    if (outcome.error && outcome.status !== 'NOT_FOUND') {
      consulted.failed.push(outcome.vendor);
      context.vendorErrors.add(outcome.error, info);
    }
  }
  return consulted;
}

/** One vendor's report for an event: null when not named, not found or failed (failure collected). */
export function consultOne(
  context: RequestContext,
  event: EventRef,
  vendor: Vendor,
  info: GraphQLResolveInfo,
): Eventually<VendorReport | null> {
  return after(consult(context, event, [vendor], info), ({ reports }) => reports.get(vendor) ?? null);
}
