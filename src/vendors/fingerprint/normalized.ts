import type { Asn, Geolocation, VelocityFacts } from '../../model/facts.ts';
import type { FingerprintView } from './view.ts';

/**
 * One Fingerprint event in a version-neutral form. The v4 and v3 mappers produce it; the single
 * report builder (`report.ts`) turns it into facts and labels, so v3 and v4 cannot drift apart.
 * Vendor vocabulary (bot `not_detected`, confidence `high`, proxy type `residential`) is kept in
 * its v4 spelling; the v3 mapper converts.
 */
export interface NormalizedEvent {
  eventId: string;
  origin: FingerprintView['origin'];
  /** v4 `source`: `device` (an identification) or `edge` (Automation Intelligence, no identification). */
  source?: string | undefined;
  /** Products of a v3 answer that failed, as `products.<name> (<code>)`: the answer is partial. */
  failedParts: string[];
  timestampMs?: number | undefined;
  visitorId?: string | undefined;
  visitorFound?: boolean | undefined;
  confidence?: number | undefined;
  identificationStatus?: string | undefined;
  highRecall?: NormalizedHighRecall | undefined;
  linkedId?: string | undefined;
  environmentId?: string | undefined;
  /** The flag set through the update-event API (`Mutation.reportOutcome`). */
  suspect?: boolean | undefined;
  url?: string | undefined;
  clientReferrer?: string | undefined;
  /** iOS bundle id or Android package name. */
  appId?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  firstSeenAt?: string | undefined;
  lastSeenAt?: string | undefined;
  browser: {
    name?: string | undefined;
    fullVersion?: string | undefined;
    os?: string | undefined;
    osVersion?: string | undefined;
    device?: string | undefined;
  };
  sdk: { platform?: string | undefined; version?: string | undefined };
  bot?: string | undefined;
  botType?: string | undefined;
  botInfo?: NormalizedBotInfo | undefined;
  suspectScore?: number | undefined;
  incognito?: boolean | undefined;
  vpn?: boolean | undefined;
  vpnConfidence?: string | undefined;
  vpnMlScore?: number | undefined;
  vpnOriginTimezone?: string | undefined;
  vpnOriginCountry?: string | undefined;
  vpnMethods: VpnMethods;
  proxy?: boolean | undefined;
  proxyConfidence?: string | undefined;
  proxyMlScore?: number | undefined;
  proxyType?: string | undefined;
  proxyProvider?: string | undefined;
  proxyLastSeenAt?: string | undefined;
  tampering?: boolean | undefined;
  tamperingConfidence?: string | undefined;
  tamperingMlScore?: number | undefined;
  anomalyScore?: number | undefined;
  antiDetectBrowser?: boolean | undefined;
  blocklist: {
    emailSpam?: boolean | undefined;
    attackSource?: boolean | undefined;
    torNode?: boolean | undefined;
    /** v3's aggregate `ipBlocklist.result` (v4 has only the details). */
    any?: boolean | undefined;
  };
  ip?: NormalizedIp | undefined;
  velocity: VelocityFacts;
  virtualMachine?: boolean | undefined;
  virtualMachineMlScore?: number | undefined;
  privacySettings?: boolean | undefined;
  developerTools?: boolean | undefined;
  highActivity?: boolean | undefined;
  /** v3 only: the visitor's requests that day. */
  highActivityDailyRequests?: number | undefined;
  replayed?: boolean | undefined;
  rareDevice?: boolean | undefined;
  rareDeviceBucket?: string | undefined;
  proximity?: { id?: string | undefined; precisionRadius?: number | undefined; confidence?: number | undefined };
  mobile: {
    rootApps?: boolean | undefined;
    emulator?: boolean | undefined;
    simulator?: boolean | undefined;
    jailbroken?: boolean | undefined;
    frida?: boolean | undefined;
    clonedApp?: boolean | undefined;
    locationSpoofing?: boolean | undefined;
    mitmAttack?: boolean | undefined;
    activeCall?: boolean | undefined;
    /** Epoch seconds (0 = unknown). */
    factoryResetEpoch?: number | undefined;
  };
  attributes: NormalizedAttributes;
  mlLabels: { label: string; prediction?: boolean | undefined; mlScore?: number | undefined }[];
  /** v4 only, when a ruleset was evaluated. */
  ruleAction?:
    | {
        type?: string | undefined;
        rulesetId?: string | undefined;
        ruleId?: string | undefined;
        expression?: string | undefined;
      }
    | undefined;
  raw: unknown;
}

/** How Fingerprint detected the VPN (v4 `vpn_methods`). */
export interface VpnMethods {
  timezoneMismatch?: boolean | undefined;
  publicVpn?: boolean | undefined;
  auxiliaryMobile?: boolean | undefined;
  osMismatch?: boolean | undefined;
  relay?: boolean | undefined;
  mlPrediction?: boolean | undefined;
}

export interface NormalizedBotInfo {
  category?: string | undefined;
  name?: string | undefined;
  provider?: string | undefined;
  providerUrl?: string | undefined;
  identity?: string | undefined;
  confidence?: string | undefined;
}

export interface NormalizedHighRecall {
  visitorId?: string | undefined;
  visitorFound?: boolean | undefined;
  confidence?: number | undefined;
  firstSeenAt?: string | undefined;
  lastSeenAt?: string | undefined;
}

export interface NormalizedAttributes {
  timezone?: string | undefined;
  timezoneOffset?: string | undefined;
  /** Every preferred language, in order (the first is the device's language). */
  languages?: string[] | undefined;
  screenResolution?: string | undefined;
  colorDepth?: number | undefined;
  hardwareConcurrency?: number | undefined;
  deviceMemory?: number | undefined;
  platform?: string | undefined;
  vendor?: string | undefined;
  oscpu?: string | undefined;
  dateTimeLocale?: string | undefined;
  keyboardLayout?: string | undefined;
  maxTouchPoints?: number | undefined;
  gpuRenderer?: string | undefined;
  gpuVendor?: string | undefined;
  batteryLevel?: number | undefined;
  batteryCharging?: boolean | undefined;
  lowPowerMode?: boolean | undefined;
  model?: string | undefined;
  manufacturer?: string | undefined;
}

export interface NormalizedIp {
  address: string;
  geolocation?: Geolocation | undefined;
  asn?: Asn | undefined;
  datacenter?: boolean | undefined;
  datacenterName?: string | undefined;
}
