import type { DeviceResolvers } from '../../../generated/resolvers-types.ts';
import { parseDeviceId } from '../../../model/device-id.ts';
import { filterLabels } from '../../../risk/taxonomy.ts';
import { badUserInput, vendorFailure } from '../../errors/graphql-errors.ts';
import { DEVICE_LOOKUP_MAX_AGE_SECONDS, restrictCacheHint } from '../cache-hints.ts';
import { deviceFromId } from '../device-model.ts';
import type { EventRef } from '../event-ref.ts';
import { planEvent, subfields } from '../plan.ts';
import { preloadEvents } from '../preload.ts';
import { DEVICE_SEARCH_LIMIT, resolveDevice } from './query.ts';

const MAX_RECENT_EVENTS = 100;

/** `Device` fields answered from the id alone. */
const KEY_ONLY_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'identifiers', 'recentEvents']);

export const deviceResolvers: DeviceResolvers = {
  // Async so a bad id fails this entity only (see `Event.__resolveReference`).
  async __resolveReference(reference, context, info) {
    // Representations are untyped (`_Any`): `id` may be anything the caller sent.
    const id: unknown = (reference as { id?: unknown }).id;
    if (typeof id !== 'string')
      throw badUserInput('representations.id must be a device id string', 'representations.id');
    // A router that only needs the key (or the device's history, which searches by the key anyway)
    // must not cost a lookup: the id it holds is all there is to say.
    const fields = [...subfields(info.fieldNodes, info, 'Device').keys()];
    const parsed = parseDeviceId(id);
    if (parsed && fields.every((field) => KEY_ONLY_FIELDS.has(field))) return deviceFromId(parsed.vendor, id);
    return resolveDevice(id, context, info);
  },
  riskLabels: (device, { minSeverity }) => filterLabels(device.labels, minSeverity),
  async recentEvents(device, { first }, context, info) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_EVENTS) {
      throw badUserInput(`first must be between 1 and ${MAX_RECENT_EVENTS}`, 'first');
    }
    const fingerprintId = device.identifiers.find((identifier) => identifier.vendor === 'FINGERPRINT');
    const visitorId = fingerprintId ? parseDeviceId(fingerprintId.id)?.vendorId : undefined;
    if (!visitorId) return [];
    restrictCacheHint(info, DEVICE_LOOKUP_MAX_AGE_SECONDS);
    const found = await context.sources.visitorEvents(visitorId, Math.max(first, DEVICE_SEARCH_LIMIT));
    if (!found.ok) {
      if (found.outcome.error) throw vendorFailure(found.outcome.error);
      return [];
    }
    const planned = planEvent(info.fieldNodes, info);
    return preloadEvents(
      context,
      found.reports
        .slice(0, first)
        .map((report): EventRef => ({ signals: { fingerprintEventId: report.view.eventId }, planned })),
    );
  },
};
