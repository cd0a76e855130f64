import type { ActionFacts, BotFacts, DeviceFacts, IpFacts, VelocityFacts } from './facts.ts';
import type { MergeRules } from './merge.ts';

/**
 * The one place that decides which vendor wins for each merged field, and why. The GraphQL layer
 * also reads these tables to call only the vendors a query's selection needs, and the vendor matrix
 * of docs/vendors.md is generated from them (`npm run docs`).
 */

const SERVER_SEEN_FIRST = 'what the vendor saw server-side or from its SDK before client-reported values';

export const ACTION_RULES: MergeRules<ActionFacts> = {
  time: {
    sources: ['FINGERPRINT', 'HITPROBE', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION'],
    combine: 'first',
    why: 'Fingerprint timestamps the identification itself; the others timestamp their probe or token.',
  },
  url: {
    sources: ['FINGERPRINT', 'TRUSTDECISION'],
    combine: 'first',
    why: 'Only Fingerprint and TrustDecision (web) report the page URL.',
  },
};

const OS_REPORTED_FIRST =
  'TrustDecision reads mobile values from the OS itself; Fingerprint, Friendly Captcha and Hitprobe mostly parse the user agent.';
const BROWSER_FIRST =
  'Fingerprint and Friendly Captcha identify browsers from browser internals, not only the user agent.';

export const DEVICE_RULES: MergeRules<DeviceFacts> = {
  id: {
    sources: ['FINGERPRINT', 'TRUSTDECISION', 'HITPROBE'],
    combine: 'first',
    why: 'Fingerprint visitor ids are the only ones that can be looked up again (event search by visitor id).',
  },
  platform: {
    sources: ['FINGERPRINT', 'TRUSTDECISION', 'HITPROBE'],
    combine: 'first',
    why: 'The SDK platform (js/android/ios) is exact; Hitprobe only runs on the web.',
  },
  os: {
    sources: ['TRUSTDECISION', 'FINGERPRINT', 'FRIENDLY_CAPTCHA', 'HITPROBE'],
    combine: 'first',
    why: OS_REPORTED_FIRST,
  },
  osVersion: {
    sources: ['TRUSTDECISION', 'FINGERPRINT', 'FRIENDLY_CAPTCHA', 'HITPROBE'],
    combine: 'first',
    why: OS_REPORTED_FIRST,
  },
  browserName: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'TRUSTDECISION'],
    combine: 'first',
    why: BROWSER_FIRST,
  },
  browserVersion: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'TRUSTDECISION'],
    combine: 'first',
    why: BROWSER_FIRST,
  },
  model: {
    sources: ['TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'FINGERPRINT'],
    combine: 'first',
    why: OS_REPORTED_FIRST,
  },
  brand: {
    sources: ['TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'FINGERPRINT'],
    combine: 'first',
    why: OS_REPORTED_FIRST,
  },
  screenResolution: {
    sources: ['TRUSTDECISION', 'HITPROBE', 'FINGERPRINT'],
    combine: 'first',
    why: 'Device-reported values; all three read the screen API.',
  },
  language: { sources: ['TRUSTDECISION', 'HITPROBE', 'FINGERPRINT'], combine: 'first', why: 'Device-reported values.' },
  timezone: {
    sources: ['TRUSTDECISION', 'HITPROBE', 'FRIENDLY_CAPTCHA', 'FINGERPRINT'],
    combine: 'first',
    why: 'The IANA zone the device itself reports (not the IP location).',
  },
  userAgent: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'TRUSTDECISION'],
    combine: 'first',
    why: 'Fingerprint and Friendly Captcha take the User-Agent header server-side.',
  },
  firstSeenAt: {
    sources: ['FINGERPRINT', 'HITPROBE'],
    combine: 'first',
    why: 'Fingerprint keeps the longest visitor history.',
  },
  lastSeenAt: {
    sources: ['FINGERPRINT', 'HITPROBE'],
    combine: 'first',
    why: 'Fingerprint keeps the longest visitor history.',
  },
};

