import {
  ANDROID_EMULATOR,
  ANDROID_PHONES,
  AUTOMATION_TOOLS,
  CHROME_ANDROID,
  FIREFOX_WINDOWS,
  HEADLESS_CHROME,
  IOS_PHONES,
  SAFARI_IOS,
  WEB_CLIENTS,
} from './devices.ts';
import { HOME_PLACES, HOSTING, type LocatedNetwork, type Place, RELAY_EGRESS, TOR_EXITS, VPN_EXITS } from './places.ts';
import type { Rng } from './random.ts';
import {
  type ConnectionKind,
  type ConnectionPlan,
  type DeviceFlag,
  type DeviceTraits,
  deviceFlags,
  type HighRisk,
  type Platform,
  type RiskTier,
  type SessionTraits,
} from './traits.ts';

/**
 * The traits of a persona no name was given to, drawn from its token's hash. Mix: about 70% clean,
 * 20% medium risk (VPN, proxy, incognito, data centre, relay), 10% high risk (automation bots,
 * tampering and anti-detect browsers, rooted / jailbroken / emulated phones with Frida, Tor);
 * web 60%, Android and iOS apps.
 */

export function drawDeviceTraits(rng: Rng): DeviceTraits {
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
  const flags = deviceFlags(drawFlags(rng, tier, highRisk, platform));
  return {
    tier,
    highRisk,
    platform,
    native:
      platform === 'android'
        ? flags.emulator
          ? ANDROID_EMULATOR
          : rng.pick(ANDROID_PHONES)
        : platform === 'ios'
          ? rng.pick(IOS_PHONES)
          : undefined,
    web: webClient(rng, platform, highRisk),
    home: rng.weighted(HOME_PLACES),
    automation: highRisk === 'bot' ? rng.pick(AUTOMATION_TOOLS) : undefined,
    flags,
  };
}

function drawFlags(rng: Rng, tier: RiskTier, highRisk: HighRisk | undefined, platform: Platform): DeviceFlag[] {
  const tampering = highRisk === 'tampering';
  const android = highRisk === 'compromised' && platform === 'android';
  const phone = highRisk === 'compromised';
  const raised: [boolean, DeviceFlag][] = [
    [highRisk === 'bot', 'bot'],
    [tampering, 'tampering'],
    [tampering && rng.chance(0.6), 'antiDetectBrowser'],
    [tampering ? rng.chance(0.5) : tier === 'medium' && platform === 'web' && rng.chance(0.1), 'virtualMachine'],
    // Tor Browser blocks fingerprinting APIs; so do hardened browsers of tampering personas.
    [highRisk === 'tor' || (tampering && rng.chance(0.4)), 'privacySettings'],
    [(tier !== 'clean' && rng.chance(0.25)) || highRisk === 'bot', 'developerTools'],
    [highRisk === 'bot' || (android && rng.chance(0.5)), 'highActivity'],
    [android, 'rooted'],
    [android && rng.chance(0.35), 'emulator'],
    [highRisk === 'compromised' && platform === 'ios', 'jailbroken'],
    [phone && rng.chance(0.5), 'frida'],
    [android && rng.chance(0.25), 'clonedApp'],
    [phone && rng.chance(0.25), 'locationSpoofing'],
    [phone && rng.chance(0.15), 'mitm'],
    [phone && rng.chance(0.4), 'factoryReset'],
  ];
  return raised.flatMap(([raise, flag]) => (raise ? [flag] : []));
}

function webClient(rng: Rng, platform: Platform, highRisk: HighRisk | undefined) {
  if (platform === 'android') return CHROME_ANDROID;
  if (platform === 'ios') return SAFARI_IOS;
  if (highRisk === 'bot') return HEADLESS_CHROME;
  if (highRisk === 'tor') return FIREFOX_WINDOWS;
  return rng.weighted(WEB_CLIENTS);
}

type SessionRisk = 'vpn' | 'proxy' | 'incognito' | 'datacenter' | 'relay';

/** The session of a device without a name: its connection and per-request flags. */
export function drawSessionTraits(rng: Rng, device: DeviceTraits): SessionTraits {
  const risks = sessionRisks(rng, device);
  return {
    connection: drawConnection(rng, device, risks),
    incognito: risks.has('incognito') || device.highRisk === 'tor' || (device.flags.bot && rng.chance(0.5)),
    replayed: device.flags.tampering && rng.chance(0.3),
  };
}

/**
 * Medium-risk devices show one or two of these per session; others none. Of the network risks the
 * connection honours the first of vpn, proxy, datacenter, relay (there is one way out).
 */
function sessionRisks(rng: Rng, device: DeviceTraits): Set<SessionRisk> {
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

function drawConnection(rng: Rng, device: DeviceTraits, risks: Set<SessionRisk>): ConnectionPlan {
  const version: 4 | 6 = rng.chance(0.15) ? 6 : 4;
  const plan = (
    kind: ConnectionKind,
    { place, network }: LocatedNetwork,
    blocklisted: Partial<Pick<ConnectionPlan, 'emailSpam' | 'attackSource'>> = {},
  ): ConnectionPlan => ({
    kind,
    place,
    network,
    version,
    emailSpam: false,
    attackSource: false,
    ...blocklisted,
  });
  if (device.highRisk === 'tor') return plan('tor', rng.pick(TOR_EXITS), { attackSource: rng.chance(0.2) });
  if (device.flags.bot) {
    return plan('datacenter', rng.pick(HOSTING), { attackSource: rng.chance(0.4), emailSpam: rng.chance(0.1) });
  }
  if (risks.has('vpn')) return plan('vpn', awayFrom(rng, VPN_EXITS, device.home));
  if (risks.has('proxy')) {
    if (rng.chance(0.3)) return plan('datacenterProxy', rng.pick(HOSTING));
    const place = rng.pick(
      HOME_PLACES.map(([candidate]) => candidate).filter((candidate) => candidate.city !== device.home.city),
    );
    return plan('residentialProxy', { place, network: rng.pick(place.isps) }, { emailSpam: rng.chance(0.15) });
  }
  if (risks.has('datacenter')) return plan('datacenter', rng.pick(HOSTING));
  if (risks.has('relay')) return plan('relay', { place: device.home, network: RELAY_EGRESS });
  const mobileNetworks = device.home.isps.filter((isp) => isp.type === 'mobile');
  if (device.platform !== 'web' && mobileNetworks.length > 0 && rng.chance(0.4)) {
    return plan('mobile', { place: device.home, network: rng.pick(mobileNetworks) });
  }
  const broadband = device.home.isps.filter((isp) => isp.type !== 'mobile');
  return plan('home', {
    place: device.home,
    network: rng.pick(broadband.length > 0 ? broadband : device.home.isps),
  });
}

/** A network that exits somewhere other than `home` (exits abroad are what give anonymizers away). */
function awayFrom(rng: Rng, networks: readonly LocatedNetwork[], home: Place): LocatedNetwork {
  const elsewhere = networks.filter((candidate) => candidate.place.city !== home.city);
  return rng.pick(elsewhere.length > 0 ? elsewhere : networks);
}
