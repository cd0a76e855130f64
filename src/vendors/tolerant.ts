import { isIP } from 'node:net';
import { z } from 'zod';
import type { Geolocation, IpVersion } from '../model/facts.ts';
import type { Vendor } from '../model/vendor.ts';
import { safeParse } from './compiled-schema.ts';
import { VendorError } from './errors.ts';

/**
 * Building blocks for tolerant vendor schemas. Vendors add fields and enum values without notice,
 * send null where they documented a value, and omit "required" fields on old records. So every
 * field is optional, a null or a value of the wrong type degrades to `undefined` instead of failing
 * the whole response, and unknown keys pass through untouched.
 */

export const str = z.string().optional().catch(undefined);
export const num = z.number().finite().optional().catch(undefined);
export const int = z.number().int().optional().catch(undefined);
export const bool = z.boolean().optional().catch(undefined);

/** A string where empty or blank means absent (TrustDecision, Friendly Captcha, detectip.ai send `""`). */
export const text = z
  .string()
  .transform((value) => nonEmpty(value))
  .optional()
  .catch(undefined);

/**
 * An integer sent as a number or as a string of digits: vendors document integers and quote them
 * in examples (Hitprobe `memory: "8"`, TrustDecision `current_time: "14816942"`).
 */
export const intLike = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d{1,15}$/)
      .transform(Number),
  ])
  .optional()
  .catch(undefined);

/** A string or a number, as a string (vendors disagree on ids such as AS numbers). */
export const numericString = z
  .union([z.string(), z.number().finite()])
  .transform((value) => String(value))
  .optional()
  .catch(undefined);

export function obj<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape).optional().catch(undefined);
}

/** An array whose invalid items are dropped rather than failing the array. */
export function list<Item extends z.ZodType>(item: Item) {
  return z
    .array(z.unknown())
    .transform((items) =>
      items.flatMap((value) => {
        const parsed = safeParse(item, value);
        return parsed.success ? [parsed.data as z.output<Item>] : [];
      }),
    )
    .optional()
    .catch(undefined);
}

/** Array of strings, dropping non-strings. */
export const strings = list(z.string());

/** Array of non-empty strings, dropping anything else, in first-seen order without repeats. */
export const vocabulary = list(z.string().trim().min(1)).transform((items) => (items ? [...new Set(items)] : items));

/** Parses the top level strictly enough to know it is an object; everything below is tolerant. */
export function root<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape);
}

/**
 * Parses a vendor body with a tolerant schema (by `compiled-schema.ts`: zod's semantics, faster).
 * Only a body that is not even the expected kind of object fails, as `VENDOR_BAD_RESPONSE` naming
 * `what` was expected; the body never reaches the error.
 */
export function parseBody<Schema extends z.ZodType>(
  vendor: Vendor,
  schema: Schema,
  body: unknown,
  what: string,
): z.output<Schema> {
  const parsed = safeParse(schema, body);
  if (!parsed.success) throw VendorError.badResponse(vendor, `answered a body that is not ${what}`);
  return parsed.data;
}

/**
 * Maps a vendor's enum value onto ours. Unknown values become `'UNKNOWN'` and are reported through
 * `onUnknown` (drift metrics); absent values stay undefined.
 */
export function mapEnum<Vendor extends string, Ours extends string>(
  value: string | undefined,
  table: Readonly<Record<Vendor, Ours>>,
  onUnknown: (value: string) => void,
): Ours | 'UNKNOWN' | undefined {
  if (value === undefined) return undefined;
  if (Object.hasOwn(table, value)) return table[value as Vendor];
  onUnknown(value);
  return 'UNKNOWN';
}

/** Empty strings mean "absent" for most vendors (TrustDecision, Fingerprint `datacenter_name`). */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A geolocation from the parts a vendor gives; the rest is null ("this vendor does not say"). */
export function geolocation(parts: Partial<Geolocation>): Geolocation {
  return {
    city: null,
    subdivisions: null,
    country: null,
    continent: null,
    latitude: null,
    longitude: null,
    accuracyRadiusKm: null,
    postalCode: null,
    timezone: null,
    ...parts,
  };
}

/** IP version of an address; undefined when the string is not an IP address at all. */
export function ipVersionOf(address: string | undefined): IpVersion | undefined {
  if (address === undefined) return undefined;
  const version = isIP(address);
  return version === 4 ? 'V4' : version === 6 ? 'V6' : undefined;
}

/**
 * Collects schema drift while mapping one response: fields we do not model yet and enum values we
 * do not know. The list travels in the report and feeds the drift metrics; it never holds values
 * of fields, only names (and enum values, which are vendor vocabulary, not personal data).
 */
export class DriftLog {
  readonly entries: string[] = [];

  unknownEnum(field: string): (value: string) => void {
    return (value) => {
      this.entries.push(`enum:${field}=${value.slice(0, 40)}`);
    };
  }

  /** Records keys of `value` that `known` does not list (one level deep). */
  unknownFields(path: string, value: object | undefined, known: object): void {
    if (!value) return;
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(known, key)) this.entries.push(`field:${path}${path ? '.' : ''}${key.slice(0, 40)}`);
    }
  }
}
