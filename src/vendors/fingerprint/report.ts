import { formatDeviceId } from '../../model/device-id.ts';
import type { BotFacts, Confidence, DeviceFacts, IpFacts, Platform, ProxyType } from '../../model/facts.ts';
import type { VendorReport, VendorRuleAction } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { DriftLog, mapEnum } from '../tolerant.ts';
import { fingerprintLabelHits, isAutomation, isBadBot, vpnDetected } from './labels.ts';
import type { NormalizedEvent } from './normalized.ts';
import type { FingerprintView } from './view.ts';
import { fingerprintView } from './view-of-event.ts';

/** Prefix of the unified device ids this vendor issues (`fingerprint:<id>`). */
export const FINGERPRINT_DEVICE_PREFIX = 'fingerprint';

const PLATFORMS = { js: 'WEB', android: 'ANDROID', ios: 'IOS', unknown: 'UNKNOWN' } as const satisfies Record<
  string,
  Platform
>;
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
  const proxyType = mapEnum(event.proxyType, PROXY_TYPES, drift.unknownEnum('proxy_details.proxy_type'));
  const view = fingerprintView(event, isWeb, drift);
  const ruleAction = ruleActionOf(event, drift);
  return {
    action: { time: view.time ?? undefined, url: event.url },
    device: deviceFacts(event, platform),
    ip: ipFacts(event, proxyType, view.proxyConfidence ?? undefined),
    velocity: event.velocity,
    bot: botFacts(event, view.bot ?? undefined),
    labels: fingerprintLabelHits(event, isWeb).map((hit) => riskLabel('FINGERPRINT', hit)),
    view,
    drift: drift.entries,
    ...(event.failedParts.length > 0 ? { failedParts: event.failedParts } : {}),
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
    language: event.attributes.languages?.[0],
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
  const vpn = vpnDetected(event);
  if (!address && vpn === undefined && event.proxy === undefined) return undefined;
  const { emailSpam, attackSource, any } = event.blocklist;
  return {
    address,
    version: address ? (address.includes(':') ? 'V6' : 'V4') : undefined,
    geolocation: event.ip?.geolocation,
    asn: event.ip?.asn,
    datacenter: event.ip?.datacenter,
    vpn,
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
      emailSpam === undefined && attackSource === undefined && any === undefined
        ? undefined
        : emailSpam === true || attackSource === true || any === true,
  };
}

/**
 * Fingerprint's bot verdict. `bot` decides, with two corrections from `bot_info`: a bot whose
 * identity is spoofed (it claims to be a known bot and is not) is a bad bot, and browser automation
 * is automation unless Fingerprint calls the bot good. A value Fingerprint does not document
 * detects nothing either way (null, kind UNKNOWN). Edge events carry `bot_info` without `bot`:
 * no verdict, but a verified or signed identity is a known, good bot.
 */
function botFacts(event: NormalizedEvent, bot: FingerprintView['bot'] | undefined): BotFacts | undefined {
  const info = event.botInfo;
  if (bot === undefined && !info) return undefined;
  const name = info?.name ?? event.botType;
  if (isBadBot(event)) return { detected: true, kind: isAutomation(event) ? 'AUTOMATION' : 'BAD_BOT', name };
  switch (bot) {
    case 'GOOD':
      return { detected: false, kind: 'GOOD_BOT', name };
    case 'NOT_DETECTED':
      return { detected: false, kind: 'HUMAN', name };
    case 'UNKNOWN':
      return { kind: 'UNKNOWN', name };
    default: {
      const known = info?.identity === 'verified' || info?.identity === 'signed';
      return { kind: known ? 'GOOD_BOT' : 'UNKNOWN', name };
    }
  }
}
