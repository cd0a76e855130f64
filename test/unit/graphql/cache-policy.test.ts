import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fc from 'fast-check';
import { type GraphQLResolveInfo, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheHints, cachePolicyHooks } from '../../../src/graphql/execution/cache-hints.ts';
import { POLICIES_PER_OPERATION } from '../../../src/graphql/execution/cache-policy.ts';
import { requestHooksPlugin } from '../../../src/graphql/request-hooks.ts';

/**
 * Our document-level cache policy (cache-policy.ts, cache-hints.ts) against Apollo Server's own
 * cache-control plugin, which it replaces: the same schema, resolvers and queries on two servers,
 * one with Apollo's plugin and one with ours, must answer the same `Cache-Control` header. The
 * schema has every kind of hint (type and field maxAge, scopes, `inheritMaxAge` on types and
 * fields, unhinted objects, a union, root fields with and without hints) and resolvers that
 * restrict hints at run time; every object resolves and every list has items, so Apollo's plugin
 * sees every selected field, as ours counts them.
 */

const TYPE_DEFS = `
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  enum CacheControlScope { PUBLIC PRIVATE }

  type Query {
    long: Long
    short: Short @cacheControl(maxAge: 10)
    plain: Plain
    inherit: Inherit
    dyn(maxAge: Int!): Inherit
    dynLong(maxAge: Int!): Long
    pub: Long @cacheControl(scope: PUBLIC)
    scalar: String
    scalarHinted: String @cacheControl(maxAge: 5)
    things: [Thing!]!
    longs: [Long!]!
  }
  type Long @cacheControl(maxAge: 100) {
    name: String
    inherit: Inherit
    plain: Plain
    short: Short
    dyn(maxAge: Int!): Inherit
    private: String @cacheControl(scope: PRIVATE)
    fieldInherit: Plain @cacheControl(inheritMaxAge: true)
    shorts: [Short!]!
  }
  type Short @cacheControl(maxAge: 20, scope: PRIVATE) {
    name: String
    long: Long
    zero: String @cacheControl(maxAge: 0)
    publicLong: Long @cacheControl(maxAge: 50, scope: PUBLIC)
  }
  type Inherit @cacheControl(inheritMaxAge: true) {
    name: String
    long: Long
    inherit: Inherit
    dyn(maxAge: Int!): Long
  }
  type Plain {
    name: String
    long: Long
    inherit: Inherit
  }
  union Thing = Long | Short
`;

interface Context extends BaseContext {
  cacheHints: CacheHints;
}

/** Restricts the field both ways: Apollo's plugin reads `info.cacheControl`, ours the context. */
function restrictBoth(info: GraphQLResolveInfo, context: Context, maxAge: number): void {
  maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge, scope: 'PRIVATE' });
  context.cacheHints.restrict(info, { maxAge, scope: 'PRIVATE' });
}

const object = () => ({});
const dynamic = (_parent: unknown, args: { maxAge: number }, context: Context, info: GraphQLResolveInfo) => {
  restrictBoth(info, context, args.maxAge);
  return {};
};
const name = () => 'x';
const RESOLVERS = {
  Query: {
    long: object,
    short: object,
    plain: object,
    inherit: object,
    dyn: dynamic,
    dynLong: dynamic,
    pub: object,
    scalar: name,
    scalarHinted: name,
    things: () => [{ kind: 'Long' }, { kind: 'Short' }],
    longs: () => [{}, {}],
  },
  Long: {
    name,
    inherit: object,
    plain: object,
    short: object,
    dyn: dynamic,
    private: name,
    fieldInherit: object,
    shorts: () => [{}, {}],
  },
  Short: { name, long: object, zero: name, publicLong: object },
  Inherit: { name, long: object, inherit: object, dyn: dynamic },
  Plain: { name, long: object, inherit: object },
  Thing: { __resolveType: (thing: { kind: string }) => thing.kind },
};

