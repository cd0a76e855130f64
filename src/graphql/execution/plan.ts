import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  getNamedType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { allSources, sourcesForFields } from '../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../model/merge-rules.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';

/**
 * Which vendors a query needs, read from its selection set and the merge rules. This is how a
 * query that selects `ip { geolocation { country { code } } }` calls only the vendors that supply
 * geolocation, and a query selecting `sources` alone calls none.
 */

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** Sub-fields selected under `nodes`, by field name (aliases merged), for objects of `typeName`. */
export function subfields(
  nodes: readonly FieldNode[],
  fragments: Fragments,
  typeName: string,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  for (const node of nodes) if (node.selectionSet) collect(node.selectionSet, fragments, typeName, fields, new Set());
  return fields;
}

/** Fields a selection set (an operation's, for example) selects on objects of `typeName`, by field name. */
export function selectedFields(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  typeName: string,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  collect(selectionSet, fragments, typeName, fields, new Set());
  return fields;
}

function collect(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  typeName: string,
  into: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      into.set(name, [...(into.get(name) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!condition || condition === typeName) collect(selection.selectionSet, fragments, typeName, into, visited);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || visited.has(name) || fragment.typeCondition.name.value !== typeName) continue;
      visited.add(name);
      collect(fragment.selectionSet, fragments, typeName, into, visited);
    }
  }
}

const NONE: ReadonlySet<Vendor> = new Set();

/** The planners that depend on which vendors are registered, built once per registry. */
interface VendorPlanners {
  /** Every registered vendor: labels and the risk verdict draw on all of them. */
  all: ReadonlySet<Vendor>;
  /** `Device` fields that are not plain merged facts. */
  deviceFields: Readonly<Record<string, ReadonlySet<Vendor>>>;
  /** `Event` view fields (`fingerprint`, …): each needs its own vendor only. */
  views: Readonly<Record<string, ReadonlySet<Vendor>>>;
}

const plannersByRegistry = new WeakMap<VendorRegistry, VendorPlanners>();

function plannersOf(registry: VendorRegistry): VendorPlanners {
  let planners = plannersByRegistry.get(registry);
  if (!planners) {
    const all = new Set(registry.names);
    const searchable = registry.descriptors.filter((vendor) => vendor.devices?.searchable).map(({ name }) => name);
    planners = {
      all,
      deviceFields: {
        __typename: NONE,
        riskLabels: all,
        recentEvents: new Set(searchable),
        identifiers: new Set(DEVICE_RULES.id.sources),
        provenance: allSources(DEVICE_RULES),
      },
      views: Object.fromEntries(registry.descriptors.map((vendor) => [vendor.view.field, new Set([vendor.name])])),
    };
    plannersByRegistry.set(registry, planners);
  }
  return planners;
}

/**
 * Vendors a `Device` selection needs, when the device is derived from an event's vendor reports.
 * The vendors that supply device ids are always needed: without an id there is no device.
 */
export function deviceNeeds(fields: Map<string, FieldNode[]>, registry: VendorRegistry): Set<Vendor> {
  const { deviceFields } = plannersOf(registry);
  const needed = new Set<Vendor>(fields.size > 0 ? DEVICE_RULES.id.sources : []);
  for (const name of fields.keys()) {
    for (const vendor of deviceFields[name] ?? sourcesForFields(DEVICE_RULES, [name])) needed.add(vendor);
  }
  return needed;
}

type FieldPlanner = (fields: Map<string, FieldNode[]>, registry: VendorRegistry) => ReadonlySet<Vendor>;

const mergedObject =
  <T>(rules: Parameters<typeof sourcesForFields<T>>[0]): FieldPlanner =>
  (fields) =>
    sourcesForFields(
      rules,
      [...fields.keys()].filter((name) => name !== '__typename'),
    );

/**
 * What each unified `Event` field needs. Vendor view fields need their vendor; fields not listed
 * (`id`, `sources`, `__typename`) need nothing.
 */
const EVENT_FIELDS: Readonly<Record<string, FieldPlanner>> = {
  time: () => new Set(ACTION_RULES.time.sources),
  url: () => new Set(ACTION_RULES.url.sources),
  device: deviceNeeds,
  ip: mergedObject(IP_RULES),
  velocity: mergedObject(VELOCITY_RULES),
  bot: mergedObject(BOT_RULES),
  riskLabels: (_fields, registry) => plannersOf(registry).all,
  risk: (_fields, registry) => plannersOf(registry).all,
};

/** Vendors one `Event` field needs, given that field's own sub-selection. */
export function eventFieldNeeds(
  field: string,
  nodes: readonly FieldNode[],
  fragments: Fragments,
  typeName: string,
  registry: VendorRegistry,
): ReadonlySet<Vendor> {
  const planner = EVENT_FIELDS[field];
  if (planner) return planner(subfields(nodes, fragments, typeName), registry);
  return plannersOf(registry).views[field] ?? NONE;
}

/** Sub-selection type of each planned `Event` field, for walking into it. */
const EVENT_FIELD_TYPES: Readonly<Record<string, string>> = {
  device: 'Device',
  ip: 'IpInfo',
  velocity: 'Velocity',
  bot: 'BotVerdict',
};

/**
 * Plans depend only on the document, and Apollo Server reuses parsed documents across requests, so
 * a plan is computed once per field of a document and looked up afterwards (keyed by its nodes).
 */
class PlanMemo {
  readonly #plans = new WeakMap<FieldNode, { nodes: readonly FieldNode[]; plan: ReadonlySet<Vendor> }>();

  get(nodes: readonly FieldNode[], compute: () => ReadonlySet<Vendor>): ReadonlySet<Vendor> {
    const first = nodes[0];
    if (!first) return compute();
    const known = this.#plans.get(first);
    if (known && sameNodes(known.nodes, nodes)) return known.plan;
    const plan = compute();
    this.#plans.set(first, { nodes: [...nodes], plan });
    return plan;
  }
}

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, index) => node === b[index]);
}

const eventPlans = new PlanMemo();
const fieldPlans = new PlanMemo();

/** Vendors a whole `Event` selection needs (`nodes` are the fields that return the events). */
export function planEvent(
  nodes: readonly FieldNode[],
  fragments: Fragments,
  registry: VendorRegistry,
): ReadonlySet<Vendor> {
  return eventPlans.get(nodes, () => computeEventPlan(nodes, fragments, registry));
}

function computeEventPlan(nodes: readonly FieldNode[], fragments: Fragments, registry: VendorRegistry): Set<Vendor> {
  const needed = new Set<Vendor>();
  for (const [name, fieldNodes] of subfields(nodes, fragments, 'Event')) {
    const vendors = eventFieldNeeds(name, fieldNodes, fragments, EVENT_FIELD_TYPES[name] ?? '', registry);
    for (const vendor of vendors) needed.add(vendor);
  }
  return needed;
}

/** Vendors the `Event` field being resolved needs, from its own sub-selection. */
export function neededBy(info: GraphQLResolveInfo, registry: VendorRegistry): ReadonlySet<Vendor> {
  return fieldPlans.get(info.fieldNodes, () =>
    eventFieldNeeds(info.fieldName, info.fieldNodes, info.fragments, getNamedType(info.returnType).name, registry),
  );
}
