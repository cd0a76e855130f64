import type { SourceOutcome } from '../../sources/outcome.ts';
import type { RequestContext } from '../context.ts';
import type { EventRef } from './event-ref.ts';

/**
 * Loads every vendor an event's selection needs (its `planned` vendors) before its fields resolve.
 * The fields then build their values synchronously from the outcomes, instead of each awaiting the
 * same per-request loads: one promise per event rather than one per field, which is most of what
 * graphql-js spends on an answer served from the cache. Loads of all events start in the same tick,
 * so a list or an `_entities` batch still makes one batch round per vendor.
 */
export function preloadEvents(context: RequestContext, events: readonly EventRef[]): Promise<EventRef[]> {
  return Promise.all(events.map((event) => preloadEvent(context, event)));
}

export async function preloadEvent(context: RequestContext, event: EventRef): Promise<EventRef> {
  const pending: Promise<SourceOutcome>[] = [];
  for (const vendor of event.planned) {
    if (event.outcomes?.has(vendor)) continue;
    const outcome = context.sources.load(vendor, event.signals);
    if (outcome) pending.push(outcome);
  }
  const outcomes = [...(event.outcomes?.values() ?? []), ...(await Promise.all(pending))];
  return { ...event, outcomes: new Map(outcomes.map((outcome) => [outcome.vendor, outcome])) };
}
