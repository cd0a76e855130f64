import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { type GraphQLSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../../examples/supergraph/query.ts';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { ORDERS_SDL } from '../federation/support/orders.ts';
import { USERS_SDL } from '../federation/support/users.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { readmeExamples } from '../support/readme.ts';

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

/** The `npm run example:supergraph` query: run end to end by test/examples/supergraph.test.ts. */
const isExampleSupergraphQuery = (query: string) => query.replace(/\s+/g, '') === EXAMPLE_QUERY.replace(/\s+/g, '');

const summary = (query: string) => `${query.replace(/\s+/g, ' ').trim().slice(0, 60)}…`;

describe('the README examples', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const examples = readmeExamples();
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));

  for (const [index, { query, variables, target }] of examples.entries()) {
    if (target === 'supergraph') {
      if (isExampleSupergraphQuery(query)) continue;
      it(`example ${index + 1} is a valid supergraph query: ${summary(query)}`, () => {
        expect(validate(supergraphApiSchema(), parse(query))).toEqual([]);
      });
      continue;
    }
    it(`example ${index + 1} runs without errors: ${summary(query)}`, async () => {
      const response = await harness.query(query, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    });
  }
});
