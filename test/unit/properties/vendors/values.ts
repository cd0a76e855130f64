import fc from 'fast-check';
import type { Claims, Flag } from '../claims.ts';

/**
 * Building blocks for the generated vendor answers of TrustDecision, Friendly Captcha, detectip.ai
 * and Hitprobe: a field present with a value, null, or absent, and enum values the vendor
 * documents or does not.
 */

/** An absent field: the generators drop keys whose value is this. */
export const ABSENT = Symbol('absent');

/** The value, null, or absent (weighted towards present). */
export function field<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | typeof ABSENT> {
  return fc.oneof(
    { arbitrary: value, weight: 6 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constant(ABSENT), weight: 1 },
  );
}

/** A documented value, now and then one the vendor never documented. */
export function vocabulary(documented: readonly string[], undocumented: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...documented), weight: 5 },
    { arbitrary: fc.constantFrom(...undocumented), weight: 1 },
  );
}

/** An object without the keys whose value is `ABSENT`: what a vendor sends when it leaves fields out. */
export function present<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], typeof ABSENT> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ABSENT)) as {
    [K in keyof T]?: Exclude<T[K], typeof ABSENT>;
  };
}

/** Collects what an answer said about each flag. */
export class ClaimSet {
  readonly yes = new Set<Flag>();
  readonly no = new Set<Flag>();
  readonly unknown = new Set<Flag>();

  /** `true` → yes, `false` → no; anything else says nothing. */
  flag(flag: Flag, value: unknown): this {
    if (value === true) this.yes.add(flag);
    else if (value === false) this.no.add(flag);
    return this;
  }

  claims(): Claims {
    return { yes: this.yes, no: this.no, unknown: this.unknown };
  }
}