/** Fields per type: name, named type (undefined for scalars), whether it takes `maxAge`. */
const FIELDS: Record<string, [string, string | undefined, boolean][]> = {
  Query: [
    ['long', 'Long', false],
    ['short', 'Short', false],
    ['plain', 'Plain', false],
    ['inherit', 'Inherit', false],
    ['dyn', 'Inherit', true],
    ['dynLong', 'Long', true],
    ['pub', 'Long', false],
    ['scalar', undefined, false],
    ['scalarHinted', undefined, false],
    ['things', 'Thing', false],
    ['longs', 'Long', false],
  ],
  Long: [
    ['name', undefined, false],
    ['inherit', 'Inherit', false],
    ['plain', 'Plain', false],
    ['short', 'Short', false],
    ['dyn', 'Inherit', true],
    ['private', undefined, false],
    ['fieldInherit', 'Plain', false],
    ['shorts', 'Short', false],
  ],
  Short: [
    ['name', undefined, false],
    ['long', 'Long', false],
    ['zero', undefined, false],
    ['publicLong', 'Long', false],
  ],
  Inherit: [
    ['name', undefined, false],
    ['long', 'Long', false],
    ['inherit', 'Inherit', false],
    ['dyn', 'Long', true],
  ],
  Plain: [
    ['name', undefined, false],
    ['long', 'Long', false],
    ['inherit', 'Inherit', false],
  ],
};

/** A small deterministic random source, from fast-check's seed, so a failure names its query. */
class Choices {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    this.#state ^= this.#state << 13;
    this.#state ^= this.#state >>> 17;
    this.#state ^= this.#state << 5;
    return (this.#state >>> 0) / 2 ** 32;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** A random valid query over the schema: aliases, `@skip`/`@include` (literal or variable), fragments. */
function randomQuery(seed: number): { query: string; variables: Record<string, boolean> } {
  const choices = new Choices(seed);
  let alias = 0;
  const fragments: string[] = [];
  const variables: Record<string, boolean> = {};
  const definitions: string[] = [];
  const condition = (): string => {
    if (!choices.chance(0.15)) return '';
    const directive = choices.pick(['skip', 'include']);
    if (choices.chance(0.5)) return ` @${directive}(if: ${choices.pick(['true', 'false'])})`;
    const variable = `v${definitions.length}`;
    const withDefault = choices.chance(0.5);
    definitions.push(`$${variable}: Boolean${withDefault ? ` = ${choices.pick(['true', 'false'])}` : '!'}`);
    if (!withDefault || choices.chance(0.5)) variables[variable] = choices.chance(0.5);
    return ` @${directive}(if: $${variable})`;
  };
  const selection = (type: string, depth: number): string => {
    if (type === 'Thing') {
      const parts = ['__typename'];
      for (const member of ['Long', 'Short']) {
        if (choices.chance(0.7)) parts.push(`... on ${member}${condition()} { ${selection(member, depth + 1)} }`);
      }
      return parts.join(' ');
    }
    const parts: string[] = [];
    for (const [field, target, takesMaxAge] of FIELDS[type] ?? []) {
      if (!choices.chance(target && depth >= 3 ? 0.15 : 0.45)) continue;
      let aliased = '';
      if (takesMaxAge || choices.chance(0.2)) {
        alias += 1;
        aliased = `a${alias}: `;
      }
      const args = takesMaxAge ? `(maxAge: ${choices.pick([0, 5, 15, 30, 200])})` : '';
      const body = target ? ` { ${depth >= 4 ? '__typename' : selection(target, depth + 1)} }` : '';
      parts.push(`${aliased}${field}${args}${condition()}${body}`);
    }
    if (type !== 'Query' && choices.chance(0.15)) {
      const fragment = `F${fragments.length}`;
      fragments.push(`fragment ${fragment} on ${type} { name }`);
      parts.push(`...${fragment}`);
    }
    if (choices.chance(0.1)) parts.push(`... on ${type} { __typename }`);
    // A fragment on a union the type belongs to applies to it as well.
    if ((type === 'Long' || type === 'Short') && depth < 4 && choices.chance(0.2))
      parts.push(`... on Thing { ... on ${type} { ${selection(type, depth + 1)} } }`);
    return parts.length > 0 ? parts.join(' ') : '__typename';
  };
  const body = selection('Query', 0);
  const signature = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
  return { query: [`query Q${signature} { ${body} }`, ...fragments].join('\n'), variables };
}

describe('document cache policy against Apollo Server cache-control plugin', () => {
  let apollos: ApolloServer<Context>;
  let ours: ApolloServer<Context>;

  beforeAll(async () => {
    // Apollo Server builds each its own executable schema from the same definitions.
    apollos = new ApolloServer<Context>({
      typeDefs: TYPE_DEFS,
      resolvers: RESOLVERS,
      plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 0 })],
    });
    ours = new ApolloServer<Context>({
      typeDefs: TYPE_DEFS,
      resolvers: RESOLVERS,
      plugins: [ApolloServerPluginCacheControlDisabled(), requestHooksPlugin<Context>([cachePolicyHooks<Context>()])],
    });
    await Promise.all([apollos.start(), ours.start()]);
  });
  afterAll(() => Promise.all([apollos.stop(), ours.stop()]));

