import { isIP } from 'node:net';
import type { PiiMode } from './pii-mode.ts';

/**
 * The transformations behind `PII_MODE`: pure functions on values, applied on the way out by
 * `graphql/execution/pii-fields.ts`. Vendor mappers never see the mode, so the cache and the risk policy
 * keep full precision while responses carry only what the deployment allows.
 */

/** Degrees rounded to 1 decimal: about 11 km of latitude, a city rather than a street. */
export function roundCoordinate(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 10) / 10 : value;
}

/** The smallest accuracy radius `coarse` reports, matching rounded coordinates. */
export const COARSE_RADIUS_KM = 25;

/** At least `COARSE_RADIUS_KM`, and that much when coordinates exist without a radius. */
export function widenRadius(value: unknown, hasCoordinates: boolean): unknown {
  if (typeof value === 'number') return Math.max(value, COARSE_RADIUS_KM);
  return hasCoordinates ? COARSE_RADIUS_KM : value;
}

/**
 * The /24 (IPv4) or /48 (IPv6) network of an address in CIDR notation (`61.127.217.0/24`,
 * `2001:db8:1::/48`); IPv4-mapped IPv6 addresses are masked as IPv4. Anything that is not an
 * address becomes null: a masked field must never pass through a value it cannot vouch for.
 */
export function maskIp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const address = value.trim().replace(/%.*$/s, '');
  const version = isIP(address);
  if (version === 4) return maskIpv4(address);
  if (version !== 6) return null;
  const groups = ipv6Groups(address);
  const [g6 = 0, g7 = 0] = groups.slice(6);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return maskIpv4(`${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`);
  }
  return `${groups
    .slice(0, 3)
    .map((group) => group.toString(16))
    .join(':')}::/48`;
}

function maskIpv4(address: string): string {
  const [a, b, c] = address.split('.');
  return `${a}.${b}.${c}.0/24`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Dotted quads inside free text (vendor notes, rule names), checked before masking. */
const IPV4_IN_TEXT = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;

/** Free text with any IP address in it masked (`none` mode). */
export function maskIpsInText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (isIP(value.trim()) !== 0) return maskIp(value);
  return value.replace(IPV4_IN_TEXT, (match) => (isIP(match) === 4 ? maskIpv4(match) : match));
}

/** Vendor key names, lower-cased without separators (`postal_code` → `postalcode`). */
const COORDINATE_KEYS = new Set(['latitude', 'lat', 'longitude', 'lon', 'lng']);
const RADIUS_KEYS = new Set(['accuracyradius', 'accuracyradiuskm']);
/** More precise than a city: gone in `coarse` and `none`. */
const PRECISE_PLACE_KEYS = new Set([
  'postalcode',
  'postal',
  'postcode',
  'zip',
  'zipcode',
  'address',
  'street',
  'township',
  'gpslocation',
  'ssid',
  'bssid',
]);
/** A city or region: gone in `none`. */
const PLACE_KEYS = new Set([
  'city',
  'cityname',
  'region',
  'subregion',
  'state',
  'province',
  'district',
  'subdivision',
  'subdivisions',
]);

/** Deeper vendor payloads are cut here rather than walked without bound. */
const MAX_JSON_DEPTH = 64;

/**
 * A vendor's raw payload (`raw: JSON`) under `coarse` or `none`. Raw payloads are the vendor's
 * shape and change without notice, so this works by key names and by value (any string that is an
 * IP address), not by paths: coordinates rounded or dropped, postal codes, street addresses, GPS
 * locations and Wi-Fi network ids dropped, and under `none` cities, regions and IPs too.
 */
export function scrubJson(value: unknown, mode: Exclude<PiiMode, 'full'>, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH) return null;
  if (typeof value === 'string') return mode === 'none' ? maskIpsInText(value) : value;
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, mode, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const hasCoordinates = Object.keys(value).some((key) => COORDINATE_KEYS.has(normalizeKey(key)));
  const scrubbed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const normalized = normalizeKey(key);
    if (PRECISE_PLACE_KEYS.has(normalized)) continue;
    if (mode === 'none' && (PLACE_KEYS.has(normalized) || COORDINATE_KEYS.has(normalized))) continue;
    if (mode === 'none' && RADIUS_KEYS.has(normalized)) continue;
    if (COORDINATE_KEYS.has(normalized)) scrubbed[key] = roundCoordinate(item);
    else if (RADIUS_KEYS.has(normalized)) scrubbed[key] = widenRadius(item, hasCoordinates);
    else scrubbed[key] = scrubJson(item, mode, depth + 1);
  }
  return scrubbed;
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}
