import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, parse, print, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../../examples/supergraph/query.ts';
import { configVariables, loadConfig } from '../../src/config/config.ts';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { ORDERS_SDL } from '../federation/support/orders.ts';
import { USERS_SDL } from '../federation/support/users.ts';
import { codeBlocks, docExamples, isSchemaBlock, shellAssignments, WORKED_POLICY_FILE } from '../support/doc-blocks.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ourSubgraph = () => ({
  name: 'device-intelligence',
  url: 'http://127.0.0.1:4001/graphql',
  typeDefs: parse(readFileSync(SUBGRAPH_SDL_PATH, 'utf8')),
});

/** The API schema of our subgraph composed with the test `users` and `orders` subgraphs. */
function supergraphApiSchema(): GraphQLSchema {
  const result = composeServices([
    ourSubgraph(),
    { name: 'users', url: 'http://127.0.0.1:4002/', typeDefs: parse(USERS_SDL) },
    { name: 'orders', url: 'http://127.0.0.1:4003/', typeDefs: parse(ORDERS_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

/** The `npm run example:supergraph` query: run end to end by test/examples/supergraph.test.ts. */
const isExampleSupergraphQuery = (query: string) => query.replace(/\s+/g, '') === EXAMPLE_QUERY.replace(/\s+/g, '');

const summary = (file: string, query: string) => `${file}: ${query.replace(/\s+/g, ' ').trim().slice(0, 60)}…`;

describe('the queries the docs show', () => {
  let harness: Harness;
  beforeAll(async () => {
    // With the worked policy file of docs/checkpoints.md, whose checkpoints the examples name.
    harness = await startHarness({ RISK_POLICY_FILE: WORKED_POLICY_FILE });
  });
  afterAll(() => harness.close());

  const examples = docExamples();
  it('are there to check', () => expect(examples.length).toBeGreaterThanOrEqual(5));

  for (const { file, query, variables, target } of examples) {
    if (target === 'supergraph') {
      if (isExampleSupergraphQuery(query)) continue;
      it(`is a valid supergraph query: ${summary(file, query)}`, () => {
        expect(validate(supergraphApiSchema(), parse(query))).toEqual([]);
      });
      continue;
    }
    it(`runs without errors: ${summary(file, query)}`, async () => {
      const response = await harness.query(query, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    });
  }
});

/** A vendor's SDL file (docs/adding-a-vendor.md): it extends our own schema rather than composing beside it. */
const isVendorSdl = (body: string) => /^\s*extend enum Vendor\b/m.test(body);

describe('the schema excerpts the docs show', () => {
  const excerpts = codeBlocks().filter((block) => block.language === 'graphql' && isSchemaBlock(block.body));
  for (const [index, { file, body }] of excerpts.entries()) {
    if (isVendorSdl(body)) {
      it(`extend this subgraph's schema into a valid one: ${file}, excerpt ${index + 1}`, () => {
        const typeDefs = parse(`${print(loadTypeDefs())}\n${body}`);
        expect(() => buildSubgraphSchema([{ typeDefs }])).not.toThrow();
      });
      continue;
    }
    it(`compose with this subgraph: ${file}, excerpt ${index + 1}`, () => {
      const result = composeServices([
        ourSubgraph(),
        { name: `excerpt-${index}`, url: 'http://127.0.0.1:4009/', typeDefs: parse(body) },
      ]);
      expect(result.errors?.map((error) => error.message)).toBeUndefined();
    });
  }
});

describe('the environment the docs set in shell commands', () => {
  const assignments = shellAssignments(configVariables());
  for (const { file, name, value } of assignments) {
    it(`is valid configuration: ${file}: ${name}=${value.slice(0, 40)}`, () => {
      expect(() => loadConfig({ [name]: value })).not.toThrow();
    });
  }
});
