import { z } from 'zod';
import worldJson from './data/world.json' with { type: 'json' };
import { parseData, resolving } from './data.ts';
import type { Rng } from './random.ts';

/**
 * The world the simulated devices live in (`data/world.json`): real cities with their coordinates,
 * time zones, postal codes and countries, and autonomous systems of the kind their traffic comes
 * from (consumer ISPs, mobile carriers, clouds, VPN exits, Tor exits, a relay). Address ranges are
 * plausible for the network, not a statement about who holds a given address today.
 */

const text = z.string().min(1);

const countrySchema = z.strictObject({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  name: text,
  nativeName: text,
  region: text,
  subregion: text,
  currency: z.string().regex(/^[A-Z]{3}$/),
  currencyName: text,
  phoneCode: z.string().regex(/^\d{1,3}$/),
  capital: text,
  continent: text,
  /** Regional internet registry of the country's address space. */
  rir: z.enum(['ARIN', 'RIPE', 'APNIC', 'LACNIC', 'AFRINIC']),
  /** The main mobile carrier, for SIM-derived fields (TrustDecision). */
  carrier: z.strictObject({ name: text, mcc: z.string().regex(/^\d{3}$/), mnc: z.string().regex(/^\d{2,3}$/) }),
});

const networkSchema = z.strictObject({
  asn: z.int().positive(),
  /** Short AS name as registries list it (`DTAG`). */
  handle: text,
  org: text,
  domain: text,
  type: z.enum(['isp', 'mobile', 'hosting', 'business']),
  /** IPv4 range the simulated addresses are drawn from (CIDR). */
  ipv4: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/),
  /** First two groups of a /32 IPv6 range, when the network has IPv6. */
  ipv6: z
    .string()
    .regex(/^[0-9a-f]{1,4}:[0-9a-f]{1,4}$/)
    .optional(),
});

const placeSchema = z.strictObject({
  city: text,
  subdivision: z.strictObject({ code: text, name: text }),
  postalCode: text,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  timezone: text,
  /** Standard UTC offset (`+01:00`); daylight saving time is ignored. */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  country: text,
  language: text,
  /** Consumer networks of the place: home broadband first, then mobile. */
  isps: z.array(text),
  /** How many of the simulated devices live here, relative to the other homes; absent: nobody. */
  homeWeight: z.number().positive().optional(),
});

/** Where a non-consumer network's addresses geolocate. */
const locatedSchema = z.strictObject({ network: text, place: text });

const worldSchema = z
  .strictObject({
    continents: z.record(z.string().regex(/^[A-Z]{2}$/), text),
    countries: z.record(z.string().regex(/^[A-Z]{2}$/), countrySchema),
    networks: z.record(text, networkSchema),
    places: z.record(
      text,
      placeSchema.refine((place) => !place.homeWeight || place.isps.length > 0, 'a home needs an ISP'),
    ),
    /** Clouds: where bots and scrapers run. */
    hosting: z.array(locatedSchema).min(1),
    /** Data-centre networks commercial VPNs exit from. */
    vpnExits: z.array(locatedSchema).min(1),
    /** Networks of Tor exit relay operators. */
    torExits: z.array(locatedSchema).min(1),
    /** Egress of Apple's iCloud Private Relay: geolocated near the user, owned by a CDN. */
    relayEgress: text,
  })
  .transform(
    resolving((raw, ref) => {
      const countries = Object.fromEntries(
        Object.entries(raw.countries).map(([code, country]) => [
          code,
          {
            ...country,
            code,
            continent: {
              code: country.continent,
              name: ref(raw.continents, country.continent, ['countries', code, 'continent']),
            },
          },
        ]),
      );
      const networks: Readonly<Record<string, Network>> = raw.networks;
      const places = Object.fromEntries(
        Object.entries(raw.places).map(([key, place]) => [
          key,
          {
            ...place,
            country: ref(countries, place.country, ['places', key, 'country']),
            isps: place.isps.map((isp, index) => ref(networks, isp, ['places', key, 'isps', index])),
          },
        ]),
      );
      const located = (list: 'hosting' | 'vpnExits' | 'torExits') =>
        raw[list].map((entry, index) => ({
          network: ref(networks, entry.network, [list, index, 'network']),
          place: ref(places, entry.place, [list, index, 'place']),
        }));
      return {
        networks,
        places,
        hosting: located('hosting'),
        vpnExits: located('vpnExits'),
        torExits: located('torExits'),
        relayEgress: ref(networks, raw.relayEgress, ['relayEgress']),
      };
    }),
  );

export type Network = z.output<typeof networkSchema>;
export type Country = Omit<z.output<typeof countrySchema>, 'continent'> & {
  code: string;
  continent: { code: string; name: string };
};
export type Place = Omit<z.output<typeof placeSchema>, 'country' | 'isps'> & {
  country: Country;
  isps: readonly Network[];
};
/** A network that is not a place's consumer ISP, with where its addresses geolocate. */
export interface LocatedNetwork {
  network: Network;
  place: Place;
}

/** Validates the content of `data/world.json` and resolves its references. */
export function parseWorld(json: unknown) {
  return parseData('data/world.json', json, worldSchema);
}

const WORLD = parseWorld(worldJson);

/** Places and networks by their key in `data/world.json`, for named personas. */
export const PLACES: Readonly<Record<string, Place>> = WORLD.places;
export const NETWORKS: Readonly<Record<string, Network>> = WORLD.networks;

/** Where devices live, weighted towards the markets a typical customer of these vendors serves. */
export const HOME_PLACES: readonly (readonly [Place, number])[] = Object.values(WORLD.places).flatMap((place) =>
  place.homeWeight ? [[place, place.homeWeight] as const] : [],
);
export const HOSTING: readonly LocatedNetwork[] = WORLD.hosting;
export const VPN_EXITS: readonly LocatedNetwork[] = WORLD.vpnExits;
export const TOR_EXITS: readonly LocatedNetwork[] = WORLD.torExits;
export const RELAY_EGRESS: Network = WORLD.relayEgress;

/** A host address inside `network`, IPv4 or IPv6 (IPv4 when the network has no IPv6). */
export function addressIn(network: Network, version: 4 | 6, rng: Rng): string {
  if (version === 6 && network.ipv6) {
    const groups = Array.from({ length: 6 }, () => rng.int(0, 0xffff).toString(16));
    return `${network.ipv6}:${groups.join(':')}`;
  }
  const [base = '0.0.0.0', bits = '32'] = network.ipv4.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = base.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const host = start + rng.int(1, Math.max(1, size - 2));
  return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join('.');
}

/** The range an address of `network` belongs to, as vendors print it (`asn_network`, `route`). */
export function routeOf(network: Network, address: string): string {
  return address.includes(':') && network.ipv6 ? `${network.ipv6}::/32` : network.ipv4;
}
