import {
  ANDROID_DEVICES,
  ANDROID_EMULATOR,
  AUTOMATION_TOOLS,
  type AutomationTool,
  CHROME_ANDROID,
  FIREFOX_WINDOWS,
  HEADLESS_CHROME,
  IOS_DEVICES,
  type NativeDevice,
  SAFARI_IOS,
  WEB_CLIENTS,
  type WebClient,
} from './devices.ts';
import {
  addressIn,
  HOME_PLACES,
  HOSTING,
  type LocatedNetwork,
  type Network,
  type Place,
  RELAY_EGRESS,
  TOR_EXITS,
  VPN_EXITS,
} from './places.ts';
import { Rng } from './random.ts';

/**
 * Personas: who is behind a token. A device profile (browser or phone, screen, language, home
 * city, risk tier and device-level risks) is seeded by a visitor id; a session (the connection
 * and per-request flags) by the token itself. Vendors that receive one token derive the visitor
 * id from it, so the same token string sent to all five vendors describes one person on one
 * connection; Fingerprint alone can show several events (sessions) of one visitor.
 *
 * Mix: about 70% clean, 20% medium risk (VPN, proxy, incognito, data centre, relay), 10% high
 * risk (automation bots, tampering and anti-detect browsers, rooted / jailbroken / emulated
 * phones with Frida, Tor).
 */

export type Platform = 'web' | 'android' | 'ios';
export type RiskTier = 'clean' | 'medium' | 'high';
export type HighRisk = 'bot' | 'tampering' | 'compromised' | 'tor';

/** The instant simulated history is anchored to, so that data does not change with the clock. */
export const REFERENCE_TIME_MS = Date.UTC(2026, 10, 1);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface DeviceFlags {
  /** Driven by an automation framework (headless browser). */
  bot: boolean;
  tampering: boolean;
  antiDetectBrowser: boolean;
  virtualMachine: boolean;
  privacySettings: boolean;
  developerTools: boolean;
  highActivity: boolean;
  rooted: boolean;
  emulator: boolean;
  jailbroken: boolean;
  frida: boolean;
  clonedApp: boolean;
  locationSpoofing: boolean;
  mitm: boolean;
}

/** A device with none of the risk flags set. */
export const CLEAN_FLAGS: DeviceFlags = {
  bot: false,
  tampering: false,
  antiDetectBrowser: false,
  virtualMachine: false,
  privacySettings: false,
  developerTools: false,
  highActivity: false,
  rooted: false,
  emulator: false,
  jailbroken: false,
  frida: false,
  clonedApp: false,
  locationSpoofing: false,
  mitm: false,
};

export interface DeviceProfile {
  visitorId: string;
  tier: RiskTier;
  highRisk: HighRisk | undefined;
  platform: Platform;
  /** The browser; for app personas, the phone's own browser (for web-only vendors). */
  web: WebClient;
  /** The phone, for app personas. */
  native: NativeDevice | undefined;
  /** The browser's screen in CSS pixels (apps report `native.screen`, in physical pixels). */
  screen: readonly [number, number];
  cores: number;
  memoryGb: number;
  home: Place;
  timezone: string;
  language: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** The customer's account id the site links to its events, when the user is logged in. */
  linkedId: string | undefined;
  automation: AutomationTool | undefined;
  flags: DeviceFlags;
}

export type ConnectionKind =
  | 'home'
  | 'mobile'
  | 'datacenter'
  | 'vpn'
  | 'residentialProxy'
  | 'datacenterProxy'
  | 'tor'
  | 'relay';

export interface Connection {
  kind: ConnectionKind;
  /** Where the address geolocates. */
  place: Place;
  network: Network;
  address: string;
  version: 4 | 6;
  datacenter: boolean;
  vpn: boolean;
  proxy: 'residential' | 'data_center' | undefined;
  tor: boolean;
  relay: boolean;
  emailSpam: boolean;
  attackSource: boolean;
}

export interface Session {
  connection: Connection;
  incognito: boolean;
  /** The device's time zone differs from the one of its IP address. */
  timezoneMismatch: boolean;
  /** Page of the customer's site the request came from. */
  url: string;
  /** The same client payload was sent before. */
  replayed: boolean;
}

export interface Persona {
  device: DeviceProfile;
  session: Session;
}

/** The 20-character visitor id a token maps to when nothing else says (Fingerprint's format). */
export function visitorIdFor(token: string): string {
  return new Rng('visitor', token).alnum(20);
}

