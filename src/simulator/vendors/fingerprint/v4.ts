import { SIMULATOR_CREDENTIALS } from '../../credentials.ts';
import { deleteAt, type JsonObject, objectAt, setAt } from '../../json.ts';
import { DAY_MS } from '../../persona.ts';
import { type Reply, successReply } from '../../reply.ts';
import { bearerToken, type DriftKind } from '../types.ts';
import { type ApiVersion, errorReply } from './api.ts';
import { type FpEvent, type FpIp, VELOCITY_KEYS, type VelocityKey } from './event.ts';
import { isRateLimit } from './variants.ts';

/** Server API v4: flat snake_case events, `Authorization: Bearer`, snake_case error codes. */

const ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  400: ['request_cannot_be_parsed', 'request cannot be parsed'],
  403: ['secret_api_key_not_found', 'no fingerprint workspace found for specified secret API key'],
  409: ['state_not_ready', 'resource is not mutable yet, try again'],
  413: ['payload_too_large', 'payload too large'],
  429: ['too_many_requests', 'too many requests'],
  500: ['failed', 'internal server error'],
  503: ['service_unavailable', 'service unavailable'],
  504: ['failed', 'gateway timeout'],
};

function error(status: number, subject: 'event' | 'visitor'): Reply {
  if (status === 404) {
    return subject === 'event'
      ? errorReply(404, 'event_not_found', 'event id not found')
      : errorReply(404, 'visitor_not_found', 'visitor not found');
  }
  const [code, message] = ERRORS[status] ?? ['failed', `unexpected error (HTTP ${status})`];
  return errorReply(status, code, message);
}

const VELOCITY_NAMES: Readonly<Record<VelocityKey, string>> = {
  distinctIp: 'distinct_ip',
  distinctLinkedId: 'distinct_linked_id',
  distinctCountry: 'distinct_country',
  events: 'events',
  ipEvents: 'ip_events',
  distinctIpByLinkedId: 'distinct_ip_by_linked_id',
  distinctVisitorIdByLinkedId: 'distinct_visitor_id_by_linked_id',
};

