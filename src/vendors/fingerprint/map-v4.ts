import type { Geolocation } from '../../model/facts.ts';
import { isoFromEpochMs } from '../time.ts';
import { nonEmpty } from '../tolerant.ts';
import type { NormalizedAttributes, NormalizedEvent, NormalizedIp } from './normalized.ts';
import type { V4Event } from './schema.ts';

type V4IpInfo = NonNullable<NonNullable<V4Event['ip_info']>['v4']>;
type V4Counts = NonNullable<NonNullable<V4Event['velocity']>['events']>;

/** Server API v4 event (snake_case, flat Smart Signals) → version-neutral event. */
export function normalizeV4(event: V4Event, origin: 'API_V4' | 'SEALED_RESULT' = 'API_V4'): NormalizedEvent {
  const identification = event.identification;
  const highRecall = event.supplementary_id_high_recall;
  const velocity = event.velocity;
  const methods = event.vpn_methods;
  const botInfo = event.bot_info;
  return {
    eventId: event.event_id,
    origin,
    source: nonEmpty(event.source),
    // v4 replaced v3's per-product errors with HTTP errors: a 200 is whole.
    failedParts: [],
    timestampMs: event.timestamp,
    visitorId: nonEmpty(identification?.visitor_id),
    visitorFound: identification?.visitor_found,
    confidence: identification?.confidence?.score,
    identificationStatus: nonEmpty(event.incremental_identification_status),
    highRecall: highRecall && {
      visitorId: nonEmpty(highRecall.visitor_id),
      visitorFound: highRecall.visitor_found,
      confidence: highRecall.confidence?.score,
      firstSeenAt: isoFromEpochMs(highRecall.first_seen_at),
      lastSeenAt: isoFromEpochMs(highRecall.last_seen_at),
    },
    firstSeenAt: isoFromEpochMs(identification?.first_seen_at),
    lastSeenAt: isoFromEpochMs(identification?.last_seen_at),
    linkedId: nonEmpty(event.linked_id),
    environmentId: nonEmpty(event.environment_id),
    suspect: event.suspect,
    url: nonEmpty(event.url),
    clientReferrer: nonEmpty(event.client_referrer),
    appId: nonEmpty(event.bundle_id ?? event.package_name),
    ipAddress: nonEmpty(event.ip_address),
    userAgent: nonEmpty(event.user_agent),
    browser: {
      name: nonEmpty(event.browser_details?.browser_name),
      fullVersion: nonEmpty(event.browser_details?.browser_full_version),
      os: nonEmpty(event.browser_details?.os ?? event.os),
      osVersion: nonEmpty(event.browser_details?.os_version ?? event.os_version),
      device: nonEmpty(event.browser_details?.device ?? event.device),
    },
    sdk: { platform: event.sdk?.platform, version: event.sdk?.version },
    bot: event.bot,
    botType: nonEmpty(event.bot_type),
    botInfo: botInfo && {
      category: nonEmpty(botInfo.category),
      name: nonEmpty(botInfo.name),
      provider: nonEmpty(botInfo.provider),
      providerUrl: nonEmpty(botInfo.provider_url),
      identity: nonEmpty(botInfo.identity),
      confidence: nonEmpty(botInfo.confidence),
    },
    suspectScore: event.suspect_score,
    incognito: event.incognito,
    vpn: event.vpn,
    vpnConfidence: event.vpn_confidence,
    vpnMlScore: event.vpn_ml_score,
    vpnOriginTimezone: nonEmpty(event.vpn_origin_timezone),
    vpnOriginCountry: nonEmpty(event.vpn_origin_country),
    vpnMethods: {
      timezoneMismatch: methods?.timezone_mismatch,
      publicVpn: methods?.public_vpn,
      auxiliaryMobile: methods?.auxiliary_mobile,
      osMismatch: methods?.os_mismatch,
      relay: methods?.relay,
      mlPrediction: methods?.ml_prediction,
    },
    proxy: event.proxy,
    proxyConfidence: event.proxy_confidence,
    proxyMlScore: event.proxy_ml_score,
    proxyType: event.proxy_details?.proxy_type,
    proxyProvider: nonEmpty(event.proxy_details?.provider),
    proxyLastSeenAt: isoFromEpochMs(event.proxy_details?.last_seen_at),
    tampering: event.tampering,
    tamperingConfidence: event.tampering_confidence,
    tamperingMlScore: event.tampering_ml_score,
    anomalyScore: event.tampering_details?.anomaly_score,
    antiDetectBrowser: event.tampering_details?.anti_detect_browser,
    blocklist: {
      emailSpam: event.ip_blocklist?.email_spam,
      attackSource: event.ip_blocklist?.attack_source,
      torNode: event.ip_blocklist?.tor_node,
    },
    ip: pickIp(event),
    velocity: {
      distinctIps: counts(velocity?.distinct_ip),
      distinctLinkedIds: counts(velocity?.distinct_linked_id),
      distinctCountries: counts(velocity?.distinct_country),
      events: counts(velocity?.events),
      ipEvents: counts(velocity?.ip_events),
      distinctIpsByLinkedId: counts(velocity?.distinct_ip_by_linked_id),
      distinctDevicesByLinkedId: counts(velocity?.distinct_visitor_id_by_linked_id),
    },
    virtualMachine: event.virtual_machine,
    virtualMachineMlScore: event.virtual_machine_ml_score,
    privacySettings: event.privacy_settings,
    developerTools: event.developer_tools,
    highActivity: event.high_activity_device,
    replayed: event.replayed,
    rareDevice: event.rare_device,
    rareDeviceBucket: nonEmpty(event.rare_device_percentile_bucket),
    proximity: event.proximity && {
      id: nonEmpty(event.proximity.id),
      precisionRadius: event.proximity.precision_radius,
      confidence: event.proximity.confidence,
    },
    mobile: {
      rootApps: event.root_apps,
      emulator: event.emulator,
      simulator: event.simulator,
      jailbroken: event.jailbroken,
      frida: event.frida,
      clonedApp: event.cloned_app,
      locationSpoofing: event.location_spoofing,
      mitmAttack: event.mitm_attack,
      activeCall: event.active_call,
      factoryResetEpoch: event.factory_reset_timestamp,
    },
    attributes: attributes(event.raw_device_attributes),
    mlLabels: (event.labels ?? []).map((item) => ({
      label: item.label,
      prediction: item.prediction,
      mlScore: item.ml_score,
    })),
    ruleAction: event.rule_action && {
      type: event.rule_action.type,
      rulesetId: nonEmpty(event.rule_action.ruleset_id),
      ruleId: nonEmpty(event.rule_action.rule_id),
      expression: nonEmpty(event.rule_action.rule_expression),
    },
    raw: event,
  };
}

