import type { GraphQLResolveInfo } from 'graphql';
import { parseDeviceId } from '../../model/device-id.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { VendorDescriptor } from '../../vendors/descriptor.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';
import type { RequestContext } from '../context.ts';
import { badUserInput, vendorFailure } from '../errors/graphql-errors.ts';
import { DEVICE_LOOKUP_MAX_AGE_SECONDS, IMMUTABLE_MAX_AGE_SECONDS, restrictCacheHint } from './cache-hints.ts';
import { type DeviceModel, deviceFromId, deviceFromReports } from './device-model.ts';
import type { EventRef } from './event-ref.ts';
import { planEvent, subfields } from './plan.ts';
import { preloadEvents } from './preload.ts';

/**
 * Devices by unified id (`<prefix>:<vendor device id>`): `Query.device`, `Device` entity
 * references and `Device.recentEvents`. A vendor whose descriptor says its devices are
 * `searchable` is asked for the device's recent events; for the others the id is all there is.
 */

/**
 * Events fetched when a device is looked up and its history is selected too: `recentEvents(first: ≤ 10)`
 * then reuses the same search. Without `recentEvents`, only the newest event is needed.
 */
const DEVICE_SEARCH_LIMIT = 10;

/** The vendor that issued a device id, and its own id; undefined when no registered vendor did. */
export function deviceVendor(
  id: string,
  registry: VendorRegistry,
): { vendor: VendorDescriptor; vendorId: string } | undefined {
  const parsed = parseDeviceId(id);
  const vendor = parsed && registry.byDevicePrefix(parsed.prefix);
  return parsed && vendor ? { vendor, vendorId: parsed.vendorId } : undefined;
}

function unknownDeviceId(registry: VendorRegistry) {
  const forms = registry.descriptors.flatMap((vendor) =>
    vendor.devices ? [`${vendor.devices.prefix}:<${vendor.devices.idName}>`] : [],
  );
  return badUserInput(`id must be a device id of the form ${forms.join(', ')}`, 'id');
}

/**
 * `Query.device` and `Device` entity references. All lookups issued in one tick (the `_entities`
 * resolver maps every representation synchronously) share one batch of the vendor's loader, so 100
 * references cost one round of parallel searches, one per distinct device.
 */
export async function resolveDevice(
  id: string,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<DeviceModel | null> {
  const found = deviceVendor(id, context.vendors);
  if (!found) throw unknownDeviceId(context.vendors);
  const { vendor, vendorId } = found;
  if (!vendor.devices?.searchable) {
    restrictCacheHint(context.cacheHints, info, IMMUTABLE_MAX_AGE_SECONDS);
    return deviceFromId(vendor.name, id);
  }
  restrictCacheHint(context.cacheHints, info, DEVICE_LOOKUP_MAX_AGE_SECONDS);
  const limit = subfields(info.fieldNodes, info, 'Device').has('recentEvents') ? DEVICE_SEARCH_LIMIT : 1;
  const outcome = await context.sources.deviceHistory(vendor.name, vendorId, limit);
  const newest = reportOf(outcome, context);
  return newest ? deviceFromReports(new Map([[vendor.name, newest]])) : null;
}

/** `Device.recentEvents`: the newest `first` events of the device at the first searchable vendor that knows it. */
export async function recentEvents(
  device: DeviceModel,
  first: number,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<EventRef[]> {
  const searchable = device.identifiers.flatMap(({ id }) => {
    const found = deviceVendor(id, context.vendors);
    return found?.vendor.devices?.searchable ? [found] : [];
  });
  const [found] = searchable;
  if (!found) return [];
  restrictCacheHint(context.cacheHints, info, DEVICE_LOOKUP_MAX_AGE_SECONDS);
  const vendor: Vendor = found.vendor.name;
  const outcome = await context.sources.deviceHistory(vendor, found.vendorId, Math.max(first, DEVICE_SEARCH_LIMIT));
  const history = reportOf(outcome, context)?.history ?? [];
  const planned = planEvent(info.fieldNodes, info, context.vendors);
  // Each event comes with its vendor's answer already: only other vendors (none, for events known
  // by one vendor's id) would still be loaded.
  return preloadEvents(
    context,
    history.slice(0, first).map(
      (report): EventRef => ({
        signals: report.signals ?? {},
        planned,
        outcomes: new Map([[vendor, { ...outcome, report }]]),
      }),
    ),
  );
}

/** The report of a device lookup; a failure becomes the field's error. */
function reportOf(outcome: SourceOutcome, context: RequestContext) {
  if (outcome.error && outcome.status !== 'NOT_FOUND') throw vendorFailure(outcome.error, context.vendors);
  return outcome.report;
}