function render(e: FpEvent): JsonObject {
  const ios = e.sdk.platform === 'ios';
  const attributes = e.attributes;
  return {
    event_id: e.eventId,
    timestamp: e.timestampMs,
    linked_id: e.linkedId,
    tags: e.tags,
    suspect: e.suspect,
    url: e.url,
    package_name: e.sdk.platform === 'android' ? e.appId : undefined,
    bundle_id: ios ? e.appId : undefined,
    ip_address: e.ip.address,
    user_agent: e.userAgent,
    device: e.device,
    os: e.os,
    os_version: e.osVersion,
    browser_details: e.browser && {
      browser_name: e.browser.name,
      browser_major_version: e.browser.major,
      browser_full_version: e.browser.full,
      os: e.os,
      os_version: e.osVersion,
      device: e.device,
    },
    identification: {
      visitor_id: e.visitorId,
      confidence: e.confidence.version
        ? { score: e.confidence.score, version: e.confidence.version }
        : { score: e.confidence.score },
      visitor_found: e.visitorFound,
      first_seen_at: e.firstSeenAtMs,
      last_seen_at: e.lastSeenAtMs,
    },
    // Fingerprint computes no confidence for the High Recall ID and says so.
    supplementary_id_high_recall: e.highRecall && {
      visitor_id: e.highRecall.visitorId,
      visitor_found: e.highRecall.visitorFound,
      confidence: { score: 0, version: 'Not Supported' },
      first_seen_at: e.highRecall.firstSeenAtMs,
      last_seen_at: e.highRecall.lastSeenAtMs,
    },
    client_referrer: e.clientReferrer,
    sdk: { platform: e.sdk.platform, version: e.sdk.version, integrations: e.sdk.integrations },
    replayed: e.replayed,
    bot: e.web?.bot,
    bot_type: e.web?.botType,
    bot_info: botInfo(e),
    root_apps: e.mobile?.rootApps,
    // iOS reports its simulator as `simulator`; Android (and the web example) as `emulator`.
    emulator: ios ? undefined : e.mobile?.emulator,
    simulator: ios ? e.mobile?.emulator : undefined,
    ip_info: { [e.ip.version === 6 ? 'v6' : 'v4']: ipInfo(e.ip) },
    ip_blocklist: {
      email_spam: e.blocklist.emailSpam,
      attack_source: e.blocklist.attackSource,
      tor_node: e.blocklist.torNode,
    },
    vpn: e.vpn.result,
    vpn_confidence: e.vpn.confidence,
    vpn_ml_score: e.vpn.mlScore,
    vpn_origin_timezone: e.vpn.originTimezone,
    // Only mobile SDKs know the device's country; web events say `unknown`, as in the vendor's example.
    vpn_origin_country: e.vpn.originCountry ?? 'unknown',
    vpn_methods: {
      timezone_mismatch: e.vpn.methods.timezoneMismatch,
      public_vpn: e.vpn.methods.publicVpn,
      auxiliary_mobile: e.vpn.methods.auxiliaryMobile,
      os_mismatch: e.vpn.methods.osMismatch,
      relay: e.vpn.methods.relay,
      ml_prediction: e.vpn.methods.mlPrediction,
    },
    proxy: e.proxy.result,
    proxy_confidence: e.proxy.confidence,
    proxy_ml_score: e.proxy.mlScore,
    proxy_details: e.proxy.details && { proxy_type: e.proxy.details.type, last_seen_at: e.proxy.details.lastSeenAtMs },
    incognito: e.web?.incognito,
    tampering: e.tampering.result,
    tampering_confidence: e.tampering.confidence,
    tampering_ml_score: e.tampering.mlScore,
    tampering_details: { anomaly_score: e.tampering.anomalyScore, anti_detect_browser: e.tampering.antiDetectBrowser },
    cloned_app: e.mobile?.clonedApp,
    factory_reset_timestamp: e.mobile?.factoryResetSec,
    jailbroken: e.mobile?.jailbroken,
    frida: e.mobile?.frida,
    privacy_settings: e.web?.privacySettings,
    virtual_machine: e.web?.virtualMachine,
    virtual_machine_ml_score: e.web?.virtualMachineMlScore,
    high_activity_device: e.highActivity,
    location_spoofing: e.mobile?.locationSpoofing,
    developer_tools: e.developerTools,
    mitm_attack: e.mobile?.mitmAttack,
    active_call: e.mobile?.activeCall,
    rare_device: e.web?.rareDeviceBucket === undefined ? undefined : e.web.rareDeviceBucket !== '<p95',
    rare_device_percentile_bucket: e.web?.rareDeviceBucket,
    suspect_score: e.suspectScore,
    velocity: Object.fromEntries(
      VELOCITY_KEYS.flatMap((key) => {
        const counts = e.velocity[key];
        return counts
          ? [[VELOCITY_NAMES[key], { '5_minutes': counts.m5, '1_hour': counts.h1, '24_hours': counts.h24 }]]
          : [];
      }),
    ),
    proximity: e.proximity && {
      id: e.proximity.id,
      precision_radius: e.proximity.precisionRadius,
      confidence: e.proximity.confidence,
    },
    raw_device_attributes: attributes && {
      timezone: attributes.timezone,
      timezone_offset: attributes.timezoneOffset,
      screen_resolution: [...attributes.screen],
      languages: attributes.languages,
      hardware_concurrency: attributes.hardwareConcurrency,
      device_memory: attributes.deviceMemory,
      color_depth: attributes.colorDepth,
      platform: attributes.platform,
      vendor: attributes.vendor,
      device_model: attributes.deviceModel,
      device_manufacturer: attributes.deviceManufacturer,
    },
    labels: e.mlLabels?.map((item) => ({ label: item.label, prediction: item.prediction, ml_score: item.mlScore })),
  };
}

