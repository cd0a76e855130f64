import type { Confidence } from '../../model/facts.ts';

/** Fingerprint's own view of an event: the fields of the GraphQL `FingerprintEvent` type. */
export interface FingerprintView {
  eventId: string;
  origin: 'API_V4' | 'API_V3' | 'SEALED_RESULT';
  source: string | null;
  visitorId: string | null;
  visitorFound: boolean | null;
  confidence: number | null;
  identificationStatus: string | null;
  highRecall: FingerprintHighRecallId | null;
  linkedId: string | null;
  environmentId: string | null;
  suspect: boolean | null;
  time: string | null;
  url: string | null;
  clientReferrer: string | null;
  appId: string | null;
  ipAddress: string | null;
  datacenterName: string | null;
  userAgent: string | null;
  bot: 'NOT_DETECTED' | 'GOOD' | 'BAD' | 'UNKNOWN' | null;
  botValue: string | null;
  botType: string | null;
  botInfo: FingerprintBotInfo | null;
  suspectScore: number | null;
  incognito: boolean | null;
  vpn: boolean | null;
  vpnConfidence: Confidence | null;
  vpnMlScore: number | null;
  vpnMethods: FingerprintVpnMethods | null;
  vpnOriginTimezone: string | null;
  vpnOriginCountry: string | null;
  proxy: boolean | null;
  proxyConfidence: Confidence | null;
  proxyMlScore: number | null;
  proxyLastSeenAt: string | null;
  tampering: boolean | null;
  tamperingConfidence: Confidence | null;
  tamperingMlScore: number | null;
  antiDetectBrowser: boolean | null;
  tamperingAnomalyScore: number | null;
  virtualMachine: boolean | null;
  virtualMachineMlScore: number | null;
  privacySettings: boolean | null;
  developerTools: boolean | null;
  highActivity: boolean | null;
  highActivityDailyRequests: number | null;
  replayed: boolean | null;
  rareDevice: boolean | null;
  rareDevicePercentileBucket: string | null;
  proximity: FingerprintProximity | null;
  mlPredictions: FingerprintMlPrediction[];
  attributes: FingerprintDeviceAttributes | null;
  mobile: FingerprintMobileSignals | null;
  sdkPlatform: string | null;
  sdkVersion: string | null;
  raw: unknown;
}

export interface FingerprintHighRecallId {
  visitorId: string | null;
  visitorFound: boolean | null;
  confidence: number | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export interface FingerprintBotInfo {
  category: string | null;
  name: string | null;
  provider: string | null;
  providerUrl: string | null;
  identity: string | null;
  confidence: Confidence | null;
}

export interface FingerprintVpnMethods {
  timezoneMismatch: boolean | null;
  publicVpn: boolean | null;
  auxiliaryMobile: boolean | null;
  osMismatch: boolean | null;
  relay: boolean | null;
  mlPrediction: boolean | null;
}

export interface FingerprintProximity {
  id: string | null;
  precisionRadiusMeters: number | null;
  confidence: number | null;
}

export interface FingerprintMlPrediction {
  label: string;
  prediction: boolean | null;
  score: number | null;
}

export interface FingerprintDeviceAttributes {
  timezone: string | null;
  timezoneOffset: string | null;
  languages: string[] | null;
  screenResolution: string | null;
  colorDepth: number | null;
  hardwareConcurrency: number | null;
  deviceMemoryGb: number | null;
  platform: string | null;
  vendor: string | null;
  oscpu: string | null;
  dateTimeLocale: string | null;
  keyboardLayout: string | null;
  maxTouchPoints: number | null;
  gpuRenderer: string | null;
  gpuVendor: string | null;
  batteryLevel: number | null;
  batteryCharging: boolean | null;
  lowPowerMode: boolean | null;
}

export interface FingerprintMobileSignals {
  rooted: boolean | null;
  emulator: boolean | null;
  jailbroken: boolean | null;
  frida: boolean | null;
  clonedApp: boolean | null;
  locationSpoofing: boolean | null;
  mitmAttack: boolean | null;
  activeCall: boolean | null;
  factoryResetAt: string | null;
}
