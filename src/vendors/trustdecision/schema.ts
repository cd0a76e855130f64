import { z } from 'zod';
import { intLike, num, obj, root, text, vocabulary } from '../tolerant.ts';

/**
 * Tolerant schema of TrustDecision's Device Information Query API answer (`POST /device/v3`,
 * docs/vendors/trustdecision.md). Every `device_detail` variant (Android, iOS, Web) parses with one superset
 * shape: which fields are present depends on `device_os` and on the account's plan tier. Empty
 * strings mean "absent" (`text`).
 */

/** Documented as a string holding JSON, observed as an object: accept both. */
const gpsLocation = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? parseJsonText(value) : value))
  .pipe(obj({ address: text, city: text, province: text, township: text }))
  .optional()
  .catch(undefined);

/** One value per SIM slot, comma-joined with trailing commas and `-` placeholders: `"460,"`, `"01,-"`. */
const perSimSlot = text.transform((value) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '' && part !== '-'),
);

export const deviceDetailShape = {
  ip: text,
  app_version: text,
  system_version: text,
  model: text,
  brand: text,
  device_name: text,
  network_type: text,
  time_zone: text,
  time_zone_district: text,
  screen_resolution: text,
  language: text,
  carrier: text,
  package_name: text,
  bundle_id: text,
  current_time: intLike,
  latitude: num,
  longitude: num,
  gps_location: gpsLocation,
  mcc: perSimSlot,
  mnc: perSimSlot,
  // Web only
  browser_name: text,
  browser_version: text,
  user_agent: text,
  url: text,
  device_type: text,
  os: text,
};

/** Every documented `device_detail` field of the three variants, for drift detection. */
const DOCUMENTED_DETAIL_FIELDS = [
  // Android
  'app_version',
  'system_version',
  'api_version',
  'fp_version',
  'model',
  'brand',
  'device_name',
  'network_type',
  'ip',
  'time_zone',
  'time_zone_district',
  'startup_time',
  'up_time',
  'charge_state',
  'battery_level',
  'screen_resolution',
  'screen_brightness',
  'total_memory',
  'available_memory',
  'total_storage',
  'available_storage',
  'latitude',
  'longitude',
  'gps_location',
  'carrier',
  'bssid',
  'wifi_ip',
  'device_svn',
  'hardware',
  'dns_address',
  'product',
  'host',
  'sim_operator',
  'ssid',
  'vpn_ip',
  'cell_ip',
  'current_time',
  'package_name',
  'language',
  'android_id',
  'cpu_hardware',
  'cpu_type',
  'baseband_version',
  'mnc',
  'mcc',
  'installed_packages',
  'running_packages',
  'ipv6',
  'sign_md5',
  'proxy_info',
  'country_iso',
  // iOS (beyond Android's)
  'bundle_id',
  // Web
  'browser_name',
  'browser_version',
  'user_agent',
  'url',
  'device_type',
  'os',
  'referer',
  'canvas',
] as const;

export const KNOWN_DETAIL_FIELDS: Readonly<Record<string, true>> = Object.fromEntries(
  DOCUMENTED_DETAIL_FIELDS.map((field) => [field, true]),
);

export const deviceInfoShape = {
  code: intLike,
  message: text,
  sequence_id: text,
  device_id: text,
  device_os: text,
  channel: text,
  device_detail: obj(deviceDetailShape),
  ip_location: obj({ continent: text, country: text, country_id: text, region: text, city: text }),
  device_risk_score: intLike,
  device_risk_label: vocabulary,
  device_risk_tools: obj({ installed_risk_tools_type: vocabulary, running_risk_tools_type: vocabulary }),
};

export const deviceInfoSchema = root(deviceInfoShape);
export type DeviceInfo = z.output<typeof deviceInfoSchema>;
export type DeviceDetail = NonNullable<DeviceInfo['device_detail']>;

function parseJsonText(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