function ipInfo(ip: FpIp): JsonObject {
  const g = ip.geolocation;
  return {
    address: ip.address,
    geolocation: {
      accuracy_radius: g.accuracyRadius,
      latitude: g.latitude,
      longitude: g.longitude,
      postal_code: g.postalCode,
      timezone: g.timezone,
      city_name: g.city,
      country_code: g.countryCode,
      country_name: g.countryName,
      continent_code: g.continentCode,
      continent_name: g.continentName,
      subdivisions: g.subdivisions.map((item) => ({ iso_code: item.code, name: item.name })),
    },
    asn: ip.asn?.number,
    asn_name: ip.asn?.name,
    asn_network: ip.asn?.network,
    asn_type: ip.asn?.type,
    datacenter_result: ip.datacenter?.result,
    datacenter_name: ip.datacenter?.name,
  };
}

function botInfo(e: FpEvent): JsonObject | undefined {
  const info = e.web?.botInfo;
  return (
    info && {
      category: info.category,
      provider: info.provider,
      provider_url: info.providerUrl,
      name: info.name,
      identity: info.identity,
      confidence: info.confidence,
    }
  );
}

function failed(failures: Readonly<Record<string, string>>): Reply {
  return Object.values(failures).some(isRateLimit) ? error(429, 'event') : error(500, 'event');
}

/** An edge event: request metadata only, no identification (the vendor's `get_event_with_edge_200.json`). */
function edge(e: FpEvent): Reply {
  return successReply({
    event_id: e.eventId,
    timestamp: e.timestampMs,
    source: 'edge',
    url: e.url,
    bot_info: botInfo(e),
    ip_info: { [e.ip.version === 6 ? 'v6' : 'v4']: ipInfo(e.ip) },
    proxy: e.proxy.result,
    proxy_confidence: e.proxy.confidence,
    vpn: e.vpn.result,
    vpn_confidence: e.vpn.confidence,
    vpn_methods: { public_vpn: e.vpn.methods.publicVpn, relay: e.vpn.methods.relay },
  });
}

function drift(kind: DriftKind, event: JsonObject): void {
  if (kind === 'unknownFields') {
    // Like the vendor's own get_event_200_with_unknown_field.json: new members at two levels.
    event['sim_new_signal'] = { detected: false, ml_score: 0.12 };
    setAt(event, ['identification', 'sim_new_field'], 'added by the simulator');
    setAt(event, ['browser_details', 'unknown_sub_field'], 'added by the simulator');
    setAt(event, ['velocity', 'distinct_asn'], { '5_minutes': 1, '1_hour': 1, '24_hours': 1 });
  } else if (kind === 'unknownEnums') {
    event['bot'] = 'suspicious_new_kind';
    event['vpn_confidence'] = 'very_high';
    event['proxy_details'] = { ...objectAt(event, ['proxy_details']), proxy_type: 'mobile_carrier' };
    if (event['tampering_confidence'] !== undefined) event['tampering_confidence'] = 'almost_certain';
    const botInfo = objectAt(event, ['bot_info']);
    if (botInfo) event['bot_info'] = { ...botInfo, category: 'time_traveller', identity: 'notarised' };
    if (event['rare_device_percentile_bucket'] !== undefined) event['rare_device_percentile_bucket'] = 'p99.99+';
  } else {
    for (const path of [
      ['timestamp'],
      ['identification', 'visitor_id'],
      ['identification', 'visitor_found'],
      ['browser_details', 'browser_name'],
      ['proxy_details', 'proxy_type'],
    ]) {
      deleteAt(event, path);
    }
  }
}

export const V4: ApiVersion = {
  authError(request) {
    const key = bearerToken(request);
    if (!key) return errorReply(403, 'secret_api_key_required', 'secret API key in header is missing or empty');
    if (key !== SIMULATOR_CREDENTIALS.fingerprint.secretApiKey) return error(403, 'event');
    return undefined;
  },
  error,
  invalid: (message) => errorReply(400, 'request_cannot_be_parsed', message),
  limitRequired: false,
  rulesets: true,
  updateFields: { linkedId: 'linked_id', tags: 'tags' },
  maxUpdateAgeMs: 30 * DAY_MS,
  render,
  failed,
  edge,
  searchBody: (events) => ({ events }),
  drift,
};
