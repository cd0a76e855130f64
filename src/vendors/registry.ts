import { type SignalLayout, signalLayout } from '../signals/layout.ts';
import type { VendorDescriptor } from './descriptor.ts';
import { detectIp } from './detectip/index.ts';
import { fingerprint } from './fingerprint/index.ts';
import { friendlyCaptcha } from './friendlycaptcha/index.ts';
import { hitprobe } from './hitprobe/index.ts';
import { trustDecision } from './trustdecision/index.ts';

/**
 * The vendors this subgraph knows, in the order the docs and `Event.sources` list them. This list,
 * the cross-vendor merge rules (model/merge-rules.ts) and each vendor's SDL file are the only
 * places outside a vendor's folder that name it (docs/adding-a-vendor.md).
 */
export const BUILT_IN_VENDORS = [fingerprint, trustDecision, friendlyCaptcha, detectIp, hitprobe] as const;

/** A vendor's name: the `Vendor` enum value of the schema. */
export type Vendor = (typeof BUILT_IN_VENDORS)[number]['name'];

/**
 * A set of vendor descriptors with the lookups the rest of the subgraph needs. Built once at
 * start-up; its constructor refuses descriptors that would collide (names, variable prefixes,
 * signal fields and their `Event.id` slots, device id prefixes, view fields, webhook paths, checkpoint
 * options).
 */
export class VendorRegistry {
  readonly descriptors: readonly VendorDescriptor[];
  readonly names: readonly Vendor[];
  /** Where every signal goes, and how `Event.id` encodes them. */
  readonly signals: SignalLayout;
  readonly #byName: ReadonlyMap<Vendor, VendorDescriptor>;
  readonly #byDevicePrefix: ReadonlyMap<string, VendorDescriptor>;

  constructor(descriptors: readonly VendorDescriptor[]) {
    unique(
      'vendor name',
      descriptors.map((vendor) => vendor.name),
    );
    unique(
      'variable prefix',
      descriptors.map((vendor) => vendor.envPrefix),
    );
    unique(
      'view field',
      descriptors.map((vendor) => vendor.view.field),
    );
    unique(
      'webhook path',
      descriptors.flatMap((vendor) => (vendor.webhook ? [vendor.webhook.path] : [])),
    );
    unique(
      'device id prefix',
      descriptors.flatMap((vendor) => (vendor.devices ? [vendor.devices.prefix] : [])),
    );
    unique(
      'checkpoint option',
      descriptors.flatMap((vendor) => Object.keys(vendor.checkpointOptions ?? {})),
    );
    for (const vendor of descriptors) {
      const foreign = Object.keys(vendor.variables).filter((name) => !name.startsWith(`${vendor.envPrefix}_`));
      if (foreign.length > 0) throw new Error(`${vendor.name} variables outside its prefix: ${foreign.join(', ')}`);
    }
    this.descriptors = descriptors;
    this.names = descriptors.map((vendor) => vendor.name);
    this.signals = signalLayout(descriptors.flatMap((vendor) => vendor.signals));
    this.#byName = new Map(descriptors.map((vendor) => [vendor.name, vendor]));
    this.#byDevicePrefix = new Map(
      descriptors.flatMap((vendor) => (vendor.devices ? [[vendor.devices.prefix, vendor] as const] : [])),
    );
  }

  get(name: Vendor): VendorDescriptor {
    const descriptor = this.#byName.get(name);
    if (!descriptor) throw new Error(`unknown vendor ${name}`);
    return descriptor;
  }

  /** The vendor whose device ids start with `<prefix>:`. */
  byDevicePrefix(prefix: string): VendorDescriptor | undefined {
    return this.#byDevicePrefix.get(prefix);
  }

  /** How people write a vendor's name, for messages. */
  displayName(name: Vendor): string {
    return this.#byName.get(name)?.displayName ?? name;
  }
}

function unique(what: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`two vendors share the ${what} ${value}`);
    seen.add(value);
  }
}

/** The registry of the vendors this subgraph ships with. */
export const VENDOR_REGISTRY = new VendorRegistry(BUILT_IN_VENDORS);

/** The names of the vendors this subgraph ships with, in registry order. */
export const VENDORS: readonly Vendor[] = VENDOR_REGISTRY.names;
