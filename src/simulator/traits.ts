import type { AutomationTool, NativeDevice, WebClient } from './devices.ts';
import type { Network, Place } from './places.ts';

/**
 * What makes a persona who it is, before the details (screen, addresses, timestamps) are drawn:
 * the device's kind, risks and home, and the session's way onto the internet. A named persona
 * states them in `data/personas.json`; any other token draws them from its hash.
 */

export const PLATFORMS = ['web', 'android', 'ios'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const RISK_TIERS = ['clean', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];
/** What puts a high-risk device there (a compromised device is a rooted or jailbroken phone). */
export const HIGH_RISKS = ['bot', 'tampering', 'compromised', 'tor'] as const;
export type HighRisk = (typeof HIGH_RISKS)[number];

/**
 * Device-level risks. `bot`: driven by an automation framework (headless browser);
 * `factoryReset`: the phone was reset to factory settings a few days ago (an account-farming
 * pattern); the others are what their names say.
 */
export const DEVICE_FLAGS = [
  'bot',
  'tampering',
  'antiDetectBrowser',
  'virtualMachine',
  'privacySettings',
  'developerTools',
  'highActivity',
  'rooted',
  'emulator',
  'jailbroken',
  'frida',
  'clonedApp',
  'locationSpoofing',
  'mitm',
  'factoryReset',
] as const;
export type DeviceFlag = (typeof DEVICE_FLAGS)[number];
export type DeviceFlags = Readonly<Record<DeviceFlag, boolean>>;

/** The flags of a device on which exactly `set` are raised. */
export function deviceFlags(set: Iterable<DeviceFlag>): DeviceFlags {
  const raised = new Set(set);
  return Object.fromEntries(DEVICE_FLAGS.map((flag) => [flag, raised.has(flag)])) as Record<DeviceFlag, boolean>;
}

export interface DeviceTraits {
  tier: RiskTier;
  highRisk: HighRisk | undefined;
  platform: Platform;
  /** The browser; for app personas, the phone's own browser (for web-only vendors). */
  web: WebClient;
  /** The phone, for app personas. */
  native: NativeDevice | undefined;
  home: Place;
  automation: AutomationTool | undefined;
  flags: DeviceFlags;
}

export const CONNECTION_KINDS = [
  'home',
  'mobile',
  'datacenter',
  'vpn',
  'residentialProxy',
  'datacenterProxy',
  'tor',
  'relay',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** The way a session reaches the vendors; the address inside `network` is drawn from the token. */
export interface ConnectionPlan {
  kind: ConnectionKind;
  /** Where the address geolocates. */
  place: Place;
  network: Network;
  /** IPv4 is used when the network has no IPv6. */
  version: 4 | 6;
  emailSpam: boolean;
  attackSource: boolean;
}

export interface SessionTraits {
  connection: ConnectionPlan;
  incognito: boolean;
  /** The same client payload was sent before. */
  replayed: boolean;
}
