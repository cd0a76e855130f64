import { after, type Eventually } from '../../eventually.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { RequestContext } from '../context.ts';
import type { EventRef } from './event-ref.ts';

/**
 * Loads every vendor an event's selection needs (its `planned` vendors) before its fields resolve.
 * The fields then build their values synchronously from the outcomes, instead of each awaiting the
 * same per-request loads: at most one promise per event rather than one per field, and none at all
 * when the result cache held every outcome in memory, which is most of what graphql-js spends on an
 * answer served from the cache. Loads of all events start in the same tick, so a list or an
 * `_entities` batch still makes one round of parallel calls per vendor.
 */
export function preloadEvents(context: RequestContext, events: readonly EventRef[]): Eventually<EventRef[]> {
  const preloaded = events.map((event) => preloadEvent(context, event));
  return preloaded.some((event) => event instanceof Promise) ? Promise.all(preloaded) : (preloaded as EventRef[]);
}

export function preloadEvent(context: RequestContext, event: EventRef): Eventually<EventRef> {
  const outcomes = new Map<Vendor, SourceOutcome>(event.outcomes);
  const pending: Promise<SourceOutcome>[] = [];
  for (const vendor of event.planned) {
    if (outcomes.has(vendor)) continue;
    const outcome = context.sources.load(vendor, event.signals);
    if (outcome instanceof Promise) pending.push(outcome);
    else if (outcome) outcomes.set(vendor, outcome);
  }
  const preloaded = (): EventRef => ({ ...event, outcomes });
  if (pending.length === 0) return preloaded();
  return after(Promise.all(pending), (loaded) => {
    for (const outcome of loaded) outcomes.set(outcome.vendor, outcome);
    return preloaded();
  });
}
