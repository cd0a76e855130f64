import type { DeviceResolvers } from '../../../generated/resolvers-types.ts';
import { filterLabels } from '../../../risk/taxonomy.ts';
import { badUserInput } from '../../errors/graphql-errors.ts';
import { restrictToEntityType } from '../cache-hints.ts';
import { deviceFromId } from '../device-model.ts';
import { deviceVendor, recentEvents, resolveDevice } from '../devices.ts';
import { subfields } from '../plan.ts';

const MAX_RECENT_EVENTS = 100;

/** `Device` fields answered from the id alone. */
const KEY_ONLY_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'identifiers', 'recentEvents']);

export const deviceResolvers: DeviceResolvers = {
  // Async so a bad id fails this entity only (see `Event.__resolveReference`).
  async __resolveReference(reference, context, info) {
    restrictToEntityType(context.cacheHints, info, 'Device');
    // Representations are untyped (`_Any`): `id` may be anything the caller sent.
    const id: unknown = (reference as { id?: unknown }).id;
    if (typeof id !== 'string')
      throw badUserInput('representations.id must be a device id string', 'representations.id');
    // A router that only needs the key (or the device's history, which searches by the key anyway)
    // must not cost a lookup: the id it holds is all there is to say.
    const fields = [...subfields(info.fieldNodes, info, 'Device').keys()];
    const found = deviceVendor(id, context.vendors);
    if (found && fields.every((field) => KEY_ONLY_FIELDS.has(field))) return deviceFromId(found.vendor.name, id);
    return resolveDevice(id, context, info);
  },
  riskLabels: (device, { minSeverity }) => filterLabels(device.labels, minSeverity),
  recentEvents(device, { first }, context, info) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_EVENTS) {
      throw badUserInput(`first must be between 1 and ${MAX_RECENT_EVENTS}`, 'first');
    }
    return recentEvents(device, first, context, info);
  },
};
