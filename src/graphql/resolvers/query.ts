import type { GraphQLResolveInfo } from 'graphql';
import { parseDeviceId } from '../../model/device-id.ts';
import { validateSignals } from '../../signals/validate.ts';
import type { QueryResolvers } from '../../generated/resolvers-types.ts';
import { DEVICE_LOOKUP_MAX_AGE_SECONDS, IMMUTABLE_MAX_AGE_SECONDS, restrictCacheHint } from '../cache-hints.ts';
import type { RequestContext } from '../context.ts';
import { type DeviceModel, deviceFromId, deviceFromReports } from '../device-model.ts';
import { badUserInput, vendorFailure } from '../errors.ts';
import type { EventRef } from '../event-ref.ts';
import { planEvent } from '../plan.ts';

export interface QueryLimits {
  /** Longest `events(signals:)` list accepted. */
  maxEventsPerQuery: number;
}

export function queryResolvers(limits: QueryLimits): QueryResolvers {
  return {
    event(_root, { signals }, _context, info) {
      return eventRef(signals, 'signals', info);
    },
    events(_root, { signals }, _context, info) {
      if (signals.length > limits.maxEventsPerQuery) {
        throw badUserInput(
          `signals accepts at most ${limits.maxEventsPerQuery} items (got ${signals.length})`,
          'signals',
        );
      }
      const planned = planEvent(info.fieldNodes, info.fragments);
      return signals.map((item, index) => ({ ...eventRef(item, `signals[${index}]`, info), planned }));
    },
    device(_root, { id }, context, info) {
      return resolveDevice(id, context, info);
    },
  };
}

function eventRef(input: Parameters<typeof validateSignals>[0], path: string, info: GraphQLResolveInfo): EventRef {
  const validated = validateSignals(input, path);
  if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
  return { signals: validated.signals, planned: planEvent(info.fieldNodes, info.fragments) };
}

/** Newest events fetched when a device is looked up; `recentEvents(first: ≤ 10)` reuses the same search. */
export const DEVICE_SEARCH_LIMIT = 10;

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
  const found = await context.sources.visitorEvents(parsed.vendorId, DEVICE_SEARCH_LIMIT);
  if (!found.ok) {
    if (found.outcome.error) throw vendorFailure(found.outcome.error);
    return null;
  }
  const latest = found.reports[0];
  return latest ? deviceFromReports(new Map([['FINGERPRINT', latest]])) : null;
}