function attributes(raw: V4Event['raw_device_attributes']): NormalizedAttributes {
  return {
    timezone: nonEmpty(raw?.timezone),
    timezoneOffset: nonEmpty(raw?.timezone_offset),
    languages: languages(raw?.languages),
    screenResolution: screenResolution(raw?.screen_resolution),
    colorDepth: raw?.color_depth,
    hardwareConcurrency: raw?.hardware_concurrency,
    deviceMemory: raw?.device_memory,
    platform: nonEmpty(raw?.platform),
    vendor: nonEmpty(raw?.vendor),
    oscpu: nonEmpty(raw?.oscpu),
    dateTimeLocale: nonEmpty(raw?.date_time_locale),
    keyboardLayout: nonEmpty(raw?.keyboard_layout_name),
    maxTouchPoints: raw?.touch_support?.max_touch_points,
    gpuRenderer: nonEmpty(raw?.webgl_basics?.renderer_unmasked),
    gpuVendor: nonEmpty(raw?.webgl_basics?.vendor_unmasked),
    batteryLevel: raw?.battery_level,
    batteryCharging: raw?.battery_charging,
    lowPowerMode: raw?.battery_low_power_mode,
    model: nonEmpty(raw?.device_model),
    manufacturer: nonEmpty(raw?.device_manufacturer),
  };
}

/** The `ip_info` entry describing the request IP (v4 or v6), falling back to whichever is present. */
function pickIp(event: V4Event): NormalizedIp | undefined {
  const entries = [event.ip_info?.v4, event.ip_info?.v6].filter((entry): entry is V4IpInfo => !!entry?.address);
  const entry = entries.find((candidate) => candidate.address === event.ip_address) ?? entries[0];
  if (!entry?.address) {
    return event.ip_address ? { address: event.ip_address } : undefined;
  }
  return {
    address: entry.address,
    geolocation: geolocation(entry.geolocation),
    asn:
      entry.asn || entry.asn_name
        ? {
            number: entry.asn ?? null,
            name: nonEmpty(entry.asn_name) ?? null,
            network: nonEmpty(entry.asn_network) ?? null,
            type: nonEmpty(entry.asn_type) ?? null,
          }
        : undefined,
    datacenter: entry.datacenter_result,
    datacenterName: nonEmpty(entry.datacenter_name),
  };
}

function geolocation(geo: V4IpInfo['geolocation']): Geolocation | undefined {
  if (!geo) return undefined;
  return {
    city: nonEmpty(geo.city_name) ?? null,
    subdivisions: geo.subdivisions?.map((item) => ({ code: item.iso_code ?? null, name: item.name ?? null })) ?? null,
    country:
      geo.country_code || geo.country_name ? { code: geo.country_code ?? null, name: geo.country_name ?? null } : null,
    continent:
      geo.continent_code || geo.continent_name
        ? { code: geo.continent_code ?? null, name: geo.continent_name ?? null }
        : null,
    latitude: geo.latitude ?? null,
    longitude: geo.longitude ?? null,
    accuracyRadiusKm: geo.accuracy_radius ?? null,
    postalCode: nonEmpty(geo.postal_code) ?? null,
    timezone: nonEmpty(geo.timezone) ?? null,
  };
}

function counts(data: V4Counts | undefined) {
  if (!data) return undefined;
  return { last5m: data['5_minutes'] ?? null, last1h: data['1_hour'] ?? null, last24h: data['24_hours'] ?? null };
}

/** Navigator languages (lists of preferences) → each language once, in order. */
export function languages(values: string[][] | undefined): string[] | undefined {
  const flat = [...new Set((values ?? []).flat().filter((value) => value.trim() !== ''))];
  return flat.length > 0 ? flat : undefined;
}

/** `[1920, 1080]` → `1920x1080`, the form the other vendors use. */
export function screenResolution(values: number[] | undefined): string | undefined {
  return values && values.length >= 2 ? `${values[0]}x${values[1]}` : undefined;
}
