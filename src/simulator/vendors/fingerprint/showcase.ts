import type { FpEvent } from './event.ts';

/**
 * The showcase event: Fingerprint's own documentation example (a Chrome 74 on Windows 7 user in
 * Düsseldorf, incognito behind a residential proxy), so the README's first query shows data
 * readers can compare with the vendor docs. Its v4 rendering equals
 * test/fixtures/fingerprint/v4-seed-equivalent.json. Its visitor is the `showcase` persona
 * (`data/personas.json`), so the rest of the visitor's history keeps its browser and home.
 */
export const SHOWCASE_EVENT: FpEvent = {
  eventId: '1708102555327.NLOjmg',
  timestampMs: 1582299576512,
  visitorId: 'Ibk1527CUFmcnjLwIs4A9',
  visitorFound: false,
  confidence: { score: 0.97 },
  firstSeenAtMs: 1647430261101,
  linkedId: 'somelinkedId',
  tags: {},
  sdk: {
    platform: 'js',
    version: '3.11.10',
    integrations: [
      { name: 'fingerprint-pro-react', version: '3.11.10', subintegration: { name: 'preact', version: '10.21.0' } },
    ],
  },
  url: 'https://www.example.com/login?hope{this{works[!',
  ip: {
    address: '61.127.217.15',
    version: 4,
    geolocation: {
      accuracyRadius: 10,
      latitude: 49.982,
      longitude: 36.2566,
      postalCode: '61202',
      timezone: 'Europe/Dusseldorf',
      city: 'Dusseldorf',
      countryCode: 'DE',
      countryName: 'Germany',
      continentCode: 'EU',
      continentName: 'Europe',
      subdivisions: [{ code: '63', name: 'North Rhine-Westphalia' }],
    },
  },
  userAgent: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64) ....',
  device: 'Other',
  os: 'Windows',
  osVersion: '7',
  browser: { name: 'Chrome', major: '74', full: '74.0.3729' },
  replayed: false,
  web: { bot: 'not_detected', incognito: true, privacySettings: false, virtualMachine: false },
  // The vendor's example carries mobile signals on a web event; so does the showcase.
  mobile: {
    rootApps: false,
    emulator: false,
    clonedApp: false,
    jailbroken: false,
    frida: false,
    locationSpoofing: false,
    mitmAttack: false,
    factoryResetSec: 0,
  },
  blocklist: { emailSpam: false, attackSource: false, torNode: false },
  vpn: {
    result: false,
    confidence: 'high',
    originTimezone: 'Europe/Berlin',
    originCountry: 'unknown',
    methods: { timezoneMismatch: false, publicVpn: false, auxiliaryMobile: false, osMismatch: false, relay: false },
  },
  proxy: { result: true, confidence: 'high', details: { type: 'residential', lastSeenAtMs: 1755003600000 } },
  tampering: { result: false, anomalyScore: 0.1955, antiDetectBrowser: false },
  developerTools: false,
  highActivity: false,
  velocity: {
    distinctIp: { m5: 1, h1: 1, h24: 1 },
    distinctCountry: { m5: 1, h1: 2, h24: 2 },
    events: { m5: 1, h1: 5, h24: 5 },
    ipEvents: { m5: 1, h1: 5, h24: 5 },
    distinctIpByLinkedId: { m5: 1, h1: 5, h24: 5 },
    distinctVisitorIdByLinkedId: { m5: 1, h1: 5, h24: 5 },
  },
  proximity: { id: 'w1aTfd4MCvl', precisionRadius: 10, confidence: 0.95 },
};