/** A token's persona: its derived visitor's device on the token's own connection. */
export function persona(token: string): Persona {
  const device = deviceProfile(visitorIdFor(token));
  return { device, session: sessionProfile(token, device) };
}

/** When a token's request happened, for vendors whose payload carries a time but no state. */
export function tokenTimeMs(token: string): number {
  return REFERENCE_TIME_MS - new Rng('time', token).int(MINUTE_MS, 30 * DAY_MS);
}

export function deviceProfile(visitorId: string): DeviceProfile {
  const rng = new Rng('device', visitorId);
  const tier = rng.weighted<RiskTier>([
    ['clean', 70],
    ['medium', 20],
    ['high', 10],
  ]);
  const highRisk =
    tier === 'high'
      ? rng.weighted<HighRisk>([
          ['bot', 4],
          ['tampering', 2],
          ['compromised', 3],
          ['tor', 1],
        ])
      : undefined;
  const platform: Platform =
    highRisk === 'compromised'
      ? rng.pick(['android', 'android', 'ios'] as const)
      : highRisk
        ? 'web'
        : rng.weighted<Platform>([
            ['web', 60],
            ['android', 25],
            ['ios', 15],
          ]);
  const flags = deviceFlags(rng, tier, highRisk, platform);
  const native = nativeDevice(rng, platform, flags.emulator);
  const web = webClient(rng, platform, highRisk);
  const home = rng.weighted(HOME_PLACES);
  const lastSeenMs = REFERENCE_TIME_MS - rng.int(HOUR_MS, 10 * DAY_MS);
  return {
    visitorId,
    tier,
    highRisk,
    platform,
    web,
    native,
    screen: rng.pick(web.screens),
    cores: native ? 8 : rng.pick([4, 8, 8, 12, 16]),
    memoryGb: native?.memoryGb ?? rng.pick([4, 8, 8, 16]),
    home,
    timezone: home.timezone,
    language: home.language,
    firstSeenMs: lastSeenMs - rng.int(DAY_MS, 400 * DAY_MS),
    lastSeenMs,
    linkedId: rng.chance(0.5) ? `user_${rng.digits(7)}` : undefined,
    automation: highRisk === 'bot' ? rng.pick(AUTOMATION_TOOLS) : undefined,
    flags,
  };
}

function deviceFlags(rng: Rng, tier: RiskTier, highRisk: HighRisk | undefined, platform: Platform): DeviceFlags {
  const tampering = highRisk === 'tampering';
  const android = highRisk === 'compromised' && platform === 'android';
  const ios = highRisk === 'compromised' && platform === 'ios';
  return {
    bot: highRisk === 'bot',
    tampering,
    antiDetectBrowser: tampering && rng.chance(0.6),
    virtualMachine: tampering ? rng.chance(0.5) : tier === 'medium' && platform === 'web' && rng.chance(0.1),
    // Tor Browser blocks fingerprinting APIs; so do hardened browsers of tampering personas.
    privacySettings: highRisk === 'tor' || (tampering && rng.chance(0.4)),
    developerTools: (tier !== 'clean' && rng.chance(0.25)) || highRisk === 'bot',
    highActivity: highRisk === 'bot' || (android && rng.chance(0.5)),
    rooted: android,
    emulator: android && rng.chance(0.35),
    jailbroken: ios,
    frida: (android || ios) && rng.chance(0.5),
    clonedApp: android && rng.chance(0.25),
    locationSpoofing: (android || ios) && rng.chance(0.25),
    mitm: (android || ios) && rng.chance(0.15),
  };
}

function nativeDevice(rng: Rng, platform: Platform, emulator: boolean): NativeDevice | undefined {
  if (platform === 'android') return emulator ? ANDROID_EMULATOR : rng.pick(ANDROID_DEVICES);
  if (platform === 'ios') return rng.pick(IOS_DEVICES);
  return undefined;
}

function webClient(rng: Rng, platform: Platform, highRisk: HighRisk | undefined): WebClient {
  if (platform === 'android') return CHROME_ANDROID;
  if (platform === 'ios') return SAFARI_IOS;
  if (highRisk === 'bot') return HEADLESS_CHROME;
  if (highRisk === 'tor') return FIREFOX_WINDOWS;
  return rng.weighted(WEB_CLIENTS);
}

type SessionRisk = 'vpn' | 'proxy' | 'incognito' | 'datacenter' | 'relay';

