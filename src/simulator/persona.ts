import { drawDeviceTraits, drawSessionTraits } from './drawn-traits.ts';
import { type NamedPersona, namedPersonaOfToken, namedPersonaOfVisitor } from './named-personas.ts';
import { addressIn, type Network, type Place } from './places.ts';
import { Rng } from './random.ts';
import type { ConnectionKind, ConnectionPlan, DeviceTraits } from './traits.ts';

/**
 * Personas: who is behind a token. A device profile (browser or phone, screen, language, home
 * city, risk tier and device-level risks) is seeded by a visitor id; a session (the connection
 * and per-request flags) by the token itself. Vendors that receive one token derive the visitor
 * id from it, so the same token string sent to all five vendors describes one person on one
 * connection; Fingerprint alone can show several events (sessions) of one visitor.
 *
 * The traits of a named persona come from `data/personas.json`; any other token draws them
 * (`drawn-traits.ts`). The details (screen, addresses, timestamps…) are drawn either way.
 */

/** The instant simulated history is anchored to, so that data does not change with the clock. */
export const REFERENCE_TIME_MS = Date.UTC(2026, 10, 1);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface DeviceProfile extends DeviceTraits {
  visitorId: string;
  /** The named persona this device is, if any. */
  persona: NamedPersona | undefined;
  /** The browser's screen in CSS pixels (apps report `native.screen`, in physical pixels). */
  screen: readonly [number, number];
  cores: number;
  memoryGb: number;
  timezone: string;
  language: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** The customer's account id the site links to its events, when the user is logged in. */
  linkedId: string | undefined;
}

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

/** Fingerprint's visitor id format: 20 alphanumerics (the showcase's own is 21). */
const VISITOR_ID_LENGTH = 20;

/** The visitor id a token maps to when nothing else says. */
export function visitorIdFor(token: string): string {
  const rng = new Rng('visitor', token);
  const named = namedPersonaOfToken(token);
  if (named) return named.visitorId ?? named.name + rng.alnum(VISITOR_ID_LENGTH - named.name.length);
  let visitorId = rng.alnum(VISITOR_ID_LENGTH);
  // A drawn id that happens to start with a persona's name would turn into that persona.
  while (namedPersonaOfVisitor(visitorId)) visitorId = rng.alnum(VISITOR_ID_LENGTH);
  return visitorId;
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

/**
 * One of a vendor's optional answer shapes (an account's plan, a field left out, an undocumented
 * label) for a drawn persona; a named persona always gets `typical`, so that what the simulator's
 * README says of it holds for every one of its tokens.
 */
export function variation<T>(who: Persona, typical: T, draw: () => T): T {
  return who.device.persona ? typical : draw();
}

export function deviceProfile(visitorId: string): DeviceProfile {
  const rng = new Rng('device', visitorId);
  const named = namedPersonaOfVisitor(visitorId);
  const traits = named?.device ?? drawDeviceTraits(rng);
  const lastSeenMs = REFERENCE_TIME_MS - rng.int(HOUR_MS, 10 * DAY_MS);
  return {
    ...traits,
    visitorId,
    persona: named,
    screen: rng.pick(traits.web.screens),
    cores: traits.native ? 8 : rng.pick([4, 8, 8, 12, 16]),
    memoryGb: traits.native?.memoryGb ?? rng.pick([4, 8, 8, 16]),
    timezone: traits.home.timezone,
    language: traits.home.language,
    firstSeenMs: lastSeenMs - rng.int(DAY_MS, 400 * DAY_MS),
    lastSeenMs,
    linkedId: named?.linkedId ?? (rng.chance(0.5) ? `user_${rng.digits(7)}` : undefined),
  };
}

export function sessionProfile(token: string, device: DeviceProfile): Session {
  const rng = new Rng('session', token);
  const traits = device.persona?.session ?? drawSessionTraits(rng, device);
  const connection = connect(rng, traits.connection);
  return {
    connection,
    incognito: traits.incognito,
    timezoneMismatch: connection.place.timezone !== device.timezone,
    url: `https://shop.example.com/${rng.pick(['login', 'signup', 'checkout', 'account/payout', 'account/settings'])}`,
    replayed: traits.replayed,
  };
}

/** An address on the planned network, and what the kind of connection says about it. */
function connect(rng: Rng, plan: ConnectionPlan): Connection {
  const { kind, place, network, emailSpam, attackSource } = plan;
  const address = addressIn(network, plan.version, rng);
  return {
    kind,
    place,
    network,
    address,
    version: address.includes(':') ? 6 : 4,
    // VPN exits and data-centre proxies run in data centres too; Tor exits and relays are flagged as such.
    datacenter: kind === 'datacenter' || kind === 'vpn' || kind === 'datacenterProxy',
    vpn: kind === 'vpn',
    proxy: kind === 'residentialProxy' ? 'residential' : kind === 'datacenterProxy' ? 'data_center' : undefined,
    tor: kind === 'tor',
    relay: kind === 'relay',
    emailSpam,
    attackSource,
  };
}
