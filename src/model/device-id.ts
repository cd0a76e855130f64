import { DEVICE_ID_PREFIX, type DeviceIdVendor } from './vendor.ts';

/** A unified device id `<vendor>:<vendor device id>`, taken apart. */
export interface DeviceId {
  vendor: DeviceIdVendor;
  vendorId: string;
}

const VENDOR_BY_PREFIX = new Map<string, DeviceIdVendor>(
  (Object.entries(DEVICE_ID_PREFIX) as [DeviceIdVendor, string][]).map(([vendor, prefix]) => [prefix, vendor]),
);

const VENDOR_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Parses a unified device id; undefined for an unknown kind or a malformed vendor id. */
export function parseDeviceId(id: string): DeviceId | undefined {
  const separator = id.indexOf(':');
  if (separator <= 0) return undefined;
  const vendor = VENDOR_BY_PREFIX.get(id.slice(0, separator));
  const vendorId = id.slice(separator + 1);
  if (!vendor || !VENDOR_ID.test(vendorId)) return undefined;
  return { vendor, vendorId };
}

export function formatDeviceId(vendor: DeviceIdVendor, vendorId: string): string {
  return `${DEVICE_ID_PREFIX[vendor]}:${vendorId}`;
}
