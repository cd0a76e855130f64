/** Hitprobe's own device object: the fields of the GraphQL `HitprobeDevice` type. */
export interface HitprobeView {
  probeId: string | null;
  probeCreatedAt: string | null;
  probeMinutesElapsed: number | null;
  probeUnique: boolean | null;
  probeIpMatch: boolean | null;
  probeSuspect: boolean | null;
  deviceId: string | null;
  ipv4: string | null;
  ipv6: string | null;
  browserName: string | null;
  privateBrowsing: boolean | null;
  headlessBrowser: boolean | null;
  platform: string | null;
  vendor: string | null;
  memory: number | null;
  hardwareConcurrency: number | null;
  language: string | null;
  screenResolution: string | null;
  timezone: string | null;
  timezoneMismatch: boolean | null;
  bot: boolean | null;
  anonymous: boolean | null;
  userAgent: string | null;
  uaBrowserFamily: string | null;
  uaBrowserVersion: string | null;
  uaOsFamily: string | null;
  uaOsVersion: string | null;
  uaDeviceBrand: string | null;
  uaDeviceFamily: string | null;
  uaDeviceModel: string | null;
  uaMobile: boolean | null;
  uaTablet: boolean | null;
  uaTouchCapable: boolean | null;
  uaPc: boolean | null;
  uaCrawler: boolean | null;
  firstSeen: string | null;
  lastSeen: string | null;
  seenHour: number | null;
  seenDay: number | null;
  seenMonth: number | null;
  seenQuarter: number | null;
  uniqueNetworks: number | null;
  uniqueEmails: number | null;
  uniquePhoneNumbers: number | null;
  uniquePostalCodes: number | null;
  rules: HitprobeRule[];
  raw: unknown;
}

/** GraphQL `HitprobeRule`. */
export interface HitprobeRule {
  id: string;
  type: string | null;
  name: string | null;
  action: string | null;
}
