import type { GraphQLResolveInfo } from 'graphql';
import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { SourceOutcome } from '../sources/outcome.ts';
import { restrictToOutcomes } from './cache-hints.ts';
import type { RequestContext } from './context.ts';
import type { EventRef } from './event-ref.ts';

export interface Consulted {
  /** Reports of the vendors that answered with data. */
  reports: Map<Vendor, VendorReport>;
  /** Vendors that could not be consulted (failed, timed out, not configured). */
  failed: Vendor[];
}

/**
 * Loads the given vendors for an event (those the signals name) in parallel. Failures become
 * collected field errors, never exceptions, so the other vendors' data still resolves. The field's
 * cache hint is limited to the shortest life among the answers (see `cache-hints.ts`).
 */
export async function consult(
  context: RequestContext,
  event: EventRef,
  vendors: Iterable<Vendor>,
  info: GraphQLResolveInfo,
): Promise<Consulted> {
  const pending: Promise<SourceOutcome>[] = [];
  for (const vendor of vendors) {
    const outcome = context.sources.load(vendor, event.signals);
    if (outcome) pending.push(outcome);
  }
  const outcomes = await Promise.all(pending);
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
export async function consultOne(
  context: RequestContext,
  event: EventRef,
  vendor: Vendor,
  info: GraphQLResolveInfo,
): Promise<VendorReport | null> {
  return (await consult(context, event, [vendor], info)).reports.get(vendor) ?? null;
}
