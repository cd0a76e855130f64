import { type FieldNode, type GraphQLResolveInfo, getNamedType } from 'graphql';
import { allSources, sourcesForFields } from '../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../model/merge-rules.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';
import { ByConditionValues, conditionVariables, selectedFields } from '../selection.ts';

/**
 * Which vendors a query needs, read from its selection set and the merge rules. This is how a
 * query that selects `ip { geolocation { country { code } } }` calls only the vendors that supply
 * geolocation, and a query selecting `sources` alone calls none. The selection is read as
 * execution runs it: what `@skip`/`@include` drop calls no vendor.
 */

/**
 * What a plan reads besides the selection: the document's fragments and the request's variables,
 * which decide `@skip`/`@include`. A `GraphQLResolveInfo` is one.
 */
export type PlanScope = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

/** Sub-fields selected under `nodes`, by field name (aliases merged), for objects of `typeName`. */
export function subfields(nodes: readonly FieldNode[], scope: PlanScope, typeName: string): Map<string, FieldNode[]> {
  const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return selectedFields(selectionSets, typeName, { fragments: scope.fragments, conditions: scope.variableValues });
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
 * The vendors that supply device ids are always needed: without an id there is no device, so they
 * decide between a device and null even when conditions leave out every sub-field.
 */
export function deviceNeeds(fields: Map<string, FieldNode[]>, registry: VendorRegistry): Set<Vendor> {
  const { deviceFields } = plannersOf(registry);
  const needed = new Set<Vendor>(DEVICE_RULES.id.sources);
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
  scope: PlanScope,
  typeName: string,
  registry: VendorRegistry,
): ReadonlySet<Vendor> {
  const planner = EVENT_FIELDS[field];
  if (planner) return planner(subfields(nodes, scope, typeName), registry);
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
 * Plans depend on the document and on the variables of its `@skip`/`@include` conditions only, and
 * Apollo Server reuses parsed documents across requests, so a plan is computed once per field of a
 * document and set of condition values, and looked up afterwards (keyed by its nodes, then by the
 * values of the variables that decide a condition under them).
 */
class PlanMemo {
  readonly #selections = new WeakMap<FieldNode, MemoizedSelection>();

  get(nodes: readonly FieldNode[], scope: PlanScope, compute: () => ReadonlySet<Vendor>): ReadonlySet<Vendor> {
    const first = nodes[0];
    if (!first) return compute();
    let selection = this.#selections.get(first);
    if (!selection || !sameNodes(selection.nodes, nodes)) {
      const conditions = conditionVariables(nodes, scope.fragments);
      selection = { nodes: [...nodes], plans: new ByConditionValues(conditions, PLANS_PER_SELECTION) };
      this.#selections.set(first, selection);
    }
    return selection.plans.get(scope.variableValues, compute);
  }
}

interface MemoizedSelection {
  nodes: readonly FieldNode[];
  /** Keyed by the values of the variables deciding a `@skip`/`@include` under the nodes. */
  plans: ByConditionValues<ReadonlySet<Vendor>>;
}

/**
 * Plans remembered per selection. Each condition variable can double the number of plans and a
 * client decides how many there are, so past this many the plan is computed and not kept.
 */
export const PLANS_PER_SELECTION = 16;

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, index) => node === b[index]);
}

const eventPlans = new PlanMemo();
const fieldPlans = new PlanMemo();

/** Vendors a whole `Event` selection needs (`nodes` are the fields that return the events). */
export function planEvent(
  nodes: readonly FieldNode[],
  scope: PlanScope,
  registry: VendorRegistry,
): ReadonlySet<Vendor> {
  return eventPlans.get(nodes, scope, () => computeEventPlan(nodes, scope, registry));
}

function computeEventPlan(nodes: readonly FieldNode[], scope: PlanScope, registry: VendorRegistry): Set<Vendor> {
  const needed = new Set<Vendor>();
  for (const [name, fieldNodes] of subfields(nodes, scope, 'Event')) {
    const vendors = eventFieldNeeds(name, fieldNodes, scope, EVENT_FIELD_TYPES[name] ?? '', registry);
    for (const vendor of vendors) needed.add(vendor);
  }
  return needed;
}

/** Vendors the `Event` field being resolved needs, from its own sub-selection. */
export function neededBy(info: GraphQLResolveInfo, registry: VendorRegistry): ReadonlySet<Vendor> {
  return fieldPlans.get(info.fieldNodes, info, () =>
    eventFieldNeeds(info.fieldName, info.fieldNodes, info, getNamedType(info.returnType).name, registry),
  );
}
