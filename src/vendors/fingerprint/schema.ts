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

const confidence = obj({ score: num, version: str, comment: str });
const visitorIdentification = obj({
  visitor_id: str,
  visitor_found: bool,
  confidence,
  first_seen_at: int,
  last_seen_at: int,
});

export const v4EventShape = {
  event_id: z.string(),
  timestamp: int,
  source: str,
  incremental_identification_status: str,
  linked_id: str,
  environment_id: str,
  url: str,
  bundle_id: str,
  package_name: str,
  client_referrer: str,
  ip_address: str,
  user_agent: str,
  device: str,
  os: str,
  os_version: str,
  replayed: bool,
  suspect: bool,
  suspect_score: int,
  sdk: obj({
    platform: str,
    version: str,
    integrations: list(z.looseObject({ name: str, version: str, subintegration: obj({ name: str, version: str }) })),
  }),
  identification: visitorIdentification,
  // The High Recall ID has the shape of the main identification.
  supplementary_id_high_recall: visitorIdentification,
  browser_details: obj({
    browser_name: str,
    browser_major_version: str,
    browser_full_version: str,
    os: str,
    os_version: str,
    device: str,
  }),
  proximity: obj({ id: str, precision_radius: int, confidence: num }),
  active_call: bool,
  bot: str,
  bot_type: str,
  bot_info: obj({ category: str, provider: str, provider_url: str, name: str, identity: str, confidence: str }),
  incognito: bool,
  vpn: bool,
  vpn_confidence: str,
  vpn_ml_score: num,
  vpn_origin_timezone: str,
  vpn_origin_country: str,
  vpn_methods: obj({
    timezone_mismatch: bool,
    public_vpn: bool,
    auxiliary_mobile: bool,
    os_mismatch: bool,
    relay: bool,
    ml_prediction: bool,
  }),
  proxy: bool,
  proxy_confidence: str,
  proxy_ml_score: num,
  proxy_details: obj({ proxy_type: str, last_seen_at: int, provider: str }),
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
  rare_device: bool,
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
    timezone_offset: str,
    screen_resolution: list(z.number()),
    languages: list(z.array(z.string())),
    color_depth: int,
    hardware_concurrency: int,
    device_memory: int,
    platform: str,
    vendor: str,
    oscpu: str,
    date_time_locale: str,
    keyboard_layout_name: str,
    touch_support: obj({ max_touch_points: int }),
    webgl_basics: obj({ renderer_unmasked: str, vendor_unmasked: str }),
    battery_level: int,
    battery_charging: bool,
    battery_low_power_mode: bool,
    device_model: str,
    device_manufacturer: str,
  }),
  labels: list(z.looseObject({ label: z.string(), prediction: bool, ml_score: num })),
  // Only when the request named a `ruleset_id`; `type` decides which of the other members exist.
  rule_action: obj({ type: str, ruleset_id: str, rule_id: str, rule_expression: str }),
};

export const v4EventSchema = root(v4EventShape);

/**
 * Documented v4 fields the mapper does not read: the customer's own annotations (`tags`) and the
 * webhook-only `triggered_by`. They are not drift: only a field in neither `v4EventShape` nor this
 * list is news worth counting.
 */
export const V4_DOCUMENTED_UNUSED_FIELDS = ['tags', 'triggered_by'] as const;
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

/** The `error` of a v3 product that failed: `{ code, message }`. */
const productError = obj({ code: str, message: str });

/** Every v3 product is `{ data?, error? }`: a 200 can carry per-product failures. */
function product<Shape extends z.ZodRawShape>(shape: Shape) {
  return obj({ data: obj(shape), error: productError });
}

/** A raw device attribute: `{ value }`, or `{ error: { name, message } }` when the agent could not read it. */
function attribute<Value extends z.ZodType>(value: Value) {
  return obj({ value: value.optional().catch(undefined) });
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
    confidence: obj({ score: num, revision: str, comment: str }),
    visitorFound: bool,
    firstSeenAt: obj({ global: str, subscription: str }),
    lastSeenAt: obj({ global: str, subscription: str }),
    sdk: obj({ platform: str, version: str }),
    replayed: bool,
    environmentId: str,
  }),
  botd: product({ bot: obj({ result: str, type: str }) }),
  ipInfo: product({ v4: v3IpInfo, v6: v3IpInfo }),
  ipBlocklist: product({ result: bool, details: obj({ emailSpam: bool, attackSource: bool }) }),
  tor: product(result),
  vpn: product({
    result: bool,
    confidence: str,
    mlScore: num,
    originTimezone: str,
    originCountry: str,
    methods: obj({
      timezoneMismatch: bool,
      publicVPN: bool,
      auxiliaryMobile: bool,
      osMismatch: bool,
      relay: bool,
      mlPrediction: bool,
    }),
  }),
  proxy: product({
    result: bool,
    confidence: str,
    mlScore: num,
    // v3's own example names the provider `service` (v4: `proxy_details.provider`).
    details: obj({ proxyType: str, lastSeenAt: str, service: str }),
  }),
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
  highActivity: product({ result: bool, dailyRequests: int }),
  suspectScore: product({ result: int }),
  rareDevice: product({ result: bool, percentileBucket: str }),
  rootApps: product(result),
  emulator: product(result),
  simulator: product(result),
  jailbroken: product(result),
  frida: product(result),
  clonedApp: product(result),
  locationSpoofing: product(result),
  mitmAttack: product(result),
  factoryReset: product({ time: str, timestamp: int }),
  // Free-form `{ name: { value } | { error } }`: only the attributes that are read.
  rawDeviceAttributes: product({
    timezone: attribute(z.string()),
    screenResolution: attribute(z.array(z.number())),
    languages: attribute(z.array(z.array(z.string()))),
    colorDepth: attribute(z.number().int()),
    hardwareConcurrency: attribute(z.number().int()),
    deviceMemory: attribute(z.number().int()),
    platform: attribute(z.string()),
    vendor: attribute(z.string()),
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
  proximity: product({ id: str, precisionRadius: int, confidence: num }),
  // Deprecated, and gone from v4: known, not read.
  remoteControl: product(result),
  labels: obj({
    data: list(z.looseObject({ label: z.string(), prediction: bool, mlScore: num })),
    error: productError,
  }),
};

export const v3EventSchema = root({ products: z.looseObject(v3ProductsShape) });
export type V3Event = z.output<typeof v3EventSchema>;

export const v3SearchSchema = root({ events: list(z.unknown()), paginationKey: str });
