import type { GraphQLResolveInfo } from 'graphql';
import { after, type Eventually } from '../../eventually.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { Signals } from '../../signals/signals.ts';
import type { RequestContext } from '../context.ts';
import { consult } from './consult.ts';
import type { EventRef } from './event-ref.ts';

/**
 * The signals `Event.id` encodes: the event's own, except fields too long for an id (a sealed
 * result), which give way to the signals their vendor's report names (the event id inside it).
 * The vendor is consulted only when the other signals do not already identify the event.
 */
export function eventIdSignals(
  event: EventRef,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Eventually<Signals> {
  const kept: Record<string, string | undefined> = { ...event.signals };
  const toConsult: Vendor[] = [];
  for (const vendor of context.vendors.descriptors) {
    const replaced = vendor.signals.filter((signal) => signal.replacedInEventId && event.signals[signal.field]);
    if (replaced.length === 0) continue;
    for (const { field } of replaced) delete kept[field];
    const identified = vendor.signals.some((signal) => !signal.replacedInEventId && event.signals[signal.field]);
    if (!identified) toConsult.push(vendor.name);
  }
  if (toConsult.length === 0) return kept;
  return after(consult(context, event, toConsult, info), ({ reports }) =>
    Object.assign(kept, ...[...reports.values()].map((report) => report.signals ?? {})),
  );
}
