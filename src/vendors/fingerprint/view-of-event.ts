import type { Confidence } from '../../model/facts.ts';
import { isoFromEpoch, isoFromEpochMs } from '../time.ts';
import { type DriftLog, mapEnum } from '../tolerant.ts';
import type { NormalizedAttributes, NormalizedEvent, VpnMethods } from './normalized.ts';
import type {
  FingerprintDeviceAttributes,
  FingerprintHighRecallId,
  FingerprintView,
  FingerprintVpnMethods,
} from './view.ts';

const BOT_RESULTS = { not_detected: 'NOT_DETECTED', good: 'GOOD', bad: 'BAD' } as const;
const CONFIDENCES = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH' } as const satisfies Record<string, Confidence>;

/**
 * Values Fingerprint documents for fields the view shows verbatim: anything else is counted as
 * drift (and still shown, so an analyst sees what the vendor said).
 */
const VOCABULARY = {
  source: ['device', 'edge'],
  incremental_identification_status: ['partially_completed', 'completed'],
  'bot_info.category': [
    'advertising_and_marketing',
    'aggregator',
    'ai_agent',
    'ai_assistant',
    'ai_browser',
    'ai_crawler',
    'ai_search',
    'browser_automation',
    'ecommerce',
    'monitoring_and_analytics',
    'other',
    'scraping',
    'security',
    'search_engine_crawler',
    'search_engine_optimization',
    'unknown',
  ],
  'bot_info.identity': ['verified', 'signed', 'spoofed', 'unknown'],
  rare_device_percentile_bucket: ['<p95', 'p95-p99', 'p99-p99.5', 'p99.5-p99.9', 'p99.9+', 'not_seen'],
  'labels.label': ['fraud'],
} as const satisfies Record<string, readonly string[]>;

/** The precision radii (metres) Fingerprint documents for proximity zones. */
const PRECISION_RADII: ReadonlySet<number> = new Set([10, 25, 65, 175, 450, 1200, 3300, 8500, 22500]);

/**
 * Fingerprint's own view of a version-neutral event. Enum values it does not document become
 * `UNKNOWN` (or are shown as sent, where the view shows text) and are recorded in `drift`.
 * Mobile-only signals are left out of web events, as Fingerprint advises.
 */
export function fingerprintView(event: NormalizedEvent, isWeb: boolean, drift: DriftLog): FingerprintView {
  const confidence = (value: string | undefined, field: string) =>
    mapEnum(value, CONFIDENCES, drift.unknownEnum(field)) ?? null;
  const bot = mapEnum(event.bot, BOT_RESULTS, drift.unknownEnum('bot'));
  const time = isoFromEpochMs(event.timestampMs);
  checkVocabulary(event, drift);
  return {
    eventId: event.eventId,
    origin: event.origin,
    source: event.source ?? null,
    visitorId: event.visitorId ?? null,
    visitorFound: event.visitorFound ?? null,
    confidence: event.confidence ?? null,
    identificationStatus: event.identificationStatus ?? null,
    highRecall: event.highRecall ? highRecallView(event.highRecall) : null,
    linkedId: event.linkedId ?? null,
    suspect: event.suspect ?? null,
    environmentId: event.environmentId ?? null,
    time: time ?? null,
    url: event.url ?? null,
    clientReferrer: event.clientReferrer ?? null,
    appId: event.appId ?? null,
    ipAddress: event.ipAddress ?? event.ip?.address ?? null,
    datacenterName: event.ip?.datacenterName ?? null,
    userAgent: event.userAgent ?? null,
    bot: bot ?? null,
    botValue: event.bot ?? null,
    botType: event.botType ?? null,
    botInfo: event.botInfo
      ? {
          category: event.botInfo.category ?? null,
          name: event.botInfo.name ?? null,
          provider: event.botInfo.provider ?? null,
          providerUrl: event.botInfo.providerUrl ?? null,
          identity: event.botInfo.identity ?? null,
          confidence: confidence(event.botInfo.confidence, 'bot_info.confidence'),
        }
      : null,
    suspectScore: event.suspectScore ?? null,
    incognito: event.incognito ?? null,
    vpn: event.vpn ?? null,
    vpnConfidence: confidence(event.vpnConfidence, 'vpn_confidence'),
    vpnMlScore: event.vpnMlScore ?? null,
    vpnMethods: vpnMethodsView(event.vpnMethods),
    vpnOriginTimezone: event.vpnOriginTimezone ?? null,
    vpnOriginCountry: event.vpnOriginCountry ?? null,
    proxy: event.proxy ?? null,
    proxyConfidence: confidence(event.proxyConfidence, 'proxy_confidence'),
    proxyMlScore: event.proxyMlScore ?? null,
    proxyLastSeenAt: event.proxyLastSeenAt ?? null,
    tampering: event.tampering ?? null,
    tamperingConfidence: confidence(event.tamperingConfidence, 'tampering_confidence'),
    tamperingMlScore: event.tamperingMlScore ?? null,
    antiDetectBrowser: event.antiDetectBrowser ?? null,
    tamperingAnomalyScore: event.anomalyScore ?? null,
    virtualMachine: event.virtualMachine ?? null,
    virtualMachineMlScore: event.virtualMachineMlScore ?? null,
    privacySettings: event.privacySettings ?? null,
    developerTools: event.developerTools ?? null,
    highActivity: event.highActivity ?? null,
    highActivityDailyRequests: event.highActivityDailyRequests ?? null,
    replayed: event.replayed ?? null,
    rareDevice: event.rareDevice ?? null,
    rareDevicePercentileBucket: event.rareDeviceBucket ?? null,
    proximity: event.proximity
      ? {
          id: event.proximity.id ?? null,
          precisionRadiusMeters: event.proximity.precisionRadius ?? null,
          confidence: event.proximity.confidence ?? null,
        }
      : null,
    mlPredictions: event.mlLabels.map((item) => ({
      label: item.label,
      prediction: item.prediction ?? null,
      score: item.mlScore ?? null,
    })),
    attributes: attributesView(event.attributes),
    mobile: isWeb ? null : mobileSignals(event),
    sdkPlatform: event.sdk.platform ?? null,
    sdkVersion: event.sdk.version ?? null,
    raw: event.raw,
  };
}

