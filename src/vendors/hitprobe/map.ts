import { formatDeviceId } from '../../model/device-id.ts';
import type { BotFacts, DeviceFacts, IpFacts, VelocityFacts } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { isoFromString } from '../time.ts';
import { DriftLog, ipVersionOf } from '../tolerant.ts';
import { hitprobeLabelHits } from './labels.ts';
import type { HitprobeDeviceObject, HitprobeEvent } from './schema.ts';
import type { HitprobeView } from './view.ts';

/** Prefix of the unified device ids this vendor issues (`hitprobe:<id>`). */
export const HITPROBE_DEVICE_PREFIX = 'hitprobe';

export type HitprobeReport = VendorReport<HitprobeView>;

/**
 * Hitprobe event result whose `device` was found (`success` and `valid` true) → report. Timestamps
 * have no zone (`2024-05-20 09:10:27.656374`) and are read as UTC.
 */
export function buildHitprobeReport(event: HitprobeEvent, drift = new DriftLog()): HitprobeReport {
  const device: HitprobeDeviceObject = event.device ?? {};
  const rules = event.rules ?? [];
  const firstSeen = isoFromString(device.first_seen);
  const lastSeen = isoFromString(device.last_seen);
  const probeCreatedAt = isoFromString(device.probe_created_at);

  const view: HitprobeView = {
    probeId: device.probe_id ?? null,
    probeCreatedAt: probeCreatedAt ?? null,
    probeMinutesElapsed: device.probe_mins_elapsed ?? null,
    probeUnique: device.probe_unique ?? null,
    probeIpMatch: device.probe_ip_match ?? null,
    probeSuspect: device.probe_suspect ?? null,
    deviceId: device.device_id ?? null,
    ipv4: device.ipv4 ?? null,
    ipv6: device.ipv6 ?? null,
    browserName: device.browser_name ?? null,
    privateBrowsing: device.private_browsing ?? null,
    headlessBrowser: device.headless_browser ?? null,
    platform: device.platform ?? null,
    vendor: device.vendor ?? null,
    memory: device.memory ?? null,
    hardwareConcurrency: device.hardware_concurrency ?? null,
    language: device.language ?? null,
    screenResolution: device.screen_resolution ?? null,
    timezone: device.timezone ?? null,
    timezoneMismatch: device.timezone_mismatch ?? null,
    bot: device.bot ?? null,
    anonymous: device.anonymous ?? null,
    userAgent: device.ua ?? null,
    uaBrowserFamily: device.ua_browser_family ?? null,
    uaBrowserVersion: device.ua_browser_version ?? null,
    uaOsFamily: device.ua_os_family ?? null,
    uaOsVersion: device.ua_os_version ?? null,
    uaDeviceBrand: device.ua_device_brand ?? null,
    uaDeviceFamily: device.ua_device_family ?? null,
    uaDeviceModel: device.ua_device_model ?? null,
    uaMobile: device.ua_mobile ?? null,
    uaTablet: device.ua_tablet ?? null,
    uaTouchCapable: device.ua_touch_capable ?? null,
    uaPc: device.ua_pc ?? null,
    uaCrawler: device.ua_crawler ?? null,
    firstSeen: firstSeen ?? null,
    lastSeen: lastSeen ?? null,
    seenHour: device.seen_hour ?? null,
    seenDay: device.seen_day ?? null,
    seenMonth: device.seen_month ?? null,
    seenQuarter: device.seen_quarter ?? null,
    uniqueNetworks: device.unique_networks ?? null,
    uniqueEmails: device.unique_emails ?? null,
    uniquePhoneNumbers: device.unique_phone_numbers ?? null,
    uniquePostalCodes: device.unique_postal_codes ?? null,
    rules: rules.map((rule) => ({
      id: rule.id,
      type: rule.type ?? null,
      name: rule.name ?? null,
      action: rule.action ?? null,
    })),
    raw: event,
  };

  return {
    action: { time: probeCreatedAt },
    device: deviceFacts(device, firstSeen, lastSeen),
    ip: ipFacts(device),
    velocity: velocityFacts(device),
    bot: botFacts(device),
    labels: hitprobeLabelHits(device, rules, drift).map((hit) => riskLabel('HITPROBE', hit)),
    view,
    drift: drift.entries,
  };
}

function deviceFacts(
  device: HitprobeDeviceObject,
  firstSeenAt: string | undefined,
  lastSeenAt: string | undefined,
): DeviceFacts {
  return {
    id: device.device_id ? formatDeviceId(HITPROBE_DEVICE_PREFIX, device.device_id) : undefined,
    // Hitprobe's agent runs in web pages only.
    platform: 'WEB',
    browserName: device.browser_name,
    browserVersion: device.ua_browser_version,
    os: device.ua_os_family,
    osVersion: device.ua_os_version,
    model: device.ua_device_model,
    brand: device.ua_device_brand,
    screenResolution: device.screen_resolution,
    language: device.language,
    timezone: device.timezone,
    userAgent: device.ua,
    firstSeenAt,
    lastSeenAt,
  };
}

function ipFacts(device: HitprobeDeviceObject): IpFacts | undefined {
  const address = device.ipv4 ?? device.ipv6;
  return address ? { address, version: ipVersionOf(address) } : undefined;
}

function velocityFacts(device: HitprobeDeviceObject): VelocityFacts {
  const seen = [device.seen_hour, device.seen_day, device.seen_month, device.seen_quarter];
  return {
    deviceSeen: seen.some((count) => count !== undefined)
      ? {
          lastHour: device.seen_hour ?? null,
          lastDay: device.seen_day ?? null,
          lastMonth: device.seen_month ?? null,
          lastQuarter: device.seen_quarter ?? null,
        }
      : undefined,
    uniqueNetworks: device.unique_networks,
    uniqueEmails: device.unique_emails,
    uniquePhoneNumbers: device.unique_phone_numbers,
    uniquePostalCodes: device.unique_postal_codes,
  };
}

/**
 * `headless_browser` is Hitprobe's "automated" (a headless browser such as Selenium), so it is a
 * detection even when `bot` (anything but a web browser) is false; a crawler (`ua_crawler`) is a
 * good bot, which `bot` never counts.
 */
function botFacts(device: HitprobeDeviceObject): BotFacts | undefined {
  const { bot, headless_browser: headless, ua_crawler: crawler } = device;
  if (bot === undefined && crawler === undefined && headless === undefined) return undefined;
  return {
    detected: bot === true || headless === true ? true : bot === false ? false : undefined,
    kind:
      bot === true
        ? 'BAD_BOT'
        : headless === true
          ? 'AUTOMATION'
          : crawler === true
            ? 'GOOD_BOT'
            : bot === false
              ? 'HUMAN'
              : undefined,
    headless,
  };
}
