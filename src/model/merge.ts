import type { FieldSource } from './facts.ts';
import type { Vendor } from './vendor.ts';

/**
 * How the values several vendors give for one field combine:
 * - `first`: the first vendor in `sources` order that stated a value wins;
 * - `any`: for flags, true when any vendor says true, false when at least one says false and none
 *   true, null when none said anything.
 */
export type Combine = 'first' | 'any';

export interface MergeRule {
  /** The vendors that can supply the field, most trusted first. */
  readonly sources: readonly Vendor[];
  readonly combine: Combine;
  /** Why this order: shown in the vendor matrix of docs/vendors.md. */
  readonly why: string;
}

/** One rule per field of `T`: the compiler forces a decision for every field. */
export type MergeRules<T> = { readonly [K in keyof T]-?: MergeRule };

/** A merged object: every field present (null when no vendor said), plus where each value came from. */
export type Merged<T> = { [K in keyof T]-?: Exclude<T[K], undefined> | null } & { provenance: FieldSource[] };

/**
 * Merges the facts several vendors gave about the same thing, field by field, following `rules`.
 * Returns null when no vendor stated any field, so GraphQL shows a null object rather than an
 * object full of nulls.
 */
export function mergeFacts<T extends object>(
  rules: MergeRules<T>,
  facts: ReadonlyMap<Vendor, Partial<T>>,
): Merged<T> | null {
  const merged: Record<string, unknown> = {};
  const provenance: FieldSource[] = [];
  for (const field of Object.keys(rules) as (keyof T & string)[]) {
    const rule: MergeRule = rules[field];
    const picked = rule.combine === 'any' ? pickAny(rule, facts, field) : pickFirst(rule, facts, field);
    merged[field] = picked?.value ?? null;
    if (picked) provenance.push({ field, vendor: picked.vendor });
  }
  if (provenance.length === 0) return null;
  merged['provenance'] = provenance;
  return merged as Merged<T>;
}

interface Picked {
  value: unknown;
  vendor: Vendor;
}

function pickFirst<T>(rule: MergeRule, facts: ReadonlyMap<Vendor, Partial<T>>, field: keyof T): Picked | undefined {
  for (const vendor of rule.sources) {
    const value = facts.get(vendor)?.[field];
    if (value !== undefined && value !== null) return { value, vendor };
  }
  return undefined;
}

function pickAny<T>(rule: MergeRule, facts: ReadonlyMap<Vendor, Partial<T>>, field: keyof T): Picked | undefined {
  let negative: Picked | undefined;
  for (const vendor of rule.sources) {
    const value = facts.get(vendor)?.[field];
    if (value === true) return { value, vendor };
    if (value === false && !negative) negative = { value, vendor };
  }
  return negative;
}

/** The vendors whose data the given fields of a merged type need (all of them for unknown fields). */
export function sourcesForFields<T>(rules: MergeRules<T>, fields: Iterable<string>): Set<Vendor> {
  const needed = new Set<Vendor>();
  const byField = rules as Record<string, MergeRule | undefined>;
  for (const field of fields) {
    const rule = byField[field];
    for (const vendor of rule ? rule.sources : allSources(rules)) needed.add(vendor);
  }
  return needed;
}

/** Every vendor any rule of the type mentions. */
export function allSources<T>(rules: MergeRules<T>): Set<Vendor> {
  const all = new Set<Vendor>();
  for (const rule of Object.values(rules) as MergeRule[]) for (const vendor of rule.sources) all.add(vendor);
  return all;
}
