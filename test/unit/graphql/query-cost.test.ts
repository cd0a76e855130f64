import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createResolvers } from '../../../src/graphql/execution/resolvers/index.ts';
import { QueryCost } from '../../../src/graphql/guards/query-cost.ts';
import { buildSchema } from '../../../src/graphql/schema.ts';
import { fragmentsOf } from '../../../src/graphql/selection.ts';
import { VENDOR_REGISTRY } from '../../../src/vendors/registry.ts';

const schema = buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY));
const estimator = new QueryCost(schema);

/** The estimated cost of the document's operation, walking no further than `max`. */
function cost(source: string, variables: Record<string, unknown> = {}, max = Number.MAX_SAFE_INTEGER): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const root = schema.getQueryType();
  if (!operation || !root) throw new Error('no operation');
  return estimator.estimate(operation.selectionSet, root, fragmentsOf(document), variables, max);
}

const EVENT = 'event(signals: {})';

describe('QueryCost.estimate', () => {
  it('costs 1 per object and nothing per scalar', () => {
    expect(cost(`{ ${EVENT} { id __typename } }`)).toBe(1);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('adds the @cost weight of a field that calls vendors', () => {
    expect(cost(`{ ${EVENT} { hitprobe { probeId } } }`)).toBeGreaterThan(cost(`{ ${EVENT} { id } }`));
  });

  it('costs the vendor fields of one Event together no more than the heaviest one', () => {
    const risk = cost(`{ ${EVENT} { risk { score } } }`);
    expect(cost(`{ ${EVENT} { risk { score } hitprobe { probeId } ip { address } device { id } } }`)).toBe(risk);
  });

  it('shares that budget with fragments on the same type', () => {
    const source = `{ ${EVENT} { ...A ... on Event { ip { address } } } }
      fragment A on Event { risk { score } hitprobe { probeId } }`;
    expect(cost(source)).toBe(cost(`{ ${EVENT} { risk { score } } }`));
  });

  it('adds up fragments on the types behind an abstract field', () => {
    const entities = (count: number) =>
      cost(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { risk { score } } ... on Device { id } } }',
        {
          r: Array.from({ length: count }, () => ({ __typename: 'Event', id: 'x' })),
        },
      );
    expect(entities(2)).toBe(2 * entities(1));
    // An entity costs what the same selection costs on `event`.
    expect(entities(1)).toBe(cost(`{ ${EVENT} { risk { score } } }`));
  });

  it('multiplies by list sizes from slicing arguments, literal or variable', () => {
    const recent = (first: number) =>
      cost(`{ device(id: "fingerprint:x") { recentEvents(first: ${first}) { risk { score } } } }`);
    expect(recent(10)).toBeGreaterThan(recent(1));
    expect(
      cost('query($n: Int!) { device(id: "fingerprint:x") { recentEvents(first: $n) { risk { score } } } }', { n: 10 }),
    ).toBe(recent(10));
  });

  it('multiplies by the length of the list argument that decides a list', () => {
    const events = (count: number) =>
      cost('query($s: [SignalsInput!]!) { events(signals: $s) { risk { score } } }', {
        s: Array.from({ length: count }, () => ({ detectIpToken: 'a' })),
      });
    expect(events(6)).toBe(3 * events(2));
  });

  it('counts a fragment at each spread', () => {
    const fragment = 'fragment R on Device { recentEvents(first: 5) { risk { score } } }';
    const once = cost(`{ a: device(id: "fingerprint:x") { ...R } } ${fragment}`);
    expect(
      cost(`{ a: device(id: "fingerprint:x") { ...R } b: device(id: "fingerprint:x") { ...R } } ${fragment}`),
    ).toBe(2 * once);
  });

  it('counts what @skip and @include leave out, whatever the variables', () => {
    const plain = cost(`{ events(signals: [{}, {}]) { risk { score } } }`);
    const source = 'query($on: Boolean!) { events(signals: [{}, {}]) @include(if: $on) { risk { score } } }';
    expect(cost(source, { on: false })).toBe(plain);
    expect(cost('{ events(signals: [{}, {}]) @skip(if: true) { risk { score } } }')).toBe(plain);
  });

  it('skips unknown fragments and does not follow cycles', () => {
    expect(cost(`{ ${EVENT} { id ...Missing ...A } } fragment A on Event { id ...A }`)).toBe(1);
  });

  it('stops as soon as the estimate exceeds max', () => {
    const history = 'recentEvents(first: 100) { device { recentEvents(first: 100) { risk { score } } } }';
    const twice = `{ a: device(id: "fingerprint:x") { ${history} } b: device(id: "fingerprint:y") { ${history} } }`;
    const once = cost(`{ a: device(id: "fingerprint:x") { ${history} } }`);
    expect(once).toBeGreaterThan(1000);
    expect(cost(twice)).toBe(2 * once);
    // The walk ends within `a`, long before the whole of `b` is counted.
    expect(cost(twice, {}, 1000)).toBeGreaterThan(1000);
    expect(cost(twice, {}, 1000)).toBeLessThanOrEqual(once);
  });

  it('does not stop on cheap vendor fields before the expensive lists after them', () => {
    // 32 `risk` fields weigh 32 × its @cost, far above max, yet one Event costs its budget once.
    const doubling = Array.from(
      { length: 5 },
      (_, level) => `fragment F${level} on Event { ...F${level + 1} ...F${level + 1} }`,
    );
    const history = 'device { recentEvents(first: 100) { device { recentEvents(first: 100) { risk { score } } } } }';
    const source = `{ ${EVENT} { ...F0 ${history} } } ${doubling.join(' ')} fragment F5 on Event { risk { score } }`;
    expect(cost(source, {}, 1000)).toBeGreaterThan(1000);
    expect(cost(source)).toBe(cost(`{ ${EVENT} { risk { score } ${history} } }`));
  });
});
