import type { Vendor } from './vendor.ts';

/**
 * Facts one vendor states about an event. Every field is optional: absent means "this vendor did
 * not say", which is different from a vendor saying `false`. Timestamps are ISO 8601 UTC strings.
 * The shapes mirror the GraphQL types of the same name so merged values need no further mapping.
 */

export interface NamedCode {
  code: string | null;
  name: string | null;
}

export interface Geolocation {
  city: string | null;
  subdivisions: NamedCode[] | null;
  country: NamedCode | null;
  continent: NamedCode | null;
  latitude: number | null;
  longitude: number | null;
  accuracyRadiusKm: number | null;
  postalCode: string | null;
  timezone: string | null;
}

export interface Asn {
  number: string | null;
  name: string | null;
  network: string | null;
  type: string | null;
}

export type ProxyType = 'RESIDENTIAL' | 'DATA_CENTER' | 'UNKNOWN';
export type Confidence = 'LOW' | 'MEDIUM' | 'HIGH' | 'UNKNOWN';
export type IpVersion = 'V4' | 'V6';

export interface ProxyInfo {
  result: boolean | null;
  type: ProxyType | null;
  confidence: Confidence | null;
  provider: string | null;
}

export interface IpFacts {
  address?: string;
  version?: IpVersion;
  geolocation?: Geolocation;
  asn?: Asn;
  datacenter?: boolean;
  vpn?: boolean;
  proxy?: ProxyInfo;
  tor?: boolean;
  relay?: boolean;
  blocklisted?: boolean;
}

export type Platform = 'WEB' | 'ANDROID' | 'IOS' | 'UNKNOWN';

export interface DeviceFacts {
  /** Unified id `<vendor>:<vendor device id>`. */
  id?: string;
  platform?: Platform;
  os?: string;
  osVersion?: string;
  browserName?: string;
  browserVersion?: string;
  model?: string;
  brand?: string;
  screenResolution?: string;
  language?: string;
  timezone?: string;
  userAgent?: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

export interface VelocityCounts {
  last5m: number | null;
  last1h: number | null;
  last24h: number | null;
}

export interface DeviceSeenCounts {
  lastHour: number | null;
  lastDay: number | null;
  lastMonth: number | null;
  lastQuarter: number | null;
}

export interface VelocityFacts {
  distinctIps?: VelocityCounts;
  distinctCountries?: VelocityCounts;
  events?: VelocityCounts;
  ipEvents?: VelocityCounts;
  distinctLinkedIds?: VelocityCounts;
  distinctIpsByLinkedId?: VelocityCounts;
  distinctDevicesByLinkedId?: VelocityCounts;
  deviceSeen?: DeviceSeenCounts;
  uniqueNetworks?: number;
  uniqueEmails?: number;
  uniquePhoneNumbers?: number;
  uniquePostalCodes?: number;
}

export type BotKind = 'HUMAN' | 'GOOD_BOT' | 'BAD_BOT' | 'AUTOMATION' | 'SUSPICIOUS' | 'UNKNOWN';

export interface BotFacts {
  detected?: boolean;
  kind?: BotKind;
  score?: number;
  name?: string;
  headless?: boolean;
}

/** Facts about the action itself rather than the device or network. */
export interface ActionFacts {
  time?: string;
  url?: string;
}

/** Which vendor supplied one field of a merged object (GraphQL `FieldSource`). */
export interface FieldSource {
  field: string;
  vendor: Vendor;
}