const GEO_WHOLE =
  'Taken whole from one vendor so city, country and coordinates agree; Fingerprint and Friendly Captcha geolocate with full precision, TrustDecision and detectip.ai only give names or a country.';
const ANY_FLAG = 'A detection by any vendor counts: vendors see different evidence, and a miss is not a denial.';

export const IP_RULES: MergeRules<IpFacts> = {
  address: {
    sources: ['FINGERPRINT', 'HITPROBE', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION'],
    combine: 'first',
    why: SERVER_SEEN_FIRST,
  },
  version: {
    sources: ['FINGERPRINT', 'HITPROBE', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION'],
    combine: { follows: 'address' },
    why: 'The version of the address shown.',
  },
  geolocation: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION', 'DETECTIP'],
    combine: 'first',
    why: GEO_WHOLE,
  },
  asn: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA'],
    combine: 'first',
    why: 'Only Fingerprint and Friendly Captcha report the autonomous system.',
  },
  datacenter: { sources: ['FINGERPRINT', 'DETECTIP', 'FRIENDLY_CAPTCHA'], combine: 'any', why: ANY_FLAG },
  vpn: { sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION'], combine: 'any', why: ANY_FLAG },
  proxy: {
    sources: ['FINGERPRINT', 'DETECTIP', 'FRIENDLY_CAPTCHA', 'TRUSTDECISION'],
    combine: 'any',
    why: `${ANY_FLAG} The kind, provider and confidence come from the first vendor that said yes (Fingerprint gives them; the others only a flag).`,
  },
  tor: { sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA'], combine: 'any', why: ANY_FLAG },
  relay: { sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA'], combine: 'any', why: ANY_FLAG },
  blocklisted: { sources: ['FINGERPRINT'], combine: 'any', why: 'Only Fingerprint checks IP blocklists.' },
};

const FINGERPRINT_VELOCITY = 'Only Fingerprint counts activity per visitor, IP and linked id.';
const HITPROBE_VELOCITY = 'Only Hitprobe counts per-device history.';
const fingerprintOnly = { sources: ['FINGERPRINT'], combine: 'first', why: FINGERPRINT_VELOCITY } as const;
const hitprobeOnly = { sources: ['HITPROBE'], combine: 'first', why: HITPROBE_VELOCITY } as const;

export const VELOCITY_RULES: MergeRules<VelocityFacts> = {
  distinctIps: fingerprintOnly,
  distinctCountries: fingerprintOnly,
  events: fingerprintOnly,
  ipEvents: fingerprintOnly,
  distinctLinkedIds: fingerprintOnly,
  distinctIpsByLinkedId: fingerprintOnly,
  distinctDevicesByLinkedId: fingerprintOnly,
  deviceSeen: hitprobeOnly,
  uniqueNetworks: hitprobeOnly,
  uniqueEmails: hitprobeOnly,
  uniquePhoneNumbers: hitprobeOnly,
  uniquePostalCodes: hitprobeOnly,
};

export const BOT_RULES: MergeRules<BotFacts> = {
  detected: {
    sources: ['FINGERPRINT', 'DETECTIP', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'TRUSTDECISION'],
    combine: 'any',
    why: ANY_FLAG,
  },
  kind: {
    sources: ['FINGERPRINT', 'DETECTIP', 'FRIENDLY_CAPTCHA', 'HITPROBE', 'TRUSTDECISION'],
    combine: { follows: 'detected' },
    why: 'From the vendor whose answer `detected` shows, so a detection never comes with a "human" kind; Fingerprint and detectip.ai classify good and bad bots, Friendly Captcha, Hitprobe and TrustDecision give flags.',
  },
  score: { sources: ['DETECTIP'], combine: 'first', why: 'Only detectip.ai scores bot likelihood 0–100.' },
  name: {
    sources: ['FINGERPRINT', 'FRIENDLY_CAPTCHA'],
    combine: { follows: 'detected' },
    why: 'Fingerprint and Friendly Captcha name identified bots and automation tools; from the vendor that detected one when it named it.',
  },
  headless: { sources: ['HITPROBE', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA'], combine: 'any', why: ANY_FLAG },
};
