import { type FieldNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  eventFieldNeeds,
  PLANS_PER_SELECTION,
  type PlanScope,
  planEvent,
  subfields,
} from '../../../src/graphql/execution/plan.ts';
import { fragmentsOf } from '../../../src/graphql/selection.ts';
import { ACTION_RULES, DEVICE_RULES, IP_RULES } from '../../../src/model/merge-rules.ts';
import type { Vendor } from '../../../src/model/vendor.ts';
import { VENDOR_REGISTRY, VENDORS } from '../../../src/vendors/registry.ts';

/** The first root field of a document (the field returning the events), and the document's fragments. */
function rootField(source: string): { nodes: FieldNode[]; fragments: PlanScope['fragments'] } {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const field = operation?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error('the document must start with a field');
  return { nodes: [field], fragments: fragmentsOf(document) };
}

/** The plan of `source`'s first root field, with these variables, sorted as `VENDORS` is. */
function plan(source: string, variableValues: Record<string, unknown> = {}): Vendor[] {
  const { nodes, fragments } = rootField(source);
  const planned = planEvent(nodes, { fragments, variableValues }, VENDOR_REGISTRY);
  return VENDORS.filter((vendor) => planned.has(vendor));
}

const sorted = (vendors: Iterable<Vendor>) => VENDORS.filter((vendor) => new Set(vendors).has(vendor));

describe('planEvent', () => {
  it('needs no vendor for id and sources', () => {
    expect(plan('{ event { id sources { vendor status } __typename } }')).toEqual([]);
  });

  it('needs only the vendors that supply the merged fields selected', () => {
    expect(plan('{ event { ip { geolocation { country { code } } } } }')).toEqual(sorted(IP_RULES.geolocation.sources));
    expect(plan('{ event { time } }')).toEqual(sorted(ACTION_RULES.time.sources));
  });

  it('needs the vendors a device id comes from for any device selection', () => {
    expect(plan('{ event { device { __typename } } }')).toEqual(sorted(DEVICE_RULES.id.sources));
  });

  it('reads fields through fragment spreads, inline fragments and aliases', () => {
    const source = `{ events { a: hitprobe { probeId } ...Views ... on Event { b: detectIp { score } } } }
      fragment Views on Event { trustDecision { deviceId } }`;
    expect(plan(source)).toEqual(['TRUSTDECISION', 'DETECTIP', 'HITPROBE']);
  });

  it('ignores fragments on other types', () => {
    expect(plan('{ event { ... on Device { platform } ...D } } fragment D on Device { riskLabels { code } }')).toEqual(
      [],
    );
  });

  it('leaves out what @skip and @include drop, literal or variable, on fields, spreads and inline fragments', () => {
    const cases = [
      '{ event { hitprobe @skip(if: true) { probeId } } }',
      '{ event { hitprobe @include(if: false) { probeId } } }',
      '{ event { ...H @skip(if: true) } } fragment H on Event { hitprobe { probeId } }',
      '{ event { ... @include(if: false) { hitprobe { probeId } } } }',
      'query($on: Boolean!) { event { hitprobe @include(if: $on) { probeId } } }',
      'query($on: Boolean!) { event { ... on Event @include(if: $on) { hitprobe { probeId } } } }',
      'query($on: Boolean!) { event { ...H @include(if: $on) } } fragment H on Event { hitprobe { probeId } }',
    ];
    for (const source of cases) expect(plan(source, { on: false }), source).toEqual([]);
    for (const source of cases.slice(4)) expect(plan(source, { on: true }), source).toEqual(['HITPROBE']);
  });

  it('leaves out the vendors of merged sub-fields that conditions drop', () => {
    expect(plan('query($on: Boolean!) { event { ip { vpn address @include(if: $on) } } }', { on: false })).toEqual(
      sorted(IP_RULES.vpn.sources),
    );
  });

  it('still needs the device id vendors when conditions leave out every device sub-field', () => {
    expect(plan('{ event { device { platform @skip(if: true) } } }')).toEqual(sorted(DEVICE_RULES.id.sources));
  });
});

describe('planEvent memo', () => {
  const source =
    'query($on: Boolean!, $signals: String) { event(id: $signals) { hitprobe @include(if: $on) { probeId } } }';
  const { nodes, fragments } = rootField(source);
  const planFor = (variableValues: Record<string, unknown>) =>
    planEvent(nodes, { fragments, variableValues }, VENDOR_REGISTRY);

  it('keeps one plan per selection and values of its condition variables', () => {
    const included = planFor({ on: true, signals: 'a' });
    expect([...included]).toEqual(['HITPROBE']);
    expect([...planFor({ on: false, signals: 'a' })]).toEqual([]);
    expect(planFor({ on: true, signals: 'a' })).toBe(included);
  });

  it('shares a plan between requests whose other variables differ', () => {
    expect(planFor({ on: true, signals: 'b' })).toBe(planFor({ on: true, signals: 'c' }));
  });

  it(`keeps at most ${PLANS_PER_SELECTION} plans per selection and still plans correctly past them`, () => {
    const names = Array.from({ length: 6 }, (_, index) => `c${index}`);
    const many = rootField(
      `query(${names.map((name) => `$${name}: Boolean!`).join(', ')}) { event {
        ${names.map((name) => `... @include(if: $${name}) { hitprobe { probeId } }`).join(' ')} } }`,
    );
    const combinations = Array.from({ length: 2 ** names.length }, (_, bits) =>
      Object.fromEntries(names.map((name, index) => [name, (bits & (1 << index)) !== 0])),
    );
    for (const variableValues of combinations) {
      const planned = planEvent(many.nodes, { fragments: many.fragments, variableValues }, VENDOR_REGISTRY);
      expect([...planned]).toEqual(Object.values(variableValues).some(Boolean) ? ['HITPROBE'] : []);
    }
    const remembered = combinations.filter((variableValues) => {
      const scope = { fragments: many.fragments, variableValues };
      const first = planEvent(many.nodes, scope, VENDOR_REGISTRY);
      return planEvent(many.nodes, scope, VENDOR_REGISTRY) === first;
    });
    expect(remembered).toHaveLength(PLANS_PER_SELECTION);
  });
});

describe('eventFieldNeeds and subfields', () => {
  it('plan one Event field from its own sub-selection', () => {
    const { nodes, fragments } = rootField('query($on: Boolean!) { ip { address vpn @skip(if: $on) } }');
    const scope = { fragments, variableValues: { on: true } };
    expect(sorted(eventFieldNeeds('ip', nodes, scope, 'IpInfo', VENDOR_REGISTRY))).toEqual(
      sorted(IP_RULES.address.sources),
    );
    expect(sorted(eventFieldNeeds('id', nodes, scope, 'IpInfo', VENDOR_REGISTRY))).toEqual([]);
  });

  it('list the sub-fields execution runs, by field name', () => {
    const { nodes, fragments } = rootField(`query($history: Boolean!) {
      device { id platform other: platform recentEvents(first: 5) @include(if: $history) { id } } }`);
    const fields = (history: boolean) => subfields(nodes, { fragments, variableValues: { history } }, 'Device');
    expect([...fields(false).keys()]).toEqual(['id', 'platform']);
    expect(fields(false).get('platform')).toHaveLength(2);
    expect([...fields(true).keys()]).toEqual(['id', 'platform', 'recentEvents']);
  });
});
