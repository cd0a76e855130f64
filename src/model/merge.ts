import type { FieldSource } from './facts.ts';
import type { Vendor } from './vendor.ts';

/**
 * How the values several vendors give for one field combine:
 * - `first`: the first vendor in `sources` order that stated a value wins;
 * - `any`: for flags, true when any vendor says true, false when at least one says false and none
 *   true, null when none said anything. A flag with details (`{ result, type, confidence }`) counts
 *   by its `result`, and its details come from the first vendor that said yes;
 * - `follows`: the value of the vendor that won another field (`bot.kind` follows `bot.detected`,
 *   so a detection and its kind never come from vendors that disagree), else the first in order.
 */
export type Combine<Field extends string = string> = 'first' | 'any' | { follows: Field };

export interface MergeRule<Field extends string = string> {
  /** The vendors that can supply the field, most trusted first. */
  readonly sources: readonly Vendor[];
  readonly combine: Combine<Field>;
  /** Why this order: shown in the vendor matrix of docs/vendors.md. */
  readonly why: string;
}

/** One rule per field of `T`: the compiler forces a decision for every field. */
export type MergeRules<T> = { readonly [K in keyof T]-?: MergeRule<keyof T & string> };

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
  const winners = new Map<string, Vendor>();
  const provenance: FieldSource[] = [];
  const fields = Object.keys(rules) as (keyof T & string)[];
  // Fields that follow another are merged after it, whatever their order in the table.
  const ordered = [...fields.filter((field) => !follows(rules[field])), ...fields.filter((f) => follows(rules[f]))];
  for (const field of ordered) {
    const rule: MergeRule = rules[field];
    const leader = follows(rule);
    const picked =
      rule.combine === 'any'
        ? pickAny(rule, facts, field)
        : pickFirst(rule, facts, field, leader ? winners.get(leader) : undefined);
    merged[field] = picked?.value ?? null;
    if (picked) {
      winners.set(field, picked.vendor);
      provenance.push({ field, vendor: picked.vendor });
    }
  }
  if (provenance.length === 0) return null;
  provenance.sort((a, b) => fields.indexOf(a.field as keyof T & string) - fields.indexOf(b.field as keyof T & string));
  merged['provenance'] = provenance;
  return merged as Merged<T>;
}

interface Picked {
  value: unknown;
  vendor: Vendor;
}

function follows(rule: MergeRule): string | undefined {
  return typeof rule.combine === 'object' ? rule.combine.follows : undefined;
}

function pickFirst<T>(
  rule: MergeRule,
  facts: ReadonlyMap<Vendor, Partial<T>>,
  field: keyof T,
  preferred: Vendor | undefined,
): Picked | undefined {
  const order = preferred && rule.sources.includes(preferred) ? [preferred, ...rule.sources] : rule.sources;
  for (const vendor of order) {
    const value = facts.get(vendor)?.[field];
    if (value !== undefined && value !== null) return { value, vendor };
  }
  return undefined;
}

/** A flag's answer: the boolean itself, or the `result` of a flag with details. */
function flagOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null && 'result' in value && typeof value.result === 'boolean') {
    return value.result;
  }
  return undefined;
}

function pickAny<T>(rule: MergeRule, facts: ReadonlyMap<Vendor, Partial<T>>, field: keyof T): Picked | undefined {
  let negative: Picked | undefined;
  for (const vendor of rule.sources) {
    const value = facts.get(vendor)?.[field];
    const flag = flagOf(value);
    if (flag === true) return { value, vendor };
    if (flag === false && !negative) negative = { value, vendor };
  }
  return negative;
}

/** The vendors whose data the given fields of a merged type need (all of them for unknown fields). */
export function sourcesForFields<T>(rules: MergeRules<T>, fields: Iterable<string>): Set<Vendor> {
  const needed = new Set<Vendor>();
  const byField = rules as Record<string, MergeRule | undefined>;
  for (const field of fields) {
    const rule = byField[field];
    const leader = rule && follows(rule);
    // A field that follows another needs that field's vendors too.
    const vendors = rule ? [...rule.sources, ...(leader ? (byField[leader]?.sources ?? []) : [])] : allSources(rules);
    for (const vendor of vendors) needed.add(vendor);
  }
  return needed;
}

/** Every vendor any rule of the type mentions. */
export function allSources<T>(rules: MergeRules<T>): Set<Vendor> {
  const all = new Set<Vendor>();
  for (const rule of Object.values(rules) as MergeRule[]) for (const vendor of rule.sources) all.add(vendor);
  return all;
}
