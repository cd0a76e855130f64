import { APP, appUserAgent } from '../../devices.ts';
import type { Json, JsonObject } from '../../json.ts';
import {
  DAY_MS,
  type DeviceProfile,
  deviceProfile,
  HOUR_MS,
  MINUTE_MS,
  REFERENCE_TIME_MS,
  type Session,
  sessionProfile,
} from '../../persona.ts';
import { routeOf } from '../../places.ts';
import { Rng } from '../../random.ts';
import type { EventEntry } from './registry.ts';
import { SHOWCASE_EVENT } from './showcase.ts';

/**
 * One Fingerprint identification event, independent of the API version. The v4 and v3 renderers
 * both print it, so the two versions of an event id always describe the same event. Optional
 * members are fields the vendor omits in some events (the showcase lacks ML scores; web events
 * lack mobile signals in v4).
 */
export interface FpEvent {
  eventId: string;
  timestampMs: number;
  visitorId: string;
  visitorFound: boolean;
  confidence: { score: number; version?: string };
  firstSeenAtMs?: number;
  lastSeenAtMs?: number;
  /** The High Recall ID (v4, browser events). */
  highRecall?: { visitorId: string; visitorFound: boolean; firstSeenAtMs: number; lastSeenAtMs: number };
  linkedId?: string;
  tags: JsonObject;
  /** Set only by the update-event API. */
  suspect?: boolean;
  sdk: { platform: 'js' | 'android' | 'ios'; version: string; integrations?: Json[] };
  /** Page URL (browser events only). */
  url?: string;
  /** `document.referrer` (browser events only, when there was one). */
  clientReferrer?: string;
  /** Android package name or iOS bundle id (app events only). */
  appId?: string;
  ip: FpIp;
  userAgent: string;
  device: string;
  os: string;
  osVersion: string;
  /** Browser events only. */
  browser?: { name: string; major: string; full: string };
  replayed: boolean;
  /** Browser-only signals. */
  web?: {
    /** A value Fingerprint does not document when the answer is drifted on purpose. */
    bot: 'not_detected' | 'good' | 'bad' | 'suspicious_new_kind';
    botType?: string;
    botInfo?: FpBotInfo;
    incognito: boolean;
    privacySettings: boolean;
    virtualMachine: boolean;
    virtualMachineMlScore?: number;
    rareDeviceBucket?: string;
  };
  /** Mobile signals: present for app events (and in the vendor's own web example). */
  mobile?: {
    rootApps: boolean;
    emulator: boolean;
    clonedApp: boolean;
    jailbroken: boolean;
    frida: boolean;
    locationSpoofing: boolean;
    mitmAttack: boolean;
    activeCall?: boolean;
    /** Epoch seconds; 0 when unknown. */
    factoryResetSec: number;
  };
  blocklist: { emailSpam: boolean; attackSource: boolean; torNode: boolean };
  vpn: {
    result: boolean;
    confidence: Confidence;
    mlScore?: number;
    originTimezone: string;
    originCountry?: string;
    methods: {
      timezoneMismatch: boolean;
      publicVpn: boolean;
      auxiliaryMobile: boolean;
      osMismatch: boolean;
      relay: boolean;
      mlPrediction?: boolean;
    };
  };
  proxy: {
    result: boolean;
    confidence: Confidence;
    mlScore?: number;
    details?: { type: 'residential' | 'data_center'; lastSeenAtMs: number };
  };
  tampering: {
    result: boolean;
    confidence?: Confidence;
    mlScore?: number;
    anomalyScore: number;
    antiDetectBrowser: boolean;
  };
  developerTools: boolean;
  highActivity: boolean;
  suspectScore?: number;
  velocity: Partial<Record<VelocityKey, VelocityWindow>>;
  proximity?: { id: string; precisionRadius: number; confidence: number };
  attributes?: FpAttributes;
  /** Fingerprint's ML predictions (beta): `fraud`. */
  mlLabels?: { label: string; prediction: boolean; mlScore: number }[];
}

/** Who an identified bot is (v4 `bot_info`). */
export interface FpBotInfo {
  category: string;
  name: string;
  provider: string;
  providerUrl?: string;
  identity: 'verified' | 'signed' | 'spoofed' | 'unknown';
  confidence: Confidence;
}

export type Confidence = 'low' | 'medium' | 'high';

