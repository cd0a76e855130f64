import { z } from 'zod';
import { bool, int, list, num, numericString, obj, root, str } from '../tolerant.ts';

/**
 * Tolerant schemas of Fingerprint Server API responses (docs/vendors/fingerprint.md). Only `event_id` /
 * `requestId` are relied on; everything else may be absent, null or of an unexpected type.
 */

// ---- v4: GET /v4/events/{event_id}, GET /v4/events ----

const v4Geolocation = obj({
  accuracy_radius: int,
  latitude: num,
  longitude: num,
  postal_code: str,
  timezone: str,
  city_name: str,
  country_code: str,
  country_name: str,
  continent_code: str,
  continent_name: str,
  subdivisions: list(z.looseObject({ iso_code: str, name: str })),
});

const v4IpInfo = obj({
  address: str,
  geolocation: v4Geolocation,
  asn: numericString,
  asn_name: str,
  asn_network: str,
  asn_type: str,
  datacenter_result: bool,
  datacenter_name: str,
});

const velocityData = obj({ '5_minutes': int, '1_hour': int, '24_hours': int });

export const v4EventShape = {
  event_id: z.string(),
  timestamp: int,
  linked_id: str,
  url: str,
  ip_address: str,
  user_agent: str,
  device: str,
  os: str,
  os_version: str,
  replayed: bool,
  suspect: bool,
  suspect_score: int,
  sdk: obj({ platform: str, version: str }),
  identification: obj({
    visitor_id: str,
    visitor_found: bool,
    confidence: obj({ score: num }),
    first_seen_at: int,
    last_seen_at: int,
  }),
  browser_details: obj({
    browser_name: str,
    browser_major_version: str,
    browser_full_version: str,
    os: str,
    os_version: str,
    device: str,
  }),
  bot: str,
  bot_type: str,
  bot_info: obj({ category: str, name: str, provider: str }),
  incognito: bool,
  vpn: bool,
  vpn_confidence: str,
  vpn_ml_score: num,
  vpn_methods: obj({
    timezone_mismatch: bool,
    public_vpn: bool,
    auxiliary_mobile: bool,
    os_mismatch: bool,
    relay: bool,
  }),
  proxy: bool,
  proxy_confidence: str,
  proxy_ml_score: num,
  proxy_details: obj({ proxy_type: str, provider: str }),
  tampering: bool,
  tampering_confidence: str,
  tampering_ml_score: num,
  tampering_details: obj({ anomaly_score: num, anti_detect_browser: bool }),
  ip_blocklist: obj({ email_spam: bool, attack_source: bool, tor_node: bool }),
  ip_info: obj({ v4: v4IpInfo, v6: v4IpInfo }),
  virtual_machine: bool,
  virtual_machine_ml_score: num,
  privacy_settings: bool,
  developer_tools: bool,
  high_activity_device: bool,
  rare_device_percentile_bucket: str,
  root_apps: bool,
  emulator: bool,
  simulator: bool,
  jailbroken: bool,
  frida: bool,
  cloned_app: bool,
  location_spoofing: bool,
  mitm_attack: bool,
  factory_reset_timestamp: int,
  velocity: obj({
    distinct_ip: velocityData,
    distinct_linked_id: velocityData,
    distinct_country: velocityData,
    events: velocityData,
    ip_events: velocityData,
    distinct_ip_by_linked_id: velocityData,
    distinct_visitor_id_by_linked_id: velocityData,
  }),
  raw_device_attributes: obj({
    timezone: str,
    screen_resolution: list(z.number()),
    languages: list(z.array(z.string())),
    device_model: str,
    device_manufacturer: str,
  }),
  labels: list(z.looseObject({ label: z.string(), prediction: bool, ml_score: num })),
  // Only when the request named a `ruleset_id`; `type` decides which of the other members exist.
  rule_action: obj({ type: str, ruleset_id: str, rule_id: str, rule_expression: str }),
};

export const v4EventSchema = root(v4EventShape);

/**
 * Documented v4 fields the mapper does not read (yet). They are not drift: only a field missing
 * from both lists is news worth counting.
 */
export const V4_DOCUMENTED_UNUSED_FIELDS = [
  'source',
  'incremental_identification_status',
  'environment_id',
  'triggered_by',
  'supplementary_id_high_recall',
  'tags',
  'bundle_id',
  'package_name',
  'client_referrer',
  'proximity',
  'active_call',
  'rare_device',
  'vpn_origin_timezone',
  'vpn_origin_country',
] as const;
export type V4Event = z.output<typeof v4EventSchema>;

