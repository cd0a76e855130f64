import type { DeviceFacts } from '../../model/facts.ts';
import { type Merged, mergeFacts } from '../../model/merge.ts';
import { DEVICE_RULES } from '../../model/merge-rules.ts';
import type { VendorReport } from '../../model/report.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { RiskLabel } from '../../risk/taxonomy.ts';

export interface DeviceIdentifier {
  vendor: Vendor;
  id: string;
}

/** The parent object of every `Device`: merged facts, every vendor's id, device-scoped labels. */
export interface DeviceModel extends Merged<DeviceFacts> {
  id: string;
  identifiers: DeviceIdentifier[];
  labels: RiskLabel[];
}

/**
 * The device an event's vendor reports describe: facts merged by `DEVICE_RULES`, every vendor's
 * id, and the device-scoped labels. Null when no vendor identified the device (no id at all).
 */
export function deviceFromReports(reports: ReadonlyMap<Vendor, VendorReport>): DeviceModel | null {
  const facts = new Map<Vendor, DeviceFacts>();
  const labels: RiskLabel[] = [];
  for (const [vendor, report] of reports) {
    if (report.device) facts.set(vendor, report.device);
    for (const label of report.labels) if (label.scope === 'DEVICE') labels.push(label);
  }
  const merged = mergeFacts(DEVICE_RULES, facts);
  if (!merged?.id) return null;
  const identifiers = DEVICE_RULES.id.sources.flatMap((vendor) => {
    const id = facts.get(vendor)?.id;
    return id ? [{ vendor, id }] : [];
  });
  return { ...merged, id: merged.id, identifiers, labels };
}

const UNKNOWN_DEVICE: Merged<DeviceFacts> = {
  id: null,
  platform: null,
  os: null,
  osVersion: null,
  browserName: null,
  browserVersion: null,
  model: null,
  brand: null,
  screenResolution: null,
  language: null,
  timezone: null,
  userAgent: null,
  firstSeenAt: null,
  lastSeenAt: null,
  provenance: [],
};

/** A device known only by its id (vendors without a lookup by device id). */
export function deviceFromId(vendor: Vendor, id: string): DeviceModel {
  return { ...UNKNOWN_DEVICE, id, identifiers: [{ vendor, id }], labels: [] };
}
