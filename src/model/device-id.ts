/**
 * A unified device id `<prefix>:<vendor device id>`, taken apart. The prefix names the vendor that
 * issued the id (its descriptor's `devices.prefix`: `fingerprint`, `trustdecision`, `hitprobe`).
 */
export interface DeviceId {
  prefix: string;
  vendorId: string;
}

const DEVICE_ID = /^([a-z][a-z0-9]*):([A-Za-z0-9._-]{1,128})$/;

/** Takes a unified device id apart; undefined when it is not of that form. */
export function parseDeviceId(id: string): DeviceId | undefined {
  const match = DEVICE_ID.exec(id);
  const [, prefix, vendorId] = match ?? [];
  return prefix && vendorId ? { prefix, vendorId } : undefined;
}

export function formatDeviceId(prefix: string, vendorId: string): string {
  return `${prefix}:${vendorId}`;
}
