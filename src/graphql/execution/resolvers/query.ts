import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseDeviceId } from '../../../model/device-id.ts';
import { validateSignals } from '../../../signals/validate.ts';
import type { RequestContext } from '../../context.ts';
import { badUserInput, vendorFailure } from '../../errors/graphql-errors.ts';
import { DEVICE_LOOKUP_MAX_AGE_SECONDS, IMMUTABLE_MAX_AGE_SECONDS, restrictCacheHint } from '../cache-hints.ts';
import { type DeviceModel, deviceFromId, deviceFromReports } from '../device-model.ts';
import type { EventRef } from '../event-ref.ts';
import { planEvent, subfields } from '../plan.ts';
import { preloadEvent, preloadEvents } from '../preload.ts';

export interface QueryLimits {
  /** Longest `events(signals:)` list accepted. */
  maxEventsPerQuery: number;
}

export function queryResolvers(limits: QueryLimits): QueryResolvers {
  return {
    event(_root, { signals }, context, info) {
      return preloadEvent(context, eventRef(signals, 'signals', planEvent(info.fieldNodes, info)));
    },
    events(_root, { signals }, context, info) {
      if (signals.length > limits.maxEventsPerQuery) {
        throw badUserInput(
          `signals accepts at most ${limits.maxEventsPerQuery} items (got ${signals.length})`,
          'signals',
        );
      }
      const planned = planEvent(info.fieldNodes, info);
      return preloadEvents(
        context,
        signals.map((item, index) => eventRef(item, `signals[${index}]`, planned)),
      );
    },
    device(_root, { id }, context, info) {
      return resolveDevice(id, context, info);
    },
  };
}

function eventRef(input: Parameters<typeof validateSignals>[0], path: string, planned: EventRef['planned']): EventRef {
  const validated = validateSignals(input, path);
  if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
  return { signals: validated.signals, planned };
}

/**
 * Events fetched when a device is looked up and its history is selected too: `recentEvents(first: ≤ 10)`
 * then reuses the same search. Without `recentEvents`, only the newest event is needed.
 */
export const DEVICE_SEARCH_LIMIT = 10;

function deviceSearchLimit(info: GraphQLResolveInfo): number {
  return subfields(info.fieldNodes, info, 'Device').has('recentEvents') ? DEVICE_SEARCH_LIMIT : 1;
}

/**
 * `Query.device` and `Device` entity references. All lookups issued in one tick (the `_entities`
 * resolver maps every representation synchronously) share one batch of the search loader, so 100
 * references cost one round of parallel searches, one per distinct visitor.
 */
export async function resolveDevice(
  id: string,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<DeviceModel | null> {
  const parsed = parseDeviceId(id);
  if (!parsed) {
    throw badUserInput(
      'id must be a device id of the form fingerprint:<visitorId>, trustdecision:<id> or hitprobe:<id>',
      'id',
    );
  }
  if (parsed.vendor !== 'FINGERPRINT') {
    restrictCacheHint(info, IMMUTABLE_MAX_AGE_SECONDS);
    return deviceFromId(parsed.vendor, id);
  }
  restrictCacheHint(info, DEVICE_LOOKUP_MAX_AGE_SECONDS);
  const found = await context.sources.visitorEvents(parsed.vendorId, deviceSearchLimit(info));
  if (!found.ok) {
    if (found.outcome.error) throw vendorFailure(found.outcome.error);
    return null;
  }
  const latest = found.reports[0];
  return latest ? deviceFromReports(new Map([['FINGERPRINT', latest]])) : null;
}