export interface FpIp {
  address: string;
  version: 4 | 6;
  geolocation: {
    accuracyRadius: number;
    latitude: number;
    longitude: number;
    postalCode: string;
    timezone: string;
    city: string;
    countryCode: string;
    countryName: string;
    continentCode: string;
    continentName: string;
    subdivisions: { code: string; name: string }[];
  };
  asn?: { number: string; name: string; network: string; type: string };
  datacenter?: { result: boolean; name: string };
}

export const VELOCITY_KEYS = [
  'distinctIp',
  'distinctLinkedId',
  'distinctCountry',
  'events',
  'ipEvents',
  'distinctIpByLinkedId',
  'distinctVisitorIdByLinkedId',
] as const;
export type VelocityKey = (typeof VELOCITY_KEYS)[number];
export interface VelocityWindow {
  m5: number;
  h1: number;
  h24?: number;
}

/** The raw device attributes the renderers print (a curated subset of the vendor's). */
export interface FpAttributes {
  timezone: string;
  timezoneOffset: string;
  screen: readonly [number, number];
  languages: string[][];
  hardwareConcurrency: number;
  deviceMemory?: number;
  colorDepth?: number;
  platform?: string;
  vendor?: string;
  deviceModel?: string;
  deviceManufacturer?: string;
}

const SDK_VERSIONS = { js: '3.12.4', android: '2.7.0', ios: '2.8.1' } as const;

/**
 * The event an entry of the registry names: the showcase, or one generated from personas, with
 * what the update-event API changed since.
 */
export function fingerprintEvent(entry: EventEntry): FpEvent {
  const event = entry.eventId === SHOWCASE_EVENT.eventId ? SHOWCASE_EVENT : generateEvent(entry);
  return entry.update ? { ...event, ...entry.update } : event;
}

function generateEvent(entry: EventEntry): FpEvent {
  const device = deviceProfile(entry.visitorId);
  const session = sessionProfile(entry.eventId, device);
  const rng = new Rng('fingerprint-event', entry.eventId);
  const { flags, native } = device;
  const connection = session.connection;
  const app = device.platform === 'web' ? undefined : native;
  const firstSeenAtMs = Math.min(device.firstSeenMs, entry.timestampMs);
  const visitorFound = entry.timestampMs > firstSeenAtMs;
  const suspicious = flags.bot || flags.tampering;
  const proxied = connection.proxy !== undefined;
  const lastSeenAtMs = visitorFound
    ? Math.max(firstSeenAtMs, entry.timestampMs - rng.int(MINUTE_MS, 7 * DAY_MS))
    : entry.timestampMs;
  return {
    eventId: entry.eventId,
    timestampMs: entry.timestampMs,
    visitorId: entry.visitorId,
    visitorFound,
    confidence: { score: suspicious ? rng.float(0.5, 0.9, 2) : rng.float(0.95, 1, 2), version: '1.1' },
    firstSeenAtMs,
    lastSeenAtMs,
    highRecall: app ? undefined : highRecall(entry.visitorId, visitorFound, firstSeenAtMs, lastSeenAtMs),
    linkedId: device.linkedId,
    tags: {},
    sdk: { platform: app ? app.platform : 'js', version: SDK_VERSIONS[app ? app.platform : 'js'] },
    url: app ? undefined : session.url,
    clientReferrer: app
      ? undefined
      : rng.weighted<string | undefined>([
          ['https://www.google.com/', 3],
          ['https://news.example.net/deals', 1],
          [undefined, 2],
        ]),
    appId: app ? APP.id : undefined,
    ip: ipOf(rng, session),
    userAgent: app ? appUserAgent(app) : device.web.userAgent,
    device: app ? app.model : device.web.device.family,
    os: app ? (app.platform === 'android' ? 'Android' : 'iOS') : device.web.os.name,
    osVersion: app ? app.osVersion : device.web.os.version,
    browser: app
      ? undefined
      : { name: device.web.browser.name, major: device.web.browser.major, full: device.web.browser.full },
    replayed: session.replayed,
    web: app
      ? undefined
      : {
          bot: flags.bot ? 'bad' : 'not_detected',
          botType: device.automation?.botType,
          botInfo:
            flags.bot && device.automation
              ? {
                  category: 'browser_automation',
                  name: device.automation.name,
                  provider: device.automation.name,
                  identity: 'unknown',
                  confidence: 'high',
                }
              : undefined,
          incognito: session.incognito,
          privacySettings: flags.privacySettings,
          virtualMachine: flags.virtualMachine,
          virtualMachineMlScore: score(rng, flags.virtualMachine),
          rareDeviceBucket: suspicious
            ? rng.pick(['p99-p99.5', 'p99.5-p99.9', 'p99.9+'])
            : rng.weighted([
                ['<p95', 9],
                ['p95-p99', 1],
              ]),
        },
    mobile: app
      ? {
          rootApps: flags.rooted,
          emulator: flags.emulator,
          clonedApp: flags.clonedApp,
          jailbroken: flags.jailbroken,
          frida: flags.frida,
          locationSpoofing: flags.locationSpoofing,
          mitmAttack: flags.mitm,
          activeCall: false,
          factoryResetSec: factoryReset(rng, device, entry.timestampMs),
        }
      : undefined,
    blocklist: { emailSpam: connection.emailSpam, attackSource: connection.attackSource, torNode: connection.tor },
    vpn: {
      result: connection.vpn,
      confidence: connection.vpn ? rng.pick(['medium', 'high'] as const) : 'high',
      mlScore: score(rng, connection.vpn),
      originTimezone: device.timezone,
      originCountry: app ? device.home.country.code : undefined,
      methods: {
        timezoneMismatch: session.timezoneMismatch,
        publicVpn: connection.vpn,
        auxiliaryMobile: app !== undefined && connection.vpn,
        osMismatch: false,
        relay: connection.relay,
        mlPrediction: connection.vpn,
      },
    },
    proxy: {
      result: proxied,
      // Fingerprint documents "high" when no proxy is detected.
      confidence: proxied ? rng.pick(['medium', 'high'] as const) : 'high',
      mlScore: score(rng, proxied),
      details: connection.proxy
        ? {
            type: connection.proxy,
            lastSeenAtMs: Math.floor(entry.timestampMs / HOUR_MS) * HOUR_MS - rng.int(0, 48) * HOUR_MS,
          }
        : undefined,
    },
    tampering: {
      result: flags.tampering,
      confidence: flags.tampering ? rng.pick(['medium', 'high'] as const) : 'high',
      mlScore: score(rng, flags.tampering),
      anomalyScore: flags.tampering ? rng.float(0.6, 0.99, 4) : rng.float(0.01, 0.3, 4),
      antiDetectBrowser: flags.antiDetectBrowser,
    },
    developerTools: flags.developerTools,
    highActivity: flags.highActivity,
    suspectScore: suspectScore(device, session),
    velocity: velocity(rng, device, session),
    proximity: proximity(device),
    attributes: attributes(device),
    mlLabels: [{ label: 'fraud', prediction: device.tier === 'high', mlScore: score(rng, device.tier === 'high') }],
  };
}

