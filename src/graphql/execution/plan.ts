import { type FieldNode, type GraphQLResolveInfo, getNamedType } from 'graphql';
import { allSources, sourcesForFields } from '../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../model/merge-rules.ts';
import { VENDORS, type Vendor } from '../../model/vendor.ts';
import { type Fragments, selectedFields } from '../selection.ts';

/**
 * Which vendors a query needs, read from its selection set and the merge rules. This is how a
 * query that selects `ip { geolocation { country { code } } }` calls only the vendors that supply
 * geolocation, and a query selecting `sources` alone calls none.
 */

/** Sub-fields selected under `nodes`, by field name (aliases merged), for objects of `typeName`. */
export function subfields(
  nodes: readonly FieldNode[],
  fragments: Fragments,
  typeName: string,
): Map<string, FieldNode[]> {
  const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return selectedFields(selectionSets, typeName, { fragments, conditions: 'as-written' });
}

const ALL: ReadonlySet<Vendor> = new Set(VENDORS);
const NONE: ReadonlySet<Vendor> = new Set();
const only = (vendor: Vendor): ReadonlySet<Vendor> => new Set([vendor]);

/** `Device` fields that are not plain merged facts. */
const DEVICE_FIELDS: Readonly<Record<string, ReadonlySet<Vendor>>> = {
  __typename: NONE,
  riskLabels: ALL,
  recentEvents: only('FINGERPRINT'),
  identifiers: new Set(DEVICE_RULES.id.sources),
  provenance: allSources(DEVICE_RULES),
};

/**
 * Vendors a `Device` selection needs, when the device is derived from an event's vendor reports.
 * The vendors that supply device ids are always needed: without an id there is no device.
 */
export function deviceNeeds(fields: Map<string, FieldNode[]>): Set<Vendor> {
  const needed = new Set<Vendor>(fields.size > 0 ? DEVICE_RULES.id.sources : []);
  for (const name of fields.keys()) {
    for (const vendor of DEVICE_FIELDS[name] ?? sourcesForFields(DEVICE_RULES, [name])) needed.add(vendor);
  }
  return needed;
}

type FieldPlanner = (fields: Map<string, FieldNode[]>) => ReadonlySet<Vendor>;

const mergedObject =
  <T>(rules: Parameters<typeof sourcesForFields<T>>[0]): FieldPlanner =>
  (fields) =>
    sourcesForFields(
      rules,
      [...fields.keys()].filter((name) => name !== '__typename'),
    );

/** What each `Event` field needs. Fields not listed (`id`, `sources`, `__typename`) need nothing. */
const EVENT_FIELDS: Readonly<Record<string, FieldPlanner>> = {
  time: () => new Set(ACTION_RULES.time.sources),
  url: () => new Set(ACTION_RULES.url.sources),
  device: deviceNeeds,
  ip: mergedObject(IP_RULES),
  velocity: mergedObject(VELOCITY_RULES),
  bot: mergedObject(BOT_RULES),
  riskLabels: () => ALL,
  risk: () => ALL,
  fingerprint: () => only('FINGERPRINT'),
  trustDecision: () => only('TRUSTDECISION'),
  friendlyCaptcha: () => only('FRIENDLY_CAPTCHA'),
  detectIp: () => only('DETECTIP'),
  hitprobe: () => only('HITPROBE'),
};

/** Vendors one `Event` field needs, given that field's own sub-selection. */
export function eventFieldNeeds(
  field: string,
  nodes: readonly FieldNode[],
  fragments: Fragments,
  typeName: string,
): ReadonlySet<Vendor> {
  const planner = EVENT_FIELDS[field];
  return planner ? planner(subfields(nodes, fragments, typeName)) : NONE;
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
export function planEvent(nodes: readonly FieldNode[], fragments: Fragments): ReadonlySet<Vendor> {
  return eventPlans.get(nodes, () => computeEventPlan(nodes, fragments));
}

function computeEventPlan(nodes: readonly FieldNode[], fragments: Fragments): Set<Vendor> {
  const needed = new Set<Vendor>();
  for (const [name, fieldNodes] of subfields(nodes, fragments, 'Event')) {
    const vendors = eventFieldNeeds(name, fieldNodes, fragments, EVENT_FIELD_TYPES[name] ?? '');
    for (const vendor of vendors) needed.add(vendor);
  }
  return needed;
}

/** Vendors the `Event` field being resolved needs, from its own sub-selection. */
export function neededBy(info: GraphQLResolveInfo): ReadonlySet<Vendor> {
  return fieldPlans.get(info.fieldNodes, () =>
    eventFieldNeeds(info.fieldName, info.fieldNodes, info.fragments, getNamedType(info.returnType).name),
  );
}
