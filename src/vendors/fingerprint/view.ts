import type { Confidence } from '../../model/facts.ts';

/** Fingerprint's own view of an event: the fields of the GraphQL `FingerprintEvent` type. */
export interface FingerprintView {
  eventId: string;
  origin: 'API_V4' | 'API_V3' | 'SEALED_RESULT';
  visitorId: string | null;
  visitorFound: boolean | null;
  confidence: number | null;
  linkedId: string | null;
  suspect: boolean | null;
  time: string | null;
  url: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  bot: 'NOT_DETECTED' | 'GOOD' | 'BAD' | 'UNKNOWN' | null;
  botValue: string | null;
  botType: string | null;
  suspectScore: number | null;
  incognito: boolean | null;
  vpn: boolean | null;
  vpnConfidence: Confidence | null;
  proxy: boolean | null;
  proxyConfidence: Confidence | null;
  tampering: boolean | null;
  antiDetectBrowser: boolean | null;
  tamperingAnomalyScore: number | null;
  virtualMachine: boolean | null;
  privacySettings: boolean | null;
  developerTools: boolean | null;
  highActivity: boolean | null;
  replayed: boolean | null;
  rareDevicePercentileBucket: string | null;
  mobile: FingerprintMobileSignals | null;
  sdkPlatform: string | null;
  sdkVersion: string | null;
  raw: unknown;
}

export interface FingerprintMobileSignals {
  rooted: boolean | null;
  emulator: boolean | null;
  jailbroken: boolean | null;
  frida: boolean | null;
  clonedApp: boolean | null;
  locationSpoofing: boolean | null;
  mitmAttack: boolean | null;
  factoryResetAt: string | null;
}
