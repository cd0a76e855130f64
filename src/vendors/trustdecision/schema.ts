import { z } from 'zod';
import { intLike, list, num, obj, root, text, vocabulary } from '../tolerant.ts';

/**
 * Tolerant schema of TrustDecision's Device Information Query API answer (`POST /device/v3`,
 * docs/vendors/trustdecision.md). Every `device_detail` variant (Android, iOS, Web) parses with one superset
 * shape: which fields are present depends on `device_os` and on the account's plan tier. Empty
 * strings mean "absent" (`text`); integers may come quoted (`intLike`).
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

/**
 * `installed_packages`: documented as a string holding a JSON array of `{package, name}` (`name` is
 * `-` when unknown); an array sent as such is accepted too. Text that is not JSON reads as absent.
 */
const installedPackages = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? parseJsonText(value) : value))
  .pipe(list(z.looseObject({ package: z.string().trim().min(1), name: text })))
  .optional()
  .catch(undefined);

/** `running_packages`: documented as a string of package names (one in the example; comma-joined when several). */
const runningPackages = z
  .union([z.array(z.unknown()), z.string()])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(','))
      .flatMap((item) => (typeof item === 'string' ? [item.trim()] : []))
      .filter((item) => item !== ''),
  )
  .optional()
  .catch(undefined);

/** Every documented field of the Android, iOS and Web variants (drift detection reads these keys). */
export const deviceDetailShape = {
  ip: text,
  app_version: text,
  system_version: text,
  api_version: text,
  fp_version: text,
  model: text,
  brand: text,
  device_name: text,
  network_type: text,
  time_zone: text,
  time_zone_district: text,
  startup_time: text,
  up_time: intLike,
  charge_state: text,
  battery_level: intLike,
  screen_resolution: text,
  screen_brightness: intLike,
  total_memory: intLike,
  available_memory: intLike,
  total_storage: intLike,
  available_storage: intLike,
  latitude: num,
  longitude: num,
  gps_location: gpsLocation,
  carrier: text,
  bssid: text,
  wifi_ip: text,
  device_svn: text,
  hardware: text,
  dns_address: text,
  product: text,
  host: text,
  sim_operator: text,
  ssid: text,
  vpn_ip: text,
  cell_ip: text,
  current_time: intLike,
  package_name: text,
  language: text,
  android_id: text,
  cpu_hardware: text,
  cpu_type: text,
  baseband_version: text,
  mcc: perSimSlot,
  mnc: perSimSlot,
  installed_packages: installedPackages,
  running_packages: runningPackages,
  ipv6: text,
  sign_md5: text,
  proxy_info: text,
  country_iso: text,
  // iOS
  bundle_id: text,
  // Web
  browser_name: text,
  browser_version: text,
  user_agent: text,
  url: text,
  device_type: text,
  os: text,
  referer: text,
  canvas: text,
};

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