/** The browser's High Recall ID: stable per device, 25 characters ending in `_hr` like the vendor's. */
function highRecall(visitorId: string, visitorFound: boolean, firstSeenAtMs: number, lastSeenAtMs: number) {
  const rng = new Rng('fingerprint-high-recall', visitorId);
  return {
    visitorId: `${rng.alnum(22)}_hr`,
    visitorFound,
    firstSeenAtMs: firstSeenAtMs - rng.int(0, 30) * DAY_MS,
    lastSeenAtMs,
  };
}

/** The grid cell around the device's home (where it is, whatever its IP says). */
function proximity(device: DeviceProfile): FpEvent['proximity'] {
  const rng = new Rng('fingerprint-proximity', device.visitorId);
  return {
    id: new Rng('fingerprint-proximity-cell', device.home.city).alnum(11),
    precisionRadius: rng.pick([65, 175, 450]),
    confidence: rng.float(0.8, 0.97, 2),
  };
}

/** An ML score: high when the signal fired, low otherwise. */
function score(rng: Rng, detected: boolean): number {
  return detected ? rng.float(0.7, 0.99, 2) : rng.float(0.01, 0.2, 2);
}

function ipOf(rng: Rng, session: Session): FpIp {
  const { place, network, address, version, datacenter } = session.connection;
  return {
    address,
    version,
    geolocation: {
      accuracyRadius: datacenter ? 1000 : rng.pick([5, 10, 20, 50, 100]),
      latitude: round(place.latitude + rng.float(-0.05, 0.05, 4), 4),
      longitude: round(place.longitude + rng.float(-0.05, 0.05, 4), 4),
      postalCode: place.postalCode,
      timezone: place.timezone,
      city: place.city,
      countryCode: place.country.code,
      countryName: place.country.name,
      continentCode: place.country.continent.code,
      continentName: place.country.continent.name,
      subdivisions: [{ code: place.subdivision.code, name: place.subdivision.name }],
    },
    asn: { number: String(network.asn), name: network.handle, network: routeOf(network, address), type: network.type },
    datacenter: { result: datacenter, name: datacenter ? network.org : '' },
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Most phones were never reset (0) or long ago; some compromised ones days before the event. */
function factoryReset(rng: Rng, device: DeviceProfile, timestampMs: number): number {
  if (device.flags.factoryReset) return Math.floor((timestampMs - rng.int(1, 5) * DAY_MS) / 1000);
  return rng.chance(0.6) ? 0 : Math.floor((REFERENCE_TIME_MS - rng.int(100, 700) * DAY_MS) / 1000);
}

/** Fingerprint's weighted sum of the signals that fired (weights are ours). */
function suspectScore(device: DeviceProfile, session: Session): number {
  const { flags } = device;
  const c = session.connection;
  const weights: readonly (readonly [boolean, number])[] = [
    [flags.bot, 10],
    [flags.tampering, 7],
    [flags.antiDetectBrowser, 8],
    [flags.virtualMachine, 4],
    [flags.privacySettings, 3],
    [flags.developerTools, 2],
    [flags.highActivity, 3],
    [flags.rooted, 6],
    [flags.emulator, 8],
    [flags.jailbroken, 6],
    [flags.frida, 10],
    [flags.clonedApp, 5],
    [flags.locationSpoofing, 5],
    [flags.mitm, 8],
    [session.incognito, 2],
    [c.vpn, 5],
    [c.proxy !== undefined, 7],
    [c.tor, 10],
    [c.datacenter, 4],
    [c.emailSpam || c.attackSource, 6],
  ];
  return weights.reduce((sum, [fired, weight]) => sum + (fired ? weight : 0), 0);
}

function velocity(rng: Rng, device: DeviceProfile, session: Session): FpEvent['velocity'] {
  const busy = device.flags.highActivity;
  const anonymized = session.connection.vpn || session.connection.proxy !== undefined || session.connection.tor;
  const counts: FpEvent['velocity'] = {
    distinctIp: busy ? window(rng, [2, 8], [5, 40], [20, 200]) : window(rng, [1, 1], [1, 2], [1, 3]),
    distinctCountry: busy || anonymized ? window(rng, [1, 2], [1, 4], [2, 8]) : window(rng, [1, 1], [1, 1], [1, 1]),
    events: busy ? window(rng, [5, 60], [60, 600], [600, 5000]) : window(rng, [1, 2], [1, 6], [1, 25]),
    ipEvents: busy ? window(rng, [5, 80], [60, 900], [600, 8000]) : window(rng, [1, 3], [1, 10], [1, 40]),
  };
  if (!device.linkedId) return counts;
  return {
    ...counts,
    distinctLinkedId: busy ? window(rng, [1, 5], [2, 20], [5, 80]) : window(rng, [1, 1], [1, 1], [1, 2]),
    distinctIpByLinkedId: window(rng, [1, 1], [1, 2], [1, 4]),
    distinctVisitorIdByLinkedId: window(rng, [1, 1], [1, 2], [1, 3]),
  };
}

type Range = readonly [number, number];

/** Counts for 5 minutes, 1 hour and 24 hours; a longer window never counts less. */
function window(rng: Rng, m5: Range, h1: Range, h24: Range): VelocityWindow {
  const five = rng.int(...m5);
  const hour = Math.max(five, rng.int(...h1));
  return { m5: five, h1: hour, h24: Math.max(hour, rng.int(...h24)) };
}

function attributes(device: DeviceProfile): FpAttributes {
  const app = device.platform === 'web' ? undefined : device.native;
  const common = {
    timezone: device.timezone,
    timezoneOffset: device.home.utcOffset,
    screen: app?.screen ?? device.screen,
    languages: [[device.language]],
    hardwareConcurrency: device.cores,
  };
  if (app) return { ...common, deviceMemory: app.memoryGb, deviceModel: app.model, deviceManufacturer: app.brand };
  return {
    ...common,
    deviceMemory: device.web.exposesMemory ? device.memoryGb : undefined,
    colorDepth: device.web.os.id === 'macos' ? 30 : 24,
    platform: device.web.navigatorPlatform,
    vendor: device.web.vendor,
  };
}
