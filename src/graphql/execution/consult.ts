import type { GraphQLResolveInfo } from 'graphql';
import { after, type Eventually } from '../../eventually.ts';
import type { VendorReport } from '../../model/report.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { VendorError } from '../../vendors/errors.ts';
import type { RequestContext } from '../context.ts';
import { restrictToOutcomes } from './cache-hints.ts';
import type { EventRef } from './event-ref.ts';

/**
 * What the vendors consulted for a field said. The same answers always give the same object
 * (`internConsulted`), so what a resolver computes from it alone can be remembered (`derived`).
 * Shared between requests: read it, never change it.
 */
export interface Consulted {
  /** Reports of the vendors that answered with data. */
  readonly reports: ReadonlyMap<Vendor, VendorReport>;
  /** Vendors that could not be consulted (failed, timed out, not configured). */
  readonly failed: readonly Vendor[];
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
  instead?: ReadonlyMap<Vendor, Eventually<SourceOutcome>>,
): Eventually<Consulted> {
  const ready: SourceOutcome[] = [];
  const pending: Promise<SourceOutcome>[] = [];
  for (const vendor of vendors) {
    const outcome = instead?.get(vendor) ?? event.outcomes?.get(vendor) ?? context.sources.load(vendor, event.signals);
    if (outcome instanceof Promise) pending.push(outcome);
    else if (outcome) ready.push(outcome);
  }
  if (pending.length === 0) return summarize(context, info, ready);
  return Promise.all(pending).then((loaded) => summarize(context, info, [...ready, ...loaded]));
}

function summarize(context: RequestContext, info: GraphQLResolveInfo, outcomes: readonly SourceOutcome[]): Consulted {
  restrictToOutcomes(context.cacheHints, info, outcomes);
  for (const outcome of outcomes) {
    if (failed(outcome)) context.vendorErrors.add(outcome.error, info);
  }
  return internConsulted(outcomes);
}

function failed(outcome: SourceOutcome): outcome is SourceOutcome & { error: VendorError } {
  return outcome.error !== null && outcome.status !== 'NOT_FOUND';
}

/** A node of the interning tree: one level per outcome, keyed by its report or by what stands for its absence. */
interface InternedNode {
  readonly next: WeakMap<object, InternedNode>;
  consulted?: Consulted;
}

const interned: InternedNode = { next: new WeakMap() };
/** Stand-ins for a vendor's answer without a report: one for "failed", one for "had nothing". */
const absences = new Map<Vendor, { failed: object; nothing: object }>();

function absenceKey(outcome: SourceOutcome): object {
  let keys = absences.get(outcome.vendor);
  if (!keys) {
    keys = { failed: {}, nothing: {} };
    absences.set(outcome.vendor, keys);
  }
  return failed(outcome) ? keys.failed : keys.nothing;
}

/**
 * The one `Consulted` for these answers. A report served from the cache is the same object in
 * every request, so a query served from the cache gets the same `Consulted` each time, and the
 * values resolvers derive from it are computed once (`derived`). Keyed weakly by the reports:
 * an entry goes when its reports leave the cache. Fresh answers are not interned: they are seldom
 * asked for again before they are served from the cache.
 */
function internConsulted(outcomes: readonly SourceOutcome[]): Consulted {
  if (outcomes.some((outcome) => !outcome.cached)) return consultedOf(outcomes);
  let node = interned;
  for (const outcome of outcomes) {
    const key = outcome.report ?? absenceKey(outcome);
    let next = node.next.get(key);
    if (!next) {
      next = { next: new WeakMap() };
      node.next.set(key, next);
    }
    node = next;
  }
  node.consulted ??= consultedOf(outcomes);
  return node.consulted;
}

function consultedOf(outcomes: readonly SourceOutcome[]): Consulted {
  const reports = new Map<Vendor, VendorReport>();
  for (const outcome of outcomes) if (outcome.report) reports.set(outcome.vendor, outcome.report);
  return { reports, failed: outcomes.filter(failed).map((outcome) => outcome.vendor) };
}

/**
 * A value computed from `key` alone (a `Consulted`, or a key of a memo kept per `Consulted`):
 * computed once per key of `memo`.
 */
export function derived<Key, Value>(
  memo: { get(key: Key): Value | undefined; set(key: Key, value: Value): unknown },
  key: Key,
  compute: () => Value,
): Value {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
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
