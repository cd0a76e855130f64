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
  timestampMs?: number | undefined;
  visitorId?: string | undefined;
  visitorFound?: boolean | undefined;
  confidence?: number | undefined;
  linkedId?: string | undefined;
  /** The flag set through the update-event API (`Mutation.reportOutcome`). */
  suspect?: boolean | undefined;
  url?: string | undefined;
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
  botInfo?: { category?: string | undefined; name?: string | undefined } | undefined;
  suspectScore?: number | undefined;
  incognito?: boolean | undefined;
  vpn?: boolean | undefined;
  vpnConfidence?: string | undefined;
  vpnMlScore?: number | undefined;
  vpnMethods: { timezoneMismatch?: boolean | undefined; relay?: boolean | undefined };
  proxy?: boolean | undefined;
  proxyConfidence?: string | undefined;
  proxyMlScore?: number | undefined;
  proxyType?: string | undefined;
  proxyProvider?: string | undefined;
  tampering?: boolean | undefined;
  tamperingMlScore?: number | undefined;
  anomalyScore?: number | undefined;
  antiDetectBrowser?: boolean | undefined;
  blocklist: { emailSpam?: boolean | undefined; attackSource?: boolean | undefined; torNode?: boolean | undefined };
  ip?: NormalizedIp | undefined;
  velocity: VelocityFacts;
  virtualMachine?: boolean | undefined;
  virtualMachineMlScore?: number | undefined;
  privacySettings?: boolean | undefined;
  developerTools?: boolean | undefined;
  highActivity?: boolean | undefined;
  replayed?: boolean | undefined;
  rareDeviceBucket?: string | undefined;
  mobile: {
    rootApps?: boolean | undefined;
    emulator?: boolean | undefined;
    simulator?: boolean | undefined;
    jailbroken?: boolean | undefined;
    frida?: boolean | undefined;
    clonedApp?: boolean | undefined;
    locationSpoofing?: boolean | undefined;
    mitmAttack?: boolean | undefined;
    /** Epoch seconds (0 = unknown). */
    factoryResetEpoch?: number | undefined;
  };
  attributes: {
    timezone?: string | undefined;
    screenResolution?: string | undefined;
    language?: string | undefined;
    model?: string | undefined;
    manufacturer?: string | undefined;
  };
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

export interface NormalizedIp {
  address: string;
  geolocation?: Geolocation | undefined;
  asn?: Asn | undefined;
  datacenter?: boolean | undefined;
}