export const v4SearchSchema = root({ events: list(z.unknown()), pagination_key: str });

/** `{ error: { code, message } }` — both v4 and most v3 errors. */
export const errorBodySchema = root({ error: obj({ code: str, message: str }) });

// ---- v3: GET /events/{request_id}, GET /events/search ----

const v3Geolocation = obj({
  accuracyRadius: int,
  latitude: num,
  longitude: num,
  postalCode: str,
  timezone: str,
  city: obj({ name: str }),
  country: obj({ code: str, name: str }),
  continent: obj({ code: str, name: str }),
  subdivisions: list(z.looseObject({ isoCode: str, name: str })),
});

const v3IpInfo = obj({
  address: str,
  geolocation: v3Geolocation,
  asn: obj({ asn: numericString, name: str, network: str, type: str }),
  datacenter: obj({ result: bool, name: str }),
});

const v3Intervals = obj({ intervals: obj({ '5m': int, '1h': int, '24h': int }) });

/** Every v3 product is `{ data?, error? }`: a 200 can carry per-product failures. */
function product<Shape extends z.ZodRawShape>(shape: Shape) {
  return obj({ data: obj(shape), error: obj({ code: str, message: str }) });
}

const result = { result: bool };

export const v3ProductsShape = {
  identification: product({
    visitorId: str,
    requestId: str,
    incognito: bool,
    linkedId: str,
    suspect: bool,
    time: str,
    timestamp: int,
    url: str,
    ip: str,
    ipLocation: v3Geolocation,
    browserDetails: obj({
      browserName: str,
      browserMajorVersion: str,
      browserFullVersion: str,
      os: str,
      osVersion: str,
      device: str,
      userAgent: str,
    }),
    confidence: obj({ score: num }),
    visitorFound: bool,
    firstSeenAt: obj({ global: str, subscription: str }),
    lastSeenAt: obj({ global: str, subscription: str }),
    sdk: obj({ platform: str, version: str }),
    replayed: bool,
  }),
  botd: product({ bot: obj({ result: str, type: str }) }),
  ipInfo: product({ v4: v3IpInfo, v6: v3IpInfo }),
  ipBlocklist: product({ result: bool, details: obj({ emailSpam: bool, attackSource: bool }) }),
  tor: product(result),
  vpn: product({
    result: bool,
    confidence: str,
    mlScore: num,
    methods: obj({
      timezoneMismatch: bool,
      publicVPN: bool,
      auxiliaryMobile: bool,
      osMismatch: bool,
      relay: bool,
    }),
  }),
  proxy: product({ result: bool, confidence: str, mlScore: num, details: obj({ proxyType: str }) }),
  incognito: product(result),
  tampering: product({
    result: bool,
    confidence: str,
    anomalyScore: num,
    mlScore: num,
    antiDetectBrowser: bool,
  }),
  virtualMachine: product({ result: bool, mlScore: num }),
  privacySettings: product(result),
  developerTools: product(result),
  highActivity: product(result),
  suspectScore: product({ result: int }),
  rareDevice: product({ result: bool, percentileBucket: str }),
  rootApps: product(result),
  emulator: product(result),
  jailbroken: product(result),
  frida: product(result),
  clonedApp: product(result),
  locationSpoofing: product(result),
  mitmAttack: product(result),
  factoryReset: product({ time: str, timestamp: int }),
  // Free-form `{ name: { value } | { error } }`; only the attributes the device facts use.
  rawDeviceAttributes: product({
    timezone: obj({ value: str }),
    screenResolution: obj({ value: list(z.number()) }),
    languages: obj({ value: list(z.array(z.string())) }),
  }),
  velocity: product({
    distinctIp: v3Intervals,
    distinctLinkedId: v3Intervals,
    distinctCountry: v3Intervals,
    events: v3Intervals,
    ipEvents: v3Intervals,
    distinctIpByLinkedId: v3Intervals,
    distinctVisitorIdByLinkedId: v3Intervals,
  }),
};

export const v3EventSchema = root({ products: z.looseObject(v3ProductsShape) });
export type V3Event = z.output<typeof v3EventSchema>;

export const v3SearchSchema = root({ events: list(z.unknown()), paginationKey: str });