  async function answer(server: ApolloServer<Context>, query: string, variables: Record<string, unknown> = {}) {
    const contextValue = { cacheHints: new CacheHints() };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    return { header: response.http.headers.get('cache-control'), errors: errors.map(({ message }) => message) };
  }

  async function header(server: ApolloServer<Context>, query: string, variables: Record<string, unknown> = {}) {
    return (await answer(server, query, variables)).header;
  }

  async function both(query: string, variables: Record<string, unknown> = {}) {
    return { apollo: await header(apollos, query, variables), ours: await header(ours, query, variables) };
  }

  it.each([
    ['{ long { name } }', 'max-age=100, public'],
    ['{ short { name } }', 'max-age=10, private'],
    ['{ plain { name } }', 'no-store'],
    ['{ inherit { name } }', 'no-store'],
    ['{ dyn(maxAge: 30) { name } }', 'max-age=30, private'],
    ['{ scalar }', 'no-store'],
    ['{ scalarHinted }', 'max-age=5, public'],
    ['{ long { name } short { zero } }', 'no-store'],
    ['{ long { fieldInherit { name } inherit { name } } }', 'max-age=100, public'],
    ['{ long { dyn(maxAge: 15) { long { name } } } }', 'max-age=15, private'],
    ['{ things { ... on Long { name } ... on Short { name } } }', 'no-store'],
    ['{ __typename }', 'no-store'],
    ['{ long { ... on Thing { ... on Long { short { zero } } } } }', 'no-store'],
  ])('%s → %s, as Apollo answers', async (query, expected) => {
    expect(await both(query)).toEqual({ apollo: expected, ours: expected });
  });

  it('applies @skip and @include as execution does, defaults of variables included', async () => {
    const query = 'query($z: Boolean = true) { long { name } short @include(if: $z) { zero } }';
    expect(await both(query)).toEqual({ apollo: 'no-store', ours: 'no-store' });
    expect(await both(query, { z: false })).toEqual({ apollo: 'max-age=100, public', ours: 'max-age=100, public' });
  });

  it('answers no-store to a document that does not parse or validate, as Apollo does', async () => {
    expect(await header(ours, '{ long { name }')).toBe('no-store');
    expect(await header(apollos, '{ nothing }')).toBe('no-store');
    expect(await header(ours, '{ nothing }')).toBe('no-store');
  });

  it('keeps at most POLICIES_PER_OPERATION policies per operation and still answers beyond them', async () => {
    const conditions = Array.from({ length: 6 }, (_, index) => `$c${index}: Boolean!`).join(', ');
    const fields = Array.from({ length: 6 }, (_, index) => `f${index}: short @include(if: $c${index}) { zero }`);
    const query = `query(${conditions}) { long { name } ${fields.join(' ')} }`;
    for (let mask = 0; mask < POLICIES_PER_OPERATION * 2; mask += 1) {
      const variables = Object.fromEntries(
        Array.from({ length: 6 }, (_, index) => [`c${index}`, (mask & (1 << index)) !== 0]),
      );
      const expected = mask % 64 === 0 ? 'max-age=100, public' : 'no-store';
      expect(await both(query, variables)).toEqual({ apollo: expected, ours: expected });
    }
  });

  it('answers what Apollo answers for random queries', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const { query, variables } = randomQuery(seed);
        const asked = `${query}\n${JSON.stringify(variables)}`;
        const [apollo, ourAnswer] = [await answer(apollos, query, variables), await answer(ours, query, variables)];
        // A query that fails would be no-store on both servers and prove nothing.
        expect(ourAnswer.errors, asked).toEqual([]);
        seen.add(apollo.header ?? '');
        expect(ourAnswer.header, asked).toBe(apollo.header);
      }),
      { seed: 20261130, numRuns: 400 },
    );
    // The generated queries reach cacheable answers too, not only no-store.
    expect(seen).toContain('no-store');
    expect([...seen].filter((each) => each.startsWith('max-age=')).length).toBeGreaterThanOrEqual(2);
  });
});

// The generator checked on its own, without a server: a failure here points at it, not at the policy.
describe('randomQuery', () => {
  it('writes documents that parse', () => {
    for (let seed = 1; seed <= 50; seed += 1) expect(() => parse(randomQuery(seed).query)).not.toThrow();
  });
});
