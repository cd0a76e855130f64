import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { createResolvers } from '../../../src/graphql/execution/resolvers/index.ts';
import { QUERY_LIMIT_CODE, queryLimitsRule } from '../../../src/graphql/guards/query-limits.ts';
import { buildSchema } from '../../../src/graphql/schema.ts';
import { MAX_NESTING } from '../../../src/graphql/selection.ts';
import { VENDOR_REGISTRY } from '../../../src/vendors/registry.ts';

const schema = buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY));
const DEFAULTS = loadConfig({}).security.limits;
type Limits = typeof DEFAULTS;

/** The limit the rule reports for `source` (only this rule runs), or undefined. */
function exceeded(source: string, limits: Partial<Limits> = {}): unknown {
  const errors = validate(schema, parse(source), [queryLimitsRule({ ...DEFAULTS, ...limits })]);
  expect(errors.length).toBeLessThanOrEqual(1);
  const error = errors[0];
  if (error) expect(error.extensions['code']).toBe(QUERY_LIMIT_CODE);
  return error?.extensions['limit'];
}

/** `{ event { device { recentEvents { device { … id } } } } }`: `depth` fields on the deepest path. */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = depth - 2; level >= 1; level -= 1) {
    selection = level % 2 === 1 ? `device { ${selection} }` : `recentEvents(first: 1) { ${selection} }`;
  }
  return `{ event(signals: {}) { ${selection} } }`;
}

describe('queryLimitsRule', () => {
  it('accepts a query exactly as deep as maxDepth and refuses a deeper one', () => {
    expect(exceeded(nested(4), { maxDepth: 4 })).toBeUndefined();
    expect(exceeded(nested(5), { maxDepth: 4 })).toBe('depth');
  });

  it('counts depth through fragment spreads and inline fragments, which add none themselves', () => {
    const source = `{ event(signals: {}) { ...D } } fragment D on Event { ... on Event { device { id } } }`;
    expect(exceeded(source, { maxDepth: 3 })).toBeUndefined();
    expect(exceeded(source, { maxDepth: 2 })).toBe('depth');
  });

  it('adds no depth for introspection', () => {
    expect(exceeded('{ __schema { types { fields { type { ofType { name } } } } } }', { maxDepth: 1 })).toBeUndefined();
  });

  it('refuses more aliases than maxAliases', () => {
    expect(exceeded('{ a: __typename b: __typename }', { maxAliases: 2 })).toBeUndefined();
    expect(exceeded('{ a: __typename b: __typename c: __typename }', { maxAliases: 2 })).toBe('aliases');
  });

  it('counts directives on the operation, its variables, selections and fragment definitions', () => {
    const source = `query Q($v: Boolean @deprecated) @deprecated { __typename @skip(if: false) ...F @include(if: true) }
      fragment F on Query @deprecated { __typename }`;
    expect(exceeded(source, { maxDirectives: 5 })).toBeUndefined();
    expect(exceeded(source, { maxDirectives: 4 })).toBe('directives');
  });

  it('counts selections with every fragment spread expanded', () => {
    // Two spreads of a three-field fragment: 2 × (1 spread + 3 fields).
    const source = '{ ...F ...F } fragment F on Query { __typename a: __typename b: __typename }';
    expect(exceeded(source, { maxSelections: 8 })).toBeUndefined();
    expect(exceeded(source, { maxSelections: 7 })).toBe('selections');
  });

  it('counts what @skip and @include leave out, whatever the variables', () => {
    const deep = nested(5).replace('{ device {', '{ device @skip(if: $skip) {');
    expect(exceeded(`query($skip: Boolean!) ${deep}`, { maxDepth: 4 })).toBe('depth');
    expect(exceeded('{ ... @include(if: false) { a: __typename b: __typename } }', { maxAliases: 1 })).toBe('aliases');
  });

  it('stops at the first limit exceeded, so a fragment bomb costs no more than the limit', () => {
    const bomb = ['{ ...F0 }'];
    for (let level = 0; level < 40; level += 1)
      bomb.push(`fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`);
    bomb.push('fragment F40 on Query { __typename }');
    expect(exceeded(bomb.join('\n'))).toBe('selections');
  });

  it(`refuses selection sets nested deeper than ${MAX_NESTING}, whatever maxDepth says`, () => {
    const inline = (depth: number) => `{ ${'... { '.repeat(depth)} __typename ${'} '.repeat(depth)} }`;
    const unbounded = { maxDepth: 100_000, maxSelections: 100_000 };
    expect(exceeded(inline(MAX_NESTING), unbounded)).toBeUndefined();
    expect(exceeded(inline(MAX_NESTING + 1), unbounded)).toBe('depth');
  });

  it('leaves unknown and cyclic fragments to graphql-js, counting their spreads', () => {
    expect(
      exceeded('{ ...Missing ...A } fragment A on Query { __typename ...A }', { maxSelections: 4 }),
    ).toBeUndefined();
    expect(exceeded('{ ...Missing ...A } fragment A on Query { __typename ...A }', { maxSelections: 3 })).toBe(
      'selections',
    );
  });
});