export function sessionProfile(token: string, device: DeviceProfile): Session {
  const rng = new Rng('session', token);
  const risks = sessionRisks(rng, device);
  const connection = connect(rng, device, risks);
  return {
    connection,
    incognito: risks.has('incognito') || device.highRisk === 'tor' || (device.flags.bot && rng.chance(0.5)),
    timezoneMismatch: connection.place.timezone !== device.timezone,
    url: `https://shop.example.com/${rng.pick(['login', 'signup', 'checkout', 'account/payout', 'account/settings'])}`,
    replayed: device.flags.tampering && rng.chance(0.3),
  };
}

/**
 * Medium-risk devices show one or two of these per session; others none. Of the network risks the
 * connection honours the first of vpn, proxy, datacenter, relay (there is one way out).
 */
function sessionRisks(rng: Rng, device: DeviceProfile): Set<SessionRisk> {
  const risks = new Set<SessionRisk>();
  if (device.tier !== 'medium') return risks;
  // iCloud Private Relay covers Safari, not apps.
  const safari =
    device.platform === 'web' && (device.web.browser.id === 'safari' || device.web.browser.id === 'safari_ios');
  const choices: (readonly [SessionRisk, number])[] = [
    ['vpn', 3],
    ['proxy', 2],
    ['datacenter', 1],
    ...(device.platform === 'web' ? ([['incognito', 3]] as const) : []),
    ...(safari ? ([['relay', 2]] as const) : []),
  ];
  const count = rng.chance(0.3) ? 2 : 1;
  while (risks.size < count) risks.add(rng.weighted(choices));
  return risks;
}

function connect(rng: Rng, device: DeviceProfile, risks: Set<SessionRisk>): Connection {
  const version: 4 | 6 = rng.chance(0.15) ? 6 : 4;
  const located = (target: LocatedNetwork, kind: ConnectionKind) =>
    link(rng, kind, target.place, target.network, version);
  if (device.highRisk === 'tor') {
    return { ...located(rng.pick(TOR_EXITS), 'tor'), tor: true, attackSource: rng.chance(0.2) };
  }
  if (device.flags.bot) {
    return {
      ...located(rng.pick(HOSTING), 'datacenter'),
      datacenter: true,
      attackSource: rng.chance(0.4),
      emailSpam: rng.chance(0.1),
    };
  }
  if (risks.has('vpn')) {
    return { ...located(awayFrom(rng, VPN_EXITS, device.home), 'vpn'), datacenter: true, vpn: true };
  }
  if (risks.has('proxy')) {
    if (rng.chance(0.3)) {
      return { ...located(rng.pick(HOSTING), 'datacenterProxy'), datacenter: true, proxy: 'data_center' };
    }
    const place = rng.pick(
      HOME_PLACES.map(([candidate]) => candidate).filter((candidate) => candidate.city !== device.home.city),
    );
    return {
      ...link(rng, 'residentialProxy', place, rng.pick(place.isps), version),
      proxy: 'residential',
      emailSpam: rng.chance(0.15),
    };
  }
  if (risks.has('datacenter')) return { ...located(rng.pick(HOSTING), 'datacenter'), datacenter: true };
  if (risks.has('relay')) return { ...link(rng, 'relay', device.home, RELAY_EGRESS, version), relay: true };
  const mobileNetworks = device.home.isps.filter((isp) => isp.type === 'mobile');
  if (device.platform !== 'web' && mobileNetworks.length > 0 && rng.chance(0.4)) {
    return link(rng, 'mobile', device.home, rng.pick(mobileNetworks), version);
  }
  const broadband = device.home.isps.filter((isp) => isp.type !== 'mobile');
  return link(rng, 'home', device.home, rng.pick(broadband.length > 0 ? broadband : device.home.isps), version);
}

function link(rng: Rng, kind: ConnectionKind, place: Place, network: Network, version: 4 | 6): Connection {
  const address = addressIn(network, version, rng);
  return {
    kind,
    place,
    network,
    address,
    version: address.includes(':') ? 6 : 4,
    datacenter: false,
    vpn: false,
    proxy: undefined,
    tor: false,
    relay: false,
    emailSpam: false,
    attackSource: false,
  };
}

/** A network that exits somewhere other than `home` (exits abroad are what give anonymizers away). */
function awayFrom(rng: Rng, networks: readonly LocatedNetwork[], home: Place): LocatedNetwork {
  const elsewhere = networks.filter((candidate) => candidate.place.city !== home.city);
  return rng.pick(elsewhere.length > 0 ? elsewhere : networks);
}
