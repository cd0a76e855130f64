import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { type GraphQLSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { EXAMPLE_QUERY } from '../../examples/supergraph/query.ts';
import { ORDERS_SDL } from '../federation/support/orders.ts';
import { USERS_SDL } from '../federation/support/users.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** The API schema of our subgraph composed with the test `users` and `orders` subgraphs. */
function supergraphApiSchema(): GraphQLSchema {
  const result = composeServices([
    {
      name: 'device-intelligence',
      url: 'http://127.0.0.1:4001/graphql',
      typeDefs: parse(readFileSync(SUBGRAPH_SDL_PATH, 'utf8')),
    },
    { name: 'users', url: 'http://127.0.0.1:4002/', typeDefs: parse(USERS_SDL) },
    { name: 'orders', url: 'http://127.0.0.1:4003/', typeDefs: parse(ORDERS_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

/** Root fields other subgraphs own: README examples using them are supergraph queries. */
const SUPERGRAPH_ROOTS = /^\s*\{?\s*(users|orders)\b/m;

/** The `npm run example:supergraph` query, run end to end by test/examples/supergraph.test.ts. */
const isExampleSupergraphQuery = (query: string) => query.replace(/\s+/g, '') === EXAMPLE_QUERY.replace(/\s+/g, '');

/** Every ```graphql block of the README, with the ```json block right after it as variables. */
function readmeQueries(): { query: string; variables?: Record<string, unknown> }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((match) => ({
    kind: match[1],
    body: match[2]!,
    start: match.index,
    end: match.index + match[0].length,
  }));
  return blocks.flatMap((block, index) => {
    if (block.kind !== 'graphql') return [];
    // Schema excerpts (type definitions) are documentation, not operations.
    if (/^\s*(type|extend|directive|schema)\b/m.test(block.body)) return [];
    // Variables are a ```json block right after the query; a JSON block further on is a sample response.
    const next = blocks[index + 1];
    const adjacent = next?.kind === 'json' && readme.slice(block.end, next.start).trim() === '';
    const variables = adjacent ? (JSON.parse(next.body) as Record<string, unknown>) : undefined;
    return [{ query: block.body, ...(variables ? { variables } : {}) }];
  });
}

describe('the README examples', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const queries = readmeQueries();
  it('has examples', () => expect(queries.length).toBeGreaterThanOrEqual(3));

  for (const [index, { query, variables }] of queries.entries()) {
    if (isExampleSupergraphQuery(query)) continue;
    if (SUPERGRAPH_ROOTS.test(query.replace(/^\s*\{\s*/, ''))) {
      it(`example ${index + 1} is a valid supergraph query: ${query.replace(/\s+/g, ' ').slice(0, 60)}…`, () => {
        expect(validate(supergraphApiSchema(), parse(query))).toEqual([]);
      });
      continue;
    }
    it(`example ${index + 1} runs without errors: ${query.replace(/\s+/g, ' ').slice(0, 60)}…`, async () => {
      const response = await harness.query(query, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    });
  }
});
