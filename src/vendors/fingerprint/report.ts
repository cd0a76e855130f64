import { formatDeviceId } from '../../model/device-id.ts';
import type { BotFacts, Confidence, DeviceFacts, IpFacts, Platform, ProxyType } from '../../model/facts.ts';
import type { VendorReport, VendorRuleAction } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { isoFromEpoch, isoFromEpochMs } from '../time.ts';
import { DriftLog, mapEnum } from '../tolerant.ts';
import { fingerprintLabelHits } from './labels.ts';
import type { NormalizedEvent } from './normalized.ts';
import type { FingerprintView } from './view.ts';

/** Prefix of the unified device ids this vendor issues (`fingerprint:<id>`). */
export const FINGERPRINT_DEVICE_PREFIX = 'fingerprint';

const PLATFORMS = { js: 'WEB', android: 'ANDROID', ios: 'IOS', unknown: 'UNKNOWN' } as const satisfies Record<
  string,
  Platform
>;
const BOT_RESULTS = { not_detected: 'NOT_DETECTED', good: 'GOOD', bad: 'BAD' } as const;
const CONFIDENCES = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH' } as const satisfies Record<string, Confidence>;
const RULE_ACTIONS = { allow: 'ALLOW', block: 'BLOCK' } as const;
const PROXY_TYPES = {
  residential: 'RESIDENTIAL',
  data_center: 'DATA_CENTER',
  unknown: 'UNKNOWN',
} as const satisfies Record<string, ProxyType>;

export type FingerprintReport = VendorReport<FingerprintView>;

/** Version-neutral Fingerprint event → report (facts, labels, view). The one mapping for v3, v4 and sealed. */
export function buildFingerprintReport(event: NormalizedEvent, drift = new DriftLog()): FingerprintReport {
  const platform = platformOf(event, drift);
  const isWeb = platform === 'WEB';
  const bot = mapEnum(event.bot, BOT_RESULTS, drift.unknownEnum('bot'));
  const vpnConfidence = mapEnum(event.vpnConfidence, CONFIDENCES, drift.unknownEnum('vpn_confidence'));
  const proxyConfidence = mapEnum(event.proxyConfidence, CONFIDENCES, drift.unknownEnum('proxy_confidence'));
  const proxyType = mapEnum(event.proxyType, PROXY_TYPES, drift.unknownEnum('proxy_details.proxy_type'));
  const time = isoFromEpochMs(event.timestampMs);
  const ruleAction = ruleActionOf(event, drift);

  const view: FingerprintView = {
    eventId: event.eventId,
    origin: event.origin,
    visitorId: event.visitorId ?? null,
    visitorFound: event.visitorFound ?? null,
    confidence: event.confidence ?? null,
    linkedId: event.linkedId ?? null,
    suspect: event.suspect ?? null,
    time: time ?? null,
    url: event.url ?? null,
    ipAddress: event.ipAddress ?? event.ip?.address ?? null,
    userAgent: event.userAgent ?? null,
    bot: bot ?? null,
    botValue: event.bot ?? null,
    botType: event.botType ?? null,
    suspectScore: event.suspectScore ?? null,
    incognito: event.incognito ?? null,
    vpn: event.vpn ?? null,
    vpnConfidence: vpnConfidence ?? null,
    proxy: event.proxy ?? null,
    proxyConfidence: proxyConfidence ?? null,
    tampering: event.tampering ?? null,
    antiDetectBrowser: event.antiDetectBrowser ?? null,
    tamperingAnomalyScore: event.anomalyScore ?? null,
    virtualMachine: event.virtualMachine ?? null,
    privacySettings: event.privacySettings ?? null,
    developerTools: event.developerTools ?? null,
    highActivity: event.highActivity ?? null,
    replayed: event.replayed ?? null,
    rareDevicePercentileBucket: event.rareDeviceBucket ?? null,
    mobile: isWeb ? null : mobileSignals(event),
    sdkPlatform: event.sdk.platform ?? null,
    sdkVersion: event.sdk.version ?? null,
    raw: event.raw,
  };

  return {
    action: { time, url: event.url },
    device: deviceFacts(event, platform),
    ip: ipFacts(event, proxyType, proxyConfidence),
    velocity: event.velocity,
    bot: botFacts(event, bot),
    labels: fingerprintLabelHits(event, isWeb).map((hit) => riskLabel('FINGERPRINT', hit)),
    view,
    drift: drift.entries,
    // The event id looks the event up again: it replaces a sealed result in `Event.id`.
    ...(event.eventId ? { signals: { fingerprintEventId: event.eventId } } : {}),
    ...(ruleAction ? { ruleAction } : {}),
  };
}