/** Counts values Fingerprint does not document in the fields shown verbatim. */
function checkVocabulary(event: NormalizedEvent, drift: DriftLog): void {
  const values: Record<keyof typeof VOCABULARY, readonly (string | undefined)[]> = {
    source: [event.source],
    incremental_identification_status: [event.identificationStatus],
    'bot_info.category': [event.botInfo?.category],
    'bot_info.identity': [event.botInfo?.identity],
    rare_device_percentile_bucket: [event.rareDeviceBucket],
    'labels.label': event.mlLabels.map((item) => item.label),
  };
  for (const [field, known] of Object.entries(VOCABULARY) as [keyof typeof VOCABULARY, readonly string[]][]) {
    for (const value of values[field]) {
      if (value !== undefined && !known.includes(value)) drift.unknownEnum(field)(value);
    }
  }
  const radius = event.proximity?.precisionRadius;
  if (radius !== undefined && !PRECISION_RADII.has(radius))
    drift.unknownEnum('proximity.precision_radius')(String(radius));
}

function highRecallView(highRecall: NonNullable<NormalizedEvent['highRecall']>): FingerprintHighRecallId {
  return {
    visitorId: highRecall.visitorId ?? null,
    visitorFound: highRecall.visitorFound ?? null,
    confidence: highRecall.confidence ?? null,
    firstSeenAt: highRecall.firstSeenAt ?? null,
    lastSeenAt: highRecall.lastSeenAt ?? null,
  };
}

function vpnMethodsView(methods: VpnMethods): FingerprintVpnMethods | null {
  if (Object.values(methods).every((value) => value === undefined)) return null;
  return {
    timezoneMismatch: methods.timezoneMismatch ?? null,
    publicVpn: methods.publicVpn ?? null,
    auxiliaryMobile: methods.auxiliaryMobile ?? null,
    osMismatch: methods.osMismatch ?? null,
    relay: methods.relay ?? null,
    mlPrediction: methods.mlPrediction ?? null,
  };
}

function attributesView(a: NormalizedAttributes): FingerprintDeviceAttributes | null {
  const view: FingerprintDeviceAttributes = {
    timezone: a.timezone ?? null,
    timezoneOffset: a.timezoneOffset ?? null,
    languages: a.languages ?? null,
    screenResolution: a.screenResolution ?? null,
    colorDepth: a.colorDepth ?? null,
    hardwareConcurrency: a.hardwareConcurrency ?? null,
    deviceMemoryGb: a.deviceMemory ?? null,
    platform: a.platform ?? null,
    vendor: a.vendor ?? null,
    oscpu: a.oscpu ?? null,
    dateTimeLocale: a.dateTimeLocale ?? null,
    keyboardLayout: a.keyboardLayout ?? null,
    maxTouchPoints: a.maxTouchPoints ?? null,
    gpuRenderer: a.gpuRenderer ?? null,
    gpuVendor: a.gpuVendor ?? null,
    batteryLevel: a.batteryLevel ?? null,
    batteryCharging: a.batteryCharging ?? null,
    lowPowerMode: a.lowPowerMode ?? null,
  };
  return Object.values(view).every((value) => value === null) ? null : view;
}

function mobileSignals(event: NormalizedEvent): FingerprintView['mobile'] {
  const m = event.mobile;
  return {
    rooted: m.rootApps ?? null,
    // v3 sends both products (false where they do not apply): either one detecting is a detection.
    emulator: m.emulator === true || m.simulator === true ? true : (m.emulator ?? m.simulator ?? null),
    jailbroken: m.jailbroken ?? null,
    frida: m.frida ?? null,
    clonedApp: m.clonedApp ?? null,
    locationSpoofing: m.locationSpoofing ?? null,
    mitmAttack: m.mitmAttack ?? null,
    activeCall: m.activeCall ?? null,
    factoryResetAt: m.factoryResetEpoch ? (isoFromEpoch(m.factoryResetEpoch) ?? null) : null,
  };
}
