/** The vendors, in the order the README and `Event.sources` list them. */
export const VENDORS = ['FINGERPRINT', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'DETECTIP', 'HITPROBE'] as const;
export type Vendor = (typeof VENDORS)[number];

/** Outcome of consulting one vendor for one token (GraphQL `SourceState`). */
export const SOURCE_STATES = [
  'OK',
  'NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TIMEOUT',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'BAD_RESPONSE',
  'NOT_CONFIGURED',
  'SKIPPED',
] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** Lower-case prefix of unified device ids (`fingerprint:<visitorId>`). */
export const DEVICE_ID_PREFIX = {
  FINGERPRINT: 'fingerprint',
  TRUSTDECISION: 'trustdecision',
  HITPROBE: 'hitprobe',
} as const satisfies Partial<Record<Vendor, string>>;
export type DeviceIdVendor = keyof typeof DEVICE_ID_PREFIX;