/**
 * `rule_action` of a ruleset evaluation. Without the ruleset and the type it documents as required,
 * nothing can be said of it: the checkpoint then reports the ruleset as not evaluated.
 */
function ruleActionOf(event: NormalizedEvent, drift: DriftLog): VendorRuleAction | undefined {
  const rule = event.ruleAction;
  if (!rule?.rulesetId || !rule.type) return undefined;
  const action = mapEnum(rule.type, RULE_ACTIONS, drift.unknownEnum('rule_action.type'));
  return {
    vendorCode: 'rule_action',
    rulesetId: rule.rulesetId,
    action: action === 'UNKNOWN' || action === undefined ? null : action,
    value: rule.type,
    ruleId: rule.ruleId,
    expression: rule.expression,
  };
}

function platformOf(event: NormalizedEvent, drift: DriftLog): Platform | undefined {
  const fromSdk = mapEnum(event.sdk.platform, PLATFORMS, drift.unknownEnum('sdk.platform'));
  if (fromSdk && fromSdk !== 'UNKNOWN') return fromSdk;
  // Events without SDK info: browser details are only ever present for web identifications.
  return event.browser.name ? 'WEB' : fromSdk;
}

function mobileSignals(event: NormalizedEvent): FingerprintView['mobile'] {
  const m = event.mobile;
  return {
    rooted: m.rootApps ?? null,
    emulator: m.emulator ?? m.simulator ?? null,
    jailbroken: m.jailbroken ?? null,
    frida: m.frida ?? null,
    clonedApp: m.clonedApp ?? null,
    locationSpoofing: m.locationSpoofing ?? null,
    mitmAttack: m.mitmAttack ?? null,
    factoryResetAt: m.factoryResetEpoch ? (isoFromEpoch(m.factoryResetEpoch) ?? null) : null,
  };
}

function deviceFacts(event: NormalizedEvent, platform: Platform | undefined): DeviceFacts | undefined {
  if (!event.visitorId) return undefined;
  const isWeb = platform === 'WEB';
  return {
    id: formatDeviceId(FINGERPRINT_DEVICE_PREFIX, event.visitorId),
    platform,
    os: event.browser.os,
    osVersion: event.browser.osVersion,
    browserName: isWeb ? event.browser.name : undefined,
    browserVersion: isWeb ? event.browser.fullVersion : undefined,
    // Fingerprint's UA-derived `device` is "Other" for desktops; the raw attributes name real models.
    model: event.attributes.model ?? (event.browser.device === 'Other' ? undefined : event.browser.device),
    brand: event.attributes.manufacturer,
    screenResolution: event.attributes.screenResolution,
    language: event.attributes.language,
    timezone: event.attributes.timezone,
    userAgent: event.userAgent,
    firstSeenAt: event.firstSeenAt,
    lastSeenAt: event.lastSeenAt,
  };
}

function ipFacts(
  event: NormalizedEvent,
  proxyType: ProxyType | undefined,
  proxyConfidence: Confidence | undefined,
): IpFacts | undefined {
  const address = event.ip?.address ?? event.ipAddress;
  if (!address && event.vpn === undefined && event.proxy === undefined) return undefined;
  return {
    address,
    version: address ? (address.includes(':') ? 'V6' : 'V4') : undefined,
    geolocation: event.ip?.geolocation,
    asn: event.ip?.asn,
    datacenter: event.ip?.datacenter,
    vpn: event.vpn,
    proxy:
      event.proxy === undefined
        ? undefined
        : {
            result: event.proxy,
            type: event.proxy ? (proxyType ?? null) : null,
            confidence: proxyConfidence ?? null,
            provider: event.proxyProvider ?? null,
          },
    tor: event.blocklist.torNode,
    relay: event.vpnMethods.relay,
    blocklisted:
      event.blocklist.emailSpam === undefined && event.blocklist.attackSource === undefined
        ? undefined
        : event.blocklist.emailSpam === true || event.blocklist.attackSource === true,
  };
}

function botFacts(event: NormalizedEvent, bot: FingerprintView['bot'] | undefined): BotFacts | undefined {
  if (bot === undefined && !event.botInfo) return undefined;
  const automation = event.botInfo?.category === 'browser_automation';
  return {
    detected: bot === undefined ? undefined : bot === 'BAD' || automation,
    kind: automation
      ? 'AUTOMATION'
      : bot === 'BAD'
        ? 'BAD_BOT'
        : bot === 'GOOD'
          ? 'GOOD_BOT'
          : bot === 'NOT_DETECTED'
            ? 'HUMAN'
            : 'UNKNOWN',
    name: event.botInfo?.name ?? event.botType,
  };
}
